//! The REST entry point: every request under `/api/v10` is recognised, recorded, gated
//! (`Authorization: Bot <token>`, else 401 `{"message":"401: Unauthorized","code":0}`; then
//! any fault the test armed) and answered; anything else is 404
//! `{"message":"404: Not Found","code":0}`, recorded too so a test can assert none fell
//! through (discord-api-docs `reference.mdx`, "Authentication" and "HTTP Response Codes").

use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::State as AxumState;
use axum::http::{HeaderMap, Method, StatusCode, Uri};
use axum::response::Response;

use super::records::{RecordedCall, Reply, Route};
use super::state::State;
use super::{Inner, callbacks, commands, members, messages, users};

/// Every request to the REST server.
pub(super) async fn handle(
    AxumState(inner): AxumState<Arc<Inner>>,
    method: Method,
    uri: Uri,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let (route, params) = match uri.path().strip_prefix("/api/v10/") {
        Some(rest) => {
            let segments: Vec<&str> = rest.trim_end_matches('/').split('/').collect();
            Route::recognise(&method, &segments)
        }
        None => (Route::Unknown, Vec::new()),
    };
    let mut call = RecordedCall::new(route, method, &uri, &headers, &body);
    let reply = {
        let mut state = inner.lock();
        let reply = answer(&mut state, &call, &params);
        call.status = reply.status.as_u16();
        call.response = reply.body.clone();
        call.injected = reply.injected;
        state.calls.push(call);
        reply
    };
    inner.changed.notify_waiters();
    axum::response::IntoResponse::into_response(reply)
}

fn answer(state: &mut State, call: &RecordedCall, params: &[String]) -> Reply {
    if call.route == Route::Unknown {
        return Reply::error(StatusCode::NOT_FOUND, 0, "404: Not Found");
    }
    if call.route.needs_bot_token() && call.bot_token() != Some(state.bot_token.as_str()) {
        return Reply::error(StatusCode::UNAUTHORIZED, 0, "401: Unauthorized");
    }
    if let Some(reply) = state.faults.take(call) {
        return reply;
    }
    match call.route {
        Route::Gateway => users::gateway(state),
        Route::GatewayBot => users::gateway_bot(state),
        Route::CurrentUser => users::current_user(),
        Route::CurrentUserGuilds => users::current_user_guilds(state),
        Route::CurrentApplication => users::application(state),
        Route::CreateDm => users::create_dm(state, call),
        Route::PutGuildCommands => commands::bulk_overwrite(state, call, params),
        Route::GetGuildCommands => commands::list(state, params),
        Route::GuildMembers => members::list(state, call, params),
        Route::GuildMember => members::one(state, params),
        Route::GuildRoles => members::roles(state, params),
        Route::GuildChannels => members::channels(state, params),
        Route::Guild => members::guild(state, params),
        Route::GetChannel => members::channel(state, params),
        Route::CreateMessage => messages::create(state, call, params),
        Route::EditMessage => messages::edit(state, call, params),
        Route::InteractionCallback => callbacks::callback(state, call, params),
        Route::GetOriginal
        | Route::EditOriginal
        | Route::DeleteOriginal
        | Route::CreateFollowup
        | Route::EditFollowup => callbacks::webhook(state, call, params),
        Route::Unknown => Reply::error(StatusCode::NOT_FOUND, 0, "404: Not Found"),
    }
}
