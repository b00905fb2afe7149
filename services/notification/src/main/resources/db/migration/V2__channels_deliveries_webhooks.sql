-- Facts about sessions needed for fan-out (who follows the venue, lottery or not); still public facts only.
alter table session_copy add column venue_id text;
alter table session_copy add column allocation text;
alter table session_copy add column kind text;

-- Who is registered for which session, kept from registration-lifecycle: ids and a state, nothing else. Needed to
-- tell every attendee of a changed or cancelled session, and to address childcare replies (they carry only the
-- registration id).
create table registration_copy (
    registration_id  uuid primary key,
    session_id       uuid        not null,
    attendee_id      text        not null,
    status           text        not null,
    updated_at       timestamptz not null
);
create index registration_copy_session on registration_copy (session_id, status);

-- Her own choices, set by her in the app and never taken from Kafka payloads. One row per person (token subject).
create table recipient_preference (
    recipient_id           text primary key,
    language               text        not null,
    email_enabled          boolean     not null,
    full_detail            boolean     not null,
    quiet_start            time,
    quiet_end              time,
    quiet_zone             text,
    -- Only an address she proved she can read is ever written to.
    email_address          text,
    email_verified_at      timestamptz,
    -- An address waiting for its code: the code itself is never stored, only a salted hash.
    pending_email          text,
    pending_code_hash      text,
    pending_code_salt      text,
    pending_expires_at     timestamptz,
    pending_attempts       integer     not null default 0,
    updated_at             timestamptz not null
);

-- Outbox of external deliveries: written in the consumer's transaction, sent by a scheduled sender.
-- One row per (domain event, recipient, channel), never two.
create table email_delivery (
    id                uuid primary key,
    inbox_message_id  uuid        not null references inbox_message (id) on delete cascade,
    recipient_id      text        not null,
    source_event_id   text        not null,
    channel           text        not null,
    status            text        not null,
    attempts          integer     not null,
    next_attempt_at   timestamptz not null,
    first_attempt_at  timestamptz,
    last_error        text,
    sent_at           timestamptz,
    created_at        timestamptz not null,
    constraint email_once_per_event unique (source_event_id, recipient_id, channel)
);
create index email_delivery_due on email_delivery (status, next_attempt_at);

-- Partner webhook endpoints. venue_ids: the venues the partner follows (comma-separated ids), to be checked
-- against the event service's venue->partner links once those are published.
create table webhook_endpoint (
    id                      uuid primary key,
    partner_group           text        not null,
    url                     text        not null,
    venue_ids               text        not null,
    secret_current          text        not null,
    secret_current_from     timestamptz not null,
    secret_previous         text,
    secret_previous_from    timestamptz,
    secret_previous_until   timestamptz,
    active                  boolean     not null,
    created_at              timestamptz not null
);
create index webhook_endpoint_group on webhook_endpoint (partner_group);

create table webhook_delivery (
    id                uuid primary key,
    endpoint_id       uuid        not null references webhook_endpoint (id) on delete cascade,
    message_id        text        not null,
    source_event_id   text        not null,
    event_type        text        not null,
    payload           text        not null,
    status            text        not null,
    attempts          integer     not null,
    next_attempt_at   timestamptz not null,
    first_attempt_at  timestamptz,
    last_status_code  integer,
    last_error        text,
    delivered_at      timestamptz,
    created_at        timestamptz not null,
    constraint webhook_once_per_event unique (source_event_id, endpoint_id)
);
create index webhook_delivery_due on webhook_delivery (status, next_attempt_at);
create index webhook_delivery_endpoint on webhook_delivery (endpoint_id, created_at desc);
