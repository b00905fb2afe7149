-- Retention (RegistrationRetentionPurge): 30 days after a session ends its registrations (nickname, account id,
-- children's ages, booking code) are deleted. What reports need stays, without anybody in it: one row of totals per
-- session. The lottery's published draw stays too (registration ids and tiers only), so a past draw can still be
-- recomputed by anyone who kept it.
create table session_registration_total (
    session_id       uuid primary key references session_copy (id),
    organisation_id  text        not null,
    confirmed        integer     not null,   -- confirmed at the end (includes attended and no-show)
    attended         integer     not null,
    no_show          integer     not null,
    cancelled        integer     not null,   -- cancelled by her, the organiser, the session's cancellation or the system
    waitlisted       integer     not null,   -- still waiting when the session ended (nobody's seat came free)
    with_childcare   integer     not null,   -- confirmed bookings that came with childcare reserved
    drop_ins         integer     not null,
    anonymised_at    timestamptz not null
);
