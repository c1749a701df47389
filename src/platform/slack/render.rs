//! Rendering the neutral message model as Slack Block Kit, and updating a clicked message.
//!
//! Every literal string from the model is escaped for mrkdwn (`&`, `<`, `>` and nothing else), so
//! a kudos that says `<!channel>` shows those characters and pings nobody; only a
//! [`Span::Mention`] becomes a `<@U…>` mention. mrkdwn text objects are also sent with
//! `verbatim: true`, which stops Slack from linkifying bare `#channel` names or mentions on its own.
//!
//! Slack rejects a whole message when one block breaks a limit, and a rejected message is a lost
//! pulse or digest. So the renderer never sends an over-long text: long sections are split into
//! several sections (no text lost), rows of buttons are split into several actions blocks, and only
//! labels that Slack caps (a header, a button) are shortened with an ellipsis.
//!
//! ```text
//! Block::Header("Pulse")           -> {"type":"header","text":{"type":"plain_text","text":"Pulse"}}
//! Block::Buttons([1, 2, 3])        -> {"type":"actions","block_id":"actions-0","elements":[
//!                                        {"type":"button","action_id":"pulse:7:0:1",
//!                                         "text":{"type":"plain_text","text":"1"},
//!                                         "value":"pulse:7:0:1"}, …]}
//! Block::Image(chart)              -> nothing here: see images(), the adapter uploads it
//! ```

use slack_morphism::prelude::{
    SlackActionBlockElement, SlackActionId, SlackActionsBlock, SlackBlock, SlackBlockButtonElement,
    SlackBlockButtonStyle, SlackBlockChoiceItem, SlackBlockId, SlackBlockMarkDownText,
    SlackBlockPlainTextOnly, SlackBlockStaticSelectElement, SlackBlockText, SlackContextBlock,
    SlackContextBlockElement, SlackDividerBlock, SlackHeaderBlock, SlackSectionBlock,
    SlackSectionBlockElement,
};

use crate::core::message::{
    Block, Button, ButtonStyle, Field, Image, Message, RichText, Select, Span,
};

/// Slack's limit on a header's plain text.
pub const HEADER_MAX_CHARS: usize = 150;
/// Slack's limit on a section's (or a context element's) mrkdwn text.
pub const SECTION_TEXT_MAX_CHARS: usize = 3000;
/// Slack's limit on the number of fields in one section.
pub const SECTION_MAX_FIELDS: usize = 10;
/// Slack's limit on one field's text.
pub const FIELD_TEXT_MAX_CHARS: usize = 2000;
/// Slack's limit on the elements of one actions block.
pub const ACTIONS_MAX_ELEMENTS: usize = 25;
/// Slack's limit on a button's label.
pub const BUTTON_LABEL_MAX_CHARS: usize = 75;
/// Slack's limit on the options of a static select.
pub const SELECT_MAX_OPTIONS: usize = 100;
/// Slack's limit on an option's label.
pub const OPTION_TEXT_MAX_CHARS: usize = 75;
/// Slack's limit on a select's or an input's placeholder.
pub const PLACEHOLDER_MAX_CHARS: usize = 150;
/// Slack's limit on a `block_id`.
pub const BLOCK_ID_MAX_CHARS: usize = 255;
/// Slack's limit on the blocks of one message (App Home and modals allow 100).
pub const MESSAGE_MAX_BLOCKS: usize = 50;
/// How much of the message the notification text carries; Slack shows only a line or two.
pub const FALLBACK_MAX_CHARS: usize = 300;

/// What a shortened label ends with.
const ELLIPSIS: char = '…';
/// The `block_id` prefix of the context block that shows the bot's answer to a click.
pub const REPLY_BLOCK_PREFIX: &str = "reply:";
/// The `block_id` of the context block that says blocks were left out to fit Slack's limit.
pub const TRUNCATED_BLOCK_ID: &str = "truncated";

/// A user id from a Slack mention token: `<@U123>` or `<@U123|ana>`.
pub fn parse_user_mention(token: &str) -> Option<String> {
    let inner = token.strip_prefix("<@")?.strip_suffix('>')?;
    let id = inner.split('|').next()?;
    let valid = !id.is_empty()
        && id.chars().all(|c| c.is_ascii_alphanumeric())
        && (id.starts_with('U') || id.starts_with('W'));
    valid.then(|| id.to_string())
}

