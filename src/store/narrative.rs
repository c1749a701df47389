//! Versions of the customer narrative, acknowledgements and posted moments.

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};

use super::rows::{json, locale, to_json};
use super::{BeginWrite, Store, StoreError, StoreResult, with_pool};
use crate::core::ids::{KudosId, NarrativeVersionId, OrgId, PersonId};
use crate::core::narrative::{Narrative, NarrativeText};

/// One stored version of an org's narrative.
#[derive(Debug, Clone, PartialEq)]
pub struct StoredNarrative {
    /// Row id (what acknowledgements point to).
    pub id: NarrativeVersionId,
    /// 1, 2, 3 … within the org.
    pub version: i64,
    /// When it was written.
    pub created_at: DateTime<Utc>,
    /// The texts.
    pub narrative: Narrative,
}

/// The result of pressing "I've read it".
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AckOutcome {
    /// Recorded now.
    Recorded,
    /// Was already recorded at this time.
    Already(DateTime<Utc>),
}

#[derive(sqlx::FromRow)]
struct VersionRow {
    id: i64,
    version: i64,
    created_at: DateTime<Utc>,
}

#[derive(sqlx::FromRow)]
struct TextRow {
    locale: String,
    title: String,
    promise: String,
    sections: String,
    narrative_values: String,
}

/// The customer narrative, its versions, acknowledgements and moments.
#[async_trait::async_trait]
pub trait NarrativeStore: Send + Sync {
    /// The newest narrative version of an org, if it has one.
    async fn current_narrative(&self, org: OrgId) -> StoreResult<Option<StoredNarrative>>;

    /// A narrative version by id, only if it belongs to `org` (a button from another
    /// workspace must not acknowledge anything here).
    async fn narrative_in_org(
        &self,
        org: OrgId,
        id: NarrativeVersionId,
    ) -> StoreResult<Option<StoredNarrative>>;

    /// Stores a new version (numbered after the newest) with all its texts, in one transaction.
    /// `source` is `file` or `chat`.
    async fn insert_narrative(
        &self,
        org: OrgId,
        narrative: &Narrative,
        source: &str,
        created_by: Option<PersonId>,
        now: DateTime<Utc>,
    ) -> StoreResult<StoredNarrative>;

    /// Records that a person read a version; pressing twice keeps the first time.
    async fn acknowledge_narrative(
        &self,
        org: OrgId,
        version: NarrativeVersionId,
        person: PersonId,
        now: DateTime<Utc>,
    ) -> StoreResult<AckOutcome>;

    /// When a person acknowledged a version, if they did.
    async fn narrative_acknowledged_at(
        &self,
        version: NarrativeVersionId,
        person: PersonId,
    ) -> StoreResult<Option<DateTime<Utc>>>;

    /// How many people acknowledged a version.
    async fn narrative_ack_count(&self, version: NarrativeVersionId) -> StoreResult<i64>;

    /// Everyone who acknowledged a version.
    async fn narrative_readers(&self, version: NarrativeVersionId) -> StoreResult<Vec<PersonId>>;

    /// The section index the org's last moment showed.
    async fn last_moment_section(&self, org: OrgId) -> StoreResult<Option<usize>>;

    /// Kudos already featured in a moment.
    async fn featured_kudos(&self, org: OrgId) -> StoreResult<Vec<KudosId>>;

    /// Records a posted moment. Returns false when the job already posted one (a retry).
    async fn record_moment(
        &self,
        org: OrgId,
        job_key: &str,
        version: NarrativeVersionId,
        section_index: usize,
        kudos: Option<KudosId>,
        now: DateTime<Utc>,
    ) -> StoreResult<bool>;

    /// How many moments an org has had.
    async fn moment_count(&self, org: OrgId) -> StoreResult<i64>;
}

#[async_trait::async_trait]
impl NarrativeStore for Store {
    async fn current_narrative(&self, org: OrgId) -> StoreResult<Option<StoredNarrative>> {
        const SQL: &str = "select id, version, created_at from narrative_versions where org_id = $1 \
             order by version desc limit 1";
        let row: Option<VersionRow> =
            with_pool!(self, p => sqlx::query_as(SQL).bind(org.0).fetch_optional(p).await)?;
        match row {
            Some(row) => Ok(Some(self.load_narrative(row).await?)),
            None => Ok(None),
        }
    }

    async fn narrative_in_org(
        &self,
        org: OrgId,
        id: NarrativeVersionId,
    ) -> StoreResult<Option<StoredNarrative>> {
        const SQL: &str =
            "select id, version, created_at from narrative_versions where id = $1 and org_id = $2";
        let row: Option<VersionRow> = with_pool!(self, p => sqlx::query_as(SQL).bind(id.0).bind(org.0).fetch_optional(p).await)?;
        match row {
            Some(row) => Ok(Some(self.load_narrative(row).await?)),
            None => Ok(None),
        }
    }

