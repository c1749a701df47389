//! The `[teams]` section and the bot's credentials from the environment: the Teams adapter's
//! own configuration, read and checked here so nothing outside this folder knows Teams'
//! settings.

use serde::Deserialize;

use crate::config::{Config, ConfigError};
use crate::core::schedule::CronSchedule;

/// `[teams]`: how the Teams app behaves and what its package says. Its credentials come from
/// the environment under Microsoft's usual names (see [`TeamsCredentials`]), never from a file.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TeamsSettings {
    /// Hosts the bot may call back (an activity's `serviceUrl` must be on one): an exact host,
    /// or `*.domain` for any host under it. Anything else is never sent a token.
    pub service_url_hosts: Vec<String>,
    /// Connector calls per second per tenant that the delivery worker allows itself.
    pub calls_per_second: u32,
    /// Largest activity accepted; bigger ones get 413.
    pub max_request_bytes: usize,
    /// When the directory is refreshed from the roster, in the org's time zone.
    pub directory_sync_schedule: String,
    /// The app's name in Teams (the package's `name.short`).
    pub app_name: String,
    /// Who publishes the app (the package's `developer.name`).
    pub developer_name: String,
    /// The publisher's website, privacy statement and terms of use, which Teams requires in a
    /// package (https URLs).
    pub website_url: String,
    /// See [`TeamsSettings::website_url`].
    pub privacy_url: String,
    /// See [`TeamsSettings::website_url`].
    pub terms_url: String,
}

/// Microsoft's token endpoint for single-tenant bots; `{tenant}` is the bot's tenant id.
pub const MICROSOFT_TOKEN_URL: &str =
    "https://login.microsoftonline.com/{tenant}/oauth2/v2.0/token";

/// The bot's Azure credentials, read from the environment by the names Microsoft's samples use.
#[derive(Clone, Default)]
pub struct TeamsCredentials {
    /// `TEAMS_APP_ID`: the bot's Microsoft App ID (a GUID); tokens Teams sends are for it.
    pub app_id: Option<String>,
    /// `TEAMS_APP_PASSWORD`: the app registration's client secret.
    pub app_password: Option<String>,
    /// `TEAMS_TENANT_ID`: the tenant the bot is registered in, which is also the org.
    pub tenant_id: Option<String>,
    /// `TEAMS_OPENID_METADATA_URL`: where the signing keys are found (tests, sovereign clouds).
    pub openid_metadata_url: String,
    /// `TEAMS_TOKEN_URL`: where the bot gets its own tokens; `{tenant}` is replaced.
    pub token_url: String,
}

impl std::fmt::Debug for TeamsCredentials {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("TeamsCredentials")
            .field("app_id", &self.app_id)
            .field(
                "app_password",
                &if self.app_password.is_some() {
                    "set"
                } else {
                    "unset"
                },
            )
            .field("tenant_id", &self.tenant_id)
            .field("openid_metadata_url", &self.openid_metadata_url)
            .field("token_url", &self.token_url)
            .finish()
    }
}

/// Whether `value` is a GUID as Azure writes them (`8-4-4-4-12` hex digits).
fn is_guid(value: &str) -> bool {
    let parts: Vec<&str> = value.split('-').collect();
    parts.len() == 5
        && parts
            .iter()
            .zip([8, 4, 4, 4, 12])
            .all(|(p, n)| p.len() == n && p.chars().all(|c| c.is_ascii_hexdigit()))
}

fn check_url(key: &str, value: &str) -> Result<(), ConfigError> {
    let ok = url::Url::parse(value).is_ok_and(|u| matches!(u.scheme(), "http" | "https"));
    if ok {
        Ok(())
    } else {
        Err(ConfigError::new(
            key,
            format!("\"{value}\" is not an http:// or https:// URL"),
        ))
    }
}

