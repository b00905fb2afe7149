-- Sessions (the walking skeleton's minimum; venues, series and offers follow in later migrations).
create table session (
    id               uuid primary key,
    organisation_id  text        not null,
    kind             text        not null,
    title_ja         text        not null,
    title_en         text,
    starts_at        timestamptz not null,
    ends_at          timestamptz not null,
    capacity         integer,
    allocation       text        not null,
    status           text        not null,
    sequence         integer     not null default 0,
    created_at       timestamptz not null,
    updated_at       timestamptz not null,
    constraint session_ends_after_start check (ends_at > starts_at),
    constraint session_capacity_positive check (capacity is null or capacity >= 1)
);
create index session_upcoming on session (status, starts_at);
create index session_organisation on session (organisation_id);

-- Transactional outbox: written in the same transaction as the state change, published by OutboxRelay.
create table outbox_message (
    id            uuid primary key,
    topic         text        not null,
    message_key   text        not null,
    type          text        not null,
    payload       text        not null,
    created_at    timestamptz not null,
    published_at  timestamptz
);
create index outbox_unpublished on outbox_message (created_at) where published_at is null;
