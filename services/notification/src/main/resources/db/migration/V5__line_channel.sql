-- LINE as a safe channel (issue #17, docs/adr/0024). Her LINE userId is personal data: it lives only here, is never
-- logged or put on Kafka, is exported with her data and deleted with her.
create table line_link (
    recipient_id        text primary key,
    -- Set once she sent her one-time code to the official account; one LINE account reaches one person.
    line_user_id        text unique,
    linked_at           timestamptz,
    -- The one-time code she sends: only its HMAC (keyed with the channel secret) is kept, so it can be looked up when
    -- the webhook brings it, and the code itself is never stored.
    pending_code_hash   text unique,
    pending_expires_at  timestamptz,
    updated_at          timestamptz not null
);

-- Outbox of LINE pushes, one row per (domain event, recipient). The row's id is the X-Line-Retry-Key: the same on
-- every attempt, so LINE accepts a push once even when an answer was lost and the push is retried.
create table line_delivery (
    id                uuid primary key,
    inbox_message_id  uuid        not null references inbox_message (id) on delete cascade,
    recipient_id      text        not null,
    source_event_id   text        not null,
    status            text        not null,
    attempts          integer     not null,
    next_attempt_at   timestamptz not null,
    first_attempt_at  timestamptz,
    last_status_code  integer,
    last_error        text,
    sent_at           timestamptz,
    created_at        timestamptz not null,
    constraint line_once_per_event unique (source_event_id, recipient_id)
);
create index line_delivery_due on line_delivery (status, next_attempt_at);
create index line_delivery_recipient on line_delivery (recipient_id);
