use super::*;
use crate::bank::{Difficulty, Stub, Text, Topic};

const T0: i64 = 1_764_201_600_000; // 2025-11-27 00:00 UTC
const DAY: i64 = crate::progress::DAY_MS;

/// Six questions: a1..a3 in topic `a`, b1..b3 in topic `b`, interleaved.
fn index() -> BankIndex {
    let q = |id: &str, topic: &str| Stub {
        id: id.into(),
        topic: topic.into(),
        difficulty: Difficulty::Easy,
        summary: Text::default(),
    };
    let t = |id: &str| Topic {
        id: id.into(),
        name: Text::default(),
    };
    BankIndex {
        id: "bank".into(),
        title: Text::default(),
        author: String::new(),
        topics: vec![t("a"), t("b")],
        questions: vec![
            q("a1", "a"),
            q("b1", "b"),
            q("a2", "a"),
            q("b2", "b"),
            q("a3", "a"),
            q("b3", "b"),
        ],
    }
}

fn setup(length: Option<usize>, mix: Mix, seed: u64) -> Setup {
    Setup {
        length,
        mix,
        seed,
        ..Setup::default()
    }
}

fn review(t: i64, q: &str, rating: u8) -> Review {
    Review {
        t,
        q: q.into(),
        part: String::new(),
        seed: None,
        outcome: Outcome::SelfGraded,
        rating,
        mode: Mode::Practice,
    }
}

fn ids(v: &[&str]) -> Vec<String> {
    v.iter().map(|s| s.to_string()).collect()
}

#[test]
fn report_order_is_the_banks_and_length_cuts_it() {
    let p = BankProgress::default();
    let full = plan(&index(), &p, &setup(None, Mix::Report, 1), T0, 0);
    assert_eq!(full, ids(&["a1", "b1", "a2", "b2", "a3", "b3"]));
    let three = plan(&index(), &p, &setup(Some(3), Mix::Report, 1), T0, 0);
    assert_eq!(three, ids(&["a1", "b1", "a2"]));
    // A length over the bank's size asks every question once.
    assert_eq!(
        plan(&index(), &p, &setup(Some(50), Mix::Report, 1), T0, 0).len(),
        6
    );
}

#[test]
fn a_topic_keeps_only_its_questions() {
    let p = BankProgress::default();
    let b = plan(
        &index(),
        &p,
        &setup(Some(5), Mix::Topic("b".into()), 1),
        T0,
        0,
    );
    assert_eq!(b, ids(&["b1", "b2", "b3"]));
    assert!(plan(
        &index(),
        &p,
        &setup(None, Mix::Topic("zz".into()), 1),
        T0,
        0
    )
    .is_empty());
}

#[test]
fn shuffled_is_a_permutation_fixed_by_the_seed() {
    let p = BankProgress::default();
    let one = plan(&index(), &p, &setup(None, Mix::Shuffled, 7), T0, 0);
    let again = plan(&index(), &p, &setup(None, Mix::Shuffled, 7), T0, 0);
    assert_eq!(one, again);
    let mut sorted = one.clone();
    sorted.sort();
    assert_eq!(sorted, ids(&["a1", "a2", "a3", "b1", "b2", "b3"]));
    // Some seed among the first ten gives another order than seed 7.
    assert!((0..10).any(|s| plan(&index(), &p, &setup(None, Mix::Shuffled, s), T0, 0) != one));
    assert_ne!(one, ids(&["a1", "b1", "a2", "b2", "a3", "b3"]));
}

#[test]
fn due_first_puts_due_then_new_then_the_rest() {
    // b2 and a3 were reviewed long ago with Again: due now, b2 the most
    // overdue. a1 was reviewed today as Easy: not due, comes last.
    let p = BankProgress {
        reviews: vec![
            review(T0 - 30 * DAY, "b2", 1),
            review(T0 - 20 * DAY, "a3", 1),
            review(T0 + 1000, "a1", 4),
        ],
    };
    let order = plan(&index(), &p, &setup(None, Mix::DueFirst, 3), T0 + 2000, 0);
    assert_eq!(order, ids(&["b2", "a3", "b1", "a2", "b3", "a1"]));
    let two = plan(
        &index(),
        &p,
        &setup(Some(2), Mix::DueFirst, 3),
        T0 + 2000,
        0,
    );
    assert_eq!(two, ids(&["b2", "a3"]));
}

