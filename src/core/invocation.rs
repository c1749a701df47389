//! The platform-neutral inbound model: what a person did, wherever they did it.

/// Which chat platform an organisation lives on; part of every org's identity.
///
/// Each adapter names its own (`slack`, `teams`, `discord`, `console`), so a new platform needs
/// no change here: the name is what `orgs.platform`, the relay's rows and the scheduler's
/// claims carry.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct PlatformKind(&'static str);

impl PlatformKind {
    /// A platform by its stored name (lowercase, no spaces).
    pub const fn new(name: &'static str) -> Self {
        PlatformKind(name)
    }

    /// The name stored in the database and used in config.
    pub fn as_str(self) -> &'static str {
        self.0
    }
}

impl std::fmt::Display for PlatformKind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.0)
    }
}

/// What a platform can show a person beyond a plain message, for the request at hand: the bot
/// answers with the richest thing the platform can show and falls back to a plain message
/// where it cannot (a form becomes the command's usage, a home page becomes a reply).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Capabilities {
    /// The message a person clicked can be updated in place to show what they chose.
    pub update_clicked: bool,
    /// A form can be opened (a Slack modal, a Teams task module, a Discord modal) right now;
    /// platforms whose forms need a fresh trigger clear it when the trigger has expired.
    pub forms: bool,
    /// The bot has a home page the person can open (Slack's App Home).
    pub home: bool,
}

impl Capabilities {
    /// Every capability (the console's).
    pub const ALL: Capabilities = Capabilities {
        update_clicked: true,
        forms: true,
        home: true,
    };

    /// Plain messages only.
    pub const NONE: Capabilities = Capabilities {
        update_clicked: false,
        forms: false,
        home: false,
    };
}

/// The platform of the org that lives on this machine (the console's): its people are known by
/// their handles, so a handle is also their platform user id.
pub const LOCAL_PLATFORM: PlatformKind = PlatformKind::new("console");

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
    /// What the platform can show in answer to this request (see [`Capabilities`]).
    pub capabilities: Capabilities,
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
    /// The person asked for the kudos form with these people and words already in it (Slack's
    /// "Give kudos" message shortcut: the message's author and text).
    KudosForm {
        /// Platform user ids to start with.
        people: Vec<String>,
        /// Readable text to start with.
        message: Option<String>,
    },
    /// The person submitted a form the bot opened (see [`crate::core::form`]).
    Submit(crate::core::form::Submission),
}
