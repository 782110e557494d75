//! The full app (wasm32, built with the `full` feature): what the
//! first-load app (`src/main.rs` built without it) loads and hands the page
//! to when a route needs more than it has. See `ui::upgrade`.

#[cfg(target_arch = "wasm32")]
fn main() {
    ai_interview_lab::ui::start();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("ail-full is the web app's second module: build and serve it with `.ci/serve` (see README).");
    std::process::exit(2);
}
