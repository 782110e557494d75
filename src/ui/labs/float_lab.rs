//! `lab/float?x=<decimal or 0x bits>&y=<decimal>&op=add|sub|mul|div&fmt=f64|f32|f16|bf16`:
//! how a number is stored, and one operation traced, in four formats.

use yew::prelude::*;

use super::text::{align_exponents, lab_strings};
use super::{use_lab_inputs, LabProps, Settled};
use crate::i18n::Lang;
use ail_labs::exact::exact_decimal;
use ail_labs::float_lab::{
    operate, parse_operand, swamping_threshold, Class, FloatFormat, Inputs, Op, Stored, Trace,
};
use ail_labs::fmt_num;

fn class_name(c: Class, lang: Lang) -> &'static str {
    let s = lab_strings(lang);
    match c {
        Class::Normal => s.normal,
        Class::Subnormal => s.subnormal,
        Class::Zero => s.zero,
        Class::Infinite => s.infinity,
        Class::NaN => "NaN",
    }
}

fn exact_or_dash(x: Option<f64>) -> String {
    x.and_then(exact_decimal).unwrap_or_else(|| "—".into())
}

/// Sign, exponent and fraction bits in coloured spans, with the decoded fields.
fn layout(st: &Stored, name: &str, lang: Lang, testid: &str) -> Html {
    let s = lab_strings(lang);
    let (sign, exp, frac) = st.bit_fields();
    html! {
        <div class="float-layout">
            <p class="bits" aria-label={format!("{name}: {sign} {exp} {frac}")}>
                <span class="b-sign">{ sign }</span><span class="b-exp">{ exp }</span><span class="b-frac">{ frac }</span>
            </p>
            <p class="fields">
                <span>{ s.bits }<code data-testid={testid.to_string()}>{ st.hex() }</code></span>
                <span>{ s.sign }{ st.sign }</span>
                <span>{ s.exponent }{ format!("{} ({} {})", st.exponent, s.unbiased, st.unbiased) }</span>
                <span>{ " · " }{ class_name(st.class, lang) }</span>
            </p>
        </div>
    }
}

fn select(
    name: &'static str,
    label: &'static str,
    value: &str,
    options: &[&'static str],
    on: Callback<String>,
) -> Html {
    let id = format!("lab-{name}");
    let onchange = Callback::from(move |e: Event| {
        on.emit(
            e.target_unchecked_into::<web_sys::HtmlSelectElement>()
                .value(),
        )
    });
    html! {
        <div class="field">
            <label for={id.clone()}>{ label }</label>
            <select {id} data-field={name} {onchange}>
                { for options.iter().map(|o| html! { <option value={*o} selected={*o == value}>{ *o }</option> }) }
            </select>
        </div>
    }
}

#[function_component(FloatLab)]
pub fn float_lab(p: &LabProps) -> Html {
    let lang = p.lang;
    let s = lab_strings(lang);
    let mut form = use_lab_inputs::<Inputs>(p);
    let [x_raw, y_raw, op_raw, fmt_raw] = ["x", "y", "op", "fmt"].map(|k| form.raw(k));
    let body = match form.inputs.take() {
        Some(Inputs { fmt, op, x, y }) => {
            let (r, t) = operate(fmt, op, &x, &y);
            html! {
                <>
                <XSection x={x.clone()} {fmt} {lang} />
                <h2>{ "y" }</h2>
                { layout(&y, "y", lang, "bits-y") }
                <dl class="results"><dt>{ s.exact_value_stored }</dt><dd data-testid="stored-y">{ y.exact() }</dd></dl>
                <h2>{ format!("x {} y {} {}", op.symbol(), s.in_word, fmt.name()) }</h2>
                { layout(&r, "x op y", lang, "result-bits") }
                <dl class="results">
                    <dt>{ s.result_exact_value }</dt>
                    <dd data-testid="result">{ r.exact() }</dd>
                </dl>
                // The rounding steps and the four formats follow a drag once it pauses.
                <Settled<(Trace, Op, Lang)> value={(t, op, lang)} view={trace_part as TracePart} />
                <Settled<(Op, String, String, Lang)> value={(op, x_raw.clone(), y_raw.clone(), lang)} view={formats_part as FormatsPart} />
                </>
            }
        }
        None => html! {},
    };
    html! {
        <div class="lab-body">
            <p>{ s.x_may_be_decimal }</p>
            { form.field("x", "x") }
            { form.input("y", "y", "decimal") }
            { select("op", s.operation, &op_raw, &["add", "sub", "mul", "div"], form.set("op")) }
            { for form.error("op").map(|e| html! { <p class="field-error" data-testid="error-op">{ super::text::message(&e, lang) }</p> }) }
            { select("fmt", s.format, &fmt_raw, &["f64", "f32", "f16", "bf16"], form.set("fmt")) }
            { for form.error("fmt").map(|e| html! { <p class="field-error" data-testid="error-fmt">{ super::text::message(&e, lang) }</p> }) }
            { body }
        </div>
    }
}

#[derive(Properties, PartialEq)]
struct XSectionProps {
    x: Stored,
    fmt: FloatFormat,
    lang: Lang,
}

/// x as stored, its ULP, neighbours and swamping threshold: a component of
/// its own so that an edit of y, the operation or nothing of x skips these
/// exact expansions and their part of the page.
#[function_component(XSection)]
fn x_section(p: &XSectionProps) -> Html {
    let (x, lang) = (&p.x, p.lang);
    let s = lab_strings(lang);
    let (below, above) = x.neighbours();
    html! {
        <>
        <h2>{ "x" }</h2>
        { layout(x, "x", lang, "bits-x") }
        <dl class="results">
            <dt>{ s.exact_value_stored }</dt>
            <dd data-testid="stored-x">{ x.exact() }</dd>
            <dt>{ s.ulp_at_x_gap }</dt>
            <dd data-testid="ulp-x">{ exact_or_dash(x.ulp()) }</dd>
            <dt>{ s.previous_next_representable_value }</dt>
            <dd>{ format!("{} / {}", exact_or_dash(below), exact_or_dash(above)) }</dd>
            <dt>{ s.smallest_positive_y_with }</dt>
            <dd data-testid="swamp-x">{ exact_or_dash(swamping_threshold(p.fmt, x.value)) }</dd>
        </dl>
        </>
    }
}

type TracePart = fn(&(Trace, Op, Lang)) -> Html;
fn trace_part(v: &(Trace, Op, Lang)) -> Html {
    trace_view(&v.0, v.1, v.2)
}

type FormatsPart = fn(&(Op, String, String, Lang)) -> Html;
fn formats_part(v: &(Op, String, String, Lang)) -> Html {
    side_by_side(v.0, &v.1, &v.2, v.3)
}

fn yes(b: bool) -> &'static str {
    if b {
        "1"
    } else {
        "0"
    }
}

