//! The inbox worker: turns stored Slack requests into bot invocations and queued replies.
//!
//! Requests are claimed in arrival order with a lease, processed, then marked done; a worker
//! that dies mid-request leaves its lease to expire and another (or the restarted process)
//! takes the request over. Slack never waits on this: it was acknowledged when it was stored.

use chrono::Duration;
use futures_util::StreamExt;
use serde_json::json;
use slack_morphism::prelude::*;

mod commands;
mod events;
mod interactions;
mod modals;

pub use modals::modal_errors;

use super::inbound::{self, Decoded};
use super::{SlackPlatform, methods, render, views};
use crate::bot::{Bot, KUDOS_FORM_ACTION, PULSE_COMMENT_ACTION};
use crate::core::directory::Person;
use crate::core::invocation::{Input, Invocation, PlatformKind};
use crate::core::locale::Locale;
use crate::core::message::{Message, Visibility};
use crate::store::{InboxItem, InboxKind, NewOutbound};
use commands::command;
use events::{event, publish_home};
use interactions::interaction;

/// Requests claimed per pass.
const BATCH: i64 = 64;
/// A claimed request is taken over by another worker after this long.
const LEASE_SECONDS: i64 = 60;
/// Attempts before a request that keeps failing is set aside.
const MAX_ATTEMPTS: i64 = 5;
/// A modal must be opened within Slack's trigger lifetime (3 s); later, the person gets the
/// command's usage instead of a modal that would fail to open.
const TRIGGER_SECONDS: i64 = 3;

/// The modal callback ids, shared with `views`.
pub const KUDOS_MODAL: &str = views::KUDOS_MODAL_CALLBACK_ID;
/// See [`KUDOS_MODAL`].
pub const COMMENT_MODAL: &str = views::PULSE_COMMENT_MODAL_CALLBACK_ID;
/// The message shortcut that gives kudos for a message (`callback_id` in the manifest).
pub const KUDOS_SHORTCUT: &str = "give_kudos";

/// Runs until `stop` turns true.
pub async fn run(slack: SlackPlatform, bot: Bot, mut stop: tokio::sync::watch::Receiver<bool>) {
    let mut gauge = IntakeGauge::new(slack.inbox_received(), std::time::Instant::now());
    loop {
        if *stop.borrow() {
            return;
        }
        let lanes = gauge.lanes(slack.inbox_received(), std::time::Instant::now());
        let handled = match process_due(&slack, &bot, lanes).await {
            Ok(n) => n,
            Err(e) => {
                tracing::warn!(error = %e, "the Slack inbox could not be read");
                0
            }
        };
        if handled > 0 {
            continue;
        }
        tokio::select! {
            _ = slack.inbox_ready().notified() => {}
            _ = tokio::time::sleep(std::time::Duration::from_millis(500)) => {}
            _ = stop.changed() => {}
        }
    }
}

/// Processes every stored request due now; returns how many.
///
/// A claimed batch is split into lanes, one per person (or per workspace, for requests no
/// person made): a lane runs its requests in arrival order, so one person's kudos allowance,
/// pulse answers and modal steps see each other, while different people's lanes run at once,
/// up to `lanes`, so one slow Web API call or database round trip does not hold up everyone.
pub async fn process_due(slack: &SlackPlatform, bot: &Bot, lanes: usize) -> anyhow::Result<usize> {
    let items = slack
        .store()
        .claim_inbox(slack.now(), Duration::seconds(LEASE_SECONDS), BATCH)
        .await?;
    let count = items.len();
    let failure = std::sync::Mutex::new(None);
    futures_util::stream::iter(by_person(items))
        .for_each_concurrent(lanes.max(1), |lane| async {
            for (item, decoded) in lane {
                if let Err(e) = process_and_finish(slack, bot, item, decoded).await {
                    // The rest of this lane stays claimed; its leases expire and it is retried.
                    if let Ok(mut first) = failure.lock() {
                        first.get_or_insert(e);
                    }
                    return;
                }
            }
        })
        .await;
    match failure.into_inner().ok().flatten() {
        Some(e) => Err(e),
        None => Ok(count),
    }
}

/// Lanes of work running at once while intake is quiet.
const LANES: usize = 8;

/// Stored requests per second above which intake counts as busy: the worker then runs one
/// lane, leaving the CPU and the database's write lock to the acknowledgements, which Slack
/// needs within 3 seconds. What it defers is stored and is processed as soon as the burst
/// passes (one lane still makes progress meanwhile).
const BUSY_INTAKE_PER_SECOND: f64 = 1_000.0;

/// How often the intake rate is re-measured.
const GAUGE_WINDOW: std::time::Duration = std::time::Duration::from_millis(250);

/// Tells the worker how many lanes to run from how fast requests are arriving.
struct IntakeGauge {
    since_count: u64,
    since: std::time::Instant,
    busy: bool,
}

