//! Slash commands: the console's grammar, answered through the `response_url`.

use slack_morphism::prelude::*;

use super::modals::open_kudos_modal;
use super::*;

pub(super) async fn command(
    slack: &SlackPlatform,
    bot: &Bot,
    c: &SlackCommandEvent,
    fresh: bool,
) -> anyhow::Result<()> {
    let team = c.team_id.to_string();
    let user = c.user_id.to_string();
    let text = c.text.as_deref().unwrap_or_default().trim();
    let name = c.command.to_string();
    ensure_known(slack, &team, &user).await;
    if name == "/kudos" && text.is_empty() && fresh {
        let channel = c.channel_id.to_string();
        if open_kudos_modal(
            slack,
            bot,
            &team,
            &user,
            &c.trigger_id,
            &[],
            "",
            Some(&channel),
        )
        .await?
        {
            return Ok(());
        }
    }
    let reply = bot
        .handle(invocation(
            &team,
            &user,
            Input::Command(format!("{name} {text}")),
            Some(format!("trigger:{}", c.trigger_id)),
        ))
        .await;
    let mut calls = vec![response_url_call(
        &team,
        c.response_url.0.as_str(),
        &reply,
        false,
    )];
    for image in render::images(&reply) {
        calls.push(crate::platform::slack::upload_call(&team, &user, image));
    }
    slack.enqueue(calls).await?;
    Ok(())
}
