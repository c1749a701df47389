//! Storing verified Slack requests before they are acknowledged, with group commit.
//!
//! Slack wants an answer within 3 seconds and we promise never to lose an acknowledged
//! request, so each request is written to the inbox first. One task owns those writes and
//! takes every request that arrived while the previous insert ran, so under load many
//! acknowledgements share one statement instead of queueing for the database one by one. A
//! second task then makes the committed groups durable ([`Store::make_durable`]: one fsync of
//! SQLite's log, however many groups are waiting) and only then answers them; meanwhile the
//! first task is already inserting the next group. The HTTP routes and Socket Mode both store
//! through it.
//!
//! [`Store::make_durable`]: crate::store::Store::make_durable

use tokio::sync::{mpsc, oneshot};

use super::SlackPlatform;
use crate::store::NewInboxItem;

/// Where a request's outcome goes: `Ok(false)` when it was stored before.
type Reply = oneshot::Sender<Result<bool, String>>;

/// Stores inbox items with group commit: one task owns the writes and takes every request
/// that arrived while the previous insert ran.
#[derive(Clone)]
pub struct InboxWriter {
    tx: mpsc::Sender<(NewInboxItem, Reply)>,
}

/// Most requests in one insert.
const GROUP_LIMIT: usize = 512;

/// Most committed groups made durable by one fsync.
const DURABLE_LIMIT: usize = 256;

impl InboxWriter {
    /// Starts the writer task and the task that makes its commits durable.
    pub fn start(slack: SlackPlatform) -> InboxWriter {
        let (tx, mut rx) = mpsc::channel::<(NewInboxItem, Reply)>(8192);
        let (committed, committed_rx) = mpsc::unbounded_channel::<Vec<(Reply, bool)>>();
        tokio::spawn(acknowledge_when_durable(slack.clone(), committed_rx));
        tokio::spawn(async move {
            let mut batch = Vec::with_capacity(GROUP_LIMIT);
            while rx.recv_many(&mut batch, GROUP_LIMIT).await > 0 {
                let (items, replies): (Vec<_>, Vec<_>) =
                    std::mem::take(&mut batch).into_iter().unzip();
                let result = slack.store().inbox_insert_many(&items, slack.now()).await;
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
        InboxWriter { tx }
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
}

/// Answers committed groups once a sync after their commit has finished: every group that
/// committed while the previous sync ran shares the next one.
async fn acknowledge_when_durable(
    slack: SlackPlatform,
    mut committed: mpsc::UnboundedReceiver<Vec<(Reply, bool)>>,
) {
    let mut groups = Vec::with_capacity(DURABLE_LIMIT);
    while committed.recv_many(&mut groups, DURABLE_LIMIT).await > 0 {
        let durable = slack.store().make_durable().await.map_err(|e| {
            // The rows are committed and will be processed; Slack retries the requests and
            // their retries are recognised as already stored.
            tracing::error!(error = %e, "the Slack inbox could not be synced to disk");
            format!("the inbox could not be synced to disk: {e}")
        });
        let mut stored = 0;
        for group in groups.drain(..) {
            stored += group.len();
            for (reply, new) in group {
                let _ = reply.send(durable.clone().map(|()| new));
            }
        }
        slack.inbox_stored(stored);
    }
}
