//! Tests of [`super`]: the cards Teams is sent, what a press does to them, and forms.
use super::*;
use crate::core::form::{
    FieldInput, FieldValue, Form, FormField, FormKind, KUDOS_MESSAGE, KUDOS_PEOPLE, KUDOS_VALUE,
};
use crate::core::message::{RichText, SelectOption, Span, UserRef};
use proptest::prelude::*;

fn alex() -> UserRef {
    UserRef {
        platform_user_id: "6b2c1f0e-aad-alex".into(),
        display_name: "Alex Doe".into(),
    }
}

fn button(action: &str, label: &str, style: ButtonStyle) -> Button {
    Button {
        action: action.into(),
        label: label.into(),
        style,
    }
}

/// What a CommonMark renderer shows for escaped text: backslash escapes undone, the invisible
/// word joiner dropped, non-breaking spaces as spaces.
fn shown(markdown: &str) -> String {
    let mut out = String::new();
    let mut chars = markdown.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' if chars.peek().is_some_and(|n| n.is_ascii_punctuation()) => {
                out.extend(chars.next());
            }
            '\u{2060}' => {}
            '\u{00A0}' => out.push(' '),
            other => out.push(other),
        }
    }
    out
}

/// Every character of `markdown` that would start formatting, unless escaped.
fn unescaped_markup(markdown: &str) -> Vec<char> {
    let mut found = Vec::new();
    let mut escaped = false;
    for c in markdown.chars() {
        if escaped {
            escaped = false;
            continue;
        }
        match c {
            '\\' => escaped = true,
            '*' | '_' | '`' | '~' | '[' | ']' | '<' | '>' => found.push(c),
            _ => {}
        }
    }
    found
}

#[test]
fn a_kudos_full_of_markup_shows_literally() {
    // Arrange
    let typed = "**hi** [x](http://evil) <at>Everyone</at> _a_ # h";
    // Act
    let escaped = escape_markdown(typed);
    // Assert
    assert_eq!(
        escaped,
        "\\*\\*hi\\*\\* \\[x\\](http:\u{2060}//evil) \\<at\\>Everyone\\</at\\> \\_a\\_ # h"
    );
    assert_eq!(shown(&escaped), typed);
    assert!(unescaped_markup(&escaped).is_empty());
    assert!(!escaped.contains("<at>") && !escaped.contains("://"));
}

#[test]
fn block_markers_are_escaped_only_at_the_start_of_a_line() {
    assert_eq!(
        escape_markdown("# h\n- item\n1. first\n> q"),
        "\\# h\n\\- item\n1\\. first\n\\> q"
    );
    assert_eq!(escape_markdown("a # b - c 1. d"), "a # b - c 1. d");
    assert_eq!(escape_markdown("    code"), "\u{a0}\u{a0}\u{a0}\u{a0}code");
    assert_eq!(escape_markdown("2020) done"), "2020\\) done");
    assert_eq!(escape_markdown("---\n+ x\n===="), "\\---\n\\+ x\n\\====");
}

#[test]
fn figures_at_the_start_of_a_line_stay_as_typed() {
    // Not a list, a heading or a rule: no backslash a client might show.
    for plain in ["4.00", "-100 %", "+3", "#1 team", "2020)x", "= 5"] {
        assert_eq!(escape_markdown(plain), plain);
    }
}

#[test]
fn ampersands_are_escaped_only_where_they_would_name_a_character() {
    assert_eq!(escape_markdown("Tom & Jerry"), "Tom & Jerry");
    assert_eq!(
        escape_markdown("&amp; &#39; &#x41;"),
        "\\&amp; \\&#39; \\&#x41;"
    );
    assert_eq!(
        escape_markdown("see www.evil.com"),
        "see www\u{2060}.evil.com"
    );
    assert_eq!(escape_markdown("awww.no"), "awww.no");
    // Found by the property test below: the three bytes before a `.` may split a character.
    assert_eq!(escape_markdown("ܐA0."), "ܐA0.");
    assert_eq!(escape_markdown("éw."), "éw.");
}

/// `typed` with each line's leading tabs shown as spaces, as escaping indents them.
fn with_plain_indents(typed: &str) -> String {
    typed
        .split('\n')
        .map(|line| {
            let body = line.trim_start_matches([' ', '\t']);
            format!("{}{body}", " ".repeat(line.len() - body.len()))
        })
        .collect::<Vec<_>>()
        .join("\n")
}

