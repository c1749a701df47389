//! Settings: embedded defaults, then `config/default.toml`, then `config/local.toml` (or the
//! `--config` file), then `AMBASSADOR__SECTION__KEY` variables, then command-line flags.
//!
//! [`load`] returns a [`Config`] whose values are already checked and parsed, so nothing later
//! fails on a bad time zone or cron line; every error names the exact key.

use std::net::SocketAddr;
use std::path::{Path, PathBuf};

use chrono_tz::Tz;
use figment::Figment;
use figment::providers::{Env, Format, Toml};
use serde::Deserialize;

use crate::core::kudos::KudosPolicy;
use crate::core::locale::Locale;
use crate::core::narrative::{Narrative, parse_toml};
use crate::core::schedule::CronSchedule;

/// The commented default configuration, compiled in (also printed by `default-config`).
pub const DEFAULT_TOML: &str = include_str!("../config/default.toml");

/// The shipped example narrative, used when `narrative.file` is left at its default and the
/// file is not beside the binary.
pub const DEFAULT_NARRATIVE: &str = include_str!("../config/narrative.toml");

const DEFAULT_NARRATIVE_PATH: &str = "config/narrative.toml";

/// The settings as written, before checking. Each chat platform's own section (`[slack]`) is
/// read by its adapter from [`Config::sections`], so this holds no adapter's types.
#[derive(Debug, Clone, Deserialize)]
pub struct Settings {
    /// `[server]`.
    pub server: ServerSettings,
    /// `[database]`.
    pub database: DatabaseSettings,
    /// `[log]`.
    pub log: LogSettings,
    /// `[org]`.
    pub org: OrgSettings,
    /// `[kudos]`.
    pub kudos: KudosSettings,
    /// `[narrative]`.
    pub narrative: NarrativeSettings,
    /// `[pulse]`.
    pub pulse: PulseSettings,
    /// `[scheduler]`.
    pub scheduler: SchedulerSettings,
    /// `[console]`.
    pub console: ConsoleSettings,
    /// `[web]`.
    pub web: WebSettings,
}

/// `[server]`: the HTTP server.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ServerSettings {
    /// Listen address.
    pub bind: String,
}

/// `[database]`.
#[derive(Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DatabaseSettings {
    /// `sqlite://…` or `postgres://…`.
    pub url: String,
    /// Pool size.
    pub max_connections: u32,
}

impl std::fmt::Debug for DatabaseSettings {
    // The URL may carry a password; never print it.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("DatabaseSettings")
            .field("url", &redact_url(&self.url))
            .field("max_connections", &self.max_connections)
            .finish()
    }
}

/// A database URL with any password replaced, safe for logs.
pub fn redact_url(url: &str) -> String {
    match (url.find("://"), url.rfind('@')) {
        (Some(scheme_end), Some(at)) if at > scheme_end => {
            let userinfo = &url[scheme_end + 3..at];
            match userinfo.split_once(':') {
                Some((user, _)) => format!("{}{user}:***{}", &url[..scheme_end + 3], &url[at..]),
                None => url.to_string(),
            }
        }
        _ => url.to_string(),
    }
}

/// `[log]`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LogSettings {
    /// Output format.
    pub format: LogFormat,
    /// A tracing filter.
    pub level: String,
}

/// How logs are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum LogFormat {
    /// Readable lines for a terminal.
    Human,
    /// One JSON object per line for log collectors.
    Json,
}

/// `[org]`: defaults for organisations and people.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OrgSettings {
    /// IANA time zone.
    pub timezone: String,
    /// Language code.
    pub locale: String,
    /// Name of the console org.
    pub name: String,
}

/// `[kudos]`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct KudosSettings {
    /// Value tags.
    pub values: Vec<String>,
    /// Minimum message length.
    pub min_message_chars: usize,
    /// Recipients per day.
    pub daily_allowance: u32,
    /// Extra recipients per direct report.
    pub bonus_per_direct_report: u32,
    /// Recognition channel.
    pub channel: String,
}

/// `[narrative]`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NarrativeSettings {
    /// Path of the narrative TOML.
    pub file: String,
    /// Cron expression for narrative moments.
    pub moment_schedule: String,
    /// Channel for narrative moments.
    pub channel: String,
    /// Age limit of a featured kudos, in days.
    pub moment_kudos_days: u32,
}

