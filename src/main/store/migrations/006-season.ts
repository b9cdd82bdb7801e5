// The season: venues and events, staff training and duties, the booth days as opened and closed,
// and which event each fact belongs to (a laptop may serve a school in the morning and a
// supermarket in the afternoon). Rows made before this migration have no event (NULL).
export const up = /* sql */ `
CREATE TABLE venues (
  id         INTEGER PRIMARY KEY,
  name       TEXT NOT NULL UNIQUE,
  address    TEXT NOT NULL DEFAULT '',
  channel    TEXT NOT NULL CHECK (channel IN ('shoppingCentre', 'supermarket', 'workplace', 'school', 'communityCentre', 'other')),
  created_at TEXT NOT NULL
) STRICT;

CREATE TABLE events (
  id         INTEGER PRIMARY KEY,
  venue_id   INTEGER NOT NULL REFERENCES venues (id),
  name       TEXT NOT NULL,
  first_day  TEXT NOT NULL,
  last_day   TEXT NOT NULL CHECK (last_day >= first_day),
  opens      TEXT NOT NULL,
  closes     TEXT NOT NULL CHECK (closes > opens),
  counters   INTEGER NOT NULL CHECK (counters BETWEEN 1 AND 20),
  contacts   TEXT NOT NULL DEFAULT '',
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
) STRICT;
CREATE INDEX events_days ON events (first_day, last_day);

CREATE TABLE staff_training (
  id          INTEGER PRIMARY KEY,
  staff_id    INTEGER NOT NULL REFERENCES staff (id),
  held_on     TEXT NOT NULL,
  topic       TEXT NOT NULL CHECK (topic IN ('conduct', 'ethics', 'privacy', 'procedure')),
  trainer     TEXT NOT NULL,
  recorded_at TEXT NOT NULL,
  recorded_by TEXT NOT NULL
) STRICT;
CREATE INDEX staff_training_staff ON staff_training (staff_id);

CREATE TABLE event_duties (
  event_id INTEGER NOT NULL REFERENCES events (id),
  staff_id INTEGER NOT NULL REFERENCES staff (id),
  duty     TEXT NOT NULL CHECK (duty IN ('chief', 'reception', 'formHelp', 'photo', 'onlineHelp', 'guide')),
  PRIMARY KEY (event_id, staff_id, duty)
) STRICT;

CREATE TABLE booth_days (
  id         INTEGER PRIMARY KEY,
  day        TEXT NOT NULL,
  event_id   INTEGER NOT NULL REFERENCES events (id),
  opened_at  TEXT NOT NULL,
  closed_at  TEXT,
  staff_ids  TEXT NOT NULL,
  counters   INTEGER NOT NULL
) STRICT;
CREATE INDEX booth_days_day ON booth_days (day, event_id);

ALTER TABLE visits ADD COLUMN event_id INTEGER REFERENCES events (id);
ALTER TABLE queue_tickets ADD COLUMN event_id INTEGER REFERENCES events (id);
ALTER TABLE incentives ADD COLUMN event_id INTEGER REFERENCES events (id);
ALTER TABLE survey_answers ADD COLUMN event_id INTEGER REFERENCES events (id);
ALTER TABLE inquiries ADD COLUMN event_id INTEGER REFERENCES events (id);
CREATE INDEX visits_event_day ON visits (event_id, day);
CREATE INDEX survey_answers_event_day ON survey_answers (event_id, day);
`;
