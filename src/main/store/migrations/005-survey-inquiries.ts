// Survey answers (anonymous) and inquiries. Free text is refused when it plainly holds personal
// data; what is kept is inside the encrypted store.
export const up = /* sql */ `
CREATE TABLE survey_answers (
  id          INTEGER PRIMARY KEY,
  day         TEXT NOT NULL,
  answered_at TEXT NOT NULL,
  source      TEXT NOT NULL CHECK (source IN ('station', 'paper')),
  answers     TEXT NOT NULL,
  age_band    TEXT,
  comment     TEXT
) STRICT;
CREATE INDEX survey_answers_day ON survey_answers (day);

CREATE TABLE inquiries (
  id         INTEGER PRIMARY KEY,
  day        TEXT NOT NULL,
  created_at TEXT NOT NULL,
  staff_id   INTEGER REFERENCES staff (id),
  category   TEXT NOT NULL,
  text       TEXT NOT NULL,
  resolution TEXT NOT NULL DEFAULT '',
  escalate   INTEGER NOT NULL DEFAULT 0 CHECK (escalate IN (0, 1))
) STRICT;
CREATE INDEX inquiries_day ON inquiries (day);
`;
