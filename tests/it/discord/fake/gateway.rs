//! The gateway: a WebSocket server (plain `ws://`, JSON text frames; `?v=10&encoding=json` and
//! IDENTIFY's `compress` ignored).
//!
//! From discord-api-docs `events/gateway.mdx` and `topics/opcodes-and-status-codes.mdx`
//! (`chat-protocols.md` section 11 and its serenity notes): on connect, op 10 HELLO
//! `{"heartbeat_interval":N}`; op 1 heartbeats are answered with op 11; op 2 IDENTIFY
//! `{token, intents, properties, shard?}` is answered with op 0 READY `{v:10, user, guilds:
//! [{id, unavailable:true}], session_id, resume_gateway_url, shard, application{id, flags}}`
//! and one GUILD_CREATE per guild; dispatches are op 0 with an increasing `s`. A wrong token
//! is closed with 4004 "Authentication failed.", a privileged intent not switched on with
//! 4014 "Disallowed intent(s).". After a resumable close (4000 "Unknown error", or a dropped
//! connection) op 6 RESUME `{token, session_id, seq}` replays the dispatches after `seq`, then
//! RESUMED; an unknown session gets op 9 INVALID_SESSION `false`. serenity sends `Bot <token>`
//! in IDENTIFY and RESUME and resumes on the URL it first used.

use std::sync::Arc;
use std::time::Instant;

use futures_util::{SinkExt, StreamExt};
use serde_json::{Value, json};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::mpsc;
use tokio::task::AbortHandle;
use tokio_tungstenite::tungstenite::Message;
use tokio_tungstenite::tungstenite::protocol::CloseFrame;
use tokio_tungstenite::tungstenite::protocol::frame::coding::CloseCode;

use super::guild::FakeMember;
use super::state::State;
use super::users::{application_flags, current_user_json};
use super::{
    APPLICATION_ID, FakeDiscord, GUILD_ID, INTENT_GUILD_MEMBERS, INTENT_GUILD_PRESENCES,
    INTENT_MESSAGE_CONTENT, Inner,
};

/// An IDENTIFY the bot sent.
#[derive(Debug, Clone)]
pub struct Identify {
    /// The connection's number (1 for the first).
    pub connection: u64,
    /// The token as sent (serenity: `Bot <token>`).
    pub token: String,
    /// The intents asked for.
    pub intents: u64,
    /// The whole `d`.
    pub payload: Value,
    /// When it arrived.
    pub at: Instant,
}

/// A RESUME the bot sent.
#[derive(Debug, Clone)]
pub struct Resume {
    /// The connection's number.
    pub connection: u64,
    /// The token as sent.
    pub token: String,
    /// The session resumed.
    pub session_id: String,
    /// The last sequence number the bot saw.
    pub seq: u64,
    /// Whether the fake accepted it (and replayed).
    pub accepted: bool,
    /// When it arrived.
    pub at: Instant,
}

/// A frame the bot sent over the gateway.
#[derive(Debug, Clone)]
pub struct GatewayFrame {
    /// The connection's number.
    pub connection: u64,
    /// Its opcode.
    pub op: Option<u64>,
    /// The frame parsed (`Null` when not JSON).
    pub json: Value,
    /// When it arrived.
    pub at: Instant,
}

#[derive(Debug)]
enum Outgoing {
    Text(String),
    Close(u16, String),
    Drop,
}

#[derive(Debug)]
struct Connection {
    number: u64,
    sender: mpsc::UnboundedSender<Outgoing>,
    open: bool,
}

#[derive(Debug)]
struct Session {
    id: String,
    seq: u64,
    /// Every dispatch of the session, `(s, frame)`, for replay on RESUME.
    events: Vec<(u64, String)>,
    /// The connection it is attached to, if any.
    connection: Option<u64>,
}

