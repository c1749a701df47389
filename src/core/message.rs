//! The platform-neutral outbound message model.
//!
//! Every message the bot sends is built from these blocks and nothing else. Each adapter renders
//! them: Slack to Block Kit, Teams to an Adaptive Card, Discord to an embed with components, the
//! console to text. Because text is always a list of [`Span`]s holding *literal* strings, an
//! adapter escapes every string for its platform and only a [`Span::Mention`] can ever notify
//! anyone: a person typing `<!channel>` or `@here` into a kudos cannot reach the whole company.

use serde::{Deserialize, Serialize};

/// One message: blocks top to bottom, and whether only the addressee sees it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Message {
    /// The content, in order.
    pub blocks: Vec<Block>,
    /// Whether the message is visible only to the person it answers.
    pub visibility: Visibility,
}

impl Message {
    /// A message visible to everyone in its destination.
    pub fn public(blocks: Vec<Block>) -> Self {
        Self {
            blocks,
            visibility: Visibility::Public,
        }
    }

    /// A reply only the invoking person sees (Slack ephemeral, Discord ephemeral flag).
    pub fn ephemeral(blocks: Vec<Block>) -> Self {
        Self {
            blocks,
            visibility: Visibility::Ephemeral,
        }
    }

    /// Shorthand for a one-paragraph ephemeral reply.
    pub fn ephemeral_text(text: RichText) -> Self {
        Self::ephemeral(vec![Block::Section(text)])
    }

    /// Every button in the message, for adapters that number them and for tests.
    pub fn buttons(&self) -> impl Iterator<Item = &Button> {
        self.blocks.iter().flat_map(|b| match b {
            Block::Buttons(buttons) => buttons.as_slice(),
            _ => &[],
        })
    }

    /// The message flattened to plain text: used for notification previews and logs.
    pub fn plain_text(&self) -> String {
        let mut out = Vec::new();
        for block in &self.blocks {
            match block {
                Block::Header(t) => out.push(t.clone()),
                Block::Section(t) | Block::Context(t) | Block::Quote(t) => out.push(t.plain()),
                Block::Fields(fields) => {
                    for f in fields {
                        out.push(format!("{}: {}", f.label, f.value.plain()));
                    }
                }
                Block::Buttons(buttons) => {
                    out.push(
                        buttons
                            .iter()
                            .map(|b| b.label.clone())
                            .collect::<Vec<_>>()
                            .join(" | "),
                    );
                }
                Block::Select(s) => out.push(s.placeholder.clone()),
                Block::Image(i) => out.push(i.alt.clone()),
                Block::Divider => {}
            }
        }
        out.join("\n")
    }
}

/// Whether a message is for everyone in the destination or only for the person it answers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Visibility {
    /// Everyone in the destination sees it.
    Public,
    /// Only the invoking person sees it.
    Ephemeral,
}

/// A building block every platform can render.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Block {
    /// A short bold title line.
    Header(String),
    /// A paragraph of rich text.
    Section(RichText),
    /// Someone's own words, set apart (a kudos message, an anonymous comment).
    Quote(RichText),
    /// Label/value pairs laid out in columns where the platform can.
    Fields(Vec<Field>),
    /// A row of buttons.
    Buttons(Vec<Button>),
    /// A drop-down menu.
    Select(Select),
    /// A picture (the digest chart).
    Image(Image),
    /// Small print under the main content.
    Context(RichText),
    /// A horizontal rule.
    Divider,
}

/// A run of text made of literal pieces: adapters escape each piece for their platform.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct RichText(pub Vec<Span>);

/// One piece of [`RichText`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Span {
    /// Literal text; never interpreted as markup or a mention.
    Text(String),
    /// Literal text shown in bold.
    Strong(String),
    /// Literal text shown in italics.
    Emphasis(String),
    /// A real mention of a person, the only way the bot ever notifies someone in a text.
    Mention(UserRef),
}

/// Who a mention points to, in the platform's own ids.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct UserRef {
    /// The platform's user id (Slack `U…`, Teams `29:…`, Discord snowflake, console handle).
    pub platform_user_id: String,
    /// The name to show where a platform cannot render a live mention.
    pub display_name: String,
}

impl RichText {
    /// Plain literal text.
    pub fn text(s: impl Into<String>) -> Self {
        Self(vec![Span::Text(s.into())])
    }

