//! Lenient decoding of what Slack sends: Events API JSON, slash commands and interactions.
//!
//! Slack counts any 4xx as a failed delivery, so a verified request whose body is well-formed
//! JSON (or a well-formed form) must be answered 200 whether the bot acts on it or not. This
//! module therefore decodes into its own small structs that require only what the bot uses;
//! everything else is optional or ignored. A [`DecodeError`] (answered 400) is reserved for
//! bytes that are not what Slack sends at all: not JSON or a form, a JSON value that is not an
//! object, an Events body without `type`, an interaction form without `payload`, a command
//! without `command` or `user_id`. Anything well formed that the bot does not use decodes to
//! [`Request::Ignored`], [`Event::Other`] or [`Interaction::Other`], never to an error.
//!
//! The shapes were checked against the payloads Slack's own SDK test suites send (bolt-python
//! `tests/scenario_tests/`, bolt-js `test/unit/helpers/events.ts`, java-slack-sdk
//! `json-logs/samples/`); the corpus in `fixtures/` and the table in this module's tests keep
//! them honest.
//!
//! ```
//! use ambassador::platform::slack::wire::{decode, Event, Kind, Request};
//!
//! let body = r#"{"type":"event_callback","event_id":"Ev1","enterprise_id":"E1",
//!     "authorizations":[{"enterprise_id":"E1","team_id":null,"is_enterprise_install":true}],
//!     "event":{"type":"tokens_revoked","tokens":{"oauth":[],"bot":["U9"]}}}"#;
//! let request = decode(Kind::Event, body).unwrap();
//! // An org-wide (Enterprise Grid) install is keyed by its enterprise id.
//! assert_eq!(request.org_key().as_deref(), Some("E1"));
//! let Request::Event(envelope) = request else { panic!() };
//! assert!(matches!(envelope.event, Event::TokensRevoked { .. }));
//! ```

use serde::Deserialize;
use serde_json::{Map, Value};

/// Which endpoint a body came to, since the three kinds are encoded differently.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// `/slack/events` (or a Socket Mode `events_api` envelope's payload): JSON.
    Event,
    /// `/slack/commands`: an HTTP form, or JSON from a Socket Mode `slash_commands` envelope.
    Command,
    /// `/slack/interactions`: a form whose `payload` field is JSON, or that JSON alone from a
    /// Socket Mode `interactive` envelope.
    Interaction,
}

impl std::fmt::Display for Kind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Kind::Event => "event",
            Kind::Command => "slash command",
            Kind::Interaction => "interaction",
        })
    }
}

/// Why a body is not something Slack sends; the only case answered with 400.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DecodeError {
    /// The bytes are not UTF-8 (Slack sends UTF-8 JSON and forms only).
    #[error("the {0} body is not UTF-8")]
    NotUtf8(Kind),
    /// The body should be JSON and is not.
    #[error("the {kind} body is not JSON: {reason}")]
    NotJson {
        /// The endpoint.
        kind: Kind,
        /// What the JSON parser said.
        reason: String,
    },
    /// The body is JSON, but an array, a string or a number rather than an object.
    #[error("the {0} body is JSON but not an object")]
    NotAnObject(Kind),
    /// A field without which the body cannot be Slack's: an Events body's `type`, an
    /// interaction's `payload` or `type`, a command's `command` or `user_id`.
    #[error("the {kind} body has no {field}")]
    Missing {
        /// The endpoint.
        kind: Kind,
        /// The missing field.
        field: &'static str,
    },
}

/// A decoded request: what the HTTP edge and the inbox worker need, nothing more.
#[derive(Debug, Clone, PartialEq)]
pub enum Request {
    /// The Events API's URL check: answer with the challenge.
    UrlVerification {
        /// The value to echo back.
        challenge: String,
    },
    /// An Events API callback.
    Event(EventEnvelope),
    /// A slash command.
    Command(Command),
    /// A button, a modal submission, a shortcut or another interaction.
    Interaction(Interaction),
    /// A well-formed request the bot deliberately does nothing with (`app_rate_limited`, an
    /// `ssl_check`, a known type without the fields the bot needs): answered 200, not stored.
    Ignored {
        /// What it was, for the log.
        what: String,
    },
}

