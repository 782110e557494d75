//! The app module (wasm32, `ail-app`): labs, review, stats, other variants
//! of a question, banks from elsewhere. Natively this binary only explains
//! itself.

#[cfg(target_arch = "wasm32")]
fn main() {
    ai_interview_lab::ui::app::start();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!(
        "ail-app is a module of the web app: build and serve it with `.ci/serve` (see README)."
    );
    eprintln!("To check a question bank natively: cargo run --bin check-bank -- path/to/bank.json");
    std::process::exit(2);
}
