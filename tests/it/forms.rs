//! What the console can show beyond plain messages, on SQLite and PostgreSQL: forms filled in
//! one field per line (the kudos form, the pulse comment form) and the message whose button was
//! pressed, shown updated.

use ambassador::store::prelude::*;

use crate::helpers::{Backend, TestConsole};
use crate::on_both_backends;

on_both_backends!(
    the_kudos_form_is_filled_line_by_line_and_gives_the_kudos,
    the_pulse_comment_button_opens_a_form_that_stores_an_anonymous_comment,
    pressing_a_pulse_answer_shows_the_message_updated_with_the_choice,
);

/// The `[bN]` id of the button labelled `label` in the first button row after `after`.
fn button(output: &str, after: &str, label: &str) -> String {
    let start = output
        .find(after)
        .unwrap_or_else(|| panic!("no {after:?} in\n{output}"));
    let line = output[start..]
        .lines()
        .find(|l| l.starts_with("[b") && l.contains(&format!("] {label}")))
        .unwrap_or_else(|| panic!("no button {label} after {after:?} in\n{output}"));
    let token = line
        .split("   ")
        .find(|b| b.ends_with(&format!("] {label}")))
        .unwrap_or_else(|| panic!("no button {label} in {line}"));
    token[1..token.find(']').expect("]")].to_string()
}

/// Moves to Monday 30 November 10:00 UTC, when Lisbon and London get their pulse; returns
/// what was printed.
async fn advance_to_the_pulse(c: &mut TestConsole) -> String {
    // Wednesday 10:00 + 4 days 14 hours = Monday 00:00; then 10 hours.
    c.say(&format!("/advance {}m", (4 * 24 + 14 + 10) * 60))
        .await
}

const TO_ANA: &str = "── to @ana (direct message) ──";

async fn the_kudos_form_is_filled_line_by_line_and_gives_the_kudos(backend: Backend) {
    // Arrange
    let mut c = TestConsole::demo(backend).await;
    c.as_("ana").await;
    let values = ambassador::config::defaults()
        .expect("defaults")
        .kudos
        .values;

    // A form dropped with /cancel gives nothing.
    let out = c.say("/kudos").await;
    assert!(out.contains("Form: Give kudos"), "{out}");
    assert!(out.contains("▸ Who do you want to thank?"), "{out}");
    c.say("@ben").await;
    let out = c.say("/cancel").await;
    assert!(out.contains("Form cancelled; nothing was sent."), "{out}");
    assert!(!out.contains("── to"), "{out}");
    assert_eq!(c.kudos_count().await, 0);

    // Act: the form again, each field on its own line.
    let out = c.say("/kudos").await;
    assert!(out.contains("▸ Who do you want to thank?"), "{out}");
    // A required field left empty is asked again, with what is missing.
    let out = c.say("").await;
    assert!(out.contains("Choose at least one person."), "{out}");
    assert!(out.contains("▸ Who do you want to thank?"), "{out}");
    let out = c.say("@dev @eleni").await;
    assert!(out.contains("▸ What did they do for a customer?"), "{out}");
    let out = c.say("").await;
    assert!(out.contains("Write what they did."), "{out}");
    assert!(out.contains("▸ What did they do for a customer?"), "{out}");
    let out = c
        .say("fixed the export bug the same day Acme reported it")
        .await;
    assert!(out.contains("▸ Which value did it show?"), "{out}");
    assert!(out.contains(&format!("2 {}", values[1])), "{out}");
    let out = c.say("2").await;

    // Assert: each recipient gets their DM, the channel its post, Ana her confirmation.
    assert!(out.contains("── to @dev (direct message) ──"), "{out}");
    assert!(out.contains("── to @eleni (direct message) ──"), "{out}");
    assert!(out.contains("── to #kudos ──"), "{out}");
    assert!(
        out.contains("Kudos sent to Dev Patel, Eleni Papadopoulou!"),
        "{out}"
    );
    assert_eq!(c.kudos_count().await, 1);
    let ana = c.person("ana").await;
    let given = c.store.kudos_given_by(ana.id, 10).await.expect("kudos");
    assert_eq!(
        given[0].message,
        "fixed the export bug the same day Acme reported it"
    );
    assert_eq!(given[0].values, vec![values[1].clone()]);
    assert_eq!(given[0].recipients.len(), 2);
}

async fn the_pulse_comment_button_opens_a_form_that_stores_an_anonymous_comment(backend: Backend) {
    // Arrange: Ana's pulse arrives with its "Add a comment" button.
    let mut c = TestConsole::demo(backend).await;
    c.as_("ana").await;
    let out = advance_to_the_pulse(&mut c).await;
    let add = button(&out, TO_ANA, "Add a comment");
    let round = c
        .store
        .rounds(c.org.id, 1)
        .await
        .expect("rounds")
        .pop()
        .expect("a round");

    // Act
    let out = c.say(&format!("/click {add}")).await;
    assert!(out.contains("Form: Anonymous comment"), "{out}");
    assert!(out.contains("▸ What's on your mind?"), "{out}");
    let out = c.say("").await;
    assert!(out.contains("Write a comment, or press Cancel."), "{out}");
    let out = c
        .say("More time with customers, less with dashboards")
        .await;

    // Assert: stored with her department only, never her name.
    assert!(out.contains("Your anonymous comment is saved."), "{out}");
    let ana = c.person("ana").await;
    let comments = c.store.comments(round.id).await.expect("comments");
    assert_eq!(
        comments,
        vec![(
            ana.department_id.map(|d| d.0),
            "More time with customers, less with dashboards".to_string()
        )]
    );
}

async fn pressing_a_pulse_answer_shows_the_message_updated_with_the_choice(backend: Backend) {
    // Arrange
    let mut c = TestConsole::demo(backend).await;
    c.as_("ana").await;
    let out = advance_to_the_pulse(&mut c).await;
    let five = button(&out, TO_ANA, "5");
    // Act
    let out = c.say(&format!("/click {five}")).await;
    // Assert: the message is shown updated, with the pressed label marked, and the answer.
    assert!(
        out.contains(&format!(
            "↻ The message with [{five}] now shows your choice: 5 ✓"
        )),
        "{out}"
    );
    assert!(out.contains("Saved 5 for question 1."), "{out}");
}
