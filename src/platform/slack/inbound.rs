//! Decoding what Slack sends: Events API JSON, slash-command forms and interaction payloads.
//!
//! The HTTP routes and Socket Mode both end here, after the signature (or the socket) has
//! vouched for the sender. Decoding happens twice on purpose: once at the edge, to refuse a
//! malformed body with 400 and to learn the team and dedupe key before storing; once in the
//! worker, from the stored body, so that what is processed is exactly what was acknowledged.

use serde_json::Value;
use slack_morphism::prelude::*;

use crate::store::InboxKind;

/// A decoded request.
#[derive(Debug, Clone)]
pub enum Decoded {
    /// An Events API envelope.
    Event(Box<SlackPushEvent>),
    /// A slash command.
    Command(Box<SlackCommandEvent>),
    /// A button, modal submission or shortcut, with its raw JSON for the parts slack-morphism
    /// does not model (modal state, private metadata).
    Interaction(Box<SlackInteractionEvent>, Value),
}

/// Why a body could not be decoded (answered with 400, never stored).
#[derive(Debug, thiserror::Error)]
#[error("malformed Slack {kind} body: {reason}")]
pub struct DecodeError {
    /// What was expected.
    pub kind: &'static str,
    /// What went wrong.
    pub reason: String,
}

fn bad(kind: &'static str, reason: impl ToString) -> DecodeError {
    DecodeError {
        kind,
        reason: reason.to_string(),
    }
}

/// Decodes a body of the given kind.
pub fn decode(kind: InboxKind, body: &str) -> Result<Decoded, DecodeError> {
    match kind {
        InboxKind::Event => serde_json::from_str::<SlackPushEvent>(body)
            .map(|e| Decoded::Event(Box::new(e)))
            .map_err(|e| bad("event", e)),
        // Socket Mode delivers commands as JSON; HTTP as a form.
        InboxKind::Command if body.trim_start().starts_with('{') => {
            serde_json::from_str::<SlackCommandEvent>(body)
                .map(|c| Decoded::Command(Box::new(c)))
                .map_err(|e| bad("slash command", e))
        }
        InboxKind::Command => serde_urlencoded::from_str::<SlackCommandEvent>(body)
            .map(|c| Decoded::Command(Box::new(c)))
            .map_err(|e| bad("slash command", e)),
        InboxKind::Interaction => {
            let payload = interaction_payload(body)?;
            let raw: Value = serde_json::from_str(&payload).map_err(|e| bad("interaction", e))?;
            let event: SlackInteractionEvent =
                serde_json::from_value(raw.clone()).map_err(|e| bad("interaction", e))?;
            Ok(Decoded::Interaction(Box::new(event), raw))
        }
    }
}

/// The JSON inside an interaction's `payload=` form field (Socket Mode sends the JSON alone).
pub fn interaction_payload(body: &str) -> Result<String, DecodeError> {
    if body.trim_start().starts_with('{') {
        return Ok(body.to_string());
    }
    serde_urlencoded::from_str::<Vec<(String, String)>>(body)
        .map_err(|e| bad("interaction", e))?
        .into_iter()
        .find(|(k, _)| k == "payload")
        .map(|(_, v)| v)
        .ok_or_else(|| bad("interaction", "no payload field"))
}

/// The workspace a decoded request belongs to.
pub fn team_of(decoded: &Decoded) -> Option<String> {
    match decoded {
        Decoded::Event(e) => match e.as_ref() {
            SlackPushEvent::EventCallback(cb) => Some(cb.team_id.to_string()),
            SlackPushEvent::AppRateLimited(r) => Some(r.team_id.clone()),
            SlackPushEvent::UrlVerification(_) => None,
        },
        Decoded::Command(c) => Some(c.team_id.to_string()),
        Decoded::Interaction(_, raw) => raw
            .pointer("/team/id")
            .or_else(|| raw.pointer("/user/team_id"))
            .and_then(Value::as_str)
            .map(str::to_string),
    }
}

/// The person a decoded request comes from, when one person made it (not for uninstalls and
/// other workspace-wide events). The inbox worker keeps each person's requests in order.
pub fn actor_of(decoded: &Decoded) -> Option<String> {
    match decoded {
        Decoded::Event(e) => match e.as_ref() {
            SlackPushEvent::EventCallback(cb) => match &cb.event {
                SlackEventCallbackBody::ReactionAdded(r) => Some(r.user.to_string()),
                SlackEventCallbackBody::AppHomeOpened(h) => Some(h.user.to_string()),
                SlackEventCallbackBody::TeamJoin(j) => Some(j.user.id.to_string()),
                _ => None,
            },
            _ => None,
        },
        Decoded::Command(c) => Some(c.user_id.to_string()),
        Decoded::Interaction(_, raw) => raw
            .pointer("/user/id")
            .and_then(Value::as_str)
            .map(str::to_string),
    }
}

/// The event id of an Events API callback: Slack's retries reuse it, so it is the dedupe key.
pub fn event_id(decoded: &Decoded) -> Option<String> {
    match decoded {
        Decoded::Event(e) => match e.as_ref() {
            SlackPushEvent::EventCallback(cb) => Some(cb.event_id.to_string()),
            _ => None,
        },
        _ => None,
    }
}

/// A user id from a Slack mention token: `<@U123>` or `<@U123|ana>`.
pub fn parse_user_mention(token: &str) -> Option<String> {
    let inner = token.strip_prefix("<@")?.strip_suffix('>')?;
    let id = inner.split('|').next()?;
    let valid = !id.is_empty()
        && id.chars().all(|c| c.is_ascii_alphanumeric())
        && (id.starts_with('U') || id.starts_with('W'));
    valid.then(|| id.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mentions_are_slack_user_ids() {
        assert_eq!(parse_user_mention("<@U123ABC>"), Some("U123ABC".into()));
        assert_eq!(parse_user_mention("<@W42|ana>"), Some("W42".into()));
        assert_eq!(parse_user_mention("@ana"), None);
        assert_eq!(parse_user_mention("<!channel>"), None);
        assert_eq!(parse_user_mention("<#C123>"), None);
        assert_eq!(parse_user_mention("<@>"), None);
    }

    #[test]
    fn a_slash_command_form_decodes() {
        let body = "token=x&team_id=T1&team_domain=d&channel_id=C1&channel_name=general&user_id=U1&user_name=ana&command=%2Fkudos&text=%3C%40U2%3E+thanks&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2F1&trigger_id=1.2.3";
        let d = decode(InboxKind::Command, body).expect("decodes");
        assert_eq!(team_of(&d), Some("T1".into()));
        let Decoded::Command(c) = d else {
            panic!("a command")
        };
        assert_eq!(c.text.as_deref(), Some("<@U2> thanks"));
    }

    #[test]
    fn garbage_is_a_decode_error_not_a_panic() {
        assert!(decode(InboxKind::Event, "{not json").is_err());
        assert!(decode(InboxKind::Command, "team_id=T1").is_err());
        assert!(decode(InboxKind::Interaction, "payload=%7B%7D").is_err());
        assert!(decode(InboxKind::Interaction, "nothing=here").is_err());
    }
}
