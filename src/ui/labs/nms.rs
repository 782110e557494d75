//! `lab/nms/?boxes=x1,y1,x2,y2,score;...&iou=0.5` or `?seed=<n>&n=<count>&iou=0.5`:
//! greedy NMS beside the report's parallel form (pairwise matrix, then a scan).

use std::rc::Rc;

use yew::prelude::*;

use super::text::lab_strings;
use super::{use_lab_inputs, LabProps, Settled};
use crate::i18n::Lang;
use ail_labs::nms::{BoxInputs, Pairs, Parallel, ScoredBox, Threshold};
/// Largest set whose suppression matrix is drawn cell by cell.
const MATRIX_LIMIT: usize = 24;
/// Above this many boxes the labels are not drawn: they would pile up into
/// unreadable text (the kept list gives the indices).
const LABEL_LIMIT: usize = 30;

fn indices(v: &[usize]) -> String {
    v.iter()
        .map(|i| i.to_string())
        .collect::<Vec<_>>()
        .join(" ")
}

/// The box set of one query and what does not depend on the threshold:
/// every pair's IoU and the drawing's geometry (formatted once, not per edit).
struct BoxSet {
    boxes: Vec<ScoredBox>,
    pairs: Pairs,
    /// One closed SVG subpath per box (`M x y h w v h h -w z`).
    outlines: Vec<String>,
    /// The drawing's `viewBox`, from the boxes' extent.
    view: String,
    /// The outlines' stroke width and the labels' size, in the boxes' units.
    stroke: String,
    font: f64,
}

impl BoxSet {
    fn new(boxes: Vec<ScoredBox>) -> BoxSet {
        let outlines = boxes
            .iter()
            .map(|b| {
                format!(
                    "M{} {}h{}v{}h{}z",
                    b.x1,
                    b.y1,
                    b.x2 - b.x1,
                    b.y2 - b.y1,
                    b.x1 - b.x2
                )
            })
            .collect();
        let (mut x0, mut y0, mut x1, mut y1) = (f64::MAX, f64::MAX, f64::MIN, f64::MIN);
        for b in &boxes {
            x0 = x0.min(b.x1);
            y0 = y0.min(b.y1);
            x1 = x1.max(b.x2);
            y1 = y1.max(b.y2);
        }
        let span = (x1 - x0).max(y1 - y0).max(1.0);
        let pad = span * 0.05;
        let view = format!(
            "{} {} {} {}",
            x0 - pad,
            y0 - pad,
            x1 - x0 + 2.0 * pad,
            y1 - y0 + 2.0 * pad
        );
        BoxSet {
            pairs: Pairs::new(&boxes),
            boxes,
            outlines,
            view,
            stroke: (span / 250.0).to_string(),
            font: span / 25.0,
        }
    }
}

#[function_component(NmsLab)]
pub fn nms_lab(p: &LabProps) -> Html {
    let lang = p.lang;
    let s = lab_strings(lang);
    let boxes_form = use_lab_inputs::<BoxInputs>(p);
    let iou_form = use_lab_inputs::<Threshold>(p);
    let seeded = boxes_form.query().get("seed").is_some();
    let boxes_ok = boxes_form.inputs.is_some();
    // Recomputed only when the boxes change, not on a new threshold.
    let set_of_boxes = use_memo(boxes_form.inputs.clone(), |b| {
        BoxSet::new(b.as_ref().map(|b| b.0.clone()).unwrap_or_default())
    });
    // Switching between typed and seeded boxes is an edit of the query.
    let switch_to = |query: &'static str| {
        let cb = p.on_change.clone();
        Callback::from(move |_: MouseEvent| cb.emit(query.to_string()))
    };
    let mode_link = if seeded {
        html! { <button class="button small" data-testid="nms-typed" onclick={switch_to("")}>{ s.type_boxes_instead }</button> }
    } else {
        html! { <button class="button small" data-testid="nms-seeded" onclick={switch_to("seed=1&n=20&iou=0.5")}>{ s.random_boxes_from_seed }</button> }
    };

    let results = match iou_form.inputs {
        Some(Threshold(th)) if boxes_ok => {
            let (kept, greedy_evals) = set_of_boxes.pairs.greedy(th);
            let par = set_of_boxes.pairs.parallel(th);
            html! {
                <>
                <dl class="results">
                    <dt>{ s.greedy_nms_keeps_input }</dt>
                    <dd data-testid="kept">{ indices(&kept) }</dd>
                    <dt>{ s.parallel_form_matrix_sequential }</dt>
                    <dd data-testid="kept-parallel">{ indices(&par.kept) }</dd>
                    <dt>{ s.same_result }</dt>
                    <dd data-testid="same">{ (kept == par.kept).to_string() }</dd>
                    <dt>{ s.iou_evaluations_greedy_sequential }</dt>
                    <dd data-testid="work">{ format!("{greedy_evals} {}", par.evals) }</dd>
                </dl>
                { boxes_svg(&set_of_boxes, &kept, lang) }
                // The suppression matrix follows a drag once it pauses.
                <Settled<(Parallel, Lang)> value={(par, lang)} view={matrix as fn(&(Parallel, Lang)) -> Html} />
                </>
            }
        }
        _ => html! {},
    };

    html! {
        <div class="lab-body">
            <p>{ s.higher_scores_are_kept }</p>
            <p>{ mode_link }</p>
            if seeded {
                { boxes_form.input("seed", s.seed, "numeric") }
                { boxes_form.input("n", s.number_boxes, "numeric") }
            } else {
                { boxes_form.field("boxes", s.boxes_x1_y1_x2) }
            }
            { iou_form.input("iou", s.iou_threshold, "decimal") }
            { results }
        </div>
    }
}

