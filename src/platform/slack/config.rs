//! The `[slack]` section and Slack's credentials from the environment: the Slack adapter's
//! own configuration, read and checked here so nothing outside this folder knows Slack's
//! settings.

use serde::Deserialize;

use crate::config::{Config, ConfigError};
use crate::core::schedule::CronSchedule;

/// `[slack]`: how the Slack app behaves. Its credentials come from the environment under
/// Slack's own names (see [`SlackCredentials`]), never from a file.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SlackSettings {
    /// The reaction (emoji name without colons) that gives kudos to a message's author.
    pub kudos_reaction: String,
    /// The public base URL of this server, for the OAuth redirect (empty: Slack uses the one
    /// in the app's settings).
    pub public_url: String,
    /// Largest request body accepted from Slack; bigger ones get 413.
    pub max_request_bytes: usize,
    /// Web API calls per second per workspace that the delivery worker allows itself.
    pub api_calls_per_second: u32,
    /// When the directory is refreshed from `users.list`, in the org's time zone.
    pub directory_sync_schedule: String,
}

/// Slack credentials, read from the environment by the names Slack's docs use.
#[derive(Clone, Default)]
pub struct SlackCredentials {
    /// `SLACK_SIGNING_SECRET`: verifies HTTP requests.
    pub signing_secret: Option<String>,
    /// `SLACK_BOT_TOKEN`: one workspace, installed by hand.
    pub bot_token: Option<String>,
    /// `SLACK_CLIENT_ID`: OAuth installs into many workspaces.
    pub client_id: Option<String>,
    /// `SLACK_CLIENT_SECRET`.
    pub client_secret: Option<String>,
    /// `SLACK_APP_TOKEN`: Socket Mode.
    pub app_token: Option<String>,
    /// `SLACK_API_URL`: the Web API base (tests and proxies).
    pub api_url: String,
    /// `AMBASSADOR_TOKEN_KEY`: seals OAuth bot tokens at rest.
    pub token_key: Option<super::token_seal::TokenKey>,
}

/// Slack's own Web API base URL.
pub const SLACK_API_URL: &str = "https://slack.com/api";

impl std::fmt::Debug for SlackCredentials {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let set = |v: &Option<String>| if v.is_some() { "set" } else { "unset" };
        f.debug_struct("SlackCredentials")
            .field("signing_secret", &set(&self.signing_secret))
            .field("bot_token", &set(&self.bot_token))
            .field("client_id", &self.client_id)
            .field("client_secret", &set(&self.client_secret))
            .field("app_token", &set(&self.app_token))
            .field("api_url", &self.api_url)
            .field("token_key", &self.token_key.is_some())
            .finish()
    }
}

impl SlackCredentials {
    /// Reads them from the process environment; empty variables count as unset.
    pub fn from_env() -> Result<SlackCredentials, ConfigError> {
        Self::from_lookup(|name| std::env::var(name).ok())
    }

    /// Reads them through `lookup` (tests pass a map instead of touching the environment).
    pub fn from_lookup(
        lookup: impl Fn(&str) -> Option<String>,
    ) -> Result<SlackCredentials, ConfigError> {
        let get = |name: &str| {
            lookup(name)
                .map(|v| v.trim().to_string())
                .filter(|v| !v.is_empty())
        };
        let token_key = match get("AMBASSADOR_TOKEN_KEY") {
            Some(k) => Some(
                super::token_seal::TokenKey::parse(&k)
                    .map_err(|e| ConfigError::new("AMBASSADOR_TOKEN_KEY", e.to_string()))?,
            ),
            None => None,
        };
        let creds = SlackCredentials {
            signing_secret: get("SLACK_SIGNING_SECRET"),
            bot_token: get("SLACK_BOT_TOKEN"),
            client_id: get("SLACK_CLIENT_ID"),
            client_secret: get("SLACK_CLIENT_SECRET"),
            app_token: get("SLACK_APP_TOKEN"),
            api_url: get("SLACK_API_URL").unwrap_or_else(|| SLACK_API_URL.to_string()),
            token_key,
        };
        creds.check()?;
        Ok(creds)
    }

    /// No Slack at all: what `validate` starts from before the environment is read.
    pub fn none() -> SlackCredentials {
        SlackCredentials {
            api_url: SLACK_API_URL.to_string(),
            ..Default::default()
        }
    }

    /// Whether this process talks to Slack at all.
    pub fn enabled(&self) -> bool {
        self.bot_token.is_some() || self.client_id.is_some()
    }

