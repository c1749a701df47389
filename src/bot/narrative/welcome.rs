//! Greeting a person the first time the bot sees them.

use crate::bot::{Bot, Ctx, direct_to};
use crate::core::message::{Block, Message, RichText};

impl Bot {
    /// Greets a person the first time the bot sees them, with the narrative and its button.
    pub(in crate::bot) async fn welcome_if_new(&self, ctx: &Ctx) -> anyhow::Result<()> {
        if ctx.actor.welcomed {
            return Ok(());
        }
        if !self.db().mark_welcomed(ctx.actor.id, self.now()).await? {
            return Ok(());
        }
        let Some(to) = direct_to(&ctx.actor) else {
            return Ok(());
        };
        let l = ctx.actor.locale;
        let mut blocks = vec![
            Block::Header(self.t(
                l,
                "welcome-title",
                &[("name", ctx.actor.display_name.clone().into())],
            )),
            Block::Section(RichText::text(self.t(l, "welcome-intro", &[]))),
        ];
        if let Some(current) = self.current_narrative(&ctx.org).await? {
            blocks.extend(self.narrative_blocks(&current, l, ctx.actor.timezone));
            blocks.push(self.ack_button(&current, l));
        }
        blocks.push(Block::Divider);
        blocks.push(Block::Context(RichText::text(self.t(
            l,
            "welcome-footer",
            &[],
        ))));
        self.deliver(&ctx.platform, &ctx.org, to, Message::public(blocks))
            .await?;
        metrics::counter!("ambassador_welcomes_total").increment(1);
        Ok(())
    }
}
