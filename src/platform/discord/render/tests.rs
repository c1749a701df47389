use std::collections::BTreeMap;

use serde_json::json;

use super::*;
use crate::core::form::{FieldInput, FieldValue, Form, FormField, FormKind};
use crate::core::message::{Field, Image, Select, SelectOption, UserRef};

fn ana() -> UserRef {
    UserRef {
        platform_user_id: "80351110224678912".into(),
        display_name: "Ana".into(),
    }
}

#[test]
fn peoples_text_cannot_ping_or_format_and_only_the_bots_mentions_are_allowed() {
    let message = Message::public(vec![
        Block::Section(RichText::text("Thanks ").push_mention(ana())),
        Block::Quote(RichText::text(
            "@everyone <@123> **bold** [link](https://x.example) # title",
        )),
    ]);
    let r = render(&message);
    assert!(r.content().contains("<@80351110224678912>"));
    assert!(r.content().contains("\\@everyone"));
    assert!(r.content().contains("\\<\\@123\\>"));
    assert!(r.content().contains("\\*\\*bold\\*\\*"));
    assert!(r.content().contains("\\[link\\]\\(https://x.example\\)"));
    assert!(r.content().contains("> "));
    let (payload, _) = &payloads(&r)[0];
    assert_eq!(
        payload["allowed_mentions"],
        json!({"parse": [], "users": ["80351110224678912"]})
    );
}

#[test]
fn a_mention_of_someone_without_a_discord_id_is_their_name_not_a_ping() {
    let who = UserRef {
        platform_user_id: "ana".into(),
        display_name: "Ana_S".into(),
    };
    let r = render(&Message::public(vec![Block::Section(
        RichText::default().push_mention(who),
    )]));
    assert_eq!(r.content(), "\\@Ana\\_S");
    assert!(r.mentioned.is_empty());
}

#[test]
fn buttons_become_rows_of_five_and_selects_their_own_row() {
    let buttons: Vec<Button> = (1..=7)
        .map(|i| Button {
            action: format!("pulse:42:{i}"),
            label: i.to_string(),
            style: if i == 7 {
                ButtonStyle::Primary
            } else {
                ButtonStyle::Default
            },
        })
        .collect();
    let select = Select {
        action: "team".into(),
        placeholder: "Choose".into(),
        options: vec![SelectOption {
            label: "Support".into(),
            value: "team:support".into(),
        }],
    };
    let r = render(&Message::public(vec![
        Block::Buttons(buttons),
        Block::Select(select),
    ]));
    assert_eq!(r.components().len(), 3);
    assert_eq!(
        r.components()[0]["components"].as_array().map(Vec::len),
        Some(5)
    );
    assert_eq!(r.components()[1]["components"][1]["style"], 1);
    assert_eq!(
        r.components()[1]["components"][1]["custom_id"],
        "pulse:42:7"
    );
    assert_eq!(r.components()[2]["components"][0]["type"], 3);
    assert_eq!(
        r.components()[2]["components"][0]["options"][0]["value"],
        "team:support"
    );
}

#[test]
fn fields_context_and_headers_are_markdown_and_images_are_files() {
    let r = render(&Message::ephemeral(vec![
        Block::Header("Engagement - week 48".into()),
        Block::Fields(vec![Field {
            label: "Score".into(),
            value: RichText::text("4.1"),
        }]),
        Block::Context(RichText::text("Groups under 5 are hidden")),
        Block::Image(Image {
            alt: "chart".into(),
            file_name: "engagement.png".into(),
            png: vec![1, 2, 3],
        }),
    ]));
    assert_eq!(
        r.content(),
        "### Engagement \\- week 48\n**Score:** 4.1\n-# Groups under 5 are hidden"
    );
    assert_eq!(r.files[0].file_name, "engagement.png");
    let (payload, files) = &payloads(&r)[0];
    assert_eq!(payload["flags"], EPHEMERAL);
    assert_eq!(files.len(), 1);
}

#[test]
fn long_text_is_split_under_the_limit_with_components_on_the_last_piece() {
    let line = "x".repeat(150);
    let text = vec![line; 30].join("\n");
    let r = Rendered {
        parts: vec![Part {
            content: text,
            components: vec![json!({"type": 1, "components": []})],
        }],
        files: Vec::new(),
        mentioned: Vec::new(),
        ephemeral: false,
    };
    let parts = payloads(&r);
    assert!(parts.len() >= 3);
    for (p, _) in &parts {
        let n = p["content"]
            .as_str()
            .map(|c| c.chars().count())
            .unwrap_or(0);
        assert!(n <= CONTENT_LIMIT, "{n}");
    }
    assert!(parts[0].0.get("components").is_none());
    assert!(parts.last().and_then(|p| p.0.get("components")).is_some());
    let one_line = split_content(&"y".repeat(4500));
    assert_eq!(
        one_line.iter().map(|p| p.len()).collect::<Vec<_>>(),
        vec![2000, 2000, 500]
    );
}

