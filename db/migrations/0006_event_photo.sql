-- 0006_event_photo: an event's own photo (issue 13: "publishes an event with a photo").
-- The hub's db/hub/0007_event_photo.sql adds the same column (test_schema_pair), and
-- sync carries it by name like sites.photo_hash.
--
-- events.photo_hash: the SHA-256 (lowercase hex) of a media row, uploaded in the admin's event
-- form; NULL: no photo of its own (the kiosk then shows the photo of the teaching site its
-- place names, if any). No foreign key, as for sites: the bytes may reach a kiosk after the row.

ALTER TABLE events ADD COLUMN photo_hash TEXT;
