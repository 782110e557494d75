//! `lab/mlp?x=1,2&y=0&w1=0.1,-0.2;0.4,0.3&b1=0,0.1&w2=0.5,-0.4&b2=0.2&lr=0.1`:
//! forward pass, backprop, gradient check and one SGD step.

use yew::prelude::*;

use super::text::lab_strings;
use super::{use_lab_inputs, LabProps};
use ail_labs::mlp::{backward, check, forward, gradient_check, sgd_step, Inputs};
use ail_labs::{fmt_list, fmt_num};

#[function_component(MlpLab)]
pub fn mlp_lab(p: &LabProps) -> Html {
    let lang = p.lang;
    let s = lab_strings(lang);
    let mut form = use_lab_inputs::<Inputs>(p);
    let out = form.show(|Inputs { net, lr }| {
        check(&net)?;
        let (h, yhat, loss) = forward(&net);
        let g = backward(&net);
        let next = sgd_step(&net, lr);
        let flat: Vec<f64> = g.w1.iter().flatten().copied().collect();
        Ok(html! {
            <dl class="results">
                <dt>{ s.hidden_layer_h_w1 }</dt><dd>{ fmt_list(&h) }</dd>
                <dt>{ s.output_w2_h_b2 }</dt><dd>{ fmt_num(yhat) }</dd>
                <dt>{ s.loss_l_y }</dt><dd data-testid="loss">{ fmt_num(loss) }</dd>
                <dt>{ s.l_w1_1_x }</dt><dd data-testid="grad-w1">{ fmt_list(&flat) }</dd>
                <dt>{ s.l_b1_1_w2 }</dt><dd>{ fmt_list(&g.b1) }</dd>
                <dt>{ s.l_w2_2_h }</dt><dd data-testid="grad-w2">{ fmt_list(&g.w2) }</dd>
                <dt>{ "∂L/∂b2" }</dt><dd>{ fmt_num(g.b2) }</dd>
                <dt>{ s.gradient_check_max_relative }</dt><dd data-testid="num-check">{ fmt_num(gradient_check(&net)) }</dd>
                <dt>{ s.w2_after_one_sgd }</dt><dd data-testid="w2-after">{ fmt_list(&next.w2) }</dd>
                <dt>{ s.loss_after_one_sgd }</dt><dd data-testid="loss-after">{ fmt_num(forward(&next).2) }</dd>
            </dl>
        })
    });
    html! {
        <div class="lab-body">
            <p>{ s.one_hidden_layer_mlp }</p>
            { form.field("x", s.input_x) }
            { form.field("y", s.target_y) }
            { form.field("w1", "W1") }
            { form.field("b1", "b1") }
            { form.field("w2", "W2") }
            { form.field("b2", "b2") }
            { form.field("lr", s.learning_rate) }
            { out }
        </div>
    }
}
