-- When she was checked in at the door (first recorded as attended): the door says "already checked in at HH:MM"
-- when the same booking code comes again. Deleted with the registration by the retention purge.
alter table registration add column if not exists attended_at timestamptz;
