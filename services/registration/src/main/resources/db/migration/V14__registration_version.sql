-- Lost updates (issue #14): every change of a registration goes through a row lock, and this version column backs it.
-- Hibernate checks and bumps it on each update, so a path that read her row without the lock can no longer write back
-- a status another transaction replaced (e.g. CONFIRMED over CANCELLED after the seat went to someone else): it fails
-- with a conflict instead. Native updates of registration bump it themselves.
alter table registration add column version bigint not null default 0;