/// Escapes literal text for mrkdwn, so user text can never become markup, a link or a mention.
///
/// Only `&`, `<` and `>` are control characters in Slack text; anything else escaped (say
/// `&#39;`) would be shown literally. Escaping character by character is the same as replacing
/// `&` first.
pub fn escape_mrkdwn(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            other => out.push(other),
        }
    }
    out
}

/// Undoes [`escape_mrkdwn`], for Slack text shown back as plain text (a message shortcut's
/// message prefilled into a modal input, where `&lt;` would otherwise appear literally).
pub fn unescape_mrkdwn(s: &str) -> String {
    // `&amp;` last, so `&amp;lt;` (an escaped "&lt;") becomes "&lt;" and not "<".
    s.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&")
}

/// Turns a Slack message's text into readable plain text, for quoting it in the kudos form
/// (the "Give kudos" message shortcut): a person should read names, not `<@U0123ABC>`.
///
/// `<@U1>` and `<@U1|ana>` become `@Name` (from `name_of`, which is given the id; else the
/// label after `|`; else `@someone`); `<#C1|general>` becomes `#general` (`#channel` without a
/// label); `<!here>`, `<!channel>` and `<!everyone>` become `@here` and so on; `<!subteam^S1|@team>`
/// becomes `@team`; `<!date^…|fallback>` its fallback; `<https://x|label>` becomes
/// `label (https://x)` and `<https://x>` the bare URL. `&amp;`, `&lt;` and `&gt;` are
/// unescaped last, so text a person typed as `<@U1>` (sent by Slack as `&lt;@U1&gt;`) stays
/// that text. No markup token survives: a `<` without a closing `>` is kept as text.
pub fn readable_quote(text: &str, name_of: impl Fn(&str) -> Option<String>) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(open) = rest.find('<') {
        out.push_str(&unescape_mrkdwn(&rest[..open]));
        let token = &rest[open + 1..];
        match token.find('>') {
            Some(close) => {
                out.push_str(&readable_token(&token[..close], &name_of));
                rest = &token[close + 1..];
            }
            None => {
                out.push_str(&unescape_mrkdwn(&rest[open..]));
                rest = "";
            }
        }
    }
    out.push_str(&unescape_mrkdwn(rest));
    out
}

/// One markup token of [`readable_quote`], without its angle brackets.
fn readable_token(token: &str, name_of: &impl Fn(&str) -> Option<String>) -> String {
    let (target, label) = match token.split_once('|') {
        Some((target, label)) => (target, Some(unescape_mrkdwn(label))),
        None => (token, None),
    };
    let label = label.filter(|l| !l.trim().is_empty());
    let at = |name: &str| format!("@{}", name.trim_start_matches('@'));
    if let Some(user) = target.strip_prefix('@') {
        let name = name_of(user).filter(|n| !n.trim().is_empty()).or(label);
        return at(name.as_deref().unwrap_or("someone"));
    }
    if target.starts_with('#') {
        let name = label
            .as_deref()
            .unwrap_or("channel")
            .trim_start_matches('#');
        return format!("#{name}");
    }
    if let Some(special) = target.strip_prefix('!') {
        let mut parts = special.split('^');
        let name = parts.next().unwrap_or_default();
        return match name {
            "here" | "channel" | "everyone" => at(name),
            "subteam" => at(label.as_deref().unwrap_or("group")),
            // Slack requires a fallback; without one the date is shown as a plain UTC day.
            "date" => label.unwrap_or_else(|| {
                parts
                    .next()
                    .and_then(|secs| secs.parse::<i64>().ok())
                    .and_then(|secs| chrono::DateTime::from_timestamp(secs, 0))
                    .map(|day| day.format("%Y-%m-%d").to_string())
                    .unwrap_or_default()
            }),
            other => label.unwrap_or_else(|| at(other)),
        };
    }
    let url = unescape_mrkdwn(target);
    let bare = url.strip_prefix("mailto:").unwrap_or(&url);
    match label {
        Some(label) if label == url || label == bare => label,
        Some(label) => format!("{label} ({url})"),
        None => bare.to_string(),
    }
}

