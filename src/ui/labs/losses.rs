//! `lab/losses?w=-1.5&x=2&b=0.5&y=1&zmin=-8&zmax=8`: MSE vs cross-entropy
//! gradients through a sigmoid, checked numerically, and plotted over z.

use yew::prelude::*;

use super::text::lab_strings;
use super::{use_lab_inputs, LabProps};
use crate::i18n::Lang;
use ail_labs::fmt_num;
use ail_labs::losses::{curve, gradients, Inputs};

#[function_component(LossesLab)]
pub fn losses_lab(p: &LabProps) -> Html {
    let lang = p.lang;
    let s = lab_strings(lang);
    let mut form = use_lab_inputs::<Inputs>(p);
    let out = form.show(|Inputs { point, zmin, zmax }| {
        let (g, c) = (gradients(&point)?, curve(point.y, zmin, zmax, 161)?);
        Ok(html! {
            <>
            <dl class="results">
                <dt>{ "z = wx + b" }</dt><dd>{ fmt_num(g.z) }</dd>
                <dt>{ "s = σ(z) = 1 / (1 + e^(−z))" }</dt><dd data-testid="sigmoid">{ fmt_num(g.s) }</dd>
                <dt>{ s.mse_loss_cross_entropy }</dt><dd>{ format!("{} / {}", fmt_num(g.mse), fmt_num(g.ce)) }</dd>
                <dt>{ "∂MSE/∂w = −2(y − s)·s(1 − s)·x" }</dt><dd data-testid="grad-mse">{ fmt_num(g.grad_mse) }</dd>
                <dt>{ s.numerical_gradient_central_difference }</dt><dd data-testid="num-grad-mse">{ fmt_num(g.num_grad_mse) }</dd>
                <dt>{ "∂CE/∂w = (s − y)·x" }</dt><dd data-testid="grad-ce">{ fmt_num(g.grad_ce) }</dd>
                <dt>{ s.numerical_gradient_central_difference }</dt><dd data-testid="num-grad-ce">{ fmt_num(g.num_grad_ce) }</dd>
            </dl>
            { plot(&c, g.z, zmin, zmax, lang) }
            <p class="note">{ s.mse_s_gradient_carries }</p>
            </>
        })
    });
    let labels = [
        s.weight_w,
        s.input_x,
        s.bias_b,
        s.target_y_0_to,
        s.plot_z_from,
        s.plot_z_to,
    ];
    form.body(&labels, "decimal", out)
}

fn plot(c: &[(f64, f64, f64)], z: f64, zmin: f64, zmax: f64, lang: Lang) -> Html {
    let (w, h) = (320.0, 160.0);
    let ymax = c.iter().fold(1e-12f64, |m, p| m.max(p.1).max(p.2));
    let px = |zz: f64| (zz - zmin) / (zmax - zmin) * w;
    let py = |v: f64| h - v / ymax * (h - 10.0);
    let line = |f: fn(&(f64, f64, f64)) -> f64| {
        c.iter()
            .map(|p| format!("{:.2},{:.2}", px(p.0), py(f(p))))
            .collect::<Vec<_>>()
            .join(" ")
    };
    html! {
        <figure class="loss-plot">
            <svg viewBox={format!("0 0 {w} {h}")} role="img" aria-label={lab_strings(lang).l_z_against_z}>
                <polyline class="ce" points={line(|p| p.2)} />
                <polyline class="mse" points={line(|p| p.1)} />
                if z >= zmin && z <= zmax {
                    <line class="now" x1={px(z).to_string()} x2={px(z).to_string()} y1="0" y2={h.to_string()} />
                }
            </svg>
            <figcaption><span class="k-ce">{ "— CE |s − y|" }</span>{ "  " }<span class="k-mse">{ "— MSE |2(y − s)s(1 − s)|" }</span></figcaption>
        </figure>
    }
}
