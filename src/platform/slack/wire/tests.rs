//! Tests of [`super`]: what each shape decodes or renders to.
use super::*;

/// What one fixture in `fixtures/` must decode to.
struct Case {
    file: &'static str,
    /// `url_verification`, `ignored`, `event:<type>`, `event:other:<type>[/<subtype>]`,
    /// `command:<command>`, `interaction:<type>` or `interaction:other:<type>`.
    shape: &'static str,
    org: Option<&'static str>,
    actor: Option<&'static str>,
    event_id: Option<&'static str>,
}

const fn case(
    file: &'static str,
    shape: &'static str,
    org: Option<&'static str>,
    actor: Option<&'static str>,
    event_id: Option<&'static str>,
) -> Case {
    Case {
        file,
        shape,
        org,
        actor,
        event_id,
    }
}

/// The corpus. Each line names the SDK test whose payload shape the fixture follows (ids and
/// values are our own).
#[rustfmt::skip]
const CORPUS: &[Case] = &[
    // python-slack-sdk tests/slack_sdk/socket_mode/mock_socket_mode_server.py; bolt-python tests/scenario_tests/test_events_url_verification.py
    case("event_url_verification.json", "url_verification", None, None, None),
    // bolt-js test/unit/helpers/events.ts (createDummyReactionAddedEventMiddlewareArgs); java-slack-sdk json-logs/samples/events/ReactionAddedPayload.json
    case("event_reaction_added.json", "event:reaction_added", Some("T0ACME"), Some("U0ANA"), Some("Ev0REACT1")),
    // java-slack-sdk json-logs/samples/events/ReactionAddedPayload.json, with a file item
    case("event_reaction_added_file.json", "event:reaction_added", Some("T0ACME"), Some("U0ANA"), Some("Ev0REACT2")),
    // bolt-python tests/scenario_tests/test_events_shared_channels.py: top-level ids are the source side, authorizations[0] the installation
    case("event_reaction_added_shared_channel.json", "event:reaction_added", Some("T0ACME"), Some("W0PARTNER"), Some("Ev0REACT3")),
    // java-slack-sdk json-logs/samples/events/AppHomeOpenedPayload.json (`state: {}` inside the view); a workspace-level install on Enterprise Grid
    case("event_app_home_opened.json", "event:app_home_opened", Some("T0GRIDA"), Some("W0ANA"), Some("Ev0HOME1")),
    // bolt-python tests/scenario_tests/test_events_org_apps.py: authorizations[0].team_id null, is_enterprise_install true
    case("event_app_home_opened_org_install.json", "event:app_home_opened", Some("E0GRID"), Some("W0ANA"), Some("Ev0HOME2")),
    // java-slack-sdk json-logs/samples/events/TeamJoinPayload.json
    case("event_team_join.json", "event:team_join", Some("T0ACME"), Some("U0CLEO"), Some("Ev0JOIN1")),
    // java-slack-sdk json-logs/samples/events/AppUninstalledPayload.json
    case("event_app_uninstalled.json", "event:app_uninstalled", Some("T0ACME"), None, Some("Ev0GONE1")),
    // bolt-python tests/scenario_tests/test_events_token_revocations.py (test_app_uninstalled): enterprise_id only, no team_id
    case("event_app_uninstalled_org.json", "event:app_uninstalled", Some("E0GRID"), None, Some("Ev0GONE2")),
    // java-slack-sdk json-logs/samples/events/TokensRevokedPayload.json
    case("event_tokens_revoked.json", "event:tokens_revoked", Some("T0ACME"), None, Some("Ev0REVOKE1")),
    // bolt-python tests/scenario_tests/test_events_token_revocations.py and test_events_org_apps.py: team_id null, org-wide authorization
    case("event_tokens_revoked_org.json", "event:tokens_revoked", Some("E0GRID"), None, Some("Ev0REVOKE2")),
    // bolt-python tests/scenario_tests/test_events_org_apps.py (team_access_granted): an org-level event with no team at all
    case("event_team_access_granted_org.json", "event:other:team_access_granted", Some("E0GRID"), None, Some("Ev0ACCESS1")),
    // an event type no SDK knows, in the envelope of bolt-js test/unit/helpers/events.ts (envelopeEvent)
    case("event_unknown_type.json", "event:other:comet_sighted", Some("T0ACME"), None, Some("Ev0FUTURE1")),
    // java-slack-sdk json-logs/samples/events/MessageEkmAccessDeniedPayload.json: a message subtype the bot does not know
    case("event_message_unknown_subtype.json", "event:other:message/ekm_access_denied", Some("T0ACME"), None, Some("Ev0MSG1")),
    // java-slack-sdk json-logs/samples/events/AppRateLimitedPayload.json (the envelope Slack sends when over the events limit)
    case("event_app_rate_limited.json", "ignored", None, None, None),
    // bolt-python tests/scenario_tests/test_app_actor_user_token.py: a hand-made event_callback without event_id
    case("event_without_event_id.json", "ignored", None, None, None),
    // bolt-python tests/scenario_tests/test_slash_command.py; bolt-js test/unit/receivers/AwsLambdaReceiver.spec.ts (is_enterprise_install=false)
    case("command_kudos.txt", "command:/kudos", Some("T0ACME"), Some("U0ANA"), None),
    // bolt-python tests/scenario_tests/test_slash_command.py (enterprise_id, enterprise_name on a workspace-level install)
    case("command_kudos_enterprise.txt", "command:/kudos", Some("T0GRIDA"), Some("W0ANA"), None),
    // java-slack-sdk json-logs/samples/app-backend/slash-commands/SlashCommandPayload.json, with is_enterprise_install=true
    case("command_org_install.txt", "command:/pulse", Some("E0GRID"), Some("W0BEN"), None),
    // python-slack-sdk tests/slack_sdk/socket_mode/mock_socket_mode_server.py (slash_commands payload; form values as JSON strings)
    case("command_socket_mode.json", "command:/kudos", Some("T0ACME"), Some("U0ANA"), None),
    // bolt-python tests/scenario_tests/test_ssl_check.py
    case("command_ssl_check.txt", "ignored", None, None, None),
    // bolt-python tests/slack_bolt/request/test_request.py and tests/scenario_tests/test_function_block_action.py (message container, message blocks)
    case("interaction_block_actions_message.json", "interaction:block_actions", Some("T0ACME"), Some("U0ANA"), None),
    // bolt-python tests/scenario_tests/test_block_actions.py (is_ephemeral true, team.enterprise_id)
    case("interaction_block_actions_ephemeral.json", "interaction:block_actions", Some("T0GRIDA"), Some("W0ANA"), None),
    // bolt-python tests/scenario_tests/test_block_suggestion.py (view container); a press on the App Home
    case("interaction_block_actions_view.json", "interaction:block_actions", Some("T0ACME"), Some("U0ANA"), None),
    // bolt-python tests/scenario_tests/test_block_actions.py, the button being a section's accessory
    case("interaction_block_actions_accessory.json", "interaction:block_actions", Some("T0ACME"), Some("U0BEN"), None),
    // python-slack-sdk tests/slack_sdk/socket_mode/mock_socket_mode_server.py (static_select with selected_option)
    case("interaction_block_actions_static_select.json", "interaction:block_actions", Some("T0ACME"), Some("U0ANA"), None),
    // bolt-js test/unit/helpers/events.ts (createDummyFunctionScopedBlockActionEventMiddlewareArgs); java-slack-sdk BlockActionPayload.json (interactivity); no trigger_id
    case("interaction_block_actions_function.json", "interaction:block_actions", Some("T0ACME"), Some("U0ANA"), None),
    // bolt-python tests/slack_bolt/request/test_request.py (test_org_wide_installations_block_actions): team null
    case("interaction_block_actions_org_install.json", "interaction:block_actions", Some("E0GRID"), Some("W0ANA"), None),
    // bolt-js test/unit/helpers/events.ts (createDummyBlockActionEventMiddlewareArgs): `container: {}`
    case("interaction_block_actions_bare_container.json", "interaction:block_actions", Some("T0ACME"), Some("U0ANA"), None),
    // bolt-python tests/scenario_tests/test_view_submission.py (body)
    case("interaction_view_submission_kudos.json", "interaction:view_submission", Some("T0ACME"), Some("U0ANA"), None),
    // bolt-python tests/scenario_tests/test_view_submission.py (response_url_payload_body: `state: {}`, no private_metadata)
    case("interaction_view_submission_empty_state.json", "interaction:view_submission", Some("T0ACME"), Some("U0ANA"), None),
    // bolt-python tests/scenario_tests/test_workflow_steps.py (save_payload: a `workflow_step` view without title)
    case("interaction_view_submission_workflow_step.json", "interaction:view_submission", Some("T0GRIDA"), Some("W0ANA"), None),
    // bolt-python tests/slack_bolt/request/test_request.py (test_org_wide_installations_view_submission): team null, app_installed_team_id
    case("interaction_view_submission_org_install.json", "interaction:view_submission", Some("E0GRID"), Some("W0BEN"), None),
    // bolt-python tests/scenario_tests/test_view_submission.py (connect_channel_payload): app_installed_team_id wins over team.id
    case("interaction_view_submission_shared_channel.json", "interaction:view_submission", Some("T0ACME"), Some("W0PARTNER"), None),
    // bolt-python tests/scenario_tests/test_view_closed.py
    case("interaction_view_closed.json", "interaction:other:view_closed", Some("T0ACME"), Some("U0ANA"), None),
    // bolt-python tests/scenario_tests/test_shortcut.py (message_shortcut_body)
    case("interaction_message_action.json", "interaction:message_action", Some("T0ACME"), Some("U0ANA"), None),
    // bolt-python tests/scenario_tests/test_shortcut.py (global_shortcut_body)
    case("interaction_shortcut.json", "interaction:other:shortcut", Some("T0GRIDA"), Some("W0ANA"), None),
    // bolt-python tests/scenario_tests/test_attachment_actions.py
    case("interaction_interactive_message.json", "interaction:other:interactive_message", Some("T0ACME"), Some("U0ANA"), None),
    // bolt-python tests/scenario_tests/test_dialogs.py (submission_body: `state` is a string)
    case("interaction_dialog_submission.json", "interaction:other:dialog_submission", Some("T0GRIDA"), Some("W0ANA"), None),
    // bolt-python tests/scenario_tests/test_dialogs.py (cancellation_body)
    case("interaction_dialog_cancellation.json", "interaction:other:dialog_cancellation", Some("T0GRIDA"), Some("W0ANA"), None),
    // bolt-python tests/scenario_tests/test_dialogs.py (suggestion_body)
    case("interaction_dialog_suggestion.json", "interaction:other:dialog_suggestion", Some("T0GRIDA"), Some("W0ANA"), None),
    // bolt-python tests/scenario_tests/test_workflow_steps.py (edit_payload)
    case("interaction_workflow_step_edit.json", "interaction:other:workflow_step_edit", Some("T0GRIDA"), Some("W0ANA"), None),
    // bolt-python tests/scenario_tests/test_block_suggestion.py
    case("interaction_block_suggestion.json", "interaction:other:block_suggestion", Some("T0ACME"), Some("U0ANA"), None),
];