/// Renders rich text as mrkdwn: the one place where model text becomes Slack markup.
///
/// Text is escaped; `Strong` becomes `*…*` and `Emphasis` `_…_` (escaped inside, and nothing at
/// all when empty, since `**` would show literally); a mention becomes `<@ID>`. Nothing is trimmed.
pub fn rich_text_to_mrkdwn(t: &RichText) -> String {
    t.0.iter().map(span_to_mrkdwn).collect()
}

fn span_to_mrkdwn(span: &Span) -> String {
    match span {
        Span::Text(t) => escape_mrkdwn(t),
        Span::Strong(t) if t.is_empty() => String::new(),
        Span::Strong(t) => format!("*{}*", escape_mrkdwn(t)),
        Span::Emphasis(t) if t.is_empty() => String::new(),
        Span::Emphasis(t) => format!("_{}_", escape_mrkdwn(t)),
        Span::Mention(who) if is_slack_id(&who.platform_user_id) => {
            format!("<@{}>", who.platform_user_id)
        }
        // Not a Slack id (a console handle in a shared test, a corrupt row): show the name as
        // text rather than emit a `<@…>` whose content we do not control.
        Span::Mention(who) => escape_mrkdwn(&format!("@{}", who.display_name)),
    }
}

/// Whether `id` can go inside `<@…>` unescaped (Slack ids are `U…`/`W…` letters and digits).
fn is_slack_id(id: &str) -> bool {
    !id.is_empty() && id.chars().all(|c| c.is_ascii_alphanumeric())
}

/// Renders a message as Block Kit blocks for chat.postMessage, chat.update or a response_url.
///
/// Images render as nothing (a Slack image block needs a file that is uploaded first; see
/// [`images`]). The result always fits Slack's limits: at most [`MESSAGE_MAX_BLOCKS`] blocks,
/// the last one saying "…" when some had to be left out. Actions blocks get the block ids
/// `actions-0`, `actions-1`, … so [`mark_clicked`] can find them again.
pub fn render_blocks(message: &Message) -> Vec<SlackBlock> {
    cap_blocks(render_all(message), MESSAGE_MAX_BLOCKS)
}

/// Renders every block with no cap on their number (the caller caps for its surface).
pub(super) fn render_all(message: &Message) -> Vec<SlackBlock> {
    let mut out = Vec::new();
    let mut actions = 0usize;
    let mut next_actions_id = || {
        let id = format!("actions-{actions}");
        actions += 1;
        SlackBlockId(id)
    };
    for block in &message.blocks {
        match block {
            Block::Header(text) => {
                if !text.trim().is_empty() {
                    out.push(
                        SlackHeaderBlock::new(plain(truncate_chars(text, HEADER_MAX_CHARS))).into(),
                    );
                }
            }
            Block::Section(text) => {
                for chunk in split_rich(text, SECTION_TEXT_MAX_CHARS, 0) {
                    let md = rich_text_to_mrkdwn(&chunk);
                    if !md.trim().is_empty() {
                        out.push(section(md));
                    }
                }
            }
            Block::Quote(text) => {
                for chunk in split_rich(text, SECTION_TEXT_MAX_CHARS, QUOTE_MARK.len()) {
                    let md = rich_text_to_mrkdwn(&chunk);
                    if !md.trim().is_empty() {
                        out.push(section(quote_lines(&md)));
                    }
                }
            }
            Block::Fields(fields) => {
                let texts: Vec<SlackBlockText> = fields.iter().filter_map(field_text).collect();
                for chunk in texts.chunks(SECTION_MAX_FIELDS) {
                    out.push(SlackSectionBlock::new().with_fields(chunk.to_vec()).into());
                }
            }
            Block::Buttons(buttons) => {
                for row in buttons.chunks(ACTIONS_MAX_ELEMENTS) {
                    let elements = row.iter().map(button_element).collect();
                    out.push(
                        SlackActionsBlock::new(elements)
                            .with_block_id(next_actions_id())
                            .into(),
                    );
                }
            }
            Block::Select(select) => {
                if let Some(element) = select_element(select) {
                    out.push(
                        SlackActionsBlock::new(vec![element])
                            .with_block_id(next_actions_id())
                            .into(),
                    );
                }
            }
            // Uploaded separately by the adapter; see `images`.
            Block::Image(_) => {}
            Block::Context(text) => {
                for chunk in split_rich(text, SECTION_TEXT_MAX_CHARS, 0) {
                    let md = rich_text_to_mrkdwn(&chunk);
                    if !md.trim().is_empty() {
                        out.push(context(md, None));
                    }
                }
            }
            Block::Divider => out.push(SlackDividerBlock::new().into()),
        }
    }
    out
}

