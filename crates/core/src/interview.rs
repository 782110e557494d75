//! Mock interview: which questions a session asks, the steps of one
//! question (answer out loud against the clock, check the key points,
//! answer a follow-up), the rating the ticked key points suggest, the
//! reviews a session writes and its summary. Plain data and pure
//! functions; the page (`ui/interview.rs`) keeps the clock, the
//! microphone and storage.
//!
//! A session is serialisable so that a reload resumes it; audio never is
//! (it lives in the page's memory only).

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::bank::BankIndex;
use crate::numeric::rng::SplitMix64;
use crate::progress::{BankProgress, Mode, Outcome, Review};

/// Seconds for an open answer unless the learner picks another limit.
pub const DEFAULT_ANSWER_SECS: u32 = 60;
/// The length of the model answer (about 30 seconds of speech): the timer
/// gives a gentle signal here.
pub const TARGET_SECS: u32 = 30;
/// Seconds for a follow-up unless the learner picks another limit.
pub const DEFAULT_FOLLOW_UP_SECS: u32 = 30;
/// The answer limits a learner can pick, in seconds.
pub const ANSWER_CHOICES: [u32; 4] = [30, 60, 90, 120];
/// The session lengths offered; `None` is the report's full loop.
pub const LENGTH_CHOICES: [Option<usize>; 4] = [Some(3), Some(5), Some(8), None];

/// Which questions, in what order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Mix {
    /// Every topic, in the report's (the bank's) order.
    Report,
    /// Every topic, shuffled with the session's seed.
    Shuffled,
    /// One topic, in the bank's order.
    Topic(String),
    /// Questions due for review first (most overdue first), then new
    /// ones, then the rest in the bank's order.
    DueFirst,
}

/// What the learner chose before starting.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Setup {
    /// How many questions; `None`: all of them (the full loop).
    pub length: Option<usize>,
    pub mix: Mix,
    /// Time for each answer, in seconds.
    pub answer_secs: u32,
    /// Time for each follow-up, in seconds.
    pub follow_up_secs: u32,
    /// Shuffle seed, and which follow-up each question gets.
    pub seed: u64,
}

impl Default for Setup {
    fn default() -> Self {
        Setup {
            length: Some(5),
            mix: Mix::Report,
            answer_secs: DEFAULT_ANSWER_SECS,
            follow_up_secs: DEFAULT_FOLLOW_UP_SECS,
            seed: 0,
        }
    }
}

/// The question ids a session asks, in order; deterministic for a setup,
/// a progress log and a time. An unknown topic gives none.
pub fn plan(
    index: &BankIndex,
    progress: &BankProgress,
    setup: &Setup,
    now_ms: i64,
    offset_min: i32,
) -> Vec<String> {
    let all = index.ids();
    let mut ids = match &setup.mix {
        Mix::Report => all,
        Mix::Shuffled => {
            let mut ids = all;
            SplitMix64::new(setup.seed).shuffle(&mut ids);
            ids
        }
        Mix::Topic(t) => index
            .questions
            .iter()
            .filter(|q| &q.topic == t)
            .map(|q| q.id.clone())
            .collect(),
        Mix::DueFirst => {
            let mut ids = crate::progress::queue(&all, progress, u32::MAX, now_ms, offset_min);
            let rest: Vec<String> = all.into_iter().filter(|id| !ids.contains(id)).collect();
            ids.extend(rest);
            ids
        }
    };
    if let Some(n) = setup.length {
        ids.truncate(n);
    }
    ids
}

/// Which of a question's `count` follow-ups a session asks (`None` when
/// it has none): fixed by the session's seed and the question's id, so a
/// reload asks the same one.
pub fn follow_up_for(seed: u64, id: &str, count: usize) -> Option<usize> {
    if count == 0 {
        return None;
    }
    // FNV-1a of the id, mixed with the seed.
    let h = id.bytes().fold(0xcbf2_9ce4_8422_2325u64, |h, b| {
        (h ^ b as u64).wrapping_mul(0x0100_0000_01b3)
    });
    Some(SplitMix64::new(seed ^ h).below(count as u64) as usize)
}

