//! Tests of [`super`]: what each recorded or documented payload decodes to, and what is refused.
use super::*;

/// What one fixture in `fixtures/` must decode to.
struct Case {
    file: &'static str,
    kind: &'static str,
    tenant: Option<&'static str>,
    personal: bool,
    team: Option<&'static str>,
    installation: Option<Installation>,
    /// The verb of the `Action.Execute` press, when it is one.
    execute: Option<&'static str>,
    people_added: usize,
}

#[allow(clippy::too_many_arguments)]
const fn case(
    file: &'static str,
    kind: &'static str,
    tenant: Option<&'static str>,
    personal: bool,
    team: Option<&'static str>,
    installation: Option<Installation>,
    execute: Option<&'static str>,
    people_added: usize,
) -> Case {
    Case {
        file,
        kind,
        tenant,
        personal,
        team,
        installation,
        execute,
        people_added,
    }
}

const MS: Option<&str> = Some("72f988bf-86f1-41af-91ab-2d7cd011db47");
const RIDO: Option<&str> = Some("56653e9d-2158-46ee-90d7-675c39642038");
const SONGS_TEAM: Option<&str> = Some("19:efa9296d959346209fea44151c742e73@thread.skype");
const TEST_TEAM: Option<&str> = Some("19:zFLSDFWsesfzcmKArqKJ-65aOXJz@sgf462H2wz41@thread.tacv2");
const ADDED: Option<Installation> = Some(Installation::Added);
const REMOVED: Option<Installation> = Some(Installation::Removed);

/// The corpus; `fixtures/README.md` says where each payload comes from.
#[rustfmt::skip]
const CORPUS: &[Case] = &[
    case("message_personal.json", "message", MS, true, None, None, None, 0),
    case("message_channel_mention.json", "message", Some("50612dbb-0237-4969-b378-8d42590f9c00"), false,
         Some("19:66P469zibfbsGI-_a0aN_toLTZpyzS6u7CT3TsXdgPw1@thread.tacv2"), None, None, 0),
    case("message_channel_kudos.json", "message", Some("0b5c2d3e-7f4a-4e1b-9c8d-5a6b7c8d9e0f"), false,
         Some("19:Qm3kS8uYp2vX7tR1wZ5nL9cF4hJ6dG0bA8eK2mN4pQ1@thread.tacv2"), None, None, 0),
    case("message_submit_value.json", "message", RIDO, true, None, None, None, 0),
    case("message_back.json", "message", Some("bec8e231-67ad-484e-87f4-3e5438390a77"), false,
         Some("19:12d021jdoijsaeoaue0u@thread.skype"), None, None, 0),
    case("conversation_update_bot_added_team.json", "conversationUpdate", Some("b28fdbfd-2b78-4f93-b0f8-8881793f0f8f"),
         false, TEST_TEAM, ADDED, None, 0),
    case("conversation_update_bot_added_personal.json", "conversationUpdate", Some("<tenant id>"), true, None, ADDED, None, 1),
    case("conversation_update_member_removed.json", "conversationUpdate", MS, false, SONGS_TEAM, None, None, 0),
    case("conversation_update_bot_removed.json", "conversationUpdate", MS, false, SONGS_TEAM, REMOVED, None, 0),
    case("conversation_update_channel_created.json", "conversationUpdate", MS, false, SONGS_TEAM, None, None, 0),
    case("installation_update_add.json", "installationUpdate", Some("b28fdbfd-2b78-4f93-b0f8-8881793f0f8f"), false,
         TEST_TEAM, ADDED, None, 0),
    case("installation_update_remove_personal.json", "installationUpdate", RIDO, true, None, REMOVED, None, 0),
    case("invoke_adaptive_card_action.json", "invoke", RIDO, true, None, None, Some(""), 0),
    case("invoke_adaptive_card_action_click.json", "invoke", MS, false, Some("19:712c61d0ef384e5fa681ba90ca943398@thread.skype"),
         None, Some("click"), 0),
    case("invoke_classic.json", "invoke", MS, false, Some("19:712c61d0ef384e5fa681ba90ca943398@thread.skype"), None, None, 0),
    case("message_reaction.json", "messageReaction", MS, false, SONGS_TEAM, None, None, 0),
    case("typing.json", "typing", RIDO, true, None, None, None, 0),
];

