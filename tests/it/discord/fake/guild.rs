//! Who and what the fake knows: the demo guild (the org), its roles, channels and members.
//!
//! Members are the active people of the demo org chart (`src/demo/org.csv`): username = the
//! email's local part (`ana`), `global_name` = the chart's name, one role per department. Ids
//! are snowflakes derived from the username, so a test can compute them ([`user_id_for`]).
//!
//! Object shapes from discord-api-docs: User (`resources/user.mdx`: `id, username,
//! discriminator` ("0" for migrated usernames), `global_name, avatar, bot?, public_flags…`),
//! Guild Member (`resources/guild.mdx`: `user, nick, avatar, banner, roles, joined_at,
//! premium_since, deaf, mute, flags, pending, communication_disabled_until…`), Role
//! (`topics/permissions.mdx`: `id, name, color, colors{primary_color,secondary_color,
//! tertiary_color}, hoist, icon, unicode_emoji, position, permissions, managed, mentionable,
//! flags`), Channel (`resources/channel.mdx`, GUILD_TEXT = 0, DM = 1). serenity 0.12.5 drops
//! events whose objects miss a field (`chat-protocols.md`, last section), so these are complete.

use ambassador::demo::DEMO_ORG_CSV;
use serde_json::{Value, json};
use sha2::{Digest, Sha256};

use super::{BOT_NAME, BOT_USER_ID, BOT_USERNAME};

/// The guild: the organisation.
pub const GUILD_ID: &str = "1180000000000000001";
/// The guild's name.
pub const GUILD_NAME: &str = "Acme";
/// `#general`, the guild's system channel.
pub const GENERAL_CHANNEL_ID: &str = "1180000000000000011";
/// `#customer-wins`.
pub const CUSTOMER_WINS_CHANNEL_ID: &str = "1180000000000000012";
/// The "Support" role (department Operations/Support).
pub const SUPPORT_ROLE_ID: &str = "1180000000000000021";
/// The "Engineering" role (Engineering/Platform and Engineering/Mobile).
pub const ENGINEERING_ROLE_ID: &str = "1180000000000000022";
/// The "Sales" role.
pub const SALES_ROLE_ID: &str = "1180000000000000023";
/// The "Marketing" role.
pub const MARKETING_ROLE_ID: &str = "1180000000000000024";
/// The "Logistics" role (Operations/Logistics).
pub const LOGISTICS_ROLE_ID: &str = "1180000000000000025";
/// The "Executive" role.
pub const EXECUTIVE_ROLE_ID: &str = "1180000000000000026";
/// The bot's managed role, made when it joined.
pub const BOT_ROLE_ID: &str = "1180000000000000029";

/// When the demo members joined.
const JOINED_AT: &str = "2024-03-01T09:00:00.000000+00:00";

/// A member of the guild, with what the User and Guild Member objects say of them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FakeMember {
    /// The user's snowflake.
    pub user_id: String,
    /// The unique username (lowercase, no discriminator).
    pub username: String,
    /// The display name, `global_name`.
    pub global_name: Option<String>,
    /// The guild nickname.
    pub nick: Option<String>,
    /// Role ids (never the `@everyone` role, as Discord lists them).
    pub roles: Vec<String>,
    /// Whether the user is a bot.
    pub bot: bool,
    /// ISO 8601 join time.
    pub joined_at: String,
    /// The client's locale, the `locale` of their interactions.
    pub locale: String,
    /// Whether they refuse DMs from the bot (403 50007 on the message).
    pub blocks_dms: bool,
}

impl FakeMember {
    /// A person with id [`user_id_for`]`(username)`, no roles, joined on the demo date.
    pub fn new(username: &str, global_name: &str) -> Self {
        Self {
            user_id: user_id_for(username),
            username: username.into(),
            global_name: Some(global_name.into()),
            nick: None,
            roles: Vec::new(),
            bot: false,
            joined_at: JOINED_AT.into(),
            locale: "en-US".into(),
            blocks_dms: false,
        }
    }

    /// The same member with these role ids.
    pub fn with_roles(mut self, roles: &[&str]) -> Self {
        self.roles = roles.iter().map(|r| (*r).to_owned()).collect();
        self
    }

