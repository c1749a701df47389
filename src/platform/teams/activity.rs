//! Decoding the Bot Framework activities Teams POSTs to the messaging endpoint.
//!
//! Teams adds event types and fields whenever it likes ("you must design your bot to receive
//! unexpected events", msteams-docs), so decoding is lenient: every field is optional except
//! the four without which a body cannot be an activity the bot can answer (`type`,
//! `serviceUrl`, `conversation.id`, `from.id`), unknown fields are ignored, a field of an
//! unexpected JSON type is treated as absent, and an unknown `type` decodes to
//! [`ActivityKind::Other`]. A [`DecodeError`] (answered 400) says exactly what is missing or
//! wrong. Bodies nested deeper than [`MAX_DEPTH`] are refused before parsing.
//!
//! ```
//! use ambassador::platform::teams::activity::{decode, ActivityKind, Installation};
//!
//! let body = br#"{"type":"conversationUpdate","serviceUrl":"https://smba.example/amer/",
//!   "channelId":"msteams","from":{"id":"29:ana"},"recipient":{"id":"28:bot"},
//!   "conversation":{"id":"a:1","conversationType":"personal","tenantId":"72F988BF-86F1"},
//!   "membersAdded":[{"id":"28:bot"},{"id":"29:ana","aadObjectId":"aad-ana"}]}"#;
//! let activity = decode(body).unwrap();
//! assert_eq!(activity.kind, ActivityKind::ConversationUpdate);
//! assert_eq!(activity.tenant_id(), Some("72f988bf-86f1"));
//! assert_eq!(activity.installation(), Some(Installation::Added));
//! assert_eq!(activity.people_added().map(|p| p.id.as_str()).collect::<Vec<_>>(), ["29:ana"]);
//! ```

mod fields;

use serde_json::{Map, Value};

use fields::{account, array, channel_data, check_depth, id, mention, required_str, string};

/// The `name` of the invoke Teams sends when an `Action.Execute` button is pressed.
pub const ADAPTIVE_CARD_ACTION: &str = "adaptiveCard/action";

/// How deeply a body may nest arrays and objects. Real activities nest about six levels
/// (a card's data inside `value.action.data`); this leaves room for any card input while
/// refusing a body built to exhaust the parser.
pub const MAX_DEPTH: usize = 64;

/// Why a body is not an activity the bot can act on; the route answers 400 with this text.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DecodeError {
    /// The body is not JSON (or not UTF-8).
    #[error("the activity is not JSON: {0}")]
    NotJson(String),
    /// The body nests arrays or objects deeper than [`MAX_DEPTH`].
    #[error("the activity nests deeper than {max} levels")]
    TooDeep {
        /// The limit.
        max: usize,
    },
    /// The body is JSON, but not an object.
    #[error("the activity is JSON but not an object")]
    NotAnObject,
    /// A required field is absent, null or empty.
    #[error("the activity has no {0}")]
    Missing(&'static str),
    /// A required field has the wrong JSON type.
    #[error("the activity's {field} is not {expected}")]
    WrongType {
        /// The field, as a dotted path.
        field: &'static str,
        /// What it should be.
        expected: &'static str,
    },
}

