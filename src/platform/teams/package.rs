//! The Teams app package (`ambassador teams package`): the zip an admin uploads in Teams admin
//! or the Developer Portal, holding `manifest.json`, its translations and two icons.
//!
//! The manifest declares the bot (personal and team scopes, the commands Teams suggests as
//! people type) under the same Microsoft App ID the server verifies tokens for, so the package
//! and the server cannot disagree. Texts come from the Fluent catalogs, so the app reads in
//! English, Greek and Polish like the bot does. The icons are drawn here: a white star (kudos)
//! on the accent colour, and its outline for Teams' monochrome bar.

use std::io::Write;

use serde_json::{Value, json};

use super::config::TeamsSettings;
use crate::core::locale::Locale;
use crate::i18n::I18n;

/// The manifest schema the package follows.
pub const MANIFEST_VERSION: &str = "1.17";

/// The app's accent colour, behind the colour icon.
pub const ACCENT_COLOR: &str = "#1F6FEB";

/// The commands Teams suggests in the compose box, with their description's message key.
pub const COMMANDS: [(&str, &str); 6] = [
    ("help", "teams-command-help"),
    ("kudos", "teams-command-kudos"),
    ("pulse", "teams-command-pulse"),
    ("narrative", "teams-command-narrative"),
    ("engagement", "teams-command-engagement"),
    ("ambassador", "teams-command-ambassador"),
];

/// The colour icon's side in pixels (Teams requires 192).
pub const COLOR_ICON_SIDE: u32 = 192;
/// The outline icon's side in pixels (Teams requires 32).
pub const OUTLINE_ICON_SIDE: u32 = 32;

/// Everything the package is made of.
pub struct PackageInput<'a> {
    /// The bot's Microsoft App ID (`TEAMS_APP_ID`).
    pub app_id: &'a str,
    /// The app's version (this build's).
    pub version: &'a str,
    /// `[teams]`: names and URLs.
    pub settings: &'a TeamsSettings,
    /// The catalogs.
    pub i18n: &'a I18n,
}

/// The manifest's description in a language.
fn description(i18n: &I18n, locale: Locale) -> (String, String) {
    (
        i18n.tr(locale, "teams-app-description-short", &[]),
        i18n.tr(locale, "teams-app-description-full", &[]),
    )
}

fn commands(i18n: &I18n, locale: Locale) -> Vec<Value> {
    COMMANDS
        .iter()
        .map(|(title, key)| json!({ "title": title, "description": i18n.tr(locale, key, &[]) }))
        .collect()
}

/// `manifest.json`, in English with the other languages in their own files.
pub fn manifest(input: &PackageInput<'_>) -> Value {
    let s = input.settings;
    let (short, full) = description(input.i18n, Locale::En);
    let languages: Vec<Value> = Locale::ALL
        .iter()
        .filter(|l| **l != Locale::En)
        .map(|l| json!({ "languageTag": l.code(), "file": format!("{}.json", l.code()) }))
        .collect();
    json!({
        "$schema": format!(
            "https://developer.microsoft.com/en-us/json-schemas/teams/v{MANIFEST_VERSION}/MicrosoftTeams.schema.json"
        ),
        "manifestVersion": MANIFEST_VERSION,
        "version": input.version,
        "id": input.app_id,
        "developer": {
            "name": s.developer_name,
            "websiteUrl": s.website_url,
            "privacyUrl": s.privacy_url,
            "termsOfUseUrl": s.terms_url,
        },
        "name": { "short": s.app_name, "full": s.app_name },
        "description": { "short": short, "full": full },
        "icons": { "color": "color.png", "outline": "outline.png" },
        "accentColor": ACCENT_COLOR,
        "localizationInfo": {
            "defaultLanguageTag": "en",
            "additionalLanguages": languages,
        },
        "bots": [{
            "botId": input.app_id,
            "scopes": ["personal", "team"],
            "isNotificationOnly": false,
            "supportsFiles": false,
            "commandLists": [{
                "scopes": ["personal", "team"],
                "commands": commands(input.i18n, Locale::En),
            }],
        }],
        "permissions": ["identity", "messageTeamMembers"],
        "validDomains": [],
    })
}

