//! UI strings in Chinese and English: the one place where the app's own
//! text is written.
//!
//! - Fixed text is a field of [`Strings`]: `strings(lang).field`. A missing
//!   translation is a compile error, not a blank button.
//! - Text with values is a function here, `fn name(lang: Lang, values…)`,
//!   returning a `String` (or a `&'static str` where the value only picks
//!   the form, as in [`streak_end`]).
//!
//! Components write no text of their own (`tests/ui_text.rs` checks
//! `src/ui`). Content (questions) carries its own two languages in the
//! bank.

pub use crate::lang::Lang;

use crate::bank::Difficulty;
use crate::bank::FloatFormat;
use crate::grade::AnswerError;
use crate::progress::MergeReport;

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
    pub nav_interview: &'static str,
    /// The home page's button to the mock interview.
    pub home_interview: &'static str,
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

    // The bank box (home, and a bank from elsewhere)
    pub bank_heading: &'static str,
    /// Between the bank's title and its author.
    pub bank_by: &'static str,
    /// Between the author and the number of questions.
    pub bank_count_sep: &'static str,
    pub bank_from_url: &'static str,
    pub bank_from_file: &'static str,
    /// Before a bank from elsewhere is picked.
    pub bank_pick_intro: &'static str,
    pub bank_open_file: &'static str,
    pub bank_back_to_builtin: &'static str,
    /// After a bank from elsewhere failed to load.
    pub bank_use_builtin: &'static str,
    pub bank_use_own: &'static str,
    /// Before the link to the JSON Schema.
    pub bank_drop_hint: &'static str,
    pub bank_schema_link: &'static str,
    /// After the link to the JSON Schema.
    pub bank_authoring_note: &'static str,

    // Embeds
    /// An embed's link to the full page.
    pub embed_open_full: &'static str,
    pub embed_no_storage: &'static str,
    pub embed_code_summary: &'static str,
    pub embed_code_help: &'static str,
    pub embed_copy: &'static str,
    pub embed_copied: &'static str,
    pub embed_copy_failed: &'static str,

    // The learner's day (home)
    pub today_label: &'static str,
    /// Before the number due today.
    pub today_due: &'static str,
    /// Before the number of new questions.
    pub today_new: &'static str,
    /// Before the streak; [`streak_end`] follows it.
    pub today_streak: &'static str,
    pub today_empty: &'static str,
    pub review_link: &'static str,

    // A question
    pub variant_failed: &'static str,
    /// Before a variant's seed.
    pub variant_label: &'static str,
    pub new_variant: &'static str,
    pub variant_in_lab: &'static str,
    /// Above the links to a question's labs.
    pub compute_it: &'static str,
    /// After a right answer: how sure the learner was.
    pub confidence: &'static str,
    pub knew_it: &'static str,
    pub guessed: &'static str,

    // Review and stats
    pub review_title: &'static str,
    pub daily_limit: &'static str,
    pub start_review: &'static str,
    /// After a question of the queue that is due.
    pub queue_due: &'static str,
    /// After a question of the queue that is new.
    pub queue_new: &'static str,
    pub review_done: &'static str,
    /// Under the first bar of the 30-day chart.
    pub chart_start: &'static str,
    /// Under the last bar of the 30-day chart.
    pub chart_end: &'static str,
    pub stats_title: &'static str,
    pub total_reviews: &'static str,
    pub streak_days: &'static str,
    pub retention: &'static str,
    pub col_topic: &'static str,
    pub col_accuracy: &'static str,
    pub col_due: &'static str,
    pub col_new: &'static str,
    pub reset: &'static str,
    pub confirm_reset: &'static str,
    pub cancel: &'static str,
    pub export_import: &'static str,
    pub export_help: &'static str,
    pub export: &'static str,
    pub import_file: &'static str,
    pub undo_import: &'static str,
    /// Before the reason an import failed.
    pub cannot_import: &'static str,
    pub merge: &'static str,

    // Updates and storage notices
    pub update_ready: &'static str,
    pub update_reload: &'static str,
    pub notice_tab_only: &'static str,
    pub notice_memory_only: &'static str,
    /// Before the backup's key and the reason.
    pub notice_unreadable: &'static str,
    pub download_backup: &'static str,
    /// Dismisses a notice.
    pub dismiss: &'static str,
}

