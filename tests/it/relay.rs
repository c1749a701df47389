//! Each request committed once: a worker that dies at any point leaves either nothing or
//! everything, so a request redone after its lease runs out never gives twice and never
//! queues a message twice; only a call in flight at the instant of a crash can go out twice.
//!
//! The requests here are stored in the relay's inbox and processed by its real worker, through
//! an adapter written for the test (commands typed by the demo company's people, answered by
//! direct message through the console's courier). A crash is a panic inside the worker: its
//! unit of work is dropped uncommitted, exactly as when the process dies, and its claim stays
//! until the lease runs out.

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use ambassador::bot::{Bot, ChatPlatform};
use ambassador::core::clock::{Clock, ManualClock};
use ambassador::core::invocation::{Capabilities, Input, Invocation, LOCAL_ORG, LOCAL_PLATFORM};
use ambassador::core::message::Message;
use ambassador::core::outbound::{Answer, Destination};
use ambassador::platform::console::ConsolePlatform;
use ambassador::relay::inbox::{LEASE_SECONDS, Pace, process_due};
use ambassador::relay::outbox::{Pacer, deliver_due};
use ambassador::relay::{Courier, Failure, Intake};
use ambassador::store::prelude::*;
use ambassador::store::{InboxItem, NewInboxItem, OutboxItem, Store};
use async_trait::async_trait;
use chrono::Duration;

use crate::helpers::{Backend, TestConsole};
use crate::on_both_backends;

on_both_backends!(
    a_request_that_crashed_before_its_commit_is_redone_once,
    a_crash_in_a_batch_keeps_none_of_it_and_the_redo_keeps_all_of_it_once,
    a_crash_between_sending_and_marking_sent_resends_only_that_call,
    a_failure_after_partial_work_undoes_it_before_saying_nothing_changed,
    one_failing_request_in_a_unit_is_undone_alone,
);

/// An adapter for the test: a stored request is `handle<TAB>command`, and the answer goes to
/// the person as a direct message. It panics after its work when told to, as if the process
/// died before the relay committed.
struct Typed {
    bot: Bot,
    platform: Arc<ConsolePlatform>,
    /// Panics in `apply` on the request with this many applies before it (counting from 1).
    crash_on: AtomicUsize,
    applied: AtomicUsize,
}

#[async_trait]
impl Intake for Typed {
    type Prepared = (String, String);

    fn platform(&self) -> &'static str {
        LOCAL_PLATFORM.as_str()
    }

    async fn prepare(&self, item: &InboxItem) -> anyhow::Result<(String, String)> {
        let (who, text) = item
            .body
            .split_once('\t')
            .ok_or_else(|| anyhow::anyhow!("not a typed request"))?;
        Ok((who.to_string(), text.to_string()))
    }

    async fn apply(
        &self,
        item: &InboxItem,
        (who, text): (String, String),
        unit: &Store,
    ) -> anyhow::Result<()> {
        let bot = self.bot.within(Arc::new(unit.clone()));
        // As a real adapter does: a passing failure goes back to the relay to be retried.
        let answer = bot
            .handle_or_retry(Invocation {
                platform: LOCAL_PLATFORM,
                platform_org_id: LOCAL_ORG.into(),
                actor: who.clone(),
                input: Input::Command(text),
                request_id: Some(format!("typed:{}", item.id)),
                capabilities: Capabilities::NONE,
            })
            .await?;
        let Answer::Reply(reply) = answer else {
            anyhow::bail!("a typed command gets a reply");
        };
        let org = bot
            .db()
            .find_org(LOCAL_PLATFORM.as_str(), LOCAL_ORG)
            .await?
            .ok_or_else(|| anyhow::anyhow!("no local org"))?;
        let to = Destination::Direct {
            platform_user_id: who.clone(),
            display_name: who,
        };
        unit.queue_outbound(&self.platform.render(&org, &to, &reply, bot.now()))
            .await?;
        let n = self.applied.fetch_add(1, Ordering::SeqCst) + 1;
        if n == self.crash_on.load(Ordering::SeqCst) {
            panic!("simulated crash after the work of request {}", item.id);
        }
        Ok(())
    }
}

struct Rig {
    c: TestConsole,
    clock: Arc<ManualClock>,
    intake: Arc<Typed>,
    platform: Arc<ConsolePlatform>,
}

