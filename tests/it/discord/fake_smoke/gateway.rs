//! The gateway, driven by serenity's `Client`: HELLO, IDENTIFY, READY, GUILD_CREATE,
//! dispatches, and a RESUME after a resumable close, plus the refusals of a wrong token and of
//! a privileged intent not switched on.

use std::time::Duration;

use serenity::all::{Context, EventHandler, GatewayIntents, Guild, Interaction, Member, Ready};
use serenity::async_trait;
use serenity::client::ClientBuilder;
use serenity::http::HttpBuilder;
use tokio::sync::mpsc;

use super::super::fake::{
    BOT_TOKEN, FakeDiscord, FakeMember, GENERAL_CHANNEL_ID, INTENT_GUILD_MEMBERS, INTENT_GUILDS,
    WAIT, interaction_id,
};

/// What serenity's handler saw, in order.
#[derive(Debug)]
enum Seen {
    Ready(String),
    Guild(usize),
    Interaction(String),
    MemberAdded(String),
}

struct Handler(mpsc::UnboundedSender<Seen>);

#[async_trait]
impl EventHandler for Handler {
    async fn ready(&self, _: Context, ready: Ready) {
        let _ = self.0.send(Seen::Ready(ready.session_id));
    }

    async fn guild_create(&self, _: Context, guild: Guild, _: Option<bool>) {
        let _ = self.0.send(Seen::Guild(guild.members.len()));
    }

    async fn interaction_create(&self, _: Context, interaction: Interaction) {
        let _ = self.0.send(Seen::Interaction(interaction.id().to_string()));
    }

    async fn guild_member_addition(&self, _: Context, member: Member) {
        let _ = self.0.send(Seen::MemberAdded(member.user.name));
    }
}

/// Starts serenity's client against the fake with `token`, as the adapter will.
async fn start_serenity(
    fake: &FakeDiscord,
    token: &str,
) -> (serenity::Client, mpsc::UnboundedReceiver<Seen>) {
    let http = HttpBuilder::new(token)
        .proxy(fake.url())
        .ratelimiter_disabled(true)
        .build();
    let (sender, receiver) = mpsc::unbounded_channel();
    let client =
        ClientBuilder::new_with_http(http, GatewayIntents::GUILDS | GatewayIntents::GUILD_MEMBERS)
            .event_handler(Handler(sender))
            .await
            .expect("serenity's client builds");
    (client, receiver)
}

async fn next(receiver: &mut mpsc::UnboundedReceiver<Seen>) -> Seen {
    tokio::time::timeout(WAIT, receiver.recv())
        .await
        .expect("serenity saw nothing in time")
        .expect("serenity's handler stopped")
}

#[tokio::test]
async fn serenity_connects_receives_dispatches_and_resumes() {
    let fake = FakeDiscord::start().await;
    let (mut client, mut seen) = start_serenity(&fake, BOT_TOKEN).await;
    let shards = client.shard_manager.clone();
    let running = tokio::spawn(async move { client.start().await });

    let session = fake.wait_for_ready().await;
    let identify = &fake.wait_for_identifies(1).await[0];
    assert_eq!(identify.token, format!("Bot {BOT_TOKEN}"));
    assert_eq!(identify.intents, INTENT_GUILDS | INTENT_GUILD_MEMBERS);
    assert!(matches!(next(&mut seen).await, Seen::Ready(id) if id == session));
    let members = fake.members().len();
    assert!(
        matches!(next(&mut seen).await, Seen::Guild(n) if n == members),
        "GUILD_CREATE parsed, every member in it"
    );

    let client_side = fake.client();
    let command = client_side.command(&fake.member("ana"), GENERAL_CHANNEL_ID, "kudos", vec![]);
    fake.interaction(&command);
    assert!(
        matches!(next(&mut seen).await, Seen::Interaction(id) if id == interaction_id(&command))
    );
    fake.member_joins(&FakeMember::new("newcomer", "New Comer"));
    assert!(matches!(next(&mut seen).await, Seen::MemberAdded(name) if name == "newcomer"));

    fake.close_resumable();
    let resume = &fake.wait_for_resumes(1).await[0];
    assert!(resume.accepted, "{resume:?}");
    assert_eq!(
        (resume.session_id.as_str(), resume.token.clone()),
        (session.as_str(), format!("Bot {BOT_TOKEN}"))
    );
    assert_eq!(fake.identifies().len(), 1, "a resume, not a new identify");
    fake.wait_for_ready().await;
    let after = client_side.command(&fake.member("ben"), GENERAL_CHANNEL_ID, "pulse", vec![]);
    fake.interaction(&after);
    assert!(matches!(next(&mut seen).await, Seen::Interaction(id) if id == interaction_id(&after)));
    assert_eq!(fake.gateway_connections(), 2);

    shards.shutdown_all().await;
    let _ = tokio::time::timeout(Duration::from_secs(5), running).await;
    assert!(
        fake.unknown_calls().is_empty(),
        "{:?}",
        fake.unknown_calls()
    );
}

#[tokio::test]
async fn a_wrong_token_and_a_disallowed_intent_are_refused() {
    let fake = FakeDiscord::start().await;
    let (mut client, _seen) = start_serenity(&fake, "not-the-token").await;
    let result = tokio::time::timeout(WAIT, client.start())
        .await
        .expect("serenity gives up");
    assert!(result.is_err(), "4004 ends serenity's client");
    assert_eq!(fake.identifies().len(), 1);

    let fake = FakeDiscord::start().await;
    fake.set_privileged_intents(0);
    let (mut client, _seen) = start_serenity(&fake, BOT_TOKEN).await;
    let result = tokio::time::timeout(WAIT, client.start())
        .await
        .expect("serenity gives up");
    assert!(result.is_err(), "4014 ends serenity's client");
    assert!(fake.session().is_none());
}
