//! UI strings in Chinese and English.
//!
//! Every string is a field of [`Strings`], so a missing translation is a
//! compile error, not a blank button. Content (questions) carries its own
//! two languages in the bank.

pub use crate::lang::Lang;

use crate::bank::Difficulty;
use crate::grade::AnswerError;

/// All fixed UI text for one language.
pub struct Strings {
    pub app_title: &'static str,
    pub tagline: &'static str,
    pub skip_to_content: &'static str,
    pub switch_language: &'static str,
    /// The language button's accessible name, in the other language.
    pub switch_language_label: &'static str,
    pub nav_label: &'static str,
    pub nav_review: &'static str,
    pub nav_labs: &'static str,
    pub nav_progress: &'static str,
    pub home: &'static str,
    pub loading: &'static str,
    /// Pages that wait for the learner's progress (review, stats).
    pub loading_progress: &'static str,
    pub load_failed: &'static str,
    pub retry: &'static str,
    pub problems_title: &'static str,
    pub topics: &'static str,
    pub start_all: &'static str,
    pub practise_topic: &'static str,
    pub in_order: &'static str,
    pub reveal: &'static str,
    pub submit: &'static str,
    pub correct: &'static str,
    pub incorrect: &'static str,
    pub quick_answer: &'static str,
    pub key_points: &'static str,
    pub deep_dive: &'static str,
    pub follow_ups: &'static str,
    pub check_yourself: &'static str,
    pub how_did_you_do: &'static str,
    pub ratings: [&'static str; 4],
    pub rated: &'static str,
    pub previous: &'static str,
    pub next: &'static str,
    pub not_found: &'static str,
    /// Before the hash of a route the app does not have.
    pub no_page: &'static str,
    pub numeric_placeholder: &'static str,
    pub ordering_placeholder: &'static str,
    pub your_answer: &'static str,
    pub expected: &'static str,
    pub abs_error: &'static str,
    pub ulps: &'static str,
    pub keyboard_hint: &'static str,
    pub formula_error: &'static str,
    pub why: &'static str,
    pub items_to_order: &'static str,
    pub difficulty: [&'static str; 3],
    pub choose_one: &'static str,
    pub choose_all: &'static str,
    pub source_note: &'static str,
}

const ZH: Strings = Strings {
    app_title: "AI 面试实验室",
    tagline: "一份真实的 GPU 公司 AI 工程师面经，变成可以动手练习的题库：答案经过核对，数字由页面里的 Rust 代码计算。",
    skip_to_content: "跳到正文",
    switch_language: "English",
    switch_language_label: "Switch to English",
    nav_label: "主导航",
    nav_review: "复习",
    nav_labs: "实验",
    nav_progress: "进度",
    home: "首页",
    loading: "正在加载题库…",
    loading_progress: "正在读取你的进度…",
    load_failed: "题库加载失败",
    retry: "重试",
    problems_title: "题库中有问题，以下内容没有加载：",
    topics: "主题",
    start_all: "全部题目，随机顺序",
    practise_topic: "练习",
    in_order: "按原面经顺序",
    reveal: "显示答案",
    submit: "提交",
    correct: "正确",
    incorrect: "错误",
    quick_answer: "30 秒回答",
    key_points: "要点",
    deep_dive: "深入讲解",
    follow_ups: "面试官可能的追问",
    check_yourself: "自测",
    how_did_you_do: "对照要点，你答得怎么样？",
    ratings: ["1 没答上", "2 很吃力", "3 答对了", "4 很轻松"],
    rated: "已记录自评：",
    previous: "上一题",
    next: "下一题",
    not_found: "找不到这道题：",
    no_page: "没有这个页面：",
    numeric_placeholder: "例如 3.5、1e-9、1/3 或 (1, 2)",
    ordering_placeholder: "例如 3 1 0 2",
    your_answer: "你的答案",
    expected: "正确答案",
    abs_error: "绝对误差",
    ulps: "ULP 距离",
    keyboard_hint: "快捷键：空格或回车显示答案；1–4 自评或选择选项；← → 上一题 / 下一题。",
    formula_error: "公式无法解析",
    why: "解析",
    items_to_order: "待排序的项",
    difficulty: ["简单", "中等", "困难"],
    choose_one: "选择一项",
    choose_all: "选择所有正确的选项",
    source_note: "题目来自一篇 2020 年 NVIDIA AI 工程师面经；答案由本站重新撰写，并改正了原文中的错误。",
};

const EN: Strings = Strings {
    app_title: "AI Interview Lab",
    tagline: "A real AI-engineer interview report from a GPU company, turned into a practice lab: checked answers, and numbers computed by Rust running in the page.",
    skip_to_content: "Skip to content",
    switch_language: "中文",
    switch_language_label: "切换到中文",
    nav_label: "Main",
    nav_review: "Review",
    nav_labs: "Labs",
    nav_progress: "Progress",
    home: "Home",
    loading: "Loading the question bank…",
    loading_progress: "Reading your progress…",
    load_failed: "Could not load the question bank",
    retry: "Retry",
    problems_title: "The bank has problems; these were left out:",
    topics: "Topics",
    start_all: "All questions, shuffled",
    practise_topic: "Practise",
    in_order: "In the report's order",
    reveal: "Reveal answer",
    submit: "Check",
    correct: "Correct",
    incorrect: "Incorrect",
    quick_answer: "The 30-second answer",
    key_points: "Key points",
    deep_dive: "Deep dive",
    follow_ups: "Likely follow-ups",
    check_yourself: "Check yourself",
    how_did_you_do: "Against the key points, how did you do?",
    ratings: ["1 Missed it", "2 Struggled", "3 Got it", "4 Easy"],
    rated: "Self-grade recorded: ",
    previous: "Previous",
    next: "Next",
    not_found: "No question with id ",
    no_page: "No page at ",
    numeric_placeholder: "e.g. 3.5, 1e-9, 1/3 or (1, 2)",
    ordering_placeholder: "e.g. 3 1 0 2",
    your_answer: "Your answer",
    expected: "Correct answer",
    abs_error: "Absolute error",
    ulps: "Distance in ULPs",
    keyboard_hint: "Keys: Space or Enter reveals; 1–4 self-grade or pick an option; ← → previous / next.",
    formula_error: "Formula could not be parsed",
    why: "Why",
    items_to_order: "Items to order",
    difficulty: ["Easy", "Medium", "Hard"],
    choose_one: "Choose one",
    choose_all: "Choose every correct option",
    source_note: "Questions come from a 2020 NVIDIA AI-engineer interview report; the answers are our own, with the report's mistakes corrected.",
};

/// The strings for `lang`.
pub fn strings(lang: Lang) -> &'static Strings {
    match lang {
        Lang::Zh => &ZH,
        Lang::En => &EN,
    }
}

/// "33 questions" / "33 题".
pub fn question_count(lang: Lang, n: usize) -> String {
    match (lang, n) {
        (Lang::Zh, n) => format!("{n} 题"),
        (Lang::En, 1) => "1 question".to_string(),
        (Lang::En, n) => format!("{n} questions"),
    }
}

/// "Question 3 of 33" / "第 3 / 33 题" (1-based).
pub fn position(lang: Lang, index: usize, total: usize) -> String {
    match lang {
        Lang::Zh => format!("第 {} / {total} 题", index + 1),
        Lang::En => format!("Question {} of {total}", index + 1),
    }
}

/// The difficulty's display name.
pub fn difficulty(lang: Lang, d: Difficulty) -> &'static str {
    let i = match d {
        Difficulty::Easy => 0,
        Difficulty::Medium => 1,
        Difficulty::Hard => 2,
    };
    strings(lang).difficulty[i]
}

