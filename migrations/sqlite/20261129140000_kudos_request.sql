-- The chat platform's id for the request that gave a kudos (a Slack event or trigger id), so a
-- request processed again after a crash finds its kudos instead of giving it twice. Console
-- kudos have none; NULLs never collide in a unique index.
alter table kudos add column request_id text;
create unique index kudos_request on kudos(org_id, request_id);
