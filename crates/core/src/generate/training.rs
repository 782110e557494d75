//! Training-math generators: sigmoid loss gradients, Adam steps, conv
//! shapes, the four-machine matmul's memory, batch-norm outputs. Keys come
//! from the labs' core functions.

use super::{int_in, num, text, Generator, Instance, ParamKind, ParamSpec, Params};
use crate::bank::{Kind, Tolerance};
use crate::numeric::rng::SplitMix64;
use ail_labs::conv_matmul::{check as conv_check, Shape};
use ail_labs::dist_matmul::simulate;
use ail_labs::dropout_bn::batch_norm;
use ail_labs::losses::{gradients, Point};
use ail_labs::optimizers::{adam_update, ADAM_EPS};

/// A multiple of 0.5 in `[lo/2, hi/2]`, never `-0`.
fn halves(rng: &mut SplitMix64, lo: i64, hi: i64) -> f64 {
    int_in(rng, lo, hi) as f64 / 2.0 + 0.0
}

fn rounded(x: f64, digits: i32) -> String {
    let s = 10f64.powi(digits);
    num((x * s).round() / s)
}

/// `x` to `sig` significant digits (for worked solutions).
fn sig(x: f64, sig: i32) -> String {
    if x == 0.0 || !x.is_finite() {
        return num(x);
    }
    let mag = x.abs().log10().floor() as i32;
    rounded(x, sig - 1 - mag)
}

fn numeric(answer: Vec<f64>, tolerance: Tolerance) -> Kind {
    Kind::Numeric {
        answer,
        tolerance,
        unit: None,
        format: None,
    }
}

// ---------------------------------------------------------------- CE vs MSE gradient

pub const CE_MSE_GRADIENT: Generator = Generator {
    name: "ce-mse-gradient",
    about: "∂L/∂w for s = σ(wx + b) with squared error or binary cross-entropy",
    params: &[ParamSpec {
        name: "loss",
        kind: ParamKind::Choice {
            options: &["mse", "ce"],
            default: &["mse", "ce"],
        },
        help: "the loss",
    }],
    draw: draw_gradient,
};