const ZH: Strings = Strings {
    app_title: "AI 面试实验室",
    tagline: "一份真实的 GPU 公司 AI 工程师面经，变成可以动手练习的题库：答案经过核对，数字由页面里的 Rust 代码计算。",
    skip_to_content: "跳到正文",
    switch_language: "English",
    switch_language_label: "Switch to English",
    nav_label: "主导航",
    nav_review: "复习",
    nav_interview: "模拟面试",
    home_interview: "模拟面试：出声作答",
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
    // The bank box (home, and a bank from elsewhere)
    bank_heading: "题库",
    bank_by: "，作者 ",
    bank_count_sep: "，",
    bank_from_url: "（来自网址）",
    bank_from_file: "（来自文件）",
    bank_pick_intro: "打开一个同样格式的题库：它只在这次访问中使用，不会上传到任何地方。",
    bank_open_file: "打开题库文件…",
    bank_back_to_builtin: "回到内置题库",
    bank_use_builtin: "改用内置题库",
    bank_use_own: "使用你自己的题库…",
    bank_drop_hint: "也可以把 JSON 文件拖到这里，或者用 ?bank=https://… 打开网上的题库。格式：",
    bank_schema_link: "JSON Schema",
    bank_authoring_note: "（作者指南在仓库的 docs/authoring.md）。",
    // Embeds
    embed_open_full: "在 AI 面试实验室中打开 ↗",
    embed_no_storage: "这个嵌入页无法使用浏览器存储：进度不会保存在这里。",
    embed_code_summary: "嵌入到你的网页",
    embed_code_help: "把这两行放进博客文章，就能嵌入这一页（iframe 会随内容自动调整高度）。可选：data-lang、data-theme、data-seed。",
    embed_copy: "复制嵌入代码",
    embed_copied: " 已复制",
    embed_copy_failed: " 无法访问剪贴板，请手动选中上面的代码复制。",
    // The learner's day (home)
    today_label: "今天",
    today_due: "今天到期 ",
    today_new: "，新题 ",
    today_streak: "。连续 ",
    today_empty: "答过题之后，这里会显示今天到期的题和连续练习的天数。",
    review_link: "复习 →",
    // A question
    variant_failed: "这道题的变体生成失败",
    variant_label: "变体 ",
    new_variant: "换一题",
    variant_in_lab: "在实验室里打开这组数 →",
    compute_it: "动手算一算",
    confidence: "把握程度",
    knew_it: "我会",
    guessed: "我是猜的",
    // Review and stats
    review_title: "今日复习",
    daily_limit: "每日上限（到期 + 新题）",
    start_review: "开始",
    queue_due: "（到期）",
    queue_new: "（新）",
    review_done: "今天的复习完成了。",
    chart_start: "30 天前",
    chart_end: "今天",
    stats_title: "进度",
    total_reviews: "复习总数",
    streak_days: "连续天数",
    retention: "估计记忆保持率（FSRS）",
    col_topic: "主题",
    col_accuracy: "正确率",
    col_due: "到期",
    col_new: "新题",
    reset: "重置",
    confirm_reset: "确认重置",
    cancel: "取消",
    export_import: "导出与导入",
    export_help: "导出全部进度为 JSON 文件；导入时按复习时间合并，不会丢失或重复计算任何一次复习，并且可以撤销。",
    export: "导出",
    import_file: "导入文件…",
    undo_import: "撤销导入",
    cannot_import: "无法导入：",
    merge: "合并",
    // Updates and storage notices
    update_ready: "新版本已下载。",
    update_reload: "重新加载以更新",
    notice_tab_only: "浏览器存储已满或被阻止：进度暂存在这个标签页里，关闭标签页后会丢失。可以在“进度”页导出。",
    notice_memory_only: "浏览器存储不可用（隐私模式、空间已满或被阻止）：进度只保存在这一页的内存里，离开这一页就会丢失。",
    notice_unreadable: "保存的进度无法读取，已从空白开始。原始内容没有删除：",
    download_backup: "下载备份",
    dismiss: "知道了",
};

