//! The Slack Web API client and how its failures are treated.
//!
//! slack-morphism's own connector speaks only HTTPS; ours also speaks plain HTTP so that
//! `SLACK_API_URL` can point at a local fake in tests or at an internal proxy. Retries and
//! rate limits are ours (see `outbox`), so the client itself never sleeps: a 429 comes back to
//! us with its `Retry-After` and pauses the whole workspace, durably.

use std::sync::Arc;

use slack_morphism::errors::SlackClientError;
use slack_morphism::prelude::*;

/// Builds the shared client for a Web API base URL (Slack's own, a proxy, or a test fake).
pub fn build_client(api_url: &str) -> anyhow::Result<Arc<SlackHyperClient>> {
    // A process-wide TLS provider must be chosen before any client exists; ring is the one
    // every crate here is built with. Installing twice is harmless.
    let _ = rustls::crypto::ring::default_provider().install_default();
    let https = hyper_rustls::HttpsConnectorBuilder::new()
        .with_native_roots()?
        .https_or_http()
        .enable_http1()
        .enable_http2()
        .build();
    let base = api_url.trim_end_matches('/');
    let connector = SlackClientHyperConnector::with_connector(https).with_slack_api_url(base);
    Ok(Arc::new(SlackClient::new(connector)))
}

/// A bot token as slack-morphism wants it.
pub fn api_token(token: &str) -> SlackApiToken {
    SlackApiToken::new(SlackApiTokenValue(token.to_string()))
}

pub use crate::relay::Failure;
pub use crate::relay::outbox::DEFAULT_RETRY_AFTER;

/// Sorts a slack-morphism error into what the caller should do about it.
pub fn classify(error: &SlackClientError) -> Failure {
    match error {
        SlackClientError::RateLimitError(e) => {
            Failure::RateLimited(e.retry_after.unwrap_or(DEFAULT_RETRY_AFTER))
        }
        SlackClientError::ApiError(e) => classify_code(&e.code),
        SlackClientError::HttpError(e) => {
            let status = e.status_code.as_u16();
            if status == 429 {
                Failure::RateLimited(DEFAULT_RETRY_AFTER)
            } else if status >= 500 || status == 408 {
                Failure::Transient(format!("HTTP {status}"))
            } else {
                Failure::Permanent(format!("HTTP {status}"))
            }
        }
        SlackClientError::ProtocolError(e) => Failure::Permanent(e.to_string()),
        other => Failure::Transient(other.to_string()),
    }
}

/// Sorts a Web API `error` code.
pub fn classify_code(code: &str) -> Failure {
    match code {
        "ratelimited" | "rate_limited" => Failure::RateLimited(DEFAULT_RETRY_AFTER),
        "invalid_auth"
        | "not_authed"
        | "account_inactive"
        | "token_revoked"
        | "token_expired"
        | "no_permission"
        | "org_login_required"
        | "team_access_not_granted" => Failure::Unauthorized(code.to_string()),
        "internal_error"
        | "fatal_error"
        | "service_unavailable"
        | "request_timeout"
        | "team_added_to_org" => Failure::Transient(code.to_string()),
        other => Failure::Permanent(other.to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_sort_into_what_to_do() {
        assert_eq!(
            classify_code("channel_not_found"),
            Failure::Permanent("channel_not_found".into())
        );
        assert_eq!(
            classify_code("invalid_auth"),
            Failure::Unauthorized("invalid_auth".into())
        );
        assert_eq!(
            classify_code("internal_error"),
            Failure::Transient("internal_error".into())
        );
        assert_eq!(
            classify_code("ratelimited"),
            Failure::RateLimited(DEFAULT_RETRY_AFTER)
        );
    }
}