/// Which installation a request belongs to: a workspace, or an Enterprise Grid org.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Workspace {
    /// The workspace (`T…`) of the installation, or for an org-wide install the workspace the
    /// request happened in; `None` when Slack sent none (org-wide `tokens_revoked`).
    pub team_id: Option<String>,
    /// The Enterprise Grid org (`E…`), when there is one.
    pub enterprise_id: Option<String>,
    /// Whether the app is installed org-wide, so its token belongs to the enterprise.
    pub is_enterprise_install: bool,
}

impl Workspace {
    /// The org key: the enterprise id for an org-wide (enterprise) install, else the team id,
    /// else the enterprise id. It names the installation whose token answers the request, the
    /// way Slack's SDKs look installations up (by enterprise for org-wide installs).
    pub fn org_key(&self) -> Option<String> {
        match (&self.enterprise_id, &self.team_id) {
            (Some(enterprise), _) if self.is_enterprise_install => Some(enterprise.clone()),
            (_, Some(team)) => Some(team.clone()),
            (enterprise, None) => enterprise.clone(),
        }
    }

    /// Reads the workspace from any Slack payload (event envelope, command, interaction).
    ///
    /// When an event carries `authorizations`, its first entry names the installation that
    /// receives the event and wins over the top-level ids, which in a shared (Slack Connect)
    /// channel can name the other side (bolt-python `test_events_shared_channels.py`). An
    /// interaction's `view.app_installed_team_id` wins for the same reason (bolt-python
    /// `test_view_submission.py`). An org-wide install sends `team: null` in interactions and
    /// `authorizations[0].team_id: null` in events; the team then comes from the next source.
    /// Empty strings count as absent.
    fn from_payload(p: &Value) -> Workspace {
        let authorization = p
            .get("authorizations")
            .and_then(Value::as_array)
            .and_then(|a| a.first())
            .filter(|a| a.is_object());
        let team_id = str_at(p, "/view/app_installed_team_id")
            .or_else(|| authorization.and_then(|a| str_at(a, "/team_id")))
            .or_else(|| str_at(p, "/team_id"))
            .or_else(|| id_of(p.get("team")))
            .or_else(|| str_at(p, "/user/team_id"))
            .or_else(|| str_at(p, "/view/team_id"));
        // An authorization is authoritative for the enterprise even when its enterprise_id is
        // null: the top-level enterprise_id can be the other side of a shared channel.
        let (enterprise_id, is_enterprise_install) = match authorization {
            Some(a) => (
                str_at(a, "/enterprise_id"),
                flag(a.get("is_enterprise_install")),
            ),
            None => (
                id_of(p.get("enterprise"))
                    .or_else(|| str_at(p, "/enterprise_id"))
                    .or_else(|| str_at(p, "/team/enterprise_id")),
                flag(p.get("is_enterprise_install")),
            ),
        };
        Workspace {
            team_id: team_id.map(str::to_string),
            enterprise_id: enterprise_id.map(str::to_string),
            is_enterprise_install,
        }
    }
}

/// An Events API callback: the installation, the dedupe key and the inner event.
#[derive(Debug, Clone, PartialEq)]
pub struct EventEnvelope {
    /// The installation the event was delivered for.
    pub workspace: Workspace,
    /// Slack's id for the event; retries reuse it, so it is the dedupe key.
    pub event_id: String,
    /// The inner event.
    pub event: Event,
}

