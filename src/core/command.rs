//! The command grammar every platform shares: `/kudos`, `/narrative`, `/ambassador …`, `/help`.
//!
//! Platforms deliver the raw text; this module decides what it means. Arguments that need the
//! directory (mentions) are left as text for the feature that owns them.

use super::locale::Locale;

/// What a slash command asks for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Command {
    /// `/help`, or `/ambassador help`: what the bot can do.
    Help,
    /// `/kudos …`.
    Kudos(KudosCommand),
    /// `/narrative`: show the customer narrative.
    Narrative,
    /// `/pulse …`: the person's pulse check.
    Pulse(PulseCommand),
    /// `/engagement`: the latest digest, for managers and admins.
    Engagement(EngagementCommand),
    /// `/ambassador …`: administration.
    Admin(AdminCommand),
    /// Anything else: answered with a pointer to `/help`.
    Unknown(String),
}

/// The forms of `/kudos`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum KudosCommand {
    /// `/kudos @a [@b …] <what they did> [#value …]`, arguments still raw.
    Give(String),
    /// `/kudos stats`: what a person has given and received.
    Stats,
    /// `/kudos`, `/kudos help`: usage and the valid values.
    Help,
}

/// The forms of `/engagement`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EngagementCommand {
    /// `/engagement`: the latest digest.
    Show,
    /// `/engagement web`: a private link that signs the person in to the web dashboard.
    Web,
    /// `/engagement plan <alert> <what I will do>`: answer a drop alert.
    Plan {
        /// The alert number as typed.
        alert: String,
        /// The planned action.
        action: String,
    },
}

/// The forms of `/pulse`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PulseCommand {
    /// `/pulse`: show the questions still unanswered (or the answers, to change them).
    Show,
    /// `/pulse answer 4 5 3 2 4`: answer every question in order, as text.
    Answer(String),
    /// `/pulse comment <text>`: an optional anonymous comment.
    Comment(String),
    /// `/pulse privacy`: what is stored and who sees what.
    Privacy,
    /// `/pulse help`.
    Help,
}

/// The forms of `/ambassador`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AdminCommand {
    /// `/ambassador narrative set [locale]` followed by the new text on the next lines.
    NarrativeSet {
        /// The language of the new text; the admin's own when left out.
        locale: Option<Locale>,
        /// A locale word that was given but is not supported.
        unknown_locale: Option<String>,
        /// The narrative text (markdown-like; see `narrative::parse_markdown`).
        body: String,
    },
    /// `/ambassador pulse start`: send a round to everyone now.
    PulseStart,
    /// `/ambassador pulse status`: the response rate of the latest round, never who answered.
    PulseStatus,
    /// `/ambassador help` or an unknown subcommand.
    Help,
}

impl Command {
    /// Reads a command line (which may span several lines for `narrative set`).
    pub fn parse(text: &str) -> Self {
        let text = text.trim_start();
        let (head, rest) = split_word(text);
        match head.to_ascii_lowercase().as_str() {
            "/help" => Command::Help,
            "/narrative" => Command::Narrative,
            "/engagement" => {
                let (sub, args) = split_word(rest);
                if sub.eq_ignore_ascii_case("plan") {
                    let (alert, action) = split_word(args);
                    Command::Engagement(EngagementCommand::Plan {
                        alert: alert.to_string(),
                        action: action.trim().to_string(),
                    })
                } else if sub.eq_ignore_ascii_case("web") {
                    Command::Engagement(EngagementCommand::Web)
                } else {
                    Command::Engagement(EngagementCommand::Show)
                }
            }
            "/pulse" => {
                let (sub, args) = split_word(rest);
                match sub.to_ascii_lowercase().as_str() {
                    "" => Command::Pulse(PulseCommand::Show),
                    "answer" => Command::Pulse(PulseCommand::Answer(args.trim().to_string())),
                    "comment" => Command::Pulse(PulseCommand::Comment(args.trim().to_string())),
                    "privacy" => Command::Pulse(PulseCommand::Privacy),
                    _ => Command::Pulse(PulseCommand::Help),
                }
            }
            "/kudos" => {
                let (sub, _) = split_word(rest);
                match sub.to_ascii_lowercase().as_str() {
                    "" | "help" => Command::Kudos(KudosCommand::Help),
                    "stats" => Command::Kudos(KudosCommand::Stats),
                    _ => Command::Kudos(KudosCommand::Give(rest.trim().to_string())),
                }
            }
            "/ambassador" => Command::Admin(parse_admin(rest)),
            _ => Command::Unknown(head.to_string()),
        }
    }
}

