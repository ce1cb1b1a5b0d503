-- Full phone numbers of sign-ups, for the station staff who call people (an event cancelled,
-- someone moved up from the waitlist), kept apart from signups so that no listing, export or
-- /T/ page reads them by accident. Written only when the hub runs with `serve --phone-days N`
-- (as kiosks' privacy notice says: deleted N days after the event; only the last four digits
-- stay, in signups); each row goes at purge_after_utc (the event's end + N days), all of
-- them when the hub runs without --phone-days. Shown only on an event's call list, to admins
-- and that station's staff, each view in the audit log.
CREATE TABLE signup_phones (
    signup_id       TEXT PRIMARY KEY,
    phone           TEXT NOT NULL,
    purge_after_utc INTEGER NOT NULL
) WITHOUT ROWID;
CREATE INDEX signup_phones_purge ON signup_phones (purge_after_utc);
