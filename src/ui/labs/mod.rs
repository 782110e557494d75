//! Lab pages: the shared frame (title, links to questions, URL sync) and
//! the input field; each lab's own page is a submodule.

pub mod conv_matmul;
pub mod dist_matmul;
pub mod dropout_bn;
pub mod eigen_perm;
pub mod float_lab;
pub mod losses;
pub mod mixed_precision;
pub mod mlp;
pub mod nms;
pub mod optimizers;
pub mod perp_foot;
pub mod svg;
pub mod text;

use yew::prelude::*;

use super::nav::use_nav;
use super::IndexRef;
use crate::i18n::Lang;
use crate::route::Route;
use ail_labs::inputs::{Defaults, LabInputs};
use ail_labs::query::Query;
use ail_labs::{InputError, Lab};
use text::lab_strings;

/// What every lab page receives.
#[derive(Properties, PartialEq, Clone)]
pub struct LabProps {
    /// The lab's query string (`x=1&y=2`), the whole state of the view.
    pub query: AttrValue,
    pub lang: Lang,
    /// Called with the new query string whenever an input changes.
    pub on_change: Callback<String>,
}

/// A callback that writes an input's new value into the lab's query under `key`.
pub fn setter(on_change: &Callback<String>, q: &Query, key: &'static str) -> Callback<String> {
    let cb = on_change.clone();
    let q = q.clone();
    Callback::from(move |v: String| cb.emit(q.with(key, &v).to_query_string()))
}

/// What a lab page's opening needs: its inputs parsed, and (through
/// [`Deref`](std::ops::Deref)) its query, fields and their errors.
pub struct Form<I> {
    /// The inputs, if every field parsed.
    pub inputs: Option<I>,
    pub fields: Fields,
}

/// A lab page's query, fields and their errors: the part of a [`Form`]
/// that does not depend on the type of its inputs (compiled once).
pub struct Fields {
    query: Query,
    defaults: Defaults,
    lang: Lang,
    on_change: Callback<String>,
    /// One error for each bad field, then any the page adds from computing.
    pub errors: Vec<InputError>,
}

/// Reads lab page `p`'s query into `I` ([`LabInputs::parse`]). An edit
/// calls `p.on_change` with the new query, which [`LabPage`] writes to the
/// URL once typing pauses.
#[hook]
pub fn use_lab_inputs<I: LabInputs>(p: &LabProps) -> Form<I> {
    let query = Query::parse(&p.query);
    let (inputs, errors) = match I::parse(&query) {
        Ok(i) => (Some(i), Vec::new()),
        Err(e) => (None, e),
    };
    let defaults = I::defaults(&query);
    Form {
        inputs,
        fields: Fields::new(p, query, defaults, errors),
    }
}

impl<I> Form<I> {
    /// What `f` computes from the inputs, if they parsed and it succeeds;
    /// an error it returns is shown beside its field.
    pub fn compute<T>(&mut self, f: impl FnOnce(I) -> Result<T, InputError>) -> Option<T> {
        match self.inputs.take().map(f)? {
            Ok(v) => Some(v),
            Err(e) => {
                self.fields.errors.push(e);
                None
            }
        }
    }

    /// What `draw` makes of the inputs, else nothing (see [`Form::compute`]).
    pub fn show(&mut self, draw: impl FnOnce(I) -> Result<Html, InputError>) -> Html {
        self.compute(draw).unwrap_or_default()
    }
}

impl<I> std::ops::Deref for Form<I> {
    type Target = Fields;
    fn deref(&self) -> &Fields {
        &self.fields
    }
}

impl<I> std::ops::DerefMut for Form<I> {
    fn deref_mut(&mut self) -> &mut Fields {
        &mut self.fields
    }
}

impl Fields {
    fn new(p: &LabProps, query: Query, defaults: Defaults, errors: Vec<InputError>) -> Fields {
        Fields {
            query,
            defaults,
            lang: p.lang,
            on_change: p.on_change.clone(),
            errors,
        }
    }

    /// The lab's query.
    pub fn query(&self) -> &Query {
        &self.query
    }

    /// The text of field `key` (the query's value, else its default).
    pub fn raw(&self, key: &str) -> String {
        ail_labs::inputs::raw(&self.query, self.defaults, key).to_string()
    }

    /// Writes a new value of field `key` into the query.
    pub fn set(&self, key: &'static str) -> Callback<String> {
        setter(&self.on_change, &self.query, key)
    }

