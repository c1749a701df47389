//! The events Teams sends a bot about membership and installation: `conversationUpdate`
//! (`membersAdded` / `membersRemoved`) and `installationUpdate` (`action` `add` / `remove`).
//!
//! Shapes from msteams-docs `subscribe-to-conversation-events.md`: the bot added to a team gets
//! `membersAdded:[{"id":"28:<app id>"}]` in the channel it was installed from, with
//! `channelData {settings.selectedChannel, team {aadGroupId, name, id}, eventType:
//! "teamMemberAdded", tenant}`; added to a 1:1, `membersAdded` lists the bot and the person
//! (`{id, aadObjectId}`); other member changes arrive with the team's id as the conversation
//! and `eventType` `teamMemberAdded` / `teamMemberRemoved` (`membersRemoved` entries carry only
//! the `id`); `installationUpdate` carries `action` and `channelData.source`.

use serde_json::{Value, json};

use super::activities::{TeamsClient, base, channel, personal};
use super::directory::FakePerson;
use super::{BOT_ID, State, TENANT_ID};

/// A fresh event id in Teams' `f:…` style.
fn event_id(state: &mut State) -> String {
    format!("f:{:08x}", 0x5f85_c2ad_u64 + state.next_number())
}

/// `channelData` of a team event.
fn team_data(state: &State, event_type: Option<&str>) -> Value {
    let team = &state.team;
    let mut data = json!({
        "team": {"aadGroupId": team.aad_group_id, "name": team.name, "id": team.id},
        "tenant": {"id": TENANT_ID},
    });
    if let Some(event_type) = event_type {
        data["eventType"] = json!(event_type);
    }
    data
}

impl TeamsClient {
    /// `by` adds the bot to the team, from its General channel.
    pub fn bot_added_to_team(&self, by: &FakePerson) -> Value {
        let mut state = self.inner.lock();
        let id = event_id(&mut state);
        let team_id = state.team.id.clone();
        let mut activity = base(
            &state,
            "conversationUpdate",
            &id,
            by,
            channel(&team_id, None),
        );
        activity["membersAdded"] = json!([{"id": BOT_ID}]);
        let mut data = team_data(&state, Some("teamMemberAdded"));
        data["settings"] = json!({"selectedChannel": {"id": team_id}});
        activity["channelData"] = data;
        let team = state.team.clone();
        state.bot_removed.retain(|c| !team.has_channel(c));
        activity
    }

    /// `person` installs the bot for themselves: their 1:1 with it begins.
    pub fn bot_added_to_personal_chat(&self, person: &FakePerson) -> Value {
        let mut state = self.inner.lock();
        let conversation_id = state.open_personal(person);
        state.bot_removed.remove(&conversation_id);
        let id = event_id(&mut state);
        let mut activity = base(
            &state,
            "conversationUpdate",
            &id,
            person,
            personal(&conversation_id),
        );
        activity["membersAdded"] = json!([
            {"id": BOT_ID},
            {"id": person.user_id, "aadObjectId": person.aad_object_id},
        ]);
        activity
    }

    /// `by` adds `newcomer` to the team; the fake's roster gains them.
    pub fn member_added_to_team(&self, by: &FakePerson, newcomer: &FakePerson) -> Value {
        let mut state = self.inner.lock();
        if !state.people.iter().any(|p| p.user_id == newcomer.user_id) {
            state.people.push(newcomer.clone());
        }
        let id = event_id(&mut state);
        let team_id = state.team.id.clone();
        let mut activity = base(
            &state,
            "conversationUpdate",
            &id,
            by,
            channel(&team_id, None),
        );
        activity["membersAdded"] = json!([
            {"id": newcomer.user_id, "aadObjectId": newcomer.aad_object_id},
        ]);
        activity["channelData"] = team_data(&state, Some("teamMemberAdded"));
        self.inner.changed.notify_waiters();
        activity
    }

    /// `by` removes `person` from the team; the fake's roster loses them.
    pub fn member_removed_from_team(&self, by: &FakePerson, person: &FakePerson) -> Value {
        let mut state = self.inner.lock();
        state.people.retain(|p| p.user_id != person.user_id);
        let id = event_id(&mut state);
        let team_id = state.team.id.clone();
        let mut activity = base(
            &state,
            "conversationUpdate",
            &id,
            by,
            channel(&team_id, None),
        );
        activity["membersRemoved"] = json!([{"id": person.user_id}]);
        activity["channelData"] = team_data(&state, Some("teamMemberRemoved"));
        self.inner.changed.notify_waiters();
        activity
    }

    /// `by` removes the bot from the team; its channels then refuse the bot's messages (403).
    pub fn bot_removed_from_team(&self, by: &FakePerson) -> Value {
        let mut state = self.inner.lock();
        let channels: Vec<String> = state.team.channels.iter().map(|c| c.id.clone()).collect();
        state.bot_removed.extend(channels);
        let id = event_id(&mut state);
        let team_id = state.team.id.clone();
        let mut activity = base(
            &state,
            "conversationUpdate",
            &id,
            by,
            channel(&team_id, None),
        );
        activity["membersRemoved"] = json!([{"id": BOT_ID}]);
        activity["channelData"] = team_data(&state, Some("teamMemberRemoved"));
        activity
    }

    /// `by` installs (`"add"`) or uninstalls (`"remove"`) the app in the team, from General.
    /// After a removal the team's channels refuse the bot's messages (403).
    pub fn installation_update_team(&self, by: &FakePerson, action: &str) -> Value {
        let mut state = self.inner.lock();
        let channels: Vec<String> = state.team.channels.iter().map(|c| c.id.clone()).collect();
        if action.starts_with("remove") {
            state.bot_removed.extend(channels);
        } else {
            state.bot_removed.retain(|c| !channels.contains(c));
        }
        let id = event_id(&mut state);
        let team_id = state.team.id.clone();
        let mut activity = base(
            &state,
            "installationUpdate",
            &id,
            by,
            channel(&team_id, None),
        );
        let mut data = team_data(&state, None);
        data["settings"] = json!({"selectedChannel": {"id": team_id}});
        data["channel"] = json!({"id": team_id});
        data["source"] = json!({"name": "message"});
        activity["channelData"] = data;
        activity["action"] = json!(action);
        activity
    }

    /// `person` installs (`"add"`) or uninstalls (`"remove"`) the app for themselves. After a
    /// removal their 1:1 refuses the bot's messages (403).
    pub fn installation_update_personal(&self, person: &FakePerson, action: &str) -> Value {
        let mut state = self.inner.lock();
        let conversation_id = state.open_personal(person);
        if action.starts_with("remove") {
            state.bot_removed.insert(conversation_id.clone());
        } else {
            state.bot_removed.remove(&conversation_id);
        }
        let id = event_id(&mut state);
        let mut activity = base(
            &state,
            "installationUpdate",
            &id,
            person,
            personal(&conversation_id),
        );
        activity["channelData"]["source"] = json!({"name": "message"});
        activity["action"] = json!(action);
        activity
    }
}
