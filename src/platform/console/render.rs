//! Rendering the neutral message model as terminal text.

use crate::core::message::{Block, Button, Message, RichText, Span};

/// Makes literal text harmless in a terminal transcript: broadcast mentions (`@here`,
/// `@channel`, `@everyone`) get a full-width at sign and angle brackets become guillemets, so
/// `<!channel>` or `<@U123>` typed into a kudos can never look like, or become, a mention.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(c) = rest.chars().next() {
        let after = &rest[c.len_utf8()..];
        match c {
            '<' => out.push('‹'),
            '>' => out.push('›'),
            '@' if ["here", "channel", "everyone"]
                .iter()
                .any(|w| after.to_lowercase().starts_with(w)) =>
            {
                out.push('＠')
            }
            other => out.push(other),
        }
        rest = after;
    }
    out
}

fn rich(text: &RichText) -> String {
    text.0
        .iter()
        .map(|span| match span {
            Span::Text(t) | Span::Strong(t) | Span::Emphasis(t) => escape(t),
            Span::Mention(who) => format!("@{}", who.platform_user_id),
        })
        .collect()
}

/// Renders a message under a `── label ──` line. `button_id` names each button (`b3`) and
/// `image_path` stores each image, returning where it went.
pub fn render(
    label: &str,
    message: &Message,
    mut button_id: impl FnMut(&Button) -> String,
    mut image_path: impl FnMut(&crate::core::message::Image) -> String,
) -> Vec<String> {
    let mut lines = vec![format!("── {label} ──")];
    for block in &message.blocks {
        match block {
            Block::Header(t) => lines.push(format!("■ {}", escape(t))),
            Block::Section(t) => lines.extend(rich(t).lines().map(str::to_string)),
            Block::Quote(t) => lines.extend(rich(t).lines().map(|l| format!("  │ {l}"))),
            Block::Fields(fields) => {
                for f in fields {
                    lines.push(format!("  {}: {}", escape(&f.label), rich(&f.value)));
                }
            }
            Block::Buttons(buttons) => lines.push(
                buttons
                    .iter()
                    .map(|b| format!("[{}] {}", button_id(b), escape(&b.label)))
                    .collect::<Vec<_>>()
                    .join("   "),
            ),
            Block::Select(select) => {
                let options = select
                    .options
                    .iter()
                    .map(|o| {
                        let as_button = Button {
                            action: format!("{}{}", select.action, o.value),
                            label: o.label.clone(),
                            style: crate::core::message::ButtonStyle::Default,
                        };
                        format!("[{}] {}", button_id(&as_button), escape(&o.label))
                    })
                    .collect::<Vec<_>>()
                    .join("   ");
                lines.push(format!("{}: {options}", escape(&select.placeholder)));
            }
            Block::Image(image) => lines.push(format!(
                "[image: {}] {}",
                escape(&image.alt),
                image_path(image)
            )),
            Block::Context(t) => lines.extend(rich(t).lines().map(|l| format!("  {l}"))),
            Block::Divider => lines.push("  ─────".into()),
        }
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn broadcasts_and_slack_markup_in_user_text_are_neutralised() {
        assert_eq!(
            escape("hi @here and <!channel> <@U1>"),
            "hi ＠here and ‹!channel› ‹@U1›"
        );
        assert_eq!(escape("@Everyone"), "＠Everyone");
    }

    #[test]
    fn ordinary_at_signs_stay_readable() {
        assert_eq!(escape("/kudos @ana"), "/kudos @ana");
        assert_eq!(escape("mail ana@acme.example"), "mail ana@acme.example");
    }
}
