//! The gateway mode: serenity's client holds the WebSocket (identify, heartbeats, resume after
//! a dropped connection) with the GUILDS and the privileged GUILD_MEMBERS intents, and hands
//! this module INTERACTION_CREATE and GUILD_MEMBER_ADD.
//!
//! An interaction goes through the same edge as an HTTP one and its response is sent to
//! `POST /interactions/{id}/{token}/callback` at once (not through the outbox: Discord wants it
//! within 3 seconds). An interaction replayed after a resume is recognised by its id: it is
//! answered again from the kept answer, and Discord's "already acknowledged" is expected then.

use futures_util::future::BoxFuture;
use serenity::all::{
    ClientBuilder, Context, EventHandler, GatewayIntents, Guild,
    Interaction as SerenityInteraction, Member, Ready, ResumedEvent,
};
use serenity::async_trait;
use tokio::sync::watch;
use tokio::task::JoinHandle;

use super::config::DISCORD_ORIGIN;
use super::interaction;
use super::process::Edge;
use super::process::edge::{ANSWER_WITHIN, EdgeError};
use super::rest::ALREADY_ACKNOWLEDGED;

/// The running gateway: its task, and how to stop it.
pub struct Running {
    /// Ends when the client stops.
    pub task: JoinHandle<()>,
    /// Closes the connection.
    pub on_stop: BoxFuture<'static, ()>,
}

struct Handler {
    edge: Edge,
    /// serenity runs every event's handler at once; a burst of interactions is answered a few
    /// at a time, each still within its own 3 seconds from arrival (deferred past that).
    answering: tokio::sync::Semaphore,
}

/// Interactions answered at once over the gateway; the rest wait their turn.
const ANSWERING_AT_ONCE: usize = 8;

#[async_trait]
impl EventHandler for Handler {
    async fn ready(&self, _ctx: Context, ready: Ready) {
        tracing::info!(
            user = ready.user.name,
            guilds = ready.guilds.len(),
            "connected to the Discord gateway"
        );
    }

    async fn resume(&self, _ctx: Context, _: ResumedEvent) {
        tracing::info!("the Discord gateway connection resumed");
        metrics::counter!("ambassador_discord_gateway_resumes_total").increment(1);
    }

    async fn interaction_create(&self, _ctx: Context, event: SerenityInteraction) {
        let answer_by = tokio::time::Instant::now() + ANSWER_WITHIN;
        metrics::counter!("ambassador_discord_dispatches_total", "event" => "INTERACTION_CREATE")
            .increment(1);
        let Some(value) = wire_json(&event) else {
            tracing::warn!("an interaction from the gateway could not be read");
            return;
        };
        let decoded = match interaction::decode_value(&value) {
            Ok(i) => i,
            Err(e) => {
                tracing::warn!(error = %e, "refused a malformed interaction from the gateway");
                return;
            }
        };
        if decoded.kind == interaction::InteractionKind::Ping {
            return;
        }
        // Waiting for a turn counts against the interaction's own time: one whose turn comes
        // too late is stored and deferred at once.
        let permit = tokio::time::timeout_at(answer_by, self.answering.acquire()).await;
        let answer_by = match &permit {
            Ok(Ok(_)) => answer_by,
            _ => tokio::time::Instant::now(),
        };
        let response = match self
            .edge
            .interaction(&decoded, value.to_string(), answer_by)
            .await
        {
            Ok(r) => r,
            Err(EdgeError::NoGuild) => {
                tracing::warn!("a Discord interaction from outside any guild the bot serves");
                self.edge.no_guild_response(&decoded)
            }
            Err(e) => {
                tracing::warn!(error = %e, "a gateway interaction was not taken");
                return;
            }
        };
        drop(permit);
        // The response's files, if any, were queued as calls by the edge; the callback itself
        // carries JSON only.
        match self
            .edge
            .discord()
            .rest()
            .callback(&decoded.id, &decoded.token, &response, &[])
            .await
        {
            Ok(_) => {}
            Err(e) if e.code == Some(ALREADY_ACKNOWLEDGED) => {
                tracing::debug!(
                    interaction = decoded.id,
                    "a replayed interaction, already answered"
                );
            }
            Err(e) => {
                tracing::warn!(error = %e, interaction = decoded.id, "an interaction callback failed")
            }
        }
    }

    async fn guild_create(&self, _ctx: Context, guild: Guild, _is_new: Option<bool>) {
        let edge = self.edge.clone();
        let id = guild.id.to_string();
        // Reading a new guild's members must not hold up the gateway's events.
        tokio::spawn(async move { edge.guild_seen(&id).await });
    }

