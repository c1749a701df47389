//! The fake's Socket Mode side: the WebSocket server `apps.connections.open` points at.
//!
//! Each URL (`ws://127.0.0.1:PORT/ws/{n}`) is single-use, like Slack's. On connect the fake sends
//! `hello` with the fields slack-morphism requires (`num_connections`, `debug_info.host`,
//! `connection_info.app_id`); tests then push envelopes and `disconnect` to the newest open
//! connection and assert on the frames the bot sent back (acks are `{"envelope_id":…}`).
//!
//! slack-morphism 2.31 opens `max_connections_count` sockets (2 by default, the second 5 s after
//! the first), answers `disconnect` by closing that socket and calling `apps.connections.open`
//! again at once, and sends a WebSocket ping every 15 s (tungstenite answers the pong).

use std::sync::Arc;
use std::time::{Duration, Instant};

use futures_util::{SinkExt, StreamExt};
use serde_json::{Value, json};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::mpsc;
use tokio::task::AbortHandle;
use tokio_tungstenite::tungstenite::Message;
use tokio_tungstenite::tungstenite::handshake::server::{ErrorResponse, Request, Response};
use tokio_tungstenite::tungstenite::http::StatusCode;

use super::{APP_ID, FakeSlack, Inner, State, shorten};

/// An envelope for the fake to push over Socket Mode; built by its kind's constructor.
#[derive(Debug, Clone)]
pub struct Envelope {
    kind: &'static str,
    payload: Value,
    accepts_response_payload: bool,
    retry: Option<(u32, String)>,
}

impl Envelope {
    /// An `events_api` envelope around an `event_callback` payload (not form-encoded).
    pub fn events_api(payload: Value) -> Self {
        Self {
            kind: "events_api",
            payload,
            accepts_response_payload: false,
            retry: Some((0, String::new())),
        }
    }

    /// A `slash_commands` envelope around the command's fields as a JSON object.
    pub fn slash_command(payload: Value) -> Self {
        Self {
            kind: "slash_commands",
            payload,
            accepts_response_payload: true,
            retry: None,
        }
    }

    /// An `interactive` envelope around an interaction payload (block_actions, view_submission,
    /// message_action…); only view submissions and suggestions accept a response payload.
    pub fn interactive(payload: Value) -> Self {
        let accepts = matches!(
            payload["type"].as_str(),
            Some("view_submission" | "block_suggestion")
        );
        Self {
            kind: "interactive",
            payload,
            accepts_response_payload: accepts,
            retry: None,
        }
    }

    /// Marks an events_api envelope as Slack's `attempt`-th redelivery.
    pub fn retried(mut self, attempt: u32, reason: &str) -> Self {
        self.retry = Some((attempt, reason.into()));
        self
    }

    fn to_json(&self, envelope_id: &str) -> Value {
        let mut frame = json!({
            "envelope_id": envelope_id,
            "type": self.kind,
            "accepts_response_payload": self.accepts_response_payload,
            "payload": self.payload,
        });
        if let Some((attempt, reason)) = &self.retry {
            frame["retry_attempt"] = json!(attempt);
            frame["retry_reason"] = json!(reason);
        }
        frame
    }
}

/// A text frame the bot sent over a Socket Mode connection.
#[derive(Debug, Clone)]
pub struct SocketFrame {
    /// The connection's number (the `n` of its `/ws/{n}` URL).
    pub connection: u64,
    /// The frame as sent.
    pub text: String,
    /// The frame parsed, when it is JSON.
    pub json: Option<Value>,
    /// When it arrived.
    pub at: Instant,
}

impl SocketFrame {
    /// The envelope this frame acknowledges, if it is an ack.
    pub fn envelope_id(&self) -> Option<&str> {
        self.json.as_ref()?.get("envelope_id")?.as_str()
    }
}

/// What the fake tells a connection's task to do.
#[derive(Debug)]
enum Outgoing {
    Text(String),
    Close,
}

#[derive(Debug)]
struct Connection {
    number: u64,
    sender: mpsc::UnboundedSender<Outgoing>,
    open: bool,
}

/// The Socket Mode part of the fake's state.
#[derive(Debug, Default)]
pub(super) struct SocketState {
    next_ticket: u64,
    unused_tickets: Vec<u64>,
    connections: Vec<Connection>,
    frames: Vec<SocketFrame>,
    sent_envelopes: Vec<String>,
    next_envelope: u64,
    pub(super) tasks: Vec<AbortHandle>,
}

