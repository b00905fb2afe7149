-- First-come bookings and waitlist offers coupled with childcare (architecture.md, the saga). A seat held while
-- childcare-booking is asked is an active registration: she cannot book the same session twice meanwhile.
drop index registration_one_active;
create unique index registration_one_active on registration (session_id, attendee_id)
    where status in ('CONFIRMED', 'APPLIED', 'WAITLISTED', 'OFFERED', 'PENDING_CHILDCARE');
-- when the pending ChildcareRequested was written: a hold never answered is released by the sweep (NO_ANSWER)
alter table registration add column childcare_requested_at timestamptz;
create index registration_childcare_hold on registration (childcare_requested_at) where status = 'PENDING_CHILDCARE';
