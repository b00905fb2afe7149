-- Every organiser read of a roster (nicknames of the women booked) is recorded here, in the same transaction as the
-- read: who (token subject), which session, when and why if given. Never the roster itself. Reads that bypass the
-- gateway are recorded too (zero trust: the gateway's own audit log sees only what passes through it).
create table roster_audit (
    id               uuid primary key,
    session_id       uuid        not null,
    organisation_id  text        not null,
    reader           text        not null,
    reason           text,
    read_at          timestamptz not null
);
create index roster_audit_session on roster_audit (session_id, read_at);