impl IntakeGauge {
    fn new(count: u64, now: std::time::Instant) -> IntakeGauge {
        IntakeGauge {
            since_count: count,
            since: now,
            busy: false,
        }
    }

    /// Lanes to run now, given the requests stored so far; the rate is taken over the last
    /// window, so a burst is noticed within a quarter of a second.
    fn lanes(&mut self, count: u64, now: std::time::Instant) -> usize {
        let elapsed = now.saturating_duration_since(self.since);
        if elapsed >= GAUGE_WINDOW {
            let rate = count.saturating_sub(self.since_count) as f64 / elapsed.as_secs_f64();
            self.busy = rate > BUSY_INTAKE_PER_SECOND;
            self.since_count = count;
            self.since = now;
        }
        if self.busy { 1 } else { LANES }
    }
}

/// A claimed request with what it decoded to (a failure is recorded against the request).
type Decodable = (InboxItem, anyhow::Result<Decoded>);

/// Groups claimed requests by who made them, keeping arrival order within each group.
fn by_person(items: Vec<InboxItem>) -> Vec<Vec<Decodable>> {
    let mut lanes: Vec<(String, Vec<Decodable>)> = Vec::new();
    for item in items {
        let decoded = decode(&item);
        let actor = decoded.as_ref().ok().and_then(inbound::actor_of);
        let key = format!("{}/{}", item.team_id, actor.unwrap_or_default());
        match lanes.iter_mut().find(|(k, _)| *k == key) {
            Some((_, lane)) => lane.push((item, decoded)),
            None => lanes.push((key, vec![(item, decoded)])),
        }
    }
    lanes.into_iter().map(|(_, lane)| lane).collect()
}

fn decode(item: &InboxItem) -> anyhow::Result<Decoded> {
    let kind = InboxKind::parse(&item.kind)
        .ok_or_else(|| anyhow::anyhow!("unknown inbox kind {}", item.kind))?;
    // A stored body was decoded once already; failing now means a bug, not bad input.
    Ok(inbound::decode(kind, &item.body)?)
}

/// Processes one request and records the outcome: done, or failed with a retry time.
async fn process_and_finish(
    slack: &SlackPlatform,
    bot: &Bot,
    item: InboxItem,
    decoded: anyhow::Result<Decoded>,
) -> anyhow::Result<()> {
    let id = item.id;
    let attempts = item.attempts;
    let outcome = match decoded {
        Ok(decoded) => process_item(slack, bot, &item, decoded).await,
        Err(e) => Err(e),
    };
    match outcome {
        Ok(()) => slack.store().finish_inbox(id, slack.now()).await?,
        Err(e) => {
            let error = format!("{e:#}");
            tracing::warn!(error, attempts, "a Slack request failed");
            let retry = (attempts < MAX_ATTEMPTS)
                .then(|| slack.now() + Duration::seconds(2i64.pow(attempts as u32)));
            slack
                .store()
                .fail_inbox(id, &error, retry, slack.now())
                .await?;
        }
    }
    Ok(())
}

/// Someone the directory does not know yet (they joined since the last sync and their
/// `team_join` was missed) is looked up with `users.info` before the bot answers them, so they
/// are served instead of being told they are unknown.
async fn ensure_known(slack: &SlackPlatform, team: &str, user: &str) {
    if !matches!(person(slack, team, user).await, Ok(None)) {
        return;
    }
    let Ok(token) = slack.token_for(team).await else {
        return;
    };
    let session = slack.client().open_session(&token.token);
    let request =
        SlackApiUsersInfoRequest::new(SlackUserId(user.to_string())).with_include_locale(true);
    match session.users_info(&request).await {
        Ok(found) => {
            if let Err(e) =
                crate::platform::slack::directory::sync_one(slack, team, &found.user).await
            {
                tracing::warn!(error = %e, "could not add a newcomer to the directory");
            }
        }
        Err(e) => tracing::warn!(error = %e, user, "users.info failed for an unknown person"),
    }
}

/// What the bot is asked; `request` is Slack's id for the request (event id, trigger id or
/// view id), so a request processed again after a crash does not, say, give kudos twice.
fn invocation(team: &str, user: &str, input: Input, request: Option<String>) -> Invocation {
    Invocation {
        platform: PlatformKind::Slack,
        platform_org_id: team.to_string(),
        actor: user.to_string(),
        input,
        request_id: request.map(|r| format!("slack:{team}:{r}")),
    }
}

async fn process_item(
    slack: &SlackPlatform,
    bot: &Bot,
    item: &InboxItem,
    decoded: Decoded,
) -> anyhow::Result<()> {
    let fresh = slack.now() - item.received_at < Duration::seconds(TRIGGER_SECONDS);
    match decoded {
        Decoded::Command(c) => command(slack, bot, &c, fresh).await,
        Decoded::Event(e) => event(slack, bot, *e).await,
        Decoded::Interaction(i, raw) => interaction(slack, bot, *i, &raw, fresh).await,
    }
}

