//! The web dashboard's sign-in links and sessions.
//!
//! Secrets never reach the database: callers hand over the SHA-256 of a link's or a cookie's
//! token ([`token_hash`]), so a copy of the tables signs nobody in.

use chrono::{DateTime, Utc};
use sha2::{Digest, Sha256};

use super::{Store, StoreResult, with_pool};
use crate::core::ids::{OrgId, PersonId};

/// The hash a token is stored and looked up under.
pub fn token_hash(token: &str) -> String {
    hex::encode(Sha256::digest(token.as_bytes()))
}

/// A sign-in link to remember.
#[derive(Debug, Clone)]
pub struct NewSignInLink {
    /// [`token_hash`] of the link's secret.
    pub token_hash: String,
    /// The org the link signs into.
    pub org_id: OrgId,
    /// The person it signs in.
    pub person_id: PersonId,
    /// When it was made.
    pub created_at: DateTime<Utc>,
    /// When it stops working.
    pub expires_at: DateTime<Utc>,
}

/// Why a link did not sign anyone in: each gets its own page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LinkRefusal {
    /// No such link (mistyped, forged, or from another installation).
    Unknown,
    /// It was already used once.
    Used,
    /// Its ten minutes are over.
    Expired,
}

/// A session to open.
#[derive(Debug, Clone)]
pub struct NewWebSession {
    /// [`token_hash`] of the cookie's secret.
    pub token_hash: String,
    /// The org.
    pub org_id: OrgId,
    /// The person signed in.
    pub person_id: PersonId,
    /// The token every form of this session carries.
    pub csrf_token: String,
    /// When it was opened.
    pub created_at: DateTime<Utc>,
    /// When it ends on its own.
    pub expires_at: DateTime<Utc>,
}

/// A live session, as a request finds it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WebSessionRecord {
    /// The org.
    pub org_id: OrgId,
    /// The person signed in.
    pub person_id: PersonId,
    /// The token its forms must carry.
    pub csrf_token: String,
    /// When it ends.
    pub expires_at: DateTime<Utc>,
}

/// Sign-in links and sessions, as the dashboard's use cases see them.
#[async_trait::async_trait]
pub trait WebStore: Send + Sync {
    /// Remembers a new sign-in link.
    async fn create_sign_in_link(&self, link: &NewSignInLink) -> StoreResult<()>;

    /// Uses a link once: marks it used and returns whom it signs in, or why it cannot. Two
    /// browsers racing with the same link cannot both win.
    async fn redeem_sign_in_link(
        &self,
        token_hash: &str,
        now: DateTime<Utc>,
    ) -> StoreResult<Result<(OrgId, PersonId), LinkRefusal>>;

    /// Opens a session (and forgets sessions that ended, so the table does not grow).
    async fn create_web_session(&self, session: &NewWebSession) -> StoreResult<()>;

    /// The session behind a cookie, while it lasts.
    async fn web_session(
        &self,
        token_hash: &str,
        now: DateTime<Utc>,
    ) -> StoreResult<Option<WebSessionRecord>>;

    /// Ends a session (sign-out).
    async fn end_web_session(&self, token_hash: &str) -> StoreResult<()>;
}

#[async_trait::async_trait]
impl WebStore for Store {
    async fn create_sign_in_link(&self, link: &NewSignInLink) -> StoreResult<()> {
        const SQL: &str = "insert into web_links (token_hash, org_id, person_id, created_at, expires_at) \
             values ($1, $2, $3, $4, $5)";
        with_pool!(self, p => sqlx::query(SQL)
            .bind(&link.token_hash)
            .bind(link.org_id.0)
            .bind(link.person_id.0)
            .bind(link.created_at)
            .bind(link.expires_at)
            .execute(p)
            .await
            .map(|r| r.rows_affected()))?;
        Ok(())
    }

    async fn redeem_sign_in_link(
        &self,
        token_hash: &str,
        now: DateTime<Utc>,
    ) -> StoreResult<Result<(OrgId, PersonId), LinkRefusal>> {
        const REDEEM: &str = "update web_links set used_at = $2 \
             where token_hash = $1 and used_at is null and expires_at > $2 \
             returning org_id, person_id";
        let won: Option<(i64, i64)> = with_pool!(self, p => sqlx::query_as(REDEEM)
            .bind(token_hash)
            .bind(now)
            .fetch_optional(p)
            .await)?;
        if let Some((org, person)) = won {
            return Ok(Ok((OrgId(org), PersonId(person))));
        }
        const WHY: &str = "select used_at is not null from web_links where token_hash = $1";
        let used: Option<(bool,)> = with_pool!(self, p => sqlx::query_as(WHY)
            .bind(token_hash)
            .fetch_optional(p)
            .await)?;
        Ok(Err(match used {
            None => LinkRefusal::Unknown,
            Some((true,)) => LinkRefusal::Used,
            Some((false,)) => LinkRefusal::Expired,
        }))
    }

    async fn create_web_session(&self, session: &NewWebSession) -> StoreResult<()> {
        const FORGET: &str = "delete from web_sessions where expires_at <= $1";
        with_pool!(self, p => sqlx::query(FORGET)
            .bind(session.created_at)
            .execute(p)
            .await
            .map(|r| r.rows_affected()))?;
        const SQL: &str = "insert into web_sessions \
             (token_hash, org_id, person_id, csrf_token, created_at, expires_at) \
             values ($1, $2, $3, $4, $5, $6)";
        with_pool!(self, p => sqlx::query(SQL)
            .bind(&session.token_hash)
            .bind(session.org_id.0)
            .bind(session.person_id.0)
            .bind(&session.csrf_token)
            .bind(session.created_at)
            .bind(session.expires_at)
            .execute(p)
            .await
            .map(|r| r.rows_affected()))?;
        Ok(())
    }

    async fn web_session(
        &self,
        token_hash: &str,
        now: DateTime<Utc>,
    ) -> StoreResult<Option<WebSessionRecord>> {
        const SQL: &str = "select org_id, person_id, csrf_token, expires_at from web_sessions \
             where token_hash = $1 and expires_at > $2";
        let row: Option<(i64, i64, String, DateTime<Utc>)> = with_pool!(self, p => sqlx::query_as(SQL)
            .bind(token_hash)
            .bind(now)
            .fetch_optional(p)
            .await)?;
        Ok(
            row.map(|(org, person, csrf_token, expires_at)| WebSessionRecord {
                org_id: OrgId(org),
                person_id: PersonId(person),
                csrf_token,
                expires_at,
            }),
        )
    }

    async fn end_web_session(&self, token_hash: &str) -> StoreResult<()> {
        const SQL: &str = "delete from web_sessions where token_hash = $1";
        with_pool!(self, p => sqlx::query(SQL).bind(token_hash).execute(p).await.map(|r| r.rows_affected()))?;
        Ok(())
    }
}
