//! A real browser for the dashboard's tests: Debian's Chromium, headless, driven through its
//! chromedriver by fantoccini, with axe-core (the npm package) injected to check accessibility.
//!
//! `scripts/test` installs Chromium, chromedriver and axe-core when they are missing; without
//! them these tests fail and say how to get them (they are never skipped).

use std::path::{Path, PathBuf};
use std::process::Stdio;
use std::time::Duration;

use fantoccini::{Client, ClientBuilder, Locator};
use serde_json::{Value, json};
use tokio::process::{Child, Command};
use tokio::sync::{Semaphore, SemaphorePermit};

use super::harness::Dashboard;
use crate::helpers::repo_root;

/// A phone's width: every page must work at it.
pub const PHONE: u32 = 360;

/// A laptop's width.
pub const LAPTOP: u32 = 1280;

/// At most two browsers at once: each is a few hundred megabytes and a core's worth of work.
static BROWSERS: Semaphore = Semaphore::const_new(2);

/// One headless Chromium with its own chromedriver, closed when dropped.
pub struct Browser {
    client: Client,
    driver: Child,
    _permit: SemaphorePermit<'static>,
}

impl Browser {
    /// A browser whose window is `width` CSS pixels wide, speaking English.
    pub async fn open(width: u32) -> Browser {
        Self::open_in(width, "en-GB").await
    }

    /// A browser asking for pages in `language` (its `Accept-Language`).
    pub async fn open_in(width: u32, language: &str) -> Browser {
        let permit = BROWSERS
            .acquire()
            .await
            .expect("the semaphore is never closed");
        let chromedriver = tool("AMBASSADOR_CHROMEDRIVER", "/usr/bin/chromedriver");
        let chromium = tool("AMBASSADOR_CHROMIUM", "/usr/bin/chromium");
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .and_then(|l| l.local_addr())
            .map(|a| a.port())
            .expect("a free port");
        let driver = Command::new(&chromedriver)
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .kill_on_drop(true)
            .spawn()
            .unwrap_or_else(|e| panic!("{} does not start: {e}", chromedriver.display()));
        let mut caps = serde_json::Map::new();
        caps.insert(
            "goog:chromeOptions".into(),
            json!({
                "binary": chromium,
                "args": [
                    "--headless=new",
                    "--no-sandbox",
                    "--disable-gpu",
                    "--disable-dev-shm-usage",
                    "--hide-scrollbars",
                    format!("--window-size={width},900"),
                    format!("--lang={language}"),
                ],
                "prefs": { "intl.accept_languages": language },
            }),
        );
        let url = format!("http://127.0.0.1:{port}");
        let mut last = None;
        for _ in 0..100 {
            match ClientBuilder::new(hyper_util::client::legacy::connect::HttpConnector::new())
                .capabilities(caps.clone())
                .connect(&url)
                .await
            {
                Ok(client) => {
                    let browser = Browser {
                        client,
                        driver,
                        _permit: permit,
                    };
                    browser.size_viewport(width).await;
                    return browser;
                }
                Err(e) => {
                    last = Some(e);
                    tokio::time::sleep(Duration::from_millis(100)).await;
                }
            }
        }
        panic!("chromedriver at {url} never accepted a session: {last:?}")
    }

    /// Makes the page area itself `width` wide (the window's frame takes some of it).
    async fn size_viewport(&self, width: u32) {
        let inner: Value = self
            .client
            .execute("return window.innerWidth;", vec![])
            .await
            .expect("the window answers");
        let inner = inner.as_u64().unwrap_or(u64::from(width)) as u32;
        if inner != width {
            let outer = width + width.saturating_sub(inner);
            let _ = self.client.set_window_size(outer.max(width), 900).await;
        }
    }

    /// The fantoccini client, for anything this wrapper does not offer.
    pub fn client(&self) -> &Client {
        &self.client
    }

    /// Opens a page.
    pub async fn goto(&self, url: &str) {
        self.client.goto(url).await.expect("the page opens");
    }

    /// Opens a path of the dashboard.
    pub async fn open_path(&self, d: &Dashboard, path: &str) {
        self.goto(&d.url(path)).await;
    }

    /// Signs in as `handle` the way a person does: types `/engagement web` in chat and opens
    /// the link; waits for their page.
    pub async fn sign_in(&self, d: &mut Dashboard, handle: &str) {
        let link = d.link(handle).await;
        self.goto(&link).await;
        self.wait_for_path("/web/").await;
    }