/// The inner events the bot acts on; any other is [`Event::Other`].
#[derive(Debug, Clone, PartialEq)]
pub enum Event {
    /// Someone reacted to something: a kudos when it is the configured emoji on a message.
    ReactionAdded {
        /// Who reacted.
        user: String,
        /// The emoji name, without colons.
        reaction: String,
        /// Who wrote the item; absent for messages not written by a person (webhooks).
        item_user: Option<String>,
        /// The message's conversation (message items only).
        channel: Option<String>,
        /// The message's timestamp (message items only).
        ts: Option<String>,
    },
    /// Someone opened the app's Home or Messages tab.
    AppHomeOpened {
        /// Who opened it.
        user: String,
        /// `home` or `messages`, when Slack says.
        tab: Option<String>,
    },
    /// A person joined the workspace.
    TeamJoin {
        /// The full user object, as `users.info` returns it (it always has a string `id`).
        user: Value,
    },
    /// The app was removed from the workspace (or from the whole org).
    AppUninstalled,
    /// Tokens were revoked: when the bot's is among them, the install is gone.
    TokensRevoked {
        /// The user ids whose user (OAuth) tokens were revoked.
        users: Vec<String>,
        /// The user ids whose bot tokens were revoked.
        bots: Vec<String>,
    },
    /// Any other event type (or subtype): acknowledged and not acted on.
    Other {
        /// The event's `type`.
        event_type: String,
        /// The event's `subtype`, for `message` events.
        subtype: Option<String>,
    },
}

/// A slash command.
#[derive(Debug, Clone, PartialEq)]
pub struct Command {
    /// The installation it came to.
    pub workspace: Workspace,
    /// Who typed it.
    pub user_id: String,
    /// The command, with its slash (`/kudos`).
    pub command: String,
    /// What followed the command (empty when nothing did).
    pub text: String,
    /// Where the answer goes; Slack always sends it, the bot falls back to a DM without.
    pub response_url: Option<String>,
    /// For opening a modal within three seconds.
    pub trigger_id: Option<String>,
    /// The conversation it was typed in.
    pub channel_id: Option<String>,
}

/// The interactions the bot acts on; any other is [`Interaction::Other`].
#[derive(Debug, Clone, PartialEq)]
pub enum Interaction {
    /// A button press or a menu choice in a message, the App Home or a modal.
    BlockActions(BlockActions),
    /// A modal was submitted.
    ViewSubmission(ViewSubmission),
    /// A message shortcut ("Give kudos" on a message).
    MessageShortcut(MessageShortcut),
    /// Any other interaction (`view_closed`, global `shortcut`, `block_suggestion`, the legacy
    /// `interactive_message`, `dialog_*` and `workflow_step_edit`): acknowledged, not acted on.
    Other {
        /// The payload's `type`.
        interaction_type: String,
        /// The installation it came to.
        workspace: Workspace,
        /// Who made it, when Slack says.
        user_id: Option<String>,
    },
}

/// A `block_actions` interaction.
#[derive(Debug, Clone, PartialEq)]
pub struct BlockActions {
    /// The installation it came to.
    pub workspace: Workspace,
    /// Who pressed.
    pub user_id: String,
    /// For opening a modal; absent for function-scoped actions (workflow steps), which carry
    /// an `interactivity_pointer` instead.
    pub trigger_id: Option<String>,
    /// Where an answer can go when the message cannot be updated.
    pub response_url: Option<String>,
    /// Where the pressed element was.
    pub container: Container,
    /// What was pressed or chosen (Slack sends one; the list is kept as sent).
    pub actions: Vec<Action>,
    /// The message the element was in, when it was in a message Slack could send back.
    pub message: Option<ActionMessage>,
}

/// Where a pressed element was.
#[derive(Debug, Clone, PartialEq)]
pub enum Container {
    /// A message: it can be updated in place unless it is ephemeral.
    Message {
        /// The message's conversation (from the container, else the payload's `channel`).
        channel_id: Option<String>,
        /// The message's timestamp.
        ts: String,
        /// An ephemeral message cannot be updated with `chat.update`.
        is_ephemeral: bool,
    },
    /// A view: the App Home or a modal.
    View {
        /// The view's id.
        view_id: String,
    },
    /// Anything else (`message_attachment`, a container without a type).
    Other {
        /// The container's `type`, empty when it had none.
        container_type: String,
    },
}

