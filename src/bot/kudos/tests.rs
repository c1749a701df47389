//! `/kudos` driven through [`Bot::handle`] on the in-memory database: the use case's rules and
//! its unit of work, checked without SQL.

use std::sync::Arc;

use chrono::{DateTime, Duration, TimeZone, Utc};

use crate::bot::memory_db::{Memory, MemoryDb};
use crate::bot::{Bot, ChatPlatform, Platforms};
use crate::core::clock::ManualClock;
use crate::core::directory::{Org, Person};
use crate::core::ids::{OrgId, PersonId};
use crate::core::invocation::{Capabilities, Input, Invocation, PlatformKind};
use crate::core::locale::Locale;
use crate::core::message::Message;
use crate::core::outbound::Destination;
use crate::i18n::I18n;
use crate::store::{NewKudos, NewOutbound, NewRecipient};

const PLATFORM: PlatformKind = PlatformKind::new("memory");
const ORG: &str = "acme";

/// A platform that renders each message as one row naming where it goes (`dm:ben`,
/// `channel:kudos`) with the message's text, so a test reads the outbox at a glance.
struct RowsPlatform;

impl ChatPlatform for RowsPlatform {
    fn kind(&self) -> PlatformKind {
        PLATFORM
    }

    fn capabilities(&self) -> Capabilities {
        Capabilities::NONE
    }

    /// `@ben` names the person whose platform id is `ben`.
    fn parse_mention(&self, token: &str) -> Option<String> {
        token
            .strip_prefix('@')
            .filter(|h| !h.is_empty())
            .map(str::to_lowercase)
    }

    fn render(
        &self,
        org: &Org,
        to: &Destination,
        message: &Message,
        at: DateTime<Utc>,
    ) -> Vec<NewOutbound> {
        let method = match to {
            Destination::Direct {
                platform_user_id, ..
            } => format!("dm:{platform_user_id}"),
            Destination::Channel(name) => format!("channel:{name}"),
        };
        vec![NewOutbound {
            platform: PLATFORM.as_str(),
            org_key: org.platform_org_id.clone(),
            method,
            payload: message.plain_text(),
            urgent: false,
            at,
        }]
    }
}

/// Wednesday 25 November 2026, 10:00 UTC.
fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 25, 10, 0, 0)
        .single()
        .expect("a valid instant")
}

fn person(id: i64, handle: &str, name: &str) -> Person {
    Person {
        id: PersonId(id),
        org_id: OrgId(1),
        platform_user_id: Some(handle.into()),
        handle: handle.into(),
        email: format!("{handle}@acme.example"),
        display_name: name.into(),
        department_id: None,
        manager_id: None,
        timezone: chrono_tz::UTC,
        locale: Locale::En,
        is_admin: false,
        is_active: true,
        welcomed: true,
    }
}

const ANA: PersonId = PersonId(1);

/// One org: Ana (who gives), Ben and Dev; everyone already greeted.
fn acme() -> Memory {
    Memory {
        orgs: vec![Org {
            id: OrgId(1),
            platform: PLATFORM.as_str().into(),
            platform_org_id: ORG.into(),
            name: "Acme".into(),
            timezone: chrono_tz::UTC,
            locale: Locale::En,
        }],
        people: vec![
            person(1, "ana", "Ana Silva"),
            person(2, "ben", "Ben Carter"),
            person(3, "dev", "Dev Patel"),
        ],
        ..Memory::default()
    }
}

fn bot(db: &Arc<MemoryDb>) -> Bot {
    let config = crate::config::defaults().expect("the shipped defaults are valid");
    Bot::new(
        db.clone(),
        Arc::new(config),
        Arc::new(I18n::load().expect("the catalogs parse")),
        Arc::new(ManualClock::new(now())),
        Platforms::default().with(Arc::new(RowsPlatform)),
    )
}

/// Ana types `/kudos {args}`.
fn kudos_from_ana(args: &str) -> Invocation {
    Invocation {
        platform: PLATFORM,
        platform_org_id: ORG.into(),
        actor: "ana".into(),
        input: Input::Command(format!("/kudos {args}")),
        request_id: None,
        capabilities: Capabilities::NONE,
    }
}

fn methods(outbox: &[NewOutbound]) -> Vec<&str> {
    outbox.iter().map(|r| r.method.as_str()).collect()
}

