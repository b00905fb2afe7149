-- A course by lottery and a waitlist for a whole course (docs/adr/0026).
alter table course_copy add column applications_close_at timestamptz;

-- The course lottery's secret seed (its commitment is public from the course's publication on) and, once drawn, the
-- drawn record: who drew, when, and the published draw (docs/lottery.md format, the course id as the draw's subject).
create table course_lottery (
    course_id      uuid primary key references course_copy (id),
    seed_hex       text        not null,
    commitment     text        not null,
    created_at     timestamptz not null,
    input_digest   text,
    drawn_at       timestamptz,
    drawn_by       text,
    published      text
);

-- She asks for the whole course without a place yet: an application to its lottery, or a place on its waitlist
-- (a first-come course that is full). After the draw, applications that did not win wait as the reserve list.
-- WAITING entries are offered the whole course in position order when a place and every date's seat are free;
-- an offer holds those seats (session_copy.confirmed_seats) and the course place until it is accepted or lapses.
create table course_request (
    id                 uuid primary key,
    course_id          uuid        not null references course_copy (id),
    -- the opaque Keycloak subject, anonymised on erasure like registration.attendee_id
    attendee_id        text        not null,
    nickname           text        not null,
    kind               text        not null check (kind in ('LOTTERY', 'WAITLIST')),
    status             text        not null check (status in ('APPLIED', 'WAITING', 'OFFERED', 'BOOKED', 'WITHDRAWN', 'EXPIRED', 'ENDED')),
    -- her children's ages per date that needs childcare: "sessionId=3,5;sessionId=1" (no names)
    childcare          text,
    -- the order in which WAITING entries are offered: the waitlist number, or the drawn position for the reserve list
    position           bigint,
    offer_expires_at   timestamptz,
    course_booking_id  uuid references course_booking (id) on delete set null,
    created_at         timestamptz not null,
    updated_at         timestamptz not null
);
create unique index course_request_one_open on course_request (course_id, attendee_id)
    where status in ('APPLIED', 'WAITING', 'OFFERED');
create index course_request_waiting on course_request (course_id, position) where status = 'WAITING';
create index course_request_attendee on course_request (attendee_id);
create sequence course_waitlist_number;