/// One pressed button or chosen option.
#[derive(Debug, Clone, PartialEq)]
pub struct Action {
    /// The element's action id: what the bot routes on.
    pub action_id: String,
    /// The block the element sits in (an actions block, or a section for an accessory).
    pub block_id: Option<String>,
    /// The element's type (`button`, `static_select`, …).
    pub action_type: Option<String>,
    /// A button's value.
    pub value: Option<String>,
    /// The value of a select's chosen option.
    pub selected_option: Option<String>,
}

/// The message a pressed element was in, as Slack sends it back.
#[derive(Debug, Clone, PartialEq)]
pub struct ActionMessage {
    /// The message's fallback text.
    pub text: String,
    /// The message's blocks as raw JSON, so the update keeps what the person saw.
    pub blocks: Option<Value>,
}

/// A `view_submission` interaction.
#[derive(Debug, Clone, PartialEq)]
pub struct ViewSubmission {
    /// The installation it came to.
    pub workspace: Workspace,
    /// Who submitted.
    pub user_id: String,
    /// For pushing or opening another view.
    pub trigger_id: Option<String>,
    /// The submitted view.
    pub view: View,
}

/// A submitted view: which form it is and what was filled in.
#[derive(Debug, Clone, PartialEq)]
pub struct View {
    /// The view's id (the dedupe part of a submission's request id).
    pub id: String,
    /// `modal`, `home`, `workflow_step`, …; empty when absent.
    pub view_type: String,
    /// Which of the bot's forms it is; empty when the view had none.
    pub callback_id: String,
    /// What the bot stored in the view when opening it.
    pub private_metadata: Option<String>,
    /// `state.values`: `{block_id: {action_id: {…}}}`; an empty object when Slack sent
    /// `state: {}` or no state.
    pub state_values: Value,
}

/// A `message_action` interaction: a message shortcut.
#[derive(Debug, Clone, PartialEq)]
pub struct MessageShortcut {
    /// The installation it came to.
    pub workspace: Workspace,
    /// Who used the shortcut.
    pub user_id: String,
    /// Which shortcut (`give_kudos`).
    pub callback_id: String,
    /// For opening the modal within three seconds.
    pub trigger_id: Option<String>,
    /// The conversation of the message.
    pub channel_id: Option<String>,
    /// Where an answer can go.
    pub response_url: Option<String>,
    /// The message the shortcut was used on.
    pub message: ShortcutMessage,
}

/// The message a shortcut was used on.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ShortcutMessage {
    /// Its author; absent for bot and webhook messages.
    pub user: Option<String>,
    /// Its text, in Slack markup (`<@U…>`, `&amp;`); empty when it had none.
    pub text: String,
    /// Its timestamp.
    pub ts: Option<String>,
}

impl Request {
    /// The installation the request belongs to (see [`Workspace::org_key`]); `None` for a URL
    /// check, an ignored request, or a request naming no workspace at all, which the bot
    /// cannot act on.
    pub fn org_key(&self) -> Option<String> {
        self.workspace().and_then(Workspace::org_key)
    }

    /// The workspace the request names, when it names one.
    pub fn workspace(&self) -> Option<&Workspace> {
        match self {
            Request::Event(e) => Some(&e.workspace),
            Request::Command(c) => Some(&c.workspace),
            Request::Interaction(i) => Some(match i {
                Interaction::BlockActions(b) => &b.workspace,
                Interaction::ViewSubmission(v) => &v.workspace,
                Interaction::MessageShortcut(m) => &m.workspace,
                Interaction::Other { workspace, .. } => workspace,
            }),
            Request::UrlVerification { .. } | Request::Ignored { .. } => None,
        }
    }

