//! Practice state: the order questions are walked in, and what the learner
//! has done on the current question. Plain data, an [`Action`] enum and a
//! pure transition; the Yew reducer only delegates here.

use crate::bank::{BankIndex, Kind, Question};
use crate::grade::{grade, AnswerError, Graded, Response};
use crate::numeric::rng::SplitMix64;
use crate::route::Order;

/// The question ids of `order`, in walking order: the bank's order, filtered
/// by topic, shuffled with SplitMix64 when a seed is given.
pub fn ordered_ids(bank: &BankIndex, order: &Order) -> Vec<String> {
    let mut ids: Vec<String> = bank
        .questions
        .iter()
        .filter(|q| order.topic.as_deref().is_none_or(|t| q.topic == t))
        .map(|q| q.id.clone())
        .collect();
    if let Some(seed) = order.seed {
        SplitMix64::new(seed).shuffle(&mut ids);
    }
    ids
}

/// Index of `id` in `ids` and its neighbours.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Position {
    pub index: usize,
    pub total: usize,
    pub previous: Option<String>,
    pub next: Option<String>,
}

/// Where `id` stands in `ids`; `None` if it is not there.
pub fn position(ids: &[String], id: &str) -> Option<Position> {
    let index = ids.iter().position(|x| x == id)?;
    Some(Position {
        index,
        total: ids.len(),
        previous: index.checked_sub(1).map(|i| ids[i].clone()),
        next: ids.get(index + 1).cloned(),
    })
}

/// State of one gradable slot (the question itself, or one of its parts).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct SlotState {
    /// Typed text (numeric, ordering).
    pub input: String,
    /// Selected options (single: at most one; multi: any).
    pub selected: Vec<usize>,
    /// The last grade, or why the input could not be graded.
    pub result: Option<Result<Graded, AnswerError>>,
}

/// What the learner has done on the question on screen.
#[derive(Debug, Clone, PartialEq)]
pub struct QuestionState {
    /// The id this state belongs to (a new question starts fresh).
    pub id: String,
    /// Kinds of the slots: index 0 is the question itself, 1.. its parts.
    pub kinds: Vec<Kind>,
    /// Whether the model answer is shown.
    pub revealed: bool,
    /// Self-grade 1-4 for open questions (Again, Hard, Good, Easy).
    pub rating: Option<u8>,
    /// Per-slot state, same indexing as `kinds`.
    pub slots: Vec<SlotState>,
}

/// Something the learner does.
#[derive(Debug, Clone, PartialEq)]
pub enum Action {
    Reveal,
    Rate(u8),
    Type {
        slot: usize,
        text: String,
    },
    /// Single choice: select this option. Multi: toggle it.
    Pick {
        slot: usize,
        option: usize,
    },
    Submit {
        slot: usize,
    },
}

impl QuestionState {
    /// Fresh state for `q`.
    pub fn new(q: &Question) -> Self {
        let kinds: Vec<Kind> = std::iter::once(q.kind.clone())
            .chain(q.parts.iter().map(|p| p.kind.clone()))
            .collect();
        QuestionState {
            id: q.id.clone(),
            slots: vec![SlotState::default(); kinds.len()],
            kinds,
            revealed: false,
            rating: None,
        }
    }

    /// The state of no question (a page whose question is missing).
    pub fn empty() -> Self {
        QuestionState {
            id: String::new(),
            kinds: vec![],
            revealed: false,
            rating: None,
            slots: vec![],
        }
    }

    /// The state after `action`. Out-of-range slots or options change nothing.
    pub fn apply(&self, action: Action) -> Self {
        let mut s = self.clone();
        match action {
            Action::Reveal => s.revealed = true,
            Action::Rate(r) if (1..=4).contains(&r) => {
                s.revealed = true;
                s.rating = Some(r);
            }
            Action::Rate(_) => {}
            Action::Type { slot, text } => {
                if let Some(st) = s.slots.get_mut(slot) {
                    st.input = text;
                    st.result = None;
                }
            }
            Action::Pick { slot, option } => {
                let n = match s.kinds.get(slot) {
                    Some(Kind::Single { options, .. } | Kind::Multi { options, .. }) => {
                        options.len()
                    }
                    _ => 0,
                };
                let multi = matches!(s.kinds.get(slot), Some(Kind::Multi { .. }));
                if let Some(st) = s.slots.get_mut(slot).filter(|_| option < n) {
                    if multi {
                        if let Some(i) = st.selected.iter().position(|&o| o == option) {
                            st.selected.remove(i);
                        } else {
                            st.selected.push(option);
                        }
                    } else {
                        st.selected = vec![option];
                    }
                    st.result = None;
                }
            }
            Action::Submit { slot } => {
                if let (Some(kind), Some(st)) = (s.kinds.get(slot), s.slots.get_mut(slot)) {
                    let response = match kind {
                        Kind::Single { .. } => match st.selected.first() {
                            Some(&o) => Response::Choice(o),
                            None => {
                                st.result = Some(Err(AnswerError::Empty));
                                return s;
                            }
                        },
                        Kind::Multi { .. } => Response::Choices(st.selected.clone()),
                        _ => Response::Typed(st.input.clone()),
                    };
                    let result = grade(kind, &response);
                    // Grading the question itself shows its full answer.
                    if slot == 0 && result.is_ok() {
                        s.revealed = true;
                    }
                    st.result = Some(result);
                }
            }
        }
        s
    }

