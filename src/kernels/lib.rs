//! The numeric core of AI Interview Lab's labs: plain Rust with no web
//! imports, tested natively. A crate of its own so that the full app's
//! Cargo profile can build it for speed while the UI is built for size
//! (see the workspace's Cargo.toml). The app re-exports `labs` and
//! `numeric::rng` at their old paths.

pub mod labs;
pub mod numeric;
pub mod validate;
