-- ADR 0089: a booking without children is one statement on its own (no BEGIN, no COMMIT). When its guarded UPDATE took
-- a seat but her second active registration was refused by registration_one_active (ON CONFLICT DO NOTHING), the
-- statement must not commit that seat: it calls this, which aborts the whole statement as the index itself would, but
-- with no key values in the error (PostgreSQL's own message quotes the attendee and session ids, and its log keeps it).
create or replace function refuse_already_registered() returns boolean
    language plpgsql volatile as
$$
begin
    raise exception 'an active registration of this person exists for this session'
        using errcode = 'unique_violation', constraint = 'registration_one_active';
end
$$;
