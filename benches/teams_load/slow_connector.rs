//! A Connector that answers late: every call is held for a while, then passed to the fake
//! Bot Framework and its answer passed back. Real Connectors take tens of milliseconds per
//! call; this shows what that does to the figures (`BENCH_CONNECTOR_DELAY_MS`).
//!
//! Activities then name this server as their `serviceUrl` (the bench rewrites them and signs
//! tokens for it), so everything the bot calls on the Connector goes through it; login and the
//! token endpoint stay the fake's own.

use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use axum::Router;
use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, Method, StatusCode, Uri, header};
use axum::response::{IntoResponse, Response};

/// Where calls go, and how long each is held first.
struct Relay {
    target: String,
    delay: Duration,
    http: reqwest::Client,
}

/// Starts the slow Connector in front of `target` (the fake's base URL); returns its address.
pub async fn start(target: String, delay: Duration) -> anyhow::Result<SocketAddr> {
    let relay = Arc::new(Relay {
        target,
        delay,
        http: reqwest::Client::new(),
    });
    let app = Router::new().fallback(forward).with_state(relay);
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
    let addr = listener.local_addr()?;
    tokio::spawn(async move {
        let _ = axum::serve(listener, app).await;
    });
    Ok(addr)
}

/// Holds the call, then makes it to the fake as it came (path still percent-encoded).
async fn forward(
    State(relay): State<Arc<Relay>>,
    method: Method,
    uri: Uri,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    tokio::time::sleep(relay.delay).await;
    let path = uri.path_and_query().map_or("/", |p| p.as_str());
    let mut request = relay
        .http
        .request(method, format!("{}{path}", relay.target))
        .body(body);
    for name in [header::AUTHORIZATION, header::CONTENT_TYPE] {
        if let Some(value) = headers.get(&name) {
            request = request.header(name, value);
        }
    }
    let answer = match request.send().await {
        Ok(answer) => answer,
        Err(e) => return (StatusCode::BAD_GATEWAY, e.to_string()).into_response(),
    };
    let status = answer.status();
    let mut passed = HeaderMap::new();
    for name in [header::CONTENT_TYPE, header::RETRY_AFTER] {
        if let Some(value) = answer.headers().get(&name) {
            passed.insert(name, value.clone());
        }
    }
    let body = answer.bytes().await.unwrap_or_default();
    (status, passed, body).into_response()
}
