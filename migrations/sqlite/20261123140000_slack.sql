-- Slack: the inbound request inbox, the outbound delivery queue, OAuth installs and states.

-- Every verified request from Slack, written before it is acknowledged and processed from here,
-- so an acknowledged request survives a crash. The dedupe key makes a retried event (same
-- event_id) or a replayed request (same signature) a no-op.
create table slack_inbox (
    id integer primary key,
    team_id text not null,
    kind text not null,                -- event | command | interaction
    dedupe_key text not null,
    body text not null,                -- the verified raw body, exactly as received
    received_at text not null,
    attempts integer not null default 0,
    claimed_until text,                -- a worker processing it; taken over after this passes
    processed_at text,
    last_error text,
    unique (team_id, dedupe_key)
);
create index slack_inbox_pending on slack_inbox(processed_at, id);

-- Every Web API call the bot makes on its own (messages, updates, uploads, replies to a
-- response_url), sent by a per-workspace delivery worker that honours rate limits. A restart
-- resumes what was not sent.
create table slack_outbox (
    id integer primary key,
    team_id text not null,
    method text not null,              -- chat.postMessage | chat.update | views.publish | response_url | upload
    payload text not null,             -- JSON
    created_at text not null,
    not_before text not null,
    attempts integer not null default 0,
    claimed_until text,
    sent_at text,
    failed_at text,                    -- given up (a permanent error); last_error says why
    last_error text
);
create index slack_outbox_due on slack_outbox(sent_at, failed_at, not_before, id);

-- Workspaces that installed the app through OAuth, with their bot token encrypted.
create table slack_installs (
    team_id text primary key,
    team_name text not null,
    bot_user_id text not null,
    bot_token_sealed text not null,    -- base64(nonce || ChaCha20-Poly1305 ciphertext)
    scopes text not null,
    installed_by text,
    installed_at text not null,
    updated_at text not null
);

-- The OAuth `state` values handed out by /slack/install, each usable once (CSRF protection).
create table slack_oauth_states (
    state text primary key,
    created_at text not null,
    used_at text
);
