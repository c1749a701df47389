//! The guild's members and the org chart on Discord: members are read page by page at start,
//! a chart row is linked by its `discord_id` whatever the username, else by username; a member
//! the chart does not list is in the directory with a placeholder address until the chart
//! lists them, and then the chart's address and department win.

use ambassador::bot::{ImportError, import_org_chart};
use ambassador::store::prelude::*;

use super::fake::{self, FakeMember};
use super::harness::{DiscordHarness, Mode};
use crate::helpers::Backend;
use crate::on_both_backends;

on_both_backends!(
    members_are_read_page_by_page_and_matched_by_discord_id_or_username,
    a_bad_discord_id_in_the_chart_is_named_with_its_line_and_nothing_changes,
);

const CHART: &str = "email,name,department,manager_email,timezone,locale,admin,discord_id\n\
    mira@acme.example,Mira Novak,Operations/Support,,,,no,1190000000000000777\n\
    casey.visitor@acme.example,Casey Visitor,Operations/Support,,,,no,\n";

async fn members_are_read_page_by_page_and_matched_by_discord_id_or_username(backend: Backend) {
    let h = DiscordHarness::start(backend, Mode::Http).await;
    // A guild of 2,300 more members, and Mira whose username says nothing of her email.
    let mut mira = FakeMember::new("stardust_99", "Mira");
    mira.user_id = "1190000000000000777".into();
    h.fake.add_member(mira.clone());
    h.fake.add_members(fake::generated_members(2300));
    h.fake.reset();
    ambassador::platform::discord::directory::sync_guild(&h.platform(), fake::GUILD_ID)
        .await
        .expect("the guild is read");
    let pages = h.fake.member_page_requests();
    assert!(pages.len() >= 3, "pages of 1,000: {pages:?}");
    assert!(pages.iter().all(|(limit, _)| *limit == 1000), "{pages:?}");
    assert_eq!(pages[0].1, "0");
    for pair in pages.windows(2) {
        assert!(
            pair[1].1 > pair[0].1,
            "each page starts after the last: {pages:?}"
        );
    }
    let member = h
        .store
        .person_by_platform_id(h.org.id, "1200000000000002300")
        .await
        .expect("people");
    assert!(member.is_some(), "the last page's members are read too");

    // Casey is in the guild, not in the demo chart: known by a placeholder address. Mira is
    // known by her username only.
    let casey = h.member("casey.visitor");
    let before = h
        .store
        .person_by_platform_id(h.org.id, &casey.user_id)
        .await
        .expect("people")
        .expect("Casey joined with the guild");
    assert!(
        before.email.ends_with("@members.invalid"),
        "{}",
        before.email
    );
    assert_eq!(before.department_id, None);

    import_org_chart(&h.store, &h.config(), &h.org, CHART, h.now())
        .await
        .expect("the chart imports");
    let casey_now = h
        .store
        .person_by_platform_id(h.org.id, &casey.user_id)
        .await
        .expect("people")
        .expect("still Casey");
    assert_eq!(casey_now.id, before.id, "the same person, not a second one");
    assert_eq!(casey_now.email, "casey.visitor@acme.example");
    assert!(casey_now.department_id.is_some(), "the chart placed Casey");
    let mira_now = h
        .store
        .person_by_platform_id(h.org.id, &mira.user_id)
        .await
        .expect("people")
        .expect("Mira is linked by her discord_id");
    assert_eq!(mira_now.email, "mira@acme.example");
    assert_eq!(mira_now.display_name, "Mira Novak", "the chart's name wins");
    let strays = h
        .store
        .people(h.org.id)
        .await
        .expect("people")
        .into_iter()
        .filter(|p| p.email == "stardust_99@members.invalid" && p.platform_user_id.is_some())
        .count();
    assert_eq!(strays, 0, "no second Mira holds her account");
}

async fn a_bad_discord_id_in_the_chart_is_named_with_its_line_and_nothing_changes(
    backend: Backend,
) {
    let h = DiscordHarness::start(backend, Mode::Http).await;
    let people_before = h.store.people(h.org.id).await.expect("people").len();
    let chart = "email,name,department,manager_email,timezone,locale,admin,discord_id\n\
        new.one@acme.example,New One,Operations/Support,,,,no,12ab\n\
        new.two@acme.example,New Two,Operations/Support,,,,no,1190000000000000888\n\
        new.three@acme.example,New Three,Operations/Support,,,,no,1190000000000000888\n";
    let err = import_org_chart(&h.store, &h.config(), &h.org, chart, h.now())
        .await
        .expect_err("refused");
    let ImportError::Invalid(problems) = err else {
        panic!("not a validation error: {err:?}")
    };
    let lines: Vec<usize> = problems.iter().map(|p| p.line).collect();
    assert_eq!(lines, vec![2, 4], "{problems:?}");
    assert_eq!(
        h.store.people(h.org.id).await.expect("people").len(),
        people_before,
        "nothing imported"
    );
}
