-- The organisations a woman can ask to talk to, by their public name (docs/consultation.md, "Which organisations she
-- can choose"). An organisation is listed only once its consultation staff have given its public name and said that
-- they read requests (accepting): nobody else can set it, so an organisation without consultation staff is never
-- offered, and a request never waits where nobody reads it. Public facts about an organisation; nothing about her.
create table talk_organisation (
    organisation_id  text primary key,
    name_ja          text        not null,
    name_en          text,
    accepting        boolean     not null,
    updated_at       timestamptz not null,
    -- the consultation staff account that last changed it (like talk_request_audit's actor)
    updated_by       text        not null
);
