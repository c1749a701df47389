//! Keeping the directory in step with Teams: each team's roster when the app is added to it,
//! every team again daily, and someone unknown the moment they write or are mentioned.
//!
//! Teams lists people per conversation (`pagedmembers`), never per tenant, so the directory
//! learns the union of the rosters of the teams the app is in, plus everyone who installs it
//! personally. Partial lists are safe: a sync only adds and refreshes, it never removes
//! (see [`crate::core::directory::platform_users`]). A person is known by their Entra object id
//! (`aadObjectId`); their per-bot `29:` id and 1:1 chat go to [`super::references`].

use chrono::Duration;
use serde_json::Value;

use super::references::{TeamsChannel, TeamsMember, TeamsReferences};
use super::{PLATFORM, TeamsPlatform};
use crate::core::directory::platform_users::PlatformUser;
use crate::store::SyncSummary;
use crate::store::prelude::*;

/// How long a card with buttons is kept for its refresh after a press: a month, longer than
/// any pulse round or acknowledgement stays open.
pub const CARD_KEEP_DAYS: i64 = 30;

/// The name Teams leaves off its General channel.
pub const GENERAL_CHANNEL: &str = "General";

/// A roster entry (`TeamsChannelAccount`) as a member of the directory; `None` for the bot
/// itself and for accounts without an Entra object id, which the directory cannot link.
pub fn platform_user(member: &Value) -> Option<PlatformUser> {
    let text = |key: &str| {
        member
            .get(key)
            .and_then(Value::as_str)
            .map(str::trim)
            .filter(|v| !v.is_empty())
    };
    let id = text("id")?;
    let aad = entra_id(member)?;
    let email = text("email")
        .or_else(|| text("userPrincipalName"))
        .filter(|e| e.contains('@'))
        .map(str::to_lowercase);
    let name = text("name")
        .map(str::to_string)
        .or_else(|| {
            let given = text("givenName").unwrap_or_default();
            let surname = text("surname").unwrap_or_default();
            let full = format!("{given} {surname}").trim().to_string();
            (!full.is_empty()).then_some(full)
        })
        .unwrap_or_default();
    Some(PlatformUser {
        platform_user_id: aad,
        display_name: name,
        email,
        timezone: None,
        locale: None,
        is_active: true,
        is_bot: id.starts_with("28:"),
        username: None,
        is_guest: text("userRole").is_some_and(|r| r.eq_ignore_ascii_case("guest")),
    })
}

/// A roster entry as the reference the bot reaches the person by.
pub fn member_reference(member: &Value, service_url: &str) -> Option<TeamsMember> {
    let id = member.get("id").and_then(Value::as_str)?;
    if id.is_empty() || id.starts_with("28:") {
        return None;
    }
    Some(TeamsMember {
        user_id: id.to_string(),
        aad_object_id: entra_id(member),
        name: member
            .get("name")
            .and_then(Value::as_str)
            .unwrap_or_default()
            .to_string(),
        conversation_id: None,
        service_url: service_url.to_string(),
    })
}

/// A roster entry's Entra object id: `objectId` in `pagedmembers` answers, `aadObjectId` in
/// activities and some roster answers (Teams uses both).
fn entra_id(member: &Value) -> Option<String> {
    ["aadObjectId", "objectId"]
        .iter()
        .filter_map(|k| member.get(*k).and_then(Value::as_str))
        .map(str::trim)
        .find(|a| !a.is_empty())
        .map(str::to_lowercase)
}

/// Applies roster entries: references for reaching people, and the directory of the tenant's
/// org.
pub async fn apply_roster(
    teams: &TeamsPlatform,
    tenant_id: &str,
    service_url: &str,
    members: &[Value],
) -> anyhow::Result<SyncSummary> {
    let org = teams.ensure_org(tenant_id).await?;
    let references: Vec<TeamsMember> = members
        .iter()
        .filter_map(|m| member_reference(m, service_url))
        .collect();
    let users: Vec<PlatformUser> = members.iter().filter_map(platform_user).collect();
    let now = teams.now();
    teams
        .store()
        .save_teams_members(tenant_id, &references, now)
        .await?;
    Ok(teams
        .store()
        .sync_platform_users(org.id, &users, now)
        .await?)
}

/// Reads a conversation's members (a team's roster through its id, or a group chat) and
/// applies them.
pub async fn sync_conversation(
    teams: &TeamsPlatform,
    tenant_id: &str,
    service_url: &str,
    conversation_id: &str,
) -> anyhow::Result<SyncSummary> {
    let members = teams
        .connector()
        .all_members(service_url, conversation_id)
        .await
        .map_err(|e| anyhow::anyhow!("reading the members of a Teams conversation: {e:?}"))?;
    apply_roster(teams, tenant_id, service_url, &members).await
}

