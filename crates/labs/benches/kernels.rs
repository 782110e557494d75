//! Native compute time of each lab's kernels, at the lab's default inputs
//! and at the largest it allows: one `bench <lab> …: <time> (checksum …)`
//! line a case, read by `.ci/bench`. It asserts nothing; the checksums keep
//! the work from being optimised away.
//!
//! `cargo bench --profile release-full -p ail-labs --bench kernels` measures
//! (`cargo bench` passes `--bench`); run without that flag, as
//! `cargo test --all-targets` does, each case runs once as a smoke test.

use std::time::Instant;

use ail_labs::inputs::LabInputs;
use ail_labs::numeric::rng::SplitMix64;
use ail_labs::query::Query;
use ail_labs::{
    conv_matmul, dist_matmul, dropout_bn, eigen_perm, float_lab, losses, mixed_precision, mlp, nms,
    optimizers, perp_foot,
};

/// `n` repetitions under `cargo bench`, one otherwise.
struct Reps(bool);

impl Reps {
    fn of(&self, n: u32) -> u32 {
        if self.0 {
            n
        } else {
            1
        }
    }
}

/// Microseconds per repetition since `t`.
fn us(t: Instant, reps: u32) -> f64 {
    t.elapsed().as_secs_f64() / f64::from(reps) * 1e6
}

fn main() {
    let r = Reps(std::env::args().any(|a| a == "--bench"));
    conv_matmul_(&r);
    dist_matmul_(&r);
    dropout_bn_(&r);
    eigen_perm_(&r);
    float_(&r);
    losses_(&r);
    mixed_precision_(&r);
    mlp_(&r);
    nms_(&r);
    optimizers_(&r);
    perp_foot_(&r);
}

fn conv_matmul_(r: &Reps) {
    use conv_matmul::{run, Shape};
    // The lab's default and its largest shape (the bank's example with c = 8).
    let default = Shape::parse(&Query::default()).expect("the defaults parse");
    let largest = Shape {
        c: 8,
        h: 32,
        w: 32,
        cout: 8,
        ..default
    };
    for s in [default, largest] {
        let reps = r.of(if s.h > 5 { 5 } else { 10_000 });
        let t = Instant::now();
        let mut acc = 0.0;
        for _ in 0..reps {
            acc += run(&s).map_or(0.0, |o| o.conv_diff);
        }
        println!(
            "bench conv-matmul {}x{}x{} k{} cout{}: {:.1} us (checksum {acc})",
            s.c,
            s.h,
            s.w,
            s.k,
            s.cout,
            us(t, reps)
        );
    }
}

fn dist_matmul_(r: &Reps) {
    use dist_matmul::{simulate, MAX_N};
    for n in [8, MAX_N] {
        let reps = r.of(if n > 8 { 50 } else { 20_000 });
        let t = Instant::now();
        let mut acc = 0;
        for _ in 0..reps {
            acc += simulate(n, 7, 1).map_or(0, |r| r.peak);
        }
        println!(
            "bench dist-matmul n={n}: {:.1} us (checksum {acc})",
            us(t, reps)
        );
    }
}

fn dropout_bn_(r: &Reps) {
    use dropout_bn::{dropout_mc, MAX_TRIALS};
    for trials in [10_000, MAX_TRIALS] {
        let trials = if r.0 { trials } else { 10 };
        let t = Instant::now();
        let m = dropout_mc(&[1.0, 2.0, 3.0, 4.0], 0.5, trials, 1).map_or(0.0, |m| m.mean[0]);
        println!(
            "bench dropout-bn trials={trials}: {:.1} us (checksum {m:.4})",
            us(t, 1)
        );
    }
}

fn eigen_perm_(r: &Reps) {
    use eigen_perm::{permute, MAX_N};
    let mut rng = SplitMix64::new(1);
    for n in [4, MAX_N] {
        // A random symmetric matrix with entries in [-10, 10].
        let mut s = vec![vec![0.0; n]; n];
        for (i, j) in (0..n).flat_map(|i| (i..n).map(move |j| (i, j))) {
            let v = (rng.below(2001) as f64 - 1000.0) / 100.0;
            s[i][j] = v;
            s[j][i] = v;
        }
        let perm: Vec<usize> = (0..n).rev().collect();
        let reps = r.of(20_000);
        let t = Instant::now();
        let mut acc = 0.0;
        for _ in 0..reps {
            acc += permute(&s, &perm).map_or(0.0, |r| r.residual);
        }
        println!(
            "bench eigen-perm {n}x{n}: {:.2} us per decompose+permute (checksum {acc:e})",
            us(t, reps)
        );
    }
}

fn float_(r: &Reps) {
    use float_lab::{operate, swamping_threshold, FloatFormat, Op, Stored};
    let reps = r.of(2000);
    let t = Instant::now();
    let mut n = 0;
    for _ in 0..reps {
        for fmt in FloatFormat::ALL {
            let x = Stored::of(fmt, 9.9e9);
            let y = Stored::of(fmt, 1e-9);
            n += operate(fmt, Op::Add, &x, &y).1.exact.map_or(0, |s| s.len());
            n += x.exact().len();
            n += swamping_threshold(fmt, x.value).map_or(0, |_| 1);
        }
    }
    println!("bench float (default: 9.9e9 + 1e-9, all four formats): {:.1} us per full recompute (checksum {n})", us(t, reps));
    let reps = r.of(50);
    let t = Instant::now();
    let tiny = f64::from_bits(1);
    for _ in 0..reps {
        n += operate(
            FloatFormat::F64,
            Op::Add,
            &Stored::of(FloatFormat::F64, 1e300),
            &Stored::of(FloatFormat::F64, tiny),
        )
        .1
        .exact
        .map_or(0, |s| s.len());
    }
    println!("bench float (largest: f64 1e300 + smallest subnormal, 1400-digit exact sum): {:.1} us (checksum {n})", us(t, reps));
}

