//! What the fake knows and remembers: one `State` behind the lock every handler takes.

use std::collections::{BTreeMap, HashSet, VecDeque};

use super::MESSAGE_SIZE_LIMIT;
use super::directory::{self, FakePerson, FakeTeam, ObjectIdKey, demo_people, guest};
use super::keys::KeyState;
use super::records::RecordedCall;

/// A failure armed by a test: the next calls get this status instead of their answer.
#[derive(Debug, Clone, Copy)]
pub(super) struct Injected {
    pub status: u16,
    pub retry_after: Option<u64>,
}

/// An activity the bot sent, as the Connector keeps it (the latest version after updates).
#[derive(Debug, Clone)]
pub(super) struct StoredActivity {
    pub(super) conversation_id: String,
    pub(super) id: String,
    pub(super) reply_to_id: Option<String>,
    pub(super) activity: serde_json::Value,
    pub(super) versions: usize,
}

/// Everything the fake knows and remembers, behind one lock never held across an await.
#[derive(Debug)]
pub(super) struct State {
    pub(super) base_url: String,
    pub(super) calls: Vec<RecordedCall>,
    pub(super) tokens: HashSet<String>,
    pub(super) tokens_issued: usize,
    pub(super) openid_fetches: usize,
    pub(super) key_fetches: usize,
    pub(super) connector_failures: VecDeque<Injected>,
    pub(super) login_failures: VecDeque<Injected>,
    pub(super) people: Vec<FakePerson>,
    pub(super) team: FakeTeam,
    /// Personal conversation id → the person's `29:` id.
    pub(super) personal: BTreeMap<String, String>,
    /// Conversations the bot was removed from: sends there get 403.
    pub(super) bot_removed: HashSet<String>,
    pub(super) activities: Vec<StoredActivity>,
    pub(super) counter: u64,
    pub(super) keys: KeyState,
    pub(super) object_id_key: ObjectIdKey,
    pub(super) message_size_limit: usize,
}

impl State {
    pub(super) fn new(base_url: String) -> Self {
        let mut people = demo_people();
        people.push(guest());
        Self {
            base_url,
            calls: Vec::new(),
            tokens: HashSet::new(),
            tokens_issued: 0,
            openid_fetches: 0,
            key_fetches: 0,
            connector_failures: VecDeque::new(),
            login_failures: VecDeque::new(),
            people,
            team: FakeTeam::default(),
            personal: BTreeMap::new(),
            bot_removed: HashSet::new(),
            activities: Vec::new(),
            counter: 0,
            keys: KeyState::default(),
            object_id_key: ObjectIdKey::ObjectId,
            message_size_limit: MESSAGE_SIZE_LIMIT,
        }
    }

    /// A number never handed out before.
    pub(super) fn next_number(&mut self) -> u64 {
        self.counter += 1;
        self.counter
    }

    /// A fresh message id in Teams' style: milliseconds since the epoch, made unique.
    pub(super) fn next_message_id(&mut self) -> String {
        let n = self.next_number();
        (1_767_225_600_000 + n).to_string()
    }

    /// A person by `29:` id, Entra object id or email (case-insensitive).
    pub(super) fn person(&self, key: &str) -> Option<&FakePerson> {
        self.people.iter().find(|p| p.matches(key))
    }

    /// The personal conversation between the bot and `person`, made known to the Connector.
    pub(super) fn open_personal(&mut self, person: &FakePerson) -> String {
        let id = directory::personal_conversation_id(&person.user_id);
        self.personal.insert(id.clone(), person.user_id.clone());
        id
    }

    /// One line per call, for panic messages.
    pub(super) fn describe_calls(&self) -> String {
        if self.calls.is_empty() {
            return "nothing".into();
        }
        self.calls
            .iter()
            .map(|c| format!("\n  {}", c.summary()))
            .collect()
    }
}
