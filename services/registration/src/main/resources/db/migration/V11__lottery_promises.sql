-- The lottery keeps the promises of docs/lottery.md (issue #13).
-- The application window as the event service published it: applications before it opens are refused.
alter table session_copy add column application_opens_at timestamptz;
-- Whether the session offers childcare (託児): an application asking for it elsewhere could never win.
alter table session_copy add column childcare_offered boolean not null default false;

-- What is recorded at closing, in the same transaction that draws (the session row locked, so no application can slip
-- in between): the number of applications in the draw. The input digest was already kept; from now on the public
-- lottery view shows both as soon as the lottery has closed, before the allocation's result is published.
alter table lottery_draw add column applications integer;
-- The draw's time in the published file; the month (Asia/Tokyo, YYYY-MM) whose wins count for the once-a-month rule.
alter table lottery_draw add column win_month text;

-- Her published reserve number (補欠の何番目) stays hers: /mine shows it, and how many are still ahead of her separately.
alter table registration add column reserve_number integer;
