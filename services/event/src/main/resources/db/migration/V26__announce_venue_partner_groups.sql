-- VenueChanged is written with every save of a venue from now on. Venues saved before it existed are announced once
-- here, so that notification also knows the partner groups of a venue that has had no session event yet (until then
-- the group could not follow it with a webhook). The row is what Outbox.prepare writes (a CloudEvent in structured
-- JSON); the relay publishes it like any other. Ids and states only: never the venue's address or names.
insert into outbox_message (id, topic, message_key, type, payload, created_at)
select event_id, 'event-lifecycle', venue.id::text, 'io.ibasho.event.VenueChanged.v1',
       json_build_object(
           'specversion', '1.0',
           'id', event_id::text,
           'source', '/ibasho/event',
           'type', 'io.ibasho.event.VenueChanged.v1',
           'time', to_char(now() at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'),
           'subject', venue.id::text,
           'datacontenttype', 'application/json',
           'dataschema', '/schemas/io.ibasho.event.VenueChanged.v1.json',
           'data', json_build_object(
               'venueId', venue.id::text,
               'organisationId', venue.organisation_id,
               'partnerGroups', coalesce(venue.partner_groups_json, '[]')::json,
               'deleted', false))::text,
       now()
from (select gen_random_uuid() as event_id, v.* from venue v) venue;
