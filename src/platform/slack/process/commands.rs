//! Slash commands: the console's grammar, answered through the `response_url`.

use super::Scope;
use super::answer::{self, ReplyTo};
use crate::core::invocation::{Capabilities, Input};
use crate::platform::slack::wire::Command;

pub(super) async fn command(scope: &Scope<'_>, c: &Command) -> anyhow::Result<()> {
    let text = c.text.trim();
    let capabilities = Capabilities {
        update_clicked: false,
        forms: scope.fresh && c.trigger_id.is_some(),
        home: true,
    };
    let invocation = |capabilities| {
        scope.invocation(
            &c.user_id,
            Input::Command(format!("{} {text}", c.command)),
            c.trigger_id
                .as_ref()
                .map(|t| format!("trigger:{t}"))
                .as_deref(),
            capabilities,
        )
    };
    // A form (`/kudos` alone) comes with the plain answer to show if its trigger expires.
    let (answer, fallback) = scope.answer_with_fallback(invocation, capabilities).await?;
    let to = ReplyTo {
        user: c.user_id.clone(),
        response_url: c.response_url.clone(),
        channel: c.channel_id.clone(),
        trigger_id: c.trigger_id.clone(),
        pressed: None,
    };
    scope
        .queue(answer::calls(scope, &answer, &to, fallback.as_ref()))
        .await
}
