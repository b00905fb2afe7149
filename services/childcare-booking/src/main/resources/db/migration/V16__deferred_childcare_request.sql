-- A ChildcareRequested refused for want of places while a release it names (awaits_release_of: registration ids
-- whose places registration already let go) has not reached this service yet. It is decided again when that release
-- is applied, or as it stands after a bounded wait (docs/adr/0039). Kept only for that short time; the children's
-- ages and the opaque account id are what the reservation itself would keep.
create table deferred_childcare_request (
    request_id        uuid primary key,
    registration_id   uuid        not null,
    session_id        uuid        not null,
    attendee_id       text        not null,
    children_ages     text        not null,
    requested_at      timestamptz not null,
    awaits_release_of text        not null,
    deferred_at       timestamptz not null
);
create index deferred_childcare_request_session on deferred_childcare_request (session_id, deferred_at);
create index deferred_childcare_request_registration on deferred_childcare_request (registration_id);
