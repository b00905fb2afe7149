-- An organisation's own carer ratio table and cap (docs/childcare.md, "Configuring ratios and the cap"). An
-- organisation without a row uses the April 2024 nursery standard and no cap of its own.
create table organisation_ratios (
    organisation_id          text primary key,
    max_children_per_session integer check (max_children_per_session is null or max_children_per_session >= 1),
    updated_at               timestamptz not null
);

-- The bands of one organisation's table: 0-17 without gaps or overlaps is checked when saved (RatioTableCheck).
create table organisation_ratio_band (
    id                 uuid primary key,
    organisation_id    text    not null references organisation_ratios (organisation_id) on delete cascade,
    youngest           integer not null check (youngest between 0 and 17),
    oldest             integer not null check (oldest between 0 and 17 and oldest >= youngest),
    children_per_carer integer not null check (children_per_carer >= 1),
    unique (organisation_id, youngest)
);

-- Who read care notes, when and why: never the notes themselves. actor_subject is the staff member's opaque account id.
create table care_notes_audit (
    id               uuid primary key,
    organisation_id  text        not null,
    session_id       uuid        not null,
    registration_id  uuid,
    kind             text        not null check (kind in ('CARE_SHEET')),
    actor_subject    text        not null,
    actor_role       text        not null,
    reason           text        check (char_length(reason) <= 200),
    read_at          timestamptz not null
);
create index care_notes_audit_session on care_notes_audit (session_id, read_at);

-- What is left of a past session's childcare once its bookings are deleted (ChildcareRetentionPurge): anonymous
-- totals for reports. No attendee, registration or request id, no individual ages.
create table session_childcare_total (
    session_id       uuid primary key references session_offer (session_id),
    organisation_id  text        not null,
    families         integer     not null check (families >= 0),
    children         integer     not null check (children >= 0),
    carers           integer     not null check (carers >= 0),
    carers_needed    integer     not null check (carers_needed >= 0),
    anonymised_at    timestamptz not null
);

create table session_childcare_band_total (
    session_id  uuid    not null references session_childcare_total (session_id) on delete cascade,
    position    integer not null,
    ages        text    not null,
    children    integer not null check (children >= 0),
    primary key (session_id, position)
);