fn fixtures_dir() -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src/platform/slack/fixtures")
}

fn read_fixture(file: &str) -> String {
    std::fs::read_to_string(fixtures_dir().join(file))
        .unwrap_or_else(|e| panic!("fixture {file}: {e}"))
}

/// The endpoint a fixture is for, from its name.
fn kind_of(file: &str) -> Kind {
    if file.starts_with("event_") {
        Kind::Event
    } else if file.starts_with("command_") {
        Kind::Command
    } else if file.starts_with("interaction_") {
        Kind::Interaction
    } else {
        panic!("{file}: a fixture's name starts with its endpoint")
    }
}

/// Decodes a fixture; an interaction is decoded both as Socket Mode sends it (bare JSON)
/// and as HTTP does (`payload=` form), which must agree.
fn fixture(file: &str) -> Request {
    let body = read_fixture(file);
    let kind = kind_of(file);
    let request = decode(kind, &body).unwrap_or_else(|e| panic!("{file} must decode, got {e}"));
    if kind == Kind::Interaction {
        let form = serde_urlencoded::to_string([("payload", body.as_str())])
            .expect("a payload form encodes");
        let over_http = decode(kind, &form).expect("the payload form decodes");
        assert_eq!(over_http, request, "{file}: HTTP and Socket Mode agree");
    }
    request
}

