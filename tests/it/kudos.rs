//! Peer recognition through the console, on SQLite and PostgreSQL.

use crate::helpers::{Backend, TestConsole};
use crate::on_both_backends;
use ambassador::store::prelude::*;

on_both_backends!(
    cross_department_kudos_reach_each_recipient_and_the_channel,
    every_refusal_explains_itself_and_stores_nothing,
    broadcast_mentions_in_kudos_text_are_rendered_harmless,
    the_daily_allowance_resets_at_the_givers_own_midnight,
    managers_can_thank_their_whole_team_in_one_day,
    stats_celebrate_givers_and_show_the_allowance_left,
);

async fn cross_department_kudos_reach_each_recipient_and_the_channel(backend: Backend) {
    // Arrange
    let mut c = TestConsole::demo(backend).await;
    // Act: Ana (Operations/Support) thanks Dev (Engineering/Platform) and Eleni (Support).
    let out = c
        .say_as(
            "ana",
            "/kudos @dev @eleni fixed the export bug the same day Acme reported it #customer-first",
        )
        .await;
    // Assert: each recipient got a direct message, Eleni's in Greek.
    assert!(out.contains("── to @dev (direct message) ──"), "{out}");
    assert!(out.contains("You've been recognised!"), "{out}");
    assert!(out.contains("── to @eleni (direct message) ──"), "{out}");
    assert!(out.contains("Η δουλειά σου αναγνωρίστηκε!"), "{out}");
    // The recognition channel shows it, with the department crossing made visible.
    assert!(out.contains("── to #kudos ──"), "{out}");
    assert!(out.contains("@ana recognised @dev, @eleni:"), "{out}");
    assert!(
        out.contains("Across departments: Support → Platform"),
        "{out}"
    );
    assert!(
        out.contains("Kudos sent to Dev Patel, Eleni Papadopoulou!"),
        "{out}"
    );
    // Stored once, with the departments and the recipients' managers for the digest.
    assert_eq!(c.kudos_count().await, 1);
    let ana = c.person("ana").await;
    let dev = c.person("dev").await;
    let given = c.store.kudos_given_by(ana.id, 10).await.expect("kudos");
    assert_eq!(given.len(), 1);
    let k = &given[0];
    assert_eq!(k.giver_department, ana.department_id);
    assert_eq!(k.values, vec!["customer-first"]);
    let to_dev = k
        .recipients
        .iter()
        .find(|r| r.person == dev.id)
        .expect("dev");
    assert_eq!(to_dev.department, dev.department_id);
}

async fn every_refusal_explains_itself_and_stores_nothing(backend: Backend) {
    let mut c = TestConsole::demo(backend).await;
    c.as_("ana").await;
    let cases = [
        (
            "/kudos @ana for being great at customer calls",
            "You can't give kudos to yourself",
        ),
        (
            "/kudos @nobody handled the customer escalation well",
            "I can't find @nobody in the directory",
        ),
        (
            "/kudos @tom handled the customer escalation well",
            "Tom Reed is no longer active here",
        ),
        ("/kudos @ben #empathy", "Tell them what they did"),
        (
            "/kudos @ben thanks!",
            "at least 20 characters (you wrote 7)",
        ),
        (
            "/kudos @ben calmed an upset customer with patience #kindness",
            "#kindness isn't one of our values. Use one of: #customer-first, #ownership, #empathy, #above-and-beyond.",
        ),
        ("/kudos great job everyone", "Whom do you want to thank?"),
    ];
    for (input, expected) in cases {
        let out = c.say(input).await;
        assert!(
            out.contains(expected),
            "{input}\n expected {expected:?} in\n{out}"
        );
        assert!(!out.contains("── to #kudos"), "{input} was posted:\n{out}");
    }
    assert_eq!(c.kudos_count().await, 0, "a refused kudos was stored");
}

async fn broadcast_mentions_in_kudos_text_are_rendered_harmless(backend: Backend) {
    let mut c = TestConsole::demo(backend).await;
    let out = c
        .say_as(
            "ana",
            "/kudos @ben told @here and <!channel> and <@U999> how the refund works #empathy",
        )
        .await;
    assert!(
        out.contains("told ＠here and ‹!channel› and ‹@U999› how the refund works"),
        "{out}"
    );
    for forbidden in ["@here", "<!channel>", "<@U999>"] {
        assert!(!out.contains(forbidden), "{forbidden} survived:\n{out}");
    }
    // The stored text is what was typed: escaping happens when rendering, per platform.
    let ben = c.person("ben").await;
    let got = c.store.kudos_received_by(ben.id, 1).await.expect("kudos");
    assert_eq!(
        got[0].message,
        "told @here and <!channel> and <@U999> how the refund works"
    );
}

