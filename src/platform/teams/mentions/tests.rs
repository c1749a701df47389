//! Tests of [`super`]: command lines read from recorded and hand-made Teams messages.
use super::*;
use crate::platform::teams::activity::{self, decode};

const BOT: &str = "28:c9e8c047-2a74-40a2-b28a-b162d5f5327c";
const ALEX: &str =
    "29:1Alexq0-uVL83xNB9GU6w_G5a4SZF0gcJLprZzhtEbel21G_5h-NgoprRw45mP0AXUIZVeqrsIHSYV4ntgfVJQ";
const SAM: &str =
    "29:1Samq0-uVL83xNB9GU6w_G5a4SZF0gcJLprZzhtEbel21G_5h-NgoprRw45mP0AXUIZVeqrsIHSYV4ntgfVJQ";

/// The directory as the tests know it: Alex and Sam by their `29:` ids, or anyone by an
/// `aadObjectId` sent with the mention.
fn directory(account: &Account) -> Option<String> {
    if let Some(aad) = &account.aad_object_id {
        return Some(aad.clone());
    }
    match account.id.as_str() {
        ALEX => Some("aad-alex".into()),
        SAM => Some("aad-sam".into()),
        _ => None,
    }
}

fn fixture(file: &str) -> activity::Activity {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("src/platform/teams/fixtures")
        .join(file);
    decode(&std::fs::read(path).expect("the fixture")).expect("decodes")
}

/// A channel message from the bot's point of view with `text` and these mention entities
/// (`(text, id, name)`).
fn message(text: &str, mentions: &[(&str, &str, &str)]) -> activity::Activity {
    let entities: Vec<serde_json::Value> = mentions
        .iter()
        .map(|(text, id, name)| {
            serde_json::json!({"type": "mention", "text": text, "mentioned": {"id": id, "name": name}})
        })
        .collect();
    let body = serde_json::json!({
        "type": "message", "serviceUrl": "https://smba.example/emea/", "text": text,
        "from": {"id": "29:megan"}, "recipient": {"id": BOT, "name": "Ambassador"},
        "conversation": {"id": "19:c@thread.tacv2", "conversationType": "channel"},
        "entities": entities,
    });
    decode(&serde_json::to_vec(&body).expect("serializes")).expect("decodes")
}

fn token(id: &str) -> String {
    mention_token(id)
}

#[test]
fn a_channel_kudos_becomes_tokens_for_vouched_people_only() {
    // Arrange: the bot, Alex split into two tags, Sam, and an `<at>Everyone</at>` no entity
    // vouches for.
    let activity = fixture("message_channel_kudos.json");
    // Act
    let line = command_text(&activity, BOT, directory);
    // Assert
    assert_eq!(
        line,
        format!(
            "kudos {}, {} thanks for <fast> help & Everyone #teamwork",
            token("aad-alex"),
            token("aad-sam")
        )
    );
}

#[test]
fn people_the_directory_does_not_know_stay_as_their_names() {
    let activity = fixture("message_channel_kudos.json");
    let line = command_text(&activity, BOT, |_| None);
    assert_eq!(
        line,
        "kudos Alex Doe, Sam Lee thanks for <fast> help & Everyone #teamwork"
    );
    assert!(!line.contains(MENTION_MARK));
}

#[test]
fn the_recorded_channel_message_loses_only_the_bots_mention() {
    let activity = fixture("message_channel_mention.json");
    let bot = activity.recipient.id.clone();
    assert_eq!(command_text(&activity, &bot, directory), "reply to thread");
}

#[test]
fn the_bot_is_recognised_by_the_recipient_even_under_another_id_form() {
    let activity = message(
        "<at>Ambassador</at> help",
        &[("<at>Ambassador</at>", BOT, "Ambassador")],
    );
    assert_eq!(command_text(&activity, "28:other-form", directory), "help");
}

#[test]
fn personal_chat_text_passes_through_and_typed_marks_are_removed() {
    let typed = format!("kudos {} for the fix", token("aad-ceo"));
    let activity = message(&typed, &[]);
    assert_eq!(
        command_text(&activity, BOT, directory),
        "kudos aad-ceo for the fix"
    );
    assert_eq!(
        command_text(&fixture("message_personal.json"), BOT, directory),
        "Hello Teams TestBot"
    );
}

