//! Modals and the App Home tab (Slack "views"), and reading modal submissions back.
//!
//! A modal is how Slack users expect to fill in a form: `/kudos` with no text opens the kudos
//! modal, the "Give kudos" message shortcut opens it prefilled, and the pulse's comment button
//! opens the comment modal. A submission is turned back into the same command text a person could
//! have typed (`/kudos <@U1> thanks for … #ownership`), so the bot has one code path for both.
//!
//! Block and action ids are fixed here (and in `/work/slack-design.md`) because Slack reports a
//! submission as `view.state.values[block_id][action_id]`:
//!
//! ```text
//! kudos-modal          kudos_people/people (multi_users_select) · kudos_message/message
//!                      (plain_text_input, multiline) · kudos_value/value (static_select, optional)
//! pulse-comment-modal  pulse_comment/comment (plain_text_input, multiline)
//! ```

use std::collections::HashMap;

use serde_json::Value;
use slack_morphism::prelude::{
    SlackActionId, SlackBlock, SlackBlockChoiceItem, SlackBlockId,
    SlackBlockMultiUsersSelectElement, SlackBlockPlainTextInputElement, SlackBlockPlainTextOnly,
    SlackBlockStaticSelectElement, SlackCallbackId, SlackHomeView, SlackInputBlock,
    SlackInputBlockElement, SlackModalView, SlackView, SlackViewSubmissionErrorsResponse,
    SlackViewSubmissionResponse,
};

use super::render::{
    OPTION_TEXT_MAX_CHARS, PLACEHOLDER_MAX_CHARS, SELECT_MAX_OPTIONS, cap_blocks,
    label_or_ellipsis, render_all, truncate_chars,
};
use crate::core::message::Message;

/// The callback id Slack reports with a kudos modal submission.
pub const KUDOS_MODAL_CALLBACK_ID: &str = "kudos-modal";
/// The block holding the kudos recipients (errors about them are shown under it).
pub const KUDOS_PEOPLE_BLOCK: &str = "kudos_people";
/// The action id of the recipients' multi users select.
pub const KUDOS_PEOPLE_ACTION: &str = "people";
/// The block holding the kudos message.
pub const KUDOS_MESSAGE_BLOCK: &str = "kudos_message";
/// The action id of the kudos message input.
pub const KUDOS_MESSAGE_ACTION: &str = "message";
/// The block holding the optional company value.
pub const KUDOS_VALUE_BLOCK: &str = "kudos_value";
/// The action id of the company value select.
pub const KUDOS_VALUE_ACTION: &str = "value";
/// The callback id Slack reports with a pulse comment modal submission.
pub const PULSE_COMMENT_MODAL_CALLBACK_ID: &str = "pulse-comment-modal";
/// The block holding the pulse comment.
pub const PULSE_COMMENT_BLOCK: &str = "pulse_comment";
/// The action id of the pulse comment input.
pub const PULSE_COMMENT_ACTION: &str = "comment";

/// Slack's limit on a modal's title and its submit and close labels.
pub const MODAL_TITLE_MAX_CHARS: usize = 24;
/// Slack's limit on an input block's label and hint.
pub const INPUT_LABEL_MAX_CHARS: usize = 2000;
/// Slack's limit on a plain text input's value.
pub const TEXT_INPUT_MAX_CHARS: usize = 3000;
/// Slack's limit on the blocks of a modal or the App Home tab.
pub const VIEW_MAX_BLOCKS: usize = 100;

/// The kudos modal's words in the person's language; the adapter fills them from Fluent, so this
/// module stays free of translations.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct KudosModalLabels {
    /// The modal title (Slack shows at most 24 characters).
    pub title: String,
    /// The submit button.
    pub submit: String,
    /// The close button.
    pub close: String,
    /// The label of the people picker.
    pub people_label: String,
    /// Shown in the people picker before anyone is chosen.
    pub people_placeholder: String,
    /// The label of the message input.
    pub message_label: String,
    /// Shown in the message input before anything is typed.
    pub message_placeholder: String,
    /// The label of the value select.
    pub value_label: String,
    /// Shown in the value select before a value is chosen.
    pub value_placeholder: String,
}