    /// The first error of field `key`.
    pub fn error(&self, key: &str) -> Option<InputError> {
        self.errors.iter().find(|e| e.field == key).cloned()
    }

    /// The text input of field `key` with its error.
    pub fn field(&self, key: &'static str, label: &'static str) -> Html {
        self.input(key, label, "text")
    }

    /// The input of field `key` with its error; `inputmode` as in [`FieldProps`].
    pub fn input(&self, key: &'static str, label: &'static str, inputmode: &'static str) -> Html {
        html! {
            <Field name={key} {label} value={self.raw(key)} {inputmode}
                error={self.error(key).map(|e| AttrValue::from(text::message(&e, self.lang)))}
                on_input={self.set(key)} />
        }
    }

    /// A lab's body: the input of every field, then `out`.
    pub fn body(&self, labels: &[&'static str], inputmode: &'static str, out: Html) -> Html {
        html! {
            <div class="lab-body">
                { self.fields(labels, inputmode) }
                { out }
            </div>
        }
    }

    /// The inputs of every field, in order, labelled by `labels`.
    pub fn fields(&self, labels: &[&'static str], inputmode: &'static str) -> Html {
        html! {
            { for self.defaults.iter().zip(labels).map(|((k, _), label)| self.input(k, label, inputmode)) }
        }
    }
}

/// The page of `lab`.
fn lab_body(lab: Lab, props: LabProps) -> Html {
    match lab {
        Lab::Float => html! { <float_lab::FloatLab ..props /> },
        Lab::PerpFoot => html! { <perp_foot::PerpFootLab ..props /> },
        Lab::EigenPerm => html! { <eigen_perm::EigenPermLab ..props /> },
        Lab::Nms => html! { <nms::NmsLab ..props /> },
        Lab::Losses => html! { <losses::LossesLab ..props /> },
        Lab::MixedPrecision => html! { <mixed_precision::MixedPrecisionLab ..props /> },
        Lab::DropoutBn => html! { <dropout_bn::DropoutBnLab ..props /> },
        Lab::DistMatmul => html! { <dist_matmul::DistMatmulLab ..props /> },
        Lab::ConvMatmul => html! { <conv_matmul::ConvMatmulLab ..props /> },
        Lab::Mlp => html! { <mlp::MlpLab ..props /> },
        Lab::Optimizers => html! { <optimizers::OptimizersLab ..props /> },
    }
}

#[derive(Properties, PartialEq)]
pub struct LabPageProps {
    /// For the list of the lab's questions.
    pub index: IndexRef,
    pub lang: Lang,
    pub slug: AttrValue,
    pub query: AttrValue,
    /// Inside an embed: the URL stays an embed URL; no embed-code box.
    #[prop_or_default]
    pub embed: bool,
}

/// Frame of one lab: title, its questions, the lab itself; keeps the URL in
/// step with the inputs (replaceState: typing does not flood history).
#[function_component(LabPage)]
pub fn lab_page(p: &LabPageProps) -> Html {
    let query = use_state(|| p.query.to_string());
    let nav = use_nav();
    let lang = p.lang;
    let Some(lab) = Lab::from_slug(&p.slug) else {
        return html! {
            <section class="load-error" role="alert">
                <h1 id="q-title" tabindex="-1">{ lab_strings(lang).no_lab_named }<code>{ p.slug.to_string() }</code></h1>
                <p><a href={nav.href(&Route::Labs)}>{ lab_strings(lang).all_labs }</a></p>
            </section>
        };
    };
    let info = lab.info();
    let on_change = {
        let query = query.clone();
        let slug = p.slug.to_string();
        let (embed, nav) = (p.embed, nav.clone());
        Callback::from(move |q: String| {
            let route = Route::Lab {
                slug: slug.clone(),
                query: q.clone(),
            }
            .embedded_if(embed);
            super::replace_soon(&nav.href(&route));
            query.set(q);
        })
    };
    let body = lab_body(
        lab,
        LabProps {
            query: AttrValue::from((*query).clone()),
            lang,
            on_change,
        },
    );
    html! {
        <article class="lab" data-lab={info.slug}>
            <nav class="crumbs">
                <a href={nav.href(&Route::Labs)}>{ lab_strings(lang).all_labs }</a>
            </nav>
            <h1 id="q-title" tabindex="-1">{ text::name(lab, lang) }</h1>
            { body }
            <LabQuestions index={p.index.clone()} {lang} questions={info.questions} />
            if !p.embed {
                <super::embed::EmbedCode target={format!("lab/{}{}", info.slug, if query.is_empty() { String::new() } else { format!("?{}", *query) })} {lang} />
            }
        </article>
    }
}

#[derive(Properties, PartialEq)]
struct LabQuestionsProps {
    index: IndexRef,
    lang: Lang,
    questions: &'static [&'static str],
}

/// The questions that use a lab. A component of its own so that an edit in
/// the lab, which changes none of its props, skips it.
#[function_component(LabQuestions)]
fn lab_questions(p: &LabQuestionsProps) -> Html {
    let lang = p.lang;
    let nav = use_nav();
    let index = &p.index.0;
    html! {
        <section class="lab-questions">
            <h2>{ lab_strings(lang).questions_that_use_this }</h2>
            <ul>{ for p.questions.iter().filter_map(|id| index.question(id)).map(|q| html! {
                <li><a href={nav.href(&Route::Question { id: q.id.clone(), order: Default::default(), variant: None })} data-qid={q.id.clone()}>
                    { q.summary.get(lang).to_string() }
                </a></li>
            }) }</ul>
        </section>
    }
}

#[derive(Properties, PartialEq)]
pub struct LabIndexProps {
    pub lang: Lang,
}

/// `labs/`: every lab.
#[function_component(LabIndex)]
pub fn lab_index(p: &LabIndexProps) -> Html {
    let nav = use_nav();
    html! {
        <section>
            <h1 id="q-title" tabindex="-1">{ lab_strings(p.lang).numeric_labs }</h1>
            <ul class="lab-list">{ for Lab::ALL.into_iter().map(|l| html! {
                <li><a class="button" href={nav.href(&Route::Lab { slug: l.slug().to_string(), query: String::new() })} data-lab-link={l.slug()}>{ text::name(l, p.lang) }</a></li>
            }) }</ul>
        </section>
    }
}

#[derive(Properties, PartialEq)]
pub struct FieldProps {
    /// The query key; also the element id suffix and, unless `testid` is set, nothing else.
    pub name: AttrValue,
    pub label: AttrValue,
    pub value: AttrValue,
    /// What is wrong with the field's value, if anything ([`text::message`]).
    #[prop_or_default]
    pub error: Option<AttrValue>,
    /// `decimal` for single numbers, `text` for lists (which need commas and signs).
    #[prop_or(AttrValue::Static("text"))]
    pub inputmode: AttrValue,
    pub on_input: Callback<String>,
}

/// A labelled text input with its inline error message.
#[function_component(Field)]
pub fn field(p: &FieldProps) -> Html {
    let id = format!("lab-{}", p.name);
    let err_id = format!("{id}-error");
    let oninput = {
        let cb = p.on_input.clone();
        Callback::from(move |e: InputEvent| {
            cb.emit(
                e.target_unchecked_into::<web_sys::HtmlInputElement>()
                    .value(),
            )
        })
    };
    html! {
        <div class={classes!("field", p.error.is_some().then_some("invalid"))}>
            <label for={id.clone()}>{ p.label.clone() }</label>
            <input {id} type="text" inputmode={p.inputmode.clone()} autocomplete="off" spellcheck="false"
                value={p.value.clone()} {oninput} data-field={p.name.clone()}
                aria-invalid={p.error.is_some().to_string()} aria-describedby={err_id.clone()} />
            <p id={err_id} class="field-error" data-testid={format!("error-{}", p.name)} aria-live="polite">
                { for p.error.clone() }
            </p>
        </div>
    }
}

/// Props of [`Settled`]: the value its part of the page shows, and how.
#[derive(Properties)]
pub struct SettledProps<T: PartialEq + 'static> {
    pub value: T,
    /// Draws `value`; the same function for the life of the component.
    pub view: fn(&T) -> Html,
}

