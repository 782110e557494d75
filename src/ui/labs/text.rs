//! The labs' words shown around their numbers: what each lab is about,
//! and what is wrong with a field.

use crate::i18n::Lang;
use ail_labs::dist_matmul::Action;
use ail_labs::{InputError, Lab, Problem};

/// The lab's name in `lang`. The names are still in [`ail_labs::LabInfo`],
/// which `ui::question_page` reads; once it calls this, they can move here.
pub fn name(lab: Lab, lang: Lang) -> &'static str {
    let (zh, en) = match lab {
        Lab::Float => ("浮点数格式与舍入", "Float formats and rounding"),
        Lab::MixedPrecision => ("混合精度训练", "Mixed-precision training"),
        Lab::PerpFoot => ("垂足", "Foot of the perpendicular"),
        Lab::EigenPerm => ("特征分解与置换", "Eigendecomposition and permutation"),
        Lab::Nms => ("并行 NMS", "Parallel NMS"),
        Lab::Losses => ("MSE 与交叉熵的梯度", "MSE vs cross-entropy gradients"),
        Lab::Optimizers => ("SGD、Momentum 与 Adam", "SGD, Momentum and Adam"),
        Lab::DistMatmul => ("四台机器的矩阵乘法", "Matrix multiply on four machines"),
        Lab::ConvMatmul => ("卷积即矩阵乘法", "Convolution as a matrix product"),
        Lab::Mlp => ("MLP 反向传播", "MLP backpropagation"),
        Lab::DropoutBn => ("Dropout 与 BatchNorm", "Dropout and batch norm"),
    };
    lang.pick(zh, en)
}

/// One sentence on what `lab` shows, in Chinese and English (its page's
/// description for search engines and link previews).
pub fn about(lab: Lab) -> (&'static str, &'static str) {
    match lab {
        Lab::Float => (
            "输入一个数或 9.9e9 + 1e-9 这样的运算，看 float64、float32、float16、bfloat16 各存成什么：位模式、精确值、ULP 与舍入。",
            "Type a value or a sum such as 9.9e9 + 1e-9 and see what float64, float32, float16 and bfloat16 store: bits, exact value, ULP and rounding.",
        ),
        Lab::MixedPrecision => (
            "在纯 fp16、fp32 主权重、损失缩放三种做法下运行 w ← w − lr·g，看小的更新如何消失、又如何被救回来。",
            "Run w ← w − lr·g in fp16 only, with an fp32 master copy and with loss scaling: watch small updates vanish and see how each fix brings them back.",
        ),
        Lab::PerpFoot => (
            "二维或三维中点到直线的垂足，按投影公式计算，图上的点可以拖动。",
            "The foot of the perpendicular from a point to a line in 2D or 3D, from the projection formula, with points you can drag.",
        ),
        Lab::EigenPerm => (
            "分解对称矩阵 S = QLQᵀ，重排特征值，找出 Q 的哪种列置换仍能还原 S。",
            "Decompose a symmetric matrix S = QLQᵀ, reorder the eigenvalues, and find which permutation of Q's columns still gives back S.",
        ),
        Lab::Nms => (
            "贪心 NMS 与它的并行形式（IoU 矩阵加一次顺序扫描），用你输入的框或随机框比较：保留的框相同。",
            "Greedy non-maximum suppression and its parallel form (an IoU matrix, then one sequential scan) on your boxes or seeded random ones: the same boxes survive.",
        ),
        Lab::Losses => (
            "sigmoid 输出上的 MSE 与交叉熵：对权重的梯度、数值检验，以及 MSE 饱和的地方。",
            "MSE versus cross-entropy on a sigmoid output: the gradient with respect to the weight, a numerical check, and where MSE saturates.",
        ),
        Lab::DropoutBn => (
            "反向 dropout 保持激活的期望；批归一化在训练与推理时的区别，以及批大小为 1 时会怎样。",
            "Inverted dropout keeps the expected activation; batch norm in training and in inference, and what a batch of one does to it.",
        ),
        Lab::DistMatmul => (
            "四台机器用 2×2 分块（Cannon 式交换）计算 N×N 矩阵乘法：整块与半块交换时每台机器的峰值内存。",
            "Multiply two N×N matrices on four machines with 2×2 blocks and Cannon-style swaps: each machine's peak memory with whole-block and half-block swaps.",
        ),
        Lab::ConvMatmul => (
            "把卷积写成一次矩阵乘法：im2col 的形状、GEMM，以及与直接卷积和池化的对照。",
            "A convolution as one matrix product: the im2col shapes, the GEMM, and a check against direct convolution and pooling.",
        ),
        Lab::Mlp => (
            "手算小 MLP 的一步训练：前向、反向传播的梯度（附数值检验）、更新后的损失。",
            "One training step of a small MLP by hand: the forward pass, backpropagated gradients checked numerically, and the loss after the update.",
        ),
        Lab::Optimizers => (
            "SGD、动量与 Adam 在二次函数或 Rosenbrock 函数上的路径，超过学习率上限时的发散，以及每个参数的优化器内存。",
            "SGD, momentum and Adam on a quadratic or the Rosenbrock function: their paths, divergence past the learning-rate limit, and optimizer memory per parameter.",
        ),
    }
}