    /// Waits (up to ten seconds) until the address is `path` on the dashboard.
    pub async fn wait_for_path(&self, path: &str) {
        for _ in 0..200 {
            if let Ok(url) = self.client.current_url().await
                && url.path() == path
                && self.ready().await
            {
                return;
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        let now = self.client.current_url().await.map(|u| u.to_string());
        panic!("the browser never reached {path}; it is at {now:?}");
    }

    async fn ready(&self) -> bool {
        self.client
            .execute("return document.readyState;", vec![])
            .await
            .is_ok_and(|v| v == "complete")
    }

    /// The text a person sees on the page.
    pub async fn text(&self) -> String {
        let v = self
            .client
            .execute("return document.body.innerText;", vec![])
            .await
            .expect("the page answers");
        v.as_str().unwrap_or_default().to_string()
    }

    /// The page's HTML as the browser holds it.
    pub async fn html(&self) -> String {
        self.client.source().await.expect("the page answers")
    }

    /// The path the browser is at.
    pub async fn path(&self) -> String {
        self.client
            .current_url()
            .await
            .map(|u| u.path().to_string())
            .expect("a url")
    }

    /// Clicks the element `css` finds.
    pub async fn click(&self, css: &str) {
        self.find(css).await.click().await.expect("clickable");
    }

    /// Types `text` into the field `css` finds, after clearing it.
    pub async fn fill(&self, css: &str, text: &str) {
        let field = self.find(css).await;
        field.clear().await.expect("clearable");
        field.send_keys(text).await.expect("typeable");
    }

    /// Chooses `file` in the file input `css` finds.
    pub async fn choose_file(&self, css: &str, file: &Path) {
        self.find(css)
            .await
            .send_keys(&file.display().to_string())
            .await
            .expect("a file input");
    }

    /// The element `css` finds, waiting up to five seconds for it.
    pub async fn find(&self, css: &str) -> fantoccini::elements::Element {
        self.client
            .wait()
            .at_most(Duration::from_secs(5))
            .for_element(Locator::Css(css))
            .await
            .unwrap_or_else(|e| panic!("no element {css}: {e}"))
    }

    /// Waits (up to ten seconds) until the page's text contains `needle`.
    pub async fn wait_for_text(&self, needle: &str) -> String {
        let mut text = String::new();
        for _ in 0..200 {
            text = self.text().await;
            if text.contains(needle) && self.ready().await {
                return text;
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        panic!("the page never said {needle:?}; it says:\n{text}");
    }

    /// Runs axe-core on the page and fails listing every serious or critical violation.
    pub async fn check_accessibility(&self) {
        let axe = std::fs::read_to_string(axe_path()).unwrap_or_else(|e| {
            panic!(
                "axe-core is not installed at {} ({e}); run scripts/test, which installs it",
                axe_path().display()
            )
        });
        self.client
            .execute(&axe, vec![])
            .await
            .expect("axe-core loads in the page");
        let result = self
            .client
            .execute_async(
                "const done = arguments[arguments.length - 1];\n\
                 axe.run(document, { resultTypes: ['violations'] })\n\
                   .then(r => done(r.violations.map(v => ({ id: v.id, impact: v.impact, \
                     help: v.help, nodes: v.nodes.map(n => n.target.join(' ')).slice(0, 5) }))))\n\
                   .catch(e => done([{ id: 'axe-failed', impact: 'critical', help: String(e), nodes: [] }]));",
                vec![],
            )
            .await
            .expect("axe-core runs");
        let bad: Vec<&Value> = result
            .as_array()
            .map(|all| {
                all.iter()
                    .filter(|v| matches!(v["impact"].as_str(), Some("serious" | "critical")))
                    .collect()
            })
            .unwrap_or_default();
        let path = self.path().await;
        assert!(
            bad.is_empty(),
            "{path} has serious or critical accessibility violations:\n{}",
            serde_json::to_string_pretty(&bad).unwrap_or_default()
        );
    }

    /// Fails if the page scrolls sideways (wide tables must scroll inside their own box).
    pub async fn check_fits_width(&self) {
        let v = self
            .client
            .execute(
                "return [document.documentElement.scrollWidth, window.innerWidth];",
                vec![],
            )
            .await
            .expect("the page answers");
        let (scroll, inner) = (v[0].as_u64().unwrap_or(0), v[1].as_u64().unwrap_or(0));
        let path = self.path().await;
        assert!(
            scroll <= inner,
            "{path} is {scroll} px wide in a {inner} px window: it scrolls sideways"
        );
    }

    /// Saves a picture of the whole page as PNG under `target/screenshots/`, returning where.
    pub async fn screenshot(&self, name: &str) -> PathBuf {
        let height = self
            .client
            .execute("return document.documentElement.scrollHeight;", vec![])
            .await
            .ok()
            .and_then(|v| v.as_u64())
            .unwrap_or(900)
            .min(4000) as u32;
        let width = self
            .client
            .execute("return window.outerWidth;", vec![])
            .await
            .ok()
            .and_then(|v| v.as_u64())
            .unwrap_or(u64::from(LAPTOP)) as u32;
        let _ = self.client.set_window_size(width, height + 100).await;
        let png = self.client.screenshot().await.expect("a screenshot");
        let dir = repo_root().join("target/screenshots");
        std::fs::create_dir_all(&dir).expect("a screenshots folder");
        let path = dir.join(format!("{name}.png"));
        std::fs::write(&path, png).expect("the screenshot is written");
        path
    }

    /// Closes the browser and its driver.
    pub async fn close(mut self) {
        let _ = self.client.clone().close().await;
        let _ = self.driver.kill().await;
    }
}

/// A tool's path: the environment's choice, else Debian's, failing with how to install it.
fn tool(variable: &str, default: &str) -> PathBuf {
    let path = std::env::var_os(variable)
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(default));
    assert!(
        path.exists(),
        "{} is missing: the browser tests need Debian's chromium and chromium-driver; \
         scripts/test installs them (apt-get install chromium chromium-driver), or set {variable}",
        path.display()
    );
    path
}

/// Where `scripts/test` installs axe-core.
fn axe_path() -> PathBuf {
    std::env::var_os("AMBASSADOR_AXE_JS")
        .map(PathBuf::from)
        .unwrap_or_else(|| {
            repo_root().join("target/browser-tools/node_modules/axe-core/axe.min.js")
        })
}