fn shape(request: &Request) -> String {
    match request {
        Request::UrlVerification { .. } => "url_verification".into(),
        Request::Ignored { .. } => "ignored".into(),
        Request::Event(e) => match &e.event {
            Event::ReactionAdded { .. } => "event:reaction_added".into(),
            Event::AppHomeOpened { .. } => "event:app_home_opened".into(),
            Event::TeamJoin { .. } => "event:team_join".into(),
            Event::AppUninstalled => "event:app_uninstalled".into(),
            Event::TokensRevoked { .. } => "event:tokens_revoked".into(),
            Event::Other {
                event_type,
                subtype,
            } => match subtype {
                Some(s) => format!("event:other:{event_type}/{s}"),
                None => format!("event:other:{event_type}"),
            },
        },
        Request::Command(c) => format!("command:{}", c.command),
        Request::Interaction(i) => match i {
            Interaction::BlockActions(_) => "interaction:block_actions".into(),
            Interaction::ViewSubmission(_) => "interaction:view_submission".into(),
            Interaction::MessageShortcut(_) => "interaction:message_action".into(),
            Interaction::Other {
                interaction_type, ..
            } => format!("interaction:other:{interaction_type}"),
        },
    }
}

#[test]
fn every_fixture_decodes_to_what_the_table_says() {
    for case in CORPUS {
        // Act
        let request = fixture(case.file);
        // Assert
        assert_eq!(shape(&request), case.shape, "{}", case.file);
        assert_eq!(request.org_key().as_deref(), case.org, "{} org", case.file);
        assert_eq!(
            request.actor().as_deref(),
            case.actor,
            "{} actor",
            case.file
        );
        assert_eq!(request.event_id(), case.event_id, "{} event id", case.file);
    }
}

