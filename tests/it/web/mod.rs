//! The web dashboard, driven over real HTTP and in a real browser, on both databases.

mod admin;
mod browser;
mod console;
mod harness;
mod in_browser;
mod manager;
mod sign_in;
