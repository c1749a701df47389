//! The delivery worker: sends queued Web API calls, one workspace at a time at its own pace.
//!
//! Each workspace gets a steady pace (`slack.api_calls_per_second`). A 429 pauses the whole
//! workspace in the database for as long as `Retry-After` says, so every replica waits;
//! 5xx answers and network errors are retried with exponential backoff; errors that can never
//! succeed are set aside with their reason. A call is marked sent only after Slack accepted it,
//! so a restart resends nothing that was confirmed and loses nothing that was queued.

use std::collections::{BTreeMap, HashMap};
use std::time::{Duration, Instant};

use serde_json::{Value, json};
use slack_morphism::prelude::*;

use super::client::{Failure, classify, classify_code};
use super::{SlackPlatform, methods};
use crate::store::OutboxItem;

/// Calls claimed per pass.
const BATCH: i64 = 200;
/// How long a claimed call stays this worker's before another may take it over.
const LEASE_SECONDS: i64 = 120;
/// Attempts before a transiently failing call is given up.
const MAX_ATTEMPTS: i64 = 8;

/// Runs until `stop` turns true.
pub async fn run(slack: SlackPlatform, mut stop: tokio::sync::watch::Receiver<bool>) {
    let mut pacer = Pacer::new(slack.settings().api_calls_per_second);
    loop {
        if *stop.borrow() {
            return;
        }
        let sent = match deliver_due(&slack, &mut pacer, &stop).await {
            Ok(n) => n,
            Err(e) => {
                tracing::warn!(error = %e, "the Slack delivery queue could not be read");
                0
            }
        };
        if sent > 0 {
            continue;
        }
        let wait = next_wait(&slack).await;
        tokio::select! {
            _ = slack.outbox_ready().notified() => {}
            _ = tokio::time::sleep(wait) => {}
            _ = stop.changed() => {}
        }
    }
}

/// Sends every call due now; returns how many were handled. Once `stop` turns true, the calls
/// not yet sent are released for the next worker instead of being sent at the pace.
pub async fn deliver_due(
    slack: &SlackPlatform,
    pacer: &mut Pacer,
    stop: &tokio::sync::watch::Receiver<bool>,
) -> anyhow::Result<usize> {
    let items = slack
        .store()
        .claim_outbox(slack.now(), chrono::Duration::seconds(LEASE_SECONDS), BATCH)
        .await?;
    let count = items.len();
    let mut by_team: BTreeMap<String, Vec<OutboxItem>> = BTreeMap::new();
    for item in items {
        by_team.entry(item.team_id.clone()).or_default().push(item);
    }
    let mut tasks = Vec::new();
    for (team, items) in by_team {
        let slack = slack.clone();
        let interval = pacer.interval;
        let next = pacer.next_slot(&team);
        let stop = stop.clone();
        tasks.push(tokio::spawn(async move {
            let next = deliver_team(&slack, &team, items, interval, next, &stop).await;
            (team, next)
        }));
    }
    for task in tasks {
        if let Ok((team, next)) = task.await {
            pacer.slots.insert(team, next);
        }
    }
    Ok(count)
}