    /// Checks the combinations, naming the variable to set.
    pub fn check(&self) -> Result<(), ConfigError> {
        if let Some(token) = &self.bot_token
            && !token.starts_with("xoxb-")
        {
            return Err(ConfigError::new(
                "SLACK_BOT_TOKEN",
                "must be a bot token starting with xoxb- (OAuth & Permissions → Bot User OAuth Token)",
            ));
        }
        if let Some(token) = &self.app_token
            && !token.starts_with("xapp-")
        {
            return Err(ConfigError::new(
                "SLACK_APP_TOKEN",
                "must be an app-level token starting with xapp- (Basic Information → App-Level Tokens, scope connections:write)",
            ));
        }
        if self.client_id.is_some() != self.client_secret.is_some() {
            return Err(ConfigError::new(
                if self.client_id.is_some() {
                    "SLACK_CLIENT_SECRET"
                } else {
                    "SLACK_CLIENT_ID"
                },
                "OAuth installs need both SLACK_CLIENT_ID and SLACK_CLIENT_SECRET (Basic Information → App Credentials)",
            ));
        }
        if self.client_id.is_some() && self.token_key.is_none() {
            return Err(ConfigError::new(
                "AMBASSADOR_TOKEN_KEY",
                "OAuth installs store bot tokens encrypted: set 32 random bytes as base64, e.g. from `openssl rand -base64 32`",
            ));
        }
        if self.enabled() && self.signing_secret.is_none() && self.app_token.is_none() {
            return Err(ConfigError::new(
                "SLACK_SIGNING_SECRET",
                "Slack needs a way in: set SLACK_SIGNING_SECRET for HTTP requests (Basic Information → Signing Secret) or SLACK_APP_TOKEN for Socket Mode",
            ));
        }
        let url = url::Url::parse(&self.api_url).map_err(|_| {
            ConfigError::new(
                "SLACK_API_URL",
                format!("\"{}\" is not a URL", self.api_url),
            )
        })?;
        if !matches!(url.scheme(), "http" | "https") {
            return Err(ConfigError::new(
                "SLACK_API_URL",
                "must be an http:// or https:// URL",
            ));
        }
        Ok(())
    }
}

/// Everything the Slack adapter is configured with, checked.
#[derive(Debug, Clone)]
pub struct SlackConfig {
    /// `[slack]` as written.
    pub settings: SlackSettings,
    /// From the environment.
    pub credentials: SlackCredentials,
    /// `slack.directory_sync_schedule`, parsed.
    pub directory_sync_schedule: CronSchedule,
}

impl SlackConfig {
    /// Reads `[slack]` from the configuration and the credentials from the environment;
    /// `None` when this process does not talk to Slack.
    pub fn load(config: &Config) -> Result<Option<SlackConfig>, ConfigError> {
        let credentials = SlackCredentials::from_env()?;
        if !credentials.enabled() {
            return Ok(None);
        }
        SlackConfig::new(config.section("slack")?, credentials).map(Some)
    }

    /// Checks `[slack]` and pairs it with credentials (tests build both in code).
    pub fn new(
        settings: SlackSettings,
        credentials: SlackCredentials,
    ) -> Result<SlackConfig, ConfigError> {
        credentials.check()?;
        let directory_sync_schedule = settings.check()?;
        Ok(SlackConfig {
            settings,
            credentials,
            directory_sync_schedule,
        })
    }

    /// The shipped `[slack]` defaults with these credentials.
    pub fn with_defaults(credentials: SlackCredentials) -> Result<SlackConfig, ConfigError> {
        let defaults = crate::config::defaults()?;
        SlackConfig::new(defaults.section("slack")?, credentials)
    }
}

impl SlackSettings {
    /// Checks every value, naming the key; returns the parsed directory sync schedule.
    pub fn check(&self) -> Result<CronSchedule, ConfigError> {
        let reaction = self.kudos_reaction.trim().trim_matches(':');
        if reaction.is_empty()
            || !reaction
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || "_-+'".contains(c))
        {
            return Err(ConfigError::new(
                "slack.kudos_reaction",
                format!(
                    "\"{}\" is not an emoji name; write it as Slack does, without colons, e.g. \"clap\"",
                    self.kudos_reaction
                ),
            ));
        }
        if !self.public_url.is_empty() {
            let ok = url::Url::parse(&self.public_url)
                .is_ok_and(|u| matches!(u.scheme(), "http" | "https"));
            if !ok {
                return Err(ConfigError::new(
                    "slack.public_url",
                    format!(
                        "\"{}\" is not an http(s) URL such as https://ambassador.example.com",
                        self.public_url
                    ),
                ));
            }
        }
        if self.max_request_bytes < 4096 {
            return Err(ConfigError::new(
                "slack.max_request_bytes",
                "must be at least 4096",
            ));
        }
        if self.api_calls_per_second == 0 {
            return Err(ConfigError::new(
                "slack.api_calls_per_second",
                "must be at least 1",
            ));
        }
        CronSchedule::parse(&self.directory_sync_schedule).map_err(|e| {
            ConfigError::new(
                "slack.directory_sync_schedule",
                format!(
                    "\"{}\" is not a schedule ({e}); write six fields, seconds first, e.g. \"0 0 5 * * *\"",
                    self.directory_sync_schedule
                ),
            )
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_bad_slack_value_names_its_key() {
        let good = crate::config::defaults()
            .expect("defaults")
            .section::<SlackSettings>("slack")
            .expect("the shipped [slack] section reads");
        assert!(good.check().is_ok());
        type Mutation = Box<dyn Fn(&mut SlackSettings)>;
        let cases: Vec<(&str, Mutation)> = vec![
            (
                "slack.kudos_reaction",
                Box::new(|s| s.kudos_reaction = ":two words:".into()),
            ),
            (
                "slack.public_url",
                Box::new(|s| s.public_url = "ftp://x".into()),
            ),
            (
                "slack.max_request_bytes",
                Box::new(|s| s.max_request_bytes = 10),
            ),
            (
                "slack.api_calls_per_second",
                Box::new(|s| s.api_calls_per_second = 0),
            ),
            (
                "slack.directory_sync_schedule",
                Box::new(|s| s.directory_sync_schedule = "daily".into()),
            ),
        ];
        for (key, mutate) in cases {
            let mut s = good.clone();
            mutate(&mut s);
            assert_eq!(s.check().expect_err(key).key, key);
        }
    }
}
