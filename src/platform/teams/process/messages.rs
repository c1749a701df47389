//! Messages to the bot: the command grammar every platform shares, typed in a personal chat
//! (`kudos @Ana for …`) or with the bot mentioned in a channel (`@Ambassador kudos @Ana …`).

use std::collections::HashMap;

use super::super::activity::Activity;
use super::super::mentions;
use super::Scope;
use super::answer::{self, ReplyTo};
use crate::core::invocation::{Capabilities, Input};

/// Teams shows commands without the slash other platforms type; the grammar wants it.
pub fn command_line(text: &str) -> String {
    let text = text.trim();
    if text.is_empty() {
        "/help".to_string()
    } else if text.starts_with('/') {
        text.to_string()
    } else {
        format!("/{text}")
    }
}

pub(super) async fn message(
    scope: &Scope<'_>,
    activity: &Activity,
    mentioned: &HashMap<String, String>,
) -> anyhow::Result<()> {
    let Some(actor) = activity.from.aad_object_id.clone() else {
        tracing::debug!("a Teams message from an account without an Entra id; ignored");
        return Ok(());
    };
    let typed = activity.text.as_deref().unwrap_or_default().trim();
    if typed.is_empty() && activity.value.is_some() {
        // A classic Action.Submit from a card the bot did not send (its cards use
        // Action.Execute): nothing to do.
        return Ok(());
    }
    let text = mentions::command_text(activity, &activity.recipient.id, |account| {
        account
            .aad_object_id
            .clone()
            .or_else(|| mentioned.get(&account.id).cloned())
    });
    let capabilities = Capabilities {
        update_clicked: false,
        forms: true,
        home: false,
    };
    let invocation = scope.invocation(
        &actor,
        Input::Command(command_line(&text)),
        activity.id.as_deref(),
        capabilities,
    );
    let answer = scope.answer(invocation).await?;
    scope
        .queue(answer::calls(scope, &answer, &ReplyTo::of(activity)))
        .await
}

#[cfg(test)]
mod tests {
    use super::command_line;

    #[test]
    fn commands_typed_without_a_slash_get_one() {
        assert_eq!(command_line("  kudos x"), "/kudos x");
        assert_eq!(command_line("/pulse"), "/pulse");
        assert_eq!(command_line(""), "/help");
    }
}
