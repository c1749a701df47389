//! Who the fake knows: the people of the tenant (the demo organisation of `src/demo/org.csv`,
//! with the same emails, so the org chart import matches them, and a guest), and the team with
//! its channels.
//!
//! Ids follow Teams' shapes (`chat-protocols.md` section 10): people are `29:…` (per bot) with an
//! Entra object id (a GUID), personal conversations `a:…`, teams and channels
//! `19:…@thread.tacv2`, the General channel's id being the team's id ("The channel ID for the
//! General channel always matches the team ID", msteams-docs `get-teams-context.md`). All are
//! derived from emails by hashing, so a test can compute them.

use ambassador::demo::DEMO_ORG_CSV;
use base64::Engine;
use serde_json::{Value, json};
use sha2::{Digest, Sha256};

/// How the roster names a member's Entra object id: `objectId` in the documented
/// `pagedmembers` response and in the payloads behind botbuilder-dotnet issue #3856,
/// `aadObjectId` in the SDK models; Microsoft's own SDK notes call it "scenario dependent".
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ObjectIdKey {
    /// `"objectId"`, as the REST docs show it (the default).
    ObjectId,
    /// `"aadObjectId"`, as the Bot Framework SDKs model it.
    AadObjectId,
}

/// The team's id, which is also its General channel's id.
pub const TEAM_ID: &str = "19:9a6f0b4e3c2d4f1a8b7e6d5c4b3a2f10@thread.tacv2";
/// The team's name.
pub const TEAM_NAME: &str = "Acme";
/// The Microsoft 365 group behind the team.
pub const TEAM_AAD_GROUP_ID: &str = "0c4f7d2e-9a1b-4e3c-8d5f-6a7b8c9d0e1f";
/// The "customer-wins" channel's id.
pub const CUSTOMER_WINS_CHANNEL_ID: &str = "19:5c1e2d3f4a5b6c7d8e9f0a1b2c3d4e5f@thread.tacv2";

/// A person of the tenant, with what the roster (`TeamsChannelAccount`) and activities say.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FakePerson {
    /// The Teams user id the bot sees (`29:…`).
    pub user_id: String,
    /// The Entra object id (a GUID), the stable identity across bots.
    pub aad_object_id: String,
    /// Display name.
    pub name: String,
    /// Given name.
    pub given_name: String,
    /// Surname.
    pub surname: String,
    /// Email address.
    pub email: String,
    /// User principal name (a guest's carries `#EXT#`).
    pub user_principal_name: String,
    /// `"user"` or `"guest"`, as the roster's `userRole`.
    pub user_role: String,
    /// The Teams client's locale (`clientInfo.locale`), such as `en-US`.
    pub locale: String,
    /// The Teams client's IANA time zone (`clientInfo.timezone`).
    pub timezone: String,
}

impl FakePerson {
    /// A member of the tenant, ids derived from `email`, in London speaking en-US.
    pub fn member(email: &str, name: &str) -> Self {
        let (given_name, surname) = name.split_once(' ').unwrap_or((name, ""));
        Self {
            user_id: user_id_for(email),
            aad_object_id: aad_object_id_for(email),
            name: name.into(),
            given_name: given_name.into(),
            surname: surname.into(),
            email: email.into(),
            user_principal_name: email.into(),
            user_role: "user".into(),
            locale: "en-US".into(),
            timezone: "Europe/London".into(),
        }
    }

    /// A guest from another organisation: `userRole` `guest`, an `#EXT#` principal name.
    pub fn guest(email: &str, name: &str) -> Self {
        let upn = format!("{}#EXT#@acme.onmicrosoft.com", email.replace('@', "_"));
        Self {
            user_principal_name: upn,
            user_role: "guest".into(),
            ..Self::member(email, name)
        }
    }

    /// Whether `key` names this person: `29:` id, object id or email (case-insensitive).
    pub fn matches(&self, key: &str) -> bool {
        self.user_id == key
            || self.aad_object_id.eq_ignore_ascii_case(key)
            || self.email.eq_ignore_ascii_case(key)
    }

    /// The person as `from` or a `membersAdded` entry: `{id, name, aadObjectId}`.
    pub fn account(&self) -> Value {
        json!({"id": self.user_id, "name": self.name, "aadObjectId": self.aad_object_id})
    }

    /// The person as the roster lists them (`TeamsChannelAccount`).
    pub fn channel_account(&self, tenant_id: &str, object_id_key: ObjectIdKey) -> Value {
        let key = match object_id_key {
            ObjectIdKey::ObjectId => "objectId",
            ObjectIdKey::AadObjectId => "aadObjectId",
        };
        json!({
            "id": self.user_id,
            "name": self.name,
            key: self.aad_object_id,
            "givenName": self.given_name,
            "surname": self.surname,
            "email": self.email,
            "userPrincipalName": self.user_principal_name,
            "tenantId": tenant_id,
            "userRole": self.user_role,
        })
    }
}

