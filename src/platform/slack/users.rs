//! TEMP: replaced by the directory helper's version at merge.
use slack_morphism::prelude::*;

/// TEMP.
pub struct PlatformUser;

/// TEMP.
pub async fn fetch_users(
    _session: &SlackClientSession<'_, SlackClientHyperHttpsConnector>,
) -> Result<Vec<PlatformUser>, slack_morphism::errors::SlackClientError> {
    Ok(Vec::new())
}

/// TEMP.
pub fn platform_user(_u: &SlackUser) -> Option<PlatformUser> {
    None
}
