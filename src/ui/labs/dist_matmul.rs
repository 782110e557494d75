//! `lab/dist-matmul?n=8&mem=1|0.875&seed=1`: a 2×2 block Cannon scheme on
//! four machines, with every machine's memory at every step.

use yew::prelude::*;

use super::{use_lab_inputs, LabProps, Settled};
use crate::i18n::Lang;
use ail_labs::dist_matmul::{simulate, Inputs, Run};
use ail_labs::fmt_num;

#[function_component(DistMatmulLab)]
pub fn dist_matmul_lab(p: &LabProps) -> Html {
    let lang = p.lang;
    let t = |zh: &'static str, en: &'static str| lang.pick(zh, en);
    let mut form = use_lab_inputs::<Inputs>(p);
    let run = form.compute(|i| simulate(i.n, i.budget_eighths, i.seed));
    let body = run.map(|r| {
        let n2 = (r.n * r.n) as f64;
        html! {
            <>
            <dl class="results">
                <dt>{ t("每台机器的峰值内存 / N²", "Peak memory per machine / N²") }</dt><dd data-testid="peak">{ fmt_num(r.peak as f64 / n2) }</dd>
                <dt>{ t("预算 / N²", "Budget / N²") }</dt><dd data-testid="budget">{ fmt_num(r.budget as f64 / n2) }</dd>
                <dt>{ t("每台机器发送的数据量 / N²", "Numbers sent per machine / N²") }</dt><dd data-testid="sent">{ fmt_num(r.sent as f64 / n2) }</dd>
                <dt>{ t("与直接矩阵乘的最大误差", "Max error against the direct product") }</dt><dd data-testid="max-error">{ fmt_num(r.max_error) }</dd>
            </dl>
            // The table of steps follows a drag once it pauses.
            <Settled<(Run, Lang)> value={(r, lang)} view={steps_table as fn(&(Run, Lang)) -> Html} />
            </>
        }
    });
    html! {
        <div class="lab-body">
            <p>{ t("四台机器各放 A、B 的一个块（N/2 × N/2），机器 (i,j) 负责 C_ij。先算一次乘积，再与邻居交换 A、B 的块，再算一次。常驻 3 个块 = 3/4 N²；交换需要接收缓冲：整块（峰值 N²）或分成半块（峰值 7/8 N²）。",
                   "Each machine holds one block (N/2 × N/2) of A and of B, and machine (i,j) owns C_ij. Multiply once, swap the A and B blocks with neighbours, multiply again. Three resident blocks are 3/4 N²; the swap needs a receive buffer: a whole block (peak N²) or half a block at a time (peak 7/8 N²).") }</p>
            { form.input("n", "N", "numeric") }
            { form.input("mem", t("每台机器的内存（N² 的倍数：1 或 0.875）", "Memory per machine (times N²: 1 or 0.875)"), "decimal") }
            { form.input("seed", t("随机矩阵的种子", "Seed for the random matrices"), "numeric") }
            { body.unwrap_or_default() }
        </div>
    }
}

/// Each machine's memory at each step, the peak rows marked.
fn steps_table(v: &(Run, Lang)) -> Html {
    let (r, lang) = (&v.0, v.1);
    let t = |zh: &'static str, en: &'static str| lang.pick(zh, en);
    html! {
        <div class="table-wrap" tabindex="0">
            <table class="steps">
                <caption>{ t("每一步各机器占用的内存（单位：数）", "Memory in use on each machine at each step (numbers)") }</caption>
                <thead><tr><th>{ t("步骤", "Step") }</th><th>{ "(0,0)" }</th><th>{ "(0,1)" }</th><th>{ "(1,0)" }</th><th>{ "(1,1)" }</th></tr></thead>
                <tbody>{ for r.steps.iter().map(|s| html! {
                    <tr class={if s.memory.contains(&r.peak) { "peak" } else { "" }}>
                        <th scope="row">{ super::text::action(s.action, lang) }</th>
                        { for s.memory.iter().map(|w| html! { <td>{ w }</td> }) }
                    </tr>
                }) }</tbody>
            </table>
        </div>
    }
}
