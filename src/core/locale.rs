//! The languages ambassador speaks.

use serde::{Deserialize, Serialize};

/// A language every user-facing text exists in. English is the fallback.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Locale {
    /// English, the fallback for anything missing.
    En,
    /// Greek.
    El,
    /// Polish.
    Pl,
}

impl Locale {
    /// Every supported locale, in the order help texts list them.
    pub const ALL: [Locale; 3] = [Locale::En, Locale::El, Locale::Pl];

    /// Accepts `en`, `en-GB`, `el_GR`, `PL` and the like; the region is ignored because the
    /// catalogs are per language.
    pub fn parse(tag: &str) -> Option<Self> {
        let language = tag
            .trim()
            .split(['-', '_'])
            .next()
            .unwrap_or_default()
            .to_ascii_lowercase();
        match language.as_str() {
            "en" => Some(Locale::En),
            "el" => Some(Locale::El),
            "pl" => Some(Locale::Pl),
            _ => None,
        }
    }

    /// The BCP 47 language code, as stored and as used for the Fluent catalogs.
    pub fn code(self) -> &'static str {
        match self {
            Locale::En => "en",
            Locale::El => "el",
            Locale::Pl => "pl",
        }
    }

    /// The list shown when someone names a locale we do not have.
    pub fn supported_list() -> String {
        Self::ALL.map(Locale::code).join(", ")
    }
}

impl std::fmt::Display for Locale {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.code())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn regional_tags_map_to_their_language() {
        assert_eq!(Locale::parse("el-GR"), Some(Locale::El));
        assert_eq!(Locale::parse("pl_PL"), Some(Locale::Pl));
        assert_eq!(Locale::parse(" EN "), Some(Locale::En));
    }

    #[test]
    fn unknown_languages_are_not_guessed() {
        assert_eq!(Locale::parse("de"), None);
        assert_eq!(Locale::parse(""), None);
    }
}
