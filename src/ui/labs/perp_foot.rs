//! `lab/perp-foot?a=x,y[,z]&b=...&c=...`: the foot of the perpendicular,
//! with draggable points in 2D (mouse, pen or touch: pointer events).

use yew::prelude::*;

use super::text::lab_strings;
use super::{use_lab_inputs, LabProps};
use crate::i18n::Lang;
use ail_labs::perp_foot::{perpendicular_foot, stable_view, Inputs, ViewBox};
use ail_labs::query::Query;
use ail_labs::{fmt_list, fmt_num};

/// Rounds a dragged coordinate to a readable number of decimals for the URL.
fn snap(v: f64, span: f64) -> f64 {
    let step = 10f64.powf((span / 100.0).log10().floor());
    (v / step).round() * step
}

#[function_component(PerpFootLab)]
pub fn perp_foot_lab(p: &LabProps) -> Html {
    let lang = p.lang;
    let mut form = use_lab_inputs::<Inputs>(p);
    let result =
        form.compute(|Inputs { a, b, c }| perpendicular_foot(&a, &b, &c).map(|f| (a, b, c, f)));
    let q = form.query().clone();
    let dragging = use_state(|| None::<(usize, ViewBox)>);
    // The view drawn last (see `stable_view`).
    let last_view = use_mut_ref(|| None::<ViewBox>);
    // Yew delegates events to the root, so `current_target` is not the SVG: keep a ref.
    let svg_ref = use_node_ref();

    let s = lab_strings(lang);
    let label = |k: &str| match k {
        "a" => s.point_a,
        "b" => s.point_b,
        _ => s.point_c,
    };
    let fields = ["a", "b", "c"].map(|k| form.field(k, label(k)));

    let results = match &result {
        None => html! {},
        Some((a, b, c, f)) => {
            // The figure is 2D only.
            let figure = (a.len() == 2).then(|| {
                let view = dragging
                    .map(|d| d.1)
                    .unwrap_or_else(|| stable_view(*last_view.borrow(), &[a, b, c, &f.d]));
                *last_view.borrow_mut() = Some(view);
                svg(
                    a,
                    b,
                    c,
                    f,
                    view,
                    dragging.clone(),
                    svg_ref.clone(),
                    &p.on_change,
                    &q,
                    lang,
                )
            });
            html! {
                <>
                <dl class="results">
                    <dt>{ s.foot_d }</dt>
                    <dd data-testid="foot">{ fmt_list(&f.d) }</dd>
                    <dt>{ s.t_on_line }</dt>
                    <dd data-testid="t">{ fmt_num(f.t) }</dd>
                    <dt>{ s.distance_c_d }</dt>
                    <dd data-testid="distance">{ fmt_num(f.distance) }</dd>
                    <dt>{ s.d_on_segment_ab }</dt>
                    <dd data-testid="on-segment">{ f.on_segment.to_string() }</dd>
                    <dt>{ s.report_s_cosine_route }</dt>
                    <dd data-testid="cosine-route">{ f.cosine_route.as_ref().map(|v| fmt_list(v)).unwrap_or_else(|| s.undefined_angle_when_c.into()) }</dd>
                    <dt>{ s.cosine_route_with_ad }</dt>
                    <dd data-testid="cosine-route-unsigned">{ f.cosine_route_unsigned.as_ref().map(|v| fmt_list(v)).unwrap_or_default() }</dd>
                </dl>
                <p class="note">{ s.projection_t_c_b }</p>
                { figure.unwrap_or_default() }
                </>
            }
        }
    };

    html! {
        <div class="lab-body">
            <p>{ s.enter_2d_or_3d }</p>
            { for fields }
            { results }
        </div>
    }
}

