//! A small LaTeX math parser that produces a MathML Core tree.
//!
//! It accepts a documented subset (see docs/authoring.md and the tables
//! below) and refuses everything else with an error that names the byte
//! offset and the problem. We parse into our own tree rather than use a
//! crate's HTML output so that (a) nothing from content can ever become
//! markup: `\text` and `\operatorname` arguments are plain text leaves,
//! and (b) the wasm stays small. The UI turns the tree into MathML nodes
//! one element at a time.
//!
//! Styled letters (`\mathbf`, `\mathbb`, `\mathcal`, `\boldsymbol`) become
//! Unicode mathematical alphanumerics, because MathML Core (what Chromium
//! implements) ignores `mathvariant` other than `normal`.

use serde::Serialize;
use std::fmt;

/// Brackets MathML's operator dictionary makes stretchy: drawn with
/// `stretchy="false"` unless they are the fences of `\left…\right`.
pub const BRACKETS: &[&str] = &[
    "(", ")", "[", "]", "{", "}", "|", "‖", "⟨", "⟩", "⌊", "⌋", "⌈", "⌉",
];

/// Deepest group nesting accepted; deeper input is refused, not recursed into.
pub const MAX_DEPTH: usize = 48;
/// Longest formula accepted, in bytes.
pub const MAX_LEN: usize = 4000;

/// One MathML Core element (or a row of them).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub enum MathNode {
    /// `<mrow>`: a horizontal group.
    Row(Vec<MathNode>),
    /// `<mi>`: an identifier. `upright` adds `mathvariant="normal"` (single letters
    /// are italic by default in MathML).
    Ident { text: String, upright: bool },
    /// `<mn>`: a number literal.
    Number(String),
    /// `<mo>`: an operator, relation, bracket or separator. `large` marks
    /// ∑ ∏ ∫; `fence` marks the delimiters of `\left`, `\middle`, `\right`
    /// and of matrices, which stretch to what they enclose (other brackets
    /// keep their natural size, as in LaTeX).
    Operator {
        text: String,
        large: bool,
        fence: bool,
    },
    /// `<mtext>`: plain text from `\text{...}`.
    Text(String),
    /// `<mspace width="..em">`.
    Space(f32),
    /// `<mfrac>`.
    Frac(Box<MathNode>, Box<MathNode>),
    /// `<msqrt>`.
    Sqrt(Box<MathNode>),
    /// `<mroot>`: base, index.
    Root(Box<MathNode>, Box<MathNode>),
    /// `<msub>`.
    Sub(Box<MathNode>, Box<MathNode>),
    /// `<msup>`.
    Sup(Box<MathNode>, Box<MathNode>),
    /// `<msubsup>`.
    SubSup(Box<MathNode>, Box<MathNode>, Box<MathNode>),
    /// `<mover accent="true">`: base and the accent character.
    Accent(Box<MathNode>, String),
    /// `<munder>`: base and what goes under it (`\underbrace`, `\underset`).
    Under(Box<MathNode>, Box<MathNode>),
    /// `<mover>`: base and what goes over it (`\overset`, `\stackrel`).
    Over(Box<MathNode>, Box<MathNode>),
    /// `<munderover>`: base, under, over (`\sum_{i=1}^{n}` in display style).
    UnderOver(Box<MathNode>, Box<MathNode>, Box<MathNode>),
    /// `\binom{n}{k}`: `<mfrac linethickness="0">` in parentheses.
    Binom(Box<MathNode>, Box<MathNode>),
    /// `\boxed`, `\cancel`: `<mrow class="…">` drawn by the page's CSS
    /// (MathML Core has no `<menclose>`; a class is not a style attribute,
    /// so the CSP allows it).
    Enclose(Box<MathNode>, Enclosure),
    /// `<mtable>` wrapped in optional fences (`pmatrix`, `cases`, ...).
    Table {
        rows: Vec<Vec<MathNode>>,
        open: String,
        close: String,
        left_aligned: bool,
    },
}

/// How [`MathNode::Enclose`] marks its content: each a CSS class of the
/// page (`static/style.css`), from this fixed list only.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum Enclosure {
    /// `\boxed`: a frame.
    Box,
    /// `\cancel`: a stroke from bottom left to top right.
    Cancel,
    /// `\bcancel`: a stroke from top left to bottom right.
    BCancel,
    /// `\xcancel`: both strokes.
    XCancel,
}

impl Enclosure {
    /// The CSS class that draws it.
    pub fn class(self) -> &'static str {
        match self {
            Enclosure::Box => "enclose-box",
            Enclosure::Cancel => "enclose-cancel",
            Enclosure::BCancel => "enclose-bcancel",
            Enclosure::XCancel => "enclose-xcancel",
        }
    }
}

/// Why a formula was refused, with the byte offset into the formula.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct LatexError {
    /// Byte offset in the formula source where the problem was found.
    pub offset: usize,
    /// What is wrong, in words an author can act on.
    pub message: String,
}

impl fmt::Display for LatexError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} (at byte {})", self.message, self.offset)
    }
}

impl std::error::Error for LatexError {}

/// Parses one formula (the text between the dollar signs).
///
/// Errors: unknown commands or environments, unbalanced braces, a script
/// with no argument, `\left` without `\right`, nesting deeper than
/// [`MAX_DEPTH`], input longer than [`MAX_LEN`].
pub fn parse(src: &str) -> Result<MathNode, LatexError> {
    parse_in(src, false)
}

/// Parses a display formula (`$$…$$`): as [`parse`], in display style.
pub fn parse_display(src: &str) -> Result<MathNode, LatexError> {
    parse_in(src, true)
}

fn parse_in(src: &str, display: bool) -> Result<MathNode, LatexError> {
    if src.len() > MAX_LEN {
        return Err(LatexError {
            offset: 0,
            message: format!(
                "formula is {} bytes long; the limit is {MAX_LEN}",
                src.len()
            ),
        });
    }
    let mut p = Parser {
        src,
        pos: 0,
        depth: 0,
        display,
        limits: None,
        limit_words: Vec::new(),
    };
    let row = p.row(Stop::End)?;
    Ok(MathNode::Row(row))
}

/// What ends the row being parsed.
#[derive(Clone, Copy, PartialEq)]
enum Stop {
    End,
    Brace,
    Right,
    Env,
    Bracket,
}

/// How a row parse ended (for environments and `\left`).
enum Ended {
    Normal,
    Cell,
    Line,
}

struct Parser<'a> {
    src: &'a str,
    pos: usize,
    depth: usize,
    /// Display style: large operators and `\lim`-like functions take their
    /// scripts under and over (`$$…$$`, `\displaystyle`, `\dfrac`).
    display: bool,
    /// `\limits` or `\nolimits` just before a script: overrides `display`.
    limits: Option<bool>,
    /// Words of `\operatorname*`, which take limits like `\lim`.
    limit_words: Vec<String>,
}

const GREEK: &[(&str, char)] = &[
    ("alpha", 'α'),
    ("beta", 'β'),
    ("gamma", 'γ'),
    ("delta", 'δ'),
    ("epsilon", 'ϵ'),
    ("varepsilon", 'ε'),
    ("zeta", 'ζ'),
    ("eta", 'η'),
    ("theta", 'θ'),
    ("iota", 'ι'),
    ("kappa", 'κ'),
    ("lambda", 'λ'),
    ("mu", 'μ'),
    ("nu", 'ν'),
    ("xi", 'ξ'),
    ("pi", 'π'),
    ("rho", 'ρ'),
    ("sigma", 'σ'),
    ("tau", 'τ'),
    ("phi", 'ϕ'),
    ("varphi", 'φ'),
    ("chi", 'χ'),
    ("psi", 'ψ'),
    ("omega", 'ω'),
    ("Gamma", 'Γ'),
    ("Delta", 'Δ'),
    ("Theta", 'Θ'),
    ("Lambda", 'Λ'),
    ("Xi", 'Ξ'),
    ("Pi", 'Π'),
    ("Sigma", 'Σ'),
    ("Phi", 'Φ'),
    ("Psi", 'Ψ'),
    ("Omega", 'Ω'),
    ("vartheta", 'ϑ'),
    ("varrho", 'ϱ'),
    ("varsigma", 'ς'),
    ("varpi", 'ϖ'),
    ("upsilon", 'υ'),
    ("omicron", 'ο'),
    ("Upsilon", 'Υ'),
];

