-- The public list of sessions is kept in memory by every replica (docs/adr/0051). Any committed change of a session or
-- a venue (what the list shows), whoever makes it (a replica, a job, by hand), tells every replica listening on this
-- database to drop its copy. PostgreSQL delivers a NOTIFY on commit only, and once per transaction and channel.
create or replace function public_session_list_changed() returns trigger language plpgsql as $$
begin
    perform pg_notify('public_session_list', '');
    return null;
end
$$;

create trigger session_public_list_changed after insert or update or delete or truncate on session
    for each statement execute function public_session_list_changed();

create trigger venue_public_list_changed after insert or update or delete or truncate on venue
    for each statement execute function public_session_list_changed();
