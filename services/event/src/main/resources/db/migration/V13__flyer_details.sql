-- What the flyers say besides time and place (theme and programme, 講師, 持ち物, 参加費): public, one JSON value so a
-- series copies it to its occurrences whole. Never in an event payload (ADR 0005: events carry ids, states, codes).
alter table session add column flyer_json text;
alter table session_series add column flyer_json text;
