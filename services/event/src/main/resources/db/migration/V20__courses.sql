-- A course (全6回, a three-part series, a peer group): dated sessions of one organisation booked as one, with a
-- capacity of its own (each date's capacity still applies in registration). Public facts only: nothing about any woman.
create table course (
    id               uuid primary key,
    organisation_id  text        not null,
    title_ja         text        not null,
    title_en         text,
    description_ja   text,
    description_en   text,
    capacity         integer     not null check (capacity > 0),
    allocation       text        not null check (allocation in ('FIRST_COME')),
    status           text        not null check (status in ('PUBLISHED', 'CANCELLED')),
    sequence         integer     not null default 0,
    created_at       timestamptz not null,
    updated_at       timestamptz not null
);
create index course_organisation on course (organisation_id);

-- Its dates, in date order; a session belongs to at most one course (one seat ledger per date, one course per seat).
create table course_session (
    course_id   uuid    not null references course (id) on delete cascade,
    session_id  uuid    not null references session (id),
    position    integer not null,
    primary key (course_id, session_id),
    unique (session_id)
);