    async fn insert_narrative(
        &self,
        org: OrgId,
        narrative: &Narrative,
        source: &str,
        created_by: Option<PersonId>,
        now: DateTime<Utc>,
    ) -> StoreResult<StoredNarrative> {
        const NEXT: &str =
            "select coalesce(max(version), 0) + 1 from narrative_versions where org_id = $1";
        const VERSION: &str = "insert into narrative_versions (org_id, version, source, created_by, created_at) \
             values ($1, $2, $3, $4, $5) returning id";
        const TEXT: &str = "insert into narrative_texts (version_id, locale, title, promise, sections, narrative_values) \
             values ($1, $2, $3, $4, $5, $6)";
        let mut texts = Vec::new();
        for (l, t) in &narrative.texts {
            texts.push((l.code(), t, to_json(&t.sections)?, to_json(&t.values)?));
        }
        let (id, version) = with_pool!(self, p => {
            let mut tx = p.begin_write().await?;
            let version: i64 = sqlx::query_scalar(NEXT).bind(org.0).fetch_one(&mut *tx).await?;
            let id: i64 = sqlx::query_scalar(VERSION)
                .bind(org.0).bind(version).bind(source).bind(created_by.map(|p| p.0)).bind(now)
                .fetch_one(&mut *tx).await?;
            for (code, t, sections, values) in &texts {
                sqlx::query(TEXT)
                    .bind(id).bind(*code).bind(&t.title).bind(&t.promise).bind(sections).bind(values)
                    .execute(&mut *tx).await?;
            }
            tx.commit().await?;
            (id, version)
        });
        Ok(StoredNarrative {
            id: NarrativeVersionId(id),
            version,
            created_at: now,
            narrative: narrative.clone(),
        })
    }

    async fn acknowledge_narrative(
        &self,
        org: OrgId,
        version: NarrativeVersionId,
        person: PersonId,
        now: DateTime<Utc>,
    ) -> StoreResult<AckOutcome> {
        const SQL: &str = "insert into narrative_acks (version_id, org_id, person_id, acked_at) values ($1, $2, $3, $4) \
             on conflict (version_id, person_id) do nothing";
        let done = with_pool!(self, p => sqlx::query(SQL)
            .bind(version.0).bind(org.0).bind(person.0).bind(now).execute(p).await.map(|r| r.rows_affected()))?;
        if done == 1 {
            return Ok(AckOutcome::Recorded);
        }
        let at = self
            .narrative_acknowledged_at(version, person)
            .await?
            .ok_or(StoreError::NotFound)?;
        Ok(AckOutcome::Already(at))
    }

    async fn narrative_acknowledged_at(
        &self,
        version: NarrativeVersionId,
        person: PersonId,
    ) -> StoreResult<Option<DateTime<Utc>>> {
        const SQL: &str =
            "select acked_at from narrative_acks where version_id = $1 and person_id = $2";
        Ok(with_pool!(self, p => sqlx::query_scalar(SQL)
            .bind(version.0).bind(person.0).fetch_optional(p).await)?)
    }

    async fn narrative_ack_count(&self, version: NarrativeVersionId) -> StoreResult<i64> {
        const SQL: &str = "select count(*) from narrative_acks where version_id = $1";
        Ok(with_pool!(self, p => sqlx::query_scalar(SQL).bind(version.0).fetch_one(p).await)?)
    }

    async fn narrative_readers(&self, version: NarrativeVersionId) -> StoreResult<Vec<PersonId>> {
        const SQL: &str = "select person_id from narrative_acks where version_id = $1";
        let ids: Vec<i64> =
            with_pool!(self, p => sqlx::query_scalar(SQL).bind(version.0).fetch_all(p).await)?;
        Ok(ids.into_iter().map(PersonId).collect())
    }

    async fn last_moment_section(&self, org: OrgId) -> StoreResult<Option<usize>> {
        const SQL: &str = "select section_index from narrative_moments where org_id = $1 \
             order by posted_at desc, id desc limit 1";
        let i: Option<i64> =
            with_pool!(self, p => sqlx::query_scalar(SQL).bind(org.0).fetch_optional(p).await)?;
        Ok(i.and_then(|i| usize::try_from(i).ok()))
    }

    async fn featured_kudos(&self, org: OrgId) -> StoreResult<Vec<KudosId>> {
        const SQL: &str =
            "select kudos_id from narrative_moments where org_id = $1 and kudos_id is not null";
        let ids: Vec<i64> =
            with_pool!(self, p => sqlx::query_scalar(SQL).bind(org.0).fetch_all(p).await)?;
        Ok(ids.into_iter().map(KudosId).collect())
    }

    async fn record_moment(
        &self,
        org: OrgId,
        job_key: &str,
        version: NarrativeVersionId,
        section_index: usize,
        kudos: Option<KudosId>,
        now: DateTime<Utc>,
    ) -> StoreResult<bool> {
        const SQL: &str = "insert into narrative_moments (org_id, job_key, version_id, section_index, kudos_id, posted_at) \
             values ($1, $2, $3, $4, $5, $6) on conflict (job_key) do nothing";
        let done = with_pool!(self, p => sqlx::query(SQL)
            .bind(org.0).bind(job_key).bind(version.0).bind(section_index as i64)
            .bind(kudos.map(|k| k.0)).bind(now).execute(p).await.map(|r| r.rows_affected()))?;
        Ok(done == 1)
    }

    async fn moment_count(&self, org: OrgId) -> StoreResult<i64> {
        const SQL: &str = "select count(*) from narrative_moments where org_id = $1";
        Ok(with_pool!(self, p => sqlx::query_scalar(SQL).bind(org.0).fetch_one(p).await)?)
    }
}

impl Store {
    async fn load_narrative(&self, row: VersionRow) -> StoreResult<StoredNarrative> {
        const SQL: &str = "select locale, title, promise, sections, narrative_values from narrative_texts \
             where version_id = $1";
        let texts: Vec<TextRow> =
            with_pool!(self, p => sqlx::query_as(SQL).bind(row.id).fetch_all(p).await)?;
        let mut map = BTreeMap::new();
        for t in texts {
            map.insert(
                locale(&t.locale)?,
                NarrativeText {
                    title: t.title,
                    promise: t.promise,
                    sections: json(&t.sections)?,
                    values: json(&t.narrative_values)?,
                },
            );
        }
        Ok(StoredNarrative {
            id: NarrativeVersionId(row.id),
            version: row.version,
            created_at: row.created_at,
            narrative: Narrative { texts: map },
        })
    }
}
