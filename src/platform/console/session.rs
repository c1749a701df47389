//! One console session: who is typing, the simulated clock, and the buttons on screen.

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::Arc;

use anyhow::Context as _;
use chrono::{Datelike, Duration, Weekday};

use super::form::{Fill, FormInProgress};
use super::{ConsolePlatform, render};
use crate::bot::Bot;
use crate::core::clock::{Clock, ManualClock};
use crate::core::directory::{Org, Person};
use crate::core::form::{FieldInput, Form};
use crate::core::invocation::{Capabilities, Input, Invocation, LOCAL_ORG, LOCAL_PLATFORM};
use crate::core::locale::Locale;
use crate::core::message::{Message, Visibility};
use crate::core::outbound::{Answer, Destination};
use crate::relay::outbox::{Pacer, deliver_due};
use crate::scheduler::Scheduler;
use crate::store::Store;

/// What the runner should do after an input.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Step {
    /// Print these lines and read the next input.
    Continue(Vec<String>),
    /// Print these lines and stop.
    Quit(Vec<String>),
}

struct ShownButton {
    action: String,
    label: String,
    /// The handle of the only person who can see (and so press) it; `None` in a channel.
    owner: Option<String>,
}

/// A terminal chat with the bot in the `local` org.
pub struct ConsoleSession {
    bot: Bot,
    store: Store,
    scheduler: Scheduler,
    platform: Arc<ConsolePlatform>,
    pacer: Pacer,
    /// A form being filled in, one field per line.
    form: Option<FormInProgress>,
    /// The button pressed last, for showing its message updated.
    pressed: Option<String>,
    clock: Arc<ManualClock>,
    org: Org,
    actor: Option<Person>,
    buttons: HashMap<String, ShownButton>,
    next_button: usize,
    image_dir: PathBuf,
}

/// The longest `/advance` accepted, so a typo cannot spin through years of jobs.
const MAX_ADVANCE_WEEKS: i64 = 104;

impl ConsoleSession {
    /// Opens a session on the `local` org (which must exist), running whatever is already due.
    pub async fn start(
        bot: Bot,
        store: Store,
        platform: Arc<ConsolePlatform>,
        clock: Arc<ManualClock>,
        image_dir: PathBuf,
    ) -> anyhow::Result<(Self, Vec<String>)> {
        let org = bot
            .db()
            .find_org(LOCAL_PLATFORM.as_str(), LOCAL_ORG)
            .await?
            .context("the local org does not exist")?;
        let scheduler = Scheduler::new(bot.clone());
        let mut session = Self {
            bot,
            store,
            scheduler,
            pacer: Pacer::new(1_000_000),
            platform,
            form: None,
            pressed: None,
            clock,
            org,
            actor: None,
            buttons: HashMap::new(),
            next_button: 1,
            image_dir,
        };
        // Jobs missed while the console was closed run once now.
        session.scheduler.run_due(session.clock.now()).await?;
        let lines = session.drain_deliveries().await?;
        Ok((session, lines))
    }

    /// The prompt: who is typing (and which form field they are filling in).
    pub fn prompt(&self) -> String {
        if let (Some(form), Some(p)) = (&self.form, &self.actor) {
            let field = form.current().map(|f| f.label.as_str()).unwrap_or_default();
            return format!("{}: {field}> ", p.handle);
        }
        match &self.actor {
            Some(p) => format!("{}> ", p.handle),
            None => "> ".to_string(),
        }
    }

    /// Whether a first line starts a multi-line input (the text follows until a lone `.`).
    pub fn wants_more_lines(first_line: &str) -> bool {
        let words: Vec<&str> = first_line.split_whitespace().collect();
        words.len() >= 3 && words[..3] == ["/ambassador", "narrative", "set"]
    }

    /// The hint shown before a multi-line input, in the current person's language.
    pub fn multiline_hint(&self) -> String {
        self.t("console-multiline-hint", &[])
    }

    fn locale(&self) -> Locale {
        self.actor
            .as_ref()
            .map(|p| p.locale)
            .unwrap_or(self.org.locale)
    }

