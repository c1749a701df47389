//! The question bank: the built-in questions every organisation starts with, and the admin's
//! own questions from config merged on top.
//!
//! Agreement drivers are asked as statements on the 1-5 agree scale; eNPS is the one question
//! on the 0-10 scale. Every built-in text exists in every [`Locale`], written so that nobody has
//! to pick a grammatical gender to answer it.

use std::collections::{BTreeMap, BTreeSet};

use super::{Driver, Question, Scale};
use crate::core::locale::Locale;

/// One built-in question as written: id, driver, and the English, Greek and Polish text.
type Entry = (
    &'static str,
    Driver,
    &'static str,
    &'static str,
    &'static str,
);

/// The built-in questions. Ids are `<driver>-<n>` and must never be reused for a different
/// meaning, because stored answers refer to them.
const BUILTIN: &[Entry] = &[
    // Recognition
    (
        "recognition-1",
        Driver::Recognition,
        "I get recognition when I do good work.",
        "Όταν κάνω καλή δουλειά, αυτό αναγνωρίζεται.",
        "Gdy dobrze wykonuję swoją pracę, jest to doceniane.",
    ),
    (
        "recognition-2",
        Driver::Recognition,
        "When I go the extra mile for a customer, it gets noticed.",
        "Όταν κάνω κάτι παραπάνω για έναν πελάτη, αυτό γίνεται αντιληπτό.",
        "Gdy robię dla klienta więcej, niż muszę, zostaje to zauważone.",
    ),
    (
        "recognition-3",
        Driver::Recognition,
        "Here, recognition goes to the work that matters most to our customers.",
        "Εδώ αναγνωρίζεται η δουλειά που έχει τη μεγαλύτερη σημασία για τους πελάτες μας.",
        "Docenia się tu tę pracę, która najbardziej liczy się dla naszych klientów.",
    ),
    // Feedback
    (
        "feedback-1",
        Driver::Feedback,
        "I get useful feedback on my work.",
        "Λαμβάνω χρήσιμη ανατροφοδότηση για τη δουλειά μου.",
        "Otrzymuję przydatną informację zwrotną na temat swojej pracy.",
    ),
    (
        "feedback-2",
        Driver::Feedback,
        "The feedback I get helps me do my job better.",
        "Η ανατροφοδότηση που λαμβάνω με βοηθά να κάνω καλύτερα τη δουλειά μου.",
        "Informacja zwrotna, którą otrzymuję, pomaga mi lepiej wykonywać swoją pracę.",
    ),
    (
        "feedback-3",
        Driver::Feedback,
        "I hear what customers think of the work I do.",
        "Μαθαίνω τι πιστεύουν οι πελάτες για τη δουλειά που κάνω.",
        "Dowiaduję się, co klienci myślą o mojej pracy.",
    ),
    // Manager: "the person I report to" keeps Greek and Polish free of a gendered noun.
    (
        "manager-1",
        Driver::Manager,
        "My manager cares about me as a person.",
        "Το άτομο στο οποίο αναφέρομαι νοιάζεται για μένα ως άνθρωπο.",
        "Osobie, której podlegam, zależy na mnie jako na człowieku.",
    ),
    (
        "manager-2",
        Driver::Manager,
        "My manager backs me up when a customer situation gets difficult.",
        "Το άτομο στο οποίο αναφέρομαι με στηρίζει όταν μια κατάσταση με πελάτη δυσκολεύει.",
        "Osoba, której podlegam, wspiera mnie, gdy sytuacja z klientem staje się trudna.",
    ),
    (
        "manager-3",
        Driver::Manager,
        "I can talk openly with my manager.",
        "Μπορώ να μιλάω ανοιχτά με το άτομο στο οποίο αναφέρομαι.",
        "Mogę otwarcie rozmawiać z osobą, której podlegam.",
    ),
    // Peers
    (
        "peers-1",
        Driver::Peers,
        "I can count on the people I work with when I need help.",
        "Μπορώ να βασιστώ στους ανθρώπους με τους οποίους δουλεύω όταν χρειάζομαι βοήθεια.",
        "Mogę liczyć na osoby, z którymi pracuję, gdy potrzebuję pomocy.",
    ),
    (
        "peers-2",
        Driver::Peers,
        "People on my team share what they know.",
        "Στην ομάδα μου μοιραζόμαστε όσα γνωρίζουμε.",
        "W moim zespole dzielimy się wiedzą.",
    ),
    (
        "peers-3",
        Driver::Peers,
        "My team works together to solve customers' problems.",
        "Στην ομάδα μου συνεργαζόμαστε για να λύνουμε τα προβλήματα των πελατών.",
        "W moim zespole współpracujemy, by rozwiązywać problemy klientów.",
    ),
    // Narrative
    (
        "narrative-1",
        Driver::Narrative,
        "I can explain what we promise our customers.",
        "Μπορώ να εξηγήσω τι υποσχόμαστε στους πελάτες μας.",
        "Potrafię wyjaśnić, co obiecujemy naszym klientom.",
    ),
    (
        "narrative-2",
        Driver::Narrative,
        "I see how my work helps us keep our promise to customers.",
        "Βλέπω πώς η δουλειά μου μας βοηθά να τηρούμε την υπόσχεσή μας προς τους πελάτες.",
        "Widzę, jak moja praca pomaga nam dotrzymywać obietnicy składanej klientom.",
    ),
    (
        "narrative-3",
        Driver::Narrative,
        "What we promise customers matches what we actually deliver.",
        "Όσα υποσχόμαστε στους πελάτες ανταποκρίνονται σε όσα πραγματικά τους προσφέρουμε.",
        "To, co obiecujemy klientom, zgadza się z tym, co faktycznie im zapewniamy.",
    ),
    // Ambassadorship
    (
        "ambassadorship-1",
        Driver::Ambassadorship,
        "I would recommend our products to a friend.",
        "Θα σύστηνα τα προϊόντα μας σε φίλους και γνωστούς.",
        "Mogę z przekonaniem polecić nasze produkty komuś bliskiemu.",
    ),
    (
        "ambassadorship-2",
        Driver::Ambassadorship,
        "I am proud to represent us to customers.",
        "Νιώθω περηφάνια όταν εκπροσωπώ την εταιρεία μας απέναντι στους πελάτες.",
        "Z dumą reprezentuję naszą firmę wobec klientów.",
    ),
    (
        "ambassadorship-3",
        Driver::Ambassadorship,
        "I speak positively about our company outside work.",
        "Μιλάω θετικά για την εταιρεία μας και έξω από τη δουλειά.",
        "Poza pracą wypowiadam się o naszej firmie pozytywnie.",
    ),
    // Empowerment
    (
        "empowerment-1",
        Driver::Empowerment,
        "I have the freedom to do what's right for a customer.",
        "Έχω την ελευθερία να κάνω ό,τι είναι σωστό για τον πελάτη.",
        "Mam swobodę, by robić to, co jest właściwe dla klienta.",
    ),
    (
        "empowerment-2",
        Driver::Empowerment,
        "I can solve a customer's problem without waiting for approval.",
        "Μπορώ να λύσω το πρόβλημα ενός πελάτη χωρίς να περιμένω έγκριση.",
        "Mogę rozwiązać problem klienta bez czekania na czyjąś zgodę.",
    ),
    (
        "empowerment-3",
        Driver::Empowerment,
        "I have the tools and information I need to help customers.",
        "Έχω τα εργαλεία και τις πληροφορίες που χρειάζομαι για να βοηθάω τους πελάτες.",
        "Mam narzędzia i informacje, których potrzebuję, by pomagać klientom.",
    ),
    // Growth
    (
        "growth-1",
        Driver::Growth,
        "I am learning and growing in my role.",
        "Στον ρόλο μου μαθαίνω και εξελίσσομαι.",
        "W swojej roli uczę się i rozwijam.",
    ),
    (
        "growth-2",
        Driver::Growth,
        "I can see a future for myself here.",
        "Βλέπω μέλλον για τον εαυτό μου εδώ.",
        "Widzę tu dla siebie przyszłość.",
    ),
    (
        "growth-3",
        Driver::Growth,
        "I get opportunities to develop new skills.",
        "Έχω ευκαιρίες να αναπτύσσω νέες δεξιότητες.",
        "Mam możliwość rozwijania nowych umiejętności.",
    ),
    // Wellbeing
    (
        "wellbeing-1",
        Driver::Wellbeing,
        "My workload is manageable.",
        "Ο φόρτος εργασίας μου είναι διαχειρίσιμος.",
        "Moje obciążenie pracą jest rozsądne.",
    ),
    (
        "wellbeing-2",
        Driver::Wellbeing,
        "I can switch off from work when my day is done.",
        "Μπορώ να αποσυνδεθώ από τη δουλειά όταν τελειώνει η μέρα μου.",
        "Po skończonym dniu pracy potrafię się od niej odciąć.",
    ),
    (
        "wellbeing-3",
        Driver::Wellbeing,
        "I can be myself at work.",
        "Μπορώ να είμαι ο εαυτός μου στη δουλειά.",
        "W pracy mogę być sobą.",
    ),
    // Satisfaction
    (
        "satisfaction-1",
        Driver::Satisfaction,
        "Overall, I am satisfied with my job.",
        "Συνολικά, η δουλειά μου με ικανοποιεί.",
        "Ogólnie rzecz biorąc, moja praca daje mi satysfakcję.",
    ),
    (
        "satisfaction-2",
        Driver::Satisfaction,
        "I look forward to my work most days.",
        "Τις περισσότερες μέρες ξεκινάω τη δουλειά με διάθεση.",
        "W większość dni z przyjemnością zabieram się do pracy.",
    ),
    (
        "satisfaction-3",
        Driver::Satisfaction,
        "My work gives me a sense of accomplishment.",
        "Νιώθω ότι με τη δουλειά μου πετυχαίνω κάτι που αξίζει.",
        "Moja praca daje mi poczucie spełnienia.",
    ),
    // eNPS, on the 0-10 scale
    (
        "enps-1",
        Driver::Enps,
        "How likely are you to recommend our company as a place to work?",
        "Πόσο πιθανό είναι να προτείνεις την εταιρεία μας ως χώρο εργασίας;",
        "Jak bardzo prawdopodobne jest, że polecisz naszą firmę jako miejsce pracy?",
    ),
    (
        "enps-2",
        Driver::Enps,
        "How likely are you to recommend our company to a friend looking for a job?",
        "Πόσο πιθανό είναι να προτείνεις την εταιρεία μας σε ένα άτομο που γνωρίζεις και ψάχνει δουλειά;",
        "Jak bardzo prawdopodobne jest, że polecisz naszą firmę znajomej osobie, która szuka pracy?",
    ),
];

