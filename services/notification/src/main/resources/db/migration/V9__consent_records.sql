-- What she agreed to (issue #18): messages by e-mail to the address she confirmed. One row per time she agreed, in
-- the language the page was in and the version of the wording it showed; withdrawn_at once she withdrew it (the
-- address is removed and nothing more is mailed then). Deleted at her erasure. Never the address itself.
create table consent_record (
    id uuid primary key,
    recipient_id text not null,
    purpose text not null check (purpose in ('email-channel')),
    language text not null check (language in ('ja', 'en')),
    wording_version text not null,
    given_at timestamptz not null,
    withdrawn_at timestamptz
);
create index consent_record_recipient on consent_record (recipient_id, purpose);
