-- 0001_init: the whole schema the kiosk starts with. See db/README.md for the design.
--
-- Two kinds of rows:
--   * hub content (stations, blocks, service_lines, services, sites, media, events,
--     walkin_kinds, volunteers, kiosk_keys, revocations): the hub owns them; each row carries
--     the hub's revision (rev) and a tombstone flag (deleted) so that a deletion can travel
--     through sync like any other change and rows the kiosk's own records point to survive.
--   * kiosk records (signups, checkins, walkins, duty_log, audit_log): made here, with an id
--     made here (src/core/ids.h), the kiosk's id and a sync state.
-- Times are UTC unix seconds in columns named *_utc.
-- Bilingual text: x_zh / x_en. x_en NULL falls back to x_zh (the UI does the fallback).
-- Required texts have x_zh NOT NULL; optional ones (hours, place, contact...) may be NULL
-- in both languages when unknown, but never English without Chinese.
--
-- This script runs inside a transaction opened by db.c, with foreign keys off; db.c runs
-- PRAGMA foreign_key_check before committing and sets user_version itself.

CREATE TABLE meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
) WITHOUT ROWID;

-- Hub content ---------------------------------------------------------------------------

CREATE TABLE stations (
    id          TEXT PRIMARY KEY,
    name_zh     TEXT NOT NULL,
    name_en     TEXT,
    intro_zh    TEXT,
    intro_en    TEXT CHECK (intro_en IS NULL OR intro_zh IS NOT NULL),
    -- metres from the riverside's upstream end (0..3000); NULL = position unknown
    river_pos_m INTEGER CHECK (river_pos_m IS NULL OR river_pos_m BETWEEN 0 AND 3000),
    sort        INTEGER NOT NULL DEFAULT 0,
    rev         INTEGER NOT NULL DEFAULT 0,
    deleted     INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1))
);

CREATE TABLE blocks (
    id            TEXT PRIMARY KEY,           -- 'chuangyi', 'yile', 'renwen'
    name_zh       TEXT NOT NULL,
    name_en       TEXT,
    where_zh      TEXT,
    where_en      TEXT CHECK (where_en IS NULL OR where_zh IS NOT NULL),
    character_zh  TEXT,
    character_en  TEXT CHECK (character_en IS NULL OR character_zh IS NOT NULL),
    alliance_zh   TEXT,                       -- the block's party-building alliance
    alliance_en   TEXT CHECK (alliance_en IS NULL OR alliance_zh IS NOT NULL),
    convention_zh TEXT,                       -- 街区公约 text
    convention_en TEXT CHECK (convention_en IS NULL OR convention_zh IS NOT NULL),
    sort          INTEGER NOT NULL DEFAULT 0,
    rev           INTEGER NOT NULL DEFAULT 0,
    deleted       INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1))
);

CREATE TABLE service_lines (
    id         TEXT PRIMARY KEY,
    name_zh    TEXT NOT NULL,
    name_en    TEXT,
    summary_zh TEXT,
    summary_en TEXT CHECK (summary_en IS NULL OR summary_zh IS NOT NULL),
    sort       INTEGER NOT NULL DEFAULT 0,
    rev        INTEGER NOT NULL DEFAULT 0,
    deleted    INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1))
);

-- Content-to-content references are DEFERRABLE INITIALLY DEFERRED: a sync page is applied in
-- one transaction and may bring a service before the block it points to.
CREATE TABLE services (
    id          TEXT PRIMARY KEY,
    kind        TEXT NOT NULL DEFAULT 'service' CHECK (kind IN ('service', 'project')),
    series      TEXT CHECK (series IS NULL OR series IN ('he', 'mei')),  -- 和 / 美 series
    title_zh    TEXT NOT NULL,
    title_en    TEXT,
    summary_zh  TEXT,
    summary_en  TEXT CHECK (summary_en IS NULL OR summary_zh IS NOT NULL),
    offers_zh   TEXT,
    offers_en   TEXT CHECK (offers_en IS NULL OR offers_zh IS NOT NULL),
    audience_zh TEXT,
    audience_en TEXT CHECK (audience_en IS NULL OR audience_zh IS NOT NULL),
    hours_zh    TEXT,
    hours_en    TEXT CHECK (hours_en IS NULL OR hours_zh IS NOT NULL),
    place_zh    TEXT,
    place_en    TEXT CHECK (place_en IS NULL OR place_zh IS NOT NULL),
    contact_zh  TEXT,
    contact_en  TEXT CHECK (contact_en IS NULL OR contact_zh IS NOT NULL),
    link_url    TEXT,                         -- shown as a QR code
    block_id    TEXT REFERENCES blocks (id) DEFERRABLE INITIALLY DEFERRED,
    line_id     TEXT REFERENCES service_lines (id) DEFERRABLE INITIALLY DEFERRED,
    sort        INTEGER NOT NULL DEFAULT 0,
    rev         INTEGER NOT NULL DEFAULT 0,
    deleted     INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1))
);
CREATE INDEX services_by_sort ON services (sort, id) WHERE deleted = 0;

