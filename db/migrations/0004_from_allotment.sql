-- 0004_from_allotment: which confirmed sign-ups used this kiosk's held seats (src/core/SYNC.md,
-- "Seats").
--
-- from_allotment = 1: confirmed here, offline, from events.seats_held (yk_signup_submit);
-- 0: confirmed by the hub from its common pool (online, or decided later), or not confirmed.
-- The allotment top-up counts the held seats still free as seats_held minus the people in
-- live sign-ups with from_allotment = 1, as the hub does (its signups.from_allotment).
-- Before this migration only sign-ups confirmed from the allotment carried a ticket.

ALTER TABLE signups ADD COLUMN from_allotment INTEGER NOT NULL DEFAULT 0
    CHECK (from_allotment IN (0, 1));
UPDATE signups SET from_allotment = 1 WHERE ticket_code IS NOT NULL;
