//! Modals and the App Home tab (Slack "views"), and reading modal submissions back.
//!
//! A [`Form`] from the bot becomes a modal: each field an input block whose `block_id` is the
//! field's id, so a submission's `view.state.values[block_id][action_id]` reads straight back
//! into a [`Submission`]. The callback and action ids stay the ones the app has always used:
//!
//! ```text
//! kudos-modal          kudos_people/people (multi_users_select) · kudos_message/message
//!                      (plain_text_input, multiline) · kudos_value/value (static_select, optional)
//! pulse-comment-modal  pulse_comment/comment (plain_text_input, multiline)
//! ```

use std::collections::{BTreeMap, HashMap};

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
use crate::core::form::{FieldInput, FieldValue, Form, FormField, FormKind, Submission};
use crate::core::message::Message;

/// The callback id Slack reports with a kudos modal submission.
pub const KUDOS_MODAL_CALLBACK_ID: &str = "kudos-modal";
/// The callback id Slack reports with a pulse comment modal submission.
pub const PULSE_COMMENT_MODAL_CALLBACK_ID: &str = "pulse-comment-modal";

/// Slack's limit on a modal's title and its submit and close labels.
pub const MODAL_TITLE_MAX_CHARS: usize = 24;
/// Slack's limit on an input block's label and hint.
pub const INPUT_LABEL_MAX_CHARS: usize = 2000;
/// Slack's limit on a plain text input's value.
pub const TEXT_INPUT_MAX_CHARS: usize = 3000;
/// Slack's limit on the blocks of a modal or the App Home tab.
pub const VIEW_MAX_BLOCKS: usize = 100;

/// The modal's callback id for a kind of form.
pub fn callback_id(kind: FormKind) -> &'static str {
    match kind {
        FormKind::Kudos => KUDOS_MODAL_CALLBACK_ID,
        FormKind::PulseComment => PULSE_COMMENT_MODAL_CALLBACK_ID,
    }
}

/// The kind of form a modal's callback id stands for; `None` for views that are not ours.
pub fn form_kind(callback_id: &str) -> Option<FormKind> {
    match callback_id {
        KUDOS_MODAL_CALLBACK_ID => Some(FormKind::Kudos),
        PULSE_COMMENT_MODAL_CALLBACK_ID => Some(FormKind::PulseComment),
        _ => None,
    }
}

/// A field's action id: its id without the form's prefix (`kudos_people` → `people`).
fn action_id(field_id: &str) -> &str {
    field_id.split_once('_').map(|(_, a)| a).unwrap_or(field_id)
}

/// A form as a modal (views.open with a trigger id). `channel` is where it was opened from,
/// carried in `private_metadata` as `{"channel":"C…"}` so the submission can answer there.
pub fn form_view(form: &Form, channel: Option<&str>) -> SlackView {
    let blocks: Vec<SlackBlock> = form.fields.iter().filter_map(field_block).collect();
    let metadata = serde_json::json!({ "channel": channel.unwrap_or_default() });
    SlackView::Modal(
        modal(&form.title, &form.submit, &form.cancel, blocks)
            .with_callback_id(SlackCallbackId(callback_id(form.kind).into()))
            .with_private_metadata(metadata.to_string()),
    )
}