/// A translation file: the manifest's texts in `locale`, keyed by their JSON path.
pub fn translation(input: &PackageInput<'_>, locale: Locale) -> Value {
    let (short, full) = description(input.i18n, locale);
    let mut file = json!({
        "$schema": format!(
            "https://developer.microsoft.com/en-us/json-schemas/teams/v{MANIFEST_VERSION}/MicrosoftTeams.Localization.schema.json"
        ),
        "name.short": input.settings.app_name,
        "name.full": input.settings.app_name,
        "description.short": short,
        "description.full": full,
    });
    if let Some(map) = file.as_object_mut() {
        for (i, command) in commands(input.i18n, locale).iter().enumerate() {
            map.insert(
                format!("bots[0].commandLists[0].commands[{i}].description"),
                command["description"].clone(),
            );
        }
    }
    file
}

/// The package as zip bytes.
pub fn build(input: &PackageInput<'_>) -> anyhow::Result<Vec<u8>> {
    let mut buffer = std::io::Cursor::new(Vec::new());
    {
        let mut zip = zip::ZipWriter::new(&mut buffer);
        let options = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Stored);
        let mut add = |name: &str, bytes: &[u8]| -> anyhow::Result<()> {
            zip.start_file(name, options)?;
            zip.write_all(bytes)?;
            Ok(())
        };
        add(
            "manifest.json",
            serde_json::to_string_pretty(&manifest(input))?.as_bytes(),
        )?;
        for locale in Locale::ALL.iter().filter(|l| **l != Locale::En) {
            add(
                &format!("{}.json", locale.code()),
                serde_json::to_string_pretty(&translation(input, *locale))?.as_bytes(),
            )?;
        }
        add("color.png", &color_icon()?)?;
        add("outline.png", &outline_icon()?)?;
        zip.finish()?;
    }
    Ok(buffer.into_inner())
}

/// Where `ambassador teams package` writes when no `--out` is given.
pub const DEFAULT_FILE: &str = "ambassador-teams.zip";

/// Builds the package from the configuration and the environment and writes it to `out`
/// (whole or not at all: a temporary file renamed into place). Returns the manifest, for the
/// command to describe what it wrote.
pub fn write(config: &crate::config::Config, out: &std::path::Path) -> anyhow::Result<Value> {
    let credentials = super::config::TeamsCredentials::from_env()?;
    let Some(app_id) = credentials.app_id else {
        anyhow::bail!(
            "TEAMS_APP_ID is not set: the package names the bot by its Microsoft App ID (Azure portal → your Azure Bot → Configuration → Microsoft App ID)"
        );
    };
    let settings: TeamsSettings = config.section("teams")?;
    settings.check()?;
    let i18n = I18n::load()?;
    let input = PackageInput {
        app_id: &app_id,
        version: env!("CARGO_PKG_VERSION"),
        settings: &settings,
        i18n: &i18n,
    };
    let bytes = build(&input)?;
    let partial = out.with_extension("partial");
    std::fs::write(&partial, &bytes)
        .map_err(|e| anyhow::anyhow!("cannot write {}: {e}", partial.display()))?;
    std::fs::rename(&partial, out).map_err(|e| {
        let _ = std::fs::remove_file(&partial);
        anyhow::anyhow!("cannot write {}: {e}", out.display())
    })?;
    Ok(manifest(&input))
}

/// Whether the point is inside a five-pointed star of outer radius 1 centred on the origin.
fn in_star(x: f64, y: f64, inner_ratio: f64) -> bool {
    let points: Vec<(f64, f64)> = (0..10)
        .map(|k| {
            let angle = -std::f64::consts::FRAC_PI_2 + k as f64 * std::f64::consts::PI / 5.0;
            let r = if k % 2 == 0 { 1.0 } else { inner_ratio };
            (r * angle.cos(), r * angle.sin())
        })
        .collect();
    // Even-odd rule over the star's polygon.
    let mut inside = false;
    let mut j = points.len() - 1;
    for i in 0..points.len() {
        let (xi, yi) = points[i];
        let (xj, yj) = points[j];
        if (yi > y) != (yj > y) && x < (xj - xi) * (y - yi) / (yj - yi) + xi {
            inside = !inside;
        }
        j = i;
    }
    inside
}

