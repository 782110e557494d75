//! Question variants drawn from a seed.
//!
//! A bank item of kind `generated` names a generator and, optionally,
//! parameter ranges. [`instantiate_question`] turns it into an ordinary
//! question (numeric, ordering or choice) for one seed, with the numbers in
//! the prompt, the key computed by the lab code, and a worked solution.
//!
//! # Determinism
//! The seed in the URL (`#/q/<id>?seed=<u64>`) is mixed with the question
//! and part ids by [`slot_seed`] (FNV-1a 64 of `"<question>#<part>"`, xor
//! the seed, one SplitMix64 step), so a variant depends on the seed and the
//! ids only: not on the bank's order, the platform or the build. Every draw
//! then comes from SplitMix64 ([`crate::numeric::rng`]), whose constants
//! are fixed. Generators use only integer draws and exactly rounded
//! arithmetic to pick their numbers, so native and wasm builds agree.
//!
//! # Non-degeneracy
//! Each generator redraws until its instance is well posed (no `a == b`,
//! no tie that makes the answer depend on a convention, no overflow unless
//! overflow is the point); the tests prove it over 10,000 seeds.

pub mod check;
mod float;
mod geometry;
mod training;

use std::collections::BTreeMap;

use crate::bank::{Kind, Param, Question, Text};
use crate::numeric::rng::SplitMix64;

/// A generated question for one seed.
#[derive(Debug, Clone, PartialEq)]
pub struct Instance {
    /// The numbers of this variant, as Markdown with `$…$` math.
    pub prompt: Text,
    /// A concrete, gradable kind (never `open` or `generated`).
    pub kind: Kind,
    /// The worked solution.
    pub explanation: Text,
    /// The lab route (`slug?query`) that shows this variant's computation.
    pub lab: Option<String>,
    /// The drawn inputs by name, as written in the prompt (tests recompute
    /// the key from these independently).
    pub inputs: Vec<(&'static str, String)>,
}

/// What a parameter may hold.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum ParamKind {
    /// Whole numbers in `[min, max]`; the default range is `default`.
    Int {
        min: i64,
        max: i64,
        default: (i64, i64),
    },
    /// Choices from `options`; the default set is `default`.
    Choice {
        options: &'static [&'static str],
        default: &'static [&'static str],
    },
}

/// One parameter a generator reads.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ParamSpec {
    pub name: &'static str,
    pub kind: ParamKind,
    /// One line for the README and error messages.
    pub help: &'static str,
}

/// A generator: its name, what it asks, its parameters and its code.
pub struct Generator {
    pub name: &'static str,
    /// What the variants ask, in English (for docs and errors).
    pub about: &'static str,
    pub params: &'static [ParamSpec],
    /// Draws one instance; `None` if this draw is degenerate (the caller redraws).
    draw: fn(&Params, &mut SplitMix64) -> Option<Instance>,
}

impl std::fmt::Debug for Generator {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Generator")
            .field("name", &self.name)
            .finish()
    }
}

/// Every generator, by name.
pub const GENERATORS: &[Generator] = &[
    float::STORED_VALUE,
    float::SUM,
    float::ULP,
    float::OVERFLOW,
    float::UNDERFLOW,
    geometry::PERP_FOOT,
    geometry::EIGEN_PERM,
    geometry::IOU,
    geometry::NMS_SURVIVORS,
    training::CE_MSE_GRADIENT,
    training::ADAM_STEP,
    training::CONV_OUTPUT_SHAPE,
    training::DIST_MATMUL_MEMORY,
    training::BN_OUTPUT,
];

/// The generator called `name`.
pub fn generator(name: &str) -> Option<&'static Generator> {
    GENERATORS.iter().find(|g| g.name == name)
}

/// How many draws a generator gets before a seed is declared impossible
/// (only reachable with parameter ranges too narrow to be well posed).
pub const MAX_DRAWS: usize = 1000;

/// A bad `params` entry: which one and what is wrong.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParamError {
    /// The parameter name (empty for the generator name itself).
    pub param: String,
    pub message: String,
}

/// Parameters checked against a generator's specs, defaults filled in.
#[derive(Debug, Clone, PartialEq)]
pub struct Params {
    ints: BTreeMap<&'static str, (i64, i64)>,
    choices: BTreeMap<&'static str, Vec<String>>,
}

impl Params {
    /// The range of an integer parameter.
    pub fn range(&self, name: &str) -> (i64, i64) {
        self.ints.get(name).copied().unwrap_or((0, 0))
    }

    /// Draws an integer parameter.
    pub fn draw_int(&self, name: &str, rng: &mut SplitMix64) -> i64 {
        let (lo, hi) = self.range(name);
        int_in(rng, lo, hi)
    }

