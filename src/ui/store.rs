//! The progress store in the browser: `localStorage["ail.progress"]`,
//! written after every change. Every write is guarded: when storage throws
//! (quota, private mode, a partitioned iframe) the app keeps the progress
//! in memory and says so once. A stored document that cannot be read is
//! copied to `ail.progress.backup.<time>` before anything replaces it, and
//! the learner is told and can download it. Other tabs' writes arrive as
//! `storage` events and replace the in-memory copy.

use std::rc::Rc;

use yew::prelude::*;

use crate::progress::{self, Progress, Review};

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
    use wasm_bindgen::JsCast;
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