fn fixtures_dir() -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src/platform/teams/fixtures")
}

/// The body of a fixture, as bytes.
pub(crate) fn fixture_bytes(file: &str) -> Vec<u8> {
    std::fs::read(fixtures_dir().join(file)).unwrap_or_else(|e| panic!("fixture {file}: {e}"))
}

/// A fixture, decoded.
pub(crate) fn fixture(file: &str) -> Activity {
    decode(&fixture_bytes(file)).unwrap_or_else(|e| panic!("{file} must decode, got {e}"))
}

/// Every `*.json` file in the fixtures folder.
pub(crate) fn fixture_files() -> Vec<String> {
    let mut files: Vec<String> = std::fs::read_dir(fixtures_dir())
        .expect("the fixtures folder")
        .filter_map(|entry| entry.ok())
        .map(|entry| entry.file_name().to_string_lossy().into_owned())
        .filter(|name| name.ends_with(".json"))
        .collect();
    files.sort();
    files
}

#[test]
fn every_fixture_decodes_to_what_the_table_says() {
    for case in CORPUS {
        // Act
        let activity = fixture(case.file);
        // Assert
        let file = case.file;
        assert_eq!(activity.kind.as_str(), case.kind, "{file} kind");
        assert_eq!(activity.tenant_id(), case.tenant, "{file} tenant");
        assert_eq!(activity.is_personal(), case.personal, "{file} personal");
        assert_eq!(activity.team_id(), case.team, "{file} team");
        assert_eq!(
            activity.installation(),
            case.installation,
            "{file} installation"
        );
        assert_eq!(
            activity.invoke_action().map(|a| a.verb),
            case.execute.map(str::to_string),
            "{file} Action.Execute"
        );
        assert_eq!(
            activity.people_added().count(),
            case.people_added,
            "{file} people added"
        );
        assert_eq!(activity.channel_id, "msteams", "{file} channel");
        assert!(
            activity.service_url.starts_with("https://"),
            "{file} serviceUrl"
        );
        assert!(!activity.from.id.is_empty() && !activity.conversation_id().is_empty());
    }
}

#[test]
fn the_table_and_the_fixtures_folder_list_the_same_files() {
    let mut listed: Vec<String> = CORPUS.iter().map(|c| c.file.to_string()).collect();
    listed.sort();
    assert_eq!(fixture_files(), listed);
}

#[test]
fn a_personal_message_carries_the_sender_the_bot_and_the_clients_zone() {
    let activity = fixture("message_personal.json");
    assert_eq!(activity.text.as_deref(), Some("Hello Teams TestBot"));
    assert_eq!(activity.text_format.as_deref(), Some("plain"));
    assert_eq!(activity.from.name.as_deref(), Some("Megan Bowen"));
    assert_eq!(
        activity.from.aad_object_id.as_deref(),
        Some("7faf8ab2-3d56-4244-b585-20c8a42ed2b8")
    );
    assert_eq!(
        activity.recipient.id,
        "28:c9e8c047-2a74-40a2-b28a-b162d5f5327c"
    );
    assert_eq!(activity.timezone.as_deref(), Some("America/Los_Angeles"));
    assert_eq!(activity.locale.as_deref(), Some("en-US"));
    assert_eq!(activity.id.as_deref(), Some("1485983408511"));
    assert!(activity.mentions.is_empty());
    assert_eq!(activity.invoke_action(), None);
}