/// A team the app is in: its channels (so posts to a named channel find it), then its roster.
pub async fn sync_team(
    teams: &TeamsPlatform,
    tenant_id: &str,
    service_url: &str,
    team_id: &str,
) -> anyhow::Result<SyncSummary> {
    let channels = teams
        .connector()
        .team_channels(service_url, team_id)
        .await
        .map_err(|e| anyhow::anyhow!("reading a Teams team's channels: {e:?}"))?;
    let channels: Vec<TeamsChannel> = channels
        .into_iter()
        .map(|(id, name)| TeamsChannel {
            name: name
                .filter(|n| !n.trim().is_empty())
                .unwrap_or_else(|| GENERAL_CHANNEL.to_string()),
            channel_id: id,
            team_id: team_id.to_string(),
            service_url: service_url.to_string(),
        })
        .collect();
    teams
        .store()
        .save_teams_channels(tenant_id, team_id, &channels, teams.now())
        .await?;
    let summary = sync_conversation(teams, tenant_id, service_url, team_id).await?;
    tracing::info!(
        tenant = tenant_id,
        team = team_id,
        ?summary,
        "directory refreshed from a Teams team"
    );
    Ok(summary)
}

/// Every team of the tenant the app is in, one after the other; a team that fails is logged
/// and the others still run. Old kept cards are let go on the way.
pub async fn sync_tenant(teams: &TeamsPlatform, tenant_id: &str) -> anyhow::Result<()> {
    for (team_id, service_url) in teams.store().teams_teams(tenant_id).await? {
        if let Err(e) = sync_team(teams, tenant_id, &service_url, &team_id).await {
            tracing::warn!(tenant = tenant_id, team = team_id, error = %e, "a Teams team could not be read");
        }
    }
    let before = teams.now() - Duration::days(CARD_KEEP_DAYS);
    let forgotten = teams.store().forget_teams_cards(before).await?;
    if forgotten > 0 {
        tracing::info!(
            forgotten,
            "let go of cards older than {CARD_KEEP_DAYS} days"
        );
    }
    Ok(())
}

/// Refreshes every Teams tenant on the configured schedule until `stop` turns true.
pub async fn run_daily(
    teams: TeamsPlatform,
    schedule: crate::core::schedule::CronSchedule,
    stop: tokio::sync::watch::Receiver<bool>,
) {
    let store = teams.store().clone();
    crate::platform::run_daily(store, PLATFORM.as_str(), schedule, stop, |tenant| {
        let teams = teams.clone();
        async move { sync_tenant(&teams, &tenant).await }
    })
    .await;
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn a_roster_entry_becomes_a_person_known_by_entra_id() {
        let member = json!({
            "id": "29:1abc", "name": "Ana Silva", "aadObjectId": "7FAF8AB2-3D56-4244-B585-20C8A42ED2B8",
            "email": "Ana@Example.com", "userPrincipalName": "ana@example.com",
            "userRole": "user", "tenantId": "t"
        });
        let user = platform_user(&member).expect("a person");
        assert_eq!(
            user.platform_user_id,
            "7faf8ab2-3d56-4244-b585-20c8a42ed2b8"
        );
        assert_eq!(user.email.as_deref(), Some("ana@example.com"));
        assert_eq!(user.display_name, "Ana Silva");
        assert!(!user.is_guest && !user.is_bot && user.is_active);
        let reference = member_reference(&member, "https://smba.example/").expect("a reference");
        assert_eq!(reference.user_id, "29:1abc");
        assert_eq!(
            reference.aad_object_id.as_deref(),
            Some("7faf8ab2-3d56-4244-b585-20c8a42ed2b8")
        );
    }

    #[test]
    fn guests_bots_and_unlinkable_accounts_are_marked_or_skipped() {
        let guest = json!({"id": "29:g", "aadObjectId": "a1", "userRole": "guest", "userPrincipalName": "x_ext#EXT#@t.onmicrosoft.com"});
        assert!(platform_user(&guest).expect("a guest").is_guest);
        let bot = json!({"id": "28:app", "aadObjectId": "a2"});
        assert!(platform_user(&bot).expect("an account").is_bot);
        assert!(member_reference(&bot, "u").is_none());
        assert!(platform_user(&json!({"id": "29:x"})).is_none());
        let named =
            json!({"id": "29:n", "aadObjectId": "a3", "givenName": "Nia", "surname": "Obi"});
        assert_eq!(
            platform_user(&named).expect("a person").display_name,
            "Nia Obi"
        );
    }
}
