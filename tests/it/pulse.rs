//! Pulse surveys through the console, on SQLite and PostgreSQL.
//!
//! The tests start on Wednesday 2026-11-25 10:00 UTC. The default schedule is Mondays 10:00 in
//! each person's zone, so on Monday 30 November Tokyo is asked at 01:00 UTC, Athens at 08:00,
//! Warsaw at 09:00, London and Lisbon at 10:00, New York at 15:00 and Los Angeles at 18:00; the
//! round closes 72 hours after the last delivery, on Thursday 3 December at 18:00 UTC.

use ambassador::core::pulse::anonymity::respondent_key;
use ambassador::store::prelude::*;

use crate::helpers::{Backend, TestConsole};
use crate::on_both_backends;

on_both_backends!(
    each_person_is_asked_at_their_own_local_time,
    answers_by_button_and_text_can_change_until_close_and_are_refused_after,
    one_reminder_goes_only_to_people_who_have_not_answered,
    closing_a_round_erases_every_link_between_answers_and_people,
    managers_see_their_teams_only_with_small_teams_rolled_up,
    admins_start_a_round_and_see_the_response_rate_only,
    bad_typed_answers_are_explained_and_store_nothing,
);

/// The `[bN]` id of the button labelled `label` in the first button row after `after`.
fn button(output: &str, after: &str, label: &str) -> String {
    let start = output
        .find(after)
        .unwrap_or_else(|| panic!("no {after:?} in\n{output}"));
    let line = output[start..]
        .lines()
        .find(|l| l.starts_with("[b"))
        .unwrap_or_else(|| panic!("no buttons after {after:?}"));
    let token = line
        .split("   ")
        .find(|b| b.ends_with(&format!("] {label}")))
        .unwrap_or_else(|| panic!("no button {label} in {line}"));
    token[1..token.find(']').expect("]")].to_string()
}

/// Moves to Monday 30 November at `hh:mm` UTC (from the Wednesday start).
async fn advance_to_monday(c: &mut TestConsole, hours_after_midnight: i64) -> String {
    // Wednesday 10:00 + 4 days 14 hours = Monday 00:00.
    let minutes = (4 * 24 + 14 + hours_after_midnight) * 60;
    c.say(&format!("/advance {minutes}m")).await
}

async fn latest_round(c: &TestConsole) -> ambassador::store::RoundRecord {
    c.store
        .rounds(c.org.id, 1)
        .await
        .expect("rounds")
        .pop()
        .expect("a round")
}

async fn each_person_is_asked_at_their_own_local_time(backend: Backend) {
    let mut c = TestConsole::demo(backend).await;
    c.as_("olivia").await;
    let out = advance_to_monday(&mut c, 1).await;
    assert!(
        out.contains("── to @hana (direct message) ──"),
        "Tokyo at 10:00:\n{out}"
    );
    assert!(out.contains("■ Pulse check"), "{out}");
    assert!(
        !out.contains("── to @eleni"),
        "Athens is not at 10:00 yet:\n{out}"
    );
    let out = c.say("/advance 7h").await;
    assert!(out.contains("── to @eleni (direct message) ──"), "{out}");
    assert!(out.contains("Έλεγχος") || out.contains("■"), "{out}");
    assert!(!out.contains("── to @ana"), "{out}");
    let out = c.say("/advance 2h").await;
    assert!(out.contains("── to @ana (direct message) ──"), "{out}");
    assert!(
        !out.contains("── to @ben"),
        "New York is still asleep:\n{out}"
    );
    let out = c.say("/advance 5h").await;
    assert!(out.contains("── to @ben (direct message) ──"), "{out}");
    let out = c.say("/advance 3h").await;
    assert!(
        out.contains("── to @grace (direct message) ──"),
        "Los Angeles at 10:00:\n{out}"
    );
    // One round, everyone active asked exactly once, the former employee not at all.
    let round = latest_round(&c).await;
    let (invited, delivered, _) = c.store.round_progress(round.id).await.expect("progress");
    assert_eq!((invited, delivered), (30, 30));
    assert_eq!(c.store.rounds(c.org.id, 10).await.expect("rounds").len(), 1);
    assert_eq!(round.question_ids.len(), 5);
}

