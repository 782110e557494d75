//! `lab/dropout-bn?x=1,2,3,4&p=0.5&trials=10000&seed=1&batch=1,2,3,6&gamma=2&beta=0.5&eps=1e-5&momentum=0.1`

use yew::prelude::*;

use super::{use_lab_inputs, LabProps, Settled};
use crate::i18n::Lang;
use ail_labs::dropout_bn::{
    batch_norm, dropout_mc, dropout_sample, BatchNormInputs, DropoutInputs,
};
use ail_labs::{fmt_list, fmt_num};

#[function_component(DropoutBnLab)]
pub fn dropout_bn_lab(p: &LabProps) -> Html {
    let lang = p.lang;
    let t = |zh: &'static str, en: &'static str| lang.pick(zh, en);
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
                Ok(s) => html! {
                    <dl class="results">
                        <dt>{ t("一次采样的掩码（1 = 保留）", "One sampled mask (1 = kept)") }</dt>
                        <dd>{ s.mask.iter().map(|k| if *k { "1" } else { "0" }).collect::<Vec<_>>().join(" ") }</dd>
                        <dt>{ t("这次的输出（保留的值除以 1 − p）", "Its output (kept values divided by 1 − p)") }</dt>
                        <dd>{ fmt_list(&s.out) }</dd>
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
                    <dt>{ t("batch 均值 / 有偏方差", "Batch mean / biased variance") }</dt><dd>{ format!("{} / {}", fmt_num(r.mean), fmt_num(r.var)) }</dd>
                    <dt>{ t("训练模式输出（用本 batch 的统计量）", "Training output (this batch's statistics)") }</dt><dd data-testid="bn-train">{ fmt_list(&r.train_out) }</dd>
                    <dt>{ t("一步之后的 running_mean running_var（从 0、1 开始，方差无偏）", "running_mean running_var after one step (from 0 and 1; unbiased variance)") }</dt>
                    <dd data-testid="bn-running">{ r.running.map(|(a, b)| format!("{} {}", fmt_num(a), fmt_num(b))).unwrap_or_else(|| t("batch 只有 1 个样本：无偏方差无定义（PyTorch 训练时会报错）", "batch of one: the unbiased variance is undefined (PyTorch raises an error in training)").into()) }</dd>
                    <dt>{ t("推理模式输出（用 running 统计量）", "Inference output (running statistics)") }</dt>
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
            <h2>{ t("Inverted dropout（PyTorch 的做法）", "Inverted dropout (what PyTorch does)") }</h2>
            { drop_form.field("x", t("激活值 x", "Activations x")) }
            { drop_form.field("p", t("丢弃概率 p", "Drop probability p")) }
            { drop_form.field("trials", t("蒙特卡洛试验次数", "Monte Carlo trials")) }
            { drop_form.field("seed", t("随机种子", "Seed")) }
            { dropout }
            <p class="note">{ t("训练时保留的值除以 1 − p，所以期望不变；推理时什么都不做。不做缩放的原始 dropout 则要在推理时乘以保留概率 1 − p。",
                                "In training kept values are divided by 1 − p, so the expectation is unchanged; at inference nothing is done. Non-inverted dropout instead multiplies by the keep probability 1 − p at inference.") }</p>
            <h2>{ t("Batch Norm：训练 vs 推理", "Batch norm: training vs inference") }</h2>
            { bn_form.field("batch", t("一个通道的 batch", "One channel's batch")) }
            { bn_form.field("gamma", "γ") }
            { bn_form.field("beta", "β") }
            { bn_form.field("eps", "ε") }
            { bn_form.field("momentum", "momentum") }
            { bn }
            <p class="note">{ t("batch 只有 1 个样本时，x − μ = 0，所有输出都等于 β：网络什么也学不到。这时用 GroupNorm/LayerNorm，或冻结 BN。",
                                "With a batch of one, x − μ = 0 and every output equals β: nothing can be learned. Use GroupNorm/LayerNorm, or freeze BN.") }</p>
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
        <dt>{ m.lang.pick("所有试验的平均输出（应接近 x）", "Mean output over all trials (close to x)") }</dt>
        <dd data-testid="dropout-mean">{ fmt_list(&mc.mean) }</dd>
        </>
    }
}
