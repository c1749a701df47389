//! Remembering how to reach people from the activities they send, and finding out who someone
//! unknown is before the bot answers them.
//!
//! Only a verified activity from an allowed Connector reaches this point (see
//! [`super::super::routes`]), so its `serviceUrl` may be kept and called later.

use std::collections::HashMap;

use super::super::activity::{Account, Activity};
use super::super::directory;
use super::super::references::{TeamsMember, TeamsReferences, TeamsTenant};
use super::TeamsPlatform;
use crate::core::directory::Person;
use crate::store::prelude::*;

/// Keeps the tenant's Connector and the sender's reference (with their 1:1 chat, when the
/// activity comes from it).
///
/// Only what changed is written. Nearly every activity repeats what is already kept, and each
/// write here, outside the inbox's units of work, waits for the database's write lock: on
/// SQLite, behind the unit being applied at that moment, which left the inbox worker mostly
/// waiting (`benches/teams_load.rs`: 142 activities a second caught up, the CPU 80% idle).
/// The reads that decide it wait for nobody.
pub(super) async fn references(
    teams: &TeamsPlatform,
    tenant: &str,
    activity: &Activity,
) -> anyhow::Result<()> {
    let now = teams.now();
    let bot_id = if activity.recipient.id.starts_with("28:") {
        activity.recipient.id.clone()
    } else {
        teams.bot_id()
    };
    let store = teams.store();
    let connector = TeamsTenant {
        tenant_id: tenant.to_string(),
        service_url: activity.service_url.clone(),
        bot_id,
    };
    if store.teams_tenant(tenant).await?.as_ref() != Some(&connector) {
        store.save_teams_tenant(&connector, now).await?;
    }
    let mut members = Vec::new();
    if let Some(sender) = member(activity, &activity.from) {
        members.push(sender);
    }
    for added in activity.people_added() {
        if let Some(m) = member(activity, added) {
            members.push(m);
        }
    }
    let mut changed = Vec::with_capacity(members.len());
    for m in members {
        let known = store.teams_member(tenant, &m.user_id).await?;
        if !known.is_some_and(|known| already_kept(&known, &m)) {
            changed.push(m);
        }
    }
    if !changed.is_empty() {
        store.save_teams_members(tenant, &changed, now).await?;
    }
    Ok(())
}

/// Whether saving `new` would leave `known` as it is: the save keeps a known Entra id, name
/// and 1:1 chat when `new` has none.
fn already_kept(known: &TeamsMember, new: &TeamsMember) -> bool {
    known.user_id == new.user_id
        && (new.aad_object_id.is_none() || new.aad_object_id == known.aad_object_id)
        && (new.name.is_empty() || new.name == known.name)
        && (new.conversation_id.is_none() || new.conversation_id == known.conversation_id)
        && new.service_url == known.service_url
}

/// A person in an activity as a reference; in a personal chat, that chat is their 1:1 with the
/// bot.
fn member(activity: &Activity, account: &Account) -> Option<TeamsMember> {
    if !account.id.starts_with("29:") {
        return None;
    }
    Some(TeamsMember {
        user_id: account.id.clone(),
        aad_object_id: account.aad_object_id.clone(),
        name: account.name.clone().unwrap_or_default(),
        conversation_id: activity
            .is_personal()
            .then(|| activity.conversation_id().to_string()),
        service_url: activity.service_url.clone(),
    })
}

/// Makes sure the bot knows who sent `activity` before it answers: someone the directory does
/// not know yet (they installed the app before any roster read found them) is read from the
/// conversation's members, which carry their email, so they are served instead of being told
/// they are unknown; someone known follows their Teams client's time zone and language
/// ([`follow_client`]).
pub(super) async fn sender(teams: &TeamsPlatform, tenant: &str, activity: &Activity) {
    let Some(aad) = activity.from.aad_object_id.as_deref() else {
        return;
    };
    match super::person(teams, teams.store(), aad).await {
        Ok(Some(person)) => follow_client(teams, activity, &person).await,
        Ok(None) => {
            let conversation = activity.team_id().unwrap_or(activity.conversation_id());
            if !teams.may_read_roster(conversation) {
                return;
            }
            if let Err(e) =
                directory::sync_conversation(teams, tenant, &activity.service_url, conversation)
                    .await
            {
                tracing::warn!(error = %e, "could not read who an unknown Teams user is");
                return;
            }
            if let Ok(Some(person)) = super::person(teams, teams.store(), aad).await {
                follow_client(teams, activity, &person).await;
            }
        }
        // The database is unwell: the bot answers them anyway.
        Err(_) => {}
    }
}