/// `[pulse]`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PulseSettings {
    /// Cron expression, read in each person's zone.
    pub schedule: String,
    /// Questions per round.
    pub questions_per_round: usize,
    /// Hours answers stay open after the last delivery.
    pub answer_window_hours: u32,
    /// Hours after delivery that the reminder goes out.
    pub remind_after_hours: u32,
    /// The k of k-anonymity.
    pub min_group_size: u32,
    /// Cron expression for managers' digests, read in each manager's zone.
    pub digest_schedule: String,
    /// Admins' own questions.
    pub custom_questions: Vec<crate::core::pulse::Question>,
}

/// `[scheduler]`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SchedulerSettings {
    /// Seconds between looks for due jobs.
    pub tick_seconds: u64,
    /// Attempts before a failing job is given up.
    pub max_attempts: u32,
}

/// `[console]`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ConsoleSettings {
    /// Database for `console --demo`.
    pub demo_database_url: String,
}

/// `[web]`: the dashboard `serve` offers managers and admins.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WebSettings {
    /// The address people's browsers reach `serve` at (sign-in links point there); empty means
    /// `http://` and `server.bind`, which only works on the same machine.
    pub public_url: String,
    /// How long a sign-in lasts, in hours.
    pub session_hours: u32,
}

/// Checked, parsed settings: what the rest of the program uses.
#[derive(Debug, Clone)]
pub struct Config {
    /// The settings as written.
    pub settings: Settings,
    /// Every section as merged from all sources, for adapters to read their own
    /// ([`Config::section`]).
    pub sections: Figment,
    /// `server.bind`, parsed.
    pub bind: SocketAddr,
    /// `org.timezone`, parsed.
    pub org_timezone: Tz,
    /// `org.locale`, parsed.
    pub org_locale: Locale,
    /// The `[kudos]` rules.
    pub kudos: KudosPolicy,
    /// `narrative.moment_schedule`, parsed.
    pub moment_schedule: CronSchedule,
    /// The narrative from `narrative.file`, for organisations that have none yet.
    pub narrative: Narrative,
    /// `pulse.schedule`, parsed.
    pub pulse_schedule: CronSchedule,
    /// `pulse.min_group_size`, never below 3.
    pub min_group_size: u32,
    /// `pulse.digest_schedule`, parsed.
    pub digest_schedule: CronSchedule,
    /// The built-in question bank merged with `pulse.custom_questions`.
    pub questions: Vec<crate::core::pulse::Question>,
    /// `web.public_url` without a trailing slash, or the bind address when it is empty.
    pub web_public_url: String,
}

/// A configuration problem, naming the key to fix.
#[derive(Debug, thiserror::Error)]
#[error("configuration error in {key}: {message}")]
pub struct ConfigError {
    /// The dotted key, e.g. `narrative.moment_schedule`.
    pub key: String,
    /// What is wrong and what to write instead.
    pub message: String,
}

impl ConfigError {
    /// A problem with `key`.
    pub fn new(key: &str, message: impl Into<String>) -> Self {
        Self {
            key: key.to_string(),
            message: message.into(),
        }
    }
}

/// Values given on the command line, which win over everything else.
#[derive(Debug, Clone, Default)]
pub struct Overrides {
    /// `--config PATH`: read instead of `config/local.toml`.
    pub config_file: Option<PathBuf>,
    /// `--db URL`.
    pub database_url: Option<String>,
    /// `--bind ADDR`.
    pub bind: Option<String>,
}

/// Loads and checks the configuration from the usual places.
pub fn load(overrides: &Overrides) -> Result<Config, ConfigError> {
    let mut figment = Figment::from(Toml::string(DEFAULT_TOML));
    if Path::new("config/default.toml").exists() {
        figment = figment.merge(Toml::file("config/default.toml"));
    }
    match &overrides.config_file {
        Some(path) if !path.exists() => {
            return Err(ConfigError::new(
                "--config",
                format!("the file {} does not exist", path.display()),
            ));
        }
        Some(path) => figment = figment.merge(Toml::file(path)),
        None => figment = figment.merge(Toml::file("config/local.toml")),
    }
    figment = figment.merge(Env::prefixed("AMBASSADOR__").split("__"));
    let mut settings: Settings = figment.extract().map_err(figment_error)?;
    if let Some(url) = &overrides.database_url {
        settings.database.url = url.clone();
    }
    if let Some(bind) = &overrides.bind {
        settings.server.bind = bind.clone();
    }
    let mut config = validate(settings)?;
    config.sections = figment;
    Ok(config)
}

