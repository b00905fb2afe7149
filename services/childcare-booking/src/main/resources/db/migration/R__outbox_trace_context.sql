-- The trace context (W3C traceparent: ids and flags only) of the request that appended a row, so that the record the
-- relay publishes continues that request's trace (docs/adr/0033). Null when tracing is off. Repeatable and idempotent:
-- the plumbing kit's outbox is the same in every producing service, and this takes no version number from them.
alter table outbox_message add column if not exists traceparent text;
