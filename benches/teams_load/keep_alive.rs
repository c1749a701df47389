//! One keep-alive HTTP/1.1 connection of a load generator, shared by the Teams and Discord
//! load benches: it sends the next request as soon as the previous one is answered, until
//! `until`, and reports each request sent from `measure_from` on.

use std::net::SocketAddr;
use std::time::{Duration, Instant};

use axum::body::Bytes;
use http_body_util::{BodyExt, Full};
use hyper::Request;
use hyper::client::conn::http1;
use hyper_util::rt::TokioIo;
use tokio::net::TcpStream;

/// What one measured request got.
pub enum Outcome {
    /// An HTTP answer: its status, body and the time from sending to the whole body.
    Answered {
        /// The status code.
        status: u16,
        /// The body.
        #[allow(
            dead_code,
            reason = "the Teams bench does not read the answers' bodies"
        )]
        body: Bytes,
        /// Sending to the end of the body.
        latency: Duration,
    },
    /// No answer: the connection could not be opened or broke.
    Failed,
}

/// Runs one connection. `next` builds the next request and what the caller wants to know
/// about it again; `seen` hears how each measured one went, with that.
pub async fn keep_busy<T>(
    addr: SocketAddr,
    index: u64,
    measure_from: Instant,
    until: Instant,
    mut next: impl FnMut() -> anyhow::Result<(Request<Full<Bytes>>, T)>,
    mut seen: impl FnMut(Outcome, T),
) -> anyhow::Result<()> {
    let mut sender = None;
    // Spread the first requests a little so the connections do not all start in lockstep.
    tokio::time::sleep(Duration::from_micros(index * 50)).await;
    loop {
        let started = Instant::now();
        if started >= until {
            return Ok(());
        }
        let measuring = started >= measure_from;
        let mut send = match sender.take() {
            Some(s) => s,
            None => match open(addr).await {
                Ok(s) => s,
                Err(e) => {
                    eprintln!("could not connect: {e}");
                    if measuring {
                        let (_, context) = next()?;
                        seen(Outcome::Failed, context);
                    }
                    tokio::time::sleep(Duration::from_millis(10)).await;
                    continue;
                }
            },
        };
        let (request, context) = next()?;
        let started = Instant::now();
        let answer = async {
            let response = send.send_request(request).await?;
            let status = response.status().as_u16();
            // The whole body is read, so the connection is ready for the next request.
            let body = response.into_body().collect().await?.to_bytes();
            Ok::<(u16, Bytes), hyper::Error>((status, body))
        }
        .await;
        let latency = started.elapsed();
        match answer {
            Ok((status, body)) => {
                if measuring {
                    seen(
                        Outcome::Answered {
                            status,
                            body,
                            latency,
                        },
                        context,
                    );
                }
                sender = Some(send);
            }
            Err(e) => {
                eprintln!("request failed: {e}");
                if measuring {
                    seen(Outcome::Failed, context);
                }
            }
        }
    }
}

async fn open(addr: SocketAddr) -> anyhow::Result<http1::SendRequest<Full<Bytes>>> {
    let stream = TcpStream::connect(addr).await?;
    stream.set_nodelay(true)?;
    let (sender, conn) = http1::handshake(TokioIo::new(stream)).await?;
    tokio::spawn(async move {
        let _ = conn.await;
    });
    Ok(sender)
}

/// Microseconds, saturating, for latency lists.
pub fn micros(latency: Duration) -> u32 {
    latency.as_micros().min(u32::MAX as u128) as u32
}