async fn answers_by_button_and_text_can_change_until_close_and_are_refused_after(backend: Backend) {
    let mut c = TestConsole::demo(backend).await;
    c.as_("ana").await;
    let out = advance_to_monday(&mut c, 10).await;
    assert!(out.contains("── to @ana (direct message) ──"), "{out}");
    assert!(
        out.contains("Your first pulse check: see exactly what is stored"),
        "{out}"
    );
    let round = latest_round(&c).await;
    let ana = c.person("ana").await;
    let key = respondent_key(round.secret.as_deref().expect("open"), ana.id);

    // By button: question 1, value 5.
    let b = button(&out, "── to @ana (direct message) ──", "5");
    let reply = c.say(&format!("/click {b}")).await;
    assert!(
        reply.contains("Saved 5 for question 1. 4 questions to go."),
        "{reply}"
    );
    // Changing it: the same question, another value.
    let b = button(&out, "── to @ana (direct message) ──", "2");
    c.say(&format!("/click {b}")).await;
    let mine = c
        .store
        .answers_by_key(round.id, &key)
        .await
        .expect("answers");
    assert_eq!(mine.len(), 1);
    assert_eq!(mine[&round.question_ids[0]], 2);

    // By text: all five in order (the fifth is eNPS, 0-10, in the first round of a month).
    let reply = c.say("/pulse answer 4 4 3 5 9").await;
    assert!(
        reply.contains("Thank you! All 5 answers are saved."),
        "{reply}"
    );
    let mine = c
        .store
        .answers_by_key(round.id, &key)
        .await
        .expect("answers");
    assert_eq!(mine.len(), 5);
    assert_eq!(mine[&round.question_ids[0]], 4);
    let out = c.say("/pulse").await;
    assert!(
        out.contains("You have answered everything in this round"),
        "{out}"
    );
    assert!(out.contains("Your answer: 4"), "{out}");

    // After the round closes (Thursday 18:00 UTC), answers are refused.
    c.say("/advance 4d").await;
    let reply = c.say("/pulse answer 1 1 1 1 1").await;
    assert!(
        reply.contains("This pulse round closed on 2026-12-03 18:00"),
        "{reply}"
    );
    let reply = c.say(&format!("/click {b}")).await;
    assert!(reply.contains("closed"), "{reply}");
}

async fn one_reminder_goes_only_to_people_who_have_not_answered(backend: Backend) {
    let mut c = TestConsole::demo(backend).await;
    c.as_("ana").await;
    advance_to_monday(&mut c, 10).await;
    c.say("/pulse answer 4 4 3 5 9").await;
    c.as_("sam").await;
    // 24 hours after London's delivery.
    let out = c.say("/advance 24h").await;
    assert!(out.contains("── to @sam (direct message) ──"), "{out}");
    assert!(
        out.contains("■ A gentle reminder: your pulse check is still open"),
        "{out}"
    );
    assert!(
        !out.contains("── to @ana (direct message)"),
        "Ana answered:\n{out}"
    );
    // Only one reminder each: later ones are for people in later time zones.
    let out = c.say("/advance 1d").await;
    assert!(!out.contains("── to @sam"), "{out}");
    assert!(
        out.contains("── to @ben (direct message) ──"),
        "New York's turn:\n{out}"
    );
}

async fn closing_a_round_erases_every_link_between_answers_and_people(backend: Backend) {
    let mut c = TestConsole::demo(backend).await;
    advance_to_monday(&mut c, 18).await;
    for who in ["ana", "ben", "eleni", "nikos", "zofia", "sam"] {
        let out = c.say_as(who, "/pulse answer 4 4 3 5 9").await;
        assert!(!out.contains("no open pulse"), "{who}: {out}");
    }
    c.say_as(
        "sam",
        "/pulse comment The new refund tool saves us an hour a day",
    )
    .await;
    let round = latest_round(&c).await;
    assert_eq!(c.store.linkable_answers(round.id).await.expect("count"), 30);
    c.say("/advance 4d").await;
    let round = c.store.round(round.id).await.expect("round");
    assert!(round.closed);
    assert_eq!(round.secret, None, "the round secret is erased");
    assert_eq!(c.store.linkable_answers(round.id).await.expect("count"), 0);
    let results = c
        .store
        .results(c.org.id, &[round.id])
        .await
        .expect("results");
    assert!(results.iter().any(|r| r.series == "engagement" && r.n == 6));
}

