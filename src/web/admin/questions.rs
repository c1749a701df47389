//! `/web/admin/questions`: the question bank by driver, each question in the admin's language
//! with its other languages, which are built in and which come from `pulse.custom_questions`,
//! and how to add one.
//!
//! Read-only: custom questions live in the configuration, where pulse selection reads them at
//! start-up; storing them in the database would change how every round picks its questions.

use std::collections::BTreeSet;

use maud::{Markup, html};

use super::{Admin, Section, frame, language_name};
use crate::core::locale::Locale;
use crate::core::pulse::bank::builtin_questions;
use crate::core::pulse::{Driver, Question, Scale};
use crate::web::layout::{RegionName, scroll_region};
use crate::web::{Page, WebError};

/// Where a question of the bank comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Origin {
    /// Shipped with ambassador.
    BuiltIn,
    /// A built-in question the admins reworded in config (same id, so the same history).
    Reworded,
    /// The admins' own.
    Custom,
}

/// Where `question` comes from, given the built-in ids and the custom ids of the config.
fn origin(question: &Question, builtin: &BTreeSet<String>, custom: &BTreeSet<String>) -> Origin {
    match (
        builtin.contains(&question.id),
        custom.contains(&question.id),
    ) {
        (true, true) => Origin::Reworded,
        (false, _) => Origin::Custom,
        (true, false) => Origin::BuiltIn,
    }
}

