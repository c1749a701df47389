-- The answer a platform waited for in the HTTP response to a request (a Teams card action is
-- answered with the refreshed card), kept with the request in the same unit of work, so a
-- redelivered request gets the same answer without being processed again.
alter table inbox add column answer text;