const SYMBOLS: &[(&str, &str)] = &[
    ("cdot", "⋅"),
    ("times", "×"),
    ("div", "÷"),
    ("pm", "±"),
    ("mp", "∓"),
    ("le", "≤"),
    ("leq", "≤"),
    ("ge", "≥"),
    ("geq", "≥"),
    ("ne", "≠"),
    ("neq", "≠"),
    ("approx", "≈"),
    ("equiv", "≡"),
    ("sim", "∼"),
    ("propto", "∝"),
    ("to", "→"),
    ("rightarrow", "→"),
    ("leftarrow", "←"),
    ("Rightarrow", "⇒"),
    ("Leftarrow", "⇐"),
    ("Leftrightarrow", "⇔"),
    ("iff", "⟺"),
    ("implies", "⟹"),
    ("mapsto", "↦"),
    ("partial", "∂"),
    ("nabla", "∇"),
    ("in", "∈"),
    ("notin", "∉"),
    ("subset", "⊂"),
    ("subseteq", "⊆"),
    ("cup", "∪"),
    ("cap", "∩"),
    ("forall", "∀"),
    ("exists", "∃"),
    ("ldots", "…"),
    ("cdots", "⋯"),
    ("vdots", "⋮"),
    ("ddots", "⋱"),
    ("odot", "⊙"),
    ("otimes", "⊗"),
    ("oplus", "⊕"),
    ("circ", "∘"),
    ("mid", "∣"),
    ("ll", "≪"),
    ("gg", "≫"),
    ("langle", "⟨"),
    ("rangle", "⟩"),
    ("lVert", "‖"),
    ("rVert", "‖"),
    ("|", "‖"),
    ("{", "{"),
    ("}", "}"),
    ("lfloor", "⌊"),
    ("rfloor", "⌋"),
    ("lceil", "⌈"),
    ("rceil", "⌉"),
    ("top", "⊤"),
    ("prime", "′"),
    ("ast", "∗"),
    ("star", "⋆"),
    ("neg", "¬"),
    ("land", "∧"),
    ("lor", "∨"),
    ("%", "%"),
    ("$", "$"),
    ("#", "#"),
    ("&", "&"),
    ("_", "_"),
    ("dots", "…"),
    ("dotsc", "…"),
    ("dotso", "…"),
    ("dotsb", "⋯"),
    ("dotsm", "⋯"),
    ("dotsi", "⋯"),
    ("parallel", "∥"),
    ("nparallel", "∦"),
    ("perp", "⊥"),
    ("gets", "←"),
    ("leftrightarrow", "↔"),
    ("uparrow", "↑"),
    ("downarrow", "↓"),
    ("longrightarrow", "⟶"),
    ("longleftarrow", "⟵"),
    ("Longrightarrow", "⟹"),
    ("Longleftarrow", "⟸"),
    ("longmapsto", "⟼"),
    ("hookrightarrow", "↪"),
    ("simeq", "≃"),
    ("cong", "≅"),
    ("asymp", "≍"),
    ("doteq", "≐"),
    ("triangleq", "≜"),
    ("coloneqq", "≔"),
    ("prec", "≺"),
    ("succ", "≻"),
    ("preceq", "⪯"),
    ("succeq", "⪰"),
    ("lesssim", "≲"),
    ("gtrsim", "≳"),
    ("leqslant", "⩽"),
    ("geqslant", "⩾"),
    ("supset", "⊃"),
    ("supseteq", "⊇"),
    ("subsetneq", "⊊"),
    ("ni", "∋"),
    ("nexists", "∄"),
    ("setminus", "∖"),
    ("bullet", "∙"),
    ("ominus", "⊖"),
    ("oslash", "⊘"),
    ("uplus", "⊎"),
    ("sqcup", "⊔"),
    ("vee", "∨"),
    ("wedge", "∧"),
    ("lnot", "¬"),
    ("dagger", "†"),
    ("ddagger", "‡"),
    ("vdash", "⊢"),
    ("models", "⊨"),
    ("colon", ":"),
    ("vert", "|"),
    ("Vert", "‖"),
    ("lvert", "|"),
    ("rvert", "|"),
    ("diamond", "⋄"),
];

/// Identifiers that stand alone rather than operators.
const ORDINARY: &[(&str, &str)] = &[
    ("infty", "∞"),
    ("emptyset", "∅"),
    ("varnothing", "∅"),
    ("ell", "ℓ"),
    ("hbar", "ℏ"),
    ("aleph", "ℵ"),
    ("Re", "ℜ"),
    ("Im", "ℑ"),
    ("wp", "℘"),
    ("imath", "ı"),
    ("jmath", "ȷ"),
    ("angle", "∠"),
    ("triangle", "△"),
    ("degree", "°"),
];

const LARGE_OPS: &[(&str, &str)] = &[
    ("sum", "∑"),
    ("prod", "∏"),
    ("coprod", "∐"),
    ("int", "∫"),
    ("iint", "∬"),
    ("iiint", "∭"),
    ("oint", "∮"),
    ("bigcup", "⋃"),
    ("bigcap", "⋂"),
    ("bigvee", "⋁"),
    ("bigwedge", "⋀"),
    ("bigoplus", "⨁"),
    ("bigotimes", "⨂"),
];

const FUNCTIONS: &[&str] = &[
    "log", "ln", "lg", "exp", "sin", "cos", "tan", "cot", "sec", "csc", "sinh", "cosh", "tanh",
    "coth", "arcsin", "arccos", "arctan", "max", "min", "arg", "det", "dim", "ker", "hom", "deg",
    "gcd", "lim", "sup", "inf", "sgn", "Pr",
];

/// Functions that take limits in display style (`\lim_{n \to \infty}`).
const LIMIT_FUNCTIONS: &[&str] = &[
    "lim", "lim inf", "lim sup", "max", "min", "sup", "inf", "det", "gcd", "Pr",
];

const SPACES: &[(&str, f32)] = &[
    (",", 0.1667),
    (":", 0.2222),
    (";", 0.2778),
    (" ", 0.25),
    (">", 0.2222),
    ("thinspace", 0.1667),
    ("medspace", 0.2222),
    ("thickspace", 0.2778),
    ("enspace", 0.5),
    ("quad", 1.0),
    ("qquad", 2.0),
    ("!", 0.0),
];

/// A space's width for MathML (`0.1667em`, `1em`): at most four decimals,
/// as in [`SPACES`], written with integer formatting only, which keeps
/// float formatting (about 4 KB) out of the first-load app.
pub fn em(w: f32) -> String {
    let n = (w.abs() * 10_000.0).round() as u32;
    let sign = if w < 0.0 && n != 0 { "-" } else { "" };
    let (int, frac) = (n / 10_000, n % 10_000);
    if frac == 0 {
        format!("{sign}{int}em")
    } else {
        let digits = format!("{frac:04}");
        format!("{sign}{int}.{}em", digits.trim_end_matches('0'))
    }
}

const ACCENTS: &[(&str, &str)] = &[
    ("hat", "^"),
    ("bar", "ˉ"),
    ("tilde", "~"),
    ("vec", "⃗"),
    ("dot", "˙"),
    ("overline", "‾"),
];

#[derive(Clone, Copy)]
enum Style {
    Bold,
    BoldItalic,
    DoubleStruck,
    Script,
    Upright,
    Italic,
}

impl<'a> Parser<'a> {
    fn err<T>(&self, offset: usize, message: impl Into<String>) -> Result<T, LatexError> {
        Err(LatexError {
            offset,
            message: message.into(),
        })
    }

    fn peek(&self) -> Option<char> {
        self.src[self.pos..].chars().next()
    }

    fn bump(&mut self) -> Option<char> {
        let c = self.peek()?;
        self.pos += c.len_utf8();
        Some(c)
    }

    fn skip_ws(&mut self) {
        while matches!(self.peek(), Some(c) if c.is_whitespace()) {
            self.bump();
        }
    }

