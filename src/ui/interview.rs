//! `interview/`: a mock interview. The learner answers each question out
//! loud against a countdown (optionally recorded with the microphone, in
//! memory only), ticks the key points they made, answers a follow-up and
//! goes on; the summary lists time, key points, ratings and recordings.
//!
//! What the session is and how it moves is `crate::interview` (plain Rust,
//! tested natively); this component keeps the clock, the microphone, the
//! session in local storage (without audio, for a reload) and the reviews
//! it writes to the progress store. Never in an embed (the route has none).

use std::cell::RefCell;
use std::collections::BTreeMap;
use std::rc::Rc;

use gloo_events::{EventListener, EventListenerOptions};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use yew::prelude::*;

use super::nav::use_nav;
use super::slot_view::SlotView;
use super::store::{now_ms, offset_min, Action as StoreAction, StoreHandle};
use super::texts::{key, Rendered};
use super::{BankRef, IndexRef};
use crate::bank::{Kind, Question};
use crate::i18n::{self, interview_strings, position, strings, Lang};
use crate::interview::{
    self, follow_up_for, Mix, Phase, Session, Setup, Step, ANSWER_CHOICES, LENGTH_CHOICES,
    TARGET_SECS,
};
use crate::practice::{Action, QuestionState};
use crate::progress::BankProgress;
use crate::route::{Order, Route};

/// Where the session in progress is kept (JSON, no audio).
pub const SESSION_KEY: &str = "ail.interview";

#[derive(Properties, PartialEq)]
pub struct InterviewProps {
    pub index: IndexRef,
    pub lang: Lang,
    /// A bank from elsewhere (its questions are in memory); `None`: the
    /// built-in bank, whose questions are fetched one at a time.
    #[prop_or_default]
    pub bank: Option<BankRef>,
}

/// Recordings by (question index, follow-up?): blob URLs in this page only.
type Recordings = BTreeMap<(usize, bool), String>;

/// The microphone: the stream once allowed, the recorder running, and the
/// handlers that must live as long as it does.
#[derive(Default)]
struct Mic {
    stream: Option<web_sys::MediaStream>,
    recorder: Option<web_sys::MediaRecorder>,
    handlers: Vec<Closure<dyn FnMut(web_sys::Event)>>,
    urls: Vec<String>,
}

impl Mic {
    /// Starts recording; `done` gets the blob URL when it stops.
    fn start(&mut self, done: Callback<String>) {
        let Some(stream) = &self.stream else { return };
        let Ok(rec) = web_sys::MediaRecorder::new_with_media_stream(stream) else {
            return;
        };
        let chunks: Rc<RefCell<js_sys::Array>> = Rc::new(RefCell::new(js_sys::Array::new()));
        let on_data = {
            let chunks = chunks.clone();
            Closure::<dyn FnMut(web_sys::Event)>::new(move |e: web_sys::Event| {
                if let Some(e) = e.dyn_ref::<web_sys::BlobEvent>() {
                    if let Some(b) = e.data() {
                        if b.size() > 0.0 {
                            chunks.borrow().push(&b);
                        }
                    }
                }
            })
        };
        let on_stop = {
            let rec2 = rec.clone();
            Closure::<dyn FnMut(web_sys::Event)>::new(move |_| {
                let opts = web_sys::BlobPropertyBag::new();
                opts.set_type(&rec2.mime_type());
                let parts = chunks.borrow().clone();
                if let Ok(blob) = web_sys::Blob::new_with_blob_sequence_and_options(&parts, &opts) {
                    if let Ok(url) = web_sys::Url::create_object_url_with_blob(&blob) {
                        done.emit(url);
                    }
                }
            })
        };
        rec.set_ondataavailable(Some(on_data.as_ref().unchecked_ref()));
        rec.set_onstop(Some(on_stop.as_ref().unchecked_ref()));
        if rec.start().is_ok() {
            self.handlers.push(on_data);
            self.handlers.push(on_stop);
            self.recorder = Some(rec);
        }
    }

    fn stop(&mut self) {
        if let Some(rec) = self.recorder.take() {
            if rec.state() != web_sys::RecordingState::Inactive {
                let _ = rec.stop();
            }
        }
    }

    /// Lets the microphone go (the browser's indicator goes off).
    fn release(&mut self) {
        self.stop();
        if let Some(stream) = self.stream.take() {
            for t in stream.get_tracks().iter() {
                if let Ok(t) = t.dyn_into::<web_sys::MediaStreamTrack>() {
                    t.stop();
                }
            }
        }
    }

    /// Drops every recording.
    fn discard(&mut self) {
        self.release();
        for url in self.urls.drain(..) {
            let _ = web_sys::Url::revoke_object_url(&url);
        }
    }
}