const WORDS: &str = "answered the Acme escalation before lunch";

#[tokio::test]
async fn kudos_within_the_allowance_is_stored_and_its_messages_are_queued() {
    // Arrange
    let db = MemoryDb::new(acme());
    let bot = bot(&db);
    // Act
    let answer = bot
        .handle(kudos_from_ana(&format!("@ben @dev {WORDS} #ownership")))
        .await;
    // Assert: Ana is told, with what she has left today.
    let text = answer.plain_text();
    assert!(
        text.contains("Kudos sent to Ben Carter, Dev Patel!") && text.contains("3 more people"),
        "{text}"
    );
    let stored = db.snapshot();
    assert_eq!(stored.kudos.len(), 1);
    let kudos = &stored.kudos[0].1;
    assert_eq!(kudos.giver, ANA);
    assert_eq!(kudos.message, WORDS);
    assert_eq!(kudos.values, vec!["ownership"]);
    let recipients: Vec<PersonId> = kudos.recipients.iter().map(|r| r.person).collect();
    assert_eq!(recipients, vec![PersonId(2), PersonId(3)]);
    // Each recipient's DM and the recognition channel's post wait in the outbox.
    assert_eq!(
        methods(&stored.outbox),
        vec!["dm:ben", "dm:dev", "channel:kudos"]
    );
    for row in &stored.outbox {
        assert!(row.payload.contains(WORDS), "{row:?}");
    }
}

#[tokio::test]
async fn kudos_past_the_allowance_is_refused_and_nothing_is_stored_or_queued() {
    // Arrange: Ana thanked five people an hour ago, her whole day's allowance.
    let mut memory = acme();
    memory.kudos.push((
        crate::core::ids::KudosId(1),
        NewKudos {
            org: OrgId(1),
            giver: ANA,
            giver_department: None,
            message: "kept five customers informed all morning".into(),
            values: vec![],
            created_at: now() - Duration::hours(1),
            request_id: None,
            recipients: (10..15)
                .map(|id| NewRecipient {
                    person: PersonId(id),
                    department: None,
                    manager: None,
                })
                .collect(),
        },
    ));
    let db = MemoryDb::new(memory);
    let bot = bot(&db);
    // Act
    let answer = bot.handle(kudos_from_ana(&format!("@ben {WORDS}"))).await;
    // Assert
    let text = answer.plain_text();
    assert!(
        text.contains("You have thanked 5 people today, and your daily allowance is 5."),
        "{text}"
    );
    let stored = db.snapshot();
    assert_eq!(stored.kudos.len(), 1, "only the earlier kudos is stored");
    assert!(stored.outbox.is_empty(), "{:?}", stored.outbox);
}

#[tokio::test]
async fn an_internal_failure_rolls_everything_back_and_says_nothing_was_changed() {
    // Arrange: Ana is new, so her first request greets her (a DM queued, the narrative stored,
    // her welcome recorded) before the kudos is stored; storing it fails.
    let mut memory = acme();
    memory.people[0].welcomed = false;
    memory.fail_kudos_insert = true;
    let db = MemoryDb::new(memory);
    let bot = bot(&db);
    // Act
    let answer = bot.handle(kudos_from_ana(&format!("@ben {WORDS}"))).await;
    // Assert: the apology, and not a trace of the request.
    assert_eq!(
        answer.plain_text(),
        bot.i18n().tr(Locale::En, "error-internal", &[])
    );
    assert!(answer.plain_text().contains("nothing was changed"));
    let stored = db.snapshot();
    assert!(stored.outbox.is_empty(), "{:?}", stored.outbox);
    assert!(stored.kudos.is_empty());
    assert!(stored.narratives.is_empty());
    assert!(!stored.people[0].welcomed, "the welcome is undone too");

    // The same request once the database works again: the greeting and the kudos both go out,
    // so the rollback above is what kept them back.
    db.update(|m| m.fail_kudos_insert = false);
    let answer = bot.handle(kudos_from_ana(&format!("@ben {WORDS}"))).await;
    assert!(answer.plain_text().contains("Kudos sent to Ben Carter"));
    let stored = db.snapshot();
    assert_eq!(
        methods(&stored.outbox),
        vec!["dm:ana", "dm:ben", "channel:kudos"]
    );
    assert!(stored.people[0].welcomed);
}