    /// Appends literal text.
    pub fn push_text(mut self, s: impl Into<String>) -> Self {
        self.0.push(Span::Text(s.into()));
        self
    }

    /// Appends bold text.
    pub fn push_strong(mut self, s: impl Into<String>) -> Self {
        self.0.push(Span::Strong(s.into()));
        self
    }

    /// Appends a mention.
    pub fn push_mention(mut self, who: UserRef) -> Self {
        self.0.push(Span::Mention(who));
        self
    }

    /// Builds rich text from a translated template in which [`mention_marker`]s stand for
    /// mentions; this keeps word order in the translator's hands while mentions stay real.
    pub fn from_template(template: &str, mentions: &[UserRef]) -> Self {
        let mut spans = Vec::new();
        let mut rest = template;
        while let Some(start) = rest.find(MARK) {
            let after = &rest[start + MARK.len_utf8()..];
            let Some(end) = after.find(MARK) else { break };
            let index: Option<usize> = after[..end].parse().ok();
            match index.and_then(|i| mentions.get(i)) {
                Some(who) => {
                    if start > 0 {
                        spans.push(Span::Text(rest[..start].to_string()));
                    }
                    spans.push(Span::Mention(who.clone()));
                    rest = &after[end + MARK.len_utf8()..];
                }
                None => break,
            }
        }
        if !rest.is_empty() {
            spans.push(Span::Text(rest.to_string()));
        }
        Self(spans)
    }

    /// The text without formatting, mentions shown as `@name`.
    pub fn plain(&self) -> String {
        self.0
            .iter()
            .map(|s| match s {
                Span::Text(t) | Span::Strong(t) | Span::Emphasis(t) => t.clone(),
                Span::Mention(u) => format!("@{}", u.display_name),
            })
            .collect()
    }
}

const MARK: char = '\u{FFFC}';

/// The placeholder that [`RichText::from_template`] turns into the `index`-th mention.
pub fn mention_marker(index: usize) -> String {
    format!("{MARK}{index}{MARK}")
}

/// A label/value pair.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Field {
    /// The label.
    pub label: String,
    /// The value.
    pub value: RichText,
}

/// A button; pressing it comes back to the bot as a click with `action`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Button {
    /// What the bot should do when pressed, e.g. `narrative-ack:3`; stable across platforms.
    pub action: String,
    /// The visible label.
    pub label: String,
    /// How prominent the button is.
    pub style: ButtonStyle,
}

/// How prominent a button is; platforms without styles ignore it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum ButtonStyle {
    /// The suggested action.
    Primary,
    /// An ordinary action.
    Default,
    /// A destructive action.
    Danger,
}

/// A drop-down; choosing an option comes back as a click with `action` and the option's value.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Select {
    /// The action prefix the choice is reported with.
    pub action: String,
    /// Shown before anything is chosen.
    pub placeholder: String,
    /// The choices.
    pub options: Vec<SelectOption>,
}

/// One choice in a [`Select`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SelectOption {
    /// The visible label.
    pub label: String,
    /// The value reported back.
    pub value: String,
}

/// An image carried with the message (platforms upload it, the console writes a file).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Image {
    /// Text for screen readers and text-only clients.
    pub alt: String,
    /// A file name suggestion, e.g. `engagement-2026-W48.png`.
    pub file_name: String,
    /// PNG bytes.
    pub png: Vec<u8>,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ana() -> UserRef {
        UserRef {
            platform_user_id: "U1".into(),
            display_name: "Ana".into(),
        }
    }

    #[test]
    fn templates_turn_markers_into_real_mentions_in_the_translators_order() {
        let t = format!("Dzięki, {}! Brawo.", mention_marker(0));
        let rich = RichText::from_template(&t, &[ana()]);
        assert_eq!(
            rich.0,
            vec![
                Span::Text("Dzięki, ".into()),
                Span::Mention(ana()),
                Span::Text("! Brawo.".into())
            ]
        );
    }

    #[test]
    fn a_marker_without_a_mention_stays_text_instead_of_panicking() {
        let t = format!("x {} y", mention_marker(5));
        let rich = RichText::from_template(&t, &[]);
        assert_eq!(rich.plain(), t);
    }
}