fn field_block(field: &FormField) -> Option<SlackBlock> {
    let action = SlackActionId(action_id(&field.id).into());
    let (element, placeholder_hint): (SlackInputBlockElement, bool) =
        match &field.input {
            FieldInput::People { initial } => (
                SlackBlockMultiUsersSelectElement::new()
                    .with_action_id(action)
                    .opt_initial_users((!initial.is_empty()).then(|| initial.clone()))
                    .into(),
                false,
            ),
            FieldInput::Text {
                multiline,
                initial,
                max_chars,
            } => (
                SlackBlockPlainTextInputElement::new()
                    .with_action_id(action)
                    .with_multiline(*multiline)
                    .opt_initial_value(initial.as_deref().filter(|m| !m.trim().is_empty()).map(
                        |m| {
                            m.chars()
                                .take((*max_chars).min(TEXT_INPUT_MAX_CHARS))
                                .collect()
                        },
                    ))
                    .into(),
                false,
            ),
            FieldInput::Choice { options, initial } => {
                // Slack rejects a select without options.
                if options.is_empty() {
                    return None;
                }
                let options: Vec<_> = options
                    .iter()
                    .take(SELECT_MAX_OPTIONS)
                    .map(|(value, label)| {
                        SlackBlockChoiceItem::new(
                            plain(&label_or_ellipsis(label, OPTION_TEXT_MAX_CHARS)),
                            value.clone(),
                        )
                    })
                    .collect();
                let initial = initial
                    .as_ref()
                    .and_then(|i| options.iter().find(|o| &o.value == i).cloned());
                (
                    SlackBlockStaticSelectElement::new()
                        .with_action_id(action)
                        .with_options(options)
                        .opt_initial_option(initial)
                        .opt_placeholder(field.hint.as_deref().and_then(placeholder))
                        .into(),
                    true,
                )
            }
        };
    let mut block = SlackInputBlock::new(
        plain(&label_or_ellipsis(&field.label, INPUT_LABEL_MAX_CHARS)),
        element,
    )
    .with_block_id(SlackBlockId(field.id.clone()));
    if !field.required {
        block = block.with_optional(true);
    }
    if !placeholder_hint && let Some(hint) = field.hint.as_deref().filter(|h| !h.trim().is_empty())
    {
        block = block.with_hint(plain(&truncate_chars(hint, INPUT_LABEL_MAX_CHARS)));
    }
    Some(block.into())
}

/// The channel a modal was opened from, read from its `private_metadata`; `None` when there
/// was none or the metadata is not ours.
pub fn form_channel(private_metadata: &str) -> Option<String> {
    let v: Value = serde_json::from_str(private_metadata).ok()?;
    v.get("channel")
        .and_then(Value::as_str)
        .filter(|c| !c.is_empty())
        .map(str::to_string)
}

/// Reads a submitted modal (`view.state.values`) back into the form's values; `None` when
/// the view is not one of our forms. Values are taken by the block they sit in, whatever the
/// element: selected users, a text input's value or a select's chosen option. Anything that is
/// not a Slack user id is dropped from people (they become mentions).
pub fn submission(
    callback_id: &str,
    state_values: &Value,
    private_metadata: Option<&str>,
) -> Option<Submission> {
    let kind = form_kind(callback_id)?;
    let mut values = BTreeMap::new();
    for (block_id, actions) in state_values.as_object().into_iter().flatten() {
        for element in actions.as_object().into_iter().flatten().map(|(_, e)| e) {
            let value = if let Some(users) = element.get("selected_users").and_then(Value::as_array)
            {
                let people: Vec<String> = users
                    .iter()
                    .filter_map(Value::as_str)
                    .filter(|id| is_user_id(id))
                    .map(str::to_string)
                    .collect();
                Some(FieldValue::People(people))
            } else if let Some(option) = element.get("selected_option").filter(|o| !o.is_null()) {
                option
                    .get("value")
                    .and_then(Value::as_str)
                    .map(|v| FieldValue::Choice(v.to_string()))
            } else {
                element
                    .get("value")
                    .and_then(Value::as_str)
                    .map(|v| FieldValue::Text(v.to_string()))
            };
            if let Some(value) = value {
                values.insert(block_id.clone(), value);
            }
        }
    }
    Some(Submission {
        kind,
        values,
        context: private_metadata.and_then(form_channel),
    })
}

/// The answer to a refused submission: Slack keeps the modal open and shows `message` under the
/// block `block_id` (a field's id).
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

