//! The login side: the Bot Framework's OpenID metadata and key set, and Microsoft Entra's
//! client-credentials token endpoint.
//!
//! Shapes (`chat-protocols.md` section 9 and "Replying: bot → Connector"): the metadata is
//! `{"issuer":"https://api.botframework.com","authorization_endpoint":…,"jwks_uri":…,
//! "id_token_signing_alg_values_supported":["RS256"],…}`; a token request is a form
//! `grant_type=client_credentials&client_id&client_secret&scope=https://api.botframework.com/.default`
//! answered `{"token_type":"Bearer","expires_in":…,"ext_expires_in":…,"access_token":…}`.
//! Refusals copy Entra's error body (`{"error":"invalid_client","error_description":
//! "AADSTS7000215: Invalid client secret provided. …","error_codes":[7000215],…}`, HTTP 401, as
//! quoted in OfficeDev/microsoft-365-agents-toolkit#8621; the 400 codes from the AADSTS list).

use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::{Path, State as AxumState};
use axum::http::{HeaderMap, Method, StatusCode, Uri};
use axum::response::Response;
use serde_json::{Value, json};

use super::records::{CallKind, RecordedCall, Reply};
use super::{
    APP_ID, APP_PASSWORD, CONNECTOR_SCOPE, FakeBotFramework, ISSUER, Injected, Inner, State,
    TENANT_ID,
};

/// Seconds an issued token lives, as Entra answers today (`3599`, near the documented 3600).
const TOKEN_LIFETIME_SECS: u64 = 3599;

/// `GET /v1/.well-known/openidconfiguration`.
pub(super) async fn openid(
    AxumState(inner): AxumState<Arc<Inner>>,
    method: Method,
    uri: Uri,
    headers: HeaderMap,
) -> Response {
    let call = RecordedCall::new(CallKind::OpenIdMetadata, method, &uri, &headers, &[]);
    inner.serve(call, |state, _| {
        state.openid_fetches += 1;
        if let Some(failure) = state.login_failures.pop_front() {
            return Reply::injected(failure.status, None);
        }
        Reply::ok(json!({
            "issuer": ISSUER,
            "authorization_endpoint": "https://invalid.botframework.com",
            "jwks_uri": format!("{}/v1/.well-known/keys", state.base_url),
            "id_token_signing_alg_values_supported": ["RS256"],
            "token_endpoint_auth_methods_supported": ["private_key_jwt"],
        }))
    })
}

/// `GET /v1/.well-known/keys`.
pub(super) async fn keys(
    AxumState(inner): AxumState<Arc<Inner>>,
    method: Method,
    uri: Uri,
    headers: HeaderMap,
) -> Response {
    let call = RecordedCall::new(CallKind::Keys, method, &uri, &headers, &[]);
    inner.serve(call, |state, _| {
        state.key_fetches += 1;
        if let Some(failure) = state.login_failures.pop_front() {
            return Reply::injected(failure.status, None);
        }
        Reply::ok(state.keys.jwks())
    })
}

/// `POST /{tenant}/oauth2/v2.0/token`.
pub(super) async fn token(
    AxumState(inner): AxumState<Arc<Inner>>,
    Path(tenant): Path<String>,
    method: Method,
    uri: Uri,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let call = RecordedCall::new(CallKind::Token, method, &uri, &headers, &body);
    inner.serve(call, |state, call| {
        if let Some(failure) = state.login_failures.pop_front() {
            return Reply::injected(failure.status, None);
        }
        match check_token_request(&tenant, call) {
            Ok(()) => issue_token(state),
            Err(refusal) => refusal,
        }
    })
}