    /// The person who made the request, so the inbox worker can keep each person's requests in
    /// order; `None` for workspace-wide events (uninstalls, revocations, unknown events).
    pub fn actor(&self) -> Option<String> {
        match self {
            Request::Event(e) => match &e.event {
                Event::ReactionAdded { user, .. } | Event::AppHomeOpened { user, .. } => {
                    Some(user.clone())
                }
                Event::TeamJoin { user } => str_at(user, "/id").map(str::to_string),
                _ => None,
            },
            Request::Command(c) => Some(c.user_id.clone()),
            Request::Interaction(i) => match i {
                Interaction::BlockActions(b) => Some(b.user_id.clone()),
                Interaction::ViewSubmission(v) => Some(v.user_id.clone()),
                Interaction::MessageShortcut(m) => Some(m.user_id.clone()),
                Interaction::Other { user_id, .. } => user_id.clone(),
            },
            Request::UrlVerification { .. } | Request::Ignored { .. } => None,
        }
    }

    /// The Events API event id, the dedupe key for events (retries reuse it).
    pub fn event_id(&self) -> Option<&str> {
        match self {
            Request::Event(e) => Some(&e.event_id),
            _ => None,
        }
    }
}

/// Decodes raw bytes: [`decode`] after checking they are UTF-8.
pub fn decode_bytes(kind: Kind, body: &[u8]) -> Result<Request, DecodeError> {
    let text = std::str::from_utf8(body).map_err(|_| DecodeError::NotUtf8(kind))?;
    decode(kind, text)
}

/// Decodes a body that came to the endpoint of `kind`.
///
/// Errors only for bodies that are not what Slack sends at all (see [`DecodeError`]); any
/// well-formed request decodes, to [`Request::Ignored`] or an `Other` variant when the bot has
/// no use for it.
pub fn decode(kind: Kind, body: &str) -> Result<Request, DecodeError> {
    match kind {
        Kind::Event => decode_event(&json_object(kind, body)?),
        Kind::Command => decode_command(body),
        Kind::Interaction => decode_interaction(body),
    }
}

fn json_object(kind: Kind, body: &str) -> Result<Value, DecodeError> {
    let value: Value = serde_json::from_str(body).map_err(|e| DecodeError::NotJson {
        kind,
        reason: e.to_string(),
    })?;
    if !value.is_object() {
        return Err(DecodeError::NotAnObject(kind));
    }
    Ok(value)
}

/// Whether a body is JSON rather than a form: Socket Mode and the Events API send JSON, HTTP
/// commands and interactions a form (which never starts with `{`).
fn looks_like_json(body: &str) -> bool {
    body.trim_start().starts_with('{')
}

/// A form's fields as a JSON object of strings (the first of repeated names wins), so forms
/// and Socket Mode JSON are read by the same code.
fn form_object(body: &str) -> Value {
    let mut fields = Map::new();
    for (name, value) in form_urlencoded_pairs(body) {
        fields.entry(name).or_insert(Value::String(value));
    }
    Value::Object(fields)
}

fn form_urlencoded_pairs(body: &str) -> Vec<(String, String)> {
    // serde_urlencoded decodes leniently (invalid escapes are kept as text), so a body is
    // always some form; whether it is Slack's is decided by the fields it has.
    serde_urlencoded::from_str::<Vec<(String, String)>>(body.trim()).unwrap_or_default()
}

fn decode_event(p: &Value) -> Result<Request, DecodeError> {
    let Some(event_type) = p.get("type").and_then(Value::as_str) else {
        return Err(DecodeError::Missing {
            kind: Kind::Event,
            field: "type",
        });
    };
    match event_type {
        "url_verification" => Ok(match str_at(p, "/challenge") {
            Some(challenge) => Request::UrlVerification {
                challenge: challenge.to_string(),
            },
            None => ignored("url_verification without a challenge"),
        }),
        "event_callback" => Ok(event_callback(p)),
        // app_rate_limited and any envelope type Slack adds later: nothing to process.
        other => Ok(ignored(other)),
    }
}

