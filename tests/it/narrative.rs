//! The customer narrative through the console, on SQLite and PostgreSQL.

use crate::helpers::{Backend, TestConsole, button_before};
use crate::on_both_backends;
use ambassador::store::prelude::*;

on_both_backends!(
    the_narrative_is_shown_in_each_persons_language,
    reading_the_narrative_is_acknowledged_once_per_person_and_version,
    a_new_person_is_welcomed_once_with_the_narrative,
    a_narrative_moment_is_posted_weekly_with_a_kudos_that_lives_a_value,
    admins_publish_a_new_version_and_everyone_is_asked_again,
    bad_narrative_edits_are_refused_and_change_nothing,
);

async fn the_narrative_is_shown_in_each_persons_language(backend: Backend) {
    let mut c = TestConsole::demo(backend).await;
    let out = c.say_as("ana", "/narrative").await;
    assert!(
        out.contains("■ Every customer leaves better off than they came"),
        "{out}"
    );
    assert!(
        out.contains("#customer-first: We start from what the customer needs"),
        "{out}"
    );
    assert!(out.contains("I've read it"), "{out}");
    let out = c.say_as("eleni", "/narrative").await;
    assert!(
        out.contains("■ Κάθε πελάτης φεύγει σε καλύτερη θέση απ' ό,τι ήρθε"),
        "{out}"
    );
    assert!(out.contains("Το διάβασα"), "{out}");
    let out = c.say_as("zofia", "/narrative").await;
    assert!(
        out.contains("■ Każdy klient odchodzi w lepszej sytuacji, niż przyszedł"),
        "{out}"
    );
}

async fn reading_the_narrative_is_acknowledged_once_per_person_and_version(backend: Backend) {
    let mut c = TestConsole::demo(backend).await;
    let out = c.say_as("ana", "/narrative").await;
    let reply = out.split("── reply to Ana Silva").nth(1).expect("a reply");
    let button = button_before(reply, "I've read it");
    // Someone else cannot press a button in Ana's private reply.
    let out = c.say_as("ben", &format!("/click {button}")).await;
    assert!(out.contains("only they can press it"), "{out}");
    let out = c.say_as("ana", &format!("/click {button}")).await;
    assert!(
        out.contains("You confirmed that you read version 1"),
        "{out}"
    );
    let out = c.say(&format!("/click {button}")).await;
    assert!(
        out.contains("You already confirmed version 1 on 2026-11-25"),
        "{out}"
    );
    let current = c
        .store
        .current_narrative(c.org.id)
        .await
        .expect("store")
        .expect("a narrative");
    assert_eq!(
        c.store
            .narrative_ack_count(current.id)
            .await
            .expect("count"),
        1
    );
    // Having read it, Ana sees when instead of the button.
    let out = c.say("/narrative").await;
    assert!(
        out.contains("You confirmed that you read this version on 2026-11-25"),
        "{out}"
    );
    let reply = out.split("── reply to Ana Silva").nth(1).expect("a reply");
    assert!(!reply.contains("I've read it"), "{reply}");
}

async fn a_new_person_is_welcomed_once_with_the_narrative(backend: Backend) {
    let mut c = TestConsole::demo(backend).await;
    let out = c.say_as("nikos", "/help").await;
    assert!(
        out.contains("── προς @nikos (προσωπικό μήνυμα) ──"),
        "{out}"
    );
    assert!(out.contains("Καλώς ήρθες, Nikos Georgiou!"), "{out}");
    assert!(
        out.contains("Κάθε πελάτης φεύγει σε καλύτερη θέση"),
        "{out}"
    );
    let again = c.say("/help").await;
    assert!(!again.contains("Καλώς ήρθες"), "welcomed twice:\n{again}");
    // The welcome's button acknowledges the narrative too.
    let button = button_before(&out, "Το διάβασα");
    let out = c.say(&format!("/click {button}")).await;
    assert!(out.contains("Ευχαριστούμε!"), "{out}");
}

