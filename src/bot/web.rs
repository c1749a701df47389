//! Signing in to the web dashboard from chat: `/engagement web` (or an "Open the dashboard"
//! button) sends a private link; opening it starts a session kept in the database, so any
//! replica serves it.

use chrono::{DateTime, Utc};

use crate::bot::{Bot, Ctx};
use crate::core::directory::{Org, Person};
use crate::core::message::{Block, Message, RichText, Visibility};
use crate::core::web::{SIGN_IN_LINK_MINUTES, is_token_shaped, link_expires, session_ends};
use crate::store::{LinkRefusal, NewSignInLink, NewWebSession, new_secret, token_hash};

/// The action of an "Open the dashboard" button: pressing it sends a fresh sign-in link.
pub const WEB_LINK_ACTION: &str = "web-link";

/// Where sign-in links point, below `web.public_url`.
pub const SIGN_IN_PATH: &str = "/web/sign-in/";

/// A session just opened: the cookie's secret goes to the browser, never to the database.
#[derive(Debug, Clone)]
pub struct OpenedSession {
    /// The cookie's value.
    pub cookie_token: String,
    /// When it ends.
    pub expires_at: DateTime<Utc>,
}

/// Who a browser's session belongs to, looked up on every request.
#[derive(Debug, Clone)]
pub struct Viewer {
    /// Their org.
    pub org: Org,
    /// The person, as the directory knows them now (an admin removed since sign-in is not one).
    pub person: Person,
    /// The token every form of the session must echo.
    pub csrf_token: String,
    /// Whether they lead a department (so have teams to look at).
    pub leads_teams: bool,
}

impl Bot {
    /// `/engagement web`: a private message with a link that signs the person in once.
    pub(in crate::bot) async fn web_link_message(&self, ctx: &Ctx) -> anyhow::Result<Message> {
        let url = self.sign_in_link(&ctx.org, &ctx.actor).await?;
        let l = ctx.actor.locale;
        Ok(Message {
            blocks: vec![
                Block::Header(self.t(l, "web-link-title", &[])),
                Block::Section(RichText::text(url)),
                Block::Context(RichText::text(self.t(
                    l,
                    "web-link-note",
                    &[("minutes", SIGN_IN_LINK_MINUTES.into())],
                ))),
            ],
            visibility: Visibility::Ephemeral,
        })
    }

    /// Makes a sign-in link for `person` and returns its address under `web.public_url`.
    pub async fn sign_in_link(&self, org: &Org, person: &Person) -> anyhow::Result<String> {
        let token = new_secret()?;
        let now = self.now();
        self.db()
            .create_sign_in_link(&NewSignInLink {
                token_hash: token_hash(&token),
                org_id: org.id,
                person_id: person.id,
                created_at: now,
                expires_at: link_expires(now),
            })
            .await?;
        metrics::counter!("ambassador_web_links_sent_total").increment(1);
        Ok(format!(
            "{}{SIGN_IN_PATH}{token}",
            self.config().web_public_url
        ))
    }

    /// Uses a sign-in link: opens a session for its person, or says why it cannot (used,
    /// expired, unknown, or the person no longer active).
    pub async fn redeem_sign_in(
        &self,
        token: &str,
    ) -> anyhow::Result<Result<OpenedSession, LinkRefusal>> {
        if !is_token_shaped(token) {
            return Ok(Err(LinkRefusal::Unknown));
        }
        let now = self.now();
        let (org_id, person_id) = match self
            .db()
            .redeem_sign_in_link(&token_hash(token), now)
            .await?
        {
            Ok(found) => found,
            Err(refusal) => return Ok(Err(refusal)),
        };
        let person = self.db().person(person_id).await?;
        if !person.is_active {
            return Ok(Err(LinkRefusal::Unknown));
        }
        let cookie_token = new_secret()?;
        let expires_at = session_ends(now, self.config().settings.web.session_hours);
        self.db()
            .create_web_session(&NewWebSession {
                token_hash: token_hash(&cookie_token),
                org_id,
                person_id,
                csrf_token: new_secret()?,
                created_at: now,
                expires_at,
            })
            .await?;
        metrics::counter!("ambassador_web_sign_ins_total").increment(1);
        Ok(Ok(OpenedSession {
            cookie_token,
            expires_at,
        }))
    }

    /// The person behind a session cookie, while the session lasts and they are active.
    pub async fn web_viewer(&self, cookie_token: &str) -> anyhow::Result<Option<Viewer>> {
        if !is_token_shaped(cookie_token) {
            return Ok(None);
        }
        let Some(session) = self
            .db()
            .web_session(&token_hash(cookie_token), self.now())
            .await?
        else {
            return Ok(None);
        };
        let person = self.db().person(session.person_id).await?;
        if !person.is_active || person.org_id != session.org_id {
            return Ok(None);
        }
        let org = self.db().org(session.org_id).await?;
        let leads_teams = self.db().leads_a_department(person.id).await?;
        Ok(Some(Viewer {
            org,
            person,
            csrf_token: session.csrf_token,
            leads_teams,
        }))
    }

    /// Ends the session behind a cookie (sign-out).
    pub async fn sign_out(&self, cookie_token: &str) -> anyhow::Result<()> {
        if is_token_shaped(cookie_token) {
            self.db().end_web_session(&token_hash(cookie_token)).await?;
        }
        Ok(())
    }
}

/// The platform of a [`Ctx`] built for a web page: pages only read, so nothing is ever
/// rendered for delivery through it.
struct WebPage;

impl crate::bot::ChatPlatform for WebPage {
    fn kind(&self) -> crate::core::invocation::PlatformKind {
        crate::core::invocation::PlatformKind::new("web")
    }

    fn capabilities(&self) -> crate::core::invocation::Capabilities {
        crate::core::invocation::Capabilities::NONE
    }

    fn parse_mention(&self, _token: &str) -> Option<String> {
        None
    }

    fn render(
        &self,
        _org: &Org,
        _to: &crate::core::outbound::Destination,
        _message: &Message,
        _at: DateTime<Utc>,
    ) -> Vec<crate::store::NewOutbound> {
        tracing::error!("a web page tried to send a chat message; pages only read");
        Vec::new()
    }
}

impl Bot {
    /// A person's own page on the web: the same narrative, open pulse, kudos and team figures
    /// as their chat home page, so the two never disagree.
    pub async fn web_home(&self, viewer: &Viewer) -> anyhow::Result<Message> {
        let ctx = Ctx {
            org: viewer.org.clone(),
            actor: viewer.person.clone(),
            platform: std::sync::Arc::new(WebPage),
            request_id: None,
            capabilities: crate::core::invocation::Capabilities::NONE,
        };
        self.home(&ctx).await
    }
}
