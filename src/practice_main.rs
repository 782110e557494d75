//! The practice module (wasm32, `ail-practice`): the built-in bank's
//! question pages and home page. Natively this binary only explains itself.

#[cfg(target_arch = "wasm32")]
fn main() {
    ai_interview_lab::ui::practice::start();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("ail-practice is a module of the web app: build and serve it with `.ci/serve` (see README).");
    std::process::exit(2);
}
