//! Part 1: signed activities acknowledged per second, at a fixed number of keep-alive
//! connections, then the inbox worker catching up.

use std::net::SocketAddr;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

use ambassador::demo::DEMO_ORG_CSV;
use ambassador::store::Store;
use axum::body::Bytes;
use http_body_util::Full;
use hyper::Request;
use serde_json::{Value, json};

use crate::Options;
use crate::keep_alive::{self, Outcome};
use crate::report::{CpuSample, describe_statuses, percentile_ms};
use crate::serve::Serve;
use crate::teams_support::fake::{self, FakePerson, TeamsClient};

/// One backend: start `serve` on the demo tenant, warm up, measure, watch the catching up,
/// stop.
pub async fn run(backend: &str, url: &str, options: &Options) -> anyhow::Result<()> {
    let serve = Serve::start(url, None, options).await?;
    serve.import(DEMO_ORG_CSV).await?;
    // Givers and recipients: the tenant's members (its guest is not in the org chart).
    let people: Vec<FakePerson> = serve
        .fake
        .members()
        .into_iter()
        .filter(|p| p.user_role == "user")
        .collect();
    anyhow::ensure!(people.len() >= 2, "the demo tenant has too few members");
    serve.install(&people[0], Duration::from_secs(60)).await?;

    let load = Arc::new(Load {
        client: serve.client.clone(),
        service_url: json!(serve.service_url),
        people,
        authorization: serve.authorization(),
        sequence: AtomicU64::new(0),
    });
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
    // The generator has stopped; the worker is still catching up, as it would in production.
    let cpu = cpu.await?;
    let unprocessed = serve.store.inbox_pending().await?;
    let stored = serve.store.inbox_count("teams", fake::TENANT_ID).await?;
    let drain = drain(
        &serve.store,
        unprocessed,
        Duration::from_secs(options.drain_secs),
    )
    .await?;
    let unsent = serve.store.outbox_unsent().await?;
    let (delivered, refused) = serve
        .fake
        .wait_until("the Connector calls so far", |calls| {
            let connector = calls.iter().filter(|c| c.kind.is_connector());
            let (ok, refused): (Vec<_>, Vec<_>) =
                connector.partition(|c| (200..300).contains(&c.status));
            Some((
                ok.len(),
                refused.iter().map(|c| c.status).collect::<Vec<_>>(),
            ))
        })
        .await;
    serve.stop().await?;

    let secs = measured.as_secs_f64();
    let mut lat = stats.latencies_us;
    lat.sort_unstable();
    let max = lat.last().copied().unwrap_or_default() as f64 / 1000.0;
    println!(
        "{backend}: {ok} acknowledged in {secs:.1} s = {rps:.0} activities/s \
         ({personal} personal kudos, {channel} channel kudos mentioning the bot); latency to 2xx: \
         p50 {p50:.2} ms, p99 {p99:.2} ms, max {max:.2} ms; non-2xx: {bad} ({statuses}); \
         transport errors: {errors}; stored {stored} in all (warm-up included), {sent} sent; \
         still unprocessed at the end: {unprocessed}; {cpu}\n\
         {backend}: catching up afterwards: {drain}; Connector calls still queued then: {unsent}, \
         made by then: {delivered} answered 2xx, others: {refused}",
        ok = lat.len(),
        rps = lat.len() as f64 / secs,
        personal = stats.personal,
        channel = stats.channel,
        p50 = percentile_ms(&lat, 0.50),
        p99 = percentile_ms(&lat, 0.99),
        bad = stats.non_2xx.len(),
        statuses = describe_statuses(&stats.non_2xx),
        errors = stats.transport_errors,
        sent = load.sequence.load(Ordering::Relaxed),
        refused = describe_statuses(&refused),
    );
    Ok(())
}

