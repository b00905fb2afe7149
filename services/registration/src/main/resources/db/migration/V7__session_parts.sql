-- Parts of a session booked together (1部/2部): the event service's `parts` as a JSON array of
-- {partId, label, startsAt, endsAt}. One booking is for all parts, and seats are counted once per session, so the
-- parts are only shown and named in RegistrationConfirmed (partIds); null when the session has no parts.
alter table session_copy add column parts text;
