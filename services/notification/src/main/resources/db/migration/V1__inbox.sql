-- What notification needs to word a message about a session: public facts only.
create table session_copy (
    id          uuid primary key,
    title_ja    text        not null,
    title_en    text,
    starts_at   timestamptz not null,
    status      text        not null,
    sequence    integer     not null
);

-- The in-app inbox: always on, the default channel. One row per (domain event, recipient, channel), never two.
create table inbox_message (
    id               uuid primary key,
    recipient_id     text        not null,
    kind             text        not null,
    session_id       uuid,
    registration_id  uuid,
    source_event_id  text        not null,
    channel          text        not null,
    position         integer,
    deadline         timestamptz,
    reason           text,
    created_at       timestamptz not null,
    read_at          timestamptz,
    constraint inbox_once_per_event unique (source_event_id, recipient_id, channel)
);
create index inbox_recipient on inbox_message (recipient_id, created_at desc);

create table processed_message (
    event_id      text        not null,
    consumer      text        not null,
    processed_at  timestamptz not null,
    primary key (event_id, consumer)
);
