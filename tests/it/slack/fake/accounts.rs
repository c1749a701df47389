//! Who the fake knows: workspaces (by bot token), their members, and OAuth grants.

use serde_json::{Value, json};

use super::{BOT_ID, BOT_TOKEN, BOT_USER_ID, TEAM_DOMAIN, TEAM_ID, TEAM_NAME};

/// A workspace the fake knows, reached through its bot token: every Web API call is answered
/// for the workspace its token belongs to, as Slack does.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FakeWorkspace {
    /// Team id (`T…`).
    pub team_id: String,
    /// Team name, as `auth.test` and OAuth report it.
    pub team_name: String,
    /// Domain, for `auth.test`'s `url`.
    pub domain: String,
    /// The bot token (`xoxb-…`) that reaches this workspace.
    pub bot_token: String,
    /// The bot's user id in this workspace.
    pub bot_user_id: String,
    /// The bot's bot id in this workspace.
    pub bot_id: String,
}

impl Default for FakeWorkspace {
    /// The workspace the fake starts with, reached by [`BOT_TOKEN`].
    fn default() -> Self {
        Self {
            team_id: TEAM_ID.into(),
            team_name: TEAM_NAME.into(),
            domain: TEAM_DOMAIN.into(),
            bot_token: BOT_TOKEN.into(),
            bot_user_id: BOT_USER_ID.into(),
            bot_id: BOT_ID.into(),
        }
    }
}

impl FakeWorkspace {
    /// Another workspace, with a token and bot ids derived from its team id, for multi-workspace
    /// (OAuth) tests.
    pub fn new(team_id: &str, team_name: &str) -> Self {
        let suffix = team_id.trim_start_matches('T');
        Self {
            team_id: team_id.into(),
            team_name: team_name.into(),
            domain: team_name.to_lowercase().replace(' ', "-"),
            bot_token: format!("xoxb-{team_id}-bot-token"),
            bot_user_id: format!("U{suffix}BOT"),
            bot_id: format!("B{suffix}BOT"),
        }
    }
}

/// A member of a workspace as `users.list`, `users.info` and `team_join` describe them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FakeUser {
    /// User id (`U…` or `W…`).
    pub id: String,
    /// The handle (`name`).
    pub name: String,
    /// Full name (`real_name`, also in the profile).
    pub real_name: String,
    /// `profile.display_name`; Slack sends `""` when the person set none.
    pub display_name: String,
    /// `profile.email`; absent for bots and without the `users:read.email` scope.
    pub email: Option<String>,
    /// IANA time zone.
    pub tz: String,
    /// Offset from UTC in seconds, as Slack reports it today.
    pub tz_offset: i32,
    /// Locale, sent only when the caller asks `include_locale=true`.
    pub locale: String,
    /// Deactivated.
    pub deleted: bool,
    /// A bot user.
    pub is_bot: bool,
}

impl FakeUser {
    /// An active person with an email address, in London, speaking British English.
    pub fn person(id: &str, name: &str) -> Self {
        Self {
            id: id.into(),
            name: name.into(),
            real_name: name.into(),
            display_name: name.into(),
            email: Some(format!("{name}@example.com")),
            tz: "Europe/London".into(),
            tz_offset: 0,
            locale: "en-GB".into(),
            deleted: false,
            is_bot: false,
        }
    }

    /// A bot user, as `users.list` lists every app's bot.
    pub fn bot(id: &str, name: &str) -> Self {
        Self {
            email: None,
            is_bot: true,
            ..Self::person(id, name)
        }
    }

    /// Slackbot as real `users.list` answers include it: `is_bot` is false, so only its id
    /// (`USLACKBOT`) tells it apart from a person.
    pub fn slackbot() -> Self {
        Self {
            email: None,
            ..Self::person("USLACKBOT", "slackbot")
        }
    }

    /// The user object Slack sends (users.list members, users.info `user`, team_join `user`).
    pub fn to_json(&self, team_id: &str, include_locale: bool) -> Value {
        let mut profile = json!({
            "real_name": self.real_name,
            "real_name_normalized": self.real_name,
            "display_name": self.display_name,
            "display_name_normalized": self.display_name,
            "team": team_id,
        });
        if let Some(email) = &self.email {
            profile["email"] = json!(email);
        }
        let mut user = json!({
            "id": self.id,
            "team_id": team_id,
            "name": self.name,
            "deleted": self.deleted,
            "real_name": self.real_name,
            "tz": self.tz,
            "tz_label": self.tz,
            "tz_offset": self.tz_offset,
            "is_admin": false,
            "is_owner": false,
            "is_bot": self.is_bot,
            "is_app_user": false,
            "updated": 1_700_000_000,
            "profile": profile,
        });
        if include_locale {
            user["locale"] = json!(self.locale);
        }
        user
    }
}

/// What `oauth.v2.access` hands out for one authorization code.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OAuthGrant {
    /// The workspace being installed into; its bot token becomes valid once the code is used.
    pub workspace: FakeWorkspace,
    /// Who clicked "Allow" (`authed_user.id`).
    pub installer_user_id: String,
    /// The bot scopes granted (comma list).
    pub scope: String,
}

impl OAuthGrant {
    /// An install of `workspace` by `installer_user_id` with typical bot scopes.
    pub fn new(workspace: FakeWorkspace, installer_user_id: &str) -> Self {
        Self {
            workspace,
            installer_user_id: installer_user_id.into(),
            scope: "chat:write,commands,im:write,users:read,users:read.email,reactions:read".into(),
        }
    }
}
