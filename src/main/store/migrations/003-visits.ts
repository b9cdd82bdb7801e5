// What each visit was: services given, how many applied, their age bands, the outcome. The id is
// the visit's random id; nothing here identifies a person.
export const up = /* sql */ `
CREATE TABLE visits (
  id            TEXT PRIMARY KEY,
  day           TEXT NOT NULL,
  started_at    TEXT NOT NULL,
  ended_at      TEXT,
  end_reason    TEXT,
  ticket_number INTEGER,
  staff_id      INTEGER REFERENCES staff (id),
  services      TEXT NOT NULL DEFAULT '[]',
  applicants    INTEGER NOT NULL DEFAULT 1 CHECK (applicants BETWEEN 0 AND 10),
  age_bands     TEXT NOT NULL DEFAULT '[]',
  outcome       TEXT NOT NULL DEFAULT 'none'
) STRICT;
CREATE INDEX visits_day ON visits (day);
`;
