//! The store contract: one story over the store's methods, run on SQLite and on PostgreSQL so
//! the two backends cannot drift apart.

use ambassador::core::locale::Locale;
use ambassador::core::narrative::{Narrative, NarrativeText};
use ambassador::store::prelude::*;
use ambassador::store::{
    AckOutcome, NewInboxItem, NewJob, NewKudos, NewOutbound, NewRecipient, Store, StoreError,
};
use chrono::Duration;

use crate::helpers::{Backend, TestDb, test_start};
use crate::on_both_backends;

on_both_backends!(
    the_store_keeps_its_promises,
    the_relay_inbox_stores_each_request_once,
    the_relay_outbox_sends_urgent_calls_first_and_honours_pauses,
    a_unit_of_work_keeps_everything_or_nothing,
    sign_in_links_work_once_and_sessions_end,
);

async fn the_store_keeps_its_promises(backend: Backend) {
    let db = TestDb::new(backend).await;
    let store = Store::connect(&db.url, 4).await.expect("connects");
    store.migrate().await.expect("migrates");
    // Migrating again is harmless.
    store.migrate().await.expect("migrates twice");
    store.ping().await.expect("answers");
    if let Store::Sqlite(pool) = &store {
        let mode: String = sqlx::query_scalar("pragma journal_mode")
            .fetch_one(pool)
            .await
            .expect("pragma");
        assert_eq!(mode, "wal", "SQLite runs in WAL mode");
    }
    let now = test_start();

    // Orgs: created once per platform identity; timestamps round-trip.
    let org = store
        .ensure_org(
            "slack",
            "T1",
            "Acme",
            chrono_tz::Europe::Athens,
            Locale::El,
            now,
        )
        .await
        .expect("org");
    let again = store
        .ensure_org("slack", "T1", "Other name", chrono_tz::UTC, Locale::En, now)
        .await
        .expect("org");
    assert_eq!(org, again, "an existing org is not overwritten");
    let other = store
        .ensure_org("discord", "T1", "Guild", chrono_tz::UTC, Locale::En, now)
        .await
        .expect("org");
    assert_ne!(
        org.id, other.id,
        "the same id on another platform is another org"
    );
    assert_eq!(org.timezone, chrono_tz::Europe::Athens);

    // People, via a validated org chart.
    let chart = ambassador::core::directory::import::parse_org_chart(
        "email,name,department,manager_email,timezone,locale,admin\n\
         lead@acme.io,Lead,Ops,,Europe/Athens,el,yes\n\
         ann@acme.io,Ann,Ops/Support,lead@acme.io,,,\n\
         bo@acme.io,Bo,Sales,lead@acme.io,America/New_York,pl,\n",
        &Default::default(),
        chrono_tz::UTC,
        Locale::En,
    )
    .expect("valid chart");
    let summary = store
        .apply_org_chart(org.id, &chart, false, now)
        .await
        .expect("applied");
    assert_eq!(
        (summary.created, summary.updated, summary.departments),
        (3, 0, 3)
    );
    let lead = store
        .person_by_handle(org.id, "lead")
        .await
        .expect("store")
        .expect("lead");
    let ann = store
        .person_by_handle(org.id, "ANN")
        .await
        .expect("store")
        .expect("ann");
    let bo = store
        .person_by_handle(org.id, "bo")
        .await
        .expect("store")
        .expect("bo");
    assert!(lead.is_admin && !ann.is_admin);
    assert_eq!(ann.manager_id, Some(lead.id));
    assert_eq!(
        ann.platform_user_id, None,
        "non-console orgs match platform ids later"
    );
    assert_eq!(bo.locale, Locale::Pl);
    assert_eq!(store.direct_report_count(lead.id).await.expect("count"), 2);
    assert_eq!(
        store.admins(org.id).await.expect("admins"),
        vec![lead.clone()]
    );
    // Another org's people are invisible here.
    assert!(
        store
            .person_by_handle(other.id, "ann")
            .await
            .expect("store")
            .is_none()
    );
    // The welcome is marked once, even when asked twice.
    assert!(store.mark_welcomed(ann.id, now).await.expect("mark"));
    assert!(!store.mark_welcomed(ann.id, now).await.expect("mark"));

    // Kudos and the allowance count.
    let kudos = NewKudos {
        org: org.id,
        giver: ann.id,
        giver_department: ann.department_id,
        message: "kept <b>Acme</b> informed & calm".into(),
        values: vec!["empathy".into()],
        created_at: now,
        request_id: None,
        recipients: vec![
            NewRecipient {
                person: bo.id,
                department: bo.department_id,
                manager: bo.manager_id,
            },
            NewRecipient {
                person: lead.id,
                department: lead.department_id,
                manager: None,
            },
        ],
    };
    let id = store.insert_kudos(&kudos).await.expect("stored");
    assert_eq!(
        store
            .recipients_thanked_since(ann.id, now)
            .await
            .expect("count"),
        2
    );
    assert_eq!(
        store
            .recipients_thanked_since(ann.id, now + Duration::seconds(1))
            .await
            .expect("count"),
        0
    );
    let k = store.kudos(id).await.expect("kudos");
    assert_eq!(k.message, "kept <b>Acme</b> informed & calm");
    assert_eq!(k.created_at, now);
    assert_eq!(k.recipients.len(), 2);
    let totals = store.kudos_totals(bo.id).await.expect("totals");
    assert_eq!((totals.given, totals.received), (0, 1));
    assert_eq!(totals.by_value, vec![("empathy".to_string(), 0, 1)]);
    assert_eq!(
        store.kudos_since(org.id, now).await.expect("since").len(),
        1
    );
    // A recipient twice in one kudos is a conflict, and the whole kudos is rolled back.
    let mut dup = kudos.clone();
    dup.recipients.push(dup.recipients[0].clone());
    assert!(matches!(
        store.insert_kudos(&dup).await,
        Err(StoreError::Conflict { .. })
    ));
    assert_eq!(store.kudos_count(org.id).await.expect("count"), 1);
    // A kudos from a platform request is found by it, and the same request cannot give twice.
    let mut from_slack = kudos.clone();
    from_slack.request_id = Some("slack:T1:event:Ev1".into());
    assert_eq!(
        store
            .kudos_for_request(org.id, "slack:T1:event:Ev1")
            .await
            .expect("lookup"),
        None
    );
    let given = store.insert_kudos(&from_slack).await.expect("stored");
    assert_eq!(
        store
            .kudos_for_request(org.id, "slack:T1:event:Ev1")
            .await
            .expect("lookup"),
        Some(given)
    );
    assert!(matches!(
        store.insert_kudos(&from_slack).await,
        Err(StoreError::Conflict { .. })
    ));
    assert_eq!(store.kudos_count(org.id).await.expect("count"), 2);

    // Narrative versions and acknowledgements.
    let text = NarrativeText {
        title: "T".into(),
        promise: "P".into(),
        sections: vec![],
        values: vec![],
    };
    let v1 = store
        .insert_narrative(
            org.id,
            &Narrative::default().with_text(Locale::En, text.clone()),
            "file",
            None,
            now,
        )
        .await
        .expect("v1");
    let v2 = store
        .insert_narrative(
            org.id,
            &v1.narrative.with_text(Locale::El, text),
            "chat",
            Some(lead.id),
            now,
        )
        .await
        .expect("v2");
    assert_eq!((v1.version, v2.version), (1, 2));
    let current = store
        .current_narrative(org.id)
        .await
        .expect("store")
        .expect("current");
    assert_eq!(current.id, v2.id);
    assert_eq!(current.narrative.texts.len(), 2);
    assert!(
        store
            .narrative_in_org(other.id, v2.id)
            .await
            .expect("store")
            .is_none()
    );
    assert_eq!(
        store
            .acknowledge_narrative(org.id, v2.id, ann.id, now)
            .await
            .expect("ack"),
        AckOutcome::Recorded
    );
    assert_eq!(
        store
            .acknowledge_narrative(org.id, v2.id, ann.id, now + Duration::hours(1))
            .await
            .expect("ack"),
        AckOutcome::Already(now)
    );
    assert_eq!(store.narrative_ack_count(v2.id).await.expect("count"), 1);
    assert_eq!(store.narrative_ack_count(v1.id).await.expect("count"), 0);

    // Moments: once per job key.
    assert!(
        store
            .record_moment(org.id, "m:1", v2.id, 0, Some(id), now)
            .await
            .expect("moment")
    );
    assert!(
        !store
            .record_moment(org.id, "m:1", v2.id, 0, Some(id), now)
            .await
            .expect("moment")
    );
    assert_eq!(
        store.last_moment_section(org.id).await.expect("last"),
        Some(0)
    );
    assert_eq!(
        store.featured_kudos(org.id).await.expect("featured"),
        vec![id]
    );

    // Jobs: scheduled once per key, claimed once, retried, completed.
    let job = NewJob {
        org: org.id,
        kind: "narrative-moment".into(),
        key: "narrative-moment:1:2026-11-30".into(),
        due_at: now + Duration::hours(1),
        payload: "{}".into(),
    };
    assert!(store.schedule_job(&job, now).await.expect("scheduled"));
    assert!(!store.schedule_job(&job, now).await.expect("scheduled once"));
    assert!(
        store
            .has_open_job(org.id, "narrative-moment")
            .await
            .expect("open")
    );
    let slack = "slack";
    assert_eq!(
        store.next_due_at(slack).await.expect("next"),
        Some(job.due_at)
    );
    assert!(
        store
            .claim_due_job(slack, now, Duration::minutes(10))
            .await
            .expect("claim")
            .is_none()
    );
    assert!(
        store
            .claim_due_job("discord", now + Duration::hours(2), Duration::minutes(10))
            .await
            .expect("claim")
            .is_none(),
        "jobs are claimed only by their org's platform"
    );
    let later = now + Duration::hours(2);
    let claimed = store
        .claim_due_job(slack, later, Duration::minutes(10))
        .await
        .expect("claim")
        .expect("due");
    assert_eq!(claimed.attempts, 1);
    assert!(
        store
            .claim_due_job(slack, later, Duration::minutes(10))
            .await
            .expect("claim")
            .is_none(),
        "claimed once"
    );
    // A worker that died: after the lease another takes the job over.
    let taken_over = store
        .claim_due_job(slack, later + Duration::minutes(11), Duration::minutes(10))
        .await
        .expect("claim")
        .expect("lease expired");
    assert_eq!(taken_over.attempts, 2);
    store
        .fail_job(
            taken_over.job_id(),
            "platform down",
            Some(later + Duration::minutes(30)),
            later,
        )
        .await
        .expect("failed");
    assert!(
        store
            .claim_due_job(slack, later + Duration::minutes(20), Duration::minutes(10))
            .await
            .expect("claim")
            .is_none()
    );
    let retried = store
        .claim_due_job(slack, later + Duration::minutes(30), Duration::minutes(10))
        .await
        .expect("claim")
        .expect("retried");
    store
        .complete_job(retried.job_id(), later)
        .await
        .expect("done");
    assert!(
        !store
            .has_open_job(org.id, "narrative-moment")
            .await
            .expect("open")
    );
    assert_eq!(
        store
            .job_count(org.id, "narrative-moment", "done")
            .await
            .expect("count"),
        1
    );
    store.close().await;
}

