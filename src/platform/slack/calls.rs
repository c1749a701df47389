//! Making one queued call to Slack: the Web API, a `response_url`, a file upload or a modal.
//!
//! The relay's delivery worker claims, paces and retries; this is the [`Courier`] that makes
//! the call and sorts its failure ([`Failure`]): 429 with `Retry-After`, 5xx and network
//! errors worth retrying, refused tokens, and the rest given up.

use std::time::Duration;

use async_trait::async_trait;
use serde_json::{Value, json};
use slack_morphism::prelude::*;

use super::client::{classify, classify_code};
use super::{PLATFORM, SlackPlatform, methods};
use crate::relay::outbox::DEFAULT_RETRY_AFTER;
use crate::relay::{Courier, Failure};
use crate::store::OutboxItem;

#[async_trait]
impl Courier for SlackPlatform {
    fn platform(&self) -> &'static str {
        PLATFORM.as_str()
    }

    fn calls_per_second(&self) -> u32 {
        self.settings().api_calls_per_second
    }

    async fn send(&self, item: &OutboxItem) -> Result<(), Failure> {
        send_one(self, item).await
    }

    async fn unauthorized(&self, org_key: &str) {
        self.forget_token(org_key).await;
    }
}

async fn send_one(slack: &SlackPlatform, item: &OutboxItem) -> Result<(), Failure> {
    let payload: Value = serde_json::from_str(&item.payload)
        .map_err(|e| Failure::Permanent(format!("unreadable queued payload: {e}")))?;
    if item.method == methods::RESPONSE_URL {
        return post_response_url(slack, &payload).await;
    }
    let token = slack
        .token_for(&item.org_key)
        .await
        .map_err(|e| Failure::Unauthorized(e.to_string()))?;
    let session = slack.client().open_session(&token.token);
    if item.method == methods::UPLOAD {
        return upload(slack, &session, &payload).await;
    }
    if item.method == methods::OPEN_FORM {
        return open_form(slack, &session, &payload).await;
    }
    call(&session, &item.method, &payload).await.map(|_| ())
}

/// Opens a modal; when Slack refuses it (the trigger expired while the request waited, say), the
/// person gets the queued fallback instead (the command's usage, posted where they asked), so a
/// press never goes unanswered.
async fn open_form(
    slack: &SlackPlatform,
    session: &SlackClientSession<'_, SlackClientHyperHttpsConnector>,
    payload: &Value,
) -> Result<(), Failure> {
    let request = json!({ "trigger_id": payload.get("trigger_id"), "view": payload.get("view") });
    match call(session, "views.open", &request).await {
        Ok(_) => Ok(()),
        Err(Failure::Permanent(why)) => {
            tracing::info!(
                error = why,
                "a modal could not be opened; its fallback is sent"
            );
            match payload.get("fallback") {
                Some(fallback) if fallback.get("url").is_some() => {
                    post_response_url(slack, fallback).await
                }
                Some(fallback) => {
                    let method = fallback
                        .get("method")
                        .and_then(Value::as_str)
                        .unwrap_or("chat.postMessage");
                    let body = fallback.get("body").cloned().unwrap_or(Value::Null);
                    call(session, method, &body).await.map(|_| ())
                }
                None => Err(Failure::Permanent(why)),
            }
        }
        Err(other) => Err(other),
    }
}

/// One Web API call with a JSON body; an `ok: false` answer becomes a [`Failure`].
pub async fn call(
    session: &SlackClientSession<'_, SlackClientHyperHttpsConnector>,
    method: &str,
    payload: &Value,
) -> Result<Value, Failure> {
    let answer: Value = session
        .http_session_api
        .http_post(method, payload, None)
        .await
        .map_err(|e| classify(&e))?;
    check_ok(answer)
}

fn check_ok(answer: Value) -> Result<Value, Failure> {
    if answer.get("ok").and_then(Value::as_bool) == Some(false) {
        let code = answer
            .get("error")
            .and_then(Value::as_str)
            .unwrap_or("unknown_error");
        return Err(classify_code(code));
    }
    Ok(answer)
}

async fn post_response_url(slack: &SlackPlatform, payload: &Value) -> Result<(), Failure> {
    let url = payload
        .get("url")
        .and_then(Value::as_str)
        .ok_or_else(|| Failure::Permanent("no response_url".into()))?;
    let body = payload.get("body").cloned().unwrap_or(Value::Null);
    let response = slack
        .http()
        .post(url)
        .json(&body)
        .send()
        .await
        .map_err(|e| Failure::Transient(e.to_string()))?;
    let status = response.status().as_u16();
    match status {
        200..=299 => Ok(()),
        429 => {
            let wait = response
                .headers()
                .get("retry-after")
                .and_then(|v| v.to_str().ok())
                .and_then(|v| v.parse::<u64>().ok())
                .map(Duration::from_secs)
                .unwrap_or(DEFAULT_RETRY_AFTER);
            Err(Failure::RateLimited(wait))
        }
        500..=599 => Err(Failure::Transient(format!(
            "response_url answered {status}"
        ))),
        // 404 is Slack's answer to an expired or overused response_url.
        _ => Err(Failure::Permanent(format!(
            "response_url answered {status}"
        ))),
    }
}

/// Slack's external upload flow: ask for an upload URL, send the bytes there, then complete
/// the upload into the conversation.
async fn upload(
    slack: &SlackPlatform,
    session: &SlackClientSession<'_, SlackClientHyperHttpsConnector>,
    payload: &Value,
) -> Result<(), Failure> {
    use base64::Engine as _;
    let field = |name: &str| {
        payload
            .get(name)
            .and_then(Value::as_str)
            .unwrap_or_default()
    };
    let png = base64::engine::general_purpose::STANDARD
        .decode(field("png"))
        .map_err(|e| Failure::Permanent(format!("unreadable queued image: {e}")))?;
    let mut channel = field("channel").to_string();
    if channel.starts_with('U') || channel.starts_with('W') {
        let opened = call(session, "conversations.open", &json!({ "users": channel })).await?;
        channel = opened
            .pointer("/channel/id")
            .and_then(Value::as_str)
            .ok_or_else(|| Failure::Permanent("conversations.open gave no channel".into()))?
            .to_string();
    }
    let filename = field("filename");
    let length = png.len().to_string();
    let ticket: Value = session
        .http_session_api
        .http_get(
            "files.getUploadURLExternal",
            &vec![
                ("filename", Some(filename)),
                ("length", Some(length.as_str())),
            ],
            None,
        )
        .await
        .map_err(|e| classify(&e))?;
    let ticket = check_ok(ticket)?;
    let upload_url = ticket
        .get("upload_url")
        .and_then(Value::as_str)
        .ok_or_else(|| Failure::Permanent("no upload_url".into()))?;
    let file_id = ticket
        .get("file_id")
        .and_then(Value::as_str)
        .ok_or_else(|| Failure::Permanent("no file_id".into()))?;
    let response = slack
        .http()
        .post(upload_url)
        .header("content-type", "image/png")
        .body(png)
        .send()
        .await
        .map_err(|e| Failure::Transient(e.to_string()))?;
    if !response.status().is_success() {
        return Err(Failure::Transient(format!(
            "the upload URL answered {}",
            response.status()
        )));
    }
    call(
        session,
        "files.completeUploadExternal",
        &json!({
            "files": [{ "id": file_id, "title": field("title") }],
            "channel_id": channel,
        }),
    )
    .await
    .map(|_| ())
}