#[test]
fn a_channel_message_lists_its_mention_entities_and_ignores_client_info() {
    let activity = fixture("message_channel_mention.json");
    assert_eq!(
        activity.text.as_deref(),
        Some("<at>ridotest</at> reply to thread")
    );
    assert_eq!(activity.mentions.len(), 1);
    let mention = &activity.mentions[0];
    assert_eq!(mention.text, "<at>ridotest</at>");
    assert_eq!(mention.mentioned.id, activity.recipient.id);
    assert_eq!(mention.mentioned.name.as_deref(), Some("ridotest"));
    assert_eq!(
        activity
            .channel_data
            .channel
            .as_ref()
            .map(|c| c.id.as_str()),
        Some("19:6848757105754c8981c67612732d9aa7@thread.tacv2")
    );
    assert_eq!(activity.conversation.is_group, Some(true));
    assert_eq!(
        activity.conversation_id(),
        "19:6848757105754c8981c67612732d9aa7@thread.tacv2;messageid=1759881511856"
    );
}

#[test]
fn the_tenant_is_lower_cased_whichever_field_carries_it() {
    // Arrange: upper case in both places.
    let activity = fixture("message_channel_kudos.json");
    // Assert
    assert_eq!(
        activity.conversation.tenant_id.as_deref(),
        Some("0b5c2d3e-7f4a-4e1b-9c8d-5a6b7c8d9e0f")
    );
    assert_eq!(
        activity.channel_data.tenant_id.as_deref(),
        Some("0b5c2d3e-7f4a-4e1b-9c8d-5a6b7c8d9e0f")
    );
    // Only channelData has it here.
    let reaction = fixture("message_reaction.json");
    assert_eq!(reaction.conversation.tenant_id, None);
    assert_eq!(reaction.tenant_id(), MS);
}

#[test]
fn a_bot_added_to_a_team_carries_the_team_and_the_event_type() {
    let activity = fixture("conversation_update_bot_added_team.json");
    assert!(activity.adds_bot());
    assert!(!activity.removes_bot());
    assert_eq!(
        activity.channel_data.event_type.as_deref(),
        Some("teamMemberAdded")
    );
    let team = activity.channel_data.team.expect("a team");
    assert_eq!(team.name.as_deref(), Some("TestTeam2022"));
    assert_eq!(
        team.aad_group_id.as_deref(),
        Some("f3ec8cd2-e704-4344-8c47-9a3a21d683c0")
    );
}

#[test]
fn a_bot_added_to_a_personal_chat_welcomes_the_person_and_not_itself() {
    let activity = fixture("conversation_update_bot_added_personal.json");
    let people: Vec<&Account> = activity.people_added().collect();
    assert_eq!(people.len(), 1);
    assert_eq!(people[0].id, "29:<userID>");
    assert_eq!(people[0].aad_object_id.as_deref(), Some("***"));
}

#[test]
fn a_member_removed_is_not_the_bot_removed() {
    let activity = fixture("conversation_update_member_removed.json");
    assert_eq!(activity.members_removed.len(), 1);
    assert!(!activity.removes_bot());
    assert_eq!(
        activity.channel_data.event_type.as_deref(),
        Some("teamMemberRemoved")
    );
}

#[test]
fn installation_updates_keep_their_action_word() {
    assert_eq!(
        fixture("installation_update_add.json").action.as_deref(),
        Some("add")
    );
    assert_eq!(
        fixture("installation_update_remove_personal.json")
            .action
            .as_deref(),
        Some("remove-upgrade")
    );
}

#[test]
fn an_execute_press_gives_its_verb_id_and_data() {
    let activity = fixture("invoke_adaptive_card_action_click.json");
    let press = activity.invoke_action().expect("an Action.Execute press");
    assert_eq!(press.id.as_deref(), Some("pulse-42-q1-5"));
    assert_eq!(press.verb, "click");
    assert_eq!(press.data, serde_json::json!({"action": "pulse:42:0:5"}));
    assert_eq!(activity.reply_to_id.as_deref(), Some("1575667808184"));
    assert_eq!(activity.timezone.as_deref(), Some("Europe/Warsaw"));
    assert_eq!(activity.locale.as_deref(), Some("pl-PL"));
}

#[test]
fn a_recorded_execute_press_without_verb_still_carries_its_data() {
    let press = fixture("invoke_adaptive_card_action.json")
        .invoke_action()
        .expect("an Action.Execute press");
    assert_eq!(press.verb, "");
    assert_eq!(press.id, None);
    assert_eq!(press.data, serde_json::json!({"feedback": "test invokes"}));
}