/// The relay inbox's group commit: a group larger than one statement (on PostgreSQL, more than
/// one TLS record of bodies) is still stored whole, each request once, in arrival order.
async fn the_relay_inbox_stores_each_request_once(backend: Backend) {
    let db = TestDb::new(backend).await;
    let store = Store::connect(&db.url, 4).await.expect("connects");
    store.migrate().await.expect("migrates");
    if let Store::Sqlite(pool) = &store {
        // NORMAL (1): commits reach the log; `make_durable` syncs it before Slack is answered.
        let synchronous: i64 = sqlx::query_scalar("pragma synchronous")
            .fetch_one(pool)
            .await
            .expect("pragma");
        assert_eq!(synchronous, 1);
    }
    let now = test_start();
    let item = |i: usize| NewInboxItem {
        platform: "slack",
        org_key: "T1".into(),
        kind: if i.is_multiple_of(2) {
            "event"
        } else {
            "command"
        }
        .into(),
        dedupe_key: format!("key-{i}"),
        lane: Some(format!("U{}", i % 3)),
        body: format!("{i:04}{}", "x".repeat(1_000)),
        held: false,
    };
    // 60 requests of 1 kB, then the first one again within the same group.
    let mut group: Vec<NewInboxItem> = (0..60).map(item).collect();
    group.push(item(0));
    let new = store.inbox_insert_many(&group, now).await.expect("stored");
    assert_eq!(new.len(), 61);
    assert!(new[..60].iter().all(|n| *n), "every first sighting is new");
    assert!(!new[60], "a repeat within the group is not");
    store.make_durable().await.expect("synced");

    // Slack retrying some of them: recognised, not stored again; the same key from another
    // platform is another request.
    let retried = store
        .inbox_insert_many(&[item(7), item(60)], now)
        .await
        .expect("stored");
    assert_eq!(retried, vec![false, true]);
    let elsewhere = NewInboxItem {
        platform: "teams",
        ..item(7)
    };
    assert_eq!(
        store
            .inbox_insert_many(&[elsewhere], now)
            .await
            .expect("stored"),
        vec![true]
    );
    assert_eq!(store.inbox_count("slack", "T1").await.expect("count"), 61);
    assert_eq!(store.inbox_pending().await.expect("pending"), 62);

    let claimed = store
        .claim_inbox("slack", now, Duration::seconds(60), 100)
        .await
        .expect("claimed");
    assert_eq!(claimed.len(), 61, "only Slack's rows");
    for (i, row) in claimed.iter().enumerate() {
        assert_eq!(row.body, item(i).body, "stored in arrival order, unchanged");
        assert_eq!(row.lane, item(i).lane);
        assert_eq!(row.attempts, 1);
    }
    assert!(
        store
            .claim_inbox("slack", now, Duration::seconds(60), 100)
            .await
            .expect("claimed")
            .is_empty(),
        "claimed rows are leased"
    );
    let ids: Vec<i64> = claimed.iter().map(|r| r.id).collect();
    store.finish_inbox(&ids, now).await.expect("done");
    assert_eq!(store.inbox_pending().await.expect("pending"), 1);
    store.close().await;
}

