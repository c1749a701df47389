//! Tests of [`super`]: what each shape decodes or renders to.
use super::*;

#[test]
fn mentions_are_slack_user_ids() {
    assert_eq!(parse_user_mention("<@U123ABC>"), Some("U123ABC".into()));
    assert_eq!(parse_user_mention("<@W42|ana>"), Some("W42".into()));
    assert_eq!(parse_user_mention("@ana"), None);
    assert_eq!(parse_user_mention("<!channel>"), None);
    assert_eq!(parse_user_mention("<#C123>"), None);
    assert_eq!(parse_user_mention("<@>"), None);
}
use crate::core::message::{SelectOption, UserRef};
use serde_json::json;

fn ana() -> UserRef {
    UserRef {
        platform_user_id: "U1ANA".into(),
        display_name: "Ana".into(),
    }
}

fn json_of(blocks: &[SlackBlock]) -> serde_json::Value {
    serde_json::to_value(blocks).expect("blocks serialise")
}

fn button(action: &str, label: &str, style: ButtonStyle) -> Button {
    Button {
        action: action.into(),
        label: label.into(),
        style,
    }
}

/// The mrkdwn text of every section, in order.
fn section_texts(blocks: &[SlackBlock]) -> Vec<String> {
    json_of(blocks)
        .as_array()
        .into_iter()
        .flatten()
        .filter(|b| b["type"] == "section")
        .filter_map(|b| b["text"]["text"].as_str().map(str::to_string))
        .collect()
}

#[test]
fn only_the_three_control_characters_are_escaped_ampersand_first() {
    assert_eq!(
        escape_mrkdwn("<!channel> & <@U1> @here 'quoted' *x*"),
        "&lt;!channel&gt; &amp; &lt;@U1&gt; @here 'quoted' *x*"
    );
    // An entity typed by a person shows as typed, not as the character it names.
    assert_eq!(escape_mrkdwn("&amp; &lt;"), "&amp;amp; &amp;lt;");
}

#[test]
fn unescaping_undoes_escaping() {
    for s in ["&amp; &lt;b&gt;", "<!here> & co", "a &amp;lt; b", ""] {
        assert_eq!(unescape_mrkdwn(&escape_mrkdwn(s)), s);
    }
}

#[test]
fn only_a_mention_span_becomes_a_mention() {
    // Arrange
    let text = RichText::text("Thanks ")
        .push_mention(ana())
        .push_text(" for <!channel> @here & ")
        .push_strong("the <b>call</b>");
    // Act
    let md = rich_text_to_mrkdwn(&text);
    // Assert
    assert_eq!(
        md,
        "Thanks <@U1ANA> for &lt;!channel&gt; @here &amp; *the &lt;b&gt;call&lt;/b&gt;*"
    );
}

#[test]
fn empty_styled_pieces_render_nothing_and_nothing_is_trimmed() {
    let text = RichText(vec![
        Span::Text(" a ".into()),
        Span::Strong(String::new()),
        Span::Emphasis(String::new()),
        Span::Emphasis("b".into()),
        Span::Text(" ".into()),
    ]);
    assert_eq!(rich_text_to_mrkdwn(&text), " a _b_ ");
}

#[test]
fn a_mention_whose_id_is_not_a_slack_id_stays_text() {
    let odd = UserRef {
        platform_user_id: "U1> <!channel".into(),
        display_name: "x<y".into(),
    };
    assert_eq!(
        rich_text_to_mrkdwn(&RichText::default().push_mention(odd)),
        "@x&lt;y"
    );
}

#[test]
fn sections_are_verbatim_mrkdwn_with_escaped_user_text() {
    let message = Message::public(vec![Block::Section(RichText::text("<!channel> hi"))]);
    assert_eq!(
        json_of(&render_blocks(&message)),
        json!([{"type":"section","text":{"type":"mrkdwn","text":"&lt;!channel&gt; hi","verbatim":true}}])
    );
}