impl Rig {
    async fn new(backend: Backend) -> Rig {
        let c = TestConsole::demo(backend).await;
        let clock = Arc::new(ManualClock::new(crate::helpers::test_start()));
        let platform = Arc::new(ConsolePlatform::default());
        let bot = ambassador::app::build_bot(
            c.store.clone(),
            Arc::new(c.bot.config().clone()),
            clock.clone(),
            ambassador::bot::Platforms::default().with(platform.clone()),
        )
        .expect("bot");
        let intake = Arc::new(Typed {
            bot,
            platform: platform.clone(),
            crash_on: AtomicUsize::new(0),
            applied: AtomicUsize::new(0),
        });
        Rig {
            c,
            clock,
            intake,
            platform,
        }
    }

    async fn store_requests(&self, requests: &[(&str, &str)]) {
        let items: Vec<NewInboxItem> = requests
            .iter()
            .enumerate()
            .map(|(i, (who, text))| NewInboxItem {
                platform: LOCAL_PLATFORM.as_str(),
                org_key: LOCAL_ORG.into(),
                kind: "typed".into(),
                dedupe_key: format!("r{i}"),
                lane: Some((*who).into()),
                body: format!("{who}\t{text}"),
                held: false,
            })
            .collect();
        let new = self
            .c
            .store
            .inbox_insert_many(&items, self.clock.now())
            .await
            .expect("stored");
        assert!(new.iter().all(|n| *n));
    }

    /// One pass of the relay's inbox worker; `Err` when it crashed.
    async fn work(&self, pace: Pace) -> Result<usize, String> {
        let intake = self.intake.clone();
        let store = self.c.store.clone();
        let clock = self.clock.clone();
        tokio::spawn(
            async move { process_due(intake.as_ref(), &store, clock.as_ref(), pace).await },
        )
        .await
        .map_err(|e| format!("crashed: {e}"))?
        .map_err(|e| format!("{e:#}"))
    }

    /// Lets every lease run out, as time passes after a crash.
    fn after_the_lease(&self) {
        self.clock
            .set(self.clock.now() + Duration::seconds(LEASE_SECONDS + 1));
    }

    async fn pending(&self) -> i64 {
        self.c.store.inbox_pending().await.expect("pending")
    }

    async fn unsent(&self) -> i64 {
        self.c.store.outbox_unsent().await.expect("unsent")
    }

    /// Everything delivered by the relay's delivery worker through the console courier.
    async fn delivered(&self) -> Vec<(Destination, Message)> {
        crate::helpers::delivered(&self.c.store, &self.platform, self.clock.now()).await
    }
}

fn kudos_text(n: usize) -> String {
    format!("/kudos @marcus fixed customer order number {n} the same afternoon #ownership")
}

async fn a_request_that_crashed_before_its_commit_is_redone_once(backend: Backend) {
    let rig = Rig::new(backend).await;
    rig.store_requests(&[("ana", &kudos_text(1))]).await;
    rig.intake.crash_on.store(1, Ordering::SeqCst);

    // Arrange: the worker dies after the bot gave the kudos and queued its messages, before
    // the relay marked the request done and committed.
    let crashed = rig.work(Pace::QUIET).await;
    assert!(crashed.is_err(), "the worker crashed: {crashed:?}");
    assert_eq!(rig.c.kudos_count().await, 0, "nothing of its work was kept");
    assert_eq!(rig.unsent().await, 0, "no message was queued");
    assert_eq!(
        rig.pending().await,
        1,
        "the request waits for its lease to run out"
    );
    assert_eq!(
        rig.work(Pace::QUIET).await,
        Ok(0),
        "not before the lease runs out"
    );

    // Act: after the lease, the restarted worker takes it up again.
    rig.after_the_lease();
    assert_eq!(rig.work(Pace::QUIET).await, Ok(1));

    // Assert: one kudos, and each of its messages exactly once.
    assert_eq!(rig.pending().await, 0);
    assert_eq!(rig.c.kudos_count().await, 1);
    let sent = rig.delivered().await;
    let count = |pred: &dyn Fn(&Destination, &Message) -> bool| {
        sent.iter().filter(|(to, m)| pred(to, m)).count()
    };
    let to = |handle: &'static str| move |d: &Destination, _: &Message| matches!(d, Destination::Direct { platform_user_id, .. } if platform_user_id == handle);
    assert_eq!(count(&to("marcus")), 1, "Marcus is thanked once: {sent:?}");
    assert_eq!(
        count(&|d, _| matches!(d, Destination::Channel(c) if c == "kudos")),
        1,
        "one post in #kudos"
    );
    let replies: Vec<_> = sent
        .iter()
        .filter(|(d, _)| to("ana")(d, &Message::public(vec![])))
        .map(|(_, m)| m.plain_text())
        .filter(|t| t.contains("Marcus"))
        .collect();
    assert_eq!(
        replies.len(),
        1,
        "Ana hears once that it went to Marcus: {replies:?}"
    );
    assert_eq!(
        rig.work(Pace::QUIET).await,
        Ok(0),
        "nothing is left to redo"
    );
}

