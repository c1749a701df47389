//! The console adapter: a terminal chat with the bot, for trying everything without an account.
//!
//! It implements every capability a platform can have, so trying the console (and its tests)
//! covers the bot's side of each: messages, updating the message a person pressed a button in,
//! forms (filled in one field per line) and the home page. Its messages go through the relay's
//! outbox like any platform's: [`ConsolePlatform`] renders them into outbox rows and, as the
//! [`Courier`], "sends" each by keeping it until the session prints it. [`ConsoleSession`] plays
//! the person at the keyboard (`/as`, `/click`, `/advance`, …); [`run`] connects a session to
//! stdin and stdout, interactively or from a script.

mod form;
mod render;
mod run;
mod session;

use std::sync::Mutex;

use async_trait::async_trait;
use chrono::{DateTime, Utc};

pub use render::{escape, render};
pub use run::run;
pub use session::{ConsoleSession, Step};

use crate::bot::ChatPlatform;
use crate::core::directory::Org;
use crate::core::invocation::{Capabilities, LOCAL_PLATFORM, PlatformKind};
use crate::core::message::Message;
use crate::core::outbound::Destination;
use crate::relay::{Courier, Failure};
use crate::store::{NewOutbound, OutboxItem};

/// The outbox method of a console delivery.
const DELIVER: &str = "deliver";

/// The console's "chat platform": deliveries are kept until the session prints them.
#[derive(Debug, Default)]
pub struct ConsolePlatform {
    delivered: Mutex<Vec<(Destination, Message)>>,
}

impl ConsolePlatform {
    /// Takes everything delivered since the last call, in order.
    pub fn drain(&self) -> Vec<(Destination, Message)> {
        std::mem::take(&mut *self.delivered.lock().unwrap_or_else(|e| e.into_inner()))
    }
}

impl ChatPlatform for ConsolePlatform {
    fn kind(&self) -> PlatformKind {
        LOCAL_PLATFORM
    }

    fn capabilities(&self) -> Capabilities {
        Capabilities::ALL
    }

    /// `@ana` (or `@Ana,`) is a mention of the person whose email starts with `ana@`.
    fn parse_mention(&self, token: &str) -> Option<String> {
        parse_mention(token)
    }

    fn render(
        &self,
        org: &Org,
        to: &Destination,
        message: &Message,
        at: DateTime<Utc>,
    ) -> Vec<NewOutbound> {
        let payload = serde_json::json!({ "to": to, "message": message });
        vec![NewOutbound {
            platform: LOCAL_PLATFORM.as_str(),
            org_key: org.platform_org_id.clone(),
            method: DELIVER.to_string(),
            payload: payload.to_string(),
            urgent: false,
            at,
        }]
    }
}

#[async_trait]
impl Courier for ConsolePlatform {
    fn platform(&self) -> &'static str {
        LOCAL_PLATFORM.as_str()
    }

    fn calls_per_second(&self) -> u32 {
        // Nothing to protect: the terminal takes everything at once.
        1_000_000
    }

    async fn send(&self, item: &OutboxItem) -> Result<(), Failure> {
        #[derive(serde::Deserialize)]
        struct Delivery {
            to: Destination,
            message: Message,
        }
        let delivery: Delivery = serde_json::from_str(&item.payload)
            .map_err(|e| Failure::Permanent(format!("unreadable console delivery: {e}")))?;
        self.delivered
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .push((delivery.to, delivery.message));
        Ok(())
    }
}

/// A handle as typed in the console (`@ana`, `@Ana,`), lowercased; `None` when the token is
/// not a mention.
pub fn parse_mention(token: &str) -> Option<String> {
    let handle = token.strip_prefix('@')?;
    let valid = !handle.is_empty()
        && handle
            .chars()
            .all(|c| c.is_alphanumeric() || matches!(c, '.' | '_' | '-' | '+'));
    valid.then(|| handle.to_lowercase())
}
