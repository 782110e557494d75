//! `lab/conv-matmul?c=2&h=5&w=5&k=3&stride=1&pad=1&cout=2&seed=1`: im2col
//! with one GEMM equals direct convolution; mean pooling is a convolution;
//! max pooling is not linear.

use yew::prelude::*;

use super::{use_lab_inputs, LabProps, Settled};
use crate::i18n::Lang;
use ail_labs::conv_matmul::{dims, run, Shape};
use ail_labs::fmt_num;

#[function_component(ConvMatmulLab)]
pub fn conv_matmul_lab(p: &LabProps) -> Html {
    let lang = p.lang;
    let t = |zh: &'static str, en: &'static str| lang.pick(zh, en);
    let mut form = use_lab_inputs::<Shape>(p);
    let labels = [
        "C_in",
        "H",
        "W",
        t("卷积核 k", "Kernel k"),
        t("步长", "Stride"),
        "padding",
        "C_out",
        t("随机种子", "Seed"),
    ];
    let out = form.show(|shape| {
        // The shapes show at once; the GEMM and its checks, the lab's whole
        // cost (about 600,000 multiply-adds each at 8×32×32), follow a drag
        // once it pauses.
        let d = dims(&shape)?;
        Ok(html! {
            <>
            <dl class="results">
                <dt>{ t("输出形状 C_out H_out W_out", "Output shape C_out H_out W_out") }</dt>
                <dd data-testid="out-shape">{ format!("{} {} {}", d.out.0, d.out.1, d.out.2) }</dd>
                <dt>{ t("im2col 矩阵：行（C_in·k·k）列（H_out·W_out）", "im2col matrix: rows (C_in·k·k), columns (H_out·W_out)") }</dt>
                <dd data-testid="im2col-shape">{ format!("{} {}", d.im2col.0, d.im2col.1) }</dd>
                <dt>{ t("权重矩阵：C_out × (C_in·k·k)", "Weight matrix: C_out × (C_in·k·k)") }</dt>
                <dd>{ format!("{} × {}", d.out.0, d.im2col.0) }</dd>
            </dl>
            <Settled<(Shape, Lang)> value={(shape, lang)} view={checks as fn(&(Shape, Lang)) -> Html} />
            <p class="note">{ t("卷积、全连接、1×1 卷积、均值池化、推理时的 BN 都是线性映射，可以写成矩阵乘；最大池化（选择）、ReLU 等逐元素非线性不行。一个矩阵乘 M 满足 M(x + y) = Mx + My，而 max 不满足。",
                                 "Convolution, fully connected and 1×1 convolution layers, mean pooling and inference-time BN are linear maps, so they are matrix products; max pooling (a selection) and element-wise non-linearities such as ReLU are not. A matrix M satisfies M(x + y) = Mx + My; max does not.") }</p>
            </>
        })
    });
    form.body(&labels, "numeric", out)
}

/// The GEMM against direct convolution, and the two pooling checks.
fn checks((shape, lang): &(Shape, Lang)) -> Html {
    let t = |zh: &'static str, en: &'static str| lang.pick(zh, en);
    // `dims` passed, so `run` does too (the same `check`); an error is
    // still shown rather than dropped.
    let o = match run(shape) {
        Ok(o) => o,
        Err(e) => return html! { <p class="field-error">{ super::text::message(&e, *lang) }</p> },
    };
    html! {
        <dl class="results">
            <dt>{ t("矩阵乘与直接卷积的最大差", "Max difference, GEMM vs direct convolution") }</dt>
            <dd data-testid="conv-diff">{ fmt_num(o.conv_diff) }</dd>
            <dt>{ t("均值池化作为权重 1/k² 的卷积，与直接求平均的最大差", "Mean pooling as a convolution with weights 1/k² vs the direct average: max difference") }</dt>
            <dd data-testid="pool-diff">{ fmt_num(o.pool_diff) }</dd>
            <dt>{ t("最大池化不是线性的：max(x + y) 与 max x + max y", "Max pooling is not linear: max(x + y) vs max x + max y") }</dt>
            <dd data-testid="max-counterexample">{ format!("{} {}", fmt_num(o.max_counterexample.0), fmt_num(o.max_counterexample.1)) }</dd>
        </dl>
    }
}