/// The images a message carries, in order: Slack cannot show them inline until they are uploaded
/// (files.getUploadURLExternal, then files.completeUploadExternal), so the adapter sends them
/// separately and [`render_blocks`] leaves them out.
pub fn images(message: &Message) -> Vec<&Image> {
    message
        .blocks
        .iter()
        .filter_map(|b| match b {
            Block::Image(image) => Some(image),
            _ => None,
        })
        .collect()
}

/// The `text` sent next to the blocks: what notifications, screen readers and old clients show.
///
/// It is the message as plain text (mentions as `@name`, so a notification never pings), cut
/// to about [`FALLBACK_MAX_CHARS`] characters and escaped, since Slack parses `text` as mrkdwn.
pub fn fallback_text(message: &Message) -> String {
    escape_mrkdwn(&truncate_chars(&message.plain_text(), FALLBACK_MAX_CHARS))
}

/// Updates a message's blocks after a click, for chat.update: the person sees what they chose and
/// the bot's answer in place, instead of a new message per click.
///
/// The pressed button gets `style: primary` and the other buttons of its actions block lose
/// their style; a context block right after that actions block shows `reply` (escaped). That
/// context block has the block id `reply:<actions block id>` (or `reply:<index>` when the actions
/// block has none), so pressing again replaces it rather than stacking answers: applying the same
/// click twice gives the same blocks. An empty `reply` removes an earlier answer. A button (or
/// select) that is a section's `accessory` is treated the same way, the section standing in for
/// the actions block: it is the only element of its row. Blocks without the action are returned
/// unchanged.
pub fn mark_clicked(mut blocks: Vec<SlackBlock>, action_id: &str, reply: &str) -> Vec<SlackBlock> {
    let mut found = None;
    for (index, block) in blocks.iter_mut().enumerate() {
        let owner = match block {
            SlackBlock::Actions(actions) => press(actions, action_id).then_some(&actions.block_id),
            SlackBlock::Section(section) => {
                press_accessory(section, action_id).then_some(&section.block_id)
            }
            _ => None,
        };
        let Some(owner) = owner else { continue };
        let owner = owner
            .as_ref()
            .map(|id| id.0.clone())
            .unwrap_or_else(|| index.to_string());
        found = Some((index, reply_block_id(&owner)));
        break;
    }
    let Some((mut index, reply_id)) = found else {
        return blocks;
    };

    let next = index + 1;
    let has_reply = blocks
        .get(next)
        .is_some_and(|b| block_id(b) == Some(reply_id.as_str()));
    let reply = escape_mrkdwn(reply);
    match (has_reply, reply.trim().is_empty()) {
        (true, true) => {
            blocks.remove(next);
        }
        (true, false) => {
            if let Some(slot) = blocks.get_mut(next) {
                *slot = context(reply, Some(reply_id));
            }
        }
        (false, false) => blocks.insert(next, context(reply, Some(reply_id))),
        (false, true) => {}
    }

    // An added answer may take the message past Slack's limit: drop content from the end, but
    // never the pressed row, its answer or the "…" marker.
    while blocks.len() > MESSAGE_MAX_BLOCKS {
        let victim = (0..blocks.len()).rev().find(|&k| {
            k != index
                && k != index + 1
                && blocks
                    .get(k)
                    .is_some_and(|b| block_id(b) != Some(TRUNCATED_BLOCK_ID))
        });
        let Some(k) = victim else { break };
        blocks.remove(k);
        if k < index {
            index -= 1;
        }
    }
    blocks
}

