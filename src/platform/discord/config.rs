//! The `[discord]` section and the bot's credentials from the environment: the Discord
//! adapter's own configuration, read and checked here so nothing outside this folder knows
//! Discord's settings.

use std::collections::BTreeMap;

use serde::Deserialize;

use crate::config::{Config, ConfigError};
use crate::core::schedule::CronSchedule;

/// `[discord]`: how the Discord bot behaves. Its credentials come from the environment (see
/// [`DiscordCredentials`]), never from a file.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DiscordSettings {
    /// REST calls per second per guild that the delivery worker allows itself.
    pub calls_per_second: u32,
    /// Largest HTTP interaction accepted; bigger ones get 413.
    pub max_request_bytes: usize,
    /// How far a signed timestamp may be from now, in seconds, before the request is taken for
    /// a replay (Discord itself sets no limit).
    pub replay_window_seconds: u32,
    /// When the directory is refreshed from each guild's member list, in the org's time zone.
    pub directory_sync_schedule: String,
    /// Role name → department path, for members the org chart does not list.
    #[serde(default)]
    pub role_departments: BTreeMap<String, String>,
}

/// Discord's own address; `DISCORD_API_URL` replaces it in tests.
pub const DISCORD_ORIGIN: &str = "https://discord.com";

/// The bot's credentials, read from the environment.
#[derive(Clone, Default)]
pub struct DiscordCredentials {
    /// `DISCORD_TOKEN`: the bot user's token, for REST calls and the gateway.
    pub token: Option<String>,
    /// `DISCORD_PUBLIC_KEY`: the application's public key (64 hex digits); when set,
    /// interactions arrive over HTTP at `POST /discord/interactions` instead of the gateway.
    pub public_key: Option<String>,
    /// `DISCORD_API_URL`: the origin REST and gateway discovery go to (a bare origin such as
    /// `http://127.0.0.1:4000`; tests point it at a fake).
    pub api_url: String,
}

impl std::fmt::Debug for DiscordCredentials {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("DiscordCredentials")
            .field("token", &self.token.as_ref().map(|_| "set"))
            .field("public_key", &self.public_key)
            .field("api_url", &self.api_url)
            .finish()
    }
}

/// How interactions reach the bot.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// Over the gateway WebSocket (INTERACTION_CREATE); no public URL needed.
    Gateway,
    /// Signed HTTP requests to `POST /discord/interactions`.
    Http,
}

impl DiscordCredentials {
    /// Reads them from the process environment; empty variables count as unset.
    pub fn from_env() -> Result<DiscordCredentials, ConfigError> {
        Self::from_lookup(|name| std::env::var(name).ok())
    }

    /// Reads them through `lookup` (tests pass a map instead of touching the environment).
    pub fn from_lookup(
        lookup: impl Fn(&str) -> Option<String>,
    ) -> Result<DiscordCredentials, ConfigError> {
        let get = |name: &str| {
            lookup(name)
                .map(|v| v.trim().to_string())
                .filter(|v| !v.is_empty())
        };
        let credentials = DiscordCredentials {
            token: get("DISCORD_TOKEN").map(|t| t.trim_start_matches("Bot ").to_string()),
            public_key: get("DISCORD_PUBLIC_KEY").map(|k| k.to_ascii_lowercase()),
            api_url: get("DISCORD_API_URL")
                .map(|u| u.trim_end_matches('/').to_string())
                .unwrap_or_else(|| DISCORD_ORIGIN.to_string()),
        };
        credentials.check()?;
        Ok(credentials)
    }

    /// Whether this process talks to Discord at all.
    pub fn enabled(&self) -> bool {
        self.token.is_some() || self.public_key.is_some()
    }

    /// How interactions arrive: over HTTP when the public key is set, else the gateway.
    pub fn mode(&self) -> Mode {
        if self.public_key.is_some() {
            Mode::Http
        } else {
            Mode::Gateway
        }
    }

    /// Checks the combinations, naming the variable to set.
    pub fn check(&self) -> Result<(), ConfigError> {
        if let Some(key) = &self.public_key
            && (key.len() != 64 || !key.chars().all(|c| c.is_ascii_hexdigit()))
        {
            return Err(ConfigError::new(
                "DISCORD_PUBLIC_KEY",
                "is not a public key: copy the 64 hex digits of Developer Portal → your application → General Information → Public Key",
            ));
        }
        if self.enabled() && self.token.is_none() {
            return Err(ConfigError::new(
                "DISCORD_TOKEN",
                "Discord needs the bot's token: Developer Portal → your application → Bot → Reset Token",
            ));
        }
        if let Some(token) = &self.token
            && (token.chars().any(char::is_whitespace) || token.len() < 20)
        {
            return Err(ConfigError::new(
                "DISCORD_TOKEN",
                "does not look like a bot token (copy it whole from Developer Portal → Bot)",
            ));
        }
        let origin_ok = url::Url::parse(&self.api_url).is_ok_and(|u| {
            matches!(u.scheme(), "http" | "https") && u.path().trim_end_matches('/').is_empty()
        });
        if !origin_ok {
            return Err(ConfigError::new(
                "DISCORD_API_URL",
                format!(
                    "\"{}\" is not a bare origin; write one such as http://127.0.0.1:4000 (no path)",
                    self.api_url
                ),
            ));
        }
        Ok(())
    }
}

