//! Keeping the directory in step with Slack: everyone at install and start-up, everyone again
//! daily, and each newcomer as they join.
//!
//! Slack knows who people are, where they are and which language they use; the org chart
//! (CSV import, matched by email) knows departments and managers. Deactivated accounts and
//! bots never become people.

use slack_morphism::prelude::*;

use super::PLATFORM;
use super::{SlackPlatform, users};
use crate::store::prelude::*;

/// Reads every member through `users.list` and applies them to the workspace's org.
pub async fn sync_workspace(
    slack: &SlackPlatform,
    team_id: &str,
) -> anyhow::Result<crate::store::SyncSummary> {
    let org = slack
        .store()
        .find_org(PLATFORM.as_str(), team_id)
        .await?
        .ok_or_else(|| anyhow::anyhow!("no org for the Slack workspace {team_id}"))?;
    let token = slack.token_for(team_id).await?;
    let session = slack.client().open_session(&token.token);
    let members = users::fetch_users(&session)
        .await
        .map_err(|e| anyhow::anyhow!("users.list failed: {e}"))?;
    let summary = slack
        .store()
        .sync_platform_users(org.id, &members, slack.now())
        .await?;
    tracing::info!(team = team_id, ?summary, "directory refreshed from Slack");
    Ok(summary)
}

/// Adds or updates one person from a `team_join` event's user object.
pub async fn sync_one(
    slack: &SlackPlatform,
    team_id: &str,
    user: &SlackUser,
) -> anyhow::Result<()> {
    let Some(org) = slack.store().find_org(PLATFORM.as_str(), team_id).await? else {
        return Ok(());
    };
    let Some(member) = users::platform_user(user) else {
        return Ok(());
    };
    slack
        .store()
        .sync_platform_users(org.id, std::slice::from_ref(&member), slack.now())
        .await?;
    Ok(())
}

/// Refreshes every known workspace on the configured schedule until `stop` turns true.
pub async fn run_daily(
    slack: SlackPlatform,
    schedule: crate::core::schedule::CronSchedule,
    stop: tokio::sync::watch::Receiver<bool>,
) {
    let store = slack.store().clone();
    crate::platform::run_daily(store, PLATFORM.as_str(), schedule, stop, |team| {
        let slack = slack.clone();
        async move { sync_workspace(&slack, &team).await.map(|_| ()) }
    })
    .await;
}
