-- Microsoft Teams: what the bot needs to reach people and channels of a tenant on its own
-- (conversation references), learned from verified activities and the roster.

-- A tenant that installed the app: where its Connector is (the serviceUrl of its latest
-- verified activity) and the bot's own id there.
create table teams_tenants (
    tenant_id text primary key,
    service_url text not null,
    bot_id text not null,              -- 28:<app id>
    updated_at timestamptz not null
);

-- A person as the bot sees them in a tenant: their per-bot id (29:…), their Entra object id
-- (the directory's link, people.platform_user_id) and, once it exists, their 1:1 chat with the
-- bot, so pulses, reminders and digests go out as proactive messages.
create table teams_members (
    tenant_id text not null,
    user_id text not null,             -- 29:…
    aad_object_id text,
    name text not null default '',
    conversation_id text,              -- a:… the 1:1 with the bot; null until one exists
    service_url text not null,
    updated_at timestamptz not null,
    primary key (tenant_id, user_id)
);
create index teams_members_by_aad on teams_members(tenant_id, aad_object_id);

-- A channel of a team the app is installed in, so posts to a named channel (kudos, the
-- narrative) find it. The General channel has no name of its own in Teams: it is stored as
-- "General".
create table teams_channels (
    tenant_id text not null,
    channel_id text not null,          -- 19:…@thread.tacv2
    team_id text not null,
    name text not null,
    service_url text not null,
    updated_at timestamptz not null,
    primary key (tenant_id, channel_id)
);
create index teams_channels_by_team on teams_channels(tenant_id, team_id);

-- A card the bot sent with buttons, by its conversation and activity id: a press arrives
-- without the card, and is answered with the card refreshed (the press marked, the answer
-- beneath), so the card is kept until its buttons no longer matter.
create table teams_cards (
    conversation_id text not null,
    activity_id text not null,
    card text not null,                -- the Adaptive Card JSON as last shown
    updated_at timestamptz not null,
    primary key (conversation_id, activity_id)
);
create index teams_cards_by_age on teams_cards(updated_at);