fn event_callback(p: &Value) -> Request {
    // Slack always sends `event_id` with an event_callback (it is required in Slack's
    // envelope schema and present in every delivery the SDKs record); only hand-made test
    // bodies (bolt-python `test_app_actor_user_token.py`) leave it out. Without it a retry
    // could not be told from a new event, so such a body is acknowledged and ignored rather
    // than refused (a 400 would count as a failed delivery) or acted on.
    let Some(event_id) = str_at(p, "/event_id") else {
        return ignored("event_callback without event_id");
    };
    let Some(inner) = p.get("event").filter(|e| e.is_object()) else {
        return ignored("event_callback without an event object");
    };
    let Some(event_type) = str_at(inner, "/type") else {
        return ignored("event_callback whose event has no type");
    };
    let event = match inner_event(event_type, inner) {
        Ok(event) => event,
        Err(e) => return ignored(format!("{event_type}: {e}")),
    };
    Request::Event(EventEnvelope {
        workspace: Workspace::from_payload(p),
        event_id: event_id.to_string(),
        event,
    })
}

#[derive(Deserialize)]
struct WireReaction {
    user: String,
    reaction: String,
    item_user: Option<String>,
    item: Option<WireReactionItem>,
}

#[derive(Deserialize)]
struct WireReactionItem {
    #[serde(rename = "type")]
    item_type: Option<String>,
    channel: Option<String>,
    ts: Option<String>,
}

#[derive(Deserialize)]
struct WireHomeOpened {
    user: String,
    tab: Option<String>,
}

#[derive(Deserialize)]
struct WireTokensRevoked {
    tokens: Option<WireTokens>,
}

#[derive(Deserialize)]
struct WireTokens {
    oauth: Option<Vec<String>>,
    bot: Option<Vec<String>>,
}

fn inner_event(event_type: &str, inner: &Value) -> Result<Event, String> {
    let fail = |e: serde_json::Error| e.to_string();
    Ok(match event_type {
        "reaction_added" => {
            let r = WireReaction::deserialize(inner).map_err(fail)?;
            // Only a message has a conversation and a timestamp; a file reaction has neither.
            let message = r
                .item
                .filter(|i| i.item_type.as_deref().is_none_or(|t| t == "message"));
            let (channel, ts) = match message {
                Some(item) => (item.channel, item.ts),
                None => (None, None),
            };
            Event::ReactionAdded {
                user: r.user,
                reaction: r.reaction,
                item_user: r.item_user,
                channel,
                ts,
            }
        }
        "app_home_opened" => {
            let h = WireHomeOpened::deserialize(inner).map_err(fail)?;
            Event::AppHomeOpened {
                user: h.user,
                tab: h.tab,
            }
        }
        "team_join" => {
            let user = inner.get("user").cloned().unwrap_or(Value::Null);
            if str_at(&user, "/id").is_none() {
                return Err("the user has no id".to_string());
            }
            Event::TeamJoin { user }
        }
        "app_uninstalled" => Event::AppUninstalled,
        "tokens_revoked" => {
            let tokens = WireTokensRevoked::deserialize(inner).map_err(fail)?.tokens;
            let (users, bots) = match tokens {
                Some(t) => (t.oauth.unwrap_or_default(), t.bot.unwrap_or_default()),
                None => (Vec::new(), Vec::new()),
            };
            Event::TokensRevoked { users, bots }
        }
        other => Event::Other {
            event_type: other.to_string(),
            subtype: str_at(inner, "/subtype").map(str::to_string),
        },
    })
}

fn decode_command(body: &str) -> Result<Request, DecodeError> {
    let p = if looks_like_json(body) {
        json_object(Kind::Command, body)?
    } else {
        form_object(body)
    };
    let missing = |field| DecodeError::Missing {
        kind: Kind::Command,
        field,
    };
    let Some(command) = str_at(&p, "/command") else {
        // Slack checks the command URL's certificate with a bare `ssl_check=1` form.
        if str_at(&p, "/ssl_check").is_some() {
            return Ok(ignored("ssl_check"));
        }
        return Err(missing("command"));
    };
    let user_id = str_at(&p, "/user_id").ok_or_else(|| missing("user_id"))?;
    let text = |path| str_at(&p, path).map(str::to_string);
    Ok(Request::Command(Command {
        workspace: Workspace::from_payload(&p),
        user_id: user_id.to_string(),
        command: command.to_string(),
        // Text is read raw: an empty text is meaningful (`/kudos` alone opens the modal).
        text: p
            .get("text")
            .and_then(Value::as_str)
            .unwrap_or_default()
            .to_string(),
        response_url: text("/response_url"),
        trigger_id: text("/trigger_id"),
        channel_id: text("/channel_id"),
    }))
}