#[test]
fn every_quote_line_starts_with_a_quote_mark() {
    let message = Message::public(vec![Block::Quote(
        RichText::text("first line\n<second> line\n").push_mention(ana()),
    )]);
    assert_eq!(
        section_texts(&render_blocks(&message)),
        vec![">first line\n>&lt;second&gt; line\n><@U1ANA>"]
    );
}

#[test]
fn long_headers_are_cut_with_an_ellipsis() {
    let message = Message::public(vec![Block::Header("é".repeat(200))]);
    let v = json_of(&render_blocks(&message));
    let text = v[0]["text"]["text"].as_str().expect("header text");
    assert_eq!(text.chars().count(), HEADER_MAX_CHARS);
    assert!(text.ends_with('…'));
    assert_eq!(v[0]["text"]["type"], "plain_text");
}

#[test]
fn a_long_section_is_split_into_sections_without_losing_a_word() {
    // Arrange: 1,000 words with escapes, about 9,000 rendered characters.
    let words: Vec<String> = (0..1000).map(|i| format!("w{i}&<")).collect();
    let original = words.join(" ");
    let message = Message::public(vec![Block::Section(RichText::text(original.clone()))]);
    // Act
    let texts = section_texts(&render_blocks(&message));
    // Assert
    assert!(texts.len() >= 3, "{} sections", texts.len());
    for t in &texts {
        assert!(t.chars().count() <= SECTION_TEXT_MAX_CHARS);
        assert!(t.ends_with("&amp;&lt;"), "split inside a word or an escape");
    }
    let rejoined: Vec<String> = texts.iter().map(|t| unescape_mrkdwn(t)).collect();
    assert_eq!(rejoined.join(" "), original);
}

#[test]
fn a_word_longer_than_a_section_is_cut_but_kept_whole_across_sections() {
    let word = "x".repeat(SECTION_TEXT_MAX_CHARS * 2 + 10);
    let message = Message::public(vec![Block::Section(RichText::text(word.clone()))]);
    let texts = section_texts(&render_blocks(&message));
    assert_eq!(texts.len(), 3);
    assert_eq!(texts.concat(), word);
}

#[test]
fn bold_and_mentions_survive_a_split() {
    let long_bold = vec!["bold"; 1000].join(" ");
    let text = RichText::text("lead ")
        .push_strong(long_bold.clone())
        .push_mention(ana());
    let message = Message::public(vec![Block::Section(text)]);
    let texts = section_texts(&render_blocks(&message));
    assert!(texts.len() >= 2);
    for t in &texts {
        assert!(t.chars().count() <= SECTION_TEXT_MAX_CHARS);
        assert_eq!(t.matches('*').count() % 2, 0, "unbalanced bold in {t:?}");
    }
    assert!(texts.concat().ends_with("<@U1ANA>"));
    assert_eq!(texts.concat().matches("bold").count(), 1000);
}

#[test]
fn a_long_quote_splits_and_keeps_every_line_quoted() {
    let lines: Vec<String> = (0..600).map(|i| format!("line {i}")).collect();
    let message = Message::public(vec![Block::Quote(RichText::text(lines.join("\n")))]);
    let texts = section_texts(&render_blocks(&message));
    assert!(texts.len() >= 2);
    let mut seen = Vec::new();
    for t in &texts {
        assert!(t.chars().count() <= SECTION_TEXT_MAX_CHARS);
        for line in t.split('\n') {
            let rest = line.strip_prefix('>').expect("quoted line");
            seen.push(rest.to_string());
        }
    }
    assert_eq!(seen, lines);
}

#[test]
fn fields_become_bold_labels_ten_per_section() {
    let fields: Vec<Field> = (0..23)
        .map(|i| Field {
            label: format!("Team <{i}>"),
            value: RichText::text(format!("{i}%")),
        })
        .collect();
    let v = json_of(&render_blocks(&Message::public(vec![Block::Fields(
        fields,
    )])));
    let sizes: Vec<usize> = v
        .as_array()
        .expect("blocks")
        .iter()
        .map(|b| b["fields"].as_array().map_or(0, Vec::len))
        .collect();
    assert_eq!(sizes, vec![10, 10, 3]);
    assert_eq!(
        v[0]["fields"][0],
        json!({"type":"mrkdwn","text":"*Team &lt;0&gt;*\n0%","verbatim":true})
    );
}