#[test]
fn the_table_and_the_fixtures_folder_list_the_same_files() {
    let mut on_disk: Vec<String> = std::fs::read_dir(fixtures_dir())
        .expect("the fixtures folder")
        .filter_map(|entry| entry.ok())
        .map(|entry| entry.file_name().to_string_lossy().into_owned())
        .collect();
    on_disk.sort();
    let mut listed: Vec<String> = CORPUS.iter().map(|c| c.file.to_string()).collect();
    listed.sort();
    assert_eq!(on_disk, listed);
}

fn block_actions_of(file: &str) -> BlockActions {
    match fixture(file) {
        Request::Interaction(Interaction::BlockActions(b)) => b,
        other => panic!("{file}: {other:?}"),
    }
}

fn view_submission_of(file: &str) -> ViewSubmission {
    match fixture(file) {
        Request::Interaction(Interaction::ViewSubmission(v)) => v,
        other => panic!("{file}: {other:?}"),
    }
}

fn event_of(file: &str) -> EventEnvelope {
    match fixture(file) {
        Request::Event(e) => e,
        other => panic!("{file}: {other:?}"),
    }
}

#[test]
fn the_url_check_carries_its_challenge() {
    assert_eq!(
        fixture("event_url_verification.json"),
        Request::UrlVerification {
            challenge: "c2hhbGwgd2UgZGFuY2U".into()
        }
    );
}

#[test]
fn a_reaction_to_a_message_names_the_message_and_one_to_a_file_does_not() {
    assert_eq!(
        event_of("event_reaction_added.json").event,
        Event::ReactionAdded {
            user: "U0ANA".into(),
            reaction: "clap".into(),
            item_user: Some("U0BEN".into()),
            channel: Some("C0GENERAL".into()),
            ts: Some("1760000000.000100".into()),
        }
    );
    let Event::ReactionAdded { channel, ts, .. } = event_of("event_reaction_added_file.json").event
    else {
        panic!("a reaction")
    };
    assert_eq!((channel, ts), (None, None));
}

