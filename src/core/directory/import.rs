//! Validating an org-chart CSV before a single row is written.
//!
//! The header is `email,name,department,manager_email,timezone,locale,admin` with an optional
//! `active` column. Every problem in the file is collected with its line number, so an admin can
//! fix the file in one go; only a file with no problems becomes an [`OrgChart`] to apply.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use chrono_tz::Tz;

use super::tree::{Member, ancestors_and_self, department_heads};
use crate::core::locale::Locale;

/// The columns an org-chart CSV must have, in any order.
pub const REQUIRED_COLUMNS: [&str; 7] = [
    "email",
    "name",
    "department",
    "manager_email",
    "timezone",
    "locale",
    "admin",
];

/// One valid person row.
#[derive(Debug, Clone, PartialEq)]
pub struct ChartRow {
    /// The line in the file, for messages.
    pub line: usize,
    /// Lower-cased email.
    pub email: String,
    /// The part of the email before `@`.
    pub handle: String,
    /// Display name.
    pub name: String,
    /// Department path (`Operations/Support`).
    pub department: String,
    /// Lower-cased manager email, if any.
    pub manager_email: Option<String>,
    /// IANA time zone.
    pub timezone: Tz,
    /// The file wrote a time zone (a blank cell took the org default). A written one outranks
    /// the chat platform's; a blank one lets the platform's through.
    pub timezone_given: bool,
    /// Language.
    pub locale: Locale,
    /// The file wrote a language; as for `timezone_given`.
    pub locale_given: bool,
    /// Administrator flag.
    pub admin: bool,
    /// Active flag (`active` column, default true).
    pub active: bool,
    /// The person's Discord user id (optional `discord_id` column): links them to their
    /// Discord account directly, whatever their username.
    pub discord_id: Option<String>,
}

/// A whole valid file, ready to apply in one transaction.
#[derive(Debug, Clone, PartialEq)]
pub struct OrgChart {
    /// The people, in file order.
    pub rows: Vec<ChartRow>,
    /// Every department path, parents before children.
    pub departments: Vec<String>,
    /// Who leads each department (path → email).
    pub heads: BTreeMap<String, String>,
}

/// One problem in the file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportProblem {
    /// 1-based line number in the file (the header is line 1).
    pub line: usize,
    /// What is wrong.
    pub kind: ProblemKind,
}

/// What can be wrong with a line; rendered in the admin's language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ProblemKind {
    /// The file is empty.
    Empty,
    /// The CSV itself is broken (unbalanced quotes, wrong field count).
    Unreadable(String),
    /// A required column is missing from the header.
    MissingColumn(String),
    /// The email is not `name@domain`.
    BadEmail(String),
    /// The same email appears twice.
    DuplicateEmail {
        /// The email.
        email: String,
        /// Where it appeared first.
        first_line: usize,
    },
    /// Two emails share the part before `@`, which is the console handle.
    DuplicateHandle {
        /// The handle.
        handle: String,
        /// Where it appeared first.
        first_line: usize,
    },
    /// A required field is blank.
    Blank(String),
    /// A department path with an empty segment (`Ops//Support`).
    BadDepartment(String),
    /// The manager is neither in the file nor already in the directory.
    UnknownManager(String),
    /// A person is their own manager.
    OwnManager,
    /// Managers form a loop.
    ManagerCycle(String),
    /// Not an IANA time zone.
    BadTimezone(String),
    /// Not a supported locale.
    BadLocale(String),
    /// Not a Discord user id (17 to 20 digits).
    BadDiscordId(String),
    /// The same Discord user id appears twice.
    DuplicateDiscordId {
        /// The id.
        id: String,
        /// Where it appeared first.
        first_line: usize,
    },
    /// Not a yes/no value.
    BadFlag {
        /// The column.
        column: String,
        /// What was written.
        value: String,
    },
}