fn parse_admin(rest: &str) -> AdminCommand {
    let (first_line, body) = match rest.split_once('\n') {
        Some((line, body)) => (line, body),
        None => (rest, ""),
    };
    let words: Vec<&str> = first_line.split_whitespace().collect();
    match words.as_slice() {
        ["narrative", "set", more @ ..] => {
            let (locale, unknown_locale) = match more.first() {
                Some(word) => match Locale::parse(word) {
                    Some(l) => (Some(l), None),
                    None => (None, Some((*word).to_string())),
                },
                None => (None, None),
            };
            AdminCommand::NarrativeSet {
                locale,
                unknown_locale,
                body: body.to_string(),
            }
        }
        ["pulse", "start"] => AdminCommand::PulseStart,
        ["pulse", "status"] => AdminCommand::PulseStatus,
        ["help"] | [] => AdminCommand::Help,
        _ => AdminCommand::Help,
    }
}

fn split_word(s: &str) -> (&str, &str) {
    let s = s.trim_start();
    match s.find(char::is_whitespace) {
        Some(i) => (&s[..i], &s[i..]),
        None => (s, ""),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kudos_forms_are_told_apart() {
        assert_eq!(
            Command::parse("/kudos stats"),
            Command::Kudos(KudosCommand::Stats)
        );
        assert_eq!(Command::parse("/kudos"), Command::Kudos(KudosCommand::Help));
        assert_eq!(
            Command::parse("/kudos @ana thanks #empathy"),
            Command::Kudos(KudosCommand::Give("@ana thanks #empathy".into()))
        );
    }

    #[test]
    fn narrative_set_keeps_the_body_lines_and_reads_the_locale() {
        let cmd = Command::parse("/ambassador narrative set el\n# Τίτλος\nΥπόσχεση");
        assert_eq!(
            cmd,
            Command::Admin(AdminCommand::NarrativeSet {
                locale: Some(Locale::El),
                unknown_locale: None,
                body: "# Τίτλος\nΥπόσχεση".into()
            })
        );
    }

    #[test]
    fn an_unsupported_locale_is_reported_not_ignored() {
        let cmd = Command::parse("/ambassador narrative set de\n# Titel");
        assert!(matches!(
            cmd,
            Command::Admin(AdminCommand::NarrativeSet { unknown_locale: Some(ref l), .. }) if l == "de"
        ));
    }

    #[test]
    fn pulse_forms_are_told_apart() {
        assert_eq!(Command::parse("/pulse"), Command::Pulse(PulseCommand::Show));
        assert_eq!(
            Command::parse("/pulse answer 4 5 3"),
            Command::Pulse(PulseCommand::Answer("4 5 3".into()))
        );
        assert_eq!(
            Command::parse("/pulse privacy"),
            Command::Pulse(PulseCommand::Privacy)
        );
        assert_eq!(
            Command::parse("/ambassador pulse status"),
            Command::Admin(AdminCommand::PulseStatus)
        );
    }

    #[test]
    fn engagement_web_asks_for_a_sign_in_link() {
        assert_eq!(
            Command::parse("/engagement WEB"),
            Command::Engagement(EngagementCommand::Web)
        );
        assert_eq!(
            Command::parse("/engagement"),
            Command::Engagement(EngagementCommand::Show)
        );
    }

    #[test]
    fn unknown_commands_are_named_back() {
        assert_eq!(
            Command::parse("/kudoz @ana"),
            Command::Unknown("/kudoz".into())
        );
    }
}