/// Entra's checks, in the order it reports them.
fn check_token_request(tenant: &str, call: &RecordedCall) -> Result<(), Reply> {
    let form_sent = call
        .content_type
        .as_deref()
        .is_some_and(|t| t.starts_with("application/x-www-form-urlencoded"));
    let grant_type = call.field("grant_type").filter(|_| form_sent);
    if grant_type.is_none() {
        return Err(entra_error(
            StatusCode::BAD_REQUEST,
            "invalid_request",
            900144,
            "The request body must contain the following parameter: 'grant_type'.",
        ));
    }
    if tenant == "botframework.com" {
        let message = format!(
            "Application with identifier '{}' was not found in the directory 'Bot Framework'. \
             This can happen if the application has not been installed by the administrator of \
             the tenant.",
            call.field("client_id").unwrap_or_default()
        );
        return Err(entra_error(
            StatusCode::BAD_REQUEST,
            "unauthorized_client",
            700016,
            &message,
        ));
    }
    if tenant != TENANT_ID {
        let message = format!(
            "Tenant '{tenant}' not found. Check to make sure you have the correct tenant ID and \
             are signing into the correct cloud."
        );
        return Err(entra_error(
            StatusCode::BAD_REQUEST,
            "invalid_request",
            90002,
            &message,
        ));
    }
    if grant_type != Some("client_credentials") {
        return Err(entra_error(
            StatusCode::BAD_REQUEST,
            "unsupported_grant_type",
            70003,
            "The app requested an unsupported grant type.",
        ));
    }
    let client_id = call.field("client_id").unwrap_or_default();
    if !client_id.eq_ignore_ascii_case(APP_ID) {
        let message =
            format!("Application with identifier '{client_id}' was not found in the directory.");
        return Err(entra_error(
            StatusCode::BAD_REQUEST,
            "unauthorized_client",
            700016,
            &message,
        ));
    }
    match call.field("client_secret") {
        None | Some("") => {
            return Err(entra_error(
                StatusCode::UNAUTHORIZED,
                "invalid_client",
                7000218,
                "The request body must contain the following parameter: 'client_assertion' or \
                 'client_secret'.",
            ));
        }
        Some(secret) if secret != APP_PASSWORD => {
            let message = format!(
                "Invalid client secret provided. Ensure the secret being sent in the request is \
                 the client secret value, not the client secret ID, for a secret added to app \
                 '{APP_ID}'."
            );
            return Err(entra_error(
                StatusCode::UNAUTHORIZED,
                "invalid_client",
                7000215,
                &message,
            ));
        }
        Some(_) => {}
    }
    let scope = call.field("scope").unwrap_or_default();
    if !scope.ends_with("/.default") {
        return Err(entra_error(
            StatusCode::BAD_REQUEST,
            "invalid_scope",
            1002012,
            "The provided value for scope is not valid. Client credential flows must have a \
             scope value with /.default suffixed to the resource identifier \
             (application ID URI).",
        ));
    }
    if scope != CONNECTOR_SCOPE {
        let resource = scope.trim_end_matches("/.default");
        let message = format!(
            "The resource principal named {resource} was not found in the tenant named \
             {TENANT_ID}."
        );
        return Err(entra_error(
            StatusCode::BAD_REQUEST,
            "invalid_resource",
            500011,
            &message,
        ));
    }
    Ok(())
}

/// A fresh opaque token the Connector will accept.
fn issue_token(state: &mut State) -> Reply {
    let mut random = [0u8; 24];
    getrandom::fill(&mut random).expect("random bytes for a token");
    let token = format!("fake-connector-token.{}", hex::encode(random));
    state.tokens.insert(token.clone());
    state.tokens_issued += 1;
    Reply::ok(json!({
        "token_type": "Bearer",
        "expires_in": TOKEN_LIFETIME_SECS,
        "ext_expires_in": TOKEN_LIFETIME_SECS,
        "access_token": token,
    }))
}

/// Entra's error body: `error`, `error_description` starting `AADSTS{code}: `, and the rest.
fn entra_error(status: StatusCode, error: &str, code: u32, message: &str) -> Reply {
    let now = chrono::Utc::now().format("%Y-%m-%d %H:%M:%SZ").to_string();
    let trace_id = "7c1e5e0a-4b2f-4c1d-9e3a-2f6b8d0c1a00";
    let correlation_id = "1d2c3b4a-5e6f-4a7b-8c9d-0e1f2a3b4c5d";
    let description = format!(
        "AADSTS{code}: {message} Trace ID: {trace_id} Correlation ID: {correlation_id} \
         Timestamp: {now}"
    );
    let body: Value = json!({
        "error": error,
        "error_description": description,
        "error_codes": [code],
        "timestamp": now,
        "trace_id": trace_id,
        "correlation_id": correlation_id,
        "error_uri": format!("https://login.microsoftonline.com/error?code={code}"),
    });
    Reply::json(status, body)
}

impl FakeBotFramework {
    /// Answers the next `n` calls to the login service (OpenID metadata, keys or token) with
    /// `status` and an empty JSON error, as an outage would.
    pub fn fail_next_login(&self, n: usize, status: u16) {
        let failure = Injected {
            status,
            retry_after: None,
        };
        let mut state = self.inner.lock();
        state.login_failures.extend(std::iter::repeat_n(failure, n));
    }

    /// Forgets every token issued so far, as when they expire: the Connector then answers 401
    /// until the bot fetches a new one.
    pub fn expire_tokens(&self) {
        self.inner.lock().tokens.clear();
    }

    /// How many Connector tokens the token endpoint issued.
    pub fn tokens_issued(&self) -> usize {
        self.inner.lock().tokens_issued
    }

    /// How many times the OpenID metadata was fetched (failed fetches included).
    pub fn openid_fetches(&self) -> usize {
        self.inner.lock().openid_fetches
    }

    /// How many times the key set was fetched (failed fetches included).
    pub fn key_fetches(&self) -> usize {
        self.inner.lock().key_fetches
    }
}
