//! Keeping the directory in step with a chat platform's member list.
//!
//! A platform adapter lists its users as [`PlatformUser`]s (Slack's `users.list`); [`plan_sync`]
//! decides, without touching the database, what that list means for the people the directory
//! already holds. The store then applies the plan in one transaction.
//!
//! Two sources describe people, and the rules keep them from undoing each other:
//!
//! - **The org chart (CSV) is the admin's word.** Departments, managers and admin rights come
//!   only from it. A name, and a time zone or language written in the file, outrank the
//!   platform's; a blank cell lets the platform's value through.
//! - **The platform fills in the rest and keeps it current**: who exists, their email, their
//!   name, time zone and language where the chart said nothing, and whether their account still
//!   exists.
//! - **A person is active only while neither source says otherwise**: the chart's `active` flag
//!   and the platform's "not deleted" are kept apart, so a sync never revives someone the chart
//!   switched off, and an import never revives someone whose account was deleted.
//!
//! Matching a platform user to a person: first by platform user id, then by email (compared
//! lower-cased), the key the org chart uses. Nobody is ever removed: people whose platform user
//! is missing from the list are left as they are (a partial list must not empty the directory).

use std::collections::{HashMap, HashSet};

use chrono_tz::Tz;

use crate::core::ids::PersonId;
use crate::core::locale::Locale;

/// A member of a chat workspace as its platform describes them, free of platform types, so the
/// directory rules can be written and tested once for every platform.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlatformUser {
    /// The platform's id for them (`U024BE7LH` on Slack); the directory's link to the account.
    pub platform_user_id: String,
    /// The name colleagues see; may be empty when the profile has none.
    pub display_name: String,
    /// Their email as the platform reports it; the key the org chart is matched on. `None` when
    /// the platform withholds it (no email scope) or the account has none.
    pub email: Option<String>,
    /// IANA time zone name as the platform reports it (unvalidated).
    pub timezone: Option<String>,
    /// The platform's language tag (`en-US`, `el-GR`), if it reported one.
    pub locale: Option<String>,
    /// False once the account is deleted or deactivated.
    pub is_active: bool,
    /// Bots and apps are not people: they are never added to the directory.
    pub is_bot: bool,
    /// A guest account (Slack's single- and multi-channel guests): usually someone from outside
    /// the company, so added only when the org chart lists them (then linked by email as
    /// anyone else), never on the platform's word alone.
    pub is_guest: bool,
    /// Their unique username where the platform has one and no email (Discord): matched to
    /// the handle the org chart gives a person (the part of their email before `@`) when
    /// neither the platform id nor the email finds them.
    pub username: Option<String>,
}

/// The domain of the placeholder address a person gets when their platform has no emails
/// (Discord): a reserved top-level domain no mail is ever sent to. The org chart replaces it
/// with their real address when it lists them (matched by platform id or handle).
pub const PLACEHOLDER_EMAIL_DOMAIN: &str = "@members.invalid";

/// The placeholder address for `username` (see [`PLACEHOLDER_EMAIL_DOMAIN`]): the username
/// becomes the person's handle, as the part before `@` does for everyone.
pub fn placeholder_email(username: &str) -> Option<String> {
    normalize_email(&format!("{}{PLACEHOLDER_EMAIL_DOMAIN}", username.trim()))
}

/// Maps a platform language tag to one the bot speaks; `None` (keep what the person has, or
/// the org default for someone new) for any other language, since guessing a language someone
/// cannot read is worse than the org's.
pub fn platform_locale(tag: &str) -> Option<Locale> {
    Locale::parse(tag)
}

/// Reads a platform's time zone name; `None` for anything that is not an IANA zone, so a
/// strange value never moves someone's deliveries.
pub fn platform_timezone(name: &str) -> Option<Tz> {
    name.trim().parse().ok()
}

/// Lower-cases and checks an email the way the org chart import does (`local@domain.tld`), so
/// both sources produce the same key; `None` for anything else.
pub fn normalize_email(raw: &str) -> Option<String> {
    let email = raw.trim().to_lowercase();
    let (local, domain) = email.split_once('@')?;
    let valid = !local.is_empty()
        && domain.contains('.')
        && !domain.contains('@')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && !email.contains(char::is_whitespace);
    valid.then_some(email)
}

