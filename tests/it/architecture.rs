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

/// The layers, inside out: a module may name a module of its own layer or of a layer inside
/// it, never one outside. `core` ← the shared leaves ← `store` ← `relay` ← `bot` ← `scheduler` ←
/// `platform` (the adapters) ← `http` ← `app`.
const LAYERS: &[(&str, u8)] = &[
    ("core", 0),
    ("config", 1),
    ("i18n", 1),
    ("telemetry", 1),
    ("chart", 1),
    ("demo", 1),
    ("store", 2),
    ("relay", 3),
    ("bot", 4),
    ("scheduler", 5),
    ("platform", 6),
    // The web dashboard: a front end beside the chat adapters, over the same use cases.
    ("web", 6),
    ("http", 7),
    ("app", 8),
];

fn layer_of(module: &str) -> Option<u8> {
    LAYERS.iter().find(|(m, _)| *m == module).map(|(_, l)| *l)
}

/// The top-level module a source file belongs to (`src/bot/kudos/give.rs` → `bot`).
fn module_of(file: &std::path::Path) -> Option<String> {
    let rel = file.strip_prefix(repo_root().join("src")).ok()?;
    let first = rel
        .components()
        .next()?
        .as_os_str()
        .to_string_lossy()
        .into_owned();
    Some(first.trim_end_matches(".rs").to_string())
}

/// Every `crate::<module>` a file's code names (comments left out), with its line.
fn crate_paths(text: &str) -> Vec<(usize, String, Option<String>)> {
    let mut out = Vec::new();
    for (n, line) in text.lines().enumerate() {
        let code = line.split("//").next().unwrap_or_default();
        let mut rest = code;
        while let Some(i) = rest.find("crate::") {
            let after = &rest[i + "crate::".len()..];
            let module: String = after
                .chars()
                .take_while(|c| c.is_alphanumeric() || *c == '_')
                .collect();
            let next = after[module.len()..].strip_prefix("::").map(|s| {
                s.chars()
                    .take_while(|c| c.is_alphanumeric() || *c == '_')
                    .collect::<String>()
            });
            out.push((n + 1, module, next));
            rest = after;
        }
    }
    out
}

#[test]
fn no_module_names_a_layer_outside_its_own() {
    let mut violations = Vec::new();
    for file in rust_files(&repo_root().join("src")) {
        let Some(module) = module_of(&file) else {
            continue;
        };
        let Some(own) = layer_of(&module) else {
            continue; // lib.rs and main.rs sit above every layer
        };
        let text = std::fs::read_to_string(&file).expect("readable");
        for (line, target, _) in crate_paths(&text) {
            if let Some(theirs) = layer_of(&target)
                && theirs > own
            {
                violations.push(format!(
                    "{}:{line}: {module} names crate::{target}, a layer outside it",
                    file.display()
                ));
            }
        }
    }
    assert!(violations.is_empty(), "{}", violations.join("\n"));
}

#[test]
fn each_adapter_keeps_to_its_own_folder() {
    let platform = repo_root().join("src/platform");
    let mut violations = Vec::new();
    for file in rust_files(&platform) {
        let Ok(rel) = file.strip_prefix(&platform) else {
            continue;
        };
        if rel.components().count() < 2 {
            continue; // platform/mod.rs registers them all
        }
        let own = rel
            .components()
            .next()
            .map(|c| c.as_os_str().to_string_lossy().into_owned())
            .unwrap_or_default();
        let text = std::fs::read_to_string(&file).expect("readable");
        for (line, target, next) in crate_paths(&text) {
            if target == "platform"
                && let Some(other) = next.filter(|n| {
                    *n != own && std::fs::metadata(platform.join(n)).is_ok_and(|m| m.is_dir())
                })
            {
                violations.push(format!(
                    "{}:{line}: the {own} adapter names the {other} adapter",
                    file.display()
                ));
            }
        }
    }
    assert!(violations.is_empty(), "{}", violations.join("\n"));
}

#[test]
fn the_layer_check_sees_an_upward_import() {
    // The checks above must be able to fail: a store file naming the bot is caught.
    let paths = crate_paths("use crate::bot::Bot; // crate::app in a comment is ignored\n");
    assert_eq!(paths.len(), 1);
    let (_, target, next) = &paths[0];
    assert_eq!(target, "bot");
    assert_eq!(next.as_deref(), Some("Bot"));
    assert!(layer_of("bot") > layer_of("store"));
    assert!(crate_paths("/// see [`crate::app`]\n").is_empty());
}
