//! The count after the run: what the fake Slack accepted and what the database holds, held
//! against what the bench sent and what the product promises; printed, with a verdict.

use std::collections::{BTreeMap, HashMap, HashSet};

use sqlx::PgPool;

use super::fake_slack::{Call, FakeSlack, Kind};
use super::org::Person;
use super::serve::Serve;
use super::{Observed, Options};

/// A message that reached the fake more than once.
struct Duplicate<'a> {
    copies: Vec<&'a Call>,
    /// The first copy was the last call a killed process made: the one call in flight.
    in_flight_at_kill: bool,
    /// The first copy was accepted while PostgreSQL was restarting (not an excuse: a clue).
    during_postgres_restart: bool,
}

/// Counts, prints the report and returns whether every promise held.
pub async fn count_and_print(
    pool: &PgPool,
    fake: &FakeSlack,
    people: &[Person],
    serve: &Serve,
    observed: &Observed,
    options: &Options,
) -> anyhow::Result<bool> {
    let calls = fake.calls();
    let writes: Vec<&Call> = calls.iter().filter(|c| c.kind == Kind::Write).collect();
    let mut failures: Vec<String> = Vec::new();

    // Faults.
    let kills = observed
        .faults
        .iter()
        .filter(|f| f.what.starts_with("SIGKILL"))
        .count();
    let deaths: HashSet<u32> = observed
        .faults
        .iter()
        .filter_map(|f| f.generation)
        .collect();
    let restarts: Vec<(std::time::Instant, std::time::Instant)> = observed
        .faults
        .iter()
        .filter(|f| f.generation.is_none())
        .map(|f| (f.began, f.began + f.outage))
        .collect();
    let mut last_write: HashMap<u32, &Call> = HashMap::new();
    for call in &writes {
        last_write.insert(call.generation, call);
    }

    // Pulses.
    let rounds = count(pool, "select count(*) from pulse_rounds").await?;
    let asked: Vec<Option<String>> = sqlx::query_scalar(
        "select p.platform_user_id from pulse_deliveries d join people p on p.id = d.person_id",
    )
    .fetch_all(pool)
    .await?;
    let delivered_in_db = count(
        pool,
        "select count(*) from pulse_deliveries where delivered_at is not null",
    )
    .await?;
    let asked_without_slack_id = asked.iter().filter(|a| a.is_none()).count();
    let asked: HashSet<String> = asked.into_iter().flatten().collect();
    let mut pulses_per_person: HashMap<&str, usize> = HashMap::new();
    for call in writes.iter().filter(|c| c.pulse) {
        *pulses_per_person.entry(call.target.as_str()).or_default() += 1;
    }
    let with_pulse = asked
        .iter()
        .filter(|u| pulses_per_person.contains_key(u.as_str()))
        .count();
    let without_pulse: Vec<&String> = asked
        .iter()
        .filter(|u| !pulses_per_person.contains_key(u.as_str()))
        .collect();
    let two_or_more = pulses_per_person.values().filter(|n| **n >= 2).count();
    let pulse_copies: usize = pulses_per_person.values().sum();
    let not_asked = pulses_per_person
        .keys()
        .filter(|u| !asked.contains(**u))
        .count();

    // Messages sent twice.
    let mut groups: HashMap<u64, Vec<&Call>> = HashMap::new();
    for call in &writes {
        groups.entry(call.fingerprint).or_default().push(call);
    }
    let mut duplicates: Vec<Duplicate> = groups
        .into_values()
        .filter(|g| g.len() > 1)
        .map(|mut copies| {
            copies.sort_by_key(|c| c.seq);
            let first = copies[0];
            let in_flight_at_kill = copies.len() == 2
                && deaths.contains(&first.generation)
                && last_write
                    .get(&first.generation)
                    .is_some_and(|last| last.seq == first.seq);
            let during_postgres_restart = restarts
                .iter()
                .any(|(from, to)| first.at >= *from && first.at <= *to);
            Duplicate {
                copies,
                in_flight_at_kill,
                during_postgres_restart,
            }
        })
        .collect();
    duplicates.sort_by_key(|d| d.copies[0].seq);
    let extra_copies: usize = duplicates.iter().map(|d| d.copies.len() - 1).sum();
    let unexplained = duplicates.iter().filter(|d| !d.in_flight_at_kill).count();

    // Kudos.
    let rows: Vec<(String, i64)> = sqlx::query_as(
        "select k.message, (select count(*) from kudos_recipients r where r.kudos_id = k.id) \
         from kudos k",
    )
    .fetch_all(pool)
    .await?;
    let mut rows_per_token: HashMap<String, usize> = HashMap::new();
    let mut wrong_recipients = 0;
    let mut rows_without_token = 0;
    for (message, recipients) in &rows {
        let tokens = super::load::tokens_in(message);
        if tokens.is_empty() {
            rows_without_token += 1;
        }
        for token in tokens {
            *rows_per_token.entry(token).or_default() += 1;
        }
        if *recipients != 1 {
            wrong_recipients += 1;
        }
    }
    let sent = &observed.load.sent;
    let acked: Vec<&super::load::Sent> = sent.iter().filter(|s| s.acknowledged).collect();
    let found = |token: &str| rows_per_token.get(token).copied().unwrap_or(0);
    let missing: Vec<&&super::load::Sent> = acked.iter().filter(|s| found(&s.token) == 0).collect();
    let doubled: Vec<&&super::load::Sent> = acked.iter().filter(|s| found(&s.token) > 1).collect();
    let unacked_found = sent
        .iter()
        .filter(|s| !s.acknowledged && found(&s.token) > 0)
        .count();
    let unacked_doubled = sent
        .iter()
        .filter(|s| !s.acknowledged && found(&s.token) > 1)
        .count();

    // Each acknowledged kudos's messages: the reply, the recipient's DM, the #kudos post.
    // Different messages for one purpose (two different replies to one command, say) are
    // counted too: a copy is caught above by its fingerprint, a second answer only here.
    let mut replies: HashMap<&str, &Call> = HashMap::new();
    let mut dms: HashSet<(&str, &str)> = HashSet::new();
    let mut posts: HashSet<&str> = HashSet::new();
    let mut variants: HashMap<(&str, &str, &str), HashSet<u64>> = HashMap::new();
    for call in &writes {
        match call.method.as_str() {
            "response_url" => {
                replies.entry(call.target.as_str()).or_insert(call);
                variants
                    .entry(("reply to", call.target.as_str(), ""))
                    .or_default()
                    .insert(call.fingerprint);
            }
            "chat.postMessage" if call.target.starts_with('U') => {
                for token in &call.tokens {
                    dms.insert((token.as_str(), call.target.as_str()));
                    variants
                        .entry(("DM about", token.as_str(), call.target.as_str()))
                        .or_default()
                        .insert(call.fingerprint);
                }
            }
            "chat.postMessage" => {
                for token in &call.tokens {
                    posts.insert(token.as_str());
                    variants
                        .entry(("channel post about", token.as_str(), call.target.as_str()))
                        .or_default()
                        .insert(call.fingerprint);
                }
            }
            _ => {}
        }
    }
    let mut answered_differently: Vec<String> = variants
        .iter()
        .filter(|(_, prints)| prints.len() > 1)
        .map(|((what, key, to), prints)| format!("{} different {what} {key} {to}", prints.len()))
        .collect();
    answered_differently.sort();
    let no_reply: Vec<&&super::load::Sent> = acked
        .iter()
        .filter(|s| !replies.contains_key(s.reply_id.as_str()))
        .collect();
    let no_dm = acked
        .iter()
        .filter(|s| !dms.contains(&(s.token.as_str(), people[s.recipient].user_id.as_str())))
        .count();
    let no_post = acked
        .iter()
        .filter(|s| !posts.contains(s.token.as_str()))
        .count();
    let mut refusals: BTreeMap<String, usize> = BTreeMap::new();
    for s in sent.iter().filter(|s| !s.acknowledged) {
        let why = s.refused.clone().unwrap_or_default();
        let why = if why.starts_with("HTTP") {
            why
        } else {
            "no answer (connection refused, reset or timed out)".into()
        };
        *refusals.entry(why).or_default() += 1;
    }

    // Requests.
    let inbox: Vec<(String, bool, Option<String>)> =
        sqlx::query_as("select dedupe_key, processed_at is not null, last_error from inbox")
            .fetch_all(pool)
            .await?;
    let inbox: HashMap<&str, (bool, Option<&str>)> = inbox
        .iter()
        .map(|(k, done, error)| (k.as_str(), (*done, error.as_deref())))
        .collect();
    let mut acked_keys: Vec<(&str, &str)> = acked
        .iter()
        .map(|s| (s.signature.as_str(), s.token.as_str()))
        .collect();
    acked_keys.push((observed.start_signature.as_str(), "/ambassador pulse start"));
    let acked_set: HashSet<&str> = acked_keys.iter().map(|(k, _)| *k).collect();
    let mut lost = Vec::new();
    let mut set_aside = Vec::new();
    let mut unprocessed = Vec::new();
    let mut processed = 0;
    for (key, what) in &acked_keys {
        match inbox.get(key) {
            None => lost.push(*what),
            Some((true, None)) => processed += 1,
            Some((true, Some(error))) => set_aside.push(format!("{what}: {error}")),
            Some((false, _)) => unprocessed.push(*what),
        }
    }
    let stored_unacked = inbox.keys().filter(|k| !acked_set.contains(*k)).count();
    let inbox_set_aside = inbox
        .values()
        .filter(|(done, error)| *done && error.is_some())
        .count();

    // The outbox.
    let outbox_sent = count(
        pool,
        "select count(*) from outbox where sent_at is not null",
    )
    .await?;
    let outbox_failed = count(
        pool,
        "select count(*) from outbox where failed_at is not null",
    )
    .await?;
    let outbox_pending = count(
        pool,
        "select count(*) from outbox where sent_at is null and failed_at is null",
    )
    .await?;
    let failed_reasons: Vec<(String, String, i64)> = sqlx::query_as(
        "select method, coalesce(last_error, ''), count(*) from outbox \
         where failed_at is not null group by 1, 2 order by 3 desc limit 5",
    )
    .fetch_all(pool)
    .await?;
    let retried = count(pool, "select count(*) from outbox where attempts > 1").await?;

    // ---- The report ----
    let secs = |d: std::time::Duration| d.as_secs_f64();
    println!();
    println!("================ fault run report ================");
    println!(
        "setup: {} people, serve up in {:.1} s (users.list read), org import: {}",
        options.people,
        secs(observed.startup),
        observed.import
    );
    println!(
        "wall time {:.1} s; fan-out (round start to the end of the faults and of progress) {:.1} s; \
         load stopped {:.1} s in; tail after the load: {}",
        secs(observed.wall),
        secs(observed.fan_out),
        secs(observed.load_stopped_at),
        observed
            .drained
            .map_or("did NOT drain".to_string(), |d| format!("{:.1} s", secs(d)))
    );
    println!(
        "pulse DMs: everyone asked had one {} after the round started; the longest pause with \
         nobody new getting one: {:.1} s",
        observed
            .all_pulsed
            .map_or("NEVER".to_string(), |d| format!("{:.1} s", secs(d))),
        secs(observed.longest_pause)
    );
    println!(
        "  {} people got their first pulse DM only in the tail, after the load stopped \
         (calls a killed process had claimed wait for their lease)",
        options.people.saturating_sub(observed.pulsed_at_load_stop)
    );
    let mut by_method: BTreeMap<String, usize> = BTreeMap::new();
    for call in &calls {
        let what = match call.method.as_str() {
            "chat.postMessage" if call.pulse => "chat.postMessage (pulse DM)".to_string(),
            "chat.postMessage" if call.target.starts_with('U') => {
                "chat.postMessage (other DM)".to_string()
            }
            "chat.postMessage" => format!("chat.postMessage ({})", call.target),
            other => other.to_string(),
        };
        *by_method.entry(what).or_default() += 1;
    }
    println!(
        "calls accepted by the fake: {}",
        by_method
            .iter()
            .map(|(m, n)| format!("{m} {n}"))
            .collect::<Vec<_>>()
            .join(", ")
    );
    println!("faults:");
    for f in &observed.faults {
        println!(
            "  {:<32} {:>6.1} s after the round started, at {:>5} pulse DMs; {} {:.2} s{}",
            f.what,
            f.at_secs,
            f.at_pulses,
            if f.generation.is_some() {
                "serve answering again after"
            } else {
                "PostgreSQL accepting connections again after"
            },
            secs(f.outage),
            f.generation
                .map_or(String::new(), |g| format!(" (process {g} died)"))
        );
    }
    for m in &observed.faults_missed {
        println!("  NOT APPLIED: {m}");
    }
    println!("pulse round ({rounds} round(s) in the database):");
    println!(
        "  the admin's reply to /ambassador pulse start: {}",
        replies
            .get("pulse-start")
            .map_or("NONE".to_string(), |c| format!("{:?}", c.text))
    );
    println!(
        "  people asked {} ({} without a Slack id); marked delivered in the database {}",
        asked.len() + asked_without_slack_id,
        asked_without_slack_id,
        delivered_in_db
    );
    println!(
        "  people with >= 1 pulse DM {with_pulse}; with none {}; with 2+ {two_or_more}; \
         pulse DMs accepted {pulse_copies}; to people not asked {not_asked}",
        without_pulse.len()
    );
    println!(
        "in flight at each kill (the last call the dying process made; the bound on duplicates):"
    );
    for f in observed.faults.iter().filter(|f| f.generation.is_some()) {
        let g = f.generation.unwrap_or_default();
        match last_write.get(&g) {
            Some(c) => println!(
                "  process {g}: {} to {}{} (call #{})",
                c.method,
                c.target,
                if c.pulse { " (a pulse DM)" } else { "" },
                c.seq
            ),
            None => println!("  process {g}: no call made"),
        }
    }
    println!(
        "messages accepted twice: {} message(s), {extra_copies} extra copies, after {kills} kill(s) \
         (bound: {kills}, one call in flight per org per kill); {} in flight at a kill, {unexplained} not",
        duplicates.len(),
        duplicates.len() - unexplained
    );
    for d in duplicates.iter().take(20) {
        let first = d.copies[0];
        println!(
            "  {} to {}{}: {} copies from processes {:?}; {}",
            first.method,
            first.target,
            if first.pulse { " (pulse DM)" } else { "" },
            d.copies.len(),
            d.copies.iter().map(|c| c.generation).collect::<Vec<_>>(),
            if d.in_flight_at_kill {
                "the call in flight when its process was killed"
            } else if d.during_postgres_restart {
                "NOT explained by a kill: first accepted while PostgreSQL was restarting \
                 (look for \"could not record a delivery's outcome\" in that process's log)"
            } else {
                "NOT explained by a kill"
            }
        );
    }
    println!("kudos:");
    println!(
        "  sent {}; acknowledged {}; not acknowledged {} ({})",
        sent.len(),
        acked.len(),
        sent.len() - acked.len(),
        refusals
            .iter()
            .map(|(why, n)| format!("{n}× {why}"))
            .collect::<Vec<_>>()
            .join(", ")
    );
    println!(
        "  kudos rows {}; acknowledged found {}; missing {}; doubled {}; rows with other than one \
         recipient {wrong_recipients}; rows without a bench text {rows_without_token}",
        rows.len(),
        acked.len() - missing.len(),
        missing.len(),
        doubled.len()
    );
    println!(
        "  not acknowledged but stored and given anyway {unacked_found} (of which doubled {unacked_doubled})"
    );
    println!(
        "  acknowledged kudos without their reply {}, without the recipient's DM {no_dm}, \
         without the #kudos post {no_post}",
        no_reply.len()
    );
    println!(
        "  replies, DMs or #kudos posts sent twice with different content: {}",
        answered_differently.len()
    );
    for a in answered_differently.iter().take(10) {
        println!("    {a}");
    }
    for s in missing.iter().take(10) {
        let reply = replies
            .get(s.reply_id.as_str())
            .map_or("no reply".to_string(), |c| format!("reply: {}", c.text));
        println!(
            "    missing {} (giver {}): {reply}",
            s.token, people[s.giver].user_id
        );
    }
    println!("requests:");
    println!(
        "  acknowledged {} (kudos and the pulse start); in the inbox and processed {processed}; \
         set aside with an error {}; unprocessed {}; not in the inbox at all {}",
        acked_keys.len(),
        set_aside.len(),
        unprocessed.len(),
        lost.len()
    );
    println!(
        "  inbox rows {} in all: {stored_unacked} stored but never acknowledged to the sender; \
         {inbox_set_aside} set aside",
        inbox.len()
    );
    for s in set_aside.iter().take(10) {
        println!("    set aside: {s}");
    }
    println!(
        "outbox: {outbox_sent} sent, {outbox_failed} given up, {outbox_pending} unsent; \
         {retried} needed more than one attempt"
    );
    for (method, why, n) in &failed_reasons {
        println!("  given up: {n}× {method}: {why}");
    }
    for note in &observed.drain_notes {
        println!("  note: {note}");
    }
    println!("serve logs (warnings and errors per process):");
    for g in 1..=serve.generation {
        let (warns, errors, samples) = log_summary(&serve.log_path(g));
        println!("  process {g}: {warns} warnings, {errors} errors");
        for (line, n) in samples.iter().take(6) {
            println!("    {n}× {line}");
        }
    }

    // ---- The verdict ----
    if !observed.faults_missed.is_empty() {
        failures.push(format!(
            "{} fault(s) not applied",
            observed.faults_missed.len()
        ));
    }
    if observed.drained.is_none() {
        failures.push(format!(
            "the queues did not drain within {:?}",
            options.drain
        ));
    }
    let in_round = asked.len() + asked_without_slack_id;
    if in_round != options.people {
        failures.push(format!(
            "the round asked {in_round} people, not the {} of the org chart",
            options.people
        ));
    }
    if !without_pulse.is_empty() || asked.is_empty() {
        failures.push(format!(
            "{} people asked got no pulse DM ({})",
            without_pulse.len(),
            without_pulse
                .iter()
                .take(5)
                .map(|s| s.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        ));
    }
    if !missing.is_empty() {
        failures.push(format!("{} acknowledged kudos missing", missing.len()));
    }
    if !doubled.is_empty() || unacked_doubled > 0 {
        failures.push(format!(
            "{} kudos stored twice",
            doubled.len() + unacked_doubled
        ));
    }
    if !lost.is_empty() || !set_aside.is_empty() || !unprocessed.is_empty() {
        failures.push(format!(
            "acknowledged requests not processed: {} lost, {} set aside, {} unprocessed",
            lost.len(),
            set_aside.len(),
            unprocessed.len()
        ));
    }
    if !no_reply.is_empty() || no_dm > 0 || no_post > 0 {
        failures.push(format!(
            "acknowledged kudos missing messages: {} replies, {no_dm} DMs, {no_post} #kudos posts",
            no_reply.len()
        ));
    }
    if !answered_differently.is_empty() {
        failures.push(format!(
            "{} replies or messages sent twice with different content",
            answered_differently.len()
        ));
    }
    if unexplained > 0 || extra_copies > kills {
        failures.push(format!(
            "{extra_copies} duplicate copies ({unexplained} not the call in flight at a kill) \
             against a bound of {kills}"
        ));
    }
    println!();
    if failures.is_empty() {
        println!("VERDICT: PASS: every promise held under {kills} kill(s) and the faults above");
    } else {
        println!("VERDICT: FAIL");
        for f in &failures {
            println!("  - {f}");
        }
    }
    Ok(failures.is_empty())
}

async fn count(pool: &PgPool, sql: &'static str) -> anyhow::Result<i64> {
    Ok(sqlx::query_scalar::<_, i64>(sql).fetch_one(pool).await?)
}

/// Warnings, errors and the most frequent of their messages (without time and fields) in a
/// log file.
fn log_summary(path: &std::path::Path) -> (usize, usize, Vec<(String, usize)>) {
    let text = std::fs::read_to_string(path).unwrap_or_default();
    let ansi = regex::Regex::new(r"\x1b\[[0-9;]*m").ok();
    let fields = regex::Regex::new(r"\s+\w+=.*$").ok();
    let (mut warns, mut errors) = (0, 0);
    let mut seen: HashMap<String, usize> = HashMap::new();
    for line in text.lines() {
        let line = match &ansi {
            Some(re) => re.replace_all(line, "").into_owned(),
            None => line.to_string(),
        };
        let level = if line.contains(" WARN ") {
            warns += 1;
            "WARN"
        } else if line.contains(" ERROR ") {
            errors += 1;
            "ERROR"
        } else {
            continue;
        };
        let rest = line
            .split_once(level)
            .map(|(_, r)| r.trim())
            .unwrap_or(&line);
        let rest = match &fields {
            Some(re) => re.replace(rest, "").into_owned(),
            None => rest.to_string(),
        };
        *seen.entry(format!("{level} {rest}")).or_default() += 1;
    }
    let mut samples: Vec<(String, usize)> = seen.into_iter().collect();
    samples.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    (warns, errors, samples)
}