/// A handle no one in `taken` has, for a person the directory has not seen before.
///
/// The base is what the org chart would choose (the lower-cased part of the email before `@`),
/// else a slug of the display name, else the lower-cased platform id; a base already in use
/// gets `-2`, `-3`, … so two `ann@…` addresses on different domains can both be mentioned.
pub fn unique_handle(
    email: Option<&str>,
    display_name: &str,
    platform_user_id: &str,
    taken: &HashSet<String>,
) -> String {
    let from_email = email
        .and_then(|e| e.split_once('@'))
        .map(|(local, _)| local.trim().to_lowercase())
        .filter(|l| !l.is_empty());
    let base = from_email
        .or_else(|| Some(slug(display_name)).filter(|s| !s.is_empty()))
        .or_else(|| Some(slug(platform_user_id)).filter(|s| !s.is_empty()))
        .unwrap_or_else(|| "person".to_string());
    if !taken.contains(&base) {
        return base;
    }
    (2u64..)
        .map(|n| format!("{base}-{n}"))
        .find(|candidate| !taken.contains(candidate))
        .unwrap_or(base)
}

/// Lower-cased letters and digits with single `-` between words: `Ana Silva-Reis` →
/// `ana-silva-reis`.
fn slug(text: &str) -> String {
    let mut out = String::new();
    for c in text.chars().flat_map(char::to_lowercase) {
        if c.is_alphanumeric() {
            out.push(c);
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    while out.ends_with('-') {
        out.pop();
    }
    out
}

/// What the directory holds about a person, as far as a sync may read or change it; the store
/// loads these so [`plan_sync`] can decide without a database.
#[derive(Debug, Clone, PartialEq)]
pub struct DirectoryEntry {
    /// Database id.
    pub id: PersonId,
    /// Linked platform user, if any.
    pub platform_user_id: Option<String>,
    /// Lower-cased email.
    pub email: String,
    /// Their handle (never changed by a sync: mentions must stay stable).
    pub handle: String,
    /// Current name.
    pub display_name: String,
    /// Current time zone.
    pub timezone: Tz,
    /// Current language.
    pub locale: Locale,
    /// The org chart named them, so its name wins.
    pub name_from_chart: bool,
    /// The org chart wrote a time zone for them, so it wins.
    pub timezone_from_chart: bool,
    /// The org chart wrote a language for them, so it wins.
    pub locale_from_chart: bool,
    /// The org chart's `active` flag (true when no chart said otherwise).
    pub chart_active: bool,
    /// False once their platform account was reported deleted.
    pub platform_active: bool,
    /// Whether they take part: `chart_active && platform_active`.
    pub is_active: bool,
}

/// A person to add because the platform has them and the directory does not.
#[derive(Debug, Clone, PartialEq)]
pub struct NewMember {
    /// Their platform id.
    pub platform_user_id: String,
    /// A handle nobody else has.
    pub handle: String,
    /// Lower-cased email.
    pub email: String,
    /// Their name (the handle when the platform gave none).
    pub display_name: String,
    /// The platform's zone, or the org's.
    pub timezone: Tz,
    /// The platform's language when the bot speaks it, or the org's.
    pub locale: Locale,
}

/// New values for a person the platform knows; only built when something differs.
#[derive(Debug, Clone, PartialEq)]
pub struct MemberUpdate {
    /// Who.
    pub id: PersonId,
    /// The platform user they are (now) linked to.
    pub platform_user_id: String,
    /// Email, followed when the platform's changed and no one else has the new one.
    pub email: String,
    /// Name.
    pub display_name: String,
    /// Time zone.
    pub timezone: Tz,
    /// Language.
    pub locale: Locale,
    /// Whether the platform account exists.
    pub platform_active: bool,
    /// `chart_active && platform_active`.
    pub is_active: bool,
    /// This update switches an active person off because their account was deleted.
    pub deactivates: bool,
}

/// Why a platform user did not reach the directory; reported so an admin can tell a missing
/// email scope from a normal bot.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SkipReason {
    /// A bot or app user.
    Bot,
    /// The same platform id appeared twice in the list; the first one counted.
    Duplicate,
    /// Deleted on the platform and never in the directory: nothing to switch off.
    DeletedUnknown,
    /// A guest the org chart does not list.
    Guest,
    /// Not in the directory and no usable email, so a later org chart could never be matched
    /// to them (the directory is keyed on email).
    NoEmail,
    /// Their email belongs to a person linked to another, still active, platform user.
    EmailTaken,
}

/// A platform user left out of the directory, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Skipped {
    /// Their platform id.
    pub platform_user_id: String,
    /// Why.
    pub reason: SkipReason,
}

