//! Every user-facing text, from the Fluent catalogs in `locales/`, in the person's language.
//!
//! The catalogs are compiled into the binary so it runs from any directory. A key missing in a
//! language falls back to English with a warning; a test fails the build long before that (see
//! `tests` below and `tests/it/locales.rs`).

use std::collections::HashMap;

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};

use crate::core::locale::Locale;

/// A language's catalog: the chat's messages, then the web dashboard's (one file per area, so
/// each stays short), joined at compile time.
macro_rules! catalog {
    ($l:literal) => {
        concat!(
            include_str!(concat!("../locales/", $l, "/ambassador.ftl")),
            "\n",
            include_str!(concat!("../locales/", $l, "/web.ftl")),
            "\n",
            include_str!(concat!("../locales/", $l, "/web-manager.ftl")),
            "\n",
            include_str!(concat!("../locales/", $l, "/web-admin.ftl")),
        )
    };
}

/// The source of each catalog, by locale; public so tests can compare their keys.
pub const CATALOGS: [(Locale, &str); 3] = [
    (Locale::En, catalog!("en")),
    (Locale::El, catalog!("el")),
    (Locale::Pl, catalog!("pl")),
];

/// The loaded catalogs.
pub struct I18n {
    bundles: HashMap<Locale, FluentBundle<FluentResource>>,
}

impl std::fmt::Debug for I18n {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("I18n")
            .field("locales", &self.bundles.keys().collect::<Vec<_>>())
            .finish()
    }
}

/// A message argument: text or a number (numbers drive plural forms).
pub type Arg<'a> = (&'a str, FluentValue<'a>);

impl I18n {
    /// Parses the embedded catalogs; fails only if a catalog has a syntax error.
    pub fn load() -> anyhow::Result<Self> {
        let mut bundles = HashMap::new();
        for (locale, source) in CATALOGS {
            let resource = FluentResource::try_new(source.to_string()).map_err(|(_, errors)| {
                anyhow::anyhow!("the catalogs of locales/{locale}/ do not parse: {errors:?}")
            })?;
            let lang: unic_langid::LanguageIdentifier = locale
                .code()
                .parse()
                .map_err(|e| anyhow::anyhow!("bad language id {locale}: {e}"))?;
            let mut bundle = FluentBundle::new_concurrent(vec![lang]);
            // Unicode isolation marks would show up as stray characters in terminals and logs.
            bundle.set_use_isolating(false);
            bundle
                .add_resource(resource)
                .map_err(|e| anyhow::anyhow!("locales/{locale}: duplicate messages {e:?}"))?;
            bundles.insert(locale, bundle);
        }
        Ok(Self { bundles })
    }

    /// The message `key` in `locale`, falling back to English, then to the key itself.
    pub fn tr(&self, locale: Locale, key: &str, args: &[Arg<'_>]) -> String {
        if let Some(text) = self.format(locale, key, args) {
            return text;
        }
        tracing::warn!(key, %locale, "message missing in this language, using English");
        self.format(Locale::En, key, args).unwrap_or_else(|| {
            tracing::error!(key, "message missing in English");
            key.to_string()
        })
    }

    /// Whether `key` exists in `locale` (for the completeness tests).
    pub fn has(&self, locale: Locale, key: &str) -> bool {
        self.bundles
            .get(&locale)
            .is_some_and(|b| b.get_message(key).is_some())
    }

    fn format(&self, locale: Locale, key: &str, args: &[Arg<'_>]) -> Option<String> {
        let bundle = self.bundles.get(&locale)?;
        let pattern = bundle.get_message(key)?.value()?;
        let mut fluent_args = FluentArgs::new();
        for (name, value) in args {
            fluent_args.set(*name, value.clone());
        }
        let mut errors = Vec::new();
        let text = bundle.format_pattern(pattern, Some(&fluent_args), &mut errors);
        if !errors.is_empty() {
            tracing::warn!(key, %locale, ?errors, "message formatted with errors");
        }
        Some(text.into_owned())
    }
}

/// The ids of every message in an FTL source, for the completeness tests.
pub fn message_ids(source: &str) -> Vec<String> {
    source
        .lines()
        .filter_map(|line| {
            let (id, _) = line.split_once(" =")?;
            let is_id = !id.is_empty()
                && id.starts_with(|c: char| c.is_ascii_lowercase())
                && id
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
            is_id.then(|| id.to_string())
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_locale_has_exactly_the_english_keys() {
        let english = message_ids(CATALOGS[0].1);
        assert!(english.len() > 50, "English catalog looks truncated");
        for (locale, source) in CATALOGS.iter().skip(1) {
            let theirs = message_ids(source);
            let missing: Vec<_> = english.iter().filter(|k| !theirs.contains(k)).collect();
            let extra: Vec<_> = theirs.iter().filter(|k| !english.contains(k)).collect();
            assert!(missing.is_empty(), "{locale} is missing {missing:?}");
            assert!(
                extra.is_empty(),
                "{locale} has keys English lacks: {extra:?}"
            );
        }
    }

    #[test]
    fn every_message_formats_in_every_locale_without_errors() {
        let i18n = I18n::load().expect("catalogs parse");
        for (locale, source) in CATALOGS {
            let bundle = &i18n.bundles[&locale];
            for key in message_ids(source) {
                let msg = bundle.get_message(&key).expect("listed key exists");
                assert!(msg.value().is_some(), "{locale}/{key} has no value");
            }
        }
    }

    #[test]
    fn plurals_follow_the_language() {
        let i18n = I18n::load().expect("catalogs parse");
        let one = i18n.tr(Locale::En, "kudos-stats-count", &[("count", 1.into())]);
        assert_eq!(one, "1 kudos");
        let pl_few = i18n.tr(
            Locale::Pl,
            "kudos-stats-cheer-giver",
            &[("count", 3.into())],
        );
        let pl_many = i18n.tr(
            Locale::Pl,
            "kudos-stats-cheer-giver",
            &[("count", 5.into())],
        );
        assert_ne!(pl_few, pl_many, "Polish distinguishes 3 from 5");
    }
}