impl<T: PartialEq + 'static> PartialEq for SettledProps<T> {
    fn eq(&self, other: &Self) -> bool {
        // `view` is fixed per call site, and comparing fn pointers is unreliable.
        self.value == other.value
    }
}

/// What a [`Settled`] has on the page.
struct SettledState<T> {
    settle: crate::settle::Settle,
    shown: Option<(T, Html)>,
    /// The number of the one scheduled redraw that may still happen: each
    /// render renumbers it, so a redraw scheduled before does nothing when
    /// it comes; [`DEAD`] once the part has left the page.
    live: std::rc::Rc<std::cell::Cell<u32>>,
    /// The redraw waits for a burst of edits to pause (not for one frame).
    burst: bool,
}

/// [`SettledState::live`] of a part no longer on the page.
const DEAD: u32 = u32::MAX;

impl<T> Drop for SettledState<T> {
    fn drop(&mut self) {
        self.live.set(DEAD);
    }
}

/// Calls `fire` after the browser has drawn the next frame
/// ([`Edit::NextFrame`](crate::settle::Edit::NextFrame): a task queued
/// from that frame's animation callback runs once the frame is rendered), or
/// `ms` after now. False if there is no window to schedule on.
fn schedule(wait: crate::settle::Edit, fire: impl FnOnce() + 'static) -> bool {
    use crate::settle::Edit;
    use wasm_bindgen::{closure::Closure, JsCast};
    let Some(w) = web_sys::window() else {
        return false;
    };
    match wait {
        Edit::After(ms) => w
            .set_timeout_with_callback_and_timeout_and_arguments_0(
                Closure::once_into_js(fire).unchecked_ref(),
                ms as i32,
            )
            .is_ok(),
        Edit::NextFrame => {
            let after = {
                let w = w.clone();
                Closure::once_into_js(move || {
                    let _ = w.set_timeout_with_callback_and_timeout_and_arguments_0(
                        Closure::once_into_js(fire).unchecked_ref(),
                        0,
                    );
                })
            };
            w.request_animation_frame(after.unchecked_ref()).is_ok()
        }
    }
}