#[test]
fn a_submit_press_arrives_as_a_message_with_its_value_and_no_text() {
    let activity = fixture("message_submit_value.json");
    assert_eq!(activity.text, None);
    assert_eq!(
        activity.value,
        Some(
            serde_json::json!({"kind": "pulse", "round": "42", "score": 5,
            "comment": "More focus time, please"})
        )
    );
    assert_eq!(activity.reply_to_id.as_deref(), Some("1767765488332"));
    assert_eq!(activity.invoke_action(), None);
}

#[test]
fn message_back_carries_both_text_and_value() {
    let activity = fixture("message_back.json");
    assert_eq!(
        activity.text.as_deref(),
        Some("User just clicked the MessageBack button")
    );
    assert_eq!(
        activity.value,
        Some(serde_json::json!({"property": "propertyValue"}))
    );
}

#[test]
fn the_deprecated_team_and_channel_ids_stand_in_when_alone() {
    let body = br#"{"type":"message","serviceUrl":"https://s/","from":{"id":"29:a"},
        "conversation":{"id":"19:c@thread.skype;messageid=1"},
        "channelData":{"teamsChannelId":"19:c@thread.skype","teamsTeamId":"19:t@thread.skype"}}"#;
    let activity = decode(body).expect("decodes");
    assert_eq!(activity.team_id(), Some("19:t@thread.skype"));
    assert_eq!(
        activity.channel_data.channel.map(|c| c.id),
        Some("19:c@thread.skype".to_string())
    );
}

#[test]
fn an_execute_invoke_of_another_action_type_or_name_is_not_a_press() {
    let body = |name: &str, action_type: &str| {
        format!(
            r#"{{"type":"invoke","name":"{name}","serviceUrl":"https://s/","from":{{"id":"29:a"}},
            "conversation":{{"id":"a:1"}},"value":{{"action":{{"type":"{action_type}","verb":"v"}}}}}}"#
        )
    };
    let press = |name: &str, t: &str| decode(body(name, t).as_bytes()).map(|a| a.invoke_action());
    assert_eq!(press(ADAPTIVE_CARD_ACTION, "Action.Submit"), Ok(None));
    assert_eq!(press("task/fetch", "Action.Execute"), Ok(None));
    assert!(matches!(press(ADAPTIVE_CARD_ACTION, "Action.Execute"), Ok(Some(a)) if a.verb == "v"));
}

#[test]
fn fields_of_unexpected_types_are_read_as_absent() {
    let body = br#"{"type":"message","serviceUrl":"https://s/","from":{"id":"29:a","name":7},
        "conversation":{"id":"a:1","isGroup":"yes","tenantId":{}},"recipient":"bot",
        "entities":{"type":"mention"},"membersAdded":[null,{"name":"no id"},{"id":"29:b"}],
        "channelData":[1,2],"text":["x"],"locale":"","value":null,"futureField":{"x":1}}"#;
    let activity = decode(body).expect("lenient");
    assert_eq!(activity.from.name, None);
    assert_eq!(activity.conversation.is_group, None);
    assert_eq!(activity.tenant_id(), None);
    assert_eq!(activity.recipient, Account::default());
    assert!(activity.mentions.is_empty());
    assert_eq!(activity.members_added.len(), 1);
    assert_eq!(activity.channel_data, ChannelData::default());
    assert_eq!(activity.text, None);
    assert_eq!(activity.locale, None);
    assert_eq!(activity.value, None);
    // No recipient: nobody added can be mistaken for the bot.
    assert!(!activity.adds_bot());
}

#[test]
fn an_unknown_type_is_kept_by_name() {
    assert_eq!(
        ActivityKind::parse("messageReaction"),
        ActivityKind::Other("messageReaction".into())
    );
    assert_eq!(ActivityKind::parse("Message"), ActivityKind::Message);
    assert_eq!(
        ActivityKind::parse("installationUpdate").as_str(),
        "installationUpdate"
    );
}

