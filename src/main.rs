//! The `ambassador` command line: serve, console, migrate, org import, default-config.

use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;

use anyhow::Context as _;
use chrono::{DurationRound, TimeDelta, Utc};
use clap::{Parser, Subcommand};

use ambassador::app::{Server, build_bot, ensure_local_org, open_store, shutdown_signal};
use ambassador::bot::Platforms;
use ambassador::bot::{ImportError, describe_problem, import_org_chart};
use ambassador::config::{self, Config, Overrides};
use ambassador::core::clock::{ManualClock, SystemClock};
use ambassador::core::directory::Org;
use ambassador::core::invocation::LOCAL_ORG;
use ambassador::core::locale::Locale;
use ambassador::demo;
use ambassador::i18n::I18n;
use ambassador::platform::console::{self, ConsolePlatform, ConsoleSession};
use ambassador::store::Store;
use ambassador::store::prelude::*;

/// ambassador: pulse surveys, the customer narrative and peer recognition, in your team chat.
#[derive(Debug, Parser)]
#[command(version, about, long_about = None)]
struct Cli {
    /// A TOML file with settings that override config/default.toml (instead of config/local.toml).
    #[arg(long, global = true, value_name = "PATH")]
    config: Option<PathBuf>,
    /// The database URL (sqlite://PATH or postgres://USER@HOST/DB), overriding database.url.
    #[arg(long, global = true, value_name = "URL")]
    db: Option<String>,
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Run the HTTP server and the scheduler (the default).
    Serve {
        /// Address to listen on, overriding server.bind (default 127.0.0.1:3000).
        #[arg(long, value_name = "ADDR")]
        bind: Option<String>,
    },
    /// Chat with the bot in this terminal, as anyone in the local org.
    Console {
        /// Seed a demo organisation (30 people) and use its own database unless --db is given.
        #[arg(long)]
        demo: bool,
        /// Import an org-chart CSV into the local org first.
        #[arg(long, value_name = "FILE")]
        import: Option<PathBuf>,
        /// Start the simulated clock at this instant (RFC 3339, e.g. 2026-11-25T10:00:00Z)
        /// instead of now, for repeatable demos and scripts.
        #[arg(long, value_name = "TIME")]
        start: Option<chrono::DateTime<Utc>>,
        /// Also serve the web dashboard while the console runs, on server.bind or this address
        /// (an interactive console always does, on server.bind).
        #[arg(long, value_name = "ADDR", num_args = 0..=1, default_missing_value = "")]
        web: Option<String>,
    },
    /// Apply database migrations and exit.
    Migrate,
    /// Manage the organisation's directory.
    Org {
        #[command(subcommand)]
        command: OrgCommand,
    },
    /// Print a manager's engagement digest.
    Digest {
        /// The manager's email.
        #[arg(long, value_name = "EMAIL")]
        manager: String,
        /// The ISO week, e.g. 2026-W48 (default: now).
        #[arg(long, value_name = "WEEK")]
        week: Option<String>,
        /// text (with the chart written as a PNG file) or json.
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
        /// The org's platform id; may be left out when the database holds one org.
        #[arg(long, value_name = "ID")]
        org: Option<String>,
    },
    /// Write the pulse aggregates (per team, series and round, k rule applied).
    Export {
        /// csv or json.
        #[arg(long, value_enum, default_value_t = ExportFormat::Csv)]
        format: ExportFormat,
        /// Only rounds that opened on or after this date (YYYY-MM-DD).
        #[arg(long, value_name = "DATE")]
        from: Option<chrono::NaiveDate>,
        /// Only rounds that closed before this date (YYYY-MM-DD).
        #[arg(long, value_name = "DATE")]
        to: Option<chrono::NaiveDate>,
        /// The org's platform id; may be left out when the database holds one org.
        #[arg(long, value_name = "ID")]
        org: Option<String>,
    },
    /// Microsoft Teams: the app package to upload.
    Teams {
        #[command(subcommand)]
        command: TeamsCommand,
    },
    /// Print the commented default configuration.
    DefaultConfig,
}