/// Everything the Discord adapter is configured with, checked.
#[derive(Debug, Clone)]
pub struct DiscordConfig {
    /// `[discord]` as written.
    pub settings: DiscordSettings,
    /// From the environment.
    pub credentials: DiscordCredentials,
    /// `discord.directory_sync_schedule`, parsed.
    pub directory_sync_schedule: CronSchedule,
}

impl DiscordConfig {
    /// Reads `[discord]` from the configuration and the credentials from the environment;
    /// `None` when this process does not talk to Discord.
    pub fn load(config: &Config) -> Result<Option<DiscordConfig>, ConfigError> {
        let credentials = DiscordCredentials::from_env()?;
        if !credentials.enabled() {
            return Ok(None);
        }
        DiscordConfig::new(config.section("discord")?, credentials).map(Some)
    }

    /// Checks `[discord]` and pairs it with credentials (tests build both in code).
    pub fn new(
        settings: DiscordSettings,
        credentials: DiscordCredentials,
    ) -> Result<DiscordConfig, ConfigError> {
        credentials.check()?;
        let directory_sync_schedule = settings.check()?;
        Ok(DiscordConfig {
            settings,
            credentials,
            directory_sync_schedule,
        })
    }

    /// The bot token; present whenever the adapter runs.
    pub fn token(&self) -> &str {
        self.credentials.token.as_deref().unwrap_or_default()
    }

    /// How interactions arrive.
    pub fn mode(&self) -> Mode {
        self.credentials.mode()
    }

    /// The REST base: `{origin}/api/v10`.
    pub fn api_base(&self) -> String {
        format!("{}/api/v10", self.credentials.api_url)
    }
}

impl DiscordSettings {
    /// Checks every value, naming the key; returns the parsed directory sync schedule.
    pub fn check(&self) -> Result<CronSchedule, ConfigError> {
        if self.calls_per_second == 0 || self.calls_per_second > 50 {
            return Err(ConfigError::new(
                "discord.calls_per_second",
                "must be 1 to 50 (Discord's global limit is 50 requests per second)",
            ));
        }
        if self.max_request_bytes < 4096 {
            return Err(ConfigError::new(
                "discord.max_request_bytes",
                "must be at least 4096",
            ));
        }
        if !(5..=3600).contains(&self.replay_window_seconds) {
            return Err(ConfigError::new(
                "discord.replay_window_seconds",
                "must be 5 to 3600 seconds",
            ));
        }
        for (role, path) in &self.role_departments {
            if role.trim().is_empty() || path.trim().is_empty() || path.contains("//") {
                return Err(ConfigError::new(
                    "discord.role_departments",
                    format!(
                        "\"{role}\" = \"{path}\" is not a role and a department path; write e.g. \"Support\" = \"Operations/Support\""
                    ),
                ));
            }
        }
        CronSchedule::parse(&self.directory_sync_schedule).map_err(|e| {
            ConfigError::new(
                "discord.directory_sync_schedule",
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

    fn lookup<'a>(pairs: &'a [(&'a str, &'a str)]) -> impl Fn(&str) -> Option<String> + 'a {
        move |name| {
            pairs
                .iter()
                .find(|(k, _)| *k == name)
                .map(|(_, v)| v.to_string())
        }
    }

    const TOKEN: &str = "MTEwMDAwMDAwMDAwMDAwMDAwMA.Gx1a2b.abcdefghijklmnopqrstuvwxyz0123";
    const KEY: &str = "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a";

    #[test]
    fn nothing_set_means_discord_is_off() {
        let c = DiscordCredentials::from_lookup(lookup(&[])).expect("valid");
        assert!(!c.enabled());
    }

    #[test]
    fn a_token_alone_runs_the_gateway_and_a_public_key_switches_to_http() {
        let c = DiscordCredentials::from_lookup(lookup(&[("DISCORD_TOKEN", TOKEN)])).expect("ok");
        assert_eq!(c.mode(), Mode::Gateway);
        let c = DiscordCredentials::from_lookup(lookup(&[
            ("DISCORD_TOKEN", TOKEN),
            ("DISCORD_PUBLIC_KEY", KEY),
        ]))
        .expect("ok");
        assert_eq!(c.mode(), Mode::Http);
    }

    #[test]
    fn a_public_key_without_a_token_names_the_token() {
        let e = DiscordCredentials::from_lookup(lookup(&[("DISCORD_PUBLIC_KEY", KEY)]))
            .expect_err("needs a token");
        assert_eq!(e.key, "DISCORD_TOKEN");
    }

    #[test]
    fn a_malformed_public_key_is_refused_with_where_to_find_it() {
        let e = DiscordCredentials::from_lookup(lookup(&[
            ("DISCORD_TOKEN", TOKEN),
            ("DISCORD_PUBLIC_KEY", "abc"),
        ]))
        .expect_err("bad key");
        assert_eq!(e.key, "DISCORD_PUBLIC_KEY");
        assert!(e.message.contains("Public Key"));
    }

    #[test]
    fn the_api_url_must_be_a_bare_origin() {
        let e = DiscordCredentials::from_lookup(lookup(&[
            ("DISCORD_TOKEN", TOKEN),
            ("DISCORD_API_URL", "http://127.0.0.1:4000/api/v10"),
        ]))
        .expect_err("a path");
        assert_eq!(e.key, "DISCORD_API_URL");
        let c = DiscordCredentials::from_lookup(lookup(&[
            ("DISCORD_TOKEN", TOKEN),
            ("DISCORD_API_URL", "http://127.0.0.1:4000/"),
        ]))
        .expect("an origin");
        assert_eq!(c.api_url, "http://127.0.0.1:4000");
    }
}
