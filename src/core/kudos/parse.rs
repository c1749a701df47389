//! Reading `/kudos @a [@b …] <what they did> [#value …]`.

use super::KudosError;

/// A kudos as typed, before anyone is looked up.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KudosRequest {
    /// Platform user ids of the people named at the start, in order, without duplicates.
    pub recipients: Vec<String>,
    /// The words about what they did, exactly as typed (escaped later, per platform).
    pub message: String,
    /// The `#values` at the end, lower-case, without `#`, without duplicates.
    pub values: Vec<String>,
}

/// Splits the arguments of `/kudos` into recipients, message and values.
///
/// `mention` turns a platform mention token (`@ana` in the console, `<@U123>` on Slack) into a
/// platform user id; it is how the grammar stays the same on every platform. Recipients are the
/// mentions at the start; values are the `#words` at the end, so a `#1234` ticket number in the
/// middle of a sentence stays part of the message.
pub fn parse_kudos(
    args: &str,
    mention: impl Fn(&str) -> Option<String>,
) -> Result<KudosRequest, KudosError> {
    let mut recipients: Vec<String> = Vec::new();
    let mut rest = args.trim();
    loop {
        let (word, after) = split_first_word(rest);
        if word.is_empty() {
            break;
        }
        let token = word.trim_end_matches([',', ';', ':']);
        match mention(token) {
            Some(id) => {
                if !recipients.contains(&id) {
                    recipients.push(id);
                }
                rest = after.trim_start();
            }
            None => break,
        }
    }
    if recipients.is_empty() {
        return Err(KudosError::NoRecipients);
    }

    let mut words: Vec<&str> = rest.split_whitespace().collect();
    let mut values = Vec::new();
    while let Some(last) = words.last() {
        match last.strip_prefix('#') {
            Some(value) if !value.is_empty() => {
                let value = value.trim_end_matches(['.', ',', '!']).to_lowercase();
                if !values.contains(&value) {
                    values.insert(0, value);
                }
                words.pop();
            }
            _ => break,
        }
    }
    // Keep the message exactly as typed up to the first trailing value.
    let message = match words.last() {
        Some(last) => {
            let last_start = last.as_ptr() as usize - rest.as_ptr() as usize;
            rest[..last_start + last.len()].trim().to_string()
        }
        None => String::new(),
    };
    Ok(KudosRequest {
        recipients,
        message,
        values,
    })
}

fn split_first_word(s: &str) -> (&str, &str) {
    match s.find(char::is_whitespace) {
        Some(i) => (&s[..i], &s[i..]),
        None => (s, ""),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn console_mention(token: &str) -> Option<String> {
        token.strip_prefix('@').map(str::to_string)
    }

    #[test]
    fn leading_mentions_are_recipients_and_trailing_tags_are_values() {
        let r = parse_kudos(
            "@ana, @ben stayed late to fix ticket #1234 for Acme  #customer-first #Ownership",
            console_mention,
        )
        .expect("parses");
        assert_eq!(r.recipients, vec!["ana", "ben"]);
        assert_eq!(r.message, "stayed late to fix ticket #1234 for Acme");
        assert_eq!(r.values, vec!["customer-first", "ownership"]);
    }

    #[test]
    fn mentioning_the_same_person_twice_counts_once() {
        let r = parse_kudos("@ana @ana thanks for the calm call", console_mention).expect("parses");
        assert_eq!(r.recipients, vec!["ana"]);
    }

    #[test]
    fn a_kudos_without_recipients_is_refused() {
        assert_eq!(
            parse_kudos("great job everyone", console_mention),
            Err(KudosError::NoRecipients)
        );
    }

    #[test]
    fn only_values_leaves_an_empty_message_for_the_rules_to_refuse() {
        let r = parse_kudos("@ana #empathy", console_mention).expect("parses");
        assert_eq!(r.message, "");
        assert_eq!(r.values, vec!["empathy"]);
    }

    #[test]
    fn mentions_inside_the_message_stay_text() {
        let r =
            parse_kudos("@ana helped @here and <!channel> today", console_mention).expect("parses");
        assert_eq!(r.recipients, vec!["ana"]);
        assert_eq!(r.message, "helped @here and <!channel> today");
    }
}
