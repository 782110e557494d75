//! `lab/mlp?x=1,2&y=0&w1=0.1,-0.2;0.4,0.3&b1=0,0.1&w2=0.5,-0.4&b2=0.2&lr=0.1`:
//! forward pass, backprop, gradient check and one SGD step.

use yew::prelude::*;

use super::{use_lab_inputs, LabProps};
use ail_labs::mlp::{backward, check, forward, gradient_check, sgd_step, Inputs};
use ail_labs::{fmt_list, fmt_num};

#[function_component(MlpLab)]
pub fn mlp_lab(p: &LabProps) -> Html {
    let lang = p.lang;
    let t = |zh: &'static str, en: &'static str| lang.pick(zh, en);
    let mut form = use_lab_inputs::<Inputs>(p);
    let out = form.show(|Inputs { net, lr }| {
        check(&net)?;
        let (h, yhat, loss) = forward(&net);
        let g = backward(&net);
        let next = sgd_step(&net, lr);
        let flat: Vec<f64> = g.w1.iter().flatten().copied().collect();
        Ok(html! {
            <dl class="results">
                <dt>{ t("隐藏层 h = σ(W1 x + b1)", "Hidden layer h = σ(W1 x + b1)") }</dt><dd>{ fmt_list(&h) }</dd>
                <dt>{ t("输出 ŷ = W2 h + b2", "Output ŷ = W2 h + b2") }</dt><dd>{ fmt_num(yhat) }</dd>
                <dt>{ t("损失 L = ½(ŷ − y)²", "Loss L = ½(ŷ − y)²") }</dt><dd data-testid="loss">{ fmt_num(loss) }</dd>
                <dt>{ t("∂L/∂W1 = δ1 xᵀ（按行展开）", "∂L/∂W1 = δ1 xᵀ (row by row)") }</dt><dd data-testid="grad-w1">{ fmt_list(&flat) }</dd>
                <dt>{ t("∂L/∂b1 = δ1 = (W2ᵀ δ2) ⊙ h(1 − h)", "∂L/∂b1 = δ1 = (W2ᵀ δ2) ⊙ h(1 − h)") }</dt><dd>{ fmt_list(&g.b1) }</dd>
                <dt>{ t("∂L/∂W2 = δ2 hᵀ，δ2 = ŷ − y", "∂L/∂W2 = δ2 hᵀ, δ2 = ŷ − y") }</dt><dd data-testid="grad-w2">{ fmt_list(&g.w2) }</dd>
                <dt>{ "∂L/∂b2" }</dt><dd>{ fmt_num(g.b2) }</dd>
                <dt>{ t("梯度检查：与中心差分的最大相对差", "Gradient check: max relative difference from central differences") }</dt><dd data-testid="num-check">{ fmt_num(gradient_check(&net)) }</dd>
                <dt>{ t("一步 SGD 后的 W2", "W2 after one SGD step") }</dt><dd data-testid="w2-after">{ fmt_list(&next.w2) }</dd>
                <dt>{ t("一步 SGD 后的损失", "Loss after one SGD step") }</dt><dd data-testid="loss-after">{ fmt_num(forward(&next).2) }</dd>
            </dl>
        })
    });
    html! {
        <div class="lab-body">
            <p>{ t("单隐藏层 MLP：sigmoid 隐藏层，线性输出，平方损失。矩阵的行用 ; 分隔。", "A one-hidden-layer MLP: sigmoid hidden layer, linear output, squared loss. Matrix rows are separated by ;.") }</p>
            { form.field("x", t("输入 x", "Input x")) }
            { form.field("y", t("目标 y", "Target y")) }
            { form.field("w1", "W1") }
            { form.field("b1", "b1") }
            { form.field("w2", "W2") }
            { form.field("b2", "b2") }
            { form.field("lr", t("学习率", "Learning rate")) }
            { out }
        </div>
    }
}
