//! `lab/dist-matmul?n=8&mem=1|0.875&seed=1`: a 2×2 block Cannon scheme on
//! four machines, with every machine's memory at every step.

use yew::prelude::*;

use super::text::lab_strings;
use super::{use_lab_inputs, LabProps, Settled};
use crate::i18n::Lang;
use ail_labs::dist_matmul::{simulate, Inputs, Run};
use ail_labs::fmt_num;

#[function_component(DistMatmulLab)]
pub fn dist_matmul_lab(p: &LabProps) -> Html {
    let lang = p.lang;
    let s = lab_strings(lang);
    let mut form = use_lab_inputs::<Inputs>(p);
    let run = form.compute(|i| simulate(i.n, i.budget_eighths, i.seed));
    let body = run.map(|r| {
        let n2 = (r.n * r.n) as f64;
        html! {
            <>
            <dl class="results">
                <dt>{ s.peak_memory_per_machine }</dt><dd data-testid="peak">{ fmt_num(r.peak as f64 / n2) }</dd>
                <dt>{ s.budget_n }</dt><dd data-testid="budget">{ fmt_num(r.budget as f64 / n2) }</dd>
                <dt>{ s.numbers_sent_per_machine }</dt><dd data-testid="sent">{ fmt_num(r.sent as f64 / n2) }</dd>
                <dt>{ s.max_error_against_direct }</dt><dd data-testid="max-error">{ fmt_num(r.max_error) }</dd>
            </dl>
            // The table of steps follows a drag once it pauses.
            <Settled<(Run, Lang)> value={(r, lang)} view={steps_table as fn(&(Run, Lang)) -> Html} />
            </>
        }
    });
    html! {
        <div class="lab-body">
            <p>{ s.each_machine_holds_one }</p>
            { form.input("n", "N", "numeric") }
            { form.input("mem", s.memory_per_machine_times, "decimal") }
            { form.input("seed", s.seed_for_random_matrices, "numeric") }
            { body.unwrap_or_default() }
        </div>
    }
}

/// Each machine's memory at each step, the peak rows marked.
fn steps_table(v: &(Run, Lang)) -> Html {
    let (r, lang) = (&v.0, v.1);
    let s = lab_strings(lang);
    html! {
        <div class="table-wrap" tabindex="0">
            <table class="steps">
                <caption>{ s.memory_in_use_on }</caption>
                <thead><tr><th>{ s.step }</th><th>{ "(0,0)" }</th><th>{ "(0,1)" }</th><th>{ "(1,0)" }</th><th>{ "(1,1)" }</th></tr></thead>
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
