//! The fake Discord driven over HTTP with reqwest and by serenity, a client nobody on the team
//! wrote: proof that it answers the documented shapes, refuses what Discord refuses, signs as
//! Discord does, and runs a gateway serenity connects, identifies and resumes on. The
//! adapter's tests can then trust that a failure is the adapter's.

use reqwest::Method;
use serde_json::{Value, json};

use super::fake::{BOT_TOKEN, FakeDiscord};

mod gateway;
mod interactions;
mod rest;

/// A REST call to the fake as a bot makes it: `Authorization: Bot <token>` unless `token` is
/// `None`, JSON `body` if any. Returns status, headers and JSON.
async fn call(
    fake: &FakeDiscord,
    method: Method,
    path: &str,
    token: Option<&str>,
    body: Option<&Value>,
) -> (u16, reqwest::header::HeaderMap, Value) {
    let url = format!("{}{}", fake.api_base(), path);
    let mut request = reqwest::Client::new().request(method, url);
    if let Some(token) = token {
        request = request.header(reqwest::header::AUTHORIZATION, format!("Bot {token}"));
    }
    if let Some(body) = body {
        request = request.json(body);
    }
    let response = request.send().await.expect("a call to the fake Discord");
    let status = response.status().as_u16();
    let headers = response.headers().clone();
    (
        status,
        headers,
        response.json().await.unwrap_or(Value::Null),
    )
}

/// A call with the bot's token.
async fn bot(fake: &FakeDiscord, method: Method, path: &str, body: Option<&Value>) -> (u16, Value) {
    let (status, _, json) = call(fake, method, path, Some(BOT_TOKEN), body).await;
    (status, json)
}

/// The `{"content": text}` message body.
fn text(content: &str) -> Value {
    json!({"content": content})
}
