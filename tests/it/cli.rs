//! The `ambassador` binary as a newcomer and an admin use it.

use std::io::Write;
use std::process::{Command, Output, Stdio};

use crate::helpers::{Backend, TestDb, repo_root};
use crate::on_both_backends;

fn ambassador(args: &[&str], stdin: &str, envs: &[(&str, &str)]) -> Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_ambassador"));
    cmd.args(args)
        .current_dir(repo_root())
        .env_remove("RUST_LOG")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    for (k, v) in envs {
        cmd.env(k, v);
    }
    let mut child = cmd.spawn().expect("the binary runs");
    if let Some(mut input) = child.stdin.take() {
        input.write_all(stdin.as_bytes()).expect("stdin");
    }
    child.wait_with_output().expect("the binary finishes")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// The demo company's org chart without its seeded year (`--demo`), for scenarios that start
/// from a company with no rounds yet.
const DEMO_ORG: &str = "src/demo/org.csv";

const SCRIPT: &str = "\
/as ana
/kudos @dev @eleni fixed the export bug the same day Acme reported it #customer-first
/kudos @ana thanks for being awesome every day
/kudos @ghost handled the customer escalation well
/kudos @ben calmed an upset customer with patience #kindness
/kudos @ben #empathy
/kudos @ben told @here and <!channel> how refunds work #empathy
/kudos @zofia @grace answered the customer survey in a day #customer-first
/kudos @nikos answered the customer survey in a day #customer-first
/narrative
/as eleni
/narrative
/click b3
/as ana
/advance 7d
/quit
";

on_both_backends!(a_piped_demo_session_shows_the_whole_foundation);

async fn a_piped_demo_session_shows_the_whole_foundation(backend: Backend) {
    let db = TestDb::new(backend).await;
    let out = ambassador(
        &["console", "--import", DEMO_ORG, "--db", &db.url],
        SCRIPT,
        &[],
    );
    let stdout = text(&out.stdout);
    assert!(out.status.success(), "{stdout}\n{}", text(&out.stderr));
    let expect = [
        "Imported 31 people (31 new, 0 updated)",
        // Cross-department kudos, delivered to recipients and the channel.
        "ana> /kudos @dev @eleni",
        "── to @dev (direct message) ──",
        "── to #kudos ──",
        "Across departments: Support → Platform",
        // Each refusal.
        "You can't give kudos to yourself",
        "I can't find @ghost in the directory",
        "#kindness isn't one of our values",
        "Tell them what they did",
        // Broadcasts rendered harmless.
        "told ＠here and ‹!channel› how refunds work",
        // The daily limit (5 recipients).
        "You have thanked 5 people today, and your daily allowance is 5.",
        // The narrative in English, then in Greek for Eleni.
        "■ Every customer leaves better off than they came",
        "■ Κάθε πελάτης φεύγει σε καλύτερη θέση απ' ό,τι ήρθε",
        // Eleni presses the button of her own reply.
        "Ευχαριστούμε! Επιβεβαίωσες ότι διάβασες την έκδοση 1",
        // A week later the narrative moment is posted.
        "── to #general ──",
        "■ Narrative moment:",
    ];
    for e in expect {
        assert!(stdout.contains(e), "missing {e:?} in:\n{stdout}");
    }
    // The echoed input lines hold what was typed; nothing the bot printed may.
    let printed: Vec<&str> = stdout.lines().filter(|l| !l.contains("> /")).collect();
    assert!(
        !printed
            .iter()
            .any(|l| l.contains("@here") || l.contains("<!channel>")),
        "{stdout}"
    );

    // Importing again on the same database is safe.
    let again = ambassador(
        &["console", "--import", DEMO_ORG, "--db", &db.url],
        "/quit\n",
        &[],
    );
    assert!(again.status.success(), "{}", text(&again.stderr));
    assert!(
        text(&again.stdout).contains("(0 new, 31 updated)"),
        "{}",
        text(&again.stdout)
    );
}

on_both_backends!(the_readme_demo_ends_on_a_full_digest_and_runs_again_safely);