/// A figment error as a [`ConfigError`] naming the key.
pub fn figment_error(e: figment::Error) -> ConfigError {
    let key = e.path.join(".");
    let key = if key.is_empty() {
        "configuration".to_string()
    } else {
        key
    };
    ConfigError::new(&key, e.kind.to_string())
}

impl Config {
    /// Refuses a section nobody reads (a typo such as `[kudso]`), naming it; `platforms` are
    /// the sections the chat platforms' adapters read for themselves.
    pub fn check_sections(&self, platforms: &[&str]) -> Result<(), ConfigError> {
        check_sections(&self.sections, platforms)
    }
}

fn check_sections(figment: &Figment, platforms: &[&str]) -> Result<(), ConfigError> {
    const CORE: &[&str] = &[
        "server",
        "database",
        "log",
        "org",
        "kudos",
        "narrative",
        "pulse",
        "scheduler",
        "console",
        "web",
    ];
    let value: figment::value::Dict = figment.extract().map_err(figment_error)?;
    for key in value.keys() {
        if !CORE.contains(&key.as_str()) && !platforms.contains(&key.as_str()) {
            return Err(ConfigError::new(
                key,
                format!(
                    "unknown section; the sections are {}",
                    [CORE, platforms].concat().join(", ")
                ),
            ));
        }
    }
    Ok(())
}

impl Config {
    /// A chat platform's own section (`[slack]`), as the adapter's settings type.
    pub fn section<T: serde::de::DeserializeOwned>(&self, name: &str) -> Result<T, ConfigError> {
        self.sections.extract_inner::<T>(name).map_err(|e| {
            let mut e = figment_error(e);
            if !e.key.starts_with(name) {
                e.key = format!("{name}.{}", e.key);
            }
            e
        })
    }
}