const EN: Strings = Strings {
    app_title: "AI Interview Lab",
    tagline: "A real AI-engineer interview report from a GPU company, turned into a practice lab: checked answers, and numbers computed by Rust running in the page.",
    skip_to_content: "Skip to content",
    switch_language: "中文",
    switch_language_label: "切换到中文",
    nav_label: "Main",
    nav_review: "Review",
    nav_interview: "Interview",
    home_interview: "Mock interview, out loud",
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
    // The bank box (home, and a bank from elsewhere)
    bank_heading: "Question bank",
    bank_by: ", by ",
    bank_count_sep: ", ",
    bank_from_url: " (from a URL)",
    bank_from_file: " (from a file)",
    bank_pick_intro: "Open a bank in the same format: it is used for this visit only and sent nowhere.",
    bank_open_file: "Open a bank file…",
    bank_back_to_builtin: "Back to the built-in bank",
    bank_use_builtin: "Use the built-in bank",
    bank_use_own: "Use your own bank…",
    bank_drop_hint: "You can also drop a JSON file here, or open a bank on the web with ?bank=https://…. The format: ",
    bank_schema_link: "its JSON Schema",
    bank_authoring_note: " (the authoring guide is docs/authoring.md in the repository).",
    // Embeds
    embed_open_full: "Open in AI Interview Lab ↗",
    embed_no_storage: "Browser storage is not available in this embed: progress is not saved here.",
    embed_code_summary: "Embed in your page",
    embed_code_help: "Paste these two lines into a blog post to embed this page (the iframe sizes itself to its content). Options: data-lang, data-theme, data-seed.",
    embed_copy: "Copy embed code",
    embed_copied: " Copied",
    embed_copy_failed: " The clipboard is not available: select the code above and copy it.",
    // The learner's day (home)
    today_label: "Today",
    today_due: "Due today: ",
    today_new: ", new: ",
    today_streak: ". Streak: ",
    today_empty: "Once you answer questions, what is due today and your streak show here.",
    review_link: "Review →",
    // A question
    variant_failed: "This question's variant could not be drawn",
    variant_label: "Variant ",
    new_variant: "New variant",
    variant_in_lab: "Open these numbers in the lab →",
    compute_it: "Compute it yourself",
    confidence: "Confidence",
    knew_it: "I knew it",
    guessed: "I guessed",
    // Review and stats
    review_title: "Review",
    daily_limit: "Daily limit (due + new)",
    start_review: "Start",
    queue_due: " (due)",
    queue_new: " (new)",
    review_done: "Nothing left for today.",
    chart_start: "30 days ago",
    chart_end: "today",
    stats_title: "Progress",
    total_reviews: "Reviews",
    streak_days: "Streak (days)",
    retention: "Estimated retention (FSRS)",
    col_topic: "Topic",
    col_accuracy: "Accuracy",
    col_due: "Due",
    col_new: "New",
    reset: "Reset",
    confirm_reset: "Confirm reset",
    cancel: "Cancel",
    export_import: "Export and import",
    export_help: "Export all progress as a JSON file. Importing merges by review time: no review is lost or counted twice, and it can be undone.",
    export: "Export",
    import_file: "Import a file…",
    undo_import: "Undo import",
    cannot_import: "Cannot import: ",
    merge: "Merge",
    // Updates and storage notices
    update_ready: "A new version is ready.",
    update_reload: "Reload to update",
    notice_tab_only: "Browser storage is full or blocked: progress is kept in this tab only, until you close it. You can export it from the Progress page.",
    notice_memory_only: "Browser storage is unavailable (private mode, full, or blocked): progress is kept in memory on this page only, and is lost when you leave it.",
    notice_unreadable: "Your saved progress could not be read, so this visit starts empty. The original text was not deleted: ",
    download_backup: "Download the backup",
    dismiss: "OK",
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

/// After the streak's number: " 天。" / " day." / " days.".
pub fn streak_end(lang: Lang, days: usize) -> &'static str {
    match (lang, days) {
        (Lang::Zh, _) => " 天。",
        (Lang::En, 1) => " day.",
        (Lang::En, _) => " days.",
    }
}

