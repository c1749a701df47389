-- Discord: what the bot needs to reach people and channels of a guild on its own.

-- A person's DM channel with the bot (the same for every guild), and whether Discord refused
-- a message to them ("Cannot send messages to this user": DMs closed or the bot blocked), so
-- later messages are not tried for ever; cleared when they next use the bot.
create table discord_dm_channels (
    user_id text primary key,
    channel_id text,                   -- null until a DM channel was opened
    undeliverable_since text,           -- null while messages reach them
    updated_at text not null
);

-- A guild's text channels by name, so posts to a named channel (kudos, the narrative) find it.
create table discord_channels (
    guild_id text not null,
    channel_id text not null,
    name text not null,
    updated_at text not null,
    primary key (guild_id, channel_id)
);
create index discord_channels_by_name on discord_channels(guild_id, name);
