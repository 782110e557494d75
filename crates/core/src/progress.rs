//! Progress: every review a learner makes, kept as a versioned JSON
//! document, merged without loss, and replayed through FSRS to decide what
//! to practise next. Plain data and pure functions; the UI stores the
//! document (see `ui/store.rs`).
//!
//! The document is the log of reviews, not the schedule: a question's FSRS
//! card is rebuilt by replaying its reviews in time order, so merging two
//! documents is a set union of reviews and can never double-count one.

use std::collections::{BTreeMap, BTreeSet};

use chrono::{DateTime, Utc};
use rs_fsrs::{Card, Rating, State, FSRS};
use serde::{Deserialize, Serialize};

/// The document version this build writes.
pub const VERSION: u32 = 1;

/// Default number of questions per day in review mode.
pub const DEFAULT_DAILY_LIMIT: u32 = 20;

/// How a review was graded.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    /// Auto-graded right.
    Correct,
    /// Auto-graded wrong.
    Incorrect,
    /// An open question, graded by the learner.
    SelfGraded,
}

/// Where a review was made.
#[derive(
    Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
)]
#[serde(rename_all = "snake_case")]
pub enum Mode {
    /// A question page, the review queue or an embed (not written: the
    /// documents of earlier versions have no `mode`).
    #[default]
    Practice,
    /// A mock interview (`interview/`): answered out loud against the clock.
    Interview,
}

impl Mode {
    fn is_practice(&self) -> bool {
        *self == Mode::Practice
    }
}

/// One review.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Review {
    /// Unix time in milliseconds.
    pub t: i64,
    /// Question id.
    pub q: String,
    /// Part id; empty for the question itself (only those schedule the question).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub part: String,
    /// The variant seed, for generated questions.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub seed: Option<u64>,
    pub outcome: Outcome,
    /// FSRS rating 1-4 (Again, Hard, Good, Easy).
    pub rating: u8,
    /// Where it was made; absent means practice.
    #[serde(default, skip_serializing_if = "Mode::is_practice")]
    pub mode: Mode,
}

/// What one bank's learner has done.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct BankProgress {
    /// Every review, oldest first, no duplicates.
    #[serde(default)]
    pub reviews: Vec<Review>,
}

/// Settings kept with the progress.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Settings {
    /// New plus due questions served per day in review mode.
    #[serde(default = "default_limit")]
    pub daily_limit: u32,
}

fn default_limit() -> u32 {
    DEFAULT_DAILY_LIMIT
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            daily_limit: DEFAULT_DAILY_LIMIT,
        }
    }
}

/// The whole stored document.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Progress {
    pub version: u32,
    /// Progress per bank id.
    #[serde(default)]
    pub banks: BTreeMap<String, BankProgress>,
    #[serde(default)]
    pub settings: Settings,
}

impl Default for Progress {
    fn default() -> Self {
        Progress {
            version: VERSION,
            banks: BTreeMap::new(),
            settings: Settings::default(),
        }
    }
}

/// The result of reading the stored text.
#[derive(Debug, Clone, PartialEq)]
pub struct Read {
    pub progress: Progress,
    /// The stored text could not be used: here it is, to keep aside, with why.
    pub unreadable: Option<(String, String)>,
}