    /// Draws one of a choice parameter's values.
    pub fn draw_choice(&self, name: &str, rng: &mut SplitMix64) -> &str {
        match self.choices.get(name) {
            Some(c) if !c.is_empty() => &c[rng.below(c.len() as u64) as usize],
            _ => "",
        }
    }
}

/// Uniform integer in `[lo, hi]` (`lo` if the range is empty).
pub fn int_in(rng: &mut SplitMix64, lo: i64, hi: i64) -> i64 {
    if hi <= lo {
        return lo;
    }
    lo + rng.below((hi - lo) as u64 + 1) as i64
}

/// Checks `given` against `gen`'s specs: unknown names, wrong types,
/// values out of bounds, `min > max`, unknown choices. Every problem is listed.
pub fn resolve(
    gen: &Generator,
    given: &BTreeMap<String, Param>,
) -> Result<Params, Vec<ParamError>> {
    let mut errors = Vec::new();
    let err = |param: &str, message: String| ParamError {
        param: param.to_string(),
        message,
    };
    for name in given.keys() {
        if !gen.params.iter().any(|p| p.name == name) {
            let known: Vec<&str> = gen.params.iter().map(|p| p.name).collect();
            errors.push(err(
                name,
                format!(
                    "`{}` has no parameter `{name}` (it takes: {})",
                    gen.name,
                    if known.is_empty() {
                        "none".to_string()
                    } else {
                        known.join(", ")
                    }
                ),
            ));
        }
    }
    let mut out = Params {
        ints: BTreeMap::new(),
        choices: BTreeMap::new(),
    };
    for spec in gen.params {
        let value = given.get(spec.name);
        match spec.kind {
            ParamKind::Int { min, max, default } => {
                let range = match value {
                    None => Some(default),
                    Some(Param::Number(v)) => whole(*v).map(|v| (v, v)),
                    Some(Param::Range([a, b])) => whole(*a).zip(whole(*b)),
                    Some(_) => None,
                };
                match range {
                    None => errors.push(err(
                        spec.name,
                        format!(
                            "needs a whole number or a range [min, max] of whole numbers ({})",
                            spec.help
                        ),
                    )),
                    Some((lo, hi)) if lo > hi => errors.push(err(
                        spec.name,
                        format!("the range [{lo}, {hi}] is empty: min is greater than max"),
                    )),
                    Some((lo, hi)) if lo < min || hi > max => errors.push(err(
                        spec.name,
                        format!("[{lo}, {hi}] is outside the allowed [{min}, {max}]"),
                    )),
                    Some(r) => {
                        out.ints.insert(spec.name, r);
                    }
                }
            }
            ParamKind::Choice { options, default } => {
                let picked: Option<Vec<String>> = match value {
                    None => Some(default.iter().map(|s| s.to_string()).collect()),
                    Some(Param::Word(w)) => Some(vec![w.clone()]),
                    Some(Param::Words(ws)) => Some(ws.clone()),
                    Some(_) => None,
                };
                match picked {
                    None => errors.push(err(
                        spec.name,
                        format!("needs one of {} or a list of them", options.join(", ")),
                    )),
                    Some(ws) if ws.is_empty() => {
                        errors.push(err(spec.name, "the list of choices is empty".into()))
                    }
                    Some(ws) => {
                        let bad: Vec<&String> = ws
                            .iter()
                            .filter(|w| !options.contains(&w.as_str()))
                            .collect();
                        if bad.is_empty() {
                            out.choices.insert(spec.name, ws);
                        } else {
                            errors.push(err(
                                spec.name,
                                format!(
                                    "unknown choice `{}`: expected one of {}",
                                    bad[0],
                                    options.join(", ")
                                ),
                            ));
                        }
                    }
                }
            }
        }
    }
    if errors.is_empty() {
        Ok(out)
    } else {
        Err(errors)
    }
}

fn whole(v: f64) -> Option<i64> {
    (v.fract() == 0.0 && v.abs() < 1e15).then_some(v as i64)
}

/// Why a variant could not be made.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum GenError {
    /// No generator has this name; `known` lists those that exist (kept in
    /// the error so showing it does not reach for the registry, which would
    /// link every generator into the first-load app).
    UnknownGenerator {
        name: String,
        known: Vec<&'static str>,
    },
    BadParams(Vec<ParamError>),
    /// No well-posed instance in [`MAX_DRAWS`] draws: the ranges are too narrow.
    NoInstance {
        generator: String,
    },
}

impl std::fmt::Display for GenError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            GenError::UnknownGenerator { name, known } => {
                write!(
                    f,
                    "unknown generator `{name}`: expected one of {}",
                    known.join(", ")
                )
            }
            GenError::BadParams(errors) => {
                let parts: Vec<String> = errors
                    .iter()
                    .map(|e| format!("`{}`: {}", e.param, e.message))
                    .collect();
                f.write_str(&parts.join("; "))
            }
            GenError::NoInstance { generator } => write!(
                f,
                "`{generator}` found no well-posed variant in {MAX_DRAWS} draws: widen the parameter ranges"
            ),
        }
    }
}

