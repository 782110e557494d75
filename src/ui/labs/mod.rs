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

use yew::prelude::*;

use super::nav::use_nav;
use super::IndexRef;
use crate::i18n::Lang;
use crate::route::Route;
use ail_labs::query::Query;
use ail_labs::{lab, InputError, LABS};

/// What every lab page receives.
#[derive(Properties, PartialEq, Clone)]
pub struct LabProps {
    /// The lab's query string (`x=1&y=2`), the whole state of the view.
    pub query: AttrValue,
    pub lang: Lang,
    /// Called with the new query string whenever an input changes.
    pub on_change: Callback<String>,
}

/// The query's value for `key`, else its default in `defaults` (else "").
pub fn query_value(q: &Query, defaults: &[(&str, &str)], key: &str) -> String {
    q.get(key)
        .or_else(|| defaults.iter().find(|d| d.0 == key).map(|d| d.1))
        .unwrap_or("")
        .to_string()
}

/// The value of every key of `defaults`, in order (see [`query_value`]).
pub fn query_values(q: &Query, defaults: &[(&str, &str)]) -> Vec<String> {
    defaults
        .iter()
        .map(|(k, d)| q.get(k).unwrap_or(d).to_string())
        .collect()
}

/// A callback that writes an input's new value into the lab's query under `key`.
pub fn setter(on_change: &Callback<String>, q: &Query, key: &'static str) -> Callback<String> {
    let cb = on_change.clone();
    let q = q.clone();
    Callback::from(move |v: String| cb.emit(q.with(key, &v).to_query_string()))
}

/// Labs whose pages exist in this build (slugs of [`LABS`]).
pub const BUILT: &[&str] = &[
    "float",
    "perp-foot",
    "eigen-perm",
    "nms",
    "losses",
    "mixed-precision",
    "dropout-bn",
    "dist-matmul",
    "conv-matmul",
    "mlp",
    "optimizers",
];

/// One sentence on what lab `slug` shows, in Chinese and English (its
/// page's description for search engines and link previews).
pub fn about(slug: &str) -> (&'static str, &'static str) {
    match slug {
        "float" => (
            "输入一个数或 9.9e9 + 1e-9 这样的运算，看 float64、float32、float16、bfloat16 各存成什么：位模式、精确值、ULP 与舍入。",
            "Type a value or a sum such as 9.9e9 + 1e-9 and see what float64, float32, float16 and bfloat16 store: bits, exact value, ULP and rounding.",
        ),
        "mixed-precision" => (
            "在纯 fp16、fp32 主权重、损失缩放三种做法下运行 w ← w − lr·g，看小的更新如何消失、又如何被救回来。",
            "Run w ← w − lr·g in fp16 only, with an fp32 master copy and with loss scaling: watch small updates vanish and see how each fix brings them back.",
        ),
        "perp-foot" => (
            "二维或三维中点到直线的垂足，按投影公式计算，图上的点可以拖动。",
            "The foot of the perpendicular from a point to a line in 2D or 3D, from the projection formula, with points you can drag.",
        ),
        "eigen-perm" => (
            "分解对称矩阵 S = QLQᵀ，重排特征值，找出 Q 的哪种列置换仍能还原 S。",
            "Decompose a symmetric matrix S = QLQᵀ, reorder the eigenvalues, and find which permutation of Q's columns still gives back S.",
        ),
        "nms" => (
            "贪心 NMS 与它的并行形式（IoU 矩阵加一次顺序扫描），用你输入的框或随机框比较：保留的框相同。",
            "Greedy non-maximum suppression and its parallel form (an IoU matrix, then one sequential scan) on your boxes or seeded random ones: the same boxes survive.",
        ),
        "losses" => (
            "sigmoid 输出上的 MSE 与交叉熵：对权重的梯度、数值检验，以及 MSE 饱和的地方。",
            "MSE versus cross-entropy on a sigmoid output: the gradient with respect to the weight, a numerical check, and where MSE saturates.",
        ),
        "dropout-bn" => (
            "反向 dropout 保持激活的期望；批归一化在训练与推理时的区别，以及批大小为 1 时会怎样。",
            "Inverted dropout keeps the expected activation; batch norm in training and in inference, and what a batch of one does to it.",
        ),
        "dist-matmul" => (
            "四台机器用 2×2 分块（Cannon 式交换）计算 N×N 矩阵乘法：整块与半块交换时每台机器的峰值内存。",
            "Multiply two N×N matrices on four machines with 2×2 blocks and Cannon-style swaps: each machine's peak memory with whole-block and half-block swaps.",
        ),
        "conv-matmul" => (
            "把卷积写成一次矩阵乘法：im2col 的形状、GEMM，以及与直接卷积和池化的对照。",
            "A convolution as one matrix product: the im2col shapes, the GEMM, and a check against direct convolution and pooling.",
        ),
        "mlp" => (
            "手算小 MLP 的一步训练：前向、反向传播的梯度（附数值检验）、更新后的损失。",
            "One training step of a small MLP by hand: the forward pass, backpropagated gradients checked numerically, and the loss after the update.",
        ),
        "optimizers" => (
            "SGD、动量与 Adam 在二次函数或 Rosenbrock 函数上的路径，超过学习率上限时的发散，以及每个参数的优化器内存。",
            "SGD, momentum and Adam on a quadratic or the Rosenbrock function: their paths, divergence past the learning-rate limit, and optimizer memory per parameter.",
        ),
        _ => ("", ""),
    }
}