#[test]
fn an_org_wide_install_is_keyed_by_its_enterprise_but_remembers_the_workspace() {
    let home = event_of("event_app_home_opened_org_install.json");
    assert_eq!(
        home.workspace,
        Workspace {
            team_id: Some("T0GRIDA".into()),
            enterprise_id: Some("E0GRID".into()),
            is_enterprise_install: true,
        }
    );
    assert_eq!(
        home.event,
        Event::AppHomeOpened {
            user: "W0ANA".into(),
            tab: Some("messages".into())
        }
    );
    let revoked = event_of("event_tokens_revoked_org.json");
    assert_eq!(revoked.workspace.team_id, None);
    assert_eq!(
        revoked.event,
        Event::TokensRevoked {
            users: vec![],
            bots: vec!["W0BOT".into()]
        }
    );
    let submitted = view_submission_of("interaction_view_submission_org_install.json");
    assert_eq!(submitted.workspace.team_id.as_deref(), Some("T0GRIDA"));
    assert!(submitted.workspace.is_enterprise_install);
}

#[test]
fn a_shared_channel_event_belongs_to_the_installation_not_the_other_side() {
    let e = event_of("event_reaction_added_shared_channel.json");
    assert_eq!(
        e.workspace,
        Workspace {
            team_id: Some("T0ACME".into()),
            // The authorization says null: the partner's E0PARTNER is not ours.
            enterprise_id: None,
            is_enterprise_install: false,
        }
    );
}

#[test]
fn team_join_keeps_the_whole_user_object() {
    let Event::TeamJoin { user } = event_of("event_team_join.json").event else {
        panic!("team_join")
    };
    assert_eq!(user["profile"]["display_name"], "cleo");
    assert_eq!(user["tz"], "Europe/Athens");
}

#[test]
fn tokens_revoked_lists_user_and_bot_tokens() {
    assert_eq!(
        event_of("event_tokens_revoked.json").event,
        Event::TokensRevoked {
            users: vec!["U0ANA".into()],
            bots: vec!["U0BOT".into()]
        }
    );
}

#[test]
fn a_command_form_keeps_its_text_raw_and_its_reply_routes() {
    let Request::Command(c) = fixture("command_kudos.txt") else {
        panic!("a command")
    };
    assert_eq!(
        c,
        Command {
            workspace: Workspace {
                team_id: Some("T0ACME".into()),
                enterprise_id: None,
                is_enterprise_install: false,
            },
            user_id: "U0ANA".into(),
            command: "/kudos".into(),
            text: "<@U0BEN|ben> for the release notes & demo".into(),
            response_url: Some("https://hooks.invalid/commands/T0ACME/1/abc".into()),
            trigger_id: Some("1760000800.1.abc".into()),
            channel_id: Some("C0GENERAL".into()),
        }
    );
}

#[test]
fn a_socket_mode_command_reads_like_the_form() {
    let Request::Command(c) = fixture("command_socket_mode.json") else {
        panic!("a command")
    };
    assert_eq!(c.text, "");
    assert!(!c.workspace.is_enterprise_install, "\"false\" is false");
    assert_eq!(c.trigger_id.as_deref(), Some("1760000830.4.jkl"));
}

#[test]
fn a_click_in_a_message_carries_the_message_to_update() {
    let b = block_actions_of("interaction_block_actions_message.json");
    assert_eq!(
        b.container,
        Container::Message {
            channel_id: Some("D0ANA".into()),
            ts: "1760001000.000100".into(),
            is_ephemeral: false,
        }
    );
    assert_eq!(
        b.actions,
        vec![Action {
            action_id: "pulse:42:0:5".into(),
            block_id: Some("actions-0".into()),
            action_type: Some("button".into()),
            value: Some("pulse:42:0:5".into()),
            selected_option: None,
        }]
    );
    let message = b.message.expect("the message comes back");
    assert_eq!(message.text, "How are you today?");
    assert_eq!(
        message.blocks.and_then(|v| v.as_array().map(Vec::len)),
        Some(2)
    );
    assert_eq!(b.trigger_id.as_deref(), Some("1760001001.5.mno"));
}

#[test]
fn an_ephemeral_click_is_marked_so_it_is_not_updated() {
    let b = block_actions_of("interaction_block_actions_ephemeral.json");
    assert!(matches!(
        b.container,
        Container::Message {
            is_ephemeral: true,
            ..
        }
    ));
    assert_eq!(b.message, None);
}

#[test]
fn a_click_on_the_home_tab_names_the_view() {
    let b = block_actions_of("interaction_block_actions_view.json");
    assert_eq!(
        b.container,
        Container::View {
            view_id: "V0HOME".into()
        }
    );
}

