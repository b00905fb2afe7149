-- 「話したいことがあります」: her request to talk to one organisation's consultation staff (docs/consultation.md,
-- docs/adr/0023). Kept here, beside her safe channels, and nowhere else: no Kafka event carries any of it. Deleted
-- with her account, when she withdraws it, and a set time after it is closed (retention.talk-requests).
create table talk_request (
    id                uuid primary key,
    requester         text        not null,
    organisation_id   text        not null,
    -- how she can be reached: in-app, email (a channel she marked safe), in-person (the next session's quiet
    -- corner) or callback (a number typed for this request only, kept only here and deleted with it)
    channel           text        not null,
    callback_phone    text,
    -- when: weekday-daytime, weekday-evening, weekend or specific-days (then days = e.g. MON,THU)
    time_window       text        not null,
    days              text,
    -- her optional short note: sensitive free text, never logged, never in an event, deleted with the request
    note              text,
    status            text        not null,
    created_at        timestamptz not null,
    acknowledged_at   timestamptz,
    closed_at         timestamptz
);
create index talk_request_requester on talk_request (requester, created_at desc);
create index talk_request_organisation on talk_request (organisation_id, status, created_at);

-- Every read and change by staff, like registration's roster_audit: who, which request, what, when. Names staff
-- accounts and request ids, never her, her contact or her note; kept a year for accountability.
create table talk_request_audit (
    id               uuid primary key,
    request_id       uuid        not null,
    organisation_id  text        not null,
    actor            text        not null,
    action           text        not null,
    at               timestamptz not null
);
create index talk_request_audit_request on talk_request_audit (request_id, at);