async fn managers_see_their_teams_only_with_small_teams_rolled_up(backend: Backend) {
    let mut c = TestConsole::demo(backend).await;
    advance_to_monday(&mut c, 18).await;
    // Everyone in Operations (Support 6, Logistics 5) and Engineering (Platform 4, Mobile 3).
    for who in [
        "ana",
        "ben",
        "eleni",
        "nikos",
        "zofia",
        "sam",
        "kasia",
        "piotr",
        "maria",
        "liam",
        "sipho",
        "dev",
        "grace",
        "jakub",
        "yannis",
        "hana",
        "leo",
        "agnieszka",
    ] {
        c.say_as(who, "/pulse answer 4 4 3 5 9").await;
    }
    c.say_as(
        "sam",
        "/pulse comment The new refund tool saves us an hour a day",
    )
    .await;
    c.say_as(
        "ana",
        "/kudos @dev fixed the export bug the same day Acme reported it #customer-first",
    )
    .await;
    c.say("/advance 4d").await;

    let out = c.say_as("sam", "/engagement").await;
    assert!(
        out.contains("Kudos this week: 1 given, 0 received"),
        "{out}"
    );
    assert!(
        out.contains("Recognition between departments this week\nSupport → Platform: 1"),
        "{out}"
    );
    assert!(out.contains("■ Engagement digest"), "{out}");
    assert!(out.contains("Support"), "{out}");
    assert!(out.contains("Engagement: 4.00"), "{out}");
    assert!(out.contains("Response rate: 100% (6/6)"), "{out}");
    assert!(
        out.contains("The new refund tool saves us an hour a day"),
        "{out}"
    );
    assert!(
        !out.contains("\nPlatform\n"),
        "Sam sees his own team only:\n{out}"
    );
    assert!(out.contains("[image: "), "{out}");

    // Mobile has three people: its answers count in Engineering, never on their own.
    let out = c.say_as("hana", "/engagement").await;
    assert!(
        out.contains(
            "Fewer than 5 people answered, so their answers are counted in Engineering instead."
        ),
        "{out}"
    );
    assert!(!out.contains("Engagement: "), "{out}");
    let out = c.say_as("priya", "/engagement").await;
    assert!(out.contains("Engineering"), "{out}");
    assert!(
        out.contains("Kudos this week: 0 given, 1 received"),
        "{out}"
    );
    assert!(out.contains("Response rate: 100% (7/7)"), "{out}");
    // Someone who leads nobody gets no team figures.
    let out = c.say_as("ana", "/engagement").await;
    assert!(
        out.contains("Team results are for managers and admins."),
        "{out}"
    );

    // The weekly digest arrives by itself on Monday at 09:00 in each manager's zone: from
    // Friday 4 December 18:00 UTC, 63 hours is Monday 7 December 09:00 UTC (London).
    let out = c.say_as("olivia", "/advance 63h").await;
    let to_sam = out
        .split("── to @sam (direct message) ──")
        .nth(1)
        .unwrap_or_else(|| panic!("no digest for Sam:\n{out}"));
    assert!(to_sam.contains("■ Engagement digest, 2026-W49"), "{to_sam}");
    assert!(to_sam.contains("Engagement: 4.00"), "{to_sam}");
}

async fn admins_start_a_round_and_see_the_response_rate_only(backend: Backend) {
    let mut c = TestConsole::demo(backend).await;
    let out = c.say_as("ana", "/ambassador pulse start").await;
    assert!(out.contains("Only admins can do that."), "{out}");
    let out = c.say_as("olivia", "/ambassador pulse start").await;
    assert!(
        out.contains("Pulse round started: 30 people invited, 5 questions."),
        "{out}"
    );
    assert!(out.contains("── to @olivia (direct message) ──"), "{out}");
    c.say_as("ben", "/pulse answer 4 4 3 5 9").await;
    let out = c.say_as("olivia", "/ambassador pulse status").await;
    assert!(out.contains("30 of 30 delivered, 1 answered (3%)"), "{out}");
    assert!(
        !out.contains("Ben"),
        "status never names who answered:\n{out}"
    );
}

