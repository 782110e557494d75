//! `lab/optimizers?f=quad|rosen&lr=0.03&steps=200&x0=-4,1&mu=0.9&b1=0.9&b2=0.999&params=7e9`:
//! SGD, Momentum and Adam paths, and the memory each optimizer keeps.

use yew::prelude::*;

use super::svg::push_polyline;
use super::text::lab_strings;
use super::{use_lab_inputs, LabProps};
use crate::i18n::Lang;
use ail_labs::optimizers::{bytes_per_param, run, Inputs, Optimizer, ParamCount, Path, Surface};
use ail_labs::query::Query;
use ail_labs::{fmt_list, fmt_num};

#[function_component(OptimizersLab)]
pub fn optimizers_lab(p: &LabProps) -> Html {
    let lang = p.lang;
    let s = lab_strings(lang);
    // Three forms: a bad surface or parameter count leaves the paths drawn.
    let surface_form = use_lab_inputs::<Surface>(p);
    let mut form = use_lab_inputs::<Inputs>(p);
    let params_form = use_lab_inputs::<ParamCount>(p);
    let mut paths: Vec<(&str, &str, Path)> = Vec::new();
    if let Some(Inputs {
        surface,
        lr,
        steps,
        x0,
        mu,
        b1,
        b2,
    }) = form.inputs.take()
    {
        for (name, class, opt) in [
            ("SGD", "sgd", Optimizer::Sgd),
            ("Momentum", "momentum", Optimizer::Momentum { mu }),
            (
                "Adam",
                "adam",
                Optimizer::Adam {
                    beta1: b1,
                    beta2: b2,
                },
            ),
        ] {
            match run(surface, opt, lr, steps, x0) {
                Ok(path) => paths.push((name, class, path)),
                Err(e) => {
                    if form.error(&e.field).is_none() {
                        form.errors.push(e);
                    }
                }
            }
        }
    }
    let surface = surface_form.inputs.unwrap_or(Surface::Quadratic);
    let results = if paths.len() == 3 {
        html! {
            <>
            <dl class="results">
                { for paths.iter().map(|(name, class, path)| html! {
                    <>
                    <dt>{ format!("{name}: {}", s.final_point_x_y) }</dt>
                    <dd>
                        <span data-testid={format!("final-{class}")}>{ fmt_list(&path.end) }</span>
                        { format!(" ({})", fmt_num(path.loss)) }
                        { for path.diverged_at.map(|k| html! { <strong class="diverged">{ format!(" — {} {k}", s.diverged_at_step) }</strong> }) }
                    </dd>
                    </>
                }) }
            </dl>
            { plot(surface, &paths, lang) }
            </>
        }
    } else {
        html! {}
    };
    let memory = params_form.inputs.filter(|p| p.0 >= 0.0).map(|ParamCount(n)| {
        let row = |name: &str, opt: Optimizer| {
            let (state, fp32, mixed) = bytes_per_param(opt);
            html! { <tr><th scope="row">{ name.to_string() }</th><td>{ state }</td><td>{ fp32 }</td><td data-testid={(name == "Adam").then_some("adam-bytes-per-param")}>{ mixed }</td><td>{ fmt_num(n * mixed as f64 / 1e9) }</td></tr> }
        };
        html! {
            <div class="table-wrap" tabindex="0">
                <table class="steps">
                    <caption>{ s.bytes_per_parameter_fp32 }</caption>
                    <thead><tr><th></th><th>{ s.state }</th><th>{ s.fp32_training_total }</th><th>{ s.mixed_precision_total }</th><th>{ s.mixed_precision_gb }</th></tr></thead>
                    <tbody>{ row("SGD", Optimizer::Sgd) }{ row("Momentum", Optimizer::Momentum { mu: 0.9 }) }{ row("Adam", Optimizer::Adam { beta1: 0.9, beta2: 0.999 }) }</tbody>
                </table>
                <p class="note">{ s.adam_keeps_two_fp32 }
                    </p>
            </div>
        }
    });
    let surface_select = {
        let cb = p.on_change.clone();
        let q = form.query().clone();
        let onchange = Callback::from(move |e: Event| {
            let v = e
                .target_unchecked_into::<web_sys::HtmlSelectElement>()
                .value();
            // A new surface starts from its own defaults.
            let mut fresh = Query::default().with("f", &v);
            if let Some(pp) = q.get("params") {
                fresh.set("params", pp);
            }
            cb.emit(fresh.to_query_string());
        });
        html! {
            <div class="field">
                <label for="lab-f">{ s.loss_surface }</label>
                <select id="lab-f" data-field="f" {onchange}>
                    <option value="quad" selected={surface == Surface::Quadratic}>{ s.ill_conditioned_quadratic_x }</option>
                    <option value="rosen" selected={surface == Surface::Rosenbrock}>{ "Rosenbrock (1 − x)² + 100(y − x²)²" }</option>
                </select>
                { for surface_form.error("f").map(|e| html! { <p class="field-error">{ super::text::message(&e, lang) }</p> }) }
            </div>
        }
    };
    html! {
        <div class="lab-body">
            { surface_select }
            { form.input("lr", s.learning_rate, "decimal") }
            { form.input("steps", s.steps_up_to_10, "numeric") }
            { form.input("x0", s.start_x_y, "text") }
            { form.input("mu", "Momentum μ", "decimal") }
            { form.input("b1", "Adam β1", "decimal") }
            { form.input("b2", "Adam β2", "decimal") }
            { results }
            { params_form.input("params", s.number_parameters, "decimal") }
            { memory.unwrap_or_default() }
        </div>
    }
}

