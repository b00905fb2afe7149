-- Idempotency-Key (IETF draft): the first successful answer to a POST, kept per person and key, written in the same
-- transaction as the change it answers, replayed for a retry with the same key and body, deleted after a day.
create table idempotency_record (
    attendee_id   text        not null,
    idempotency_key text      not null,
    fingerprint   text        not null,
    status_code   integer     not null,
    body          text        not null,
    location      text,
    created_at    timestamptz not null,
    primary key (attendee_id, idempotency_key)
);
create index idempotency_record_created on idempotency_record (created_at);

-- confirmed_seats counts the seats that are taken: confirmed bookings and seats held for an open waitlist offer.
-- A lowered capacity never removes anybody: capacity_floor remembers how many seats were taken when it was lowered,
-- so the database still refuses every seat beyond max(capacity, what was already taken).
alter table session_copy add column capacity_floor integer not null default 0;
alter table session_copy add column drop_in_count integer not null default 0;
alter table session_copy drop constraint seats_within_capacity;
alter table session_copy add constraint seats_within_capacity
    check (capacity is null or confirmed_seats <= greatest(capacity, capacity_floor));
alter table session_copy add constraint drop_ins_not_negative check (drop_in_count >= 0);

-- Waitlist order is the order of a database sequence: strictly increasing, whatever the clocks say.
create sequence waitlist_order;
alter table registration add column waitlist_number bigint;
alter table registration add column offer_expires_at timestamptz;
alter table registration add column booking_code text;
alter table registration add column cancelled_by text;
alter table registration add column cancel_reason text;
alter table registration add column attendance text;
create unique index registration_booking_code on registration (session_id, booking_code) where booking_code is not null;
create index registration_waitlist on registration (session_id, waitlist_number) where status = 'WAITLISTED';
create index registration_offer_expiry on registration (offer_expires_at) where status = 'OFFERED';
