//! People typed by name into a modal (Discord's classic modals have no people picker): each
//! word is a handle or a Discord username, with or without `@`, looked up in the guild's
//! directory.

use super::super::PLATFORM;
use super::Scope;

/// The snowflakes of the people named in `typed`, or the names nobody has.
pub(super) async fn resolve(
    scope: &Scope<'_>,
    typed: &str,
) -> anyhow::Result<Result<Vec<String>, Vec<String>>> {
    let db = scope.bot.db();
    let Some(org) = db.find_org(PLATFORM.as_str(), &scope.org_key).await? else {
        return Ok(Err(vec![typed.to_string()]));
    };
    let mut found = Vec::new();
    let mut unknown = Vec::new();
    for word in typed
        .split(|c: char| c.is_whitespace() || c == ',')
        .map(|w| w.trim().trim_start_matches('@'))
        .filter(|w| !w.is_empty())
    {
        let handle = word.to_lowercase();
        match db.person_by_handle(org.id, &handle).await? {
            Some(person) => match person.platform_user_id {
                Some(id) if !found.contains(&id) => found.push(id),
                Some(_) => {}
                None => unknown.push(format!("@{word}")),
            },
            None => unknown.push(format!("@{word}")),
        }
    }
    Ok(if unknown.is_empty() {
        Ok(found)
    } else {
        Err(unknown)
    })
}