/// The gateway part of the fake's state.
#[derive(Debug)]
pub(super) struct GatewayState {
    pub url: String,
    pub heartbeat_interval: u64,
    pub tasks: Vec<AbortHandle>,
    pub frames: Vec<GatewayFrame>,
    identifies: Vec<Identify>,
    resumes: Vec<Resume>,
    heartbeats: usize,
    connections: Vec<Connection>,
    closes: Vec<(u64, u16)>,
    session: Option<Session>,
    sessions_started: u64,
}

impl GatewayState {
    pub fn new(url: String) -> Self {
        Self {
            url,
            heartbeat_interval: super::HEARTBEAT_INTERVAL_MS,
            tasks: Vec::new(),
            frames: Vec::new(),
            identifies: Vec::new(),
            resumes: Vec::new(),
            heartbeats: 0,
            connections: Vec::new(),
            closes: Vec::new(),
            session: None,
            sessions_started: 0,
        }
    }

    fn send(&self, connection: u64, message: Outgoing) {
        if let Some(c) = self
            .connections
            .iter()
            .find(|c| c.number == connection && c.open)
        {
            // The connection may be closing; nothing to do then.
            let _ = c.sender.send(message);
        }
    }

    /// Sends op 0 `name` with the next `s` to the session's connection, keeping it for replay.
    fn dispatch(&mut self, name: &str, data: Value) -> u64 {
        let Some(session) = self.session.as_mut() else {
            panic!("fake Discord: no gateway session to dispatch {name} in (wait_for_ready first)");
        };
        session.seq += 1;
        let seq = session.seq;
        let frame = json!({"op": 0, "s": seq, "t": name, "d": data}).to_string();
        session.events.push((seq, frame.clone()));
        if let Some(connection) = session.connection {
            self.send(connection, Outgoing::Text(frame));
        }
        seq
    }

    fn describe(&self) -> String {
        let open: Vec<u64> = self
            .connections
            .iter()
            .filter(|c| c.open)
            .map(|c| c.number)
            .collect();
        let mut out = format!(
            "{} connection(s), open {open:?}, closes {:?}, {} identify(s), {} resume(s), {} heartbeat(s), session {:?}; frames from the bot:",
            self.connections.len(),
            self.closes,
            self.identifies.len(),
            self.resumes.len(),
            self.heartbeats,
            self.session.as_ref().map(|s| (&s.id, s.seq, s.connection)),
        );
        if self.frames.is_empty() {
            out.push_str(" none");
        }
        for frame in &self.frames {
            out.push_str(&format!(
                "\n  on connection {}: {}",
                frame.connection,
                super::shorten(&frame.json.to_string(), 200)
            ));
        }
        out
    }
}

/// Accepts gateway connections until the fake is dropped.
pub(super) async fn accept_loop(listener: TcpListener, inner: Arc<Inner>) {
    while let Ok((stream, _)) = listener.accept().await {
        let task = tokio::spawn(serve_connection(stream, inner.clone()));
        inner.lock().gateway.tasks.push(task.abort_handle());
    }
}

