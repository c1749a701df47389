-- The admin's platforms page counts the calls and requests given up on lately. These partial
-- indexes hold only such rows, so the count never reads the whole history of sent calls.
create index outbox_failed on outbox(failed_at) where failed_at is not null;
create index inbox_failed on inbox(processed_at) where last_error is not null;
