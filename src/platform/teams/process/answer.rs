//! Showing the bot's answer where the person asked, as Connector calls queued in the outbox.
//!
//! | answer | where it goes |
//! |---|---|
//! | reply in a personal chat | that chat |
//! | public reply in a channel | the thread of the message that asked |
//! | private reply in a channel | the person's 1:1 chat with the bot (Teams has no ephemeral messages) |
//! | form | a card with inputs in the person's 1:1 chat |

use super::super::activity::Activity;
use super::super::calls::Target;
use super::super::{form_activity, message_activity, send_call};
use super::Scope;
use crate::core::message::{Message, Visibility};
use crate::core::outbound::Answer;
use crate::store::NewOutbound;

/// Where the answer to one activity is shown.
#[derive(Debug, Clone)]
pub(super) struct ReplyTo {
    /// The asker's Entra id, whose 1:1 chat takes private answers.
    pub person: Option<String>,
    /// The Connector the activity came through.
    pub service_url: String,
    /// The conversation it came from.
    pub conversation_id: String,
    /// Whether that conversation is the person's 1:1 chat with the bot.
    pub personal: bool,
    /// The activity to answer in the thread of (a message in a channel).
    pub thread: Option<String>,
}

impl ReplyTo {
    /// Answers go back where `activity` came from.
    pub fn of(activity: &Activity) -> ReplyTo {
        ReplyTo {
            person: activity.from.aad_object_id.clone(),
            service_url: activity.service_url.clone(),
            conversation_id: activity.conversation_id().to_string(),
            personal: activity.is_personal(),
            thread: (!activity.is_personal())
                .then(|| activity.id.clone())
                .flatten(),
        }
    }

    /// The conversation itself, or a thread in it.
    fn here(&self, in_thread: bool) -> Target {
        Target::Conversation {
            service_url: self.service_url.clone(),
            conversation_id: self.conversation_id.clone(),
            reply_to: if in_thread { self.thread.clone() } else { None },
        }
    }

    /// Where something only the person should see goes.
    fn private(&self) -> Target {
        match (&self.person, self.personal) {
            (Some(aad), false) => Target::Person {
                aad_object_id: aad.clone(),
            },
            _ => self.here(false),
        }
    }
}

/// The calls that show `answer`.
pub(super) fn calls(scope: &Scope<'_>, answer: &Answer, to: &ReplyTo) -> Vec<NewOutbound> {
    match answer {
        Answer::Nothing => Vec::new(),
        Answer::Reply(message) | Answer::UpdateClicked(message) | Answer::Home(message) => {
            vec![reply_call(scope, message, to)]
        }
        Answer::Form(form) => {
            let mut call = send_call(
                &scope.org_key,
                to.private(),
                form_activity(form, None),
                scope.now(),
            );
            call.urgent = true;
            vec![call]
        }
    }
}

/// A reply where the person asked: in the chat, in the thread, or privately in their 1:1.
pub(super) fn reply_call(scope: &Scope<'_>, message: &Message, to: &ReplyTo) -> NewOutbound {
    let target = match (to.personal, message.visibility) {
        (true, _) => to.here(false),
        (false, Visibility::Public) => to.here(true),
        (false, Visibility::Ephemeral) => to.private(),
    };
    let mut call = send_call(
        &scope.org_key,
        target,
        message_activity(message),
        scope.now(),
    );
    call.urgent = true;
    call
}