impl SocketState {
    /// A fresh single-use WebSocket URL for apps.connections.open.
    pub(super) fn issue_ticket(&mut self, ws_base_url: &str) -> String {
        self.next_ticket += 1;
        self.unused_tickets.push(self.next_ticket);
        format!("{ws_base_url}/ws/{}", self.next_ticket)
    }

    /// Consumes the ticket in a handshake path (`/ws/{n}`), if it was issued and is unused.
    fn redeem(&mut self, path: &str) -> Option<u64> {
        let n: u64 = path.strip_prefix("/ws/")?.parse().ok()?;
        let index = self.unused_tickets.iter().position(|t| *t == n)?;
        self.unused_tickets.swap_remove(index);
        Some(n)
    }

    pub(super) fn forget_frames(&mut self) {
        self.frames.clear();
        self.sent_envelopes.clear();
    }

    fn newest_open(&self) -> Option<&Connection> {
        self.connections
            .iter()
            .filter(|c| c.open)
            .max_by_key(|c| c.number)
    }

    fn describe(&self) -> String {
        let open: Vec<u64> = self
            .connections
            .iter()
            .filter(|c| c.open)
            .map(|c| c.number)
            .collect();
        let frames: String = self
            .frames
            .iter()
            .map(|f| {
                format!(
                    "\n  on connection {}: {}",
                    f.connection,
                    shorten(&f.text, 300)
                )
            })
            .collect();
        format!(
            "{} connection(s) in all, open: {open:?}; frames from the bot:{}",
            self.connections.len(),
            if frames.is_empty() {
                " none".into()
            } else {
                frames
            }
        )
    }
}

/// Accepts Socket Mode connections until the fake is dropped.
pub(super) async fn accept_loop(listener: TcpListener, inner: Arc<Inner>) {
    while let Ok((stream, _)) = listener.accept().await {
        let task = tokio::spawn(serve_connection(stream, inner.clone()));
        inner.lock().socket.tasks.push(task.abort_handle());
    }
}

/// Runs one connection: handshake on a valid ticket, `hello`, then frames both ways.
async fn serve_connection(stream: TcpStream, inner: Arc<Inner>) {
    let mut ticket = None;
    #[allow(
        clippy::result_large_err,
        reason = "tungstenite's handshake callback fixes the error type"
    )]
    let check_ticket = |request: &Request, response: Response| {
        ticket = inner.lock().socket.redeem(request.uri().path());
        if ticket.is_some() {
            return Ok(response);
        }
        let mut refusal = ErrorResponse::new(Some("unknown or used Socket Mode URL".into()));
        *refusal.status_mut() = StatusCode::FORBIDDEN;
        Err(refusal)
    };
    let Ok(socket) = tokio_tungstenite::accept_hdr_async(stream, check_ticket).await else {
        return;
    };
    let Some(number) = ticket else { return };
    let (sender, mut outgoing) = mpsc::unbounded_channel();
    let hello = register(&inner, number, sender);
    let (mut sink, mut incoming) = socket.split();
    if sink.send(Message::text(hello.to_string())).await.is_err() {
        return close(&inner, number);
    }
    loop {
        tokio::select! {
            frame = incoming.next() => match frame {
                Some(Ok(Message::Text(text))) => record_frame(&inner, number, text.as_str()),
                Some(Ok(Message::Close(_))) | Some(Err(_)) | None => break,
                Some(Ok(_)) => {}
            },
            command = outgoing.recv() => match command {
                Some(Outgoing::Text(text)) => {
                    if sink.send(Message::text(text)).await.is_err() {
                        break;
                    }
                }
                Some(Outgoing::Close) | None => {
                    // Best effort: the bot may already be gone.
                    let _ = sink.send(Message::Close(None)).await;
                    break;
                }
            },
        }
    }
    close(&inner, number);
}

/// Records a new open connection and returns its `hello`.
fn register(inner: &Inner, number: u64, sender: mpsc::UnboundedSender<Outgoing>) -> Value {
    let hello = {
        let mut state = inner.lock();
        state.socket.connections.push(Connection {
            number,
            sender,
            open: true,
        });
        let open = state.socket.connections.iter().filter(|c| c.open).count();
        json!({
            "type": "hello",
            "num_connections": open,
            "debug_info": {
                "host": format!("fake-applink-{number}"),
                "build_number": 1,
                "approximate_connection_time": 18060,
            },
            "connection_info": {"app_id": APP_ID},
        })
    };
    inner.changed.notify_waiters();
    hello
}