#[test]
fn the_rating_rule_by_share_ticked() {
    // Below half: Again.
    assert_eq!(suggested_rating(0, 4, true), Some(1));
    assert_eq!(suggested_rating(1, 4, true), Some(1));
    assert_eq!(suggested_rating(2, 5, true), Some(1));
    // Half up to below three quarters: Hard.
    assert_eq!(suggested_rating(2, 4, true), Some(2));
    assert_eq!(suggested_rating(2, 3, true), Some(2));
    assert_eq!(suggested_rating(3, 5, true), Some(2));
    // Three quarters up to below all: Good.
    assert_eq!(suggested_rating(3, 4, true), Some(3));
    assert_eq!(suggested_rating(4, 5, true), Some(3));
    // All: Easy in time, Good when the clock ran out.
    assert_eq!(suggested_rating(4, 4, true), Some(4));
    assert_eq!(suggested_rating(4, 4, false), Some(3));
    assert_eq!(suggested_rating(1, 1, true), Some(4));
    // More ticks than points count as all; no key points: no suggestion.
    assert_eq!(suggested_rating(9, 4, true), Some(4));
    assert_eq!(suggested_rating(0, 0, true), None);
}

#[test]
fn follow_up_choice_is_stable_and_in_range() {
    assert_eq!(follow_up_for(5, "a1", 0), None);
    for seed in 0..50u64 {
        let f = follow_up_for(seed, "b2", 3).unwrap();
        assert!(f < 3);
        assert_eq!(follow_up_for(seed, "b2", 3), Some(f));
    }
    // Over fifty seeds all three follow-ups come up.
    let seen: std::collections::BTreeSet<usize> = (0..50u64)
        .filter_map(|s| follow_up_for(s, "b2", 3))
        .collect();
    assert_eq!(seen.len(), 3);
}

/// A session over a1, b1 with 4 key points each.
fn session() -> Session {
    let mut s = Session::new(
        &index(),
        setup(Some(2), Mix::Report, 9),
        &ids(&["a1", "b1"]),
    );
    s.know_key_points(4);
    s
}

#[test]
fn one_question_from_prompt_to_review() {
    let s = session();
    assert_eq!(s.remaining_ms(T0), None);
    let (s, r) = s.apply(Step::Start, T0);
    assert_eq!(r, None);
    assert_eq!(s.phase, Phase::Answering { since_ms: T0 });
    assert_eq!(s.remaining_ms(T0 + 12_500), Some(47_500));
    assert_eq!(s.remaining_ms(T0 + 99_000), Some(0));
    // Ticking while answering does nothing: the points are checked after.
    let (s, _) = s.apply(Step::Tick(0), T0 + 1000);
    assert!(s.entries[0].ticked.is_empty());
    let (s, _) = s.apply(Step::Stop, T0 + 41_000);
    assert_eq!(s.phase, Phase::Check);
    assert_eq!(s.entries[0].answer_ms, Some(41_000));
    assert!(s.entries[0].in_time);
    // Tick 0, 2, 3 then untick 2: two of four, Hard.
    let mut s = s;
    for i in [3, 0, 2, 2] {
        s = s.apply(Step::Tick(i), T0 + 50_000).0;
    }
    assert_eq!(s.entries[0].ticked, vec![0, 3]);
    assert_eq!(s.entries[0].rating_now(), Some(2));
    // Out of range ticks and ratings change nothing.
    assert_eq!(s.apply(Step::Tick(4), T0).0, s);
    assert_eq!(s.apply(Step::Rate(5), T0).0, s);
    // The follow-up, answered in 12 s.
    let (s, _) = s.apply(Step::Start, T0 + 60_000);
    assert_eq!(s.remaining_ms(T0 + 70_000), Some(20_000));
    let (s, _) = s.apply(Step::Stop, T0 + 72_000);
    assert_eq!(s.phase, Phase::FollowUpDone);
    assert_eq!(s.entries[0].follow_up_ms, Some(12_000));
    let (s, _) = s.apply(
        Step::Part {
            id: "p".into(),
            correct: true,
        },
        T0 + 73_000,
    );
    // The learner overrides Hard with Good; Next records it.
    let (s, _) = s.apply(Step::Rate(3), T0 + 74_000);
    let (s, r) = s.apply(Step::Next, T0 + 75_000);
    assert_eq!(
        r,
        Some(Review {
            t: T0 + 75_000,
            q: "a1".into(),
            part: String::new(),
            seed: None,
            outcome: Outcome::SelfGraded,
            rating: 3,
            mode: Mode::Interview,
        })
    );
    assert_eq!(s.current, 1);
    assert_eq!(s.phase, Phase::Ready);
    assert_eq!(s.entries[0].rating, Some(3));
    assert_eq!(s.entries[0].parts.get("p"), Some(&true));
    assert!(!s.done());
}

