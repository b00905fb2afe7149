-- The seat-and-childcare saga (architecture.md). She tells us only her children's ages (never names); the answer
-- comes back from childcare-booking matched by request id.
alter table registration add column children_ages text;            -- e.g. '0,3'; null = no childcare asked
alter table registration add column childcare_request_id uuid;     -- the ChildcareRequested in flight or last answered
alter table registration add column childcare_status text;         -- null, PENDING, RESERVED, REJECTED, RELEASED
alter table registration add column childcare_reject_reason text;  -- the stable reason code of the last rejection
create unique index registration_childcare_request on registration (childcare_request_id) where childcare_request_id is not null;
