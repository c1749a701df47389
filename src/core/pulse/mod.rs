//! Pulse surveys: short recurring engagement check-ins, anonymous by construction.
//!
//! This module holds the vocabulary every pulse feature shares: the engagement [`Driver`]s, the
//! answer [`Scale`]s and a [`Question`] with its text per language.

pub mod anonymity;
pub mod answers;
pub mod bank;
pub mod results;
pub mod round;
pub mod selection;

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::locale::Locale;

/// What a question measures. Engagement is the mean of the driver scores (eNPS is reported on
/// its own scale and is not part of the mean).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Driver {
    /// Being recognised for good work.
    Recognition,
    /// Getting useful feedback.
    Feedback,
    /// The relationship with one's manager.
    Manager,
    /// The relationship with peers.
    Peers,
    /// Alignment with the customer narrative ("I can explain what we promise our customers").
    Narrative,
    /// Ambassadorship: recommending the products, pride in representing the company.
    Ambassadorship,
    /// Empowerment to help customers.
    Empowerment,
    /// Personal growth.
    Growth,
    /// Wellbeing.
    Wellbeing,
    /// Overall satisfaction.
    Satisfaction,
    /// Employee Net Promoter Score (0-10).
    Enps,
}

impl Driver {
    /// Every driver, in the order reports list them.
    pub const ALL: [Driver; 11] = [
        Driver::Recognition,
        Driver::Feedback,
        Driver::Manager,
        Driver::Peers,
        Driver::Narrative,
        Driver::Ambassadorship,
        Driver::Empowerment,
        Driver::Growth,
        Driver::Wellbeing,
        Driver::Satisfaction,
        Driver::Enps,
    ];

    /// The stable name used in storage, config and exports.
    pub fn as_str(self) -> &'static str {
        match self {
            Driver::Recognition => "recognition",
            Driver::Feedback => "feedback",
            Driver::Manager => "manager",
            Driver::Peers => "peers",
            Driver::Narrative => "narrative",
            Driver::Ambassadorship => "ambassadorship",
            Driver::Empowerment => "empowerment",
            Driver::Growth => "growth",
            Driver::Wellbeing => "wellbeing",
            Driver::Satisfaction => "satisfaction",
            Driver::Enps => "enps",
        }
    }

    /// The inverse of [`Driver::as_str`].
    pub fn parse(s: &str) -> Option<Driver> {
        Driver::ALL.into_iter().find(|d| d.as_str() == s)
    }
}

/// How a question is answered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Scale {
    /// 1 (strongly disagree) to 5 (strongly agree).
    Agreement,
    /// 0 (not at all likely) to 10 (extremely likely), for eNPS.
    ZeroToTen,
}

impl Scale {
    /// The lowest and highest answer.
    pub fn range(self) -> (u8, u8) {
        match self {
            Scale::Agreement => (1, 5),
            Scale::ZeroToTen => (0, 10),
        }
    }

    /// Whether `value` is a valid answer on this scale.
    pub fn accepts(self, value: u8) -> bool {
        let (lo, hi) = self.range();
        (lo..=hi).contains(&value)
    }
}

/// One question of the bank.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Question {
    /// A stable id (`recognition-1`, or an admin's own for custom questions).
    pub id: String,
    /// What it measures.
    pub driver: Driver,
    /// How it is answered.
    pub scale: Scale,
    /// The text per language; English is required, others fall back to it.
    pub text: BTreeMap<Locale, String>,
}

impl Question {
    /// The text in `locale`, or English.
    pub fn text_for(&self, locale: Locale) -> &str {
        self.text
            .get(&locale)
            .or_else(|| self.text.get(&Locale::En))
            .map(String::as_str)
            .unwrap_or(self.id.as_str())
    }
}