fn decode_interaction(body: &str) -> Result<Request, DecodeError> {
    let kind = Kind::Interaction;
    let p = if looks_like_json(body) {
        json_object(kind, body)?
    } else {
        let form = form_object(body);
        match str_at(&form, "/payload") {
            Some(payload) => json_object(kind, payload)?,
            None if str_at(&form, "/ssl_check").is_some() => return Ok(ignored("ssl_check")),
            None => {
                return Err(DecodeError::Missing {
                    kind,
                    field: "payload",
                });
            }
        }
    };
    let Some(interaction_type) = str_at(&p, "/type") else {
        return Err(DecodeError::Missing {
            kind,
            field: "type",
        });
    };
    let workspace = Workspace::from_payload(&p);
    let decoded = match interaction_type {
        "block_actions" => block_actions(&p, workspace).map(Interaction::BlockActions),
        "view_submission" => view_submission(&p, workspace).map(Interaction::ViewSubmission),
        "message_action" => message_shortcut(&p, workspace).map(Interaction::MessageShortcut),
        other => Ok(Interaction::Other {
            interaction_type: other.to_string(),
            workspace,
            user_id: str_at(&p, "/user/id").map(str::to_string),
        }),
    };
    Ok(match decoded {
        Ok(interaction) => Request::Interaction(interaction),
        Err(e) => ignored(format!("{interaction_type}: {e}")),
    })
}

#[derive(Deserialize)]
struct WireUser {
    id: String,
}

#[derive(Deserialize)]
struct WireBlockActions {
    user: WireUser,
    trigger_id: Option<String>,
    response_url: Option<String>,
    #[serde(default)]
    actions: Vec<WireAction>,
    message: Option<WireActionMessage>,
}

#[derive(Deserialize)]
struct WireAction {
    action_id: String,
    block_id: Option<String>,
    #[serde(rename = "type")]
    action_type: Option<String>,
    value: Option<String>,
    selected_option: Option<WireOption>,
}

#[derive(Deserialize)]
struct WireOption {
    value: Option<String>,
}

#[derive(Deserialize)]
struct WireActionMessage {
    text: Option<String>,
    blocks: Option<Value>,
}

fn block_actions(p: &Value, workspace: Workspace) -> Result<BlockActions, serde_json::Error> {
    let b = WireBlockActions::deserialize(p)?;
    Ok(BlockActions {
        workspace,
        user_id: b.user.id,
        trigger_id: b.trigger_id.filter(|t| !t.is_empty()),
        response_url: b.response_url.filter(|u| !u.is_empty()),
        container: container(p),
        actions: b
            .actions
            .into_iter()
            .map(|a| Action {
                action_id: a.action_id,
                block_id: a.block_id,
                action_type: a.action_type,
                value: a.value,
                selected_option: a.selected_option.and_then(|o| o.value),
            })
            .collect(),
        message: b.message.map(|m| ActionMessage {
            text: m.text.unwrap_or_default(),
            blocks: m.blocks,
        }),
    })
}

/// Reads `container`, which Slack types by `type`; an unexpected one is [`Container::Other`].
fn container(p: &Value) -> Container {
    let c = p.get("container").unwrap_or(&Value::Null);
    let container_type = str_at(c, "/type").unwrap_or_default();
    match container_type {
        "message" => match str_at(c, "/message_ts") {
            Some(ts) => Container::Message {
                channel_id: str_at(c, "/channel_id")
                    .or_else(|| str_at(p, "/channel/id"))
                    .map(str::to_string),
                ts: ts.to_string(),
                is_ephemeral: flag(c.get("is_ephemeral")),
            },
            None => Container::Other {
                container_type: container_type.to_string(),
            },
        },
        "view" => match str_at(c, "/view_id").or_else(|| str_at(p, "/view/id")) {
            Some(view_id) => Container::View {
                view_id: view_id.to_string(),
            },
            None => Container::Other {
                container_type: container_type.to_string(),
            },
        },
        other => Container::Other {
            container_type: other.to_string(),
        },
    }
}