/// Reads and validates a whole org-chart file.
///
/// `existing_emails` are people already in the directory, who may be named as managers without
/// appearing in the file. Blank time zones and locales take the org's defaults.
pub fn parse_org_chart(
    csv_text: &str,
    existing_emails: &BTreeSet<String>,
    default_tz: Tz,
    default_locale: Locale,
) -> Result<OrgChart, Vec<ImportProblem>> {
    // Spreadsheets saving "CSV UTF-8" (Excel) start the file with a byte-order mark, which
    // would otherwise become part of the first column's name.
    let csv_text = csv_text.strip_prefix('\u{feff}').unwrap_or(csv_text);
    let mut problems = Vec::new();
    let mut reader = csv::ReaderBuilder::new()
        .trim(csv::Trim::All)
        .flexible(false)
        .from_reader(csv_text.as_bytes());
    let header: Vec<String> = match reader.headers() {
        Ok(h) => h.iter().map(|c| c.to_ascii_lowercase()).collect(),
        Err(e) => {
            return Err(vec![ImportProblem {
                line: 1,
                kind: ProblemKind::Unreadable(e.to_string()),
            }]);
        }
    };
    if header.iter().all(|h| h.is_empty()) {
        return Err(vec![ImportProblem {
            line: 1,
            kind: ProblemKind::Empty,
        }]);
    }
    let column = |name: &str| header.iter().position(|h| h == name);
    for required in REQUIRED_COLUMNS {
        if column(required).is_none() {
            problems.push(ImportProblem {
                line: 1,
                kind: ProblemKind::MissingColumn(required.to_string()),
            });
        }
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    let idx = |name: &str| column(name).unwrap_or(usize::MAX);
    let active_idx = column("active");
    let discord_idx = column("discord_id");
    let mut seen_discord: HashMap<String, usize> = HashMap::new();

    let mut rows = Vec::new();
    let mut seen_email: HashMap<String, usize> = HashMap::new();
    let mut seen_handle: HashMap<String, usize> = HashMap::new();
    for record in reader.records() {
        let record = match record {
            Ok(r) => r,
            Err(e) => {
                let line = e.position().map(|p| p.line() as usize).unwrap_or(0);
                problems.push(ImportProblem {
                    line,
                    kind: ProblemKind::Unreadable(e.to_string()),
                });
                continue;
            }
        };
        let line = record.position().map(|p| p.line() as usize).unwrap_or(0);
        if record.iter().all(str::is_empty) {
            continue;
        }
        let get = |name: &str| record.get(idx(name)).unwrap_or("").to_string();
        let mut bad = |kind| problems.push(ImportProblem { line, kind });

        let email = get("email").to_lowercase();
        let handle = match email.split_once('@') {
            Some((local, domain))
                if !local.is_empty()
                    && domain.contains('.')
                    && !domain.contains('@')
                    && !email.contains(char::is_whitespace) =>
            {
                local.to_string()
            }
            _ => {
                bad(ProblemKind::BadEmail(email.clone()));
                String::new()
            }
        };
        if !handle.is_empty() {
            if let Some(first) = seen_email.get(&email) {
                bad(ProblemKind::DuplicateEmail {
                    email: email.clone(),
                    first_line: *first,
                });
            } else if let Some(first) = seen_handle.get(&handle) {
                bad(ProblemKind::DuplicateHandle {
                    handle: handle.clone(),
                    first_line: *first,
                });
            }
            seen_email.entry(email.clone()).or_insert(line);
            seen_handle.entry(handle.clone()).or_insert(line);
        }
        let name = get("name");
        if name.is_empty() {
            bad(ProblemKind::Blank("name".into()));
        }
        let department = get("department");
        if department.is_empty() {
            bad(ProblemKind::Blank("department".into()));
        } else if department.split('/').any(|s| s.trim().is_empty()) {
            bad(ProblemKind::BadDepartment(department.clone()));
        }
        let department = department
            .split('/')
            .map(str::trim)
            .collect::<Vec<_>>()
            .join("/");
        let manager_email = Some(get("manager_email").to_lowercase()).filter(|m| !m.is_empty());
        if manager_email.as_deref() == Some(email.as_str()) && !email.is_empty() {
            bad(ProblemKind::OwnManager);
        }
        let tz_text = get("timezone");
        let timezone = if tz_text.is_empty() {
            default_tz
        } else {
            tz_text.parse::<Tz>().unwrap_or_else(|_| {
                bad(ProblemKind::BadTimezone(tz_text.clone()));
                default_tz
            })
        };
        let locale_text = get("locale");
        let locale = if locale_text.is_empty() {
            default_locale
        } else {
            Locale::parse(&locale_text).unwrap_or_else(|| {
                bad(ProblemKind::BadLocale(locale_text.clone()));
                default_locale
            })
        };
        let admin = parse_flag(&get("admin"), false).unwrap_or_else(|| {
            bad(ProblemKind::BadFlag {
                column: "admin".into(),
                value: get("admin"),
            });
            false
        });
        let active_text = active_idx
            .and_then(|i| record.get(i))
            .unwrap_or("")
            .to_string();
        let active = parse_flag(&active_text, true).unwrap_or_else(|| {
            bad(ProblemKind::BadFlag {
                column: "active".into(),
                value: active_text.clone(),
            });
            true
        });
        let discord_text = discord_idx
            .and_then(|i| record.get(i))
            .unwrap_or("")
            .to_string();
        let discord_id = if discord_text.is_empty() {
            None
        } else if (17..=20).contains(&discord_text.len())
            && discord_text.chars().all(|c| c.is_ascii_digit())
        {
            if let Some(first) = seen_discord.get(&discord_text) {
                bad(ProblemKind::DuplicateDiscordId {
                    id: discord_text.clone(),
                    first_line: *first,
                });
            }
            seen_discord.entry(discord_text.clone()).or_insert(line);
            Some(discord_text)
        } else {
            bad(ProblemKind::BadDiscordId(discord_text));
            None
        };
        rows.push(ChartRow {
            line,
            discord_id,
            email,
            handle,
            name,
            department,
            manager_email,
            timezone,
            timezone_given: !tz_text.is_empty(),
            locale,
            locale_given: !locale_text.is_empty(),
            admin,
            active,
        });
    }
    if rows.is_empty() && problems.is_empty() {
        problems.push(ImportProblem {
            line: 1,
            kind: ProblemKind::Empty,
        });
    }

    // Managers must exist, and must not form a loop.
    let in_file: BTreeMap<&str, &ChartRow> = rows.iter().map(|r| (r.email.as_str(), r)).collect();
    for row in &rows {
        let Some(mgr) = row.manager_email.as_deref() else {
            continue;
        };
        if mgr == row.email {
            continue;
        }
        if !in_file.contains_key(mgr) && !existing_emails.contains(mgr) {
            problems.push(ImportProblem {
                line: row.line,
                kind: ProblemKind::UnknownManager(mgr.to_string()),
            });
            continue;
        }
        let mut seen = BTreeSet::from([row.email.as_str()]);
        let mut cursor = Some(mgr);
        while let Some(current) = cursor {
            if !seen.insert(current) {
                problems.push(ImportProblem {
                    line: row.line,
                    kind: ProblemKind::ManagerCycle(row.email.clone()),
                });
                break;
            }
            cursor = in_file
                .get(current)
                .and_then(|r| r.manager_email.as_deref());
        }
    }

    if !problems.is_empty() {
        problems.sort_by_key(|p| p.line);
        return Err(problems);
    }

    let mut departments: Vec<String> = rows
        .iter()
        .flat_map(|r| ancestors_and_self(&r.department))
        .collect::<BTreeSet<_>>()
        .into_iter()
        .collect();
    departments.sort_by_key(|p| (p.matches('/').count(), p.clone()));
    let members: Vec<Member<'_>> = rows
        .iter()
        .map(|r| Member {
            email: &r.email,
            department: &r.department,
            manager_email: r.manager_email.as_deref(),
        })
        .collect();
    let heads = department_heads(&members);
    Ok(OrgChart {
        rows,
        departments,
        heads,
    })
}

fn parse_flag(text: &str, blank: bool) -> Option<bool> {
    match text.to_ascii_lowercase().as_str() {
        "" => Some(blank),
        "true" | "yes" | "y" | "1" => Some(true),
        "false" | "no" | "n" | "0" => Some(false),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const HEADER: &str = "email,name,department,manager_email,timezone,locale,admin\n";

    fn parse(body: &str) -> Result<OrgChart, Vec<ImportProblem>> {
        parse_org_chart(
            &format!("{HEADER}{body}"),
            &BTreeSet::new(),
            chrono_tz::UTC,
            Locale::En,
        )
    }

    #[test]
    fn a_valid_file_yields_people_departments_and_heads() {
        let chart = parse(
            "sam@acme.io,Sam,Operations/Support,,Europe/Athens,el,yes\n\
             ana@acme.io,Ana,Operations/Support,sam@acme.io,,,\n",
        )
        .expect("valid");
        assert_eq!(chart.rows.len(), 2);
        assert_eq!(chart.rows[1].timezone, chrono_tz::UTC);
        assert!(chart.rows[0].timezone_given && chart.rows[0].locale_given);
        assert!(!chart.rows[1].timezone_given && !chart.rows[1].locale_given);
        assert_eq!(chart.departments, vec!["Operations", "Operations/Support"]);
        assert_eq!(chart.heads["Operations/Support"], "sam@acme.io");
    }

    #[test]
    fn a_byte_order_mark_before_the_header_is_ignored() {
        let chart = parse_org_chart(
            &format!("\u{feff}{HEADER}sam@acme.io,Sam,Support,,,,no\n"),
            &BTreeSet::new(),
            chrono_tz::UTC,
            Locale::En,
        )
        .expect("valid");
        assert_eq!(chart.rows[0].email, "sam@acme.io");
    }

    #[test]
    fn every_bad_line_is_reported_with_its_number() {
        let problems = parse(
            "not-an-email,X,Ops,,UTC,en,no\n\
             ana@acme.io,Ana,Ops,ghost@acme.io,Mars/Base,xx,maybe\n\
             ana@acme.io,Ana2,Ops,,,,\n",
        )
        .expect_err("invalid");
        let lines: Vec<(usize, &ProblemKind)> =
            problems.iter().map(|p| (p.line, &p.kind)).collect();
        assert!(lines.contains(&(2, &ProblemKind::BadEmail("not-an-email".into()))));
        assert!(lines.contains(&(3, &ProblemKind::BadTimezone("Mars/Base".into()))));
        assert!(lines.contains(&(3, &ProblemKind::BadLocale("xx".into()))));
        assert!(lines.contains(&(
            3,
            &ProblemKind::BadFlag {
                column: "admin".into(),
                value: "maybe".into()
            }
        )));
        assert!(lines.contains(&(3, &ProblemKind::UnknownManager("ghost@acme.io".into()))));
        assert!(lines.contains(&(
            4,
            &ProblemKind::DuplicateEmail {
                email: "ana@acme.io".into(),
                first_line: 3
            }
        )));
    }

    #[test]
    fn a_missing_column_is_named() {
        let problems = parse_org_chart(
            "email,name\nana@acme.io,Ana\n",
            &BTreeSet::new(),
            chrono_tz::UTC,
            Locale::En,
        )
        .expect_err("invalid");
        assert!(problems.contains(&ImportProblem {
            line: 1,
            kind: ProblemKind::MissingColumn("department".into())
        }));
    }

    #[test]
    fn a_management_loop_is_refused() {
        let problems = parse(
            "a@acme.io,A,Ops,b@acme.io,,,\n\
             b@acme.io,B,Ops,a@acme.io,,,\n",
        )
        .expect_err("invalid");
        assert!(
            problems
                .iter()
                .any(|p| matches!(p.kind, ProblemKind::ManagerCycle(_)))
        );
    }

    #[test]
    fn a_manager_already_in_the_directory_may_be_named() {
        let existing = BTreeSet::from(["boss@acme.io".to_string()]);
        let chart = parse_org_chart(
            &format!("{HEADER}ana@acme.io,Ana,Ops,boss@acme.io,,,\n"),
            &existing,
            chrono_tz::UTC,
            Locale::En,
        );
        assert!(chart.is_ok());
    }
}