async fn deliver_team(
    slack: &SlackPlatform,
    team: &str,
    items: Vec<OutboxItem>,
    interval: Duration,
    mut next_slot: Instant,
    stop: &tokio::sync::watch::Receiver<bool>,
) -> Instant {
    let mut paused = false;
    for item in items {
        if *stop.borrow() {
            // Shutting down: a paced batch could outlast any grace period; leave the rest,
            // unsent and unclaimed, to the next worker rather than to the lease's expiry.
            let _ = slack
                .store()
                .outbox_retry(item.id, "released at shutdown", slack.now())
                .await;
            continue;
        }
        if paused {
            // The workspace was paused by a 429: release the rest for after the pause.
            let _ = slack
                .store()
                .outbox_retry(item.id, "waiting for Slack's rate limit", slack.now())
                .await;
            continue;
        }
        let now = Instant::now();
        if next_slot > now {
            let mut stop = stop.clone();
            tokio::select! {
                _ = tokio::time::sleep(next_slot - now) => {}
                _ = stop.wait_for(|s| *s) => {}
            }
            if *stop.borrow() {
                let _ = slack
                    .store()
                    .outbox_retry(item.id, "released at shutdown", slack.now())
                    .await;
                continue;
            }
        }
        next_slot = Instant::now() + interval;
        let result = send_one(slack, &item).await;
        let store = slack.store();
        let outcome = match result {
            Ok(()) => {
                metrics::counter!("ambassador_messages_sent_total").increment(1);
                store.outbox_sent(item.id, slack.now()).await
            }
            Err(Failure::RateLimited(wait)) => {
                metrics::counter!("ambassador_slack_rate_limited_total").increment(1);
                tracing::info!(
                    team,
                    seconds = wait.as_secs_f64(),
                    "Slack asked us to slow down"
                );
                paused = true;
                let until = slack.now()
                    + chrono::Duration::from_std(wait).unwrap_or(chrono::Duration::seconds(30));
                let r = store
                    .outbox_retry(item.id, crate::store::OUTBOX_RATE_LIMITED, until)
                    .await;
                let _ = store.outbox_pause_team(team, until).await;
                r
            }
            Err(Failure::Transient(why)) if item.attempts < MAX_ATTEMPTS => {
                let backoff = backoff(item.attempts);
                tracing::warn!(
                    team,
                    method = item.method,
                    attempt = item.attempts,
                    error = why,
                    "Slack call failed; will retry"
                );
                store
                    .outbox_retry(item.id, &why, slack.now() + backoff)
                    .await
            }
            Err(Failure::TokenRevoked(why)) => {
                tracing::warn!(team, error = why, "the workspace's token no longer works");
                slack.forget_token(team).await;
                metrics::counter!("ambassador_delivery_failures_total").increment(1);
                store.outbox_give_up(item.id, &why, slack.now()).await
            }
            Err(Failure::Transient(why)) | Err(Failure::Permanent(why)) => {
                tracing::warn!(
                    team,
                    method = item.method,
                    error = why,
                    "Slack call given up"
                );
                metrics::counter!("ambassador_delivery_failures_total").increment(1);
                store.outbox_give_up(item.id, &why, slack.now()).await
            }
        };
        if let Err(e) = outcome {
            tracing::warn!(error = %e, "could not record a Slack delivery's outcome");
        }
    }
    next_slot
}

fn backoff(attempts: i64) -> chrono::Duration {
    let seconds = 2i64.saturating_pow(attempts.clamp(0, 8) as u32).min(300);
    chrono::Duration::seconds(seconds)
}

/// How long to sleep when nothing was due.
async fn next_wait(slack: &SlackPlatform) -> Duration {
    match slack.store().next_outbox_due().await {
        Ok(Some(at)) => (at - slack.now())
            .to_std()
            .unwrap_or(Duration::ZERO)
            .clamp(Duration::from_millis(20), Duration::from_secs(1)),
        _ => Duration::from_secs(1),
    }
}

/// Paces each workspace's calls.
pub struct Pacer {
    interval: Duration,
    slots: HashMap<String, Instant>,
}

impl Pacer {
    /// A pace of `per_second` calls per workspace.
    pub fn new(per_second: u32) -> Pacer {
        Pacer {
            interval: Duration::from_secs_f64(1.0 / f64::from(per_second.max(1))),
            slots: HashMap::new(),
        }
    }

    fn next_slot(&self, team: &str) -> Instant {
        self.slots.get(team).copied().unwrap_or_else(Instant::now)
    }
}

async fn send_one(slack: &SlackPlatform, item: &OutboxItem) -> Result<(), Failure> {
    let payload: Value = serde_json::from_str(&item.payload)
        .map_err(|e| Failure::Permanent(format!("unreadable queued payload: {e}")))?;
    if item.method == methods::RESPONSE_URL {
        return post_response_url(slack, &payload).await;
    }
    let token = slack
        .token_for(&item.team_id)
        .await
        .map_err(|e| Failure::TokenRevoked(e.to_string()))?;
    let session = slack.client().open_session(&token.token);
    if item.method == methods::UPLOAD {
        return upload(slack, &session, &payload).await;
    }
    call(&session, &item.method, &payload).await.map(|_| ())
}

