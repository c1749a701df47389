//! The bot: turns an [`Invocation`] into answers and deliveries, using the core rules, the
//! store's ports and the chat platforms. Every platform adapter calls [`Bot::handle`]; the
//! scheduler calls the job entry points. Nothing here knows a platform's wire format or SQL:
//! the database is reached through the narrow ports of [`crate::store::Db`], and messages leave
//! as rows queued in the same unit of work as the change that caused them.

mod admin;
mod alerts;
mod demo;
mod digest;
mod directory;
pub mod format;
mod forms;
mod help;
mod home;
pub mod jobs;
mod kudos;
#[cfg(test)]
mod memory_db;
mod narrative;
pub mod platform;
mod pulse;
mod web;

use std::sync::Arc;

use chrono::{DateTime, Utc};

use crate::config::Config;
use crate::core::clock::Clock;
use crate::core::command::{AdminCommand, Command, EngagementCommand, KudosCommand, PulseCommand};
use crate::core::directory::{Org, Person};
use crate::core::invocation::{Capabilities, Input, Invocation};
use crate::core::locale::Locale;
use crate::core::message::{Message, RichText};
use crate::core::outbound::{Answer, Destination};
use crate::core::pulse::Question;
use crate::i18n::{Arg, I18n};
use crate::store::Db;
pub use platform::{ChatPlatform, Platforms};

pub use admin::{
    AdminOverview, BACKLOG_FAILED_DAYS, NarrativeEditor, PEOPLE_PER_PAGE, PeoplePage,
    PlatformStatus,
};
pub use alerts::{ALERT_PLAN_ACTION, PlanOutcome};
pub use demo::DemoSeed;
pub use digest::{
    AlertLine, Digest, DigestError, DropLine, ExportRow, KudosLine, NarrativeLine, ReportRound,
    TEAM_KUDOS_SHOWN, TeamEntry, TeamReport,
};
pub use directory::{ImportError, describe_problem, import_org_chart};
pub use forms::KUDOS_MESSAGE_MAX_CHARS;
pub use narrative::{NARRATIVE_ACK_ACTION, NarrativeRefusal};
pub use pulse::{PULSE_ACTION, PULSE_COMMENT_ACTION};
pub use web::{OpenedSession, SIGN_IN_PATH, Viewer, WEB_LINK_ACTION};

/// The action of a "Give kudos" button: platforms with forms open one, the console explains
/// the command.
pub const KUDOS_FORM_ACTION: &str = "kudos-form";

/// Everything the bot needs, shared by adapters, the HTTP server and the scheduler.
///
/// A `Bot` reaches the database through `db`: the pool, or a unit of work an adapter or the
/// scheduler opened (see [`Bot::within`]), so what a use case changes and the messages it
/// queues commit together.
#[derive(Clone)]
pub struct Bot {
    inner: Arc<Inner>,
    db: Arc<dyn Db>,
}

struct Inner {
    config: Arc<Config>,
    i18n: Arc<I18n>,
    clock: Arc<dyn Clock>,
    platforms: Platforms,
    questions: Vec<Question>,
    snapshots: digest::SnapshotCache,
    /// Orgs by platform and platform id. An org's identity never changes once created, and
    /// every request asks for its org first: remembering them saves a query per request.
    orgs: std::sync::RwLock<std::collections::HashMap<(String, String), Org>>,
}

impl std::fmt::Debug for Bot {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Bot")
            .field("platforms", &self.inner.platforms)
            .finish()
    }
}

/// Who is asking, in which org, on which platform: resolved once per invocation.
pub(crate) struct Ctx {
    pub org: Org,
    pub actor: Person,
    pub platform: Arc<dyn ChatPlatform>,
    /// The platform's id for the request, when it has one (see [`Invocation::request_id`]).
    pub request_id: Option<String>,
    /// What the platform can show in answer.
    pub capabilities: Capabilities,
}

