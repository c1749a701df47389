//! The demo organisation `console --demo` seeds: 31 people at "Acme" in four areas (Operations,
//! Engineering, Sales and Marketing, plus Finance and the executive team), with managers, Greek
//! and Polish speakers, people in eleven time zones and one former employee.

/// The demo org chart, in the same CSV format `ambassador org import` reads.
pub const DEMO_ORG_CSV: &str = include_str!("org.csv");

/// The handle the console suggests speaking as first.
pub const FIRST_HANDLE: &str = "ana";

pub mod history;
