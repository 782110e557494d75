//! `lab/conv-matmul?c=2&h=5&w=5&k=3&stride=1&pad=1&cout=2&seed=1`: im2col
//! with one GEMM equals direct convolution; mean pooling is a convolution;
//! max pooling is not linear.

use yew::prelude::*;

use super::text::lab_strings;
use super::{use_lab_inputs, LabProps, Settled};
use crate::i18n::Lang;
use ail_labs::conv_matmul::{dims, run, Shape};
use ail_labs::fmt_num;

#[function_component(ConvMatmulLab)]
pub fn conv_matmul_lab(p: &LabProps) -> Html {
    let lang = p.lang;
    let s = lab_strings(lang);
    let mut form = use_lab_inputs::<Shape>(p);
    let labels = [
        "C_in", "H", "W", s.kernel_k, s.stride, "padding", "C_out", s.seed,
    ];
    let out = form.show(|shape| {
        // The shapes show at once; the GEMM and its checks, the lab's whole
        // cost (about 600,000 multiply-adds each at 8×32×32), follow a drag
        // once it pauses.
        let d = dims(&shape)?;
        Ok(html! {
            <>
            <dl class="results">
                <dt>{ s.output_shape_c_out }</dt>
                <dd data-testid="out-shape">{ format!("{} {} {}", d.out.0, d.out.1, d.out.2) }</dd>
                <dt>{ s.im2col_matrix_rows_c }</dt>
                <dd data-testid="im2col-shape">{ format!("{} {}", d.im2col.0, d.im2col.1) }</dd>
                <dt>{ s.weight_matrix_c_out }</dt>
                <dd>{ format!("{} × {}", d.out.0, d.im2col.0) }</dd>
            </dl>
            <Settled<(Shape, Lang)> value={(shape, lang)} view={checks as fn(&(Shape, Lang)) -> Html} />
            <p class="note">{ s.convolution_fully_connected_and }</p>
            </>
        })
    });
    form.body(&labels, "numeric", out)
}

/// The GEMM against direct convolution, and the two pooling checks.
fn checks((shape, lang): &(Shape, Lang)) -> Html {
    let s = lab_strings(*lang);
    // `dims` passed, so `run` does too (the same `check`); an error is
    // still shown rather than dropped.
    let o = match run(shape) {
        Ok(o) => o,
        Err(e) => return html! { <p class="field-error">{ super::text::message(&e, *lang) }</p> },
    };
    html! {
        <dl class="results">
            <dt>{ s.max_difference_gemm_vs }</dt>
            <dd data-testid="conv-diff">{ fmt_num(o.conv_diff) }</dd>
            <dt>{ s.mean_pooling_as_convolution }</dt>
            <dd data-testid="pool-diff">{ fmt_num(o.pool_diff) }</dd>
            <dt>{ s.max_pooling_is_not }</dt>
            <dd data-testid="max-counterexample">{ format!("{} {}", fmt_num(o.max_counterexample.0), fmt_num(o.max_counterexample.1)) }</dd>
        </dl>
    }
}