impl Bot {
    /// Builds the bot over a migrated store (any [`Db`]: the store, or a test's own).
    pub fn new(
        db: Arc<dyn Db>,
        config: Arc<Config>,
        i18n: Arc<I18n>,
        clock: Arc<dyn Clock>,
        platforms: Platforms,
    ) -> Self {
        let questions = config.questions.clone();
        Self {
            db,
            inner: Arc::new(Inner {
                config,
                i18n,
                clock,
                platforms,
                questions,
                snapshots: Default::default(),
                orgs: Default::default(),
            }),
        }
    }

    /// The question bank: built-in questions and the admins' own.
    pub fn questions(&self) -> &[Question] {
        &self.inner.questions
    }

    /// The database, through the bot's ports: the pool, or the unit of work this bot works in.
    pub fn db(&self) -> &dyn Db {
        self.db.as_ref()
    }

    /// The same bot working inside `db` (a unit of work): everything it changes and every
    /// message it queues commits or rolls back with that unit.
    pub fn within(&self, db: Arc<dyn Db>) -> Bot {
        Bot {
            inner: self.inner.clone(),
            db,
        }
    }

    /// Runs `work` in a unit of work of its own (a savepoint, when this bot already works in
    /// one): committed when it succeeds, rolled back when it fails.
    pub async fn in_unit<T, F, Fut>(&self, work: F) -> anyhow::Result<T>
    where
        F: FnOnce(Bot) -> Fut,
        Fut: std::future::Future<Output = anyhow::Result<T>>,
    {
        let unit = self.db.begin_unit().await?;
        match work(self.within(unit.clone())).await {
            Ok(value) => {
                unit.commit_unit().await?;
                Ok(value)
            }
            Err(e) => {
                if let Err(rollback) = unit.rollback_unit().await {
                    tracing::warn!(error = %rollback, "a unit of work could not be rolled back");
                }
                Err(e)
            }
        }
    }

    /// The checked configuration.
    pub fn config(&self) -> &Config {
        &self.inner.config
    }

    /// The message catalogs.
    pub fn i18n(&self) -> &I18n {
        &self.inner.i18n
    }

    /// The current instant, from the injected clock.
    pub fn now(&self) -> DateTime<Utc> {
        self.inner.clock.now()
    }

    /// The platforms this process runs.
    pub fn platforms(&self) -> &Platforms {
        &self.inner.platforms
    }