    fn enter(&mut self) -> Result<(), LatexError> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return self.err(
                self.pos,
                format!("formula nests deeper than {MAX_DEPTH} levels"),
            );
        }
        Ok(())
    }

    /// Reads a command name after a backslash: letters, or one other character.
    fn command_name(&mut self) -> Result<&'a str, LatexError> {
        let start = self.pos;
        match self.peek() {
            Some(c) if c.is_ascii_alphabetic() => {
                while matches!(self.peek(), Some(c) if c.is_ascii_alphabetic()) {
                    self.bump();
                }
            }
            Some(_) => {
                self.bump();
            }
            None => return self.err(start - 1, "a lone backslash ends the formula"),
        }
        Ok(&self.src[start..self.pos])
    }

    fn row(&mut self, stop: Stop) -> Result<Vec<MathNode>, LatexError> {
        let (nodes, _) = self.row_ended(stop)?;
        Ok(nodes)
    }

    fn row_ended(&mut self, stop: Stop) -> Result<(Vec<MathNode>, Ended), LatexError> {
        let (nodes, ended, infix) = self.row_infix(stop)?;
        let nodes = space_after_functions(nodes);
        Ok(match infix {
            // `{n \choose k}`: what came before over what came after.
            Some((kind, top)) => {
                let (a, b) = (Box::new(MathNode::Row(top)), Box::new(MathNode::Row(nodes)));
                (
                    vec![if kind == "choose" {
                        MathNode::Binom(a, b)
                    } else {
                        MathNode::Frac(a, b)
                    }],
                    ended,
                )
            }
            None => (nodes, ended),
        })
    }

    /// A row as written, and the infix command (`\choose`, `\over`) that
    /// split it with what came before it.
    #[allow(clippy::type_complexity)]
    fn row_infix(
        &mut self,
        stop: Stop,
    ) -> Result<(Vec<MathNode>, Ended, Option<(&'a str, Vec<MathNode>)>), LatexError> {
        self.enter()?;
        let mut nodes: Vec<MathNode> = Vec::new();
        let mut infix: Option<(&'a str, Vec<MathNode>)> = None;
        loop {
            self.skip_ws();
            let start = self.pos;
            let Some(c) = self.peek() else {
                return match stop {
                    Stop::End => {
                        self.depth -= 1;
                        Ok((nodes, Ended::Normal, infix))
                    }
                    Stop::Brace => self.err(start, "missing closing brace `}`"),
                    Stop::Right => self.err(start, "`\\left` without a matching `\\right`"),
                    Stop::Env => self.err(start, "environment is missing its `\\end{...}`"),
                    Stop::Bracket => self.err(start, "missing `]` after `\\sqrt[`"),
                };
            };
            match c {
                '}' => {
                    if stop == Stop::Brace {
                        self.bump();
                        self.depth -= 1;
                        return Ok((nodes, Ended::Normal, infix));
                    }
                    return self.err(start, "unexpected `}` with no matching `{`");
                }
                ']' if stop == Stop::Bracket => {
                    self.bump();
                    self.depth -= 1;
                    return Ok((nodes, Ended::Normal, infix));
                }
                '&' => {
                    if stop == Stop::Env {
                        self.bump();
                        self.depth -= 1;
                        return Ok((nodes, Ended::Cell, infix));
                    }
                    return self.err(
                        start,
                        "`&` is only allowed inside a matrix or aligned environment",
                    );
                }
                '^' | '_' => {
                    self.bump();
                    let limits = self.limits.take();
                    let arg = self.argument(if c == '^' { "`^`" } else { "`_`" })?;
                    let base = nodes.pop().unwrap_or(MathNode::Row(Vec::new()));
                    let limits = limits.unwrap_or(self.display && self.takes_limits(&base));
                    let node =
                        attach_script(base, c == '^', arg, limits).map_err(|m| LatexError {
                            offset: start,
                            message: m,
                        })?;
                    nodes.push(node);
                }
                '{' => {
                    self.bump();
                    // A style switch inside a group ends with it.
                    let display = self.display;
                    let inner = self.row(Stop::Brace);
                    self.display = display;
                    nodes.push(MathNode::Row(inner?));
                }
                '\\' => {
                    self.bump();
                    let name = self.command_name()?;
                    match name {
                        "\\" => {
                            if stop == Stop::Env {
                                self.depth -= 1;
                                return Ok((nodes, Ended::Line, infix));
                            }
                            return self.err(
                                start,
                                "`\\\\` line breaks are only allowed inside environments",
                            );
                        }
                        "right" => {
                            if stop == Stop::Right {
                                self.depth -= 1;
                                return Ok((nodes, Ended::Normal, infix));
                            }
                            return self.err(start, "`\\right` without a matching `\\left`");
                        }
                        "end" => {
                            if stop == Stop::Env {
                                self.pos = start; // let the environment read its name
                                self.depth -= 1;
                                return Ok((nodes, Ended::Normal, infix));
                            }
                            return self.err(start, "`\\end` without a matching `\\begin`");
                        }
                        "limits" | "nolimits" => self.limits = Some(name == "limits"),
                        "choose" | "over" | "atop" => {
                            if infix.is_some() {
                                return self.err(start, format!("a second `\\{name}` in one group: group each, as in `{{a \\over b}}`"));
                            }
                            infix = Some((name, std::mem::take(&mut nodes)));
                        }
                        "displaystyle" | "textstyle" | "scriptstyle" | "scriptscriptstyle" => {
                            self.display = name == "displaystyle";
                        }
                        _ => {
                            let node = self.command(name, start)?;
                            nodes.push(node);
                        }
                    }
                }
                '0'..='9' | '.' if self.number_ahead() => {
                    let s = self.pos;
                    while matches!(self.peek(), Some(d) if d.is_ascii_digit()) {
                        self.bump();
                    }
                    // `50{,}000` is one number, as in KaTeX.
                    while self.src[self.pos..].starts_with("{,}")
                        && self.src[self.pos + 3..].starts_with(|d: char| d.is_ascii_digit())
                    {
                        self.pos += 3;
                        while matches!(self.peek(), Some(d) if d.is_ascii_digit()) {
                            self.bump();
                        }
                    }
                    // A decimal point, even with no digit after it (`1.f`), as in KaTeX.
                    if self.peek() == Some('.') {
                        self.bump();
                        while matches!(self.peek(), Some(d) if d.is_ascii_digit()) {
                            self.bump();
                        }
                    }
                    nodes.push(MathNode::Number(self.src[s..self.pos].replace("{,}", ",")));
                }
                '%' => {
                    return self.err(
                        start,
                        "`%` starts a comment in LaTeX; write `\\%` for a percent sign",
                    )
                }
                '#' | '$' => return self.err(start, format!("`{c}` is not allowed in a formula")),
                '~' => {
                    self.bump();
                    nodes.push(MathNode::Space(0.25));
                }
                '\'' => {
                    self.bump();
                    let base = nodes.pop().unwrap_or(MathNode::Row(Vec::new()));
                    let node = match base {
                        // `f''`: one superscript of two primes.
                        MathNode::Sup(x, p) if is_primes(&p) => {
                            MathNode::Sup(x, Box::new(append(*p, op("′"))))
                        }
                        base => MathNode::Sup(Box::new(base), Box::new(op("′"))),
                    };
                    nodes.push(node);
                }
                c if c.is_alphabetic() => {
                    self.bump();
                    nodes.push(MathNode::Ident {
                        text: c.to_string(),
                        upright: false,
                    });
                }
                c => {
                    self.bump();
                    nodes.push(MathNode::Operator {
                        text: operator_char(c).to_string(),
                        large: false,
                        fence: false,
                    });
                }
            }
        }
    }

    fn number_ahead(&self) -> bool {
        let rest = &self.src[self.pos..];
        rest.starts_with(|c: char| c.is_ascii_digit())
            || (rest.starts_with('.') && rest[1..].starts_with(|c: char| c.is_ascii_digit()))
    }

    /// The argument of a command or script: a `{group}`, a command, or one character.
    fn argument(&mut self, what: &str) -> Result<MathNode, LatexError> {
        self.skip_ws();
        let start = self.pos;
        match self.peek() {
            None | Some('}') | Some('&') | Some('^') | Some('_') => {
                self.err(start, format!("{what} needs an argument"))
            }
            Some('{') => {
                self.bump();
                Ok(MathNode::Row(self.row(Stop::Brace)?))
            }
            Some('\\') => {
                self.bump();
                let name = self.command_name()?;
                if matches!(name, "\\" | "right" | "end" | "left" | "begin") {
                    return self.err(start, format!("{what} needs an argument"));
                }
                // A command as an argument (`\hat\hat x`) nests like a group.
                self.enter()?;
                let node = self.command(name, start)?;
                self.depth -= 1;
                Ok(node)
            }
            Some(c) if c.is_ascii_digit() => {
                self.bump();
                Ok(MathNode::Number(c.to_string()))
            }
            Some(c) if c.is_alphabetic() => {
                self.bump();
                Ok(MathNode::Ident {
                    text: c.to_string(),
                    upright: false,
                })
            }
            Some(c) => {
                self.bump();
                Ok(op(&operator_char(c).to_string()))
            }
        }
    }

    /// Reads `{...}` as raw text (for `\text`, `\operatorname`, `\begin`).
    fn raw_group(&mut self, what: &str) -> Result<&'a str, LatexError> {
        self.skip_ws();
        let start = self.pos;
        if self.peek() != Some('{') {
            return self.err(start, format!("{what} needs a `{{...}}` argument"));
        }
        self.bump();
        let inner_start = self.pos;
        let mut level = 0usize;
        loop {
            match self.bump() {
                None => return self.err(start, format!("{what}: missing closing brace `}}`")),
                Some('\\') => {
                    self.bump();
                }
                Some('{') => level += 1,
                Some('}') if level == 0 => return Ok(&self.src[inner_start..self.pos - 1]),
                Some('}') => level -= 1,
                Some(_) => {}
            }
        }
    }

    fn command(&mut self, name: &str, start: usize) -> Result<MathNode, LatexError> {
        if let Some((_, c)) = GREEK.iter().find(|(n, _)| *n == name) {
            let upright = c.is_uppercase();
            return Ok(MathNode::Ident {
                text: c.to_string(),
                upright,
            });
        }
        if let Some((_, s)) = SYMBOLS.iter().find(|(n, _)| *n == name) {
            return Ok(op(s));
        }
        if let Some((_, s)) = ORDINARY.iter().find(|(n, _)| *n == name) {
            return Ok(MathNode::Ident {
                text: (*s).to_string(),
                upright: true,
            });
        }
        if let Some((_, s)) = LARGE_OPS.iter().find(|(n, _)| *n == name) {
            return Ok(MathNode::Operator {
                text: (*s).to_string(),
                large: true,
                fence: false,
            });
        }
        if FUNCTIONS.contains(&name) {
            return Ok(MathNode::Ident {
                text: name.to_string(),
                upright: true,
            });
        }
        if let Some((_, w)) = SPACES.iter().find(|(n, _)| *n == name) {
            return Ok(MathNode::Space(*w));
        }
        if let Some((_, a)) = ACCENTS.iter().find(|(n, _)| *n == name) {
            let base = self.argument(&format!("`\\{name}`"))?;
            return Ok(MathNode::Accent(Box::new(base), (*a).to_string()));
        }
        match name {
            "frac" | "dfrac" | "tfrac" => {
                // `\dfrac` sets its parts in display style, `\tfrac` in text
                // style; `\frac` keeps the formula's (as KaTeX's MathML does:
                // MathML draws limits in a fraction as scripts by itself).
                let style = match name {
                    "dfrac" => true,
                    "tfrac" => false,
                    _ => self.display,
                };
                let display = std::mem::replace(&mut self.display, style);
                let parts = self
                    .argument("`\\frac` numerator")
                    .and_then(|num| Ok((num, self.argument("`\\frac` denominator")?)));
                self.display = display;
                let (num, den) = parts?;
                Ok(MathNode::Frac(Box::new(num), Box::new(den)))
            }
            "sqrt" => {
                self.skip_ws();
                if self.peek() == Some('[') {
                    self.bump();
                    let index = self.row(Stop::Bracket)?;
                    let base = self.argument("`\\sqrt`")?;
                    Ok(MathNode::Root(
                        Box::new(base),
                        Box::new(MathNode::Row(index)),
                    ))
                } else {
                    Ok(MathNode::Sqrt(Box::new(self.argument("`\\sqrt`")?)))
                }
            }
            // Text styles are plain text: MathML Core draws `<mtext>` in the
            // text font and has no bold or italic for it without a style
            // attribute, which the page's CSP forbids.
            "text" | "textrm" | "textnormal" | "textbf" | "textit" | "textsf" | "texttt"
            | "textup" | "mbox" => {
                let raw = self.raw_group(&format!("`\\{name}`"))?;
                Ok(MathNode::Text(unescape_text(raw)))
            }
            "liminf" | "limsup" => Ok(MathNode::Ident {
                text: format!("lim {}", &name[3..]),
                upright: true,
            }),
            "bmod" => Ok(MathNode::Row(vec![
                MathNode::Space(0.2222),
                word("mod"),
                MathNode::Space(0.2222),
            ])),
            "pmod" | "pod" => {
                let arg = self.argument(&format!("`\\{name}`"))?;
                let mut row = vec![MathNode::Space(1.0), op("(")];
                if name == "pmod" {
                    row.extend([word("mod"), MathNode::Space(0.3333)]);
                }
                row.extend([arg, op(")")]);
                Ok(MathNode::Row(row))
            }
            "underbrace" | "overbrace" | "underline" => {
                let base = self.argument(&format!("`\\{name}`"))?;
                Ok(match name {
                    "underbrace" => MathNode::Under(Box::new(base), Box::new(op("⏟"))),
                    "overbrace" => MathNode::Over(Box::new(base), Box::new(op("⏞"))),
                    _ => MathNode::Under(Box::new(base), Box::new(op("‾"))),
                })
            }
            "overset" | "stackrel" | "underset" => {
                let script = self.argument(&format!("`\\{name}` script"))?;
                let base = self.argument(&format!("`\\{name}` base"))?;
                Ok(if name == "underset" {
                    MathNode::Under(Box::new(base), Box::new(script))
                } else {
                    MathNode::Over(Box::new(base), Box::new(script))
                })
            }
            "xrightarrow" | "xleftarrow" => {
                self.skip_ws();
                let below = if self.peek() == Some('[') {
                    self.bump();
                    Some(MathNode::Row(self.row(Stop::Bracket)?))
                } else {
                    None
                };
                let above = self.argument(&format!("`\\{name}`"))?;
                let arrow = op(if name == "xrightarrow" { "→" } else { "←" });
                let over = MathNode::Over(Box::new(arrow), Box::new(above));
                Ok(match below {
                    Some(b) => MathNode::Under(Box::new(over), Box::new(b)),
                    None => over,
                })
            }
            "middle" => {
                let d = self.delimiter("\\middle")?;
                Ok(MathNode::Operator {
                    text: d.to_string(),
                    large: false,
                    fence: true,
                })
            }
            "boxed" | "cancel" | "bcancel" | "xcancel" => {
                let body = self.argument(&format!("`\\{name}`"))?;
                let e = match name {
                    "boxed" => Enclosure::Box,
                    "cancel" => Enclosure::Cancel,
                    "bcancel" => Enclosure::BCancel,
                    _ => Enclosure::XCancel,
                };
                Ok(MathNode::Enclose(Box::new(body), e))
            }
            "kern" | "mkern" | "hskip" | "mskip" => {
                // `\kern1em`, `\kern{3pt}`, `\mkern 18mu`.
                self.skip_ws();
                let raw = if self.peek() == Some('{') {
                    self.raw_group(&format!("`\\{name}`"))?
                } else {
                    let from = self.pos;
                    while matches!(self.peek(), Some(c) if c.is_ascii_digit() || c == '.' || c == '-')
                    {
                        self.bump();
                    }
                    while matches!(self.peek(), Some(c) if c.is_ascii_alphabetic()) {
                        self.bump();
                    }
                    &self.src[from..self.pos]
                };
                match em_length(raw) {
                    Some(w) => Ok(MathNode::Space(w)),
                    None => self.err(
                        start,
                        format!("`\\{name}{raw}`: write a length such as `1em`, `3pt` or `18mu`"),
                    ),
                }
            }
            "binom" | "dbinom" | "tbinom" => {
                let n = self.argument(&format!("`\\{name}` top"))?;
                let k = self.argument(&format!("`\\{name}` bottom"))?;
                Ok(MathNode::Binom(Box::new(n), Box::new(k)))
            }
            "mathop" => {
                let arg = self.argument("`\\mathop`")?;
                Ok(restyle(arg, Style::Upright))
            }
            // As an argument (`x^\displaystyle`), a style switch is empty.
            "displaystyle" | "textstyle" | "scriptstyle" | "scriptscriptstyle" | "limits"
            | "nolimits" => Ok(MathNode::Row(Vec::new())),
            // Colours need a style attribute, which the CSP forbids: the
            // content renders in the page's colour (docs/authoring.md).
            "color" => {
                self.colour_name(start)?;
                Ok(MathNode::Row(Vec::new()))
            }
            "textcolor" => {
                self.colour_name(start)?;
                self.argument("`\\textcolor`")
            }
            "hspace" => {
                self.skip_ws();
                if self.peek() == Some('*') {
                    self.bump();
                }
                let raw = self.raw_group("`\\hspace`")?;
                match em_length(raw) {
                    Some(w) => Ok(MathNode::Space(w)),
                    None => self.err(
                        start,
                        format!("`\\hspace{{{raw}}}`: write a length such as `1em`, `0.5ex`, `3pt` or `18mu`"),
                    ),
                }
            }
            "operatorname" => {
                // `\operatorname*` takes limits in display style, like `\lim`.
                self.skip_ws();
                let star = self.peek() == Some('*');
                if star {
                    self.bump();
                }
                let raw = self.raw_group("`\\operatorname`")?;
                let text = operator_name(raw);
                if star {
                    self.limit_words.push(text.clone());
                }
                Ok(MathNode::Ident {
                    text,
                    upright: true,
                })
            }
            "mathrm" => self.styled(name, Style::Upright),
            "mathit" => self.styled(name, Style::Italic),
            "mathbf" => self.styled(name, Style::Bold),
            "boldsymbol" => self.styled(name, Style::BoldItalic),
            "mathbb" => self.styled(name, Style::DoubleStruck),
            "mathcal" => self.styled(name, Style::Script),
            "left" => self.left_right(start),
            "begin" => self.environment(start),
            _ => self.err(start, format!("unknown or unsupported command `\\{name}`")),
        }
    }

    /// Whether `base` takes its scripts under and over in display style.
    fn takes_limits(&self, base: &MathNode) -> bool {
        match base {
            // The second script of `\sum_{i=1}^{n}`.
            MathNode::Under(x, _) | MathNode::Over(x, _) => self.takes_limits(x),
            MathNode::Operator {
                text, large: true, ..
            } => !matches!(text.as_str(), "∫" | "∬" | "∭" | "∮"),
            MathNode::Ident {
                text,
                upright: true,
            } => LIMIT_FUNCTIONS.contains(&text.as_str()) || self.limit_words.contains(text),
            _ => false,
        }
    }

    /// Reads a colour's name (`{red}`, `{#1f77b4}`), which is checked and
    /// then dropped.
    fn colour_name(&mut self, start: usize) -> Result<(), LatexError> {
        let raw = self.raw_group("`\\color`")?;
        let ok = !raw.is_empty()
            && raw.len() <= 20
            && raw.chars().all(|c| c.is_ascii_alphanumeric() || c == '#');
        if ok {
            Ok(())
        } else {
            self.err(start, format!("`{raw}` is not a colour name"))
        }
    }

    fn styled(&mut self, name: &str, style: Style) -> Result<MathNode, LatexError> {
        let arg = self.argument(&format!("`\\{name}`"))?;
        Ok(restyle(arg, style))
    }

    fn delimiter(&mut self, after: &str) -> Result<&'static str, LatexError> {
        self.skip_ws();
        let start = self.pos;
        let d = match self.bump() {
            Some('(') => "(",
            Some(')') => ")",
            Some('[') => "[",
            Some(']') => "]",
            Some('|') => "|",
            Some('.') => "",
            Some('\\') => match self.command_name()? {
                "{" => "{",
                "}" => "}",
                "|" | "lVert" | "rVert" | "Vert" => "‖",
                "vert" | "lvert" | "rvert" => "|",
                "langle" => "⟨",
                "rangle" => "⟩",
                "lfloor" => "⌊",
                "rfloor" => "⌋",
                "lceil" => "⌈",
                "rceil" => "⌉",
                other => {
                    return self.err(start, format!("`\\{other}` cannot follow `{after}`"));
                }
            },
            _ => {
                return self.err(
                    start,
                    format!("`{after}` must be followed by a delimiter such as `(`"),
                )
            }
        };
        Ok(d)
    }

    fn left_right(&mut self, _start: usize) -> Result<MathNode, LatexError> {
        let open = self.delimiter("\\left")?;
        let body = self.row(Stop::Right)?;
        let close = self.delimiter("\\right")?;
        let mut row = Vec::with_capacity(body.len() + 2);
        if !open.is_empty() {
            row.push(MathNode::Operator {
                text: open.to_string(),
                large: false,
                fence: true,
            });
        }
        row.push(MathNode::Row(body));
        if !close.is_empty() {
            row.push(MathNode::Operator {
                text: close.to_string(),
                large: false,
                fence: true,
            });
        }
        Ok(MathNode::Row(row))
    }

    fn environment(&mut self, start: usize) -> Result<MathNode, LatexError> {
        let name = self.raw_group("`\\begin`")?;
        let (open, close, left_aligned) = match name {
            "pmatrix" => ("(", ")", false),
            "bmatrix" => ("[", "]", false),
            "Bmatrix" => ("{", "}", false),
            "vmatrix" => ("|", "|", false),
            "Vmatrix" => ("‖", "‖", false),
            "matrix" | "smallmatrix" | "gathered" => ("", "", false),
            "cases" => ("{", "", true),
            "rcases" => ("", "}", true),
            "aligned" => ("", "", true),
            "array" => {
                // A column spec such as `{cc|l}`: its letters must be l, c
                // or r; columns all `l` are drawn left-aligned.
                let spec_at = self.pos;
                let spec = self.raw_group("`\\begin{array}`")?;
                let cols: Vec<char> = spec.chars().filter(|c| !matches!(c, '|' | ' ')).collect();
                if cols.is_empty() || cols.iter().any(|c| !matches!(c, 'l' | 'c' | 'r')) {
                    return self.err(
                        spec_at,
                        format!("`{{{spec}}}`: an array's columns are written with l, c, r and |"),
                    );
                }
                ("", "", cols.iter().all(|c| *c == 'l'))
            }
            other => {
                return self.err(
                    start,
                    format!("unknown or unsupported environment `{other}`"),
                )
            }
        };
        self.enter()?;
        // Matrices and cases set their cells in text style, aligned and
        // gathered equations in display style (as LaTeX does).
        let display = std::mem::replace(&mut self.display, matches!(name, "aligned" | "gathered"));
        let table = self.table(name, open, close, left_aligned);
        self.display = display;
        table
    }

    /// The rows of an environment's table, up to its `\end{name}`.
    fn table(
        &mut self,
        name: &str,
        open: &str,
        close: &str,
        left_aligned: bool,
    ) -> Result<MathNode, LatexError> {
        let mut rows: Vec<Vec<MathNode>> = Vec::new();
        let mut cells: Vec<MathNode> = Vec::new();
        loop {
            let (nodes, ended) = self.row_ended(Stop::Env)?;
            cells.push(MathNode::Row(nodes));
            match ended {
                Ended::Cell => {}
                Ended::Line => rows.push(std::mem::take(&mut cells)),
                Ended::Normal => {
                    // At `\end{...}`: the row parser stopped at its backslash.
                    self.bump();
                    self.command_name()?;
                    let end_at = self.pos;
                    let end_name = self.raw_group("`\\end`")?;
                    if end_name != name {
                        return self.err(
                            end_at,
                            format!("`\\begin{{{name}}}` is closed by `\\end{{{end_name}}}`"),
                        );
                    }
                    let trailing_empty =
                        cells.len() == 1 && matches!(&cells[0], MathNode::Row(r) if r.is_empty());
                    if !trailing_empty || rows.is_empty() {
                        rows.push(cells);
                    }
                    self.depth -= 1;
                    return Ok(MathNode::Table {
                        rows,
                        open: open.into(),
                        close: close.into(),
                        left_aligned,
                    });
                }
            }
        }
    }
}