/// Reads the blocks of a message as Slack sends them back (`message.blocks` in a block_actions
/// payload), so [`mark_clicked`] can update exactly what the person sees.
///
/// Blocks of types slack-morphism does not model survive as raw JSON and are sent back verbatim.
/// `None` when `v` is not an array of blocks.
pub fn blocks_from_json(v: &serde_json::Value) -> Option<Vec<SlackBlock>> {
    if !v.is_array() {
        return None;
    }
    serde_json::from_value(v.clone()).ok()
}

/// Marks a pressed button and clears the style of its neighbours; false when the block does not
/// hold the action.
fn press(actions: &mut SlackActionsBlock, action_id: &str) -> bool {
    let holds = actions.elements.iter().any(|e| match e {
        SlackActionBlockElement::Button(b) => has_action(&b.action_id, action_id),
        SlackActionBlockElement::StaticSelect(s) => has_action(&s.action_id, action_id),
        _ => false,
    });
    if !holds {
        return false;
    }
    for element in &mut actions.elements {
        if let SlackActionBlockElement::Button(button) = element {
            button.style = if has_action(&button.action_id, action_id) {
                Some(SlackBlockButtonStyle::Primary)
            } else {
                None
            };
        }
    }
    true
}

/// Marks a pressed button that is a section's accessory; false when the section does not hold
/// the action. A select there is found but has no style to set.
fn press_accessory(section: &mut SlackSectionBlock, action_id: &str) -> bool {
    match &mut section.accessory {
        Some(SlackSectionBlockElement::Button(button))
            if has_action(&button.action_id, action_id) =>
        {
            button.style = Some(SlackBlockButtonStyle::Primary);
            true
        }
        Some(SlackSectionBlockElement::StaticSelect(select)) => {
            has_action(&select.action_id, action_id)
        }
        _ => false,
    }
}

fn has_action(id: &Option<SlackActionId>, action_id: &str) -> bool {
    id.as_ref().is_some_and(|id| id.0 == action_id)
}

fn reply_block_id(owner: &str) -> String {
    truncate_plain(&format!("{REPLY_BLOCK_PREFIX}{owner}"), BLOCK_ID_MAX_CHARS)
}

/// The block id of any block type we render or update.
fn block_id(block: &SlackBlock) -> Option<&str> {
    let id = match block {
        SlackBlock::Section(b) => b.block_id.as_ref(),
        SlackBlock::Header(b) => b.block_id.as_ref(),
        SlackBlock::Divider(b) => b.block_id.as_ref(),
        SlackBlock::Image(b) => b.block_id.as_ref(),
        SlackBlock::Actions(b) => b.block_id.as_ref(),
        SlackBlock::Context(b) => b.block_id.as_ref(),
        SlackBlock::Input(b) => b.block_id.as_ref(),
        _ => None,
    };
    id.map(|id| id.0.as_str())
}

/// Keeps at most `max` blocks; when some must go, the last kept block is a context "…" so the
/// reader knows there was more.
pub(super) fn cap_blocks(mut blocks: Vec<SlackBlock>, max: usize) -> Vec<SlackBlock> {
    if blocks.len() <= max {
        return blocks;
    }
    blocks.truncate(max.saturating_sub(1));
    blocks.push(context(
        ELLIPSIS.to_string(),
        Some(TRUNCATED_BLOCK_ID.to_string()),
    ));
    blocks
}

fn plain(text: String) -> SlackBlockPlainTextOnly {
    text.into()
}

fn mrkdwn(text: String) -> SlackBlockMarkDownText {
    SlackBlockMarkDownText::new(text).with_verbatim(true)
}

fn section(md: String) -> SlackBlock {
    SlackSectionBlock::new().with_text(mrkdwn(md).into()).into()
}

fn context(md: String, id: Option<String>) -> SlackBlock {
    SlackContextBlock::new(vec![SlackContextBlockElement::MarkDown(mrkdwn(md))])
        .opt_block_id(id.map(SlackBlockId))
        .into()
}

const QUOTE_MARK: &str = ">";

/// Starts every line with `>`: mrkdwn quotes one line at a time.
fn quote_lines(md: &str) -> String {
    md.split('\n')
        .map(|line| format!("{QUOTE_MARK}{line}"))
        .collect::<Vec<_>>()
        .join("\n")
}