/// The Entra id of each person mentioned in a message, by their `29:` id: from the mention
/// itself, the references, or (once per conversation every few minutes) the roster.
pub(super) async fn mentioned(
    teams: &TeamsPlatform,
    tenant: &str,
    activity: &Activity,
) -> HashMap<String, String> {
    let mut found = HashMap::new();
    let mut unknown = Vec::new();
    for mention in &activity.mentions {
        let who = &mention.mentioned;
        if who.id == activity.recipient.id || !who.id.starts_with("29:") {
            continue;
        }
        match lookup(teams, tenant, who).await {
            Some(aad) => {
                found.insert(who.id.clone(), aad);
            }
            None => unknown.push(who.clone()),
        }
    }
    if unknown.is_empty() {
        return found;
    }
    let conversation = activity.team_id().unwrap_or(activity.conversation_id());
    if teams.may_read_roster(conversation) {
        if let Err(e) =
            directory::sync_conversation(teams, tenant, &activity.service_url, conversation).await
        {
            tracing::warn!(error = %e, "could not read who was mentioned in Teams");
        }
        for who in unknown {
            if let Some(aad) = lookup(teams, tenant, &who).await {
                found.insert(who.id.clone(), aad);
            }
        }
    }
    found
}

async fn lookup(teams: &TeamsPlatform, tenant: &str, who: &Account) -> Option<String> {
    if let Some(aad) = &who.aad_object_id {
        return Some(aad.clone());
    }
    teams
        .store()
        .teams_member(tenant, &who.id)
        .await
        .ok()
        .flatten()
        .and_then(|m| m.aad_object_id)
}

/// The sender's time zone and language as their Teams client reports them (`clientInfo`,
/// `locale`): the roster carries neither, so this is how pulses reach people at their local
/// time. Values the org chart sets win, as with every platform (see
/// [`crate::core::directory::platform_users`]).
async fn follow_client(teams: &TeamsPlatform, activity: &Activity, person: &Person) {
    let unchanged_zone = activity
        .timezone
        .as_deref()
        .is_none_or(|tz| tz == person.timezone.name());
    let unchanged_language = activity
        .locale
        .as_deref()
        .and_then(crate::core::directory::platform_users::platform_locale)
        .is_none_or(|l| l == person.locale);
    if unchanged_zone && unchanged_language {
        return;
    }
    let user = crate::core::directory::platform_users::PlatformUser {
        platform_user_id: person.platform_user_id.clone().unwrap_or_default(),
        display_name: activity.from.name.clone().unwrap_or_default(),
        email: None,
        timezone: activity.timezone.clone(),
        locale: activity.locale.clone(),
        is_active: true,
        is_bot: false,
        username: None,
        is_guest: false,
    };
    if let Err(e) = teams
        .store()
        .sync_platform_users(person.org_id, std::slice::from_ref(&user), teams.now())
        .await
    {
        tracing::warn!(error = %e, "could not follow a Teams user's time zone and language");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kept() -> TeamsMember {
        TeamsMember {
            user_id: "29:1abc".into(),
            aad_object_id: Some("7faf8ab2-3d56-4244-b585-20c8a42ed2b8".into()),
            name: "Ana Silva".into(),
            conversation_id: Some("a:1chat".into()),
            service_url: "https://smba.trafficmanager.net/emea/".into(),
        }
    }

    #[test]
    fn a_repeated_or_thinner_reference_is_not_written_again() {
        assert!(already_kept(&kept(), &kept()));
        // From a channel message: no 1:1 chat; the kept one stays.
        let from_channel = TeamsMember {
            conversation_id: None,
            ..kept()
        };
        assert!(already_kept(&kept(), &from_channel));
        let unnamed = TeamsMember {
            name: String::new(),
            aad_object_id: None,
            ..kept()
        };
        assert!(already_kept(&kept(), &unnamed));
    }

    #[test]
    fn anything_new_is_written() {
        let moved = TeamsMember {
            service_url: "https://smba.trafficmanager.net/amer/".into(),
            ..kept()
        };
        let renamed = TeamsMember {
            name: "Ana Silva-Reid".into(),
            ..kept()
        };
        let new_chat = TeamsMember {
            conversation_id: Some("a:1other".into()),
            ..kept()
        };
        let first_chat = TeamsMember {
            conversation_id: None,
            ..kept()
        };
        for new in [moved, renamed, new_chat] {
            assert!(!already_kept(&kept(), &new), "{new:?}");
        }
        assert!(!already_kept(&first_chat, &kept()));
    }
}
