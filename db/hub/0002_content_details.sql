-- hub/0002_content_details: what a station's card, a site's guide and the admin's event form need
-- (issues 13 and 14). The kiosk's db/migrations/0005_content_details.sql adds the same
-- columns (test_schema_pair), and sync carries them by name.
--
-- stations: where the station is, when it is open and how to call it (the home screen's card).
-- sites:    how to book a visit (a guide's "booking" line).
-- events:   seat_block = the seats a kiosk holds for offline sign-ups for this event (NULL: the
--           kiosk's own seat_block setting); cancelled_utc = when the organiser cancelled it
--           (NULL: not cancelled; a cancelled event stays listed, marked, with no sign-up).

ALTER TABLE stations ADD COLUMN address_zh TEXT;
ALTER TABLE stations ADD COLUMN address_en TEXT CHECK (address_en IS NULL OR address_zh IS NOT NULL);
ALTER TABLE stations ADD COLUMN hours_zh TEXT;
ALTER TABLE stations ADD COLUMN hours_en TEXT CHECK (hours_en IS NULL OR hours_zh IS NOT NULL);
ALTER TABLE stations ADD COLUMN phone TEXT;

ALTER TABLE sites ADD COLUMN booking_zh TEXT;
ALTER TABLE sites ADD COLUMN booking_en TEXT CHECK (booking_en IS NULL OR booking_zh IS NOT NULL);

ALTER TABLE events ADD COLUMN seat_block INTEGER CHECK (seat_block IS NULL OR seat_block BETWEEN 0 AND 1000);
ALTER TABLE events ADD COLUMN cancelled_utc INTEGER;
