-- When a session ends: care notes are deleted a configurable time after it (CareNotesPurge).
alter table session_offer add column ends_at timestamptz;

-- One answer per ChildcareRequested.requestId, whatever it was, so a repeated request gets the same answer and
-- never reserves twice (docs/childcare.md, "Duplicates").
create table childcare_decision (
    request_id       uuid primary key,
    registration_id  uuid        not null,
    session_id       uuid        not null,
    outcome          text        not null check (outcome in ('RESERVED', 'NOT_OFFERED', 'DEADLINE_PASSED',
                                                             'AGE_OUT_OF_RANGE', 'RATIO_EXCEEDED', 'CAP_EXCEEDED',
                                                             'UNKNOWN_SESSION')),
    children         integer     not null check (children >= 1),
    decided_at       timestamptz not null
);

-- The children's places of one registration. attendee_id is the opaque account id, kept only so that the mother
-- herself can add care notes; it never leaves this service.
create table childcare_booking (
    id               uuid primary key,
    request_id       uuid        not null unique,
    registration_id  uuid        not null,
    session_id       uuid        not null references session_offer (session_id),
    attendee_id      text        not null,
    status           text        not null check (status in ('RESERVED', 'RELEASED')),
    created_at       timestamptz not null,
    released_at      timestamptz
);
-- A registration holds at most one reservation at a time.
create unique index childcare_booking_one_reserved_per_registration
    on childcare_booking (registration_id) where status = 'RESERVED';
create index childcare_booking_session on childcare_booking (session_id, status);

-- One row per child: an age, and what the mother chose to tell the carers. No names.
create table booked_child (
    id               uuid primary key,
    booking_id       uuid        not null references childcare_booking (id) on delete cascade,
    position         integer     not null check (position >= 1),
    age_years        integer     not null check (age_years between 0 and 17),
    child_nickname   text        check (char_length(child_nickname) <= 20),
    care_notes       text        check (char_length(care_notes) <= 500),
    notes_updated_at timestamptz,
    unique (booking_id, position)
);
