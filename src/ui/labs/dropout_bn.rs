//! `lab/dropout-bn?x=1,2,3,4&p=0.5&trials=10000&seed=1&batch=1,2,3,6&gamma=2&beta=0.5&eps=1e-5&momentum=0.1`

use yew::prelude::*;

use super::text::lab_strings;
use super::{use_lab_inputs, LabProps, Settled};
use crate::i18n::Lang;
use ail_labs::dropout_bn::{
    batch_norm, dropout_mc, dropout_sample, BatchNormInputs, DropoutInputs,
};
use ail_labs::{fmt_list, fmt_num};

#[function_component(DropoutBnLab)]
pub fn dropout_bn_lab(p: &LabProps) -> Html {
    let lang = p.lang;
    let s = lab_strings(lang);
    // Two forms: each half computes whenever its own fields are good.
    let mut drop_form = use_lab_inputs::<DropoutInputs>(p);
    let mut bn_form = use_lab_inputs::<BatchNormInputs>(p);
    let dropout = match drop_form.inputs.take() {
        Some(DropoutInputs {
            x,
            p: pp,
            trials: tr,
            seed: sd,
        }) => {
            // The first trial follows every edit; the mean over all trials
            // (up to 100,000 of them) follows a drag once it pauses.
            match dropout_sample(&x, pp, tr, sd) {
                Ok(d) => html! {
                    <dl class="results">
                        <dt>{ s.one_sampled_mask_1 }</dt>
                        <dd>{ d.mask.iter().map(|k| if *k { "1" } else { "0" }).collect::<Vec<_>>().join(" ") }</dd>
                        <dt>{ s.its_output_kept_values }</dt>
                        <dd>{ fmt_list(&d.out) }</dd>
                        <Settled<McInput> value={McInput { x: x.clone(), p: pp, trials: tr, seed: sd, lang }} view={mc_mean as fn(&McInput) -> Html} />
                    </dl>
                },
                Err(e) => {
                    drop_form.errors.push(e);
                    html! {}
                }
            }
        }
        None => html! {},
    };
    let bn = match bn_form.inputs.take() {
        Some(i) => match batch_norm(&i.batch, i.gamma, i.beta, i.eps, i.momentum) {
            Ok(r) => html! {
                <dl class="results">
                    <dt>{ s.batch_mean_biased_variance }</dt><dd>{ format!("{} / {}", fmt_num(r.mean), fmt_num(r.var)) }</dd>
                    <dt>{ s.training_output_this_batch }</dt><dd data-testid="bn-train">{ fmt_list(&r.train_out) }</dd>
                    <dt>{ s.running_mean_running_var }</dt>
                    <dd data-testid="bn-running">{ r.running.map(|(a, b)| format!("{} {}", fmt_num(a), fmt_num(b))).unwrap_or_else(|| s.batch_one_unbiased_variance.into()) }</dd>
                    <dt>{ s.inference_output_running_statistics }</dt>
                    <dd data-testid="bn-infer">{ r.infer_out.map(|v| fmt_list(&v)).unwrap_or_else(|| "—".into()) }</dd>
                </dl>
            },
            Err(e) => {
                bn_form.errors.push(e);
                html! {}
            }
        },
        None => html! {},
    };
    html! {
        <div class="lab-body">
            <h2>{ s.inverted_dropout_what_pytorch }</h2>
            { drop_form.field("x", s.activations_x) }
            { drop_form.field("p", s.drop_probability_p) }
            { drop_form.field("trials", s.monte_carlo_trials) }
            { drop_form.field("seed", s.seed) }
            { dropout }
            <p class="note">{ s.in_training_kept_values }</p>
            <h2>{ s.batch_norm_training_vs }</h2>
            { bn_form.field("batch", s.one_channel_s_batch) }
            { bn_form.field("gamma", "γ") }
            { bn_form.field("beta", "β") }
            { bn_form.field("eps", "ε") }
            { bn_form.field("momentum", "momentum") }
            { bn }
            <p class="note">{ s.with_batch_one_x }</p>
        </div>
    }
}

/// What the Monte Carlo mean depends on.
#[derive(Clone, PartialEq)]
struct McInput {
    x: Vec<f64>,
    p: f64,
    trials: u32,
    seed: u64,
    lang: Lang,
}

/// The mean output over all trials (a `<div>` of a `<dt>` and a `<dd>`, as
/// a `<dl>` allows). The inputs were checked by `dropout_sample` already.
fn mc_mean(m: &McInput) -> Html {
    let Ok(mc) = dropout_mc(&m.x, m.p, m.trials, m.seed) else {
        return html! {};
    };
    html! {
        <>
        <dt>{ lab_strings(m.lang).mean_output_over_all }</dt>
        <dd data-testid="dropout-mean">{ fmt_list(&mc.mean) }</dd>
        </>
    }
}
