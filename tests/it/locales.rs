//! Every message the code asks for exists in every language.

use std::collections::BTreeSet;

use ambassador::i18n::{CATALOGS, message_ids};

use crate::helpers::{repo_root, rust_files};

/// Message ids used in the source: string literals that look like ids and sit right after a
/// locale argument or a `t(`/`tr(` call.
fn ids_used_in_source() -> BTreeSet<String> {
    let pattern = regex::Regex::new(
        r#"(?:\bt|\btr)\(\s*(?:[a-z_.()&*]+,\s*)?"([a-z][a-z0-9]*(?:-[a-z0-9]+)+)""#,
    )
    .expect("regex");
    let keyed = regex::Regex::new(r#"=>\s*"((?:console|weekday)-[a-z0-9-]+)""#).expect("regex");
    let files = rust_files(&repo_root().join("src"));
    let mut ids = BTreeSet::new();
    for f in files {
        let text = std::fs::read_to_string(&f).expect("readable");
        for c in pattern
            .captures_iter(&text)
            .chain(keyed.captures_iter(&text))
        {
            ids.insert(c[1].to_string());
        }
    }
    ids
}

#[test]
fn every_message_the_code_uses_exists_in_every_locale() {
    let used = ids_used_in_source();
    assert!(
        used.len() > 60,
        "the scan found too few ids ({}), check the pattern",
        used.len()
    );
    for (locale, source) in CATALOGS {
        let have: BTreeSet<String> = message_ids(source).into_iter().collect();
        let missing: Vec<_> = used.difference(&have).collect();
        assert!(missing.is_empty(), "{locale} lacks {missing:?}");
    }
}

#[test]
fn the_catalogs_on_disk_are_the_ones_compiled_in() {
    for (locale, source) in CATALOGS {
        let on_disk = ["ambassador", "web", "web-manager", "web-admin"]
            .map(|file| {
                let path = repo_root().join(format!("locales/{locale}/{file}.ftl"));
                std::fs::read_to_string(path).expect("file")
            })
            .join("\n");
        assert_eq!(on_disk, source);
    }
}