#[test]
fn a_press_marks_its_button_and_a_second_press_replaces_the_reply_line() {
    let components = json!([{"type": 1, "components": [
        {"type": 2, "custom_id": "pulse:42:1", "label": "1", "style": 2},
        {"type": 2, "custom_id": "pulse:42:5", "label": "5", "style": 1}
    ]}]);
    let first = mark_clicked("How are you?", &components, "pulse:42:1", "Saved: 1");
    assert_eq!(first["components"][0]["components"][0]["style"], 3);
    assert_eq!(first["components"][0]["components"][1]["style"], 2);
    assert_eq!(first["content"], "How are you?\n-# ✓ Saved: 1");
    let content = first["content"].as_str().unwrap_or_default();
    let second = mark_clicked(content, &first["components"], "pulse:42:5", "Saved: 5");
    assert_eq!(second["content"], "How are you?\n-# ✓ Saved: 5");
    assert_eq!(second["components"][0]["components"][1]["style"], 3);
    assert_eq!(second["allowed_mentions"]["parse"], json!([]));
}

fn kudos_form(people: Vec<String>, value: Option<String>) -> Form {
    Form {
        kind: FormKind::Kudos,
        title: "Give kudos to the people who made a customer's day better".into(),
        fields: vec![
            FormField {
                id: "kudos_people".into(),
                label: "Who".into(),
                hint: None,
                required: true,
                input: FieldInput::People { initial: people },
            },
            FormField {
                id: "kudos_message".into(),
                label: "What did they do for a customer? Tell the story".into(),
                hint: Some("At least 20 characters".into()),
                required: true,
                input: FieldInput::Text {
                    multiline: true,
                    initial: None,
                    max_chars: 1000,
                },
            },
            FormField {
                id: "kudos_value".into(),
                label: "Value".into(),
                hint: None,
                required: false,
                input: FieldInput::Choice {
                    options: vec![("empathy".into(), "empathy".into())],
                    initial: value,
                },
            },
        ],
        submit: "Send".into(),
        cancel: "Cancel".into(),
        context: None,
    }
}

#[test]
fn a_modal_keeps_discords_limits_and_carries_the_chosen_people_and_value() {
    let form = kudos_form(
        vec!["80351110224678912".into(), "80351110224678913".into()],
        Some("empathy".into()),
    );
    let m = modal(&form);
    assert_eq!(m["type"], 9);
    let data = &m["data"];
    assert!(
        data["title"]
            .as_str()
            .map(|t| t.chars().count())
            .unwrap_or(99)
            <= 45
    );
    let custom_id = data["custom_id"].as_str().unwrap_or_default();
    assert_eq!(
        custom_id,
        "kudos-form|empathy|80351110224678912,80351110224678913|"
    );
    let rows = data["components"].as_array().cloned().unwrap_or_default();
    assert_eq!(rows.len(), 1, "only the message is asked for: {rows:?}");
    let input = &rows[0]["components"][0];
    assert_eq!(input["type"], 4);
    assert_eq!(input["style"], 2);
    assert!(
        input["label"]
            .as_str()
            .map(|l| l.chars().count())
            .unwrap_or(99)
            <= 45
    );
    assert_eq!(input["custom_id"], "t:kudos_message");

    let mut typed = BTreeMap::new();
    typed.insert("t:kudos_message".to_string(), "  Stayed late  ".to_string());
    let read = read_modal(custom_id, &typed).expect("the bot's form");
    assert_eq!(
        read.submission.values.get("kudos_people"),
        Some(&FieldValue::People(vec![
            "80351110224678912".into(),
            "80351110224678913".into()
        ]))
    );
    assert_eq!(
        read.submission.values.get("kudos_message"),
        Some(&FieldValue::Text("Stayed late".into()))
    );
    assert_eq!(
        read.submission.values.get("kudos_value"),
        Some(&FieldValue::Choice("empathy".into()))
    );
    assert_eq!(read.people_typed, None);
}

