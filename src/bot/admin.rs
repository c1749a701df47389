//! What the admin's web pages read: the people table a page at a time, the narrative as an
//! editable text, the platforms and the relay's backlog, and the overview's headline numbers.
//! Changes go through the use cases chat uses ([`crate::bot::import_org_chart`],
//! [`Bot::publish_narrative`]).

use chrono::Duration;

use crate::bot::Bot;
use crate::core::directory::Org;
use crate::core::locale::Locale;
use crate::core::narrative::to_markdown;
use crate::core::paging::Paging;
use crate::store::{PlatformBacklog, RosterCounts, RosterEntry, RosterFilter, StoredNarrative};

/// People per page of the admin's people table.
pub const PEOPLE_PER_PAGE: i64 = 100;

/// Calls and requests given up on within this many days count on the platforms page.
pub const BACKLOG_FAILED_DAYS: i64 = 7;

/// One page of the people table.
#[derive(Debug, Clone)]
pub struct PeoplePage {
    /// The people on this page, by name.
    pub entries: Vec<RosterEntry>,
    /// How many people the filter matches.
    pub matching: RosterCounts,
    /// The whole org's figures (the same as `matching` without a filter).
    pub whole_org: RosterCounts,
    /// Which page this is of how many.
    pub paging: Paging,
}

/// The narrative as the admin's editor shows it in one language.
#[derive(Debug, Clone)]
pub struct NarrativeEditor {
    /// The version in force, if any.
    pub current: Option<StoredNarrative>,
    /// The language's own text in the form chat's `/ambassador narrative set` takes; empty
    /// when the language has none yet (its readers see English).
    pub source: String,
    /// How many people acknowledged the version in force.
    pub acknowledged: i64,
    /// How many people are active, so the acknowledgements read as a share.
    pub active_people: i64,
}

/// One chat platform as the admin's platforms page shows it.
#[derive(Debug, Clone)]
pub struct PlatformStatus {
    /// The platform's name as stored (`slack`, `teams`, `discord`, `console`).
    pub platform: String,
    /// Its connections: the workspaces, tenants or guilds the bot is installed in.
    pub orgs: Vec<Org>,
    /// Whether this process runs the platform's adapter.
    pub served_here: bool,
    /// What waits in the relay for it.
    pub backlog: PlatformBacklog,
}

/// The overview's headline numbers.
#[derive(Debug, Clone, Copy)]
pub struct AdminOverview {
    /// Everyone in the directory.
    pub people: RosterCounts,
    /// The narrative version in force.
    pub narrative_version: Option<i64>,
    /// Calls waiting in the outbox, on every platform.
    pub outbox_waiting: i64,
}

impl Bot {
    /// Page `page` (from 1) of the org's people matching `filter`, with the counts to say how
    /// many are linked to a chat account. Three queries whatever the org's size.
    pub async fn people_page(
        &self,
        org: &Org,
        filter: &RosterFilter,
        page: u32,
    ) -> anyhow::Result<PeoplePage> {
        let db = self.db();
        let matching = db.roster_counts(org.id, filter).await?;
        let whole_org = if *filter == RosterFilter::default() {
            matching
        } else {
            db.roster_counts(org.id, &RosterFilter::default()).await?
        };
        let paging = Paging::of(matching.people, PEOPLE_PER_PAGE, page);
        let entries = db
            .roster(org.id, filter, paging.offset, PEOPLE_PER_PAGE)
            .await?;
        Ok(PeoplePage {
            entries,
            matching,
            whole_org,
            paging,
        })
    }

    /// The narrative in force, its text in `locale` ready to edit, and who has read it.
    pub async fn narrative_editor(
        &self,
        org: &Org,
        locale: Locale,
    ) -> anyhow::Result<NarrativeEditor> {
        let current = self.current_narrative(org).await?;
        let source = current
            .as_ref()
            .and_then(|c| c.narrative.texts.get(&locale))
            .map(to_markdown)
            .unwrap_or_default();
        let acknowledged = match &current {
            Some(c) => self.db().narrative_ack_count(c.id).await?,
            None => 0,
        };
        let active_people = self
            .db()
            .roster_counts(org.id, &RosterFilter::default())
            .await?
            .active;
        Ok(NarrativeEditor {
            current,
            source,
            acknowledged,
            active_people,
        })
    }

    /// Every platform with a connection, an adapter here, or a backlog: its orgs and what
    /// waits for it in the relay.
    pub async fn platform_status(&self) -> anyhow::Result<Vec<PlatformStatus>> {
        let since = self.now() - Duration::days(BACKLOG_FAILED_DAYS);
        let backlogs = self.db().relay_backlog(since).await?;
        let orgs = self.db().orgs().await?;
        let mut names: Vec<String> = orgs
            .iter()
            .map(|o| o.platform.clone())
            .chain(backlogs.iter().map(|b| b.platform.clone()))
            .chain(
                self.platforms()
                    .kinds()
                    .into_iter()
                    .map(|k| k.as_str().to_string()),
            )
            .collect();
        names.sort();
        names.dedup();
        Ok(names
            .into_iter()
            .map(|platform| PlatformStatus {
                orgs: orgs
                    .iter()
                    .filter(|o| o.platform == platform)
                    .cloned()
                    .collect(),
                served_here: self.platforms().named(&platform).is_some(),
                backlog: backlogs
                    .iter()
                    .find(|b| b.platform == platform)
                    .cloned()
                    .unwrap_or_else(|| PlatformBacklog {
                        platform: platform.clone(),
                        ..PlatformBacklog::default()
                    }),
                platform,
            })
            .collect())
    }

    /// The admin overview's headline numbers.
    pub async fn admin_overview(&self, org: &Org) -> anyhow::Result<AdminOverview> {
        let people = self
            .db()
            .roster_counts(org.id, &RosterFilter::default())
            .await?;
        let narrative_version = self
            .db()
            .current_narrative(org.id)
            .await?
            .map(|n| n.version);
        let since = self.now() - Duration::days(BACKLOG_FAILED_DAYS);
        let outbox_waiting = self
            .db()
            .relay_backlog(since)
            .await?
            .iter()
            .map(|b| b.outbox_waiting)
            .sum();
        Ok(AdminOverview {
            people,
            narrative_version,
            outbox_waiting,
        })
    }
}
