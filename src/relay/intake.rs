//! Storing verified requests before they are acknowledged, with group commit.
//!
//! Platforms want an answer within seconds (Slack: 3) and we promise never to lose an
//! acknowledged request, so each request is written to the inbox first. One task owns those
//! writes and takes every request that arrived while the previous insert ran, so under load many
//! acknowledgements share one statement instead of queueing for the database one by one. A
//! second task then makes the committed groups durable ([`Store::make_durable`]: one fsync of
//! SQLite's log, however many groups are waiting) and only then answers them; meanwhile the
//! first task is already inserting the next group. Every adapter's edge stores through the one
//! writer of its process.

use tokio::sync::{mpsc, oneshot, watch};

use crate::core::clock::Clock;
use crate::store::{NewInboxItem, Store};

/// Where a request's outcome goes: `Ok(false)` when it was stored before.
type Reply = oneshot::Sender<Result<bool, String>>;

/// Stores inbox items with group commit: one task owns the writes and takes every request
/// that arrived while the previous insert ran.
#[derive(Clone)]
pub struct InboxWriter {
    tx: mpsc::Sender<(NewInboxItem, Reply)>,
    stored: watch::Receiver<u64>,
}

/// Most requests in one insert.
const GROUP_LIMIT: usize = 512;

/// Most committed groups made durable by one fsync.
const DURABLE_LIMIT: usize = 256;

impl InboxWriter {
    /// Starts the writer task and the task that makes its commits durable.
    pub fn start(store: Store, clock: std::sync::Arc<dyn Clock>) -> InboxWriter {
        let (tx, mut rx) = mpsc::channel::<(NewInboxItem, Reply)>(8192);
        let (committed, committed_rx) = mpsc::unbounded_channel::<Vec<(Reply, bool)>>();
        let (stored_tx, stored) = watch::channel(0u64);
        tokio::spawn(acknowledge_when_durable(
            store.clone(),
            committed_rx,
            stored_tx,
        ));
        tokio::spawn(async move {
            let mut batch = Vec::with_capacity(GROUP_LIMIT);
            while rx.recv_many(&mut batch, GROUP_LIMIT).await > 0 {
                let (items, replies): (Vec<_>, Vec<_>) =
                    std::mem::take(&mut batch).into_iter().unzip();
                let result = store.inbox_insert_many(&items, clock.now()).await;
                match result {
                    Ok(news) => {
                        let _ = committed.send(replies.into_iter().zip(news).collect());
                    }
                    Err(e) => {
                        let e: String = e.to_string();
                        for reply in replies {
                            let _ = reply.send(Err(e.clone()));
                        }
                    }
                }
            }
        });
        InboxWriter { tx, stored }
    }

    /// Stores one item, waiting for its transaction to commit and reach the disk.
    /// `Ok(false)`: seen before.
    pub async fn store(&self, item: NewInboxItem) -> anyhow::Result<bool> {
        let (reply, answer) = oneshot::channel();
        self.tx
            .send((item, reply))
            .await
            .map_err(|_| anyhow::anyhow!("the inbox writer stopped"))?;
        answer
            .await
            .map_err(|_| anyhow::anyhow!("the inbox writer stopped"))?
            .map_err(|e| anyhow::anyhow!("the inbox could not be written: {e}"))
    }

    /// How many requests were stored since start, changing as they are: the inbox workers wait
    /// on it, and measure from it how busy intake is.
    pub fn stored(&self) -> watch::Receiver<u64> {
        self.stored.clone()
    }
}

/// Answers committed groups once a sync after their commit has finished: every group that
/// committed while the previous sync ran shares the next one.
async fn acknowledge_when_durable(
    store: Store,
    mut committed: mpsc::UnboundedReceiver<Vec<(Reply, bool)>>,
    stored: watch::Sender<u64>,
) {
    let mut groups = Vec::with_capacity(DURABLE_LIMIT);
    while committed.recv_many(&mut groups, DURABLE_LIMIT).await > 0 {
        let durable = store.make_durable().await.map_err(|e| {
            // The rows are committed and will be processed; the platform retries the requests
            // and their retries are recognised as already stored.
            tracing::error!(error = %e, "the inbox could not be synced to disk");
            format!("the inbox could not be synced to disk: {e}")
        });
        let mut count = 0u64;
        for group in groups.drain(..) {
            count += group.len() as u64;
            for (reply, new) in group {
                let _ = reply.send(durable.clone().map(|()| new));
            }
        }
        stored.send_modify(|n| *n += count);
    }
}