/// What the kudos modal starts with: empty for `/kudos`, the author and text of a message for the
/// "Give kudos" message shortcut.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct KudosPrefill {
    /// Slack user ids chosen at the start.
    pub people: Vec<String>,
    /// The message text at the start, as plain text (use
    /// [`unescape_mrkdwn`](super::render::unescape_mrkdwn) on Slack message text first).
    pub message: Option<String>,
    /// The channel the modal was opened from, carried in `private_metadata` so the submission
    /// can answer there; `None` when there is no channel (a shortcut from the App Home).
    pub channel: Option<String>,
}

/// A kudos modal as submitted: given to the bot as it is, never turned back into command text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KudosSubmission {
    /// The chosen Slack user ids, in order, without duplicates.
    pub people: Vec<String>,
    /// The message, trimmed; never empty.
    pub message: String,
    /// The chosen company value, if any.
    pub value: Option<String>,
}

/// Why a kudos modal submission is refused, naming the block Slack shows the error under
/// (`{"response_action":"errors","errors":{block_id: message}}`, see [`view_errors`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum KudosFormError {
    /// Nobody was chosen.
    #[error("no people chosen")]
    NoPeople,
    /// The message is empty or only spaces.
    #[error("empty message")]
    EmptyMessage,
}

impl KudosFormError {
    /// The block the error belongs under.
    pub fn block_id(&self) -> &'static str {
        match self {
            KudosFormError::NoPeople => KUDOS_PEOPLE_BLOCK,
            KudosFormError::EmptyMessage => KUDOS_MESSAGE_BLOCK,
        }
    }
}

/// The pulse comment modal's words in the person's language, filled by the adapter from Fluent.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CommentModalLabels {
    /// The modal title (Slack shows at most 24 characters).
    pub title: String,
    /// The submit button.
    pub submit: String,
    /// The close button.
    pub close: String,
    /// The label of the comment input.
    pub label: String,
    /// Shown in the input before anything is typed.
    pub placeholder: String,
    /// Small print under the input (e.g. that comments are anonymous); empty for none.
    pub hint: String,
}

/// Why a pulse comment submission is refused, naming the block Slack shows the error under.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum CommentFormError {
    /// The comment is empty or only spaces.
    #[error("empty comment")]
    Empty,
}

impl CommentFormError {
    /// The block the error belongs under.
    pub fn block_id(&self) -> &'static str {
        match self {
            CommentFormError::Empty => PULSE_COMMENT_BLOCK,
        }
    }
}

/// The kudos modal (views.open with the command's or shortcut's trigger_id): people, message and
/// an optional company value, in the person's language.
///
/// `values` are the company values from the config; with none, the value select is left out
/// (Slack rejects a select without options). `private_metadata` is `{"channel":"C…"}` (empty
/// string without a channel); read it back with [`kudos_modal_channel`].
pub fn kudos_modal(
    labels: &KudosModalLabels,
    values: &[String],
    prefill: &KudosPrefill,
) -> SlackView {
    let people = SlackBlockMultiUsersSelectElement::new()
        .with_action_id(SlackActionId(KUDOS_PEOPLE_ACTION.into()))
        .opt_placeholder(placeholder(&labels.people_placeholder))
        .opt_initial_users((!prefill.people.is_empty()).then(|| prefill.people.clone()));
    let message = SlackBlockPlainTextInputElement::new()
        .with_action_id(SlackActionId(KUDOS_MESSAGE_ACTION.into()))
        .with_multiline(true)
        .opt_placeholder(placeholder(&labels.message_placeholder))
        .opt_initial_value(
            prefill
                .message
                .as_deref()
                .filter(|m| !m.trim().is_empty())
                .map(|m| m.chars().take(TEXT_INPUT_MAX_CHARS).collect()),
        );
    let mut blocks: Vec<SlackBlock> = vec![
        input(KUDOS_PEOPLE_BLOCK, &labels.people_label, people.into()).into(),
        input(KUDOS_MESSAGE_BLOCK, &labels.message_label, message.into()).into(),
    ];
    if !values.is_empty() {
        let options = values
            .iter()
            .take(SELECT_MAX_OPTIONS)
            .map(|v| {
                SlackBlockChoiceItem::new(
                    plain(&label_or_ellipsis(v, OPTION_TEXT_MAX_CHARS)),
                    v.clone(),
                )
            })
            .collect();
        let select = SlackBlockStaticSelectElement::new()
            .with_action_id(SlackActionId(KUDOS_VALUE_ACTION.into()))
            .with_options(options)
            .opt_placeholder(placeholder(&labels.value_placeholder));
        blocks.push(
            input(KUDOS_VALUE_BLOCK, &labels.value_label, select.into())
                .with_optional(true)
                .into(),
        );
    }
    let metadata = serde_json::json!({ "channel": prefill.channel.clone().unwrap_or_default() });
    SlackView::Modal(
        modal(&labels.title, &labels.submit, &labels.close, blocks)
            .with_callback_id(SlackCallbackId(KUDOS_MODAL_CALLBACK_ID.into()))
            .with_private_metadata(metadata.to_string()),
    )
}