/// The review page's summary: `left` questions today, `due` of them due.
pub fn review_summary(lang: Lang, left: usize, due: usize) -> String {
    let new = left - due;
    match lang {
        Lang::Zh => format!("今天还有 {left} 道：{due} 道到期，{new} 道新题。"),
        Lang::En => format!("{left} left today: {due} due, {new} new."),
    }
}

/// The 30-day chart's accessible name: reviews per day over `days` days,
/// the highest bar `max`.
pub fn day_chart_label(lang: Lang, days: usize, max: usize) -> String {
    match lang {
        Lang::Zh => format!("最近 {days} 天每天的复习数，最多 {max} 次"),
        Lang::En => format!("Reviews per day over the last {days} days, at most {max}"),
    }
}

/// What an import would add, before the learner confirms it.
pub fn import_preview(lang: Lang, r: &MergeReport) -> String {
    let (added, already, banks) = (r.added, r.already, r.new_banks);
    match lang {
        Lang::Zh => format!("将新增 {added} 次复习（{already} 次已存在，不会重复计算），新增 {banks} 个题库。"),
        Lang::En => format!("This adds {added} reviews ({already} already here are not counted twice) and {banks} new bank(s)."),
    }
}

/// A graded number's row head: the learner's value rounded to `format`
/// (`f32`, `f16`, `bf16`).
pub fn stored_as(lang: Lang, format: &str) -> String {
    match lang {
        Lang::Zh => format!("你的值存成 {format}"),
        Lang::En => format!("Your value as {format}"),
    }
}

/// A graded number's row head: the key's neighbours in `format`.
pub fn key_neighbours(lang: Lang, format: &str) -> String {
    match lang {
        Lang::Zh => format!("正确值在 {format} 中的上下相邻值"),
        Lang::En => format!("{format} neighbours of the key"),
    }
}