/// Checks every value; used by [`load`] and by tests that build settings in code.
pub fn validate(settings: Settings) -> Result<Config, ConfigError> {
    let bind: SocketAddr = settings.server.bind.parse().map_err(|_| {
        ConfigError::new(
            "server.bind",
            format!(
                "\"{}\" is not an address and port such as 127.0.0.1:3000",
                settings.server.bind
            ),
        )
    })?;
    check_database_url(&settings.database.url)?;
    if settings.database.max_connections == 0 {
        return Err(ConfigError::new(
            "database.max_connections",
            "must be at least 1",
        ));
    }
    tracing_subscriber::EnvFilter::try_new(&settings.log.level).map_err(|e| {
        ConfigError::new(
            "log.level",
            format!("\"{}\" is not a log filter: {e}", settings.log.level),
        )
    })?;
    let org_timezone = parse_timezone("org.timezone", &settings.org.timezone)?;
    let org_locale = parse_locale("org.locale", &settings.org.locale)?;

    let kudos = &settings.kudos;
    if kudos.values.is_empty() {
        return Err(ConfigError::new("kudos.values", "list at least one value"));
    }
    let mut values = Vec::new();
    for v in &kudos.values {
        let v = v.trim().trim_start_matches('#').to_lowercase();
        let valid = !v.is_empty()
            && v.chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
        if !valid {
            return Err(ConfigError::new(
                "kudos.values",
                format!("\"{v}\" may contain only lower-case letters, digits and dashes"),
            ));
        }
        if values.contains(&v) {
            return Err(ConfigError::new(
                "kudos.values",
                format!("\"{v}\" is listed twice"),
            ));
        }
        values.push(v);
    }
    if kudos.daily_allowance == 0 {
        return Err(ConfigError::new(
            "kudos.daily_allowance",
            "must be at least 1, or nobody could give kudos",
        ));
    }
    if kudos.min_message_chars > 1000 {
        return Err(ConfigError::new(
            "kudos.min_message_chars",
            "must be at most 1000",
        ));
    }
    check_channel("kudos.channel", &kudos.channel)?;
    check_channel("narrative.channel", &settings.narrative.channel)?;
    let moment_schedule = CronSchedule::parse(&settings.narrative.moment_schedule).map_err(|e| {
        ConfigError::new(
            "narrative.moment_schedule",
            format!(
                "\"{}\" is not a schedule ({e}); write six fields, seconds first, e.g. \"0 30 9 * * Mon\"",
                settings.narrative.moment_schedule
            ),
        )
    })?;
    let narrative = load_narrative(&settings.narrative.file)?;
    let pulse_schedule = CronSchedule::parse(&settings.pulse.schedule).map_err(|e| {
        ConfigError::new(
            "pulse.schedule",
            format!(
                "\"{}\" is not a schedule ({e}); write six fields, seconds first, e.g. \"0 0 10 * * Mon\"",
                settings.pulse.schedule
            ),
        )
    })?;
    if !(1..=20).contains(&settings.pulse.questions_per_round) {
        return Err(ConfigError::new(
            "pulse.questions_per_round",
            "must be between 1 and 20",
        ));
    }
    if settings.pulse.answer_window_hours == 0 {
        return Err(ConfigError::new(
            "pulse.answer_window_hours",
            "must be at least 1",
        ));
    }
    if settings.pulse.remind_after_hours >= settings.pulse.answer_window_hours {
        return Err(ConfigError::new(
            "pulse.remind_after_hours",
            "must be shorter than pulse.answer_window_hours, or the reminder would come after the round closed",
        ));
    }
    if settings.pulse.min_group_size < 3 {
        return Err(ConfigError::new(
            "pulse.min_group_size",
            "must be at least 3: smaller groups would let people be identified",
        ));
    }
    let min_group_size = settings.pulse.min_group_size;
    let digest_schedule = CronSchedule::parse(&settings.pulse.digest_schedule).map_err(|e| {
        ConfigError::new(
            "pulse.digest_schedule",
            format!(
                "\"{}\" is not a schedule ({e}); write six fields, seconds first, e.g. \"0 0 9 * * Mon\"",
                settings.pulse.digest_schedule
            ),
        )
    })?;
    let questions = crate::core::pulse::bank::merge_custom(
        crate::core::pulse::bank::builtin_questions(),
        settings.pulse.custom_questions.clone(),
    )
    .map_err(|e| ConfigError::new("pulse.custom_questions", e.to_string()))?;
    if settings.scheduler.tick_seconds == 0 {
        return Err(ConfigError::new(
            "scheduler.tick_seconds",
            "must be at least 1",
        ));
    }
    if settings.scheduler.max_attempts == 0 {
        return Err(ConfigError::new(
            "scheduler.max_attempts",
            "must be at least 1",
        ));
    }
    check_database_url(&settings.console.demo_database_url)
        .map_err(|e| ConfigError::new("console.demo_database_url", e.message))?;

    let policy = KudosPolicy {
        values,
        min_message_chars: kudos.min_message_chars,
        daily_allowance: kudos.daily_allowance,
        bonus_per_direct_report: kudos.bonus_per_direct_report,
    };
    let web_public_url = check_web(&settings.web, bind)?;
    Ok(Config {
        settings,
        sections: Figment::from(Toml::string(DEFAULT_TOML)),
        bind,
        org_timezone,
        org_locale,
        kudos: policy,
        moment_schedule,
        narrative,
        pulse_schedule,
        min_group_size,
        digest_schedule,
        questions,
        web_public_url,
    })
}

/// The settings from the embedded defaults alone, already checked (for tests and tools).
pub fn defaults() -> Result<Config, ConfigError> {
    let settings: Settings = Figment::from(Toml::string(DEFAULT_TOML))
        .extract()
        .map_err(figment_error)?;
    validate(settings)
}

fn check_web(web: &WebSettings, bind: SocketAddr) -> Result<String, ConfigError> {
    if web.session_hours == 0 || web.session_hours > 24 * 30 {
        return Err(ConfigError::new(
            "web.session_hours",
            format!(
                "{} is not between 1 and 720 hours (30 days)",
                web.session_hours
            ),
        ));
    }
    let written = web.public_url.trim();
    if written.is_empty() {
        return Ok(format!("http://{bind}"));
    }
    let url = url::Url::parse(written).map_err(|e| {
        ConfigError::new(
            "web.public_url",
            format!("\"{written}\" is not an address such as https://ambassador.example.com ({e})"),
        )
    })?;
    if !matches!(url.scheme(), "http" | "https") || url.host().is_none() {
        return Err(ConfigError::new(
            "web.public_url",
            format!("\"{written}\" must start with https:// (or http://) and name a host"),
        ));
    }
    if url.query().is_some() || url.fragment().is_some() {
        return Err(ConfigError::new(
            "web.public_url",
            format!("\"{written}\" must not carry a query or a fragment"),
        ));
    }
    Ok(url.as_str().trim_end_matches('/').to_string())
}

