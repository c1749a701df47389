//! Kudos through Teams: a mention of the bot in a channel, and the form card in a 1:1 chat.
//! What people typed is shown as written (no markdown, link, HTML or mention of their own), the
//! team hears of it in the kudos channel, the giver is answered privately and the one thanked
//! is told.

use ambassador::store::prelude::*;
use serde_json::{Value, json};

use super::fake::{self, CUSTOMER_WINS_CHANNEL_ID, CallKind};
use super::flows::{ADAPTIVE_CARD, SEND, saying, start, wait_for_message_to};
use super::harness::TeamsHarness;
use crate::helpers::Backend;
use crate::on_both_backends;

on_both_backends!(
    kudos_in_a_channel_is_announced_as_written,
    the_kudos_form_points_at_what_is_missing_then_confirms,
    only_a_mention_teams_vouches_for_names_someone,
);

/// A channel message from `giver` that gives Ben kudos with text meant to format, link, run
/// HTML and notify everyone. Teams escapes what a person types (`&amp;`, `&lt;`), and the
/// `<at>Everyone</at>` carries a mention entity of the team itself, as a team mention does.
pub fn hostile_kudos(h: &TeamsHarness, giver: &fake::FakePerson) -> Value {
    let mut activity = h.client.channel_message(
        giver,
        CUSTOMER_WINS_CHANNEL_ID,
        "<at>Ambassador</at> kudos <at>Ben Carter</at> for **fixing** [this](http://evil.example) \
         @@EVERYONE@@ &amp; &lt;script&gt; the refund the customer waited on #customer-first",
    );
    let text = activity["text"]
        .as_str()
        .expect("text")
        .replace("@@EVERYONE@@", "<at>Everyone</at>");
    activity["attachments"][0]["content"] = json!(format!("<p>{text}</p>"));
    activity["text"] = json!(text);
    let team_mention = json!({"type": "mention", "text": "<at>Everyone</at>",
                              "mentioned": {"id": fake::TEAM_ID, "name": "Everyone"}});
    activity["entities"]
        .as_array_mut()
        .expect("entities")
        .push(team_mention);
    activity
}

async fn kudos_in_a_channel_is_announced_as_written(backend: Backend) {
    let h = start(backend).await;
    let ana = h.person("ana@acme.example");
    let ben = h.person("ben@acme.example");
    let answer = h.send(&hostile_kudos(&h, &ana)).await;
    assert!((200..300).contains(&answer.status), "{}", answer.text);

    h.fake
        .wait_for_messages_in_channel(CUSTOMER_WINS_CHANNEL_ID, 1)
        .await;
    let to_ana = h.fake.wait_for_messages_to(&ana.email, 1).await;
    let to_ben = h.fake.wait_for_messages_to(&ben.email, 1).await;
    h.settle().await;
    assert_eq!(h.kudos_count().await, 1, "one kudos stored");

    // The announcement: a new post in the kudos channel, not a reply in the asker's thread.
    let posts = h.fake.messages_in_channel(CUSTOMER_WINS_CHANNEL_ID);
    assert_eq!(posts.len(), 1, "{posts:#?}");
    let post = &posts[0];
    assert_eq!(post.conversation_id, CUSTOMER_WINS_CHANNEL_ID);
    assert_eq!(post.reply_to_id, None);
    assert!(h.fake.calls_to(CallKind::ReplyToActivity).is_empty());
    let card = post.card();
    let shown = fake::card_text(card);
    assert!(
        shown.contains(r"\*\*fixing\*\*"),
        "bold is escaped: {shown}"
    );
    assert!(shown.contains(r"\[this\]"), "no link: {shown}");
    assert!(
        shown.contains(r"& \<script\>"),
        "HTML shown as text: {shown}"
    );
    let raw = card.to_string();
    assert!(
        !shown.replace(r"\]", "").contains("]("),
        "no markdown link: {shown}"
    );
    assert!(!raw.contains("://evil"), "the address cannot link: {raw}");
    assert!(
        !raw.contains("<at>Everyone</at>"),
        "nobody else notified: {raw}"
    );
    assert!(shown.contains("Everyone"), "the word stays: {shown}");
    let mentioned: Vec<(String, String)> = card["msteams"]["entities"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|e| {
            let field = |k: &str| e["mentioned"][k].as_str().unwrap_or_default().to_string();
            (field("id"), field("name"))
        })
        .collect();
    assert!(
        mentioned.contains(&(ben.aad_object_id.clone(), "Ben Carter".into())),
        "Ben is mentioned by his Entra id: {mentioned:?}"
    );
    for (id, name) in &mentioned {
        assert!(
            [&ana.aad_object_id, &ben.aad_object_id].contains(&id),
            "only the giver and Ben are mentioned, not {name} ({id})"
        );
    }
    let stored = h
        .store
        .kudos_since(h.org.id, h.now() - chrono::Duration::hours(1))
        .await
        .expect("kudos");
    assert!(
        stored[0]
            .message
            .contains("**fixing** [this](http://evil.example) Everyone & <script>"),
        "stored as typed: {}",
        stored[0].message
    );
    assert_eq!(stored[0].values, vec!["customer-first".to_string()]);

    // The giver hears privately, in their 1:1; Ben is told in his.
    assert_eq!(saying(&to_ana, "Kudos sent to"), 1, "{to_ana:#?}");
    assert!(to_ana.iter().any(|m| m.card_text().contains("Ben Carter")));
    let thanked = to_ben
        .iter()
        .find(|m| m.card_text().contains("thanked you"))
        .unwrap_or_else(|| panic!("Ben hears of it: {to_ben:#?}"));
    assert!(thanked.card_text().contains(r"\*\*fixing\*\*"));
}