-- Content-addressed images. Immutable: a changed photo is a new hash.
CREATE TABLE media (
    hash  TEXT PRIMARY KEY,                   -- lowercase hex of the content hash
    mime  TEXT NOT NULL,
    bytes BLOB NOT NULL,
    rev   INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE sites (
    id          TEXT PRIMARY KEY,
    name_zh     TEXT NOT NULL,
    name_en     TEXT,
    intro_zh    TEXT,
    intro_en    TEXT CHECK (intro_en IS NULL OR intro_zh IS NOT NULL),
    hours_zh    TEXT,
    hours_en    TEXT CHECK (hours_en IS NULL OR hours_zh IS NOT NULL),
    location_zh TEXT,
    location_en TEXT CHECK (location_en IS NULL OR location_zh IS NOT NULL),
    river_pos_m INTEGER CHECK (river_pos_m IS NULL OR river_pos_m BETWEEN 0 AND 3000),
    -- No foreign key: the photo's bytes may arrive after the site; the UI shows a placeholder
    -- until media has the hash.
    photo_hash  TEXT,
    link_url    TEXT,
    sort        INTEGER NOT NULL DEFAULT 0,
    rev         INTEGER NOT NULL DEFAULT 0,
    deleted     INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1))
);
CREATE INDEX sites_by_sort ON sites (sort, id) WHERE deleted = 0;

CREATE TABLE events (
    id                  TEXT PRIMARY KEY,
    kind                TEXT NOT NULL CHECK (kind IN ('consult', 'experience', 'charity',
                                                      'support', 'ceremony', 'issues', 'other')),
    title_zh            TEXT NOT NULL,
    title_en            TEXT,
    summary_zh          TEXT,
    summary_en          TEXT CHECK (summary_en IS NULL OR summary_zh IS NOT NULL),
    block_id            TEXT REFERENCES blocks (id) DEFERRABLE INITIALLY DEFERRED,
    host_zh             TEXT,
    host_en             TEXT CHECK (host_en IS NULL OR host_zh IS NOT NULL),
    place_zh            TEXT,
    place_en            TEXT CHECK (place_en IS NULL OR place_zh IS NOT NULL),
    starts_utc          INTEGER NOT NULL,
    ends_utc            INTEGER NOT NULL CHECK (ends_utc >= starts_utc),
    signup_deadline_utc INTEGER,              -- NULL: sign-up open until the start
    capacity            INTEGER CHECK (capacity IS NULL OR capacity > 0),  -- NULL: no sign-up
    max_party           INTEGER NOT NULL DEFAULT 1 CHECK (max_party >= 1),
    seats_held          INTEGER NOT NULL DEFAULT 0 CHECK (seats_held >= 0),  -- this kiosk may
                                                                            -- confirm offline
    link_url            TEXT,
    rev                 INTEGER NOT NULL DEFAULT 0,
    deleted             INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1))
);
-- "Upcoming" = ends_utc > now, ordered by start: a range on ends_utc, optionally per block
-- or kind. The WHERE deleted = 0 must appear literally in queries for these to be used.
CREATE INDEX events_upcoming ON events (ends_utc) WHERE deleted = 0;
CREATE INDEX events_by_block ON events (block_id, ends_utc) WHERE deleted = 0;
CREATE INDEX events_by_kind ON events (kind, ends_utc) WHERE deleted = 0;