#[test]
fn a_long_field_is_cut_to_slacks_limit() {
    let field = Field {
        label: "Comment".into(),
        value: RichText::text("&".repeat(1000)),
    };
    let v = json_of(&render_blocks(&Message::public(vec![Block::Fields(vec![
        field,
    ])])));
    let text = v[0]["fields"][0]["text"].as_str().expect("field text");
    assert!(text.chars().count() <= FIELD_TEXT_MAX_CHARS);
    assert!(text.ends_with("&amp;…"));
}

#[test]
fn buttons_map_action_label_and_style_in_rows_of_25() {
    let mut buttons = vec![
        button("narrative-ack:3", "Got it", ButtonStyle::Primary),
        button("kudos-undo:1", "Undo", ButtonStyle::Danger),
        button("x", &"L".repeat(100), ButtonStyle::Default),
    ];
    buttons.extend((0..27).map(|i| button(&format!("b{i}"), "b", ButtonStyle::Default)));
    let v = json_of(&render_blocks(&Message::public(vec![Block::Buttons(
        buttons,
    )])));
    assert_eq!(v[0]["block_id"], "actions-0");
    assert_eq!(v[1]["block_id"], "actions-1");
    assert_eq!(v[0]["elements"].as_array().map(Vec::len), Some(25));
    assert_eq!(v[1]["elements"].as_array().map(Vec::len), Some(5));
    assert_eq!(
        v[0]["elements"][0],
        json!({"type":"button","action_id":"narrative-ack:3","value":"narrative-ack:3",
               "text":{"type":"plain_text","text":"Got it"},"style":"primary"})
    );
    assert_eq!(v[0]["elements"][1]["style"], "danger");
    assert!(v[0]["elements"][2].get("style").is_none());
    let label = v[0]["elements"][2]["text"]["text"].as_str().expect("label");
    assert_eq!(label.chars().count(), BUTTON_LABEL_MAX_CHARS);
}

#[test]
fn a_select_reports_the_whole_action_as_the_option_value() {
    let select = Select {
        action: "lang:".into(),
        placeholder: "Language".into(),
        options: (0..120)
            .map(|i| SelectOption {
                label: format!("L{i}"),
                value: format!("v{i}"),
            })
            .collect(),
    };
    let v = json_of(&render_blocks(&Message::public(vec![
        Block::Buttons(vec![button("a", "A", ButtonStyle::Default)]),
        Block::Select(select),
    ])));
    let element = &v[1]["elements"][0];
    assert_eq!(v[1]["block_id"], "actions-1");
    assert_eq!(element["type"], "static_select");
    assert_eq!(element["action_id"], "lang:");
    assert_eq!(element["placeholder"]["text"], "Language");
    assert_eq!(
        element["options"].as_array().map(Vec::len),
        Some(SELECT_MAX_OPTIONS)
    );
    assert_eq!(
        element["options"][0],
        json!({"text":{"type":"plain_text","text":"L0"},"value":"lang:v0"})
    );
}

#[test]
fn images_are_left_for_upload_and_empty_texts_are_left_out() {
    let chart = Image {
        alt: "chart".into(),
        file_name: "chart.png".into(),
        png: vec![1, 2, 3],
    };
    let message = Message::public(vec![
        Block::Image(chart.clone()),
        Block::Section(RichText::default()),
        Block::Header("  ".into()),
        Block::Buttons(vec![]),
        Block::Context(RichText::text("small print")),
        Block::Divider,
    ]);
    assert_eq!(
        json_of(&render_blocks(&message)),
        json!([{"type":"context","elements":[{"type":"mrkdwn","text":"small print","verbatim":true}]},
               {"type":"divider"}])
    );
    assert_eq!(images(&message), vec![&chart]);
}

