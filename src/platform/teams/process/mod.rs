//! What a stored Teams activity means: the [`Intake`] the relay's inbox worker (and, for card
//! presses, the edge) calls.
//!
//! [`Intake::prepare`] decodes the stored activity and does what needs the Connector before any
//! transaction opens: remembering how to reach the sender ([`remember`]), reading a team's
//! roster when the app is added to it or someone unknown writes or is mentioned. [`Intake::apply`]
//! then asks the bot inside the relay's unit of work and queues the answer as Connector calls
//! in that same unit ([`answer`]): a message ([`messages`]), a card press ([`cards`]), the app
//! added or removed and newcomers ([`membership`]).

mod answer;
mod cards;
mod membership;
mod messages;
mod remember;

use std::collections::HashMap;

use async_trait::async_trait;

use super::activity::{self, Activity, ActivityKind};
use super::{PLATFORM, TeamsPlatform};
use crate::bot::Bot;
use crate::core::directory::Person;
use crate::core::locale::Locale;
use crate::platform::request::RequestScope;
use crate::relay::Intake;
use crate::store::{InboxItem, Store};

/// The stored `inbox.kind` of a Teams activity (Teams has one endpoint for everything).
pub const ACTIVITY_KIND: &str = "activity";

/// The Teams adapter's side of the relay's inbox.
pub struct TeamsIntake {
    teams: TeamsPlatform,
    bot: Bot,
}

impl TeamsIntake {
    /// The intake over the adapter and the bot it asks.
    pub fn new(teams: TeamsPlatform, bot: Bot) -> TeamsIntake {
        TeamsIntake { teams, bot }
    }

    /// What a card shows while its press is still being worked on (the edge could not finish
    /// it while Teams waited): in the presser's language.
    pub async fn holding_text(&self, activity: &Activity) -> String {
        let locale = match activity.from.aad_object_id.as_deref() {
            Some(aad) => person(&self.teams, self.bot.db(), aad)
                .await
                .ok()
                .flatten()
                .map(|p| p.locale),
            None => None,
        };
        self.bot.i18n().tr(
            locale.unwrap_or(self.teams.org_locale()),
            "teams-press-pending",
            &[],
        )
    }
}

/// A decoded activity and what the Connector said about it before the unit of work.
#[derive(Clone)]
pub struct Prepared {
    activity: Activity,
    /// The directory id (Entra object id) of each person mentioned, by their `29:` id.
    mentioned: HashMap<String, String>,
}

#[async_trait]
impl Intake for TeamsIntake {
    type Prepared = Prepared;

    fn platform(&self) -> &'static str {
        PLATFORM.as_str()
    }

    async fn prepare(&self, item: &InboxItem) -> anyhow::Result<Prepared> {
        // The body was decoded once already at the edge; failing now means a bug, not bad
        // input, and the request is set aside after its retries.
        let activity = activity::decode(item.body.as_bytes())?;
        let tenant = item.org_key.as_str();
        remember::references(&self.teams, tenant, &activity).await?;
        if matches!(
            activity.kind,
            ActivityKind::ConversationUpdate | ActivityKind::InstallationUpdate
        ) {
            membership::prepare(&self.teams, tenant, &activity).await?;
        } else {
            remember::sender(&self.teams, tenant, &activity).await;
        }
        let mentioned = remember::mentioned(&self.teams, tenant, &activity).await;
        Ok(Prepared {
            activity,
            mentioned,
        })
    }

    async fn apply(
        &self,
        item: &InboxItem,
        prepared: Prepared,
        unit: &Store,
    ) -> anyhow::Result<()> {
        let scope = self.scope(item, unit);
        let activity = &prepared.activity;
        match activity.kind {
            ActivityKind::Message => messages::message(&scope, activity, &prepared.mentioned).await,
            // A press the edge could not answer while Teams waited: the card is refreshed
            // with a Connector update instead.
            ActivityKind::Invoke => cards::press_later(&scope, activity).await,
            ActivityKind::ConversationUpdate | ActivityKind::InstallationUpdate => {
                membership::apply(&scope, activity).await
            }
            ActivityKind::Other(_) => Ok(()),
        }
    }

    async fn apply_answering(
        &self,
        item: &InboxItem,
        prepared: Prepared,
        unit: &Store,
    ) -> anyhow::Result<Option<String>> {
        if !matches!(prepared.activity.kind, ActivityKind::Invoke) {
            return self.apply(item, prepared, unit).await.map(|()| None);
        }
        let scope = self.scope(item, unit);
        let response = cards::press(&scope, &prepared.activity).await?;
        Ok(Some(response.to_string()))
    }
}

impl TeamsIntake {
    fn scope<'a>(&'a self, item: &InboxItem, unit: &'a Store) -> Scope<'a> {
        Scope {
            teams: &self.teams,
            request: RequestScope::new(PLATFORM, item, &self.bot, unit),
        }
    }
}

/// What processing one activity works with: the adapter, and the bot inside the request's unit
/// of work (see [`RequestScope`]).
pub(super) struct Scope<'a> {
    teams: &'a TeamsPlatform,
    request: RequestScope<'a>,
}

impl<'a> std::ops::Deref for Scope<'a> {
    type Target = RequestScope<'a>;

    fn deref(&self) -> &RequestScope<'a> {
        &self.request
    }
}

impl Scope<'_> {
    fn now(&self) -> chrono::DateTime<chrono::Utc> {
        self.teams.now()
    }

    /// The language of the person with Entra id `aad`, or the org's.
    async fn locale_of(&self, aad: Option<&str>) -> Locale {
        match aad {
            Some(aad) => match person(self.teams, self.bot.db(), aad).await {
                Ok(Some(p)) => p.locale,
                _ => self.teams.org_locale(),
            },
            None => self.teams.org_locale(),
        }
    }
}

/// The person with Entra id `aad` in the tenant's org, if the directory knows them.
async fn person(
    teams: &TeamsPlatform,
    db: &dyn crate::store::Db,
    aad: &str,
) -> anyhow::Result<Option<Person>> {
    let tenant = teams.config().tenant_id();
    let Some(org) = db.find_org(PLATFORM.as_str(), tenant).await? else {
        return Ok(None);
    };
    Ok(db.person_by_platform_id(org.id, aad).await?)
}