impl TeamsCredentials {
    /// Reads them from the process environment; empty variables count as unset.
    pub fn from_env() -> Result<TeamsCredentials, ConfigError> {
        Self::from_lookup(|name| std::env::var(name).ok())
    }

    /// Reads them through `lookup` (tests pass a map instead of touching the environment).
    pub fn from_lookup(
        lookup: impl Fn(&str) -> Option<String>,
    ) -> Result<TeamsCredentials, ConfigError> {
        let get = |name: &str| {
            lookup(name)
                .map(|v| v.trim().to_string())
                .filter(|v| !v.is_empty())
        };
        let creds = TeamsCredentials {
            app_id: get("TEAMS_APP_ID").map(|v| v.to_lowercase()),
            app_password: get("TEAMS_APP_PASSWORD"),
            tenant_id: get("TEAMS_TENANT_ID").map(|v| v.to_lowercase()),
            openid_metadata_url: get("TEAMS_OPENID_METADATA_URL")
                .unwrap_or_else(|| super::auth::DEFAULT_OPENID_METADATA_URL.to_string()),
            token_url: get("TEAMS_TOKEN_URL").unwrap_or_else(|| MICROSOFT_TOKEN_URL.to_string()),
        };
        creds.check()?;
        Ok(creds)
    }

    /// Whether this process talks to Teams at all.
    pub fn enabled(&self) -> bool {
        self.app_id.is_some()
    }

    /// The token endpoint with the tenant filled in.
    pub fn token_endpoint(&self) -> String {
        self.token_url
            .replace("{tenant}", self.tenant_id.as_deref().unwrap_or_default())
    }

    /// Checks the combinations, naming the variable to set.
    pub fn check(&self) -> Result<(), ConfigError> {
        if let Some(id) = &self.app_id
            && !is_guid(id)
        {
            return Err(ConfigError::new(
                "TEAMS_APP_ID",
                format!(
                    "\"{id}\" is not a Microsoft App ID; copy the GUID from the Azure Bot's Configuration page"
                ),
            ));
        }
        if self.enabled() {
            if self.app_password.is_none() {
                return Err(ConfigError::new(
                    "TEAMS_APP_PASSWORD",
                    "Teams needs the app's client secret: Azure Bot → Configuration → Manage Password → New client secret",
                ));
            }
            match &self.tenant_id {
                None => {
                    return Err(ConfigError::new(
                        "TEAMS_TENANT_ID",
                        "Teams needs the tenant the bot is registered in: Azure Bot → Configuration → App Tenant ID",
                    ));
                }
                Some(t) if !is_guid(t) => {
                    return Err(ConfigError::new(
                        "TEAMS_TENANT_ID",
                        format!(
                            "\"{t}\" is not a tenant id; copy the GUID from Azure Bot → Configuration → App Tenant ID"
                        ),
                    ));
                }
                Some(_) => {}
            }
        }
        check_url("TEAMS_OPENID_METADATA_URL", &self.openid_metadata_url)?;
        check_url("TEAMS_TOKEN_URL", &self.token_endpoint())
    }
}

/// Everything the Teams adapter is configured with, checked.
#[derive(Debug, Clone)]
pub struct TeamsConfig {
    /// `[teams]` as written.
    pub settings: TeamsSettings,
    /// From the environment.
    pub credentials: TeamsCredentials,
    /// `teams.directory_sync_schedule`, parsed.
    pub directory_sync_schedule: CronSchedule,
}

impl TeamsConfig {
    /// Reads `[teams]` from the configuration and the credentials from the environment;
    /// `None` when this process does not talk to Teams.
    pub fn load(config: &Config) -> Result<Option<TeamsConfig>, ConfigError> {
        let credentials = TeamsCredentials::from_env()?;
        if !credentials.enabled() {
            return Ok(None);
        }
        TeamsConfig::new(config.section("teams")?, credentials).map(Some)
    }