proptest! {
    #[test]
    fn escaped_text_shows_exactly_what_was_typed(typed in "[\\PC\\n]{0,80}") {
        prop_assume!(!typed.contains(['\u{2060}', '\u{00A0}']));
        let escaped = escape_markdown(&typed);
        prop_assert_eq!(shown(&escaped), with_plain_indents(&typed));
        prop_assert!(unescaped_markup(&escaped).is_empty());
        prop_assert!(!escaped.contains("://"));
    }

    #[test]
    fn markup_heavy_text_never_leaves_markup(typed in "[*_`~\\[\\]<>#&:/\\\\a -]{0,60}") {
        let escaped = escape_markdown(&typed);
        prop_assert_eq!(shown(&escaped), typed);
        prop_assert!(unescaped_markup(&escaped).is_empty());
    }
}

fn body(card: &serde_json::Value) -> &Vec<serde_json::Value> {
    card["body"].as_array().expect("a body")
}

#[test]
fn a_card_is_adaptive_1_5_full_width() {
    let card = card(&Message::public(vec![Block::Header("Pulse".into())]));
    assert_eq!(card["type"], "AdaptiveCard");
    assert_eq!(card["version"], "1.5");
    assert_eq!(card["msteams"], serde_json::json!({"width": "Full"}));
    assert_eq!(body(&card)[0]["text"], "Pulse");
    assert_eq!(body(&card)[0]["weight"], "Bolder");
    let attachment = attachment(&Message::public(vec![]));
    assert_eq!(attachment["contentType"], CARD_CONTENT_TYPE);
    assert_eq!(attachment["content"]["body"], serde_json::json!([]));
}

#[test]
fn a_mention_is_an_at_tag_with_its_entity_and_typed_text_is_escaped() {
    // Arrange
    let text = RichText::text("Thanks ")
        .push_mention(alex())
        .push_text(" for *this* <at>Everyone</at>")
        .push_strong(" bold ");
    let message = Message::public(vec![Block::Section(text)]);
    // Act
    let card = card(&message);
    // Assert
    assert_eq!(
        body(&card)[0]["text"],
        "Thanks <at>Alex Doe</at> for \\*this\\* \\<at\\>Everyone\\</at\\> **bold** "
    );
    assert_eq!(
        card["msteams"]["entities"],
        serde_json::json!([{"type": "mention", "text": "<at>Alex Doe</at>",
            "mentioned": {"id": "6b2c1f0e-aad-alex", "name": "Alex Doe"}}])
    );
}

#[test]
fn a_name_with_markup_is_cleaned_inside_the_tag_and_matches_its_entity() {
    let who = UserRef {
        platform_user_id: "aad-1".into(),
        display_name: "Ana *<b>* O'Neil".into(),
    };
    let card = card(&Message::public(vec![Block::Section(RichText(vec![
        Span::Mention(who),
    ]))]));
    assert_eq!(body(&card)[0]["text"], "<at>Ana b O'Neil</at>");
    assert_eq!(
        card["msteams"]["entities"][0]["text"],
        "<at>Ana b O'Neil</at>"
    );
}

#[test]
fn a_mention_without_a_usable_id_is_plain_text_and_notifies_nobody() {
    let who = UserRef {
        platform_user_id: "\"><at>x</at>".into(),
        display_name: "Eve".into(),
    };
    let card = card(&Message::public(vec![Block::Section(RichText(vec![
        Span::Mention(who),
    ]))]));
    assert_eq!(body(&card)[0]["text"], "@Eve");
    assert!(card["msteams"].get("entities").is_none());
}

#[test]
fn the_same_person_twice_needs_one_entity() {
    let text = RichText(vec![
        Span::Mention(alex()),
        Span::Text(" and ".into()),
        Span::Mention(alex()),
    ]);
    let card = card(&Message::public(vec![Block::Context(text)]));
    assert_eq!(
        card["msteams"]["entities"].as_array().map(Vec::len),
        Some(1)
    );
    assert_eq!(body(&card)[0]["isSubtle"], true);
}

