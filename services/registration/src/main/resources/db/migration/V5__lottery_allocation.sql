-- The lottery after the draw (docs/lottery.md): the drawn order is walked asynchronously, asking childcare-booking
-- one applicant at a time, in drawn order. The draw row exists from the draw on (exactly once); its published JSON is
-- written when the allocation is done, because the childcare answers are part of it.
alter table lottery_draw alter column published drop not null;

-- One allocation per drawn session: the state machine's persisted state. The row is locked (FOR UPDATE) by whoever
-- moves it on (the draw, a childcare reply, the timeout job), so one session's steps never interleave.
create table lottery_allocation (
    session_id              uuid primary key references session_copy (id),
    status                  text        not null,   -- ALLOCATING, DONE
    draw_input              text        not null,   -- the published draw without results: policy, seed, applications
    next_rank               integer     not null,   -- drawn position of the next applicant to decide (1 = first)
    waiting_request_id      uuid,                   -- the ChildcareRequested waiting for an answer; null when none
    asked_at                timestamptz,            -- when it was asked (the timeout counts from here)
    first_come_opened_at    timestamptz,            -- leftover seats opened to first-come booking (reserve list exhausted)
    updated_at              timestamptz not null
);
create index lottery_allocation_waiting on lottery_allocation (asked_at) where status = 'ALLOCATING';

-- Every childcare question of an allocation and its answer, in the order asked. They are published with the draw so
-- that anyone can recompute the winners. reason: the childcare service's stable code, NO_ANSWER (timeout) or WITHDRAWN
-- (she cancelled her application before she was reached: nothing is asked).
create table lottery_childcare_question (
    request_id      uuid primary key,
    session_id      uuid        not null references session_copy (id),
    application_id  uuid        not null,
    asked_order     integer     not null,
    asked_at        timestamptz not null,
    answered_at     timestamptz,
    reserved        boolean,
    reason          text,
    unique (session_id, application_id),
    unique (session_id, asked_order)
);
