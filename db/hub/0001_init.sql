-- hub/0001_init: the hub's database (yikong-hub). See src/hub/README.md.
--
-- Applied by src/hub/hub_store.c (not by the kiosk: the kiosk's runner reads only
-- migrations/), each migration in its own transaction; user_version counts them.
--
-- Three kinds of tables:
--   * content (stations ... revocations): the same columns as the kiosk's cache
--     (db/migrations/0001_init.sql), so the kiosk applies a row as it comes. The hub owns
--     them; rows are never deleted, a deletion is a tombstone (deleted = 1).
--   * the change log (changes): one row per content row (and per kiosk-addressed row:
--     allotments, sign-up outcomes), whose seq is the cursor kiosks pull with. Triggers put
--     a row there in the same transaction as the change, with a new seq (AUTOINCREMENT never
--     reuses or goes back), so a change committed later always has a larger seq.
--   * kiosks, enrolment codes and the records kiosks push (signups, checkins, walkins,
--     duty_log, audit_log), each keyed by the kiosk-made id: a retried push is stored once.
-- Times are UTC unix seconds in *_utc columns.

CREATE TABLE meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
) WITHOUT ROWID;

-- Content (hub-owned; same columns as the kiosk's tables) --------------------------------

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
    seats_held          INTEGER NOT NULL DEFAULT 0 CHECK (seats_held >= 0),  -- unused on the hub: each kiosk
                                                                            -- gets its allotment here
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


-- Deletions are tombstones: a hard delete would never reach the kiosks.
CREATE TRIGGER stations_ins AFTER INSERT ON stations BEGIN
    DELETE FROM changes WHERE tbl = 'stations' AND row_id = NEW.id AND audience = '';
    INSERT INTO changes (tbl, row_id, audience) VALUES ('stations', NEW.id, '');
END;
CREATE TRIGGER stations_upd AFTER UPDATE ON stations BEGIN
    DELETE FROM changes WHERE tbl = 'stations' AND row_id = NEW.id AND audience = '';
    INSERT INTO changes (tbl, row_id, audience) VALUES ('stations', NEW.id, '');
END;
CREATE TRIGGER stations_no_delete BEFORE DELETE ON stations BEGIN
    SELECT RAISE(ABORT, 'stations: set deleted = 1 instead (tombstone)');
END;
CREATE TRIGGER blocks_ins AFTER INSERT ON blocks BEGIN
    DELETE FROM changes WHERE tbl = 'blocks' AND row_id = NEW.id AND audience = '';
    INSERT INTO changes (tbl, row_id, audience) VALUES ('blocks', NEW.id, '');
END;
CREATE TRIGGER blocks_upd AFTER UPDATE ON blocks BEGIN
    DELETE FROM changes WHERE tbl = 'blocks' AND row_id = NEW.id AND audience = '';
    INSERT INTO changes (tbl, row_id, audience) VALUES ('blocks', NEW.id, '');
END;
CREATE TRIGGER blocks_no_delete BEFORE DELETE ON blocks BEGIN
    SELECT RAISE(ABORT, 'blocks: set deleted = 1 instead (tombstone)');
END;
CREATE TRIGGER service_lines_ins AFTER INSERT ON service_lines BEGIN
    DELETE FROM changes WHERE tbl = 'service_lines' AND row_id = NEW.id AND audience = '';
    INSERT INTO changes (tbl, row_id, audience) VALUES ('service_lines', NEW.id, '');
END;
CREATE TRIGGER service_lines_upd AFTER UPDATE ON service_lines BEGIN
    DELETE FROM changes WHERE tbl = 'service_lines' AND row_id = NEW.id AND audience = '';
    INSERT INTO changes (tbl, row_id, audience) VALUES ('service_lines', NEW.id, '');
END;
CREATE TRIGGER service_lines_no_delete BEFORE DELETE ON service_lines BEGIN
    SELECT RAISE(ABORT, 'service_lines: set deleted = 1 instead (tombstone)');
END;
CREATE TRIGGER services_ins AFTER INSERT ON services BEGIN
    DELETE FROM changes WHERE tbl = 'services' AND row_id = NEW.id AND audience = '';
    INSERT INTO changes (tbl, row_id, audience) VALUES ('services', NEW.id, '');
END;
CREATE TRIGGER services_upd AFTER UPDATE ON services BEGIN
    DELETE FROM changes WHERE tbl = 'services' AND row_id = NEW.id AND audience = '';
    INSERT INTO changes (tbl, row_id, audience) VALUES ('services', NEW.id, '');
END;
CREATE TRIGGER services_no_delete BEFORE DELETE ON services BEGIN
    SELECT RAISE(ABORT, 'services: set deleted = 1 instead (tombstone)');
END;
CREATE TRIGGER media_ins AFTER INSERT ON media BEGIN
    DELETE FROM changes WHERE tbl = 'media' AND row_id = NEW.hash AND audience = '';
    INSERT INTO changes (tbl, row_id, audience) VALUES ('media', NEW.hash, '');
END;
CREATE TRIGGER media_upd AFTER UPDATE ON media BEGIN
    DELETE FROM changes WHERE tbl = 'media' AND row_id = NEW.hash AND audience = '';
    INSERT INTO changes (tbl, row_id, audience) VALUES ('media', NEW.hash, '');
END;
CREATE TRIGGER media_no_delete BEFORE DELETE ON media BEGIN
    SELECT RAISE(ABORT, 'media: set deleted = 1 instead (tombstone)');
END;
CREATE TRIGGER sites_ins AFTER INSERT ON sites BEGIN
    DELETE FROM changes WHERE tbl = 'sites' AND row_id = NEW.id AND audience = '';
    INSERT INTO changes (tbl, row_id, audience) VALUES ('sites', NEW.id, '');
END;
CREATE TRIGGER sites_upd AFTER UPDATE ON sites BEGIN
    DELETE FROM changes WHERE tbl = 'sites' AND row_id = NEW.id AND audience = '';
    INSERT INTO changes (tbl, row_id, audience) VALUES ('sites', NEW.id, '');
END;
CREATE TRIGGER sites_no_delete BEFORE DELETE ON sites BEGIN
    SELECT RAISE(ABORT, 'sites: set deleted = 1 instead (tombstone)');
END;
CREATE TRIGGER events_ins AFTER INSERT ON events BEGIN
    DELETE FROM changes WHERE tbl = 'events' AND row_id = NEW.id AND audience = '';
    INSERT INTO changes (tbl, row_id, audience) VALUES ('events', NEW.id, '');
END;
CREATE TRIGGER events_upd AFTER UPDATE ON events BEGIN
    DELETE FROM changes WHERE tbl = 'events' AND row_id = NEW.id AND audience = '';
    INSERT INTO changes (tbl, row_id, audience) VALUES ('events', NEW.id, '');
END;
CREATE TRIGGER events_no_delete BEFORE DELETE ON events BEGIN
    SELECT RAISE(ABORT, 'events: set deleted = 1 instead (tombstone)');
END;
CREATE TRIGGER walkin_kinds_ins AFTER INSERT ON walkin_kinds BEGIN
    DELETE FROM changes WHERE tbl = 'walkin_kinds' AND row_id = NEW.id AND audience = '';
    INSERT INTO changes (tbl, row_id, audience) VALUES ('walkin_kinds', NEW.id, '');
END;
CREATE TRIGGER walkin_kinds_upd AFTER UPDATE ON walkin_kinds BEGIN
    DELETE FROM changes WHERE tbl = 'walkin_kinds' AND row_id = NEW.id AND audience = '';
    INSERT INTO changes (tbl, row_id, audience) VALUES ('walkin_kinds', NEW.id, '');
END;
CREATE TRIGGER walkin_kinds_no_delete BEFORE DELETE ON walkin_kinds BEGIN
    SELECT RAISE(ABORT, 'walkin_kinds: set deleted = 1 instead (tombstone)');
END;
CREATE TRIGGER volunteers_ins AFTER INSERT ON volunteers BEGIN
    DELETE FROM changes WHERE tbl = 'volunteers' AND row_id = NEW.id AND audience = '';
    INSERT INTO changes (tbl, row_id, audience) VALUES ('volunteers', NEW.id, '');
END;
CREATE TRIGGER volunteers_upd AFTER UPDATE ON volunteers BEGIN
    DELETE FROM changes WHERE tbl = 'volunteers' AND row_id = NEW.id AND audience = '';
    INSERT INTO changes (tbl, row_id, audience) VALUES ('volunteers', NEW.id, '');
END;
CREATE TRIGGER volunteers_no_delete BEFORE DELETE ON volunteers BEGIN
    SELECT RAISE(ABORT, 'volunteers: set deleted = 1 instead (tombstone)');
END;
CREATE TRIGGER kiosk_keys_ins AFTER INSERT ON kiosk_keys BEGIN
    DELETE FROM changes WHERE tbl = 'kiosk_keys' AND row_id = NEW.key_id AND audience = '';
    INSERT INTO changes (tbl, row_id, audience) VALUES ('kiosk_keys', NEW.key_id, '');
END;
CREATE TRIGGER kiosk_keys_upd AFTER UPDATE ON kiosk_keys BEGIN
    DELETE FROM changes WHERE tbl = 'kiosk_keys' AND row_id = NEW.key_id AND audience = '';
    INSERT INTO changes (tbl, row_id, audience) VALUES ('kiosk_keys', NEW.key_id, '');
END;
CREATE TRIGGER kiosk_keys_no_delete BEFORE DELETE ON kiosk_keys BEGIN
    SELECT RAISE(ABORT, 'kiosk_keys: set deleted = 1 instead (tombstone)');
END;
CREATE TRIGGER revocations_ins AFTER INSERT ON revocations BEGIN
    DELETE FROM changes WHERE tbl = 'revocations' AND row_id = NEW.ticket_code AND audience = '';
    INSERT INTO changes (tbl, row_id, audience) VALUES ('revocations', NEW.ticket_code, '');
END;
CREATE TRIGGER revocations_upd AFTER UPDATE ON revocations BEGIN
    DELETE FROM changes WHERE tbl = 'revocations' AND row_id = NEW.ticket_code AND audience = '';
    INSERT INTO changes (tbl, row_id, audience) VALUES ('revocations', NEW.ticket_code, '');
END;
CREATE TRIGGER revocations_no_delete BEFORE DELETE ON revocations BEGIN
    SELECT RAISE(ABORT, 'revocations: set deleted = 1 instead (tombstone)');
END;

-- The change log ----------------------------------------------------------------------------
-- audience '' = every kiosk; otherwise the one kiosk the row is for (its allotments, the
-- outcome of its sign-ups). A row that changes again moves to a new seq (the triggers delete
-- its old entry and insert a new one: not INSERT OR REPLACE, whose conflict clause an outer
-- upsert would override), so a page never carries a stale version and a kiosk behind the old
-- seq still sees it.
CREATE TABLE changes (
    seq      INTEGER PRIMARY KEY AUTOINCREMENT,
    tbl      TEXT NOT NULL,
    row_id   TEXT NOT NULL,
    audience TEXT NOT NULL DEFAULT ''
);
CREATE UNIQUE INDEX changes_one_per_row ON changes (tbl, row_id, audience);

-- Kiosks and enrolment -----------------------------------------------------------------------

-- One-time setup codes (kiosk-add). Only a hash is kept: the code is shown once.
CREATE TABLE setup_codes (
    code_hash   TEXT PRIMARY KEY,             -- hex BLAKE2b-256 of the code
    station_id  TEXT NOT NULL,
    created_utc INTEGER NOT NULL,
    expires_utc INTEGER NOT NULL,
    used_utc    INTEGER,
    kiosk_id    TEXT                          -- who used it
);

CREATE TABLE kiosks (
    id              TEXT PRIMARY KEY,         -- the kiosk's own id (its meta.kiosk_id, a ULID)
    station_id      TEXT NOT NULL,
    token_hash      TEXT NOT NULL UNIQUE,     -- hex BLAKE2b-256 of the device token
    enrolled_utc    INTEGER NOT NULL,
    revoked_utc     INTEGER,
    -- the last heartbeat
    version         TEXT,
    uptime_s        INTEGER,
    last_sync_utc   INTEGER,
    free_disk_bytes INTEGER,
    seen_utc        INTEGER
);

-- Seats a kiosk may confirm offline, per event (pretix-offlinesales' idea).
CREATE TABLE allotments (
    event_id    TEXT NOT NULL,
    kiosk_id    TEXT NOT NULL,
    seats       INTEGER NOT NULL CHECK (seats >= 0),
    updated_utc INTEGER NOT NULL,
    PRIMARY KEY (event_id, kiosk_id)
) WITHOUT ROWID;
CREATE TRIGGER allotments_ins AFTER INSERT ON allotments BEGIN
    DELETE FROM changes WHERE tbl = 'allotments' AND row_id = NEW.event_id AND audience = NEW.kiosk_id;
    INSERT INTO changes (tbl, row_id, audience) VALUES ('allotments', NEW.event_id, NEW.kiosk_id);
END;
CREATE TRIGGER allotments_upd AFTER UPDATE ON allotments BEGIN
    DELETE FROM changes WHERE tbl = 'allotments' AND row_id = NEW.event_id AND audience = NEW.kiosk_id;
    INSERT INTO changes (tbl, row_id, audience) VALUES ('allotments', NEW.event_id, NEW.kiosk_id);
END;

-- Records pushed by kiosks --------------------------------------------------------------------
-- No foreign keys to content: a record may point at a row tombstoned since; hub_store.c
-- checks that what a new record names exists.

CREATE TABLE signups (
    id             TEXT PRIMARY KEY CHECK (length(id) = 26),
    event_id       TEXT NOT NULL,
    kiosk_id       TEXT NOT NULL,
    phone          TEXT,                       -- personal data: purged when the kiosk purges
    phone_last4    TEXT,
    surname        TEXT,
    title          TEXT,
    party_size     INTEGER NOT NULL CHECK (party_size >= 1),
    -- the hub's decision: never 'pending' here
    status         TEXT NOT NULL CHECK (status IN ('confirmed', 'waitlist', 'cancelled')),
    -- confirmed from the kiosk's allotment (1) or from the common pool (0)
    from_allotment INTEGER NOT NULL DEFAULT 0 CHECK (from_allotment IN (0, 1)),
    ticket_code    TEXT UNIQUE,
    ticket_serial  INTEGER,
    short_code     TEXT,
    created_utc    INTEGER NOT NULL,
    updated_utc    INTEGER NOT NULL,
    received_utc   INTEGER NOT NULL
);
CREATE INDEX signups_by_event ON signups (event_id, status, id);
CREATE INDEX signups_by_kiosk ON signups (kiosk_id, event_id) WHERE status = 'confirmed';
-- The outcome goes back to the kiosk that made the sign-up.
CREATE TRIGGER signups_ins AFTER INSERT ON signups BEGIN
    DELETE FROM changes WHERE tbl = 'signups' AND row_id = NEW.id AND audience = NEW.kiosk_id;
    INSERT INTO changes (tbl, row_id, audience) VALUES ('signups', NEW.id, NEW.kiosk_id);
END;
CREATE TRIGGER signups_upd AFTER UPDATE OF status ON signups BEGIN
    DELETE FROM changes WHERE tbl = 'signups' AND row_id = NEW.id AND audience = NEW.kiosk_id;
    INSERT INTO changes (tbl, row_id, audience) VALUES ('signups', NEW.id, NEW.kiosk_id);
END;
-- No ticket once confirmed is ever taken back: only the kiosk's own cancellation ends it.
CREATE TRIGGER signups_keep_confirmed BEFORE UPDATE OF status ON signups
WHEN OLD.status = 'confirmed' AND NEW.status <> 'cancelled'
BEGIN
    SELECT RAISE(ABORT, 'a confirmed sign-up is never taken back');
END;

CREATE TABLE checkins (
    id           TEXT PRIMARY KEY CHECK (length(id) = 26),
    kiosk_id     TEXT NOT NULL,
    signup_id    TEXT,
    ticket_code  TEXT,
    event_id     TEXT NOT NULL,
    count        INTEGER NOT NULL CHECK (count >= 1),
    volunteer_id TEXT,
    created_utc  INTEGER NOT NULL,
    received_utc INTEGER NOT NULL,
    -- the same ticket was checked in by another kiosk first (recorded, flagged, not dropped)
    conflict     INTEGER NOT NULL DEFAULT 0 CHECK (conflict IN (0, 1))
);
CREATE INDEX checkins_by_ticket ON checkins (ticket_code) WHERE ticket_code IS NOT NULL;

CREATE TABLE walkins (
    id           TEXT PRIMARY KEY CHECK (length(id) = 26),
    kiosk_id     TEXT NOT NULL,
    kind_id      TEXT NOT NULL,
    delta        INTEGER NOT NULL CHECK (delta IN (1, -1)),
    created_utc  INTEGER NOT NULL,
    received_utc INTEGER NOT NULL
);

CREATE TABLE duty_log (
    id           TEXT PRIMARY KEY CHECK (length(id) = 26),
    kiosk_id     TEXT NOT NULL,
    volunteer_id TEXT NOT NULL,
    on_utc       INTEGER NOT NULL,
    off_utc      INTEGER CHECK (off_utc IS NULL OR off_utc >= on_utc),
    received_utc INTEGER NOT NULL
);

CREATE TABLE audit_log (
    id           TEXT PRIMARY KEY CHECK (length(id) = 26),
    kiosk_id     TEXT NOT NULL,
    what         TEXT NOT NULL,
    ref          TEXT,
    created_utc  INTEGER NOT NULL,
    received_utc INTEGER NOT NULL
);

-- Items the hub refused, for an operator to look at (the kiosk sets its copy aside too).
CREATE TABLE push_rejects (
    kiosk_id     TEXT NOT NULL,
    kind         TEXT NOT NULL,
    item_id      TEXT,
    reason       TEXT NOT NULL,
    received_utc INTEGER NOT NULL
);