/// Asks for the microphone; `Err` with the note to show.
async fn open_mic(lang: Lang) -> Result<web_sys::MediaStream, &'static str> {
    let t = interview_strings(lang);
    let devices = web_sys::window()
        .and_then(|w| w.navigator().media_devices().ok())
        .ok_or(t.mic_unsupported)?;
    let c = web_sys::MediaStreamConstraints::new();
    c.set_audio(&JsValue::TRUE);
    let promise = devices
        .get_user_media_with_constraints(&c)
        .map_err(|_| t.mic_unsupported)?;
    wasm_bindgen_futures::JsFuture::from(promise)
        .await
        .map_err(|_| t.mic_refused)?
        .dyn_into::<web_sys::MediaStream>()
        .map_err(|_| t.mic_refused)
}

/// A question to show: loading, failed (why), or ready.
#[derive(Clone, PartialEq)]
enum Loaded {
    Loading,
    Failed(String),
    Ready(Rc<Question>),
}

/// A question's generated slots drawn for the session's seed.
fn drawn(q: &Question, seed: u64) -> Loaded {
    match crate::generate::instantiate_question(q, seed) {
        Ok(v) => Loaded::Ready(Rc::new(v.question)),
        Err((at, e)) => Loaded::Failed(format!("{}, {at}: {e}", q.id)),
    }
}

/// The current question, fetched (built-in bank) or looked up, its
/// generated slots drawn.
#[hook]
fn use_question(id: Option<String>, seed: u64, bank: Option<BankRef>) -> UseStateHandle<Loaded> {
    let q = use_state(|| Loaded::Loading);
    {
        let q = q.clone();
        use_effect_with((id, seed), move |(id, _)| {
            if let Some(id) = id.clone() {
                match bank {
                    Some(b) => q.set(match b.0.bank.question(&id) {
                        Some(x) => drawn(x, seed),
                        None => Loaded::Failed(id),
                    }),
                    None => {
                        q.set(Loaded::Loading);
                        wasm_bindgen_futures::spawn_local(async move {
                            let url = super::app::question_url(&id);
                            q.set(match super::fetch_text(&url).await {
                                Err(e) => Loaded::Failed(e),
                                Ok(text) => match crate::bank::parse::parse_question(&text) {
                                    Err(e) => Loaded::Failed(format!("{url}: {e}")),
                                    Ok(x) => drawn(&x, seed),
                                },
                            });
                        });
                    }
                }
            }
        });
    }
    q
}