    fn t(&self, key: &str, args: &[crate::i18n::Arg<'_>]) -> String {
        self.bot.i18n().tr(self.locale(), key, args)
    }

    /// Handles one input (a line, or several for `narrative set`).
    pub async fn input(&mut self, text: &str) -> Step {
        match self.try_input(text).await {
            Ok(step) => step,
            Err(e) => {
                tracing::error!(error = format!("{e:#}"), "console input failed");
                Step::Continue(vec![self.t("error-internal", &[])])
            }
        }
    }

    async fn try_input(&mut self, text: &str) -> anyhow::Result<Step> {
        let trimmed = text.trim();
        if self.form.is_some() {
            return match trimmed {
                "/quit" | "/exit" => Ok(Step::Quit(vec![self.t("console-bye", &[])])),
                "/cancel" => {
                    self.form = None;
                    Ok(Step::Continue(vec![self.t("console-form-cancelled", &[])]))
                }
                _ => self.fill_form(trimmed).await.map(Step::Continue),
            };
        }
        if trimmed.is_empty() {
            return Ok(Step::Continue(vec![]));
        }
        let (word, rest) = trimmed
            .split_once(char::is_whitespace)
            .map(|(w, r)| (w, r.trim()))
            .unwrap_or((trimmed, ""));
        let lines = match word {
            "/quit" | "/exit" => return Ok(Step::Quit(vec![self.t("console-bye", &[])])),
            "/as" => self.switch_actor(rest).await?,
            "/who" => self.who().await?,
            "/clock" => vec![self.clock_line()],
            "/advance" => self.advance(rest).await?,
            "/click" => self.click(rest).await?,
            "/home" => self.ask_bot(Input::Home).await?,
            "/console" => self.console_help(),
            "/help" => {
                let mut lines = match &self.actor {
                    Some(_) => self.ask_bot(Input::Command(trimmed.to_string())).await?,
                    None => vec![],
                };
                lines.extend(self.console_help());
                lines
            }
            _ if word.starts_with('/') => {
                self.ask_bot(Input::Command(text.trim().to_string()))
                    .await?
            }
            _ => vec![self.t(
                "error-unknown-command",
                &[("command", word.to_string().into())],
            )],
        };
        Ok(Step::Continue(lines))
    }

    fn console_help(&self) -> Vec<String> {
        let mut lines = vec![format!("■ {}", self.t("console-help-title", &[]))];
        lines.extend(self.t("console-help", &[]).lines().map(str::to_string));
        lines
    }

    async fn switch_actor(&mut self, handle: &str) -> anyhow::Result<Vec<String>> {
        let handle = handle.trim_start_matches('@');
        if handle.is_empty() {
            return self.who().await;
        }
        let person = match self.bot.db().person_by_handle(self.org.id, handle).await? {
            Some(p) => p,
            None => {
                return Ok(vec![self.t(
                    "console-unknown-handle",
                    &[("handle", handle.to_string().into())],
                )]);
            }
        };
        let department = match person.department_id {
            Some(d) => self.bot.db().department(d).await?.path,
            None => "-".into(),
        };
        self.actor = Some(person.clone());
        Ok(vec![self.t(
            "console-as",
            &[
                ("name", person.display_name.clone().into()),
                ("handle", person.handle.clone().into()),
                ("department", department.into()),
                ("locale", person.locale.code().into()),
                ("tz", person.timezone.name().into()),
            ],
        )])
    }

    async fn who(&self) -> anyhow::Result<Vec<String>> {
        let store = self.bot.db();
        let departments: HashMap<_, _> = store
            .departments(self.org.id)
            .await?
            .into_iter()
            .map(|d| (d.id, d))
            .collect();
        let people = store.people(self.org.id).await?;
        let managers: std::collections::HashSet<_> =
            people.iter().filter_map(|p| p.manager_id).collect();
        Ok(people
            .iter()
            .filter(|p| p.is_active)
            .map(|p| {
                let mut role = String::new();
                if managers.contains(&p.id) {
                    role.push_str(&self.t("console-role-manager", &[]));
                }
                if p.is_admin {
                    role.push_str(&self.t("console-role-admin", &[]));
                }
                let dept = p
                    .department_id
                    .and_then(|d| departments.get(&d))
                    .map(|d| d.path.clone())
                    .unwrap_or_else(|| "-".into());
                self.t(
                    "console-who-line",
                    &[
                        ("handle", p.handle.clone().into()),
                        ("name", p.display_name.clone().into()),
                        ("department", dept.into()),
                        ("role", role.into()),
                    ],
                )
            })
            .collect())
    }

    fn clock_line(&self) -> String {
        let now = self.clock.now();
        let tz = self
            .actor
            .as_ref()
            .map(|p| p.timezone)
            .unwrap_or(self.org.timezone);
        let local = now.with_timezone(&tz);
        let local = format!(
            "{} {}",
            self.t(weekday_key(local.weekday()), &[]),
            local.format("%Y-%m-%d %H:%M")
        );
        self.t(
            "console-clock",
            &[
                ("local", local.into()),
                ("tz", tz.name().into()),
                ("utc", now.format("%Y-%m-%d %H:%M").to_string().into()),
            ],
        )
    }

    async fn advance(&mut self, amount: &str) -> anyhow::Result<Vec<String>> {
        let Some(by) = parse_duration(amount) else {
            return Ok(vec![self.t("console-advance-usage", &[])]);
        };
        let target = self.clock.now() + by;
        let mut ran = 0;
        let mut lines = Vec::new();
        // Step through each due time so every job runs at the moment it was due.
        loop {
            self.scheduler.ensure_recurring(self.clock.now()).await?;
            match self.scheduler.next_due(LOCAL_PLATFORM).await? {
                Some(due) if due <= target => {
                    if due > self.clock.now() {
                        self.clock.set(due);
                    }
                    let report = self.scheduler.run_due(self.clock.now()).await?;
                    ran += report.done + report.failed;
                    lines.extend(self.drain_deliveries().await?);
                    if report.is_idle() {
                        break;
                    }
                }
                _ => break,
            }
        }
        self.clock.set(target);
        let report = self.scheduler.run_due(target).await?;
        ran += report.done + report.failed;
        lines.extend(self.drain_deliveries().await?);
        let mut out = vec![self.t(
            "console-advanced",
            &[
                ("amount", amount.trim().to_string().into()),
                ("jobs", ran.into()),
            ],
        )];
        out.push(self.clock_line());
        out.extend(lines);
        Ok(out)
    }

    async fn click(&mut self, id: &str) -> anyhow::Result<Vec<String>> {
        let id = id.trim().trim_start_matches('[').trim_end_matches(']');
        let Some(button) = self.buttons.get(id) else {
            return Ok(vec![
                self.t("console-unknown-button", &[("id", id.to_string().into())]),
            ]);
        };
        let Some(actor) = &self.actor else {
            return Ok(vec![
                self.t("console-no-actor", &[("handle", "ana".into())]),
            ]);
        };
        if let Some(owner) = button.owner.as_ref().filter(|o| **o != actor.handle) {
            return Ok(vec![self.t(
                "console-not-your-button",
                &[
                    ("id", id.to_string().into()),
                    ("owner", owner.clone().into()),
                ],
            )]);
        }
        let action = button.action.clone();
        self.pressed = Some(id.to_string());
        self.ask_bot(Input::Click { action }).await
    }

    /// Takes a line as the next field of the form being filled in; submits it after the last.
    async fn fill_form(&mut self, line: &str) -> anyhow::Result<Vec<String>> {
        let Some(form) = self.form.as_mut() else {
            return Ok(vec![]);
        };
        match form.answer(line, super::parse_mention) {
            Ok(Fill::Ask) => Ok(self.field_prompt()),
            Ok(Fill::Done(submission)) => {
                self.form = None;
                self.ask_bot(Input::Submit(submission)).await
            }
            Err(field) => {
                let mut lines = vec![self.bot.missing_field_text(self.locale(), &field)];
                lines.extend(self.field_prompt());
                Ok(lines)
            }
        }
    }

    /// Shows a form that was opened and asks its first field.
    fn open_form(&mut self, form: Form) -> Vec<String> {
        let mut lines = vec![format!(
            "── {} ──",
            self.t(
                "console-form-title",
                &[("title", form.title.clone().into())]
            )
        )];
        lines.push(self.t(
            "console-form-how",
            &[("submit", form.submit.clone().into())],
        ));
        self.form = Some(FormInProgress::new(form));
        lines.extend(self.field_prompt());
        lines
    }

    /// The current field's label, what it starts with, and how to answer it.
    fn field_prompt(&self) -> Vec<String> {
        let Some(field) = self.form.as_ref().and_then(FormInProgress::current) else {
            return vec![];
        };
        let mut lines = vec![format!("▸ {}", super::escape(&field.label))];
        if let Some(hint) = &field.hint {
            lines.push(format!("  {}", super::escape(hint)));
        }
        let start = match &field.input {
            FieldInput::People { initial } => {
                lines.push(format!("  {}", self.t("console-form-people", &[])));
                (!initial.is_empty()).then(|| {
                    initial
                        .iter()
                        .map(|p| format!("@{p}"))
                        .collect::<Vec<_>>()
                        .join(" ")
                })
            }
            FieldInput::Text { initial, .. } => initial.clone(),
            FieldInput::Choice { options, initial } => {
                let list = options
                    .iter()
                    .enumerate()
                    .map(|(i, (_, label))| format!("{} {}", i + 1, super::escape(label)))
                    .collect::<Vec<_>>()
                    .join(" · ");
                lines.push(format!("  {list}"));
                initial.clone()
            }
        };
        match start {
            Some(start) => lines.push(format!(
                "  {}",
                self.t(
                    "console-form-keep",
                    &[("value", super::escape(&start).into())]
                )
            )),
            None if !field.required => {
                lines.push(format!("  {}", self.t("console-form-optional", &[])))
            }
            None => {}
        }
        lines
    }

    async fn ask_bot(&mut self, input: Input) -> anyhow::Result<Vec<String>> {
        let Some(actor) = self.actor.clone() else {
            let first = self
                .bot
                .db()
                .people(self.org.id)
                .await?
                .into_iter()
                .find(|p| p.is_active)
                .map(|p| p.handle)
                .unwrap_or_else(|| "ana".into());
            return Ok(vec![
                self.t("console-no-actor", &[("handle", first.into())]),
            ]);
        };
        let invocation = Invocation {
            platform: LOCAL_PLATFORM,
            platform_org_id: self.org.platform_org_id.clone(),
            actor: actor
                .platform_user_id
                .clone()
                .unwrap_or(actor.handle.clone()),
            input,
            request_id: None,
            // The console shows everything a platform can: forms, updated messages, a home.
            capabilities: Capabilities::ALL,
        };
        let answer = self.bot.handle(invocation).await;
        let pressed = self.pressed.take();
        // As a server's scheduler would within seconds, send what the command made due now
        // (an admin's new pulse round, say).
        self.scheduler.run_due(self.clock.now()).await?;
        // Refresh the person (the welcome flag, a changed language) for the next prompt.
        if let Some(p) = self
            .bot
            .db()
            .person_by_handle(self.org.id, &actor.handle)
            .await?
        {
            self.actor = Some(p);
        }
        let mut lines = self.drain_deliveries().await?;
        let reply_label = |s: &Self, reply: &Message| {
            let key = match reply.visibility {
                Visibility::Ephemeral => "console-reply-private",
                Visibility::Public => "console-reply-public",
            };
            s.t(key, &[("name", actor.display_name.clone().into())])
        };
        match answer {
            Answer::Reply(reply) => {
                let label = reply_label(self, &reply);
                lines.extend(self.render_message(&label, &reply, Some(actor.handle.clone())));
            }
            Answer::UpdateClicked(reply) => {
                if let Some(button) = pressed
                    .as_ref()
                    .and_then(|id| self.buttons.get(id).map(|b| (id, b)))
                {
                    lines.push(self.t(
                        "console-updated",
                        &[
                            ("id", button.0.clone().into()),
                            ("label", super::escape(&button.1.label).into()),
                        ],
                    ));
                }
                let label = reply_label(self, &reply);
                lines.extend(self.render_message(&label, &reply, Some(actor.handle.clone())));
            }
            Answer::Home(page) => {
                let label = self.t(
                    "console-home",
                    &[("name", actor.display_name.clone().into())],
                );
                lines.extend(self.render_message(&label, &page, Some(actor.handle.clone())));
            }
            Answer::Form(form) => lines.extend(self.open_form(form)),
            Answer::Nothing => {}
        }
        Ok(lines)
    }

    /// Sends everything queued in the outbox (the relay's delivery, as on any platform) and
    /// prints it.
    async fn drain_deliveries(&mut self) -> anyhow::Result<Vec<String>> {
        let clock: Arc<dyn Clock> = self.clock.clone();
        let (_keep, never) = tokio::sync::watch::channel(false);
        while deliver_due(&self.platform, &self.store, &clock, &mut self.pacer, &never).await? > 0 {
        }
        let mut lines = Vec::new();
        for (to, message) in self.platform.drain() {
            let (label, owner) = match &to {
                Destination::Direct {
                    platform_user_id, ..
                } => (
                    self.t(
                        "console-to-direct",
                        &[("handle", platform_user_id.clone().into())],
                    ),
                    Some(platform_user_id.clone()),
                ),
                Destination::Channel(name) => (
                    self.t("console-to-channel", &[("channel", name.clone().into())]),
                    None,
                ),
            };
            lines.extend(self.render_message(&label, &message, owner));
        }
        Ok(lines)
    }

    fn render_message(
        &mut self,
        label: &str,
        message: &Message,
        owner: Option<String>,
    ) -> Vec<String> {
        let mut new_buttons = Vec::new();
        let mut next = self.next_button;
        let image_dir = self.image_dir.clone();
        let lines = render(
            label,
            message,
            |b| {
                let id = format!("b{next}");
                next += 1;
                new_buttons.push((id.clone(), b.action.clone(), b.label.clone()));
                id
            },
            |image| {
                let path = image_dir.join(&image.file_name);
                let written = std::fs::create_dir_all(&image_dir)
                    .and_then(|_| std::fs::write(&path, &image.png));
                match written {
                    Ok(()) => path.display().to_string(),
                    Err(e) => format!("({e})"),
                }
            },
        );
        self.next_button = next;
        for (id, action, label) in new_buttons {
            self.buttons.insert(
                id,
                ShownButton {
                    action,
                    label,
                    owner: owner.clone(),
                },
            );
        }
        lines
    }
}

/// The message id of a weekday's name.
fn weekday_key(day: Weekday) -> &'static str {
    match day {
        Weekday::Mon => "weekday-mon",
        Weekday::Tue => "weekday-tue",
        Weekday::Wed => "weekday-wed",
        Weekday::Thu => "weekday-thu",
        Weekday::Fri => "weekday-fri",
        Weekday::Sat => "weekday-sat",
        Weekday::Sun => "weekday-sun",
    }
}