    /// Whether the question itself (slot 0) is self-graded.
    pub fn is_open(&self) -> bool {
        matches!(self.kinds.first(), Some(Kind::Open { .. }))
    }
}

/// What a key press means on the question page.
#[derive(Debug, Clone, PartialEq)]
pub enum KeyCommand {
    Do(Action),
    Next,
    Previous,
}

/// Maps a key (`KeyboardEvent.key`) to a command, given the state. Keys
/// typed into a text field never reach here (the UI filters them).
///
/// Space/Enter reveal; 1-4 self-grade an open question once revealed, or
/// pick option 1-4 of a choice question (a single choice is then checked
/// at once); arrows walk the order.
pub fn key_command(key: &str, s: &QuestionState) -> Option<KeyCommand> {
    match key {
        "ArrowRight" => Some(KeyCommand::Next),
        "ArrowLeft" => Some(KeyCommand::Previous),
        " " | "Enter" if !s.revealed => Some(KeyCommand::Do(Action::Reveal)),
        "1" | "2" | "3" | "4" => {
            let n = key.as_bytes()[0] - b'0';
            match s.kinds.first() {
                Some(Kind::Open { .. }) if s.revealed => Some(KeyCommand::Do(Action::Rate(n))),
                Some(Kind::Single { options, .. } | Kind::Multi { options, .. })
                    if (n as usize) <= options.len() =>
                {
                    Some(KeyCommand::Do(Action::Pick {
                        slot: 0,
                        option: n as usize - 1,
                    }))
                }
                _ => None,
            }
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::bank::{Choice, Difficulty, Text, Tolerance};
    use crate::grade::Verdict;

    fn t(s: &str) -> Text {
        Text {
            zh: s.into(),
            en: s.into(),
        }
    }

    fn question(id: &str, topic: &str, kind: Kind) -> Question {
        Question {
            id: id.into(),
            topic: topic.into(),
            tags: vec![],
            difficulty: Difficulty::Easy,
            prompt: t("p"),
            kind,
            answer: t("a"),
            explanation: t("e"),
            follow_ups: vec![],
            parts: vec![],
        }
    }

    fn single() -> Kind {
        Kind::Single {
            options: vec![
                Choice {
                    text: t("a"),
                    explanation: t("x"),
                },
                Choice {
                    text: t("b"),
                    explanation: t("y"),
                },
            ],
            correct: 1,
        }
    }

    fn bank(qs: Vec<Question>) -> BankIndex {
        BankIndex::of(&crate::bank::Bank {
            schema: None,
            version: 1,
            id: "b".into(),
            title: t("b"),
            author: "a".into(),
            description: t("d"),
            answer_limit: None,
            topics: vec![],
            questions: qs,
        })
    }

    #[test]
    fn order_without_seed_is_bank_order_filtered_by_topic() {
        let b = bank(vec![
            question("a", "x", single()),
            question("b", "y", single()),
            question("c", "x", single()),
        ]);
        assert_eq!(ordered_ids(&b, &Order::default()), ["a", "b", "c"]);
        assert_eq!(
            ordered_ids(
                &b,
                &Order {
                    seed: None,
                    topic: Some("x".into()),
                    review: false
                }
            ),
            ["a", "c"]
        );
    }

    #[test]
    fn seeded_order_is_a_fixed_shuffle() {
        let qs: Vec<Question> = (0..10)
            .map(|i| question(&format!("q{i}"), "x", single()))
            .collect();
        let b = bank(qs);
        let o = Order {
            seed: Some(42),
            topic: None,
            review: false,
        };
        let first = ordered_ids(&b, &o);
        assert_eq!(first, ordered_ids(&b, &o));
        assert_ne!(first, ordered_ids(&b, &Order::default()));
        // Pinned: the walk for seed 42 must not change between releases. The
        // expected order was computed by an independent Python transcription
        // of SplitMix64 + Lemire + Fisher-Yates.
        assert_eq!(
            first,
            ["q8", "q3", "q6", "q5", "q4", "q0", "q9", "q2", "q1", "q7"]
        );
    }

    #[test]
    fn position_gives_neighbours_and_none_at_the_ends() {
        let ids: Vec<String> = ["a", "b", "c"].iter().map(|s| s.to_string()).collect();
        assert_eq!(
            position(&ids, "a"),
            Some(Position {
                index: 0,
                total: 3,
                previous: None,
                next: Some("b".into())
            })
        );
        assert_eq!(position(&ids, "c").unwrap().next, None);
        assert_eq!(position(&ids, "zz"), None);
    }

    #[test]
    fn submitting_a_single_choice_grades_the_selection() {
        let s = QuestionState::new(&question("q", "x", single()));
        let s = s.apply(Action::Submit { slot: 0 });
        assert_eq!(s.slots[0].result, Some(Err(AnswerError::Empty)));
        let s = s
            .apply(Action::Pick { slot: 0, option: 1 })
            .apply(Action::Submit { slot: 0 });
        assert_eq!(
            s.slots[0]
                .result
                .as_ref()
                .unwrap()
                .as_ref()
                .unwrap()
                .verdict,
            Verdict::Correct
        );
        assert!(s.revealed, "grading the question itself reveals its answer");
        let s = s.apply(Action::Pick { slot: 0, option: 0 });
        assert_eq!(
            s.slots[0].result, None,
            "changing the answer clears the old grade"
        );
    }

    #[test]
    fn multi_choice_pick_toggles() {
        let k = Kind::Multi {
            options: vec![
                Choice {
                    text: t("a"),
                    explanation: t("x")
                };
                3
            ],
            correct: vec![0, 2],
        };
        let s = QuestionState::new(&question("q", "x", k));
        let s = s
            .apply(Action::Pick { slot: 0, option: 0 })
            .apply(Action::Pick { slot: 0, option: 2 })
            .apply(Action::Pick { slot: 0, option: 0 });
        assert_eq!(s.slots[0].selected, vec![2]);
    }

    #[test]
    fn out_of_range_actions_change_nothing() {
        let s = QuestionState::new(&question("q", "x", single()));
        assert_eq!(s.apply(Action::Pick { slot: 0, option: 9 }), s);
        assert_eq!(
            s.apply(Action::Type {
                slot: 5,
                text: "1".into()
            }),
            s
        );
        assert_eq!(s.apply(Action::Rate(9)), s);
    }

    #[test]
    fn typed_numeric_answer_is_graded_on_submit() {
        let k = Kind::Numeric {
            answer: vec![1024.0],
            tolerance: Tolerance::Absolute { value: 0.0 },
            unit: None,
            format: None,
        };
        let s = QuestionState::new(&question("q", "x", k));
        let s = s
            .apply(Action::Type {
                slot: 0,
                text: "1024".into(),
            })
            .apply(Action::Submit { slot: 0 });
        assert_eq!(
            s.slots[0]
                .result
                .as_ref()
                .unwrap()
                .as_ref()
                .unwrap()
                .verdict,
            Verdict::Correct
        );
    }

    #[test]
    fn keys_reveal_then_rate_open_questions() {
        let s = QuestionState::new(&question(
            "q",
            "x",
            Kind::Open {
                key_points: vec![t("k")],
            },
        ));
        assert_eq!(key_command(" ", &s), Some(KeyCommand::Do(Action::Reveal)));
        assert_eq!(
            key_command("3", &s),
            None,
            "no rating before the answer is seen"
        );
        let s = s.apply(Action::Reveal);
        assert_eq!(key_command("3", &s), Some(KeyCommand::Do(Action::Rate(3))));
        assert_eq!(key_command("ArrowRight", &s), Some(KeyCommand::Next));
        assert_eq!(key_command("ArrowLeft", &s), Some(KeyCommand::Previous));
    }

    #[test]
    fn number_keys_pick_choice_options_within_range() {
        let s = QuestionState::new(&question("q", "x", single()));
        assert_eq!(
            key_command("2", &s),
            Some(KeyCommand::Do(Action::Pick { slot: 0, option: 1 }))
        );
        assert_eq!(key_command("3", &s), None);
    }
}