/// The channel a kudos modal was opened from, read from its `private_metadata`; `None` when
/// there was none or the metadata is not ours.
pub fn kudos_modal_channel(private_metadata: &str) -> Option<String> {
    let v: Value = serde_json::from_str(private_metadata).ok()?;
    v.get("channel")
        .and_then(Value::as_str)
        .filter(|c| !c.is_empty())
        .map(str::to_string)
}

/// Reads a kudos modal submission from `view.state.values` of a view_submission payload.
///
/// People are deduplicated and anything that is not a Slack user id is dropped (they go into
/// `<@…>` in the command text); the message is trimmed. Errors name the block to mark.
pub fn parse_kudos_submission(
    view_state_values: &Value,
) -> Result<KudosSubmission, KudosFormError> {
    let mut people: Vec<String> = Vec::new();
    let selected = state(view_state_values, KUDOS_PEOPLE_BLOCK, KUDOS_PEOPLE_ACTION)
        .and_then(|v| v.get("selected_users"))
        .and_then(Value::as_array);
    for id in selected.into_iter().flatten().filter_map(Value::as_str) {
        if is_user_id(id) && !people.iter().any(|p| p == id) {
            people.push(id.to_string());
        }
    }
    if people.is_empty() {
        return Err(KudosFormError::NoPeople);
    }
    let message = text_value(view_state_values, KUDOS_MESSAGE_BLOCK, KUDOS_MESSAGE_ACTION)
        .ok_or(KudosFormError::EmptyMessage)?;
    let value = state(view_state_values, KUDOS_VALUE_BLOCK, KUDOS_VALUE_ACTION)
        .and_then(|v| v.get("selected_option"))
        .and_then(|o| o.get("value"))
        .and_then(Value::as_str)
        .map(str::trim)
        .filter(|v| !v.is_empty())
        .map(str::to_string);
    Ok(KudosSubmission {
        people,
        message,
        value,
    })
}

/// The pulse comment modal, opened by the pulse message's comment button: one multiline input.
pub fn pulse_comment_modal(labels: &CommentModalLabels) -> SlackView {
    let element = SlackBlockPlainTextInputElement::new()
        .with_action_id(SlackActionId(PULSE_COMMENT_ACTION.into()))
        .with_multiline(true)
        .opt_placeholder(placeholder(&labels.placeholder));
    let mut block = input(PULSE_COMMENT_BLOCK, &labels.label, element.into());
    if !labels.hint.trim().is_empty() {
        block = block.with_hint(plain(&truncate_chars(&labels.hint, INPUT_LABEL_MAX_CHARS)));
    }
    SlackView::Modal(
        modal(
            &labels.title,
            &labels.submit,
            &labels.close,
            vec![block.into()],
        )
        .with_callback_id(SlackCallbackId(PULSE_COMMENT_MODAL_CALLBACK_ID.into())),
    )
}

/// Reads a pulse comment from `view.state.values`: the trimmed text, never empty.
pub fn parse_comment_submission(view_state_values: &Value) -> Result<String, CommentFormError> {
    text_value(view_state_values, PULSE_COMMENT_BLOCK, PULSE_COMMENT_ACTION)
        .ok_or(CommentFormError::Empty)
}

/// The command a comment submission stands for: `/pulse comment {text}`. Line breaks are kept;
/// the command parser takes the rest of the text as the comment.
pub fn comment_command_text(comment: &str) -> String {
    format!("/pulse comment {}", comment.trim())
}

/// The answer to a refused submission: Slack keeps the modal open and shows `message` under the
/// block `block_id` (an id from [`KudosFormError::block_id`] or [`CommentFormError::block_id`]).
pub fn view_errors(block_id: &str, message: &str) -> SlackViewSubmissionResponse {
    let errors = HashMap::from([(block_id.to_string(), message.to_string())]);
    SlackViewSubmissionResponse::Errors(SlackViewSubmissionErrorsResponse::new(errors))
}

