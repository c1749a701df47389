//! `/kudos`: giving recognition, the person's stats, and the words for usage and refusals.

mod give;
mod stats;
#[cfg(test)]
mod tests;
mod usage;
