//! The directory: people, their departments and managers, their time zones and languages.
//!
//! [`import`] validates an org-chart CSV as a whole before anything is written, so a bad file
//! changes nothing; [`tree`] works out department paths and who leads each department;
//! [`platform_users`] decides what a chat platform's member list changes.

pub mod import;
pub mod platform_users;
pub mod tree;

use chrono_tz::Tz;

use super::ids::{DepartmentId, OrgId, PersonId};
use super::locale::Locale;

/// A person as the bot knows them.
#[derive(Debug, Clone, PartialEq)]
pub struct Person {
    /// Database id.
    pub id: PersonId,
    /// Their organisation.
    pub org_id: OrgId,
    /// Their id on the chat platform; `None` until matched (by email) with a platform user.
    pub platform_user_id: Option<String>,
    /// The part of the email before `@`: the console's mention handle.
    pub handle: String,
    /// Work email, the key the org chart is matched on.
    pub email: String,
    /// The name shown in messages.
    pub display_name: String,
    /// Their department.
    pub department_id: Option<DepartmentId>,
    /// Their manager.
    pub manager_id: Option<PersonId>,
    /// Where they are, for local-time delivery and the kudos day.
    pub timezone: Tz,
    /// The language they read.
    pub locale: Locale,
    /// May administer the bot (`/ambassador …`).
    pub is_admin: bool,
    /// Still with the company; inactive people receive nothing and cannot be thanked.
    pub is_active: bool,
    /// When they got the welcome message; `None` means the bot has not greeted them yet.
    pub welcomed: bool,
}

/// An organisation: a workspace, tenant, guild or the console's `local`.
#[derive(Debug, Clone, PartialEq)]
pub struct Org {
    /// Database id.
    pub id: OrgId,
    /// Which platform it lives on (`console`, `slack`, …).
    pub platform: String,
    /// Its id on that platform.
    pub platform_org_id: String,
    /// The name shown to admins.
    pub name: String,
    /// The org's own time zone, for channel posts such as narrative moments.
    pub timezone: Tz,
    /// The language of channel posts.
    pub locale: Locale,
}

/// A department in the tree.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Department {
    /// Database id.
    pub id: DepartmentId,
    /// Full path, e.g. `Operations/Support`.
    pub path: String,
    /// The last path segment, e.g. `Support`.
    pub name: String,
    /// The enclosing department.
    pub parent_id: Option<DepartmentId>,
    /// Who leads it.
    pub manager_id: Option<PersonId>,
}
