//! What a static page carries for the module that takes it over: JSON in
//! `<script type="application/json" id="ail-page">`, written by the build.
//! The page's texts are in its HTML, so the question here has none: only
//! its shape and answer keys ([`crate::bank::Question::without_texts`]).

use serde::{Deserialize, Serialize};

use crate::bank::{BankIndex, Question};

/// The id of the element that holds a page's [`PageData`].
pub const DATA_ID: &str = "ail-page";

/// The seed of the variant a question's static page shows. Links without
/// `?seed=` open that page; other seeds are drawn by the app.
pub const PAGE_SEED: u64 = 1;

/// A static page's data.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PageData {
    /// The bank's index: lists, the order "next" walks, topic names.
    pub index: BankIndex,
    /// A question page's question, its generated slots drawn for
    /// [`PAGE_SEED`], without its texts.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub question: Option<Question>,
    /// For a question with generated slots: the seed they were drawn from
    /// ([`PAGE_SEED`]) …
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub seed: Option<u64>,
    /// … and each slot's lab route (slot 0 the question, 1.. its parts).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub labs: Vec<Option<String>>,
}

impl PageData {
    /// The JSON for the page: `<` is escaped (`\u003c`), so no text in it
    /// can end the script element that holds it.
    pub fn to_script_json(&self) -> String {
        serde_json::to_string(self)
            .unwrap_or_else(|_| "null".into())
            .replace('<', "\\u003c")
    }

    /// Reads a page's JSON; the error says what is wrong and where.
    pub fn parse(json: &str) -> Result<PageData, String> {
        serde_json::from_str(json).map_err(|e| format!("the page's data could not be read: {e}"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn script_json_cannot_close_its_script_element_and_reads_back() {
        let index = BankIndex {
            id: "b".into(),
            title: crate::bank::Text {
                zh: "题".into(),
                en: "</script><script>alert(1)</script>".into(),
            },
            author: "<!-- us".into(),
            topics: vec![],
            questions: vec![],
        };
        let data = PageData {
            index,
            question: None,
            seed: None,
            labs: vec![],
        };
        let json = data.to_script_json();
        assert!(!json.contains('<'), "{json}");
        assert_eq!(PageData::parse(&json).unwrap(), data);
        let err = PageData::parse("{\"index\": 3}").unwrap_err();
        assert!(err.contains("line 1 column"), "{err}");
    }
}
