//! Giving kudos: check, store, deliver to each recipient and the recognition channel.

use std::collections::BTreeSet;

use anyhow::Context as _;

use crate::bot::format::{user_ref, value_tags};
use crate::bot::{Bot, Ctx, direct_to};
use crate::core::directory::Person;
use crate::core::kudos::rules::local_day;
use crate::core::kudos::{Allowance, KudosError, KudosRequest, parse_kudos};
use crate::core::locale::Locale;
use crate::core::message::{Block, Message, RichText, mention_marker};
use crate::core::outbound::Destination;
use crate::store::{NewKudos, NewRecipient, StoreError};

impl Bot {
    pub(in crate::bot) async fn give_kudos(
        &self,
        ctx: &Ctx,
        args: &str,
    ) -> anyhow::Result<Message> {
        let request = parse_kudos(args, |t| ctx.platform.parse_mention(t));
        self.give_kudos_request(ctx, request).await
    }

    /// Gives kudos already split into people, message and values (a platform's form, a
    /// reaction), or explains the refusal.
    pub(in crate::bot) async fn give_kudos_request(
        &self,
        ctx: &Ctx,
        request: Result<KudosRequest, KudosError>,
    ) -> anyhow::Result<Message> {
        let outcome = match request {
            Ok(request) => self.try_give_kudos(ctx, request).await?,
            Err(e) => Err(e),
        };
        match outcome {
            Ok(reply) => Ok(reply),
            Err(refusal) => {
                let example = self.example_handle(ctx).await?;
                Ok(Message::ephemeral_text(RichText::text(
                    self.describe_refusal(ctx, &refusal, example),
                )))
            }
        }
    }

    /// The outer result is an internal failure; the inner one a refusal to show the giver.
    pub(in crate::bot) async fn try_give_kudos(
        &self,
        ctx: &Ctx,
        request: KudosRequest,
    ) -> anyhow::Result<Result<Message, KudosError>> {
        let store = self.db();
        let giver = &ctx.actor;
        if request
            .recipients
            .iter()
            .any(|id| Some(id) == giver.platform_user_id.as_ref())
        {
            return Ok(Err(KudosError::SelfKudos));
        }
        let mut recipients: Vec<Person> = Vec::new();
        for id in &request.recipients {
            match store.person_by_platform_id(ctx.org.id, id).await? {
                None => {
                    return Ok(Err(KudosError::UnknownPerson {
                        handle: format!("@{id}"),
                    }));
                }
                Some(p) if !p.is_active => {
                    return Ok(Err(KudosError::InactivePerson {
                        name: p.display_name,
                    }));
                }
                Some(p) if p.id == giver.id => return Ok(Err(KudosError::SelfKudos)),
                Some(p) => recipients.push(p),
            }
        }
        let policy = &self.config().kudos;
        if let Err(e) = policy.check_content(&request.message, &request.values) {
            return Ok(Err(e));
        }
        let now = self.now();
        // Counted under the giver's lock, which this request's unit of work holds until it
        // commits: two replicas cannot both spend the same last kudos.
        let allowance = self.allowance(giver, now).await?;
        // A request processed again after a crash may find its own kudos stored already and
        // counted in the allowance: it is then neither refused nor stored twice (its messages
        // go out again, since the crash may have come before they were queued). Only a refusal
        // or a conflict asks the store, so a first attempt costs no extra query.
        let mut already = false;
        if let Err(e) = allowance.check(recipients.len() as u32) {
            if !self.kudos_given_for_request(ctx).await? {
                return Ok(Err(e));
            }
            already = true;
        }

        let kudos = NewKudos {
            org: ctx.org.id,
            giver: giver.id,
            giver_department: giver.department_id,
            message: request.message.clone(),
            values: request.values.clone(),
            created_at: now,
            request_id: ctx.request_id.clone(),
            recipients: recipients
                .iter()
                .map(|r| NewRecipient {
                    person: r.id,
                    department: r.department_id,
                    manager: r.manager_id,
                })
                .collect(),
        };
        if !already {
            match store.insert_kudos(&kudos).await {
                Ok(_) => {
                    metrics::counter!("ambassador_kudos_given_total").increment(1);
                    metrics::counter!("ambassador_kudos_recipients_total")
                        .increment(recipients.len() as u64);
                }
                Err(StoreError::Conflict { .. }) if self.kudos_given_for_request(ctx).await? => {
                    already = true;
                }
                Err(e) => return Err(e).context("could not store a kudos"),
            }
        }

        for recipient in &recipients {
            if let Some(to) = direct_to(recipient) {
                let dm = self.kudos_dm(giver, recipient, &request.message, &request.values);
                self.deliver(&ctx.platform, &ctx.org, to, dm).await?;
            }
        }
        let post = self
            .kudos_channel_post(ctx, &recipients, &request.message, &request.values)
            .await?;
        let channel = Destination::Channel(self.config().settings.kudos.channel.clone());
        self.deliver(&ctx.platform, &ctx.org, channel, post).await?;

        let names = recipients
            .iter()
            .map(|r| r.display_name.as_str())
            .collect::<Vec<_>>()
            .join(", ");
        // A kudos found stored is counted in the allowance already.
        let remaining =
            allowance
                .remaining()
                .saturating_sub(if already { 0 } else { recipients.len() as u32 });
        Ok(Ok(Message::ephemeral_text(RichText::text(self.t(
            giver.locale,
            "kudos-sent",
            &[("names", names.into()), ("remaining", remaining.into())],
        )))))
    }

