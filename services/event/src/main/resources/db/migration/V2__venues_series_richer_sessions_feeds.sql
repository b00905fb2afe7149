-- Venues of an organisation. The address is stored once and shown according to address_visibility:
-- PUBLIC (anyone), ATTENDEES_ONLY (released by other services to confirmed attendees), NEVER (a shelter).
create table venue (
    id                  uuid primary key,
    organisation_id     text        not null,
    name_ja             text        not null,
    name_en             text,
    area                text,
    accessibility_ja    text,
    accessibility_en    text,
    capacity_ceiling    integer,
    can_host_childcare  boolean     not null default false,
    address             text,
    address_visibility  text        not null,
    -- JSON: [{"id":"washitsu","nameJa":"和室","nameEn":"Tatami room"}]
    rooms_json          text        not null default '[]',
    -- JSON array of partner_group ids, e.g. ["tsubomi"]; ids are [a-z0-9-] only, so a LIKE on the quoted id is exact.
    partner_groups_json text        not null default '[]',
    created_at          timestamptz not null,
    updated_at          timestamptz not null,
    constraint venue_capacity_positive check (capacity_ceiling is null or capacity_ceiling >= 1),
    constraint venue_address_visibility check (address_visibility in ('PUBLIC', 'ATTENDEES_ONLY', 'NEVER'))
);
create index venue_organisation on venue (organisation_id);

-- A recurring session (RFC 5545 RRULE in Asia/Tokyo) and the defaults each occurrence gets.
create table session_series (
    id                  uuid primary key,
    organisation_id     text        not null,
    status              text        not null,
    rrule               text        not null,
    first_start         timestamp   not null,
    duration_minutes    integer     not null,
    last_day            date,
    occurrence_count    integer,
    kind                text        not null,
    title_ja            text        not null,
    title_en            text,
    target_audience_ja  text,
    target_audience_en  text,
    venue_id            uuid references venue (id),
    room_id             text,
    capacity            integer,
    allocation          text        not null,
    meeting_link        text,
    created_at          timestamptz not null,
    updated_at          timestamptz not null
);
create index session_series_organisation on session_series (organisation_id);

alter table session
    add column venue_id               uuid references venue (id),
    add column room_id                text,
    add column parts_json             text not null default '[]',
    add column target_audience_ja     text,
    add column target_audience_en     text,
    add column application_opens_at   timestamptz,
    add column application_closes_at  timestamptz,
    -- Private: released to confirmed attendees by other services; never in a public/partner response, feed or event.
    add column meeting_link           text,
    add column childcare_offered      boolean not null default false,
    add column childcare_min_age      integer,
    add column childcare_max_age      integer,
    add column childcare_carers       integer,
    add column childcare_deadline     timestamptz,
    add column childcare_max_children integer,
    add column series_id              uuid references session_series (id),
    -- RFC 5545 RECURRENCE-ID (basic form, Asia/Tokyo) of the occurrence this session is.
    add column recurrence_id          text,
    -- CHANGED or CANCELLED when this occurrence was edited on its own; series edits leave it alone then.
    add column occurrence_override    text;
create index session_venue_time on session (venue_id, starts_at);
create index session_series_id on session (series_id);
create index session_updated on session (updated_at);

-- Secret iCalendar feed URLs: only the SHA-256 of the token is stored; rotating replaces the row.
create table feed_token (
    id               uuid primary key,
    organisation_id  text        not null,
    scope            text        not null,
    partner_group    text,
    token_hash       text        not null unique,
    created_at       timestamptz not null,
    constraint feed_token_scope check (scope in ('ORGANISATION', 'PARTNER_GROUP'))
);
create unique index feed_token_one_per_scope on feed_token (organisation_id, scope, coalesce(partner_group, ''));