#[function_component(InterviewPage)]
pub fn interview_page(p: &InterviewProps) -> Html {
    let lang = p.lang;
    let t = interview_strings(lang);
    let store = use_context::<StoreHandle>();
    let nav = use_nav();
    let session = use_state(|| None::<Session>);
    let setup = use_state(Setup::default);
    let record = use_state(|| false);
    let notes = use_state(String::new);
    let note = use_state(|| None::<String>);
    let mic_note = use_state(|| None::<&'static str>);
    let recordings = use_state(Recordings::new);
    let recording = use_state(|| false);
    let save_failed = use_state(|| false);
    let mic = use_mut_ref(Mic::default);
    let bank_id = p.index.0.id.clone();

    // A saved session resumes at its question.
    {
        let (session, note, bank_id) = (session.clone(), note.clone(), bank_id.clone());
        use_effect_with((), move |_| {
            let stored =
                super::local_storage().and_then(|s| s.get_item(SESSION_KEY).ok().flatten());
            match interview::read_saved(stored.as_deref(), &bank_id) {
                Ok(Some(s)) => {
                    session.set(Some(s));
                    note.set(Some(t.resumed.to_string()));
                }
                Ok(None) => {}
                Err(e) => note.set(Some(format!("{}{e}", t.saved_unreadable))),
            }
        });
    }
    // Every change is saved (without audio); a finished session is removed.
    {
        let save_failed = save_failed.clone();
        use_effect_with((*session).clone(), move |s| {
            let ok = match (super::local_storage(), s) {
                (Some(st), Some(s)) if !s.done() => {
                    st.set_item(SESSION_KEY, &interview::write_saved(s)).is_ok()
                }
                (Some(st), _) => st.remove_item(SESSION_KEY).is_ok(),
                (None, _) => false,
            };
            save_failed.set(!ok);
        });
    }
    // The microphone and the recordings go with the page.
    {
        let mic = mic.clone();
        use_effect_with((), move |_| move || mic.borrow_mut().discard());
    }
    let active = session.as_ref().is_some_and(|s| !s.done());
    use_leave_guard(active);

    let current_id = session
        .as_ref()
        .and_then(|s| s.entry().map(|e| e.id.clone()));
    let seed = session.as_ref().map(|s| s.setup.seed).unwrap_or_default();
    let question = use_question(current_id, seed, p.bank.clone());

    // One step: the session's transition, the review it writes, the
    // recorder it starts or stops.
    let step: Rc<dyn Fn(Step)> = {
        let (session, store, mic, recordings, recording) = (
            session.clone(),
            store.clone(),
            mic.clone(),
            recordings.clone(),
            recording.clone(),
        );
        let bank_id = bank_id.clone();
        Rc::new(move |step: Step| {
            let Some(cur) = (*session).clone() else {
                return;
            };
            let at = now_ms();
            let (next, review) = cur.apply(step, at);
            if next == cur {
                return;
            }
            match (cur.phase, next.phase) {
                (Phase::Ready, Phase::Answering { .. })
                | (Phase::Check, Phase::FollowUp { .. }) => {
                    let key = (cur.current, matches!(next.phase, Phase::FollowUp { .. }));
                    let (recordings, mic2) = (recordings.clone(), mic.clone());
                    let done = Callback::from(move |url: String| {
                        mic2.borrow_mut().urls.push(url.clone());
                        let mut all = (*recordings).clone();
                        all.insert(key, url);
                        recordings.set(all);
                    });
                    let mut m = mic.borrow_mut();
                    m.start(done);
                    recording.set(m.recorder.is_some());
                }
                (Phase::Answering { .. }, _) | (Phase::FollowUp { .. }, _) => {
                    mic.borrow_mut().stop();
                    recording.set(false);
                }
                _ => {}
            }
            if let (Some(r), Some(store)) = (review, &store) {
                store.dispatch(StoreAction::Record {
                    bank: bank_id.clone(),
                    review: r,
                });
            }
            if next.done() {
                // The microphone is let go; the recordings stay playable.
                mic.borrow_mut().release();
            }
            session.set(Some(next));
        })
    };

    use_interview_keys(session.as_ref(), &question, step.clone());

    let Some(s) = (*session).clone() else {
        let start = {
            let (session, setup, record, mic, mic_note, store, note, recordings) = (
                session.clone(),
                setup.clone(),
                *record,
                mic.clone(),
                mic_note.clone(),
                store.clone(),
                note.clone(),
                recordings.clone(),
            );
            let index = p.index.0.clone();
            Callback::from(move |e: SubmitEvent| {
                e.prevent_default();
                let mut chosen = (*setup).clone();
                chosen.seed = super::fresh_seed();
                let empty = BankProgress::default();
                let progress = store
                    .as_ref()
                    .and_then(|s| s.progress.banks.get(&index.id).cloned())
                    .unwrap_or(empty);
                let ids = interview::plan(&index, &progress, &chosen, now_ms(), offset_min());
                if ids.is_empty() {
                    note.set(Some(t.no_questions.to_string()));
                    return;
                }
                note.set(None);
                mic.borrow_mut().discard();
                recordings.set(Recordings::new());
                mic_note.set(None);
                let fresh = Session::new(&index, chosen, &ids);
                if !record {
                    session.set(Some(fresh));
                    return;
                }
                // The microphone first, so that the first answer is recorded too.
                let (mic, mic_note, session) = (mic.clone(), mic_note.clone(), session.clone());
                wasm_bindgen_futures::spawn_local(async move {
                    match open_mic(lang).await {
                        Ok(stream) => mic.borrow_mut().stream = Some(stream),
                        Err(n) => mic_note.set(Some(n)),
                    }
                    session.set(Some(fresh));
                });
            })
        };
        return html! {
            <section class="interview" data-testid="interview-setup">
                <h1 id="q-title" tabindex="-1">{ t.title }</h1>
                <p>{ t.intro }</p>
                <p class="hint">{ t.privacy }</p>
                { for (*note).clone().map(|n| html! { <p class="status" role="status" data-testid="interview-note">{ n }</p> }) }
                { setup_form(&p.index, lang, &setup, &record, start) }
            </section>
        };
    };

    if s.done() {
        let again = {
            let (session, mic, recordings) = (session.clone(), mic.clone(), recordings.clone());
            Callback::from(move |_: MouseEvent| {
                mic.borrow_mut().discard();
                recordings.set(Recordings::new());
                session.set(None);
            })
        };
        return summary_view(&s, &p.index, lang, &recordings, again, &nav);
    }

    let quit = {
        let (session, mic) = (session.clone(), mic.clone());
        Callback::from(move |_: MouseEvent| {
            let Some(cur) = (*session).clone() else {
                return;
            };
            let sure = web_sys::window()
                .and_then(|w| w.confirm_with_message(t.quit_confirm).ok())
                .unwrap_or(true);
            if sure {
                mic.borrow_mut().release();
                session.set(Some(cur.end_early()));
            }
        })
    };
    let on_notes = {
        let notes = notes.clone();
        Callback::from(move |e: InputEvent| {
            let el: web_sys::HtmlTextAreaElement = e.target_unchecked_into();
            notes.set(el.value());
        })
    };
    let entry = s.entry().cloned().unwrap_or_default();
    html! {
        <section class="interview" data-testid="interview" data-phase={phase_name(s.phase)}>
            <div class="interview-bar">
                <span data-testid="interview-position">{ position(lang, s.current, s.entries.len()) }</span>
                <Clock session={s.clone()} recording={*recording} {lang}
                    on_expired={{ let step = step.clone(); Callback::from(move |_| step(Step::Stop)) }} />
                <button class="button" data-testid="interview-quit" onclick={quit}>{ t.quit }</button>
            </div>
            { for (*note).clone().map(|n| html! { <p class="status" role="status" data-testid="interview-note">{ n }</p> }) }
            { for mic_note.map(|n| html! { <p class="answer-error" role="alert" data-testid="mic-note">{ n }</p> }) }
            if *save_failed {
                <p class="hint" data-testid="interview-not-saved">{ t.not_saved }</p>
            }
            { match &*question {
                Loaded::Loading => html! { <p class="status" role="status">{ strings(lang).loading }</p> },
                Loaded::Failed(e) => html! {
                    <section class="load-error" role="alert">
                        <h1 id="q-title" tabindex="-1">{ strings(lang).load_failed }</h1>
                        <p><code data-testid="load-error">{ e.clone() }</code></p>
                    </section>
                },
                Loaded::Ready(q) => html! {
                    <Asked key={format!("{}#{}", s.current, q.id)} question={q.clone()} session={s.clone()} {entry}
                        recordings={(*recordings).clone()} {lang} bank={bank_id.clone()} on_step={Callback::from({ let step = step.clone(); move |x| step(x) })}
                        on_points={{ let session = session.clone(); Callback::from(move |n: usize| {
                            if let Some(mut cur) = (*session).clone() {
                                if cur.entry().is_some_and(|e| e.key_points != n) {
                                    cur.know_key_points(n);
                                    session.set(Some(cur));
                                }
                            }
                        }) }} />
                },
            } }
            <label class="notes">
                <span>{ t.notes_label }</span>
                <textarea data-testid="interview-notes" rows="3" value={(*notes).clone()} oninput={on_notes} />
            </label>
            <p class="hint">{ t.keys_hint }</p>
        </section>
    }
}

fn phase_name(p: Phase) -> &'static str {
    match p {
        Phase::Ready => "ready",
        Phase::Answering { .. } => "answering",
        Phase::Check => "check",
        Phase::FollowUp { .. } => "follow-up",
        Phase::FollowUpDone => "follow-up-done",
    }
}

