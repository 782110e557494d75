//! One gradable slot (the question itself or a part): the input for its
//! kind, the check button, and the feedback after grading.

use yew::prelude::*;

use super::texts::{key, TextsRef};
use crate::bank::{Kind, Text, Tolerance};
use crate::grade::{Graded, Verdict};
use crate::i18n::{answer_error, hex_placeholder, key_neighbours, stored_as, strings, Lang};
use crate::practice::{Action, SlotState};

#[derive(Properties, PartialEq)]
pub struct SlotProps {
    /// 0 for the question itself, 1.. for parts.
    pub slot: usize,
    /// Used to make element ids unique on the page.
    pub dom_id: AttrValue,
    pub kind: Kind,
    pub state: SlotState,
    pub lang: Lang,
    /// Shown after grading (a part's explanation).
    #[prop_or_default]
    pub explanation: Option<Text>,
    /// Where the slot's texts come from, and their keys' prefix
    /// (`ui::texts::key::slot`).
    pub texts: TextsRef,
    pub prefix: AttrValue,
    pub on_action: Callback<Action>,
}

#[function_component(SlotView)]
pub fn slot_view(p: &SlotProps) -> Html {
    let s = strings(p.lang);
    let slot = p.slot;
    let graded = matches!(p.state.result, Some(Ok(_)));
    let error_id = format!("{}-error", p.dom_id);
    let submit = {
        let cb = p.on_action.clone();
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            cb.emit(Action::Submit { slot });
        })
    };

    let input = match &p.kind {
        Kind::Single { options, correct } => {
            choices(p, options, std::slice::from_ref(correct), false, graded)
        }
        Kind::Multi { options, correct } => choices(p, options, correct, true, graded),
        Kind::Numeric {
            answer,
            unit,
            format,
            ..
        } => {
            let oninput = typed(&p.on_action, slot);
            // Hex bit patterns need letters; vectors need spaces or commas.
            let mode = if answer.len() == 1 && format.is_none() {
                "decimal"
            } else {
                "text"
            };
            let placeholder = match format {
                Some(f) => hex_placeholder(p.lang, *f),
                None => s.numeric_placeholder.to_string(),
            };
            let input_id = format!("{}-input", p.dom_id);
            html! {
                <div class="field">
                    <label for={input_id.clone()}>{ s.your_answer }</label>
                    <div class="field-row">
                        <input id={input_id} type="text" inputmode={mode} autocomplete="off" spellcheck="false"
                            data-testid="answer-input" value={p.state.input.clone()} {oninput}
                            {placeholder} aria-describedby={error_id.clone()} />
                        { for unit.iter().map(|u| html! { <span class="unit">{ u.clone() }</span> }) }
                    </div>
                </div>
            }
        }
        Kind::Ordering { items, .. } => {
            let oninput = typed(&p.on_action, slot);
            let input_id = format!("{}-input", p.dom_id);
            html! {
                <div class="field">
                    { for items.iter().map(|items| html! {
                        <>
                            <p class="label">{ s.items_to_order }</p>
                            <ol class="items" start="0">{ for items.iter().enumerate().map(|(i, t)| html! {
                                <li>{ p.texts.inline(&key::item(&p.prefix, i), t, p.lang) }</li>
                            }) }</ol>
                        </>
                    }) }
                    <label for={input_id.clone()}>{ s.your_answer }</label>
                    <input id={input_id} type="text" autocomplete="off" spellcheck="false" data-testid="answer-input"
                        value={p.state.input.clone()} {oninput} placeholder={s.ordering_placeholder}
                        aria-describedby={error_id.clone()} />
                </div>
            }
        }
        Kind::Open { .. } | Kind::Generated { .. } => return Html::default(),
    };

    let feedback = match &p.state.result {
        None => Html::default(),
        Some(Err(e)) => {
            html! { <p class="answer-error" role="alert">{ answer_error(p.lang, e) }</p> }
        }
        Some(Ok(g)) => verdict(p, g),
    };

    html! {
        <form class="slot" onsubmit={submit} novalidate=true>
            { input }
            <button type="submit" class="button primary needs-js" data-testid="submit">{ s.submit }</button>
            <div id={error_id} aria-live="polite">{ feedback }</div>
        </form>
    }
}

/// Sends what is typed in a text input as `Action::Type` for `slot`.
fn typed(on_action: &Callback<Action>, slot: usize) -> Callback<InputEvent> {
    let cb = on_action.clone();
    Callback::from(move |e: InputEvent| {
        let text = e
            .target_unchecked_into::<web_sys::HtmlInputElement>()
            .value();
        cb.emit(Action::Type { slot, text });
    })
}