#[test]
fn every_block_has_its_element() {
    // Arrange
    let message = Message::public(vec![
        Block::Header("Digest".into()),
        Block::Section(RichText::text("line one\nline two").push_strong("")),
        Block::Divider,
        Block::Quote(RichText(vec![Span::Emphasis("their words".into())])),
        Block::Fields(vec![Field {
            label: "Score".into(),
            value: RichText::text("4.2"),
        }]),
        Block::Context(RichText::text("small print")),
        Block::Image(Image {
            alt: "chart".into(),
            file_name: "c.png".into(),
            png: vec![0x89, b'P', b'N', b'G'],
        }),
    ]);
    // Act
    let card = card(&message);
    let body = body(&card);
    // Assert
    let types: Vec<&str> = body.iter().filter_map(|e| e["type"].as_str()).collect();
    assert_eq!(
        types,
        [
            "TextBlock",
            "TextBlock",
            "Container",
            "FactSet",
            "TextBlock",
            "Image"
        ]
    );
    assert_eq!(body[1]["text"], "line one\n\nline two");
    assert_eq!(body[2]["separator"], true);
    assert_eq!(body[2]["style"], "emphasis");
    assert_eq!(body[2]["items"][0]["text"], "*their words*");
    assert_eq!(
        body[3]["facts"],
        serde_json::json!([{"title": "Score", "value": "4.2"}])
    );
    assert_eq!(body[5]["url"], "data:image/png;base64,iVBORw==");
    assert_eq!(body[5]["altText"], "chart");
}

#[test]
fn buttons_are_execute_actions_with_the_model_action_and_style() {
    let message = Message::public(vec![Block::Buttons(vec![
        button("narrative-ack:3", "Got it", ButtonStyle::Primary),
        button("narrative-skip:3", "", ButtonStyle::Danger),
        button("x", "Later", ButtonStyle::Default),
    ])]);
    let card = card(&message);
    assert_eq!(
        body(&card)[0],
        serde_json::json!({"type": "ActionSet", "id": "actions-0", "actions": [
            {"type": "Action.Execute", "title": "Got it", "verb": "click",
             "data": {"action": "narrative-ack:3"}, "style": "positive"},
            {"type": "Action.Execute", "title": "…", "verb": "click",
             "data": {"action": "narrative-skip:3"}, "style": "destructive"},
            {"type": "Action.Execute", "title": "Later", "verb": "click", "data": {"action": "x"}},
        ]})
    );
}

#[test]
fn a_long_row_of_buttons_wraps_inside_one_container() {
    let buttons: Vec<Button> = (0..=10)
        .map(|n| button(&format!("nps:{n}"), &n.to_string(), ButtonStyle::Default))
        .collect();
    let card = card(&Message::public(vec![
        Block::Buttons(buttons),
        Block::Buttons(vec![]),
    ]));
    assert_eq!(body(&card).len(), 1);
    let rows = &body(&card)[0];
    assert_eq!(rows["type"], "Container");
    assert_eq!(rows["id"], "actions-0");
    let sizes: Vec<usize> = rows["items"]
        .as_array()
        .expect("rows")
        .iter()
        .map(|r| r["actions"].as_array().map_or(0, Vec::len))
        .collect();
    assert_eq!(sizes, [6, 5]);
}

fn team_select() -> Select {
    Select {
        action: "team:".into(),
        placeholder: "Pick a team".into(),
        options: vec![
            SelectOption {
                label: "Sales".into(),
                value: "s".into(),
            },
            SelectOption {
                label: "Ops".into(),
                value: "o".into(),
            },
        ],
    }
}

#[test]
fn a_menu_is_a_choice_set_of_whole_actions_and_a_send_button() {
    let card = card(&Message::public(vec![Block::Select(team_select())]));
    let menu = &body(&card)[0];
    assert_eq!(menu["id"], "select-0");
    let choice = &menu["items"][0];
    assert_eq!(choice["type"], "Input.ChoiceSet");
    assert_eq!(choice["placeholder"], "Pick a team");
    assert_eq!(
        choice["choices"][1],
        serde_json::json!({"title": "Ops", "value": "team:o"})
    );
    let send = &menu["items"][1]["actions"][0];
    assert_eq!(send["verb"], CLICK_VERB);
    // Teams merges the chosen value into the data under the input's id.
    let mut pressed = send["data"].clone();
    pressed[choice["id"].as_str().expect("an id")] = serde_json::json!("team:o");
    assert_eq!(clicked_action(&pressed).as_deref(), Some("team:o"));
}