async fn a_crash_in_a_batch_keeps_none_of_it_and_the_redo_keeps_all_of_it_once(backend: Backend) {
    let rig = Rig::new(backend).await;
    // Five kudos of one person: one lane, one unit of work for the lot.
    let texts: Vec<String> = (1..=5).map(kudos_text).collect();
    let requests: Vec<(&str, &str)> = texts.iter().map(|t| ("ana", t.as_str())).collect();
    rig.store_requests(&requests).await;
    rig.intake.crash_on.store(4, Ordering::SeqCst);

    assert!(
        rig.work(Pace::QUIET).await.is_err(),
        "crashed on the fourth"
    );
    assert_eq!(
        rig.c.kudos_count().await,
        0,
        "the three before it are undone too"
    );
    assert_eq!(rig.unsent().await, 0);

    rig.after_the_lease();
    assert_eq!(rig.work(Pace::QUIET).await, Ok(5));
    assert_eq!(rig.pending().await, 0);
    assert_eq!(
        rig.c.kudos_count().await,
        5,
        "each request gave its kudos once (Ana's allowance is 5)"
    );
    let to_marcus = rig
        .delivered()
        .await
        .into_iter()
        .filter(|(d, _)| {
            matches!(d, Destination::Direct { platform_user_id, .. } if platform_user_id == "marcus")
        })
        .count();
    assert_eq!(to_marcus, 5, "one thank-you per kudos, none twice");
}

/// The courier for the test: the console's, which "crashes" once right after the platform
/// accepted a call and before the outbox marked it sent.
struct CrashingCourier {
    inner: Arc<ConsolePlatform>,
    crash_on: AtomicUsize,
    sent: AtomicUsize,
}

#[async_trait]
impl Courier for CrashingCourier {
    fn platform(&self) -> &'static str {
        LOCAL_PLATFORM.as_str()
    }

    fn calls_per_second(&self) -> u32 {
        1_000_000
    }

    async fn send(&self, item: &OutboxItem) -> Result<(), Failure> {
        self.inner.send(item).await?;
        let n = self.sent.fetch_add(1, Ordering::SeqCst) + 1;
        if n == self.crash_on.load(Ordering::SeqCst) {
            panic!(
                "simulated crash after the platform accepted call {}",
                item.id
            );
        }
        Ok(())
    }
}

async fn a_crash_between_sending_and_marking_sent_resends_only_that_call(backend: Backend) {
    let rig = Rig::new(backend).await;
    rig.store_requests(&[("ana", &kudos_text(1))]).await;
    assert_eq!(rig.work(Pace::QUIET).await, Ok(1));
    let queued = rig.unsent().await;
    assert!(queued >= 3, "a DM, a channel post and a reply: {queued}");
    let courier = Arc::new(CrashingCourier {
        inner: rig.platform.clone(),
        crash_on: AtomicUsize::new(2),
        sent: AtomicUsize::new(0),
    });
    let clock: Arc<dyn Clock> = rig.clock.clone();
    let (_keep, never) = tokio::sync::watch::channel(false);
    let run = {
        let (courier, store, clock, never) = (
            courier.clone(),
            rig.c.store.clone(),
            clock.clone(),
            never.clone(),
        );
        tokio::spawn(async move {
            let mut pacer = Pacer::new(1_000_000);
            deliver_due(&courier, &store, &clock, &mut pacer, &never).await
        })
    };
    // The org's sending task died with its calls claimed; the worker itself carries on.
    let _ = run.await;
    let before = rig.platform.drain();
    assert_eq!(
        before.len(),
        2,
        "two calls reached the platform before the crash"
    );

    // After the lease, the calls not marked sent go again: the one in flight and those after it.
    rig.clock
        .set(rig.clock.now() + Duration::seconds(ambassador::relay::outbox::LEASE_SECONDS + 1));
    let after = rig.delivered().await;
    assert_eq!(rig.unsent().await, 0);
    assert_eq!(
        before.len() + after.len(),
        queued as usize + 1,
        "exactly one call, the one in flight, went out twice"
    );
    assert!(
        after.contains(&before[1]),
        "the call in flight is the one resent"
    );
    assert!(
        !after.contains(&before[0]),
        "a call marked sent is never resent"
    );
}

