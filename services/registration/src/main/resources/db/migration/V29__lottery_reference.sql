-- Her lottery reference (ADR 0085): a random id of her application, apart from the registration id. The published draw
-- names applications by it, and only her signed-in page shows it, while the registration id is in her own URLs
-- (/app/bookings/{id} stays in a browser's history): a published file keyed by the registration id told whoever saw
-- that history whether she applied, won, needs childcare and already won this month. Never in a URL, an API path, a
-- Kafka payload or a log. gen_random_uuid() draws from a cryptographic generator, as UUID.randomUUID() does.
alter table registration add column lottery_reference uuid;
-- every lottery application (an application always has its tier; a booking never has one)
update registration set lottery_reference = gen_random_uuid() where priority_tier is not null or status = 'APPLIED';
create unique index registration_lottery_reference on registration (lottery_reference);
-- the same for an application to a course lottery, whose id is in her course pages' addresses
alter table course_request add column lottery_reference uuid;
update course_request set lottery_reference = gen_random_uuid() where kind = 'LOTTERY';
create unique index course_request_lottery_reference on course_request (lottery_reference);

-- How the draw names its applicants: by lottery reference from now on; the draws made before this migration named them
-- by registration id, and an allocation of theirs still asking childcare goes on with those ids (its drawn order was
-- computed from them and must not change half way).
alter table lottery_draw add column applicants_named_by text not null default 'LOTTERY_REFERENCE';
update lottery_draw set applicants_named_by = 'REGISTRATION_ID';

-- A childcare question names her by the draw's id (application_id, as before) and by her registration (what the
-- ChildcareRequested, its withdrawal and her own page use); before this migration both were the registration id.
alter table lottery_childcare_question add column registration_id uuid;
update lottery_childcare_question set registration_id = application_id;

-- Draws published before this migration, of sessions and of courses, carry registration or course request ids. Their
-- files are relabelled: every application id (also as a key of monthWins.tokens) becomes her lottery reference, or a
-- fresh random id for an application whose row is gone, and the format says so. Their order was drawn over the old
-- ids, so a relabelled file cannot be recomputed; the verifiers answer FORMAT for it instead of reporting a difference
-- that says nothing about the draw.
do $$
declare
    drawn record;
    relabelled text;
    drawn_id text;
    reference text;
begin
    for drawn in select session_id, published from lottery_draw where published is not null loop
        relabelled := drawn.published;
        for drawn_id in select lower(a ->> 'id') from jsonb_array_elements(drawn.published::jsonb -> 'applications') a loop
            select cast(r.lottery_reference as text) into reference
                from registration r where r.id = cast(drawn_id as uuid) and r.lottery_reference is not null;
            if reference is null then
                reference := cast(gen_random_uuid() as text);
            end if;
            relabelled := replace(relabelled, drawn_id, reference);
        end loop;
        update lottery_draw
            set published = jsonb_set(relabelled::jsonb, '{format}', '"ibasho-lottery-draw/2-relabelled"')::text
            where session_id = drawn.session_id;
    end loop;
    for drawn in select course_id as session_id, published from course_lottery where published is not null loop
        relabelled := drawn.published;
        for drawn_id in select lower(a ->> 'id') from jsonb_array_elements(drawn.published::jsonb -> 'applications') a loop
            select cast(q.lottery_reference as text) into reference
                from course_request q where q.id = cast(drawn_id as uuid) and q.lottery_reference is not null;
            if reference is null then
                reference := cast(gen_random_uuid() as text);
            end if;
            relabelled := replace(relabelled, drawn_id, reference);
        end loop;
        update course_lottery
            set published = jsonb_set(relabelled::jsonb, '{format}', '"ibasho-lottery-draw/2-relabelled"')::text
            where course_id = drawn.session_id;
    end loop;
end
$$;