/// An upright word operator such as `mod`.
fn word(w: &str) -> MathNode {
    MathNode::Ident {
        text: w.to_string(),
        upright: true,
    }
}

/// A length for `\hspace` in em: `em`, `ex` (0.431 em, KaTeX's x-height),
/// `pt` (1/10 em at 10 pt) or `mu` (1/18 em). Between -10 and 10 em.
fn em_length(raw: &str) -> Option<f32> {
    let raw = raw.trim();
    let split = raw.find(|c: char| c.is_ascii_alphabetic())?;
    let (n, unit) = raw.split_at(split);
    let n: f32 = n.trim().parse().ok()?;
    let em = match unit.trim() {
        "em" => n,
        "ex" => n * 0.431,
        "pt" => n / 10.0,
        "mu" => n / 18.0,
        _ => return None,
    };
    (em.is_finite() && em.abs() <= 10.0).then_some(em)
}

/// The character an operator typed as `c` is drawn with: the minus sign
/// (U+2212) for a hyphen, as KaTeX, MathJax and Temml write it (MathML
/// Core leaves a hyphen in `<mo>` to the font, and Chromium draws a short
/// dash); `*` as the asterisk operator (U+2217).
fn operator_char(c: char) -> char {
    match c {
        '-' => '\u{2212}',
        '*' => '\u{2217}',
        c => c,
    }
}