/// Reads `30m`, `12h`, `3d`, `1w`.
fn parse_duration(text: &str) -> Option<Duration> {
    let text = text.trim();
    let unit = text.chars().last()?;
    let n: i64 = text[..text.len() - unit.len_utf8()].trim().parse().ok()?;
    if n <= 0 {
        return None;
    }
    let d = match unit {
        'm' => Duration::minutes(n),
        'h' => Duration::hours(n),
        'd' => Duration::days(n),
        'w' => Duration::weeks(n),
        _ => return None,
    };
    (d <= Duration::weeks(MAX_ADVANCE_WEEKS)).then_some(d)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations_read_each_unit_and_refuse_nonsense() {
        assert_eq!(parse_duration("30m"), Some(Duration::minutes(30)));
        assert_eq!(parse_duration("3d"), Some(Duration::days(3)));
        assert_eq!(parse_duration("1w"), Some(Duration::weeks(1)));
        assert_eq!(parse_duration("0d"), None);
        assert_eq!(parse_duration("3y"), None);
        assert_eq!(parse_duration("d"), None);
        assert_eq!(parse_duration("500w"), None);
    }

    #[test]
    fn only_narrative_set_spans_several_lines() {
        assert!(ConsoleSession::wants_more_lines(
            "/ambassador narrative set el"
        ));
        assert!(!ConsoleSession::wants_more_lines("/ambassador help"));
    }
}
