//! Rules about the code's shape that a reviewer would otherwise have to remember.

use crate::helpers::{repo_root, rust_files};

#[test]
fn the_core_names_no_database_http_platform_or_chart_crate() {
    let files = rust_files(&repo_root().join("src/core"));
    assert!(!files.is_empty());
    let forbidden = [
        "sqlx",
        "axum",
        "reqwest",
        "serenity",
        "poise",
        "slack_morphism",
        "tokio",
        // Charts are an outer adapter: the core hands out numbers, never pictures.
        "plotters",
        "dejavu",
        "crate::chart",
    ];
    for file in files {
        let text = std::fs::read_to_string(&file).expect("readable");
        for word in forbidden {
            assert!(
                !text.contains(word),
                "{} names {word}: the core must stay free of I/O and drawing",
                file.display()
            );
        }
    }
}

#[test]
fn both_backends_have_the_same_migrations() {
    let names = |dir: &str| {
        let mut v: Vec<String> = std::fs::read_dir(repo_root().join(dir))
            .expect("dir")
            .flatten()
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .collect();
        v.sort();
        v
    };
    let sqlite = names("migrations/sqlite");
    assert!(!sqlite.is_empty());
    assert_eq!(sqlite, names("migrations/postgres"));
}