/// `*label*\nvalue`, cut to Slack's field limit; `None` when there is nothing to show.
fn field_text(field: &Field) -> Option<SlackBlockText> {
    let label = if field.label.trim().is_empty() {
        String::new()
    } else {
        format!(
            "*{}*\n",
            escape_mrkdwn(&truncate_chars(&field.label, HEADER_MAX_CHARS))
        )
    };
    let room = FIELD_TEXT_MAX_CHARS.saturating_sub(label.chars().count());
    let value = rich_text_to_mrkdwn(&truncate_rich(&field.value, room));
    let text = format!("{label}{value}");
    let text = text.trim_end_matches('\n');
    if text.trim().is_empty() {
        return None;
    }
    Some(mrkdwn(text.to_string()).into())
}

fn button_element(button: &Button) -> SlackActionBlockElement {
    let element = SlackBlockButtonElement::new(plain(label_or_ellipsis(
        &button.label,
        BUTTON_LABEL_MAX_CHARS,
    )))
    .with_action_id(SlackActionId(button.action.clone()))
    .with_value(button.action.clone());
    let style = match button.style {
        ButtonStyle::Primary => Some(SlackBlockButtonStyle::Primary),
        ButtonStyle::Danger => Some(SlackBlockButtonStyle::Danger),
        ButtonStyle::Default => None,
    };
    element.opt_style(style).into()
}

/// A static select whose option values are whole click actions (`select.action` followed by the
/// option's value, as the console reports them), so `selected_option.value` is the action.
fn select_element(select: &Select) -> Option<SlackActionBlockElement> {
    if select.options.is_empty() {
        return None;
    }
    let options = select
        .options
        .iter()
        .take(SELECT_MAX_OPTIONS)
        .map(|o| {
            SlackBlockChoiceItem::new(
                plain(label_or_ellipsis(&o.label, OPTION_TEXT_MAX_CHARS)),
                format!("{}{}", select.action, o.value),
            )
        })
        .collect();
    let placeholder = (!select.placeholder.trim().is_empty())
        .then(|| plain(truncate_chars(&select.placeholder, PLACEHOLDER_MAX_CHARS)));
    Some(
        SlackBlockStaticSelectElement::new()
            .with_action_id(SlackActionId(select.action.clone()))
            .with_options(options)
            .opt_placeholder(placeholder)
            .into(),
    )
}

/// A label Slack accepts: cut to `max` characters, and never empty (Slack rejects empty text).
pub(super) fn label_or_ellipsis(label: &str, max: usize) -> String {
    if label.trim().is_empty() {
        ELLIPSIS.to_string()
    } else {
        truncate_chars(label, max)
    }
}

/// Cuts plain text to at most `max` characters, ending with `…` when something was cut.
pub(super) fn truncate_chars(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        return s.to_string();
    }
    let mut out: String = s.chars().take(max.saturating_sub(1)).collect();
    out.push(ELLIPSIS);
    out
}

/// Cuts text to at most `max` characters with no ellipsis (ids, where `…` means nothing).
fn truncate_plain(s: &str, max: usize) -> String {
    s.chars().take(max).collect()
}

/// Cuts rich text so it renders to at most `max` mrkdwn characters, ending with `…` when cut.
fn truncate_rich(t: &RichText, max: usize) -> RichText {
    if rendered_len(t, 0) <= max {
        return t.clone();
    }
    let mut first = split_rich(t, max.saturating_sub(1), 0)
        .into_iter()
        .next()
        .unwrap_or_default();
    first.0.push(Span::Text(ELLIPSIS.to_string()));
    first
}

/// How many mrkdwn characters one literal character becomes. In quotes every line starts with
/// `line_prefix` more characters.
fn char_cost(c: char, line_prefix: usize) -> usize {
    match c {
        '&' => 5,
        '<' | '>' => 4,
        '\n' => 1 + line_prefix,
        _ => 1,
    }
}

fn text_cost(s: &str, line_prefix: usize) -> usize {
    s.chars().map(|c| char_cost(c, line_prefix)).sum()
}

fn span_cost(span: &Span, line_prefix: usize) -> usize {
    match span {
        Span::Text(t) => text_cost(t, line_prefix),
        Span::Strong(t) | Span::Emphasis(t) if t.is_empty() => 0,
        Span::Strong(t) | Span::Emphasis(t) => text_cost(t, line_prefix) + 2,
        Span::Mention(_) => span_to_mrkdwn(span).chars().count(),
    }
}

