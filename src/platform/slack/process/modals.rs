//! The kudos and comment modals: opening them in time and checking what comes back.

use serde_json::{Map, Value, json};
use slack_morphism::prelude::*;

use super::*;

pub(super) fn form_error_text(bot: &Bot, l: Locale, block_id: &str) -> String {
    let key = match block_id {
        "kudos_people" => "slack-form-no-people",
        "kudos_message" => "slack-form-no-message",
        _ => "slack-form-no-comment",
    };
    bot.i18n().tr(l, key, &[])
}

/// The errors to show inside a submitted modal, by block id, in the person's language;
/// `None` when the submission is fine (or is not one of ours).
pub async fn modal_errors(
    slack: &SlackPlatform,
    bot: &Bot,
    team: &str,
    raw: &Value,
) -> Option<Map<String, Value>> {
    if raw.get("type").and_then(Value::as_str) != Some("view_submission") {
        return None;
    }
    let callback = raw.pointer("/view/callback_id").and_then(Value::as_str)?;
    let state = raw
        .pointer("/view/state/values")
        .cloned()
        .unwrap_or(Value::Null);
    let block = match callback {
        KUDOS_MODAL => views::parse_kudos_submission(&state)
            .err()?
            .block_id()
            .to_string(),
        COMMENT_MODAL => views::parse_comment_submission(&state)
            .err()?
            .block_id()
            .to_string(),
        _ => return None,
    };
    let user = raw
        .pointer("/user/id")
        .and_then(Value::as_str)
        .unwrap_or_default();
    let l = locale_of(slack, bot, team, user).await;
    let text = form_error_text(bot, l, &block);
    let mut errors = Map::new();
    errors.insert(block, Value::String(text));
    Some(errors)
}

pub(super) fn comment_labels(bot: &Bot, l: Locale) -> views::CommentModalLabels {
    let t = |k: &str| bot.i18n().tr(l, k, &[]);
    views::CommentModalLabels {
        title: t("slack-comment-modal-title"),
        label: t("slack-comment-modal-label"),
        placeholder: String::new(),
        hint: t("slack-comment-modal-hint"),
        submit: t("slack-modal-submit"),
        close: t("slack-modal-cancel"),
    }
}

#[allow(clippy::too_many_arguments)]
pub(super) async fn open_kudos_modal(
    slack: &SlackPlatform,
    bot: &Bot,
    team: &str,
    user: &str,
    trigger: &SlackTriggerId,
    people: &[String],
    message: &str,
    channel: Option<&str>,
) -> anyhow::Result<bool> {
    let l = locale_of(slack, bot, team, user).await;
    let t = |k: &str| bot.i18n().tr(l, k, &[]);
    let config = bot.config();
    let labels = views::KudosModalLabels {
        title: t("slack-kudos-modal-title"),
        people_label: t("slack-kudos-modal-people"),
        people_placeholder: String::new(),
        message_label: t("slack-kudos-modal-message"),
        message_placeholder: bot.i18n().tr(
            l,
            "slack-kudos-modal-message-hint",
            &[
                ("min", config.kudos.min_message_chars.into()),
                ("channel", config.settings.kudos.channel.clone().into()),
            ],
        ),
        value_label: t("slack-kudos-modal-value"),
        value_placeholder: t("slack-kudos-modal-value-placeholder"),
        submit: t("slack-modal-submit"),
        close: t("slack-modal-cancel"),
    };
    let prefill = views::KudosPrefill {
        people: people.to_vec(),
        message: (!message.is_empty()).then(|| message.to_string()),
        channel: channel.filter(|c| !c.is_empty()).map(str::to_string),
    };
    let view = views::kudos_modal(&labels, &config.kudos.values, &prefill);
    open_view(slack, team, trigger, &view).await
}

/// Opens a modal at once (a trigger expires in seconds, so this never waits in the queue).
/// Returns whether Slack opened it.
pub(super) async fn open_view(
    slack: &SlackPlatform,
    team: &str,
    trigger: &SlackTriggerId,
    view: &SlackView,
) -> anyhow::Result<bool> {
    let token = slack.token_for(team).await?;
    let session = slack.client().open_session(&token.token);
    let payload = json!({ "trigger_id": trigger.to_string(), "view": view });
    match crate::platform::slack::outbox::call(&session, "views.open", &payload).await {
        Ok(_) => Ok(true),
        Err(e) => {
            tracing::warn!(error = ?e, "a modal could not be opened");
            Ok(false)
        }
    }
}