/// The placeholder of an answer that may be a bit pattern of `f`.
pub fn hex_placeholder(lang: Lang, f: FloatFormat) -> String {
    let example = match f {
        FloatFormat::F32 => "0x50138581",
        _ => "0x3c00",
    };
    match lang {
        Lang::Zh => format!("例如 9900000256、1e-9、2^-24，或位模式 {example}"),
        Lang::En => format!("e.g. 9900000256, 1e-9, 2^-24, or the bit pattern {example}"),
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

/// Why an answer cannot be graded, and what form is expected.
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

/// The mock interview's fixed text (`interview/`).
pub struct InterviewStrings {
    pub title: &'static str,
    pub intro: &'static str,
    pub privacy: &'static str,
    pub needs_js: &'static str,
    pub setup_heading: &'static str,
    pub length_label: &'static str,
    pub length_full: &'static str,
    pub mix_label: &'static str,
    pub mix_report: &'static str,
    pub mix_shuffled: &'static str,
    pub mix_due: &'static str,
    /// Before a topic's name in the mix list.
    pub mix_topic: &'static str,
    pub answer_time_label: &'static str,
    pub follow_up_time_label: &'static str,
    pub record_label: &'static str,
    pub start: &'static str,
    pub resumed: &'static str,
    pub mic_refused: &'static str,
    pub mic_unsupported: &'static str,
    pub answer_out_loud: &'static str,
    pub start_answer: &'static str,
    pub stop_answer: &'static str,
    pub time_left: &'static str,
    pub target_reached: &'static str,
    pub time_up: &'static str,
    pub recording: &'static str,
    pub your_recording: &'static str,
    pub notes_label: &'static str,
    pub tick_points: &'static str,
    pub record_as: &'static str,
    pub follow_up: &'static str,
    pub start_follow_up: &'static str,
    pub follow_up_answer: &'static str,
    pub next: &'static str,
    pub finish: &'static str,
    pub quit: &'static str,
    pub quit_confirm: &'static str,
    pub summary: &'static str,
    pub col_question: &'static str,
    pub col_time: &'static str,
    pub col_points: &'static str,
    pub col_rating: &'static str,
    pub col_recording: &'static str,
    pub no_recording: &'static str,
    pub weakest: &'static str,
    pub none_weak: &'static str,
    pub practise_next: &'static str,
    pub nothing_to_practise: &'static str,
    pub again: &'static str,
    pub keys_hint: &'static str,
    pub not_saved: &'static str,
    pub saved_unreadable: &'static str,
    pub no_questions: &'static str,
    pub covered_label: &'static str,
}

const INTERVIEW_ZH: InterviewStrings = InterviewStrings {
    title: "模拟面试",
    intro: "像真实面试一样，对着计时器出声回答：每题大约 30 秒说清楚。答完后对照要点勾选自己讲到的，再接一个追问。",
    privacy: "录音只留在这个页面的内存里：不保存，不上传；结束面试或离开页面就丢弃。",
    needs_js: "模拟面试需要 JavaScript。",
    setup_heading: "设置",
    length_label: "题数",
    length_full: "全部（面经完整一轮）",
    mix_label: "出题方式",
    mix_report: "所有主题，按面经顺序",
    mix_shuffled: "所有主题，随机顺序",
    mix_due: "先出到期复习的题",
    mix_topic: "只出主题：",
    answer_time_label: "每题作答时间",
    follow_up_time_label: "追问作答时间",
    record_label: "用麦克风录下我的回答（只在本页内存中，可回放）",
    start: "开始面试",
    resumed: "已从上次离开的题目继续（刷新后录音不会保留）。",
    mic_refused: "没有麦克风，或没有获得录音权限：面试照常进行，只是不录音。可以在下面的笔记框里打字。",
    mic_unsupported: "这个浏览器在这里无法录音：面试照常进行，只是不录音。",
    answer_out_loud: "请出声回答，像在面试官面前一样。",
    start_answer: "开始作答（空格）",
    stop_answer: "答完了（空格）",
    time_left: "剩余时间",
    target_reached: "已到 30 秒：参考答案就是这么长。",
    time_up: "时间到。",
    recording: "录音中",
    your_recording: "你的回答录音",
    notes_label: "笔记（可选，不保存）",
    tick_points: "勾选你讲到的要点（数字键 1–9）",
    record_as: "记录为",
    follow_up: "追问",
    start_follow_up: "回答追问（空格）",
    follow_up_answer: "追问的参考回答",
    next: "下一题（回车）",
    finish: "查看总结（回车）",
    quit: "结束面试",
    quit_confirm: "结束这场面试？已评分的题目会保留记录，录音会被丢弃。",
    summary: "面试总结",
    col_question: "题目",
    col_time: "用时 / 目标",
    col_points: "要点",
    col_rating: "评分",
    col_recording: "录音",
    no_recording: "无",
    weakest: "最薄弱的主题",
    none_weak: "这一场没有薄弱主题：每个主题的平均评分都在“答对了”以上。",
    practise_next: "接下来练这些",
    nothing_to_practise: "没有评为“没答上”或“很吃力”的题。",
    again: "再来一场",
    keys_hint: "键盘：空格 开始/停止 · 1–9 勾选要点 · 回车 下一题",
    not_saved: "浏览器存储不可用：这场面试无法在刷新后继续（记录照常写入进度，如果存储可用）。",
    saved_unreadable: "上次保存的面试无法读取，已从设置重新开始：",
    no_questions: "这个设置下没有题目。",
    covered_label: "平均讲到的要点：",
};

const INTERVIEW_EN: InterviewStrings = InterviewStrings {
    title: "Mock interview",
    intro: "Answer out loud against the clock, as in the real interview: a clear answer in about 30 seconds. Then tick the key points you made and take a follow-up.",
    privacy: "Recordings stay in this page's memory: never stored, never sent, discarded when the interview ends or you leave the page.",
    needs_js: "The mock interview needs JavaScript.",
    setup_heading: "Setup",
    length_label: "Questions",
    length_full: "All (the report's full loop)",
    mix_label: "Which questions",
    mix_report: "All topics, in the report's order",
    mix_shuffled: "All topics, shuffled",
    mix_due: "Due questions first",
    mix_topic: "Only the topic: ",
    answer_time_label: "Time per answer",
    follow_up_time_label: "Time per follow-up",
    record_label: "Record my answers with the microphone (kept in this page's memory, for playback)",
    start: "Start the interview",
    resumed: "Resumed at the question you left (recordings do not survive a reload).",
    mic_refused: "No microphone, or permission was refused: the interview goes on without recording. You can type notes in the box below.",
    mic_unsupported: "This browser cannot record here: the interview goes on without recording.",
    answer_out_loud: "Answer out loud, as you would to the interviewer.",
    start_answer: "Start answering (Space)",
    stop_answer: "Done (Space)",
    time_left: "Time left",
    target_reached: "30 seconds: the length of the model answer.",
    time_up: "Time's up.",
    recording: "Recording",
    your_recording: "Your answer, recorded",
    notes_label: "Notes (optional, not saved)",
    tick_points: "Tick the key points you made (keys 1–9)",
    record_as: "Record as",
    follow_up: "Follow-up",
    start_follow_up: "Answer the follow-up (Space)",
    follow_up_answer: "The follow-up's answer",
    next: "Next question (Enter)",
    finish: "See the summary (Enter)",
    quit: "End the interview",
    quit_confirm: "End this interview? Rated questions stay recorded; recordings are discarded.",
    summary: "Summary",
    col_question: "Question",
    col_time: "Time / target",
    col_points: "Key points",
    col_rating: "Rating",
    col_recording: "Recording",
    no_recording: "none",
    weakest: "Weakest topics",
    none_weak: "No weak topic in this interview: every topic averaged Good or better.",
    practise_next: "Practise these next",
    nothing_to_practise: "No question was rated Again or Hard.",
    again: "Another interview",
    keys_hint: "Keys: Space start/stop · 1–9 tick a key point · Enter next",
    not_saved: "Browser storage is not available: this interview cannot resume after a reload.",
    saved_unreadable: "The saved interview could not be read, so a new one starts from the setup: ",
    no_questions: "No question matches this setup.",
    covered_label: "Key points made, on average: ",
};

/// The mock interview's strings for `lang`.
pub fn interview_strings(lang: Lang) -> &'static InterviewStrings {
    match lang {
        Lang::Zh => &INTERVIEW_ZH,
        Lang::En => &INTERVIEW_EN,
    }
}

/// "60 s" / "60 秒".
pub fn seconds(lang: Lang, s: u32) -> String {
    match lang {
        Lang::Zh => format!("{s} 秒"),
        Lang::En => format!("{s} s"),
    }
}

/// The clock: `m:ss` from milliseconds, rounded up (a clock showing 0:00
/// has run out).
pub fn clock(ms: u64) -> String {
    let s = ms.div_ceil(1000);
    format!("{}:{:02}", s / 60, s % 60)
}

/// "41 s of 60 s (target 30 s)" / "41 秒 / 60 秒（目标 30 秒）".
pub fn time_used(lang: Lang, used_ms: u64, limit_s: u32, target_s: u32) -> String {
    let used = used_ms.div_ceil(1000);
    match lang {
        Lang::Zh => format!("{used} 秒 / {limit_s} 秒（目标 {target_s} 秒）"),
        Lang::En => format!("{used} s of {limit_s} s (target {target_s} s)"),
    }
}

/// "Suggested from 3 of 4 key points: 3 Good" / "按讲到 3/4 个要点建议：3 答对了".
pub fn suggested_rating(lang: Lang, ticked: usize, total: usize, rating: u8) -> String {
    let name = strings(lang).ratings[(rating.clamp(1, 4) - 1) as usize];
    match lang {
        Lang::Zh => format!("按讲到 {ticked}/{total} 个要点建议：{name}"),
        Lang::En => format!("Suggested from {ticked} of {total} key points: {name}"),
    }
}

/// "3 / 4" key points; "–" for a question without any.
pub fn points_made(ticked: usize, total: usize) -> String {
    if total == 0 {
        "–".to_string()
    } else {
        format!("{ticked} / {total}")
    }
}

/// A weak topic's line: "Numerics: 1.5 average over 2 questions".
pub fn weak_topic(lang: Lang, name: &str, mean: f64, questions: usize) -> String {
    match (lang, questions) {
        (Lang::Zh, n) => format!("{name}：平均 {mean:.1} 分，共 {n} 题"),
        (Lang::En, 1) => format!("{name}: {mean:.1} average over 1 question"),
        (Lang::En, n) => format!("{name}: {mean:.1} average over {n} questions"),
    }
}

/// "56 %".
pub fn percent(share: f64) -> String {
    format!("{:.0} %", share * 100.0)
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
    fn texts_with_values_put_each_value_in_place() {
        assert_eq!(streak_end(Lang::En, 1), " day.");
        assert_eq!(streak_end(Lang::En, 2), " days.");
        assert_eq!(streak_end(Lang::Zh, 1), " 天。");
        assert_eq!(
            review_summary(Lang::En, 5, 2),
            "5 left today: 2 due, 3 new."
        );
        assert_eq!(
            review_summary(Lang::Zh, 5, 2),
            "今天还有 5 道：2 道到期，3 道新题。"
        );
        assert_eq!(
            hex_placeholder(Lang::En, FloatFormat::F16),
            "e.g. 9900000256, 1e-9, 2^-24, or the bit pattern 0x3c00"
        );
    }

    #[test]
    fn answer_errors_name_the_bad_token() {
        let m = answer_error(Lang::En, &AnswerError::NotANumber("abc".into()));
        assert!(m.contains("abc") && m.contains("1e-9"), "{m}");
        let m = answer_error(Lang::Zh, &AnswerError::NotAPermutation { n: 4 });
        assert!(m.contains("0 到 3"), "{m}");
    }

    #[test]
    fn interview_clock_and_times() {
        assert_eq!(clock(60_000), "1:00");
        assert_eq!(clock(59_001), "1:00");
        assert_eq!(clock(59_000), "0:59");
        assert_eq!(clock(1), "0:01");
        assert_eq!(clock(0), "0:00");
        assert_eq!(clock(125_000), "2:05");
        assert_eq!(
            time_used(Lang::En, 41_200, 60, 30),
            "42 s of 60 s (target 30 s)"
        );
        assert_eq!(time_used(Lang::Zh, 0, 60, 30), "0 秒 / 60 秒（目标 30 秒）");
        assert_eq!(
            suggested_rating(Lang::En, 3, 4, 3),
            "Suggested from 3 of 4 key points: 3 Got it"
        );
        assert_eq!(points_made(2, 5), "2 / 5");
        assert_eq!(points_made(0, 0), "–");
        assert_eq!(
            weak_topic(Lang::En, "Numerics", 1.5, 2),
            "Numerics: 1.5 average over 2 questions"
        );
        assert_eq!(percent(9.0 / 16.0), "56 %");
    }
}
