-- A series' childcare offer (託児) for every occurrence: JSON {minAgeYears, maxAgeYears, carers, maxChildren,
-- deadlineHoursBefore}; the deadline of each occurrence is counted back from its own start. Null: no childcare.
alter table session_series add column childcare_json text;