/// The App Home tab (views.publish): the same blocks as a message, so the narrative's
/// acknowledgement button and pending pulse questions work there exactly as in a DM.
///
/// A Home view holds at most [`VIEW_MAX_BLOCKS`] blocks; beyond that the last block is "…".
pub fn home_view(message: &Message) -> SlackView {
    SlackView::Home(SlackHomeView::new(cap_blocks(
        render_all(message),
        VIEW_MAX_BLOCKS,
    )))
}

fn plain(text: &str) -> SlackBlockPlainTextOnly {
    text.to_string().into()
}

fn placeholder(text: &str) -> Option<SlackBlockPlainTextOnly> {
    (!text.trim().is_empty()).then(|| plain(&truncate_chars(text, PLACEHOLDER_MAX_CHARS)))
}

fn input(block_id: &str, label: &str, element: SlackInputBlockElement) -> SlackInputBlock {
    SlackInputBlock::new(
        plain(&label_or_ellipsis(label, INPUT_LABEL_MAX_CHARS)),
        element,
    )
    .with_block_id(SlackBlockId(block_id.into()))
}

fn modal(title: &str, submit: &str, close: &str, blocks: Vec<SlackBlock>) -> SlackModalView {
    SlackModalView::new(
        plain(&label_or_ellipsis(title, MODAL_TITLE_MAX_CHARS)),
        blocks,
    )
    .with_submit(plain(&label_or_ellipsis(submit, MODAL_TITLE_MAX_CHARS)))
    .with_close(plain(&label_or_ellipsis(close, MODAL_TITLE_MAX_CHARS)))
}

fn state<'a>(values: &'a Value, block_id: &str, action_id: &str) -> Option<&'a Value> {
    values.get(block_id)?.get(action_id)
}

/// A plain text input's trimmed value; `None` when missing, null or blank.
fn text_value(values: &Value, block_id: &str, action_id: &str) -> Option<String> {
    state(values, block_id, action_id)?
        .get("value")?
        .as_str()
        .map(str::trim)
        .filter(|t| !t.is_empty())
        .map(str::to_string)
}

