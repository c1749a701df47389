//! The web dashboard's server time at company scale: the manager's team page and the admin's
//! organisation page, on the data set of `benches/pulse_scale.rs` (10,000 people in about 800
//! teams, 52 weekly rounds).
//!
//! `cargo bench --bench web_pages` builds the org on SQLite and, when
//! `AMBASSADOR_TEST_POSTGRES_URL` (default `postgres://postgres@127.0.0.1:5432/test`) answers, on
//! PostgreSQL; starts `serve` on a local port; signs a team's manager and the admin in through
//! links made as `/engagement web` makes them; then asks for each page `BENCH_REQUESTS` times
//! (default 200) one after another over one keep-alive connection and prints the first request
//! (for the team page it builds the org's year of figures, which are then reused for a minute)
//! and p50/p99/max of the rest. The time is measured
//! around each request on the same machine, so it is the server's time plus a loopback hop.
//! `BENCH_ROUNDS` and `BENCH_PEOPLE` scale the data set down for a quick look.

#[path = "pulse_scale/dataset.rs"]
mod dataset;

use std::sync::Arc;
use std::time::{Duration as StdDuration, Instant};

use ambassador::app::{Server, build_bot, ensure_local_org, open_store};
use ambassador::bot::{Platforms, import_org_chart};
use ambassador::config;
use ambassador::core::clock::ManualClock;
use ambassador::platform::console::ConsolePlatform;
use ambassador::store::prelude::*;
use chrono::{Duration, TimeZone, Utc};

fn env_usize(name: &str, default: usize) -> usize {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

fn main() -> anyhow::Result<()> {
    let rt = tokio::runtime::Runtime::new()?;
    rt.block_on(dataset::on_sqlite_and_postgres(
        "bench_web",
        |backend, url| async move { run(backend, &url).await },
    ))
}

async fn run(backend: &str, url: &str) -> anyhow::Result<()> {
    let people = env_usize("BENCH_PEOPLE", 10_000);
    let rounds = env_usize("BENCH_ROUNDS", 52);
    let requests = env_usize("BENCH_REQUESTS", 200).max(2);
    let port = std::net::TcpListener::bind("127.0.0.1:0")?
        .local_addr()?
        .port();
    let mut config = config::defaults()?;
    config.settings.database.url = url.to_string();
    config.bind = format!("127.0.0.1:{port}").parse()?;
    config.web_public_url = format!("http://127.0.0.1:{port}");
    let config = Arc::new(config);
    let store = open_store(&config, url).await?;
    let start = Utc
        .with_ymd_and_hms(2026, 1, 5, 0, 0, 0)
        .single()
        .ok_or_else(|| anyhow::anyhow!("bad start"))?;
    let clock = Arc::new(ManualClock::new(start));
    let org = ensure_local_org(&store, &config, clock.as_ref()).await?;
    import_org_chart(&store, &config, &org, &dataset::org_csv(people), start).await?;
    let bot = build_bot(
        store.clone(),
        config.clone(),
        clock.clone(),
        Platforms::default().with(Arc::new(ConsolePlatform::default())),
    )?;
    let t = Instant::now();
    dataset::year_of_rounds(&store, &bot, &org, &clock, start, rounds).await?;
    println!(
        "{backend}: {people} people, {rounds} weekly rounds generated in {:.1} s",
        t.elapsed().as_secs_f64()
    );
    clock.set(start + Duration::weeks(rounds as i64 + 1));

    let server = Server::build(config.clone(), store.clone(), clock.clone(), Vec::new()).await?;
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let serving = tokio::spawn(server.run_until(async {
        let _ = stopped.await;
    }));

    // A team's manager (the lead of Division 5/Team 5) and the admin, signed in from chat.
    let manager = store
        .person_by_handle(org.id, "p5")
        .await?
        .ok_or_else(|| anyhow::anyhow!("no p5"))?;
    let team = store
        .departments(org.id)
        .await?
        .into_iter()
        .find(|d| d.manager_id == Some(manager.id))
        .ok_or_else(|| anyhow::anyhow!("p5 leads no team"))?;
    let ceo = store
        .person_by_handle(org.id, "ceo")
        .await?
        .ok_or_else(|| anyhow::anyhow!("no ceo"))?;
    let pages = [
        (
            "manager's team page",
            manager,
            format!("/web/teams/{}", team.id.0),
        ),
        (
            "admin's organisation page",
            ceo,
            "/web/admin/org".to_string(),
        ),
    ];
    for (name, person, path) in pages {
        let client = reqwest::Client::builder()
            .cookie_store(true)
            .redirect(reqwest::redirect::Policy::none())
            .build()?;
        let link = bot.sign_in_link(&org, &person).await?;
        let signed = client.post(&link).send().await?;
        anyhow::ensure!(
            signed.status() == 303,
            "signing in answered {}",
            signed.status()
        );
        let url = format!("http://127.0.0.1:{port}{path}");
        let mut times = Vec::with_capacity(requests);
        let mut bytes = 0;
        for _ in 0..requests {
            let t = Instant::now();
            let response = client.get(&url).send().await?;
            let status = response.status();
            let body = response.bytes().await?;
            times.push(t.elapsed());
            anyhow::ensure!(status == 200, "{path} answered {status}");
            bytes = body.len();
        }
        let cold = times.remove(0);
        times.sort();
        let at =
            |q: f64| times[((times.len() as f64 * q).ceil() as usize).clamp(1, times.len()) - 1];
        println!(
            "{backend}: {name} ({path}, {} KB): first request {} ms, then p50 {} ms, p99 {} ms, max {} ms over {} requests",
            bytes / 1024,
            ms(cold),
            ms(at(0.50)),
            ms(at(0.99)),
            ms(at(1.0)),
            times.len()
        );
    }
    let _ = stop.send(());
    serving.await??;
    Ok(())
}

fn ms(d: StdDuration) -> String {
    format!("{:.1}", d.as_secs_f64() * 1000.0)
}
