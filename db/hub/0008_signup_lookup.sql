-- A person finds their own sign-ups at any kiosk (POST /api/v1/mine, src/hub/README.md): each
-- live sign-up whose kiosk sent a phone_hash (HMAC-SHA-256 of the number under the hub's phone
-- key, which lives in a file beside the database and never in it: the ~10^9 numbers cannot
-- be tried against these hashes from the database alone). Kept apart from signups, like
-- signup_phones, so that no listing, export, log, audit entry, /T/ page or admin page reads
-- it. A row goes when its sign-up is cancelled (any path: the trigger below) and when its
-- event has ended (purge_after_utc = the event's end; expired rows are deleted at every push
-- and every look-up).
CREATE TABLE signup_lookup (
    signup_id       TEXT PRIMARY KEY REFERENCES signups (id),
    phone_hash      TEXT NOT NULL CHECK (length(phone_hash) = 64),
    purge_after_utc INTEGER NOT NULL
) WITHOUT ROWID;
CREATE INDEX signup_lookup_by_hash ON signup_lookup (phone_hash);
CREATE INDEX signup_lookup_purge ON signup_lookup (purge_after_utc);

-- A sign-up the person cancelled through /api/v1/mine/cancel: a second cancel answers
-- "already" for the same number only. proof = BLAKE2b(phone_hash || signup_id), so these rows
-- cannot be linked to each other or to a number; gone with the event's end like the above.
CREATE TABLE signup_lookup_cancelled (
    signup_id       TEXT PRIMARY KEY REFERENCES signups (id),
    proof           TEXT NOT NULL,
    purge_after_utc INTEGER NOT NULL
) WITHOUT ROWID;
CREATE INDEX signup_lookup_cancelled_purge ON signup_lookup_cancelled (purge_after_utc);

CREATE TRIGGER signup_lookup_on_cancel AFTER UPDATE OF status ON signups
WHEN NEW.status = 'cancelled'
BEGIN
    DELETE FROM signup_lookup WHERE signup_id = NEW.id;
END;

-- An event moved in time: its sign-ups' rows go at its new end.
CREATE TRIGGER signup_lookup_event_times AFTER UPDATE OF ends_utc ON events
WHEN NEW.ends_utc IS NOT OLD.ends_utc
BEGIN
    UPDATE signup_lookup SET purge_after_utc = NEW.ends_utc
     WHERE signup_id IN (SELECT id FROM signups WHERE event_id = NEW.id);
    UPDATE signup_lookup_cancelled SET purge_after_utc = NEW.ends_utc
     WHERE signup_id IN (SELECT id FROM signups WHERE event_id = NEW.id);
END;

-- "Checked in?" for a sign-up by id (the look-up, the admin's lists): checkins_by_ticket covers
-- the ticket code.
CREATE INDEX checkins_by_signup ON checkins (signup_id) WHERE signup_id IS NOT NULL;