async fn serve_connection(stream: TcpStream, inner: Arc<Inner>) {
    let Ok(socket) = tokio_tungstenite::accept_async(stream).await else {
        return;
    };
    let (sender, mut outgoing) = mpsc::unbounded_channel();
    let (number, hello) = inner.change(|state| {
        let gateway = &mut state.gateway;
        let number = gateway.connections.len() as u64 + 1;
        gateway.connections.push(Connection { number, sender, open: true });
        let hello = json!({"op": 10, "s": null, "t": null, "d": {"heartbeat_interval": gateway.heartbeat_interval, "_trace": ["[\"fake-gateway\",{\"micros\":0}]"]}});
        (number, hello)
    });
    let (mut sink, mut incoming) = socket.split();
    if sink.send(Message::text(hello.to_string())).await.is_ok() {
        loop {
            tokio::select! {
                frame = incoming.next() => match frame {
                    Some(Ok(Message::Text(text))) => on_frame(&inner, number, text.as_str()),
                    Some(Ok(Message::Close(frame))) => {
                        let code = frame.map_or(1005, |f| u16::from(f.code));
                        inner.change(|state| state.gateway.closes.push((number, code)));
                        break;
                    }
                    Some(Err(_)) | None => break,
                    Some(Ok(_)) => {}
                },
                command = outgoing.recv() => match command {
                    Some(Outgoing::Text(text)) => {
                        if sink.send(Message::text(text)).await.is_err() {
                            break;
                        }
                    }
                    Some(Outgoing::Close(code, reason)) => {
                        let frame = CloseFrame { code: CloseCode::from(code), reason: reason.into() };
                        // Best effort: the bot may already be gone.
                        let _ = sink.send(Message::Close(Some(frame))).await;
                        let _ = sink.flush().await;
                        break;
                    }
                    Some(Outgoing::Drop) | None => break,
                },
            }
        }
    }
    inner.change(|state| {
        let gateway = &mut state.gateway;
        for c in gateway
            .connections
            .iter_mut()
            .filter(|c| c.number == number)
        {
            c.open = false;
        }
        if let Some(session) = gateway.session.as_mut()
            && session.connection == Some(number)
        {
            session.connection = None;
        }
    });
}

/// Handles one text frame from the bot.
fn on_frame(inner: &Inner, number: u64, text: &str) {
    let json: Value = serde_json::from_str(text).unwrap_or(Value::Null);
    let op = json["op"].as_u64();
    inner.change(|state| {
        state.gateway.frames.push(GatewayFrame {
            connection: number,
            op,
            json: json.clone(),
            at: Instant::now(),
        });
        let d = &json["d"];
        match op {
            Some(1) => {
                state.gateway.heartbeats += 1;
                let ack = json!({"op": 11, "s": null, "t": null, "d": null}).to_string();
                state.gateway.send(number, Outgoing::Text(ack));
            }
            Some(2) => identify(state, number, d),
            Some(6) => resume(state, number, d),
            _ => {}
        }
    });
}

fn token_ok(state: &State, token: &str) -> bool {
    token.strip_prefix("Bot ").unwrap_or(token) == state.bot_token
}

fn identify(state: &mut State, number: u64, d: &Value) {
    let token = d["token"].as_str().unwrap_or_default().to_owned();
    let intents = d["intents"].as_u64().unwrap_or(0);
    state.gateway.identifies.push(Identify {
        connection: number,
        token: token.clone(),
        intents,
        payload: d.clone(),
        at: Instant::now(),
    });
    if !token_ok(state, &token) {
        state.gateway.send(
            number,
            Outgoing::Close(4004, "Authentication failed.".into()),
        );
        return;
    }
    let privileged = INTENT_GUILD_MEMBERS | INTENT_GUILD_PRESENCES | INTENT_MESSAGE_CONTENT;
    if intents & privileged & !state.privileged_intents != 0 {
        state.gateway.send(
            number,
            Outgoing::Close(4014, "Disallowed intent(s).".into()),
        );
        return;
    }
    state.gateway.sessions_started += 1;
    let session_id = format!(
        "{:032x}",
        0x5e55_1000_u128 + u128::from(state.gateway.sessions_started)
    );
    state.gateway.session = Some(Session {
        id: session_id.clone(),
        seq: 0,
        events: Vec::new(),
        connection: Some(number),
    });
    let shard = d
        .get("shard")
        .cloned()
        .filter(|s| s.is_array())
        .unwrap_or(json!([0, 1]));
    let ready = json!({
        "v": 10,
        "user": current_user_json(),
        "guilds": [{"id": GUILD_ID, "unavailable": true}],
        "session_id": session_id,
        "resume_gateway_url": state.gateway.url,
        "shard": shard,
        "application": {"id": APPLICATION_ID, "flags": application_flags(state)},
        "private_channels": [],
        "presences": [],
        "relationships": [],
        "user_settings": {},
        "guild_join_requests": [],
        "geo_ordered_rtc_regions": ["fake"],
        "auth": {},
        "_trace": ["[\"fake-gateway\",{\"micros\":0}]"],
    });
    state.gateway.dispatch("READY", ready);
    let guild = state.guild.create_event_json();
    state.gateway.dispatch("GUILD_CREATE", guild);
}