#[test]
fn the_pressed_action_is_the_buttons_or_a_choice_of_the_same_menu() {
    use serde_json::json;
    assert_eq!(
        clicked_action(&json!({"action": "a:1"})).as_deref(),
        Some("a:1")
    );
    assert_eq!(
        clicked_action(&json!({"action": "team:", "choice": "c", "c": "team:s"})).as_deref(),
        Some("team:s")
    );
    // Nothing chosen, or a forged choice from outside the menu.
    assert_eq!(
        clicked_action(&json!({"action": "team:", "choice": "c"})),
        None
    );
    assert_eq!(
        clicked_action(&json!({"action": "team:", "choice": "c", "c": "admin:drop"})),
        None
    );
    assert_eq!(clicked_action(&json!({"action": ""})), None);
    assert_eq!(clicked_action(&json!("a:1")), None);
}

#[test]
fn a_big_picture_shows_its_alt_text_and_is_reported() {
    let big = Image {
        alt: "Engagement *chart*".into(),
        file_name: "c.png".into(),
        png: vec![0; IMAGE_INLINE_MAX_BYTES + 1],
    };
    let small = Image {
        alt: "ok".into(),
        file_name: "s.png".into(),
        png: vec![1; IMAGE_INLINE_MAX_BYTES],
    };
    let message = Message::public(vec![Block::Image(big.clone()), Block::Image(small)]);
    let card = card(&message);
    assert_eq!(body(&card)[0]["type"], "TextBlock");
    assert_eq!(body(&card)[0]["text"], "Engagement \\*chart\\*");
    assert_eq!(body(&card)[1]["type"], "Image");
    assert_eq!(images_left_out(&message), vec![&big]);
}

#[test]
fn the_preview_is_one_bounded_line_that_notifies_nobody() {
    let long = "word ".repeat(200);
    let message = Message::public(vec![
        Block::Header("Kudos".into()),
        Block::Section(
            RichText::text("for ")
                .push_mention(alex())
                .push_text(format!(" {long}")),
        ),
    ]);
    let preview = fallback_text(&message);
    assert!(preview.starts_with("Kudos for @Alex Doe word word"));
    assert_eq!(preview.chars().count(), FALLBACK_MAX_CHARS);
    assert!(preview.ends_with('…'));
    assert!(!preview.contains('\n') && !preview.contains("<at>"));
}

fn pulse_card() -> serde_json::Value {
    card(&Message::public(vec![
        Block::Section(RichText::text("How was your week?")),
        Block::Divider,
        Block::Buttons(vec![
            button("pulse:7:0:1", "1", ButtonStyle::Default),
            button("pulse:7:0:5", "5", ButtonStyle::Default),
        ]),
        Block::Buttons(vec![button("pulse:7:1:1", "1", ButtonStyle::Default)]),
        Block::Select(team_select()),
    ]))
}

#[test]
fn a_press_replaces_its_row_with_the_answer_and_nothing_else() {
    // Arrange
    let before = pulse_card();
    // Act
    let after = mark_clicked(&before, "pulse:7:0:5", "You chose *5*");
    // Assert
    let (old, new) = (body(&before), body(&after));
    assert_eq!(new.len(), old.len());
    assert_eq!(
        new[1],
        serde_json::json!({"type": "TextBlock", "id": "reply:actions-0", "text": "You chose \\*5\\*",
                           "wrap": true, "separator": true})
    );
    assert_eq!((&new[0], &new[2], &new[3]), (&old[0], &old[2], &old[3]));
    assert_eq!(after["msteams"], before["msteams"]);
    // Pressing again changes nothing more.
    assert_eq!(mark_clicked(&after, "pulse:7:0:5", "You chose *5*"), after);
    assert_eq!(mark_clicked(&after, "pulse:7:0:1", "You chose 1"), after);
}

#[test]
fn a_menu_choice_replaces_the_menu_and_an_empty_answer_removes_the_row() {
    let chosen = mark_clicked(&pulse_card(), "team:o", "Ops it is");
    assert_eq!(body(&chosen)[3]["id"], "reply:select-0");
    let removed = mark_clicked(&pulse_card(), "pulse:7:1:1", " ");
    assert_eq!(body(&removed).len(), 3);
    assert!(body(&removed).iter().all(|e| e["id"] != "actions-1"));
}

