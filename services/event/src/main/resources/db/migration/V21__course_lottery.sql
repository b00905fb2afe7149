-- A course allocated by lottery (docs/adr/0026): one application for every date, drawn once applications close.
alter table course drop constraint course_allocation_check;
alter table course add constraint course_allocation_check check (allocation in ('FIRST_COME', 'LOTTERY'));
-- when applications for a LOTTERY course close and the draw is made; null for a first-come course
alter table course add column applications_close_at timestamptz;
alter table course add constraint course_lottery_has_closing
    check (allocation <> 'LOTTERY' or applications_close_at is not null);
