//! AI Interview Lab's build and dev tools (native only):
//!
//! - `postbuild` (src/bin/postbuild): Trunk's post-build hook. Writes the
//!   static pages ([`site`]), the CSP, the service worker (from `sw.js`, a
//!   template beside it), and a `.br`/`.gz` beside each text file.
//! - `serve` (src/bin/serve.rs): a static server for `dist/`.
//! - `check-bank` (src/bin/check_bank.rs): validates a bank file, prints a
//!   variant.

pub mod site;