    /// The User object.
    pub fn user_json(&self) -> Value {
        let mut user = json!({
            "id": self.user_id,
            "username": self.username,
            "global_name": self.global_name,
            "discriminator": "0",
            "avatar": null,
            "public_flags": 0,
            "flags": 0,
            "banner": null,
            "accent_color": null,
            "avatar_decoration_data": null,
            "collectibles": null,
            "primary_guild": null,
        });
        if self.bot {
            user["bot"] = json!(true);
        }
        user
    }

    /// The Guild Member object, as the member list and GUILD_CREATE give it.
    pub fn member_json(&self) -> Value {
        json!({
            "user": self.user_json(),
            "nick": self.nick,
            "avatar": null,
            "banner": null,
            "roles": self.roles,
            "joined_at": self.joined_at,
            "premium_since": null,
            "deaf": false,
            "mute": false,
            "flags": 0,
            "pending": false,
            "communication_disabled_until": null,
            "unusual_dm_activity_until": null,
            "avatar_decoration_data": null,
        })
    }

    /// The member as an interaction's `member` carries it: the Guild Member object with the
    /// member's `permissions` in the channel.
    pub fn interaction_member_json(&self) -> Value {
        let mut member = self.member_json();
        member["permissions"] = json!(MEMBER_PERMISSIONS.to_string());
        member
    }

    /// A Guild Member object in `data.resolved.members`: without `user`, `deaf`, `mute`.
    pub fn resolved_member_json(&self) -> Value {
        json!({
            "nick": self.nick,
            "avatar": null,
            "banner": null,
            "roles": self.roles,
            "joined_at": self.joined_at,
            "premium_since": null,
            "flags": 0,
            "pending": false,
            "communication_disabled_until": null,
            "unusual_dm_activity_until": null,
            "permissions": MEMBER_PERMISSIONS.to_string(),
            "avatar_decoration_data": null,
        })
    }

    /// The display name Discord shows: nick, else global name, else username.
    pub fn display_name(&self) -> &str {
        self.nick
            .as_deref()
            .or(self.global_name.as_deref())
            .unwrap_or(&self.username)
    }
}

/// A role of the guild.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FakeRole {
    /// Snowflake (the `@everyone` role's is the guild's).
    pub id: String,
    /// Name.
    pub name: String,
    /// RGB colour as an integer (0 = none).
    pub color: u32,
    /// Position in the list (0 = `@everyone`).
    pub position: u16,
    /// Whether it is the bot's managed role.
    pub managed: bool,
}

impl FakeRole {
    fn new(id: &str, name: &str, color: u32, position: u16) -> Self {
        Self {
            id: id.into(),
            name: name.into(),
            color,
            position,
            managed: false,
        }
    }

    /// The Role object.
    pub fn to_json(&self) -> Value {
        let permissions = if self.position == 0 {
            EVERYONE_PERMISSIONS
        } else {
            0
        };
        let mut role = json!({
            "id": self.id,
            "name": self.name,
            "description": null,
            "color": self.color,
            "colors": {"primary_color": self.color, "secondary_color": null, "tertiary_color": null},
            "hoist": false,
            "icon": null,
            "unicode_emoji": null,
            "position": self.position,
            "permissions": permissions.to_string(),
            "managed": self.managed,
            "mentionable": false,
            "flags": 0,
        });
        if self.managed {
            role["tags"] = json!({"bot_id": BOT_USER_ID});
        }
        role
    }
}

/// A text channel of the guild.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FakeChannel {
    /// Snowflake.
    pub id: String,
    /// Name, without `#`.
    pub name: String,
    /// Position in the list.
    pub position: u16,
    /// Topic.
    pub topic: Option<String>,
}

impl FakeChannel {
    /// A GUILD_TEXT channel.
    pub fn text(id: &str, name: &str, position: u16) -> Self {
        Self {
            id: id.into(),
            name: name.into(),
            position,
            topic: None,
        }
    }

    /// The Channel object (GUILD_TEXT, type 0).
    pub fn to_json(&self) -> Value {
        json!({
            "id": self.id,
            "type": 0,
            "guild_id": super::GUILD_ID,
            "name": self.name,
            "position": self.position,
            "permission_overwrites": [],
            "nsfw": false,
            "topic": self.topic,
            "last_message_id": null,
            "rate_limit_per_user": 0,
            "parent_id": null,
            "last_pin_timestamp": null,
            "flags": 0,
        })
    }
}