#[derive(Deserialize)]
struct WireViewSubmission {
    user: WireUser,
    trigger_id: Option<String>,
    view: WireView,
}

#[derive(Deserialize)]
struct WireView {
    id: String,
    #[serde(rename = "type")]
    view_type: Option<String>,
    callback_id: Option<String>,
    private_metadata: Option<String>,
    state: Option<Value>,
}

fn view_submission(p: &Value, workspace: Workspace) -> Result<ViewSubmission, serde_json::Error> {
    let v = WireViewSubmission::deserialize(p)?;
    // `state: {}` (no values), `state: null` and no state all mean nothing was filled in.
    let state_values = v
        .view
        .state
        .as_ref()
        .and_then(|s| s.get("values"))
        .filter(|values| values.is_object())
        .cloned()
        .unwrap_or_else(|| Value::Object(Map::new()));
    Ok(ViewSubmission {
        workspace,
        user_id: v.user.id,
        trigger_id: v.trigger_id.filter(|t| !t.is_empty()),
        view: View {
            id: v.view.id,
            view_type: v.view.view_type.unwrap_or_default(),
            callback_id: v.view.callback_id.unwrap_or_default(),
            private_metadata: v.view.private_metadata,
            state_values,
        },
    })
}

#[derive(Deserialize)]
struct WireMessageShortcut {
    user: WireUser,
    callback_id: String,
    trigger_id: Option<String>,
    response_url: Option<String>,
    message: Option<WireShortcutMessage>,
}

#[derive(Deserialize)]
struct WireShortcutMessage {
    user: Option<String>,
    text: Option<String>,
    ts: Option<String>,
}

fn message_shortcut(p: &Value, workspace: Workspace) -> Result<MessageShortcut, serde_json::Error> {
    let m = WireMessageShortcut::deserialize(p)?;
    let message = m
        .message
        .map(|msg| ShortcutMessage {
            user: msg.user.filter(|u| !u.is_empty()),
            text: msg.text.unwrap_or_default(),
            ts: msg.ts,
        })
        .unwrap_or_default();
    Ok(MessageShortcut {
        workspace,
        user_id: m.user.id,
        callback_id: m.callback_id,
        trigger_id: m.trigger_id.filter(|t| !t.is_empty()),
        channel_id: str_at(p, "/channel/id").map(str::to_string),
        response_url: m.response_url.filter(|u| !u.is_empty()),
        message,
    })
}

fn ignored(what: impl Into<String>) -> Request {
    Request::Ignored { what: what.into() }
}

/// The non-empty string at a JSON pointer.
fn str_at<'a>(v: &'a Value, pointer: &str) -> Option<&'a str> {
    v.pointer(pointer)
        .and_then(Value::as_str)
        .filter(|s| !s.is_empty())
}

/// An id given either as a string or as an object's `id` (`team`, `enterprise`); `null` and
/// empty strings are absent.
fn id_of(v: Option<&Value>) -> Option<&str> {
    match v? {
        Value::String(s) if !s.is_empty() => Some(s),
        object @ Value::Object(_) => str_at(object, "/id"),
        _ => None,
    }
}

/// A flag given as a JSON boolean or, from forms and Socket Mode commands, as `"true"`.
fn flag(v: Option<&Value>) -> bool {
    match v {
        Some(Value::Bool(b)) => *b,
        Some(Value::String(s)) => s.eq_ignore_ascii_case("true") || s == "1",
        _ => false,
    }
}

#[cfg(test)]
mod tests;
