use super::*;

const T0: i64 = 1_764_201_600_000; // 2025-11-27 00:00 UTC

fn rev(t: i64, q: &str, rating: u8) -> Review {
    Review {
        t,
        q: q.into(),
        part: String::new(),
        seed: None,
        outcome: if rating == 1 {
            Outcome::Incorrect
        } else {
            Outcome::Correct
        },
        rating,
        mode: Mode::Practice,
    }
}

fn doc(reviews: Vec<Review>) -> Progress {
    let mut p = Progress::default();
    p.banks.insert("b".into(), BankProgress { reviews });
    p
}

#[test]
fn nothing_stored_is_an_empty_document() {
    let r = read(None);
    assert_eq!(r.progress, Progress::default());
    assert_eq!(r.unreadable, None);
}

#[test]
fn a_version_1_document_round_trips_byte_for_byte() {
    let p = doc(vec![rev(T0, "a", 3), rev(T0 + 5, "b", 1)]);
    let text = write(&p);
    let back = read(Some(&text));
    assert_eq!(back.unreadable, None);
    assert_eq!(back.progress, p);
    assert_eq!(write(&back.progress), text);
    assert!(text.starts_with("{\"version\":1,"), "{text}");
}

#[test]
fn unreadable_text_is_kept_with_the_reason_never_dropped() {
    for (text, why) in [
        ("{\"version\":1,\"banks\":", "not JSON"),
        ("[1,2]", "no document version"),
        ("{\"version\":9,\"banks\":{}}", "newer version"),
        (
            "{\"version\":1,\"banks\":{\"b\":{\"reviews\":[{\"t\":\"x\"}]}}}",
            "does not fit",
        ),
    ] {
        let r = read(Some(text));
        let (kept, reason) = r.unreadable.expect(text);
        assert_eq!(kept, text);
        assert!(reason.contains(why), "{text}: {reason}");
        assert_eq!(r.progress, Progress::default());
    }
}

#[test]
fn merge_is_a_union_that_never_counts_a_review_twice() {
    let a = doc(vec![rev(T0, "a", 3), rev(T0 + 10, "b", 1)]);
    let b = doc(vec![rev(T0 + 10, "b", 1), rev(T0 + 20, "c", 4)]);
    let (m, report) = merge(&a, &b);
    assert_eq!(
        report,
        MergeReport {
            added: 1,
            already: 1,
            new_banks: 0
        }
    );
    let reviews = &m.banks["b"].reviews;
    assert_eq!(
        reviews.iter().map(|r| r.q.as_str()).collect::<Vec<_>>(),
        ["a", "b", "c"]
    );
    // Idempotent: importing again adds nothing; order of arguments does not matter.
    let (again, report) = merge(&m, &b);
    assert_eq!(again, m);
    assert_eq!(report.added, 0);
    assert_eq!(merge(&b, &a).0.banks, m.banks);
    // Another bank comes in whole.
    let mut other = Progress::default();
    other.banks.insert(
        "x".into(),
        BankProgress {
            reviews: vec![rev(T0, "q", 2)],
        },
    );
    let (m2, report) = merge(&m, &other);
    assert_eq!(report.new_banks, 1);
    assert_eq!(m2.banks.len(), 2);
}

#[test]
fn imports_are_validated() {
    assert!(parse_import("not json").unwrap_err().contains("not JSON"));
    assert!(parse_import("{\"version\":2}")
        .unwrap_err()
        .contains("newer"));
    let p = doc(vec![rev(T0, "a", 3)]);
    assert_eq!(parse_import(&write(&p)).unwrap(), p);
}

#[test]
fn good_ratings_grow_the_interval_and_again_shrinks_it() {
    let mut reviews = Vec::new();
    let mut t = T0;
    let mut intervals = Vec::new();
    for _ in 0..5 {
        reviews.push(rev(t, "a", 3));
        let c = card(&reviews, "a").unwrap();
        let due = c.due.timestamp_millis();
        intervals.push(due - t);
        t = due; // review exactly when due
    }
    assert!(intervals.windows(2).all(|w| w[1] > w[0]), "{intervals:?}");
    assert!(intervals[4] > 10 * DAY_MS, "{intervals:?}");
    // A lapse: the next interval is far shorter than the last one.
    reviews.push(rev(t, "a", 1));
    let c = card(&reviews, "a").unwrap();
    assert!(c.due.timestamp_millis() - t < intervals[4] / 10);
    assert_eq!(c.lapses, 1);
    // Easy schedules further than Good from the same history.
    let easy = card(&[rev(T0, "z", 4)], "z").unwrap().due;
    let good = card(&[rev(T0, "z", 3)], "z").unwrap().due;
    assert!(easy > good);
}

#[test]
fn one_pass_over_all_reviews_gives_each_questions_own_card() {
    let reviews = vec![
        rev(T0, "a", 3),
        rev(T0 + 1, "b", 1),
        rev(T0 + DAY_MS, "a", 3),
    ];
    let all = cards(&reviews);
    assert_eq!(all.len(), 2);
    assert_eq!(all.get("a"), card(&reviews, "a").as_ref());
    assert_eq!(all.get("b"), card(&reviews, "b").as_ref());
    assert_eq!(all["a"].reps, 2);
}