/// The rating the ticked key points suggest, 1-4 (Again, Hard, Good,
/// Easy), from the share ticked:
///
/// | share of key points ticked | rating |
/// | --- | --- |
/// | below 1/2 | 1 Again |
/// | 1/2 up to below 3/4 | 2 Hard |
/// | 3/4 up to below all | 3 Good |
/// | all, answered before the time ran out | 4 Easy |
/// | all, but the time ran out | 3 Good |
///
/// `None` for a question without key points (the learner picks).
pub fn suggested_rating(ticked: usize, total: usize, in_time: bool) -> Option<u8> {
    if total == 0 {
        return None;
    }
    let ticked = ticked.min(total);
    // Integer comparisons: ticked/total < 1/2 is 2*ticked < total.
    Some(if 2 * ticked < total {
        1
    } else if 4 * ticked < 3 * total {
        2
    } else if ticked < total || !in_time {
        3
    } else {
        4
    })
}

/// Where a session stands within its current question.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Phase {
    /// The prompt is shown; the clock has not started.
    Ready,
    /// Answering out loud since this time (Unix ms).
    Answering { since_ms: i64 },
    /// The model answer, the key points to tick, the parts; then the follow-up.
    Check,
    /// Answering the follow-up since this time.
    FollowUp { since_ms: i64 },
    /// The follow-up's answer is shown.
    FollowUpDone,
}

/// What happened on one question.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Entry {
    pub id: String,
    pub topic: String,
    /// Time the answer took, in ms (at most the limit).
    #[serde(default)]
    pub answer_ms: Option<u64>,
    /// Whether the answer ended before the limit.
    #[serde(default)]
    pub in_time: bool,
    /// The key points ticked (indices, ascending).
    #[serde(default)]
    pub ticked: Vec<usize>,
    /// How many key points the question has (known once it is shown).
    #[serde(default)]
    pub key_points: usize,
    /// The rating the learner chose over the suggestion.
    #[serde(default)]
    pub chosen: Option<u8>,
    /// The rating recorded when the question was done.
    #[serde(default)]
    pub rating: Option<u8>,
    /// Time the follow-up answer took, in ms.
    #[serde(default)]
    pub follow_up_ms: Option<u64>,
    /// Auto-graded parts: part id → right on its last try.
    #[serde(default)]
    pub parts: BTreeMap<String, bool>,
}

impl Entry {
    /// The rating this question would be recorded with now: the learner's
    /// choice, else the suggestion.
    pub fn rating_now(&self) -> Option<u8> {
        self.chosen
            .or_else(|| suggested_rating(self.ticked.len(), self.key_points, self.in_time))
    }

    /// Share of the key points ticked (`None` without key points).
    pub fn covered(&self) -> Option<f64> {
        (self.key_points > 0).then(|| self.ticked.len() as f64 / self.key_points as f64)
    }
}

/// One mock interview.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Session {
    /// The bank's id (a session resumes only on its own bank).
    pub bank: String,
    pub setup: Setup,
    pub entries: Vec<Entry>,
    /// Index of the question on screen; `entries.len()` once done.
    pub current: usize,
    pub phase: Phase,
}

/// Something the learner (or the clock) does.
#[derive(Debug, Clone, PartialEq)]
pub enum Step {
    /// Start the answer (Ready) or the follow-up (Check).
    Start,
    /// Stop answering (or the follow-up), at this time.
    Stop,
    /// Tick or untick a key point.
    Tick(usize),
    /// Choose a rating other than the suggestion.
    Rate(u8),
    /// An auto-graded part was graded.
    Part { id: String, correct: bool },
    /// The question is done: record it and go on.
    Next,
}

impl Session {
    /// A new session over `ids` (from [`plan`]), topics from `index`.
    pub fn new(bank: &BankIndex, setup: Setup, ids: &[String]) -> Session {
        let entries = ids
            .iter()
            .map(|id| Entry {
                id: id.clone(),
                topic: bank
                    .question(id)
                    .map(|q| q.topic.clone())
                    .unwrap_or_default(),
                ..Entry::default()
            })
            .collect();
        Session {
            bank: bank.id.clone(),
            setup,
            entries,
            current: 0,
            phase: Phase::Ready,
        }
    }

