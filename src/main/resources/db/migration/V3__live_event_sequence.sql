-- Ids of live-update messages: taken in the changing transaction, so every instance names a message alike.
CREATE SEQUENCE live_event_seq;