fn resume(state: &mut State, number: u64, d: &Value) {
    let token = d["token"].as_str().unwrap_or_default().to_owned();
    let session_id = d["session_id"].as_str().unwrap_or_default().to_owned();
    let seq = d["seq"].as_u64().unwrap_or(0);
    let matches = token_ok(state, &token)
        && state
            .gateway
            .session
            .as_ref()
            .is_some_and(|s| s.id == session_id);
    state.gateway.resumes.push(Resume {
        connection: number,
        token,
        session_id,
        seq,
        accepted: matches,
        at: Instant::now(),
    });
    if !matches {
        let invalid = json!({"op": 9, "s": null, "t": null, "d": false}).to_string();
        state.gateway.send(number, Outgoing::Text(invalid));
        return;
    }
    let replay: Vec<String> = {
        let session = state
            .gateway
            .session
            .as_mut()
            .expect("the session just matched");
        session.connection = Some(number);
        session
            .events
            .iter()
            .filter(|(s, _)| *s > seq)
            .map(|(_, f)| f.clone())
            .collect()
    };
    for frame in replay {
        state.gateway.send(number, Outgoing::Text(frame));
    }
    state.gateway.dispatch(
        "RESUMED",
        json!({"_trace": ["[\"fake-gateway\",{\"micros\":0}]"]}),
    );
}

impl FakeDiscord {
    /// Sends op 0 `name` with `data` and the next `s` on the gateway session; kept for replay,
    /// so one sent while the bot is reconnecting arrives after its RESUME. Returns the `s`.
    /// Panics when no session was ever identified.
    pub fn dispatch(&self, name: &str, data: Value) -> u64 {
        self.inner
            .change(|state| state.gateway.dispatch(name, data))
    }

    /// Dispatches INTERACTION_CREATE with `payload` (built by [`super::DiscordClient`]).
    pub fn interaction(&self, payload: &Value) -> u64 {
        self.dispatch("INTERACTION_CREATE", payload.clone())
    }

    /// A newcomer: adds `member` to the guild and dispatches GUILD_MEMBER_ADD (the Guild
    /// Member object with `guild_id`).
    pub fn member_joins(&self, member: &FakeMember) -> u64 {
        self.inner.change(|state| {
            state.put_member(member.clone());
            let mut data = member.member_json();
            data["guild_id"] = json!(GUILD_ID);
            state.gateway.dispatch("GUILD_MEMBER_ADD", data)
        })
    }

    /// A member leaves: removed from the guild, GUILD_MEMBER_REMOVE `{guild_id, user}`.
    pub fn member_leaves(&self, member: &FakeMember) -> u64 {
        self.inner.change(|state| {
            state.guild.members.retain(|m| m.user_id != member.user_id);
            let data = json!({"guild_id": GUILD_ID, "user": member.user_json()});
            state.gateway.dispatch("GUILD_MEMBER_REMOVE", data)
        })
    }

    /// Closes the session's connection with 4000 (resumable): the bot should RESUME.
    pub fn close_resumable(&self) {
        self.close_with(4000, "Unknown error");
    }

    /// Closes the session's connection with `code` and `reason`.
    pub fn close_with(&self, code: u16, reason: &str) {
        self.inner.change(|state| {
            let connection = state
                .gateway
                .session
                .as_mut()
                .and_then(|s| s.connection.take());
            if let Some(connection) = connection {
                state
                    .gateway
                    .send(connection, Outgoing::Close(code, reason.to_owned()));
            }
        });
    }

    /// Drops the session's TCP connection without a close frame (a network failure).
    pub fn drop_connection(&self) {
        self.inner.change(|state| {
            let connection = state
                .gateway
                .session
                .as_mut()
                .and_then(|s| s.connection.take());
            if let Some(connection) = connection {
                state.gateway.send(connection, Outgoing::Drop);
            }
        });
    }