    /// Whether every question is done.
    pub fn done(&self) -> bool {
        self.current >= self.entries.len()
    }

    /// The question on screen.
    pub fn entry(&self) -> Option<&Entry> {
        self.entries.get(self.current)
    }

    /// How long the running clock has left at `now_ms`, in ms (`None` when
    /// no clock runs). Never negative.
    pub fn remaining_ms(&self, now_ms: i64) -> Option<u64> {
        let (since, limit) = match self.phase {
            Phase::Answering { since_ms } => (since_ms, self.setup.answer_secs),
            Phase::FollowUp { since_ms } => (since_ms, self.setup.follow_up_secs),
            _ => return None,
        };
        let elapsed = (now_ms - since).max(0) as u64;
        Some((limit as u64 * 1000).saturating_sub(elapsed))
    }

    /// The session as a reload finds it: a running clock cannot be trusted
    /// after a reload, so that answer starts again.
    pub fn resumed(mut self) -> Session {
        self.phase = match self.phase {
            Phase::Answering { .. } => Phase::Ready,
            Phase::FollowUp { .. } => Phase::Check,
            other => other,
        };
        self
    }

    /// Ends the session now: the questions not yet recorded are left out
    /// (their reviews were never written), and the summary covers the rest.
    pub fn end_early(&self) -> Session {
        let mut s = self.clone();
        s.entries.truncate(s.current);
        s.phase = Phase::Ready;
        s
    }

    /// Sets the current question's key point count when it is shown.
    pub fn know_key_points(&mut self, count: usize) {
        if let Some(e) = self.entries.get_mut(self.current) {
            e.key_points = count;
            e.ticked.retain(|&i| i < count);
        }
    }

    /// The session after `step` at `now_ms`, and the review to record if
    /// the step finished a question. A step that does not fit the phase
    /// changes nothing.
    pub fn apply(&self, step: Step, now_ms: i64) -> (Session, Option<Review>) {
        let mut s = self.clone();
        let limit_answer = s.setup.answer_secs as u64 * 1000;
        let limit_follow = s.setup.follow_up_secs as u64 * 1000;
        let phase = s.phase;
        let Some(e) = s.entries.get_mut(s.current) else {
            return (s, None);
        };
        let elapsed = |since: i64, limit: u64| ((now_ms - since).max(0) as u64).min(limit);
        match (step, phase) {
            (Step::Start, Phase::Ready) => s.phase = Phase::Answering { since_ms: now_ms },
            (Step::Stop, Phase::Answering { since_ms }) => {
                let used = elapsed(since_ms, limit_answer);
                e.answer_ms = Some(used);
                e.in_time = used < limit_answer;
                s.phase = Phase::Check;
            }
            (Step::Start, Phase::Check) => s.phase = Phase::FollowUp { since_ms: now_ms },
            (Step::Stop, Phase::FollowUp { since_ms }) => {
                e.follow_up_ms = Some(elapsed(since_ms, limit_follow));
                s.phase = Phase::FollowUpDone;
            }
            (Step::Tick(i), Phase::Check | Phase::FollowUp { .. } | Phase::FollowUpDone)
                if i < e.key_points =>
            {
                match e.ticked.binary_search(&i) {
                    Ok(at) => {
                        e.ticked.remove(at);
                    }
                    Err(at) => e.ticked.insert(at, i),
                }
            }
            (Step::Rate(r), Phase::Check | Phase::FollowUp { .. } | Phase::FollowUpDone)
                if (1..=4).contains(&r) =>
            {
                e.chosen = Some(r)
            }
            (
                Step::Part { id, correct },
                Phase::Check | Phase::FollowUp { .. } | Phase::FollowUpDone,
            ) => {
                e.parts.insert(id, correct);
            }
            (Step::Next, Phase::Check | Phase::FollowUpDone) => {
                let Some(rating) = e.rating_now() else {
                    return (s, None);
                };
                e.rating = Some(rating);
                let review = Review {
                    t: now_ms,
                    q: e.id.clone(),
                    part: String::new(),
                    seed: None,
                    outcome: Outcome::SelfGraded,
                    rating,
                    mode: Mode::Interview,
                };
                s.current += 1;
                s.phase = Phase::Ready;
                return (s, Some(review));
            }
            _ => {}
        }
        (s, None)
    }
}