/// A command that fails halfway (here: the database refuses the kudos' recipients) is undone
/// whole before the person is told that nothing was changed: not even the welcome that came
/// first is kept, so it is still true.
async fn a_failure_after_partial_work_undoes_it_before_saying_nothing_changed(backend: Backend) {
    let mut c = TestConsole::demo(backend).await;
    refuse_recipients_of_messages_containing(&c.store, "FAIL-ME").await;
    let before = c.person("chloe").await;
    assert!(!before.welcomed, "Chloe has not used the bot yet");
    let out = c
        .say_as(
            "chloe",
            "/kudos @marcus handled the FAIL-ME escalation for the customer #ownership",
        )
        .await;
    assert!(out.contains("nothing was changed"), "{out}");
    assert!(!out.contains("Welcome"), "no welcome went out: {out}");
    assert_eq!(c.kudos_count().await, 0);
    assert!(
        !c.person("chloe").await.welcomed,
        "the welcome mark was undone with the rest"
    );
    // It works the next time, with the welcome then.
    let out = c
        .say("/kudos @marcus handled the escalation for the customer #ownership")
        .await;
    assert!(out.contains("Welcome"), "{out}");
    assert!(out.contains("Marcus"), "{out}");
    assert_eq!(c.kudos_count().await, 1);
}

/// Makes the database refuse the recipients of a kudos whose message contains `marker`.
async fn refuse_recipients_of_messages_containing(store: &Store, marker: &str) {
    match store {
        Store::Sqlite(pool) => {
            let sql = format!(
                "create trigger refuse_marked before insert on kudos_recipients \
                 when (select message from kudos where id = new.kudos_id) like '%{marker}%' \
                 begin select raise(abort, 'refused by the test'); end"
            );
            sqlx::query(sqlx::AssertSqlSafe(sql))
                .execute(pool)
                .await
                .expect("trigger");
        }
        Store::Postgres(pool) => {
            let function = format!(
                "create function refuse_marked() returns trigger language plpgsql as $$ \
                 begin if (select message from kudos where id = new.kudos_id) like '%{marker}%' \
                 then raise exception 'refused by the test'; end if; return new; end $$"
            );
            sqlx::query(sqlx::AssertSqlSafe(function))
                .execute(pool)
                .await
                .expect("function");
            sqlx::query(
                "create trigger refuse_marked before insert on kudos_recipients \
                 for each row execute function refuse_marked()",
            )
            .execute(pool)
            .await
            .expect("trigger");
        }
        other => panic!("a pool, not {other:?}"),
    }
}

/// A kudos from A to B and one from B to A, given at once on PostgreSQL, both go through: each
/// holds its giver's allowance, and neither blocks the other's recipient (the lock leaves room
/// for the foreign-key check), so there is no deadlock for the database to break.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn kudos_given_to_each_other_at_once_do_not_deadlock() {
    if crate::helpers::postgres_skipped() {
        return;
    }
    let c = TestConsole::demo(Backend::Postgres).await;
    let (ana, ben) = (c.person("ana").await, c.person("ben").await);
    let kudos = |from: &ambassador::core::directory::Person,
                 to: &ambassador::core::directory::Person| {
        ambassador::store::NewKudos {
            org: c.org.id,
            giver: from.id,
            giver_department: from.department_id,
            message: "covered the customer call while the other was out".into(),
            values: Vec::new(),
            created_at: crate::helpers::test_start(),
            request_id: None,
            recipients: vec![ambassador::store::NewRecipient {
                person: to.id,
                department: to.department_id,
                manager: to.manager_id,
            }],
        }
    };
    let first = c.store.begin().await.expect("a unit");
    let second = c.store.begin().await.expect("another unit");
    first
        .hold_allowance(ana.id, crate::helpers::test_start())
        .await
        .expect("Ana's allowance");
    second
        .hold_allowance(ben.id, crate::helpers::test_start())
        .await
        .expect("Ben's allowance");
    let (to_ben, to_ana) = (kudos(&ana, &ben), kudos(&ben, &ana));
    let both = async { tokio::join!(first.insert_kudos(&to_ben), second.insert_kudos(&to_ana)) };
    let (a, b) = tokio::time::timeout(std::time::Duration::from_secs(5), both)
        .await
        .expect("neither insert waits for the other unit");
    a.expect("Ana's kudos");
    b.expect("Ben's kudos");
    first.commit().await.expect("commits");
    second.commit().await.expect("commits");
    assert_eq!(c.kudos_count().await, 2);
}