/// Reads the stored document. `None` (nothing stored: a new learner, or
/// the builds before progress existed, which kept only the UI language
/// under its own key) gives an empty document. Version 1 is the first
/// stored format, so there is nothing to migrate yet; a later version adds
/// a step here and a test that loads a stored document of each earlier
/// version. Text that is not JSON, of a newer version, or malformed is
/// never dropped silently: it comes back in `unreadable` for a backup.
pub fn read(stored: Option<&str>) -> Read {
    let Some(text) = stored else {
        return Read {
            progress: Progress::default(),
            unreadable: None,
        };
    };
    let unreadable = |why: String| Read {
        progress: Progress::default(),
        unreadable: Some((text.to_string(), why)),
    };
    // The version first (any JSON object with a number there), then the
    // document of that version: one pass of the same parser each, rather
    // than a JSON value tree in between (smaller in the wasm).
    #[derive(Deserialize)]
    struct Head {
        /// Not a whole number (or not an object): no version.
        version: Option<u64>,
    }
    if let Err(e) = serde_json::from_str::<serde::de::IgnoredAny>(text) {
        return unreadable(format!("not JSON: {e}"));
    }
    let version = serde_json::from_str::<Head>(text)
        .ok()
        .and_then(|h| h.version);
    match version {
        Some(v) if v == VERSION as u64 => match serde_json::from_str::<Progress>(text) {
            Ok(mut p) => {
                for b in p.banks.values_mut() {
                    normalise(&mut b.reviews);
                }
                Read {
                    progress: p,
                    unreadable: None,
                }
            }
            Err(e) => unreadable(format!("version {v} document does not fit: {e}")),
        },
        Some(v) if v > VERSION as u64 => unreadable(format!(
            "written by a newer version of the app (document version {v}, this build reads {VERSION})"
        )),
        _ => unreadable("no document version".into()),
    }
}

/// Sorted by time (then the rest), duplicates removed, bad ratings dropped.
fn normalise(reviews: &mut Vec<Review>) {
    reviews.retain(|r| (1..=4).contains(&r.rating));
    reviews.sort();
    reviews.dedup();
}

/// The document as stored: compact JSON, reviews in time order, so the same
/// progress always serialises to the same bytes.
pub fn write(p: &Progress) -> String {
    serde_json::to_string(p).unwrap_or_else(|_| "{\"version\":1}".into())
}

/// What a merge would do / did.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct MergeReport {
    /// Reviews in the incoming document that are new here.
    pub added: usize,
    /// Reviews already present (not counted twice).
    pub already: usize,
    /// Banks that had no progress here before.
    pub new_banks: usize,
}

/// The union of both documents' reviews, per bank, in time order. The
/// current settings win. Idempotent: merging the same import twice adds
/// nothing the second time.
pub fn merge(current: &Progress, incoming: &Progress) -> (Progress, MergeReport) {
    let mut out = current.clone();
    let mut report = MergeReport::default();
    for (bank, inc) in &incoming.banks {
        let entry = out.banks.entry(bank.clone()).or_insert_with(|| {
            report.new_banks += 1;
            BankProgress::default()
        });
        let have: BTreeSet<Review> = entry.reviews.iter().cloned().collect();
        for r in &inc.reviews {
            if have.contains(r) {
                report.already += 1;
            } else {
                report.added += 1;
                entry.reviews.push(r.clone());
            }
        }
        normalise(&mut entry.reviews);
    }
    (out, report)
}

/// Parses an imported file: must be a readable progress document.
pub fn parse_import(text: &str) -> Result<Progress, String> {
    let r = read(Some(text));
    match r.unreadable {
        Some((_, why)) => Err(why),
        None => Ok(r.progress),
    }
}

/// Adds a review (kept sorted).
pub fn record(p: &mut Progress, bank: &str, review: Review) {
    let b = p.banks.entry(bank.to_string()).or_default();
    b.reviews.push(review);
    normalise(&mut b.reviews);
}

/// Replaces the rating of the latest review of `(q, part)` (the one-tap
/// confidence after an auto-graded answer).
pub fn amend_last(p: &mut Progress, bank: &str, q: &str, part: &str, rating: u8) {
    if let Some(r) = p.banks.get_mut(bank).and_then(|b| {
        b.reviews
            .iter_mut()
            .rev()
            .find(|r| r.q == q && r.part == part)
    }) {
        r.rating = rating.clamp(1, 4);
    }
}