#[test]
fn the_clock_caps_the_time_and_a_late_answer_is_not_in_time() {
    let s = session();
    let (s, _) = s.apply(Step::Start, T0);
    let (s, _) = s.apply(Step::Stop, T0 + 65_000);
    assert_eq!(s.entries[0].answer_ms, Some(60_000));
    assert!(!s.entries[0].in_time);
    let mut s = s;
    for i in 0..4 {
        s = s.apply(Step::Tick(i), T0 + 66_000).0;
    }
    // Every point, but the time ran out: Good, not Easy.
    assert_eq!(s.entries[0].rating_now(), Some(3));
}

#[test]
fn next_needs_a_rating_and_a_finished_answer() {
    let s = session();
    // Not before the answer.
    assert_eq!(s.apply(Step::Next, T0), (s.clone(), None));
    // Without key points there is no suggestion: Next waits for a rating.
    let mut s = s.apply(Step::Start, T0).0.apply(Step::Stop, T0 + 10).0;
    s.know_key_points(0);
    assert_eq!(s.apply(Step::Next, T0 + 20).1, None);
    let (s, r) = s.apply(Step::Rate(1), T0 + 30).0.apply(Step::Next, T0 + 40);
    assert_eq!(r.map(|r| (r.rating, r.mode)), Some((1, Mode::Interview)));
    // The last question done ends the session.
    let (s, _) = s.apply(Step::Start, T0 + 50);
    let (s, _) = s.apply(Step::Stop, T0 + 60);
    let mut s = s;
    s.know_key_points(2);
    let (s, r) = s.apply(Step::Tick(1), T0 + 70).0.apply(Step::Next, T0 + 80);
    assert_eq!(r.map(|r| r.rating), Some(2));
    assert!(s.done());
    assert_eq!(s.entry(), None);
    // Nothing applies after the end.
    assert_eq!(s.apply(Step::Start, T0 + 90), (s.clone(), None));
}

#[test]
fn a_part_review_is_an_auto_graded_interview_review() {
    let r = part_review("q", "p1", false, T0);
    assert_eq!(
        (r.outcome, r.rating, r.mode),
        (Outcome::Incorrect, 1, Mode::Interview)
    );
    let r = part_review("q", "p1", true, T0);
    assert_eq!(
        (r.outcome, r.rating, r.part.as_str()),
        (Outcome::Correct, 3, "p1")
    );
}

#[test]
fn the_summary_names_weak_topics_and_what_to_practise() {
    let mut s = Session::new(
        &index(),
        setup(None, Mix::Report, 1),
        &ids(&["a1", "b1", "a2", "b2", "a3"]),
    );
    // Ratings a1 2, b1 4, a2 1, b2 2; a3 not reached.
    for (i, rating, ticked) in [(0, 2, 2), (1, 4, 4), (2, 1, 0), (3, 2, 3)] {
        s.entries[i].rating = Some(rating);
        s.entries[i].key_points = 4;
        s.entries[i].ticked = (0..ticked).collect();
    }
    let sum = summary(&s);
    // a: mean 1.5; b: mean 3.0 is not weak.
    assert_eq!(
        sum.weakest,
        vec![WeakTopic {
            topic: "a".into(),
            mean_rating: 1.5,
            questions: 2
        }]
    );
    assert_eq!(sum.practise_next, ids(&["a1", "a2", "b2"]));
    // (2 + 4 + 0 + 3) / 16 key points.
    assert_eq!(sum.covered, Some(9.0 / 16.0));
    // Nothing rated: nothing weak, nothing covered.
    let empty = summary(&Session::new(&index(), Setup::default(), &ids(&["a1"])));
    assert!(empty.weakest.is_empty() && empty.practise_next.is_empty());
    assert_eq!(empty.covered, None);
}

