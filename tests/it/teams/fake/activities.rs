//! Teams' side of the conversation: the messages people send the bot, built the way Teams
//! builds them, and the HTTP post that delivers one to the bot's messaging endpoint.
//!
//! Shapes from msteams-docs (`chat-protocols.md` section 10): a personal message has
//! `conversation {conversationType:"personal", tenantId, id:"a:…"}`, `channelData.tenant.id`, a
//! `clientInfo` entity with locale and time zone; a channel message carries `<at>Name</at>` in
//! its text with one `mention` entity each (`{"type":"mention","mentioned":{id,name},
//! "text":"<at>Name</at>"}`), an HTML copy of the text as a `text/html` attachment,
//! `conversation {isGroup, conversationType:"channel", tenantId, id:"19:…;messageid=…"}` and
//! `channelData {teamsChannelId, teamsTeamId, channel, team, tenant}`.

use std::sync::Arc;

use chrono::SecondsFormat;
use serde_json::{Value, json};

use super::directory::{FakePerson, channel_of};
use super::{BOT_ID, BOT_NAME, CHANNEL_ID, Inner, State, TENANT_ID};

/// Teams as a client: builds what Teams sends the bot, signs it ([`TeamsClient::authorization`],
/// [`TeamsClient::forged_authorization`]) and knows the fake's people, team and keys.
#[derive(Debug, Clone)]
pub struct TeamsClient {
    pub(super) inner: Arc<Inner>,
}

impl TeamsClient {
    pub(super) fn new(inner: Arc<Inner>) -> Self {
        Self { inner }
    }

    /// A message `person` types in their 1:1 with the bot. Opens that conversation in the
    /// fake, so the bot can answer in it.
    pub fn personal_message(&self, person: &FakePerson, text: &str) -> Value {
        let mut state = self.inner.lock();
        let conversation_id = state.open_personal(person);
        let id = state.next_message_id();
        let mut activity = base(&state, "message", &id, person, personal(&conversation_id));
        activity["textFormat"] = json!("plain");
        activity["text"] = json!(text);
        activity
    }

    /// A new post `person` writes in a channel of the team. `text` names whom it mentions as
    /// Teams writes them, `<at>Ambassador</at>` for the bot and `<at>Full Name</at>` for a
    /// person; each gets its `mention` entity. Panics on a mention of nobody the fake knows.
    pub fn channel_message(&self, person: &FakePerson, channel_id: &str, text: &str) -> Value {
        let mut state = self.inner.lock();
        let id = state.next_message_id();
        let conversation_id = format!("{};messageid={id}", channel_of(channel_id));
        let conversation = channel(&conversation_id, None);
        let mut activity = base(&state, "message", &id, person, conversation);
        activity["channelData"] = channel_data(&state, channel_id);
        let mentions = mentions(&state, text);
        activity["textFormat"] = json!("plain");
        activity["text"] = json!(text);
        activity["attachments"] = json!([{"contentType": "text/html", "content": html(text)}]);
        if let Some(entities) = activity["entities"].as_array_mut() {
            entities.splice(0..0, mentions);
        }
        activity
    }
}

/// Milliseconds-precise UTC, as Teams stamps activities.
pub(super) fn now_timestamp() -> String {
    chrono::Utc::now().to_rfc3339_opts(SecondsFormat::Millis, true)
}

/// The fields every activity from Teams has.
pub(super) fn base(
    state: &State,
    kind: &str,
    id: &str,
    from: &FakePerson,
    conversation: Value,
) -> Value {
    let country = from.locale.split_once('-').map_or("US", |(_, c)| c);
    json!({
        "type": kind,
        "id": id,
        "timestamp": now_timestamp(),
        "serviceUrl": format!("{}/", state.base_url),
        "channelId": CHANNEL_ID,
        "from": from.account(),
        "conversation": conversation,
        "recipient": {"id": BOT_ID, "name": BOT_NAME},
        "entities": [{
            "locale": from.locale,
            "country": country,
            "platform": "Web",
            "timezone": from.timezone,
            "type": "clientInfo",
        }],
        "channelData": {"tenant": {"id": TENANT_ID}},
        "locale": from.locale,
    })
}