async fn the_daily_allowance_resets_at_the_givers_own_midnight(backend: Backend) {
    // Ana is in Europe/Lisbon (UTC+0 in November); the tests start Wed 10:00 UTC.
    let mut c = TestConsole::demo(backend).await;
    c.as_("ana").await;
    let out = c
        .say("/kudos @ben @eleni @nikos helped the Acme rollout go smoothly #ownership")
        .await;
    assert!(out.contains("You can thank 2 more people today"), "{out}");
    let out = c
        .say("/kudos @zofia @dev @grace answered the customer survey in a day #customer-first")
        .await;
    assert!(
        out.contains("You have 2 kudos left today but named 3 people")
            && out.contains("2026-11-26 00:00 (Europe/Lisbon)"),
        "{out}"
    );
    let out = c
        .say("/kudos @zofia @dev found the root cause of the Acme outage #ownership")
        .await;
    assert!(out.contains("You can thank 0 more people today"), "{out}");
    let out = c
        .say("/kudos @grace answered the customer survey in a day #customer-first")
        .await;
    assert!(
        out.contains("You have thanked 5 people today, and your daily allowance is 5. It resets at 2026-11-26 00:00 (Europe/Lisbon)."),
        "{out}"
    );
    assert_eq!(c.kudos_count().await, 2);

    // 13:59 later it is 23:59 in Lisbon: still refused.
    c.say("/advance 839m").await;
    let out = c
        .say("/kudos @grace answered the customer survey in a day #customer-first")
        .await;
    assert!(out.contains("It resets at 2026-11-26 00:00"), "{out}");
    // One minute later it is a new day for Ana.
    c.say("/advance 1m").await;
    let out = c
        .say("/kudos @grace answered the customer survey in a day #customer-first")
        .await;
    assert!(out.contains("Kudos sent to Grace Kim!"), "{out}");
    assert_eq!(c.kudos_count().await, 3);
}

async fn managers_can_thank_their_whole_team_in_one_day(backend: Backend) {
    // Sam leads Support: five active reports, so 5 + 5 recipients a day.
    let mut c = TestConsole::demo(backend).await;
    let out = c
        .say_as(
            "sam",
            "/kudos @ana @ben @eleni @nikos @zofia kept every customer informed during the outage #customer-first",
        )
        .await;
    assert!(out.contains("You can thank 5 more people today"), "{out}");
    let out = c
        .say("/kudos @dev @grace @jakub @yannis @hana shipped the outage fix overnight #above-and-beyond")
        .await;
    assert!(out.contains("You can thank 0 more people today"), "{out}");
}

async fn stats_celebrate_givers_and_show_the_allowance_left(backend: Backend) {
    let mut c = TestConsole::demo(backend).await;
    c.say_as(
        "ben",
        "/kudos @ana walked a new customer through setup twice #empathy",
    )
    .await;
    c.say_as(
        "ana",
        "/kudos @ben @eleni covered the weekend queue for Acme #ownership #customer-first",
    )
    .await;
    let out = c.say("/kudos stats").await;
    assert!(out.contains("Given: 1 kudos"), "{out}");
    assert!(out.contains("Received: 1 kudos"), "{out}");
    assert!(
        out.contains("You've recognised colleagues 2 times"),
        "{out}"
    );
    assert!(out.contains("#empathy: Given 0 · Received 1"), "{out}");
    assert!(out.contains("#ownership: Given 1 · Received 0"), "{out}");
    assert!(
        out.contains(
            "to Ben Carter, Eleni Papadopoulou on 2026-11-25: covered the weekend queue for Acme"
        ),
        "{out}"
    );
    assert!(
        out.contains("from Ben Carter on 2026-11-25: walked a new customer through setup twice"),
        "{out}"
    );
    assert!(
        out.contains("Left today: 3 of 5 (resets at 2026-11-26 00:00 Europe/Lisbon)"),
        "{out}"
    );
    // Someone who never gave kudos is invited to.
    let out = c.say_as("zofia", "/kudos stats").await;
    assert!(
        out.contains("Nie masz jeszcze żadnych przyznanych wyróżnień"),
        "{out}"
    );
}