fn trace_view(t: &Trace, op: Op, lang: Lang) -> Html {
    let s = lab_strings(lang);
    let mut steps: Vec<String> = Vec::new();
    if matches!(op, Op::Add | Op::Sub) {
        steps.push(align_exponents(lang, t.shift));
    }
    if let Some(e) = &t.exact {
        steps.push(format!("{}{e}", s.exact_result));
    }
    if t.exact_hit {
        steps.push(s.exact_result_is_representable.into());
    } else if let Some((lo, hi)) = t.bracket {
        steps.push(format!(
            "{}{} {} {}",
            s.it_lies_between_two,
            exact_decimal(lo).unwrap_or_default(),
            s.and,
            exact_decimal(hi).unwrap_or_default()
        ));
        steps.push(format!(
            "guard = {}, round = {}, sticky = {}",
            yes(t.guard),
            yes(t.round),
            yes(t.sticky)
        ));
        steps.push(
            if t.tie {
                s.exactly_halfway_g_1
            } else if t.guard {
                s.more_than_halfway_g
            } else {
                s.less_than_halfway_g
            }
            .into(),
        );
    }
    if t.overflow {
        steps.push(s.overflow_beyond_largest_finite.into());
    }
    if t.underflow {
        steps.push(s.underflow_result_is_subnormal.into());
    }
    if steps.is_empty() {
        return html! {};
    }
    html! {
        <section class="trace">
            <h3>{ s.how_it_rounds }</h3>
            <ol>{ for steps.into_iter().map(|s| html! { <li>{ s }</li> }) }</ol>
        </section>
    }
}

fn side_by_side(op: Op, x_raw: &str, y_raw: &str, lang: Lang) -> Html {
    let s = lab_strings(lang);
    let rows = FloatFormat::ALL.iter().map(|&f| {
        let x = parse_operand("x", x_raw, f).ok();
        let y = parse_operand("y", y_raw, f).ok();
        let cells = match (x, y) {
            (Some(x), Some(y)) => {
                // The result only: the rounding trace (exact decimals) is the chosen format's, above.
                let r = Stored::of(f, f.apply(op, x.value, y.value));
                // Every stored value is an f64 too: its shortest f64 decimal
                // shows what the format keeps (f32's 9.9e9 is 9900000256),
                // with an exponent for tiny and huge values (not 300 zeros).
                let short = |s: &Stored| if s.value.is_finite() { fmt_num(s.value) } else { s.exact() };
                let changed = r.value != x.value;
                html! { <><td>{ short(&x) }</td><td>{ short(&y) }</td><td>{ short(&r) }</td><td>{ if changed { s.yes } else { s.no } }</td></> }
            }
            // A hex x is a bit pattern of one width only.
            _ => html! { <td colspan="4">{ "—" }</td> },
        };
        html! { <tr data-fmt={f.name()}><th scope="row">{ f.name() }</th>{ cells }</tr> }
    });
    html! {
        <div class="table-wrap" tabindex="0">
            <table class="formats">
                <caption>{ s.same_operation_in_all }</caption>
                <thead><tr><th></th><th>{ "x" }</th><th>{ "y" }</th><th>{ s.result }</th><th>{ s.result_x }</th></tr></thead>
                <tbody>{ for rows }</tbody>
            </table>
        </div>
    }
}
