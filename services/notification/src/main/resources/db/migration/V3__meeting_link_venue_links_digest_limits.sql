-- Meeting-link notices: online sessions need their end (no notice after it) and a version of the private link
-- that grows each time EventChanged says "meeting-link" (the link itself never reaches this service).
alter table session_copy add column ends_at timestamptz;
alter table session_copy add column meeting_link_version integer not null default 0;

-- Which partner groups each venue is linked to, as the event service last said (venuePartnerGroups on
-- EventPublished / EventChanged). Comma-separated group ids; as_of keeps a late, older event from undoing a newer one.
create table venue_partner_groups (
    venue_id        text primary key,
    partner_groups  text        not null,
    as_of           timestamptz not null
);

-- A partner group's contact address for the weekly digest, proven with a code like an attendee's address.
create table partner_contact (
    partner_group          text primary key,
    language               text        not null,
    weekly_digest          boolean     not null,
    email_address          text,
    email_verified_at      timestamptz,
    pending_email          text,
    pending_code_hash      text,
    pending_code_salt      text,
    pending_expires_at     timestamptz,
    pending_attempts       integer     not null default 0,
    verify_locked_until    timestamptz,
    updated_at             timestamptz not null
);

-- One digest per group per week, never two: the row is written in the same transaction as the send.
create table partner_digest (
    partner_group  text        not null,
    week_start     date        not null,
    sessions       integer     not null,
    sent_at        timestamptz not null,
    primary key (partner_group, week_start)
);

-- Requests for verification codes, counted per account for the rate limit; deleted by the retention job.
create table code_request (
    id            uuid primary key,
    requester     text        not null,
    requested_at  timestamptz not null
);
create index code_request_requester on code_request (requester, requested_at);

alter table recipient_preference add column verify_locked_until timestamptz;