/// The scale a driver's questions must use: eNPS is 0-10 by definition, every other driver is
/// a statement on the 1-5 agree scale. Scores are only comparable if this never varies.
pub fn expected_scale(driver: Driver) -> Scale {
    match driver {
        Driver::Enps => Scale::ZeroToTen,
        _ => Scale::Agreement,
    }
}

/// The questions every organisation starts with, so pulse rounds work before an admin writes
/// a single question. Each has English, Greek and Polish text.
pub fn builtin_questions() -> Vec<Question> {
    BUILTIN
        .iter()
        .map(|&(id, driver, en, el, pl)| Question {
            id: id.to_owned(),
            driver,
            scale: expected_scale(driver),
            text: BTreeMap::from([
                (Locale::En, en.to_owned()),
                (Locale::El, el.to_owned()),
                (Locale::Pl, pl.to_owned()),
            ]),
        })
        .collect()
}

/// Why the admin's custom questions were refused, naming the question so it can be fixed in
/// config. Nothing is merged when one of these is returned.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum BankError {
    /// A custom question with an empty id: answers could not refer to it.
    #[error("a custom {driver} question has an empty id")]
    EmptyId {
        /// The driver's name, to find the question in config.
        driver: &'static str,
    },
    /// English is the fallback for every other language, so it is required.
    #[error("custom question {id} has no English text")]
    MissingEnglish {
        /// The question's id.
        id: String,
    },
    /// The scale does not fit the driver, so its answers could not be scored with the others.
    #[error("custom question {id} (driver {driver}) must use the {expected} scale")]
    WrongScale {
        /// The question's id.
        id: String,
        /// The driver's name.
        driver: &'static str,
        /// The scale the driver needs, as written in config.
        expected: &'static str,
    },
    /// Two custom questions share an id; which one answers belong to would be ambiguous.
    #[error("custom question id {id} is used more than once")]
    DuplicateId {
        /// The repeated id.
        id: String,
    },
}