    /// Checks `[teams]` and pairs it with credentials (tests build both in code).
    pub fn new(
        settings: TeamsSettings,
        credentials: TeamsCredentials,
    ) -> Result<TeamsConfig, ConfigError> {
        credentials.check()?;
        let directory_sync_schedule = settings.check()?;
        Ok(TeamsConfig {
            settings,
            credentials,
            directory_sync_schedule,
        })
    }

    /// The app id; present whenever the adapter runs.
    pub fn app_id(&self) -> &str {
        self.credentials.app_id.as_deref().unwrap_or_default()
    }

    /// The tenant id, which is also the org's platform id.
    pub fn tenant_id(&self) -> &str {
        self.credentials.tenant_id.as_deref().unwrap_or_default()
    }
}

/// Whether `host` is allowed by an allowlist entry: the same host, or any host under
/// `*.domain` (never `domain` itself, nor a host that merely ends with the same letters).
pub fn host_allowed(entries: &[String], host: &str) -> bool {
    let host = host.trim_end_matches('.').to_ascii_lowercase();
    entries.iter().any(|entry| {
        let entry = entry.trim().to_ascii_lowercase();
        match entry.strip_prefix("*.") {
            Some(domain) => host
                .strip_suffix(domain)
                .is_some_and(|rest| rest.len() > 1 && rest.ends_with('.')),
            None => host == entry,
        }
    })
}

