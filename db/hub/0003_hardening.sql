-- hub/0003_hardening: what the loopback attack of issue 11 changed in the hub's data.
--
-- setup_codes.replaces_kiosk: a code made by `yikong-hub kiosk-replace KIOSK_ID` may re-enrol
--   that one enrolled kiosk (new hardware keeping its id); any other code enrolling an id the
--   hub knows is refused, so an unused code can never take over an enrolled kiosk.
-- signups.phone: only the last four digits may reach the hub. Full numbers stored by earlier
--   hubs are cut to phone_last4 here, and the column stays NULL from now on.

ALTER TABLE setup_codes ADD COLUMN replaces_kiosk TEXT;

UPDATE signups SET phone_last4 = coalesce(phone_last4, substr(phone, -4)), phone = NULL
 WHERE phone IS NOT NULL;
