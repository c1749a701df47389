//! The question bank: the built-in questions every organisation starts with.
//!
//! Agreement drivers are asked as statements on the 1-5 agree scale; eNPS is the one question
//! on the 0-10 scale. Every built-in text exists in every [`Locale`], written so that nobody has
//! to pick a grammatical gender to answer it.

use std::collections::BTreeMap;

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

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;

    use super::*;

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
}