#[test]
fn a_message_never_exceeds_fifty_blocks() {
    let message = Message::public(vec![Block::Divider; 80]);
    let blocks = render_blocks(&message);
    assert_eq!(blocks.len(), MESSAGE_MAX_BLOCKS);
    assert_eq!(
        json_of(&blocks)[MESSAGE_MAX_BLOCKS - 1],
        json!({"type":"context","block_id":"truncated","elements":[{"type":"mrkdwn","text":"…","verbatim":true}]})
    );
}

#[test]
fn the_fallback_text_is_short_escaped_plain_text() {
    let message = Message::public(vec![
        Block::Header("Kudos <3".into()),
        Block::Section(RichText::text("to ").push_mention(ana())),
        Block::Section(RichText::text("y".repeat(1000))),
    ]);
    let text = fallback_text(&message);
    assert!(text.starts_with("Kudos &lt;3\nto @Ana\nyyy"));
    assert!(text.chars().count() <= FALLBACK_MAX_CHARS + 3);
    assert!(text.ends_with('…'));
}

fn pulse_message() -> Message {
    let answers = |q: usize| {
        Block::Buttons(
            (1..=5)
                .map(|v| {
                    button(
                        &format!("pulse:42:{q}:{v}"),
                        &v.to_string(),
                        ButtonStyle::Default,
                    )
                })
                .collect(),
        )
    };
    Message::public(vec![
        Block::Header("Weekly pulse".into()),
        Block::Section(RichText::text("1. I know how my work helps our customers.")),
        answers(0),
        Block::Context(RichText::text("1 = strongly disagree · 5 = strongly agree")),
        Block::Section(RichText::text(
            "2. I would recommend our product to a friend.",
        )),
        answers(1),
        Block::Divider,
        Block::Context(RichText::text("Answers are anonymous.")),
    ])
}

#[test]
fn a_pulse_renders_to_the_documented_block_kit_shapes() {
    let v = json_of(&render_blocks(&pulse_message()));
    let row = |q: usize| {
        let elements: Vec<serde_json::Value> = (1..=5)
            .map(|a| {
                json!({"type":"button","action_id":format!("pulse:42:{q}:{a}"),
                       "text":{"type":"plain_text","text":a.to_string()},
                       "value":format!("pulse:42:{q}:{a}")})
            })
            .collect();
        json!({"type":"actions","block_id":format!("actions-{q}"),"elements":elements})
    };
    let md = |t: &str| json!({"type":"mrkdwn","text":t,"verbatim":true});
    assert_eq!(
        v,
        json!([
            {"type":"header","text":{"type":"plain_text","text":"Weekly pulse"}},
            {"type":"section","text":md("1. I know how my work helps our customers.")},
            row(0),
            {"type":"context","elements":[md("1 = strongly disagree · 5 = strongly agree")]},
            {"type":"section","text":md("2. I would recommend our product to a friend.")},
            row(1),
            {"type":"divider"},
            {"type":"context","elements":[md("Answers are anonymous.")]}
        ])
    );
}

#[test]
fn a_click_highlights_the_button_and_shows_the_reply_after_its_row() {
    // Arrange
    let blocks = render_blocks(&pulse_message());
    // Act
    let clicked = mark_clicked(blocks, "pulse:42:1:4", "Saved: 4 <thanks>");
    // Assert
    let v = json_of(&clicked);
    assert_eq!(v.as_array().map(Vec::len), Some(9));
    assert_eq!(v[5]["block_id"], "actions-1");
    let styles: Vec<&serde_json::Value> = (0..5).map(|i| &v[5]["elements"][i]["style"]).collect();
    assert_eq!(styles[3], "primary");
    assert!(
        styles
            .iter()
            .enumerate()
            .all(|(i, s)| i == 3 || s.is_null())
    );
    assert_eq!(
        v[6],
        json!({"type":"context","block_id":"reply:actions-1",
               "elements":[{"type":"mrkdwn","text":"Saved: 4 &lt;thanks&gt;","verbatim":true}]})
    );
    // The other question is untouched.
    assert_eq!(v[2], json_of(&render_blocks(&pulse_message()))[2]);
}