#[test]
fn part_reviews_do_not_schedule_the_question() {
    let mut r = rev(T0, "a", 1);
    r.part = "p1".into();
    assert_eq!(card(&[r], "a"), None);
}

#[test]
fn the_queue_serves_due_first_then_new_within_the_daily_limit() {
    let ids: Vec<String> = ["a", "b", "c", "d", "e"]
        .iter()
        .map(|s| s.to_string())
        .collect();
    // a and c were reviewed 30 days ago (due now, c more overdue); b yesterday (not due).
    let progress = BankProgress {
        reviews: vec![
            rev(T0 - 31 * DAY_MS, "c", 3),
            rev(T0 - 30 * DAY_MS, "a", 3),
            rev(T0 - DAY_MS, "b", 4),
        ],
    };
    let now = T0 + 12 * 3_600_000;
    assert_eq!(queue(&ids, &progress, 20, now, 0), ["c", "a", "d", "e"]);
    assert_eq!(queue(&ids, &progress, 3, now, 0), ["c", "a", "d"]);
    // Reviews done today use up the limit and leave the queue.
    let mut today = progress.clone();
    today.reviews.push(rev(now - 1000, "c", 3));
    assert_eq!(queue(&ids, &today, 3, now, 0), ["a", "d"]);
}

#[test]
fn days_follow_the_local_time_zone() {
    // 23:30 UTC on day N is 07:30 on day N+1 in UTC+8.
    let t = T0 + 23 * 3_600_000 + 30 * 60_000;
    assert_eq!(day_of(t, 0), day_of(T0, 0));
    assert_eq!(day_of(t, 480), day_of(T0, 0) + 1);
}

#[test]
fn stats_count_reviews_per_day_streaks_accuracy_and_retention() {
    let p = BankProgress {
        reviews: vec![
            rev(T0 - 2 * DAY_MS, "a", 3),
            rev(T0 - DAY_MS, "a", 1),
            rev(T0 + 1000, "b", 3),
            rev(T0 + 2000, "a", 3),
        ],
    };
    let now = T0 + 3_600_000;
    assert_eq!(reviews_per_day(&p, now, 0, 4), [0, 1, 1, 2]);
    assert_eq!(streak(&p, now, 0), 3);
    assert_eq!(streak(&p, now + DAY_MS, 0), 3, "yesterday still counts");
    assert_eq!(streak(&p, now + 2 * DAY_MS, 0), 0);
    let topics = vec![(
        "t".to_string(),
        vec!["a".to_string(), "b".to_string(), "c".to_string()],
    )];
    let s = &topic_stats(&topics, &p, now)[0];
    assert_eq!((s.correct, s.graded, s.new), (3, 4, 1));
    let ids = vec!["a".to_string(), "b".to_string()];
    let r = retention(&ids, &p, now).unwrap();
    assert!(r > 0.9 && r <= 1.0, "{r}");
    let later = retention(&ids, &p, now + 60 * DAY_MS).unwrap();
    assert!(later < r, "recall probability falls with time: {later}");
    assert_eq!(retention(&["c".to_string()], &p, now), None);
}

#[test]
fn reset_removes_only_that_topics_reviews() {
    let mut p = BankProgress {
        reviews: vec![rev(T0, "a", 3), rev(T0, "b", 3), rev(T0 + 1, "a", 1)],
    };
    assert_eq!(reset(&mut p, &["a".to_string()]), 2);
    assert_eq!(p.reviews.len(), 1);
    assert_eq!(p.reviews[0].q, "b");
}

#[test]
fn confidence_maps_to_fsrs_ratings_and_amends_the_last_review() {
    assert_eq!(auto_rating(false, false), 1);
    assert_eq!(auto_rating(false, true), 1);
    assert_eq!(auto_rating(true, true), 2);
    assert_eq!(auto_rating(true, false), 3);
    let mut p = doc(vec![rev(T0, "a", 3), rev(T0 + 5, "a", 3)]);
    amend_last(&mut p, "b", "a", "", 2);
    assert_eq!(p.banks["b"].reviews[1].rating, 2);
    assert_eq!(p.banks["b"].reviews[0].rating, 3);
}

#[test]
fn today_counts_due_and_new_within_the_limit_and_the_streak() {
    let ids: Vec<String> = ["a", "b", "c", "d"].iter().map(|s| s.to_string()).collect();
    // Nothing yet: every question is new, no streak, no reviews.
    let empty = BankProgress::default();
    assert_eq!(
        today(&ids, &empty, 20, T0, 0),
        Today {
            due: 0,
            new: 4,
            streak: 0,
            reviews: 0
        }
    );
    // `a` rated Again two days ago is due again; `b` rated Easy yesterday
    // is not due yet; reviews yesterday and the day before make a streak of
    // 2 (today has none yet, which does not break it).
    let p = doc(vec![rev(T0 - 2 * DAY_MS, "a", 1), rev(T0 - DAY_MS, "b", 4)]);
    let bp = &p.banks["b"];
    let t = today(&ids, bp, 20, T0 + 3_600_000, 0);
    assert_eq!(
        t,
        Today {
            due: 1,
            new: 2,
            streak: 2,
            reviews: 2
        }
    );
    // The daily limit caps the queue, due questions first.
    let t = today(&ids, bp, 2, T0 + 3_600_000, 0);
    assert_eq!((t.due, t.new), (1, 1));
}