CREATE TABLE walkin_kinds (
    id      TEXT PRIMARY KEY,
    name_zh TEXT NOT NULL,
    name_en TEXT,
    sort    INTEGER NOT NULL DEFAULT 0,
    rev     INTEGER NOT NULL DEFAULT 0,
    deleted INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1))
);

CREATE TABLE volunteers (
    id       TEXT PRIMARY KEY,
    name_zh  TEXT NOT NULL,                   -- display name
    name_en  TEXT,
    pin_hash TEXT NOT NULL,                   -- libsodium crypto_pwhash_str
    active   INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
    rev      INTEGER NOT NULL DEFAULT 0,
    deleted  INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1))
);

-- Public keys that sign tickets (one or more per kiosk, and the hub's).
CREATE TABLE kiosk_keys (
    key_id          TEXT PRIMARY KEY,
    kiosk_id        TEXT NOT NULL,
    public_key      BLOB NOT NULL CHECK (length(public_key) = 32),  -- Ed25519
    valid_from_utc  INTEGER NOT NULL,
    valid_until_utc INTEGER,
    revoked_utc     INTEGER,
    rev             INTEGER NOT NULL DEFAULT 0,
    deleted         INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1))
);

-- Tickets that must no longer be accepted (cancelled elsewhere, reissued...).
CREATE TABLE revocations (
    ticket_code TEXT PRIMARY KEY,
    event_id    TEXT,                         -- no foreign key: may name an unknown event
    revoked_utc INTEGER NOT NULL,
    rev         INTEGER NOT NULL DEFAULT 0,
    deleted     INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1))
);

-- Kiosk records ---------------------------------------------------------------------------
-- id: 26-char ULID made on the kiosk (src/core/ids.h); kiosk_id: the maker;
-- sync_state: 'pending' (to push: new or changed), 'synced' (hub accepted this version),
-- 'rejected' (hub refused; set aside, never blocks the queue).
-- References to content are immediate: a record pointing at nothing is a bug to see now.

CREATE TABLE signups (
    id          TEXT PRIMARY KEY CHECK (length(id) = 26),
    event_id    TEXT NOT NULL REFERENCES events (id),
    phone       TEXT,                         -- personal data: purged after retention
    phone_last4 TEXT CHECK (phone_last4 IS NULL OR length(phone_last4) = 4),
    surname     TEXT,
    title       TEXT CHECK (title IS NULL OR title IN ('先生', '女士')),
    party_size  INTEGER NOT NULL CHECK (party_size >= 1),
    status      TEXT NOT NULL CHECK (status IN ('confirmed', 'waitlist', 'pending', 'cancelled')),
    ticket_code TEXT UNIQUE,
    created_utc INTEGER NOT NULL,
    updated_utc INTEGER NOT NULL,
    kiosk_id    TEXT NOT NULL,
    sync_state  TEXT NOT NULL DEFAULT 'pending'
                CHECK (sync_state IN ('pending', 'synced', 'rejected'))
);
CREATE INDEX signups_by_event ON signups (event_id, status);
CREATE INDEX signups_to_push ON signups (id) WHERE sync_state = 'pending';
-- Retention: phones are cleared once their event ended more than retention_days ago.
CREATE INDEX signups_to_purge ON signups (event_id) WHERE phone IS NOT NULL;

-- Append-only (triggers below): a check-in is a fact; only its sync_state changes.
CREATE TABLE checkins (
    id           TEXT PRIMARY KEY CHECK (length(id) = 26),
    signup_id    TEXT REFERENCES signups (id), -- a sign-up made on this kiosk, or NULL
    ticket_code  TEXT,                         -- the scanned code (sign-ups made elsewhere)
    event_id     TEXT NOT NULL REFERENCES events (id),
    count        INTEGER NOT NULL CHECK (count >= 1),
    volunteer_id TEXT REFERENCES volunteers (id),
    created_utc  INTEGER NOT NULL,
    kiosk_id     TEXT NOT NULL,
    sync_state   TEXT NOT NULL DEFAULT 'pending'
                 CHECK (sync_state IN ('pending', 'synced', 'rejected')),
    CHECK (signup_id IS NOT NULL OR ticket_code IS NOT NULL)
);
CREATE INDEX checkins_by_event ON checkins (event_id);
CREATE INDEX checkins_by_ticket ON checkins (ticket_code) WHERE ticket_code IS NOT NULL;
CREATE INDEX checkins_by_signup ON checkins (signup_id) WHERE signup_id IS NOT NULL;
CREATE INDEX checkins_to_push ON checkins (id) WHERE sync_state = 'pending';