/// Everything a sync will write, decided up front so the store applies it in one transaction.
///
/// Updates are in an order that is safe to apply one by one: an email a person gives up is
/// taken over only by someone after them, and people are added after every update.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct SyncPlan {
    /// People to add.
    pub create: Vec<NewMember>,
    /// People to change.
    pub update: Vec<MemberUpdate>,
    /// Platform users matched to a person whose row already says it all.
    pub unchanged: usize,
    /// Platform users left out.
    pub skipped: Vec<Skipped>,
}

/// Decides what a platform's user list means for the directory.
///
/// Rules, in order:
/// 1. Bots are skipped, and a platform id seen twice counts once.
/// 2. Active users are handled before deleted ones, so when someone's old account was deleted
///    and a new one has the same email, the new account takes the person over.
/// 3. A user is matched to a person by platform id; else by email, if that person is not linked
///    yet, or (for an active user) is linked to a platform user that is not active in this list;
///    else, for platforms with usernames and no emails, by username equal to the handle of a
///    person not linked yet.
/// 4. A matched person gets the user's platform id, email (if no one else has it), name, time
///    zone and language (each unless the org chart set it, and only valid values) and
///    account state. Department, manager, admin rights and handle are never touched.
/// 5. An unmatched active user with a usable email that nobody has becomes a new person with
///    no department (the org chart adds that). Deleted users and guests are never added, and
///    users with no email are not either: the chart could never find them.
///
/// `org_timezone` and `org_locale` are what a new person gets when the platform's value is
/// missing or unusable.
pub fn plan_sync(
    existing: &[DirectoryEntry],
    users: &[PlatformUser],
    org_timezone: Tz,
    org_locale: Locale,
) -> SyncPlan {
    let mut plan = SyncPlan::default();

    // 1. Bots out, duplicates out.
    let mut seen: HashSet<&str> = HashSet::new();
    let mut people: Vec<&PlatformUser> = Vec::with_capacity(users.len());
    for user in users {
        let reason = if user.is_bot {
            Some(SkipReason::Bot)
        } else if !seen.insert(user.platform_user_id.as_str()) {
            Some(SkipReason::Duplicate)
        } else {
            None
        };
        match reason {
            Some(reason) => plan.skipped.push(Skipped {
                platform_user_id: user.platform_user_id.clone(),
                reason,
            }),
            None => people.push(user),
        }
    }
    // 2. Active accounts first (a stable sort keeps the platform's order otherwise).
    people.sort_by_key(|u| !u.is_active);
    let active_ids: HashSet<&str> = people
        .iter()
        .filter(|u| u.is_active)
        .map(|u| u.platform_user_id.as_str())
        .collect();

    let by_id: HashMap<&str, usize> = existing
        .iter()
        .enumerate()
        .filter_map(|(i, p)| p.platform_user_id.as_deref().map(|id| (id, i)))
        .collect();
    let by_email: HashMap<&str, usize> = existing
        .iter()
        .enumerate()
        .map(|(i, p)| (p.email.as_str(), i))
        .collect();
    let unlinked_by_handle: HashMap<&str, usize> = existing
        .iter()
        .enumerate()
        .filter(|(_, p)| p.platform_user_id.is_none())
        .map(|(i, p)| (p.handle.as_str(), i))
        .collect();
    // Who holds each email and handle as the plan goes, so no write breaks a unique key.
    let mut email_holder: HashMap<String, Option<usize>> = existing
        .iter()
        .enumerate()
        .map(|(i, p)| (p.email.clone(), Some(i)))
        .collect();
    let mut handles: HashSet<String> = existing.iter().map(|p| p.handle.clone()).collect();
    let mut claimed: HashSet<usize> = HashSet::new();

    for user in people {
        let email = user.email.as_deref().and_then(normalize_email);
        // 3. Match.
        let matched = by_id
            .get(user.platform_user_id.as_str())
            .copied()
            .filter(|i| !claimed.contains(i))
            .or_else(|| {
                let i = *by_email.get(email.as_deref()?)?;
                let free = match existing[i].platform_user_id.as_deref() {
                    None => true,
                    Some(other) => user.is_active && !active_ids.contains(other),
                };
                (free && !claimed.contains(&i)).then_some(i)
            })
            .or_else(|| {
                let name = user.username.as_deref()?.trim().to_lowercase();
                let i = *unlinked_by_handle.get(name.as_str())?;
                (user.is_active && !claimed.contains(&i)).then_some(i)
            });
        let Some(i) = matched else {
            // 5. Someone new, if we can.
            let reason = if !user.is_active {
                Some(SkipReason::DeletedUnknown)
            } else if user.is_guest {
                Some(SkipReason::Guest)
            } else {
                match &email {
                    None => Some(SkipReason::NoEmail),
                    Some(e) if email_holder.contains_key(e) => Some(SkipReason::EmailTaken),
                    Some(_) => None,
                }
            };
            if let Some(reason) = reason {
                plan.skipped.push(Skipped {
                    platform_user_id: user.platform_user_id.clone(),
                    reason,
                });
                continue;
            }
            let Some(email) = email else { continue };
            let handle = unique_handle(
                Some(&email),
                &user.display_name,
                &user.platform_user_id,
                &handles,
            );
            handles.insert(handle.clone());
            email_holder.insert(email.clone(), None);
            let name = user.display_name.trim();
            plan.create.push(NewMember {
                platform_user_id: user.platform_user_id.clone(),
                display_name: if name.is_empty() {
                    handle.clone()
                } else {
                    name.to_string()
                },
                handle,
                email,
                timezone: user
                    .timezone
                    .as_deref()
                    .and_then(platform_timezone)
                    .unwrap_or(org_timezone),
                locale: user
                    .locale
                    .as_deref()
                    .and_then(platform_locale)
                    .unwrap_or(org_locale),
            });
            continue;
        };
        claimed.insert(i);
        let person = &existing[i];

        // 4. Follow the platform where the chart is silent.
        let new_email = match email {
            // A placeholder never replaces an address (the chart's, or one the platform gave).
            Some(e)
                if e != person.email
                    && !e.ends_with(PLACEHOLDER_EMAIL_DOMAIN)
                    && !email_holder.contains_key(&e) =>
            {
                email_holder.remove(&person.email);
                email_holder.insert(e.clone(), Some(i));
                e
            }
            _ => person.email.clone(),
        };
        let name = user.display_name.trim();
        let display_name = if person.name_from_chart || name.is_empty() {
            person.display_name.clone()
        } else {
            name.to_string()
        };
        let timezone = user
            .timezone
            .as_deref()
            .and_then(platform_timezone)
            .filter(|_| !person.timezone_from_chart)
            .unwrap_or(person.timezone);
        let locale = user
            .locale
            .as_deref()
            .and_then(platform_locale)
            .filter(|_| !person.locale_from_chart)
            .unwrap_or(person.locale);
        let platform_active = user.is_active;
        let is_active = person.chart_active && platform_active;
        let changed = person.platform_user_id.as_deref() != Some(user.platform_user_id.as_str())
            || new_email != person.email
            || display_name != person.display_name
            || timezone != person.timezone
            || locale != person.locale
            || platform_active != person.platform_active
            || is_active != person.is_active;
        if changed {
            plan.update.push(MemberUpdate {
                id: person.id,
                platform_user_id: user.platform_user_id.clone(),
                email: new_email,
                display_name,
                timezone,
                locale,
                platform_active,
                is_active,
                deactivates: person.is_active && !is_active,
            });
        } else {
            plan.unchanged += 1;
        }
    }
    plan
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono_tz::{America, Europe, UTC};

    fn user(id: &str, name: &str, email: Option<&str>) -> PlatformUser {
        PlatformUser {
            platform_user_id: id.into(),
            display_name: name.into(),
            email: email.map(str::to_string),
            timezone: None,
            locale: None,
            is_active: true,
            is_bot: false,
            username: None,
            is_guest: false,
        }
    }

    fn entry(id: i64, email: &str, platform_user_id: Option<&str>) -> DirectoryEntry {
        DirectoryEntry {
            id: PersonId(id),
            platform_user_id: platform_user_id.map(str::to_string),
            email: email.into(),
            handle: email.split('@').next().unwrap_or_default().into(),
            display_name: "Someone".into(),
            timezone: UTC,
            locale: Locale::En,
            name_from_chart: false,
            timezone_from_chart: false,
            locale_from_chart: false,
            chart_active: true,
            platform_active: true,
            is_active: true,
        }
    }

    fn plan(existing: &[DirectoryEntry], users: &[PlatformUser]) -> SyncPlan {
        plan_sync(existing, users, Europe::London, Locale::El)
    }

    #[test]
    fn platform_locales_map_to_the_languages_the_bot_speaks() {
        assert_eq!(platform_locale("en-US"), Some(Locale::En));
        assert_eq!(platform_locale("el-GR"), Some(Locale::El));
        assert_eq!(platform_locale("pl-PL"), Some(Locale::Pl));
        assert_eq!(platform_locale("de-DE"), None, "no German catalog");
        assert_eq!(platform_locale(""), None);
    }

    #[test]
    fn only_iana_time_zones_are_accepted() {
        assert_eq!(platform_timezone("Europe/Athens"), Some(Europe::Athens));
        assert_eq!(platform_timezone("Mars/Olympus"), None);
        assert_eq!(platform_timezone(""), None);
    }

    #[test]
    fn emails_are_lower_cased_and_checked_like_the_org_chart_does() {
        assert_eq!(
            normalize_email(" Ann.Lee@Acme.IO "),
            Some("ann.lee@acme.io".into())
        );
        assert_eq!(normalize_email("nobody"), None);
        assert_eq!(normalize_email("@acme.io"), None);
        assert_eq!(normalize_email("ann@localhost"), None);
    }

    #[test]
    fn handles_come_from_the_email_then_the_name_and_never_collide() {
        let taken: HashSet<String> = ["ann".to_string(), "ann-2".to_string()].into();
        assert_eq!(
            unique_handle(Some("Ann@x.io"), "Ann", "U1", &HashSet::new()),
            "ann"
        );
        assert_eq!(
            unique_handle(Some("ann@y.io"), "Ann", "U1", &taken),
            "ann-3"
        );
        assert_eq!(
            unique_handle(None, "  Ana Silva-Reis ", "U1", &HashSet::new()),
            "ana-silva-reis"
        );
        assert_eq!(unique_handle(None, "!!", "U1AB", &HashSet::new()), "u1ab");
    }

    #[test]
    fn unknown_people_with_an_email_are_added_with_their_zone_and_language() {
        let mut ann = user("U1", "Ann Lee", Some("Ann@Acme.io"));
        ann.timezone = Some("America/New_York".into());
        ann.locale = Some("pl-PL".into());
        let mut bo = user("U2", "", Some("bo@acme.io"));
        bo.timezone = Some("Nowhere/Special".into());
        bo.locale = Some("ja-JP".into());

        let plan = plan(&[], &[ann, bo]);

        assert_eq!(plan.create.len(), 2);
        let new_ann = &plan.create[0];
        assert_eq!(new_ann.email, "ann@acme.io");
        assert_eq!(new_ann.handle, "ann");
        assert_eq!(new_ann.timezone, America::New_York);
        assert_eq!(new_ann.locale, Locale::Pl);
        let new_bo = &plan.create[1];
        assert_eq!(new_bo.display_name, "bo", "no name: the handle stands in");
        assert_eq!(
            (new_bo.timezone, new_bo.locale),
            (Europe::London, Locale::El),
            "unusable values take the org's"
        );
    }

    #[test]
    fn bots_deleted_strangers_and_users_without_email_are_left_out() {
        let mut bot = user("B1", "Helper", Some("bot@acme.io"));
        bot.is_bot = true;
        let mut gone = user("U9", "Gone", Some("gone@acme.io"));
        gone.is_active = false;
        let nameless = user("U3", "No Mail", None);
        let twice = user("U4", "Twice", Some("twice@acme.io"));
        let mut guest = user("U5", "Client", Some("client@client.example"));
        guest.is_guest = true;

        let plan = plan(&[], &[bot, gone, nameless, twice.clone(), twice, guest]);

        let reasons: Vec<(&str, SkipReason)> = plan
            .skipped
            .iter()
            .map(|s| (s.platform_user_id.as_str(), s.reason))
            .collect();
        assert!(reasons.contains(&("B1", SkipReason::Bot)));
        assert!(reasons.contains(&("U9", SkipReason::DeletedUnknown)));
        assert!(reasons.contains(&("U3", SkipReason::NoEmail)));
        assert!(reasons.contains(&("U4", SkipReason::Duplicate)));
        assert!(reasons.contains(&("U5", SkipReason::Guest)));
        assert_eq!(plan.create.len(), 1, "only the first U4");
    }

    #[test]
    fn a_person_from_the_org_chart_is_linked_by_email_whatever_its_case() {
        let existing = [entry(1, "ann@acme.io", None)];
        let mut ann = user("U1", "Ann Lee", Some("ANN@acme.io"));
        ann.timezone = Some("Europe/Warsaw".into());

        let plan = plan(&existing, &[ann]);

        assert!(plan.create.is_empty());
        let update = &plan.update[0];
        assert_eq!(update.platform_user_id, "U1");
        assert_eq!(update.email, "ann@acme.io");
        assert_eq!(update.display_name, "Ann Lee");
        assert_eq!(update.timezone, Europe::Warsaw);
        assert!(!update.deactivates);
    }

    #[test]
    fn a_guest_the_org_chart_lists_is_linked() {
        let existing = [entry(1, "cy@contractor.example", None)];
        let mut cy = user("U7", "Cy", Some("cy@contractor.example"));
        cy.is_guest = true;

        let plan = plan(&existing, &[cy]);

        assert_eq!(plan.update[0].platform_user_id, "U7");
        assert!(plan.skipped.is_empty());
    }

    #[test]
    fn what_the_org_chart_wrote_outranks_the_platform() {
        let mut chart_person = entry(1, "ann@acme.io", Some("U1"));
        chart_person.name_from_chart = true;
        chart_person.timezone_from_chart = true;
        chart_person.locale_from_chart = true;
        chart_person.display_name = "Ann (HR)".into();
        chart_person.locale = Locale::El;
        let mut ann = user("U1", "Ann Lee", Some("ann@acme.io"));
        ann.timezone = Some("Europe/Warsaw".into());
        ann.locale = Some("en-US".into());

        let plan = plan(&[chart_person], &[ann]);

        assert_eq!(plan.unchanged, 1);
        assert!(plan.update.is_empty());
    }

    #[test]
    fn a_known_user_whose_values_did_not_change_is_unchanged() {
        let mut known = entry(1, "ann@acme.io", Some("U1"));
        known.display_name = "Ann".into();
        let mut ann = user("U1", "Ann", Some("ann@acme.io"));
        ann.locale = Some("de-DE".into());

        let plan = plan(&[known], &[ann]);

        assert_eq!((plan.unchanged, plan.update.len()), (1, 0));
    }

    #[test]
    fn a_deleted_account_switches_its_person_off_but_the_chart_flag_is_kept_apart() {
        let existing = [entry(1, "ann@acme.io", Some("U1"))];
        let mut ann = user("U1", "Someone", Some("ann@acme.io"));
        ann.is_active = false;

        let plan1 = plan(&existing, std::slice::from_ref(&ann));

        let update = &plan1.update[0];
        assert!(update.deactivates && !update.is_active && !update.platform_active);

        // Switched off by the chart: an active account does not switch them back on.
        let mut off = entry(1, "ann@acme.io", Some("U1"));
        off.chart_active = false;
        off.is_active = false;
        ann.is_active = true;
        let plan2 = plan(&[off], &[ann]);
        assert_eq!(plan2.unchanged, 1);
    }

    #[test]
    fn a_new_account_with_the_email_of_a_deleted_one_takes_the_person_over() {
        let existing = [entry(1, "ann@acme.io", Some("U1"))];
        let mut old = user("U1", "Ann", Some("ann@acme.io"));
        old.is_active = false;
        let new = user("U2", "Ann", Some("ann@acme.io"));

        // The deleted account comes first in the list; active ones are still handled first.
        let plan = plan(&existing, &[old, new]);

        assert_eq!(plan.update.len(), 1);
        assert_eq!(plan.update[0].platform_user_id, "U2");
        assert!(plan.update[0].is_active);
        assert!(plan.create.is_empty());
    }

    #[test]
    fn an_email_held_by_someone_linked_to_another_active_user_is_not_taken() {
        let existing = [entry(1, "ann@acme.io", Some("U1"))];
        let first = user("U1", "Ann", Some("ann@new.io"));
        let second = user("U2", "Other Ann", Some("ann@acme.io"));

        let plan = plan(&existing, &[second, first]);

        assert_eq!(
            plan.skipped,
            vec![Skipped {
                platform_user_id: "U2".into(),
                reason: SkipReason::EmailTaken
            }]
        );
        // U1's new email is free, so the person follows it (the chart matches on it next).
        assert_eq!(plan.update[0].email, "ann@new.io");
    }

    #[test]
    fn new_people_get_handles_that_no_one_has() {
        let existing = [entry(1, "ann@acme.io", None)];
        let users = [
            user("U2", "Ann Other", Some("ann@other.io")),
            user("U3", "Ann Third", Some("ann@third.io")),
        ];

        let plan = plan(&existing, &users);

        let handles: Vec<&str> = plan.create.iter().map(|m| m.handle.as_str()).collect();
        assert_eq!(handles, vec!["ann-2", "ann-3"]);
    }

    fn discord_member(id: &str, username: &str) -> PlatformUser {
        let mut u = user(id, username, placeholder_email(username).as_deref());
        u.username = Some(username.to_string());
        u
    }

    #[test]
    fn a_member_without_an_email_is_matched_by_username_and_keeps_the_charts_address() {
        let existing = [entry(1, "ana@acme.example", None)];
        let p = plan(&existing, &[discord_member("801", "ana")]);
        assert!(p.create.is_empty(), "{p:?}");
        assert_eq!(p.update.len(), 1);
        assert_eq!(p.update[0].platform_user_id, "801");
        assert_eq!(p.update[0].email, "ana@acme.example");
    }

    #[test]
    fn a_username_never_takes_over_someone_already_linked() {
        let existing = [entry(1, "ana@acme.example", Some("700"))];
        let p = plan(&existing, &[discord_member("801", "ana")]);
        assert_eq!(p.update.len(), 0);
        assert_eq!(
            p.create.len(),
            1,
            "a stranger with the same name is someone new"
        );
        assert_eq!(p.create[0].email, "ana@members.invalid");
        assert_ne!(p.create[0].handle, "ana", "handles stay unique");
    }

    #[test]
    fn a_member_the_chart_does_not_list_joins_with_a_placeholder_address() {
        let p = plan(&[], &[discord_member("801", "Ben_K")]);
        assert_eq!(p.create.len(), 1);
        assert_eq!(p.create[0].email, "ben_k@members.invalid");
        assert_eq!(p.create[0].handle, "ben_k");
    }
}
