//! `lab/mixed-precision?w=1&lr=0.001&g=0.1&steps=1000&gsmall=1e-8&scale=1024`:
//! fp16-only vs fp32 master weights vs fp32, and loss scaling.

use yew::prelude::*;

use super::text::lab_strings;
use super::{use_lab_inputs, LabProps};
use ail_labs::fmt_num;
use ail_labs::mixed_precision::{run, Params};

#[function_component(MixedPrecisionLab)]
pub fn mixed_precision_lab(p: &LabProps) -> Html {
    let lang = p.lang;
    let s = lab_strings(lang);
    let mut form = use_lab_inputs::<Params>(p);
    let out = form.show(|params| {
        let o = run(&params)?;
        Ok(html! {
            <>
            <dl class="results">
                <dt>{ s.fp16_only_final_w }</dt><dd data-testid="w-fp16">{ fmt_num(o.w_fp16) }</dd>
                <dt>{ s.step_at_which_fp16 }</dt>
                <dd data-testid="stall-step">{ o.stall_step.map(|s| s.to_string()).unwrap_or_else(|| s.never.into()) }</dd>
                <dt>{ s.b_fp16_update_fp32 }</dt><dd data-testid="w-master">{ fmt_num(o.w_master) }</dd>
                <dt>{ s.c_fp32_only_final }</dt><dd data-testid="w-fp32">{ fmt_num(o.w_fp32) }</dd>
                <dt>{ s.exact_w_n_lr }</dt><dd data-testid="w-exact">{ fmt_num(o.w_exact) }</dd>
                <dt>{ s.small_gradient_cast_to }</dt><dd data-testid="g-fp16">{ fmt_num(o.g_fp16) }</dd>
                <dt>{ s.multiplied_by_scale_cast }</dt><dd data-testid="g-scaled">{ fmt_num(o.g_scaled) }</dd>
            </dl>
            <h2>{ s.which_steps_must_stay }</h2>
            <ul>
                <li>{ s.master_weights_and_update }</li>
                <li>{ s.optimizer_states_adam_s }</li>
                <li>{ s.loss_and_softmax_log }</li>
                <li>{ s.reductions_and_accumulations_matmul }</li>
                <li>{ s.loss_scaling_keeps_small }</li>
            </ul>
            </>
        })
    });
    let labels = [
        s.initial_weight_w,
        s.learning_rate_lr,
        s.gradient_g,
        s.steps_n,
        s.tiny_gradient,
        s.loss_scale,
    ];
    html! {
        <div class="lab-body">
            <p>{ s.each_step_does_w }</p>
            { form.fields(&labels, "decimal") }
            { out }
        </div>
    }
}
