//! The labs' words shown around their numbers: what each lab is about.

use ail_labs::Lab;

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