fn record_frame(inner: &Inner, connection: u64, text: &str) {
    let frame = SocketFrame {
        connection,
        text: text.to_owned(),
        json: serde_json::from_str(text).ok(),
        at: Instant::now(),
    };
    inner.lock().socket.frames.push(frame);
    inner.changed.notify_waiters();
}

fn close(inner: &Inner, number: u64) {
    let mut state = inner.lock();
    for connection in state.socket.connections.iter_mut() {
        if connection.number == number {
            connection.open = false;
        }
    }
    drop(state);
    inner.changed.notify_waiters();
}

impl FakeSlack {
    /// Waits until the bot has opened at least `n` Socket Mode connections in all (reconnects
    /// count), panicking after `timeout`.
    pub async fn wait_for_connections(&self, n: usize, timeout: Duration) {
        let what = format!("{n} Socket Mode connection(s)");
        self.inner
            .wait_until(
                timeout,
                &what,
                |state| (state.socket.connections.len() >= n).then_some(()),
                |state| state.socket.describe(),
            )
            .await;
    }

    /// How many Socket Mode connections the bot opened in all.
    pub async fn connection_count(&self) -> usize {
        self.inner.lock().socket.connections.len()
    }

    /// How many Socket Mode connections are open now.
    pub async fn open_connection_count(&self) -> usize {
        let state = self.inner.lock();
        state.socket.connections.iter().filter(|c| c.open).count()
    }

    /// Pushes `envelope` to the newest open connection with a fresh `envelope_id`, which it
    /// returns for [`FakeSlack::wait_for_ack`]. Panics when no connection is open.
    pub async fn send_envelope(&self, envelope: Envelope) -> String {
        let mut state = self.inner.lock();
        state.socket.next_envelope += 1;
        let envelope_id = format!("fake-envelope-{:06}", state.socket.next_envelope);
        let frame = envelope.to_json(&envelope_id).to_string();
        send_to_newest(&state, Outgoing::Text(frame));
        state.socket.sent_envelopes.push(envelope_id.clone());
        envelope_id
    }

    /// Sends `disconnect` (`reason`: `warning`, `refresh_requested`, `link_disabled`…) to the
    /// newest open connection; the bot should open a new one. The fake keeps the old socket open
    /// until the bot closes it, as Slack gives it a few seconds.
    pub async fn send_disconnect(&self, reason: &str) {
        let state = self.inner.lock();
        let number = state.socket.newest_open().map_or(0, |c| c.number);
        let frame = json!({
            "type": "disconnect",
            "reason": reason,
            "debug_info": {"host": format!("fake-applink-{number}")},
        });
        send_to_newest(&state, Outgoing::Text(frame.to_string()));
    }

    /// Closes the newest open connection abruptly, as a network failure would.
    pub async fn close_socket(&self) {
        send_to_newest(&self.inner.lock(), Outgoing::Close);
    }

    /// Every text frame the bot sent over Socket Mode, in order.
    pub async fn socket_frames(&self) -> Vec<SocketFrame> {
        self.inner.lock().socket.frames.clone()
    }

    /// Waits for the bot's acknowledgement of `envelope_id` and returns it (a slash command's
    /// ack may carry a response `payload`); panics after `timeout` listing the frames received.
    pub async fn wait_for_ack(&self, envelope_id: &str, timeout: Duration) -> SocketFrame {
        let what = format!("an ack of envelope {envelope_id}");
        self.inner
            .wait_until(
                timeout,
                &what,
                |state| {
                    let frames = &state.socket.frames;
                    frames
                        .iter()
                        .find(|f| f.envelope_id() == Some(envelope_id))
                        .cloned()
                },
                |state| state.socket.describe(),
            )
            .await
    }

    /// The envelopes pushed since the last reset that the bot has not acknowledged.
    pub async fn unacked_envelopes(&self) -> Vec<String> {
        let state = self.inner.lock();
        let socket = &state.socket;
        socket
            .sent_envelopes
            .iter()
            .filter(|id| {
                !socket
                    .frames
                    .iter()
                    .any(|f| f.envelope_id() == Some(id.as_str()))
            })
            .cloned()
            .collect()
    }
}

fn send_to_newest(state: &State, message: Outgoing) {
    let connection = state.socket.newest_open().expect(
        "fake Slack: no Socket Mode connection is open (did the bot call apps.connections.open?)",
    );
    // The task may have just ended; the test then sees no ack and says so.
    let _ = connection.sender.send(message);
}