#[test]
fn clicking_again_replaces_the_reply_instead_of_stacking_it() {
    let once = mark_clicked(render_blocks(&pulse_message()), "pulse:42:0:2", "Saved: 2");
    let twice = mark_clicked(once.clone(), "pulse:42:0:2", "Saved: 2");
    assert_eq!(once, twice, "the same click twice changes nothing more");

    let changed = mark_clicked(twice, "pulse:42:0:5", "Saved: 5");
    let v = json_of(&changed);
    assert_eq!(v.as_array().map(Vec::len), Some(9));
    assert_eq!(v[3]["elements"][0]["text"], "Saved: 5");
    assert_eq!(v[2]["elements"][4]["style"], "primary");
    assert!(v[2]["elements"][1].get("style").is_none());

    let cleared = mark_clicked(changed, "pulse:42:0:5", "");
    assert_eq!(cleared.len(), 8);
}

#[test]
fn a_click_on_an_unknown_action_changes_nothing() {
    let blocks = render_blocks(&pulse_message());
    assert_eq!(mark_clicked(blocks.clone(), "pulse:99:0:1", "x"), blocks);
}

#[test]
fn slacks_copy_of_the_message_round_trips_and_can_be_updated() {
    // What Slack sends back as `message.blocks`: ids added, `emoji` flags, a block type we
    // do not render, an actions block without our id.
    let from_slack = json!([
        {"type":"section","block_id":"aB1","text":{"type":"mrkdwn","text":"Question","verbatim":false}},
        {"type":"actions","elements":[
            {"type":"button","action_id":"yes","text":{"type":"plain_text","text":"Yes","emoji":true},"value":"yes","style":"danger"},
            {"type":"button","action_id":"no","text":{"type":"plain_text","text":"No","emoji":true},"value":"no"}]},
        {"type":"some_future_block","x":1}
    ]);
    let blocks = blocks_from_json(&from_slack).expect("parses");
    assert_eq!(json_of(&blocks), from_slack);

    let v = json_of(&mark_clicked(blocks, "no", "Noted"));
    assert_eq!(v[1]["elements"][1]["style"], "primary");
    assert!(v[1]["elements"][0].get("style").is_none());
    assert_eq!(v[2]["block_id"], "reply:1");
    assert_eq!(v[3]["type"], "some_future_block");

    assert_eq!(blocks_from_json(&json!({"type":"divider"})), None);
    assert_eq!(blocks_from_json(&json!("nope")), None);
}

#[test]
fn a_click_on_a_section_accessory_updates_the_message_like_an_actions_row() {
    // Arrange: what Slack sends back as `message.blocks` for a message whose buttons are
    // section accessories (one per section), one of them styled already.
    let from_slack = json!([
        {"type":"section","block_id":"digest","text":{"type":"mrkdwn","text":"Your digest is ready"},
         "accessory":{"type":"button","action_id":"digest:open","text":{"type":"plain_text","text":"Open","emoji":true},"value":"digest:open"}},
        {"type":"section","block_id":"plan","text":{"type":"mrkdwn","text":"A plan is due"},
         "accessory":{"type":"button","action_id":"alert-plan:7","text":{"type":"plain_text","text":"Plan"},"style":"danger"}},
        {"type":"section","text":{"type":"mrkdwn","text":"No id here"},
         "accessory":{"type":"button","action_id":"later","text":{"type":"plain_text","text":"Later"}}},
        {"type":"section","block_id":"pic","text":{"type":"mrkdwn","text":"A picture"},
         "accessory":{"type":"image","image_url":"https://img.invalid/a.png","alt_text":"a"}}
    ]);
    let blocks = blocks_from_json(&from_slack).expect("parses");
    // Act
    let clicked = mark_clicked(blocks.clone(), "digest:open", "Opened <3>");
    // Assert
    let v = json_of(&clicked);
    assert_eq!(v.as_array().map(Vec::len), Some(5));
    assert_eq!(v[0]["accessory"]["style"], "primary");
    assert_eq!(
        v[1],
        json!({"type":"context","block_id":"reply:digest",
               "elements":[{"type":"mrkdwn","text":"Opened &lt;3&gt;","verbatim":true}]})
    );
    assert_eq!(
        v[2], from_slack[1],
        "another section's button is its own row"
    );
    assert_eq!(
        mark_clicked(clicked.clone(), "digest:open", "Opened <3>"),
        clicked,
        "the same click twice changes nothing more"
    );
    let cleared = mark_clicked(clicked, "digest:open", "");
    assert_eq!(cleared.len(), 4);

    // A section without a block id is named by its position, as an actions block is.
    let v = json_of(&mark_clicked(blocks.clone(), "later", "ok"));
    assert_eq!(v[2]["accessory"]["style"], "primary");
    assert_eq!(v[3]["block_id"], "reply:2");

    // An image accessory, or an action no block holds, changes nothing.
    assert_eq!(mark_clicked(blocks.clone(), "pic", "x"), blocks);
    assert_eq!(mark_clicked(blocks.clone(), "nope", "x"), blocks);
}