/// One activity from Teams, holding what the bot reads and nothing else.
#[derive(Debug, Clone, PartialEq)]
pub struct Activity {
    /// What kind of activity it is (`type`).
    pub kind: ActivityKind,
    /// The activity's id; a card posted in answer is updated through it.
    pub id: Option<String>,
    /// The invoke's name, e.g. [`ADAPTIVE_CARD_ACTION`].
    pub name: Option<String>,
    /// When Teams received it (ISO 8601, UTC).
    pub timestamp: Option<String>,
    /// Where replies go; trusted only after the token's `serviceurl` claim matched it.
    pub service_url: String,
    /// The Bot Framework channel, `msteams` (checked against the key's endorsements).
    pub channel_id: String,
    /// Who sent it.
    pub from: Account,
    /// The bot, as Teams addresses it (`28:<app id>`).
    pub recipient: Account,
    /// The chat or channel thread it happened in.
    pub conversation: Conversation,
    /// Teams' own details: tenant, team, channel, event type.
    pub channel_data: ChannelData,
    /// What the person typed (HTML-ish in channels; see [`super::mentions`]).
    pub text: Option<String>,
    /// `plain`, `markdown` or `xml`, as Teams labels `text`.
    pub text_format: Option<String>,
    /// The person's language tag, e.g. `en-US` (the activity's, else the client's).
    pub locale: Option<String>,
    /// The person's IANA time zone from the `clientInfo` entity (else `localTimezone`).
    pub timezone: Option<String>,
    /// A card press's data (`Action.Submit`, `messageBack`) or an invoke's value.
    pub value: Option<Value>,
    /// The message a card press came from.
    pub reply_to_id: Option<String>,
    /// The `mention` entities, in order: who each `<at>…</at>` in `text` is.
    pub mentions: Vec<Mention>,
    /// Members added to the conversation (conversationUpdate).
    pub members_added: Vec<Account>,
    /// Members removed from the conversation (conversationUpdate).
    pub members_removed: Vec<Account>,
    /// An installationUpdate's `action`: `add`, `remove`, `add-upgrade` or `remove-upgrade`.
    pub action: Option<String>,
}

/// The activity types the bot acts on; anything else is kept by name and answered 200.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ActivityKind {
    /// Someone wrote to the bot, or pressed an `Action.Submit`/`messageBack` button.
    Message,
    /// An invoke, answered in the HTTP response (card presses: [`ADAPTIVE_CARD_ACTION`]).
    Invoke,
    /// Members, channels or the team changed.
    ConversationUpdate,
    /// The app was installed or uninstalled.
    InstallationUpdate,
    /// Any other type (`messageReaction`, `typing`, …), by name.
    Other(String),
}

impl ActivityKind {
    /// The kind for a `type` value; Bot Framework compares types without regard to case.
    pub fn parse(kind: &str) -> ActivityKind {
        let is = |name: &str| kind.eq_ignore_ascii_case(name);
        if is("message") {
            ActivityKind::Message
        } else if is("invoke") {
            ActivityKind::Invoke
        } else if is("conversationUpdate") {
            ActivityKind::ConversationUpdate
        } else if is("installationUpdate") {
            ActivityKind::InstallationUpdate
        } else {
            ActivityKind::Other(kind.to_string())
        }
    }

    /// The `type` value, for logs and metrics.
    pub fn as_str(&self) -> &str {
        match self {
            ActivityKind::Message => "message",
            ActivityKind::Invoke => "invoke",
            ActivityKind::ConversationUpdate => "conversationUpdate",
            ActivityKind::InstallationUpdate => "installationUpdate",
            ActivityKind::Other(kind) => kind,
        }
    }
}

/// A person or bot as Teams names it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Account {
    /// The per-bot id: `29:…` for people, `28:<app id>` for bots.
    pub id: String,
    /// The display name, when Teams sends one.
    pub name: Option<String>,
    /// The Entra object id, lower-cased (a GUID, whatever case a client sends): who the
    /// person is in the directory.
    pub aad_object_id: Option<String>,
}

/// The conversation an activity belongs to.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Conversation {
    /// `a:…` (personal), `19:…@thread.tacv2[;messageid=…]` (channel thread) or a group chat id.
    pub id: String,
    /// `personal`, `groupChat` or `channel`.
    pub conversation_type: Option<String>,
    /// The tenant, lower-cased.
    pub tenant_id: Option<String>,
    /// Whether more than the person and the bot are in it.
    pub is_group: Option<bool>,
}

/// Teams' `channelData`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ChannelData {
    /// `tenant.id`, lower-cased.
    pub tenant_id: Option<String>,
    /// The team, in channel contexts.
    pub team: Option<TeamInfo>,
    /// The channel, in channel contexts.
    pub channel: Option<ChannelInfo>,
    /// What changed, on conversationUpdate: `teamMemberAdded`, `channelCreated`, …
    pub event_type: Option<String>,
}