/// One Web API call with a JSON body; an `ok: false` answer becomes a [`Failure`].
pub async fn call(
    session: &SlackClientSession<'_, SlackClientHyperHttpsConnector>,
    method: &str,
    payload: &Value,
) -> Result<Value, Failure> {
    let answer: Value = session
        .http_session_api
        .http_post(method, payload, None)
        .await
        .map_err(|e| classify(&e))?;
    check_ok(answer)
}

fn check_ok(answer: Value) -> Result<Value, Failure> {
    if answer.get("ok").and_then(Value::as_bool) == Some(false) {
        let code = answer
            .get("error")
            .and_then(Value::as_str)
            .unwrap_or("unknown_error");
        return Err(classify_code(code));
    }
    Ok(answer)
}

async fn post_response_url(slack: &SlackPlatform, payload: &Value) -> Result<(), Failure> {
    let url = payload
        .get("url")
        .and_then(Value::as_str)
        .ok_or_else(|| Failure::Permanent("no response_url".into()))?;
    let body = payload.get("body").cloned().unwrap_or(Value::Null);
    let response = slack
        .http()
        .post(url)
        .json(&body)
        .send()
        .await
        .map_err(|e| Failure::Transient(e.to_string()))?;
    let status = response.status().as_u16();
    match status {
        200..=299 => Ok(()),
        429 => {
            let wait = response
                .headers()
                .get("retry-after")
                .and_then(|v| v.to_str().ok())
                .and_then(|v| v.parse::<u64>().ok())
                .map(Duration::from_secs)
                .unwrap_or(super::client::DEFAULT_RETRY_AFTER);
            Err(Failure::RateLimited(wait))
        }
        500..=599 => Err(Failure::Transient(format!(
            "response_url answered {status}"
        ))),
        // 404 is Slack's answer to an expired or overused response_url.
        _ => Err(Failure::Permanent(format!(
            "response_url answered {status}"
        ))),
    }
}

/// Slack's external upload flow: ask for an upload URL, send the bytes there, then complete
/// the upload into the conversation.
async fn upload(
    slack: &SlackPlatform,
    session: &SlackClientSession<'_, SlackClientHyperHttpsConnector>,
    payload: &Value,
) -> Result<(), Failure> {
    use base64::Engine as _;
    let field = |name: &str| {
        payload
            .get(name)
            .and_then(Value::as_str)
            .unwrap_or_default()
    };
    let png = base64::engine::general_purpose::STANDARD
        .decode(field("png"))
        .map_err(|e| Failure::Permanent(format!("unreadable queued image: {e}")))?;
    let mut channel = field("channel").to_string();
    if channel.starts_with('U') || channel.starts_with('W') {
        let opened = call(session, "conversations.open", &json!({ "users": channel })).await?;
        channel = opened
            .pointer("/channel/id")
            .and_then(Value::as_str)
            .ok_or_else(|| Failure::Permanent("conversations.open gave no channel".into()))?
            .to_string();
    }
    let filename = field("filename");
    let length = png.len().to_string();
    let ticket: Value = session
        .http_session_api
        .http_get(
            "files.getUploadURLExternal",
            &vec![
                ("filename", Some(filename)),
                ("length", Some(length.as_str())),
            ],
            None,
        )
        .await
        .map_err(|e| classify(&e))?;
    let ticket = check_ok(ticket)?;
    let upload_url = ticket
        .get("upload_url")
        .and_then(Value::as_str)
        .ok_or_else(|| Failure::Permanent("no upload_url".into()))?;
    let file_id = ticket
        .get("file_id")
        .and_then(Value::as_str)
        .ok_or_else(|| Failure::Permanent("no file_id".into()))?;
    let response = slack
        .http()
        .post(upload_url)
        .header("content-type", "image/png")
        .body(png)
        .send()
        .await
        .map_err(|e| Failure::Transient(e.to_string()))?;
    if !response.status().is_success() {
        return Err(Failure::Transient(format!(
            "the upload URL answered {}",
            response.status()
        )));
    }
    call(
        session,
        "files.completeUploadExternal",
        &json!({
            "files": [{ "id": file_id, "title": field("title") }],
            "channel_id": channel,
        }),
    )
    .await
    .map(|_| ())
}
