//! Part 2: proactive fan-out. A tenant of N people, all in the org chart and the team's
//! roster; the admin starts a pulse round; how long until every person's card reached the
//! Connector, each through a new 1:1 (CreateConversation) and a message in it
//! (SendToConversation)?

use std::collections::HashSet;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use crate::Options;
use crate::org;
use crate::report::CpuSample;
use crate::serve::Serve;
use crate::teams_support::fake::{self, CallKind, FakePerson, RecordedCall};

/// How long the roster read and the set-up around it may take.
const INSTALL_LIMIT: Duration = Duration::from_secs(300);
/// How often the fake's record is looked at while waiting.
const POLL: Duration = Duration::from_millis(50);

/// One backend: the tenant, the app added, one pulse round, counted at the fake Connector.
pub async fn run(backend: &str, url: &str, options: &Options) -> anyhow::Result<()> {
    let chart = org::generate(options.people);
    let roster: Vec<FakePerson> = chart.iter().map(fake_person).collect();
    let admin = roster[0].clone();
    let serve = Serve::start(url, Some(roster), options).await?;

    let began = Instant::now();
    serve.import(&org::csv(&chart)).await?;
    let imported = began.elapsed();
    let installed = serve.install(&admin, INSTALL_LIMIT).await?;
    let linked = serve.linked_people().await?;
    let pages = serve.fake.calls_to(CallKind::PagedMembers).len();
    println!(
        "{backend}: fan-out set-up: org chart of {} imported in {:.1} s; the app added to the \
         team, its roster read ({pages} pages) and {linked} people linked by Entra id in {:.1} s",
        chart.len(),
        imported.as_secs_f64(),
        installed.as_secs_f64(),
    );
    // Only the round's calls are counted, and the fake's record stays small.
    serve.fake.reset();

    let command = serve.stamp(
        serve
            .client
            .personal_message(&admin, "ambassador pulse start"),
    );
    // Signed before the clock starts, as in the load part.
    let authorization = serve.authorization();
    let cpu_before = CpuSample::now();
    let started = Instant::now();
    let answer = fake::post_activity(&serve.endpoint(), &command, Some(&authorization)).await;
    anyhow::ensure!(
        (200..300).contains(&answer.status),
        "the admin's command was answered {} {}",
        answer.status,
        answer.text
    );
    let acknowledged = started.elapsed();

    let tally = Mutex::new(Tally::default());
    let deadline = started + options.fanout_limit;
    let mut last_progress = (0, Instant::now());
    loop {
        let done = serve
            .fake
            .wait_until("the fan-out so far", |calls| {
                let mut tally = tally.lock().unwrap_or_else(|e| e.into_inner());
                tally.scan(calls);
                Some(tally.pulses.len())
            })
            .await;
        let now = Instant::now();
        if done >= linked || now >= deadline {
            break;
        }
        if done > last_progress.0 {
            last_progress = (done, now);
        } else if now - last_progress.1 > Duration::from_secs(30) {
            println!("{backend}: the fan-out made no progress for 30 s; reporting what arrived");
            break;
        }
        tokio::time::sleep(POLL).await;
    }
    let cpu = CpuSample::now().since(&cpu_before);
    let tally = tally.into_inner().unwrap_or_else(|e| e.into_inner());
    let settled = serve.settle(Duration::from_secs(5)).await?;
    serve.stop().await?;

    let reached = tally.pulses.len();
    let total = tally.last.map_or(started.elapsed(), |at| {
        at.saturating_duration_since(started)
    });
    let first = tally
        .first
        .map_or(Duration::ZERO, |at| at.saturating_duration_since(started));
    let spread = total.saturating_sub(first);
    let complete = if reached >= linked {
        "all of them".to_string()
    } else {
        format!(
            "ONLY {reached} of {linked} within {:?}",
            options.fanout_limit
        )
    };
    println!(
        "{backend}: fan-out: `ambassador pulse start` acknowledged in {ack:.1} ms; {reached} pulse \
         cards reached the Connector ({complete}) in {total:.1} s = {rate:.0} messages/s; the \
         first after {first:.2} s, then {spread_rate:.0} messages/s until the last; \
         CreateConversation calls: {creates}, other messages: {others}; 429/5xx answers retried: \
         {retried}; queues empty afterwards: {settled}; {cpu}",
        ack = acknowledged.as_secs_f64() * 1000.0,
        total = total.as_secs_f64(),
        rate = reached as f64 / total.as_secs_f64().max(f64::EPSILON),
        first = first.as_secs_f64(),
        spread_rate = reached.saturating_sub(1) as f64 / spread.as_secs_f64().max(f64::EPSILON),
        creates = tally.creates,
        others = tally.other_messages,
        retried = tally.retried,
    );
    Ok(())
}

/// A person of the generated org chart as the fake's tenant knows them: same email, name,
/// time zone and language.
fn fake_person(person: &org::Person) -> FakePerson {
    let mut member = FakePerson::member(&person.email, &person.name);
    member.timezone = person.timezone.to_string();
    member.locale = person.slack_locale.to_string();
    member
}

/// What the fake Connector received during the round, read a stretch at a time.
#[derive(Default)]
struct Tally {
    /// Calls already read.
    scanned: usize,
    /// The 1:1 conversations that received a pulse card.
    pulses: HashSet<String>,
    /// CreateConversation calls answered 2xx.
    creates: usize,
    /// Messages accepted that were not pulse cards (the admin's answer).
    other_messages: usize,
    /// 429 and 5xx answers, each a call the bot had to try again.
    retried: usize,
    /// When the first pulse card arrived.
    first: Option<Instant>,
    /// When the latest pulse card arrived.
    last: Option<Instant>,
}

impl Tally {
    /// Reads the calls that arrived since the last look.
    fn scan(&mut self, calls: &[RecordedCall]) {
        for call in calls.iter().skip(self.scanned) {
            if call.status == 429 || call.status >= 500 {
                self.retried += 1;
            }
            if !(200..300).contains(&call.status) {
                continue;
            }
            match call.kind {
                CallKind::CreateConversation => self.creates += 1,
                CallKind::SendToConversation | CallKind::ReplyToActivity => {
                    let conversation = call
                        .path
                        .trim_start_matches("/v3/conversations/")
                        .split('/')
                        .next()
                        .unwrap_or_default();
                    if is_pulse_card(call) && self.pulses.insert(conversation.to_string()) {
                        self.first.get_or_insert(call.at);
                        self.last = Some(call.at);
                    } else {
                        self.other_messages += 1;
                    }
                }
                _ => {}
            }
        }
        self.scanned = calls.len();
    }
}

/// Whether a sent activity is a pulse card: a card with buttons (`Action.Execute`) in a
/// personal chat (`a:…`).
fn is_pulse_card(call: &RecordedCall) -> bool {
    call.path.starts_with("/v3/conversations/a:")
        && call
            .body
            .pointer("/attachments/0/content")
            .is_some_and(|card| card.to_string().contains("Action.Execute"))
}