#[derive(Properties, PartialEq)]
struct ClockProps {
    session: Session,
    recording: bool,
    lang: Lang,
    /// The running clock reached 0.
    on_expired: Callback<()>,
}

/// The countdown (visible while scrolling): time left, the gentle signal
/// past the target length, and the recording light. It keeps its own tick
/// (every 200 ms while a clock runs), so only it renders again each tick,
/// not the question below it.
#[function_component(Clock)]
fn clock(p: &ClockProps) -> Html {
    let (s, recording, lang) = (&p.session, p.recording, p.lang);
    let now = use_state(now_ms);
    {
        let now = now.clone();
        use_effect_with(s.phase, move |phase| {
            now.set(now_ms());
            let running = matches!(phase, Phase::Answering { .. } | Phase::FollowUp { .. });
            let interval = running
                .then(|| gloo_timers::callback::Interval::new(200, move || now.set(now_ms())));
            move || drop(interval)
        });
    }
    let remaining = s.remaining_ms(*now);
    {
        let on_expired = p.on_expired.clone();
        use_effect_with(remaining == Some(0), move |expired| {
            if *expired {
                on_expired.emit(());
            }
        });
    }
    let t = interview_strings(lang);
    let Some(left) = remaining else {
        return html! { <span class="clock idle" /> };
    };
    let limit = match s.phase {
        Phase::FollowUp { .. } => s.setup.follow_up_secs,
        _ => s.setup.answer_secs,
    } as u64
        * 1000;
    let elapsed = limit.saturating_sub(left);
    let past_target =
        matches!(s.phase, Phase::Answering { .. }) && elapsed >= TARGET_SECS as u64 * 1000;
    html! {
        <span class={classes!("clock", past_target.then_some("past-target"), (left == 0).then_some("out"))}
            data-testid="interview-clock" role="timer" aria-label={t.time_left}>
            { i18n::clock(left) }
            if recording {
                <span class="rec" data-testid="recording">{ " ● " }{ t.recording }</span>
            }
            if past_target {
                <span class="visually-hidden" role="status">{ t.target_reached }</span>
            }
        </span>
    }
}