#[test]
fn an_accessory_click_names_the_section_it_sits_in() {
    let b = block_actions_of("interaction_block_actions_accessory.json");
    assert_eq!(b.actions[0].action_id, "digest:open");
    assert_eq!(b.actions[0].block_id.as_deref(), Some("digest"));
    let blocks = b.message.and_then(|m| m.blocks).expect("blocks");
    assert_eq!(blocks[0]["accessory"]["action_id"], "digest:open");
}

#[test]
fn a_select_reports_the_chosen_option() {
    let b = block_actions_of("interaction_block_actions_static_select.json");
    assert_eq!(
        b.actions[0].selected_option.as_deref(),
        Some("settings:value:ownership")
    );
    assert_eq!(b.actions[0].value, None);
    assert_eq!(b.actions[0].action_type.as_deref(), Some("static_select"));
}

#[test]
fn a_function_scoped_click_has_no_trigger_and_still_decodes() {
    let b = block_actions_of("interaction_block_actions_function.json");
    assert_eq!(b.trigger_id, None);
    assert_eq!(b.actions[0].action_id, "approve");
}

#[test]
fn a_container_without_a_type_is_other() {
    let b = block_actions_of("interaction_block_actions_bare_container.json");
    assert_eq!(
        b.container,
        Container::Other {
            container_type: String::new()
        }
    );
}

#[test]
fn the_kudos_modal_submission_keeps_state_and_metadata() {
    let v = view_submission_of("interaction_view_submission_kudos.json");
    assert_eq!(v.view.id, "V0KUDOS");
    assert_eq!(v.view.view_type, "modal");
    assert_eq!(v.view.callback_id, "kudos-modal");
    assert_eq!(
        v.view.private_metadata.as_deref(),
        Some("{\"channel\":\"C0GENERAL\"}")
    );
    assert_eq!(
        v.view.state_values["kudos_people"]["people"]["selected_users"],
        serde_json::json!(["U0BEN", "U0CLEO"])
    );
}

#[test]
fn an_empty_state_reads_as_no_values() {
    let v = view_submission_of("interaction_view_submission_empty_state.json");
    assert_eq!(v.view.state_values, serde_json::json!({}));
    assert_eq!(v.view.private_metadata, None);
}

#[test]
fn a_workflow_step_view_decodes_like_a_modal() {
    let v = view_submission_of("interaction_view_submission_workflow_step.json");
    assert_eq!(v.view.view_type, "workflow_step");
    assert_eq!(v.view.callback_id, "kudos_step");
}

#[test]
fn the_message_shortcut_carries_the_quoted_message_and_its_author() {
    let Request::Interaction(Interaction::MessageShortcut(m)) =
        fixture("interaction_message_action.json")
    else {
        panic!("a message shortcut")
    };
    assert_eq!(m.callback_id, "give_kudos");
    assert_eq!(m.trigger_id.as_deref(), Some("1760002500.18.pqr"));
    assert_eq!(m.channel_id.as_deref(), Some("C0GENERAL"));
    assert_eq!(m.message.user.as_deref(), Some("U0BEN"));
    assert!(
        m.message
            .text
            .starts_with("Shipped! Thanks <@U0CLEO> &amp;")
    );
}

#[test]
fn a_message_event_with_an_unknown_subtype_is_other_not_an_error() {
    assert_eq!(
        event_of("event_message_unknown_subtype.json").event,
        Event::Other {
            event_type: "message".into(),
            subtype: Some("ekm_access_denied".into())
        }
    );
}

