//! The guild's members become the directory: read at start and every day
//! (`GET /guilds/{id}/members`, paged), and one at a time as they join (GUILD_MEMBER_ADD).
//!
//! Discord gives bots no emails, so a member is matched to the org chart by the chart's
//! optional `discord_id` column, else by their username equal to the part of the chart's email
//! before `@`. A member the chart does not list joins with a placeholder address (see
//! [`placeholder_email`]) that a later chart replaces, and in the department their role maps to
//! (`[discord] role_departments`), if any.

use std::collections::HashMap;

use serde_json::Value;

use super::DiscordPlatform;
use super::references::DiscordReferences;
use crate::core::directory::platform_users::{PlatformUser, placeholder_email};
use crate::store::SyncSummary;
use crate::store::prelude::*;

/// A guild member as the directory rules see them; `None` for a member object without a user.
pub fn platform_user(member: &Value) -> Option<PlatformUser> {
    let user = member.get("user")?;
    let text = |v: &Value, key: &str| {
        v.get(key)
            .and_then(Value::as_str)
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(str::to_string)
    };
    let id = text(user, "id")?;
    let username = text(user, "username").map(|u| u.to_lowercase());
    let display_name = text(member, "nick")
        .or_else(|| text(user, "global_name"))
        .or_else(|| username.clone())
        .unwrap_or_default();
    Some(PlatformUser {
        email: username.as_deref().and_then(placeholder_email),
        platform_user_id: id,
        display_name,
        timezone: None,
        locale: None,
        is_active: true,
        is_bot: user.get("bot").and_then(Value::as_bool).unwrap_or(false)
            || user.get("system").and_then(Value::as_bool).unwrap_or(false),
        username,
        is_guest: false,
    })
}

/// The department a member's roles map to: the mapped role highest in the guild's order.
pub fn department_of(
    member: &Value,
    roles: &HashMap<String, (String, i64)>,
    mapping: &std::collections::BTreeMap<String, String>,
) -> Option<String> {
    member
        .get("roles")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(Value::as_str)
        .filter_map(|id| roles.get(id))
        .filter_map(|(name, position)| {
            mapping
                .iter()
                .find(|(role, _)| role.eq_ignore_ascii_case(name))
                .map(|(_, path)| (*position, path.clone()))
        })
        .max_by_key(|(position, _)| *position)
        .map(|(_, path)| path)
}

/// A guild's roles by id: name and position.
async fn roles(
    discord: &DiscordPlatform,
    guild_id: &str,
) -> anyhow::Result<HashMap<String, (String, i64)>> {
    if discord.config().settings.role_departments.is_empty() {
        return Ok(HashMap::new());
    }
    let roles = discord
        .rest()
        .roles(guild_id)
        .await
        .map_err(|e| anyhow::anyhow!("reading a Discord guild's roles: {e}"))?;
    Ok(roles
        .iter()
        .filter_map(|r| {
            Some((
                r.get("id")?.as_str()?.to_string(),
                (
                    r.get("name")?.as_str()?.to_string(),
                    r.get("position").and_then(Value::as_i64).unwrap_or(0),
                ),
            ))
        })
        .collect())
}

/// Applies members to the directory of the guild's org.
pub async fn apply_members(
    discord: &DiscordPlatform,
    guild_id: &str,
    members: &[Value],
    roles: &HashMap<String, (String, i64)>,
) -> anyhow::Result<SyncSummary> {
    let org = discord.ensure_org(guild_id).await?;
    let users: Vec<PlatformUser> = members.iter().filter_map(platform_user).collect();
    let now = discord.now();
    let summary = discord
        .store()
        .sync_platform_users(org.id, &users, now)
        .await?;
    let mapping = &discord.config().settings.role_departments;
    let placements: Vec<(String, String)> = members
        .iter()
        .filter_map(|m| {
            let id = m.get("user")?.get("id")?.as_str()?.to_string();
            Some((id, department_of(m, roles, mapping)?))
        })
        .collect();
    discord
        .store()
        .place_in_departments(org.id, &placements, now)
        .await?;
    Ok(summary)
}

/// A member who just joined (GUILD_MEMBER_ADD).
pub async fn member_joined(
    discord: &DiscordPlatform,
    guild_id: &str,
    member: &Value,
) -> anyhow::Result<SyncSummary> {
    let roles = roles(discord, guild_id).await?;
    apply_members(discord, guild_id, std::slice::from_ref(member), &roles).await
}

