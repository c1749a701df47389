//! The workspace's members, read from Slack's `users.list` and turned into [`PlatformUser`]s
//! for [`Store::sync_platform_users`](crate::store::Store::sync_platform_users).
//!
//! `users.list` is a Tier 2 method (about 20 calls a minute) and pages with a cursor: ask with
//! `limit` (without one, large teams get `limit_required` or a 500), repeat with
//! `response_metadata.next_cursor` until it is empty. A 10,000-person workspace is 50 pages, so
//! hitting the limit mid-way is normal: a page answered 429 is asked again after `Retry-After`
//! instead of throwing away the pages already read.

use std::collections::HashSet;
use std::time::Duration;

use slack_morphism::errors::{SlackClientApiError, SlackClientError};
use slack_morphism::prelude::{
    SlackApiUsersListRequest, SlackApiUsersListResponse, SlackCursorId, SlackUser,
};
use slack_morphism::{SlackClientHttpConnector, SlackClientSession};

use crate::core::directory::platform_users::PlatformUser;

/// Members per page: Slack recommends no more than 200.
pub const PAGE_SIZE: u16 = 200;

/// How often one page is asked again after a 429 before the error is returned.
const RATE_LIMIT_RETRIES: u32 = 5;

/// The longest `Retry-After` honoured in place; anything longer goes back to the caller.
const LONGEST_WAIT: Duration = Duration::from_secs(120);

/// Slack's built-in bot user, listed in every workspace without `is_bot`.
const SLACKBOT: &str = "USLACKBOT";

/// Reads every member of the workspace the session's token belongs to, with time zone, locale
/// and email (the email needs the `users:read.email` scope), following the cursor to the end.
///
/// Bots, app users flagged as bots and Slackbot are left out; deleted accounts are kept (as
/// inactive) so the directory can switch their people off. Fails with the first error that is
/// not a rate limit; a cursor that comes back twice is an `ApiError` (`repeated_cursor`)
/// rather than an endless loop.
pub async fn fetch_users<SCHC>(
    session: &SlackClientSession<'_, SCHC>,
) -> Result<Vec<PlatformUser>, SlackClientError>
where
    SCHC: SlackClientHttpConnector + Send + Sync,
{
    let mut users = Vec::new();
    let mut cursor: Option<SlackCursorId> = None;
    let mut seen_cursors: HashSet<String> = HashSet::new();
    loop {
        let request = SlackApiUsersListRequest::new()
            .with_limit(PAGE_SIZE)
            .with_include_locale(true)
            .opt_cursor(cursor.take());
        let page = list_page(session, &request).await?;
        users.extend(page.members.iter().filter_map(platform_user));
        let next = page
            .response_metadata
            .and_then(|m| m.next_cursor)
            .filter(|c| !c.0.trim().is_empty());
        let Some(next) = next else {
            return Ok(users);
        };
        if !seen_cursors.insert(next.0.clone()) {
            return Err(SlackClientError::ApiError(SlackClientApiError::new(
                "repeated_cursor".into(),
            )));
        }
        cursor = Some(next);
    }
}

/// One page, asked again after a rate limit.
async fn list_page<SCHC>(
    session: &SlackClientSession<'_, SCHC>,
    request: &SlackApiUsersListRequest,
) -> Result<SlackApiUsersListResponse, SlackClientError>
where
    SCHC: SlackClientHttpConnector + Send + Sync,
{
    let mut retries = 0;
    loop {
        match session.users_list(request).await {
            Err(SlackClientError::RateLimitError(limit)) if retries < RATE_LIMIT_RETRIES => {
                let wait = limit.retry_after.unwrap_or(Duration::from_secs(1));
                if wait > LONGEST_WAIT {
                    return Err(SlackClientError::RateLimitError(limit));
                }
                retries += 1;
                tracing::debug!(?wait, retries, "users.list rate limited; waiting");
                tokio::time::sleep(wait).await;
            }
            other => return other,
        }
    }
}

