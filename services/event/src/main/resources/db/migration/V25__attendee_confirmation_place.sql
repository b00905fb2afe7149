-- What kind of place a row stands for: her seat (a registration, as until now) or, at a café that takes no booking,
-- her drop-in childcare reservation (registration_id then holds the reservation's id). She has to bring her children
-- to the venue, so the attendees-only address is released to her as to a woman with a seat.
alter table attendee_confirmation add column place text not null default 'SEAT'
    constraint attendee_confirmation_place check (place in ('SEAT', 'DROP_IN_CHILDCARE'));