fn op(s: &str) -> MathNode {
    MathNode::Operator {
        text: s.to_string(),
        large: false,
        fence: false,
    }
}

/// `\log p`, `\max_i x`: a thin space between a function's name (with its
/// scripts) and what it applies to, as LaTeX sets it; none before a bracket
/// or an operator (`\log(x)`, `\max = 1`).
fn space_after_functions(nodes: Vec<MathNode>) -> Vec<MathNode> {
    fn is_function(n: &MathNode) -> bool {
        match n {
            MathNode::Ident {
                text,
                upright: true,
            } => text.chars().count() > 1,
            MathNode::Sub(b, _) | MathNode::Sup(b, _) | MathNode::SubSup(b, _, _) => is_function(b),
            MathNode::Under(b, _) | MathNode::Over(b, _) | MathNode::UnderOver(b, _, _) => {
                is_function(b)
            }
            _ => false,
        }
    }
    let mut out = Vec::with_capacity(nodes.len());
    let mut after_function = false;
    for n in nodes {
        if after_function && !matches!(n, MathNode::Operator { .. } | MathNode::Space(_)) {
            out.push(MathNode::Space(0.1667));
        }
        after_function = is_function(&n);
        out.push(n);
    }
    out
}

/// Whether `n` is the brace of `\underbrace` or `\overbrace`.
fn is_brace(n: &MathNode) -> bool {
    matches!(n, MathNode::Operator { text, .. } if text == "⏟" || text == "⏞")
}

/// Whether a superscript holds only primes (from `'`).
fn is_primes(n: &MathNode) -> bool {
    match n {
        MathNode::Operator { text, .. } => text == "′",
        MathNode::Row(items) => !items.is_empty() && items.iter().all(is_primes),
        _ => false,
    }
}

fn append(row: MathNode, extra: MathNode) -> MathNode {
    match row {
        MathNode::Row(mut items) => {
            items.push(extra);
            MathNode::Row(items)
        }
        other => MathNode::Row(vec![other, extra]),
    }
}

fn attach_script(
    base: MathNode,
    sup: bool,
    arg: MathNode,
    limits: bool,
) -> Result<MathNode, String> {
    let b = Box::new;
    if limits {
        return Ok(match (base, sup) {
            (MathNode::Under(x, u), true) => MathNode::UnderOver(x, u, b(arg)),
            (MathNode::Over(x, o), false) => MathNode::UnderOver(x, b(arg), o),
            (MathNode::Over(..), true) | (MathNode::UnderOver(..), true) => {
                return Err("double superscript: group it, as in `{x^a}^b`".into())
            }
            (MathNode::Under(..), false) | (MathNode::UnderOver(..), false) => {
                return Err("double subscript: group it, as in `{x_a}_b`".into())
            }
            (base, true) => MathNode::Over(b(base), b(arg)),
            (base, false) => MathNode::Under(b(base), b(arg)),
        });
    }
    Ok(match (base, sup) {
        // The label of `\underbrace{…}_{…}` goes under the brace, of
        // `\overbrace{…}^{…}` over it.
        (MathNode::Under(x, u), false) if is_brace(&u) => {
            MathNode::Under(b(MathNode::Under(x, u)), b(arg))
        }
        (MathNode::Over(x, o), true) if is_brace(&o) => {
            MathNode::Over(b(MathNode::Over(x, o)), b(arg))
        }
        // `Q'^\top` is legal LaTeX: the primes and the superscript share one script.
        (MathNode::Sup(x, p), true) if is_primes(&p) => MathNode::Sup(x, b(append(*p, arg))),
        (MathNode::Sub(x, s), true) => MathNode::SubSup(x, s, b(arg)),
        (MathNode::Sup(x, p), false) => MathNode::SubSup(x, b(arg), p),
        (MathNode::Sup(..), true) | (MathNode::SubSup(..), true) => {
            return Err("double superscript: group it, as in `{x^a}^b`".into())
        }
        (MathNode::Sub(..), false) | (MathNode::SubSup(..), false) => {
            return Err("double subscript: group it, as in `{x_a}_b`".into())
        }
        (base, true) => MathNode::Sup(b(base), b(arg)),
        (base, false) => MathNode::Sub(b(base), b(arg)),
    })
}

/// An `\operatorname` name: its spacing commands become spaces of their
/// width (`arg\,max`: a thin space, as KaTeX), other escapes their character.
fn operator_name(raw: &str) -> String {
    let spaced = raw
        .replace("\\,", "\u{2009}")
        .replace("\\:", "\u{2005}")
        .replace("\\;", "\u{2004}")
        .replace("\\!", "");
    unescape_text(&spaced)
}

/// `\text{...}` content: backslash escapes of one character become that character.
fn unescape_text(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len());
    let mut chars = raw.chars();
    while let Some(c) = chars.next() {
        if c == '\\' {
            if let Some(n) = chars.next() {
                out.push(if n == ' ' { ' ' } else { n });
            }
        } else if c != '{' && c != '}' {
            out.push(c);
        }
    }
    out
}

fn restyle(node: MathNode, style: Style) -> MathNode {
    match node {
        MathNode::Ident { text, .. } => {
            let upright = matches!(style, Style::Upright);
            MathNode::Ident {
                text: text.chars().map(|c| style_char(c, style)).collect(),
                upright,
            }
        }
        MathNode::Number(n) => match style {
            Style::Bold | Style::BoldItalic => {
                MathNode::Number(n.chars().map(|c| style_char(c, Style::Bold)).collect())
            }
            _ => MathNode::Number(n),
        },
        MathNode::Row(items) => {
            MathNode::Row(items.into_iter().map(|n| restyle(n, style)).collect())
        }
        other => other,
    }
}

