//! Events API callbacks: reactions that give kudos, the App Home, newcomers, uninstalls.

use serde_json::{Value, json};
use slack_morphism::prelude::*;

use super::*;

pub(super) async fn event(
    slack: &SlackPlatform,
    bot: &Bot,
    e: SlackPushEvent,
) -> anyhow::Result<()> {
    let SlackPushEvent::EventCallback(cb) = e else {
        return Ok(());
    };
    let team = cb.team_id.to_string();
    let event_id = cb.event_id.to_string();
    match cb.event {
        SlackEventCallbackBody::ReactionAdded(r) => {
            reaction(slack, bot, &team, &r, &event_id).await
        }
        SlackEventCallbackBody::AppHomeOpened(h) => {
            if h.tab.as_deref().is_none_or(|t| t == "home") {
                publish_home(slack, bot, &team, h.user.as_ref()).await?;
            }
            Ok(())
        }
        SlackEventCallbackBody::TeamJoin(j) => {
            crate::platform::slack::directory::sync_one(slack, &team, &j.user).await?;
            // The first thing the bot handles for a person greets them with the narrative.
            publish_home(slack, bot, &team, j.user.id.as_ref()).await
        }
        SlackEventCallbackBody::AppUninstalled(_) => {
            uninstalled(slack, &team, "app_uninstalled").await
        }
        SlackEventCallbackBody::Unknown(v)
            if v.get("type").and_then(Value::as_str) == Some("tokens_revoked") =>
        {
            uninstalled(slack, &team, "tokens_revoked").await
        }
        _ => Ok(()),
    }
}

pub(super) async fn uninstalled(
    slack: &SlackPlatform,
    team: &str,
    why: &str,
) -> anyhow::Result<()> {
    let had = slack.store().delete_slack_install(team).await?;
    slack.forget_token(team).await;
    slack.store().outbox_discard_team(team, slack.now()).await?;
    tracing::info!(
        team,
        why,
        had_token = had,
        "a workspace removed the app; its token is deleted"
    );
    Ok(())
}

pub(super) async fn publish_home(
    slack: &SlackPlatform,
    bot: &Bot,
    team: &str,
    user: &str,
) -> anyhow::Result<()> {
    let home = bot.handle(invocation(team, user, Input::Home, None)).await;
    let view = views::home_view(&home);
    slack
        .enqueue(vec![NewOutbound {
            team_id: team.to_string(),
            method: "views.publish".to_string(),
            payload: json!({ "user_id": user, "view": view }).to_string(),
        }])
        .await?;
    Ok(())
}

pub(super) async fn reaction(
    slack: &SlackPlatform,
    bot: &Bot,
    team: &str,
    r: &SlackReactionAddedEvent,
    event_id: &str,
) -> anyhow::Result<()> {
    let emoji = slack
        .settings()
        .kudos_reaction
        .trim_matches(':')
        .to_string();
    if r.reaction.to_string() != emoji {
        return Ok(());
    }
    let Some(author) = r.item_user.as_ref().map(|u| u.to_string()) else {
        return Ok(());
    };
    let giver = r.user.to_string();
    ensure_known(slack, team, &giver).await;
    let SlackReactionsItem::Message(message) = &r.item else {
        return Ok(());
    };
    let token = slack.token_for(team).await?;
    if author == giver || author == token.bot_user_id {
        return Ok(());
    }
    let channel = message.origin.channel.as_ref().map(|c| c.to_string());
    let ts = message.origin.ts.to_string();
    let link = match &channel {
        Some(ch) => permalink(slack, &token, ch, &ts).await,
        None => None,
    };
    let l = locale_of(slack, bot, team, &giver).await;
    let why = match link {
        Some(link) => bot.i18n().tr(
            l,
            "slack-reaction-kudos",
            &[("emoji", emoji.clone().into()), ("link", link.into())],
        ),
        None => bot.i18n().tr(
            l,
            "slack-reaction-kudos-nolink",
            &[("emoji", emoji.clone().into())],
        ),
    };
    let reply = bot
        .handle(invocation(
            team,
            &giver,
            Input::Kudos(crate::core::kudos::KudosRequest {
                recipients: vec![author.clone()],
                message: why,
                values: Vec::new(),
            }),
            Some(format!("event:{event_id}")),
        ))
        .await;
    // The giver sees the outcome (thanks sent, or why not) where they reacted.
    let call = match &channel {
        Some(ch) => NewOutbound {
            team_id: team.to_string(),
            method: "chat.postEphemeral".to_string(),
            payload: json!({
                "channel": ch, "user": giver,
                "text": render::fallback_text(&reply),
                "blocks": render::render_blocks(&reply),
            })
            .to_string(),
        },
        None => SlackPlatform::post_calls(team, &giver, &reply).remove(0),
    };
    slack.enqueue(vec![call]).await?;
    Ok(())
}

pub(super) async fn permalink(
    slack: &SlackPlatform,
    token: &crate::platform::slack::TeamToken,
    channel: &str,
    ts: &str,
) -> Option<String> {
    let session = slack.client().open_session(&token.token);
    let answer: Value = session
        .http_session_api
        .http_get(
            "chat.getPermalink",
            &vec![("channel", Some(channel)), ("message_ts", Some(ts))],
            None,
        )
        .await
        .ok()?;
    answer
        .get("permalink")
        .and_then(Value::as_str)
        .map(str::to_string)
}