fn draw_gradient(p: &Params, rng: &mut SplitMix64) -> Option<Instance> {
    let mse = p.draw_choice("loss", rng) == "mse";
    let w = halves(rng, -6, 6);
    let b = halves(rng, -4, 4);
    let x = halves(rng, -6, 6);
    let y = int_in(rng, 0, 1) as f64;
    if x == 0.0 {
        return None;
    }
    let g = gradients(&Point { w, x, b, y }).ok()?;
    let key = if mse { g.grad_mse } else { g.grad_ce };
    // A relative tolerance needs a key clear of 0.
    if key.abs() < 1e-3 {
        return None;
    }
    let (loss_tex, formula) = if mse {
        (
            "L = (y - s)^2",
            "\\frac{\\partial L}{\\partial w} = -2(y - s)\\,s(1 - s)\\,x",
        )
    } else {
        (
            "L = -y \\ln s - (1 - y)\\ln(1 - s)",
            "\\frac{\\partial L}{\\partial w} = (s - y)\\,x",
        )
    };
    let (ws, bs, xs, ys) = (num(w), num(b), num(x), num(y));
    let note_en = if mse {
        format!(
            " The factor $s(1-s) = {}$ is what vanishes when the sigmoid saturates; cross-entropy's gradient here would be {}.",
            sig(g.s * (1.0 - g.s), 4),
            sig(g.grad_ce, 4)
        )
    } else {
        format!(
            " Squared error would give {}, scaled down by $s(1-s) = {}$.",
            sig(g.grad_mse, 4),
            sig(g.s * (1.0 - g.s), 4)
        )
    };
    let note_zh = if mse {
        format!(
            "因子 $s(1-s) = {}$ 正是 sigmoid 饱和时趋于 0 的部分；同样的点上交叉熵的梯度是 {}。",
            sig(g.s * (1.0 - g.s), 4),
            sig(g.grad_ce, 4)
        )
    } else {
        format!(
            "平方误差的梯度是 {}，多乘了 $s(1-s) = {}$。",
            sig(g.grad_mse, 4),
            sig(g.s * (1.0 - g.s), 4)
        )
    };
    Some(Instance {
        prompt: text(
            format!("$s = \\sigma(wx + b) = \\frac{{1}}{{1 + e^{{-(wx+b)}}}}$，$w = {ws}$，$b = {bs}$，$x = {xs}$，$y = {ys}$，损失 ${loss_tex}$。求 $\\frac{{\\partial L}}{{\\partial w}}$（带符号，4 位有效数字，相对误差 $10^{{-3}}$）。"),
            format!("$s = \\sigma(wx + b) = \\frac{{1}}{{1 + e^{{-(wx+b)}}}}$ with $w = {ws}$, $b = {bs}$, $x = {xs}$, $y = {ys}$ and loss ${loss_tex}$. Compute $\\frac{{\\partial L}}{{\\partial w}}$ (signed, 4 significant digits; relative tolerance $10^{{-3}}$)."),
        ),
        kind: numeric(vec![key], Tolerance::Relative { value: 1e-3 }),
        explanation: text(
            format!("$z = wx + b = {z}$，$s = \\sigma(z) \\approx {s}$。${formula} \\approx {k}$。{note_zh}", z = num(g.z), s = sig(g.s, 6), k = sig(key, 6)),
            format!("$z = wx + b = {z}$ and $s = \\sigma(z) \\approx {s}$. ${formula} \\approx {k}$.{note_en}", z = num(g.z), s = sig(g.s, 6), k = sig(key, 6)),
        ),
        inputs: vec![("loss", if mse { "mse" } else { "ce" }.into()), ("w", ws.clone()), ("x", xs.clone()), ("b", bs.clone()), ("y", ys.clone())],
        lab: Some(format!("losses?w={ws}&x={xs}&b={bs}&y={ys}")),
    })
}

// ---------------------------------------------------------------- Adam

pub const ADAM_STEP: Generator = Generator {
    name: "adam-step",
    about: "the weight after one to three bias-corrected Adam steps from zero state",
    params: &[
        ParamSpec {
            name: "steps",
            kind: ParamKind::Int {
                min: 1,
                max: 3,
                default: (1, 2),
            },
            help: "number of Adam steps",
        },
        ParamSpec {
            name: "lr",
            kind: ParamKind::Choice {
                options: &["0.1", "0.01", "0.001"],
                default: &["0.1", "0.01", "0.001"],
            },
            help: "learning rate",
        },
    ],
    draw: draw_adam,
};