async fn the_readme_demo_ends_on_a_full_digest_and_runs_again_safely(backend: Backend) {
    let db = TestDb::new(backend).await;
    let script = "/as sam\n/engagement\n/quit\n";
    let out = ambassador(&["console", "--demo", "--db", &db.url], script, &[]);
    let stdout = text(&out.stdout);
    assert!(out.status.success(), "{stdout}\n{}", text(&out.stderr));
    assert!(
        stdout.contains("Demo organisation ready: 31 people"),
        "{stdout}"
    );
    let digest = stdout
        .split("sam> /engagement")
        .nth(1)
        .unwrap_or_else(|| panic!("no digest in:\n{stdout}"));
    for e in [
        "Support\n  Engagement: ",
        "since the last round",
        "Drops flagged",
        "Plan an action",
        "Recognition between departments this week",
        "Anonymous comments",
        "Engagement of your teams over the last 12 rounds",
    ] {
        assert!(digest.contains(e), "missing {e:?} in:\n{digest}");
    }

    // Running the demo again on the same database seeds nothing more and alerts nobody again.
    let again = ambassador(&["console", "--demo", "--db", &db.url], script, &[]);
    let stdout = text(&again.stdout);
    assert!(again.status.success(), "{}", text(&again.stderr));
    assert!(stdout.contains("(0 new, 31 updated)"), "{stdout}");
    assert!(!stdout.contains("Engagement alert"), "{stdout}");
    assert!(stdout.contains("Drops flagged"), "{stdout}");
}