/// Watches the inbox worker work through what the load left, for at most `limit`, and says
/// how fast it went.
async fn drain(store: &Store, pending: i64, limit: Duration) -> anyhow::Result<String> {
    if pending == 0 {
        return Ok("nothing left to process".into());
    }
    let began = Instant::now();
    let before = CpuSample::now();
    let mut left = pending;
    while began.elapsed() < limit && left > 0 {
        tokio::time::sleep(Duration::from_millis(100)).await;
        left = store.inbox_pending().await?;
    }
    let secs = began.elapsed().as_secs_f64();
    let done = pending - left;
    Ok(format!(
        "{done} stored activities processed in {secs:.1} s = {:.0} per second, {left} still \
         waiting; {}",
        done as f64 / secs,
        CpuSample::now().since(&before),
    ))
}

/// What one connection saw while measuring.
#[derive(Default)]
struct Stats {
    /// Microseconds from sending to the 2xx, per acknowledged activity.
    latencies_us: Vec<u32>,
    /// Status codes other than 2xx.
    non_2xx: Vec<u16>,
    transport_errors: u64,
    personal: u64,
    channel: u64,
}

impl Stats {
    fn merge(&mut self, other: Stats) {
        self.latencies_us.extend(other.latencies_us);
        self.non_2xx.extend(other.non_2xx);
        self.transport_errors += other.transport_errors;
        self.personal += other.personal;
        self.channel += other.channel;
    }
}

/// What the generator sends: every activity unique (its own id), so none is taken for a
/// redelivery, all under one token signed before the clock started.
struct Load {
    client: TeamsClient,
    /// The `serviceUrl` every activity names.
    service_url: Value,
    people: Vec<FakePerson>,
    authorization: String,
    sequence: AtomicU64,
}

/// One activity, ready to send.
struct Outgoing {
    body: String,
    personal: bool,
}

impl Load {
    /// The next activity: a kudos typed in the giver's 1:1 with the bot, or posted in the
    /// team's General channel with the bot mentioned, taking turns.
    fn next(&self) -> Outgoing {
        let n = self.sequence.fetch_add(1, Ordering::Relaxed);
        let count = self.people.len() as u64;
        let giver = n % count;
        let recipient = (giver + 1 + (n / count) % (count - 1)) % count;
        let giver = &self.people[giver as usize];
        let recipient = &self.people[recipient as usize];
        let what = format!("kept customer {n} informed all week #customer-first");
        let personal = n.is_multiple_of(2);
        let mut activity = if personal {
            let text = format!("kudos <at>{}</at> {what}", recipient.name);
            let mut activity = self.client.personal_message(giver, &text);
            // Teams marks mentions in a 1:1 as it does in a channel: one entity each.
            if let Some(entities) = activity["entities"].as_array_mut() {
                entities.insert(0, mention(recipient));
            }
            activity
        } else {
            let text = format!(
                "<at>{}</at> kudos <at>{}</at> {what}",
                fake::BOT_NAME,
                recipient.name
            );
            self.client.channel_message(giver, fake::TEAM_ID, &text)
        };
        activity["serviceUrl"] = self.service_url.clone();
        Outgoing {
            body: activity.to_string(),
            personal,
        }
    }
}

/// The `mention` entity of `person`, as Teams sends it.
fn mention(person: &FakePerson) -> Value {
    json!({
        "type": "mention",
        "mentioned": {"id": person.user_id, "name": person.name},
        "text": format!("<at>{}</at>", person.name),
    })
}

/// One keep-alive connection: sends the next activity when the previous one is answered,
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
        let out = load.next();
        let request = Request::post("/teams/messages")
            .header(hyper::header::HOST, "127.0.0.1")
            .header(
                hyper::header::CONTENT_TYPE,
                "application/json; charset=utf-8",
            )
            .header(hyper::header::AUTHORIZATION, load.authorization.as_str())
            .body(Full::new(Bytes::from(out.body)))?;
        Ok((request, out.personal))
    };
    keep_alive::keep_busy(
        addr,
        index,
        measure_from,
        until,
        next,
        |outcome, personal| match outcome {
            Outcome::Answered {
                status, latency, ..
            } if (200..300).contains(&status) => {
                stats.latencies_us.push(keep_alive::micros(latency));
                if personal {
                    stats.personal += 1;
                } else {
                    stats.channel += 1;
                }
            }
            Outcome::Answered { status, .. } => stats.non_2xx.push(status),
            Outcome::Failed => stats.transport_errors += 1,
        },
    )
    .await?;
    Ok(stats)
}