/// A minimal valid activity with one field replaced (or removed, for `null`).
fn with(path: &[&str], value: serde_json::Value) -> Vec<u8> {
    let mut body = serde_json::json!({"type":"message","serviceUrl":"https://s/",
        "from":{"id":"29:a"},"conversation":{"id":"a:1"}});
    let mut slot = &mut body;
    for key in &path[..path.len() - 1] {
        slot = &mut slot[*key];
    }
    let last = path[path.len() - 1];
    match value {
        serde_json::Value::Null => {
            slot.as_object_mut().expect("an object").remove(last);
        }
        value => slot[last] = value,
    }
    serde_json::to_vec(&body).expect("serializes")
}

#[test]
fn each_required_field_is_named_when_missing_or_wrong() {
    use serde_json::{Value, json};
    #[rustfmt::skip]
    let cases: &[(&[&str], Value, DecodeError)] = &[
        (&["type"], Value::Null, DecodeError::Missing("type")),
        (&["type"], json!(""), DecodeError::Missing("type")),
        (&["type"], json!(3), DecodeError::WrongType { field: "type", expected: "a string" }),
        (&["serviceUrl"], Value::Null, DecodeError::Missing("serviceUrl")),
        (&["serviceUrl"], json!("  "), DecodeError::Missing("serviceUrl")),
        (&["from"], Value::Null, DecodeError::Missing("from.id")),
        (&["from"], json!("29:a"), DecodeError::WrongType { field: "from", expected: "an object" }),
        (&["from", "id"], Value::Null, DecodeError::Missing("from.id")),
        (&["from", "id"], json!(false), DecodeError::WrongType { field: "from.id", expected: "a string" }),
        (&["conversation"], Value::Null, DecodeError::Missing("conversation.id")),
        (&["conversation"], json!([]), DecodeError::WrongType { field: "conversation", expected: "an object" }),
        (&["conversation", "id"], Value::Null, DecodeError::Missing("conversation.id")),
    ];
    for (path, value, expected) in cases {
        assert_eq!(
            decode(&with(path, value.clone())).as_ref(),
            Err(expected),
            "{path:?} = {value}"
        );
    }
    assert_eq!(
        DecodeError::Missing("conversation.id").to_string(),
        "the activity has no conversation.id"
    );
}

#[test]
fn bodies_that_are_not_json_objects_are_refused_clearly() {
    assert!(matches!(
        decode(b"type=message"),
        Err(DecodeError::NotJson(_))
    ));
    assert!(matches!(decode(b""), Err(DecodeError::NotJson(_))));
    assert!(matches!(
        decode(b"\xff\xfe{}"),
        Err(DecodeError::NotJson(_))
    ));
    assert_eq!(decode(b"[1,2]"), Err(DecodeError::NotAnObject));
    assert_eq!(decode(b"\"message\""), Err(DecodeError::NotAnObject));
}

#[test]
fn a_body_nested_past_the_limit_is_refused_before_parsing() {
    // Arrange: deep inside `value`, where a card's data goes.
    let deep = |levels: usize| {
        format!(
            r#"{{"type":"message","serviceUrl":"https://s/","from":{{"id":"29:a"}},"conversation":{{"id":"a:1"}},"value":{}{}}}"#,
            "[".repeat(levels),
            "]".repeat(levels)
        )
    };
    // Act / Assert: the root object is one level.
    assert!(decode(deep(MAX_DEPTH - 1).as_bytes()).is_ok());
    assert_eq!(
        decode(deep(MAX_DEPTH).as_bytes()),
        Err(DecodeError::TooDeep { max: MAX_DEPTH })
    );
    assert_eq!(
        decode("[".repeat(100_000).as_bytes()),
        Err(DecodeError::TooDeep { max: MAX_DEPTH })
    );
    // Brackets inside strings do not count.
    let in_text = with(&["text"], serde_json::json!("[".repeat(500)));
    assert!(decode(&in_text).is_ok());
}