/// The guild and everything in it.
#[derive(Debug, Clone)]
pub(super) struct FakeGuild {
    pub id: String,
    pub name: String,
    pub owner_id: String,
    pub roles: Vec<FakeRole>,
    pub channels: Vec<FakeChannel>,
    pub members: Vec<FakeMember>,
}

impl FakeGuild {
    /// The demo guild: roles, `#general` and `#customer-wins`, the demo members, a stranger
    /// and the bot.
    pub fn demo() -> Self {
        let mut members = demo_members();
        members.push(stranger());
        members.push(bot_member());
        let mut bot_role = FakeRole::new(BOT_ROLE_ID, BOT_NAME, 0, 7);
        bot_role.managed = true;
        Self {
            id: GUILD_ID.into(),
            name: GUILD_NAME.into(),
            owner_id: user_id_for("olivia"),
            roles: vec![
                FakeRole::new(GUILD_ID, "@everyone", 0, 0),
                FakeRole::new(EXECUTIVE_ROLE_ID, "Executive", 0xf1c40f, 6),
                FakeRole::new(SUPPORT_ROLE_ID, "Support", 0x3498db, 5),
                FakeRole::new(ENGINEERING_ROLE_ID, "Engineering", 0x2ecc71, 4),
                FakeRole::new(SALES_ROLE_ID, "Sales", 0xe67e22, 3),
                FakeRole::new(MARKETING_ROLE_ID, "Marketing", 0x9b59b6, 2),
                FakeRole::new(LOGISTICS_ROLE_ID, "Logistics", 0x95a5a6, 1),
                bot_role,
            ],
            channels: vec![
                FakeChannel::text(GENERAL_CHANNEL_ID, "general", 0),
                FakeChannel::text(CUSTOMER_WINS_CHANNEL_ID, "customer-wins", 1),
            ],
            members,
        }
    }

    /// The Guild object of `GET /guilds/{id}`.
    pub fn to_json(&self) -> Value {
        let roles: Vec<Value> = self.roles.iter().map(FakeRole::to_json).collect();
        json!({
            "id": self.id,
            "name": self.name,
            "icon": null,
            "icon_hash": null,
            "splash": null,
            "discovery_splash": null,
            "owner_id": self.owner_id,
            "afk_channel_id": null,
            "afk_timeout": 300,
            "widget_enabled": false,
            "widget_channel_id": null,
            "verification_level": 1,
            "default_message_notifications": 1,
            "explicit_content_filter": 2,
            "roles": roles,
            "emojis": [],
            "features": [],
            "mfa_level": 0,
            "application_id": null,
            "system_channel_id": GENERAL_CHANNEL_ID,
            "system_channel_flags": 0,
            "rules_channel_id": null,
            "max_presences": null,
            "max_members": 500000,
            "vanity_url_code": null,
            "description": null,
            "banner": null,
            "premium_tier": 0,
            "premium_subscription_count": 0,
            "preferred_locale": "en-US",
            "public_updates_channel_id": null,
            "max_video_channel_users": 25,
            "max_stage_video_channel_users": 50,
            "nsfw_level": 0,
            "stickers": [],
            "premium_progress_bar_enabled": false,
            "safety_alerts_channel_id": null,
            "incidents_data": null,
        })
    }

    /// The GUILD_CREATE payload: the Guild object with the gateway's extra fields.
    pub fn create_event_json(&self) -> Value {
        let mut guild = self.to_json();
        let members: Vec<Value> = self.members.iter().map(FakeMember::member_json).collect();
        let channels: Vec<Value> = self.channels.iter().map(FakeChannel::to_json).collect();
        guild["joined_at"] = json!(JOINED_AT);
        guild["large"] = json!(self.members.len() > 250);
        guild["unavailable"] = json!(false);
        guild["member_count"] = json!(self.members.len());
        guild["voice_states"] = json!([]);
        guild["members"] = json!(members);
        guild["channels"] = json!(channels);
        guild["threads"] = json!([]);
        guild["presences"] = json!([]);
        guild["stage_instances"] = json!([]);
        guild["guild_scheduled_events"] = json!([]);
        guild["soundboard_sounds"] = json!([]);
        guild
    }

    /// The partial guild `GET /users/@me/guilds` lists.
    pub fn partial_json(&self) -> Value {
        json!({
            "id": self.id,
            "name": self.name,
            "icon": null,
            "banner": null,
            "owner": false,
            "permissions": BOT_PERMISSIONS.to_string(),
            "features": [],
        })
    }