#[test]
fn an_unknown_action_or_a_strange_card_is_returned_unchanged() {
    let card = pulse_card();
    assert_eq!(mark_clicked(&card, "nope", "x"), card);
    for odd in [
        serde_json::json!(null),
        serde_json::json!([1]),
        serde_json::json!({"body": 3}),
    ] {
        assert_eq!(mark_clicked(&odd, "a", "x"), odd);
    }
}

#[test]
fn a_press_on_a_root_action_removes_the_actions_and_appends_the_answer() {
    let form = kudos_form();
    let card = form_card(&form, None);
    let after = mark_clicked(&card, "", "Sent");
    // Root actions here carry no `action`, so nothing matches.
    assert_eq!(after, card);
    let with_root = serde_json::json!({"type": "AdaptiveCard", "body": [],
        "actions": [{"type": "Action.Execute", "data": {"action": "go"}}]});
    assert_eq!(
        mark_clicked(&with_root, "go", "Done"),
        serde_json::json!({"type": "AdaptiveCard", "body": [
            {"type": "TextBlock", "id": "reply:actions", "text": "Done", "wrap": true}]})
    );
}

fn kudos_form() -> Form {
    Form {
        kind: FormKind::Kudos,
        title: "Give kudos".into(),
        fields: vec![
            FormField {
                id: KUDOS_PEOPLE.into(),
                label: "Who?".into(),
                hint: None,
                required: true,
                input: FieldInput::People {
                    initial: vec!["aad-1".into(), "aad-2".into()],
                },
            },
            FormField {
                id: KUDOS_MESSAGE.into(),
                label: "What did they do?".into(),
                hint: Some("Say what made the difference".into()),
                required: true,
                input: FieldInput::Text {
                    multiline: true,
                    initial: Some("Thanks".into()),
                    max_chars: 500,
                },
            },
            FormField {
                id: KUDOS_VALUE.into(),
                label: "Value".into(),
                hint: None,
                required: false,
                input: FieldInput::Choice {
                    options: vec![
                        ("care".into(), "Care".into()),
                        ("craft".into(), "Craft".into()),
                    ],
                    initial: None,
                },
            },
        ],
        submit: "Send".into(),
        cancel: "Cancel".into(),
        context: Some("19:general@thread.tacv2".into()),
    }
}

fn input<'a>(card: &'a serde_json::Value, id: &str) -> &'a serde_json::Value {
    body(card)
        .iter()
        .find(|e| e["id"] == id)
        .unwrap_or_else(|| panic!("no input {id}"))
}

#[test]
fn a_form_has_a_labelled_input_per_field() {
    let card = form_card(&kudos_form(), None);
    assert_eq!(body(&card)[0]["text"], "Give kudos");
    let people = input(&card, KUDOS_PEOPLE);
    assert_eq!(people["type"], "Input.ChoiceSet");
    assert_eq!(
        people["choices.data"],
        serde_json::json!({"type": "Data.Query", "dataset": "graph.microsoft.com/users"})
    );
    assert_eq!(people["isMultiSelect"], true);
    assert_eq!(people["value"], "aad-1,aad-2");
    assert_eq!(people["label"], "Who?");
    assert_eq!(people["isRequired"], true);
    assert_eq!(people["errorMessage"], "Who?");
    let message = input(&card, KUDOS_MESSAGE);
    assert_eq!(message["type"], "Input.Text");
    assert_eq!(message["isMultiline"], true);
    assert_eq!(message["maxLength"], 500);
    assert_eq!(message["value"], "Thanks");
    assert_eq!(message["placeholder"], "Say what made the difference");
    assert_eq!(message["errorMessage"], "Say what made the difference");
    let value = input(&card, KUDOS_VALUE);
    assert_eq!(
        value["choices"][0],
        serde_json::json!({"title": "Care", "value": "care"})
    );
    assert!(value.get("isRequired").is_none());
}

#[test]
fn a_form_submits_its_kind_context_and_field_kinds_and_cancels_without_inputs() {
    let card = form_card(&kudos_form(), None);
    let actions = card["actions"].as_array().expect("actions");
    assert_eq!(actions[0]["verb"], SUBMIT_VERB);
    assert_eq!(actions[0]["title"], "Send");
    assert_eq!(
        actions[0]["data"],
        serde_json::json!({"form": "kudos-form", "context": "19:general@thread.tacv2",
            "fields": {"kudos_people": "people", "kudos_message": "text", "kudos_value": "choice"}})
    );
    assert_eq!(actions[1]["verb"], CANCEL_VERB);
    assert_eq!(actions[1]["associatedInputs"], "none");
    assert_eq!(
        actions[1]["data"],
        serde_json::json!({"form": "kudos-form", "context": "19:general@thread.tacv2"})
    );
}