fn choices(
    p: &SlotProps,
    options: &[crate::bank::Choice],
    correct: &[usize],
    multi: bool,
    graded: bool,
) -> Html {
    let s = strings(p.lang);
    let slot = p.slot;
    let name = format!("{}-choice", p.dom_id);
    html! {
        <fieldset class="choices" data-testid="answer-input">
            <legend>{ if multi { s.choose_all } else { s.choose_one } }</legend>
            { for options.iter().enumerate().map(|(i, o)| {
                let checked = p.state.selected.contains(&i);
                let onchange = {
                    let cb = p.on_action.clone();
                    Callback::from(move |_: Event| cb.emit(Action::Pick { slot, option: i }))
                };
                let is_key = correct.contains(&i);
                let mark = match (graded, is_key, checked) {
                    (false, _, _) => "",
                    (true, true, _) => "key",
                    (true, false, true) => "wrong",
                    (true, false, false) => "",
                };
                let id = format!("{name}-{i}");
                html! {
                    <div class={classes!("choice", mark)}>
                        <input type={if multi { "checkbox" } else { "radio" }} id={id.clone()} name={name.clone()}
                            {checked} {onchange} data-option={i.to_string()} />
                        <label for={id}>
                            <span class="num">{ i + 1 }</span>
                            <span class="opt-text">{ p.texts.inline(&key::option(&p.prefix, i), &o.text, p.lang) }</span>
                        </label>
                        if graded {
                            <div class="why">{ p.texts.block(&key::option_why(&p.prefix, i), &o.explanation, p.lang) }</div>
                        }
                    </div>
                }
            }) }
        </fieldset>
    }
}

fn verdict(p: &SlotProps, g: &Graded) -> Html {
    let s = strings(p.lang);
    let ok = g.verdict == Verdict::Correct;
    let format = match &p.kind {
        Kind::Numeric {
            tolerance: Tolerance::Ulps { format, .. },
            ..
        } => Some(*format),
        Kind::Numeric { format, .. } => *format,
        _ => None,
    };
    let fmt_name = format.map(crate::i18n::format_name).unwrap_or_default();
    let opt = |x: Option<f64>| x.map(ail_labs::fmt_num).unwrap_or_else(|| "—".into());
    let expected = match &p.kind {
        Kind::Ordering { answer, .. } => Some(
            answer
                .iter()
                .map(|i| i.to_string())
                .collect::<Vec<_>>()
                .join(" "),
        ),
        _ => None,
    };
    html! {
        <div class={classes!("verdict", if ok { "ok" } else { "bad" })}>
            <p class="verdict-line">
                <span data-testid="verdict" class="verdict-word" aria-hidden="true">{ g.verdict.as_str() }</span>
                <strong>{ if ok { s.correct } else { s.incorrect } }</strong>
            </p>
            if !g.numeric.is_empty() {
                <table class="numeric-feedback">
                    <tr><th scope="row">{ s.your_answer }</th>{ for g.numeric.iter().map(|c| html! { <td>{ c.given.to_string() }</td> }) }</tr>
                    <tr><th scope="row">{ s.expected }</th>{ for g.numeric.iter().map(|c| html! { <td>{ c.expected.to_string() }</td> }) }</tr>
                    <tr><th scope="row">{ s.abs_error }</th>{ for g.numeric.iter().map(|c| html! { <td>{ format!("{:e}", c.abs_error) }</td> }) }</tr>
                    if format.is_some() {
                        <tr><th scope="row">{ s.ulps }</th>{ for g.numeric.iter().map(|c| html! { <td data-testid="ulps">{ c.ulps.map(|u| u.to_string()).unwrap_or_default() }</td> }) }</tr>
                        <tr><th scope="row">{ stored_as(p.lang, fmt_name) }</th>
                            { for g.numeric.iter().map(|c| html! { <td>{ opt(c.stored) }</td> }) }</tr>
                        <tr><th scope="row">{ key_neighbours(p.lang, fmt_name) }</th>
                            { for g.numeric.iter().map(|c| html! { <td data-testid="neighbours">{ match c.neighbours {
                                Some((lo, hi)) => format!("{} / {}", opt(lo), opt(hi)),
                                None => String::new(),
                            } }</td> }) }</tr>
                    }
                </table>
            }
            { for expected.map(|e| html! { <p>{ s.expected }{ ": " }<code>{ e }</code></p> }) }
            { for p.explanation.iter().map(|t| html! {
                <div class="why">{ p.texts.block(&key::part_explanation(&p.prefix), t, p.lang) }</div>
            }) }
        </div>
    }
}

/// For the build's static page: what a slot shows only after grading (why
/// each option is right or wrong, the part's explanation), in a
/// `<details>` that only readers without script see (`.static-only`).
/// Nothing for a slot that explains nothing.
pub fn static_explanation(
    kind: &Kind,
    explanation: Option<&Text>,
    texts: &TextsRef,
    prefix: &str,
    lang: Lang,
) -> Html {
    let options = match kind {
        Kind::Single { options, .. } | Kind::Multi { options, .. } => options.as_slice(),
        _ => &[],
    };
    if options.is_empty() && explanation.is_none() {
        return Html::default();
    }
    let s = strings(lang);
    let key_of = |k: &Kind| match k {
        Kind::Single { correct, .. } => vec![*correct],
        Kind::Multi { correct, .. } => correct.clone(),
        _ => vec![],
    };
    let right = key_of(kind);
    html! {
        <details class="static-only static-why">
            <summary>{ s.why }</summary>
            if !options.is_empty() {
                <ol class="static-options">{ for options.iter().enumerate().map(|(i, o)| html! {
                    <li class={classes!(right.contains(&i).then_some("key"))}>
                        { texts.block(&key::option_why(prefix, i), &o.explanation, lang) }
                    </li>
                }) }</ol>
            }
            { for explanation.map(|t| texts.block(&key::part_explanation(prefix), t, lang)) }
        </details>
    }
}