    /// Sends op 7 RECONNECT on the session's connection (the bot should reconnect and resume).
    pub fn request_reconnect(&self) {
        self.inner.change(|state| {
            if let Some(connection) = state.gateway.session.as_ref().and_then(|s| s.connection) {
                let frame = json!({"op": 7, "s": null, "t": null, "d": null}).to_string();
                state.gateway.send(connection, Outgoing::Text(frame));
            }
        });
    }

    /// Every IDENTIFY, in order.
    pub fn identifies(&self) -> Vec<Identify> {
        self.inner.lock().gateway.identifies.clone()
    }

    /// Every RESUME, in order.
    pub fn resumes(&self) -> Vec<Resume> {
        self.inner.lock().gateway.resumes.clone()
    }

    /// Every frame the bot sent over the gateway, in order.
    pub fn gateway_frames(&self) -> Vec<GatewayFrame> {
        self.inner.lock().gateway.frames.clone()
    }

    /// How many heartbeats the bot sent.
    pub fn heartbeats(&self) -> usize {
        self.inner.lock().gateway.heartbeats
    }

    /// How many gateway connections the bot opened in all.
    pub fn gateway_connections(&self) -> usize {
        self.inner.lock().gateway.connections.len()
    }

    /// The close codes the bot sent, as `(connection, code)`.
    pub fn gateway_closes_from_bot(&self) -> Vec<(u64, u16)> {
        self.inner.lock().gateway.closes.clone()
    }

    /// The current session's id and last `s`, if one was identified.
    pub fn session(&self) -> Option<(String, u64)> {
        let state = self.inner.lock();
        state
            .gateway
            .session
            .as_ref()
            .map(|s| (s.id.clone(), s.seq))
    }

    /// Waits until the bot has sent at least `n` IDENTIFYs and returns them.
    pub async fn wait_for_identifies(&self, n: usize) -> Vec<Identify> {
        let what = format!("{n} IDENTIFY(s)");
        self.inner
            .wait_until(
                &what,
                |state| {
                    (state.gateway.identifies.len() >= n).then(|| state.gateway.identifies.clone())
                },
                |state| state.gateway.describe(),
            )
            .await
    }

    /// Waits until a session is attached to an open connection (READY sent, or a RESUME
    /// accepted) and returns its id.
    pub async fn wait_for_ready(&self) -> String {
        self.inner
            .wait_until(
                "a gateway session (IDENTIFY accepted and READY sent)",
                |state| {
                    let session = state.gateway.session.as_ref()?;
                    session.connection.map(|_| session.id.clone())
                },
                |state| state.gateway.describe(),
            )
            .await
    }

    /// Waits until the bot has sent at least `n` RESUMEs and returns them.
    pub async fn wait_for_resumes(&self, n: usize) -> Vec<Resume> {
        let what = format!("{n} RESUME(s)");
        self.inner
            .wait_until(
                &what,
                |state| (state.gateway.resumes.len() >= n).then(|| state.gateway.resumes.clone()),
                |state| state.gateway.describe(),
            )
            .await
    }

    /// Waits until the bot has sent at least `n` heartbeats.
    pub async fn wait_for_heartbeats(&self, n: usize) {
        let what = format!("{n} heartbeat(s)");
        self.inner
            .wait_until(
                &what,
                |state| (state.gateway.heartbeats >= n).then_some(()),
                |state| state.gateway.describe(),
            )
            .await;
    }

    /// Waits until the bot closed gateway connection(s) or they dropped: no connection open.
    pub async fn wait_for_gateway_closed(&self) {
        self.inner
            .wait_until(
                "every gateway connection closed",
                |state| {
                    state
                        .gateway
                        .connections
                        .iter()
                        .all(|c| !c.open)
                        .then_some(())
                },
                |state| state.gateway.describe(),
            )
            .await;
    }
}