#[allow(clippy::too_many_arguments)]
fn svg(
    a: &[f64],
    b: &[f64],
    c: &[f64],
    f: &ail_labs::perp_foot::Foot,
    vb: ViewBox,
    dragging: UseStateHandle<Option<(usize, ViewBox)>>,
    svg_ref: NodeRef,
    on_change: &Callback<String>,
    q: &Query,
    lang: Lang,
) -> Html {
    let (x0, y0, w, h) = vb;
    // Data y grows upwards; SVG y grows downwards.
    let sx = |x: f64| x;
    let sy = |y: f64| 2.0 * y0 + h - y;
    let r = w / 60.0;
    let stroke = w / 300.0;
    let onpointermove = {
        let dragging = dragging.clone();
        let on_change = on_change.clone();
        let q = q.clone();
        let svg_ref = svg_ref.clone();
        Callback::from(move |e: PointerEvent| {
            let Some((i, (x0, y0, w, h))) = *dragging else {
                return;
            };
            let Some(el) = svg_ref.cast::<web_sys::Element>() else {
                return;
            };
            let rect = el.get_bounding_client_rect();
            if rect.width() <= 0.0 || rect.height() <= 0.0 {
                return;
            }
            let x = x0 + (e.client_x() as f64 - rect.left()) / rect.width() * w;
            let y = y0 + h - (e.client_y() as f64 - rect.top()) / rect.height() * h;
            let key = ["a", "b", "c"][i];
            let v = format!("{},{}", fmt_num(snap(x, w)), fmt_num(snap(y, h)));
            on_change.emit(q.with(key, &v).to_query_string());
        })
    };
    let stop = {
        let dragging = dragging.clone();
        Callback::from(move |_: PointerEvent| dragging.set(None))
    };
    let handle = |i: usize, p: &[f64], name: &str, class: &str| {
        let dragging = dragging.clone();
        let svg_ref = svg_ref.clone();
        let onpointerdown = Callback::from(move |e: PointerEvent| {
            e.prevent_default();
            if let Some(svg) = svg_ref.cast::<web_sys::Element>() {
                let _ = svg.set_pointer_capture(e.pointer_id());
            }
            dragging.set(Some((i, vb)));
        });
        html! {
            <g class={classes!("pt", class.to_string())} {onpointerdown}>
                <circle cx={sx(p[0]).to_string()} cy={sy(p[1]).to_string()} r={(r * 4.5).to_string()} class="hit" />
                <circle cx={sx(p[0]).to_string()} cy={sy(p[1]).to_string()} r={r.to_string()} />
                <text x={(sx(p[0]) + r * 1.5).to_string()} y={(sy(p[1]) - r * 1.5).to_string()} font-size={(r * 3.0).to_string()}>{ name.to_string() }</text>
            </g>
        }
    };
    // The line through a and b, extended across the view.
    let u = (b[0] - a[0], b[1] - a[1]);
    let len = (u.0 * u.0 + u.1 * u.1).sqrt();
    let ext = 3.0 * w / len;
    let line = (
        a[0] - ext * u.0,
        a[1] - ext * u.1,
        a[0] + ext * u.0,
        a[1] + ext * u.1,
    );
    html! {
        <svg ref={svg_ref.clone()} class="perp-svg" viewBox={format!("{x0} {y0} {w} {h}")} role="img"
            aria-label={lab_strings(lang).line_through_and_b}
            onpointermove={onpointermove} onpointerup={stop.clone()} onpointercancel={stop}>
            <line class="ab-line" x1={sx(line.0).to_string()} y1={sy(line.1).to_string()} x2={sx(line.2).to_string()} y2={sy(line.3).to_string()} stroke-width={stroke.to_string()} />
            <line class="ab-seg" x1={sx(a[0]).to_string()} y1={sy(a[1]).to_string()} x2={sx(b[0]).to_string()} y2={sy(b[1]).to_string()} stroke-width={(stroke * 3.0).to_string()} />
            <line class="cd" x1={sx(c[0]).to_string()} y1={sy(c[1]).to_string()} x2={sx(f.d[0]).to_string()} y2={sy(f.d[1]).to_string()} stroke-width={stroke.to_string()} />
            <circle class="foot" cx={sx(f.d[0]).to_string()} cy={sy(f.d[1]).to_string()} r={r.to_string()} />
            <text class="foot" x={(sx(f.d[0]) + r * 1.5).to_string()} y={(sy(f.d[1]) + r * 3.5).to_string()} font-size={(r * 3.0).to_string()}>{ "d" }</text>
            { handle(0, a, "a", "pa") }
            { handle(1, b, "b", "pb") }
            { handle(2, c, "c", "pc") }
        </svg>
    }
}
