//! Storing verified Slack requests before they are acknowledged, with group commit.
//!
//! Slack wants an answer within 3 seconds and we promise never to lose an acknowledged
//! request, so each request is written to the inbox first. One task owns those writes and
//! takes every request that arrived while the previous transaction ran, so under load many
//! acknowledgements share one commit instead of queueing for the database one by one. The
//! HTTP routes and Socket Mode both store through it.

use tokio::sync::{mpsc, oneshot};

use super::SlackPlatform;
use crate::store::NewInboxItem;

/// Stores inbox items with group commit: one task owns the writes and takes every request
/// that arrived while the previous transaction ran.
#[derive(Clone)]
pub struct InboxWriter {
    tx: mpsc::Sender<(NewInboxItem, oneshot::Sender<Result<bool, String>>)>,
}

/// Most requests in one transaction.
const GROUP_LIMIT: usize = 512;

impl InboxWriter {
    /// Starts the writer task.
    pub fn start(slack: SlackPlatform) -> InboxWriter {
        let (tx, mut rx) =
            mpsc::channel::<(NewInboxItem, oneshot::Sender<Result<bool, String>>)>(8192);
        tokio::spawn(async move {
            let mut batch = Vec::with_capacity(GROUP_LIMIT);
            while rx.recv_many(&mut batch, GROUP_LIMIT).await > 0 {
                let (items, replies): (Vec<_>, Vec<_>) =
                    std::mem::take(&mut batch).into_iter().unzip();
                let result = slack.store().inbox_insert_many(&items, slack.now()).await;
                match result {
                    Ok(news) => {
                        for (reply, new) in replies.into_iter().zip(news) {
                            let _ = reply.send(Ok(new));
                        }
                        slack.inbox_stored();
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

    /// Stores one item, waiting for its transaction to commit. `Ok(false)`: seen before.
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
