use std::path::PathBuf;

use proptest::prelude::*;
use serde_json::json;

use super::*;

fn fixtures_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("src/platform/discord/fixtures")
}

fn fixture(name: &str) -> Vec<u8> {
    std::fs::read(fixtures_dir().join(name)).expect("a fixture")
}

#[test]
fn the_documented_slash_command_decodes_with_its_member_and_options() {
    let i = decode(&fixture("application_command_doc.json")).expect("decodes");
    assert_eq!(i.id, "786008729715212338");
    assert_eq!(i.token, "A_UNIQUE_TOKEN");
    assert_eq!(i.guild_id.as_deref(), Some("290926798626357999"));
    assert_eq!(i.user.id, "53908232506183680");
    assert_eq!(i.user.username, "Mason");
    assert_eq!(i.locale.as_deref(), Some("en-US"));
    let InteractionKind::Command(c) = i.kind else {
        panic!("a command")
    };
    assert_eq!(c.name, "cardsearch");
    assert_eq!(
        c.options.get("cardname").map(String::as_str),
        Some("The Gitrog Monster")
    );
}

#[test]
fn a_button_in_a_dm_decodes_with_the_user_and_the_message_it_was_on() {
    let i = decode(&fixture("message_component_doc.json")).expect("decodes");
    assert_eq!(i.guild_id, None);
    assert_eq!(i.user.id, "53908232506183680");
    let InteractionKind::Component(c) = &i.kind else {
        panic!("a component")
    };
    assert_eq!(c.custom_id, "pulse:42:5");
    let message = i.message.expect("the message");
    assert_eq!(message.content, "How are you today?");
    assert_eq!(
        message.components[0]["components"][1]["custom_id"],
        "pulse:42:5"
    );
}

#[test]
fn a_modal_submit_decodes_its_inputs_and_the_nickname_wins_as_display_name() {
    let i = decode(&fixture("modal_submit.json")).expect("decodes");
    assert_eq!(i.user.display_name.as_deref(), Some("Mace"));
    assert_eq!(i.locale.as_deref(), Some("pl"));
    let InteractionKind::ModalSubmit(m) = i.kind else {
        panic!("a modal")
    };
    assert_eq!(m.custom_id, "kudos-form|2|80351110224678912");
    assert_eq!(
        m.fields.get("kudos_message").map(String::as_str),
        Some("Stayed late to fix the export")
    );
}

#[test]
fn a_ping_needs_no_user() {
    let i = decode(&fixture("ping.json")).expect("decodes");
    assert_eq!(i.kind, InteractionKind::Ping);
}

#[test]
fn subcommand_options_are_flattened_and_numbers_kept_as_text() {
    let body = json!({
        "id": "1", "type": 2, "token": "t",
        "user": {"id": "9", "username": "ana"},
        "data": {"name": "pulse", "options": [
            {"type": 1, "name": "answer", "options": [
                {"type": 4, "name": "score", "value": 5},
                {"type": 5, "name": "anonymous", "value": true}
            ]}
        ]}
    });
    let i = decode(body.to_string().as_bytes()).expect("decodes");
    let InteractionKind::Command(c) = i.kind else {
        panic!("a command")
    };
    assert_eq!(c.options.get("score").map(String::as_str), Some("5"));
    assert_eq!(c.options.get("anonymous").map(String::as_str), Some("true"));
}

#[test]
fn what_is_missing_is_named() {
    let cases = [
        (json!({"id": "1", "token": "t"}), "type"),
        (json!({"type": 2, "token": "t"}), "id"),
        (
            json!({"id": "1", "type": 3, "data": {"custom_id": "x"}, "user": {"id": "2"}}),
            "token",
        ),
        (
            json!({"id": "1", "type": 3, "token": "t", "data": {"custom_id": "x"}}),
            "member.user or user",
        ),
        (
            json!({"id": "1", "type": 2, "token": "t", "user": {"id": "2"}, "data": {}}),
            "data.name",
        ),
    ];
    for (body, missing) in cases {
        let e = decode(body.to_string().as_bytes()).expect_err("refused");
        assert_eq!(e, DecodeError::Missing(missing), "{body}");
    }
}

#[test]
fn deep_nesting_is_refused_before_parsing() {
    let deep = format!("{}{}", "[".repeat(10_000), "]".repeat(10_000));
    assert_eq!(decode(deep.as_bytes()), Err(DecodeError::TooDeep));
    // Brackets inside strings do not count.
    let body = json!({"id": "1", "type": 1, "token": "x", "data": {"name": "[".repeat(100)}});
    assert!(decode(body.to_string().as_bytes()).is_ok());
}

#[test]
fn the_kept_corpus_never_panics_the_decoder() {
    let dir = fixtures_dir().join("corpus");
    let mut replayed = 0;
    for entry in std::fs::read_dir(&dir).expect("the kept corpus") {
        let path = entry.expect("an entry").path();
        let bytes = std::fs::read(&path).expect("a corpus file");
        let _ = decode(&bytes);
        replayed += 1;
    }
    assert!(replayed > 0, "the corpus is empty");
}

fn json_value() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(|n| json!(n)),
        "[a-z0-9:|_ ]{0,12}".prop_map(Value::String),
    ];
    leaf.prop_recursive(4, 32, 6, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..4).prop_map(Value::Array),
            prop::collection::btree_map(
                prop_oneof![
                    Just("id".to_string()),
                    Just("type".to_string()),
                    Just("token".to_string()),
                    Just("data".to_string()),
                    Just("user".to_string()),
                    Just("member".to_string()),
                    Just("options".to_string()),
                    Just("components".to_string()),
                    Just("custom_id".to_string()),
                    Just("value".to_string()),
                    Just("name".to_string()),
                    Just("message".to_string()),
                ],
                inner,
                0..6
            )
            .prop_map(|m| Value::Object(m.into_iter().collect())),
        ]
    })
}

proptest! {
    #[test]
    fn any_json_is_decoded_or_refused_without_a_panic(v in json_value()) {
        let _ = decode(v.to_string().as_bytes());
    }

    #[test]
    fn any_bytes_are_decoded_or_refused_without_a_panic(bytes in prop::collection::vec(any::<u8>(), 0..256)) {
        let _ = decode(&bytes);
    }
}