#[test]
fn an_error_shows_in_red_under_its_field_or_under_the_title() {
    let card = form_card(&kudos_form(), Some((KUDOS_MESSAGE, "Too *short*")));
    let body = body(&card);
    let at = body
        .iter()
        .position(|e| e["id"] == KUDOS_MESSAGE)
        .expect("the field");
    assert_eq!(body[at + 1]["color"], "attention");
    assert_eq!(body[at + 1]["text"], "Too \\*short\\*");
    let elsewhere = form_card(&kudos_form(), Some(("gone", "Try again")));
    assert_eq!(super::tests::body(&elsewhere)[1]["text"], "Try again");
}

/// The data Teams sends for a submit press: the button's data with the inputs merged in.
fn pressed(card: &serde_json::Value, inputs: serde_json::Value) -> serde_json::Value {
    let mut data = card["actions"][0]["data"].clone();
    for (id, value) in inputs.as_object().expect("inputs") {
        data[id] = value.clone();
    }
    data
}

#[test]
fn a_submission_reads_back_with_people_split_and_empty_fields_absent() {
    let card = form_card(&kudos_form(), None);
    let data = pressed(
        &card,
        serde_json::json!({"kudos_people": "aad-2, aad-9,", "kudos_message": "Fixed prod", "kudos_value": ""}),
    );
    let submission = read_submission(&data).expect("a submission");
    assert_eq!(submission.kind, FormKind::Kudos);
    assert_eq!(
        submission.context.as_deref(),
        Some("19:general@thread.tacv2")
    );
    assert_eq!(
        submission.values.get(KUDOS_PEOPLE),
        Some(&FieldValue::People(vec!["aad-2".into(), "aad-9".into()]))
    );
    assert_eq!(
        submission.values.get(KUDOS_MESSAGE),
        Some(&FieldValue::Text("Fixed prod".into()))
    );
    assert_eq!(submission.values.get(KUDOS_VALUE), None);
    assert_eq!(submission.check(), Ok(()));
}

#[test]
fn a_submission_missing_people_fails_the_forms_own_check() {
    let card = form_card(&kudos_form(), None);
    let submission = read_submission(&pressed(
        &card,
        serde_json::json!({"kudos_people": " , ", "kudos_message": "x"}),
    ))
    .expect("a submission");
    assert_eq!(submission.values.get(KUDOS_PEOPLE), None);
    assert_eq!(
        submission.check().map_err(|e| e.field),
        Err(KUDOS_PEOPLE.to_string())
    );
}

#[test]
fn data_that_is_not_from_a_form_card_is_no_submission() {
    use serde_json::json;
    assert_eq!(read_submission(&json!({"action": "pulse:1"})), None);
    assert_eq!(
        read_submission(&json!({"form": "kudos-modal", "fields": {}})),
        None
    );
    assert_eq!(read_submission(&json!({"form": "kudos-form"})), None);
    assert_eq!(read_submission(&json!(["kudos-form"])), None);
    let odd = read_submission(&json!({"form": "pulse-comment-form", "context": 5,
        "fields": {"pulse_comment": "text", "form": "text", "n": "choice", "x": "colour"},
        "pulse_comment": 42, "n": true, "x": "y"}))
    .expect("a submission");
    assert_eq!(odd.context, None);
    assert_eq!(odd.values.len(), 2);
    assert_eq!(
        odd.values.get("pulse_comment"),
        Some(&FieldValue::Text("42".into()))
    );
}

#[test]
fn invoke_responses_have_the_shapes_teams_expects() {
    use serde_json::json;
    assert_eq!(
        invoke_response_card(json!({"type": "AdaptiveCard"})),
        json!({"statusCode": 200, "type": "application/vnd.microsoft.card.adaptive", "value": {"type": "AdaptiveCard"}})
    );
    assert_eq!(
        invoke_response_message("Saved"),
        json!({"statusCode": 200, "type": "application/vnd.microsoft.activity.message", "value": "Saved"})
    );
    assert_eq!(
        invoke_response_error("No such round"),
        json!({"statusCode": 400, "type": "application/vnd.microsoft.error",
               "value": {"code": "BadRequest", "message": "No such round"}})
    );
}

