//! The home page (Slack's App Home), also in the console as `/home`.

use crate::helpers::{Backend, TestConsole, button_before};
use crate::on_both_backends;

on_both_backends!(the_home_page_gathers_narrative_pulse_kudos_and_team_figures);

async fn the_home_page_gathers_narrative_pulse_kudos_and_team_figures(backend: Backend) {
    let mut c = TestConsole::demo(backend).await;
    let out = c.say_as("ana", "/home").await;
    assert!(out.contains("here is your ambassador page"), "{out}");
    assert!(out.contains("Your pulse check"), "{out}");
    assert!(!out.contains("Your teams"), "Ana leads nobody:\n{out}");
    // "Give kudos" opens the kudos form (the console shows forms one field per line).
    let give = button_before(&out, "Give kudos");
    let out = c.say(&format!("/click {give}")).await;
    assert!(out.contains("Form: Give kudos"), "{out}");
    assert!(out.contains("Who do you want to thank?"), "{out}");
    let out = c.say("/cancel").await;
    assert!(out.contains("Form cancelled"), "{out}");

    let out = c.say_as("sam", "/home").await;
    assert!(out.contains("Your teams"), "Sam manages Support:\n{out}");
    // The Greek speaker reads it in Greek.
    let out = c.say_as("eleni", "/home").await;
    assert!(out.contains("η σελίδα σας στο ambassador"), "{out}");
}
