-- The trace context (W3C traceparent: ids and flags only) of the request that appended a row, so that the record the
-- relay publishes continues that request's trace (docs/adr/0033). Null when tracing is off. Numbered above every
-- migration already applied anywhere (Flyway refuses a lower number once a higher one ran).
alter table outbox_message add column if not exists traceparent text;