mod properties {
    //! Card updates and submissions never panic on whatever JSON comes back, and a press on
    //! one of our cards is stable.
    use super::*;
    use crate::platform::teams::activity::arbitrary;

    fn actions() -> impl Strategy<Value = String> {
        prop::sample::select(vec!["a:1", "a:2", "b:1", "team:s", "team:", ""])
            .prop_map(str::to_string)
    }

    fn block() -> impl Strategy<Value = Block> {
        prop_oneof![
            "\\PC{0,20}".prop_map(|t| Block::Section(RichText::text(t))),
            "\\PC{0,10}".prop_map(Block::Header),
            Just(Block::Divider),
            Just(Block::Select(team_select())),
            prop::collection::vec((actions(), "\\PC{0,6}"), 0..9).prop_map(|buttons| {
                Block::Buttons(
                    buttons
                        .into_iter()
                        .map(|(a, l)| button(&a, &l, ButtonStyle::Default))
                        .collect(),
                )
            }),
        ]
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(512))]

        #[test]
        fn arbitrary_json_never_panics(value in arbitrary::json(6), action in actions(), reply in "\\PC{0,12}") {
            let _ = mark_clicked(&value, &action, &reply);
            let _ = read_submission(&value);
            let _ = clicked_action(&value);
        }

        #[test]
        fn submissions_read_from_arbitrary_data_hold_only_declared_non_empty_fields(value in arbitrary::json(4)) {
            if let Some(submission) = read_submission(&value) {
                let declared = value.get("fields").and_then(|f| f.as_object()).expect("declared kinds");
                for (id, given) in &submission.values {
                    prop_assert!(declared.contains_key(id));
                    match given {
                        FieldValue::People(ids) => prop_assert!(!ids.is_empty() && ids.iter().all(|i| !i.trim().is_empty())),
                        FieldValue::Text(t) | FieldValue::Choice(t) => prop_assert!(!t.trim().is_empty()),
                    }
                }
            }
        }

        #[test]
        fn a_press_on_our_card_is_stable_and_touches_one_element(
            blocks in prop::collection::vec(block(), 0..8),
            action in actions(),
            reply in "\\PC{0,12}",
        ) {
            // Arrange
            let before = card(&Message::public(blocks));
            // Act
            let once = mark_clicked(&before, &action, &reply);
            let twice = mark_clicked(&once, &action, &reply);
            // Assert
            prop_assert_eq!(&twice, &once);
            let holds = |e: &serde_json::Value| clicked::holds(e, &action, clicked::SEARCH_DEPTH);
            let untouched: Vec<&serde_json::Value> = body(&before).iter().filter(|e| !holds(e)).collect();
            let kept: Vec<&serde_json::Value> = body(&once)
                .iter()
                .filter(|e| !e["id"].as_str().is_some_and(|id| id.starts_with(REPLY_ID_PREFIX)))
                .collect();
            prop_assert_eq!(kept, untouched);
            prop_assert!(!body(&once).iter().any(holds));
            prop_assert_eq!(&once["msteams"], &before["msteams"]);
        }

        #[test]
        fn any_filled_form_reads_back_as_filled(
            people in prop::collection::vec("[a-f0-9-]{1,12}", 0..4),
            message in "\\PC{0,40}",
            value in prop::sample::select(vec!["", "care", "craft"]),
        ) {
            let card = form_card(&kudos_form(), None);
            let data = pressed(&card, serde_json::json!({
                "kudos_people": people.join(","), "kudos_message": message, "kudos_value": value}));
            let submission = read_submission(&data).expect("a submission");
            prop_assert_eq!(submission.people(KUDOS_PEOPLE), {
                let mut unique: Vec<String> = Vec::new();
                for p in &people { if !unique.contains(p) { unique.push(p.clone()); } }
                unique
            });
            prop_assert_eq!(submission.text(KUDOS_MESSAGE), Some(message.trim().to_string()).filter(|m| !m.is_empty()));
            prop_assert_eq!(submission.text(KUDOS_VALUE), Some(value.to_string()).filter(|v| !v.is_empty()));
        }
    }
}
