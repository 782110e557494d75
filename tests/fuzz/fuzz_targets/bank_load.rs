//! Bank parsing and validation on arbitrary text: never panics, and every
//! problem names a question and carries a message.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(src) = std::str::from_utf8(data) else {
        return;
    };
    if let Ok(loaded) = ail_core::load(src) {
        for p in &loaded.problems {
            assert!(!p.message.is_empty());
            assert!(!p.question.is_empty());
        }
        // Everything that loaded renders to node trees without panicking.
        for q in &loaded.bank.questions {
            let _ = ail_core::markup::markdown::parse(&q.prompt.en);
            let _ = ail_core::generate::instantiate_question(q, 7);
        }
    }
});