/// A large secondary part of a lab (a matrix, a table of steps) that
/// follows its inputs a frame behind ([`crate::settle`]): a single edit
/// shows in the frame after the edit's own, which draws the main result;
/// during a burst of edits the part keeps its last drawing, marked
/// `aria-busy`, and shows the latest value when the burst pauses
/// ([`crate::settle::Edit::After`]).
#[function_component(Settled)]
pub fn settled<T>(p: &SettledProps<T>) -> Html
where
    T: PartialEq + Clone + 'static,
{
    let state = use_mut_ref(|| SettledState::<T> {
        settle: Default::default(),
        shown: None,
        live: Default::default(),
        burst: false,
    });
    // Set by a scheduled redraw: show the latest value.
    let due = use_mut_ref(|| false);
    let update = use_force_update();
    let mut s = state.borrow_mut();
    let current = s.shown.as_ref().is_some_and(|(v, _)| *v == p.value);
    let redrawn = std::mem::take(&mut *due.borrow_mut());
    // Every render after the first that a redraw did not force is an edit,
    // recorded even when it returns to the value on the page.
    let wait = if s.shown.is_none() || redrawn {
        None
    } else {
        Some(s.settle.edit(js_sys::Date::now()))
    };
    // This render supersedes any redraw scheduled before it.
    let token = s.live.get().wrapping_add(1) % DEAD;
    s.live.set(token);
    let scheduled = match wait {
        Some(wait) if !current => {
            s.burst = matches!(wait, crate::settle::Edit::After(_));
            let (live, due, update) = (s.live.clone(), due.clone(), update.clone());
            schedule(wait, move || {
                if live.get() == token {
                    *due.borrow_mut() = true;
                    update.force_update();
                }
            })
        }
        _ => false,
    };
    // Drawn now: the first render, a redraw, or an edit that could not be
    // scheduled (never left behind).
    if !scheduled && !current {
        s.shown = Some((p.value.clone(), (p.view)(&p.value)));
    }
    let busy = !s.shown.as_ref().is_some_and(|(v, _)| *v == p.value);
    let drawn = s.shown.as_ref().map(|(_, h)| h.clone()).unwrap_or_default();
    // Dimmed while it waits for a burst to pause, not for a single frame.
    let stale = busy && s.burst;
    html! { <div class={classes!("settled", stale.then_some("stale"))} aria-busy={busy.to_string()}>{ drawn }</div> }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_lab_has_a_description() {
        for lab in Lab::ALL {
            let (zh, en) = text::about(lab);
            assert!(!zh.is_empty() && en.ends_with('.'), "{}", lab.slug());
        }
    }
}
