//! Forms: a few fields a person fills in, in the person's language, on any platform.
//!
//! The bot builds a [`Form`] (the kudos form, the pulse comment form) and each adapter shows it
//! its own way: a Slack modal, a Teams task module, a Discord modal, a prompt per field in the
//! console. What comes back is a [`Submission`] of field values by field id, checked here the
//! same way everywhere, so a form that misses a required field is refused with the field named
//! before anything is stored.
//!
//! ```text
//! Form { kind: Kudos, fields: [kudos_people (people), kudos_message (text), kudos_value (choice)] }
//!   ─ adapter shows it ─▶ person fills it ─▶ Submission { kind: Kudos, values: {kudos_people: People([U1])…} }
//! ```

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

/// Which form it is; decides what a submission means.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum FormKind {
    /// People, what they did, and an optional company value.
    Kudos,
    /// An anonymous comment on the open pulse round.
    PulseComment,
}

impl FormKind {
    /// The form's id on the wire (a Slack `callback_id`, a Teams card's `verb`).
    pub fn as_str(self) -> &'static str {
        match self {
            FormKind::Kudos => "kudos-form",
            FormKind::PulseComment => "pulse-comment-form",
        }
    }

    /// The inverse of [`FormKind::as_str`].
    pub fn parse(s: &str) -> Option<FormKind> {
        match s {
            "kudos-form" => Some(FormKind::Kudos),
            "pulse-comment-form" => Some(FormKind::PulseComment),
            _ => None,
        }
    }
}

/// The kudos form's field holding the people to thank.
pub const KUDOS_PEOPLE: &str = "kudos_people";
/// The kudos form's field holding what they did.
pub const KUDOS_MESSAGE: &str = "kudos_message";
/// The kudos form's field holding the optional company value.
pub const KUDOS_VALUE: &str = "kudos_value";
/// The comment form's only field.
pub const PULSE_COMMENT: &str = "pulse_comment";

/// A form to show, in the person's language.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Form {
    /// Which form.
    pub kind: FormKind,
    /// The title.
    pub title: String,
    /// The fields, top to bottom.
    pub fields: Vec<FormField>,
    /// The submit button's label.
    pub submit: String,
    /// The cancel button's label.
    pub cancel: String,
    /// Where it was opened from (a channel), carried through the platform so the answer to the
    /// submission goes back there.
    pub context: Option<String>,
}

/// One field of a form.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FormField {
    /// The id a submission names it by.
    pub id: String,
    /// The label.
    pub label: String,
    /// Shown inside the empty field (or as small print) to say what to write.
    pub hint: Option<String>,
    /// Whether a submission without it is refused.
    pub required: bool,
    /// What kind of input it is, with what it starts with.
    pub input: FieldInput,
}

/// The kinds of input a form has.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum FieldInput {
    /// People of the org, by platform user id.
    People {
        /// Chosen at the start.
        initial: Vec<String>,
    },
    /// Free text.
    Text {
        /// Several lines allowed.
        multiline: bool,
        /// The text at the start.
        initial: Option<String>,
        /// The longest text accepted.
        max_chars: usize,
    },
    /// One of a few choices.
    Choice {
        /// `(value, label)` pairs.
        options: Vec<(String, String)>,
        /// The choice at the start.
        initial: Option<String>,
    },
}

/// A value a person gave a field.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum FieldValue {
    /// Chosen people, by platform user id.
    People(Vec<String>),
    /// Typed text.
    Text(String),
    /// The chosen option's value.
    Choice(String),
}

/// A filled-in form as it came back.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Submission {
    /// Which form.
    pub kind: FormKind,
    /// Values by field id; a field left empty is absent.
    pub values: BTreeMap<String, FieldValue>,
    /// The form's [`Form::context`], as carried through the platform.
    pub context: Option<String>,
}

/// Why a submission is refused, naming the field a platform shows the message under.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("the field {field} needs a value")]
pub struct MissingField {
    /// The field's id.
    pub field: String,
}

impl Submission {
    /// People chosen in a field, without duplicates, in order.
    pub fn people(&self, field: &str) -> Vec<String> {
        let mut out: Vec<String> = Vec::new();
        if let Some(FieldValue::People(ids)) = self.values.get(field) {
            for id in ids {
                let id = id.trim();
                if !id.is_empty() && !out.iter().any(|o| o == id) {
                    out.push(id.to_string());
                }
            }
        }
        out
    }

    /// A text or choice field, trimmed; `None` when empty.
    pub fn text(&self, field: &str) -> Option<String> {
        match self.values.get(field)? {
            FieldValue::Text(t) | FieldValue::Choice(t) => {
                let t = t.trim();
                (!t.is_empty()).then(|| t.to_string())
            }
            FieldValue::People(_) => None,
        }
    }

    /// Checks the fields this kind of form requires; the first missing one is named.
    pub fn check(&self) -> Result<(), MissingField> {
        let required: &[&str] = match self.kind {
            FormKind::Kudos => &[KUDOS_PEOPLE, KUDOS_MESSAGE],
            FormKind::PulseComment => &[PULSE_COMMENT],
        };
        for field in required {
            let given = match self.values.get(*field) {
                Some(FieldValue::People(_)) => !self.people(field).is_empty(),
                Some(_) => self.text(field).is_some(),
                None => false,
            };
            if !given {
                return Err(MissingField {
                    field: (*field).to_string(),
                });
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kudos(values: &[(&str, FieldValue)]) -> Submission {
        Submission {
            kind: FormKind::Kudos,
            values: values
                .iter()
                .map(|(k, v)| (k.to_string(), v.clone()))
                .collect(),
            context: None,
        }
    }

    #[test]
    fn a_kudos_form_without_people_names_the_people_field() {
        let s = kudos(&[
            (KUDOS_PEOPLE, FieldValue::People(vec![" ".into()])),
            (KUDOS_MESSAGE, FieldValue::Text("fixed it".into())),
        ]);
        assert_eq!(s.check().map_err(|e| e.field), Err(KUDOS_PEOPLE.into()));
    }

    #[test]
    fn a_blank_message_names_the_message_field() {
        let s = kudos(&[
            (KUDOS_PEOPLE, FieldValue::People(vec!["U1".into()])),
            (KUDOS_MESSAGE, FieldValue::Text("   ".into())),
        ]);
        assert_eq!(s.check().map_err(|e| e.field), Err(KUDOS_MESSAGE.into()));
    }

    #[test]
    fn people_are_deduplicated_in_order_and_the_value_is_optional() {
        let s = kudos(&[
            (
                KUDOS_PEOPLE,
                FieldValue::People(vec!["U2".into(), "U1".into(), "U2".into()]),
            ),
            (KUDOS_MESSAGE, FieldValue::Text(" thanks ".into())),
        ]);
        assert_eq!(s.check(), Ok(()));
        assert_eq!(s.people(KUDOS_PEOPLE), vec!["U2", "U1"]);
        assert_eq!(s.text(KUDOS_MESSAGE).as_deref(), Some("thanks"));
        assert_eq!(s.text(KUDOS_VALUE), None);
    }

    #[test]
    fn form_ids_round_trip() {
        for kind in [FormKind::Kudos, FormKind::PulseComment] {
            assert_eq!(FormKind::parse(kind.as_str()), Some(kind));
        }
        assert_eq!(FormKind::parse("kudos-modal"), None);
    }
}
