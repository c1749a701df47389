//! The app manifest an admin pastes must ask for everything the bot uses, no more.

use ambassador::platform::slack::install::BOT_SCOPES;
use ambassador::platform::slack::process::KUDOS_SHORTCUT;

use crate::helpers::repo_root;

fn manifest() -> String {
    std::fs::read_to_string(repo_root().join("slack/manifest.yml")).expect("slack/manifest.yml")
}

#[test]
fn the_manifest_declares_every_scope_the_install_asks_for() {
    let m = manifest();
    let scopes: Vec<&str> = m
        .lines()
        .skip_while(|l| !l.trim_start().starts_with("bot:"))
        .skip(1)
        .take_while(|l| l.trim_start().starts_with("- "))
        .map(|l| l.trim_start().trim_start_matches("- ").trim())
        .collect();
    let mut expected: Vec<&str> = BOT_SCOPES.to_vec();
    expected.sort_unstable();
    let mut got = scopes.clone();
    got.sort_unstable();
    assert_eq!(got, expected, "manifest scopes and install scopes differ");
}

#[test]
fn the_manifest_declares_every_command_event_shortcut_and_url() {
    let m = manifest();
    for command in [
        "/kudos",
        "/pulse",
        "/narrative",
        "/engagement",
        "/ambassador",
    ] {
        assert!(
            m.contains(&format!("- command: {command}\n")),
            "{command} missing"
        );
    }
    assert_eq!(
        m.matches("url: https://ambassador.example.com/slack/commands")
            .count(),
        5
    );
    for event in [
        "app_home_opened",
        "app_uninstalled",
        "reaction_added",
        "team_join",
        "tokens_revoked",
    ] {
        assert!(m.contains(&format!("- {event}\n")), "event {event} missing");
    }
    assert!(m.contains(&format!("callback_id: {KUDOS_SHORTCUT}")));
    assert!(m.contains("request_url: https://ambassador.example.com/slack/events"));
    assert!(m.contains("request_url: https://ambassador.example.com/slack/interactions"));
    assert!(m.contains("- https://ambassador.example.com/slack/oauth/callback"));
    assert!(m.contains("home_tab_enabled: true"));
    assert!(
        m.contains("should_escape: true"),
        "mentions must arrive as <@U…>"
    );
}
