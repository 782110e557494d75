//! The progress store in the browser: `localStorage["ail.progress"]`,
//! written after every change. Every write is guarded: when local storage
//! throws (full, private mode, a partitioned iframe) the progress goes to
//! this tab's session storage, so the next page of the visit still has it,
//! and when that throws too it stays on this page only; either way the
//! learner is told once. A later page merges what the tab kept back in as
//! soon as local storage takes it again. A stored document that cannot be
//! read is copied once to `ail.progress.backup.<time>` before anything
//! replaces it (the same text is never copied twice), and the learner is
//! told and can download it. Other tabs' writes arrive as `storage` events
//! and replace the in-memory copy.

use std::rc::Rc;

use yew::prelude::*;

use wasm_bindgen::JsCast;

use crate::i18n::{strings, Lang};
use crate::progress::{self, BankProgress, Progress, Review};

pub const KEY: &str = "ail.progress";
pub const BACKUP_PREFIX: &str = "ail.progress.backup.";

/// Something the learner should be told about the store.
#[derive(Debug, Clone, PartialEq)]
pub enum Notice {
    /// Local storage cannot be written: progress is kept in this tab's
    /// session storage, until the tab is closed.
    TabOnly,
    /// No storage can be written: progress lasts for this page only.
    MemoryOnly,
    /// The stored document was unreadable; it was kept under `key` (or
    /// only in memory, if even that failed), with the reason.
    Unreadable {
        key: Option<String>,
        reason: String,
        raw: String,
    },
}

/// Where the progress is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Sink {
    /// Local storage: it lasts.
    Local,
    /// This tab's session storage (local storage threw).
    Session,
    /// Nowhere (both threw): this page only.
    Memory,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Store {
    pub progress: Progress,
    pub sink: Sink,
    pub notices: Vec<Notice>,
    /// The document before the last import, for Undo.
    pub before_import: Option<Progress>,
}

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

fn session() -> Option<web_sys::Storage> {
    web_sys::window()?.session_storage().ok().flatten()
}

/// Keeps `raw`, a document that could not be read, under a backup key:
/// the key of an earlier backup of the same text, else a new one. `None`
/// if it could not be written.
fn back_up(raw: &str) -> Option<String> {
    let s = storage()?;
    let len = s.length().unwrap_or(0);
    for i in 0..len {
        let Some(key) = s.key(i).ok().flatten() else {
            continue;
        };
        if key.starts_with(BACKUP_PREFIX) && s.get_item(&key).ok().flatten().as_deref() == Some(raw)
        {
            return Some(key);
        }
    }
    let key = format!("{BACKUP_PREFIX}{}", now_ms());
    s.set_item(&key, raw).is_ok().then_some(key)
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
    /// Reads the stored document, and what this tab kept when local
    /// storage would not take it (see the module note).
    pub fn load() -> Store {
        let mut notices = Vec::new();
        let raw = storage().and_then(|s| s.get_item(KEY).ok().flatten());
        let read = progress::read(raw.as_deref());
        if let Some((raw, reason)) = read.unreadable {
            notices.push(Notice::Unreadable {
                key: back_up(&raw),
                reason,
                raw,
            });
        }
        let mut store = Store {
            progress: read.progress,
            sink: Sink::Local,
            notices,
            before_import: None,
        };
        let kept = session().and_then(|s| s.get_item(KEY).ok().flatten());
        if let Some(kept) = kept {
            let kept = progress::read(Some(&kept));
            if kept.unreadable.is_none() {
                store.progress = progress::merge(&store.progress, &kept.progress).0;
                // Into local storage, if it takes it now.
                store.save();
            }
        }
        store
    }

    /// Writes the document where it can (see [`Sink`]); tells the learner
    /// once when that is not local storage.
    fn save(&mut self) {
        let text = progress::write(&self.progress);
        let wrote = |s: Option<web_sys::Storage>| s.is_some_and(|s| s.set_item(KEY, &text).is_ok());
        let (sink, notice) = if wrote(storage()) {
            if let Some(s) = session() {
                let _ = s.remove_item(KEY);
            }
            (Sink::Local, None)
        } else if wrote(session()) {
            (Sink::Session, Some(Notice::TabOnly))
        } else {
            (Sink::Memory, Some(Notice::MemoryOnly))
        };
        self.sink = sink;
        if let Some(n) = notice {
            if !self.notices.contains(&n) {
                self.notices
                    .retain(|x| !matches!(x, Notice::TabOnly | Notice::MemoryOnly));
                self.notices.push(n);
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
    let s = strings(lang);
    html! {
        <>
        { for store.notices.iter().enumerate().map(|(i, n)| {
            let dismiss = {
                let store = store.clone();
                Callback::from(move |_: MouseEvent| store.dispatch(Action::Dismiss(i)))
            };
            match n {
                Notice::TabOnly => html! {
                    <div class="notice" role="status" data-testid="memory-notice">
                        <p>{ s.notice_tab_only }</p>
                        <button class="button" onclick={dismiss}>{ s.dismiss }</button>
                    </div>
                },
                Notice::MemoryOnly => html! {
                    <div class="notice" role="status" data-testid="memory-notice">
                        <p>{ s.notice_memory_only }</p>
                        <button class="button" onclick={dismiss}>{ s.dismiss }</button>
                    </div>
                },
                Notice::Unreadable { key, reason, raw } => {
                    let raw = raw.clone();
                    let download = Callback::from(move |_: MouseEvent| download("ai-interview-lab-progress-backup.json", &raw));
                    html! {
                        <div class="notice" role="alert" data-testid="corrupt-notice">
                            <p>{ s.notice_unreadable }
                               { match key { Some(k) => format!("{k}. "), None => String::new() } }
                               <code>{ reason.clone() }</code></p>
                            <button class="button" data-testid="download-backup" onclick={download}>{ s.download_backup }</button>
                            <button class="button" onclick={dismiss}>{ s.dismiss }</button>
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
