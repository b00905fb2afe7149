-- "Changes since your last visit" on the partner schedule (issue #16): when each partner account's current visit
-- began and when the one before it began, kept here rather than in her browser (nothing in browser storage). Staff
-- accounts only, no attendee data; the subject is the account's opaque id.
create table partner_visit (
    subject text primary key,
    partner_group text not null,
    visit_started_at timestamptz not null,
    previous_visit_started_at timestamptz
);
