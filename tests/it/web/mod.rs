//! The web dashboard, driven over real HTTP and in a real browser, on both databases.

mod admin;
mod harness;
mod sign_in;