fn draw_adam(p: &Params, rng: &mut SplitMix64) -> Option<Instance> {
    let steps = p.draw_int("steps", rng) as usize;
    let lr_s = p.draw_choice("lr", rng).to_string();
    let lr: f64 = lr_s.parse().ok()?;
    let w0 = int_in(rng, -20, 20) as f64 / 10.0 + 0.0;
    let grads: Vec<f64> = (0..steps)
        .map(|_| int_in(rng, -30, 30) as f64 / 10.0 + 0.0)
        .collect();
    if grads.iter().any(|g| g.abs() < 0.1) {
        return None;
    }
    let (b1, b2) = (0.9, 0.999);
    let (mut w, mut m, mut v) = (w0, 0.0, 0.0);
    let mut rows_en = Vec::new();
    let mut rows_zh = Vec::new();
    for (i, &g) in grads.iter().enumerate() {
        let s = adam_update(w, g, (m, v), i as u32 + 1, lr, (b1, b2), ADAM_EPS);
        let row = format!(
            "t = {t}: g = {g}, m = {m}, v = {v}, m̂ = {mh}, v̂ = {vh}, w = {w}",
            t = i + 1,
            g = num(g),
            m = sig(s.m, 6),
            v = sig(s.v, 6),
            mh = sig(s.m_hat, 6),
            vh = sig(s.v_hat, 6),
            w = sig(s.w, 8)
        );
        rows_en.push(row.clone());
        rows_zh.push(row);
        (w, m, v) = (s.w, s.m, s.v);
    }
    let gs = grads.iter().map(|g| num(*g)).collect::<Vec<_>>().join(", ");
    let tol = lr * 1e-3;
    Some(Instance {
        prompt: text(
            format!("标量参数 $w_0 = {w0}$，用 Adam（$\\eta = {lr_s}$，$\\beta_1 = 0.9$，$\\beta_2 = 0.999$，$\\epsilon = 10^{{-8}}$，带偏差修正，$m_0 = v_0 = 0$）走 {steps} 步，各步梯度依次为 {gs}。求 $w_{{{steps}}}$（绝对误差 ${tol}$）。", w0 = num(w0), tol = num(tol)),
            format!("A scalar weight $w_0 = {w0}$ takes {steps} Adam step(s) ($\\eta = {lr_s}$, $\\beta_1 = 0.9$, $\\beta_2 = 0.999$, $\\epsilon = 10^{{-8}}$, bias-corrected, $m_0 = v_0 = 0$) with gradients {gs} in turn. What is $w_{{{steps}}}$ (absolute tolerance ${tol}$)?", w0 = num(w0), tol = num(tol)),
        ),
        kind: numeric(vec![w], Tolerance::Absolute { value: tol }),
        explanation: text(
            format!("$m_t = \\beta_1 m_{{t-1}} + (1-\\beta_1) g_t$，$v_t = \\beta_2 v_{{t-1}} + (1-\\beta_2) g_t^2$，$\\hat m_t = m_t/(1-\\beta_1^t)$，$\\hat v_t = v_t/(1-\\beta_2^t)$，$w_t = w_{{t-1}} - \\eta \\hat m_t / (\\sqrt{{\\hat v_t}} + \\epsilon)$。\n\n{}\n\n第一步总是 $w_1 = w_0 - \\eta\\,\\mathrm{{sign}}(g_1)$（几乎精确）：偏差修正后 $\\hat m_1 = g_1$，$\\sqrt{{\\hat v_1}} = |g_1|$，步长与梯度大小无关。", rows_zh.iter().map(|r| format!("- {r}")).collect::<Vec<_>>().join("\n")),
            format!("$m_t = \\beta_1 m_{{t-1}} + (1-\\beta_1) g_t$, $v_t = \\beta_2 v_{{t-1}} + (1-\\beta_2) g_t^2$, $\\hat m_t = m_t/(1-\\beta_1^t)$, $\\hat v_t = v_t/(1-\\beta_2^t)$, $w_t = w_{{t-1}} - \\eta \\hat m_t / (\\sqrt{{\\hat v_t}} + \\epsilon)$.\n\n{}\n\nThe first step is always $w_1 = w_0 - \\eta\\,\\mathrm{{sign}}(g_1)$ (almost exactly): after bias correction $\\hat m_1 = g_1$ and $\\sqrt{{\\hat v_1}} = |g_1|$, so the step does not depend on the gradient's size.", rows_en.iter().map(|r| format!("- {r}")).collect::<Vec<_>>().join("\n")),
        ),
        inputs: vec![("w0", num(w0)), ("grads", grads.iter().map(|g| num(*g)).collect::<Vec<_>>().join(",")), ("lr", lr_s.clone())],
        lab: None,
    })
}

// ---------------------------------------------------------------- conv shapes