/// FSRS rating for an auto-graded answer and the learner's confidence:
/// wrong is Again; right but guessed is Hard; right and known is Good.
pub fn auto_rating(correct: bool, guessed: bool) -> u8 {
    match (correct, guessed) {
        (false, _) => 1,
        (true, true) => 2,
        (true, false) => 3,
    }
}

fn rating(r: u8) -> Rating {
    match r {
        1 => Rating::Again,
        2 => Rating::Hard,
        4 => Rating::Easy,
        _ => Rating::Good,
    }
}

fn time(ms: i64) -> DateTime<Utc> {
    DateTime::from_timestamp_millis(ms).unwrap_or_default()
}

/// Every reviewed question's FSRS card, from one pass over the reviews
/// (oldest first) replaying the question-level ones. Never reads the clock.
pub fn cards(reviews: &[Review]) -> BTreeMap<&str, Card> {
    let fsrs = FSRS::default();
    let mut cards: BTreeMap<&str, Card> = BTreeMap::new();
    for r in reviews.iter().filter(|r| r.part.is_empty()) {
        let now = time(r.t);
        let c = cards.remove(r.q.as_str()).unwrap_or_else(|| Card {
            due: now,
            last_review: now,
            ..Card::default()
        });
        cards.insert(r.q.as_str(), fsrs.next(c, now, rating(r.rating)).card);
    }
    cards
}

/// A question's FSRS card (`None` if it was never reviewed); see [`cards`].
pub fn card(reviews: &[Review], q: &str) -> Option<Card> {
    let own: Vec<Review> = reviews.iter().filter(|r| r.q == q).cloned().collect();
    cards(&own).remove(q)
}

/// Milliseconds in a day.
pub const DAY_MS: i64 = 86_400_000;

/// The day number (days since 1970-01-01) of `t_ms` in a time zone that is
/// `offset_min` minutes east of UTC.
pub fn day_of(t_ms: i64, offset_min: i32) -> i64 {
    (t_ms + offset_min as i64 * 60_000).div_euclid(DAY_MS)
}

/// Review mode's queue for now: due questions first (most overdue first),
/// then questions never reviewed in the bank's order, minus what was
/// already done today, up to the daily limit.
pub fn queue(
    question_ids: &[String],
    progress: &BankProgress,
    limit: u32,
    now_ms: i64,
    offset_min: i32,
) -> Vec<String> {
    let today = day_of(now_ms, offset_min);
    let done_today: BTreeSet<&str> = progress
        .reviews
        .iter()
        .filter(|r| r.part.is_empty() && day_of(r.t, offset_min) == today)
        .map(|r| r.q.as_str())
        .collect();
    let budget = (limit as usize).saturating_sub(done_today.len());
    let cards = cards(&progress.reviews);
    let mut due: Vec<(i64, &String)> = Vec::new();
    let mut new: Vec<&String> = Vec::new();
    for id in question_ids {
        match cards.get(id.as_str()) {
            Some(c) => {
                let due_ms = c.due.timestamp_millis();
                if due_ms <= now_ms && !done_today.contains(id.as_str()) {
                    due.push((due_ms, id));
                }
            }
            None => new.push(id),
        }
    }
    due.sort();
    due.into_iter()
        .map(|(_, id)| id)
        .chain(new)
        .take(budget)
        .cloned()
        .collect()
}

/// What the home page says of a learner's day in one bank.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Today {
    /// Questions in today's queue that are due again ([`queue`]).
    pub due: usize,
    /// Questions in today's queue never reviewed.
    pub new: usize,
    /// Days in a row with a review, up to today ([`streak`]).
    pub streak: usize,
    /// Every review of the bank so far (0: nothing to show yet).
    pub reviews: usize,
}