/// Asks before the page is left with a session in progress.
#[hook]
fn use_leave_guard(active: bool) {
    use_effect_with(active, |active| {
        let listener = active.then(|| {
            web_sys::window().map(|w| {
                EventListener::new_with_options(
                    &w,
                    "beforeunload",
                    EventListenerOptions::enable_prevent_default(),
                    |e| {
                        e.prevent_default();
                        if let Some(e) = e.dyn_ref::<web_sys::BeforeUnloadEvent>() {
                            e.set_return_value("unsaved");
                        }
                    },
                )
            })
        });
        move || drop(listener)
    });
}

/// Space starts or stops the clock, 1-9 tick key points, Enter goes on.
#[hook]
fn use_interview_keys(session: Option<&Session>, question: &Loaded, step: Rc<dyn Fn(Step)>) {
    let snapshot = session.cloned();
    let follow_ups = match question {
        Loaded::Ready(q) => q.follow_ups.len(),
        _ => 0,
    };
    use_effect_with((snapshot, follow_ups), move |(snapshot, follow_ups)| {
        let (snapshot, follow_ups) = (snapshot.clone(), *follow_ups);
        let listener = snapshot.filter(|s| !s.done()).and_then(|s| {
            super::on_shortcut(move |e, key| {
                let command = match (key, s.phase) {
                    (" ", Phase::Ready | Phase::Answering { .. } | Phase::FollowUp { .. }) => {
                        Some(if matches!(s.phase, Phase::Ready) {
                            Step::Start
                        } else {
                            Step::Stop
                        })
                    }
                    (" ", Phase::Check) if follow_ups > 0 => Some(Step::Start),
                    ("Enter", Phase::Check | Phase::FollowUpDone) => Some(Step::Next),
                    (k, _) => k
                        .parse::<usize>()
                        .ok()
                        .filter(|n| (1..=9).contains(n))
                        .map(|n| Step::Tick(n - 1)),
                };
                if let Some(c) = command {
                    e.prevent_default();
                    step(c);
                }
            })
        });
        move || drop(listener)
    });
}

/// The setup: length, mix, time limits, recording.
fn setup_form(
    index: &IndexRef,
    lang: Lang,
    setup: &UseStateHandle<Setup>,
    record: &UseStateHandle<bool>,
    onsubmit: Callback<SubmitEvent>,
) -> Html {
    let t = interview_strings(lang);
    let cur = (**setup).clone();
    let select = |f: fn(&mut Setup, &str)| {
        let setup = setup.clone();
        Callback::from(move |e: Event| {
            let el: web_sys::HtmlSelectElement = e.target_unchecked_into();
            let mut next = (*setup).clone();
            f(&mut next, &el.value());
            setup.set(next);
        })
    };
    let on_length = select(|s, v| s.length = v.parse().ok());
    let on_mix = select(|s, v| {
        s.mix = match v {
            "shuffled" => Mix::Shuffled,
            "due" => Mix::DueFirst,
            other => match other.strip_prefix("topic:") {
                Some(topic) => Mix::Topic(topic.to_string()),
                None => Mix::Report,
            },
        }
    });
    let on_answer =
        select(|s, v| s.answer_secs = v.parse().unwrap_or(interview::DEFAULT_ANSWER_SECS));
    let on_follow =
        select(|s, v| s.follow_up_secs = v.parse().unwrap_or(interview::DEFAULT_FOLLOW_UP_SECS));
    let on_record = {
        let record = record.clone();
        Callback::from(move |e: Event| {
            let el: web_sys::HtmlInputElement = e.target_unchecked_into();
            record.set(el.checked());
        })
    };
    let mix_value = match &cur.mix {
        Mix::Report => "report".to_string(),
        Mix::Shuffled => "shuffled".to_string(),
        Mix::DueFirst => "due".to_string(),
        Mix::Topic(x) => format!("topic:{x}"),
    };
    let secs = |choices: &[u32], chosen: u32| -> Html {
        choices
            .iter()
            .map(|&c| html! { <option value={c.to_string()} selected={c == chosen}>{ i18n::seconds(lang, c) }</option> })
            .collect()
    };
    html! {
        <form class="interview-setup" {onsubmit} aria-label={t.setup_heading}>
            <label>{ t.length_label }
                <select data-testid="interview-length" onchange={on_length}>
                    { for LENGTH_CHOICES.iter().map(|c| html! {
                        <option value={c.map(|n| n.to_string()).unwrap_or_default()} selected={*c == cur.length}>
                            { match c { Some(n) => n.to_string(), None => t.length_full.to_string() } }
                        </option>
                    }) }
                </select>
            </label>
            <label>{ t.mix_label }
                <select data-testid="interview-mix" onchange={on_mix}>
                    <option value="report" selected={mix_value == "report"}>{ t.mix_report }</option>
                    <option value="shuffled" selected={mix_value == "shuffled"}>{ t.mix_shuffled }</option>
                    <option value="due" selected={mix_value == "due"}>{ t.mix_due }</option>
                    { for index.0.topics.iter().map(|topic| {
                        let v = format!("topic:{}", topic.id);
                        html! { <option value={v.clone()} selected={mix_value == v}>{ t.mix_topic }{ topic.name.get(lang).to_string() }</option> }
                    }) }
                </select>
            </label>
            <label>{ t.answer_time_label }
                <select data-testid="interview-answer-time" onchange={on_answer}>{ secs(&ANSWER_CHOICES, cur.answer_secs) }</select>
            </label>
            <label>{ t.follow_up_time_label }
                <select data-testid="interview-follow-up-time" onchange={on_follow}>{ secs(&[15, 30, 45, 60], cur.follow_up_secs) }</select>
            </label>
            <label class="check">
                <input type="checkbox" data-testid="interview-record" checked={**record} onchange={on_record} />
                { t.record_label }
            </label>
            <button class="button primary" type="submit" data-testid="interview-start">{ t.start }</button>
        </form>
    }
}