/// Whether `lab_body` has a page for `slug` (a browser test keeps this and [`BUILT`] in step).
pub fn has_page(slug: &str) -> bool {
    let props = LabProps {
        query: AttrValue::Static(""),
        lang: Lang::En,
        on_change: Callback::noop(),
    };
    lab_body(slug, props).is_some()
}

/// The page of lab `slug`, or `None` if this build has no such page.
fn lab_body(slug: &str, props: LabProps) -> Option<Html> {
    Some(match slug {
        "float" => html! { <float_lab::FloatLab ..props /> },
        "perp-foot" => html! { <perp_foot::PerpFootLab ..props /> },
        "eigen-perm" => html! { <eigen_perm::EigenPermLab ..props /> },
        "nms" => html! { <nms::NmsLab ..props /> },
        "losses" => html! { <losses::LossesLab ..props /> },
        "mixed-precision" => html! { <mixed_precision::MixedPrecisionLab ..props /> },
        "dropout-bn" => html! { <dropout_bn::DropoutBnLab ..props /> },
        "dist-matmul" => html! { <dist_matmul::DistMatmulLab ..props /> },
        "conv-matmul" => html! { <conv_matmul::ConvMatmulLab ..props /> },
        "mlp" => html! { <mlp::MlpLab ..props /> },
        "optimizers" => html! { <optimizers::OptimizersLab ..props /> },
        _ => return None,
    })
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
    let (Some(info), true) = (lab(&p.slug), BUILT.contains(&p.slug.as_str())) else {
        return html! {
            <section class="load-error" role="alert">
                <h1 id="q-title" tabindex="-1">{ lang.pick("没有这个实验：", "No lab named ") }<code>{ p.slug.to_string() }</code></h1>
                <p><a href={nav.href(&Route::Labs)}>{ lang.pick("所有实验", "All labs") }</a></p>
            </section>
        };
    };
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
        &p.slug,
        LabProps {
            query: AttrValue::from((*query).clone()),
            lang,
            on_change,
        },
    )
    .unwrap_or_default();
    html! {
        <article class="lab" data-lab={info.slug}>
            <nav class="crumbs">
                <a href={nav.href(&Route::Labs)}>{ lang.pick("所有实验", "All labs") }</a>
            </nav>
            <h1 id="q-title" tabindex="-1">{ match lang { Lang::Zh => info.zh, Lang::En => info.en } }</h1>
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
            <h2>{ lang.pick("相关题目", "Questions that use this lab") }</h2>
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

/// `labs/`: every built lab.
#[function_component(LabIndex)]
pub fn lab_index(p: &LabIndexProps) -> Html {
    let nav = use_nav();
    html! {
        <section>
            <h1 id="q-title" tabindex="-1">{ p.lang.pick("数值实验", "Numeric labs") }</h1>
            <ul class="lab-list">{ for LABS.iter().filter(|l| BUILT.contains(&l.slug)).map(|l| html! {
                <li><a class="button" href={nav.href(&Route::Lab { slug: l.slug.to_string(), query: String::new() })} data-lab-link={l.slug}>{ p.lang.pick(l.zh, l.en) }</a></li>
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
    /// The inline error for this field, if its value is bad.
    #[prop_or_default]
    pub error: Option<InputError>,
    pub lang: Lang,
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
                { for p.error.iter().map(|e| match p.lang { Lang::Zh => e.zh.clone(), Lang::En => e.en.clone() }) }
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