async fn bad_typed_answers_are_explained_and_store_nothing(backend: Backend) {
    let mut c = TestConsole::demo(backend).await;
    let out = c.say_as("ana", "/pulse answer 4 4 4 4 4").await;
    assert!(
        out.contains("You have no open pulse check right now."),
        "{out}"
    );
    advance_to_monday(&mut c, 10).await;
    let cases = [
        (
            "/pulse answer 4 4",
            "This round has 5 questions, so give 5 numbers in order (you gave 2).",
        ),
        ("/pulse answer 4 4 x 4 4", "\"x\" is not a number."),
        (
            "/pulse answer 4 4 6 4 4",
            "Answer 3 must be between 1 and 5 (you gave 6).",
        ),
        (
            "/pulse answer 4 4 4 4 11",
            "Answer 5 must be between 0 and 10 (you gave 11).",
        ),
        ("/pulse comment", "Write your comment after the command"),
    ];
    for (input, expected) in cases {
        let out = c.say(input).await;
        assert!(
            out.contains(expected),
            "{input}\nexpected {expected:?} in\n{out}"
        );
    }
    let round = latest_round(&c).await;
    assert_eq!(c.store.linkable_answers(round.id).await.expect("count"), 0);
}

on_both_backends!(a_sustained_drop_alerts_the_manager_who_plans_an_action_seen_in_the_digest);

async fn a_sustained_drop_alerts_the_manager_who_plans_an_action_seen_in_the_digest(
    backend: Backend,
) {
    let mut c = TestConsole::demo(backend).await;
    let support = ["ana", "ben", "eleni", "nikos", "zofia", "sam"];
    let logistics = ["kasia", "piotr", "maria", "liam", "sipho"];
    let steady = [
        "4 4 5 4 4",
        "5 4 4 4 4",
        "4 5 4 4 5",
        "4 4 4 5 4",
        "3 4 4 4 4",
        "4 4 3 4 4",
    ];
    let fallen = [
        "2 3 2 2 2",
        "2 2 2 3 2",
        "3 2 2 2 2",
        "2 2 3 2 2",
        "2 2 2 2 3",
        "2 3 2 2 3",
    ];
    advance_to_monday(&mut c, 18).await;
    let mut transcript = String::new();
    for week in 0..12 {
        let answers = if week < 9 { steady } else { fallen };
        for (who, a) in support.iter().zip(answers) {
            c.say_as(who, &format!("/pulse answer {a}")).await;
        }
        for who in logistics {
            c.say_as(who, "/pulse answer 4 4 4 4 4").await;
        }
        c.as_("sam").await;
        transcript.push_str(&c.say("/advance 7d").await);
        if transcript.contains("■ Engagement alert: Support") {
            break;
        }
    }
    let alert = transcript
        .split("── to @sam (direct message) ──\n■ Engagement alert: Support")
        .nth(1)
        .unwrap_or_else(|| panic!("no alert for Sam:\n{transcript}"));
    assert!(alert.contains("Engagement has fallen from"), "{alert}");
    assert!(
        alert.contains("At least 5 people answered each time"),
        "{alert}"
    );
    assert!(
        alert.contains("Ask the team in your next meeting"),
        "{alert}"
    );
    // Logistics did not change: no alert for Kasia.
    assert!(
        !transcript.contains("■ Engagement alert: Logistics"),
        "{transcript}"
    );

    // Sam presses "Plan an action" and says what he will do.
    let b = crate::helpers::button_before(alert, "Plan an action");
    let out = c.say(&format!("/click {b}")).await;
    let id: String = out
        .split("/engagement plan ")
        .nth(1)
        .and_then(|rest| rest.split_whitespace().next())
        .unwrap_or_else(|| panic!("no alert number in {out}"))
        .to_string();
    let out = c
        .say(&format!(
            "/engagement plan {id} one-to-ones with everyone this week"
        ))
        .await;
    assert!(
        out.contains("Noted. Your next digests will show \"one-to-ones with everyone this week\""),
        "{out}"
    );
    // Someone else cannot answer Sam's alert.
    let out = c
        .say_as("kasia", &format!("/engagement plan {id} nothing"))
        .await;
    assert!(out.contains("Nie ma") || out.contains(&id), "{out}");

    let out = c.say_as("sam", "/engagement").await;
    assert!(out.contains("Drops flagged"), "{out}");
    assert!(
        out.contains("Your action: \"one-to-ones with everyone this week\""),
        "{out}"
    );
    assert!(out.contains("not recovered yet"), "{out}");
}
