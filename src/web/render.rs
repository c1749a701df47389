//! A chat [`Message`] as HTML, so a page can show what the bot says in chat (the narrative,
//! the open pulse, kudos figures) without saying it a second way. Buttons and menus belong to
//! chat and are left out; every piece of text is escaped by maud.

use maud::{Markup, html};

use crate::core::message::{Block, Message, RichText, Span};

/// The blocks of `message`, in order.
pub fn message(message: &Message) -> Markup {
    html! {
        @for block in &message.blocks {
            (block_html(block))
        }
    }
}

fn block_html(block: &Block) -> Markup {
    html! {
        @match block {
            Block::Header(text) => h2 { (text) },
            Block::Section(text) => p.section { (rich(text)) },
            Block::Quote(text) => blockquote { (rich(text)) },
            Block::Fields(fields) => dl.fields {
                @for f in fields {
                    div { dt { (f.label) } dd { (rich(&f.value)) } }
                }
            },
            Block::Context(text) => p.context { (rich(text)) },
            Block::Divider => hr;
            Block::Image(image) => img src={ "data:image/png;base64," (base64_png(&image.png)) } alt=(image.alt);
            Block::Buttons(_) | Block::Select(_) => {}
        }
    }
}

/// Rich text: literal pieces, bold and italics, and mentions shown by name.
pub fn rich(text: &RichText) -> Markup {
    html! {
        @for span in &text.0 {
            @match span {
                Span::Text(s) => (s),
                Span::Strong(s) => strong { (s) },
                Span::Emphasis(s) => em { (s) },
                Span::Mention(who) => span.mention { "@" (who.display_name) },
            }
        }
    }
}

fn base64_png(png: &[u8]) -> String {
    use base64::Engine as _;
    base64::engine::general_purpose::STANDARD.encode(png)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_people_typed_is_escaped_not_run() {
        let m = Message::public(vec![Block::Quote(RichText::text(
            "<script>alert(1)</script> & \"quotes\"",
        ))]);
        let html = message(&m).into_string();
        assert!(!html.contains("<script>"), "{html}");
        assert!(
            html.contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp;"),
            "{html}"
        );
    }
}