/// The plot's coordinates: the view is `0 0 PLOT PLOT`, and points are
/// written to a tenth of a unit (far below a pixel), which is quicker to
/// format on every edit of a drag than data coordinates to 5 decimals.
const PLOT: f64 = 1000.0;

fn plot(surface: Surface, paths: &[(&str, &str, Path)], lang: Lang) -> Html {
    let min = surface.minimum();
    let (mut x0, mut x1, mut y0, mut y1) = (min[0], min[0], min[1], min[1]);
    for (_, _, p) in paths {
        for q in &p.drawn {
            x0 = x0.min(q[0]).max(-10.0);
            x1 = x1.max(q[0]).min(10.0);
            y0 = y0.min(q[1]).max(-10.0);
            y1 = y1.max(q[1]).min(10.0);
        }
    }
    let span = (x1 - x0).max(y1 - y0).max(0.5) * 1.15;
    let (cx, cy) = ((x0 + x1) / 2.0, (y0 + y1) / 2.0);
    let k = PLOT / span;
    // Data to view: x to the right, y up.
    let px = |x: f64| (x - cx) * k + PLOT / 2.0;
    let py = |y: f64| (cy - y) * k + PLOT / 2.0;
    // The drawing is at most about 600 px wide, so 1.5 units of 1000 are
    // under a pixel.
    let points = |pts: &mut dyn Iterator<Item = [f64; 2]>| {
        let mut out = String::new();
        push_polyline(&mut out, pts.map(|q| [px(q[0]), py(q[1])]), 1.5);
        out
    };
    let stroke = PLOT / 200.0;
    let guide = match surface {
        Surface::Quadratic => html! { <>{ for [0.5, 2.0, 8.0].iter().map(|c: &f64| html! {
            <ellipse cx={px(0.0).to_string()} cy={py(0.0).to_string()} rx={((2.0 * c).sqrt() * k).to_string()} ry={((2.0 * c / 25.0).sqrt() * k).to_string()} class="level" stroke-width={stroke.to_string()} />
        }) }</> },
        Surface::Rosenbrock => {
            let vx = cx - span / 2.0;
            let pts = points(
                &mut (0..=60)
                    .map(|i| vx + span * i as f64 / 60.0)
                    .map(|x| [x, x * x]),
            );
            html! { <polyline class="level" points={pts} stroke-width={stroke.to_string()} /> }
        }
    };
    html! {
        <figure class="opt-plot">
            <svg viewBox={format!("0 0 {PLOT} {PLOT}")} role="img"
                aria-label={lab_strings(lang).paths_three_optimizers_on}>
                { guide }
                { for paths.iter().map(|(_, class, p)| html! {
                    <polyline class={format!("path {class}")} points={points(&mut p.drawn.iter().copied())} stroke-width={(stroke * 2.0).to_string()} />
                }) }
                <circle cx={px(min[0]).to_string()} cy={py(min[1]).to_string()} r={(stroke * 4.0).to_string()} class="min" />
            </svg>
            <figcaption><span class="k-sgd">{ "— SGD " }</span><span class="k-momentum">{ "— Momentum " }</span><span class="k-adam">{ "— Adam" }</span></figcaption>
        </figure>
    }
}
