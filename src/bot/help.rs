//! `/help` and `/ambassador help`.

use super::{Bot, Ctx};
use crate::core::message::{Block, Message, RichText};

impl Bot {
    pub(super) fn help(&self, ctx: &Ctx) -> Message {
        let l = ctx.actor.locale;
        let mut lines = vec![
            self.t(l, "help-kudos", &[]),
            self.t(l, "help-kudos-stats", &[]),
            self.t(l, "help-narrative", &[]),
            self.t(l, "help-pulse", &[]),
            self.t(l, "help-engagement", &[]),
            self.t(l, "help-engagement-web", &[]),
            self.t(l, "help-help", &[]),
        ];
        if ctx.actor.is_admin {
            lines.push(self.t(l, "help-admin", &[]));
        }
        Message::ephemeral(vec![
            Block::Header(self.t(l, "help-title", &[])),
            Block::Section(RichText::text(self.t(l, "help-intro", &[]))),
            Block::Section(RichText::text(lines.join("\n"))),
        ])
    }

    pub(super) fn admin_help(&self, ctx: &Ctx) -> Message {
        let l = ctx.actor.locale;
        Message::ephemeral(vec![
            Block::Header(self.t(l, "admin-help-title", &[])),
            Block::Section(RichText::text(self.t(l, "admin-help-narrative-set", &[]))),
            Block::Section(RichText::text(self.t(l, "admin-help-pulse", &[]))),
            Block::Context(RichText::text(self.t(l, "admin-help-import", &[]))),
        ])
    }
}