/// Maps an ASCII letter or digit to its Unicode mathematical alphanumeric form.
fn style_char(c: char, style: Style) -> char {
    let offset = |base: u32, first: char| char::from_u32(base + (c as u32 - first as u32));
    let mapped = match (style, c) {
        (Style::Bold, 'A'..='Z') => offset(0x1D400, 'A'),
        (Style::Bold, 'a'..='z') => offset(0x1D41A, 'a'),
        (Style::Bold, '0'..='9') => offset(0x1D7CE, '0'),
        (Style::BoldItalic, 'A'..='Z') => offset(0x1D468, 'A'),
        (Style::BoldItalic, 'a'..='z') => offset(0x1D482, 'a'),
        (Style::DoubleStruck, _) => match c {
            'C' => Some('ℂ'),
            'H' => Some('ℍ'),
            'N' => Some('ℕ'),
            'P' => Some('ℙ'),
            'Q' => Some('ℚ'),
            'R' => Some('ℝ'),
            'Z' => Some('ℤ'),
            'A'..='Z' => offset(0x1D538, 'A'),
            'a'..='z' => offset(0x1D552, 'a'),
            '0'..='9' => offset(0x1D7D8, '0'),
            _ => None,
        },
        (Style::Script, _) => match c {
            'B' => Some('ℬ'),
            'E' => Some('ℰ'),
            'F' => Some('ℱ'),
            'H' => Some('ℋ'),
            'I' => Some('ℐ'),
            'L' => Some('ℒ'),
            'M' => Some('ℳ'),
            'R' => Some('ℛ'),
            'A'..='Z' => offset(0x1D49C, 'A'),
            _ => None,
        },
        _ => None,
    };
    mapped.unwrap_or(c)
}

/// MathML element name of a node (used by the renderer and by tests).
pub fn tag_name(node: &MathNode) -> &'static str {
    match node {
        MathNode::Row(_) => "mrow",
        MathNode::Ident { .. } => "mi",
        MathNode::Number(_) => "mn",
        MathNode::Operator { .. } => "mo",
        MathNode::Text(_) => "mtext",
        MathNode::Space(_) => "mspace",
        MathNode::Frac(..) => "mfrac",
        MathNode::Sqrt(_) => "msqrt",
        MathNode::Root(..) => "mroot",
        MathNode::Sub(..) => "msub",
        MathNode::Sup(..) => "msup",
        MathNode::SubSup(..) => "msubsup",
        MathNode::Accent(..) | MathNode::Over(..) => "mover",
        MathNode::Under(..) => "munder",
        MathNode::UnderOver(..) => "munderover",
        MathNode::Binom(..) => "mfrac",
        MathNode::Enclose(..) => "mrow",
        MathNode::Table { .. } => "mtable",
    }
}

/// A compact, escaped MathML-like rendering of the tree, for tests and
/// debugging only (the app builds DOM nodes and never parses this).
pub fn debug_markup(node: &MathNode) -> String {
    markup(node, false)
}

/// [`debug_markup`] with the attributes the app writes (`ui::rich_text`):
/// MathML that renders as the page does, for the side-by-side page of
/// `tests/e2e/math_side_by_side.mjs`.
pub fn page_markup(node: &MathNode) -> String {
    markup(node, true)
}

/// The attributes of a node's own element, as the app writes them
/// (`ui::rich_text`) and [`page_markup`] prints them: upright single
/// letters, large operators, stretchy fences and brackets that keep their
/// size, accents, the rule-less fraction of `\binom`, the classes of
/// enclosures and left-aligned tables.
pub fn attributes(node: &MathNode) -> impl Iterator<Item = (&'static str, &'static str)> {
    let pair: [Option<(&'static str, &'static str)>; 2] = match node {
        MathNode::Ident {
            text,
            upright: true,
        } if text.chars().count() == 1 => [Some(("mathvariant", "normal")), None],
        MathNode::Operator { text, large, fence } => [
            large.then_some(("largeop", "true")),
            if *fence {
                Some(("fence", "true"))
            } else if BRACKETS.contains(&text.as_str()) {
                // Not a `\left…\right` fence: MathML's operator dictionary
                // would stretch it (visible with a math font).
                Some(("stretchy", "false"))
            } else {
                None
            },
        ],
        MathNode::Accent(..) => [Some(("accent", "true")), None],
        MathNode::Binom(..) => [Some(("linethickness", "0")), None],
        MathNode::Enclose(_, e) => [Some(("class", e.class())), None],
        MathNode::Table {
            left_aligned: true, ..
        } => [Some(("class", "left")), None],
        _ => [None, None],
    };
    pair.into_iter().flatten()
}

