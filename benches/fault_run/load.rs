//! Signed slash commands, as Slack sends them, and the steady kudos load.
//!
//! Slack signs a request with `X-Slack-Signature: v0=hex(HMAC-SHA256(secret,
//! "v0:{ts}:{body}"))` and `X-Slack-Request-Timestamp: {ts}` over the exact body bytes; slash
//! commands are form-encoded. Each kudos carries a unique text (a token) so the count can find
//! its row, its reply and its messages; each giver gives at most [`PER_GIVER`] kudos, within
//! the daily allowance, so every acknowledged kudos must exist.

use std::sync::Arc;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use hmac::{Hmac, KeyInit, Mac};
use sha2::Sha256;
use tokio::sync::{Mutex, watch};

use super::fake_slack::{FakeSlack, TEAM_ID};
use super::org::Person;

/// The signing secret `serve` is given and the bench signs with.
pub const SIGNING_SECRET: &str = "fault-run-signing-secret-0123456789";

/// The most kudos one person gives in the run; the daily allowance is 5.
pub const PER_GIVER: usize = 4;

/// The unique text of kudos number `n`: fixed width, so one never contains another.
pub fn token(n: u64) -> String {
    format!("ft{n:08}z")
}

/// Every kudos token in `text`.
pub fn tokens_in(text: &str) -> Vec<String> {
    let bytes = text.as_bytes();
    let mut found = Vec::new();
    let mut i = 0;
    while i + 11 <= bytes.len() {
        if bytes[i] == b'f'
            && bytes[i + 1] == b't'
            && bytes[i + 10] == b'z'
            && bytes[i + 2..i + 10].iter().all(u8::is_ascii_digit)
        {
            found.push(text[i..i + 11].to_string());
            i += 11;
        } else {
            i += 1;
        }
    }
    found
}

/// `v0=` + hex HMAC-SHA256 of `v0:{timestamp}:{body}`.
pub fn sign(timestamp: u64, body: &[u8]) -> String {
    let mut mac = <Hmac<Sha256> as KeyInit>::new_from_slice(SIGNING_SECRET.as_bytes())
        .expect("HMAC takes a key of any length");
    mac.update(format!("v0:{timestamp}:").as_bytes());
    mac.update(body);
    format!("v0={}", hex::encode(mac.finalize().into_bytes()))
}

fn unix_now() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs())
}

/// A slash command's form body, as Slack sends it.
pub fn command_body(
    user: &Person,
    command: &str,
    text: &str,
    response_url: &str,
    trigger_id: &str,
) -> String {
    let fields: [(&str, &str); 12] = [
        ("token", "verification-token-unused"),
        ("team_id", TEAM_ID),
        ("team_domain", "fault-run"),
        ("channel_id", "CFAULTGEN1"),
        ("channel_name", "general"),
        ("user_id", &user.user_id),
        (
            "user_name",
            user.email.split('@').next().unwrap_or_default(),
        ),
        ("command", command),
        ("text", text),
        ("api_app_id", "AFAULTAPP1"),
        ("response_url", response_url),
        ("trigger_id", trigger_id),
    ];
    serde_urlencoded::to_string(fields).unwrap_or_default()
}

/// What posting one signed request came to.
pub enum Outcome {
    /// HTTP 200: the bot promised to act on it.
    Acknowledged,
    Status(u16),
    Transport(String),
}

/// Posts a signed slash command to `serve`; returns its signature (the inbox's dedupe key) and
/// what came back.
pub async fn post_command(
    client: &reqwest::Client,
    serve: &str,
    body: String,
) -> (String, Outcome) {
    let ts = unix_now();
    let signature = sign(ts, body.as_bytes());
    let sent = client
        .post(format!("{serve}/slack/commands"))
        .header("content-type", "application/x-www-form-urlencoded")
        .header("x-slack-request-timestamp", ts.to_string())
        .header("x-slack-signature", &signature)
        .body(body)
        .send()
        .await;
    let outcome = match sent {
        Ok(r) if r.status().as_u16() == 200 => Outcome::Acknowledged,
        Ok(r) => Outcome::Status(r.status().as_u16()),
        Err(e) => Outcome::Transport(e.to_string()),
    };
    (signature, outcome)
}

/// One kudos the load sent.
#[derive(Debug, Clone)]
pub struct Sent {
    pub n: u64,
    pub token: String,
    /// The inbox's dedupe key for it.
    pub signature: String,
    /// The `response_url` id its reply goes to.
    pub reply_id: String,
    pub giver: usize,
    pub recipient: usize,
    pub acknowledged: bool,
    /// Why not, when it was not.
    pub refused: Option<String>,
}

/// Everything the load sent.
#[derive(Default)]
pub struct LoadLog {
    pub sent: Vec<Sent>,
}

/// Sends `/kudos <@recipient> … token …` at `per_second` from ever different givers until
/// `stop` turns true or the givers run out; each request gets `timeout` to be acknowledged.
pub async fn run_kudos(
    client: reqwest::Client,
    serve: String,
    fake: FakeSlack,
    people: Arc<Vec<Person>>,
    per_second: f64,
    mut stop: watch::Receiver<bool>,
) -> LoadLog {
    let log = Arc::new(Mutex::new(LoadLog::default()));
    let interval = Duration::from_secs_f64(1.0 / per_second.max(0.1));
    let mut ticker = tokio::time::interval(interval);
    ticker.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    let count = people.len() as u64;
    let most = count * PER_GIVER as u64;
    let mut tasks = Vec::new();
    let mut n: u64 = 0;
    loop {
        tokio::select! {
            _ = ticker.tick() => {}
            _ = stop.wait_for(|s| *s) => break,
        }
        if *stop.borrow() || n >= most {
            break;
        }
        // Giver n % count, each person once per pass over everyone; the recipient is someone
        // else, further along each pass.
        let giver = (n % count) as usize;
        let pass = n / count;
        let recipient = ((n % count + 1 + pass * 7919) % count) as usize;
        let recipient = if recipient == giver {
            (recipient + 1) % count as usize
        } else {
            recipient
        };
        let token = token(n);
        let reply_id = format!("k{n}");
        let text = format!(
            "<@{}|{}> calmed an upset customer today, ref {token}, #customer-first",
            people[recipient].user_id,
            people[recipient]
                .email
                .split('@')
                .next()
                .unwrap_or_default(),
        );
        let body = command_body(
            &people[giver],
            "/kudos",
            &text,
            &fake.response_url(&reply_id),
            &format!("{n}.4242.fault{n:x}"),
        );
        let client = client.clone();
        let serve = serve.clone();
        let log = log.clone();
        tasks.push(tokio::spawn(async move {
            let (signature, outcome) = post_command(&client, &serve, body).await;
            let (acknowledged, refused) = match outcome {
                Outcome::Acknowledged => (true, None),
                Outcome::Status(s) => (false, Some(format!("HTTP {s}"))),
                Outcome::Transport(e) => (false, Some(e)),
            };
            log.lock().await.sent.push(Sent {
                n,
                token,
                signature,
                reply_id,
                giver,
                recipient,
                acknowledged,
                refused,
            });
        }));
        n += 1;
    }
    for task in tasks {
        let _ = task.await;
    }
    let mut log = std::mem::take(&mut *log.lock().await);
    log.sent.sort_by_key(|s| s.n);
    log
}
