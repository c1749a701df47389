//! The people table an admin pages through: one page at a time, with each person's department
//! and manager named in the same query, so a page costs the same with 100 people or 10,000.

use super::rows::locale;
use super::{Store, StoreResult, with_pool};
use crate::core::ids::{OrgId, PersonId};
use crate::core::locale::Locale;

/// Which people the roster lists.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RosterFilter {
    /// Part of a name, email or handle; empty lists everyone. Letters match either case (for
    /// names outside ASCII, SQLite matches the case typed and the lower case only).
    pub search: String,
    /// Only people not linked to a chat account yet.
    pub unlinked_only: bool,
}

/// One person as the roster shows them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RosterEntry {
    /// Database id.
    pub id: PersonId,
    /// Their name.
    pub display_name: String,
    /// Their work email.
    pub email: String,
    /// Their handle.
    pub handle: String,
    /// Their department's path, if they have one.
    pub department: Option<String>,
    /// Their manager's name, if they have one.
    pub manager: Option<String>,
    /// The language they read.
    pub locale: Locale,
    /// May administer the bot.
    pub is_admin: bool,
    /// Still with the company.
    pub is_active: bool,
    /// Matched with a chat account (their platform user id is known), so the bot can reach
    /// them.
    pub linked: bool,
}

/// How many people a filter matches.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct RosterCounts {
    /// Everyone matched, active or not.
    pub people: i64,
    /// Those still active.
    pub active: i64,
    /// Active people linked to a chat account.
    pub active_linked: i64,
}

#[derive(sqlx::FromRow)]
struct EntryRow {
    id: i64,
    display_name: String,
    email: String,
    handle: String,
    department: Option<String>,
    manager: Option<String>,
    locale: String,
    is_admin: bool,
    is_active: bool,
    linked: bool,
}

/// The roster: the directory as an admin reads it, a page at a time.
#[async_trait::async_trait]
pub trait RosterStore: Send + Sync {
    /// Up to `limit` people of `org` matching `filter`, by name, skipping the first `offset`.
    async fn roster(
        &self,
        org: OrgId,
        filter: &RosterFilter,
        offset: i64,
        limit: i64,
    ) -> StoreResult<Vec<RosterEntry>>;

    /// How many people of `org` match `filter`, and how many of them are active and linked.
    async fn roster_counts(&self, org: OrgId, filter: &RosterFilter) -> StoreResult<RosterCounts>;
}

/// The filter's condition on `people`; `$2` is the lower-cased pattern, `$3` the pattern as
/// typed, `$4` whether only unlinked people count.
macro_rules! roster_filter {
    () => {
        "people.org_id = $1 \
         and (lower(people.display_name) like $2 escape '\\' or lower(people.email) like $2 escape '\\' \
         or people.display_name like $3 escape '\\') \
         and ($4 = false or people.platform_user_id is null)"
    };
}

/// `%text%` for `like`, with `%`, `_` and `\` in the text taken literally.
fn contains_pattern(text: &str) -> String {
    let mut pattern = String::with_capacity(text.len() + 2);
    pattern.push('%');
    for c in text.trim().chars() {
        if matches!(c, '%' | '_' | '\\') {
            pattern.push('\\');
        }
        pattern.push(c);
    }
    pattern.push('%');
    pattern
}

#[async_trait::async_trait]
impl RosterStore for Store {
    async fn roster(
        &self,
        org: OrgId,
        filter: &RosterFilter,
        offset: i64,
        limit: i64,
    ) -> StoreResult<Vec<RosterEntry>> {
        // The page's ids first (by the org's people only), then names for those alone.
        const SQL: &str = concat!(
            "with page as (select people.id from people where ",
            roster_filter!(),
            " order by people.display_name, people.id limit $5 offset $6) \
             select p.id, p.display_name, p.email, p.handle, d.path as department, \
             m.display_name as manager, p.locale, p.is_admin, p.is_active, \
             p.platform_user_id is not null as linked \
             from page join people p on p.id = page.id \
             left join departments d on d.id = p.department_id \
             left join people m on m.id = p.manager_id \
             order by p.display_name, p.id"
        );
        let pattern = contains_pattern(&filter.search);
        let rows: Vec<EntryRow> = with_pool!(self, p => sqlx::query_as(SQL)
            .bind(org.0)
            .bind(pattern.to_lowercase())
            .bind(&pattern)
            .bind(filter.unlinked_only)
            .bind(limit)
            .bind(offset)
            .fetch_all(p)
            .await)?;
        rows.into_iter()
            .map(|r| {
                Ok(RosterEntry {
                    id: PersonId(r.id),
                    display_name: r.display_name,
                    email: r.email,
                    handle: r.handle,
                    department: r.department,
                    manager: r.manager,
                    locale: locale(&r.locale)?,
                    is_admin: r.is_admin,
                    is_active: r.is_active,
                    linked: r.linked,
                })
            })
            .collect()
    }

    async fn roster_counts(&self, org: OrgId, filter: &RosterFilter) -> StoreResult<RosterCounts> {
        const SQL: &str = concat!(
            "select count(*), \
             coalesce(sum(case when people.is_active then 1 else 0 end), 0), \
             coalesce(sum(case when people.is_active and people.platform_user_id is not null \
             then 1 else 0 end), 0) from people where ",
            roster_filter!()
        );
        let pattern = contains_pattern(&filter.search);
        let (people, active, active_linked): (i64, i64, i64) = with_pool!(self, p => sqlx::query_as(SQL)
            .bind(org.0)
            .bind(pattern.to_lowercase())
            .bind(&pattern)
            .bind(filter.unlinked_only)
            .fetch_one(p)
            .await)?;
        Ok(RosterCounts {
            people,
            active,
            active_linked,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_search_matches_its_text_literally_anywhere() {
        assert_eq!(contains_pattern(" ana "), "%ana%");
        assert_eq!(contains_pattern(""), "%%");
        assert_eq!(contains_pattern("50%_a\\b"), "%50\\%\\_a\\\\b%");
    }
}
