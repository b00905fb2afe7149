-- The end of a session this service had no copy of yet (EventCancelled or EventCompleted read before the session's
-- older EventPublished from another relay, issue #14, docs/adr/0031): a later EventPublished/EventChanged with a
-- lower-or-equal sequence is dropped. Only the id, how it ended and the sequence; deleted by the retention job.
create table session_tombstone (
    session_id  uuid primary key,
    status      varchar(16) not null check (status in ('CANCELLED', 'COMPLETED')),
    sequence    integer not null,
    recorded_at timestamptz not null default now()
);
create index session_tombstone_recorded_at on session_tombstone (recorded_at);
