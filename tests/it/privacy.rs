//! Issue 12's 20-person company through the console: both team managers see their own teams
//! every week (the Operations total is hidden instead), the small teams stay hidden, and a
//! falling team's manager is alerted from its fourth round.

use crate::helpers::{Backend, TestConsole};
use crate::on_both_backends;

on_both_backends!(both_team_managers_see_their_teams_and_are_alerted_from_the_fourth_round);

/// Support (6) and Logistics (3) under Operations, Engineering (6), Sales (3), and Leadership:
/// the head and a chief of staff. Operations has nobody of its own, so the head leads it.
const COMPANY: &str = "\
email,name,department,manager_email,timezone,locale,admin,active
head@small.example,Helen Head,Leadership,,Europe/London,en,yes,yes
staff@small.example,Stan Staff,Leadership,head@small.example,Europe/London,en,no,yes
sam@small.example,Sam Support,Operations/Support,head@small.example,Europe/London,en,no,yes
s1@small.example,Sue One,Operations/Support,sam@small.example,Europe/London,en,no,yes
s2@small.example,Sid Two,Operations/Support,sam@small.example,Europe/London,en,no,yes
s3@small.example,Sal Three,Operations/Support,sam@small.example,Europe/London,en,no,yes
s4@small.example,Sy Four,Operations/Support,sam@small.example,Europe/London,en,no,yes
s5@small.example,Sol Five,Operations/Support,sam@small.example,Europe/London,en,no,yes
lou@small.example,Lou Logistics,Operations/Logistics,head@small.example,Europe/London,en,no,yes
l1@small.example,Lia One,Operations/Logistics,lou@small.example,Europe/London,en,no,yes
l2@small.example,Leo Two,Operations/Logistics,lou@small.example,Europe/London,en,no,yes
dev@small.example,Dev Engineer,Engineering,head@small.example,Europe/London,en,no,yes
e1@small.example,Eve One,Engineering,dev@small.example,Europe/London,en,no,yes
e2@small.example,Eli Two,Engineering,dev@small.example,Europe/London,en,no,yes
e3@small.example,Ela Three,Engineering,dev@small.example,Europe/London,en,no,yes
e4@small.example,Ean Four,Engineering,dev@small.example,Europe/London,en,no,yes
e5@small.example,Emi Five,Engineering,dev@small.example,Europe/London,en,no,yes
rae@small.example,Rae Sales,Sales,head@small.example,Europe/London,en,no,yes
r1@small.example,Ray One,Sales,rae@small.example,Europe/London,en,no,yes
r2@small.example,Ria Two,Sales,rae@small.example,Europe/London,en,no,yes
";

const SUPPORT: [&str; 6] = ["sam", "s1", "s2", "s3", "s4", "s5"];
const EVERYONE_ELSE: [&str; 14] = [
    "head", "staff", "lou", "l1", "l2", "dev", "e1", "e2", "e3", "e4", "e5", "rae", "r1", "r2",
];

async fn both_team_managers_see_their_teams_and_are_alerted_from_the_fourth_round(
    backend: Backend,
) {
    let mut c = TestConsole::with_org(backend, COMPANY).await;
    // Wednesday 10:00 to Monday 18:00, after the 10:00 London round went out.
    c.say(&format!("/advance {}m", (4 * 24 + 14 + 18) * 60))
        .await;
    let steady = ["4 4 5 4 4", "5 4 4 4 4", "4 5 4 4 5"];
    let fallen = ["2 3 2 2 2", "2 2 2 3 2", "3 2 2 2 2"];
    let mut transcript = String::new();
    let mut alerted_in_week = None;
    for week in 0..6 {
        // Three steady rounds, then Support falls.
        let answers = if week < 3 { steady } else { fallen };
        for (i, who) in SUPPORT.iter().enumerate() {
            c.say_as(who, &format!("/pulse answer {}", answers[i % 3]))
                .await;
        }
        for who in EVERYONE_ELSE {
            c.say_as(who, "/pulse answer 4 4 4 4 4").await;
        }
        c.as_("head").await;
        let out = c.say("/advance 7d").await;
        transcript.push_str(&out);
        if week == 0 {
            // After the first round: both managers see their own team's figures.
            for (manager, team) in [("sam", "Support"), ("dev", "Engineering")] {
                let digest = c.say_as(manager, "/engagement").await;
                assert!(digest.contains(team), "{digest}");
                assert!(digest.contains("Engagement: "), "{manager}: {digest}");
                assert!(
                    !digest.contains("Hidden this round"),
                    "{manager} sees their own team hidden:\n{digest}"
                );
            }
            // The head sees the organisation; Operations is what is hidden, and the small
            // teams are folded into the organisation.
            let head = c.say_as("head", "/engagement").await;
            assert!(head.contains("Hidden this round"), "{head}");
            let lou = c.say_as("lou", "/engagement").await;
            assert!(
                !lou.contains("Engagement: "),
                "Logistics (3) is shown:\n{lou}"
            );
            let rae = c.say_as("rae", "/engagement").await;
            assert!(!rae.contains("Engagement: "), "Sales (3) is shown:\n{rae}");
        }
        if out.contains("── to @sam (direct message) ──\n■ Engagement alert: Support") {
            alerted_in_week = Some(week);
            break;
        }
    }
    // The fall starts in the fourth round (week 3): flagged to Sam within three rounds, with
    // only three rounds of history before it.
    let week = alerted_in_week.unwrap_or_else(|| panic!("no alert for Sam:\n{transcript}"));
    assert!(week <= 5, "alerted in week {week}");
    assert!(
        !transcript.contains("■ Engagement alert: Operations"),
        "the fall already shown in Support went up the line:\n{transcript}"
    );
    let digest = c.say_as("sam", "/engagement").await;
    assert!(digest.contains("Drops flagged"), "{digest}");
}