/// The relay outbox: urgent calls first, an org paused by a 429 skipped until its pause ends,
/// and a unit of work's calls written only when it commits.
async fn the_relay_outbox_sends_urgent_calls_first_and_honours_pauses(backend: Backend) {
    let db = TestDb::new(backend).await;
    let store = Store::connect(&db.url, 4).await.expect("connects");
    store.migrate().await.expect("migrates");
    let now = test_start();
    let call = |org: &str, i: usize, urgent: bool| NewOutbound {
        platform: "slack",
        org_key: org.into(),
        method: "chat.postMessage".into(),
        payload: format!("{{\"n\":{i}}}"),
        urgent,
        at: now,
    };
    // A bulk push larger than one statement, then one urgent reply.
    let bulk: Vec<_> = (0..250).map(|i| call("T1", i, false)).collect();
    store.queue_outbound(&bulk).await.expect("queued");
    store
        .queue_outbound(&[call("T1", 999, true)])
        .await
        .expect("queued");
    assert_eq!(store.outbox_unsent().await.expect("unsent"), 251);
    let first = store
        .claim_outbox("slack", now, Duration::seconds(60), 1)
        .await
        .expect("claimed");
    assert_eq!(
        first[0].payload,
        call("T1", 999, true).payload,
        "the reply goes first"
    );
    store.outbox_sent(&[first[0].id], now).await.expect("sent");

    // A 429 pauses the org on every replica until its retry hint has passed.
    store
        .pause_org("slack", "T1", now + Duration::seconds(30))
        .await
        .expect("paused");
    store
        .queue_outbound(&[call("T2", 1, false)])
        .await
        .expect("queued");
    let claimed = store
        .claim_outbox("slack", now, Duration::seconds(60), 500)
        .await
        .expect("claimed");
    assert_eq!(claimed.len(), 1, "only the other org's call");
    assert_eq!(claimed[0].org_key, "T2");
    store
        .outbox_sent(&[claimed[0].id], now)
        .await
        .expect("sent");
    assert_eq!(
        store
            .next_outbox_due("slack")
            .await
            .expect("due")
            .map(|t| t.timestamp()),
        Some((now + Duration::seconds(30)).timestamp()),
        "the paused org is due when its pause ends"
    );
    let later = store
        .claim_outbox(
            "slack",
            now + Duration::seconds(31),
            Duration::seconds(60),
            500,
        )
        .await
        .expect("claimed");
    assert_eq!(later.len(), 250, "after the pause, the rest");
    store.close().await;
}

