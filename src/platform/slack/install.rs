//! Installing the app into a workspace with OAuth v2 ("Add to Slack").
//!
//! `/slack/install` hands the browser to Slack's consent page with a one-time `state`;
//! `/slack/oauth/callback` checks that state (so nobody can complete an install they did not
//! start), trades the code for a bot token, seals the token, creates the workspace's org and
//! fills its directory. The pages speak to the admin doing the install, in plain words.

use axum::http::{StatusCode, header};
use axum::response::{Html, IntoResponse, Response};
use serde::Deserialize;
use slack_morphism::prelude::*;

use super::SlackPlatform;
use super::installs::{SlackInstall, SlackInstalls};

/// The bot scopes the app asks for; the manifest lists the same.
pub const BOT_SCOPES: &[&str] = &[
    "chat:write",
    "chat:write.public",
    "commands",
    "files:write",
    "im:write",
    "reactions:read",
    "users:read",
    "users:read.email",
];

/// How long an install link stays valid.
const STATE_MINUTES: i64 = 15;

/// What Slack sends back to the redirect URL.
#[derive(Debug, Deserialize)]
pub struct CallbackQuery {
    /// The code to trade for a token.
    pub code: Option<String>,
    /// The state we issued.
    pub state: Option<String>,
    /// Set when the admin pressed Cancel.
    pub error: Option<String>,
}

fn page(status: StatusCode, title: &str, body: &str) -> Response {
    let html = format!(
        "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>{title}</title></head>\
         <body style=\"font-family:sans-serif;max-width:40em;margin:4em auto\"><h1>{title}</h1><p>{body}</p></body></html>"
    );
    (status, Html(html)).into_response()
}

fn redirect_uri(slack: &SlackPlatform) -> Option<String> {
    let base = slack.settings().public_url.trim_end_matches('/');
    (!base.is_empty()).then(|| format!("{base}/slack/oauth/callback"))
}

/// Slack's consent page, next to the Web API base (`…/api` → `…/oauth/v2/authorize`).
fn authorize_base(slack: &SlackPlatform) -> String {
    let api = slack.credentials().api_url.trim_end_matches('/');
    let root = api.strip_suffix("/api").unwrap_or(api);
    format!("{root}/oauth/v2/authorize")
}

/// `GET /slack/install`: redirects to Slack's consent page.
pub async fn start(slack: &SlackPlatform) -> Response {
    let Some(client_id) = slack.credentials().client_id.clone() else {
        return page(
            StatusCode::NOT_FOUND,
            "Installs are not enabled",
            "This server installs into one workspace with SLACK_BOT_TOKEN. To let any workspace install it, set SLACK_CLIENT_ID, SLACK_CLIENT_SECRET and AMBASSADOR_TOKEN_KEY.",
        );
    };
    let state = match crate::store::new_secret() {
        Ok(s) => s,
        Err(e) => {
            tracing::error!(error = %e, "no randomness for an OAuth state");
            return page(
                StatusCode::INTERNAL_SERVER_ERROR,
                "Try again",
                "The install link could not be made. Please reload the page.",
            );
        }
    };
    if let Err(e) = slack.store().save_oauth_state(&state, slack.now()).await {
        tracing::error!(error = %e, "could not store an OAuth state");
        return page(
            StatusCode::SERVICE_UNAVAILABLE,
            "Try again",
            "The database did not answer. Please reload the page in a moment.",
        );
    }
    let mut url = match url::Url::parse(&authorize_base(slack)) {
        Ok(u) => u,
        Err(_) => {
            return page(
                StatusCode::INTERNAL_SERVER_ERROR,
                "Misconfigured",
                "SLACK_API_URL is not a URL.",
            );
        }
    };
    {
        let mut q = url.query_pairs_mut();
        q.append_pair("client_id", &client_id)
            .append_pair("scope", &BOT_SCOPES.join(","))
            .append_pair("state", &state);
        if let Some(r) = redirect_uri(slack) {
            q.append_pair("redirect_uri", &r);
        }
    }
    (StatusCode::FOUND, [(header::LOCATION, url.to_string())]).into_response()
}

