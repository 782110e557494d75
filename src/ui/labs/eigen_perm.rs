//! `lab/eigen-perm?s=<rows;...>&perm=3,1,0,2`: S = Q L Qᵀ, a permuted L,
//! and the matching permutation of Q's columns.

use yew::prelude::*;

use super::text::lab_strings;
use super::{use_lab_inputs, LabProps, Settled};
use crate::i18n::Lang;
use ail_labs::eigen_perm::{permute, Inputs, Matrix};
use ail_labs::{fmt_list, fmt_num};

/// A matrix as a table, entries to 4 decimals (the exact values are in the test ids and the URL).
fn matrix_table(m: &Matrix, header: Option<&[usize]>, caption: &str) -> Html {
    html! {
        <div class="table-wrap" tabindex="0">
            <table class="matrix">
                <caption>{ caption.to_string() }</caption>
                if let Some(h) = header {
                    <thead><tr>{ for h.iter().map(|c| html! { <th scope="col">{ format!("q{c}") }</th> }) }</tr></thead>
                }
                <tbody>{ for m.iter().map(|row| html! {
                    <tr>{ for row.iter().map(|v| html! { <td>{ format!("{:.4}", v) }</td> }) }</tr>
                }) }</tbody>
            </table>
        </div>
    }
}

/// What the Q and Q' tables show.
#[derive(Clone, PartialEq)]
struct QTables {
    q: Matrix,
    permuted_q: Matrix,
    perm: Vec<usize>,
    lang: Lang,
}

fn q_tables(v: &QTables) -> Html {
    let s = lab_strings(v.lang);
    html! {
        <>
        { matrix_table(&v.q, Some(&(0..v.q.len()).collect::<Vec<_>>()), s.q_column_j_is) }
        { matrix_table(&v.permuted_q, Some(&v.perm), s.q_columns_reordered_by) }
        </>
    }
}

#[function_component(EigenPermLab)]
pub fn eigen_perm_lab(p: &LabProps) -> Html {
    let lang = p.lang;
    let mut form = use_lab_inputs::<Inputs>(p);
    let result = form.compute(|Inputs { s, perm }| permute(&s, &perm).map(|r| (perm, r)));
    let s = lab_strings(lang);
    html! {
        <div class="lab-body">
            <p>{ s.enter_symmetric_matrix_rows }</p>
            { form.field("s", s.symmetric_matrix_s) }
            { form.field("perm", s.new_order_l_perm) }
            if let Some((perm, r)) = result {
                <dl class="results">
                    <dt>{ s.eigenvalues_l0_l_n }</dt>
                    <dd data-testid="eigenvalues">{ fmt_list(&r.eigen.values) }</dd>
                    <dt>{ s.diagonal_l }</dt>
                    <dd data-testid="permuted-values">{ fmt_list(&r.permuted_values) }</dd>
                    <dt>{ s.q_column_k_comes }</dt>
                    <dd data-testid="q-columns">{ perm.iter().map(|k| k.to_string()).collect::<Vec<_>>().join(" ") }</dd>
                    <dt>{ s.reconstruction_error_max_q }</dt>
                    <dd data-testid="residual">{ fmt_num(r.residual) }</dd>
                    <dt>{ s.if_q_is_left }</dt>
                    <dd data-testid="residual-unpermuted">{ fmt_num(r.residual_unpermuted_q) }</dd>
                    <dt>{ s.if_q_s_rows }</dt>
                    <dd data-testid="residual-rows">{ fmt_num(r.residual_rows_permuted) }</dd>
                </dl>
                <p class="note">{ s.why_s_l_q }</p>
                // The matrices follow a drag once it pauses.
                <Settled<QTables> value={QTables { q: r.eigen.q, permuted_q: r.permuted_q, perm, lang }} view={q_tables as fn(&QTables) -> Html} />
            }
        </div>
    }
}
