//! The durable jobs the bot's work is made of: their kinds, and the one a use case schedules
//! itself (closing a round it created). The scheduler runs them; the bot decides what they are.

use chrono::{DateTime, Utc};

use crate::store::NewJob;

/// The job kind that posts a narrative moment.
pub const NARRATIVE_MOMENT: &str = "narrative-moment";
/// The job kind that creates a pulse round (its deliveries then go out at local times).
pub const PULSE_ROUND: &str = "pulse-round";
/// The job kind that closes a pulse round.
pub const PULSE_CLOSE: &str = "pulse-close";
/// The job kind that plans the week's digests (one per manager, at their local time).
pub const DIGEST_PLAN: &str = "digest-plan";
/// The job kind that sends one manager their digest.
pub const DIGEST_SEND: &str = "digest-send";

/// Schedules the job that closes `round` when its answer window ends.
pub async fn schedule_round_close(
    store: &dyn crate::store::Db,
    round: &crate::store::RoundRecord,
    now: DateTime<Utc>,
) -> anyhow::Result<()> {
    let job = NewJob {
        org: round.org,
        kind: PULSE_CLOSE.into(),
        key: format!("{PULSE_CLOSE}:{}", round.id),
        due_at: round.closes_at,
        payload: round.id.to_string(),
    };
    store.schedule_job(&job, now).await?;
    Ok(())
}