/// A team, from `channelData.team`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TeamInfo {
    /// The team's thread id (`19:…@thread.tacv2`).
    pub id: String,
    /// The team's name (sent on install and rename events).
    pub name: Option<String>,
    /// The team's Microsoft 365 group id.
    pub aad_group_id: Option<String>,
}

/// A channel, from `channelData.channel`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ChannelInfo {
    /// The channel's thread id.
    pub id: String,
    /// The channel's name (sent on channel events only).
    pub name: Option<String>,
}

/// A `mention` entity: Teams vouching that an `<at>…</at>` in the text is this account.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mention {
    /// Who is mentioned.
    pub mentioned: Account,
    /// The markup in the text it stands for, e.g. `<at>Alex</at>`.
    pub text: String,
}

/// An `Action.Execute` press, from an [`ADAPTIVE_CARD_ACTION`] invoke.
#[derive(Debug, Clone, PartialEq)]
pub struct ExecuteAction {
    /// The action's `id`, when the card gave it one.
    pub id: Option<String>,
    /// The action's `verb` (empty when the card gave none).
    pub verb: String,
    /// The action's `data` merged with the card's inputs, as Teams sends it (`{}` when absent).
    pub data: Value,
}

/// Whether the app was installed or removed where the activity happened.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Installation {
    /// Installed (or upgraded in place).
    Added,
    /// Uninstalled.
    Removed,
}

/// Decodes one request body; see the module docs for what is required.
pub fn decode(body: &[u8]) -> Result<Activity, DecodeError> {
    check_depth(body)?;
    let value: Value =
        serde_json::from_slice(body).map_err(|e| DecodeError::NotJson(e.to_string()))?;
    let Value::Object(root) = value else {
        return Err(DecodeError::NotAnObject);
    };
    let kind = required_str(&root, "type", "type")?;
    let service_url = required_str(&root, "serviceUrl", "serviceUrl")?;
    let from = match root.get("from") {
        None | Some(Value::Null) => return Err(DecodeError::Missing("from.id")),
        Some(Value::Object(from)) => from,
        Some(_) => {
            return Err(DecodeError::WrongType {
                field: "from",
                expected: "an object",
            });
        }
    };
    let from_id = required_str(from, "id", "from.id")?;
    let conversation = match root.get("conversation") {
        None | Some(Value::Null) => return Err(DecodeError::Missing("conversation.id")),
        Some(Value::Object(conversation)) => conversation,
        Some(_) => {
            return Err(DecodeError::WrongType {
                field: "conversation",
                expected: "an object",
            });
        }
    };
    let conversation = Conversation {
        id: required_str(conversation, "id", "conversation.id")?.to_string(),
        conversation_type: string(conversation, "conversationType"),
        tenant_id: id(conversation, "tenantId").map(|t| t.to_lowercase()),
        is_group: conversation.get("isGroup").and_then(Value::as_bool),
    };
    let entities = array(&root, "entities");
    let client_info = entities
        .iter()
        .filter_map(Value::as_object)
        .find(|e| e.get("type").and_then(Value::as_str) == Some("clientInfo"));
    Ok(Activity {
        kind: ActivityKind::parse(kind),
        id: id(&root, "id"),
        name: string(&root, "name"),
        timestamp: string(&root, "timestamp"),
        service_url: service_url.to_string(),
        channel_id: string(&root, "channelId").unwrap_or_default(),
        from: Account {
            id: from_id.to_string(),
            name: string(from, "name"),
            aad_object_id: id(from, "aadObjectId").map(|a| a.to_lowercase()),
        },
        recipient: root.get("recipient").and_then(account).unwrap_or_default(),
        conversation,
        channel_data: root
            .get("channelData")
            .and_then(Value::as_object)
            .map(channel_data)
            .unwrap_or_default(),
        text: string(&root, "text"),
        text_format: string(&root, "textFormat"),
        locale: id(&root, "locale").or_else(|| client_info.and_then(|c| id(c, "locale"))),
        timezone: client_info
            .and_then(|c| id(c, "timezone"))
            .or_else(|| id(&root, "localTimezone")),
        value: root.get("value").filter(|v| !v.is_null()).cloned(),
        reply_to_id: id(&root, "replyToId"),
        mentions: entities.iter().filter_map(mention).collect(),
        members_added: array(&root, "membersAdded")
            .iter()
            .filter_map(account)
            .collect(),
        members_removed: array(&root, "membersRemoved")
            .iter()
            .filter_map(account)
            .collect(),
        action: string(&root, "action"),
    })
}

