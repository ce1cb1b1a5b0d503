-- 0002_tickets: what signed tickets need on the signups table (src/core/TICKETS.md).
--
-- ticket_serial: the serial inside the ticket (per issuing kiosk key; meta.ticket_serial is
--   the last one used), so the hub can list a kiosk's tickets without decoding codes.
-- short_code: the 8-character code people type on the volunteer pad (Crockford base32,
--   derived from the whole ticket); looked up by check-in, so indexed.
-- One live sign-up per number and event: a second attempt gets the first one back. Cancelled
-- sign-ups and purged numbers (NULL) do not count. No kiosk has written sign-ups before this
-- migration, so no existing row can violate the index.

ALTER TABLE signups ADD COLUMN ticket_serial INTEGER CHECK (ticket_serial IS NULL OR ticket_serial >= 1);
ALTER TABLE signups ADD COLUMN short_code TEXT CHECK (short_code IS NULL OR length(short_code) = 8);

CREATE UNIQUE INDEX signups_one_per_phone ON signups (event_id, phone)
    WHERE phone IS NOT NULL AND status <> 'cancelled';
CREATE INDEX signups_by_short_code ON signups (short_code) WHERE short_code IS NOT NULL;