/// How the config asks for a custom question (the format `[[pulse.custom_questions]]` takes).
const EXAMPLE: &str = "[[pulse.custom_questions]]
id = \"tools-1\"
driver = \"empowerment\"
scale = \"agreement\"
text = { en = \"I have the tools I need to help customers.\", el = \"…\", pl = \"…\" }";

/// `GET /web/admin/questions`.
pub(super) async fn page(Admin(page): Admin) -> Result<Markup, WebError> {
    let config = page.bot.config();
    let bank = page.bot.questions();
    let builtin: BTreeSet<String> = builtin_questions().into_iter().map(|q| q.id).collect();
    let custom: BTreeSet<String> = config
        .settings
        .pulse
        .custom_questions
        .iter()
        .map(|q| q.id.clone())
        .collect();
    let own = bank
        .iter()
        .filter(|q| origin(q, &builtin, &custom) == Origin::Custom)
        .count();
    Ok(frame(
        &page,
        Section::Questions,
        html! {
            p {
                (page.t("web-admin-questions-summary", &[
                    ("count", bank.len().into()),
                    ("builtin", (bank.len() - own).into()),
                    ("custom", own.into()),
                    ("per_round", config.settings.pulse.questions_per_round.into()),
                ]))
            }
            h2 { (page.t("web-admin-questions-bank", &[])) }
            @for driver in Driver::ALL {
                @let questions: Vec<&Question> = bank.iter().filter(|q| q.driver == driver).collect();
                @if !questions.is_empty() {
                    (driver_table(&page, driver, &questions, &builtin, &custom))
                }
            }
            h2 #adding { (page.t("web-admin-questions-adding", &[])) }
            p { (page.t("web-admin-questions-adding-how", &[])) }
            pre.example { code { (EXAMPLE) } }
            p.note { (page.t("web-admin-questions-read-only", &[])) }
        },
    ))
}

fn driver_table(
    page: &Page,
    driver: Driver,
    questions: &[&Question],
    builtin: &BTreeSet<String>,
    custom: &BTreeSet<String>,
) -> Markup {
    let heading = format!("driver-{}", driver.as_str());
    let others: Vec<Locale> = Locale::ALL
        .into_iter()
        .filter(|l| *l != page.locale)
        .collect();
    html! {
        h3 id=(heading) { (driver_name(page, driver)) }
        (scroll_region(RegionName::LabelledBy(&heading), html! {
            table.questions aria-labelledby=(heading) {
                thead {
                    tr {
                        th scope="col" { (page.t("web-admin-questions-id", &[])) }
                        th scope="col" { (page.t("web-admin-questions-text", &[])) }
                        th scope="col" { (page.t("web-admin-questions-other-languages", &[])) }
                        th scope="col" { (page.t("web-admin-questions-scale", &[])) }
                        th scope="col" { (page.t("web-admin-questions-origin", &[])) }
                    }
                }
                tbody {
                    @for q in questions {
                        tr {
                            th scope="row" { code { (q.id) } }
                            td lang=(q.text.get(&page.locale).map_or("en", |_| page.locale.code())) {
                                (q.text_for(page.locale))
                            }
                            td {
                                @for l in &others {
                                    p.translation {
                                        span.lang-name { (language_name(page, *l)) ": " }
                                        @match q.text.get(l) {
                                            Some(text) => span lang=(l.code()) { (text) },
                                            None => span.muted { (page.t("web-admin-questions-falls-back", &[])) },
                                        }
                                    }
                                }
                            }
                            td { (scale_name(page, q.scale)) }
                            td {
                                @match origin(q, builtin, custom) {
                                    Origin::BuiltIn => (page.t("web-admin-questions-builtin", &[])),
                                    Origin::Reworded => (page.t("web-admin-questions-reworded", &[])),
                                    Origin::Custom => strong { (page.t("web-admin-questions-custom", &[])) },
                                }
                            }
                        }
                    }
                }
            }
        }))
    }
}

fn scale_name(page: &Page, scale: Scale) -> String {
    match scale {
        Scale::Agreement => page.t("web-admin-scale-agreement", &[]),
        Scale::ZeroToTen => page.t("web-admin-scale-zero-to-ten", &[]),
    }
}

/// A driver's name in the admin's language (the names chat's digests use).
fn driver_name(page: &Page, driver: Driver) -> String {
    match driver {
        Driver::Recognition => page.t("driver-recognition", &[]),
        Driver::Feedback => page.t("driver-feedback", &[]),
        Driver::Manager => page.t("driver-manager", &[]),
        Driver::Peers => page.t("driver-peers", &[]),
        Driver::Narrative => page.t("driver-narrative", &[]),
        Driver::Ambassadorship => page.t("driver-ambassadorship", &[]),
        Driver::Empowerment => page.t("driver-empowerment", &[]),
        Driver::Growth => page.t("driver-growth", &[]),
        Driver::Wellbeing => page.t("driver-wellbeing", &[]),
        Driver::Satisfaction => page.t("driver-satisfaction", &[]),
        Driver::Enps => page.t("driver-enps", &[]),
    }
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use super::*;

    fn question(id: &str) -> Question {
        Question {
            id: id.into(),
            driver: Driver::Empowerment,
            scale: Scale::Agreement,
            text: BTreeMap::from([(Locale::En, "Text".into())]),
        }
    }

    #[test]
    fn a_question_is_built_in_reworded_or_custom_by_its_id() {
        let builtin = BTreeSet::from(["growth-1".to_string()]);
        let custom = BTreeSet::from(["growth-1".to_string(), "tools-1".to_string()]);
        assert_eq!(
            origin(&question("growth-1"), &builtin, &BTreeSet::new()),
            Origin::BuiltIn
        );
        assert_eq!(
            origin(&question("growth-1"), &builtin, &custom),
            Origin::Reworded
        );
        assert_eq!(
            origin(&question("tools-1"), &builtin, &custom),
            Origin::Custom
        );
    }

    #[test]
    fn the_example_is_a_custom_question_the_config_accepts() {
        #[derive(serde::Deserialize)]
        struct Pulse {
            custom_questions: Vec<Question>,
        }
        #[derive(serde::Deserialize)]
        struct File {
            pulse: Pulse,
        }
        let file: File = toml::from_str(EXAMPLE).expect("the example parses");
        assert_eq!(file.pulse.custom_questions[0].driver, Driver::Empowerment);
    }
}
