// Reports and the office's merge: opinions as staff confirmed them after redaction, the devices
// whose bundles the office trusts, what it imported (figures per device, event and day; confirmed
// opinions; incentive hashes so nobody is paid at two booths), and issuance by age band.
export const up = /* sql */ `
CREATE TABLE opinion_reviews (
  source      TEXT NOT NULL CHECK (source IN ('survey', 'inquiry')),
  source_id   INTEGER NOT NULL,
  text        TEXT NOT NULL,
  excluded    INTEGER NOT NULL DEFAULT 0 CHECK (excluded IN (0, 1)),
  reviewed_by TEXT NOT NULL,
  reviewed_at TEXT NOT NULL,
  PRIMARY KEY (source, source_id)
) STRICT;

CREATE TABLE bundle_devices (
  device_id     TEXT PRIMARY KEY,
  public_key    TEXT NOT NULL,
  fingerprint   TEXT NOT NULL,
  label         TEXT NOT NULL DEFAULT '',
  registered_at TEXT NOT NULL
) STRICT;

CREATE TABLE bundle_imports (
  bundle_id   TEXT PRIMARY KEY,
  device_id   TEXT NOT NULL,
  sha256      TEXT NOT NULL,
  exported_at TEXT NOT NULL,
  imported_at TEXT NOT NULL,
  days        INTEGER NOT NULL
) STRICT;

CREATE TABLE imported_figures (
  device_id TEXT NOT NULL,
  event_id  INTEGER NOT NULL,
  day       TEXT NOT NULL,
  figures   TEXT NOT NULL,
  bundle_id TEXT NOT NULL,
  PRIMARY KEY (device_id, event_id, day)
) STRICT;
CREATE INDEX imported_figures_day ON imported_figures (day);

CREATE TABLE imported_opinions (
  device_id TEXT NOT NULL,
  source    TEXT NOT NULL,
  source_id INTEGER NOT NULL,
  day       TEXT NOT NULL,
  venue     TEXT NOT NULL,
  kind      TEXT NOT NULL,
  text      TEXT NOT NULL,
  PRIMARY KEY (device_id, source, source_id)
) STRICT;

CREATE TABLE imported_incentives (
  person     TEXT NOT NULL,
  device_id  TEXT NOT NULL,
  day        TEXT NOT NULL,
  amount_yen INTEGER NOT NULL,
  PRIMARY KEY (person, device_id, day)
) STRICT;
CREATE INDEX imported_incentives_person ON imported_incentives (person);

CREATE TABLE issuance (
  band        TEXT PRIMARY KEY,
  population  INTEGER NOT NULL CHECK (population >= 0),
  issued      INTEGER NOT NULL CHECK (issued >= 0),
  as_of       TEXT NOT NULL,
  imported_at TEXT NOT NULL
) STRICT;
`;
