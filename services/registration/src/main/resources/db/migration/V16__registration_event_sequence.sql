-- Order across replicas (issue #14): every registration-lifecycle event carries a sequence drawn in the transaction
-- that writes it. A registration's changes run one after the other under its row lock, so a later change always draws
-- a larger number, whichever replica's relay publishes first; consumers drop an event older than what they applied.
create sequence registration_event_sequence;
