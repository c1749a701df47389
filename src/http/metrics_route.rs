//! Prometheus metrics in the text exposition format.

use axum::extract::State;
use axum::http::header;
use axum::response::IntoResponse;

use super::HttpState;

/// Every counter the bot keeps (`ambassador_kudos_given_total`, `ambassador_jobs_total`, …).
pub async fn metrics(State(state): State<HttpState>) -> impl IntoResponse {
    (
        [(header::CONTENT_TYPE, "text/plain; version=0.0.4")],
        state.metrics.render(),
    )
}

/// The counters the bot keeps, with their help text; each starts at zero so a scrape shows
/// every series from the first minute instead of only those that happened to move.
const COUNTERS: [(&str, &str); 8] = [
    ("ambassador_kudos_given_total", "Kudos given."),
    (
        "ambassador_kudos_recipients_total",
        "People recognised, counting each recipient of a kudos.",
    ),
    (
        "ambassador_messages_sent_total",
        "Messages delivered to people and channels.",
    ),
    (
        "ambassador_delivery_failures_total",
        "Messages a chat platform did not accept.",
    ),
    (
        "ambassador_welcomes_total",
        "Welcome messages sent to people seen for the first time.",
    ),
    (
        "ambassador_narrative_acks_total",
        "Presses of the narrative's \"I've read it\" button.",
    ),
    (
        "ambassador_narrative_moments_total",
        "Narrative moments posted.",
    ),
    (
        "ambassador_internal_errors_total",
        "Requests answered with \"something went wrong\".",
    ),
];

/// Registers the help text of every counter and starts each at zero.
pub fn describe() {
    for (name, help) in COUNTERS {
        metrics::describe_counter!(name, help);
        metrics::counter!(name).absolute(0);
    }
    metrics::describe_counter!(
        "ambassador_commands_total",
        "Slash commands received, by command."
    );
    metrics::describe_counter!(
        "ambassador_jobs_total",
        "Scheduled jobs run, by kind and outcome."
    );
    metrics::describe_counter!(
        "ambassador_narrative_versions_total",
        "Narrative versions published, in chat or on the admin's web page."
    );
    metrics::describe_counter!(
        "ambassador_slack_requests_refused_total",
        "Slack requests refused at the edge, by reason (signature, malformed, oauth_state)."
    );
    metrics::describe_counter!(
        "ambassador_slack_duplicates_total",
        "Slack events received again (retries) and stored only once."
    );
    metrics::describe_counter!(
        "ambassador_slack_requests_ignored_total",
        "Well-formed Slack requests acknowledged without work (unknown or unused types)."
    );
    metrics::describe_counter!(
        "ambassador_rate_limited_total",
        "Platform calls answered with 429, by platform; the org waited as asked."
    );
    metrics::describe_counter!(
        "ambassador_requests_processed_total",
        "Stored platform requests processed and committed, by platform."
    );
}