/// Reads a guild's text channels, so posts find them by name.
pub async fn sync_channels(discord: &DiscordPlatform, guild_id: &str) -> anyhow::Result<()> {
    let channels = discord
        .rest()
        .channels(guild_id)
        .await
        .map_err(|e| anyhow::anyhow!("reading a Discord guild's channels: {e}"))?;
    // Text (0) and announcement (5) channels take messages.
    let named: Vec<(String, String)> = channels
        .iter()
        .filter(|c| matches!(c.get("type").and_then(Value::as_u64), Some(0 | 5)))
        .filter_map(|c| {
            Some((
                c.get("id")?.as_str()?.to_string(),
                c.get("name")?.as_str()?.to_string(),
            ))
        })
        .collect();
    discord
        .store()
        .save_discord_channels(guild_id, &named, discord.now())
        .await?;
    Ok(())
}

/// Reads a guild's members and channels into the directory.
pub async fn sync_guild(discord: &DiscordPlatform, guild_id: &str) -> anyhow::Result<SyncSummary> {
    let roles = roles(discord, guild_id).await?;
    let members = discord
        .rest()
        .all_members(guild_id)
        .await
        .map_err(|e| {
            anyhow::anyhow!(
                "reading a Discord guild's members ({e}); is the Server Members Intent on in the Developer Portal?"
            )
        })?;
    let summary = apply_members(discord, guild_id, &members, &roles).await?;
    sync_channels(discord, guild_id).await?;
    tracing::info!(
        guild = guild_id,
        ?summary,
        "directory refreshed from a Discord guild"
    );
    Ok(summary)
}

/// Refreshes every guild's members daily (`discord.directory_sync_schedule`).
pub async fn run_daily(
    discord: DiscordPlatform,
    schedule: crate::core::schedule::CronSchedule,
    stop: tokio::sync::watch::Receiver<bool>,
) {
    let store = discord.store().clone();
    crate::platform::run_daily(store, super::PLATFORM.as_str(), schedule, stop, |guild| {
        let discord = discord.clone();
        async move { sync_guild(&discord, &guild).await.map(|_| ()) }
    })
    .await;
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use serde_json::json;

    use super::*;

    #[test]
    fn a_member_becomes_a_person_with_a_placeholder_address_from_their_username() {
        let member = json!({
            "user": {"id": "80351110224678912", "username": "Ana.Silva", "global_name": "Ana"},
            "nick": "Ana S", "roles": [], "joined_at": "2026-01-01T00:00:00+00:00",
            "deaf": false, "mute": false, "flags": 0
        });
        let u = platform_user(&member).expect("a user");
        assert_eq!(u.platform_user_id, "80351110224678912");
        assert_eq!(u.display_name, "Ana S");
        assert_eq!(u.username.as_deref(), Some("ana.silva"));
        assert_eq!(u.email.as_deref(), Some("ana.silva@members.invalid"));
        assert!(!u.is_bot);
        let bot = json!({"user": {"id": "1", "username": "helper", "bot": true}});
        assert!(platform_user(&bot).map(|u| u.is_bot).unwrap_or(false));
        assert!(platform_user(&json!({"nick": "x"})).is_none());
    }

    #[test]
    fn the_highest_mapped_role_names_the_department() {
        let roles: HashMap<String, (String, i64)> = [
            ("1".to_string(), ("Support".to_string(), 3)),
            ("2".to_string(), ("Team Leads".to_string(), 9)),
            ("3".to_string(), ("everyone".to_string(), 0)),
        ]
        .into_iter()
        .collect();
        let mapping: BTreeMap<String, String> = [
            ("support".to_string(), "Operations/Support".to_string()),
            ("Team Leads".to_string(), "Operations".to_string()),
        ]
        .into_iter()
        .collect();
        let member = |ids: &[&str]| json!({"user": {"id": "9"}, "roles": ids});
        assert_eq!(
            department_of(&member(&["1", "3"]), &roles, &mapping).as_deref(),
            Some("Operations/Support")
        );
        assert_eq!(
            department_of(&member(&["1", "2"]), &roles, &mapping).as_deref(),
            Some("Operations")
        );
        assert_eq!(department_of(&member(&["3"]), &roles, &mapping), None);
    }
}