/// A unit of work commits or rolls back as one, including the calls it queued; a savepoint
/// inside it undoes only its own part.
async fn a_unit_of_work_keeps_everything_or_nothing(backend: Backend) {
    let db = TestDb::new(backend).await;
    let store = Store::connect(&db.url, 4).await.expect("connects");
    store.migrate().await.expect("migrates");
    let now = test_start();
    let org = store
        .ensure_org("console", "local", "Acme", chrono_tz::UTC, Locale::En, now)
        .await
        .expect("org");
    let call = |i: usize| NewOutbound {
        platform: "console",
        org_key: "local".into(),
        method: "deliver".into(),
        payload: format!("{{\"n\":{i}}}"),
        urgent: false,
        at: now,
    };
    let job = |key: &str| NewJob {
        org: org.id,
        kind: "k".into(),
        key: key.into(),
        due_at: now,
        payload: "{}".into(),
    };
    // Rolled back: neither the job nor the call is there.
    let unit = store.begin().await.expect("begins");
    unit.schedule_job(&job("a"), now).await.expect("job");
    unit.queue_outbound(&[call(1)]).await.expect("queued");
    unit.rollback().await.expect("rolls back");
    assert_eq!(store.job_count(org.id, "k", "pending").await.expect("n"), 0);
    assert_eq!(store.outbox_unsent().await.expect("unsent"), 0);
    assert!(
        unit.schedule_job(&job("z"), now).await.is_err(),
        "a unit cannot be used after it ended"
    );

    // A savepoint rolled back inside a committed unit: only its part is undone.
    let unit = store.begin().await.expect("begins");
    unit.schedule_job(&job("b"), now).await.expect("job");
    unit.queue_outbound(&[call(2)]).await.expect("queued");
    let inner = unit.begin().await.expect("a savepoint");
    inner.schedule_job(&job("c"), now).await.expect("job");
    inner.queue_outbound(&[call(3)]).await.expect("queued");
    inner.rollback().await.expect("back to the savepoint");
    let kept = unit.begin().await.expect("a savepoint");
    kept.queue_outbound(&[call(4)]).await.expect("queued");
    kept.commit().await.expect("released");
    assert_eq!(
        store.outbox_unsent().await.expect("unsent"),
        0,
        "nothing is visible before the commit"
    );
    unit.commit().await.expect("commits");
    assert_eq!(store.job_count(org.id, "k", "pending").await.expect("n"), 1);
    let claimed = store
        .claim_outbox("console", now, Duration::seconds(60), 10)
        .await
        .expect("claimed");
    let payloads: Vec<_> = claimed.iter().map(|c| c.payload.clone()).collect();
    assert_eq!(payloads, vec![call(2).payload, call(4).payload]);

    // An optimistic unit: what is begun inside it commits only with it, and a rollback inside
    // it marks the whole unit as failed instead of undoing a part.
    let unit = store.begin_optimistic().await.expect("begins");
    let inner = unit.begin().await.expect("no savepoint");
    inner.schedule_job(&job("d"), now).await.expect("job");
    inner.commit().await.expect("nothing to commit yet");
    assert!(!unit.unit_failed());
    drop((unit, inner));
    assert_eq!(
        store.job_count(org.id, "k", "pending").await.expect("n"),
        1,
        "a unit dropped uncommitted keeps nothing, whatever was begun inside it"
    );
    let unit = store.begin_optimistic().await.expect("begins");
    unit.begin()
        .await
        .expect("no savepoint")
        .rollback()
        .await
        .expect("marks");
    assert!(unit.unit_failed(), "its owner must do it again carefully");
    unit.rollback().await.expect("rolls back");
    store.close().await;
}

