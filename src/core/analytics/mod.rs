//! Survey analytics: what may be reported about groups of people, and what their answers say.

pub mod privacy;