    async fn guild_member_addition(&self, _ctx: Context, member: Member) {
        metrics::counter!("ambassador_discord_dispatches_total", "event" => "GUILD_MEMBER_ADD")
            .increment(1);
        let guild = member.guild_id.to_string();
        let value = match serde_json::to_value(&member) {
            Ok(v) => v,
            Err(e) => {
                tracing::warn!(error = %e, "a new member from the gateway could not be read");
                return;
            }
        };
        if let Err(e) = self.edge.member_added(&guild, value).await {
            tracing::warn!(error = %e, "a new Discord member could not be stored");
        }
    }
}

/// An interaction serenity parsed, as JSON again, with the `type` its serialisation leaves
/// out (it is the enum's variant), so the one decoder serves both modes.
pub fn wire_json(event: &SerenityInteraction) -> Option<serde_json::Value> {
    let kind = match event {
        SerenityInteraction::Ping(_) => 1,
        SerenityInteraction::Command(_) => 2,
        SerenityInteraction::Component(_) => 3,
        SerenityInteraction::Autocomplete(_) => 4,
        SerenityInteraction::Modal(_) => 5,
        _ => return None,
    };
    let mut value = serde_json::to_value(event).ok()?;
    value.as_object_mut()?.insert("type".into(), kind.into());
    Some(value)
}

/// Connects to the gateway and runs until `stop` turns true.
pub async fn start(edge: Edge, mut stop: watch::Receiver<bool>) -> anyhow::Result<Running> {
    let config = edge.discord().config().clone();
    let mut http = serenity::http::HttpBuilder::new(config.token());
    if config.credentials.api_url != DISCORD_ORIGIN {
        // serenity's rate limiter builds its own URLs and would call the real Discord; our
        // REST calls go through the relay, which honours 429s itself.
        http = http
            .proxy(config.credentials.api_url.clone())
            .ratelimiter_disabled(true);
    }
    let intents = GatewayIntents::GUILDS | GatewayIntents::GUILD_MEMBERS;
    let mut client = ClientBuilder::new_with_http(http.build(), intents)
        .event_handler(Handler {
            edge,
            answering: tokio::sync::Semaphore::new(ANSWERING_AT_ONCE),
        })
        .await
        .map_err(|e| anyhow::anyhow!("starting the Discord gateway client: {e}"))?;
    let shards = client.shard_manager.clone();
    let task = tokio::spawn(async move {
        tokio::select! {
            result = client.start() => {
                if let Err(e) = result {
                    tracing::error!(error = %e, "the Discord gateway stopped; is the Server Members Intent on in the Developer Portal?");
                }
            }
            _ = stop.wait_for(|stopped| *stopped) => {}
        }
    });
    let on_stop: BoxFuture<'static, ()> = Box::pin(async move {
        shards.shutdown_all().await;
    });
    Ok(Running { task, on_stop })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::platform::discord::interaction::InteractionKind;

    fn through_serenity(name: &str) -> interaction::Interaction {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("src/platform/discord/fixtures")
            .join(name);
        let text = std::fs::read_to_string(path).expect("a fixture");
        let parsed: SerenityInteraction = serde_json::from_str(&text).expect("serenity parses it");
        let value = wire_json(&parsed).expect("an interaction");
        interaction::decode_value(&value).expect("the bot decodes it")
    }

    #[test]
    fn a_command_from_the_gateway_reaches_the_bot_with_its_options_and_member() {
        let i = through_serenity("gateway_command.json");
        assert_eq!(i.id, "786008729715212338");
        assert_eq!(i.token, "A_UNIQUE_TOKEN");
        assert_eq!(i.guild_id.as_deref(), Some("290926798626357999"));
        assert_eq!(i.user.id, "53908232506183680");
        assert_eq!(i.locale.as_deref(), Some("el"));
        let InteractionKind::Command(c) = i.kind else {
            panic!("a command")
        };
        assert_eq!(c.name, "kudos");
        assert_eq!(
            c.options.get("user").map(String::as_str),
            Some("80351110224678912")
        );
        assert_eq!(
            c.options.get("message").map(String::as_str),
            Some("hi <@1>")
        );
    }

    #[test]
    fn a_press_and_a_modal_from_the_gateway_keep_what_the_bot_reads() {
        let press = through_serenity("gateway_component.json");
        let InteractionKind::Component(c) = &press.kind else {
            panic!("a press")
        };
        assert_eq!(c.custom_id, "pulse:42:5");
        let message = press.message.expect("the pressed message");
        assert_eq!(message.content, "How are you today?");
        assert_eq!(
            message.components[0]["components"][1]["custom_id"],
            "pulse:42:5"
        );

        let modal = through_serenity("gateway_modal_submit.json");
        let InteractionKind::ModalSubmit(m) = modal.kind else {
            panic!("a modal")
        };
        assert_eq!(
            m.fields.get("t:kudos_message").map(String::as_str),
            Some("Stayed late to fix the export")
        );
    }
}