fn is_user_id(id: &str) -> bool {
    !id.is_empty() && id.chars().all(|c| c.is_ascii_alphanumeric())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::message::{Block, Button, ButtonStyle, RichText};
    use serde_json::json;

    fn labels() -> KudosModalLabels {
        KudosModalLabels {
            title: "Give kudos".into(),
            submit: "Send".into(),
            close: "Cancel".into(),
            people_label: "Who".into(),
            people_placeholder: "Choose people".into(),
            message_label: "What did they do?".into(),
            message_placeholder: "They …".into(),
            value_label: "Value".into(),
            value_placeholder: "Pick a value".into(),
        }
    }

    fn values() -> Vec<String> {
        vec!["customer-first".into(), "ownership".into()]
    }

    fn to_json(view: &SlackView) -> Value {
        serde_json::to_value(view).expect("view serialises")
    }

    #[test]
    fn the_kudos_modal_has_the_documented_blocks_and_actions() {
        let v = to_json(&kudos_modal(&labels(), &values(), &KudosPrefill::default()));
        assert_eq!(
            v,
            json!({
                "type": "modal",
                "callback_id": "kudos-modal",
                "private_metadata": "{\"channel\":\"\"}",
                "title": {"type":"plain_text","text":"Give kudos"},
                "submit": {"type":"plain_text","text":"Send"},
                "close": {"type":"plain_text","text":"Cancel"},
                "blocks": [
                    {"type":"input","block_id":"kudos_people","label":{"type":"plain_text","text":"Who"},
                     "element":{"type":"multi_users_select","action_id":"people",
                                "placeholder":{"type":"plain_text","text":"Choose people"}}},
                    {"type":"input","block_id":"kudos_message",
                     "label":{"type":"plain_text","text":"What did they do?"},
                     "element":{"type":"plain_text_input","action_id":"message","multiline":true,
                                "placeholder":{"type":"plain_text","text":"They …"}}},
                    {"type":"input","block_id":"kudos_value","label":{"type":"plain_text","text":"Value"},
                     "optional":true,
                     "element":{"type":"static_select","action_id":"value",
                                "placeholder":{"type":"plain_text","text":"Pick a value"},
                                "options":[
                                    {"text":{"type":"plain_text","text":"customer-first"},"value":"customer-first"},
                                    {"text":{"type":"plain_text","text":"ownership"},"value":"ownership"}]}}
                ]
            })
        );
    }

    #[test]
    fn the_message_shortcut_prefills_people_message_and_channel() {
        let prefill = KudosPrefill {
            people: vec!["U2BEN".into()],
            message: Some("Fixed the <Acme> outage & stayed late".into()),
            channel: Some("C123".into()),
        };
        let v = to_json(&kudos_modal(&labels(), &values(), &prefill));
        assert_eq!(v["blocks"][0]["element"]["initial_users"], json!(["U2BEN"]));
        assert_eq!(
            v["blocks"][1]["element"]["initial_value"],
            "Fixed the <Acme> outage & stayed late"
        );
        let metadata = v["private_metadata"].as_str().expect("metadata");
        assert_eq!(kudos_modal_channel(metadata), Some("C123".into()));
    }

    #[test]
    fn without_company_values_there_is_no_value_select_and_long_labels_are_cut() {
        let mut long = labels();
        long.title = "A title much longer than Slack allows".into();
        long.submit = String::new();
        let v = to_json(&kudos_modal(&long, &[], &KudosPrefill::default()));
        assert_eq!(v["blocks"].as_array().map(Vec::len), Some(2));
        let title = v["title"]["text"].as_str().expect("title");
        assert_eq!(title.chars().count(), MODAL_TITLE_MAX_CHARS);
        assert!(title.ends_with('…'));
        assert_eq!(v["submit"]["text"], "…");
    }

    #[test]
    fn the_channel_is_none_for_empty_or_foreign_metadata() {
        assert_eq!(kudos_modal_channel("{\"channel\":\"\"}"), None);
        assert_eq!(kudos_modal_channel("This is for you!"), None);
        assert_eq!(kudos_modal_channel(""), None);
    }

    /// `view.state.values` as Slack sends it in a view_submission payload.
    fn kudos_state(people: Value, message: Value, value: Value) -> Value {
        json!({
            "kudos_people": {"people": {"type": "multi_users_select", "selected_users": people}},
            "kudos_message": {"message": {"type": "plain_text_input", "value": message}},
            "kudos_value": {"value": {"type": "static_select", "selected_option": value}}
        })
    }

    #[test]
    fn a_slack_view_submission_parses_into_command_text() {
        // Arrange: a whole view_submission payload, shaped like Bolt's test fixture.
        let payload = json!({
            "type": "view_submission",
            "team": {"id": "T111", "domain": "workspace-domain"},
            "user": {"id": "W111", "username": "primary-owner", "team_id": "T111"},
            "api_app_id": "A111", "trigger_id": "111.222.valid",
            "view": {
                "id": "V111", "team_id": "T111", "type": "modal", "callback_id": "kudos-modal",
                "private_metadata": "{\"channel\":\"C111\"}",
                "blocks": [],
                "state": {"values": kudos_state(
                    json!(["U1ANA", "U2BEN", "U1ANA"]),
                    json!("  Calmed an angry customer\non a Friday night  "),
                    json!({"text": {"type": "plain_text", "text": "ownership", "emoji": true},
                           "value": "ownership"})
                )},
                "hash": "1596530361.3wRYuk3R", "title": {"type": "plain_text", "text": "Kudos"}
            }
        });
        // Act
        let submission =
            parse_kudos_submission(&payload["view"]["state"]["values"]).expect("valid form");
        // Assert
        assert_eq!(
            submission,
            KudosSubmission {
                people: vec!["U1ANA".into(), "U2BEN".into()],
                message: "Calmed an angry customer\non a Friday night".into(),
                value: Some("ownership".into()),
            }
        );
        // The typed state model of slack-morphism reads the same payload.
        let typed: slack_morphism::prelude::SlackViewState =
            serde_json::from_value(payload["view"]["state"].clone()).expect("typed state");
        assert_eq!(typed.values.len(), 3);
    }

    #[test]
    fn without_a_value_there_is_no_tag() {
        let state = kudos_state(json!(["U1"]), json!("thanks"), Value::Null);
        let submission = parse_kudos_submission(&state).expect("valid");
        assert_eq!(submission.value, None);
        // Slack leaves the optional select out entirely when nothing is chosen.
        let without = json!({
            "kudos_people": {"people": {"type": "multi_users_select", "selected_users": ["U1"]}},
            "kudos_message": {"message": {"type": "plain_text_input", "value": "thanks"}}
        });
        assert_eq!(parse_kudos_submission(&without), Ok(submission));
    }

    #[test]
    fn refused_kudos_forms_name_the_block_to_mark() {
        let no_people = kudos_state(json!([]), json!("thanks"), Value::Null);
        let blank = kudos_state(json!(["U1"]), json!(" \n "), Value::Null);
        let missing = kudos_state(json!(["U1"]), Value::Null, Value::Null);
        let bad_ids = kudos_state(json!(["U1> <!channel"]), json!("x"), Value::Null);
        for (state, error, block) in [
            (&no_people, KudosFormError::NoPeople, "kudos_people"),
            (&bad_ids, KudosFormError::NoPeople, "kudos_people"),
            (&blank, KudosFormError::EmptyMessage, "kudos_message"),
            (&missing, KudosFormError::EmptyMessage, "kudos_message"),
            (&json!({}), KudosFormError::NoPeople, "kudos_people"),
        ] {
            assert_eq!(parse_kudos_submission(state), Err(error));
            assert_eq!(error.block_id(), block);
        }
    }

    #[test]
    fn a_refusal_becomes_slacks_errors_response() {
        let response = view_errors(KudosFormError::EmptyMessage.block_id(), "Say what they did");
        assert_eq!(
            serde_json::to_value(&response).expect("serialises"),
            json!({"response_action":"errors","errors":{"kudos_message":"Say what they did"}})
        );
    }

    #[test]
    fn the_comment_modal_has_one_multiline_input() {
        let labels = CommentModalLabels {
            title: "Comment".into(),
            submit: "Send".into(),
            close: "Cancel".into(),
            label: "Your comment".into(),
            placeholder: String::new(),
            hint: "Anonymous: nobody sees who wrote it.".into(),
        };
        assert_eq!(
            to_json(&pulse_comment_modal(&labels)),
            json!({
                "type": "modal",
                "callback_id": "pulse-comment-modal",
                "title": {"type":"plain_text","text":"Comment"},
                "submit": {"type":"plain_text","text":"Send"},
                "close": {"type":"plain_text","text":"Cancel"},
                "blocks": [{"type":"input","block_id":"pulse_comment",
                            "label":{"type":"plain_text","text":"Your comment"},
                            "hint":{"type":"plain_text","text":"Anonymous: nobody sees who wrote it."},
                            "element":{"type":"plain_text_input","action_id":"comment","multiline":true}}]
            })
        );
    }

    #[test]
    fn a_comment_submission_is_its_trimmed_text_and_never_empty() {
        let state = |v: Value| json!({"pulse_comment": {"comment": {"type": "plain_text_input", "value": v}}});
        let text =
            parse_comment_submission(&state(json!("  More time\nfor customers "))).expect("ok");
        assert_eq!(text, "More time\nfor customers");
        assert_eq!(
            comment_command_text(&text),
            "/pulse comment More time\nfor customers"
        );
        for empty in [json!(""), json!("   "), Value::Null] {
            let error = parse_comment_submission(&state(empty)).expect_err("empty");
            assert_eq!(error.block_id(), "pulse_comment");
        }
    }

    #[test]
    fn the_home_tab_shows_the_message_blocks_and_at_most_a_hundred() {
        let message = Message::public(vec![
            Block::Header("Our narrative".into()),
            Block::Buttons(vec![Button {
                action: "narrative-ack:3".into(),
                label: "Got it".into(),
                style: ButtonStyle::Primary,
            }]),
        ]);
        let v = to_json(&home_view(&message));
        assert_eq!(v["type"], "home");
        assert_eq!(
            v["blocks"][1]["elements"][0]["action_id"],
            "narrative-ack:3"
        );

        let long = Message::public(vec![Block::Section(RichText::text("x")); 150]);
        let v = to_json(&home_view(&long));
        assert_eq!(v["blocks"].as_array().map(Vec::len), Some(VIEW_MAX_BLOCKS));
        assert_eq!(v["blocks"][VIEW_MAX_BLOCKS - 1]["elements"][0]["text"], "…");
    }
}