fn markup(node: &MathNode, attrs: bool) -> String {
    fn esc(s: &str) -> String {
        s.replace('&', "&amp;")
            .replace('<', "&lt;")
            .replace('>', "&gt;")
    }
    fn go(n: &MathNode, out: &mut String, attrs: bool) {
        let tag = tag_name(n);
        // Only [`page_markup`] prints attributes, except an enclosure's
        // class, which says what the tree holds.
        let a: String = if attrs || matches!(n, MathNode::Enclose(..)) {
            attributes(n)
                .map(|(k, v)| format!(" {k}=\"{v}\""))
                .collect()
        } else {
            String::new()
        };
        let fence = if attrs { " fence=\"true\"" } else { "" };
        match n {
            MathNode::Ident { text, .. } | MathNode::Number(text) | MathNode::Text(text) => {
                out.push_str(&format!("<{tag}{a}>{}</{tag}>", esc(text)));
            }
            MathNode::Operator { text, .. } => out.push_str(&format!("<mo{a}>{}</mo>", esc(text))),
            MathNode::Space(w) => out.push_str(&format!("<mspace width=\"{}\"/>", em(*w))),
            MathNode::Row(items) => {
                out.push_str("<mrow>");
                items.iter().for_each(|i| go(i, out, attrs));
                out.push_str("</mrow>");
            }
            MathNode::Frac(x, y)
            | MathNode::Root(x, y)
            | MathNode::Sub(x, y)
            | MathNode::Sup(x, y)
            | MathNode::Under(x, y)
            | MathNode::Over(x, y) => {
                out.push_str(&format!("<{tag}{a}>"));
                go(x, out, attrs);
                go(y, out, attrs);
                out.push_str(&format!("</{tag}>"));
            }
            MathNode::Sqrt(x) | MathNode::Enclose(x, _) => {
                out.push_str(&format!("<{tag}{a}>"));
                go(x, out, attrs);
                out.push_str(&format!("</{tag}>"));
            }
            MathNode::SubSup(x, y, z) | MathNode::UnderOver(x, y, z) => {
                out.push_str(&format!("<{tag}{a}>"));
                go(x, out, attrs);
                go(y, out, attrs);
                go(z, out, attrs);
                out.push_str(&format!("</{tag}>"));
            }
            MathNode::Binom(x, y) => {
                out.push_str(&format!("<mrow><mo{fence}>(</mo><mfrac{a}>"));
                go(x, out, attrs);
                go(y, out, attrs);
                out.push_str(&format!("</mfrac><mo{fence}>)</mo></mrow>"));
            }
            MathNode::Accent(x, acc) => {
                out.push_str(&format!("<mover{a}>"));
                go(x, out, attrs);
                out.push_str(&format!("<mo>{}</mo></mover>", esc(acc)));
            }
            MathNode::Table {
                rows, open, close, ..
            } => {
                // As the app draws it (`ui::rich_text`): the brackets are
                // the fences of a row of their own, so that a closing `|`
                // is a postfix and stretches.
                // (The token form, without attributes, stays flat.)
                if attrs {
                    out.push_str("<mrow>");
                }
                if !open.is_empty() || !attrs {
                    out.push_str(&format!("<mo{fence}>{open}</mo>"));
                }
                out.push_str(&format!("<mtable{a}>"));
                for r in rows {
                    out.push_str("<mtr>");
                    for c in r {
                        out.push_str("<mtd>");
                        go(c, out, attrs);
                        out.push_str("</mtd>");
                    }
                    out.push_str("</mtr>");
                }
                out.push_str("</mtable>");
                if !close.is_empty() || !attrs {
                    out.push_str(&format!("<mo{fence}>{close}</mo>"));
                }
                if attrs {
                    out.push_str("</mrow>");
                }
            }
        }
    }
    let mut s = String::new();
    go(node, &mut s, attrs);
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn space_widths_read_as_float_display_writes_them() {
        for (name, w) in SPACES {
            assert_eq!(em(*w), format!("{w}em"), "\\{name}");
        }
        assert_eq!(em(0.5), "0.5em");
        assert_eq!(em(-0.1667), "-0.1667em");
        assert_eq!(em(-0.0), "0em");
        assert_eq!(em(12.25), "12.25em");
    }

    fn ok(src: &str) -> String {
        match parse(src) {
            Ok(n) => debug_markup(&n),
            Err(e) => panic!("{src:?} failed: {e}"),
        }
    }

    fn fails(src: &str) -> LatexError {
        match parse(src) {
            Ok(n) => panic!("{src:?} parsed to {}", debug_markup(&n)),
            Err(e) => e,
        }
    }

    #[test]
    fn fraction_becomes_mfrac_with_two_children() {
        assert_eq!(
            ok(r"\frac{a}{b}"),
            "<mrow><mfrac><mrow><mi>a</mi></mrow><mrow><mi>b</mi></mrow></mfrac></mrow>"
        );
    }

    #[test]
    fn sub_then_sup_merge_into_msubsup() {
        assert_eq!(
            ok("x_i^2"),
            "<mrow><msubsup><mi>x</mi><mi>i</mi><mn>2</mn></msubsup></mrow>"
        );
        assert_eq!(
            ok("x^2_i"),
            "<mrow><msubsup><mi>x</mi><mi>i</mi><mn>2</mn></msubsup></mrow>"
        );
    }

    #[test]
    fn decimal_numbers_stay_one_mn() {
        assert_eq!(
            ok("3.14+.5"),
            "<mrow><mn>3.14</mn><mo>+</mo><mn>.5</mn></mrow>"
        );
    }

    #[test]
    fn greek_and_operators_map_to_unicode() {
        assert_eq!(
            ok(r"\sigma \cdot \nabla"),
            "<mrow><mi>σ</mi><mo>⋅</mo><mo>∇</mo></mrow>"
        );
    }

    #[test]
    fn text_argument_is_a_plain_leaf_even_with_markup() {
        assert_eq!(
            ok(r"\text{<img src=x onerror=alert(1)>}"),
            "<mrow><mtext>&lt;img src=x onerror=alert(1)&gt;</mtext></mrow>"
        );
    }

    #[test]
    fn operatorname_is_an_upright_identifier_not_markup() {
        let n = parse(r"\operatorname{<b>arg</b>}").unwrap();
        assert_eq!(
            n,
            MathNode::Row(vec![MathNode::Ident {
                text: "<b>arg</b>".into(),
                upright: true
            }])
        );
    }

    #[test]
    fn pmatrix_builds_rows_and_cells() {
        assert_eq!(
            ok(r"\begin{pmatrix} a & b \\ c & d \end{pmatrix}"),
            "<mrow><mo>(</mo><mtable><mtr><mtd><mrow><mi>a</mi></mrow></mtd><mtd><mrow><mi>b</mi></mrow></mtd></mtr><mtr><mtd><mrow><mi>c</mi></mrow></mtd><mtd><mrow><mi>d</mi></mrow></mtd></mtr></mtable><mo>)</mo></mrow>"
        );
    }

    #[test]
    fn trailing_line_break_in_environment_adds_no_empty_row() {
        let n = parse(r"\begin{matrix} 1 \\ 2 \\ \end{matrix}").unwrap();
        let MathNode::Row(items) = n else { panic!() };
        let MathNode::Table { rows, .. } = &items[0] else {
            panic!()
        };
        assert_eq!(rows.len(), 2);
    }

    #[test]
    fn left_right_wrap_body_in_fences() {
        assert_eq!(
            ok(r"\left( x \right)"),
            "<mrow><mrow><mo>(</mo><mrow><mi>x</mi></mrow><mo>)</mo></mrow></mrow>"
        );
        assert_eq!(
            ok(r"\left. x \right|"),
            "<mrow><mrow><mrow><mi>x</mi></mrow><mo>|</mo></mrow></mrow>"
        );
    }

    #[test]
    fn mathbb_r_becomes_double_struck_letter() {
        assert_eq!(
            ok(r"\mathbb{R}^n"),
            "<mrow><msup><mrow><mi>ℝ</mi></mrow><mi>n</mi></msup></mrow>"
        );
        assert_eq!(ok(r"\mathbf{x}"), "<mrow><mrow><mi>𝐱</mi></mrow></mrow>");
    }

    #[test]
    fn sqrt_with_index_is_mroot() {
        assert_eq!(
            ok(r"\sqrt[3]{8}"),
            "<mrow><mroot><mrow><mn>8</mn></mrow><mrow><mn>3</mn></mrow></mroot></mrow>"
        );
    }

    #[test]
    fn rejects_unknown_command_with_its_offset() {
        let e = fails(r"a + \href{javascript:alert(1)}{x}");
        assert_eq!(e.offset, 4);
        assert!(e.message.contains(r"\href"), "{}", e.message);
    }

    #[test]
    fn rejects_markup_carrying_commands() {
        for cmd in [
            r"\class{x}{y}",
            r"\style{color:red}{y}",
            r"\href{x}{y}",
            r"\html{x}",
            r"\require{x}",
        ] {
            fails(cmd);
        }
    }

    #[test]
    fn rejects_unbalanced_braces() {
        assert_eq!(fails(r"\frac{a}{b").message, "missing closing brace `}`");
        assert_eq!(fails("a}").message, "unexpected `}` with no matching `{`");
    }

    #[test]
    fn rejects_double_superscript() {
        assert!(fails("x^2^3").message.starts_with("double superscript"));
    }

    #[test]
    fn rejects_script_without_argument() {
        assert_eq!(fails("x^").message, "`^` needs an argument");
    }

    #[test]
    fn rejects_mismatched_environment() {
        assert!(fails(r"\begin{pmatrix} a \end{bmatrix}")
            .message
            .contains("closed by"));
        assert!(fails(r"\begin{tikzpicture}\end{tikzpicture}")
            .message
            .contains("tikzpicture"));
    }

    #[test]
    fn rejects_nesting_deeper_than_the_limit_without_overflowing_the_stack() {
        let deep = "{".repeat(10_000) + &"}".repeat(10_000);
        let long_but_ok_len = deep.len() <= MAX_LEN;
        let e = fails(&deep);
        assert!(!long_but_ok_len);
        assert!(e.message.contains("limit"), "{}", e.message);
        let deep = "{".repeat(MAX_DEPTH + 5) + &"}".repeat(MAX_DEPTH + 5);
        assert!(fails(&deep).message.contains("deeper"));
    }

    #[test]
    fn rejects_percent_comment_and_stray_dollar() {
        assert!(fails("50%").message.contains(r"\%"));
        assert_eq!(ok(r"50\%"), "<mrow><mn>50</mn><mo>%</mo></mrow>");
        fails("a $ b");
    }

    #[test]
    fn prime_becomes_superscript_prime() {
        assert_eq!(ok("f'"), "<mrow><msup><mi>f</mi><mo>′</mo></msup></mrow>");
        assert_eq!(
            ok("f''"),
            "<mrow><msup><mi>f</mi><mrow><mo>′</mo><mo>′</mo></mrow></msup></mrow>"
        );
    }

    #[test]
    fn prime_then_superscript_share_one_script() {
        assert_eq!(
            ok(r"Q'^\top"),
            "<mrow><msup><mi>Q</mi><mrow><mo>′</mo><mo>⊤</mo></mrow></msup></mrow>"
        );
        assert_eq!(ok(r"V'^{-1}"), "<mrow><msup><mi>V</mi><mrow><mo>′</mo><mrow><mo>−</mo><mn>1</mn></mrow></mrow></msup></mrow>");
    }

    #[test]
    fn a_hyphen_is_drawn_as_the_minus_sign() {
        assert_eq!(
            ok("a-b"),
            "<mrow><mi>a</mi><mo>\u{2212}</mo><mi>b</mi></mrow>"
        );
        assert_eq!(ok("-2"), "<mrow><mo>\u{2212}</mo><mn>2</mn></mrow>");
        assert_eq!(
            ok("e^-"),
            "<mrow><msup><mi>e</mi><mo>\u{2212}</mo></msup></mrow>"
        );
        assert_eq!(
            ok("a*b"),
            "<mrow><mi>a</mi><mo>\u{2217}</mo><mi>b</mi></mrow>"
        );
        // Text keeps its hyphens.
        assert_eq!(ok(r"\text{re-use}"), "<mrow><mtext>re-use</mtext></mrow>");
    }

    #[test]
    fn every_kind_of_nesting_stops_at_the_depth_limit() {
        let n = MAX_DEPTH + 2;
        let cases = [
            ("groups", "{".repeat(n) + "x" + &"}".repeat(n)),
            ("accents", r"\hat".repeat(n) + " x"),
            (
                "accents in groups",
                r"\hat{".repeat(n) + "x" + &"}".repeat(n),
            ),
            ("fractions", r"\frac{".repeat(n) + "1" + &"}{2}".repeat(n)),
            (
                "fractions as arguments",
                r"\frac".repeat(n) + " 1 2" + &" 2".repeat(n - 1),
            ),
            ("roots", r"\sqrt".repeat(n) + " x"),
            ("scripts", "x^{".repeat(n) + "y" + &"}".repeat(n)),
            ("styles", r"\mathbf".repeat(n) + " x"),
            (
                "environments",
                r"\begin{pmatrix}".repeat(n) + "x" + &r"\end{pmatrix}".repeat(n),
            ),
            ("fences", r"\left(".repeat(n) + "x" + &r"\right)".repeat(n)),
        ];
        for (what, src) in cases {
            let e = parse(&src).expect_err(what);
            assert!(
                e.message.contains("deeper than 48"),
                "{what}: {}",
                e.message
            );
            assert!(
                e.offset > 0 && e.offset < src.len(),
                "{what}: offset {}",
                e.offset
            );
        }
        // Just inside the limit each still parses.
        let m = MAX_DEPTH / 2 - 1;
        assert!(parse(&(r"\hat".repeat(m) + " x")).is_ok());
        assert!(parse(&("x^{".repeat(m) + "y" + &"}".repeat(m))).is_ok());
    }

    #[test]
    fn commands_ml_writers_use() {
        for src in [
            r"x_1, \dots, x_n",
            r"\ell(\theta)",
            r"\Pr(A \mid B)",
            r"a \parallel b",
            r"x \gets x - \eta g",
            r"A \simeq B \cong C",
            r"a \mp b \bullet c \otimes d \oplus e",
            r"\binom{n}{k}",
            r"a \equiv b \pmod{n}",
            r"a \bmod n",
            r"\operatorname*{arg\,max}_\theta L",
            r"\mathop{\mathrm{E}}_{x}",
            r"\textbf{bold} \textit{it}",
            r"a \hspace{1em} b \hspace{3pt} c",
            r"\color{red} x + \textcolor{#1f77b4}{y}",
            r"\displaystyle \sum\limits_{i} x_i",
            r"\left\lvert x \right\rvert",
            r"\liminf_{n} a_n \le \limsup_{n} a_n",
            r"\bigcup_{i} A_i \setminus B",
        ] {
            if let Err(e) = parse(src) {
                panic!("{src}: {e}");
            }
        }
        assert_eq!(
            ok(r"\binom{n}{k}"),
            "<mrow><mrow><mo>(</mo><mfrac><mrow><mi>n</mi></mrow><mrow><mi>k</mi></mrow></mfrac><mo>)</mo></mrow></mrow>",
            "a binomial is n over k, without a rule, in parentheses"
        );
        assert_eq!(ok(r"\textbf{a-b}"), "<mrow><mtext>a-b</mtext></mrow>");
        assert_eq!(ok(r"\color{red}x"), "<mrow><mrow></mrow><mi>x</mi></mrow>");
        assert!(fails(r"\color{red;background:url(x)}x")
            .message
            .contains("not a colour"));
        assert!(fails(r"\hspace{1cm}").message.contains("length"));
        assert!(fails(r"\hspace{99em}").message.contains("length"));
    }

    #[test]
    fn scripts_under_and_over_and_more_environments() {
        assert_eq!(
            ok(r"\underbrace{a+b}_{n}"),
            "<mrow><munder><munder><mrow><mi>a</mi><mo>+</mo><mi>b</mi></mrow><mo>⏟</mo></munder><mrow><mi>n</mi></mrow></munder></mrow>"
        );
        assert_eq!(
            ok(r"\overbrace{x}^{k}"),
            "<mrow><mover><mover><mrow><mi>x</mi></mrow><mo>⏞</mo></mover><mrow><mi>k</mi></mrow></mover></mrow>"
        );
        assert_eq!(
            ok(r"\overset{\text{def}}{=}"),
            "<mrow><mover><mrow><mo>=</mo></mrow><mrow><mtext>def</mtext></mrow></mover></mrow>"
        );
        assert_eq!(ok(r"\stackrel{?}{=}"), ok(r"\overset{?}{=}"));
        assert_eq!(
            ok(r"\underset{x}{\arg\max}"),
            "<mrow><munder><mrow><mi>arg</mi><mspace width=\"0.1667em\"/><mi>max</mi></mrow><mrow><mi>x</mi></mrow></munder></mrow>"
        );
        assert_eq!(
            ok(r"\xrightarrow[b]{a}"),
            "<mrow><munder><mover><mo>→</mo><mrow><mi>a</mi></mrow></mover><mrow><mi>b</mi></mrow></munder></mrow>"
        );
        assert_eq!(
            ok(r"\left( a \middle| b \right)"),
            "<mrow><mrow><mo>(</mo><mrow><mi>a</mi><mo>|</mo><mi>b</mi></mrow><mo>)</mo></mrow></mrow>"
        );
        for env in ["Bmatrix", "Vmatrix", "smallmatrix", "rcases", "gathered"] {
            let src = format!(r"\begin{{{env}}} a & b \\ c & d \end{{{env}}}");
            assert!(ok(&src).contains("<mtable><mtr><mtd>"), "{env}");
        }
        assert!(ok(r"\begin{Bmatrix} a \end{Bmatrix}").starts_with("<mrow><mo>{</mo><mtable>"));
        assert!(
            ok(r"\begin{array}{c|l} 1 & 2 \\ 3 & 4 \end{array}").contains("<mtd><mrow><mn>4</mn>")
        );
        let e = fails(r"\begin{array}{cx} 1 & 2 \end{array}");
        assert!(e.message.contains("l, c, r"), "{}", e.message);
        assert_eq!(e.offset, 13);
    }

    #[test]
    fn display_style_puts_limits_under_and_over() {
        let display = |src: &str| debug_markup(&parse_display(src).unwrap());
        assert_eq!(
            display(r"\sum_{i=1}^{n} x_i"),
            "<mrow><munderover><mo>∑</mo><mrow><mi>i</mi><mo>=</mo><mn>1</mn></mrow><mrow><mi>n</mi></mrow></munderover><msub><mi>x</mi><mi>i</mi></msub></mrow>"
        );
        // Inline, the same formula keeps its scripts beside the sign.
        assert!(ok(r"\sum_{i=1}^{n} x_i").contains("<msubsup><mo>∑</mo>"));
        // Integrals never take limits; \lim and \operatorname* do.
        assert!(display(r"\int_0^1 x").contains("<msubsup><mo>∫</mo>"));
        assert!(display(r"\lim_{n} a_n").starts_with("<mrow><munder><mi>lim</mi>"));
        assert!(display(r"\operatorname*{arg\,min}_w L")
            .starts_with("<mrow><munder><mi>arg\u{2009}min</mi>"));
        assert!(display(r"\operatorname{diag}_w L").starts_with("<mrow><msub>"));
        // \limits and \nolimits decide, then the style switches and \dfrac.
        assert!(ok(r"\sum\limits_{i} x").starts_with("<mrow><munder><mo>∑</mo>"));
        assert!(display(r"\sum\nolimits_{i} x").starts_with("<mrow><msub><mo>∑</mo>"));
        assert!(ok(r"\displaystyle\sum_{i} x").starts_with("<mrow><munder>"));
        assert!(display(r"\textstyle\sum_{i} x").starts_with("<mrow><msub>"));
        assert!(ok(r"\dfrac{\sum_i x}{2}").contains("<munder><mo>∑</mo>"));
        assert!(display(r"{\textstyle \sum_i} \sum_j")
            .ends_with("<munder><mo>∑</mo><mi>j</mi></munder></mrow>"));
        // Matrix cells are in text style, aligned equations in display style.
        assert!(display(r"\begin{pmatrix} \sum_i x \end{pmatrix}").contains("<msub><mo>∑</mo>"));
        assert!(display(r"\begin{aligned} \sum_i x \end{aligned}").contains("<munder><mo>∑</mo>"));
    }

    #[test]
    fn numbers_read_as_katex_reads_them() {
        assert_eq!(ok("1.f"), "<mrow><mn>1.</mn><mi>f</mi></mrow>");
        assert_eq!(ok("50{,}000"), "<mrow><mn>50,000</mn></mrow>");
        assert_eq!(ok("3.25"), "<mrow><mn>3.25</mn></mrow>");
        assert_eq!(
            ok("(1, 2)"),
            "<mrow><mo>(</mo><mn>1</mn><mo>,</mo><mn>2</mn><mo>)</mo></mrow>"
        );
    }

    #[test]
    fn boxes_strokes_kerns_and_infix_fractions() {
        assert_eq!(
            ok(r"\boxed{x}"),
            "<mrow><mrow class=\"enclose-box\"><mrow><mi>x</mi></mrow></mrow></mrow>"
        );
        assert!(ok(r"\cancel{a}").contains("enclose-cancel"));
        assert!(ok(r"\xcancel{a}").contains("enclose-xcancel"));
        assert_eq!(ok(r"a\kern1em b"), ok(r"a\hspace{1em}b"));
        assert_eq!(ok(r"a\mkern18mu b"), ok(r"a\hspace{1em}b"));
        assert!(fails(r"a\kern1cm b").message.contains("length"));
        assert_eq!(ok(r"{n \choose k}"), ok(r"{\binom{n}{k}}"));
        assert_eq!(
            ok(r"{a+b \over 2}"),
            "<mrow><mrow><mfrac><mrow><mi>a</mi><mo>+</mo><mi>b</mi></mrow><mrow><mn>2</mn></mrow></mfrac></mrow></mrow>"
        );
        assert!(fails(r"{a \over b \over c}").message.contains("second"));
    }

    #[test]
    fn a_function_name_is_followed_by_a_thin_space() {
        assert_eq!(
            ok(r"\log p"),
            "<mrow><mi>log</mi><mspace width=\"0.1667em\"/><mi>p</mi></mrow>"
        );
        assert_eq!(
            ok(r"\log(p)"),
            "<mrow><mi>log</mi><mo>(</mo><mi>p</mi><mo>)</mo></mrow>"
        );
        assert!(ok(r"\max_i x_i").contains("</msub><mspace width=\"0.1667em\"/><msub>"));
        assert!(!ok(r"\max = 1").contains("mspace"));
    }

    #[test]
    fn vertical_bar_fences_stretch_wherever_they_stand() {
        // A matrix's brackets are the fences of its own row, as the app
        // draws them: the closing bar is a postfix (it stretches), not an
        // infix operator of the row around it.
        let m = page_markup(
            &parse(r"\det A = \begin{vmatrix} a & b \\ c & d \end{vmatrix} + 1").unwrap(),
        );
        assert!(
            m.contains(r#"<mo>=</mo><mrow><mo fence="true">|</mo><mtable>"#)
                && m.contains(r#"</mtable><mo fence="true">|</mo></mrow><mo>+</mo>"#),
            "{m}"
        );
        let m = page_markup(&parse(r"\begin{matrix} a \end{matrix}").unwrap());
        assert!(m.contains("<mrow><mtable>") && !m.contains("<mo"), "{m}");
    }
}