#[test]
fn a_saved_session_resumes_at_its_question_without_a_running_clock() {
    let s = session().apply(Step::Start, T0).0;
    let text = write_saved(&s);
    assert!(!text.contains("audio"));
    let back = read_saved(Some(&text), "bank").unwrap().unwrap();
    assert_eq!(back.current, 0);
    assert_eq!(back.phase, Phase::Ready);
    assert_eq!(back.entries, s.entries);
    // A follow-up in progress goes back to the check.
    let f = session()
        .apply(Step::Start, T0)
        .0
        .apply(Step::Stop, T0 + 5)
        .0
        .apply(Step::Start, T0 + 6)
        .0;
    let back = read_saved(Some(&write_saved(&f)), "bank").unwrap().unwrap();
    assert_eq!(back.phase, Phase::Check);
    // Another bank's session, a finished one, or none: nothing to resume.
    assert_eq!(read_saved(Some(&text), "other"), Ok(None));
    assert_eq!(read_saved(None, "bank"), Ok(None));
    assert_eq!(read_saved(Some("  "), "bank"), Ok(None));
    let mut done = session();
    done.current = 2;
    assert_eq!(read_saved(Some(&write_saved(&done)), "bank"), Ok(None));
    // Corrupt text says what is wrong.
    let err = read_saved(Some("{\"bank\":\"bank\",\"setup\":"), "bank").unwrap_err();
    assert!(err.contains("EOF"), "{err}");
    let mut zero = session();
    zero.setup.answer_secs = 0;
    assert!(read_saved(Some(&write_saved(&zero)), "bank")
        .unwrap_err()
        .contains("time limit"));
}

#[test]
fn interview_reviews_keep_their_mode_in_the_progress_document() {
    let mut p = crate::progress::Progress::default();
    crate::progress::record(&mut p, "bank", review(T0, "a1", 3));
    let (_, r) = session()
        .apply(Step::Start, T0)
        .0
        .apply(Step::Stop, T0 + 1)
        .0
        .apply(Step::Rate(2), T0 + 2)
        .0
        .apply(Step::Next, T0 + 3);
    crate::progress::record(&mut p, "bank", r.unwrap());
    let text = crate::progress::write(&p);
    // Practice reviews are written as before (no `mode`); interview ones say so.
    assert_eq!(text.matches("\"mode\":\"interview\"").count(), 1);
    assert!(!text.contains("practice"));
    let back = crate::progress::read(Some(&text)).progress;
    let modes: Vec<Mode> = back.banks["bank"].reviews.iter().map(|r| r.mode).collect();
    assert_eq!(modes, vec![Mode::Practice, Mode::Interview]);
    // An interview review schedules the question like any review.
    assert!(crate::progress::card(&back.banks["bank"].reviews, "a1").is_some());
}

#[test]
fn ending_early_keeps_only_the_recorded_questions() {
    let s = session()
        .apply(Step::Start, T0)
        .0
        .apply(Step::Stop, T0 + 1)
        .0;
    let (s, r) = s.apply(Step::Rate(4), T0 + 2).0.apply(Step::Next, T0 + 3);
    assert!(r.is_some());
    // Mid-answer on the second question.
    let s = s.apply(Step::Start, T0 + 4).0;
    let ended = s.end_early();
    assert!(ended.done());
    assert_eq!(ended.entries.len(), 1);
    assert_eq!(ended.entries[0].rating, Some(4));
    assert_eq!(summary(&ended).practise_next, Vec::<String>::new());
}