#[test]
fn org_import_reports_every_bad_line_and_imports_nothing() {
    let dir = tempfile::tempdir().expect("tmp");
    let db = format!("sqlite://{}", dir.path().join("a.db").display());
    let good = dir.path().join("good.csv");
    std::fs::write(
        &good,
        "email,name,department,manager_email,timezone,locale,admin\n\
         lead@acme.io,Lead,Ops,,Europe/Athens,el,yes\n\
         ann@acme.io,Ann,Ops/Support,lead@acme.io,,,\n",
    )
    .expect("write");
    let bad = dir.path().join("bad.csv");
    std::fs::write(
        &bad,
        "email,name,department,manager_email,timezone,locale,admin\n\
         new@acme.io,New,Ops,,UTC,en,no\n\
         broken,Nobody,Ops,,UTC,en,no\n\
         x@acme.io,X,Ops,ghost@acme.io,Mars/Base,en,no\n",
    )
    .expect("write");

    let out = ambassador(
        &["org", "import", good.to_str().expect("path"), "--db", &db],
        "",
        &[],
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(
        text(&out.stdout)
            .contains("Imported 2 people (2 new, 0 updated) in 2 departments for org local.")
    );

    let out = ambassador(
        &["org", "import", bad.to_str().expect("path"), "--db", &db],
        "",
        &[],
    );
    assert!(!out.status.success());
    let err = text(&out.stderr);
    assert!(
        err.contains("Nothing was imported: the file has 3 problems."),
        "{err}"
    );
    assert!(
        err.contains("line 3: \"broken\" is not an email address"),
        "{err}"
    );
    assert!(
        err.contains("line 4: \"Mars/Base\" is not a time zone"),
        "{err}"
    );
    assert!(
        err.contains(
            "line 4: the manager ghost@acme.io is neither in this file nor in the directory"
        ),
        "{err}"
    );

    // Line 2 of the bad file was valid, yet nothing was applied: re-importing the good file
    // finds exactly the two people it created.
    let out = ambassador(
        &["org", "import", good.to_str().expect("path"), "--db", &db],
        "",
        &[],
    );
    assert!(
        text(&out.stdout).contains("(0 new, 2 updated)"),
        "{}",
        text(&out.stdout)
    );

    // The console can import before it starts, and the imported people are there to speak as.
    let out = ambassador(
        &[
            "console",
            "--import",
            good.to_str().expect("path"),
            "--db",
            &db,
        ],
        "/who\n/as ann\n/quit\n",
        &[],
    );
    let stdout = text(&out.stdout);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(
        stdout.contains("lead — Lead, Ops, manager, admin"),
        "{stdout}"
    );
    assert!(
        stdout.contains("You are now Ann (ann, Ops/Support, en, Europe/London)."),
        "{stdout}"
    );

    let out = ambassador(
        &[
            "org",
            "import",
            good.to_str().expect("path"),
            "--db",
            &db,
            "--org",
            "T999",
        ],
        "",
        &[],
    );
    assert!(!out.status.success());
    assert!(
        text(&out.stderr)
            .contains("there is no org T999 in this database; known orgs: local (console)")
    );
}

#[test]
fn migrate_reads_the_database_from_the_environment() {
    let dir = tempfile::tempdir().expect("tmp");
    let db = format!(
        "sqlite://{}",
        dir.path().join("nested/dir/env.db").display()
    );
    let out = ambassador(&["migrate"], "", &[("AMBASSADOR__DATABASE__URL", &db)]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(text(&out.stdout).contains("The sqlite database is up to date"));
    assert!(
        dir.path().join("nested/dir/env.db").exists(),
        "the file and folders were created"
    );
}

#[test]
fn slack_credentials_are_checked_at_start_and_named() {
    let cases: [(&[(&str, &str)], &str); 5] = [
        (&[("SLACK_BOT_TOKEN", "xoxp-user-token")], "SLACK_BOT_TOKEN"),
        (
            &[("SLACK_APP_TOKEN", "xoxb-not-an-app-token")],
            "SLACK_APP_TOKEN",
        ),
        (&[("SLACK_BOT_TOKEN", "xoxb-1")], "SLACK_SIGNING_SECRET"),
        (
            &[
                ("SLACK_CLIENT_ID", "1.2"),
                ("SLACK_CLIENT_SECRET", "s"),
                ("SLACK_SIGNING_SECRET", "x"),
            ],
            "AMBASSADOR_TOKEN_KEY",
        ),
        (
            &[("AMBASSADOR_TOKEN_KEY", "too-short")],
            "AMBASSADOR_TOKEN_KEY",
        ),
    ];
    for (envs, key) in cases {
        let out = ambassador(&["migrate"], "", envs);
        assert!(!out.status.success(), "{envs:?} was accepted");
        let err = text(&out.stderr);
        assert!(err.contains(key), "{envs:?}: {err}");
    }
}

#[test]
fn serve_says_when_slack_cannot_be_reached() {
    let db = tempfile::tempdir().expect("dir");
    let url = format!("sqlite://{}", db.path().join("a.db").display());
    let out = ambassador(
        &["serve", "--bind", "127.0.0.1:0", "--db", &url],
        "",
        &[
            ("SLACK_BOT_TOKEN", "xoxb-1"),
            ("SLACK_SIGNING_SECRET", "secret"),
            ("SLACK_API_URL", "http://127.0.0.1:9/api"),
        ],
    );
    assert!(!out.status.success());
    let err = text(&out.stderr);
    assert!(
        err.contains("could not reach Slack at http://127.0.0.1:9/api"),
        "{err}"
    );
}

#[test]
fn a_bad_setting_stops_start_up_and_names_its_key() {
    let cases = [
        (
            "AMBASSADOR__NARRATIVE__MOMENT_SCHEDULE",
            "30 9 * * 1",
            "narrative.moment_schedule",
        ),
        (
            "AMBASSADOR__ORG__TIMEZONE",
            "Europe/Atlantis",
            "org.timezone",
        ),
        ("AMBASSADOR__ORG__LOCALE", "fr", "org.locale"),
        ("AMBASSADOR__DATABASE__URL", "mysql://db/x", "database.url"),
        // A misspelt section is refused, naming it; a platform's own section is read by its
        // adapter, which names its key.
        ("AMBASSADOR__KUDSO__CHANNEL", "kudos", "kudso"),
        (
            "AMBASSADOR__SLACK__KUDOS_REACTION",
            ":two words:",
            "slack.kudos_reaction",
        ),
        (
            "AMBASSADOR__KUDOS__DAILY_ALLOWANCE",
            "lots",
            "kudos.daily_allowance",
        ),
    ];
    for (var, value, key) in cases {
        let out = ambassador(&["migrate"], "", &[(var, value)]);
        assert!(!out.status.success(), "{var}={value} was accepted");
        let err = text(&out.stderr);
        assert!(err.contains(key), "{var}={value}: {err}");
    }
}

#[test]
fn default_config_prints_every_setting_with_comments() {
    let out = ambassador(&["default-config"], "", &[]);
    assert!(out.status.success());
    let stdout = text(&out.stdout);
    let shipped = std::fs::read_to_string(repo_root().join("config/default.toml")).expect("file");
    assert_eq!(stdout, shipped);
}

on_both_backends!(digest_and_export_print_team_figures_with_the_k_rule);

async fn digest_and_export_print_team_figures_with_the_k_rule(backend: Backend) {
    // A round answered by all of Support and Logistics, and by Mobile (3 people, under k).
    let mut c = crate::helpers::TestConsole::demo(backend).await;
    c.say("/as olivia").await;
    c.say(&format!("/advance {}m", (4 * 24 + 14 + 18) * 60))
        .await;
    for who in [
        "ana",
        "ben",
        "eleni",
        "nikos",
        "zofia",
        "sam",
        "kasia",
        "piotr",
        "maria",
        "liam",
        "sipho",
        "hana",
        "leo",
        "agnieszka",
    ] {
        c.say_as(who, "/pulse answer 4 4 3 5 9").await;
    }
    c.say("/advance 4d").await;
    let url = c.db.url.clone();

    let out = ambassador(
        &[
            "digest",
            "--manager",
            "sam@acme.example",
            "--week",
            "2026-W49",
            "--db",
            &url,
            "--format",
            "json",
        ],
        "",
        &[],
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    assert_eq!(json["week"], "2026-W49");
    // Sam is an admin: the whole organisation first, then the team he leads.
    assert_eq!(json["teams"][0]["team"], "Whole organisation");
    assert_eq!(json["teams"][0]["responded"], 14);
    assert_eq!(json["teams"][1]["team"], "Support");
    assert_eq!(json["teams"][1]["status"], "shown");
    assert_eq!(json["teams"][1]["score"], 4.0);
    assert_eq!(json["teams"][1]["responded"], 6);
    let chart = json["chart_file"].as_str().expect("a chart file");
    let png = std::fs::read(repo_root().join(chart)).expect("the chart was written");
    assert!(png.starts_with(b"\x89PNG"), "a PNG");

    let out = ambassador(
        &[
            "digest",
            "--manager",
            "hana@acme.example",
            "--week",
            "2026-W49",
            "--db",
            &url,
        ],
        "",
        &[],
    );
    let stdout = text(&out.stdout);
    assert!(stdout.contains("■ Engagement digest, 2026-W49"), "{stdout}");
    // Mobile (3) and Engineering (3 answered in all) are both under k: their answers count
    // only in the whole organisation.
    assert!(
        stdout.contains(
            "Fewer than 5 people answered, so their answers are counted in Whole organisation instead."
        ),
        "{stdout}"
    );
    assert!(!stdout.contains("Engagement: "), "{stdout}");

    let out = ambassador(
        &["digest", "--manager", "ana@acme.example", "--db", &url],
        "",
        &[],
    );
    assert!(!out.status.success());
    assert!(text(&out.stderr).contains("leads no department and is not an admin"));

    let out = ambassador(
        &[
            "export",
            "--format",
            "csv",
            "--to",
            "2027-01-01",
            "--db",
            &url,
        ],
        "",
        &[],
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    let csv = text(&out.stdout);
    assert!(
        csv.starts_with("round,opened,team,series,status,n,value,sd"),
        "{csv}"
    );
    assert!(
        csv.contains(",Operations/Support,engagement,shown,6,4.0,0.0"),
        "{csv}"
    );
    assert!(
        csv.contains(",Engineering/Mobile,engagement,rolled-up,,,"),
        "{csv}"
    );
    assert!(
        csv.contains(",(whole organisation),engagement,shown,14,"),
        "{csv}"
    );
    // Operations (11) beside the organisation (14) would leave three people: hidden.
    assert!(
        csv.contains(",Operations,engagement,suppressed,,,"),
        "{csv}"
    );
    // No figure for a group under k leaves the building.
    assert!(
        !csv.lines()
            .any(|l| l.contains("Engineering/Mobile") && l.contains(",shown,")),
        "{csv}"
    );

    let out = ambassador(
        &[
            "export",
            "--format",
            "json",
            "--to",
            "2027-01-01",
            "--db",
            &url,
        ],
        "",
        &[],
    );
    let rows: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    let rows = rows.as_array().expect("rows");
    // Each driver comes with its distribution: six people of Support answered 4 to the first.
    let first = rows
        .iter()
        .find(|r| r["team"] == "Operations/Support" && r["series"] == "recognition")
        .expect("a recognition row for Support");
    assert_eq!(first["distribution"], "{\"4\":6}");
    assert_eq!(first["n"], 6);
}

const PULSE_SCRIPT: &str = "\
/as olivia
/advance 4d
/advance 15h
/as hana
/click b6
/as olivia
/advance 7h
/advance 2h
/as eleni
/pulse answer 4 4 4 4 9
/as ana
/pulse answer 4 5 4 4 9
/pulse answer 4 5 4
/pulse answer 4 5 4 4 4
/as ben
/pulse answer 4 4 4 4 8
/as nikos
/pulse answer 5 4 4 4 9
/as zofia
/pulse answer 4 4 3 4 7
/as kasia
/pulse answer 4 4 4 4 8
/as piotr
/pulse answer 4 4 4 4 8
/as maria
/pulse answer 4 4 4 4 8
/as liam
/pulse answer 4 4 4 4 8
/as sipho
/pulse answer 4 4 4 4 8
/as sam
/advance 1d
/pulse answer 4 4 4 4 9
/pulse comment Customers love the new returns flow
/advance 4d
/pulse answer 3 3 3 3 3
/as hana
/engagement
/as sam
/engagement
/quit
";

on_both_backends!(a_piped_week_of_pulses_shows_local_times_reminders_answers_and_digests);

async fn a_piped_week_of_pulses_shows_local_times_reminders_answers_and_digests(backend: Backend) {
    let db = TestDb::new(backend).await;
    let out = ambassador(
        &[
            "console",
            "--import",
            DEMO_ORG,
            "--db",
            &db.url,
            "--start",
            "2026-11-25T10:00:00Z",
        ],
        PULSE_SCRIPT,
        &[],
    );
    let stdout = text(&out.stdout);
    assert!(out.status.success(), "{stdout}\n{}", text(&out.stderr));
    let position = |needle: &str| {
        stdout
            .find(needle)
            .unwrap_or_else(|| panic!("missing {needle:?} in:\n{stdout}"))
    };
    // Tokyo first, then Athens, then London and Lisbon: each at 10:00 local.
    let tokyo = position("── to @hana (direct message) ──");
    let athens = position("── to @eleni (direct message) ──");
    let lisbon = position("── to @ana (direct message) ──");
    assert!(tokyo < athens && athens < lisbon, "{stdout}");
    // Hana answers the first question with a button (b6 is "5" on her first question; b1 is
    // the "Open the dashboard" button of the digest she got before).
    position("Saved 5 for question 1. 4 questions to go.");
    position("Σ' ευχαριστούμε!");
    position("This round has 5 questions, so give 5 numbers in order (you gave 3).");
    position("Thank you! All 5 answers are saved.");
    // Sam had not answered: one reminder, 24 hours after his delivery.
    let reminder = position("■ A gentle reminder: your pulse check is still open");
    assert!(
        stdout[..reminder]
            .rfind("── to @sam (direct message) ──")
            .is_some()
    );
    position("Your anonymous comment is saved.");
    // After the round closed, a late answer is refused.
    position("This pulse round closed on 2026-12-03 18:00");
    // Hana's team of three is never shown on its own.
    position(
        "Fewer than 5 people answered, so their answers are counted in Whole organisation instead.",
    );
    // Sam's digest: figures, the comment and the chart written as a PNG file.
    position("Engagement: ");
    position("Customers love the new returns flow");
    let image = position("[image: ");
    let path = stdout[image..]
        .lines()
        .next()
        .and_then(|l| l.rsplit("] ").next())
        .expect("a path");
    let png = std::fs::read(repo_root().join(path)).expect("the chart file exists");
    assert!(png.starts_with(b"\x89PNG"));
}

on_both_backends!(two_processes_on_one_database_send_each_pulse_exactly_once);

async fn two_processes_on_one_database_send_each_pulse_exactly_once(backend: Backend) {
    let db = TestDb::new(backend).await;
    // Seed the demo org on Wednesday: the next round is scheduled for Monday.
    let seed = ambassador(
        &[
            "console",
            "--import",
            DEMO_ORG,
            "--db",
            &db.url,
            "--start",
            "2026-11-25T10:00:00Z",
        ],
        "/quit\n",
        &[],
    );
    assert!(seed.status.success(), "{}", text(&seed.stderr));
    // Two processes start at once on Monday evening, after every zone's 10:00: each runs what
    // is due (the round, then its 30 deliveries) as it starts.
    let spawn = || {
        Command::new(env!("CARGO_BIN_EXE_ambassador"))
            .args([
                "console",
                "--db",
                &db.url,
                "--start",
                "2026-11-30T20:00:00Z",
            ])
            .current_dir(repo_root())
            .env_remove("RUST_LOG")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("the binary runs")
    };
    let mut children = [spawn(), spawn()];
    for child in &mut children {
        if let Some(mut input) = child.stdin.take() {
            input.write_all(b"/quit\n").expect("stdin");
        }
    }
    let mut pulses: std::collections::BTreeMap<String, usize> = Default::default();
    for child in children {
        let out = child.wait_with_output().expect("finishes");
        assert!(out.status.success(), "{}", text(&out.stderr));
        let stdout = text(&out.stdout);
        // A pulse is a direct message whose first button row is the 1-5 answer scale.
        for message in stdout.split("── to @").skip(1) {
            let Some((who, body)) = message.split_once(" (direct message) ──") else {
                continue;
            };
            if body
                .lines()
                .any(|l| l.starts_with("[b") && l.contains("] 1   [b"))
            {
                *pulses.entry(who.to_string()).or_default() += 1;
            }
        }
    }
    assert_eq!(
        pulses.len(),
        30,
        "every active person got the pulse: {pulses:?}"
    );
    assert!(
        pulses.values().all(|n| *n == 1),
        "nobody got it twice: {pulses:?}"
    );
}

on_both_backends!(a_piped_quarter_of_weekly_pulses_flags_a_drop_to_the_right_manager);

/// The issue's "Done when" story through the binary: weeks of rounds answered by text, a team
/// whose answers fall after eight rounds of history, the alert reaching its manager (and no
/// other), and digests with a chart file.
async fn a_piped_quarter_of_weekly_pulses_flags_a_drop_to_the_right_manager(backend: Backend) {
    let db = TestDb::new(backend).await;
    let support = ["ana", "ben", "eleni", "nikos", "zofia", "sam"];
    let logistics = ["kasia", "piotr", "maria", "liam", "sipho"];
    let steady = [
        "4 4 5 4 4",
        "5 4 4 4 4",
        "4 5 4 4 5",
        "4 4 4 5 4",
        "3 4 4 4 4",
        "4 4 3 4 4",
    ];
    let fallen = [
        "2 3 2 2 2",
        "2 2 2 3 2",
        "3 2 2 2 2",
        "2 2 3 2 2",
        "2 2 2 2 3",
        "2 3 2 2 3",
    ];
    // From Wednesday 10:00 to Monday 20:00: every zone has had its round.
    let mut script = String::from("/as olivia\n/advance 7800m\n");
    for week in 0..11 {
        let answers = if week < 9 { steady } else { fallen };
        for (who, a) in support.iter().zip(answers) {
            script.push_str(&format!("/as {who}\n/pulse answer {a}\n"));
        }
        for who in logistics {
            script.push_str(&format!("/as {who}\n/pulse answer 4 4 4 4 4\n"));
        }
        script.push_str("/as olivia\n/advance 7d\n");
    }
    script.push_str("/as sam\n/engagement\n/quit\n");
    let out = ambassador(
        &[
            "console",
            "--import",
            DEMO_ORG,
            "--db",
            &db.url,
            "--start",
            "2026-11-25T10:00:00Z",
        ],
        &script,
        &[],
    );
    let stdout = text(&out.stdout);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let alert = stdout
        .split("── to @sam (direct message) ──\n■ Engagement alert: Support")
        .nth(1)
        .unwrap_or_else(|| panic!("no alert for Sam in:\n{stdout}"));
    assert!(alert.contains("Engagement has fallen from"), "{alert}");
    assert!(
        !stdout.contains("■ Engagement alert: Logistics"),
        "Logistics did not change"
    );
    assert!(
        !stdout.contains("── to @kasia (direct message) ──\n■ Engagement alert"),
        "Kasia's team did not change"
    );
    // Weekly digests went out on their own, with a chart file each time.
    assert!(
        stdout.matches("■ Engagement digest").count() >= 10,
        "{stdout}"
    );
    let last = stdout
        .rsplit("■ Engagement digest")
        .next()
        .expect("a digest");
    assert!(last.contains("Drops flagged"), "{last}");
    let path = last
        .lines()
        .find(|l| l.starts_with("[image: "))
        .and_then(|l| l.rsplit("] ").next())
        .expect("a chart");
    assert!(std::fs::read(repo_root().join(path)).is_ok_and(|png| png.starts_with(b"\x89PNG")));
}

/// Checks a Teams app package the way Teams' upload does, with Python's own zip and JSON
/// readers rather than ours: the files, the manifest's fields and limits, the icons' sizes and
/// the translations.
const CHECK_TEAMS_PACKAGE: &str = r#"
import json, struct, sys, zipfile
path, app_id = sys.argv[1], sys.argv[2]
z = zipfile.ZipFile(path)
assert z.testzip() is None, "a damaged entry"
names = sorted(z.namelist())
assert names == ["color.png", "el.json", "manifest.json", "outline.png", "pl.json"], names
m = json.loads(z.read("manifest.json").decode("utf-8"))
assert m["manifestVersion"] == "1.17", m["manifestVersion"]
assert m["id"] == app_id and m["bots"][0]["botId"] == app_id
assert len(m["name"]["short"]) <= 30 and len(m["name"].get("full", "")) <= 100
assert len(m["description"]["short"]) <= 80 and len(m["description"]["full"]) <= 4000
for key in ("websiteUrl", "privacyUrl", "termsOfUseUrl"):
    assert m["developer"][key].startswith("https://"), key
bot = m["bots"][0]
assert {"personal", "team"} <= set(bot["scopes"]), bot["scopes"]
commands = [c for lst in bot["commandLists"] for c in lst["commands"]]
assert {c["title"] for c in commands} >= {"kudos", "pulse", "help", "narrative"}, commands
for c in commands:
    assert len(c["title"]) <= 32 and len(c["description"]) <= 128, c
def size(name):
    png = z.read(name)
    assert png[:8] == b"\x89PNG\r\n\x1a\n", name
    return struct.unpack(">II", png[16:24])
assert size("color.png") == (192, 192), size("color.png")
assert size("outline.png") == (32, 32), size("outline.png")
tags = {l["languageTag"]: l["file"] for l in m["localizationInfo"]["additionalLanguages"]}
assert tags == {"el": "el.json", "pl": "pl.json"}, tags
for tag, f in tags.items():
    t = json.loads(z.read(f).decode("utf-8"))
    assert t["description.short"] != m["description"]["short"], tag
    assert len(t["description.short"]) <= 80 and len(t["description.full"]) <= 4000, tag
print("ok", len(commands))
"#;

#[test]
fn teams_package_writes_an_app_package_teams_accepts() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let out = dir.path().join("ambassador-teams.zip");
    let app_id = "8a1f2c4e-0b7d-4e59-9c3a-6d2e1f0a9b7c";
    let envs = [
        ("TEAMS_APP_ID", app_id),
        ("TEAMS_APP_PASSWORD", "secret"),
        ("TEAMS_TENANT_ID", "72f988bf-86f1-41af-91ab-2d7cd011db47"),
    ];
    let out_arg = out.to_string_lossy().into_owned();
    let run = ambassador(&["teams", "package", "--out", &out_arg], "", &envs);
    assert!(run.status.success(), "{}", text(&run.stderr));
    let said = text(&run.stdout);
    assert!(
        said.contains(app_id) && said.contains("Upload it in Teams"),
        "{said}"
    );
    let check = Command::new("python3")
        .args(["-c", CHECK_TEAMS_PACKAGE, &out_arg, app_id])
        .output()
        .expect("python3 runs");
    assert!(
        check.status.success(),
        "the package fails Teams' checks: {}{}",
        text(&check.stdout),
        text(&check.stderr)
    );
}

#[test]
fn teams_package_without_an_app_id_names_it_and_writes_nothing() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let out = dir.path().join("package.zip");
    let out_arg = out.to_string_lossy().into_owned();
    let run = ambassador(&["teams", "package", "--out", &out_arg], "", &[]);
    assert!(!run.status.success());
    assert!(
        text(&run.stderr).contains("TEAMS_APP_ID"),
        "{}",
        text(&run.stderr)
    );
    assert!(!out.exists() && !out.with_extension("partial").exists());
}