/// [`Today`] for the bank's `question_ids` (see [`queue`] for `limit`).
pub fn today(
    question_ids: &[String],
    progress: &BankProgress,
    limit: u32,
    now_ms: i64,
    offset_min: i32,
) -> Today {
    let queued = queue(question_ids, progress, limit, now_ms, offset_min);
    let cards = cards(&progress.reviews);
    let due = queued
        .iter()
        .filter(|id| cards.contains_key(id.as_str()))
        .count();
    Today {
        due,
        new: queued.len() - due,
        streak: streak(progress, now_ms, offset_min),
        reviews: progress.reviews.len(),
    }
}

/// Figures for the stats page.
#[derive(Debug, Clone, PartialEq)]
pub struct TopicStats {
    pub topic: String,
    pub questions: usize,
    /// Auto-graded answers (question or part) right / total.
    pub correct: usize,
    pub graded: usize,
    /// Reviewed questions due now.
    pub due: usize,
    /// Questions never reviewed.
    pub new: usize,
}

/// Per-topic accuracy and due counts; `topics` lists `(topic, question ids)`.
pub fn topic_stats(
    topics: &[(String, Vec<String>)],
    progress: &BankProgress,
    now_ms: i64,
) -> Vec<TopicStats> {
    let cards = cards(&progress.reviews);
    topics
        .iter()
        .map(|(topic, ids)| {
            let mut s = TopicStats {
                topic: topic.clone(),
                questions: ids.len(),
                correct: 0,
                graded: 0,
                due: 0,
                new: 0,
            };
            for r in progress.reviews.iter().filter(|r| ids.contains(&r.q)) {
                match r.outcome {
                    Outcome::Correct => {
                        s.correct += 1;
                        s.graded += 1;
                    }
                    Outcome::Incorrect => s.graded += 1,
                    Outcome::SelfGraded => {}
                }
            }
            for id in ids {
                match cards.get(id.as_str()) {
                    Some(c) if c.due.timestamp_millis() <= now_ms => s.due += 1,
                    Some(_) => {}
                    None => s.new += 1,
                }
            }
            s
        })
        .collect()
}

/// Reviews per day for the `days` days ending today, oldest first.
pub fn reviews_per_day(
    progress: &BankProgress,
    now_ms: i64,
    offset_min: i32,
    days: usize,
) -> Vec<usize> {
    let today = day_of(now_ms, offset_min);
    let mut counts = vec![0; days];
    for r in &progress.reviews {
        let back = today - day_of(r.t, offset_min);
        if (0..days as i64).contains(&back) {
            counts[days - 1 - back as usize] += 1;
        }
    }
    counts
}

/// Consecutive days with at least one review, ending today (or yesterday,
/// if today has none yet).
pub fn streak(progress: &BankProgress, now_ms: i64, offset_min: i32) -> usize {
    let days: BTreeSet<i64> = progress
        .reviews
        .iter()
        .map(|r| day_of(r.t, offset_min))
        .collect();
    let today = day_of(now_ms, offset_min);
    let mut d = if days.contains(&today) {
        today
    } else {
        today - 1
    };
    let mut n = 0;
    while days.contains(&d) {
        n += 1;
        d -= 1;
    }
    n
}

/// Estimated retention: the mean FSRS probability of recall, now, over the
/// questions reviewed at least once (`None` if none were).
pub fn retention(question_ids: &[String], progress: &BankProgress, now_ms: i64) -> Option<f64> {
    let all = cards(&progress.reviews);
    let cards: Vec<&Card> = question_ids
        .iter()
        .filter_map(|id| all.get(id.as_str()))
        .filter(|c| c.state != State::New)
        .collect();
    if cards.is_empty() {
        return None;
    }
    let now = time(now_ms);
    Some(cards.iter().map(|c| c.get_retrievability(now)).sum::<f64>() / cards.len() as f64)
}

/// Removes every review of the given questions (a topic reset).
pub fn reset(progress: &mut BankProgress, question_ids: &[String]) -> usize {
    let before = progress.reviews.len();
    progress.reviews.retain(|r| !question_ids.contains(&r.q));
    before - progress.reviews.len()
}

#[cfg(test)]
mod tests;
