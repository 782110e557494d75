//! `lab/mixed-precision?w=1&lr=0.001&g=0.1&steps=1000&gsmall=1e-8&scale=1024`:
//! fp16-only vs fp32 master weights vs fp32, and loss scaling.

use yew::prelude::*;

use super::{use_lab_inputs, LabProps};
use ail_labs::fmt_num;
use ail_labs::mixed_precision::{run, Params};

#[function_component(MixedPrecisionLab)]
pub fn mixed_precision_lab(p: &LabProps) -> Html {
    let lang = p.lang;
    let t = |zh: &'static str, en: &'static str| lang.pick(zh, en);
    let mut form = use_lab_inputs::<Params>(p);
    let out = form.show(|params| {
        let o = run(&params)?;
        Ok(html! {
            <>
            <dl class="results">
                <dt>{ t("(a) 全程 fp16：最终 w", "(a) fp16 only: final w") }</dt><dd data-testid="w-fp16">{ fmt_num(o.w_fp16) }</dd>
                <dt>{ t("fp16 权重第几步开始不再变化", "Step at which the fp16 weight stops changing") }</dt>
                <dd data-testid="stall-step">{ o.stall_step.map(|s| s.to_string()).unwrap_or_else(|| t("从不", "never").into()) }</dd>
                <dt>{ t("(b) fp16 计算 + fp32 主权重：最终 w", "(b) fp16 update, fp32 master weight: final w") }</dt><dd data-testid="w-master">{ fmt_num(o.w_master) }</dd>
                <dt>{ t("(c) 全程 fp32：最终 w", "(c) fp32 only: final w") }</dt><dd data-testid="w-fp32">{ fmt_num(o.w_fp32) }</dd>
                <dt>{ t("精确值 w − N·lr·g", "Exact w − N·lr·g") }</dt><dd data-testid="w-exact">{ fmt_num(o.w_exact) }</dd>
                <dt>{ t("小梯度直接转 fp16", "The small gradient cast to fp16") }</dt><dd data-testid="g-fp16">{ fmt_num(o.g_fp16) }</dd>
                <dt>{ t("先乘 scale 再转 fp16，之后在 fp32 中除回", "Multiplied by scale, cast to fp16, divided back in fp32") }</dt><dd data-testid="g-scaled">{ fmt_num(o.g_scaled) }</dd>
            </dl>
            <h2>{ t("哪些步骤必须保持 fp32", "Which steps must stay in fp32") }</h2>
            <ul>
                <li>{ t("主权重和参数更新：更新量小于权重 ULP 的一半时，fp16 会把它舍掉（见上面的 (a)）。", "Master weights and the update: an update below half the weight's ULP is rounded away in fp16 (run (a) above).") }</li>
                <li>{ t("优化器状态（Adam 的 m、v）：v 是梯度平方，在 fp16 中很容易下溢为 0。", "Optimizer states (Adam's m and v): v holds squared gradients, which underflow to 0 in fp16.") }</li>
                <li>{ t("损失、softmax / log-sum-exp：指数容易上溢，对数容易丢精度。", "The loss and softmax / log-sum-exp: exponentials overflow and logs lose precision.") }</li>
                <li>{ t("归约和累加（矩阵乘累加、BN/LayerNorm 统计量、大求和）：大数吞小数。", "Reductions and accumulations (matmul accumulators, BN/LayerNorm statistics, long sums): large sums swallow small terms.") }</li>
                <li>{ t("损失缩放让小梯度在 fp16 中不下溢；bf16 的指数范围和 fp32 相同，通常不需要缩放，但精度更低。", "Loss scaling keeps small gradients from underflowing in fp16; bf16 has fp32's exponent range and usually needs no scaling, but less precision.") }</li>
            </ul>
            </>
        })
    });
    let labels = [
        t("初始权重 w", "Initial weight w"),
        t("学习率 lr", "Learning rate lr"),
        t("梯度 g", "Gradient g"),
        t("步数 N", "Steps N"),
        t("一个很小的梯度", "A tiny gradient"),
        t("损失缩放因子", "Loss scale"),
    ];
    html! {
        <div class="lab-body">
            <p>{ t("每一步 w ← w − lr·g。比较三种做法在 N 步后的 w。", "Each step does w ← w − lr·g. Compare three ways of doing it after N steps.") }</p>
            { form.fields(&labels, "decimal") }
            { out }
        </div>
    }
}