    pub fn channel(&self, id: &str) -> Option<&FakeChannel> {
        self.channels.iter().find(|c| c.id == id)
    }
}

/// `@everyone`'s permissions: VIEW_CHANNEL, SEND_MESSAGES, EMBED_LINKS, ATTACH_FILES,
/// READ_MESSAGE_HISTORY, MENTION_EVERYONE off, USE_APPLICATION_COMMANDS.
pub const EVERYONE_PERMISSIONS: u64 =
    (1 << 10) | (1 << 11) | (1 << 14) | (1 << 15) | (1 << 16) | (1 << 31);
/// A member's permissions in a channel, as interactions carry them.
pub const MEMBER_PERMISSIONS: u64 = EVERYONE_PERMISSIONS;
/// The bot's permissions (`app_permissions`): `@everyone`'s and SEND_MESSAGES_IN_THREADS.
pub const BOT_PERMISSIONS: u64 = EVERYONE_PERMISSIONS | (1 << 38);

/// The snowflake of `username`: a stable id in the range Discord issued in 2020–2023.
pub fn user_id_for(username: &str) -> String {
    let digest = Sha256::digest(username.as_bytes());
    let mut bytes = [0u8; 8];
    bytes.copy_from_slice(&digest[..8]);
    let n = u64::from_be_bytes(bytes) % 400_000_000_000_000_000;
    (700_000_000_000_000_000 + n).to_string()
}

/// A snowflake as a number, for sorting (0 when not one).
pub fn snowflake_value(id: &str) -> u64 {
    id.parse().unwrap_or(0)
}

/// The role of a department of the org chart.
fn role_for_department(department: &str) -> &'static str {
    match department.split('/').collect::<Vec<_>>().as_slice() {
        ["Operations", "Support"] => SUPPORT_ROLE_ID,
        ["Operations", ..] => LOGISTICS_ROLE_ID,
        ["Engineering", ..] => ENGINEERING_ROLE_ID,
        ["Sales", ..] => SALES_ROLE_ID,
        ["Marketing", ..] => MARKETING_ROLE_ID,
        _ => EXECUTIVE_ROLE_ID,
    }
}

/// The active people of the demo org chart as members: username `ana`, global name
/// `Ana Silva`, the department's role, the chart's locale (`el` → `el`, `pl` → `pl`,
/// `en` → `en-US`, as Discord names its locales).
pub fn demo_members() -> Vec<FakeMember> {
    let mut reader = csv::Reader::from_reader(DEMO_ORG_CSV.as_bytes());
    let headers = reader.headers().expect("demo org headers").clone();
    let col = |name: &str| {
        headers
            .iter()
            .position(|h| h == name)
            .unwrap_or_else(|| panic!("demo org column {name}"))
    };
    let (email, name, department, locale, active) = (
        col("email"),
        col("name"),
        col("department"),
        col("locale"),
        col("active"),
    );
    reader
        .records()
        .map(|r| r.expect("a demo org row"))
        .filter(|r| &r[active] != "no")
        .map(|r| {
            let username = r[email].split('@').next().unwrap_or_default().to_owned();
            let mut member = FakeMember::new(&username, &r[name])
                .with_roles(&[role_for_department(&r[department])]);
            member.locale = match &r[locale] {
                "el" => "el".into(),
                "pl" => "pl".into(),
                _ => "en-US".into(),
            };
            member
        })
        .collect()
}

/// A member of the guild who is not in the org chart.
pub fn stranger() -> FakeMember {
    FakeMember::new("casey.visitor", "Casey Morgan")
}

/// The bot as a member of the guild (`bot: true`, its managed role).
pub fn bot_member() -> FakeMember {
    let mut member = FakeMember::new(BOT_USERNAME, BOT_NAME).with_roles(&[BOT_ROLE_ID]);
    member.user_id = BOT_USER_ID.into();
    member.bot = true;
    member
}

/// `n` members named `member00001`… with increasing ids above every demo id, for paging tests.
pub fn generated_members(n: usize) -> Vec<FakeMember> {
    (1..=n)
        .map(|i| {
            let mut member = FakeMember::new(&format!("member{i:05}"), &format!("Member {i}"));
            member.user_id = (1_200_000_000_000_000_000u64 + i as u64).to_string();
            member
        })
        .collect()
}