impl Activity {
    /// The tenant: `conversation.tenantId`, else `channelData.tenant.id` (both lower-cased).
    pub fn tenant_id(&self) -> Option<&str> {
        self.conversation
            .tenant_id
            .as_deref()
            .or(self.channel_data.tenant_id.as_deref())
    }

    /// Whether it happened in the person's one-to-one chat with the bot.
    pub fn is_personal(&self) -> bool {
        self.conversation
            .conversation_type
            .as_deref()
            .is_some_and(|t| t.eq_ignore_ascii_case("personal"))
    }

    /// The conversation to answer in.
    pub fn conversation_id(&self) -> &str {
        &self.conversation.id
    }

    /// The team's thread id, in channel contexts.
    pub fn team_id(&self) -> Option<&str> {
        self.channel_data.team.as_ref().map(|t| t.id.as_str())
    }

    /// The `Action.Execute` press this invoke carries; `None` for anything else (other
    /// invokes, `Action.Submit` messages, an action of another type).
    pub fn invoke_action(&self) -> Option<ExecuteAction> {
        if self.kind != ActivityKind::Invoke || self.name.as_deref() != Some(ADAPTIVE_CARD_ACTION) {
            return None;
        }
        let action = self.value.as_ref()?.get("action")?.as_object()?;
        if action.get("type").and_then(Value::as_str) != Some("Action.Execute") {
            return None;
        }
        Some(ExecuteAction {
            id: id(action, "id"),
            verb: string(action, "verb").unwrap_or_default(),
            data: action
                .get("data")
                .filter(|d| !d.is_null())
                .cloned()
                .unwrap_or_else(|| Value::Object(Map::new())),
        })
    }

    /// Whether the app was installed or removed here: an installationUpdate (`add…` or
    /// `remove…`), or a conversationUpdate adding or removing the bot itself.
    pub fn installation(&self) -> Option<Installation> {
        match self.kind {
            ActivityKind::InstallationUpdate => {
                let action = self.action.as_deref()?.to_ascii_lowercase();
                if action.starts_with("add") {
                    Some(Installation::Added)
                } else if action.starts_with("remove") {
                    Some(Installation::Removed)
                } else {
                    None
                }
            }
            ActivityKind::ConversationUpdate if self.adds_bot() => Some(Installation::Added),
            ActivityKind::ConversationUpdate if self.removes_bot() => Some(Installation::Removed),
            _ => None,
        }
    }

    /// Whether `membersAdded` holds the bot itself.
    pub fn adds_bot(&self) -> bool {
        self.members_added.iter().any(|m| self.is_bot(m))
    }

    /// Whether `membersRemoved` holds the bot itself.
    pub fn removes_bot(&self) -> bool {
        self.members_removed.iter().any(|m| self.is_bot(m))
    }

    /// The people added, without the bot: whom to welcome and remember.
    pub fn people_added(&self) -> impl Iterator<Item = &Account> {
        self.members_added.iter().filter(|m| !self.is_bot(m))
    }

    fn is_bot(&self, account: &Account) -> bool {
        !self.recipient.id.is_empty() && account.id.eq_ignore_ascii_case(&self.recipient.id)
    }
}

#[cfg(test)]
pub(crate) mod arbitrary;
#[cfg(test)]
mod tests;
