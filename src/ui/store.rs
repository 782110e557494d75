//! The progress store in the browser: `localStorage["ail.progress"]`,
//! written after every change. Every write is guarded: when storage throws
//! (quota, private mode, a partitioned iframe) the app keeps the progress
//! in memory and says so once. A stored document that cannot be read is
//! copied to `ail.progress.backup.<time>` before anything replaces it, and
//! the learner is told and can download it. Other tabs' writes arrive as
//! `storage` events and replace the in-memory copy.

use std::rc::Rc;

use yew::prelude::*;

use wasm_bindgen::JsCast;

use crate::i18n::Lang;
use crate::progress::{self, BankProgress, Progress, Review};

pub const KEY: &str = "ail.progress";
pub const BACKUP_PREFIX: &str = "ail.progress.backup.";

/// Something the learner should be told about the store.
#[derive(Debug, Clone, PartialEq)]
pub enum Notice {
    /// Storage cannot be written: progress lasts for this visit only.
    MemoryOnly,
    /// The stored document was unreadable; it was kept under `key` (or
    /// only in memory, if even that failed), with the reason.
    Unreadable {
        key: Option<String>,
        reason: String,
        raw: String,
    },
}

#[derive(Debug, Clone, PartialEq)]
pub struct Store {
    pub progress: Progress,
    /// Writes go nowhere (storage threw once).
    pub memory_only: bool,
    pub notices: Vec<Notice>,
    /// The document before the last import, for Undo.
    pub before_import: Option<Progress>,
}

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

/// Unix time in milliseconds.
pub fn now_ms() -> i64 {
    js_sys::Date::now() as i64
}

/// The local time zone's offset east of UTC, in minutes.
pub fn offset_min() -> i32 {
    -(js_sys::Date::new_0().get_timezone_offset() as i32)
}

impl Store {
    /// Reads the stored document (see the module note).
    pub fn load() -> Store {
        let mut notices = Vec::new();
        let raw = match storage() {
            Some(s) => match s.get_item(KEY) {
                Ok(v) => v,
                Err(_) => {
                    notices.push(Notice::MemoryOnly);
                    None
                }
            },
            None => {
                notices.push(Notice::MemoryOnly);
                None
            }
        };
        let read = progress::read(raw.as_deref());
        if let Some((raw, reason)) = read.unreadable {
            let key = format!("{BACKUP_PREFIX}{}", now_ms());
            let kept = storage().is_some_and(|s| s.set_item(&key, &raw).is_ok());
            notices.push(Notice::Unreadable {
                key: kept.then_some(key),
                reason,
                raw,
            });
        }
        Store {
            progress: read.progress,
            memory_only: notices.contains(&Notice::MemoryOnly),
            notices,
            before_import: None,
        }
    }

    /// Writes the document; on failure switches to memory and adds the notice once.
    fn save(&mut self) {
        if self.memory_only {
            return;
        }
        let ok =
            storage().is_some_and(|s| s.set_item(KEY, &progress::write(&self.progress)).is_ok());
        if !ok {
            self.memory_only = true;
            if !self.notices.contains(&Notice::MemoryOnly) {
                self.notices.push(Notice::MemoryOnly);
            }
        }
    }
}

/// A change to the progress.
pub enum Action {
    Record {
        bank: String,
        review: Review,
    },
    /// The learner's confidence after an auto-graded answer.
    Amend {
        bank: String,
        q: String,
        part: String,
        rating: u8,
    },
    /// Merge an imported document (Undo restores the one before).
    Import(Progress),
    UndoImport,
    ResetTopic {
        bank: String,
        questions: Vec<String>,
    },
    SetLimit(u32),
    /// Another tab wrote the store: adopt its document.
    External(Progress),
    Dismiss(usize),
}

impl Reducible for Store {
    type Action = Action;
    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut s = (*self).clone();
        match action {
            Action::Record { bank, review } => progress::record(&mut s.progress, &bank, review),
            Action::Amend {
                bank,
                q,
                part,
                rating,
            } => progress::amend_last(&mut s.progress, &bank, &q, &part, rating),
            Action::Import(incoming) => {
                s.before_import = Some(s.progress.clone());
                s.progress = progress::merge(&s.progress, &incoming).0;
            }
            Action::UndoImport => {
                if let Some(p) = s.before_import.take() {
                    s.progress = p;
                }
            }
            Action::ResetTopic { bank, questions } => {
                if let Some(b) = s.progress.banks.get_mut(&bank) {
                    progress::reset(b, &questions);
                }
            }
            Action::SetLimit(n) => s.progress.settings.daily_limit = n.clamp(1, 500),
            Action::External(p) => {
                s.progress = p;
                return Rc::new(s); // already stored by the other tab
            }
            Action::Dismiss(i) => {
                if i < s.notices.len() {
                    s.notices.remove(i);
                }
                return Rc::new(s);
            }
        }
        s.save();
        Rc::new(s)
    }
}

