//! Integration tests: the bot driven the way its users drive it, on real databases.

mod architecture;
mod cli;
mod demo;
mod directory;
mod directory_sync;
mod discord;
mod forms;
mod helpers;
mod home;
mod http;
mod kudos;
mod locales;
mod narrative;
mod privacy;
mod pulse;
mod relay;
mod scheduler;
mod slack;
mod store_contract;
mod teams;
mod web;
