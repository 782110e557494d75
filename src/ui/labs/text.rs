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

/// The labs' fixed words, one field per text, in one language.
pub struct LabStrings {
    // mod
    pub no_lab_named: &'static str,
    pub all_labs: &'static str,
    pub questions_that_use_this: &'static str,
    pub numeric_labs: &'static str,
    // float_lab
    pub normal: &'static str,
    pub subnormal: &'static str,
    pub zero: &'static str,
    pub infinity: &'static str,
    pub bits: &'static str,
    pub sign: &'static str,
    pub exponent: &'static str,
    pub unbiased: &'static str,
    pub exact_value_stored: &'static str,
    pub in_word: &'static str,
    pub result_exact_value: &'static str,
    pub x_may_be_decimal: &'static str,
    pub operation: &'static str,
    pub format: &'static str,
    pub ulp_at_x_gap: &'static str,
    pub previous_next_representable_value: &'static str,
    pub smallest_positive_y_with: &'static str,
    pub exact_result: &'static str,
    pub exact_result_is_representable: &'static str,
    pub it_lies_between_two: &'static str,
    pub and: &'static str,
    pub exactly_halfway_g_1: &'static str,
    pub more_than_halfway_g: &'static str,
    pub less_than_halfway_g: &'static str,
    pub overflow_beyond_largest_finite: &'static str,
    pub underflow_result_is_subnormal: &'static str,
    pub how_it_rounds: &'static str,
    pub yes: &'static str,
    pub no: &'static str,
    pub same_operation_in_all: &'static str,
    pub result: &'static str,
    pub result_x: &'static str,
    // mixed_precision
    pub fp16_only_final_w: &'static str,
    pub step_at_which_fp16: &'static str,
    pub never: &'static str,
    pub b_fp16_update_fp32: &'static str,
    pub c_fp32_only_final: &'static str,
    pub exact_w_n_lr: &'static str,
    pub small_gradient_cast_to: &'static str,
    pub multiplied_by_scale_cast: &'static str,
    pub which_steps_must_stay: &'static str,
    pub master_weights_and_update: &'static str,
    pub optimizer_states_adam_s: &'static str,
    pub loss_and_softmax_log: &'static str,
    pub reductions_and_accumulations_matmul: &'static str,
    pub loss_scaling_keeps_small: &'static str,
    pub initial_weight_w: &'static str,
    pub learning_rate_lr: &'static str,
    pub gradient_g: &'static str,
    pub steps_n: &'static str,
    pub tiny_gradient: &'static str,
    pub loss_scale: &'static str,
    pub each_step_does_w: &'static str,
    // perp_foot
    pub point_a: &'static str,
    pub point_b: &'static str,
    pub point_c: &'static str,
    pub t_on_line: &'static str,
    pub foot_d: &'static str,
    pub distance_c_d: &'static str,
    pub d_on_segment_ab: &'static str,
    pub report_s_cosine_route: &'static str,
    pub undefined_angle_when_c: &'static str,
    pub cosine_route_with_ad: &'static str,
    pub projection_t_c_b: &'static str,
    pub enter_2d_or_3d: &'static str,
    pub line_through_and_b: &'static str,
    // eigen_perm
    pub q_column_j_is: &'static str,
    pub q_columns_reordered_by: &'static str,
    pub enter_symmetric_matrix_rows: &'static str,
    pub symmetric_matrix_s: &'static str,
    pub new_order_l_perm: &'static str,
    pub eigenvalues_l0_l_n: &'static str,
    pub diagonal_l: &'static str,
    pub q_column_k_comes: &'static str,
    pub reconstruction_error_max_q: &'static str,
    pub if_q_is_left: &'static str,
    pub if_q_s_rows: &'static str,
    pub why_s_l_q: &'static str,
    // nms
    pub type_boxes_instead: &'static str,
    pub random_boxes_from_seed: &'static str,
    pub greedy_nms_keeps_input: &'static str,
    pub parallel_form_matrix_sequential: &'static str,
    pub same_result: &'static str,
    pub iou_evaluations_greedy_sequential: &'static str,
    pub higher_scores_are_kept: &'static str,
    pub seed: &'static str,
    pub number_boxes: &'static str,
    pub boxes_x1_y1_x2: &'static str,
    pub iou_threshold: &'static str,
    pub suppression_matrix_is_drawn: &'static str,
    pub suppression_matrix_m_rows: &'static str,
    pub indices_and_scores_are: &'static str,
    pub kept_boxes_solid_and: &'static str,
    // losses
    pub mse_loss_cross_entropy: &'static str,
    pub numerical_gradient_central_difference: &'static str,
    pub mse_s_gradient_carries: &'static str,
    pub weight_w: &'static str,
    pub input_x: &'static str,
    pub bias_b: &'static str,
    pub target_y_0_to: &'static str,
    pub plot_z_from: &'static str,
    pub plot_z_to: &'static str,
    pub l_z_against_z: &'static str,
    // optimizers
    pub final_point_x_y: &'static str,
    pub diverged_at_step: &'static str,
    pub bytes_per_parameter_fp32: &'static str,
    pub state: &'static str,
    pub fp32_training_total: &'static str,
    pub mixed_precision_total: &'static str,
    pub mixed_precision_gb: &'static str,
    pub adam_keeps_two_fp32: &'static str,
    pub loss_surface: &'static str,
    pub ill_conditioned_quadratic_x: &'static str,
    pub learning_rate: &'static str,
    pub steps_up_to_10: &'static str,
    pub start_x_y: &'static str,
    pub number_parameters: &'static str,
    pub paths_three_optimizers_on: &'static str,
    // dist_matmul
    pub peak_memory_per_machine: &'static str,
    pub budget_n: &'static str,
    pub numbers_sent_per_machine: &'static str,
    pub max_error_against_direct: &'static str,
    pub each_machine_holds_one: &'static str,
    pub memory_per_machine_times: &'static str,
    pub seed_for_random_matrices: &'static str,
    pub memory_in_use_on: &'static str,
    pub step: &'static str,
    // conv_matmul
    pub kernel_k: &'static str,
    pub stride: &'static str,
    pub output_shape_c_out: &'static str,
    pub im2col_matrix_rows_c: &'static str,
    pub weight_matrix_c_out: &'static str,
    pub convolution_fully_connected_and: &'static str,
    pub max_difference_gemm_vs: &'static str,
    pub mean_pooling_as_convolution: &'static str,
    pub max_pooling_is_not: &'static str,
    // mlp
    pub hidden_layer_h_w1: &'static str,
    pub output_w2_h_b2: &'static str,
    pub loss_l_y: &'static str,
    pub l_w1_1_x: &'static str,
    pub l_b1_1_w2: &'static str,
    pub l_w2_2_h: &'static str,
    pub gradient_check_max_relative: &'static str,
    pub w2_after_one_sgd: &'static str,
    pub loss_after_one_sgd: &'static str,
    pub one_hidden_layer_mlp: &'static str,
    pub target_y: &'static str,
    // dropout_bn
    pub one_sampled_mask_1: &'static str,
    pub its_output_kept_values: &'static str,
    pub batch_mean_biased_variance: &'static str,
    pub training_output_this_batch: &'static str,
    pub running_mean_running_var: &'static str,
    pub batch_one_unbiased_variance: &'static str,
    pub inference_output_running_statistics: &'static str,
    pub inverted_dropout_what_pytorch: &'static str,
    pub activations_x: &'static str,
    pub drop_probability_p: &'static str,
    pub monte_carlo_trials: &'static str,
    pub in_training_kept_values: &'static str,
    pub batch_norm_training_vs: &'static str,
    pub one_channel_s_batch: &'static str,
    pub with_batch_one_x: &'static str,
    pub mean_output_over_all: &'static str,
}