/// The review of an auto-graded part answered in an interview.
pub fn part_review(q: &str, part: &str, correct: bool, now_ms: i64) -> Review {
    Review {
        t: now_ms,
        q: q.to_string(),
        part: part.to_string(),
        seed: None,
        outcome: if correct {
            Outcome::Correct
        } else {
            Outcome::Incorrect
        },
        rating: crate::progress::auto_rating(correct, false),
        mode: Mode::Interview,
    }
}

/// A topic that went less well, for the summary.
#[derive(Debug, Clone, PartialEq)]
pub struct WeakTopic {
    pub topic: String,
    /// Mean rating of its questions in this session.
    pub mean_rating: f64,
    /// Its questions in the session.
    pub questions: usize,
}

/// The end of a session: the weakest topics and what to practise next.
#[derive(Debug, Clone, PartialEq)]
pub struct Summary {
    /// Topics whose mean rating is below Good (3), weakest first (ties:
    /// the bank's topic order of first appearance), at most three.
    pub weakest: Vec<WeakTopic>,
    /// Questions rated Again or Hard, in session order.
    pub practise_next: Vec<String>,
    /// Mean share of key points covered over the questions that have them.
    pub covered: Option<f64>,
}

/// The summary of the rated questions of `session`.
pub fn summary(session: &Session) -> Summary {
    let rated: Vec<(&Entry, u8)> = session
        .entries
        .iter()
        .filter_map(|e| e.rating.map(|r| (e, r)))
        .collect();
    let mut topics: Vec<(String, u32, usize)> = Vec::new();
    for (e, r) in &rated {
        match topics.iter_mut().find(|t| t.0 == e.topic) {
            Some(t) => {
                t.1 += *r as u32;
                t.2 += 1;
            }
            None => topics.push((e.topic.clone(), *r as u32, 1)),
        }
    }
    let mut weakest: Vec<WeakTopic> = topics
        .into_iter()
        .map(|(topic, sum, n)| WeakTopic {
            topic,
            mean_rating: sum as f64 / n as f64,
            questions: n,
        })
        .filter(|t| t.mean_rating < 3.0)
        .collect();
    // Stable: equal means keep their first appearance's order.
    weakest.sort_by(|a, b| a.mean_rating.total_cmp(&b.mean_rating));
    weakest.truncate(3);
    let practise_next = rated
        .iter()
        .filter(|(_, r)| *r <= 2)
        .map(|(e, _)| e.id.clone())
        .collect();
    let shares: Vec<f64> = rated.iter().filter_map(|(e, _)| e.covered()).collect();
    let covered = (!shares.is_empty()).then(|| shares.iter().sum::<f64>() / shares.len() as f64);
    Summary {
        weakest,
        practise_next,
        covered,
    }
}

/// The stored session, or why it cannot be resumed (`Ok(None)`: none).
pub fn read_saved(stored: Option<&str>, bank: &str) -> Result<Option<Session>, String> {
    let Some(text) = stored.filter(|t| !t.trim().is_empty()) else {
        return Ok(None);
    };
    let s: Session = serde_json::from_str(text).map_err(|e| e.to_string())?;
    if s.bank != bank || s.done() {
        return Ok(None);
    }
    if s.entries.is_empty() || s.setup.answer_secs == 0 || s.setup.follow_up_secs == 0 {
        return Err("the saved session is empty or has no time limit".to_string());
    }
    Ok(Some(s.resumed()))
}

/// A session as stored (compact JSON).
pub fn write_saved(s: &Session) -> String {
    serde_json::to_string(s).unwrap_or_default()
}

#[cfg(test)]
mod tests;