#[test]
fn a_mark_smuggled_in_as_a_character_reference_is_removed_too() {
    let activity = message("kudos &#57344;aad-ceo&#xE000; thanks", &[]);
    assert_eq!(
        command_text(&activity, BOT, directory),
        "kudos aad-ceo thanks"
    );
}

#[test]
fn an_at_tag_without_an_entity_is_plain_text() {
    let activity = message(
        "kudos <at>Alex</at> thanks",
        &[("<at>Sam</at>", SAM, "Sam")],
    );
    assert_eq!(command_text(&activity, BOT, directory), "kudos Alex thanks");
}

#[test]
fn escaped_tags_a_person_typed_never_become_mentions() {
    // Teams escapes what a person types: this is someone typing "<at>Alex</at>".
    let activity = message(
        "kudos &lt;at&gt;Alex&lt;/at&gt; thanks",
        &[("<at>Alex</at>", ALEX, "Alex")],
    );
    assert_eq!(
        command_text(&activity, BOT, directory),
        "kudos <at>Alex</at> thanks"
    );
}

#[test]
fn two_people_with_the_same_name_are_told_apart_by_entity_order() {
    let activity = message(
        "kudos <at>Alex</at> and <at>Alex</at>",
        &[
            ("<at>Alex</at>", ALEX, "Alex"),
            ("<at>Alex</at>", "29:x", "Alex"),
        ],
    );
    let line = command_text(&activity, BOT, |a| Some(format!("aad-{}", a.id.len())));
    assert_eq!(
        line,
        format!(
            "kudos {} and {}",
            token(&format!("aad-{}", ALEX.len())),
            token("aad-4")
        )
    );
}

#[test]
fn an_aad_object_id_sent_with_the_mention_reaches_the_resolver() {
    let body = serde_json::json!({
        "type": "message", "serviceUrl": "https://s/", "text": "kudos <at>Kim</at> great",
        "from": {"id": "29:megan"}, "conversation": {"id": "19:c"},
        "entities": [{"type": "mention", "text": "<at>Kim</at>",
                      "mentioned": {"id": "29:kim", "name": "Kim", "aadObjectId": "aad-kim"}}],
    });
    let activity = decode(&serde_json::to_vec(&body).expect("json")).expect("decodes");
    assert_eq!(
        command_text(&activity, BOT, directory),
        format!("kudos {} great", token("aad-kim"))
    );
}

#[test]
fn an_unusable_directory_id_leaves_the_name() {
    let activity = message("kudos <at>Alex</at>", &[("<at>Alex</at>", ALEX, "Alex")]);
    assert_eq!(
        command_text(&activity, BOT, |_| Some("a b".into())),
        "kudos Alex"
    );
    assert_eq!(
        command_text(&activity, BOT, |_| Some(String::new())),
        "kudos Alex"
    );
    let marked = format!("x{MENTION_MARK}y");
    assert_eq!(
        command_text(&activity, BOT, move |_| Some(marked.clone())),
        "kudos Alex"
    );
}

#[test]
fn entity_text_and_tag_text_match_despite_a_leading_at_sign_and_escapes() {
    // The docs' own example writes `<at>@Pranav Smith</at>` in the entity only.
    let activity = message(
        "<at>Pranav &amp; Co</at> hi",
        &[("<at>@Pranav &amp; Co</at>", ALEX, "Pranav & Co")],
    );
    assert_eq!(
        command_text(&activity, BOT, directory),
        format!("{} hi", token("aad-alex"))
    );
}

#[test]
fn tokens_are_set_apart_from_the_words_around_them() {
    let activity = message(
        "great work,<at>Alex</at>: thanks<at>Sam</at>!",
        &[
            ("<at>Alex</at>", ALEX, "Alex"),
            ("<at>Sam</at>", SAM, "Sam"),
        ],
    );
    assert_eq!(
        command_text(&activity, BOT, directory),
        format!(
            "great work, {}: thanks {} !",
            token("aad-alex"),
            token("aad-sam")
        )
    );
    let adjacent = message(
        "<at>Alex</at><at>Sam</at>",
        &[
            ("<at>Alex</at>", ALEX, "Alex"),
            ("<at>Sam</at>", SAM, "Sam"),
        ],
    );
    assert_eq!(
        command_text(&adjacent, BOT, directory),
        format!("{} {}", token("aad-alex"), token("aad-sam"))
    );
}