/// The store, shared through a Yew context.
pub type StoreHandle = UseReducerHandle<Store>;

/// Re-reads the stored document after another tab wrote it.
pub fn read_external() -> Option<Progress> {
    let raw = storage()?.get_item(KEY).ok()??;
    let read = progress::read(Some(&raw));
    read.unreadable.is_none().then_some(read.progress)
}

/// Offers `text` as a file download named `name`.
pub fn download(name: &str, text: &str) {
    let Some(doc) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    let parts = js_sys::Array::of1(&wasm_bindgen::JsValue::from_str(text));
    let opts = web_sys::BlobPropertyBag::new();
    opts.set_type("application/json");
    let Ok(blob) = web_sys::Blob::new_with_str_sequence_and_options(&parts, &opts) else {
        return;
    };
    let Ok(url) = web_sys::Url::create_object_url_with_blob(&blob) else {
        return;
    };
    if let Some(a) = doc
        .create_element("a")
        .ok()
        .and_then(|e| e.dyn_into::<web_sys::HtmlAnchorElement>().ok())
    {
        a.set_href(&url);
        a.set_download(name);
        a.click();
    }
    // The URL is not revoked: the download may still be reading it, and one
    // small blob per export is all it keeps alive.
}

/// The progress store, kept in step with other tabs (the roots provide it
/// to their pages as a context).
#[hook]
pub fn use_store() -> StoreHandle {
    let store = use_reducer(Store::load);
    use_storage_sync(store.clone());
    store
}

/// Today's queue for the bank on screen.
pub fn todays_queue(bank: &crate::bank::BankIndex, store: &Store) -> Vec<String> {
    let ids = bank.ids();
    let empty = BankProgress::default();
    let bp = store.progress.banks.get(&bank.id).unwrap_or(&empty);
    progress::queue(
        &ids,
        bp,
        store.progress.settings.daily_limit,
        now_ms(),
        offset_min(),
    )
}

/// The store's notices (memory only, unreadable document with its backup).
/// A plain function, not a component: the app shell calls it with its own
/// store (a component costs about 5 KB of wasm).
pub fn store_notices(store: &StoreHandle, lang: Lang) -> Html {
    html! {
        <>
        { for store.notices.iter().enumerate().map(|(i, n)| {
            let dismiss = {
                let store = store.clone();
                Callback::from(move |_: MouseEvent| store.dispatch(Action::Dismiss(i)))
            };
            match n {
                Notice::MemoryOnly => html! {
                    <div class="notice" role="status" data-testid="memory-notice">
                        <p>{ lang.pick("浏览器存储不可用（隐私模式、空间已满或被阻止）：本次的进度只保存在内存里，关闭页面后会丢失。可以在“进度”页导出。",
                                   "Browser storage is unavailable (private mode, full, or blocked): progress is kept in memory for this visit only. You can export it from the Progress page.") }</p>
                        <button class="button" onclick={dismiss}>{ lang.pick("知道了", "OK") }</button>
                    </div>
                },
                Notice::Unreadable { key, reason, raw } => {
                    let raw = raw.clone();
                    let download = Callback::from(move |_: MouseEvent| download("ai-interview-lab-progress-backup.json", &raw));
                    html! {
                        <div class="notice" role="alert" data-testid="corrupt-notice">
                            <p>{ lang.pick("保存的进度无法读取，已从空白开始。原始内容没有删除：", "Your saved progress could not be read, so this visit starts empty. The original text was not deleted: ") }
                               { match key { Some(k) => format!("{k}. "), None => String::new() } }
                               <code>{ reason.clone() }</code></p>
                            <button class="button" data-testid="download-backup" onclick={download}>{ lang.pick("下载备份", "Download the backup") }</button>
                            <button class="button" onclick={dismiss}>{ lang.pick("知道了", "OK") }</button>
                        </div>
                    }
                }
            }
        }) }
        </>
    }
}

/// Keeps the store in step with other tabs.
#[hook]
pub fn use_storage_sync(store: StoreHandle) {
    use_effect_with((), move |_| {
        let listener = web_sys::window().map(|w| {
            gloo_events::EventListener::new(&w, "storage", move |e| {
                let key = e.dyn_ref::<web_sys::StorageEvent>().and_then(|s| s.key());
                if key.as_deref() == Some(KEY) {
                    if let Some(p) = read_external() {
                        store.dispatch(Action::External(p));
                    }
                }
            })
        });
        move || drop(listener)
    });
}
