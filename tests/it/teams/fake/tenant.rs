//! The tenant as a test shapes it: its people, its team, and the bot's place in their
//! conversations.

use super::{FakeBotFramework, FakePerson, FakeTeam, ObjectIdKey};

impl FakeBotFramework {
    /// Replaces the people of the tenant (the team roster and everyone a 1:1 can be opened
    /// with), in roster order.
    pub fn set_members(&self, people: Vec<FakePerson>) {
        self.inner.lock().people = people;
        self.inner.changed.notify_waiters();
    }

    /// Adds one person to the tenant and the team roster (a newcomer).
    pub fn add_member(&self, person: FakePerson) {
        self.inner.lock().people.push(person);
        self.inner.changed.notify_waiters();
    }

    /// Removes a person (by `29:` id, object id or email) from the tenant and the roster.
    pub fn remove_member(&self, key: &str) {
        self.inner.lock().people.retain(|p| !p.matches(key));
        self.inner.changed.notify_waiters();
    }

    /// The people the fake knows now, in roster order.
    pub fn members(&self) -> Vec<FakePerson> {
        self.inner.lock().people.clone()
    }

    /// A known person by `29:` id, Entra object id or email; panics naming the key if unknown.
    pub fn person(&self, key: &str) -> FakePerson {
        self.inner
            .lock()
            .person(key)
            .cloned()
            .unwrap_or_else(|| panic!("the fake Bot Framework knows no person {key:?}"))
    }

    /// The team the fake knows.
    pub fn team(&self) -> FakeTeam {
        self.inner.lock().team.clone()
    }

    /// Which key the roster uses for Entra object ids (default [`ObjectIdKey::ObjectId`]).
    pub fn set_object_id_key(&self, key: ObjectIdKey) {
        self.inner.lock().object_id_key = key;
    }

    /// Removes the bot from a conversation (an uninstall): the Connector then answers sends
    /// there with 403 `BotNotInConversationRoster`. A channel id covers its threads.
    pub fn remove_bot_from(&self, conversation_id: &str) {
        let mut state = self.inner.lock();
        state.bot_removed.insert(conversation_id.to_owned());
    }

    /// The personal conversation id of `person` with the bot, the same one a created 1:1 gets.
    pub fn personal_conversation_id(&self, person: &FakePerson) -> String {
        self.inner.lock().open_personal(person)
    }
}