#[test]
fn html_blocks_become_line_breaks_and_character_references_are_decoded() {
    let activity = message(
        "<div><div><p>kudos&nbsp;&quot;a&quot; &#39;b&#39; &lt;c&gt; &amp;amp;</p><p>line<br/>two</p></div></div>",
        &[],
    );
    assert_eq!(
        command_text(&activity, BOT, directory),
        "kudos \"a\" 'b' <c> &amp;\nline\ntwo"
    );
}

#[test]
fn an_emoji_shows_its_alt_text_and_other_tags_vanish() {
    let activity = message(
        r#"thanks <emoji id="1f389_partypopper" alt="🎉" title="Party"></emoji> <b>so</b> <span itemscope="">much</span>"#,
        &[],
    );
    assert_eq!(command_text(&activity, BOT, directory), "thanks 🎉 so much");
}

#[test]
fn a_lone_angle_bracket_is_text() {
    let activity = message("a < b and <3 and x<", &[]);
    assert_eq!(
        command_text(&activity, BOT, directory),
        "a < b and <3 and x<"
    );
    let unknown = message("&unknown; &#xZZ; & done &amp", &[]);
    assert_eq!(
        command_text(&unknown, BOT, directory),
        "&unknown; &#xZZ; & done &amp"
    );
}

#[test]
fn an_unclosed_at_tag_is_dropped_and_the_name_kept() {
    let activity = message("kudos <at>Alex thanks", &[("<at>Alex</at>", ALEX, "Alex")]);
    assert_eq!(command_text(&activity, BOT, directory), "kudos Alex thanks");
}

#[test]
fn a_message_without_text_is_an_empty_command_line() {
    let activity = fixture("message_submit_value.json");
    assert_eq!(command_text(&activity, BOT, directory), "");
}

#[test]
fn tokens_round_trip_and_nothing_else_parses() {
    assert_eq!(parse_mention(&mention_token("aad-1")), Some("aad-1".into()));
    for word in [
        "@alex",
        "<@U1>",
        "aad-1",
        "\u{E000}\u{E000}",
        "\u{E000}aad-1",
        "\u{E000}a b\u{E000}",
        "\u{E000}a\u{E000}b\u{E000}",
    ] {
        assert_eq!(parse_mention(word), None, "{word:?}");
    }
}

/// Reads one kept input of the `mentions` fuzz target the way the target does: the text, a
/// NUL, then one entity per line as `id<TAB>text` (a bare id stands for `<at>id</at>`).
fn kept_input(data: &[u8]) -> activity::Activity {
    let input = String::from_utf8_lossy(data);
    let (text, spec) = input.split_once('\0').unwrap_or((&input, ""));
    let entities: Vec<serde_json::Value> = spec
        .lines()
        .map(|line| {
            let (id, text) = match line.split_once('\t') {
                Some((id, text)) => (id.to_string(), text.to_string()),
                None => (line.to_string(), format!("<at>{line}</at>")),
            };
            serde_json::json!({"type": "mention", "text": text, "mentioned": {"id": id, "name": id}})
        })
        .collect();
    let body = serde_json::json!({
        "type": "message", "serviceUrl": "https://smba.example/", "text": text,
        "from": {"id": "29:from"}, "recipient": {"id": "28:bot"},
        "conversation": {"id": "19:c@thread.tacv2", "conversationType": "channel"},
        "entities": entities,
    });
    decode(&serde_json::to_vec(&body).expect("serializes")).expect("a well-formed activity")
}

/// The inputs the `mentions` fuzz target kept (minimised), replayed on every test run with
/// the target's own check: no token for anyone no entity vouches for.
#[test]
fn every_kept_fuzz_input_reads_without_panicking() {
    let resolve = |account: &Account| match account.id.len() % 3 {
        0 => None,
        1 => Some(format!("dir-{}", account.id)),
        _ => Some(account.id.clone()),
    };
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("src/platform/teams/fixtures/corpus/mentions");
    let mut replayed = 0;
    for entry in std::fs::read_dir(&dir).expect("the kept mentions corpus") {
        let path = entry.expect("an entry").path();
        let activity = kept_input(&std::fs::read(&path).expect("a kept input"));
        let allowed: Vec<String> = activity
            .mentions
            .iter()
            .filter(|m| m.mentioned.id != "28:bot")
            .filter_map(|m| resolve(&m.mentioned))
            .collect();
        let line = command_text(&activity, "28:bot", resolve);
        let segments: Vec<&str> = line.split(MENTION_MARK).collect();
        assert_eq!(segments.len() % 2, 1, "{}: unpaired marks", path.display());
        for id in segments.iter().skip(1).step_by(2) {
            assert!(
                allowed.iter().any(|a| a == id),
                "{}: {id:?}",
                path.display()
            );
        }
        replayed += 1;
    }
    assert!(replayed > 0, "the corpus is empty");
}