#[test]
fn a_form_with_nobody_chosen_asks_for_people_by_name() {
    let m = modal(&kudos_form(Vec::new(), None));
    let rows = m["data"]["components"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    let ids: Vec<&str> = rows
        .iter()
        .filter_map(|r| r["components"][0]["custom_id"].as_str())
        .collect();
    assert_eq!(
        ids,
        vec!["p:kudos_people", "t:kudos_message", "c:kudos_value"]
    );
    let mut typed = BTreeMap::new();
    typed.insert("p:kudos_people".to_string(), "@ana ben".to_string());
    let read = read_modal(m["data"]["custom_id"].as_str().unwrap_or_default(), &typed)
        .expect("the bot's form");
    assert_eq!(
        read.people_typed,
        Some(("kudos_people".to_string(), "@ana ben".to_string()))
    );
}

#[test]
fn a_modal_that_is_not_the_bots_is_not_read() {
    assert_eq!(read_modal("something-else|||", &BTreeMap::new()), None);
}

#[test]
fn a_message_with_more_rows_of_buttons_than_discord_shows_gets_a_select_per_row() {
    let question = |q: usize, n: usize| {
        vec![
            Block::Section(RichText::text(format!("{q}. Question {q}"))),
            Block::Buttons(
                (1..=n)
                    .map(|i| Button {
                        action: format!("pulse:1:{q}:{i}"),
                        label: i.to_string(),
                        style: ButtonStyle::Default,
                    })
                    .collect(),
            ),
        ]
    };
    let mut blocks = Vec::new();
    for q in 0..4 {
        blocks.extend(question(q, 5));
    }
    blocks.extend(question(4, 11));
    let r = render(&Message::public(blocks));
    assert_eq!(r.components().len(), 5, "one row per question");
    let last = &r.components()[4]["components"][0];
    assert_eq!(last["type"], 3);
    assert_eq!(last["placeholder"], "4. Question 4");
    assert_eq!(last["options"].as_array().map(Vec::len), Some(11));
    assert_eq!(last["options"][10]["value"], "pulse:1:4:11");
    let components = r.components();
    let ids: Vec<&str> = components
        .iter()
        .filter_map(|c| c["components"][0]["custom_id"].as_str())
        .collect();
    let mut unique = ids.clone();
    unique.dedup();
    assert_eq!(ids, unique, "select ids differ");

    let chosen = mark_clicked("Pulse", &json!(r.components()), "pulse:1:4:7", "Saved");
    let options = chosen["components"][4]["components"][0]["options"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    let defaults: Vec<bool> = options.iter().map(|o| o["default"] == true).collect();
    assert_eq!(defaults.iter().filter(|d| **d).count(), 1);
    assert!(defaults[6], "the seventh option is the one chosen");
}

#[test]
fn a_sixth_row_starts_a_second_message_with_the_words_that_introduce_it() {
    let mut blocks = vec![Block::Header("Pulse check".into())];
    for q in 0..5 {
        blocks.push(Block::Section(RichText::text(format!("{q}. Question"))));
        blocks.push(Block::Buttons(
            (1..=5)
                .map(|i| Button {
                    action: format!("pulse:1:{q}:{i}"),
                    label: i.to_string(),
                    style: ButtonStyle::Default,
                })
                .collect(),
        ));
    }
    blocks.push(Block::Context(RichText::text("1 = disagree, 5 = agree")));
    blocks.push(Block::Context(RichText::text(
        "Anything else on your mind?",
    )));
    blocks.push(Block::Buttons(vec![Button {
        action: "pulse-comment".into(),
        label: "Add a comment".into(),
        style: ButtonStyle::Default,
    }]));
    let r = render(&Message::public(blocks));
    assert_eq!(r.parts.len(), 2, "{:?}", r.parts);
    assert_eq!(r.parts[0].components.len(), 5);
    assert_eq!(r.parts[0].components[0]["components"][0]["type"], 3);
    assert!(r.parts[0].content.starts_with("### Pulse check"));
    assert!(!r.parts[0].content.contains("Anything else"));
    assert!(
        r.parts[0].content.contains("5 = agree"),
        "the last question's scale stays with it: {:?}",
        r.parts
    );
    assert_eq!(r.parts[1].content, "-# Anything else on your mind?");
    assert_eq!(r.parts[1].components[0]["components"][0]["type"], 2);
    assert_eq!(
        r.parts[1].components[0]["components"][0]["custom_id"],
        "pulse-comment"
    );
    let payloads = payloads(&r);
    assert_eq!(payloads.len(), 2);
    assert_eq!(
        payloads[1].0["components"][0]["components"][0]["label"],
        "Add a comment"
    );
}