/// Adds the admin's custom questions to the built-in ones. A custom question whose id equals a
/// built-in id replaces it in place (so an admin can reword or retranslate a built-in question
/// without losing its history); other custom questions are appended in config order.
///
/// Every custom question must have non-blank English text, a non-empty id used only once among
/// the custom questions, and the scale its driver needs (see [`expected_scale`]).
pub fn merge_custom(
    builtin: Vec<Question>,
    custom: Vec<Question>,
) -> Result<Vec<Question>, BankError> {
    let mut seen = BTreeSet::new();
    for question in &custom {
        validate(question)?;
        if !seen.insert(question.id.as_str()) {
            return Err(BankError::DuplicateId {
                id: question.id.clone(),
            });
        }
    }
    let mut replacements: BTreeMap<String, Question> =
        custom.iter().map(|q| (q.id.clone(), q.clone())).collect();
    let mut merged: Vec<Question> = builtin
        .into_iter()
        .map(|q| replacements.remove(&q.id).unwrap_or(q))
        .collect();
    // Whatever did not replace a built-in question is new; keep the admin's order.
    merged.extend(
        custom
            .into_iter()
            .filter(|q| replacements.contains_key(&q.id)),
    );
    Ok(merged)
}

/// Checks one custom question on its own.
fn validate(question: &Question) -> Result<(), BankError> {
    if question.id.trim().is_empty() {
        return Err(BankError::EmptyId {
            driver: question.driver.as_str(),
        });
    }
    let has_english = question
        .text
        .get(&Locale::En)
        .is_some_and(|text| !text.trim().is_empty());
    if !has_english {
        return Err(BankError::MissingEnglish {
            id: question.id.clone(),
        });
    }
    let expected = expected_scale(question.driver);
    if question.scale != expected {
        return Err(BankError::WrongScale {
            id: question.id.clone(),
            driver: question.driver.as_str(),
            expected: scale_name(expected),
        });
    }
    Ok(())
}

