-- A lottery session's rules, shown to applicants and sent to registration in EventPublished/EventChanged `lottery`:
-- JSON {priority: [tier labels], oneWinPerMonth, childcareRequiredToWin}; null = the defaults. Series copy theirs.
alter table session add column lottery_json text;
alter table session_series add column lottery_json text;