async fn sign_in_links_work_once_and_sessions_end(backend: Backend) {
    use ambassador::store::{LinkRefusal, NewSignInLink, NewWebSession, token_hash};

    let db = TestDb::new(backend).await;
    let store = Store::connect(&db.url, 4).await.expect("connects");
    store.migrate().await.expect("migrates");
    let now = test_start();
    let org = store
        .ensure_org("slack", "T1", "Acme", chrono_tz::UTC, Locale::En, now)
        .await
        .expect("org");
    let chart = ambassador::core::directory::import::parse_org_chart(
        "email,name,department,manager_email,timezone,locale,admin\nann@acme.io,Ann,Ops,,,,\n",
        &Default::default(),
        chrono_tz::UTC,
        Locale::En,
    )
    .expect("valid chart");
    store
        .apply_org_chart(org.id, &chart, false, now)
        .await
        .expect("applied");
    let ann = store
        .person_by_handle(org.id, "ann")
        .await
        .expect("store")
        .expect("ann");
    let link = |secret: &str, expires: chrono::DateTime<chrono::Utc>| NewSignInLink {
        token_hash: token_hash(secret),
        org_id: org.id,
        person_id: ann.id,
        created_at: now,
        expires_at: expires,
    };

    // A link signs in once; then it is "used", and an unknown one is "unknown".
    store
        .create_sign_in_link(&link("one", now + Duration::minutes(10)))
        .await
        .expect("stored");
    let first = store
        .redeem_sign_in_link(&token_hash("one"), now)
        .await
        .expect("store");
    assert_eq!(first, Ok((org.id, ann.id)));
    let second = store
        .redeem_sign_in_link(&token_hash("one"), now)
        .await
        .expect("store");
    assert_eq!(second, Err(LinkRefusal::Used));
    let unknown = store
        .redeem_sign_in_link(&token_hash("two"), now)
        .await
        .expect("store");
    assert_eq!(unknown, Err(LinkRefusal::Unknown));
    // At its expiry instant it no longer works, and is "expired" rather than "used".
    store
        .create_sign_in_link(&link("three", now + Duration::minutes(10)))
        .await
        .expect("stored");
    let late = store
        .redeem_sign_in_link(&token_hash("three"), now + Duration::minutes(10))
        .await
        .expect("store");
    assert_eq!(late, Err(LinkRefusal::Expired));

    // A session is found while it lasts, not after, and not once ended.
    let session = |secret: &str| NewWebSession {
        token_hash: token_hash(secret),
        org_id: org.id,
        person_id: ann.id,
        csrf_token: format!("csrf-{secret}"),
        created_at: now,
        expires_at: now + Duration::hours(12),
    };
    store
        .create_web_session(&session("a"))
        .await
        .expect("stored");
    store
        .create_web_session(&session("b"))
        .await
        .expect("stored");
    let found = store
        .web_session(&token_hash("a"), now + Duration::hours(11))
        .await
        .expect("store")
        .expect("a live session");
    assert_eq!((found.org_id, found.person_id), (org.id, ann.id));
    assert_eq!(found.csrf_token, "csrf-a");
    assert_eq!(found.expires_at, now + Duration::hours(12));
    let ended = store
        .web_session(&token_hash("a"), now + Duration::hours(12))
        .await
        .expect("store");
    assert!(ended.is_none(), "a session ends at its expiry");
    store
        .end_web_session(&token_hash("b"))
        .await
        .expect("ended");
    assert!(
        store
            .web_session(&token_hash("b"), now)
            .await
            .expect("store")
            .is_none(),
        "sign-out ends a session"
    );
    store.close().await;
}
