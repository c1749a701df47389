//! Part 1: signed interactions answered per second at a fixed number of keep-alive
//! connections to `POST /discord/interactions`, then the relay draining what they queued.

use std::net::SocketAddr;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

use axum::body::Bytes;
use http_body_util::Full;
use hyper::Request;
use serde_json::Value;

use crate::Options;
use crate::discord_support::fake::{self, DiscordClient, FakeMember};
use crate::keep_alive::{self, Outcome};
use crate::report::{CpuSample, describe_statuses, percentile_ms};
use crate::serve::{self, CallCounter, Mode, Serve};

/// One backend: start `serve` in HTTP mode, check one kudos end to end, warm up, measure,
/// watch the drain, stop.
pub async fn run(backend: &str, url: &str, options: &Options) -> anyhow::Result<()> {
    let serve = Serve::start(url, Mode::Http, options).await?;
    let load = Arc::new(Load {
        client: serve.client.clone(),
        people: serve.people.clone(),
        sequence: AtomicU64::new(0),
        preparing_us: AtomicU64::new(0),
    });
    probe(&serve, &load).await?;
    let counter = CallCounter::default();

    let warmup = Duration::from_secs(options.warmup_secs);
    let measured = Duration::from_secs(options.secs);
    let measure_from = Instant::now() + warmup;
    let until = measure_from + measured;
    let mut tasks = Vec::with_capacity(options.connections);
    for c in 0..options.connections {
        tasks.push(tokio::spawn(connection(
            serve.addr,
            load.clone(),
            c as u64,
            measure_from,
            until,
        )));
    }
    let cpu = tokio::spawn(async move {
        tokio::time::sleep_until(measure_from.into()).await;
        let before = CpuSample::now();
        tokio::time::sleep_until(until.into()).await;
        CpuSample::now().since(&before)
    });
    let mut stats = Stats::default();
    for task in tasks {
        stats.merge(task.await??);
    }
    let cpu = cpu.await?;
    let sent = load.sequence.load(Ordering::Relaxed);
    let preparing_ms = load.preparing_us.load(Ordering::Relaxed) as f64 / 1000.0;

    // The generator has stopped; the outbox (and the inbox, for anything deferred) catch up.
    let kudos_at_stop = serve.kudos().await?;
    let calls_at_stop = counter.look(&serve.fake).await;
    let unsent_at_stop = serve.store.outbox_unsent().await?;
    let pending_at_stop = serve.store.inbox_pending().await?;
    let began = Instant::now();
    let before = CpuSample::now();
    let limit = Duration::from_secs(options.drain_secs);
    let (mut unsent, mut pending) = (unsent_at_stop, pending_at_stop);
    while began.elapsed() < limit && (unsent > 0 || pending > 0) {
        tokio::time::sleep(Duration::from_millis(100)).await;
        unsent = serve.store.outbox_unsent().await?;
        pending = serve.store.inbox_pending().await?;
    }
    let drain_secs = serve::secs_since(began);
    let drain_cpu = CpuSample::now().since(&before);
    let kudos = serve.kudos().await?;
    let calls = counter.look(&serve.fake).await;
    let unknown = serve.fake.unknown_calls().len();
    serve.stop().await?;

    let secs = measured.as_secs_f64();
    let mut lat = stats.latencies_us;
    lat.sort_unstable();
    let max = lat.last().copied().unwrap_or_default() as f64 / 1000.0;
    let delivered = calls.messages - calls_at_stop.messages;
    println!(
        "{backend}: HTTP: {ok} answered 200 in {secs:.1} s = {rps:.0} interactions/s \
         ({answers} with the kudos answer, {deferred} deferred \"thinking…\", {other} other); \
         latency to the answer: p50 {p50:.2} ms, p99 {p99:.2} ms, max {max:.2} ms; non-200: \
         {bad} ({statuses}); transport errors: {errors}; {sent} built and signed in all \
         (warm-up included), {prep:.0} µs each on average; {cpu}",
        ok = lat.len(),
        rps = lat.len() as f64 / secs,
        answers = stats.answered,
        deferred = stats.deferred,
        other = stats.other,
        p50 = percentile_ms(&lat, 0.50),
        p99 = percentile_ms(&lat, 0.99),
        bad = stats.non_200.len(),
        statuses = describe_statuses(&stats.non_200),
        errors = stats.transport_errors,
        prep = preparing_ms * 1000.0 / sent.max(1) as f64,
    );
    println!(
        "{backend}: HTTP: when the load stopped: {kudos_at_stop} kudos stored (of {sent} \
         sent, probe and warm-up included), {posted} messages delivered to the fake, \
         {unsent_at_stop} calls queued, {pending_at_stop} stored interactions unprocessed",
        posted = calls_at_stop.messages,
    );
    println!(
        "{backend}: HTTP: draining afterwards: {delivered} messages delivered in \
         {drain_secs:.1} s = {rate:.0} per second, {unsent} calls still queued and {pending} \
         interactions unprocessed then; {kudos} kudos stored; calls to the fake in all: \
         {total} ({messages} messages posted, {dms} DM channels opened, {webhooks} webhook \
         edits/follow-ups; refused: {refused}; to unknown routes: {unknown}); {drain_cpu}",
        rate = delivered as f64 / drain_secs.max(0.001),
        total = calls.all,
        messages = calls.messages,
        dms = calls.dms_opened,
        webhooks = calls.webhooks,
        refused = describe_statuses(&calls.refused),
    );
    Ok(())
}

