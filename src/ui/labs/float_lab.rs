//! `lab/float?x=<decimal or 0x bits>&y=<decimal>&op=add|sub|mul|div&fmt=f64|f32|f16|bf16`:
//! how a number is stored, and one operation traced, in four formats.

use yew::prelude::*;

use super::{use_lab_inputs, LabProps, Settled};
use crate::i18n::Lang;
use ail_labs::exact::exact_decimal;
use ail_labs::float_lab::{
    operate, parse_operand, swamping_threshold, Class, FloatFormat, Inputs, Op, Stored, Trace,
};
use ail_labs::fmt_num;

fn tr(lang: Lang, zh: &'static str, en: &'static str) -> &'static str {
    match lang {
        Lang::Zh => zh,
        Lang::En => en,
    }
}

fn class_name(c: Class, lang: Lang) -> &'static str {
    match c {
        Class::Normal => tr(lang, "规格化数", "normal"),
        Class::Subnormal => tr(lang, "非规格化数", "subnormal"),
        Class::Zero => tr(lang, "零", "zero"),
        Class::Infinite => tr(lang, "无穷大", "infinity"),
        Class::NaN => "NaN",
    }
}

fn exact_or_dash(x: Option<f64>) -> String {
    x.and_then(exact_decimal).unwrap_or_else(|| "—".into())
}

