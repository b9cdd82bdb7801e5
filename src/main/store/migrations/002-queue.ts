// Queue tickets (整理券): a number per day, when it was issued, called and finished. No names.
export const up = /* sql */ `
CREATE TABLE queue_tickets (
  id        INTEGER PRIMARY KEY,
  day       TEXT NOT NULL,
  number    INTEGER NOT NULL CHECK (number > 0),
  issued_at TEXT NOT NULL,
  called_at TEXT,
  counter   INTEGER,
  done_at   TEXT,
  skipped   INTEGER NOT NULL DEFAULT 0 CHECK (skipped IN (0, 1)),
  UNIQUE (day, number)
) STRICT;
CREATE INDEX queue_tickets_waiting ON queue_tickets (day, called_at, skipped);
CREATE INDEX queue_tickets_done ON queue_tickets (done_at) WHERE done_at IS NOT NULL;
`;