fn modal(title: &str, submit: &str, close: &str, blocks: Vec<SlackBlock>) -> SlackModalView {
    SlackModalView::new(
        plain(&label_or_ellipsis(title, MODAL_TITLE_MAX_CHARS)),
        blocks,
    )
    .with_submit(plain(&label_or_ellipsis(submit, MODAL_TITLE_MAX_CHARS)))
    .with_close(plain(&label_or_ellipsis(close, MODAL_TITLE_MAX_CHARS)))
}

fn is_user_id(id: &str) -> bool {
    !id.is_empty() && id.chars().all(|c| c.is_ascii_alphanumeric())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::form::{KUDOS_MESSAGE, KUDOS_PEOPLE, KUDOS_VALUE, PULSE_COMMENT};
    use crate::core::message::{Block, Button, ButtonStyle, RichText};
    use serde_json::json;

    fn kudos_form(values: &[&str], people: Vec<String>, message: Option<String>) -> Form {
        let mut fields = vec![
            FormField {
                id: KUDOS_PEOPLE.into(),
                label: "Who".into(),
                hint: None,
                required: true,
                input: FieldInput::People { initial: people },
            },
            FormField {
                id: KUDOS_MESSAGE.into(),
                label: "What did they do?".into(),
                hint: Some("They …".into()),
                required: true,
                input: FieldInput::Text {
                    multiline: true,
                    initial: message,
                    max_chars: 3000,
                },
            },
        ];
        fields.push(FormField {
            id: KUDOS_VALUE.into(),
            label: "Value".into(),
            hint: Some("Pick a value".into()),
            required: false,
            input: FieldInput::Choice {
                options: values
                    .iter()
                    .map(|v| (v.to_string(), v.to_string()))
                    .collect(),
                initial: None,
            },
        });
        Form {
            kind: FormKind::Kudos,
            title: "Give kudos".into(),
            fields,
            submit: "Send".into(),
            cancel: "Cancel".into(),
            context: None,
        }
    }

    fn to_json(view: &SlackView) -> Value {
        serde_json::to_value(view).expect("view serialises")
    }

    #[test]
    fn the_kudos_form_is_the_documented_modal() {
        let form = kudos_form(&["customer-first", "ownership"], vec![], None);
        let v = to_json(&form_view(&form, None));
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
                     "element":{"type":"multi_users_select","action_id":"people"}},
                    {"type":"input","block_id":"kudos_message",
                     "label":{"type":"plain_text","text":"What did they do?"},
                     "hint":{"type":"plain_text","text":"They …"},
                     "element":{"type":"plain_text_input","action_id":"message","multiline":true}},
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
    fn a_prefilled_form_carries_people_message_and_channel() {
        let form = kudos_form(
            &["ownership"],
            vec!["U2BEN".into()],
            Some("Fixed the <Acme> outage & stayed late".into()),
        );
        let v = to_json(&form_view(&form, Some("C123")));
        assert_eq!(v["blocks"][0]["element"]["initial_users"], json!(["U2BEN"]));
        assert_eq!(
            v["blocks"][1]["element"]["initial_value"],
            "Fixed the <Acme> outage & stayed late"
        );
        let metadata = v["private_metadata"].as_str().expect("metadata");
        assert_eq!(form_channel(metadata), Some("C123".into()));
    }

    #[test]
    fn a_choice_without_options_is_left_out_and_long_labels_are_cut() {
        let mut form = kudos_form(&[], vec![], None);
        form.title = "A title much longer than Slack allows".into();
        form.submit = String::new();
        let v = to_json(&form_view(&form, None));
        assert_eq!(v["blocks"].as_array().map(Vec::len), Some(2));
        let title = v["title"]["text"].as_str().expect("title");
        assert_eq!(title.chars().count(), MODAL_TITLE_MAX_CHARS);
        assert!(title.ends_with('…'));
        assert_eq!(v["submit"]["text"], "…");
    }

    #[test]
    fn the_channel_is_none_for_empty_or_foreign_metadata() {
        assert_eq!(form_channel("{\"channel\":\"\"}"), None);
        assert_eq!(form_channel("This is for you!"), None);
        assert_eq!(form_channel(""), None);
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
    fn a_slack_view_submission_reads_back_into_the_forms_values() {
        let state = kudos_state(
            json!(["U1ANA", "U2BEN", "U1ANA"]),
            json!("  Calmed an angry customer\non a Friday night  "),
            json!({"text": {"type": "plain_text", "text": "ownership", "emoji": true}, "value": "ownership"}),
        );
        let s = submission("kudos-modal", &state, Some("{\"channel\":\"C111\"}")).expect("ours");
        assert_eq!(s.kind, FormKind::Kudos);
        assert_eq!(s.check(), Ok(()));
        assert_eq!(s.people(KUDOS_PEOPLE), vec!["U1ANA", "U2BEN"]);
        assert_eq!(
            s.text(KUDOS_MESSAGE).as_deref(),
            Some("Calmed an angry customer\non a Friday night")
        );
        assert_eq!(s.text(KUDOS_VALUE).as_deref(), Some("ownership"));
        assert_eq!(s.context.as_deref(), Some("C111"));
    }

    #[test]
    fn refused_kudos_forms_name_the_field_to_mark() {
        let no_people = kudos_state(json!([]), json!("thanks"), Value::Null);
        let blank = kudos_state(json!(["U1"]), json!(" \n "), Value::Null);
        let missing = kudos_state(json!(["U1"]), Value::Null, Value::Null);
        let bad_ids = kudos_state(json!(["U1> <!channel"]), json!("x"), Value::Null);
        for (state, field) in [
            (&no_people, KUDOS_PEOPLE),
            (&bad_ids, KUDOS_PEOPLE),
            (&blank, KUDOS_MESSAGE),
            (&missing, KUDOS_MESSAGE),
            (&json!({}), KUDOS_PEOPLE),
        ] {
            let s = submission("kudos-modal", state, None).expect("ours");
            assert_eq!(s.check().map_err(|e| e.field), Err(field.to_string()));
        }
        assert!(submission("someone-elses-modal", &json!({}), None).is_none());
    }

    #[test]
    fn a_refusal_becomes_slacks_errors_response() {
        let response = view_errors(KUDOS_MESSAGE, "Say what they did");
        assert_eq!(
            serde_json::to_value(&response).expect("serialises"),
            json!({"response_action":"errors","errors":{"kudos_message":"Say what they did"}})
        );
    }

    #[test]
    fn the_comment_form_is_one_multiline_input() {
        let form = Form {
            kind: FormKind::PulseComment,
            title: "Comment".into(),
            fields: vec![FormField {
                id: PULSE_COMMENT.into(),
                label: "Your comment".into(),
                hint: Some("Anonymous: nobody sees who wrote it.".into()),
                required: true,
                input: FieldInput::Text {
                    multiline: true,
                    initial: None,
                    max_chars: 3000,
                },
            }],
            submit: "Send".into(),
            cancel: "Cancel".into(),
            context: None,
        };
        let v = to_json(&form_view(&form, None));
        assert_eq!(v["callback_id"], "pulse-comment-modal");
        assert_eq!(
            v["blocks"],
            json!([{"type":"input","block_id":"pulse_comment",
                    "label":{"type":"plain_text","text":"Your comment"},
                    "hint":{"type":"plain_text","text":"Anonymous: nobody sees who wrote it."},
                    "element":{"type":"plain_text_input","action_id":"comment","multiline":true}}])
        );
        let state = json!({"pulse_comment": {"comment": {"type": "plain_text_input", "value": "  More time\nfor customers "}}});
        let s = submission("pulse-comment-modal", &state, None).expect("ours");
        assert_eq!(
            s.text(PULSE_COMMENT).as_deref(),
            Some("More time\nfor customers")
        );
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