/// Sign, exponent and fraction bits in coloured spans, with the decoded fields.
fn layout(s: &Stored, name: &str, lang: Lang, testid: &str) -> Html {
    let (sign, exp, frac) = s.bit_fields();
    html! {
        <div class="float-layout">
            <p class="bits" aria-label={format!("{name}: {sign} {exp} {frac}")}>
                <span class="b-sign">{ sign }</span><span class="b-exp">{ exp }</span><span class="b-frac">{ frac }</span>
            </p>
            <p class="fields">
                <span>{ tr(lang, "位模式 ", "bits ") }<code data-testid={testid.to_string()}>{ s.hex() }</code></span>
                <span>{ tr(lang, " · 符号 ", " · sign ") }{ s.sign }</span>
                <span>{ tr(lang, " · 阶码 ", " · exponent ") }{ format!("{} ({} {})", s.exponent, tr(lang, "无偏", "unbiased"), s.unbiased) }</span>
                <span>{ " · " }{ class_name(s.class, lang) }</span>
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
                <dl class="results"><dt>{ tr(lang, "实际存储的精确值", "Exact value stored") }</dt><dd data-testid="stored-y">{ y.exact() }</dd></dl>
                <h2>{ format!("x {} y {} {}", op.symbol(), tr(lang, "在", "in"), fmt.name()) }</h2>
                { layout(&r, "x op y", lang, "result-bits") }
                <dl class="results">
                    <dt>{ tr(lang, "结果（精确值）", "Result (exact value)") }</dt>
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
            <p>{ tr(lang, "x 可以写十进制数，也可以写所选格式的十六进制位模式（如 f32 的 0x50138581）。运算先把 x、y 存成所选格式，再按 IEEE 754 就近舍入（平局取偶）。",
                   "x may be a decimal or a hex bit pattern of the chosen format (such as f32 0x50138581). Both operands are first stored in the format; the operation then rounds to nearest, ties to even (IEEE 754).") }</p>
            { form.field("x", "x") }
            { form.input("y", "y", "decimal") }
            { select("op", tr(lang, "运算", "Operation"), &op_raw, &["add", "sub", "mul", "div"], form.set("op")) }
            { for form.error("op").map(|e| html! { <p class="field-error" data-testid="error-op">{ super::text::message(&e, lang) }</p> }) }
            { select("fmt", tr(lang, "格式", "Format"), &fmt_raw, &["f64", "f32", "f16", "bf16"], form.set("fmt")) }
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
    let (below, above) = x.neighbours();
    html! {
        <>
        <h2>{ "x" }</h2>
        { layout(x, "x", lang, "bits-x") }
        <dl class="results">
            <dt>{ tr(lang, "实际存储的精确值", "Exact value stored") }</dt>
            <dd data-testid="stored-x">{ x.exact() }</dd>
            <dt>{ tr(lang, "x 处的 ULP（相邻可表示数的间距）", "ULP at x (gap to the next representable value)") }</dt>
            <dd data-testid="ulp-x">{ exact_or_dash(x.ulp()) }</dd>
            <dt>{ tr(lang, "前一个 / 后一个可表示数", "Previous / next representable value") }</dt>
            <dd>{ format!("{} / {}", exact_or_dash(below), exact_or_dash(above)) }</dd>
            <dt>{ tr(lang, "能改变 x 的最小正数 y（被“吞掉”的阈值）", "Smallest positive y with x + y ≠ x (swamping threshold)") }</dt>
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
    let mut steps: Vec<String> = Vec::new();
    if matches!(op, Op::Add | Op::Sub) {
        steps.push(match lang {
            Lang::Zh => format!("对阶：两数阶码相差 {}，较小的数右移 {} 位与较大的数对齐。", t.shift, t.shift.abs()),
            Lang::En => format!("Align exponents: they differ by {}, so the smaller operand is shifted right by {} bits.", t.shift, t.shift.abs()),
        });
    }
    if let Some(e) = &t.exact {
        steps.push(format!("{}{e}", tr(lang, "精确结果：", "Exact result: ")));
    }
    if t.exact_hit {
        steps.push(
            tr(
                lang,
                "精确结果正好可以表示：没有舍入。",
                "The exact result is representable: no rounding.",
            )
            .into(),
        );
    } else if let Some((lo, hi)) = t.bracket {
        steps.push(format!(
            "{}{} {} {}",
            tr(
                lang,
                "它落在两个相邻可表示数之间：",
                "It lies between two neighbouring representable values: "
            ),
            exact_decimal(lo).unwrap_or_default(),
            tr(lang, "和", "and"),
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
                tr(lang, "正好在中点（G=1, R=S=0）：平局取偶，选末位为 0 的那个。", "Exactly halfway (G=1, R=S=0): ties to even, the neighbour whose last bit is 0 wins.")
            } else if t.guard {
                tr(lang, "超过一半（G=1 且 R 或 S 为 1）：向远离零的方向进位。", "More than halfway (G=1 and R or S set): round away from zero.")
            } else {
                tr(lang, "不到一半（G=0）：截断，向零舍入。", "Less than halfway (G=0): truncate toward zero.")
            }
            .into(),
        );
    }
    if t.overflow {
        steps.push(
            tr(
                lang,
                "上溢：结果超过最大有限值，变成无穷大。",
                "Overflow: beyond the largest finite value, the result is infinity.",
            )
            .into(),
        );
    }
    if t.underflow {
        steps.push(
            tr(
                lang,
                "下溢：结果落入非规格化数或零，丢失了精度。",
                "Underflow: the result is subnormal or zero and lost precision.",
            )
            .into(),
        );
    }
    if steps.is_empty() {
        return html! {};
    }
    html! {
        <section class="trace">
            <h3>{ tr(lang, "舍入过程", "How it rounds") }</h3>
            <ol>{ for steps.into_iter().map(|s| html! { <li>{ s }</li> }) }</ol>
        </section>
    }
}

fn side_by_side(op: Op, x_raw: &str, y_raw: &str, lang: Lang) -> Html {
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
                html! { <><td>{ short(&x) }</td><td>{ short(&y) }</td><td>{ short(&r) }</td><td>{ if changed { tr(lang, "是", "yes") } else { tr(lang, "否", "no") } }</td></> }
            }
            // A hex x is a bit pattern of one width only.
            _ => html! { <td colspan="4">{ "—" }</td> },
        };
        html! { <tr data-fmt={f.name()}><th scope="row">{ f.name() }</th>{ cells }</tr> }
    });
    html! {
        <div class="table-wrap" tabindex="0">
            <table class="formats">
                <caption>{ tr(lang, "同一运算在四种格式中：每种格式实际存下的值，写成能读回同一个 f64 的最短十进制", "The same operation in all four formats: the value each format stores, as the shortest decimal that reads back as the same f64") }</caption>
                <thead><tr><th></th><th>{ "x" }</th><th>{ "y" }</th><th>{ tr(lang, "结果", "result") }</th><th>{ tr(lang, "结果 ≠ x", "result ≠ x") }</th></tr></thead>
                <tbody>{ for rows }</tbody>
            </table>
        </div>
    }
}