/// A Slack member as the directory sees them; `None` for bots and Slackbot, which are never
/// people.
///
/// The name is the profile's full name (what colleagues know them by), falling back to the
/// short display name and the username. Guests (single- and multi-channel) are marked so the
/// directory only takes them in when the org chart lists them. An invited user who has not
/// joined yet cannot be messaged, so they count as inactive until they do.
pub fn platform_user(user: &SlackUser) -> Option<PlatformUser> {
    if user.id.0 == SLACKBOT || user.flags.is_bot == Some(true) {
        return None;
    }
    let profile = user.profile.as_ref();
    let display_name = [
        profile.and_then(|p| p.real_name.as_deref()),
        user.real_name.as_deref(),
        profile.and_then(|p| p.display_name.as_deref()),
        user.name.as_deref(),
    ]
    .into_iter()
    .flatten()
    .map(str::trim)
    .find(|n| !n.is_empty())
    .unwrap_or_default()
    .to_string();
    let non_empty = |s: &str| Some(s.trim().to_string()).filter(|s| !s.is_empty());
    let deleted = user.deleted == Some(true);
    let invited = user.flags.is_invited_user == Some(true);
    Some(PlatformUser {
        platform_user_id: user.id.0.clone(),
        display_name,
        email: profile
            .and_then(|p| p.email.as_ref())
            .and_then(|e| non_empty(&e.0)),
        timezone: user.tz.as_deref().and_then(non_empty),
        locale: user.locale.as_ref().and_then(|l| non_empty(&l.0)),
        is_active: !deleted && !invited,
        is_bot: false,
        username: None,
        is_guest: user.flags.is_restricted == Some(true)
            || user.flags.is_ultra_restricted == Some(true),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn member(json: &str) -> SlackUser {
        serde_json::from_str(json).expect("a users.list member")
    }

    #[test]
    fn a_member_keeps_their_name_email_zone_and_locale() {
        // The users.info example from Slack's documentation, with a locale.
        let user = member(
            r#"{"id":"W012A3CDE","team_id":"T012AB3C4","name":"spengler","deleted":false,
                "real_name":"Egon Spengler","tz":"America/Los_Angeles","tz_offset":-25200,
                "locale":"en-US","is_admin":true,"is_bot":false,"is_app_user":false,
                "profile":{"display_name":"spengler","real_name":"Egon Spengler",
                           "email":"spengler@ghostbusters.example.com"},"updated":1502138686}"#,
        );

        let mapped = platform_user(&user).expect("a person");

        assert_eq!(
            mapped,
            PlatformUser {
                platform_user_id: "W012A3CDE".into(),
                display_name: "Egon Spengler".into(),
                email: Some("spengler@ghostbusters.example.com".into()),
                timezone: Some("America/Los_Angeles".into()),
                locale: Some("en-US".into()),
                is_active: true,
                is_bot: false,
                username: None,
                is_guest: false,
            }
        );
    }

    #[test]
    fn bots_and_slackbot_are_not_people() {
        let bot = member(r#"{"id":"B1","name":"deploy","is_bot":true,"profile":{}}"#);
        let slackbot = member(r#"{"id":"USLACKBOT","name":"slackbot","is_bot":false}"#);
        assert_eq!(platform_user(&bot), None);
        assert_eq!(platform_user(&slackbot), None);
    }

    #[test]
    fn deleted_and_invited_accounts_are_inactive_and_guests_are_marked() {
        let deleted = member(r#"{"id":"U1","name":"gone","deleted":true,"profile":{}}"#);
        let invited = member(r#"{"id":"U2","name":"soon","is_invited_user":true}"#);
        let guest = member(r#"{"id":"U3","name":"client","is_restricted":true}"#);
        assert!(!platform_user(&deleted).is_some_and(|u| u.is_active));
        assert!(!platform_user(&invited).is_some_and(|u| u.is_active));
        assert!(platform_user(&guest).is_some_and(|u| u.is_guest && u.is_active));
    }

    #[test]
    fn missing_or_blank_fields_become_none_and_the_name_falls_back() {
        let user = member(
            r#"{"id":"U4","name":"bo","tz":"","profile":{"real_name":" ","display_name":"Bo","email":""}}"#,
        );
        let mapped = platform_user(&user).expect("a person");
        assert_eq!(mapped.display_name, "Bo");
        assert_eq!(
            (mapped.email, mapped.timezone, mapped.locale),
            (None, None, None)
        );
    }

    #[test]
    fn an_empty_next_cursor_ends_the_listing() {
        let page: SlackApiUsersListResponse = serde_json::from_str(
            r#"{"ok":true,"members":[],"cache_ts":1498777272,"response_metadata":{"next_cursor":""}}"#,
        )
        .expect("a users.list page");
        assert_eq!(page.response_metadata.and_then(|m| m.next_cursor), None);
    }

    /// A `users.list` that serves scripted pages over plain HTTP on 127.0.0.1 and records
    /// every query it was asked.
    mod fake {
        use std::collections::HashMap;
        use std::sync::{Arc, Mutex};

        use axum::extract::{Query, State};
        use axum::http::StatusCode;
        use axum::response::{IntoResponse, Response};
        use axum::routing::get;
        use slack_morphism::hyper_tokio::{
            SlackClientHyperConnector, SlackClientHyperHttpsConnector,
        };
        use slack_morphism::prelude::{SlackApiToken, SlackApiTokenValue, SlackClient};

        /// What the fake answers, keyed by the cursor asked for ("" for the first page).
        pub struct Script {
            pub pages: HashMap<String, String>,
            /// Cursors answered 429 (`Retry-After: 0`) the first time they are asked.
            pub limited_once: Vec<String>,
        }

        #[derive(Clone)]
        struct Fake {
            script: Arc<Mutex<Script>>,
            calls: Arc<Mutex<Vec<HashMap<String, String>>>>,
        }

        async fn users_list(
            State(fake): State<Fake>,
            Query(query): Query<HashMap<String, String>>,
        ) -> Response {
            fake.calls.lock().expect("calls").push(query.clone());
            let cursor = query.get("cursor").cloned().unwrap_or_default();
            let mut script = fake.script.lock().expect("script");
            if let Some(i) = script.limited_once.iter().position(|c| *c == cursor) {
                script.limited_once.remove(i);
                return (
                    StatusCode::TOO_MANY_REQUESTS,
                    [("content-type", "application/json"), ("retry-after", "0")],
                    r#"{"ok":false,"error":"ratelimited"}"#,
                )
                    .into_response();
            }
            let body = script
                .pages
                .get(&cursor)
                .cloned()
                .unwrap_or_else(|| r#"{"ok":false,"error":"invalid_cursor"}"#.into());
            ([("content-type", "application/json")], body).into_response()
        }

        /// Serves the script; returns a client pointed at it and the recorded queries.
        pub async fn serve(
            script: Script,
        ) -> (
            SlackClient<SlackClientHyperHttpsConnector>,
            Arc<Mutex<Vec<HashMap<String, String>>>>,
        ) {
            let fake = Fake {
                script: Arc::new(Mutex::new(script)),
                calls: Arc::new(Mutex::new(Vec::new())),
            };
            let calls = fake.calls.clone();
            let app = axum::Router::new()
                .route("/api/users.list", get(users_list))
                .with_state(fake);
            let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
                .await
                .expect("a port");
            let addr = listener.local_addr().expect("an address");
            tokio::spawn(async move { axum::serve(listener, app).await });
            let tls = rustls::ClientConfig::builder()
                .with_root_certificates(rustls::RootCertStore::empty())
                .with_no_client_auth();
            let https_or_http = hyper_rustls::HttpsConnectorBuilder::new()
                .with_tls_config(tls)
                .https_or_http()
                .enable_http1()
                .build();
            let connector = SlackClientHyperConnector::with_connector(https_or_http)
                .with_slack_api_url(&format!("http://{addr}/api"));
            (SlackClient::new(connector), calls)
        }

        pub fn token() -> SlackApiToken {
            SlackApiToken::new(SlackApiTokenValue("xoxb-test".into()))
        }
    }

    fn page(members: &str, next_cursor: &str) -> String {
        format!(
            r#"{{"ok":true,"members":[{members}],"cache_ts":1498777272,"response_metadata":{{"next_cursor":"{next_cursor}"}}}}"#
        )
    }

    #[tokio::test]
    async fn every_page_is_read_and_a_rate_limited_page_is_asked_again() {
        let script = fake::Script {
            pages: [
                (
                    String::new(),
                    page(
                        r#"{"id":"U1","name":"ann","tz":"Europe/Athens","locale":"el-GR","profile":{"real_name":"Ann","email":"ann@acme.io"}},
                           {"id":"B1","name":"deploy","is_bot":true}"#,
                        "c1",
                    ),
                ),
                (
                    "c1".to_string(),
                    page(
                        r#"{"id":"USLACKBOT","name":"slackbot"},
                           {"id":"U2","name":"gone","deleted":true,"profile":{"email":"gone@acme.io"}}"#,
                        "c2",
                    ),
                ),
                (
                    "c2".to_string(),
                    page(r#"{"id":"U3","name":"bo","profile":{"email":"bo@acme.io"}}"#, ""),
                ),
            ]
            .into(),
            limited_once: vec!["c1".into()],
        };
        let (client, calls) = fake::serve(script).await;
        let token = fake::token();
        let session = client.open_session(&token);

        let users = fetch_users(&session).await.expect("listed");

        let ids: Vec<(&str, bool)> = users
            .iter()
            .map(|u| (u.platform_user_id.as_str(), u.is_active))
            .collect();
        assert_eq!(ids, vec![("U1", true), ("U2", false), ("U3", true)]);
        assert_eq!(users[0].locale.as_deref(), Some("el-GR"));
        let calls = calls.lock().expect("calls").clone();
        let cursors: Vec<Option<&str>> = calls
            .iter()
            .map(|q| q.get("cursor").map(String::as_str))
            .collect();
        assert_eq!(cursors, vec![None, Some("c1"), Some("c1"), Some("c2")]);
        assert!(calls.iter().all(|q| {
            q.get("limit").map(String::as_str) == Some("200")
                && q.get("include_locale").map(String::as_str) == Some("true")
        }));
    }

    #[tokio::test]
    async fn a_cursor_that_comes_back_is_an_error_not_an_endless_loop() {
        let script = fake::Script {
            pages: [
                (String::new(), page("", "again")),
                ("again".to_string(), page("", "again")),
            ]
            .into(),
            limited_once: Vec::new(),
        };
        let (client, _calls) = fake::serve(script).await;
        let token = fake::token();
        let session = client.open_session(&token);

        let err = fetch_users(&session).await.expect_err("refused");

        assert!(
            matches!(&err, SlackClientError::ApiError(e) if e.code == "repeated_cursor"),
            "{err:?}"
        );
    }

    #[tokio::test]
    async fn an_api_error_is_returned() {
        let script = fake::Script {
            pages: [(
                String::new(),
                r#"{"ok":false,"error":"missing_scope"}"#.to_string(),
            )]
            .into(),
            limited_once: Vec::new(),
        };
        let (client, _calls) = fake::serve(script).await;
        let token = fake::token();
        let session = client.open_session(&token);

        let err = fetch_users(&session).await.expect_err("refused");

        assert!(
            matches!(&err, SlackClientError::ApiError(e) if e.code == "missing_scope"),
            "{err:?}"
        );
    }
}
