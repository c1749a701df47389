//! The app added to or removed from a team or a personal chat, and people joining a team.
//!
//! When the app is added to a team, the team's channels and roster are read (so posts to a
//! named channel and proactive 1:1 messages work at once) and the person who added it is
//! greeted; a personal install greets the installer. Someone joining a team the app is in is
//! read from the roster and greeted in a 1:1 chat with the narrative. When the app is removed,
//! what the bot kept to reach that team or chat is forgotten.

use super::super::TeamsPlatform;
use super::super::activity::{Activity, Installation};
use super::super::directory;
use super::super::references::TeamsReferences;
use super::Scope;
use crate::core::invocation::{Capabilities, Input};

fn added(activity: &Activity) -> bool {
    activity.adds_bot() || matches!(activity.installation(), Some(Installation::Added))
}

fn removed(activity: &Activity) -> bool {
    activity.removes_bot() || matches!(activity.installation(), Some(Installation::Removed))
}

/// Reads what the Connector knows before the unit of work: the team's channels and roster when
/// the app arrives, the roster again when people join.
pub(super) async fn prepare(
    teams: &TeamsPlatform,
    tenant: &str,
    activity: &Activity,
) -> anyhow::Result<()> {
    if removed(activity) {
        return Ok(());
    }
    let service_url = activity.service_url.as_str();
    match (added(activity), activity.team_id()) {
        (true, Some(team)) => {
            directory::sync_team(teams, tenant, service_url, team).await?;
        }
        (true, None) => {
            directory::sync_conversation(teams, tenant, service_url, activity.conversation_id())
                .await?;
        }
        (false, Some(team)) if activity.people_added().next().is_some() => {
            directory::sync_conversation(teams, tenant, service_url, team).await?;
        }
        _ => {}
    }
    Ok(())
}

/// Forgets a removed team or chat, or greets whoever arrived.
pub(super) async fn apply(scope: &Scope<'_>, activity: &Activity) -> anyhow::Result<()> {
    if removed(activity) {
        match activity.team_id() {
            Some(team) => scope.unit.forget_teams_team(&scope.org_key, team).await?,
            None => {
                scope
                    .unit
                    .forget_teams_conversation(&scope.org_key, &activity.from.id)
                    .await?
            }
        }
        tracing::info!(
            tenant = scope.org_key,
            team = activity.team_id(),
            "the app was removed from a Teams team or chat"
        );
        return Ok(());
    }
    let mut greet: Vec<String> = Vec::new();
    if added(activity) {
        greet.extend(activity.from.aad_object_id.iter().cloned());
    }
    greet.extend(
        activity
            .people_added()
            .filter_map(|p| p.aad_object_id.clone()),
    );
    greet.sort();
    greet.dedup();
    for person in greet {
        // The bot greets a person the first time it sees them; their home page is the
        // cheapest thing to ask for, and Teams shows no home page, so the answer is dropped.
        let request = activity.id.as_ref().map(|id| format!("{id}:{person}"));
        let invocation =
            scope.invocation(&person, Input::Home, request.as_deref(), Capabilities::NONE);
        scope.answer(invocation).await?;
    }
    Ok(())
}