-- Walk-in tally: +1 per visitor, -1 to undo a mistaken tap. Append-only.
CREATE TABLE walkins (
    id          TEXT PRIMARY KEY CHECK (length(id) = 26),
    kind_id     TEXT NOT NULL REFERENCES walkin_kinds (id),
    delta       INTEGER NOT NULL CHECK (delta IN (1, -1)),
    created_utc INTEGER NOT NULL,
    kiosk_id    TEXT NOT NULL,
    sync_state  TEXT NOT NULL DEFAULT 'pending'
                CHECK (sync_state IN ('pending', 'synced', 'rejected'))
);
CREATE INDEX walkins_by_time ON walkins (created_utc);
CREATE INDEX walkins_to_push ON walkins (id) WHERE sync_state = 'pending';

CREATE TABLE duty_log (
    id           TEXT PRIMARY KEY CHECK (length(id) = 26),
    volunteer_id TEXT NOT NULL REFERENCES volunteers (id),
    on_utc       INTEGER NOT NULL,
    off_utc      INTEGER CHECK (off_utc IS NULL OR off_utc >= on_utc),  -- NULL: still on duty
    kiosk_id     TEXT NOT NULL,
    sync_state   TEXT NOT NULL DEFAULT 'pending'
                 CHECK (sync_state IN ('pending', 'synced', 'rejected'))
);
CREATE INDEX duty_log_open ON duty_log (volunteer_id) WHERE off_utc IS NULL;
CREATE INDEX duty_log_to_push ON duty_log (id) WHERE sync_state = 'pending';

-- What happened, for the station's staff and the hub. Never personal data: 'what' is an
-- action code (e.g. 'volunteer.login'), 'ref' the id of the row it touched, if any.
CREATE TABLE audit_log (
    id          TEXT PRIMARY KEY CHECK (length(id) = 26),
    what        TEXT NOT NULL,
    ref         TEXT,
    created_utc INTEGER NOT NULL,
    kiosk_id    TEXT NOT NULL,
    sync_state  TEXT NOT NULL DEFAULT 'pending'
                CHECK (sync_state IN ('pending', 'synced', 'rejected'))
);
CREATE INDEX audit_log_by_time ON audit_log (created_utc);
CREATE INDEX audit_log_to_push ON audit_log (id) WHERE sync_state = 'pending';

-- Append-only facts: only sync_state may change, and a row may be deleted (retention) only
-- once the hub has it.
CREATE TRIGGER checkins_append_only
BEFORE UPDATE OF id, signup_id, ticket_code, event_id, count, volunteer_id, created_utc,
                 kiosk_id ON checkins
BEGIN
    SELECT RAISE(ABORT, 'checkins are append-only');
END;
CREATE TRIGGER checkins_keep_unsynced
BEFORE DELETE ON checkins WHEN OLD.sync_state <> 'synced'
BEGIN
    SELECT RAISE(ABORT, 'unsynced checkins cannot be deleted');
END;

CREATE TRIGGER walkins_append_only
BEFORE UPDATE OF id, kind_id, delta, created_utc, kiosk_id ON walkins
BEGIN
    SELECT RAISE(ABORT, 'walkins are append-only');
END;
CREATE TRIGGER walkins_keep_unsynced
BEFORE DELETE ON walkins WHEN OLD.sync_state <> 'synced'
BEGIN
    SELECT RAISE(ABORT, 'unsynced walkins cannot be deleted');
END;

CREATE TRIGGER audit_log_append_only
BEFORE UPDATE OF id, what, ref, created_utc, kiosk_id ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'audit_log is append-only');
END;
CREATE TRIGGER audit_log_keep_unsynced
BEFORE DELETE ON audit_log WHEN OLD.sync_state <> 'synced'
BEGIN
    SELECT RAISE(ABORT, 'unsynced audit_log rows cannot be deleted');
END;