fn check_database_url(url: &str) -> Result<(), ConfigError> {
    let ok = url.starts_with("sqlite:")
        || url.starts_with("postgres://")
        || url.starts_with("postgresql://");
    if ok {
        Ok(())
    } else {
        Err(ConfigError::new(
            "database.url",
            format!(
                "\"{}\" is neither sqlite://PATH (the embedded default) nor postgres://USER@HOST/DATABASE",
                redact_url(url)
            ),
        ))
    }
}

fn check_channel(key: &str, channel: &str) -> Result<(), ConfigError> {
    let channel = channel.trim();
    if channel.is_empty() || channel.starts_with('#') || channel.contains(char::is_whitespace) {
        return Err(ConfigError::new(
            key,
            format!("\"{channel}\" must be a channel name without \"#\" or spaces, e.g. kudos"),
        ));
    }
    Ok(())
}

fn parse_timezone(key: &str, value: &str) -> Result<Tz, ConfigError> {
    value.parse::<Tz>().map_err(|_| {
        ConfigError::new(
            key,
            format!("\"{value}\" is not an IANA time zone such as Europe/Athens"),
        )
    })
}

fn parse_locale(key: &str, value: &str) -> Result<Locale, ConfigError> {
    Locale::parse(value).ok_or_else(|| {
        ConfigError::new(
            key,
            format!(
                "\"{value}\" is not a supported language; use one of {}",
                Locale::supported_list()
            ),
        )
    })
}

fn load_narrative(path: &str) -> Result<Narrative, ConfigError> {
    let source = match std::fs::read_to_string(path) {
        Ok(s) => s,
        Err(_) if path == DEFAULT_NARRATIVE_PATH => DEFAULT_NARRATIVE.to_string(),
        Err(e) => {
            return Err(ConfigError::new(
                "narrative.file",
                format!("cannot read {path}: {e}"),
            ));
        }
    };
    parse_toml(&source).map_err(|e| ConfigError::new("narrative.file", format!("{path}: {e}")))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn settings() -> Settings {
        Figment::from(Toml::string(DEFAULT_TOML))
            .extract()
            .expect("defaults parse")
    }

    #[test]
    fn the_shipped_defaults_are_valid() {
        let config = defaults().expect("valid");
        assert_eq!(config.kudos.daily_allowance, 5);
        assert_eq!(config.bind.port(), 3000);
    }

    #[test]
    fn each_bad_value_names_its_key() {
        type Mutation = Box<dyn Fn(&mut Settings)>;
        let cases: Vec<(&str, Mutation)> = vec![
            (
                "narrative.moment_schedule",
                Box::new(|s| s.narrative.moment_schedule = "30 9 * * 1".into()),
            ),
            (
                "org.timezone",
                Box::new(|s| s.org.timezone = "Europe/Atlantis".into()),
            ),
            ("org.locale", Box::new(|s| s.org.locale = "de".into())),
            (
                "database.url",
                Box::new(|s| s.database.url = "mysql://x".into()),
            ),
            (
                "server.bind",
                Box::new(|s| s.server.bind = "localhost".into()),
            ),
            (
                "kudos.values",
                Box::new(|s| s.kudos.values = vec!["Customer First".into()]),
            ),
            (
                "kudos.channel",
                Box::new(|s| s.kudos.channel = "#kudos".into()),
            ),
            (
                "narrative.file",
                Box::new(|s| s.narrative.file = "/nonexistent/n.toml".into()),
            ),
        ];
        for (key, mutate) in cases {
            let mut s = settings();
            mutate(&mut s);
            let err = validate(s).expect_err(key);
            assert_eq!(err.key, key, "{err}");
        }
    }

    #[test]
    fn passwords_never_reach_the_logs() {
        assert_eq!(
            redact_url("postgres://bot:s3cret@db:5432/amb"),
            "postgres://bot:***@db:5432/amb"
        );
        let s = settings();
        let mut db = s.database.clone();
        db.url = "postgres://bot:s3cret@db/amb".into();
        assert!(!format!("{db:?}").contains("s3cret"));
    }
}
