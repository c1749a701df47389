//! Loading the org chart: `ambassador org import`, `console --import` and the demo seed.

use chrono::{DateTime, Utc};

use crate::config::Config;
use crate::core::directory::Org;
use crate::core::directory::import::{ImportProblem, ProblemKind, parse_org_chart};
use crate::core::invocation::LOCAL_PLATFORM;
use crate::core::locale::Locale;
use crate::i18n::I18n;
use crate::store::{Db, ImportSummary};

/// Why an import changed nothing.
#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    /// The file has problems; each has a line number.
    #[error("the org chart has {} problem(s)", .0.len())]
    Invalid(Vec<ImportProblem>),
    /// The database failed; the transaction was rolled back.
    #[error(transparent)]
    Store(#[from] crate::store::StoreError),
}

/// Validates a whole CSV file and applies it in one transaction, or changes nothing.
pub async fn import_org_chart(
    store: &dyn Db,
    config: &Config,
    org: &Org,
    csv_text: &str,
    now: DateTime<Utc>,
) -> Result<ImportSummary, ImportError> {
    let existing = store.emails(org.id).await?;
    let chart = parse_org_chart(csv_text, &existing, config.org_timezone, config.org_locale)
        .map_err(ImportError::Invalid)?;
    let handles_are_ids = org.platform == LOCAL_PLATFORM.as_str();
    Ok(store
        .apply_org_chart(org.id, &chart, handles_are_ids, now)
        .await?)
}

/// One import problem in words, in the admin's language.
pub fn describe_problem(i18n: &I18n, locale: Locale, problem: &ImportProblem) -> String {
    let t = |key: &str, args: &[crate::i18n::Arg<'_>]| i18n.tr(locale, key, args);
    let text = match &problem.kind {
        ProblemKind::Empty => t("import-problem-empty", &[]),
        ProblemKind::Unreadable(detail) => t(
            "import-problem-unreadable",
            &[("detail", detail.clone().into())],
        ),
        ProblemKind::MissingColumn(c) => t(
            "import-problem-missing-column",
            &[("column", c.clone().into())],
        ),
        ProblemKind::BadEmail(e) => t("import-problem-bad-email", &[("email", e.clone().into())]),
        ProblemKind::DuplicateEmail { email, first_line } => t(
            "import-problem-duplicate-email",
            &[
                ("email", email.clone().into()),
                ("first", (*first_line).into()),
            ],
        ),
        ProblemKind::DuplicateHandle { handle, first_line } => t(
            "import-problem-duplicate-handle",
            &[
                ("handle", handle.clone().into()),
                ("first", (*first_line).into()),
            ],
        ),
        ProblemKind::Blank(c) => t("import-problem-blank", &[("column", c.clone().into())]),
        ProblemKind::BadDepartment(d) => t(
            "import-problem-bad-department",
            &[("department", d.clone().into())],
        ),
        ProblemKind::UnknownManager(e) => t(
            "import-problem-unknown-manager",
            &[("email", e.clone().into())],
        ),
        ProblemKind::OwnManager => t("import-problem-own-manager", &[]),
        ProblemKind::ManagerCycle(e) => t(
            "import-problem-manager-cycle",
            &[("email", e.clone().into())],
        ),
        ProblemKind::BadTimezone(z) => t(
            "import-problem-bad-timezone",
            &[("timezone", z.clone().into())],
        ),
        ProblemKind::BadLocale(l) => t(
            "import-problem-bad-locale",
            &[
                ("locale", l.clone().into()),
                ("supported", Locale::supported_list().into()),
            ],
        ),
        ProblemKind::BadDiscordId(id) => t(
            "import-problem-bad-discord-id",
            &[("id", id.clone().into())],
        ),
        ProblemKind::DuplicateDiscordId { id, first_line } => t(
            "import-problem-duplicate-discord-id",
            &[("id", id.clone().into()), ("first", (*first_line).into())],
        ),
        ProblemKind::BadFlag { column, value } => t(
            "import-problem-bad-flag",
            &[
                ("column", column.clone().into()),
                ("value", value.clone().into()),
            ],
        ),
    };
    t(
        "import-line",
        &[("line", problem.line.into()), ("problem", text.into())],
    )
}