#[test]
fn a_known_type_without_what_the_bot_needs_is_ignored_not_refused() {
    let cases = [
        (
            Kind::Event,
            r#"{"type":"event_callback","event_id":"Ev1","team_id":"T1",
                "event":{"type":"reaction_added","reaction":"clap"}}"#,
        ),
        (
            Kind::Event,
            r#"{"type":"event_callback","event_id":"Ev1","team_id":"T1","event":{"type":"team_join","user":"U1"}}"#,
        ),
        (
            Kind::Event,
            r#"{"type":"event_callback","event_id":"Ev1","team_id":"T1"}"#,
        ),
        (
            Kind::Event,
            r#"{"type":"event_callback","event_id":"Ev1","event":{"user":"U1"}}"#,
        ),
        (Kind::Event, r#"{"type":"url_verification"}"#),
        (
            Kind::Interaction,
            r#"{"type":"block_actions","team":{"id":"T1"},"actions":[]}"#,
        ),
        (
            Kind::Interaction,
            r#"{"type":"view_submission","team":{"id":"T1"},"user":{"id":"U1"}}"#,
        ),
        (
            Kind::Interaction,
            r#"{"type":"message_action","team":{"id":"T1"},"user":{"id":"U1"}}"#,
        ),
    ];
    for (kind, body) in cases {
        let request = decode(kind, body).expect("well formed, so not an error");
        assert!(
            matches!(request, Request::Ignored { .. }),
            "{body}: {request:?}"
        );
    }
}

#[test]
fn bodies_that_are_not_slacks_are_decode_errors() {
    let missing = |kind, field| DecodeError::Missing { kind, field };
    let cases = [
        (Kind::Event, "", None),
        (Kind::Event, "{not json", None),
        (
            Kind::Event,
            "[1,2]",
            Some(DecodeError::NotAnObject(Kind::Event)),
        ),
        (
            Kind::Event,
            "\"event_callback\"",
            Some(DecodeError::NotAnObject(Kind::Event)),
        ),
        (
            Kind::Event,
            r#"{"event_id":"Ev1"}"#,
            Some(missing(Kind::Event, "type")),
        ),
        (Kind::Command, "", Some(missing(Kind::Command, "command"))),
        (
            Kind::Command,
            "team_id=T1",
            Some(missing(Kind::Command, "command")),
        ),
        (
            Kind::Command,
            "team_id=T1&command=%2Fkudos",
            Some(missing(Kind::Command, "user_id")),
        ),
        (
            Kind::Command,
            r#"{"command":"/kudos","user_id":""}"#,
            Some(missing(Kind::Command, "user_id")),
        ),
        (Kind::Command, "{oops", None),
        (
            Kind::Interaction,
            "nothing=here",
            Some(missing(Kind::Interaction, "payload")),
        ),
        (
            Kind::Interaction,
            "payload=%7B%7D",
            Some(missing(Kind::Interaction, "type")),
        ),
        (Kind::Interaction, "payload=not+json", None),
        (
            Kind::Interaction,
            "payload=%5B%5D",
            Some(DecodeError::NotAnObject(Kind::Interaction)),
        ),
        (
            Kind::Interaction,
            "[]",
            Some(missing(Kind::Interaction, "payload")),
        ),
    ];
    for (kind, body, expected) in cases {
        let error = decode(kind, body).expect_err(body);
        match expected {
            Some(expected) => assert_eq!(error, expected, "{body}"),
            None => assert!(
                matches!(
                    error,
                    DecodeError::NotJson { .. } | DecodeError::NotAnObject(_)
                ),
                "{body}: {error:?}"
            ),
        }
    }
    assert_eq!(
        decode_bytes(Kind::Event, &[0xff, 0xfe]),
        Err(DecodeError::NotUtf8(Kind::Event))
    );
}

#[test]
fn an_interaction_ssl_check_is_ignored() {
    assert!(matches!(
        decode(Kind::Interaction, "ssl_check=1&token=x"),
        Ok(Request::Ignored { .. })
    ));
}

#[test]
fn the_org_key_prefers_the_enterprise_only_for_org_wide_installs() {
    let ws = |team: Option<&str>, enterprise: Option<&str>, org_wide| Workspace {
        team_id: team.map(str::to_string),
        enterprise_id: enterprise.map(str::to_string),
        is_enterprise_install: org_wide,
    };
    assert_eq!(
        ws(Some("T1"), Some("E1"), true).org_key().as_deref(),
        Some("E1")
    );
    assert_eq!(
        ws(Some("T1"), Some("E1"), false).org_key().as_deref(),
        Some("T1")
    );
    assert_eq!(ws(None, Some("E1"), false).org_key().as_deref(), Some("E1"));
    assert_eq!(ws(Some("T1"), None, true).org_key().as_deref(), Some("T1"));
    assert_eq!(ws(None, None, false).org_key(), None);
}
