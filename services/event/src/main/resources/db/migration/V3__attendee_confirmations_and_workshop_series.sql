-- Who is confirmed for which session, kept from registration's events (RegistrationConfirmed, RegistrationCancelled,
-- OfferExpired) so this service can release a hidden address or a meeting link without calling registration.
-- Nothing else about her: the opaque Keycloak subject, the registration id and yes/no. Rows of sessions that ended
-- more than ibasho.attendee-details.retention ago are deleted by AttendeeConfirmationCleanupJob.
create table attendee_confirmation (
    registration_id  uuid    primary key,
    session_id       uuid    not null,
    attendee_id      text    not null,
    confirmed        boolean not null
);
create index attendee_confirmation_session_attendee on attendee_confirmation (session_id, attendee_id);

-- Inbound deduplication: the CloudEvent id, recorded in the same transaction as the change it caused.
create table processed_message (
    event_id      text        not null,
    consumer      text        not null,
    processed_at  timestamptz not null,
    primary key (event_id, consumer)
);

-- Workshops as a series: each occurrence gets its own application window, counted back from its start.
alter table session_series
    add column application_opens_days_before   integer,
    add column application_closes_hours_before integer;
