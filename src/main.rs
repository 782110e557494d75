//! Starts the web app (wasm32). Natively this binary only explains itself.

#[cfg(target_arch = "wasm32")]
fn main() {
    ai_interview_lab::ui::start();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("ai-interview-lab is a web app: build and serve it with `.ci/serve` (see README).");
    eprintln!("To check a question bank natively: cargo run --bin check-bank -- path/to/bank.json");
    std::process::exit(2);
}
