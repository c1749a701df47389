-- The relay: one durable inbox and one durable outbox for every chat platform, replacing the
-- Slack-only queues. Today's Slack rows move across unchanged.

-- Every verified request a platform sent, stored before it is acknowledged and processed from
-- here, so an acknowledged request survives a crash. The dedupe key (the platform's own id for
-- the request) makes a retried or replayed request a no-op.
create table inbox (
    id integer primary key,
    platform text not null,            -- slack | teams | discord | console
    org_key text not null,             -- the platform's id of the org (a Slack team, a tenant, a guild)
    kind text not null,                -- how the adapter decodes the body
    dedupe_key text not null,
    lane text,                         -- who made it, so one person's requests run in order; null: the org's lane
    body text not null,                -- the verified raw body, exactly as received
    received_at text not null,
    attempts integer not null default 0,
    claimed_until text,                -- a worker processing it; taken over after this passes
    processed_at text,
    last_error text,
    unique (platform, org_key, dedupe_key)
);
create index inbox_pending on inbox(platform, id) where processed_at is null;

insert into inbox (platform, org_key, kind, dedupe_key, lane, body, received_at, attempts,
                   claimed_until, processed_at, last_error)
select 'slack', team_id, kind, dedupe_key, null, body, received_at, attempts, claimed_until,
       processed_at, last_error
from slack_inbox order by id;

drop table slack_inbox;

-- Every call the bot makes to a platform on its own (messages, updates, forms, home pages,
-- uploads, replies), sent by a delivery worker per platform that paces each org and honours
-- the platform's rate limits. A restart resumes what was not sent.
create table outbox (
    id integer primary key,
    platform text not null,
    org_key text not null,
    method text not null,              -- the adapter's name for the call (chat.postMessage, response_url, …)
    payload text not null,             -- JSON, as the adapter rendered it
    urgent integer not null default 0, -- someone is waiting for it (a reply, a form): sent before bulk
    created_at text not null,
    not_before text not null,
    attempts integer not null default 0,
    claimed_until text,
    sent_at text,
    failed_at text,                    -- given up (a permanent error); last_error says why
    last_error text
);
create index outbox_pending on outbox(platform, urgent, id) where sent_at is null and failed_at is null;

insert into outbox (platform, org_key, method, payload, urgent, created_at, not_before, attempts,
                    claimed_until, sent_at, failed_at, last_error)
select 'slack', team_id, method, payload, 0, created_at, not_before, attempts, claimed_until,
       sent_at, failed_at, last_error
from slack_outbox order by id;

drop table slack_outbox;

-- An org the platform asked us to leave alone for a while (HTTP 429 with a retry hint): its
-- calls wait until `until`, on every replica.
create table relay_pauses (
    platform text not null,
    org_key text not null,
    until text not null,
    primary key (platform, org_key)
);