/// A channel of the team; the General channel has no name on the wire ("returned as null to
/// allow for localization", msteams-docs `get-teams-context.md`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FakeChannel {
    /// `19:…@thread.tacv2`.
    pub id: String,
    /// `None` for General.
    pub name: Option<String>,
}

/// The team the bot is installed in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FakeTeam {
    /// `19:…@thread.tacv2`, also the General channel's id.
    pub id: String,
    /// Team name.
    pub name: String,
    /// The Microsoft 365 group id.
    pub aad_group_id: String,
    /// Channels, General first.
    pub channels: Vec<FakeChannel>,
}

impl Default for FakeTeam {
    /// "Acme" with General and "customer-wins".
    fn default() -> Self {
        Self {
            id: TEAM_ID.into(),
            name: TEAM_NAME.into(),
            aad_group_id: TEAM_AAD_GROUP_ID.into(),
            channels: vec![
                FakeChannel {
                    id: TEAM_ID.into(),
                    name: None,
                },
                FakeChannel {
                    id: CUSTOMER_WINS_CHANNEL_ID.into(),
                    name: Some("customer-wins".into()),
                },
            ],
        }
    }
}

impl FakeTeam {
    /// Whether `conversation_id` is one of the team's channels or a thread in one
    /// (`19:…;messageid=…`).
    pub fn has_channel(&self, conversation_id: &str) -> bool {
        let channel = channel_of(conversation_id);
        self.channels.iter().any(|c| c.id == channel)
    }

    /// The channel's name as the tests call it: General for the unnamed one.
    pub fn channel_name(&self, channel_id: &str) -> Option<String> {
        let channel = self.channels.iter().find(|c| c.id == channel_id)?;
        Some(channel.name.clone().unwrap_or_else(|| "General".into()))
    }
}

/// The channel part of a conversation id, without a thread's `;messageid=…`.
pub(super) fn channel_of(conversation_id: &str) -> &str {
    conversation_id
        .split_once(";messageid=")
        .map_or(conversation_id, |(channel, _)| channel)
}

/// The active people of the demo organisation, with their emails, names, locales and time zones
/// from `src/demo/org.csv`. People marked inactive there are left out: Teams lists no
/// deactivated accounts.
pub fn demo_people() -> Vec<FakePerson> {
    let mut reader = csv::Reader::from_reader(DEMO_ORG_CSV.as_bytes());
    let headers = reader.headers().expect("demo org headers").clone();
    let col = |name: &str| {
        headers
            .iter()
            .position(|h| h == name)
            .unwrap_or_else(|| panic!("demo org column {name}"))
    };
    let (email, name, tz, locale, active) = (
        col("email"),
        col("name"),
        col("timezone"),
        col("locale"),
        col("active"),
    );
    reader
        .records()
        .map(|r| r.expect("a demo org row"))
        .filter(|r| &r[active] != "no")
        .map(|r| {
            let mut person = FakePerson::member(&r[email], &r[name]);
            person.timezone = r[tz].to_string();
            person.locale = match &r[locale] {
                "el" => "el-GR".into(),
                "pl" => "pl-PL".into(),
                _ => "en-US".into(),
            };
            person
        })
        .collect()
}

/// The guest the fake knows from the start: Gina Guest of a partner company.
pub fn guest() -> FakePerson {
    FakePerson::guest("gina@partner.example", "Gina Guest")
}

/// The `29:` id the fake gives the person with `email`.
pub fn user_id_for(email: &str) -> String {
    format!(
        "29:1{}",
        hash_b64(&format!("user:{}", email.to_lowercase()))
    )
}

/// The Entra object id the fake gives the person with `email`.
pub fn aad_object_id_for(email: &str) -> String {
    let digest = Sha256::digest(format!("aad:{}", email.to_lowercase()).as_bytes());
    let hex = hex::encode(&digest[..16]);
    format!(
        "{}-{}-{}-{}-{}",
        &hex[..8],
        &hex[8..12],
        &hex[12..16],
        &hex[16..20],
        &hex[20..32]
    )
}

/// The personal conversation id between the bot and the person with `user_id`, stable.
pub(super) fn personal_conversation_id(user_id: &str) -> String {
    format!(
        "a:1{}{}",
        hash_b64(&format!("conversation:{user_id}")),
        hash_b64(&format!("conversation-tail:{user_id}"))
    )
}

/// base64url (no padding) of the SHA-256 of `text`: 43 characters.
fn hash_b64(text: &str) -> String {
    let digest = Sha256::digest(text.as_bytes());
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(&digest[..])
}