static ZH: LabStrings = LabStrings {
    // mod
    no_lab_named: "没有这个实验：",
    all_labs: "所有实验",
    questions_that_use_this: "相关题目",
    numeric_labs: "数值实验",
    // float_lab
    normal: "规格化数",
    subnormal: "非规格化数",
    zero: "零",
    infinity: "无穷大",
    bits: "位模式 ",
    sign: " · 符号 ",
    exponent: " · 阶码 ",
    unbiased: "无偏",
    exact_value_stored: "实际存储的精确值",
    in_word: "在",
    result_exact_value: "结果（精确值）",
    x_may_be_decimal: "x 可以写十进制数，也可以写所选格式的十六进制位模式（如 f32 的 0x50138581）。运算先把 x、y 存成所选格式，再按 IEEE 754 就近舍入（平局取偶）。",
    operation: "运算",
    format: "格式",
    ulp_at_x_gap: "x 处的 ULP（相邻可表示数的间距）",
    previous_next_representable_value: "前一个 / 后一个可表示数",
    smallest_positive_y_with: "能改变 x 的最小正数 y（被“吞掉”的阈值）",
    exact_result: "精确结果：",
    exact_result_is_representable: "精确结果正好可以表示：没有舍入。",
    it_lies_between_two: "它落在两个相邻可表示数之间：",
    and: "和",
    exactly_halfway_g_1: "正好在中点（G=1, R=S=0）：平局取偶，选末位为 0 的那个。",
    more_than_halfway_g: "超过一半（G=1 且 R 或 S 为 1）：向远离零的方向进位。",
    less_than_halfway_g: "不到一半（G=0）：截断，向零舍入。",
    overflow_beyond_largest_finite: "上溢：结果超过最大有限值，变成无穷大。",
    underflow_result_is_subnormal: "下溢：结果落入非规格化数或零，丢失了精度。",
    how_it_rounds: "舍入过程",
    yes: "是",
    no: "否",
    same_operation_in_all: "同一运算在四种格式中：每种格式实际存下的值，写成能读回同一个 f64 的最短十进制",
    result: "结果",
    result_x: "结果 ≠ x",
    // mixed_precision
    fp16_only_final_w: "(a) 全程 fp16：最终 w",
    step_at_which_fp16: "fp16 权重第几步开始不再变化",
    never: "从不",
    b_fp16_update_fp32: "(b) fp16 计算 + fp32 主权重：最终 w",
    c_fp32_only_final: "(c) 全程 fp32：最终 w",
    exact_w_n_lr: "精确值 w − N·lr·g",
    small_gradient_cast_to: "小梯度直接转 fp16",
    multiplied_by_scale_cast: "先乘 scale 再转 fp16，之后在 fp32 中除回",
    which_steps_must_stay: "哪些步骤必须保持 fp32",
    master_weights_and_update: "主权重和参数更新：更新量小于权重 ULP 的一半时，fp16 会把它舍掉（见上面的 (a)）。",
    optimizer_states_adam_s: "优化器状态（Adam 的 m、v）：v 是梯度平方，在 fp16 中很容易下溢为 0。",
    loss_and_softmax_log: "损失、softmax / log-sum-exp：指数容易上溢，对数容易丢精度。",
    reductions_and_accumulations_matmul: "归约和累加（矩阵乘累加、BN/LayerNorm 统计量、大求和）：大数吞小数。",
    loss_scaling_keeps_small: "损失缩放让小梯度在 fp16 中不下溢；bf16 的指数范围和 fp32 相同，通常不需要缩放，但精度更低。",
    initial_weight_w: "初始权重 w",
    learning_rate_lr: "学习率 lr",
    gradient_g: "梯度 g",
    steps_n: "步数 N",
    tiny_gradient: "一个很小的梯度",
    loss_scale: "损失缩放因子",
    each_step_does_w: "每一步 w ← w − lr·g。比较三种做法在 N 步后的 w。",
    // perp_foot
    point_a: "点 a（直线上）",
    point_b: "点 b（直线上）",
    point_c: "点 c（向直线作垂线）",
    t_on_line: "t（d = a + t(b − a)）",
    foot_d: "垂足 d",
    distance_c_d: "距离 |c − d|",
    d_on_segment_ab: "d 在线段 ab 上（0 ≤ t ≤ 1）",
    report_s_cosine_route: "面经的余弦法（保留 cos θ 的符号）",
    undefined_angle_when_c: "c = a 时夹角无定义",
    cosine_route_with_ad: "余弦法若把 |ad| 当长度（丢掉符号）",
    projection_t_c_b: "投影公式 t = (c − a)·(b − a) / |b − a|² 不需要开方；余弦法先算两个长度再除掉，且 θ 为钝角时必须保留负号。",
    enter_2d_or_3d: "输入 2 维或 3 维坐标，例如 1,1 或 0,0,1。2 维时可以拖动图中的点。",
    line_through_and_b: "a、b 所在直线，c 及其垂足 d",
    // eigen_perm
    q_column_j_is: "Q（第 j 列是 lj 的特征向量）",
    q_columns_reordered_by: "Q'（列按 perm 重排）",
    enter_symmetric_matrix_rows: "输入一个对称矩阵（行用 ; 分隔，元素用 , 分隔，最大 8×8）和 L 对角线的一个新顺序。perm=3,1,0,2 表示 L' = diag(l3, l1, l0, l2)。",
    symmetric_matrix_s: "对称矩阵 S",
    new_order_l_perm: "L 的新顺序 perm",
    eigenvalues_l0_l_n: "特征值 l0 … l(n−1)（升序）",
    diagonal_l: "L' 的对角线",
    q_column_k_comes: "Q' 的第 k 列来自 Q 的第几列",
    reconstruction_error_max_q: "重建误差 max|Q'L'Q'ᵀ − S|",
    if_q_is_left: "如果 Q 不变：误差",
    if_q_s_rows: "如果改为置换 Q 的行：误差",
    why_s_l_q: "原因：S = Σⱼ lⱼ qⱼ qⱼᵀ 是秩一项之和，顺序无关；只要特征值和它的特征向量（Q 的列）一起移动，S 就不变。Q' = QP，L' = PᵀLP。",
    // nms
    type_boxes_instead: "改为手动输入框",
    random_boxes_from_seed: "改为随机生成框",
    greedy_nms_keeps_input: "贪心 NMS 保留（输入序号，从 0 开始）",
    parallel_form_matrix_sequential: "并行版（矩阵 + 顺序扫描）保留",
    same_result: "两者相同",
    iou_evaluations_greedy_sequential: "IoU 计算次数：贪心（串行）/ 并行（全部独立）",
    higher_scores_are_kept: "分数高的框先保留；与已保留的框 IoU 严格大于阈值的框被抑制（torchvision 的规则）。分数相同按输入顺序。",
    seed: "随机种子",
    number_boxes: "框的个数",
    boxes_x1_y1_x2: "框：x1,y1,x2,y2,score，用 ; 分隔",
    iou_threshold: "IoU 阈值",
    suppression_matrix_is_drawn: "抑制矩阵只在框数不超过此值时画出：",
    suppression_matrix_m_rows: "抑制矩阵 M（按分数排序；行 i 抑制列 j 记为 1，只算上三角）",
    indices_and_scores_are: "框的序号和分数只在框数不超过此值时标出：",
    kept_boxes_solid_and: "保留的框（实线）和被抑制的框（虚线）",
    // losses
    mse_loss_cross_entropy: "MSE 损失 / 交叉熵损失",
    numerical_gradient_central_difference: "数值梯度（中心差分）",
    mse_s_gradient_carries: "MSE 的梯度带着 σ'(z) = s(1 − s) 这个因子：sigmoid 饱和时（|z| 大），即使预测完全错误，梯度也几乎为 0；交叉熵的梯度 (s − y) 没有这个因子，错得越离谱梯度越大。",
    weight_w: "权重 w",
    input_x: "输入 x",
    bias_b: "偏置 b",
    target_y_0_to: "目标 y（0 到 1）",
    plot_z_from: "图中 z 的最小值",
    plot_z_to: "图中 z 的最大值",
    l_z_against_z: "|∂L/∂z| 随 z 的变化：MSE 与交叉熵",
    // optimizers
    final_point_x_y: "终点 x y（损失）",
    diverged_at_step: "在第几步发散：",
    bytes_per_parameter_fp32: "每个参数的字节数（fp32 状态）与总内存（GB = 10⁹ 字节，不含激活）",
    state: "优化器状态",
    fp32_training_total: "fp32 训练合计",
    mixed_precision_total: "混合精度合计",
    mixed_precision_gb: "混合精度 GB",
    adam_keeps_two_fp32: "Adam 每个参数多存 m、v 两个 fp32 状态（8 字节）；混合精度下合计 16 字节：fp16 权重 2 + fp16 梯度 2 + fp32 主权重 4 + m 4 + v 4。",
    loss_surface: "损失曲面",
    ill_conditioned_quadratic_x: "病态二次函数 ½(x² + 25y²)",
    learning_rate: "学习率",
    steps_up_to_10: "步数（最多 10000）",
    start_x_y: "起点 x,y",
    number_parameters: "参数个数",
    paths_three_optimizers_on: "三种优化器在损失曲面上的路径",
    // dist_matmul
    peak_memory_per_machine: "每台机器的峰值内存 / N²",
    budget_n: "预算 / N²",
    numbers_sent_per_machine: "每台机器发送的数据量 / N²",
    max_error_against_direct: "与直接矩阵乘的最大误差",
    each_machine_holds_one: "四台机器各放 A、B 的一个块（N/2 × N/2），机器 (i,j) 负责 C_ij。先算一次乘积，再与邻居交换 A、B 的块，再算一次。常驻 3 个块 = 3/4 N²；交换需要接收缓冲：整块（峰值 N²）或分成半块（峰值 7/8 N²）。",
    memory_per_machine_times: "每台机器的内存（N² 的倍数：1 或 0.875）",
    seed_for_random_matrices: "随机矩阵的种子",
    memory_in_use_on: "每一步各机器占用的内存（单位：数）",
    step: "步骤",
    // conv_matmul
    kernel_k: "卷积核 k",
    stride: "步长",
    output_shape_c_out: "输出形状 C_out H_out W_out",
    im2col_matrix_rows_c: "im2col 矩阵：行（C_in·k·k）列（H_out·W_out）",
    weight_matrix_c_out: "权重矩阵：C_out × (C_in·k·k)",
    convolution_fully_connected_and: "卷积、全连接、1×1 卷积、均值池化、推理时的 BN 都是线性映射，可以写成矩阵乘；最大池化（选择）、ReLU 等逐元素非线性不行。一个矩阵乘 M 满足 M(x + y) = Mx + My，而 max 不满足。",
    max_difference_gemm_vs: "矩阵乘与直接卷积的最大差",
    mean_pooling_as_convolution: "均值池化作为权重 1/k² 的卷积，与直接求平均的最大差",
    max_pooling_is_not: "最大池化不是线性的：max(x + y) 与 max x + max y",
    // mlp
    hidden_layer_h_w1: "隐藏层 h = σ(W1 x + b1)",
    output_w2_h_b2: "输出 ŷ = W2 h + b2",
    loss_l_y: "损失 L = ½(ŷ − y)²",
    l_w1_1_x: "∂L/∂W1 = δ1 xᵀ（按行展开）",
    l_b1_1_w2: "∂L/∂b1 = δ1 = (W2ᵀ δ2) ⊙ h(1 − h)",
    l_w2_2_h: "∂L/∂W2 = δ2 hᵀ，δ2 = ŷ − y",
    gradient_check_max_relative: "梯度检查：与中心差分的最大相对差",
    w2_after_one_sgd: "一步 SGD 后的 W2",
    loss_after_one_sgd: "一步 SGD 后的损失",
    one_hidden_layer_mlp: "单隐藏层 MLP：sigmoid 隐藏层，线性输出，平方损失。矩阵的行用 ; 分隔。",
    target_y: "目标 y",
    // dropout_bn
    one_sampled_mask_1: "一次采样的掩码（1 = 保留）",
    its_output_kept_values: "这次的输出（保留的值除以 1 − p）",
    batch_mean_biased_variance: "batch 均值 / 有偏方差",
    training_output_this_batch: "训练模式输出（用本 batch 的统计量）",
    running_mean_running_var: "一步之后的 running_mean running_var（从 0、1 开始，方差无偏）",
    batch_one_unbiased_variance: "batch 只有 1 个样本：无偏方差无定义（PyTorch 训练时会报错）",
    inference_output_running_statistics: "推理模式输出（用 running 统计量）",
    inverted_dropout_what_pytorch: "Inverted dropout（PyTorch 的做法）",
    activations_x: "激活值 x",
    drop_probability_p: "丢弃概率 p",
    monte_carlo_trials: "蒙特卡洛试验次数",
    in_training_kept_values: "训练时保留的值除以 1 − p，所以期望不变；推理时什么都不做。不做缩放的原始 dropout 则要在推理时乘以保留概率 1 − p。",
    batch_norm_training_vs: "Batch Norm：训练 vs 推理",
    one_channel_s_batch: "一个通道的 batch",
    with_batch_one_x: "batch 只有 1 个样本时，x − μ = 0，所有输出都等于 β：网络什么也学不到。这时用 GroupNorm/LayerNorm，或冻结 BN。",
    mean_output_over_all: "所有试验的平均输出（应接近 x）",
};

