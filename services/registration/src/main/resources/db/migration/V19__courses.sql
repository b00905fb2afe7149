-- Courses booked as one (docs/adr/0022): registration's copy of each course from CoursePublished, and one course
-- booking per woman per course. Each date of a booked course is an ordinary registration row (course_booking_id set),
-- so every date keeps the session's own seat ledger, row locks, waitlist, childcare saga and per-date cancellation.
create table course_copy (
    id               uuid primary key,
    organisation_id  text        not null,
    title_ja         text,
    title_en         text,
    status           text        not null,
    allocation       text        not null,
    capacity         integer     not null,
    -- places taken: course bookings still BOOKED; changed only by conditional UPDATEs (never a flush of a stale read)
    booked_places    integer     not null default 0,
    -- the course's dates in date order, comma-separated session ids
    session_ids      text        not null,
    sequence         integer     not null,
    updated_at       timestamptz not null,
    constraint course_places_within_capacity check (booked_places >= 0 and booked_places <= capacity)
);

create table course_booking (
    id            uuid primary key,
    course_id     uuid        not null references course_copy (id),
    -- the opaque Keycloak subject, anonymised on erasure like registration.attendee_id
    attendee_id   text        not null,
    status        text        not null check (status in ('BOOKED', 'CANCELLED')),
    cancelled_by  text,
    created_at    timestamptz not null,
    updated_at    timestamptz not null
);
create unique index course_booking_one_active on course_booking (course_id, attendee_id) where status = 'BOOKED';
create index course_booking_attendee on course_booking (attendee_id);

alter table registration add column course_booking_id uuid references course_booking (id);
create index registration_course_booking on registration (course_booking_id) where course_booking_id is not null;
