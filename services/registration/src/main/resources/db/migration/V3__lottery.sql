-- The lottery (抽選). The seed is secret until the draw: it lives only in lottery_seed, is never logged and never
-- leaves the service before the draw; only its commitment (SHA-256) is shown.
alter table session_copy add column application_closes_at timestamptz;
-- the event service's lottery settings as received (priority labels, oneWinPerMonth, childcareRequiredToWin)
alter table session_copy add column lottery_settings text;

create table lottery_seed (
    session_id  uuid primary key references session_copy (id),
    seed_hex    text        not null,
    commitment  text        not null,
    created_at  timestamptz not null
);

-- One row per drawn session: the unique session_id is the last line of defence for "drawn exactly once".
-- It is also the audit record: policy, commitment, seed, input digest, result, who ran it and when.
create table lottery_draw (
    id            uuid primary key,
    session_id    uuid        not null unique references session_copy (id),
    policy        text        not null,
    commitment    text        not null,
    seed_hex      text        not null,
    input_digest  text        not null,
    published     text        not null,
    drawn_by      text        not null,
    drawn_at      timestamptz not null
);

-- her declared priority tier (an index into the policy's labels); null = the last tier
alter table registration add column priority_tier integer;
