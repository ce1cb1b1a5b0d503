-- 0003_sync: what the sync client keeps besides meta (src/core/SYNC.md).
--
-- sync_rejects: the hub's reason for each record it refused (sync_state = 'rejected' on the
--   record itself). One row per record id; volunteer mode lists them. Never personal data:
--   the record's type, id and the hub's reason code.
-- sync_media_wanted: media rows a pulled page named whose bytes are not here yet. They are
--   fetched after the page's commit (never while holding the write lock), each checked
--   against its hash, and the row removed in the transaction that stores the bytes.
-- The cursor, the last success and similar single values live in meta ('sync.cursor', ...).

CREATE TABLE sync_rejects (
    record_id    TEXT PRIMARY KEY,
    type         TEXT NOT NULL CHECK (type IN ('signup', 'checkin', 'walkin', 'duty', 'audit')),
    reason       TEXT NOT NULL,
    rejected_utc INTEGER NOT NULL
) WITHOUT ROWID;

CREATE TABLE sync_media_wanted (
    hash  TEXT PRIMARY KEY CHECK (length(hash) = 64),
    mime  TEXT NOT NULL,
    size  INTEGER NOT NULL CHECK (size >= 0),
    rev   INTEGER NOT NULL DEFAULT 0
) WITHOUT ROWID;
