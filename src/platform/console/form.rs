//! Filling in a form at the terminal: one field per line, like a wizard.
//!
//! The console shows each field's label (with what it starts with, or the choices) and reads
//! the next line as its value: handles for people (`@dev @eleni`), text for text, a value or
//! its number for a choice. An empty line keeps what the field started with (or leaves an
//! optional field empty); `/cancel` drops the form. A required field left empty is asked again
//! with the same words a platform shows under the field.

use std::collections::BTreeMap;

use crate::core::form::{FieldInput, FieldValue, Form, FormField, Submission};

/// A form being filled in.
pub(super) struct FormInProgress {
    form: Form,
    next: usize,
    values: BTreeMap<String, FieldValue>,
}

/// What a line did to the form.
pub(super) enum Fill {
    /// Ask the next field (or the same one again).
    Ask,
    /// Every field is filled: submit.
    Done(Submission),
}

impl FormInProgress {
    pub(super) fn new(form: Form) -> FormInProgress {
        FormInProgress {
            form,
            next: 0,
            values: BTreeMap::new(),
        }
    }

    /// The field the next line answers.
    pub(super) fn current(&self) -> Option<&FormField> {
        self.form.fields.get(self.next)
    }

    /// Takes one line as the current field's value. `Err` names the required field that is
    /// still empty, to be asked again.
    pub(super) fn answer(
        &mut self,
        line: &str,
        parse_mention: impl Fn(&str) -> Option<String>,
    ) -> Result<Fill, String> {
        let Some(field) = self.form.fields.get(self.next) else {
            return Ok(Fill::Done(self.submission()));
        };
        let line = line.trim();
        let value = match &field.input {
            FieldInput::People { initial } => {
                let people: Vec<String> = line
                    .split(|c: char| c.is_whitespace() || c == ',')
                    .filter_map(&parse_mention)
                    .collect();
                let people = if line.is_empty() {
                    initial.clone()
                } else {
                    people
                };
                (!people.is_empty()).then_some(FieldValue::People(people))
            }
            FieldInput::Text {
                initial, max_chars, ..
            } => {
                let text = if line.is_empty() {
                    initial.clone().unwrap_or_default()
                } else {
                    line.to_string()
                };
                let text: String = text.chars().take(*max_chars).collect();
                (!text.trim().is_empty()).then_some(FieldValue::Text(text))
            }
            FieldInput::Choice { options, initial } => {
                let chosen = if line.is_empty() {
                    initial.clone()
                } else {
                    let by_number = line
                        .parse::<usize>()
                        .ok()
                        .and_then(|n| n.checked_sub(1))
                        .and_then(|i| options.get(i));
                    let wanted = line.trim_start_matches('#').to_lowercase();
                    by_number
                        .or_else(|| {
                            options.iter().find(|(v, l)| {
                                v.to_lowercase() == wanted || l.to_lowercase() == wanted
                            })
                        })
                        .map(|(v, _)| v.clone())
                };
                chosen.map(FieldValue::Choice)
            }
        };
        match value {
            Some(v) => {
                self.values.insert(field.id.clone(), v);
            }
            None if field.required => return Err(field.id.clone()),
            None => {}
        }
        self.next += 1;
        Ok(if self.next >= self.form.fields.len() {
            Fill::Done(self.submission())
        } else {
            Fill::Ask
        })
    }

    fn submission(&self) -> Submission {
        Submission {
            kind: self.form.kind,
            values: self.values.clone(),
            context: self.form.context.clone(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::form::{FormKind, KUDOS_MESSAGE, KUDOS_PEOPLE, KUDOS_VALUE};

    fn kudos_form() -> Form {
        Form {
            kind: FormKind::Kudos,
            title: "Give kudos".into(),
            fields: vec![
                FormField {
                    id: KUDOS_PEOPLE.into(),
                    label: "Who".into(),
                    hint: None,
                    required: true,
                    input: FieldInput::People { initial: vec![] },
                },
                FormField {
                    id: KUDOS_MESSAGE.into(),
                    label: "What".into(),
                    hint: None,
                    required: true,
                    input: FieldInput::Text {
                        multiline: true,
                        initial: Some("the quoted message".into()),
                        max_chars: 3000,
                    },
                },
                FormField {
                    id: KUDOS_VALUE.into(),
                    label: "Value".into(),
                    hint: None,
                    required: false,
                    input: FieldInput::Choice {
                        options: vec![
                            ("customer-first".into(), "customer-first".into()),
                            ("ownership".into(), "ownership".into()),
                        ],
                        initial: None,
                    },
                },
            ],
            submit: "Send".into(),
            cancel: "Cancel".into(),
            context: None,
        }
    }

    fn mention(t: &str) -> Option<String> {
        super::super::parse_mention(t)
    }

    #[test]
    fn each_line_fills_one_field_and_an_empty_line_keeps_the_start() {
        let mut f = FormInProgress::new(kudos_form());
        assert!(matches!(f.answer("@dev, @eleni", mention), Ok(Fill::Ask)));
        assert!(matches!(f.answer("", mention), Ok(Fill::Ask)));
        let Ok(Fill::Done(s)) = f.answer("2", mention) else {
            panic!("the last field submits")
        };
        assert_eq!(s.people(KUDOS_PEOPLE), vec!["dev", "eleni"]);
        assert_eq!(s.text(KUDOS_MESSAGE).as_deref(), Some("the quoted message"));
        assert_eq!(s.text(KUDOS_VALUE).as_deref(), Some("ownership"));
    }

    #[test]
    fn a_required_field_left_empty_is_asked_again() {
        let mut f = FormInProgress::new(kudos_form());
        assert_eq!(
            f.answer("nobody here", mention).err(),
            Some(KUDOS_PEOPLE.into())
        );
        assert_eq!(f.current().map(|c| c.id.as_str()), Some(KUDOS_PEOPLE));
    }

    #[test]
    fn an_optional_choice_can_be_skipped_or_named() {
        let mut f = FormInProgress::new(kudos_form());
        let _ = f.answer("@dev", mention);
        let _ = f.answer("they stayed late", mention);
        let Ok(Fill::Done(s)) = f.answer("", mention) else {
            panic!("submits")
        };
        assert_eq!(s.text(KUDOS_VALUE), None);
        let mut f = FormInProgress::new(kudos_form());
        let _ = f.answer("@dev", mention);
        let _ = f.answer("they stayed late", mention);
        let Ok(Fill::Done(s)) = f.answer("#Customer-First", mention) else {
            panic!("submits")
        };
        assert_eq!(s.text(KUDOS_VALUE).as_deref(), Some("customer-first"));
    }
}
