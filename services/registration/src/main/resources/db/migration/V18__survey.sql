-- The anonymous satisfaction survey (issue #18): one answer per attendance, never linkable to her.
-- An invitation is made when her attendance is recorded (ATTENDED); it names her registration so that her bookings can
-- show it, and holds a random one-time token. Answering deletes the invitation in the same transaction and stores the
-- answer with only the token's hash beside it (unique: one answer per token), the session and the day: no account id,
-- no registration id, no time of day. Once answered nothing connects the answer to her.
create table survey_invitation (
    token            text primary key,
    registration_id  uuid        not null unique references registration (id) on delete cascade,
    session_id       uuid        not null,
    created_at       timestamptz not null
);

create table survey_answer (
    id               uuid primary key,
    token_hash       text        not null unique,
    session_id       uuid        not null references session_copy (id),
    organisation_id  text        not null,
    answered_on      date        not null,
    satisfaction     integer     not null check (satisfaction between 1 and 5),
    come_again       boolean     not null,
    -- the organisation's own questions: {"key": 1..5 or 0/1}, numbers only (no free text, so nothing personal)
    extra            text
);
create index survey_answer_session on survey_answer (session_id);

-- The organisation's own questions beside the two every survey asks (satisfaction 1-5, would you come again).
create table survey_question (
    organisation_id  text    not null,
    key              text    not null,
    position         integer not null,
    text_ja          text    not null,
    text_en          text,
    kind             text    not null check (kind in ('SCALE', 'YES_NO')),
    primary key (organisation_id, key)
);