#[derive(Debug, Subcommand)]
enum TeamsCommand {
    /// Write the Teams app package (manifest.json, translations, two icons) as a zip to upload
    /// in Teams admin or the Developer Portal; names the bot by TEAMS_APP_ID.
    Package {
        /// Where to write it.
        #[arg(long, value_name = "FILE", default_value = ambassador::platform::teams::package::DEFAULT_FILE)]
        out: PathBuf,
    },
}

/// How `digest` prints.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum Format {
    Text,
    Json,
}

/// How `export` writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum ExportFormat {
    Csv,
    Json,
}

#[derive(Debug, Subcommand)]
enum OrgCommand {
    /// Load or update the org chart from a CSV file
    /// (header: email,name,department,manager_email,timezone,locale,admin[,active]).
    Import {
        /// The CSV file.
        file: PathBuf,
        /// The org's platform id (Slack team id, Teams tenant id, Discord guild id, or `local`).
        /// May be left out when the database holds one org or none.
        #[arg(long, value_name = "ID")]
        org: Option<String>,
    },
}

fn main() -> ExitCode {
    // One TLS crypto provider for every client in the process (Slack, uploads, replies).
    let _ = rustls::crypto::ring::default_provider().install_default();
    let cli = Cli::parse();
    if let Some(Command::DefaultConfig) = cli.command {
        print!("{}", config::DEFAULT_TOML);
        return ExitCode::SUCCESS;
    }
    let runtime = match tokio::runtime::Runtime::new() {
        Ok(r) => r,
        Err(e) => {
            eprintln!("error: could not start the async runtime: {e}");
            return ExitCode::FAILURE;
        }
    };
    match runtime.block_on(run(cli)) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("error: {e:#}");
            ExitCode::FAILURE
        }
    }
}

