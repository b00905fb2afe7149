-- Her consent to notices through LINE (issue #18), recorded like e-mail's: the language of the page that gave her the
-- link code is kept with the pending code and becomes the record's language when LINE confirms the link.
alter table consent_record drop constraint consent_record_purpose_check;
alter table consent_record add constraint consent_record_purpose_check
    check (purpose in ('email-channel', 'line-channel'));
alter table line_link add column pending_consent_language text check (pending_consent_language in ('ja', 'en'));
