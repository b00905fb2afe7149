-- What registration needs to know about a session, kept from the event service's events (never fetched live).
create table session_copy (
    id               uuid primary key,
    organisation_id  text        not null,
    kind             text        not null,
    allocation       text        not null,
    status           text        not null,
    starts_at        timestamptz not null,
    ends_at          timestamptz not null,
    capacity         integer,
    confirmed_seats  integer     not null default 0,
    sequence         integer     not null,
    updated_at       timestamptz not null,
    -- the database itself refuses an overbooked session, whatever the code above it does
    constraint seats_within_capacity check (capacity is null or confirmed_seats <= capacity),
    constraint seats_not_negative check (confirmed_seats >= 0)
);

-- A booking or application. The nickname is the only thing she tells us about herself.
create table registration (
    id           uuid primary key,
    session_id   uuid        not null references session_copy (id),
    attendee_id  text        not null,
    nickname     text        not null,
    status       text        not null,
    created_at   timestamptz not null,
    updated_at   timestamptz not null
);
-- one active booking or application per person per session
create unique index registration_one_active on registration (session_id, attendee_id)
    where status in ('CONFIRMED', 'APPLIED', 'WAITLISTED', 'OFFERED');
create index registration_attendee on registration (attendee_id);

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