/// One kudos before the load, checked end to end: answered 200 with a message, stored.
async fn probe(serve: &Serve, load: &Load) -> anyhow::Result<()> {
    let payload = load.next();
    let answer = serve.client.send(&serve.endpoint(), &payload).await;
    anyhow::ensure!(
        answer.status == 200 && answer.body["type"] == 4,
        "the probe kudos was answered {} {}",
        answer.status,
        answer.text
    );
    let deadline = Instant::now() + Duration::from_secs(10);
    while serve.kudos().await? < 1 {
        anyhow::ensure!(
            Instant::now() < deadline,
            "the probe kudos was answered but not stored: {}",
            answer.text
        );
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    Ok(())
}

/// What one connection saw while measuring.
#[derive(Default)]
struct Stats {
    /// Microseconds from sending to the 200, per answered interaction.
    latencies_us: Vec<u32>,
    /// Status codes other than 200.
    non_200: Vec<u16>,
    transport_errors: u64,
    /// Answers of type 4 (the kudos answer itself).
    answered: u64,
    /// Answers of type 5 ("thinking…"; the answer follows as an edit).
    deferred: u64,
    /// Any other answer.
    other: u64,
}

impl Stats {
    fn merge(&mut self, other: Stats) {
        self.latencies_us.extend(other.latencies_us);
        self.non_200.extend(other.non_200);
        self.transport_errors += other.transport_errors;
        self.answered += other.answered;
        self.deferred += other.deferred;
        self.other += other.other;
    }
}

/// What the generator sends: every interaction built by the fake (its own id and token) just
/// before it is signed and sent.
struct Load {
    client: DiscordClient,
    people: Vec<FakeMember>,
    sequence: AtomicU64,
    /// Time spent building and signing, in microseconds.
    preparing_us: AtomicU64,
}

impl Load {
    /// The next kudos command, as JSON.
    fn next(&self) -> Value {
        let n = self.sequence.fetch_add(1, Ordering::Relaxed);
        serve::kudos(&self.client, &self.people, n)
    }

    /// The next kudos command, serialised and signed now: `(body, timestamp, signature)`.
    fn next_signed(&self) -> (Vec<u8>, String, String) {
        let began = Instant::now();
        let payload = self.next();
        let body = serde_json::to_vec(&payload).unwrap_or_default();
        let timestamp = chrono::Utc::now().timestamp().to_string();
        let signature = fake::sign(&timestamp, &body);
        self.preparing_us
            .fetch_add(began.elapsed().as_micros() as u64, Ordering::Relaxed);
        (body, timestamp, signature)
    }
}

/// One keep-alive connection: sends the next interaction when the previous one is answered,
/// until `until`; records the ones sent from `measure_from` on.
async fn connection(
    addr: SocketAddr,
    load: Arc<Load>,
    index: u64,
    measure_from: Instant,
    until: Instant,
) -> anyhow::Result<Stats> {
    let mut stats = Stats::default();
    let next = || {
        let (body, timestamp, signature) = load.next_signed();
        let request = Request::post("/discord/interactions")
            .header(hyper::header::HOST, "127.0.0.1")
            .header(hyper::header::CONTENT_TYPE, "application/json")
            .header(hyper::header::USER_AGENT, "Discord-Interactions/1.0")
            .header("X-Signature-Ed25519", signature)
            .header("X-Signature-Timestamp", timestamp)
            .body(Full::new(Bytes::from(body)))?;
        Ok((request, ()))
    };
    keep_alive::keep_busy(
        addr,
        index,
        measure_from,
        until,
        next,
        |outcome, ()| match outcome {
            Outcome::Answered {
                status: 200,
                body,
                latency,
            } => {
                stats.latencies_us.push(keep_alive::micros(latency));
                let kind = serde_json::from_slice::<Value>(&body)
                    .ok()
                    .and_then(|v| v["type"].as_u64());
                match kind {
                    Some(4) => stats.answered += 1,
                    Some(5) => stats.deferred += 1,
                    _ => stats.other += 1,
                }
            }
            Outcome::Answered { status, .. } => stats.non_200.push(status),
            Outcome::Failed => stats.transport_errors += 1,
        },
    )
    .await?;
    Ok(stats)
}
