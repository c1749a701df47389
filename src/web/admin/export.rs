//! `/web/admin/export.csv`: the figures `ambassador export` writes, as a download. The k rule
//! is applied where the rows are made ([`crate::bot::Bot::export_rows`]), so a group under k
//! appears with its status and no numbers, here as on the command line.

use axum::extract::Query;
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use chrono::{DateTime, NaiveDate, NaiveTime, Utc};
use maud::html;
use serde::Deserialize;

use super::{Admin, Section, frame};
use crate::web::WebError;

/// The optional date range, as the overview's form sends it (`YYYY-MM-DD`, empty for none).
#[derive(Debug, Default, Deserialize)]
pub(super) struct Range {
    #[serde(default)]
    from: String,
    #[serde(default)]
    to: String,
}

/// A date field of the form: empty is no bound; anything else must be a date.
fn bound(text: &str) -> Result<Option<DateTime<Utc>>, ()> {
    let text = text.trim();
    if text.is_empty() {
        return Ok(None);
    }
    NaiveDate::parse_from_str(text, "%Y-%m-%d")
        .map(|d| Some(d.and_time(NaiveTime::MIN).and_utc()))
        .map_err(|_| ())
}

/// `GET /web/admin/export.csv?from=&to=`.
pub(super) async fn csv(
    Admin(page): Admin,
    Query(range): Query<Range>,
) -> Result<Response, WebError> {
    let (Ok(from), Ok(to)) = (bound(&range.from), bound(&range.to)) else {
        let body = frame(
            &page,
            Section::Overview,
            html! {
                div.errors role="alert" {
                    p { (page.t("web-admin-export-bad-date", &[])) }
                }
                p { a href="/web/admin/#export" { (page.t("web-back", &[])) } }
            },
        );
        return Ok((StatusCode::BAD_REQUEST, body).into_response());
    };
    let rows = page
        .bot
        .export_rows(&page.viewer.org, from, to)
        .await
        .map_err(|e| WebError::internal(&page, e))?;
    let mut writer = csv::Writer::from_writer(Vec::new());
    for row in &rows {
        writer
            .serialize(row)
            .map_err(|e| WebError::internal(&page, e))?;
    }
    let bytes = writer
        .into_inner()
        .map_err(|e| WebError::internal(&page, anyhow::anyhow!("{e}")))?;
    let file = format!(
        "attachment; filename=\"ambassador-export-{}.csv\"",
        page.bot.now().format("%Y-%m-%d")
    );
    Ok((
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8".to_string()),
            (header::CONTENT_DISPOSITION, file),
        ],
        bytes,
    )
        .into_response())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_empty_date_is_no_bound_and_a_date_is_its_midnight_utc() {
        assert_eq!(bound(""), Ok(None));
        assert_eq!(bound("  "), Ok(None));
        let d = bound("2026-03-01").expect("a date").expect("a bound");
        assert_eq!(d.to_rfc3339(), "2026-03-01T00:00:00+00:00");
    }

    #[test]
    fn anything_else_in_a_date_field_is_refused() {
        assert_eq!(bound("yesterday"), Err(()));
        assert_eq!(bound("2026-02-30"), Err(()));
    }
}
