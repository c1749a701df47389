//! The Slack adapter, on slack-morphism: Events API and Socket Mode in, Web API out.
//!
//! [`users`] reads the workspace's members (`users.list`) so the directory can be filled at
//! install and kept current daily.

pub mod users;