/// What is wrong with a lab's field, in `lang`: the sentence shown under it.
pub fn message(e: &InputError, lang: Lang) -> String {
    let (zh, en) = words(e);
    match lang {
        Lang::Zh => zh,
        Lang::En => en,
    }
}

/// [`message`] in Chinese and English.
fn words(e: &InputError) -> (String, String) {
    use Problem as P;
    let s = |zh: &str, en: &str| (zh.to_string(), en.to_string());
    match &e.problem {
        P::NotFinite { text: t } => (
            format!("“{t}”不是有限的数。"),
            format!("“{t}” is not a finite number."),
        ),
        P::NotWhole => s("需要非负整数。", "Needs a whole number ≥ 0."),
        P::NoNumbers => s("请输入数值，例如 1,2。", "Enter numbers, such as 1,2."),
        P::EmptyMatrix => s("矩阵为空。", "The matrix is empty."),
        P::RaggedRow { row, len, first } => (
            format!("第 {row} 行有 {len} 个数，第 1 行有 {first} 个。"),
            format!("Row {row} has {len} entries but row 1 has {first}."),
        ),
        P::SeedNotWhole => s("种子必须是非负整数。", "The seed must be a whole number ≥ 0."),
        P::StepsNotWhole => s("步数必须是非负整数。", "Steps must be a whole number ≥ 0."),
        P::TooManySteps { max } => (format!("步数最多 {max}。"), format!("At most {max} steps.")),
        P::ChannelsIn => s("C_in 需在 1 到 8 之间。", "C_in must be from 1 to 8."),
        P::ChannelsOut => s("C_out 需在 1 到 8 之间。", "C_out must be from 1 to 8."),
        P::InputSize => s("H 和 W 需在 1 到 32 之间。", "H and W must be from 1 to 32."),
        P::Stride => s("步长至少为 1。", "The stride must be at least 1."),
        P::Padding => s("padding 最多 8。", "Padding is at most 8."),
        P::KernelSize => s(
            "卷积核必须至少 1，且不大于补零后的输入。",
            "The kernel must be at least 1 and no larger than the padded input.",
        ),
        P::EvenN { max } => (
            format!("N 必须是 2 到 {max} 之间的偶数。"),
            format!("N must be an even number from 2 to {max}."),
        ),
        P::NNotWhole => s("N 必须是整数。", "N must be a whole number."),
        P::Memory => s("mem 只能是 1 或 0.875。", "mem must be 1 or 0.875."),
        P::NoRoomToReceive => s(
            "N = 2 时 7/8 N² 只有 3 个数的空间，正好放下 A、B、C 各一个数，没有空间接收数据。",
            "With N = 2, 7/8 N² leaves room for 3 numbers: exactly one each of A, B and C, with no space to receive anything.",
        ),
        P::DropProbability => s("p 必须满足 0 ≤ p < 1。", "p must satisfy 0 ≤ p < 1."),
        P::TooManyValues { max } => (format!("最多 {max} 个数。"), format!("At most {max} values.")),
        P::Trials { max } => (
            format!("试验次数需在 1 到 {max} 之间。"),
            format!("Trials must be from 1 to {max}."),
        ),
        P::BatchLen { max } => (
            format!("batch 需要 1 到 {max} 个数。"),
            format!("The batch needs 1 to {max} values."),
        ),
        P::EpsPositive => s("ε 必须大于 0。", "ε must be greater than 0."),
        P::Momentum => s("momentum 需在 0 到 1 之间。", "momentum must be between 0 and 1."),
        P::NotSquare { rows, cols } => (
            format!("矩阵必须是方阵（现在是 {rows}×{cols}）。"),
            format!("The matrix must be square (it is {rows}×{cols})."),
        ),
        P::MatrixTooLarge { max } => (format!("最多 {max}×{max}。"), format!("At most {max}×{max}.")),
        P::NotSymmetric { row, col, value, mirror } => (
            format!("矩阵不对称：第 {row} 行第 {col} 列是 {value}，第 {col} 行第 {row} 列是 {mirror}。"),
            format!("Not symmetric: entry ({row}, {col}) is {value} but ({col}, {row}) is {mirror}."),
        ),
        P::NotAnIndex { text: p } => (format!("“{p}”不是序号。"), format!("“{p}” is not an index.")),
        P::PermutationEachOnce { last } => (
            format!("需要 0 到 {last} 的一个排列（每个序号恰好一次）。"),
            format!("Needs a permutation of 0 to {last} (each index exactly once)."),
        ),
        P::Permutation { last } => (
            format!("需要 0 到 {last} 的一个排列。"),
            format!("Needs a permutation of 0 to {last}."),
        ),
        P::Format => s(
            "格式只能是 f64、f32、f16 或 bf16。",
            "The format must be f64, f32, f16 or bf16.",
        ),
        P::Operation => s(
            "运算只能是 add、sub、mul 或 div。",
            "The operation must be add, sub, mul or div.",
        ),
        P::NotHex { text: t } => (
            format!("“{t}”不是十六进制位模式。"),
            format!("“{t}” is not a hex bit pattern."),
        ),
        P::HexTooWide { text: t, fmt, bits: w } => (
            format!("{t} 超出了 {} 的 {w} 位。", fmt.name()),
            format!("{t} does not fit in the {w} bits of {}.", fmt.name()),
        ),
        P::TargetRange => s("目标 y 必须在 0 到 1 之间。", "The target y must be between 0 and 1."),
        P::LogitTooLarge => s(
            "z = wx + b 太大（|z| 需 ≤ 700）。",
            "z = wx + b is too large (|z| must be ≤ 700).",
        ),
        P::PlotRange => s(
            "需要 zmin < zmax，且范围不超过 200。",
            "Needs zmin < zmax and a range of at most 200.",
        ),
        P::ScalePowerOfTwo => s(
            "缩放因子应是 2 的正整数次幂，例如 1024。",
            "The scale should be a power of two, such as 1024.",
        ),
        P::WeightFp16Range => s(
            "w 超出了 fp16 的范围（最大 65504）。",
            "w is outside fp16's range (largest 65504).",
        ),
        P::StepFp16Range => s("lr·g 超出了 fp16 的范围。", "lr·g is outside fp16's range."),
        P::MlpInput => s("输入需要 1 到 8 个数。", "The input needs 1 to 8 numbers."),
        P::MlpW1 { cols: i } => (
            format!("W1 需要 1 到 8 行，每行 {i} 个数（与 x 相同）。"),
            format!("W1 needs 1 to 8 rows of {i} numbers (as many as x)."),
        ),
        P::MlpB1 { hidden: h } => (
            format!("b1 需要 {h} 个数（W1 的行数）。"),
            format!("b1 needs {h} numbers (W1's rows)."),
        ),
        P::MlpW2 { hidden: h } => (
            format!("W2 需要 {h} 个数（隐藏单元数）。"),
            format!("W2 needs {h} numbers (one per hidden unit)."),
        ),
        P::BoxArity { index, len } => (
            format!("第 {index} 个框需要 5 个数 x1,y1,x2,y2,score，现在有 {len} 个。"),
            format!("Box {index} needs 5 numbers x1,y1,x2,y2,score; it has {len}."),
        ),
        P::BoxInverted { index } => (
            format!("第 {index} 个框的 x2 < x1 或 y2 < y1。"),
            format!("Box {index} has x2 < x1 or y2 < y1."),
        ),
        P::TooManyBoxes { max } => (format!("最多 {max} 个框。"), format!("At most {max} boxes.")),
        P::IouRange => s("IoU 阈值必须在 0 到 1 之间。", "The IoU threshold must be between 0 and 1."),
        P::BoxCount { max } => (
            format!("框的个数必须是 0 到 {max} 的整数。"),
            format!("The count must be a whole number from 0 to {max}."),
        ),
        P::Surface => s("曲面只能是 quad 或 rosen。", "The surface must be quad or rosen."),
        P::LrPositive => s("学习率必须大于 0。", "The learning rate must be greater than 0."),
        P::Fraction => s("需要 0 ≤ 值 < 1。", "Needs 0 ≤ value < 1."),
        P::StartPoint => s("起点需要两个数 x,y。", "The start needs two numbers x,y."),
        P::PointDims => s("点需要 2 个或 3 个坐标。", "A point needs 2 or 3 coordinates."),
        P::DimsDiffer { dims: n, len } => {
            let name = &e.field;
            (
                format!("维度不一致：a 有 {n} 个坐标，{name} 有 {len} 个。"),
                format!("Dimensions differ: a has {n} coordinates, {name} has {len}."),
            )
        }
        P::SamePoint => s(
            "a 和 b 重合（或几乎重合），它们确定不了一条直线。",
            "a and b are the same point (or nearly): they do not define a line.",
        ),
    }
}