/// Kept boxes as one solid path, suppressed boxes as one dashed path, and
/// the labels, which a new threshold does not touch (see [`Labels`]).
fn boxes_svg(set: &Rc<BoxSet>, kept: &[usize], lang: Lang) -> Html {
    if set.boxes.is_empty() {
        return html! {};
    }
    let (mut solid, mut dashed) = (String::new(), String::new());
    for (i, outline) in set.outlines.iter().enumerate() {
        let to = if kept.binary_search(&i).is_ok() {
            &mut solid
        } else {
            &mut dashed
        };
        to.push_str(outline);
    }
    let stroke = set.stroke.clone();
    let labelled = set.boxes.len() <= LABEL_LIMIT;
    // The labels are a second drawing laid over the first, with its own
    // paint layer (style.css): a new threshold repaints the two paths but
    // not the labels (measured with 200 labels, before LABEL_LIMIT: paint
    // fell from about 5.5 to 2.5 ms a frame of a drag at 4x slowdown).
    html! {
        <>
        <div class="nms-fig">
            <svg class="nms-svg" viewBox={set.view.clone()} role="img"
                aria-label={lab_strings(lang).kept_boxes_solid_and}>
                <path class="suppressed" d={dashed} stroke-width={stroke.clone()} />
                <path class="kept" d={solid} stroke-width={stroke} />
            </svg>
            if labelled {
                <Labels set={set.clone()} />
            }
        </div>
        if !labelled {
            <p class="note" data-testid="no-labels">{ format!("{} {LABEL_LIMIT}.", lab_strings(lang).indices_and_scores_are) }</p>
        }
        </>
    }
}

#[derive(Properties)]
struct LabelsProps {
    set: Rc<BoxSet>,
}

/// The same box set is the same labels: a new threshold skips this render.
impl PartialEq for LabelsProps {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.set, &other.set)
    }
}

/// Each box's input index and score at its top-left corner.
#[function_component(Labels)]
fn labels(p: &LabelsProps) -> Html {
    let font = p.set.font;
    let size = font.to_string();
    // The same view box as the boxes, on the same content box (style.css),
    // so each label sits on its box. Hidden from assistive technology like
    // the rest of the figure, which is one image with a label.
    html! {
        <svg class="nms-labels" viewBox={p.set.view.clone()} aria-hidden="true" font-size={size}>
            { for p.set.boxes.iter().enumerate().map(|(i, b)| html! {
                <text x={(b.x1 + font * 0.2).to_string()} y={(b.y1 + font).to_string()}>{ format!("{i}: {}", b.score) }</text>
            }) }
        </svg>
    }
}

fn matrix(v: &(Parallel, Lang)) -> Html {
    let (par, lang) = (&v.0, v.1);
    let n = par.order.len();
    let s = lab_strings(lang);
    if n > MATRIX_LIMIT {
        return html! { <p class="note">{ format!("{} {MATRIX_LIMIT}.", s.suppression_matrix_is_drawn) }</p> };
    }
    html! {
        <div class="table-wrap" tabindex="0">
            <table class="nms-matrix">
                <caption>{ s.suppression_matrix_m_rows }</caption>
                <thead><tr><th></th>{ for par.order.iter().map(|i| html! { <th scope="col">{ i }</th> }) }</tr></thead>
                <tbody>{ for par.matrix.iter().enumerate().map(|(r, row)| html! {
                    <tr><th scope="row">{ par.order[r] }</th>{ for row.iter().enumerate().map(|(c, &s)| html! {
                        <td class={if c <= r { "lower" } else if s { "on" } else { "" }}>{ if c <= r { "" } else if s { "1" } else { "0" } }</td>
                    }) }</tr>
                }) }</tbody>
            </table>
        </div>
    }
}
