-- Reports for the city and funders (issue #18, docs/adr/0021): registration holds the report store, because it already
-- keeps every session's copy and the anonymous totals that outlive retention and erasure.
-- Where a session was held (the venue's id and public name, as the event service published them): reports are per venue.
alter table session_copy add column venue_id text;
alter table session_copy add column venue_name_ja text;
alter table session_copy add column venue_name_en text;

-- What retention keeps besides the old totals: lottery applications (against the seats) and children in childcare by
-- age band (0-2, 3-5, 6 and over), counts only.
alter table session_registration_total add column applications integer not null default 0;
alter table session_registration_total add column children_0_2 integer not null default 0;
alter table session_registration_total add column children_3_5 integer not null default 0;
alter table session_registration_total add column children_6_up integer not null default 0;

-- A yearly target per figure, set by the organisation's organisers and shown beside the result (e.g. 延べ参加者 400).
create table report_target (
    organisation_id text        not null,
    year            integer     not null,
    figure          text        not null,
    target          integer     not null check (target >= 0),
    set_at          timestamptz not null,
    primary key (organisation_id, year, figure)
);