    /// A translated message.
    pub(crate) fn t(&self, locale: Locale, key: &str, args: &[Arg<'_>]) -> String {
        self.inner.i18n.tr(locale, key, args)
    }

    /// Answers one thing a person did. Never fails: refusals are answers, and an internal
    /// error becomes "something went wrong, nothing was changed" in the person's language
    /// while the cause goes to the log. Everything it changes and queues is one unit of work
    /// (a savepoint inside the caller's), rolled back on such an error, so that sentence is
    /// true.
    pub async fn handle(&self, invocation: Invocation) -> Answer {
        match self.handle_or_retry(invocation).await {
            Ok(answer) => answer,
            Err(retry) => self.apologise(retry.locale, &retry.error),
        }
    }

    /// Like [`Bot::handle`], except that a failure worth trying again (the database briefly
    /// unreachable, a deadlock or serialization conflict it resolved against this request) is
    /// returned instead of answered, with the unit of work rolled back: the relay then retries
    /// the stored request later, and the person gets their real answer rather than "try
    /// again". Adapters answer with [`Bot::apologise`] on a request's last attempt.
    pub async fn handle_or_retry(&self, invocation: Invocation) -> Result<Answer, Retry> {
        let fallback_locale = self.inner.config.org_locale;
        let outcome = self
            .in_unit(|bot| async move {
                match bot.try_handle(&invocation).await {
                    Ok(answer) => Ok(Ok(answer)),
                    // Nothing was done for an unknown org: no need to undo anything.
                    Err(HandleError::NoOrg) => Ok(Err(())),
                    Err(HandleError::Internal { locale, error }) => {
                        Err(error.context(LocaleTag(locale)))
                    }
                }
            })
            .await;
        match outcome {
            Ok(Ok(answer)) => Ok(answer),
            Ok(Err(_)) => Ok(Answer::Reply(Message::ephemeral_text(RichText::text(
                self.t(fallback_locale, "error-unknown-actor", &[]),
            )))),
            Err(error) => {
                let locale = error
                    .downcast_ref::<LocaleTag>()
                    .map(|t| t.0)
                    .unwrap_or(fallback_locale);
                if crate::store::is_transient(&error) {
                    tracing::warn!(
                        error = format!("{error:#}"),
                        "an invocation met a passing database failure; its unit of work was rolled back"
                    );
                    return Err(Retry { locale, error });
                }
                Ok(self.apologise(locale, &error))
            }
        }
    }

    /// [`Bot::handle_or_retry`] for a stored request the relay tries again: a passing failure
    /// is an error (the request is retried later) except on the request's `last_attempt`,
    /// when the person is told nothing was changed ([`Bot::apologise`]).
    pub async fn answer_stored(
        &self,
        invocation: Invocation,
        last_attempt: bool,
    ) -> anyhow::Result<Answer> {
        match self.handle_or_retry(invocation).await {
            Ok(answer) => Ok(answer),
            Err(retry) if last_attempt => Ok(self.apologise(retry.locale, &retry.error)),
            Err(retry) => Err(retry.into()),
        }
    }

    /// The answer to a request whose work failed and was undone: "something went wrong on our
    /// side and nothing was changed", in the person's language; the cause goes to the log.
    pub fn apologise(&self, locale: Locale, error: &anyhow::Error) -> Answer {
        tracing::error!(
            error = format!("{error:#}"),
            "could not handle an invocation; its unit of work was rolled back"
        );
        metrics::counter!("ambassador_internal_errors_total").increment(1);
        Answer::Reply(Message::ephemeral_text(RichText::text(self.t(
            locale,
            "error-internal",
            &[],
        ))))
    }

    async fn try_handle(&self, invocation: &Invocation) -> Result<Answer, HandleError> {
        let db = self.db();
        let fallback = self.inner.config.org_locale;
        let internal = |locale| {
            move |e: crate::store::StoreError| HandleError::Internal {
                locale,
                error: e.into(),
            }
        };
        let org = self
            .org_of(invocation)
            .await
            .map_err(internal(fallback))?
            .ok_or(HandleError::NoOrg)?;
        let platform = self
            .inner
            .platforms
            .get(invocation.platform)
            .cloned()
            .ok_or_else(|| HandleError::Internal {
                locale: org.locale,
                error: anyhow::anyhow!("no adapter for {}", invocation.platform.as_str()),
            })?;
        let actor = db
            .person_by_platform_id(org.id, &invocation.actor)
            .await
            .map_err(internal(org.locale))?;
        let Some(actor) = actor.filter(|p| p.is_active) else {
            return Ok(Answer::Reply(Message::ephemeral_text(RichText::text(
                self.t(org.locale, "error-unknown-actor", &[]),
            ))));
        };
        let locale = actor.locale;
        let ctx = Ctx {
            org,
            actor,
            platform,
            request_id: invocation.request_id.clone(),
            capabilities: invocation.capabilities,
        };
        self.welcome_if_new(&ctx)
            .await
            .map_err(|error| HandleError::Internal { locale, error })?;
        let result = match &invocation.input {
            Input::Command(text) => {
                let command = Command::parse(text);
                metrics::counter!("ambassador_commands_total", "command" => command_name(&command))
                    .increment(1);
                self.run_command(&ctx, command).await
            }
            Input::Click { action } => self.run_click(&ctx, action).await,
            Input::Home => self.home(&ctx).await.map(|page| {
                if ctx.capabilities.home {
                    Answer::Home(page)
                } else {
                    Answer::Reply(page)
                }
            }),
            Input::KudosForm { people, message } => {
                self.kudos_form_or_usage(&ctx, people.clone(), message.clone())
                    .await
            }
            Input::Kudos(request) => {
                metrics::counter!("ambassador_commands_total", "command" => "kudos").increment(1);
                self.give_kudos_request(&ctx, Ok(request.clone()))
                    .await
                    .map(Answer::Reply)
            }
            Input::Submit(submission) => self.submit_form(&ctx, submission).await,
        };
        result.map_err(|error| HandleError::Internal { locale, error })
    }

    /// The org an invocation comes from (remembered once found; see `Inner::orgs`).
    async fn org_of(&self, invocation: &Invocation) -> crate::store::StoreResult<Option<Org>> {
        self.org(invocation.platform, &invocation.platform_org_id)
            .await
    }

    /// The org of a platform by the platform's id for it, remembered once found (an org's
    /// identity never changes), so adapters and use cases ask the database once.
    pub async fn org(
        &self,
        platform: crate::core::invocation::PlatformKind,
        platform_org_id: &str,
    ) -> crate::store::StoreResult<Option<Org>> {
        let key = (platform.as_str().to_string(), platform_org_id.to_string());
        let known = self
            .inner
            .orgs
            .read()
            .ok()
            .and_then(|orgs| orgs.get(&key).cloned());
        if let Some(org) = known {
            return Ok(Some(org));
        }
        let found = self.db().find_org(&key.0, &key.1).await?;
        if let (Some(org), Ok(mut orgs)) = (&found, self.inner.orgs.write()) {
            orgs.insert(key, org.clone());
        }
        Ok(found)
    }

    async fn run_command(&self, ctx: &Ctx, command: Command) -> anyhow::Result<Answer> {
        if let Command::Kudos(KudosCommand::Help) = command {
            return self.kudos_form_or_usage(ctx, Vec::new(), None).await;
        }
        self.run_text_command(ctx, command).await.map(Answer::Reply)
    }

    async fn run_text_command(&self, ctx: &Ctx, command: Command) -> anyhow::Result<Message> {
        match command {
            Command::Help => Ok(self.help(ctx)),
            Command::Kudos(KudosCommand::Give(args)) => self.give_kudos(ctx, &args).await,
            Command::Kudos(KudosCommand::Stats) => self.kudos_stats(ctx).await,
            Command::Kudos(KudosCommand::Help) => self.kudos_usage(ctx).await,
            Command::Narrative => self.show_narrative(ctx).await,
            Command::Pulse(PulseCommand::Show) => self.pulse_show(ctx).await,
            Command::Pulse(PulseCommand::Answer(text)) => self.pulse_answer_text(ctx, &text).await,
            Command::Pulse(PulseCommand::Comment(text)) => self.pulse_comment(ctx, &text).await,
            Command::Pulse(PulseCommand::Privacy) => Ok(self.pulse_privacy(ctx)),
            Command::Pulse(PulseCommand::Help) => Ok(Message::ephemeral_text(RichText::text(
                self.t(ctx.actor.locale, "pulse-help", &[]),
            ))),
            Command::Engagement(EngagementCommand::Show) => self.engagement(ctx).await,
            Command::Engagement(EngagementCommand::Web) => self.web_link_message(ctx).await,
            Command::Engagement(EngagementCommand::Plan { alert, action }) => {
                self.plan_alert_action(ctx, &alert, &action).await
            }
            Command::Admin(admin) => {
                if !ctx.actor.is_admin {
                    return self.admin_only(ctx).await;
                }
                match admin {
                    AdminCommand::Help => Ok(self.admin_help(ctx)),
                    AdminCommand::PulseStart => self.admin_pulse_start(ctx).await,
                    AdminCommand::PulseStatus => self.admin_pulse_status(ctx).await,
                    AdminCommand::NarrativeSet {
                        locale,
                        unknown_locale,
                        body,
                    } => self.set_narrative(ctx, locale, unknown_locale, &body).await,
                }
            }
            Command::Unknown(name) => Ok(Message::ephemeral_text(RichText::text(self.t(
                ctx.actor.locale,
                "error-unknown-command",
                &[("command", name.into())],
            )))),
        }
    }

    async fn run_click(&self, ctx: &Ctx, action: &str) -> anyhow::Result<Answer> {
        if action == KUDOS_FORM_ACTION {
            return self.kudos_form_or_usage(ctx, Vec::new(), None).await;
        }
        if action == WEB_LINK_ACTION {
            // The link comes as a message of its own: the digest or alert pressed stays.
            return self.web_link_message(ctx).await.map(Answer::Reply);
        }
        if action == PULSE_COMMENT_ACTION && ctx.capabilities.forms {
            return Ok(Answer::Form(self.pulse_comment_form(ctx)));
        }
        let reply = self.click_reply(ctx, action).await?;
        // The answer to a press shows with the message pressed, where the platform can.
        Ok(if ctx.capabilities.update_clicked {
            Answer::UpdateClicked(reply)
        } else {
            Answer::Reply(reply)
        })
    }

    async fn click_reply(&self, ctx: &Ctx, action: &str) -> anyhow::Result<Message> {
        if let Some(version) = action.strip_prefix(NARRATIVE_ACK_ACTION) {
            return self.acknowledge_narrative(ctx, version).await;
        }
        if action.starts_with(PULSE_ACTION) {
            return self.pulse_click(ctx, action).await;
        }

        if let Some(alert) = action.strip_prefix(ALERT_PLAN_ACTION) {
            return Ok(self.alert_plan_prompt(ctx, alert));
        }
        if action == PULSE_COMMENT_ACTION {
            return Ok(Message::ephemeral_text(RichText::text(self.t(
                ctx.actor.locale,
                "pulse-comment-how",
                &[],
            ))));
        }
        Ok(Message::ephemeral_text(RichText::text(self.t(
            ctx.actor.locale,
            "error-button-expired",
            &[],
        ))))
    }

    async fn admin_only(&self, ctx: &Ctx) -> anyhow::Result<Message> {
        let admins = self.db().admins(ctx.org.id).await?;
        let names = admins
            .iter()
            .map(|a| a.display_name.as_str())
            .collect::<Vec<_>>()
            .join(", ");
        Ok(Message::ephemeral_text(RichText::text(self.t(
            ctx.actor.locale,
            "error-admin-only",
            &[("admins", names.into())],
        ))))
    }

    /// Queues a message for a person or a channel, rendered by the org's platform, in this
    /// bot's unit of work: it goes out only if the work that caused it commits.
    pub(crate) async fn deliver(
        &self,
        platform: &Arc<dyn ChatPlatform>,
        org: &Org,
        to: Destination,
        message: Message,
    ) -> anyhow::Result<()> {
        let rows = platform.render(org, &to, &message, self.now());
        self.db().queue_outbound(&rows).await?;
        Ok(())
    }
}

/// A failure worth retrying (see [`Bot::handle_or_retry`]); nothing of the work was kept.
#[derive(Debug)]
pub struct Retry {
    /// The person's language, for the apology on the last attempt.
    pub locale: Locale,
    /// What failed.
    pub error: anyhow::Error,
}

impl std::fmt::Display for Retry {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "a passing failure, to retry: {:#}", self.error)
    }
}

impl std::error::Error for Retry {}

/// Carries the person's language with an internal error, so the apology is in their language.
#[derive(Debug)]
struct LocaleTag(Locale);

impl std::fmt::Display for LocaleTag {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "while answering in {}", self.0.code())
    }
}

enum HandleError {
    NoOrg,
    Internal {
        locale: Locale,
        error: anyhow::Error,
    },
}

fn command_name(command: &Command) -> &'static str {
    match command {
        Command::Help => "help",
        Command::Kudos(KudosCommand::Give(_)) => "kudos",
        Command::Kudos(KudosCommand::Stats) => "kudos-stats",
        Command::Kudos(KudosCommand::Help) => "kudos-help",
        Command::Narrative => "narrative",
        Command::Pulse(_) => "pulse",
        Command::Engagement(_) => "engagement",
        Command::Admin(_) => "admin",
        Command::Unknown(_) => "unknown",
    }
}

/// The destination for a direct message to a person, if the platform knows them.
pub(crate) fn direct_to(person: &Person) -> Option<Destination> {
    person
        .platform_user_id
        .as_ref()
        .map(|id| Destination::Direct {
            platform_user_id: id.clone(),
            display_name: person.display_name.clone(),
        })
}
