//! The Microsoft Teams adapter: Bot Framework activities in, Connector calls out.

pub mod auth;
pub mod config;
pub mod connector;
pub mod package;
pub mod references;

/// How the server finds the Teams adapter (see [`crate::platform::Registration`]).
pub const REGISTRATION: crate::platform::Registration = crate::platform::Registration {
    section: "teams",
    check: |config| {
        // The section is checked even while Teams is off, so a mistake shows before it is on.
        config.section::<config::TeamsSettings>("teams")?.check()?;
        config::TeamsConfig::load(config).map(|_| ())
    },
    // The adapter itself is registered here once its intake lands.
    build: |_, _, _| Ok(None),
};
