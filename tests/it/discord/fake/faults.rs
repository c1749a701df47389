//! Failures a test arms: 429 rate limits and 5xx answers.
//!
//! The 429 follows discord-api-docs `topics/rate-limits.mdx` (`chat-protocols.md` section 11):
//! body `{"message":"You are being rate limited.","retry_after":64.57,"global":false}`,
//! headers `Retry-After` (whole seconds), `X-RateLimit-Limit`, `X-RateLimit-Remaining: 0`,
//! `X-RateLimit-Reset` (epoch seconds), `X-RateLimit-Reset-After` (seconds, float),
//! `X-RateLimit-Bucket`, `X-RateLimit-Scope` (`user` | `global` | `shared`), and
//! `X-RateLimit-Global: true` on a global limit.

use std::time::{SystemTime, UNIX_EPOCH};

use axum::http::StatusCode;
use serde_json::json;

use super::records::{RecordedCall, Reply, Route};

/// Which calls a fault applies to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RouteMatch {
    /// Every REST call.
    Any,
    /// The calls of one route.
    Route(Route),
    /// The calls whose decoded path contains this text (`/channels/123/messages`).
    PathContains(String),
}

impl RouteMatch {
    /// Whether `call` is one of these.
    pub fn matches(&self, call: &RecordedCall) -> bool {
        match self {
            RouteMatch::Any => true,
            RouteMatch::Route(route) => call.route == *route,
            RouteMatch::PathContains(text) => call.path.contains(text.as_str()),
        }
    }
}

impl From<Route> for RouteMatch {
    fn from(route: Route) -> Self {
        RouteMatch::Route(route)
    }
}

impl From<&str> for RouteMatch {
    fn from(text: &str) -> Self {
        RouteMatch::PathContains(text.to_owned())
    }
}

impl From<String> for RouteMatch {
    fn from(text: String) -> Self {
        RouteMatch::PathContains(text)
    }
}

/// What an armed call gets.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) enum Fault {
    RateLimit { retry_after: f64, global: bool },
    Status(u16),
}

#[derive(Debug, Clone)]
struct Armed {
    matcher: RouteMatch,
    fault: Fault,
    remaining: usize,
}

/// The faults armed, first armed first served.
#[derive(Debug, Default)]
pub(super) struct Faults {
    armed: Vec<Armed>,
}

impl Faults {
    pub fn arm(&mut self, matcher: RouteMatch, fault: Fault, times: usize) {
        if times > 0 {
            self.armed.push(Armed {
                matcher,
                fault,
                remaining: times,
            });
        }
    }

    pub fn clear(&mut self) {
        self.armed.clear();
    }

    /// The answer to `call` if a fault is armed for it (using one of its times).
    pub fn take(&mut self, call: &RecordedCall) -> Option<Reply> {
        let index = self.armed.iter().position(|a| a.matcher.matches(call))?;
        let armed = &mut self.armed[index];
        armed.remaining -= 1;
        let fault = armed.fault;
        if armed.remaining == 0 {
            self.armed.remove(index);
        }
        let mut reply = match fault {
            Fault::RateLimit {
                retry_after,
                global,
            } => rate_limited(call.route, retry_after, global),
            Fault::Status(status) => {
                let status =
                    StatusCode::from_u16(status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
                let message = format!(
                    "{}: {}",
                    status.as_u16(),
                    status.canonical_reason().unwrap_or("Server Error")
                );
                Reply::error(status, 0, &message)
            }
        };
        reply.injected = true;
        Some(reply)
    }
}

/// Discord's 429 for `route`.
fn rate_limited(route: Route, retry_after: f64, global: bool) -> Reply {
    let now = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_secs_f64())
        .unwrap_or_default();
    let bucket = format!("{:x}", fxhash(&format!("{route:?}")));
    let reply = Reply::json(
        StatusCode::TOO_MANY_REQUESTS,
        json!({"message": "You are being rate limited.", "retry_after": retry_after, "global": global}),
    )
    .header("retry-after", format!("{}", retry_after.ceil() as u64))
    .header("x-ratelimit-limit", "5")
    .header("x-ratelimit-remaining", "0")
    .header("x-ratelimit-reset", format!("{:.3}", now + retry_after))
    .header("x-ratelimit-reset-after", format!("{retry_after:.3}"))
    .header("x-ratelimit-bucket", bucket)
    .header("x-ratelimit-scope", if global { "global" } else { "user" });
    if global {
        reply.header("x-ratelimit-global", "true")
    } else {
        reply
    }
}

/// A stable small hash, for bucket names.
fn fxhash(text: &str) -> u64 {
    text.bytes().fold(0xcbf2_9ce4_8422_2325u64, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x100_0000_01b3)
    })
}
