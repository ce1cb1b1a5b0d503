-- What a kiosk's heartbeat says of its queue (src/hub/README.md, "Heartbeat"): records not
-- yet on the hub and records set aside (refused by the hub). NULL: the kiosk did not say
-- (an older kiosk). The admin's kiosk list shows them beside the reasons the hub gave
-- (push_rejects).
ALTER TABLE kiosks ADD COLUMN records_waiting INTEGER;
ALTER TABLE kiosks ADD COLUMN records_set_aside INTEGER;
