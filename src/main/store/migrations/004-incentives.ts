// Incentive payments (the city's 記念品・特典 for applicants who can no longer get マイナポイント).
// A person is a keyed hash of their kana name and birth date: never the name itself.
export const up = /* sql */ `
CREATE TABLE incentives (
  id         INTEGER PRIMARY KEY,
  person     TEXT NOT NULL,
  amount_yen INTEGER NOT NULL CHECK (amount_yen > 0),
  day        TEXT NOT NULL,
  paid_at    TEXT NOT NULL,
  staff_id   INTEGER REFERENCES staff (id),
  visit_id   TEXT
) STRICT;
CREATE INDEX incentives_person ON incentives (person);
CREATE INDEX incentives_day ON incentives (day);
`;
