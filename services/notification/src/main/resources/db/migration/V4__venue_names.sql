-- The venue's public name from EventPublished/EventChanged, so partners' weekly digest names the venue instead of
-- showing its id. Public data (the schedule shows it); never the address.
alter table session_copy add column venue_name_ja text;
alter table session_copy add column venue_name_en text;
