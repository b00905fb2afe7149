-- The childcare offer of each session, kept from the event service's events.
create table session_offer (
    session_id       uuid primary key,
    organisation_id  text        not null,
    offered          boolean     not null,
    min_age_years    integer,
    max_age_years    integer,
    carers           integer     not null default 0,
    deadline         timestamptz,
    max_children     integer,
    starts_at        timestamptz not null,
    status           text        not null,
    sequence         integer     not null
);

create table processed_message (
    event_id      text        not null,
    consumer      text        not null,
    processed_at  timestamptz not null,
    primary key (event_id, consumer)
);

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