/// A row of dist-matmul's table of steps.
pub fn action(a: Action, lang: Lang) -> &'static str {
    match a {
        Action::Place => lang.pick("初始放置：A_ik、B_kj", "initial placement: A_ik, B_kj"),
        Action::Multiply => "C_ij = A_ik · B_kj",
        Action::SwapA => lang.pick("与同行邻居交换 A", "swap A with the row neighbour"),
        Action::SwapB => lang.pick("与同列邻居交换 B", "swap B with the column neighbour"),
        Action::Accumulate => "C_ij += A_i,1−k · B_1−k,j",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn problems_read_as_the_labs_wrote_them_in_both_languages() {
        let say = |field: &str, p: Problem| {
            let e = InputError::new(field, p);
            (message(&e, Lang::Zh), message(&e, Lang::En))
        };
        assert_eq!(
            say("x", Problem::NotFinite { text: "abc".into() }),
            (
                "“abc”不是有限的数。".into(),
                "“abc” is not a finite number.".into()
            )
        );
        assert_eq!(
            say(
                "s",
                Problem::RaggedRow {
                    row: 2,
                    len: 1,
                    first: 2
                }
            ),
            (
                "第 2 行有 1 个数，第 1 行有 2 个。".into(),
                "Row 2 has 1 entries but row 1 has 2.".into()
            )
        );
        assert_eq!(
            say(
                "s",
                Problem::NotSymmetric {
                    row: 1,
                    col: 2,
                    value: 2.0,
                    mirror: 2.5
                }
            )
            .1,
            "Not symmetric: entry (1, 2) is 2 but (2, 1) is 2.5."
        );
        assert_eq!(
            say(
                "x",
                Problem::HexTooWide {
                    text: "0x13c00".into(),
                    fmt: ail_labs::float_lab::FloatFormat::F16,
                    bits: 16
                }
            )
            .1,
            "0x13c00 does not fit in the 16 bits of f16."
        );
        // The point's name is the field's.
        assert_eq!(
            say("c", Problem::DimsDiffer { dims: 2, len: 3 }),
            (
                "维度不一致：a 有 2 个坐标，c 有 3 个。".into(),
                "Dimensions differ: a has 2 coordinates, c has 3.".into()
            )
        );
        assert_eq!(
            say("steps", Problem::TooManySteps { max: 10_000 }).1,
            "At most 10000 steps."
        );
        assert_eq!(action(Action::SwapB, Lang::Zh), "与同列邻居交换 B");
        assert_eq!(
            action(Action::Accumulate, Lang::En),
            "C_ij += A_i,1−k · B_1−k,j"
        );
    }
}