#[test]
fn a_select_accessory_gets_the_reply_after_its_section() {
    let from_slack = json!([
        {"type":"section","block_id":"value","text":{"type":"mrkdwn","text":"Pick a value"},
         "accessory":{"type":"static_select","action_id":"settings:value",
                      "placeholder":{"type":"plain_text","text":"Value"},
                      "options":[{"text":{"type":"plain_text","text":"ownership"},"value":"ownership"}]}}
    ]);
    let blocks = blocks_from_json(&from_slack).expect("parses");
    let v = json_of(&mark_clicked(blocks, "settings:value", "Saved"));
    assert_eq!(v[0], from_slack[0]);
    assert_eq!(v[1]["block_id"], "reply:value");
}

fn names(id: &str) -> Option<String> {
    match id {
        "U0ANA" => Some("Ana Lima".into()),
        "W0BEN" => Some("@ben".into()),
        _ => None,
    }
}

#[test]
fn a_quoted_mention_reads_as_a_name() {
    assert_eq!(
        readable_quote("thanks <@U0ANA>!", names),
        "thanks @Ana Lima!"
    );
    assert_eq!(
        readable_quote("<@W0BEN|benny>", names),
        "@ben",
        "the directory wins"
    );
    assert_eq!(readable_quote("<@U0DAN|dan> rocks", names), "@dan rocks");
    assert_eq!(readable_quote("<@U0DAN>", names), "@someone");
    assert_eq!(readable_quote("<@U0DAN|>", names), "@someone");
}

#[test]
fn a_quoted_channel_reads_as_its_name() {
    assert_eq!(readable_quote("in <#C0REL|release>", names), "in #release");
    assert_eq!(readable_quote("in <#C0REL>", names), "in #channel");
    assert_eq!(readable_quote("in <#C0REL|>", names), "in #channel");
}

#[test]
fn quoted_broadcasts_and_groups_read_as_at_names() {
    assert_eq!(readable_quote("<!here> look", names), "@here look");
    assert_eq!(readable_quote("<!channel|channel>", names), "@channel");
    assert_eq!(readable_quote("<!everyone>", names), "@everyone");
    assert_eq!(
        readable_quote("<!subteam^S0DEV|@devs> ship", names),
        "@devs ship"
    );
    assert_eq!(readable_quote("<!subteam^S0DEV>", names), "@group");
}

#[test]
fn a_quoted_date_reads_as_its_fallback() {
    assert_eq!(
        readable_quote("due <!date^1392734382^{date_short}|Feb 18, 2014>", names),
        "due Feb 18, 2014"
    );
    assert_eq!(
        readable_quote("<!date^1392734382^{date_short}^https://x.invalid>", names),
        "2014-02-18"
    );
}