fn losses_(r: &Reps) {
    use losses::{curve, gradients, Point};
    let reps = r.of(100_000);
    let t = Instant::now();
    let mut acc = 0.0;
    for i in 0..reps {
        acc += gradients(&Point {
            w: -1.5 + f64::from(i) * 1e-9,
            x: 2.0,
            b: 0.5,
            y: 1.0,
        })
        .map_or(0.0, |g| g.grad_ce);
        if i % 100 == 0 {
            acc += curve(1.0, -8.0, 8.0, 121).map_or(0.0, |c| c[0].1);
        }
    }
    println!(
        "bench losses: {:.3} us per gradient set; curve of 121 points every 100 (checksum {acc:.3})",
        us(t, reps)
    );
}

fn mixed_precision_(r: &Reps) {
    use mixed_precision::{run, Params, MAX_STEPS};
    for steps in [1000, MAX_STEPS] {
        let reps = r.of(if steps > 1000 { 20 } else { 2000 });
        let p = Params {
            w: 1.0,
            lr: 0.001,
            g: 0.1,
            steps,
            gsmall: 1e-8,
            scale: 1024.0,
        };
        let t = Instant::now();
        let mut acc = 0.0;
        for _ in 0..reps {
            acc += run(&p).map_or(0.0, |o| o.w_master);
        }
        println!(
            "bench mixed-precision steps={steps}: {:.1} us (checksum {acc:.3})",
            us(t, reps)
        );
    }
}

fn mlp_(r: &Reps) {
    use mlp::{forward, gradient_check, sgd_step};
    // The lab's default: the bank's 2-2-1 network.
    let n = mlp::Inputs::parse(&Query::default())
        .expect("the defaults parse")
        .net;
    let reps = r.of(100_000);
    let t = Instant::now();
    let mut acc = 0.0;
    for _ in 0..reps {
        acc += gradient_check(&n) + forward(&sgd_step(&n, 0.1)).2;
    }
    println!(
        "bench mlp 2-2-1: {:.2} us per forward+backward+check+step (checksum {acc:e})",
        us(t, reps)
    );
}

fn nms_(r: &Reps) {
    use nms::{greedy, parallel, random_boxes, Pairs, MAX_BOXES};
    for n in [5, MAX_BOXES] {
        let boxes = random_boxes(1, n);
        let reps = r.of(if n > 50 { 200 } else { 100_000 });
        let t = Instant::now();
        let mut acc = 0;
        for _ in 0..reps {
            acc += greedy(&boxes, 0.5).0.len() + parallel(&boxes, 0.5).kept.len();
        }
        println!(
            "bench nms n={n}: {:.2} us per greedy+parallel (checksum {acc})",
            us(t, reps)
        );
        // What the lab does when only the threshold changes.
        let pairs = Pairs::new(&boxes);
        let t = Instant::now();
        let mut acc = 0;
        for _ in 0..reps {
            acc += pairs.greedy(0.5).0.len() + pairs.parallel(0.5).kept.len();
        }
        println!(
            "bench nms n={n}, new threshold on stored IoUs: {:.2} us (checksum {acc})",
            us(t, reps)
        );
    }
}

fn optimizers_(r: &Reps) {
    use optimizers::{run, Optimizer, Surface, MAX_STEPS};
    let adam = Optimizer::Adam {
        beta1: 0.9,
        beta2: 0.999,
    };
    for steps in [200, MAX_STEPS] {
        let reps = r.of(if steps > 200 { 50 } else { 5000 });
        let t = Instant::now();
        let mut acc = 0.0;
        for _ in 0..reps {
            for opt in [Optimizer::Sgd, Optimizer::Momentum { mu: 0.9 }, adam] {
                acc += run(Surface::Rosenbrock, opt, 0.001, steps, [-1.5, 2.0])
                    .map_or(0.0, |p| p.loss);
            }
        }
        println!(
            "bench optimizers steps={steps} (three optimizers): {:.1} us (checksum {acc:e})",
            us(t, reps)
        );
    }
}

fn perp_foot_(r: &Reps) {
    use perp_foot::perpendicular_foot;
    let (a, b, c) = ([0.5, -2.0, 3.0], [4.0, 1.0, -1.0], [2.0, 7.0, 0.25]);
    let reps = r.of(1_000_000);
    let t = Instant::now();
    let mut acc = 0.0;
    for i in 0..reps {
        acc += perpendicular_foot(&a, &b, &[c[0] + f64::from(i) * 1e-9, c[1], c[2]])
            .map_or(0.0, |f| f.t);
    }
    println!(
        "bench perp-foot (3D, default size): {:.3} us per compute (checksum {acc:.3})",
        us(t, reps)
    );
}
