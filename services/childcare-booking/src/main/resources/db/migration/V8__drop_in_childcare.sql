-- 託児 at drop-in sessions (docs/childcare.md, "Childcare at a drop-in café"): at a session without bookings
-- (allocation NONE) a mother reserves childcare alone; no seat is booked anywhere.

-- How the session gives out places, as the event service announced it; only NONE takes drop-in childcare.
alter table session_offer add column allocation text;

-- SEAT: reserved through registration's saga with a booked seat. DROP_IN: reserved here alone; its registration_id is
-- the booking's own id (there is no registration), so the one-reservation-per-registration index still holds.
alter table childcare_booking add column kind text not null default 'SEAT' check (kind in ('SEAT', 'DROP_IN'));
-- The code she shows the carers when she hands over her children; drop-in only (a seat has its booking code).
alter table childcare_booking add column handover_code text;

-- One drop-in reservation per mother and session at a time: a second one is refused, so a double tap reserves once.
create unique index childcare_booking_one_drop_in_per_mother
    on childcare_booking (session_id, attendee_id) where kind = 'DROP_IN' and status = 'RESERVED';
create unique index childcare_booking_handover_code
    on childcare_booking (session_id, handover_code) where handover_code is not null;
