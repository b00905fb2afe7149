-- Issue #14, free text in Kafka: an organiser's cancellation reason is a code (VENUE, SPEAKER, WEATHER, OTHER), worded
-- by the notification templates. Reasons typed before are free text that must not be sent again or kept: OTHER.
update registration set cancel_reason = 'OTHER'
 where cancelled_by = 'ORGANISER' and cancel_reason is not null
   and cancel_reason not in ('VENUE', 'SPEAKER', 'WEATHER', 'OTHER');
