-- What notification needs to word a message about a course (docs/courses.md): its id, its dates (session ids, in date
-- order; their times are in session_copy) and how it is allocated. No title: a course message names its dates only.
create table course_copy (
    id          uuid primary key,
    session_ids text        not null,
    allocation  text        not null,
    status      text        not null,
    sequence    integer     not null,
    updated_at  timestamptz not null
);

-- A course message names the course (for her course page) and the start times of its dates as they were when the
-- message was filed (ISO instants separated by spaces), so it is worded without another lookup.
alter table inbox_message add column course_id uuid;
alter table inbox_message add column course_dates text;
create index inbox_course on inbox_message (recipient_id, course_id) where course_id is not null;