/// `GET /slack/oauth/callback`: completes the install.
pub async fn callback(slack: &SlackPlatform, query: CallbackQuery) -> Response {
    if let Some(error) = &query.error {
        tracing::info!(error, "an install was cancelled");
        return page(
            StatusCode::OK,
            "Install cancelled",
            "Nothing was installed. You can start again from the install link whenever you like.",
        );
    }
    let (Some(code), Some(state)) = (query.code, query.state) else {
        return page(
            StatusCode::BAD_REQUEST,
            "Install link incomplete",
            "This page is reached from Slack after you approve the app. Start again from the install link.",
        );
    };
    let valid = slack
        .store()
        .take_oauth_state(
            &state,
            slack.now(),
            chrono::Duration::minutes(STATE_MINUTES),
        )
        .await;
    match valid {
        Ok(true) => {}
        Ok(false) => {
            metrics::counter!("ambassador_slack_requests_refused_total", "reason" => "oauth_state")
                .increment(1);
            return page(
                StatusCode::BAD_REQUEST,
                "Install link expired",
                "This install link was already used or is older than 15 minutes. Start again from the install link.",
            );
        }
        Err(e) => {
            tracing::error!(error = %e, "could not check an OAuth state");
            return page(
                StatusCode::SERVICE_UNAVAILABLE,
                "Try again",
                "The database did not answer. Start again from the install link in a moment.",
            );
        }
    }
    match complete(slack, &code).await {
        Ok(team_name) => page(
            StatusCode::OK,
            "ambassador is installed",
            &format!(
                "ambassador is now part of {}. Everyone gets a welcome message with the customer narrative the first time they use it. Next step for an admin: import the org chart with <code>ambassador org import org.csv --org TEAM_ID</code> so managers and departments are known.",
                html_escape(&team_name)
            ),
        ),
        Err(e) => {
            tracing::warn!(error = %e, "an install could not be completed");
            page(
                StatusCode::BAD_GATEWAY,
                "Install not completed",
                "Slack did not accept the install code. Start again from the install link; if it keeps failing, check SLACK_CLIENT_ID and SLACK_CLIENT_SECRET.",
            )
        }
    }
}

fn html_escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

async fn complete(slack: &SlackPlatform, code: &str) -> anyhow::Result<String> {
    let creds = slack.credentials();
    let (Some(client_id), Some(client_secret), Some(key)) =
        (&creds.client_id, &creds.client_secret, &creds.token_key)
    else {
        anyhow::bail!("OAuth installs are not configured");
    };
    let mut request = SlackOAuthV2AccessTokenRequest::new(
        client_id.clone().into(),
        client_secret.clone().into(),
        SlackOAuthCode(code.to_string()),
    );
    if let Some(r) = redirect_uri(slack) {
        request = request.with_redirect_uri(url::Url::parse(&r)?);
    }
    let answer = slack.client().oauth2_access(&request).await?;
    let team_id = answer.team.id.to_string();
    let team_name = answer.team.name.clone().unwrap_or_else(|| team_id.clone());
    let install = SlackInstall {
        team_id: team_id.clone(),
        team_name: team_name.clone(),
        bot_user_id: answer
            .bot_user_id
            .map(|u| u.to_string())
            .unwrap_or_default(),
        bot_token_sealed: key.seal(answer.access_token.as_ref())?,
        scopes: answer.scope.to_string(),
        installed_by: answer.authed_user.id.to_string().into(),
    };
    slack
        .store()
        .save_slack_install(&install, slack.now())
        .await?;
    slack.forget_token(&team_id).await;
    slack.installed(&team_id, &team_name).await?;
    Ok(team_name)
}
