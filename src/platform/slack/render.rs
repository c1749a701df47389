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
mod tests {
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
        let styles: Vec<&serde_json::Value> =
            (0..5).map(|i| &v[5]["elements"][i]["style"]).collect();
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
            let visible = |t: &RichText| -> String {
                t.plain().chars().filter(|c| !c.is_whitespace()).collect()
            };
            let rejoined: String = chunks.iter().map(visible).collect();
            assert_eq!(rejoined, visible(&text), "case {case}");
        }
    }
}
