// Documents the city wants before each event (run sheet, flyer, survey form) and the roster of
// staff handling personal data: each made version, with its date and hash, and when it was
// submitted. The PDFs themselves are written to a folder the lead chooses, not kept here.
export const up = /* sql */ `
CREATE TABLE documents (
  id           INTEGER PRIMARY KEY,
  event_id     INTEGER REFERENCES events (id),
  kind         TEXT NOT NULL CHECK (kind IN ('runSheet', 'flyer', 'surveyForm', 'roster')),
  version      INTEGER NOT NULL CHECK (version > 0),
  made_at      TEXT NOT NULL,
  made_by      TEXT NOT NULL,
  sha256       TEXT NOT NULL,
  file         TEXT NOT NULL,
  submitted_at TEXT,
  submitted_by TEXT,
  UNIQUE (event_id, kind, version)
) STRICT;
`;
