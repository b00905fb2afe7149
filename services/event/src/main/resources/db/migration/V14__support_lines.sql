-- 相談窓口: the places an organisation points women to (name, phone, hours, what they help with). Public facts about
-- public services, shown without sign-in; nothing about any woman.
create table support_line (
    id               uuid primary key,
    organisation_id  text        not null,
    position         integer     not null,
    name_ja          text        not null,
    name_en          text,
    phone            text,
    hours_ja         text,
    hours_en         text,
    helps_with_ja    text,
    helps_with_en    text,
    updated_at       timestamptz not null,
    unique (organisation_id, position)
);