mod properties {
    //! Whatever the text and entities, the command line holds tokens only for people an
    //! entity vouches for and the directory resolved.
    use super::*;
    use proptest::prelude::*;

    fn fragment() -> impl Strategy<Value = String> {
        prop_oneof![
            3 => prop::sample::select(vec![
                "<at>", "</at>", "<AT>", "</At>", "<at id=\"0\">", "Alex", "Sam Lee", "@Alex", " ",
                "  ", "\n", ",", "&amp;", "&lt;at&gt;", "&#57344;", "&#xE000;", "\u{E000}",
                "<p>", "</p>", "<div>", "<br/>", "<", ">", "&nbsp;", "dir-29:a", "<emoji alt=\"🎉\">",
                "&", ";", "é", "<at>Alex</at>", "<at>Sam Lee</at>", "<at>Ambassador</at>",
            ])
            .prop_map(str::to_string),
            1 => "\\PC{0,6}",
        ]
    }

    fn entity() -> impl Strategy<Value = (String, String)> {
        let text = prop_oneof![
            prop::sample::select(vec![
                "<at>Alex</at>",
                "<at>Sam Lee</at>",
                "<at>@Alex</at>",
                "Alex",
                "",
                "<at>Ambassador</at>",
                "<at></at>"
            ])
            .prop_map(str::to_string),
            "\\PC{0,10}",
        ];
        let id = prop_oneof![
            prop::sample::select(vec!["29:a", "29:b", BOT, "29:c d", "29:\u{E000}"])
                .prop_map(str::to_string),
            "\\PC{1,8}",
        ];
        (text, id)
    }

    /// A resolver that knows some people, and answers unusable ids for others.
    fn resolve(account: &Account) -> Option<String> {
        match account.id.len() % 4 {
            0 => None,
            1 => Some(format!("dir-{}", account.id)),
            2 => Some(format!("dir {}", account.id)),
            _ => Some(account.id.clone()),
        }
    }

    /// The ids between mark pairs: `None` when marks are unpaired.
    fn tokens(line: &str) -> Option<Vec<String>> {
        let segments: Vec<&str> = line.split(MENTION_MARK).collect();
        (segments.len() % 2 == 1).then(|| {
            segments
                .iter()
                .skip(1)
                .step_by(2)
                .map(|s| s.to_string())
                .collect()
        })
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(1024))]

        #[test]
        fn only_vouched_and_resolved_people_become_tokens(
            fragments in prop::collection::vec(fragment(), 0..24),
            mentions in prop::collection::vec(entity(), 0..5),
        ) {
            // Arrange
            let text: String = fragments.concat();
            let mentions: Vec<(&str, &str, &str)> =
                mentions.iter().map(|(t, id)| (t.as_str(), id.as_str(), "n")).collect();
            let activity = message(&text, &mentions);
            let allowed: Vec<String> = activity
                .mentions
                .iter()
                .filter(|m| m.mentioned.id != BOT)
                .filter_map(|m| resolve(&m.mentioned))
                .collect();
            // Act
            let line = command_text(&activity, BOT, resolve);
            // Assert
            let found = tokens(&line);
            prop_assert!(found.is_some(), "unpaired marks in {line:?}");
            for id in found.unwrap_or_default() {
                prop_assert!(allowed.contains(&id), "{id:?} was not vouched for in {text:?}");
                prop_assert_eq!(parse_mention(&mention_token(&id)), Some(id.clone()));
            }
            prop_assert_eq!(line.trim(), line.as_str());
            if activity.mentions.is_empty() {
                prop_assert!(!line.contains(MENTION_MARK));
            }
        }

        #[test]
        fn any_text_at_all_never_panics(text in "\\PC{0,200}", with_entity in any::<bool>()) {
            let mentions: &[(&str, &str, &str)] =
                if with_entity { &[("<at>Alex</at>", ALEX, "Alex")] } else { &[] };
            let line = command_text(&message(&text, mentions), BOT, directory);
            prop_assert!(tokens(&line).is_some());
        }
    }
}