pub const CONV_OUTPUT_SHAPE: Generator = Generator {
    name: "conv-output-shape",
    about: "a Conv2d's output height and width, or its im2col matrix shape",
    params: &[
        ParamSpec {
            name: "size",
            kind: ParamKind::Int {
                min: 3,
                max: 32,
                default: (7, 32),
            },
            help: "input height and width",
        },
        ParamSpec {
            name: "stride",
            kind: ParamKind::Int {
                min: 1,
                max: 4,
                default: (1, 3),
            },
            help: "stride",
        },
        ParamSpec {
            name: "ask",
            kind: ParamKind::Choice {
                options: &["output", "im2col"],
                default: &["output", "im2col"],
            },
            help: "what to ask for",
        },
    ],
    draw: draw_conv,
};

fn draw_conv(p: &Params, rng: &mut SplitMix64) -> Option<Instance> {
    let im2col = p.draw_choice("ask", rng) == "im2col";
    let (h, w) = (p.draw_int("size", rng), p.draw_int("size", rng));
    let k = [1, 3, 5, 7][rng.below(4) as usize];
    let stride = p.draw_int("stride", rng);
    let pad = int_in(rng, 0, k / 2 + 1);
    let (c, cout) = (int_in(rng, 1, 8), int_in(rng, 1, 8));
    let shape = Shape {
        c: c as usize,
        h: h as usize,
        w: w as usize,
        k: k as usize,
        stride: stride as usize,
        pad: pad as usize,
        cout: cout as usize,
        seed: 0,
    };
    let (ho, wo) = conv_check(&shape).ok()?;
    let answer = if im2col {
        vec![(c * k * k) as f64, (ho * wo) as f64]
    } else {
        vec![ho as f64, wo as f64]
    };
    let ask_en = if im2col {
        "the im2col patch matrix's shape, rows then columns (one column per output position)"
    } else {
        "the output height and width, $H_{out}$ then $W_{out}$"
    };
    let ask_zh = if im2col {
        "im2col 展开后的矩阵形状：先行数再列数（每个输出位置一列）"
    } else {
        "输出的高和宽：先 $H_{out}$ 再 $W_{out}$"
    };
    let floor_note = |n: i64, o: usize| {
        format!("\\lfloor ({n} + 2 \\cdot {pad} - {k}) / {stride} \\rfloor + 1 = {o}")
    };
    let fh = floor_note(h, ho);
    let fw = floor_note(w, wo);
    let tail_en = if im2col {
        format!(" The patch matrix has $C_{{in}} k^2 = {c} \\cdot {k}^2 = {}$ rows and $H_{{out}} W_{{out}} = {}$ columns; the filters form a ${cout} \\times {}$ matrix.", c * k * k, ho * wo, c * k * k)
    } else {
        String::new()
    };
    let tail_zh = if im2col {
        format!("展开矩阵有 $C_{{in}} k^2 = {c} \\cdot {k}^2 = {}$ 行、$H_{{out}} W_{{out}} = {}$ 列；卷积核排成 ${cout} \\times {}$ 的矩阵。", c * k * k, ho * wo, c * k * k)
    } else {
        String::new()
    };
    Some(Instance {
        prompt: text(
            format!("输入 $1 \\times {c} \\times {h} \\times {w}$（N, C, H, W），`nn.Conv2d({c}, {cout}, kernel_size={k}, stride={stride}, padding={pad})`。求{ask_zh}，两个整数用空格隔开。"),
            format!("Input $1 \\times {c} \\times {h} \\times {w}$ (N, C, H, W) into `nn.Conv2d({c}, {cout}, kernel_size={k}, stride={stride}, padding={pad})`. Give {ask_en}, two integers separated by a space."),
        ),
        kind: numeric(answer, Tolerance::Absolute { value: 0.0 }),
        explanation: text(
            format!("$H_{{out}} = {fh}$，$W_{{out}} = {fw}$（向下取整：最后不完整的窗口不算）。{tail_zh}"),
            format!("$H_{{out}} = {fh}$ and $W_{{out}} = {fw}$ (the floor drops a last, incomplete window).{tail_en}"),
        ),
        inputs: vec![("ask", if im2col { "im2col" } else { "output" }.into()), ("c", c.to_string()), ("h", h.to_string()), ("w", w.to_string()), ("k", k.to_string()), ("stride", stride.to_string()), ("pad", pad.to_string())],
        lab: Some(format!(
            "conv-matmul?c={c}&h={h}&w={w}&k={k}&stride={stride}&pad={pad}&cout={cout}"
        )),
    })
}