async fn a_narrative_moment_is_posted_weekly_with_a_kudos_that_lives_a_value(backend: Backend) {
    // The tests start on Wednesday; the default moment is Monday 09:30 in the org's zone (London).
    let mut c = TestConsole::demo(backend).await;
    c.say_as(
        "piotr",
        "/kudos @liam rerouted a late delivery so Acme's shop opened on time #above-and-beyond",
    )
    .await;
    c.as_("ana").await;
    let out = c.say("/advance 7d").await;
    assert!(out.contains("── to #general ──"), "{out}");
    assert!(
        out.contains("■ Narrative moment: One owner, start to finish"),
        "{out}"
    );
    assert!(
        out.contains("A value in action: Piotr Kowalski recognised Liam Walsh"),
        "{out}"
    );
    assert!(
        out.contains("│ rerouted a late delivery so Acme's shop opened on time"),
        "{out}"
    );
    assert_eq!(c.store.moment_count(c.org.id).await.expect("count"), 1);
    // The next week shows the next section; the featured kudos is not repeated.
    let out = c.say("/advance 7d").await;
    assert!(out.contains("■ Narrative moment: Straight talk"), "{out}");
    assert!(!out.contains("Piotr Kowalski recognised"), "{out}");
    assert!(out.contains("Seen a colleague live this?"), "{out}");
    // Three weeks at once post three moments, each at its own Monday.
    let out = c.say("/advance 3w").await;
    assert_eq!(out.matches("── to #general ──").count(), 3, "{out}");
    assert_eq!(c.store.moment_count(c.org.id).await.expect("count"), 5);
}

async fn admins_publish_a_new_version_and_everyone_is_asked_again(backend: Backend) {
    let mut c = TestConsole::demo(backend).await;
    let out = c.say_as("ana", "/narrative").await;
    let button = button_before(
        out.split("── reply to").nth(1).expect("reply"),
        "I've read it",
    );
    c.say(&format!("/click {button}")).await;

    // Ana is not an admin.
    let body = "/ambassador narrative set en\n# Customers first, always\nWe answer within the hour.\n## Fast answers\nA person replies within an hour.\n- #customer-first: start from the customer";
    let out = c.say(body).await;
    assert!(
        out.contains("Only admins can do that. The admins here are: Olivia Hart, Sam Okafor."),
        "{out}"
    );

    let out = c.say_as("olivia", body).await;
    assert!(
        out.contains("Saved version 2 of the customer narrative (en)"),
        "{out}"
    );
    assert!(
        out.contains("The el, pl text was carried over from the previous version; update it with /ambassador narrative set el."),
        "{out}"
    );
    assert!(out.contains("■ Customers first, always"), "{out}");

    let out = c.say_as("ana", "/narrative").await;
    assert!(out.contains("■ Customers first, always"), "{out}");
    assert!(out.contains("Version 2"), "{out}");
    assert!(out.contains("I've read it"), "asked again:\n{out}");
    // Greek readers keep the previous Greek text until it is updated.
    let out = c.say_as("eleni", "/narrative").await;
    assert!(out.contains("Κάθε πελάτης φεύγει"), "{out}");
    // The old button still records version 1 but points to the new one.
    let out = c.say_as("ana", &format!("/click {button}")).await;
    assert!(out.contains("You already confirmed version 1"), "{out}");
    assert!(out.contains("Type /narrative to read version 2"), "{out}");
}

async fn bad_narrative_edits_are_refused_and_change_nothing(backend: Backend) {
    let mut c = TestConsole::demo(backend).await;
    c.as_("olivia").await;
    let cases = [
        (
            "/ambassador narrative set de\n# Titel\nVersprechen",
            "I don't have a language called de",
        ),
        (
            "/ambassador narrative set en\nno title here",
            "The narrative needs a title",
        ),
        (
            "/ambassador narrative set en\n# Title only",
            "The narrative needs the promise",
        ),
        (
            "/ambassador narrative set en\n# T\nPromise\n## Empty",
            "The section \"Empty\" has no text under it",
        ),
        (
            "/ambassador narrative set",
            "Put the new narrative on the lines after the command",
        ),
    ];
    for (input, expected) in cases {
        let out = c.say(input).await;
        assert!(
            out.contains(expected),
            "{input}\nexpected {expected:?} in\n{out}"
        );
    }
    let current = c
        .store
        .current_narrative(c.org.id)
        .await
        .expect("store")
        .expect("narrative");
    assert_eq!(current.version, 1);
}