/// `f64`, `f32`, `f16` or `bf16`, as the bank writes them.
pub fn format_name(f: crate::bank::FloatFormat) -> &'static str {
    f.name()
}

pub fn answer_error(lang: Lang, e: &AnswerError) -> String {
    match (lang, e) {
        (Lang::Zh, AnswerError::Empty) => "请先输入或选择答案。".into(),
        (Lang::En, AnswerError::Empty) => "Enter or choose an answer first.".into(),
        (Lang::Zh, AnswerError::NotANumber(t)) => {
            format!("“{t}”不是数字。可以写 3.5、-2、1e-9、1/3、2^-10，向量写成 (1, 2)。")
        }
        (Lang::En, AnswerError::NotANumber(t)) => {
            format!("“{t}” is not a number. Write 3.5, -2, 1e-9, 1/3 or 2^-10; vectors as (1, 2).")
        }
        (Lang::Zh, AnswerError::HexNotAccepted(t)) => {
            format!("“{t}”是十六进制位模式，但这道题的答案不是某种浮点格式的值。请写十进制数。")
        }
        (Lang::En, AnswerError::HexNotAccepted(t)) => format!(
            "“{t}” is a hex bit pattern, but this answer is not a value of a float format. Write a decimal number."
        ),
        (Lang::Zh, AnswerError::HexTooWide { token, format, digits }) => format!(
            "“{token}”放不进 {}：它的位模式最多 {digits} 个十六进制数字。",
            format_name(*format)
        ),
        (Lang::En, AnswerError::HexTooWide { token, format, digits }) => format!(
            "“{token}” does not fit {}: its bit patterns have at most {digits} hex digits.",
            format_name(*format)
        ),
        (Lang::Zh, AnswerError::NotFinite(t)) => format!("“{t}”不是有限的数，答案都是有限值。"),
        (Lang::En, AnswerError::NotFinite(t)) => {
            format!("“{t}” is not a finite number; every answer here is finite.")
        }
        (Lang::Zh, AnswerError::WrongCount { expected, got }) => {
            format!("需要 {expected} 个数，你写了 {got} 个。")
        }
        (Lang::En, AnswerError::WrongCount { expected, got }) => {
            format!("Expected {expected} value(s), got {got}.")
        }
        (Lang::Zh, AnswerError::NotAnIndex(t)) => {
            format!("“{t}”不是序号。请写从 0 开始的整数，例如 3 1 0 2。")
        }
        (Lang::En, AnswerError::NotAnIndex(t)) => {
            format!("“{t}” is not an index. Write 0-based whole numbers, such as 3 1 0 2.")
        }
        (Lang::Zh, AnswerError::NotAPermutation { n }) => {
            format!("0 到 {} 每个序号要恰好出现一次。", n.saturating_sub(1))
        }
        (Lang::En, AnswerError::NotAPermutation { n }) => format!(
            "Use each index from 0 to {} exactly once.",
            n.saturating_sub(1)
        ),
        (Lang::Zh, AnswerError::NotGradable | AnswerError::WrongResponseKind) => {
            "这道题不能自动判分。".into()
        }
        (Lang::En, AnswerError::NotGradable | AnswerError::WrongResponseKind) => {
            "This question is not auto-graded.".into()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chinese_browser_tags_pick_chinese_and_everything_else_english() {
        assert_eq!(Lang::from_tag("zh-TW"), Lang::Zh);
        assert_eq!(Lang::from_tag("ZH"), Lang::Zh);
        assert_eq!(Lang::from_tag("en-US"), Lang::En);
        assert_eq!(Lang::from_tag("fr"), Lang::En);
        assert_eq!(Lang::from_tag(""), Lang::En);
    }

    #[test]
    fn pick_takes_the_string_of_the_language() {
        assert_eq!(Lang::Zh.pick("步数", "Steps"), "步数");
        assert_eq!(Lang::En.pick("步数", "Steps"), "Steps");
        assert_eq!(Lang::En.other().pick(1, 2), 1);
    }

    #[test]
    fn counts_and_positions_are_one_based_and_pluralised() {
        assert_eq!(question_count(Lang::En, 1), "1 question");
        assert_eq!(question_count(Lang::En, 33), "33 questions");
        assert_eq!(question_count(Lang::Zh, 33), "33 题");
        assert_eq!(position(Lang::En, 0, 33), "Question 1 of 33");
        assert_eq!(position(Lang::Zh, 2, 33), "第 3 / 33 题");
    }

    #[test]
    fn answer_errors_name_the_bad_token() {
        let m = answer_error(Lang::En, &AnswerError::NotANumber("abc".into()));
        assert!(m.contains("abc") && m.contains("1e-9"), "{m}");
        let m = answer_error(Lang::Zh, &AnswerError::NotAPermutation { n: 4 });
        assert!(m.contains("0 到 3"), "{m}");
    }
}
