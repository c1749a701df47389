//! A person's home page (Slack's App Home): their narrative, their open pulse, their kudos
//! and, for managers, their teams' latest figures, in one place they can come back to.

use crate::bot::digest::DigestError;
use crate::bot::{Bot, Ctx, KUDOS_FORM_ACTION};
use crate::core::message::{Block, Button, ButtonStyle, Message, RichText, Visibility};

impl Bot {
    /// Builds the home page from the same answers the commands give, so the two never
    /// disagree.
    pub(in crate::bot) async fn home(&self, ctx: &Ctx) -> anyhow::Result<Message> {
        let l = ctx.actor.locale;
        let mut blocks = vec![
            Block::Header(self.t(
                l,
                "home-title",
                &[("name", ctx.actor.display_name.clone().into())],
            )),
            Block::Buttons(vec![
                Button {
                    action: KUDOS_FORM_ACTION.to_string(),
                    label: self.t(l, "home-give-kudos", &[]),
                    style: ButtonStyle::Primary,
                },
                Button {
                    action: crate::bot::WEB_LINK_ACTION.to_string(),
                    label: self.t(l, "web-open-dashboard", &[]),
                    style: ButtonStyle::Default,
                },
            ]),
            Block::Divider,
        ];
        blocks.extend(self.show_narrative(ctx).await?.blocks);
        blocks.push(Block::Divider);
        let pulse = self.pulse_show(ctx).await?;
        blocks.push(Block::Header(self.t(l, "home-pulse", &[])));
        // The pulse message has its own title; the home page shows one per section.
        blocks.extend(
            pulse
                .blocks
                .into_iter()
                .filter(|b| !matches!(b, Block::Header(_))),
        );
        blocks.push(Block::Divider);
        blocks.extend(self.kudos_stats(ctx).await?.blocks);
        // The home page shows no chart, so none is drawn.
        match self
            .digest_figures(&ctx.org, &ctx.actor, self.now(), false)
            .await
        {
            Ok(d) => {
                blocks.push(Block::Divider);
                blocks.push(Block::Header(self.t(l, "home-teams", &[])));
                // The chart goes out with the weekly digest; the home page keeps to figures.
                blocks.extend(
                    self.digest_message(&d, l)
                        .blocks
                        .into_iter()
                        .filter(|b| !matches!(b, Block::Image(_) | Block::Header(_))),
                );
            }
            Err(DigestError::NotAManager) => {}
            Err(DigestError::Other(e)) => return Err(e),
        }
        blocks.push(Block::Context(RichText::text(self.t(
            l,
            "home-footer",
            &[],
        ))));
        Ok(Message {
            blocks,
            visibility: Visibility::Ephemeral,
        })
    }
}