async fn run(cli: Cli) -> anyhow::Result<ExitCode> {
    let command = cli.command.unwrap_or(Command::Serve { bind: None });
    let bind = match &command {
        Command::Serve { bind } => bind.clone(),
        Command::Console {
            web: Some(addr), ..
        } if !addr.is_empty() => Some(addr.clone()),
        _ => None,
    };
    let demo = matches!(command, Command::Console { demo: true, .. });
    let overrides = Overrides {
        config_file: cli.config.clone(),
        database_url: cli.db.clone(),
        bind,
    };
    let mut config = config::load(&overrides)?;
    // Each chat platform's own settings and credentials, checked before anything runs.
    ambassador::platform::check(&config)?;
    if demo && cli.db.is_none() {
        config.settings.database.url = config.settings.console.demo_database_url.clone();
    }
    let interactive_console = matches!(command, Command::Console { .. });
    // In the console, logs would interleave with the chat: keep them to warnings unless asked.
    let level = if interactive_console && std::env::var_os("RUST_LOG").is_none() {
        "warn".to_string()
    } else {
        config.settings.log.level.clone()
    };
    ambassador::telemetry::init(config.settings.log.format, &level);
    let config = Arc::new(config);
    let url = config.settings.database.url.clone();

    match command {
        Command::Serve { .. } => {
            let store = open_store(&config, &url).await?;
            let clock: Arc<dyn ambassador::core::clock::Clock> = Arc::new(SystemClock);
            let adapters = ambassador::platform::configured(&config, &store, &clock)?;
            let server = Server::build(config, store, clock, adapters).await?;
            server.run_until(shutdown_signal()).await?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Migrate => {
            let store = open_store(&config, &url).await?;
            println!(
                "The {} database is up to date ({}).",
                store.backend(),
                config::redact_url(&url)
            );
            Ok(ExitCode::SUCCESS)
        }
        Command::Org {
            command: OrgCommand::Import { file, org },
        } => {
            let store = open_store(&config, &url).await?;
            let org = resolve_org(&store, &config, org.as_deref()).await?;
            import_file(&store, &config, &org, &file).await
        }
        Command::Console {
            demo,
            import,
            start,
            web,
        } => console_command(config, &url, demo, import, start, web.is_some()).await,
        Command::Digest {
            manager,
            week,
            format,
            org,
        } => {
            let store = open_store(&config, &url).await?;
            let org = existing_org(&store, org.as_deref()).await?;
            digest_command(config, store, &org, &manager, week.as_deref(), format).await
        }
        Command::Export {
            format,
            from,
            to,
            org,
        } => {
            let store = open_store(&config, &url).await?;
            let org = existing_org(&store, org.as_deref()).await?;
            let bot = build_bot(store, config, Arc::new(SystemClock), Platforms::default())?;
            let midnight = |d: chrono::NaiveDate| d.and_time(chrono::NaiveTime::MIN).and_utc();
            let rows = bot
                .export_rows(&org, from.map(midnight), to.map(midnight))
                .await?;
            let mut out = std::io::stdout().lock();
            match format {
                ExportFormat::Json => {
                    serde_json::to_writer_pretty(&mut out, &rows)?;
                    writeln!(out)?;
                }
                ExportFormat::Csv => {
                    let mut w = csv::Writer::from_writer(out);
                    for row in &rows {
                        w.serialize(row)?;
                    }
                    w.flush()?;
                }
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Teams {
            command: TeamsCommand::Package { out },
        } => {
            let manifest = ambassador::platform::teams::package::write(&config, &out)?;
            println!(
                "Wrote {} for the bot {} (version {}).",
                out.display(),
                manifest["bots"][0]["botId"].as_str().unwrap_or_default(),
                manifest["version"].as_str().unwrap_or_default()
            );
            println!(
                "Upload it in Teams admin (Teams apps → Manage apps → Upload new app) or in the Developer Portal (Apps → Import app)."
            );
            if manifest["developer"]["websiteUrl"]
                .as_str()
                .is_some_and(|u| u.contains("example.com"))
            {
                println!(
                    "Note: teams.website_url, teams.privacy_url and teams.terms_url still point at example.com; set your own pages in your config file before publishing the app to everyone."
                );
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::DefaultConfig => Ok(ExitCode::SUCCESS),
    }
}

/// The org a report is for: the one named, or the only one.
async fn existing_org(store: &Store, wanted: Option<&str>) -> anyhow::Result<Org> {
    let orgs = store.orgs().await?;
    let list = orgs
        .iter()
        .map(|o| format!("{} ({})", o.platform_org_id, o.platform))
        .collect::<Vec<_>>()
        .join(", ");
    match wanted {
        Some(id) => orgs
            .iter()
            .find(|o| o.platform_org_id == id)
            .cloned()
            .ok_or_else(|| {
                anyhow::anyhow!("there is no org {id} in this database; known orgs: {list}")
            }),
        None => match orgs.as_slice() {
            [one] => Ok(one.clone()),
            [] => anyhow::bail!("this database holds no org yet; import an org chart first"),
            _ => anyhow::bail!("this database holds several orgs, so say which with --org: {list}"),
        },
    }
}

async fn digest_command(
    config: Arc<Config>,
    store: Store,
    org: &Org,
    email: &str,
    week: Option<&str>,
    format: Format,
) -> anyhow::Result<ExitCode> {
    let people = store.people(org.id).await?;
    let Some(manager) = people.iter().find(|p| p.email.eq_ignore_ascii_case(email)) else {
        anyhow::bail!(
            "nobody with the email {email} is in org {}",
            org.platform_org_id
        );
    };
    let at = match week {
        Some(w) => {
            let monday = chrono::NaiveDate::parse_from_str(&format!("{w}-1"), "%G-W%V-%u")
                .map_err(|_| anyhow::anyhow!("--week {w} is not an ISO week such as 2026-W48"))?;
            // The end of that week in the manager's time zone.
            let next = monday + chrono::Duration::days(7);
            chrono::TimeZone::from_local_datetime(
                &manager.timezone,
                &next.and_time(chrono::NaiveTime::MIN),
            )
            .earliest()
            .map(|t| t.with_timezone(&Utc))
            .unwrap_or_else(|| next.and_time(chrono::NaiveTime::MIN).and_utc())
        }
        None => Utc::now(),
    };
    let bot = build_bot(store, config, Arc::new(SystemClock), Platforms::default())?;
    let digest = match bot.digest(org, manager, at).await {
        Ok(d) => d,
        Err(ambassador::bot::DigestError::NotAManager) => {
            anyhow::bail!("{email} leads no department and is not an admin, so there is no digest")
        }
        Err(ambassador::bot::DigestError::Other(e)) => return Err(e),
    };
    let chart_path = match &digest.chart_png {
        Some(png) => {
            let dir = PathBuf::from("data/digests");
            std::fs::create_dir_all(&dir).context("could not create data/digests")?;
            let path = dir.join(format!("engagement-{}-{}.png", manager.handle, digest.week));
            std::fs::write(&path, png)
                .with_context(|| format!("could not write {}", path.display()))?;
            Some(path)
        }
        None => None,
    };
    match format {
        Format::Json => {
            let mut value = serde_json::to_value(&digest)?;
            if let (Some(obj), Some(path)) = (value.as_object_mut(), &chart_path) {
                obj.insert("chart_file".into(), path.display().to_string().into());
            }
            println!("{}", serde_json::to_string_pretty(&value)?);
        }
        Format::Text => {
            let message = bot.digest_message(&digest, manager.locale);
            let lines = console::render(
                &manager.display_name,
                &message,
                |b| b.label.clone(),
                |_| {
                    chart_path
                        .as_ref()
                        .map(|p| p.display().to_string())
                        .unwrap_or_default()
                },
            );
            for line in lines {
                println!("{line}");
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// Picks the org an import is for: the one named, the only one, or a new `local`.
async fn resolve_org(store: &Store, config: &Config, wanted: Option<&str>) -> anyhow::Result<Org> {
    let orgs = store.orgs().await?;
    let list = || {
        orgs.iter()
            .map(|o| format!("{} ({})", o.platform_org_id, o.platform))
            .collect::<Vec<_>>()
            .join(", ")
    };
    match wanted {
        Some(id) => {
            if let Some(org) = orgs.iter().find(|o| o.platform_org_id == id) {
                return Ok(org.clone());
            }
            if id == LOCAL_ORG {
                return ensure_local_org(store, config, &SystemClock).await;
            }
            anyhow::bail!(
                "there is no org {id} in this database; known orgs: {}",
                if orgs.is_empty() {
                    "none".into()
                } else {
                    list()
                }
            )
        }
        None => match orgs.len() {
            0 => ensure_local_org(store, config, &SystemClock).await,
            1 => Ok(orgs[0].clone()),
            _ => anyhow::bail!(
                "this database holds several orgs, so say which with --org: {}",
                list()
            ),
        },
    }
}

async fn import_file(
    store: &Store,
    config: &Config,
    org: &Org,
    file: &PathBuf,
) -> anyhow::Result<ExitCode> {
    let text = std::fs::read_to_string(file)
        .with_context(|| format!("could not read {}", file.display()))?;
    import_text(store, config, org, &text).await
}

async fn import_text(
    store: &Store,
    config: &Config,
    org: &Org,
    text: &str,
) -> anyhow::Result<ExitCode> {
    let i18n = I18n::load()?;
    let locale = config.org_locale;
    match import_org_chart(store, config, org, text, Utc::now()).await {
        Ok(summary) => {
            println!(
                "{}",
                i18n.tr(
                    locale,
                    "import-done",
                    &[
                        ("people", (summary.created + summary.updated).into()),
                        ("created", summary.created.into()),
                        ("updated", summary.updated.into()),
                        ("departments", summary.departments.into()),
                        ("org", org.platform_org_id.clone().into()),
                    ],
                )
            );
            Ok(ExitCode::SUCCESS)
        }
        Err(ImportError::Invalid(problems)) => {
            eprintln!(
                "{}",
                i18n.tr(locale, "import-failed", &[("count", problems.len().into())])
            );
            for p in &problems {
                eprintln!("  {}", describe_problem(&i18n, locale, p));
            }
            Ok(ExitCode::FAILURE)
        }
        Err(ImportError::Store(e)) => Err(e).context("the import was rolled back"),
    }
}

/// Serves the web dashboard beside the console, on `server.bind`, so `/engagement web` gives a
/// link that opens here; says where, or why not (the address is taken: the console still runs).
async fn console_dashboard(config: &Config, bot: &ambassador::bot::Bot, locale: Locale) {
    let i18n = bot.i18n();
    match tokio::net::TcpListener::bind(config.bind).await {
        Ok(listener) => {
            let routes = ambassador::web::routes(bot.clone());
            tokio::spawn(async move {
                if let Err(e) = axum::serve(listener, routes).await {
                    tracing::warn!(error = %e, "the console's web dashboard stopped");
                }
            });
            println!(
                "{}",
                i18n.tr(
                    locale,
                    "console-web-ready",
                    &[("url", format!("{}/web/", config.web_public_url).into())],
                )
            );
        }
        Err(e) => println!(
            "{}",
            i18n.tr(
                locale,
                "console-web-off",
                &[
                    ("address", config.bind.to_string().into()),
                    ("error", e.to_string().into()),
                ],
            )
        ),
    }
}

async fn console_command(
    config: Arc<Config>,
    url: &str,
    demo: bool,
    import: Option<PathBuf>,
    start: Option<chrono::DateTime<Utc>>,
    web: bool,
) -> anyhow::Result<ExitCode> {
    let store = open_store(&config, url).await?;
    // Simulated time starts now (or at --start), on the minute, and moves only with /advance.
    let start = start.unwrap_or_else(|| {
        Utc::now()
            .duration_trunc(TimeDelta::minutes(1))
            .unwrap_or_else(|_| Utc::now())
    });
    let clock = Arc::new(ManualClock::new(start));
    let org = ensure_local_org(&store, &config, clock.as_ref()).await?;
    if demo {
        let code = import_text(&store, &config, &org, demo::DEMO_ORG_CSV).await?;
        if code != ExitCode::SUCCESS {
            return Ok(code);
        }
    }
    if let Some(file) = import {
        let code = import_file(&store, &config, &org, &file).await?;
        if code != ExitCode::SUCCESS {
            return Ok(code);
        }
    }
    let platform = Arc::new(ConsolePlatform::default());
    let platforms = Platforms::default().with(platform.clone());
    let bot = build_bot(store.clone(), config.clone(), clock.clone(), platforms)?;
    // Load the narrative now so the first command does not pay for it.
    bot.current_narrative(&org).await?;
    if demo {
        bot.seed_demo_history(&org).await?;
    }
    let people = store.people(org.id).await?;
    let i18n = bot.i18n();
    println!("{}", i18n.tr(org.locale, "console-banner", &[]));
    if people.is_empty() {
        println!("{}", i18n.tr(org.locale, "console-empty-org", &[]));
    } else if demo {
        println!(
            "{}",
            i18n.tr(
                org.locale,
                "console-demo-ready",
                &[
                    ("people", people.len().into()),
                    ("departments", store.departments(org.id).await?.len().into()),
                    ("handle", demo::history::MANAGER_HANDLE.into()),
                ],
            )
        );
    }
    let stdin = std::io::stdin();
    let interactive = stdin.is_terminal();
    if web || interactive {
        console_dashboard(&config, &bot, org.locale).await;
    }
    let image_dir = PathBuf::from("data/console-images");
    let (mut session, startup) =
        ConsoleSession::start(bot, store.clone(), platform, clock, image_dir).await?;
    let mut out = std::io::stdout();
    for line in startup {
        println!("{line}");
    }
    console::run(&mut session, stdin.lock(), &mut out, interactive).await?;
    store.close().await;
    Ok(ExitCode::SUCCESS)
}
