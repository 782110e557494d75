//! `lab/eigen-perm?s=<rows;...>&perm=3,1,0,2`: S = Q L Qᵀ, a permuted L,
//! and the matching permutation of Q's columns.

use yew::prelude::*;

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
    let t = |zh: &'static str, en: &'static str| match v.lang {
        Lang::Zh => zh,
        Lang::En => en,
    };
    html! {
        <>
        { matrix_table(&v.q, Some(&(0..v.q.len()).collect::<Vec<_>>()), t("Q（第 j 列是 lj 的特征向量）", "Q (column j is the eigenvector of lj)")) }
        { matrix_table(&v.permuted_q, Some(&v.perm), t("Q'（列按 perm 重排）", "Q' (columns reordered by perm)")) }
        </>
    }
}

#[function_component(EigenPermLab)]
pub fn eigen_perm_lab(p: &LabProps) -> Html {
    let lang = p.lang;
    let mut form = use_lab_inputs::<Inputs>(p);
    let result = form.compute(|Inputs { s, perm }| permute(&s, &perm).map(|r| (perm, r)));
    let t = |zh: &'static str, en: &'static str| lang.pick(zh, en);
    html! {
        <div class="lab-body">
            <p>{ t("输入一个对称矩阵（行用 ; 分隔，元素用 , 分隔，最大 8×8）和 L 对角线的一个新顺序。perm=3,1,0,2 表示 L' = diag(l3, l1, l0, l2)。",
                   "Enter a symmetric matrix (rows separated by ;, entries by ,; up to 8×8) and a new order of L's diagonal. perm=3,1,0,2 means L' = diag(l3, l1, l0, l2).") }</p>
            { form.field("s", t("对称矩阵 S", "Symmetric matrix S")) }
            { form.field("perm", t("L 的新顺序 perm", "New order of L (perm)")) }
            if let Some((perm, r)) = result {
                <dl class="results">
                    <dt>{ t("特征值 l0 … l(n−1)（升序）", "Eigenvalues l0 … l(n−1), ascending") }</dt>
                    <dd data-testid="eigenvalues">{ fmt_list(&r.eigen.values) }</dd>
                    <dt>{ t("L' 的对角线", "Diagonal of L'") }</dt>
                    <dd data-testid="permuted-values">{ fmt_list(&r.permuted_values) }</dd>
                    <dt>{ t("Q' 的第 k 列来自 Q 的第几列", "Q' column k comes from Q column") }</dt>
                    <dd data-testid="q-columns">{ perm.iter().map(|k| k.to_string()).collect::<Vec<_>>().join(" ") }</dd>
                    <dt>{ t("重建误差 max|Q'L'Q'ᵀ − S|", "Reconstruction error max|Q'L'Q'ᵀ − S|") }</dt>
                    <dd data-testid="residual">{ fmt_num(r.residual) }</dd>
                    <dt>{ t("如果 Q 不变：误差", "If Q is left unchanged: error") }</dt>
                    <dd data-testid="residual-unpermuted">{ fmt_num(r.residual_unpermuted_q) }</dd>
                    <dt>{ t("如果改为置换 Q 的行：误差", "If Q's rows are permuted instead: error") }</dt>
                    <dd data-testid="residual-rows">{ fmt_num(r.residual_rows_permuted) }</dd>
                </dl>
                <p class="note">{ t("原因：S = Σⱼ lⱼ qⱼ qⱼᵀ 是秩一项之和，顺序无关；只要特征值和它的特征向量（Q 的列）一起移动，S 就不变。Q' = QP，L' = PᵀLP。",
                                    "Why: S = Σⱼ lⱼ qⱼ qⱼᵀ is a sum of rank-one terms in any order; as long as each eigenvalue moves with its eigenvector (a column of Q), S is unchanged. Q' = QP and L' = PᵀLP.") }</p>
                // The matrices follow a drag once it pauses.
                <Settled<QTables> value={QTables { q: r.eigen.q, permuted_q: r.permuted_q, perm, lang }} view={q_tables as fn(&QTables) -> Html} />
            }
        </div>
    }
}
