//! Reading a narrative from the shipped TOML file or from an admin's chat message.

use std::collections::BTreeMap;

use super::{Narrative, NarrativeSection, NarrativeText, NarrativeValue};
use crate::core::locale::Locale;

/// What is wrong with a narrative text, precisely enough to fix it.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum NarrativeError {
    /// The TOML file does not parse.
    #[error("the narrative file is not valid TOML: {0}")]
    Toml(String),
    /// A top-level table names a locale we do not support.
    #[error("unknown locale [{0}] in the narrative file")]
    UnknownLocale(String),
    /// The file has no English version, which every other locale falls back to.
    #[error("the narrative file has no [en] version")]
    NoEnglish,
    /// No `# Title` line.
    #[error("missing title")]
    MissingTitle,
    /// No promise paragraph after the title.
    #[error("missing promise")]
    MissingPromise,
    /// A `## Heading` with no text under it.
    #[error("section {0} is empty")]
    EmptySection(String),
}

/// Parses `config/narrative.toml`: one table per locale (`[en]`, `[el]`, `[pl]`).
pub fn parse_toml(source: &str) -> Result<Narrative, NarrativeError> {
    let raw: BTreeMap<String, NarrativeText> =
        toml::from_str(source).map_err(|e| NarrativeError::Toml(e.to_string()))?;
    let mut texts = BTreeMap::new();
    for (key, text) in raw {
        let locale = Locale::parse(&key).ok_or(NarrativeError::UnknownLocale(key))?;
        texts.insert(locale, text);
    }
    if !texts.contains_key(&Locale::En) {
        return Err(NarrativeError::NoEnglish);
    }
    Ok(Narrative { texts })
}

/// Parses the text an admin sends with `/ambassador narrative set`:
///
/// ```text
/// # Every customer leaves better off than they came
/// We answer fast, we own the problem, and we follow up.
/// ## Fast answers
/// A person replies within an hour, day or night.
/// - #customer-first: we start from what the customer needs
/// ```
///
/// `# ` starts the title, the lines after it are the promise, each `## ` starts a section, and
/// lines `- #value: meaning` list the values.
pub fn parse_markdown(body: &str) -> Result<NarrativeText, NarrativeError> {
    let mut title: Option<String> = None;
    let mut promise: Vec<String> = Vec::new();
    let mut sections: Vec<(String, Vec<String>)> = Vec::new();
    let mut values = Vec::new();
    for line in body.lines() {
        let trimmed = line.trim();
        if let Some(h) = trimmed.strip_prefix("## ") {
            sections.push((h.trim().to_string(), Vec::new()));
        } else if let Some(t) = trimmed.strip_prefix("# ") {
            if title.is_none() {
                title = Some(t.trim().to_string());
            }
        } else if let Some(value) = trimmed.strip_prefix("- #") {
            let (name, description) = value.split_once(':').unwrap_or((value, ""));
            values.push(NarrativeValue {
                name: name.trim().to_lowercase(),
                description: description.trim().to_string(),
            });
        } else if let Some((_, lines)) = sections.last_mut() {
            lines.push(line.trim_end().to_string());
        } else if title.is_some() {
            promise.push(line.trim_end().to_string());
        }
    }
    let title = title
        .filter(|t| !t.is_empty())
        .ok_or(NarrativeError::MissingTitle)?;
    let promise = join_paragraph(&promise);
    if promise.is_empty() {
        return Err(NarrativeError::MissingPromise);
    }
    let sections = sections
        .into_iter()
        .map(|(heading, lines)| {
            let body = join_paragraph(&lines);
            if body.is_empty() {
                Err(NarrativeError::EmptySection(heading))
            } else {
                Ok(NarrativeSection { heading, body })
            }
        })
        .collect::<Result<Vec<_>, _>>()?;
    Ok(NarrativeText {
        title,
        promise,
        sections,
        values,
    })
}

/// Writes a narrative text back in the form [`parse_markdown`] reads, so an admin can edit the
/// current version instead of retyping it (the web editor starts from this).
///
/// Reading the result back gives the same text: `parse_markdown(&to_markdown(t)) == Ok(t)` for
/// every text that came from `parse_markdown`.
pub fn to_markdown(text: &NarrativeText) -> String {
    let mut out = format!("# {}\n{}\n", text.title, text.promise);
    for section in &text.sections {
        out.push_str(&format!("\n## {}\n{}\n", section.heading, section.body));
    }
    if !text.values.is_empty() {
        out.push('\n');
    }
    for value in &text.values {
        if value.description.is_empty() {
            out.push_str(&format!("- #{}\n", value.name));
        } else {
            out.push_str(&format!("- #{}: {}\n", value.name, value.description));
        }
    }
    out
}

fn join_paragraph(lines: &[String]) -> String {
    lines.join("\n").trim().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_shipped_narrative_has_every_locale_and_sections() {
        let n = parse_toml(include_str!("../../../config/narrative.toml")).expect("parses");
        for locale in Locale::ALL {
            let text = &n.texts[&locale];
            assert!(!text.sections.is_empty(), "{locale} has sections");
            assert!(!text.values.is_empty(), "{locale} has values");
        }
    }

    #[test]
    fn a_chat_narrative_reads_title_promise_sections_and_values() {
        let text = parse_markdown(
            "# Better off\nWe own the problem\nand follow up.\n## Fast\nWithin an hour.\n- #customer-first: start from them",
        )
        .expect("parses");
        assert_eq!(text.title, "Better off");
        assert_eq!(text.promise, "We own the problem\nand follow up.");
        assert_eq!(text.sections[0].heading, "Fast");
        assert_eq!(text.values[0].name, "customer-first");
    }

    #[test]
    fn a_chat_narrative_without_a_title_or_promise_is_refused() {
        assert_eq!(
            parse_markdown("We own it"),
            Err(NarrativeError::MissingTitle)
        );
        assert_eq!(
            parse_markdown("# Title only"),
            Err(NarrativeError::MissingPromise)
        );
        assert_eq!(
            parse_markdown("# T\nP\n## Empty\n"),
            Err(NarrativeError::EmptySection("Empty".into()))
        );
    }

    #[test]
    fn a_text_written_back_reads_the_same() {
        // Arrange
        let source = "# Better off\nWe own the problem\n\nand follow up.\n## Fast\nWithin an hour.\nEvery time.\n## Kind\nWe listen.\n- #customer-first: start from them\n- #care";
        let text = parse_markdown(source).expect("parses");
        // Act
        let written = to_markdown(&text);
        // Assert
        assert_eq!(parse_markdown(&written), Ok(text));
        assert!(
            written.starts_with("# Better off\nWe own the problem"),
            "{written}"
        );
        assert!(written.contains("\n- #care\n"), "{written}");
    }

    #[test]
    fn the_shipped_narrative_written_back_reads_the_same_in_every_language() {
        let n = parse_toml(include_str!("../../../config/narrative.toml")).expect("parses");
        for (locale, text) in &n.texts {
            assert_eq!(
                parse_markdown(&to_markdown(text)).as_ref(),
                Ok(text),
                "{locale}"
            );
        }
    }

    #[test]
    fn a_file_without_english_is_refused() {
        let src = "[el]\ntitle = \"Τ\"\npromise = \"Π\"\n";
        assert_eq!(parse_toml(src), Err(NarrativeError::NoEnglish));
    }
}
