//! The customer narrative: the company's story of the experience it promises its customers.
//!
//! A narrative has a text per locale (title, promise, short sections, values). Versions live in
//! the database; this module parses the shipped TOML file and the admin's chat text, and picks
//! what a "narrative moment" shows.

pub mod moment;
pub mod parse;

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::locale::Locale;

pub use parse::{NarrativeError, parse_markdown, parse_toml, to_markdown};

/// The narrative in one language.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NarrativeText {
    /// A short headline.
    pub title: String,
    /// The promise to customers, in a sentence or two.
    pub promise: String,
    /// Short sections that explain the promise in practice.
    #[serde(default)]
    pub sections: Vec<NarrativeSection>,
    /// The values, each with what it means here.
    #[serde(default)]
    pub values: Vec<NarrativeValue>,
}

/// One section of the narrative.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NarrativeSection {
    /// The section's heading.
    pub heading: String,
    /// A few sentences.
    pub body: String,
}

/// One value and what it means in this company.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NarrativeValue {
    /// The tag, as used in kudos (`customer-first`).
    pub name: String,
    /// What living it looks like.
    pub description: String,
}

/// All language versions of one narrative version.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Narrative {
    /// The text per locale; English should be present as the fallback.
    pub texts: BTreeMap<Locale, NarrativeText>,
}

impl Narrative {
    /// The text for a person's locale: theirs, else English, else any.
    pub fn for_locale(&self, locale: Locale) -> Option<(Locale, &NarrativeText)> {
        self.texts
            .get_key_value(&locale)
            .or_else(|| self.texts.get_key_value(&Locale::En))
            .or_else(|| self.texts.iter().next())
            .map(|(l, t)| (*l, t))
    }

    /// A new version with one locale replaced and the others carried over.
    pub fn with_text(&self, locale: Locale, text: NarrativeText) -> Narrative {
        let mut texts = self.texts.clone();
        texts.insert(locale, text);
        Narrative { texts }
    }
}
