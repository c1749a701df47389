//! `/web/`: the signed-in person's own page: the narrative, their open pulse, their kudos and,
//! for managers, their teams' latest figures, as their chat home page shows them.

use maud::html;

use super::render;
use super::{Signed, WebError};

/// `GET /web/`.
pub(super) async fn page(Signed(page): Signed) -> Result<maud::Markup, WebError> {
    let home = page
        .bot
        .web_home(&page.viewer)
        .await
        .map_err(|e| WebError::internal(&page, e))?;
    // The chat page's own title greets the person; the web page's heading does that.
    let mut blocks = home.blocks;
    if matches!(blocks.first(), Some(crate::core::message::Block::Header(_))) {
        blocks.remove(0);
    }
    let body = render::message(&crate::core::message::Message {
        blocks,
        visibility: home.visibility,
    });
    let title = page.t(
        "web-home-title",
        &[("name", page.viewer.person.display_name.clone().into())],
    );
    Ok(page.render(
        &title,
        html! {
            p.note { (page.t("web-home-answer-in-chat", &[])) }
            (body)
        },
    ))
}
