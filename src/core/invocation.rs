//! The platform-neutral inbound model: what a person did, wherever they did it.

/// Which chat platform an organisation lives on; part of every org's identity.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum PlatformKind {
    /// The local terminal chat (`ambassador console`).
    Console,
    /// A Slack workspace.
    Slack,
    /// A Microsoft Teams tenant.
    Teams,
    /// A Discord guild.
    Discord,
}

impl PlatformKind {
    /// The name stored in the database and used in config.
    pub fn as_str(self) -> &'static str {
        match self {
            PlatformKind::Console => "console",
            PlatformKind::Slack => "slack",
            PlatformKind::Teams => "teams",
            PlatformKind::Discord => "discord",
        }
    }

    /// The inverse of [`PlatformKind::as_str`].
    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "console" => Some(PlatformKind::Console),
            "slack" => Some(PlatformKind::Slack),
            "teams" => Some(PlatformKind::Teams),
            "discord" => Some(PlatformKind::Discord),
            _ => None,
        }
    }
}

/// The org id the console uses, and the one `org import` creates when the database is empty.
pub const LOCAL_ORG: &str = "local";

/// Something a person did that the bot must answer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Invocation {
    /// The platform the person is on.
    pub platform: PlatformKind,
    /// The org's platform id (Slack team id, Teams tenant id, Discord guild id, `local`).
    pub platform_org_id: String,
    /// The person's platform user id.
    pub actor: String,
    /// What they did.
    pub input: Input,
    /// The platform's own id for the request behind this (an event id, a trigger id), when it
    /// has one: if the work is redone after a crash, what it created is recognised and not
    /// created twice.
    pub request_id: Option<String>,
}

/// The kinds of thing a person can do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Input {
    /// A slash command with its full text, e.g. `/kudos @ana for the calm call #empathy`.
    Command(String),
    /// A press on a button (or a choice in a select) carrying the button's action.
    Click {
        /// The action of the pressed button, e.g. `narrative-ack:3`.
        action: String,
    },
    /// Kudos already split into people, message and values by a platform's form (or a
    /// reaction), so nothing in the message can be mistaken for a mention or a value.
    Kudos(crate::core::kudos::KudosRequest),
    /// The person opened the bot's home page (Slack's App Home): everything that concerns
    /// them at a glance.
    Home,
}
