//! A running `serve` and a console on the same database and clock: people get their sign-in
//! link in the console, as they would in chat, and open it against the server.

use std::net::SocketAddr;
use std::sync::Arc;

use ambassador::app::Server;
use ambassador::core::clock::ManualClock;

use crate::helpers::{Backend, TestConsole, TestDb, test_config, test_start};

/// The dashboard's server and a console typing into the same organisation.
pub struct Dashboard {
    /// The console: `/engagement web` and everything else people type in chat.
    pub console: TestConsole,
    /// Where the server listens.
    pub addr: SocketAddr,
    /// The clock shared by the console and the server.
    pub clock: Arc<ManualClock>,
    stop: Option<tokio::sync::oneshot::Sender<()>>,
    task: Option<tokio::task::JoinHandle<anyhow::Result<()>>>,
}

impl Dashboard {
    /// The demo organisation with no rounds yet.
    pub async fn start(backend: Backend) -> Dashboard {
        Self::start_with(backend, |_| {}).await
    }

    /// The demo organisation with a year of closed rounds, kudos and acknowledgements (what
    /// `console --demo` shows).
    pub async fn start_seeded(backend: Backend) -> Dashboard {
        let dashboard = Self::start(backend).await;
        dashboard
            .console
            .bot
            .seed_demo_history(&dashboard.console.org)
            .await
            .expect("the demo history is stored");
        dashboard
    }

    /// [`Dashboard::start`] with the configuration changed first (both sides see it).
    pub async fn start_with(
        backend: Backend,
        change: impl FnOnce(&mut ambassador::config::Config),
    ) -> Dashboard {
        let db = TestDb::new(backend).await;
        let port = free_port();
        let mut config = test_config(&db.url);
        config.bind = format!("127.0.0.1:{port}").parse().expect("an address");
        config.settings.server.bind = config.bind.to_string();
        config.web_public_url = format!("http://127.0.0.1:{port}");
        change(&mut config);
        let clock = Arc::new(ManualClock::new(test_start()));
        let console = TestConsole::demo_with(db, config.clone(), clock.clone()).await;
        let server = Server::build(
            Arc::new(config),
            console.store.clone(),
            clock.clone(),
            Vec::new(),
        )
        .await
        .expect("the server binds");
        let addr = server.local_addr().expect("an address");
        let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
        let task = tokio::spawn(server.run_until(async {
            let _ = stopped.await;
        }));
        Dashboard {
            console,
            addr,
            clock,
            stop: Some(stop),
            task: Some(task),
        }
    }

    /// The full address of a path on the server (`/web/`).
    pub fn url(&self, path: &str) -> String {
        format!("http://{}{path}", self.addr)
    }

    /// The sign-in link `handle` gets by typing `/engagement web` in chat.
    pub async fn link(&mut self, handle: &str) -> String {
        let out = self.console.say_as(handle, "/engagement web").await;
        link_in(&out).unwrap_or_else(|| panic!("no sign-in link in the answer:\n{out}"))
    }

    /// A client that keeps cookies and does not follow redirects (tests look at them).
    pub fn client() -> reqwest::Client {
        reqwest::Client::builder()
            .cookie_store(true)
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .expect("a client")
    }

    /// A client signed in as `handle`, through the link they got in chat.
    pub async fn signed_in(&mut self, handle: &str) -> reqwest::Client {
        let link = self.link(handle).await;
        let client = Self::client();
        let response = client
            .post(&link)
            .send()
            .await
            .expect("the sign-in answers");
        assert_eq!(
            response.status(),
            303,
            "signing in redirects to the person's page"
        );
        client
    }

    /// GETs a path with `client`: (status, body).
    pub async fn get(&self, client: &reqwest::Client, path: &str) -> (u16, String) {
        let response = client.get(self.url(path)).send().await.expect("answers");
        let status = response.status().as_u16();
        (status, response.text().await.expect("a body"))
    }

    /// Stops the server and waits for it.
    pub async fn stop(mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        if let Some(task) = self.task.take() {
            task.await.expect("joins").expect("stops cleanly");
        }
    }
}

impl Drop for Dashboard {
    fn drop(&mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
    }
}

/// The first sign-in link in a text.
pub fn link_in(text: &str) -> Option<String> {
    let at = text.find("/web/sign-in/")?;
    let start = text[..at]
        .rfind(char::is_whitespace)
        .map(|i| i + 1)
        .unwrap_or(0);
    let link: String = text[start..]
        .chars()
        .take_while(|c| !c.is_whitespace())
        .collect();
    link.starts_with("http").then_some(link)
}

/// The CSRF token of the first form in a page.
pub fn csrf_in(page: &str) -> String {
    let at = page
        .find("name=\"csrf\" value=\"")
        .unwrap_or_else(|| panic!("no CSRF field in:\n{page}"));
    let rest = &page[at + "name=\"csrf\" value=\"".len()..];
    rest[..rest.find('"').expect("a closing quote")].to_string()
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("a free port")
}