// ---------------------------------------------------------------- distributed matmul

pub const DIST_MATMUL_MEMORY: Generator = Generator {
    name: "dist-matmul-memory",
    about: "peak memory and words sent per machine in the four-machine 2×2 block matmul",
    params: &[
        ParamSpec {
            name: "n",
            kind: ParamKind::Int {
                min: 4,
                max: 64,
                default: (4, 64),
            },
            help: "matrix size N (odd draws are skipped)",
        },
        ParamSpec {
            name: "budget",
            kind: ParamKind::Choice {
                options: &["1", "0.875"],
                default: &["1", "0.875"],
            },
            help: "memory per machine in units of N²",
        },
    ],
    draw: draw_dist,
};

fn draw_dist(p: &Params, rng: &mut SplitMix64) -> Option<Instance> {
    let n = p.draw_int("n", rng);
    if n % 2 == 1 {
        return None;
    }
    let budget_s = p.draw_choice("budget", rng).to_string();
    let eighths = if budget_s == "1" { 8 } else { 7 };
    let run = simulate(n as usize, eighths, 0).ok()?;
    if run.peak > run.budget {
        return None;
    }
    let (zh_budget, en_budget) = if eighths == 8 {
        ("$N^2$".to_string(), "$N^2$".to_string())
    } else {
        (
            "$\\tfrac78 N^2$（交换分两半进行）".to_string(),
            "$\\tfrac78 N^2$ (each swap done in two halves)".to_string(),
        )
    };
    let h2 = (n / 2) * (n / 2);
    let buffer = if eighths == 8 { h2 } else { h2 / 2 };
    Some(Instance {
        prompt: text(
            format!("$C = AB$，$N = {n}$，四台机器按 $2 \\times 2$ 分块（Cannon 式：先算一个块乘积，再与邻居交换 A 块和 B 块，再算第二个），每台内存 {zh_budget}。每台机器的峰值内存是多少个数？整个计算中每台机器发送多少个数？两个整数用空格隔开。"),
            format!("$C = AB$ with $N = {n}$ on four machines in a $2 \\times 2$ block layout (Cannon style: one block product, swap the A and B blocks with the neighbours, the second product), each with memory {en_budget}. What is each machine's peak memory in numbers, and how many numbers does each machine send over the whole computation? Two integers separated by a space."),
        ),
        kind: numeric(vec![run.peak as f64, run.sent as f64], Tolerance::Absolute { value: 0.0 }),
        explanation: text(
            format!("每个块有 $(N/2)^2 = {h2}$ 个数。常驻 3 个块（A、B、C）= {r}，交换时还要一个接收缓冲区 {buffer}，峰值 {peak}（预算 {b}）。每台机器发出一个 A 块和一个 B 块：$2 \\cdot {h2} = {sent} = N^2/2$。", r = 3 * h2, peak = run.peak, b = run.budget, sent = run.sent),
            format!("Each block holds $(N/2)^2 = {h2}$ numbers. Three blocks stay resident (A, B, C) = {r}, and a swap needs a receive buffer of {buffer}, so the peak is {peak} (budget {b}). Each machine sends one A block and one B block: $2 \\cdot {h2} = {sent} = N^2/2$.", r = 3 * h2, peak = run.peak, b = run.budget, sent = run.sent),
        ),
        inputs: vec![("n", n.to_string()), ("budget", budget_s.clone())],
        lab: Some(format!("dist-matmul?n={n}&mem={budget_s}")),
    })
}