/// The scale's name as written in config.
fn scale_name(scale: Scale) -> &'static str {
    match scale {
        Scale::Agreement => "agreement",
        Scale::ZeroToTen => "zero-to-ten",
    }
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;

    use super::*;

    fn custom(id: &str, driver: Driver, scale: Scale, en: Option<&str>) -> Question {
        let mut text = BTreeMap::new();
        if let Some(en) = en {
            text.insert(Locale::En, en.to_owned());
        }
        text.insert(Locale::Pl, "Tekst.".to_owned());
        Question {
            id: id.to_owned(),
            driver,
            scale,
            text,
        }
    }

    #[test]
    fn every_driver_has_at_least_two_builtin_questions() {
        let bank = builtin_questions();
        for driver in Driver::ALL {
            let n = bank.iter().filter(|q| q.driver == driver).count();
            assert!(n >= 2, "{} has {n} questions", driver.as_str());
        }
    }

    #[test]
    fn every_builtin_question_has_text_in_every_locale() {
        for question in builtin_questions() {
            for locale in Locale::ALL {
                let text = question.text.get(&locale).map(|t| t.trim());
                assert!(
                    text.is_some_and(|t| !t.is_empty()),
                    "{} has no {locale} text",
                    question.id
                );
            }
        }
    }

    #[test]
    fn builtin_ids_are_unique_and_name_their_driver() {
        let bank = builtin_questions();
        let ids: BTreeSet<&str> = bank.iter().map(|q| q.id.as_str()).collect();
        assert_eq!(ids.len(), bank.len());
        for q in &bank {
            let prefix = format!("{}-", q.driver.as_str());
            assert!(q.id.starts_with(&prefix), "{} is not {prefix}<n>", q.id);
        }
    }

    #[test]
    fn enps_uses_zero_to_ten_and_every_other_driver_agreement() {
        for q in builtin_questions() {
            let want = if q.driver == Driver::Enps {
                Scale::ZeroToTen
            } else {
                Scale::Agreement
            };
            assert_eq!(q.scale, want, "{}", q.id);
        }
    }

    #[test]
    fn agreement_statements_are_statements_and_enps_a_question() {
        for q in builtin_questions() {
            for (locale, text) in &q.text {
                let is_question = text.ends_with('?') || text.ends_with(';');
                let want = q.driver == Driver::Enps;
                assert_eq!(is_question, want, "{} ({locale}): {text}", q.id);
            }
        }
    }

    #[test]
    fn the_customer_questions_the_product_promises_are_there() {
        let bank = builtin_questions();
        let has = |driver: Driver, en: &str| {
            bank.iter()
                .any(|q| q.driver == driver && q.text_for(Locale::En) == en)
        };
        assert!(has(
            Driver::Narrative,
            "I can explain what we promise our customers."
        ));
        assert!(has(
            Driver::Ambassadorship,
            "I would recommend our products to a friend."
        ));
        assert!(has(
            Driver::Ambassadorship,
            "I am proud to represent us to customers."
        ));
        assert!(has(
            Driver::Empowerment,
            "I have the freedom to do what's right for a customer."
        ));
        assert!(has(
            Driver::Enps,
            "How likely are you to recommend our company as a place to work?"
        ));
    }

    #[test]
    fn custom_questions_are_appended_in_config_order() {
        let builtin = builtin_questions();
        let n = builtin.len();
        let a = custom("ours-b", Driver::Growth, Scale::Agreement, Some("B."));
        let b = custom("ours-a", Driver::Peers, Scale::Agreement, Some("A."));
        let merged = merge_custom(builtin, vec![a.clone(), b.clone()]).expect("valid");
        assert_eq!(merged.len(), n + 2);
        assert_eq!(merged[n..], [a, b]);
    }

    #[test]
    fn a_custom_question_with_a_builtin_id_replaces_it_in_place() {
        let builtin = builtin_questions();
        let position = builtin
            .iter()
            .position(|q| q.id == "growth-2")
            .expect("growth-2 is built in");
        let reworded = custom(
            "growth-2",
            Driver::Growth,
            Scale::Agreement,
            Some("I see a path forward here."),
        );
        let merged = merge_custom(builtin.clone(), vec![reworded.clone()]).expect("valid");
        assert_eq!(merged.len(), builtin.len());
        assert_eq!(merged[position], reworded);
        assert_eq!(merged.iter().filter(|q| q.id == "growth-2").count(), 1);
    }

    #[test]
    fn a_custom_question_without_english_is_refused_by_id() {
        for en in [None, Some("  ")] {
            let q = custom("ours-1", Driver::Peers, Scale::Agreement, en);
            let err = merge_custom(builtin_questions(), vec![q]).expect_err("no English");
            assert_eq!(
                err,
                BankError::MissingEnglish {
                    id: "ours-1".into()
                }
            );
            assert!(err.to_string().contains("ours-1"));
        }
    }

    #[test]
    fn a_custom_question_on_the_wrong_scale_is_refused_by_id() {
        let enps = custom("ours-enps", Driver::Enps, Scale::Agreement, Some("Q?"));
        let err = merge_custom(builtin_questions(), vec![enps]).expect_err("wrong scale");
        assert_eq!(
            err.to_string(),
            "custom question ours-enps (driver enps) must use the zero-to-ten scale"
        );
        let peers = custom("ours-peers", Driver::Peers, Scale::ZeroToTen, Some("S."));
        let err = merge_custom(builtin_questions(), vec![peers]).expect_err("wrong scale");
        assert!(matches!(err, BankError::WrongScale { ref id, .. } if id == "ours-peers"));
        assert!(err.to_string().contains("agreement"));
    }

    #[test]
    fn repeated_or_empty_custom_ids_are_refused() {
        let q = custom("ours-1", Driver::Peers, Scale::Agreement, Some("S."));
        let err = merge_custom(builtin_questions(), vec![q.clone(), q]).expect_err("twice");
        assert_eq!(
            err,
            BankError::DuplicateId {
                id: "ours-1".into()
            }
        );
        let blank = custom(" ", Driver::Peers, Scale::Agreement, Some("S."));
        let err = merge_custom(builtin_questions(), vec![blank]).expect_err("empty id");
        assert_eq!(err, BankError::EmptyId { driver: "peers" });
    }
}