/// A personal conversation.
pub(super) fn personal(conversation_id: &str) -> Value {
    json!({"conversationType": "personal", "tenantId": TENANT_ID, "id": conversation_id})
}

/// A channel conversation (a channel, or a thread `…;messageid=…` in one).
pub(super) fn channel(conversation_id: &str, name: Option<&str>) -> Value {
    let mut conversation = json!({
        "isGroup": true,
        "conversationType": "channel",
        "tenantId": TENANT_ID,
        "id": conversation_id,
    });
    if let Some(name) = name {
        conversation["name"] = json!(name);
    }
    conversation
}

/// `channelData` of an activity in a channel of the team.
pub(super) fn channel_data(state: &State, channel_id: &str) -> Value {
    let channel = channel_of(channel_id);
    json!({
        "teamsChannelId": channel,
        "teamsTeamId": state.team.id,
        "channel": {"id": channel},
        "team": {"id": state.team.id},
        "tenant": {"id": TENANT_ID},
    })
}

/// The `<at>…</at>` names in `text`, in order.
fn mentioned_names(text: &str) -> Vec<&str> {
    text.split("<at>")
        .skip(1)
        .filter_map(|part| part.split_once("</at>").map(|(name, _)| name))
        .collect()
}

/// One `mention` entity per `<at>Name</at>` in `text`.
fn mentions(state: &State, text: &str) -> Vec<Value> {
    mentioned_names(text)
        .into_iter()
        .map(|name| {
            let id = if name == BOT_NAME {
                BOT_ID.to_owned()
            } else {
                let person = state.people.iter().find(|p| p.name == name);
                person
                    .unwrap_or_else(|| panic!("<at>{name}</at> mentions nobody the fake knows"))
                    .user_id
                    .clone()
            };
            json!({
                "type": "mention",
                "mentioned": {"id": id, "name": name},
                "text": format!("<at>{name}</at>"),
            })
        })
        .collect()
}

/// The HTML copy Teams attaches to a channel message, mentions as `schema.skype.com` spans.
fn html(text: &str) -> String {
    let mut out = String::from("<p>");
    for (index, part) in text.split("<at>").enumerate() {
        match part.split_once("</at>").filter(|_| index > 0) {
            Some((name, rest)) => out.push_str(&format!(
                "<span itemtype=\"http://schema.skype.com/Mention\" itemscope=\"\" \
                 itemid=\"{}\">{name}</span>{rest}",
                index - 1
            )),
            None => out.push_str(part),
        }
    }
    out.push_str("</p>");
    out
}

/// What the bot answered to a delivered activity.
#[derive(Debug, Clone)]
pub struct BotAnswer {
    /// HTTP status.
    pub status: u16,
    /// The body parsed as JSON (an invoke's answer), `Null` when empty or not JSON.
    pub body: Value,
    /// The body as text.
    pub text: String,
}

/// Posts `activity` to the bot's messaging endpoint (its full URL) as the Bot Connector does:
/// JSON, with `authorization` as the `Authorization` header (none when `None`).
pub async fn post_activity(
    messaging_endpoint: &str,
    activity: &Value,
    authorization: Option<&str>,
) -> BotAnswer {
    let mut request = reqwest::Client::new()
        .post(messaging_endpoint)
        .json(activity);
    if let Some(value) = authorization {
        request = request.header(reqwest::header::AUTHORIZATION, value);
    }
    let response = request
        .send()
        .await
        .unwrap_or_else(|e| panic!("post an activity to {messaging_endpoint}: {e}"));
    let status = response.status().as_u16();
    let text = response.text().await.unwrap_or_default();
    BotAnswer {
        status,
        body: serde_json::from_str(&text).unwrap_or(Value::Null),
        text,
    }
}

impl TeamsClient {
    /// Signs `activity` validly and posts it to the bot's messaging endpoint.
    pub async fn send(&self, messaging_endpoint: &str, activity: &Value) -> BotAnswer {
        let authorization = self.authorization(activity);
        post_activity(messaging_endpoint, activity, Some(&authorization)).await
    }
}