#[test]
fn a_quoted_link_keeps_its_label_and_its_address() {
    assert_eq!(
        readable_quote("notes: <https://notes.invalid/1|here>", names),
        "notes: here (https://notes.invalid/1)"
    );
    assert_eq!(
        readable_quote("<https://notes.invalid/1>", names),
        "https://notes.invalid/1"
    );
    assert_eq!(
        readable_quote("<https://notes.invalid/1|https://notes.invalid/1>", names),
        "https://notes.invalid/1"
    );
    assert_eq!(
        readable_quote("<https://q.invalid/?a=1&amp;b=2|A &amp; B>", names),
        "A & B (https://q.invalid/?a=1&b=2)"
    );
    assert_eq!(
        readable_quote("<mailto:ana@acme.invalid|ana@acme.invalid>", names),
        "ana@acme.invalid"
    );
}

#[test]
fn quoted_entities_are_unescaped_after_markup_is_read() {
    assert_eq!(
        readable_quote("R&amp;D &lt;3 &gt; all", names),
        "R&D <3 > all"
    );
    // Typed as text, not a mention: Slack escaped it, so it stays what was typed.
    assert_eq!(readable_quote("&lt;@U0ANA&gt;", names), "<@U0ANA>");
    assert_eq!(readable_quote("a < b", names), "a < b");
}

#[test]
fn no_markup_token_survives_a_quote() {
    let text = "Shipped! <@U0ANA> &amp; <@U0DAN|dan> in <#C0REL|release> <!here> \
                <!subteam^S0DEV|@devs> <!date^1^{date}|today> <https://n.invalid|notes> \
                <https://n.invalid> <@U0EVE> <#C0X> <!channel>";
    let quoted = readable_quote(text, names);
    assert!(!quoted.contains('<') && !quoted.contains('>'), "{quoted}");
    assert_eq!(
        quoted,
        "Shipped! @Ana Lima & @dan in #release @here @devs today notes (https://n.invalid) \
         https://n.invalid @someone #channel @channel"
    );
}

#[test]
fn a_reply_never_takes_a_full_message_past_fifty_blocks() {
    let mut blocks = vec![Block::Buttons(vec![button("a", "A", ButtonStyle::Default)])];
    blocks.extend(vec![Block::Divider; 60]);
    let rendered = render_blocks(&Message::public(blocks));
    let clicked = mark_clicked(rendered, "a", "ok");
    assert_eq!(clicked.len(), MESSAGE_MAX_BLOCKS);
    let v = json_of(&clicked);
    assert_eq!(v[1]["block_id"], "reply:actions-0");
    assert_eq!(v[MESSAGE_MAX_BLOCKS - 1]["block_id"], TRUNCATED_BLOCK_ID);
}

#[test]
fn splitting_keeps_every_piece_within_the_limit_and_every_visible_character() {
    // A small deterministic generator instead of a property-testing dependency.
    let mut seed = 7u64;
    let mut next = |n: u64| {
        seed = seed
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (seed >> 33) % n
    };
    let alphabet = ['a', 'b', ' ', '\n', '&', '<', '>', 'é'];
    for case in 0..300 {
        let spans: Vec<Span> = (0..1 + next(6))
            .map(|_| {
                let s: String = (0..next(40))
                    .map(|_| alphabet[next(alphabet.len() as u64) as usize])
                    .collect();
                match next(4) {
                    0 => Span::Strong(s),
                    1 => Span::Emphasis(s),
                    2 => Span::Mention(ana()),
                    _ => Span::Text(s),
                }
            })
            .collect();
        let text = RichText(spans);
        let limit = 12 + next(30) as usize;
        let prefix = next(2) as usize;
        let chunks = split_rich(&text, limit, prefix);
        for chunk in &chunks {
            assert!(
                rendered_len(chunk, prefix) <= limit,
                "case {case}: {chunk:?} over {limit}"
            );
        }
        let visible =
            |t: &RichText| -> String { t.plain().chars().filter(|c| !c.is_whitespace()).collect() };
        let rejoined: String = chunks.iter().map(visible).collect();
        assert_eq!(rejoined, visible(&text), "case {case}");
    }
}