#[derive(Properties, PartialEq)]
struct AskedProps {
    question: Rc<Question>,
    session: Session,
    entry: interview::Entry,
    recordings: Recordings,
    lang: Lang,
    /// The bank's id, for the parts' reviews.
    bank: AttrValue,
    on_step: Callback<Step>,
    /// Tells the session how many key points the question has.
    on_points: Callback<usize>,
}

/// Yew glue for the parts' answers.
#[derive(PartialEq)]
struct Slots(QuestionState);

impl Reducible for Slots {
    type Action = Action;
    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        Rc::new(Slots(self.0.apply(action)))
    }
}

/// One question of the session, through its phases.
#[function_component(Asked)]
fn asked(p: &AskedProps) -> Html {
    let (lang, q, s) = (p.lang, &p.question, &p.session);
    let t = interview_strings(lang);
    let st = strings(lang);
    let texts = Rendered::shared();
    let store = use_context::<StoreHandle>();
    let slots = {
        let q = q.clone();
        use_reducer(move || Slots(QuestionState::new(&q)))
    };
    let key_points: Vec<crate::bank::Text> = match &q.kind {
        Kind::Open { key_points } => key_points.clone(),
        _ => Vec::new(),
    };
    {
        let (n, on_points) = (key_points.len(), p.on_points.clone());
        use_effect_with(n, move |n| on_points.emit(*n));
    }
    let phase = s.phase;
    let checking = matches!(
        phase,
        Phase::Check | Phase::FollowUp { .. } | Phase::FollowUpDone
    );
    let follow = follow_up_for(s.setup.seed, &q.id, q.follow_ups.len());
    let on_action = {
        let (d, snapshot, on_step, q) = (
            slots.dispatcher(),
            slots.0.clone(),
            p.on_step.clone(),
            q.clone(),
        );
        let bank = p.bank.to_string();
        Callback::from(move |a: Action| {
            if let Action::Submit { slot } = a {
                let after = snapshot.apply(a.clone());
                if let Some(Some(Ok(g))) = after.slots.get(slot).map(|x| x.result.clone()) {
                    let correct = g.verdict == crate::grade::Verdict::Correct;
                    if slot == 0 {
                        on_step.emit(Step::Rate(crate::progress::auto_rating(correct, false)));
                    } else if let Some(part) = q.parts.get(slot - 1) {
                        on_step.emit(Step::Part {
                            id: part.id.clone(),
                            correct,
                        });
                        if let Some(store) = &store {
                            store.dispatch(StoreAction::Record {
                                bank: bank.clone(),
                                review: interview::part_review(&q.id, &part.id, correct, now_ms()),
                            });
                        }
                    }
                }
            }
            d.dispatch(a)
        })
    };
    let step_button = |label: &'static str, step: Step, testid: &'static str, primary: bool| {
        let on_step = p.on_step.clone();
        html! {
            <button class={classes!("button", primary.then_some("primary"))} data-testid={testid}
                onclick={Callback::from(move |_| on_step.emit(step.clone()))}>{ label }</button>
        }
    };
    let playback = |which: bool| -> Html {
        match p.recordings.get(&(s.current, which)) {
            Some(url) => html! {
                <figure class="recording">
                    <figcaption>{ t.your_recording }</figcaption>
                    <audio controls=true src={url.clone()} data-testid={if which { "follow-up-recording" } else { "answer-recording" }} />
                </figure>
            },
            None => Html::default(),
        }
    };
    let rating_now = p.entry.rating_now();
    let suggestion =
        interview::suggested_rating(p.entry.ticked.len(), key_points.len(), p.entry.in_time);
    let last = s.current + 1 == s.entries.len();
    html! {
        <article class="question interview-question" data-qid={q.id.clone()}>
            <h1 id="q-title" tabindex="-1" class="visually-hidden">{ position(lang, s.current, s.entries.len()) }</h1>
            <div class="prompt" data-testid="question-prompt">{ texts.block(key::PROMPT, &q.prompt, lang) }</div>
            if matches!(phase, Phase::Ready) {
                <p class="hint">{ t.answer_out_loud }</p>
                { step_button(t.start_answer, Step::Start, "interview-start-answer", true) }
            }
            if matches!(phase, Phase::Answering { .. }) {
                { step_button(t.stop_answer, Step::Stop, "interview-stop", true) }
            }
            if checking {
                if p.entry.answer_ms.is_some_and(|_| !p.entry.in_time) {
                    <p class="hint" data-testid="time-up">{ t.time_up }</p>
                }
                { playback(false) }
                <section class="answer" aria-labelledby="h-answer">
                    <h2 id="h-answer">{ st.quick_answer }</h2>
                    { texts.block(key::ANSWER, &q.answer, lang) }
                    if !key_points.is_empty() {
                        <h2>{ st.key_points }</h2>
                        <p class="hint">{ t.tick_points }</p>
                        <ul class="checklist" data-testid="key-point-list">
                            { for key_points.iter().enumerate().map(|(i, k)| {
                                let on_step = p.on_step.clone();
                                let ticked = p.entry.ticked.contains(&i);
                                html! {
                                    <li><label class="check">
                                        <input type="checkbox" data-testid="key-point" checked={ticked}
                                            onchange={Callback::from(move |_| on_step.emit(Step::Tick(i)))} />
                                        <span><span class="num">{ format!("{}. ", i + 1) }</span>
                                        { texts.inline(&key::key_point(i), k, lang) }</span>
                                    </label></li>
                                }
                            }) }
                        </ul>
                    }
                    if !matches!(q.kind, Kind::Open { .. }) {
                        <SlotView slot={0} dom_id="main" kind={q.kind.clone()} state={slots.0.slots[0].clone()} {lang}
                            texts={texts.clone()} prefix={key::slot(None)} on_action={on_action.clone()} />
                    }
                    <div class="rating" role="group" aria-label={t.record_as}>
                        { for suggestion.map(|r| html! {
                            <p data-testid="suggested-rating" data-rating={r.to_string()}>
                                { i18n::suggested_rating(lang, p.entry.ticked.len().min(key_points.len()), key_points.len(), r) }
                            </p>
                        }) }
                        <p>{ t.record_as }</p>
                        <div class="rating-buttons">
                        { for (1u8..=4).map(|n| {
                            let on_step = p.on_step.clone();
                            let selected = rating_now == Some(n);
                            html! {
                                <button class={classes!("button", selected.then_some("selected"))} aria-pressed={selected.to_string()}
                                    data-rating={n.to_string()} onclick={Callback::from(move |_| on_step.emit(Step::Rate(n)))}>
                                    { st.ratings[n as usize - 1] }
                                </button>
                            }
                        }) }
                        </div>
                    </div>
                </section>
                if !q.parts.is_empty() {
                    <section class="parts" aria-labelledby="h-parts">
                        <h2 id="h-parts">{ st.check_yourself }</h2>
                        { for q.parts.iter().enumerate().map(|(i, part)| {
                            let slot = key::slot(Some(&part.id));
                            html! {
                                <section class="part" data-testid="part" data-part={part.id.clone()}>
                                    <div class="part-prompt">{ texts.block(&key::part_prompt(&slot), &part.prompt, lang) }</div>
                                    <SlotView slot={i + 1} dom_id={format!("part-{}", part.id)} kind={part.kind.clone()}
                                        state={slots.0.slots[i + 1].clone()} {lang} explanation={Some(part.explanation.clone())}
                                        texts={texts.clone()} prefix={slot.clone()} on_action={on_action.clone()} />
                                </section>
                            }
                        }) }
                    </section>
                }
                { for follow.and_then(|i| q.follow_ups.get(i).map(|f| (i, f))).map(|(i, f)| html! {
                    <section class="follow-up-ask" data-testid="follow-up">
                        <h2>{ t.follow_up }</h2>
                        <div class="prompt">{ texts.block(&key::follow_up(i, 'p'), &f.prompt, lang) }</div>
                        if matches!(phase, Phase::Check) {
                            { step_button(t.start_follow_up, Step::Start, "interview-start-follow-up", false) }
                        }
                        if matches!(phase, Phase::FollowUp { .. }) {
                            { step_button(t.stop_answer, Step::Stop, "interview-stop-follow-up", true) }
                        }
                        if matches!(phase, Phase::FollowUpDone) {
                            { playback(true) }
                            <h3>{ t.follow_up_answer }</h3>
                            <div data-testid="follow-up-answer">{ texts.block(&key::follow_up(i, 'a'), &f.answer, lang) }</div>
                        }
                    </section>
                }) }
                if !matches!(phase, Phase::FollowUp { .. }) {
                    <p class="actions">
                        <button class="button primary" data-testid="interview-next" disabled={rating_now.is_none()}
                            onclick={{ let on_step = p.on_step.clone(); Callback::from(move |_| on_step.emit(Step::Next)) }}>
                            { if last { t.finish } else { t.next } }
                        </button>
                    </p>
                }
            }
        </article>
    }
}

