//! The console adapter: a terminal chat with the bot, for trying everything without an account.
//!
//! [`ConsolePlatform`] collects what the bot sends; [`ConsoleSession`] plays the person at the
//! keyboard (`/as`, `/click`, `/advance`, …) and prints every message marked with its recipient
//! or channel; [`run`] connects a session to stdin and stdout, interactively or from a script.

mod render;
mod run;
mod session;

use std::sync::Mutex;

use async_trait::async_trait;

pub use render::{escape, render};
pub use run::run;
pub use session::{ConsoleSession, Step};

use super::{ChatPlatform, Destination, PlatformError};
use crate::core::directory::Org;
use crate::core::invocation::PlatformKind;
use crate::core::message::Message;

/// The console's "chat platform": deliveries are kept until the session prints them.
#[derive(Debug, Default)]
pub struct ConsolePlatform {
    outbox: Mutex<Vec<(Destination, Message)>>,
}

impl ConsolePlatform {
    /// Takes everything delivered since the last call, in order.
    pub fn drain(&self) -> Vec<(Destination, Message)> {
        std::mem::take(&mut *self.outbox.lock().unwrap_or_else(|e| e.into_inner()))
    }
}

#[async_trait]
impl ChatPlatform for ConsolePlatform {
    fn kind(&self) -> PlatformKind {
        PlatformKind::Console
    }

    /// `@ana` (or `@Ana,`) is a mention of the person whose email starts with `ana@`.
    fn parse_mention(&self, token: &str) -> Option<String> {
        let handle = token.strip_prefix('@')?;
        let valid = !handle.is_empty()
            && handle
                .chars()
                .all(|c| c.is_alphanumeric() || matches!(c, '.' | '_' | '-' | '+'));
        valid.then(|| handle.to_lowercase())
    }

    async fn send(
        &self,
        _org: &Org,
        to: &Destination,
        message: &Message,
    ) -> Result<(), PlatformError> {
        self.outbox
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .push((to.clone(), message.clone()));
        Ok(())
    }
}
