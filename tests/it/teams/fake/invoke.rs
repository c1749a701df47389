//! A person pressing a button on a card the bot sent, as Teams reports it.
//!
//! `Action.Execute` (Universal Actions, msteams-docs `Develop-universal-bot-action-model.md`):
//! an `invoke` named `adaptiveCard/action` whose `value` is `{"action":{"type":"Action.Execute",
//! "id","verb","data"},"trigger":"manual"}` — "a copy of the action as defined in the Adaptive
//! Card … the data property of the action includes the values of the various inputs". The bot
//! answers it in the HTTP response. `Action.Submit` (`chat-protocols.md` section 10): a
//! `message` with no text whose `value` is the action's `data` merged with the inputs. Both
//! carry `replyToId`, the card message's id. Teams itself refuses to send a form whose required
//! input is empty, so this panics instead.

use serde_json::{Map, Value, json};

use super::activities::{TeamsClient, base, channel, channel_data, personal};
use super::cards::card_inputs;
use super::directory::{FakePerson, channel_of};
use super::views::SentActivity;

impl TeamsClient {
    /// `person` presses the button titled `title` on `sent`, having filled the card's inputs
    /// with `inputs` (an object keyed by input id; others keep their initial `value`). Gives
    /// the `adaptiveCard/action` invoke for an `Action.Execute`, the `message` with a `value`
    /// for an `Action.Submit`. Panics on an unknown title or input id, or an empty required
    /// input, which Teams would not send.
    pub fn press_button(
        &self,
        person: &FakePerson,
        sent: &SentActivity,
        title: &str,
        inputs: Value,
    ) -> Value {
        let button = sent.button(title);
        let data = merged_data(sent, &button.data, inputs);
        let mut state = self.inner.lock();
        let is_execute = button.kind == "Action.Execute";
        let id = if is_execute {
            format!("f:{}", state.next_number() + 6_894_910_862_892_785_420)
        } else {
            state.next_message_id()
        };
        let (conversation, in_channel) = conversation_of(sent);
        let kind = if is_execute { "invoke" } else { "message" };
        let mut activity = base(&state, kind, &id, person, conversation);
        if in_channel {
            activity["channelData"] = channel_data(&state, &sent.conversation_id);
        }
        activity["replyToId"] = json!(sent.id);
        if is_execute {
            let mut action = button.action.clone();
            action["data"] = data;
            if let Some(fields) = action.as_object_mut() {
                fields.retain(|k, _| ["type", "id", "title", "verb", "data"].contains(&k.as_str()));
            }
            activity["name"] = json!("adaptiveCard/action");
            activity["value"] = json!({"action": action, "trigger": "manual"});
        } else {
            activity["value"] = data;
        }
        activity
    }

    /// `person` fills the form card `sent` with `inputs` and presses its one `Action.Execute`
    /// button that sends them (a Cancel with `associatedInputs: "none"` sends none); panics if
    /// the card has none or several.
    pub fn submit_form(&self, person: &FakePerson, sent: &SentActivity, inputs: Value) -> Value {
        let buttons: Vec<_> = sent
            .buttons()
            .into_iter()
            .filter(|b| b.kind == "Action.Execute")
            .filter(|b| {
                !b.action["associatedInputs"]
                    .as_str()
                    .is_some_and(|a| a.eq_ignore_ascii_case("none"))
            })
            .collect();
        let [button] = buttons.as_slice() else {
            let titles: Vec<&str> = buttons.iter().map(|b| b.title.as_str()).collect();
            panic!("expected one Action.Execute on the form, found {titles:?}");
        };
        self.press_button(person, sent, &button.title, inputs)
    }
}

/// The conversation a press happens in: the 1:1, or the card's thread in a channel (a new
/// post is the root of its own thread, `19:…;messageid=<its id>`).
fn conversation_of(sent: &SentActivity) -> (Value, bool) {
    if sent.conversation_id.starts_with("a:") {
        return (personal(&sent.conversation_id), false);
    }
    let thread = if sent.conversation_id.contains(";messageid=") {
        sent.conversation_id.clone()
    } else {
        format!(
            "{};messageid={}",
            channel_of(&sent.conversation_id),
            sent.id
        )
    };
    (channel(&thread, None), true)
}

/// The action's `data` merged with the card's input values, as Teams sends it.
fn merged_data(sent: &SentActivity, data: &Value, inputs: Value) -> Value {
    let mut given: Map<String, Value> = match inputs {
        Value::Object(fields) => fields,
        Value::Null => Map::new(),
        other => panic!("inputs must be an object keyed by input id, not {other}"),
    };
    let card_inputs: Vec<Value> = sent.cards().into_iter().flat_map(card_inputs).collect();
    let ids: Vec<&str> = card_inputs
        .iter()
        .filter_map(|i| i["id"].as_str())
        .collect();
    if let Some(unknown) = given.keys().find(|k| !ids.contains(&k.as_str())) {
        panic!("the card has no input {unknown:?}; its inputs are {ids:?}");
    }
    let mut merged = match data {
        Value::Object(fields) => fields.clone(),
        Value::Null => Map::new(),
        other => panic!("a button whose data is not an object ({other}) cannot carry inputs"),
    };
    for input in &card_inputs {
        let Some(id) = input["id"].as_str() else {
            continue;
        };
        let value = given.remove(id).or_else(|| input.get("value").cloned());
        let empty = value
            .as_ref()
            .is_none_or(|v| v.is_null() || v.as_str() == Some(""));
        if empty && input["isRequired"] == true {
            panic!("Teams would not send the form: required input {id:?} is empty");
        }
        if let Some(value) = value.filter(|_| !empty) {
            merged.insert(id.to_owned(), value);
        }
    }
    Value::Object(merged)
}