/// A reply to a `response_url`: ephemeral unless the bot's answer is for everyone.
fn response_url_call(team: &str, url: &str, reply: &Message, replace: bool) -> NewOutbound {
    let response_type = match reply.visibility {
        Visibility::Public => "in_channel",
        Visibility::Ephemeral => "ephemeral",
    };
    NewOutbound {
        team_id: team.to_string(),
        method: methods::RESPONSE_URL.to_string(),
        payload: json!({
            "url": url,
            "body": {
                "response_type": response_type,
                "replace_original": replace,
                "text": render::fallback_text(reply),
                "blocks": render::render_blocks(reply),
            }
        })
        .to_string(),
    }
}

async fn person(slack: &SlackPlatform, team: &str, user: &str) -> anyhow::Result<Option<Person>> {
    let Some(org) = slack
        .store()
        .find_org(PlatformKind::Slack.as_str(), team)
        .await?
    else {
        return Ok(None);
    };
    Ok(slack.store().person_by_platform_id(org.id, user).await?)
}

async fn locale_of(slack: &SlackPlatform, bot: &Bot, team: &str, user: &str) -> Locale {
    match person(slack, team, user).await {
        Ok(Some(p)) => p.locale,
        _ => bot.config().org_locale,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn command_from(id: i64, user: &str) -> InboxItem {
        InboxItem {
            id,
            team_id: "T1".into(),
            kind: "command".into(),
            body: format!(
                "team_id=T1&team_domain=d&channel_id=C1&channel_name=general&user_id={user}\
                 &user_name=x&command=%2Fkudos&text=thanks&response_url=https%3A%2F%2Fx%2F1\
                 &trigger_id=1.2.3"
            ),
            attempts: 1,
            received_at: chrono::Utc::now(),
        }
    }

    fn event(id: i64, event: serde_json::Value) -> InboxItem {
        InboxItem {
            id,
            team_id: "T1".into(),
            kind: "event".into(),
            body: json!({
                "token": "x", "team_id": "T1", "api_app_id": "A1", "type": "event_callback",
                "event_id": format!("Ev{id}"), "event_time": 1, "event": event,
            })
            .to_string(),
            attempts: 1,
            received_at: chrono::Utc::now(),
        }
    }

    fn ids(lanes: &[Vec<Decodable>]) -> Vec<Vec<i64>> {
        lanes
            .iter()
            .map(|lane| lane.iter().map(|(item, _)| item.id).collect())
            .collect()
    }

    #[test]
    fn one_persons_requests_stay_in_order_in_one_lane() {
        let reaction = |user: &str| {
            json!({
                "type": "reaction_added", "user": user, "reaction": "clap", "item_user": "U9",
                "item": { "type": "message", "channel": "C1", "ts": "1.1" }, "event_ts": "1.1",
            })
        };
        let items = vec![
            command_from(1, "UANA"),
            command_from(2, "UBEN"),
            event(3, reaction("UANA")),
            event(4, json!({ "type": "app_uninstalled", "event_ts": "1.1" })),
            command_from(5, "UANA"),
            command_from(6, "UBEN"),
        ];
        let lanes = by_person(items);
        assert_eq!(ids(&lanes), vec![vec![1, 3, 5], vec![2, 6], vec![4]]);
        assert!(lanes.iter().flatten().all(|(_, decoded)| decoded.is_ok()));
    }

    #[test]
    fn a_burst_of_requests_narrows_the_worker_to_one_lane_until_it_passes() {
        let start = std::time::Instant::now();
        let at = |ms: u64| start + std::time::Duration::from_millis(ms);
        let mut gauge = IntakeGauge::new(0, start);
        assert_eq!(gauge.lanes(0, at(0)), LANES, "quiet at start");
        // 100 requests in 300 ms is 333/s: still quiet.
        assert_eq!(gauge.lanes(100, at(300)), LANES);
        // 3,000 more in the next 300 ms is 10,000/s: busy, and it stays busy within the window.
        assert_eq!(gauge.lanes(3_100, at(600)), 1);
        assert_eq!(gauge.lanes(3_200, at(700)), 1);
        // The next window saw 100 in 400 ms: quiet again.
        assert_eq!(gauge.lanes(3_200, at(1_000)), LANES);
    }

    #[test]
    fn a_request_that_no_longer_decodes_still_gets_a_lane() {
        let mut broken = command_from(7, "UANA");
        broken.body = "team_id=T1".into();
        let lanes = by_person(vec![broken, command_from(8, "UANA")]);
        assert_eq!(ids(&lanes), vec![vec![7], vec![8]]);
        assert!(
            lanes[0][0].1.is_err(),
            "recorded as a failure when processed"
        );
    }
}
