//! Any bytes POSTed to the Teams endpoint: decoding never panics, and neither does anything
//! the adapter then reads from a decoded activity.
#![no_main]

use ambassador::platform::teams::{activity, mentions, render};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(activity) = activity::decode(data) else {
        return;
    };
    let _ = (
        activity.tenant_id(),
        activity.is_personal(),
        activity.team_id(),
        activity.installation(),
        activity.adds_bot(),
        activity.removes_bot(),
        activity.people_added().count(),
    );
    if let Some(press) = activity.invoke_action() {
        let _ = render::clicked_action(&press.data);
        let _ = render::read_submission(&press.data);
    }
    if let Some(value) = &activity.value {
        let _ = render::read_submission(value);
    }
    let bot = activity.recipient.id.clone();
    let line = mentions::command_text(&activity, &bot, |a| Some(format!("dir-{}", a.id)));
    assert_eq!(
        line.matches(mentions::MENTION_MARK).count() % 2,
        0,
        "{line:?}"
    );
});