/// One variant of `name` with `params` for `seed`.
pub fn instantiate(
    name: &str,
    params: &BTreeMap<String, Param>,
    seed: u64,
) -> Result<Instance, GenError> {
    let gen = generator(name).ok_or_else(|| GenError::UnknownGenerator {
        name: name.to_string(),
        known: GENERATORS.iter().map(|g| g.name).collect(),
    })?;
    let resolved = resolve(gen, params).map_err(GenError::BadParams)?;
    let mut rng = SplitMix64::new(seed);
    for _ in 0..MAX_DRAWS {
        if let Some(inst) = (gen.draw)(&resolved, &mut rng) {
            return Ok(inst);
        }
    }
    Err(GenError::NoInstance {
        generator: name.to_string(),
    })
}

/// FNV-1a, 64-bit: a fixed, documented hash of the ids.
pub fn fnv1a64(bytes: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in bytes {
        h ^= b as u64;
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    h
}

/// The seed of one slot: `part` is `""` for the question itself.
pub fn slot_seed(seed: u64, question: &str, part: &str) -> u64 {
    let key = format!("{question}#{part}");
    SplitMix64::new(seed ^ fnv1a64(key.as_bytes())).next_u64()
}

/// Whether a question has anything generated (and so uses a seed).
pub fn has_generated(q: &Question) -> bool {
    std::iter::once(&q.kind)
        .chain(q.parts.iter().map(|p| &p.kind))
        .any(|k| matches!(k, Kind::Generated { .. }))
}

/// A question with every generated slot drawn for `seed`.
#[derive(Debug, Clone, PartialEq)]
pub struct Variant {
    /// The question, with only concrete kinds.
    pub question: Question,
    /// Lab route (`slug?query`) per slot: index 0 the question, 1.. its parts.
    pub labs: Vec<Option<String>>,
}

/// Draws every generated slot of `q` for `seed`. The item's own prompt
/// comes first, then the generated numbers; the worked solution comes
/// before the item's own explanation. Errors name the slot's field path.
pub fn instantiate_question(q: &Question, seed: u64) -> Result<Variant, (String, GenError)> {
    let mut out = q.clone();
    let mut labs = vec![None; q.parts.len() + 1];
    if let Kind::Generated { generator, params } = &q.kind {
        let inst = instantiate(generator, params, slot_seed(seed, &q.id, ""))
            .map_err(|e| ("kind".to_string(), e))?;
        out.prompt = join(&q.prompt, &inst.prompt);
        out.explanation = join(&inst.explanation, &q.explanation);
        out.kind = inst.kind;
        labs[0] = inst.lab;
    }
    for (i, part) in q.parts.iter().enumerate() {
        if let Kind::Generated { generator, params } = &part.kind {
            let inst = instantiate(generator, params, slot_seed(seed, &q.id, &part.id))
                .map_err(|e| (format!("parts[{i}].kind"), e))?;
            let p = &mut out.parts[i];
            p.prompt = join(&part.prompt, &inst.prompt);
            p.explanation = join(&inst.explanation, &part.explanation);
            p.kind = inst.kind;
            labs[i + 1] = inst.lab;
        }
    }
    Ok(Variant {
        question: out,
        labs,
    })
}

fn join(first: &Text, second: &Text) -> Text {
    let j = |a: &str, b: &str| match (a.trim().is_empty(), b.trim().is_empty()) {
        (true, _) => b.to_string(),
        (_, true) => a.to_string(),
        _ => format!("{a}\n\n{b}"),
    };
    Text {
        zh: j(&first.zh, &second.zh),
        en: j(&first.en, &second.en),
    }
}

/// Both languages from one template each.
pub(crate) fn text(zh: String, en: String) -> Text {
    Text { zh, en }
}

/// `m·10^e` for a formula: a plain decimal when short, else `d.ddd \times 10^{k}`.
pub(crate) fn sci_tex(m: i64, e: i64) -> String {
    let digits = m.unsigned_abs().to_string();
    let k = e + digits.len() as i64 - 1;
    if (-4..=6).contains(&k) {
        return format!("{m}e{e}")
            .parse::<f64>()
            .map(num)
            .unwrap_or_default();
    }
    let sign = if m < 0 { "-" } else { "" };
    let rest = digits[1..].trim_end_matches('0');
    let mant = if rest.is_empty() {
        digits[..1].to_string()
    } else {
        format!("{}.{rest}", &digits[..1])
    };
    format!("{sign}{mant} \\times 10^{{{k}}}")
}

/// A number as the prompts and keys print it: shortest round-trip decimal.
pub(crate) fn num(x: f64) -> String {
    ail_labs::fmt_num(x)
}

#[cfg(test)]
mod tests;