async fn the_kudos_form_points_at_what_is_missing_then_confirms(backend: Backend) {
    let h = start(backend).await;
    let ana = h.person("ana@acme.example");
    let ben = h.person("ben@acme.example");
    h.send(&h.client.personal_message(&ana, "kudos")).await;
    let form = wait_for_message_to(&h, &ana.email, |m| {
        !m.buttons().is_empty() && m.card_text().contains("Give kudos")
    })
    .await;
    let inputs: Vec<String> = form
        .cards()
        .into_iter()
        .flat_map(fake::card_inputs)
        .filter_map(|i| i["id"].as_str().map(str::to_string))
        .collect();
    assert!(inputs.contains(&"kudos_people".to_string()), "{inputs:?}");

    // Blank where a message should be: the client sends it (only empty is refused there).
    let blank = h.client.press_button(
        &ana,
        &form,
        SEND,
        json!({"kudos_people": ben.aad_object_id, "kudos_message": "   "}),
    );
    let answer = h.send(&blank).await;
    assert_eq!(answer.status, 200, "{}", answer.text);
    assert_eq!(answer.body["type"], ADAPTIVE_CARD, "{}", answer.body);
    let again = &answer.body["value"];
    let body = again["body"].as_array().expect("a card body");
    let field = body
        .iter()
        .position(|e| e["id"] == "kudos_message")
        .unwrap_or_else(|| panic!("the form again: {again}"));
    assert_eq!(body[field + 1]["color"], "attention", "{again}");
    assert_eq!(body[field + 1]["text"], "Write what they did.");
    let people = body
        .iter()
        .find(|e| e["id"] == "kudos_people")
        .expect("people");
    assert_eq!(people["value"], json!(ben.aad_object_id), "kept: {people}");
    h.settle().await;
    assert_eq!(h.kudos_count().await, 0, "nothing stored");

    let filled = h.client.submit_form(
        &ana,
        &form,
        json!({
            "kudos_people": ben.aad_object_id,
            "kudos_message": "stayed on the call until the customer's order shipped",
            "kudos_value": "ownership",
        }),
    );
    let answer = h.send(&filled).await;
    assert_eq!(answer.status, 200, "{}", answer.text);
    assert_eq!(answer.body["type"], ADAPTIVE_CARD, "{}", answer.body);
    let confirmation = fake::card_text(&answer.body["value"]);
    assert!(
        confirmation.contains("Kudos sent to") && confirmation.contains("Ben Carter"),
        "{confirmation}"
    );
    assert!(fake::card_inputs(&answer.body["value"]).is_empty());
    h.fake
        .wait_for_messages_in_channel(CUSTOMER_WINS_CHANNEL_ID, 1)
        .await;
    h.settle().await;
    assert_eq!(h.kudos_count().await, 1, "exactly one kudos");
}

async fn only_a_mention_teams_vouches_for_names_someone(backend: Backend) {
    let h = start(backend).await;
    let ana = h.person("ana@acme.example");
    let ben = h.person("ben@acme.example");
    let mark = ambassador::platform::teams::mentions::MENTION_MARK;
    let forged = [
        // Typed tags with no mention entity behind them.
        "kudos <at>Ben Carter</at> kept the customer's shop open all weekend".to_string(),
        // The private mark the bot wraps real mentions in, typed by hand.
        format!(
            "kudos {mark}{}{mark} kept the customer's shop open all weekend",
            ben.aad_object_id
        ),
    ];
    for text in &forged {
        h.send(&h.client.personal_message(&ana, text)).await;
    }
    let last = forged.len();
    // Each is answered (with a refusal) in Ana's 1:1, after her welcome.
    h.fake.wait_for_messages_to(&ana.email, last + 1).await;
    h.settle().await;
    assert_eq!(h.kudos_count().await, 0, "nobody was thanked");
    assert!(
        h.fake.messages_to(&ben.email).is_empty(),
        "Ben hears nothing"
    );
    assert!(
        h.fake
            .messages_in_channel(CUSTOMER_WINS_CHANNEL_ID)
            .is_empty()
    );
    assert_eq!(saying(&h.fake.messages_to(&ana.email), "Kudos sent to"), 0);
}