/// The end: per question time, key points, rating and recordings; the
/// weakest topics; what to practise next.
fn summary_view(
    s: &Session,
    index: &IndexRef,
    lang: Lang,
    recordings: &Recordings,
    again: Callback<MouseEvent>,
    nav: &super::nav::Nav,
) -> Html {
    let t = interview_strings(lang);
    let st = strings(lang);
    let sum = interview::summary(s);
    let title = |id: &str| -> String {
        index
            .0
            .question(id)
            .map(|q| q.summary.get(lang).to_string())
            .filter(|x| !x.is_empty())
            .unwrap_or_else(|| id.to_string())
    };
    let topic_name = |id: &str| -> String {
        index
            .0
            .topic(id)
            .map(|x| x.name.get(lang).to_string())
            .unwrap_or_else(|| id.to_string())
    };
    let q_route = |id: &str| Route::Question {
        id: id.to_string(),
        order: Order::default(),
        variant: None,
    };
    html! {
        <section class="interview interview-summary" data-testid="interview-summary">
            <h1 id="q-title" tabindex="-1">{ t.summary }</h1>
            { for sum.covered.map(|c| html! { <p data-testid="covered">{ t.covered_label }{ i18n::percent(c) }</p> }) }
            <div class="table-wrap">
            <table class="summary-table">
                <thead><tr>
                    <th scope="col">{ t.col_question }</th>
                    <th scope="col">{ t.col_time }</th>
                    <th scope="col">{ t.col_points }</th>
                    <th scope="col">{ t.col_rating }</th>
                    <th scope="col">{ t.col_recording }</th>
                </tr></thead>
                <tbody>
                { for s.entries.iter().enumerate().map(|(i, e)| html! {
                    <tr data-testid="summary-row" data-qid={e.id.clone()} data-rating={e.rating.map(|r| r.to_string()).unwrap_or_default()}>
                        <td><a href={nav.href(&q_route(&e.id))}>{ title(&e.id) }</a></td>
                        <td>{ e.answer_ms.map(|ms| i18n::time_used(lang, ms, s.setup.answer_secs, TARGET_SECS)).unwrap_or_default() }</td>
                        <td data-testid="summary-points">{ i18n::points_made(e.ticked.len(), e.key_points) }</td>
                        <td>{ e.rating.map(|r| st.ratings[(r.clamp(1, 4) - 1) as usize]).unwrap_or_default() }</td>
                        <td>{ match recordings.get(&(i, false)) {
                            Some(url) => html! { <audio controls=true src={url.clone()} data-testid="summary-recording" /> },
                            None => html! { { t.no_recording } },
                        } }</td>
                    </tr>
                }) }
                </tbody>
            </table>
            </div>
            <h2>{ t.weakest }</h2>
            if sum.weakest.is_empty() {
                <p>{ t.none_weak }</p>
            } else {
                <ul data-testid="weakest">{ for sum.weakest.iter().map(|w| html! {
                    <li>{ i18n::weak_topic(lang, &topic_name(&w.topic), w.mean_rating, w.questions) }</li>
                }) }</ul>
            }
            <h2>{ t.practise_next }</h2>
            if sum.practise_next.is_empty() {
                <p>{ t.nothing_to_practise }</p>
            } else {
                <ul data-testid="practise-next">{ for sum.practise_next.iter().map(|id| html! {
                    <li><a href={nav.href(&q_route(id))}>{ title(id) }</a></li>
                }) }</ul>
            }
            <p class="actions">
                <button class="button primary" data-testid="interview-again" onclick={again}>{ t.again }</button>
            </p>
        </section>
    }
}

/// The build's static page: what the interview is; the setup needs the
/// module (and JavaScript).
pub fn static_page(lang: Lang) -> Html {
    let t = interview_strings(lang);
    html! {
        <section class="interview">
            <h1 id="q-title" tabindex="-1">{ t.title }</h1>
            <p>{ t.intro }</p>
            <p class="hint">{ t.privacy }</p>
            <p class="static-only">{ t.needs_js }</p>
            <p class="status needs-js" role="status">{ strings(lang).loading }</p>
        </section>
    }
}
