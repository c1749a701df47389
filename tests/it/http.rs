//! `serve`: health, readiness and metrics over real HTTP.

use std::sync::Arc;

use ambassador::app::{Server, open_store};
use ambassador::core::clock::SystemClock;

use crate::helpers::{Backend, TestDb, test_config};
use crate::on_both_backends;

on_both_backends!(serve_answers_health_readiness_and_metrics);

async fn serve_answers_health_readiness_and_metrics(backend: Backend) {
    let db = TestDb::new(backend).await;
    let mut config = test_config(&db.url);
    config.bind = "127.0.0.1:0".parse().expect("addr");
    let config = Arc::new(config);
    let store = open_store(&config, &db.url).await.expect("store");
    let server = Server::build(config, store, Arc::new(SystemClock), Vec::new())
        .await
        .expect("binds");
    let addr = server.local_addr().expect("addr");
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let task = tokio::spawn(server.run_until(async {
        let _ = stopped.await;
    }));

    let client = reqwest::Client::new();
    let health = client
        .get(format!("http://{addr}/healthz"))
        .send()
        .await
        .expect("healthz");
    assert_eq!(health.status(), 200);
    let ready = client
        .get(format!("http://{addr}/readyz"))
        .send()
        .await
        .expect("readyz");
    assert_eq!(ready.status(), 200);
    let body: serde_json::Value = ready.json().await.expect("json");
    let expected = match backend {
        Backend::Sqlite => "sqlite",
        Backend::Postgres => "postgres",
    };
    assert_eq!(body["database"], expected);
    let metrics = client
        .get(format!("http://{addr}/metrics"))
        .send()
        .await
        .expect("metrics");
    assert_eq!(metrics.status(), 200);
    let text = metrics.text().await.expect("text");
    assert!(
        text.contains("# HELP ambassador_kudos_given_total Kudos given."),
        "{text}"
    );
    assert!(
        text.contains("ambassador_narrative_moments_total"),
        "{text}"
    );
    let missing = client
        .get(format!("http://{addr}/nope"))
        .send()
        .await
        .expect("404");
    assert_eq!(missing.status(), 404);

    let _ = stop.send(());
    task.await.expect("joins").expect("stops cleanly");
}
