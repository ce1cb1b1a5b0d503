-- hub/0004_admin: the web admin's own tables (src/hub/README.md, "The admin"). Hub-only: none
-- of these travels to kiosks.

-- Operator accounts. Passwords only as libsodium crypto_pwhash_str (Argon2id).
CREATE TABLE admin_users (
    id          INTEGER PRIMARY KEY,
    name        TEXT NOT NULL UNIQUE COLLATE NOCASE
                CHECK (length(name) BETWEEN 1 AND 64),
    role        TEXT NOT NULL CHECK (role IN ('admin', 'staff')),
    station_id  TEXT,                         -- staff: the one station they work for
    pw_hash     TEXT NOT NULL,
    active      INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
    created_utc INTEGER NOT NULL,
    -- a password reset an admin started: BLAKE2b of the one-time code, and until when
    reset_hash        TEXT,
    reset_expires_utc INTEGER,
    CHECK (role = 'admin' OR station_id IS NOT NULL)
);

-- Signed-in browsers. The cookie's value is never stored: only its BLAKE2b-256.
CREATE TABLE admin_sessions (
    id_hash     TEXT PRIMARY KEY,
    user_id     INTEGER NOT NULL REFERENCES admin_users (id),
    csrf        TEXT NOT NULL,                -- the token every form of this session carries
    created_utc INTEGER NOT NULL,
    last_utc    INTEGER NOT NULL              -- idle timeout counts from here
) WITHOUT ROWID;

-- Failed sign-ins per account ('u:' + lower-case name) and per address ('a:' + address):
-- the kiosk's PIN guard (src/core/volunteer.h) kept per key.
CREATE TABLE admin_login_guard (
    key             TEXT PRIMARY KEY,
    failures        INTEGER NOT NULL,
    lockouts        INTEGER NOT NULL,
    locked_until_ms INTEGER NOT NULL,
    last_utc        INTEGER NOT NULL
) WITHOUT ROWID;

-- Which station runs an event (the kiosk's events table has no such column and must keep
-- the same columns as the kiosk's: test_schema_pair). Events without a row are the
-- subdistrict's: only admins see them.
CREATE TABLE admin_event_station (
    event_id   TEXT PRIMARY KEY,
    station_id TEXT NOT NULL
) WITHOUT ROWID;
CREATE INDEX admin_event_station_by_station ON admin_event_station (station_id);

-- Every change made in the admin: who, when, what, the row before and after (JSON).
CREATE TABLE admin_audit (
    id        INTEGER PRIMARY KEY AUTOINCREMENT,
    at_utc    INTEGER NOT NULL,
    user_name TEXT NOT NULL,
    action    TEXT NOT NULL,                  -- 'event.create', 'user.add', ...
    target    TEXT,                           -- 'events/ID', 'admin_users/NAME', ...
    before    TEXT,
    after     TEXT
);

-- Which station a volunteer serves (the kiosk's volunteers table has no such column either).
CREATE TABLE admin_volunteer_station (
    volunteer_id TEXT PRIMARY KEY,
    station_id   TEXT NOT NULL
) WITHOUT ROWID;
