-- A venue's area in English (e.g. Hinata Ward for ひなた区), optional: English pages show it, and the Japanese area
-- where none is given. The public list's filter keeps matching the Japanese area, the one every venue has.
alter table venue add column area_en text;
