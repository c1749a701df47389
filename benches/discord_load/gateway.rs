//! Part 2: INTERACTION_CREATE dispatches processed per second. N kudos commands are built,
//! dispatched by the fake's gateway as fast as it can, and timed until every one was answered
//! by a callback and every kudos stored.

use std::collections::HashMap;
use std::time::{Duration, Instant};

use crate::Options;
use crate::discord_support::fake::{self, CallbackVia};
use crate::report::{CpuSample, describe_statuses, percentile_ms};
use crate::serve::{self, CallCounter, Mode, Serve};

/// How often progress is looked at.
const POLL: Duration = Duration::from_millis(25);
/// Discord's window for an interaction's first answer.
const DISCORD_WINDOW: Duration = Duration::from_secs(3);

/// One backend: `serve` in gateway mode, one kudos checked end to end, then N dispatched.
pub async fn run(backend: &str, url: &str, options: &Options) -> anyhow::Result<()> {
    let serve = Serve::start(url, Mode::Gateway, options).await?;
    // Built before the first is dispatched, so they age while the bot works through the queue;
    // the bench reports the ones answered later than Discord's 3 s instead.
    serve.fake.set_response_window(Duration::from_secs(600));
    let counter = CallCounter::default();

    // One kudos end to end first: dispatched, answered by a callback, stored.
    let probe = serve::kudos(&serve.client, &serve.people, 0);
    serve.fake.interaction(&probe);
    let answer = serve
        .fake
        .wait_for_callback(&fake::interaction_id(&probe))
        .await;
    anyhow::ensure!(
        answer.kind == 4 && answer.error.is_none(),
        "the probe kudos was answered {} {:?}",
        answer.body,
        answer.error
    );
    let deadline = Instant::now() + Duration::from_secs(10);
    while serve.kudos().await? < 1 {
        anyhow::ensure!(
            Instant::now() < deadline,
            "the probe kudos was answered but not stored"
        );
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    let before = counter.look(&serve.fake).await;
    let kudos_before = serve.kudos().await?;

    let n = options.dispatches;
    let payloads: Vec<_> = (1..=n as u64)
        .map(|i| serve::kudos(&serve.client, &serve.people, i))
        .collect();
    let cpu_before = CpuSample::now();
    let started = Instant::now();
    let mut dispatched_at = HashMap::with_capacity(n);
    for payload in &payloads {
        serve.fake.interaction(payload);
        dispatched_at.insert(fake::interaction_id(payload), Instant::now());
    }
    let dispatching = started.elapsed();

    let deadline = started + options.gateway_limit;
    let (mut all_answered, mut all_stored) = (None, None);
    let mut last = (before.clone(), kudos_before);
    while Instant::now() < deadline && (all_answered.is_none() || all_stored.is_none()) {
        tokio::time::sleep(POLL).await;
        let calls = counter.look(&serve.fake).await;
        let kudos = serve.kudos().await?;
        if all_answered.is_none() && calls.callbacks - before.callbacks >= n {
            all_answered = Some(started.elapsed());
        }
        if all_stored.is_none() && kudos - kudos_before >= n as i64 {
            all_stored = Some(started.elapsed());
        }
        last = (calls, kudos);
    }
    let cpu = CpuSample::now().since(&cpu_before);
    let (calls, kudos) = last;
    // Deferred answers are finished by edits through the outbox; give them a moment.
    let settle_until = Instant::now() + Duration::from_secs(5);
    while Instant::now() < settle_until && serve.store.outbox_unsent().await? > 0 {
        tokio::time::sleep(POLL).await;
    }
    let after = counter.look(&serve.fake).await;
    let callbacks = serve.fake.callbacks();
    let unknown = serve.fake.unknown_calls().len();
    serve.stop().await?;

    let mut latencies_us = Vec::with_capacity(n);
    let (mut answered, mut deferred, mut late, mut refused) = (0, 0, 0, 0);
    for callback in callbacks.iter().filter(|c| c.via == CallbackVia::Http) {
        let Some(at) = dispatched_at.get(&callback.interaction_id) else {
            continue;
        };
        if callback.error.is_some() {
            refused += 1;
            continue;
        }
        let waited = callback.at.saturating_duration_since(*at);
        latencies_us.push(waited.as_micros().min(u32::MAX as u128) as u32);
        if waited > DISCORD_WINDOW {
            late += 1;
        }
        match callback.kind {
            4 => answered += 1,
            5 | 6 => deferred += 1,
            _ => {}
        }
    }
    latencies_us.sort_unstable();
    let max = latencies_us.last().copied().unwrap_or_default() as f64 / 1000.0;
    let done = match (all_answered, all_stored) {
        (Some(a), Some(s)) => {
            let secs = a.max(s).as_secs_f64();
            format!(
                "all {n} answered after {:.2} s and all stored after {:.2} s = {:.0} \
                 dispatches/s",
                a.as_secs_f64(),
                s.as_secs_f64(),
                n as f64 / secs
            )
        }
        _ => format!(
            "NOT DONE within {:.0} s: {} answered, {} stored = at least {:.0} dispatches/s",
            options.gateway_limit.as_secs_f64(),
            calls.callbacks - before.callbacks,
            kudos - kudos_before,
            (calls.callbacks - before.callbacks) as f64 / options.gateway_limit.as_secs_f64()
        ),
    };
    println!(
        "{backend}: gateway: {n} INTERACTION_CREATE dispatched in {:.1} ms; {done}; {answered} \
         answered with the kudos answer, {deferred} deferred; dispatch to callback: p50 \
         {p50:.0} ms, p99 {p99:.0} ms, max {max:.0} ms; {late} answered more than 3 s after \
         their dispatch (Discord would refuse those; the fake's window was widened); {refused} \
         refused by the fake; {cpu}",
        dispatching.as_secs_f64() * 1000.0,
        p50 = percentile_ms(&latencies_us, 0.50),
        p99 = percentile_ms(&latencies_us, 0.99),
    );
    println!(
        "{backend}: gateway: calls to the fake by the end: {total} ({messages} messages \
         posted, {dms} DM channels opened, {webhooks} webhook edits/follow-ups; refused: \
         {refused_calls}; to unknown routes: {unknown})",
        total = after.all,
        messages = after.messages,
        dms = after.dms_opened,
        webhooks = after.webhooks,
        refused_calls = describe_statuses(&after.refused),
    );
    Ok(())
}