fn rendered_len(t: &RichText, line_prefix: usize) -> usize {
    line_prefix + t.0.iter().map(|s| span_cost(s, line_prefix)).sum::<usize>()
}

/// Splits rich text into pieces that each render to at most `limit` mrkdwn characters, so a long
/// text becomes several sections instead of a rejected message.
///
/// Pieces break at a line break or a space where one fits (that character becomes the boundary
/// between sections), inside a word only when a single word is longer than a section. Mentions,
/// escapes and `*bold*` markers are never cut in half: a styled run that spans two pieces is
/// closed and reopened.
fn split_rich(t: &RichText, limit: usize, line_prefix: usize) -> Vec<RichText> {
    let mut chunks = Vec::new();
    let mut current: Vec<Span> = Vec::new();
    let mut used = line_prefix;
    let flush = |current: &mut Vec<Span>, chunks: &mut Vec<RichText>| {
        if !current.is_empty() {
            chunks.push(RichText(std::mem::take(current)));
        }
    };
    for span in &t.0 {
        let cost = span_cost(span, line_prefix);
        if used + cost <= limit {
            current.push(span.clone());
            used += cost;
            continue;
        }
        let (text, make, overhead): (&str, fn(String) -> Span, usize) = match span {
            Span::Text(s) => (s, Span::Text, 0),
            Span::Strong(s) => (s, Span::Strong, 2),
            Span::Emphasis(s) => (s, Span::Emphasis, 2),
            Span::Mention(_) => {
                flush(&mut current, &mut chunks);
                current.push(span.clone());
                used = line_prefix + cost;
                continue;
            }
        };
        let mut rest = text;
        while !rest.is_empty() {
            let room = limit.saturating_sub(used + overhead);
            let rest_cost = text_cost(rest, line_prefix);
            if rest_cost <= room {
                current.push(make(rest.to_string()));
                used += rest_cost + overhead;
                break;
            }
            let (head, tail) = split_fitting(rest, room, line_prefix, current.is_empty());
            if !head.is_empty() {
                current.push(make(head.to_string()));
            }
            if head.is_empty() && tail.len() == rest.len() && current.is_empty() {
                // Nothing fits even in an empty piece (a limit below one character): stop rather
                // than loop; cannot happen with Slack's limits.
                break;
            }
            flush(&mut current, &mut chunks);
            used = line_prefix;
            rest = tail;
        }
    }
    flush(&mut current, &mut chunks);
    chunks
}

/// Splits `s` where its head costs at most `room`: at the last line break that fits, else the last
/// space, else (only when `may_cut_word`, i.e. the piece is empty) inside the word. The break
/// character itself is dropped. An empty head means "start a new piece first".
fn split_fitting(s: &str, room: usize, line_prefix: usize, may_cut_word: bool) -> (&str, &str) {
    let mut used = 0;
    let mut fit_end = 0;
    let mut last_newline = None;
    let mut last_space = None;
    for (i, c) in s.char_indices() {
        // A break character is dropped, so breaking before it needs only the head to fit.
        if c == '\n' {
            last_newline = Some(i);
        } else if c.is_whitespace() {
            last_space = Some(i);
        }
        let cost = char_cost(c, line_prefix);
        if used + cost > room {
            break;
        }
        used += cost;
        fit_end = i + c.len_utf8();
    }
    // A line break is the natural boundary, unless it comes so early that the piece would be
    // mostly empty while a later space fits.
    let late_newline = last_newline.filter(|&i| i * 2 >= fit_end);
    if let Some(i) = late_newline.or(last_newline.max(last_space))
        && i > 0
    {
        let after = s[i..].chars().next().map_or(0, char::len_utf8);
        return (&s[..i], &s[i + after..]);
    }
    if may_cut_word {
        let end = if fit_end == 0 {
            // Guarantee progress: one character even if it is over the room.
            s.chars().next().map_or(0, char::len_utf8)
        } else {
            fit_end
        };
        (&s[..end], &s[end..])
    } else {
        ("", s)
    }
}

#[cfg(test)]
mod tests;