    /// Whether this platform request gave its kudos already (it is being processed again).
    async fn kudos_given_for_request(&self, ctx: &Ctx) -> anyhow::Result<bool> {
        Ok(match &ctx.request_id {
            Some(request) => self
                .db()
                .kudos_for_request(ctx.org.id, request)
                .await?
                .is_some(),
            None => false,
        })
    }

    pub(in crate::bot) async fn allowance(
        &self,
        person: &Person,
        now: chrono::DateTime<chrono::Utc>,
    ) -> anyhow::Result<Allowance> {
        let (day_start, resets_at) = local_day(now, person.timezone);
        let (used, reports) = self.db().hold_allowance(person.id, day_start).await?;
        Ok(Allowance {
            allowance: self.config().kudos.allowance_for(reports),
            used,
            resets_at,
            tz: person.timezone,
        })
    }

    pub(in crate::bot) fn kudos_dm(
        &self,
        giver: &Person,
        to: &Person,
        message: &str,
        values: &[String],
    ) -> Message {
        let l = to.locale;
        let mut blocks = vec![
            Block::Header(self.t(l, "kudos-dm-title", &[])),
            Block::Section(RichText::from_template(
                &self.t(l, "kudos-dm-body", &[("giver", mention_marker(0).into())]),
                &[user_ref(giver)],
            )),
            Block::Quote(RichText::text(message)),
        ];
        blocks.extend(self.values_line(l, values));
        blocks.push(Block::Context(RichText::text(self.t(
            l,
            "kudos-dm-footer",
            &[],
        ))));
        Message::public(blocks)
    }

    pub(in crate::bot) async fn kudos_channel_post(
        &self,
        ctx: &Ctx,
        recipients: &[Person],
        message: &str,
        values: &[String],
    ) -> anyhow::Result<Message> {
        let l = ctx.org.locale;
        let mut people = vec![user_ref(&ctx.actor)];
        people.extend(recipients.iter().map(user_ref));
        let recipient_markers = (1..people.len())
            .map(mention_marker)
            .collect::<Vec<_>>()
            .join(", ");
        let mut blocks = vec![
            Block::Header(self.t(l, "kudos-channel-title", &[])),
            Block::Section(RichText::from_template(
                &self.t(
                    l,
                    "kudos-channel-body",
                    &[
                        ("giver", mention_marker(0).into()),
                        ("recipients", recipient_markers.into()),
                    ],
                ),
                &people,
            )),
            Block::Quote(RichText::text(message)),
        ];
        blocks.extend(self.values_line(l, values));
        // Make recognition across department lines visible.
        let other_departments: BTreeSet<_> = recipients
            .iter()
            .filter_map(|r| r.department_id)
            .filter(|d| Some(*d) != ctx.actor.department_id)
            .collect();
        if let (Some(from), false) = (ctx.actor.department_id, other_departments.is_empty()) {
            let from = self.db().department(from).await?.name;
            let mut to = Vec::new();
            for d in other_departments {
                to.push(self.db().department(d).await?.name);
            }
            blocks.push(Block::Context(RichText::text(self.t(
                l,
                "kudos-cross-department",
                &[("from", from.into()), ("to", to.join(", ").into())],
            ))));
        }
        Ok(Message::public(blocks))
    }

    /// "Values: #a, #b" under a kudos, when it has values.
    fn values_line(&self, l: Locale, values: &[String]) -> Option<Block> {
        (!values.is_empty()).then(|| {
            Block::Context(RichText::text(format!(
                "{}: {}",
                self.t(l, "kudos-values-label", &[]),
                value_tags(values)
            )))
        })
    }
}
