//! `ambassador console --web`: the dashboard served beside the console, so a link got there
//! opens in a browser (an interactive console always serves it).

use std::process::Stdio;

use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};
use tokio::process::Command;

use super::harness::{Dashboard, link_in};
use crate::helpers::{Backend, TestDb, repo_root};
use crate::on_both_backends;

on_both_backends!(a_link_typed_for_in_the_console_signs_in_to_the_dashboard_it_serves);

async fn a_link_typed_for_in_the_console_signs_in_to_the_dashboard_it_serves(backend: Backend) {
    let db = TestDb::new(backend).await;
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("a free port");
    let address = format!("127.0.0.1:{port}");
    let mut console = Command::new(env!("CARGO_BIN_EXE_ambassador"))
        .args([
            "console",
            "--import",
            "src/demo/org.csv",
            "--db",
            &db.url,
            "--web",
            &address,
        ])
        .current_dir(repo_root())
        .env_remove("RUST_LOG")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .kill_on_drop(true)
        .spawn()
        .expect("the binary runs");
    let mut input = console.stdin.take().expect("stdin");
    let mut lines = BufReader::new(console.stdout.take().expect("stdout")).lines();
    input
        .write_all(b"/as sam\n/engagement web\n")
        .await
        .expect("typed");
    let mut said = String::new();
    let link = loop {
        let line = lines
            .next_line()
            .await
            .expect("the console prints")
            .unwrap_or_else(|| panic!("the console ended without a link:\n{said}"));
        said.push_str(&line);
        said.push('\n');
        if let Some(link) = link_in(&line) {
            break link;
        }
    };
    assert!(
        said.contains(&format!("The web dashboard is at http://{address}/web/")),
        "{said}"
    );
    assert!(
        link.starts_with(&format!("http://{address}/web/sign-in/")),
        "{link}"
    );

    let browser = Dashboard::client();
    let signed = browser.post(&link).send().await.expect("answers");
    assert_eq!(signed.status(), 303);
    let page = browser
        .get(format!("http://{address}/web/"))
        .send()
        .await
        .expect("answers")
        .text()
        .await
        .expect("a page");
    assert!(page.contains("Hello, Sam Okafor"), "{page}");

    input.write_all(b"/quit\n").await.expect("typed");
    drop(input);
    let status = console.wait().await.expect("the console ends");
    assert!(status.success());
}
