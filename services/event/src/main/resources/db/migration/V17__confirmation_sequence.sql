-- Order across replicas (issue #14): the sequence of the registration event a confirmation was last set from. A
-- RegistrationConfirmed read after the RegistrationCancelled that followed it (two relays publishing in parallel)
-- must not confirm her again and release a hidden address to a woman who cancelled. Null: set by an older event
-- without a sequence.
alter table attendee_confirmation add column sequence bigint;
