-- Why she is on the waitlist (FULL, LOTTERY_RESERVE, CHILDCARE_UNAVAILABLE), so GET /mine can tell her what she is
-- waiting for: a seat, or a seat together with childcare. Rows waitlisted before this column existed stay null.
alter table registration add column waitlist_reason varchar(32);