static EN: LabStrings = LabStrings {
    // mod
    no_lab_named: "No lab named ",
    all_labs: "All labs",
    questions_that_use_this: "Questions that use this lab",
    numeric_labs: "Numeric labs",
    // float_lab
    normal: "normal",
    subnormal: "subnormal",
    zero: "zero",
    infinity: "infinity",
    bits: "bits ",
    sign: " · sign ",
    exponent: " · exponent ",
    unbiased: "unbiased",
    exact_value_stored: "Exact value stored",
    in_word: "in",
    result_exact_value: "Result (exact value)",
    x_may_be_decimal: "x may be a decimal or a hex bit pattern of the chosen format (such as f32 0x50138581). Both operands are first stored in the format; the operation then rounds to nearest, ties to even (IEEE 754).",
    operation: "Operation",
    format: "Format",
    ulp_at_x_gap: "ULP at x (gap to the next representable value)",
    previous_next_representable_value: "Previous / next representable value",
    smallest_positive_y_with: "Smallest positive y with x + y ≠ x (swamping threshold)",
    exact_result: "Exact result: ",
    exact_result_is_representable: "The exact result is representable: no rounding.",
    it_lies_between_two: "It lies between two neighbouring representable values: ",
    and: "and",
    exactly_halfway_g_1: "Exactly halfway (G=1, R=S=0): ties to even, the neighbour whose last bit is 0 wins.",
    more_than_halfway_g: "More than halfway (G=1 and R or S set): round away from zero.",
    less_than_halfway_g: "Less than halfway (G=0): truncate toward zero.",
    overflow_beyond_largest_finite: "Overflow: beyond the largest finite value, the result is infinity.",
    underflow_result_is_subnormal: "Underflow: the result is subnormal or zero and lost precision.",
    how_it_rounds: "How it rounds",
    yes: "yes",
    no: "no",
    same_operation_in_all: "The same operation in all four formats: the value each format stores, as the shortest decimal that reads back as the same f64",
    result: "result",
    result_x: "result ≠ x",
    // mixed_precision
    fp16_only_final_w: "(a) fp16 only: final w",
    step_at_which_fp16: "Step at which the fp16 weight stops changing",
    never: "never",
    b_fp16_update_fp32: "(b) fp16 update, fp32 master weight: final w",
    c_fp32_only_final: "(c) fp32 only: final w",
    exact_w_n_lr: "Exact w − N·lr·g",
    small_gradient_cast_to: "The small gradient cast to fp16",
    multiplied_by_scale_cast: "Multiplied by scale, cast to fp16, divided back in fp32",
    which_steps_must_stay: "Which steps must stay in fp32",
    master_weights_and_update: "Master weights and the update: an update below half the weight's ULP is rounded away in fp16 (run (a) above).",
    optimizer_states_adam_s: "Optimizer states (Adam's m and v): v holds squared gradients, which underflow to 0 in fp16.",
    loss_and_softmax_log: "The loss and softmax / log-sum-exp: exponentials overflow and logs lose precision.",
    reductions_and_accumulations_matmul: "Reductions and accumulations (matmul accumulators, BN/LayerNorm statistics, long sums): large sums swallow small terms.",
    loss_scaling_keeps_small: "Loss scaling keeps small gradients from underflowing in fp16; bf16 has fp32's exponent range and usually needs no scaling, but less precision.",
    initial_weight_w: "Initial weight w",
    learning_rate_lr: "Learning rate lr",
    gradient_g: "Gradient g",
    steps_n: "Steps N",
    tiny_gradient: "A tiny gradient",
    loss_scale: "Loss scale",
    each_step_does_w: "Each step does w ← w − lr·g. Compare three ways of doing it after N steps.",
    // perp_foot
    point_a: "Point a (on the line)",
    point_b: "Point b (on the line)",
    point_c: "Point c (drop the perpendicular from here)",
    t_on_line: "t (d = a + t(b − a))",
    foot_d: "Foot d",
    distance_c_d: "Distance |c − d|",
    d_on_segment_ab: "d on segment ab (0 ≤ t ≤ 1)",
    report_s_cosine_route: "The report's cosine route (signed cos θ)",
    undefined_angle_when_c: "undefined angle when c = a",
    cosine_route_with_ad: "Cosine route with |ad| as a length (sign lost)",
    projection_t_c_b: "The projection t = (c − a)·(b − a) / |b − a|² needs no square root; the cosine route computes two lengths only to divide them out, and must keep the sign when θ is obtuse.",
    enter_2d_or_3d: "Enter 2D or 3D coordinates such as 1,1 or 0,0,1. In 2D you can drag the points in the figure.",
    line_through_and_b: "The line through a and b, point c and its foot d",
    // eigen_perm
    q_column_j_is: "Q (column j is the eigenvector of lj)",
    q_columns_reordered_by: "Q' (columns reordered by perm)",
    enter_symmetric_matrix_rows: "Enter a symmetric matrix (rows separated by ;, entries by ,; up to 8×8) and a new order of L's diagonal. perm=3,1,0,2 means L' = diag(l3, l1, l0, l2).",
    symmetric_matrix_s: "Symmetric matrix S",
    new_order_l_perm: "New order of L (perm)",
    eigenvalues_l0_l_n: "Eigenvalues l0 … l(n−1), ascending",
    diagonal_l: "Diagonal of L'",
    q_column_k_comes: "Q' column k comes from Q column",
    reconstruction_error_max_q: "Reconstruction error max|Q'L'Q'ᵀ − S|",
    if_q_is_left: "If Q is left unchanged: error",
    if_q_s_rows: "If Q's rows are permuted instead: error",
    why_s_l_q: "Why: S = Σⱼ lⱼ qⱼ qⱼᵀ is a sum of rank-one terms in any order; as long as each eigenvalue moves with its eigenvector (a column of Q), S is unchanged. Q' = QP and L' = PᵀLP.",
    // nms
    type_boxes_instead: "Type boxes instead",
    random_boxes_from_seed: "Random boxes from a seed",
    greedy_nms_keeps_input: "Greedy NMS keeps (input indices, 0-based)",
    parallel_form_matrix_sequential: "Parallel form (matrix + sequential scan) keeps",
    same_result: "Same result",
    iou_evaluations_greedy_sequential: "IoU evaluations: greedy (sequential) / parallel (all independent)",
    higher_scores_are_kept: "Higher scores are kept first; a box whose IoU with a kept box is strictly greater than the threshold is suppressed (torchvision's rule). Equal scores keep input order.",
    seed: "Seed",
    number_boxes: "Number of boxes",
    boxes_x1_y1_x2: "Boxes: x1,y1,x2,y2,score separated by ;",
    iou_threshold: "IoU threshold",
    suppression_matrix_is_drawn: "The suppression matrix is drawn for at most this many boxes:",
    suppression_matrix_m_rows: "Suppression matrix M (rows and columns in score order; 1 = row suppresses column; upper triangle only)",
    indices_and_scores_are: "Indices and scores are written on the boxes when there are at most this many:",
    kept_boxes_solid_and: "Kept boxes (solid) and suppressed boxes (dashed)",
    // losses
    mse_loss_cross_entropy: "MSE loss / cross-entropy loss",
    numerical_gradient_central_difference: "Numerical gradient (central difference)",
    mse_s_gradient_carries: "MSE's gradient carries the factor σ'(z) = s(1 − s): when the sigmoid saturates (large |z|) the gradient is almost 0 even for a completely wrong prediction. Cross-entropy's gradient (s − y) has no such factor: the more wrong, the larger the gradient.",
    weight_w: "Weight w",
    input_x: "Input x",
    bias_b: "Bias b",
    target_y_0_to: "Target y (0 to 1)",
    plot_z_from: "Plot z from",
    plot_z_to: "Plot z to",
    l_z_against_z: "|∂L/∂z| against z for MSE and cross-entropy",
    // optimizers
    final_point_x_y: "final point x y (loss)",
    diverged_at_step: "diverged at step",
    bytes_per_parameter_fp32: "Bytes per parameter (fp32 state) and total memory (GB = 10⁹ bytes, activations excluded)",
    state: "State",
    fp32_training_total: "fp32 training total",
    mixed_precision_total: "Mixed precision total",
    mixed_precision_gb: "Mixed precision GB",
    adam_keeps_two_fp32: "Adam keeps two fp32 states m and v per parameter (8 bytes); in mixed precision the total is 16 bytes: fp16 weights 2 + fp16 grads 2 + fp32 master 4 + m 4 + v 4.",
    loss_surface: "Loss surface",
    ill_conditioned_quadratic_x: "Ill-conditioned quadratic ½(x² + 25y²)",
    learning_rate: "Learning rate",
    steps_up_to_10: "Steps (up to 10,000)",
    start_x_y: "Start x,y",
    number_parameters: "Number of parameters",
    paths_three_optimizers_on: "Paths of the three optimizers on the loss surface",
    // dist_matmul
    peak_memory_per_machine: "Peak memory per machine / N²",
    budget_n: "Budget / N²",
    numbers_sent_per_machine: "Numbers sent per machine / N²",
    max_error_against_direct: "Max error against the direct product",
    each_machine_holds_one: "Each machine holds one block (N/2 × N/2) of A and of B, and machine (i,j) owns C_ij. Multiply once, swap the A and B blocks with neighbours, multiply again. Three resident blocks are 3/4 N²; the swap needs a receive buffer: a whole block (peak N²) or half a block at a time (peak 7/8 N²).",
    memory_per_machine_times: "Memory per machine (times N²: 1 or 0.875)",
    seed_for_random_matrices: "Seed for the random matrices",
    memory_in_use_on: "Memory in use on each machine at each step (numbers)",
    step: "Step",
    // conv_matmul
    kernel_k: "Kernel k",
    stride: "Stride",
    output_shape_c_out: "Output shape C_out H_out W_out",
    im2col_matrix_rows_c: "im2col matrix: rows (C_in·k·k), columns (H_out·W_out)",
    weight_matrix_c_out: "Weight matrix: C_out × (C_in·k·k)",
    convolution_fully_connected_and: "Convolution, fully connected and 1×1 convolution layers, mean pooling and inference-time BN are linear maps, so they are matrix products; max pooling (a selection) and element-wise non-linearities such as ReLU are not. A matrix M satisfies M(x + y) = Mx + My; max does not.",
    max_difference_gemm_vs: "Max difference, GEMM vs direct convolution",
    mean_pooling_as_convolution: "Mean pooling as a convolution with weights 1/k² vs the direct average: max difference",
    max_pooling_is_not: "Max pooling is not linear: max(x + y) vs max x + max y",
    // mlp
    hidden_layer_h_w1: "Hidden layer h = σ(W1 x + b1)",
    output_w2_h_b2: "Output ŷ = W2 h + b2",
    loss_l_y: "Loss L = ½(ŷ − y)²",
    l_w1_1_x: "∂L/∂W1 = δ1 xᵀ (row by row)",
    l_b1_1_w2: "∂L/∂b1 = δ1 = (W2ᵀ δ2) ⊙ h(1 − h)",
    l_w2_2_h: "∂L/∂W2 = δ2 hᵀ, δ2 = ŷ − y",
    gradient_check_max_relative: "Gradient check: max relative difference from central differences",
    w2_after_one_sgd: "W2 after one SGD step",
    loss_after_one_sgd: "Loss after one SGD step",
    one_hidden_layer_mlp: "A one-hidden-layer MLP: sigmoid hidden layer, linear output, squared loss. Matrix rows are separated by ;.",
    target_y: "Target y",
    // dropout_bn
    one_sampled_mask_1: "One sampled mask (1 = kept)",
    its_output_kept_values: "Its output (kept values divided by 1 − p)",
    batch_mean_biased_variance: "Batch mean / biased variance",
    training_output_this_batch: "Training output (this batch's statistics)",
    running_mean_running_var: "running_mean running_var after one step (from 0 and 1; unbiased variance)",
    batch_one_unbiased_variance: "batch of one: the unbiased variance is undefined (PyTorch raises an error in training)",
    inference_output_running_statistics: "Inference output (running statistics)",
    inverted_dropout_what_pytorch: "Inverted dropout (what PyTorch does)",
    activations_x: "Activations x",
    drop_probability_p: "Drop probability p",
    monte_carlo_trials: "Monte Carlo trials",
    in_training_kept_values: "In training kept values are divided by 1 − p, so the expectation is unchanged; at inference nothing is done. Non-inverted dropout instead multiplies by the keep probability 1 − p at inference.",
    batch_norm_training_vs: "Batch norm: training vs inference",
    one_channel_s_batch: "One channel's batch",
    with_batch_one_x: "With a batch of one, x − μ = 0 and every output equals β: nothing can be learned. Use GroupNorm/LayerNorm, or freeze BN.",
    mean_output_over_all: "Mean output over all trials (close to x)",
};

/// The labs' fixed words in `lang`.
pub fn lab_strings(lang: Lang) -> &'static LabStrings {
    match lang {
        Lang::Zh => &ZH,
        Lang::En => &EN,
    }
}

/// The first step of an addition's rounding trace: aligning the exponents,
/// `shift` apart.
pub fn align_exponents(lang: Lang, shift: i32) -> String {
    match lang {
        Lang::Zh => format!("对阶：两数阶码相差 {shift}，较小的数右移 {} 位与较大的数对齐。", shift.abs()),
        Lang::En => format!(
            "Align exponents: they differ by {shift}, so the smaller operand is shifted right by {} bits.",
            shift.abs()
        ),
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
