//! A bank's index: what lists of questions need (the home page, review,
//! a lab's questions, the order "next" walks): the bank's own fields and,
//! per question, its id, topic, difficulty and its prompt's first
//! paragraph as one line of plain text. Static pages carry it for the
//! module that takes them over, so that module needs no Markdown parser.

use serde::{Deserialize, Serialize};

use super::{Bank, Difficulty, Text, Topic};

/// The bank as its question lists see it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BankIndex {
    /// The bank's id (progress is kept per bank).
    pub id: String,
    pub title: Text,
    pub author: String,
    pub topics: Vec<Topic>,
    /// Every question, in the bank's order.
    pub questions: Vec<Stub>,
}

/// One question in a list.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Stub {
    pub id: String,
    pub topic: String,
    pub difficulty: Difficulty,
    /// The prompt's first paragraph as plain text, formulas included
    /// ([`crate::markup::plain::summary`]), cut at [`SUMMARY_CHARS`];
    /// empty in the index a question page carries, which lists nothing.
    #[serde(default, skip_serializing_if = "Text::is_empty")]
    pub summary: Text,
}

/// The longest summary, in characters (an ellipsis marks a cut).
pub const SUMMARY_CHARS: usize = 90;

impl BankIndex {
    /// The index of `bank`.
    pub fn of(bank: &Bank) -> BankIndex {
        use crate::markup::plain::summary;
        BankIndex {
            id: bank.id.clone(),
            title: bank.title.clone(),
            author: bank.author.clone(),
            topics: bank.topics.clone(),
            questions: bank
                .questions
                .iter()
                .map(|q| Stub {
                    id: q.id.clone(),
                    topic: q.topic.clone(),
                    difficulty: q.difficulty,
                    summary: Text {
                        zh: summary(&q.prompt.zh, SUMMARY_CHARS),
                        en: summary(&q.prompt.en, SUMMARY_CHARS),
                    },
                })
                .collect(),
        }
    }

    /// The index without the summaries: what a page needs that lists no
    /// questions (a question page: its place in an order, its topic's name).
    pub fn without_summaries(&self) -> BankIndex {
        let mut index = self.clone();
        for q in &mut index.questions {
            q.summary = Text::default();
        }
        index
    }

    /// The question `id`, if the bank has it.
    pub fn question(&self, id: &str) -> Option<&Stub> {
        self.questions.iter().find(|q| q.id == id)
    }

    /// The topic `id`, if the bank has it.
    pub fn topic(&self, id: &str) -> Option<&Topic> {
        self.topics.iter().find(|t| t.id == id)
    }

    /// How many questions topic `id` has.
    pub fn count_in_topic(&self, id: &str) -> usize {
        self.questions.iter().filter(|q| q.topic == id).count()
    }

    /// Every question id, in the bank's order.
    pub fn ids(&self) -> Vec<String> {
        self.questions.iter().map(|q| q.id.clone()).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_index_keeps_ids_topics_and_a_plain_one_line_summary() {
        let src = r#"{"version":1,"id":"b","title":{"zh":"题","en":"T"},"author":"us",
          "topics":[{"id":"t","name":{"zh":"主题","en":"Topic"}}],
          "questions":[{"id":"q1","topic":"t","difficulty":"hard",
            "prompt":{"zh":"求 $S = QLQ^\\top$ 的 **特征值**。\n\n第二段","en":"Find the **eigenvalues** of $S = QLQ^\\top$.\n\nSecond paragraph"},
            "kind":{"type":"open","key_points":[{"zh":"点","en":"p"}]},
            "answer":{"zh":"答","en":"A"},"explanation":{"zh":"解","en":"E"}}]}"#;
        let bank = crate::load(src).unwrap().bank;
        let index = BankIndex::of(&bank);
        assert_eq!(index.id, "b");
        assert_eq!(index.ids(), ["q1"]);
        assert_eq!(index.count_in_topic("t"), 1);
        assert_eq!(index.topic("t").unwrap().name.en, "Topic");
        let q = index.question("q1").unwrap();
        assert_eq!(q.difficulty, Difficulty::Hard);
        assert_eq!(q.summary.en, "Find the eigenvalues of S = QLQᵀ.");
        assert_eq!(q.summary.zh, "求 S = QLQᵀ 的 特征值。");
        // It round-trips through JSON, which is how pages carry it, with
        // or without the summaries (which are then left out of the JSON).
        let json = serde_json::to_string(&index).unwrap();
        assert_eq!(serde_json::from_str::<BankIndex>(&json).unwrap(), index);
        let slim = index.without_summaries();
        let json = serde_json::to_string(&slim).unwrap();
        assert!(!json.contains("summary"), "{json}");
        assert_eq!(serde_json::from_str::<BankIndex>(&json).unwrap(), slim);
        assert_eq!(slim.ids(), index.ids());
    }
}