/// How much of a pixel a shape covers, from 4 × 4 samples (smooth edges).
fn coverage(side: u32, px: u32, py: u32, scale: f64, shape: impl Fn(f64, f64) -> bool) -> f64 {
    let mut hits = 0;
    for sy in 0..4 {
        for sx in 0..4 {
            let x = (f64::from(px) + (f64::from(sx) + 0.5) / 4.0) / f64::from(side) * 2.0 - 1.0;
            let y = (f64::from(py) + (f64::from(sy) + 0.5) / 4.0) / f64::from(side) * 2.0 - 1.0;
            if shape(x / scale, y / scale + 0.06) {
                hits += 1;
            }
        }
    }
    f64::from(hits) / 16.0
}

fn png(image: &image::RgbaImage) -> anyhow::Result<Vec<u8>> {
    use image::ImageEncoder as _;
    let mut bytes = Vec::new();
    image::codecs::png::PngEncoder::new(&mut bytes).write_image(
        image.as_raw(),
        image.width(),
        image.height(),
        image::ColorType::Rgba8,
    )?;
    Ok(bytes)
}

/// The 192 × 192 colour icon: a white star on the accent colour.
pub fn color_icon() -> anyhow::Result<Vec<u8>> {
    let side = COLOR_ICON_SIDE;
    let accent = [0x1F_u8, 0x6F, 0xEB];
    let image = image::RgbaImage::from_fn(side, side, |x, y| {
        let c = coverage(side, x, y, 0.62, |x, y| in_star(x, y, 0.42));
        let mix = |a: u8| (f64::from(a) * (1.0 - c) + 255.0 * c).round() as u8;
        image::Rgba([mix(accent[0]), mix(accent[1]), mix(accent[2]), 255])
    });
    png(&image)
}

/// The 32 × 32 outline icon: the star's outline in white on transparency, as Teams asks.
pub fn outline_icon() -> anyhow::Result<Vec<u8>> {
    let side = OUTLINE_ICON_SIDE;
    let image = image::RgbaImage::from_fn(side, side, |x, y| {
        let c = coverage(side, x, y, 0.9, |x, y| {
            in_star(x, y, 0.42) && !in_star(x * 1.45, y * 1.45 - 0.04, 0.42)
        });
        image::Rgba([255, 255, 255, (255.0 * c).round() as u8])
    });
    png(&image)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn settings() -> TeamsSettings {
        crate::config::defaults()
            .expect("defaults")
            .section("teams")
            .expect("[teams]")
    }

    #[test]
    fn texts_fit_teams_limits_in_every_language() {
        let i18n = I18n::load().expect("catalogs");
        let settings = settings();
        let input = PackageInput {
            app_id: "00000000-0000-0000-0000-000000000001",
            version: "1.2.3",
            settings: &settings,
            i18n: &i18n,
        };
        for locale in Locale::ALL {
            let (short, full) = description(&i18n, locale);
            assert!(short.chars().count() <= 80, "{locale}: {short}");
            assert!(full.chars().count() <= 4000, "{locale}");
            for command in commands(&i18n, locale) {
                let d = command["description"].as_str().expect("text");
                assert!(d.chars().count() <= 128, "{locale}: {d}");
                assert!(
                    !d.starts_with("teams-command"),
                    "{locale}: untranslated {d}"
                );
            }
        }
        let manifest = manifest(&input);
        assert_eq!(
            manifest["bots"][0]["botId"],
            "00000000-0000-0000-0000-000000000001"
        );
        assert_eq!(manifest["id"], manifest["bots"][0]["botId"]);
        let el = translation(&input, Locale::El);
        assert!(
            el["bots[0].commandLists[0].commands[1].description"]
                .as_str()
                .is_some_and(|d| d.contains("kudos"))
        );
    }

    #[test]
    fn icons_have_the_sizes_and_colours_teams_requires() {
        let color = image::load_from_memory(&color_icon().expect("drawn")).expect("a PNG");
        assert_eq!((color.width(), color.height()), (192, 192));
        let outline = image::load_from_memory(&outline_icon().expect("drawn"))
            .expect("a PNG")
            .to_rgba8();
        assert_eq!((outline.width(), outline.height()), (32, 32));
        assert!(
            outline
                .pixels()
                .all(|p| p.0[3] == 0 || (p.0[0], p.0[1], p.0[2]) == (255, 255, 255)),
            "the outline icon is white on transparency"
        );
        assert!(
            outline.pixels().any(|p| p.0[3] == 255),
            "something is drawn"
        );
        assert_eq!(
            outline.get_pixel(0, 0).0[3],
            0,
            "the corners are transparent"
        );
    }
}