// ---------------------------------------------------------------- batch norm

pub const BN_OUTPUT: Generator = Generator {
    name: "bn-output",
    about: "one output of batch norm in training mode (batch statistics, biased variance)",
    params: &[ParamSpec {
        name: "batch",
        kind: ParamKind::Int {
            min: 2,
            max: 8,
            default: (3, 5),
        },
        help: "batch size",
    }],
    draw: draw_bn,
};

fn draw_bn(p: &Params, rng: &mut SplitMix64) -> Option<Instance> {
    let n = p.draw_int("batch", rng) as usize;
    let batch: Vec<f64> = (0..n).map(|_| int_in(rng, -5, 9) as f64).collect();
    if batch.iter().all(|&v| v == batch[0]) {
        return None; // zero variance: the output is just β
    }
    let gamma = [0.5, 1.0, 1.5, 2.0][rng.below(4) as usize];
    let beta = [-1.0, -0.5, 0.0, 0.5, 1.0][rng.below(5) as usize];
    let eps = [1e-5, 0.5][rng.below(2) as usize];
    let i = rng.below(n as u64) as usize;
    let r = batch_norm(&batch, gamma, beta, eps, 0.1).ok()?;
    let y = r.train_out[i];
    let bs = batch.iter().map(|v| num(*v)).collect::<Vec<_>>().join(", ");
    let eps_tex = if eps == 0.5 {
        "0.5".to_string()
    } else {
        "10^{-5}".to_string()
    };
    Some(Instance {
        prompt: text(
            format!("BatchNorm 处于训练模式，一个通道，batch 为 $[{bs}]$，$\\gamma = {g}$，$\\beta = {b}$，$\\epsilon = {eps_tex}$。第 {i} 个元素（从 0 数）的输出是多少？（3 位小数，绝对误差 $10^{{-3}}$）", g = num(gamma), b = num(beta)),
            format!("BatchNorm in training mode, one channel, batch $[{bs}]$, $\\gamma = {g}$, $\\beta = {b}$, $\\epsilon = {eps_tex}$. What is the output for element {i} (counting from 0)? (3 decimals; absolute tolerance $10^{{-3}}$)", g = num(gamma), b = num(beta)),
        ),
        kind: numeric(vec![y], Tolerance::Absolute { value: 1e-3 }),
        explanation: text(
            format!("均值 $\\mu = {m}$，有偏方差 $\\sigma^2 = {v}$（训练时用 batch 的有偏方差）。$\\hat x = (x_{i} - \\mu)/\\sqrt{{\\sigma^2 + \\epsilon}} \\approx {xh}$，$y = \\gamma \\hat x + \\beta \\approx {y}$。", m = sig(r.mean, 6), v = sig(r.var, 6), xh = sig((y - beta) / gamma, 6), y = sig(y, 6)),
            format!("Mean $\\mu = {m}$ and biased variance $\\sigma^2 = {v}$ (training uses the batch's biased variance). $\\hat x = (x_{i} - \\mu)/\\sqrt{{\\sigma^2 + \\epsilon}} \\approx {xh}$ and $y = \\gamma \\hat x + \\beta \\approx {y}$.", m = sig(r.mean, 6), v = sig(r.var, 6), xh = sig((y - beta) / gamma, 6), y = sig(y, 6)),
        ),
        inputs: vec![("batch", bs.replace(' ', "")), ("gamma", num(gamma)), ("beta", num(beta)), ("eps", num(eps)), ("i", i.to_string())],
        lab: Some(format!(
            "dropout-bn?batch={}&gamma={}&beta={}&eps={}",
            batch.iter().map(|v| num(*v)).collect::<Vec<_>>().join(","),
            num(gamma),
            num(beta),
            if eps == 0.5 { "0.5" } else { "1e-5" }
        )),
    })
}