/// A passing database failure (here a serialization failure PostgreSQL reports once) is not
/// answered with "nothing was changed": the request is tried again and the person gets their
/// real answer.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_passing_database_failure_is_retried_not_apologised_for() {
    if crate::helpers::postgres_skipped() {
        return;
    }
    let rig = Rig::new(Backend::Postgres).await;
    let Store::Postgres(pool) = &rig.c.store else {
        panic!("PostgreSQL");
    };
    for sql in [
        // A sequence moves on even when the transaction that used it rolls back. Two failures:
        // the optimistic try and the careful one of the first pass.
        "create sequence fail_once",
        "create function fail_once() returns trigger language plpgsql as $$ \
         begin if nextval('fail_once') <= 2 then \
         raise exception 'could not serialize access' using errcode = '40001'; end if; \
         return new; end $$",
        "create trigger fail_once before insert on kudos for each row execute function fail_once()",
    ] {
        sqlx::query(sql).execute(pool).await.expect("setup");
    }
    rig.store_requests(&[("ana", &kudos_text(1))]).await;

    // The first try meets the failure: nothing is kept, nothing is sent, and the request waits
    // for its retry.
    assert_eq!(rig.work(Pace::QUIET).await, Ok(1));
    assert_eq!(rig.c.kudos_count().await, 0);
    assert_eq!(rig.unsent().await, 0, "no apology was queued");
    assert_eq!(rig.pending().await, 1, "the request is tried again");

    // The retry, a few seconds later, gives the kudos and the real answer.
    rig.clock.set(rig.clock.now() + Duration::seconds(3));
    assert_eq!(rig.work(Pace::QUIET).await, Ok(1));
    assert_eq!(rig.pending().await, 0);
    assert_eq!(rig.c.kudos_count().await, 1);
    let said: Vec<String> = rig
        .delivered()
        .await
        .into_iter()
        .filter(|(d, _)| {
            matches!(d, Destination::Direct { platform_user_id, .. } if platform_user_id == "ana")
        })
        .map(|(_, m)| m.plain_text())
        .collect();
    assert!(said.iter().any(|t| t.contains("Marcus")), "{said:?}");
    assert!(
        !said.iter().any(|t| t.contains("nothing was changed")),
        "{said:?}"
    );
}

/// A unit of work runs its requests without a savepoint each while nothing fails; when one
/// does, the unit is done again with savepoints, so only that request is undone (and its
/// person told nothing was changed) while the others in the unit keep their kudos.
async fn one_failing_request_in_a_unit_is_undone_alone(backend: Backend) {
    let rig = Rig::new(backend).await;
    refuse_recipients_of_messages_containing(&rig.c.store, "FAIL-ME").await;
    let failing = "/kudos @marcus handled the FAIL-ME escalation for the customer #ownership";
    rig.store_requests(&[
        ("ana", &kudos_text(1)),
        ("ana", failing),
        ("ana", &kudos_text(3)),
    ])
    .await;
    assert_eq!(rig.work(Pace::QUIET).await, Ok(3));
    assert_eq!(rig.pending().await, 0, "all three are done");
    assert_eq!(rig.c.kudos_count().await, 2, "the first and the third");
    let to_ana: Vec<String> = rig
        .delivered()
        .await
        .into_iter()
        .filter(|(d, _)| {
            matches!(d, Destination::Direct { platform_user_id, .. } if platform_user_id == "ana")
        })
        .map(|(_, m)| m.plain_text())
        .collect();
    let (welcomes, answers): (Vec<_>, Vec<_>) =
        to_ana.iter().partition(|t| t.starts_with("Welcome"));
    assert_eq!(
        welcomes.len(),
        1,
        "welcomed once, though the unit ran twice"
    );
    assert_eq!(answers.len(), 3, "one answer each: {answers:?}");
    assert!(answers[0].contains("4 more"), "{answers:?}");
    assert!(answers[1].contains("nothing was changed"), "{answers:?}");
    assert!(answers[2].contains("3 more"), "{answers:?}");
}