impl TeamsSettings {
    /// Checks every value, naming the key; returns the parsed directory sync schedule.
    pub fn check(&self) -> Result<CronSchedule, ConfigError> {
        for host in &self.service_url_hosts {
            let bare = host.trim().trim_start_matches("*.");
            let ok = !bare.is_empty()
                && bare
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '.' || c == '-')
                && !host.trim()[..host.trim().len() - bare.len()].contains('/');
            if !ok {
                return Err(ConfigError::new(
                    "teams.service_url_hosts",
                    format!(
                        "\"{host}\" is not a host name; write a host such as \"smba.trafficmanager.net\" or \"*.botframework.com\""
                    ),
                ));
            }
        }
        if self.calls_per_second == 0 {
            return Err(ConfigError::new(
                "teams.calls_per_second",
                "must be at least 1",
            ));
        }
        if self.max_request_bytes < 4096 {
            return Err(ConfigError::new(
                "teams.max_request_bytes",
                "must be at least 4096",
            ));
        }
        if self.app_name.trim().is_empty() || self.app_name.chars().count() > 30 {
            return Err(ConfigError::new(
                "teams.app_name",
                "must be 1 to 30 characters (Teams' limit for an app's short name)",
            ));
        }
        if self.developer_name.trim().is_empty() || self.developer_name.chars().count() > 32 {
            return Err(ConfigError::new(
                "teams.developer_name",
                "must be 1 to 32 characters",
            ));
        }
        for (key, value) in [
            ("teams.website_url", &self.website_url),
            ("teams.privacy_url", &self.privacy_url),
            ("teams.terms_url", &self.terms_url),
        ] {
            let ok = url::Url::parse(value).is_ok_and(|u| u.scheme() == "https");
            if !ok {
                return Err(ConfigError::new(
                    key,
                    format!("\"{value}\" is not an https:// URL (Teams requires one)"),
                ));
            }
        }
        CronSchedule::parse(&self.directory_sync_schedule).map_err(|e| {
            ConfigError::new(
                "teams.directory_sync_schedule",
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

    fn shipped() -> TeamsSettings {
        crate::config::defaults()
            .expect("defaults")
            .section::<TeamsSettings>("teams")
            .expect("the shipped [teams] section reads")
    }

    #[test]
    fn each_bad_teams_value_names_its_key() {
        let good = shipped();
        assert!(good.check().is_ok());
        type Mutation = Box<dyn Fn(&mut TeamsSettings)>;
        let cases: Vec<(&str, Mutation)> = vec![
            (
                "teams.service_url_hosts",
                Box::new(|s| s.service_url_hosts = vec!["https://evil.example/".into()]),
            ),
            (
                "teams.calls_per_second",
                Box::new(|s| s.calls_per_second = 0),
            ),
            (
                "teams.max_request_bytes",
                Box::new(|s| s.max_request_bytes = 10),
            ),
            ("teams.app_name", Box::new(|s| s.app_name = " ".into())),
            (
                "teams.developer_name",
                Box::new(|s| s.developer_name = "x".repeat(40)),
            ),
            (
                "teams.privacy_url",
                Box::new(|s| s.privacy_url = "http://plain.example".into()),
            ),
            (
                "teams.directory_sync_schedule",
                Box::new(|s| s.directory_sync_schedule = "daily".into()),
            ),
        ];
        for (key, mutate) in cases {
            let mut s = good.clone();
            mutate(&mut s);
            assert_eq!(s.check().expect_err(key).key, key);
        }
    }

    #[test]
    fn credentials_name_what_is_missing_or_wrong() {
        let env = |pairs: &'static [(&'static str, &'static str)]| {
            move |name: &str| {
                pairs
                    .iter()
                    .find(|(k, _)| *k == name)
                    .map(|(_, v)| v.to_string())
            }
        };
        let none = TeamsCredentials::from_lookup(env(&[])).expect("no Teams is fine");
        assert!(!none.enabled());
        let key = |pairs| {
            TeamsCredentials::from_lookup(env(pairs))
                .expect_err("refused")
                .key
        };
        assert_eq!(key(&[("TEAMS_APP_ID", "not-a-guid")]), "TEAMS_APP_ID");
        assert_eq!(
            key(&[("TEAMS_APP_ID", "00000000-0000-0000-0000-000000000001")]),
            "TEAMS_APP_PASSWORD"
        );
        assert_eq!(
            key(&[
                ("TEAMS_APP_ID", "00000000-0000-0000-0000-000000000001"),
                ("TEAMS_APP_PASSWORD", "secret"),
            ]),
            "TEAMS_TENANT_ID"
        );
        assert_eq!(
            key(&[
                ("TEAMS_APP_ID", "00000000-0000-0000-0000-000000000001"),
                ("TEAMS_APP_PASSWORD", "secret"),
                ("TEAMS_TENANT_ID", "00000000-0000-0000-0000-0000000000aa"),
                ("TEAMS_TOKEN_URL", "not a url"),
            ]),
            "TEAMS_TOKEN_URL"
        );
        let ok = TeamsCredentials::from_lookup(env(&[
            ("TEAMS_APP_ID", "00000000-0000-0000-0000-00000000000A"),
            ("TEAMS_APP_PASSWORD", "secret"),
            ("TEAMS_TENANT_ID", "00000000-0000-0000-0000-0000000000aa"),
        ]))
        .expect("complete");
        assert_eq!(
            ok.token_endpoint(),
            "https://login.microsoftonline.com/00000000-0000-0000-0000-0000000000aa/oauth2/v2.0/token"
        );
        assert_eq!(
            ok.app_id.as_deref(),
            Some("00000000-0000-0000-0000-00000000000a")
        );
        assert!(!format!("{ok:?}").contains("secret"));
    }

    #[test]
    fn the_allowlist_matches_hosts_not_suffixes() {
        let hosts = shipped().service_url_hosts;
        assert!(host_allowed(&hosts, "smba.trafficmanager.net"));
        assert!(host_allowed(&hosts, "europe.botframework.com"));
        assert!(host_allowed(&hosts, "EUROPE.botframework.com."));
        assert!(!host_allowed(&hosts, "botframework.com.evil.example"));
        assert!(!host_allowed(&hosts, "evilbotframework.com"));
        assert!(!host_allowed(&hosts, "127.0.0.1"));
        assert!(host_allowed(&["127.0.0.1".into()], "127.0.0.1"));
    }
}
