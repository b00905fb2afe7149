-- What she agreed to (issue #18): storing her children's nicknames and care notes. One row per time she agreed, in
-- the language the page was in and the version of the wording it showed; withdrawn_at once she withdrew it (her
-- notes are deleted then). Deleted at her erasure, like everything else keyed by her account.
create table consent_record (
    id uuid primary key,
    attendee_id text not null,
    purpose text not null check (purpose in ('childcare-notes')),
    language text not null check (language in ('ja', 'en')),
    wording_version text not null,
    given_at timestamptz not null,
    withdrawn_at timestamptz
);
create index consent_record_attendee on consent_record (attendee_id, purpose);