/// The inputs the `activity` fuzz target kept (minimised), replayed on every test run.
#[test]
fn every_kept_fuzz_input_decodes_without_panicking() {
    let dir = fixtures_dir().join("corpus/activity");
    let mut replayed = 0;
    for entry in std::fs::read_dir(&dir).expect("the kept activity corpus") {
        let path = entry.expect("an entry").path();
        let bytes = std::fs::read(&path).expect("a kept input");
        if let Ok(activity) = decode(&bytes) {
            properties::check(&activity);
            let bot = activity.recipient.id.clone();
            let line = crate::platform::teams::mentions::command_text(&activity, &bot, |a| {
                Some(format!("dir-{}", a.id))
            });
            let marks = line
                .matches(crate::platform::teams::mentions::MENTION_MARK)
                .count();
            assert_eq!(marks % 2, 0, "{}", path.display());
        }
        replayed += 1;
    }
    assert!(replayed > 0, "the corpus is empty");
}

mod properties {
    //! Decoding never panics, whatever arrives, and what decodes keeps its promises.
    use super::*;
    use crate::platform::teams::activity::arbitrary;
    use proptest::prelude::*;

    /// Calls every reader of an activity and checks what holds for any decoded activity.
    pub(super) fn check(activity: &Activity) {
        assert!(!activity.service_url.trim().is_empty());
        assert!(!activity.from.id.trim().is_empty());
        assert!(!activity.conversation_id().trim().is_empty());
        if let Some(tenant) = activity.tenant_id() {
            assert_eq!(tenant, tenant.to_lowercase());
        }
        if activity.invoke_action().is_some() {
            assert_eq!(activity.kind, ActivityKind::Invoke);
            assert_eq!(activity.name.as_deref(), Some(ADAPTIVE_CARD_ACTION));
        }
        let bot = activity.recipient.id.as_str();
        assert!(
            activity
                .people_added()
                .all(|p| !p.id.eq_ignore_ascii_case(bot) || bot.is_empty())
        );
        if activity.installation() == Some(Installation::Added)
            && activity.kind == ActivityKind::ConversationUpdate
        {
            assert!(activity.adds_bot());
        }
        let _ = (
            activity.is_personal(),
            activity.team_id(),
            activity.removes_bot(),
        );
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(512))]

        #[test]
        fn arbitrary_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..2048)) {
            if let Ok(activity) = decode(&bytes) {
                check(&activity);
            }
        }

        #[test]
        fn arbitrary_json_never_panics(value in arbitrary::json(6)) {
            let body = serde_json::to_vec(&value).expect("serializes");
            if let Ok(activity) = decode(&body) {
                check(&activity);
            }
        }

        #[test]
        fn recorded_fixtures_with_a_random_value_spliced_in_never_panic(
            file in prop::sample::select(fixture_files()),
            path in prop::collection::vec(any::<usize>(), 0..6),
            value in arbitrary::json(4),
        ) {
            // Arrange
            let mut body: serde_json::Value =
                serde_json::from_slice(&fixture_bytes(&file)).expect("the fixture is JSON");
            arbitrary::splice(&mut body, &path, value);
            let bytes = serde_json::to_vec(&body).expect("serializes");
            // Act
            match decode(&bytes) {
                // Assert
                Ok(activity) => check(&activity),
                Err(DecodeError::Missing(_) | DecodeError::WrongType { .. } | DecodeError::NotAnObject) => {}
                Err(other) => prop_assert!(false, "{file}: unexpected {other}"),
            }
        }

        #[test]
        fn truncated_fixtures_are_refused_without_panicking(
            file in prop::sample::select(fixture_files()),
            keep in 0.0f64..1.0,
        ) {
            let bytes = fixture_bytes(&file);
            // Cut inside the object: its closing brace is the last byte that is not a space.
            let end = bytes.iter().rposition(|b| !b.is_ascii_whitespace()).unwrap_or_default();
            let cut = (end as f64 * keep) as usize;
            prop_assert!(decode(&bytes[..cut]).is_err());
        }
    }
}
