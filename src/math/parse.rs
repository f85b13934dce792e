//! The parser: turns what a learner types (`x^2 + 3xy`, `sin x cos y`, `x² + y²`,
//! `√(x+1)`, `w₁θ`) into an [`Expr`].
//!
//! # Conventions
//!
//! * `^` and `**` are powers, right-associative (`2^3^2` = 2⁹). Unary minus binds looser
//!   than a power (`-x^2` = −(x²)) but a minus may start an exponent (`2^-x`).
//! * Juxtaposition multiplies: `3xy`, `2(x+1)`, `(x+1)(y-1)`, `x sin y`, `2 pi`.
//!   It has the same precedence as `*` and `/`, left to right, so `1/2x` = (1/2)·x.
//!   A number may not follow another factor without an operator (`x 2`, `2 3` are errors
//!   that suggest writing `*`).
//! * Runs of ASCII letters are split from the left, taking at each position the longest
//!   known name (function, `pi`, `e`, or a Greek letter name such as `theta`), and
//!   otherwise one letter as a variable: `xy` = x·y, `xsin y` = x·sin(y), `pix` = π·x,
//!   `ex` = e·x, `exp` = the exponential function, `sinh` = hyperbolic sine. Function
//!   names match in any case (`ReLU`, `Sin`, `nthRoot`); constants and Greek names and
//!   variables do not (`X` and `x` are different variables).
//! * Letters right before a bracket are one name: a known function, or a single letter,
//!   constant or Greek name that multiplies the bracket (`x(x + 1)`, `pi(x + 1)`). Any
//!   other run (`cbrtt(x)`, `xy(x + 1)`, `xsin(y)`) is an `UnknownFunction` error that
//!   names it and suggests the nearest known names (and `x*y*(…)` to multiply) — never a
//!   product of variables. Names of functions other tools have but this parser does not
//!   (`sinc`, `softmax`, `logit`, …) are the same error wherever they are typed, so
//!   `sinc x` is not sin(c·x).
//! * Names with digits (`log10`, `log2`, `log1p`, `exp2`, `expm1`, `atan2`) are read whole
//!   and never split into a name and a number; glued to more letters (`exp2x`: exp2(x) or
//!   exp(2x)?) they are an `Ambiguous` error, and `log` glued to another number (`log3`) is
//!   a `LogBase` error suggesting `log(x, 3)`. `log₃(x)` and `log_3(x)` are base-3 logs.
//! * Kept as their own nodes (each has a derivative rule worth a step of its own): the
//!   trigonometric, hyperbolic and inverse functions including sec/csc/cot, sech/csch/coth
//!   and their inverses (`arsinh`, `arcsinh` = `asinh`, …), `log10` (also `lg`, ISO
//!   80000-2), `log2`, `cbrt`, `nthRoot(a, n)`, `erf`, `floor`, `ceil`, `atan2(y, x)` and
//!   `hypot(a, b)`. Rewritten while parsing (each is exactly a combination of other
//!   nodes, and the rewritten form is what a textbook differentiates): `log(x, b)` →
//!   log10/log2 for b = 10, 2, otherwise ln x / ln b; `pow(a, b)` → aᵇ; `sqr`/`square` →
//!   x²; `cube` → x³; `exp2(x)` → 2ˣ; `log1p(x)` → ln(1 + x); `expm1(x)` → eˣ − 1.
//! * A function name without parentheses applies to the product of the factors right
//!   after it, up to the next operator or function name: `sin 2x` = sin(2x),
//!   `sin x cos y` = sin(x)·cos(y), `sin x^2` = sin(x²), `sin x + 1` = sin(x) + 1.
//!   With parentheses it applies to the group only: `sin(x)y` = sin(x)·y.
//!   `sin^2 x` and `sin² x` are (sin x)²; `sin^-1 x` (also cos, tan) is the inverse function.
//! * `√` applies to the next factor including its power: `√x`, `√(x+1)`, `√x^2` = √(x²),
//!   `√2x` = √2·x.
//! * Subscripts: digits after a variable's letters are part of its name, and `w1`, `w₁`,
//!   `w_1` are all the variable `w1`. `x_max` (an underscore and letters) is kept as the
//!   name `x_max`. Digits do not attach to functions or constants: `sin2x` = sin(2x).
//! * Greek letters (typed `θ` or `theta`) are variables named by the Greek letter, except
//!   `π`/`pi` (the constant) and `σ`/`sigma` (the sigmoid function). `xi` is not treated as
//!   ξ (it is x·i); type `ξ` for that.
//! * Inputs longer than [`MAX_CHARS`] characters or nested deeper than [`MAX_DEPTH`] are
//!   rejected with an error, never a crash.

use super::expr::{Constant, Expr, Func};
use std::fmt;
use std::ops::Range;

/// The longest input accepted, in characters.
pub const MAX_CHARS: usize = 2000;
/// The deepest nesting accepted (parentheses, powers, signs, function applications).
pub const MAX_DEPTH: usize = 256;

/// What went wrong while parsing. Columns are 1-based and counted in characters.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ParseErrorKind {
    /// Nothing (or only spaces) was typed.
    Empty,
    /// The input is longer than [`MAX_CHARS`].
    TooLong { chars: usize },
    /// The input is nested deeper than [`MAX_DEPTH`].
    TooDeep,
    /// A character that has no meaning here.
    UnexpectedChar { ch: char, column: usize },
    /// A malformed number such as `1.2.3`.
    BadNumber { text: String, column: usize },
    /// A number too large to represent (like `1e999`).
    NumberTooLarge { text: String, column: usize },
    /// An operator with nothing after it, like the `+` in `x +`.
    MissingRightOperand { op: String, column: usize },
    /// An operator with nothing before it, like the `*` in `* x`.
    MissingLeftOperand { op: String, column: usize },
    /// A closing bracket or bar is missing.
    MissingClose {
        open: char,
        close: char,
        column: usize,
    },
    /// A closing bracket with no opening one.
    UnmatchedClose { close: char, column: usize },
    /// A closing bracket of the wrong kind, like `(x]`.
    MismatchedClose {
        open: char,
        open_column: usize,
        close: char,
        column: usize,
    },
    /// Brackets with nothing inside, like `()`.
    EmptyGroup { column: usize },
    /// A comma outside a function's argument list.
    StrayComma { column: usize },
    /// A function got the wrong number of arguments (`func` is its name as typed in
    /// lower case, `takes` how many it takes, like "one" or "one or two").
    WrongArity {
        func: &'static str,
        takes: &'static str,
        found: usize,
    },
    /// A function name with nothing to apply it to, like `sin` alone.
    MissingArgument {
        func: &'static str,
        takes: &'static str,
        column: usize,
    },
    /// Letters right before a bracket that are not a function this parser knows, like
    /// `cbrtt(x)` or `xy(x + 1)`, or the name of a function it does not support.
    UnknownFunction {
        /// The letters as typed.
        name: String,
        column: usize,
        /// The nearest known function names (at most three).
        suggestions: Vec<String>,
        /// How to write it as a product, when it reads as one (`x*y`).
        product: Option<String>,
    },
    /// A name glued to what follows so that it reads two ways, like `exp2x` (exp2(x) or
    /// exp(2x)).
    Ambiguous {
        text: String,
        column: usize,
        /// The two readings, written unambiguously.
        readings: [String; 2],
    },
    /// `log` glued to a number other than 10 or 2, like `log3(x)`.
    LogBase {
        text: String,
        base: String,
        column: usize,
    },
    /// A number right after another factor, like `x 2`.
    NumberAfterFactor { text: String, column: usize },
    /// A subscript or underscore that does not follow a variable name.
    BadSubscript { column: usize },
    /// A superscript minus or plus without digits, like `x⁻`.
    BadSuperscript { column: usize },
}

/// A parse error: what went wrong and where (a byte range into the input).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ParseError {
    /// What went wrong.
    pub kind: ParseErrorKind,
    /// The byte range of the input the error points at.
    pub span: Range<usize>,
}

fn func_phrase(name: &str, takes: &str) -> String {
    match takes {
        "two" => {
            let example = match name {
                "atan2" => "atan2(y, x)",
                "nthroot" | "nthRoot" => "nthRoot(x, 3)",
                "pow" => "pow(x, 2)",
                _ => "",
            };
            if example.is_empty() {
                format!("{name} needs two arguments, separated by a comma, like {name}(a, b)")
            } else {
                format!("{name} needs two arguments, separated by a comma, like {example}")
            }
        }
        "one or two" => format!(
            "{name} needs one argument, like {name}(x), or two for another base, like {name}(x, 10)"
        ),
        _ => format!("{name} needs one argument, like {name}(x)"),
    }
}

/// A plain description of a character that is invisible or easily mistaken, for error
/// messages ("a zero-width space"), with what to do about it.
fn describe_char(ch: char) -> Option<(&'static str, &'static str)> {
    const DELETE: &str = "delete it (it often comes along with copied text)";
    Some(match ch {
        '\u{200B}' => ("a zero-width space", DELETE),
        '\u{200C}' => ("a zero-width non-joiner", DELETE),
        '\u{200D}' => ("a zero-width joiner", DELETE),
        '\u{2060}' => ("a word joiner", DELETE),
        '\u{FEFF}' => ("a zero-width no-break space", DELETE),
        '\u{00AD}' => ("a soft hyphen", DELETE),
        '\u{200E}' | '\u{200F}' | '\u{061C}' => ("a text-direction mark", DELETE),
        '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' => ("a text-direction control", DELETE),
        c if c.is_control() => ("a control character", DELETE),
        '=' => (
            "an equals sign",
            "type only the right-hand side, like x^2 + y^2 for f = x^2 + y^2",
        ),
        '\'' | '‘' | '’' | '"' | '“' | '”' => (
            "a quotation mark",
            "remove it; for a derivative, the page works it out for you",
        ),
        '!' => (
            "an exclamation mark",
            "factorials are not supported; remove it",
        ),
        _ => return None,
    })
}

/// "sin or sinh", "sin, sinh or sec".
fn or_list(names: &[String]) -> String {
    match names {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} or {}", rest.join(", "), last),
    }
}

impl ParseError {
    /// One plain sentence a learner can act on.
    pub fn message(&self) -> String {
        use ParseErrorKind::*;
        match &self.kind {
            Empty => "Type an expression, for example x^2 + y^2.".to_string(),
            TooLong { chars } => format!(
                "The expression is too long ({chars} characters); please keep it under {MAX_CHARS}."
            ),
            TooDeep => format!(
                "The expression is nested too deeply; please use at most {MAX_DEPTH} levels of brackets and powers."
            ),
            UnexpectedChar { ch, column } => match describe_char(*ch) {
                Some((what, todo)) => format!(
                    "There is {what} (U+{:04X}) at column {column}; {todo}.",
                    u32::from(*ch)
                ),
                None => format!(
                    "The character '{ch}' at column {column} is not something I understand here."
                ),
            },
            BadNumber { text, column } => {
                format!("The number '{text}' at column {column} is not written correctly.")
            }
            NumberTooLarge { text, column } => {
                format!("The number '{text}' at column {column} is too large to work with.")
            }
            MissingRightOperand { op, column } => {
                format!("The '{op}' at column {column} needs something after it.")
            }
            MissingLeftOperand { op, column } => {
                format!("The '{op}' at column {column} needs something before it.")
            }
            MissingClose {
                open,
                close,
                column,
            } => format!("Missing '{close}' to close the '{open}' at column {column}."),
            UnmatchedClose { close, column } => format!(
                "The '{close}' at column {column} has no opening bracket to match it; remove it or add one before."
            ),
            MismatchedClose {
                open,
                open_column,
                close,
                column,
            } => format!(
                "The '{close}' at column {column} does not match the '{open}' at column {open_column}."
            ),
            EmptyGroup { column } => {
                format!("The brackets at column {column} are empty; put an expression inside them.")
            }
            StrayComma { column } => format!(
                "The comma at column {column} can only separate a function's arguments, like max(a, b)."
            ),
            WrongArity { func, takes, .. } => format!("{}.", func_phrase(func, takes)),
            MissingArgument {
                func,
                takes,
                column,
            } => {
                format!("{} (at column {column}).", func_phrase(func, takes))
            }
            UnknownFunction {
                name,
                column,
                suggestions,
                product,
            } => {
                let mut m = format!("I don't know a function called '{name}' (column {column})");
                if !suggestions.is_empty() {
                    m.push_str(&format!(": perhaps you meant {}", or_list(suggestions)));
                }
                match product {
                    Some(p) if suggestions.is_empty() => {
                        m.push_str(&format!("; to multiply, write {p}"))
                    }
                    Some(p) => m.push_str(&format!(", or, to multiply, {p}")),
                    None => {}
                }
                if suggestions.is_empty() && product.is_none() {
                    m.push_str("; it is not one this page supports");
                }
                m.push('.');
                m
            }
            Ambiguous {
                text,
                column,
                readings,
            } => format!(
                "'{text}' at column {column} can be read two ways: write {} or {}.",
                readings[0], readings[1]
            ),
            LogBase { text, base, column } => format!(
                "'{text}' at column {column} is not a function I know: write log(x, {base}) for the logarithm of x to base {base}, or ln({base}x) for the natural logarithm of {base}x."
            ),
            NumberAfterFactor { text, column } => format!(
                "Put '*' before the number {text} at column {column} if you mean to multiply."
            ),
            BadSubscript { column } => format!(
                "The subscript at column {column} must come right after a variable name, like x₁ or x_1."
            ),
            BadSuperscript { column } => format!(
                "The superscript sign at column {column} needs digits after it, like x⁻¹."
            ),
        }
    }
}

impl fmt::Display for ParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message())
    }
}

impl std::error::Error for ParseError {}

/// Parses a learner's expression. Never panics; see the module docs for the conventions.
pub fn parse(src: &str) -> Result<Expr, ParseError> {
    let chars = src.chars().count();
    if chars > MAX_CHARS {
        return Err(ParseError {
            kind: ParseErrorKind::TooLong { chars },
            span: 0..src.len(),
        });
    }
    if src.trim().is_empty() {
        return Err(ParseError {
            kind: ParseErrorKind::Empty,
            span: 0..src.len(),
        });
    }
    let tokens = Lexer::new(src).run()?;
    let mut p = Parser {
        src,
        tokens,
        pos: 0,
        depth: 0,
        abs_depth: 0,
    };
    let e = p.parse_expr().map_err(|e| *e)?;
    if let Some(t) = p.peek_token() {
        let column = column_of(src, t.span.start);
        let span = t.span.clone();
        let kind = match &t.tok {
            Tok::RParen(c) => ParseErrorKind::UnmatchedClose { close: *c, column },
            Tok::Comma => ParseErrorKind::StrayComma { column },
            Tok::Bar => ParseErrorKind::UnmatchedClose { close: '|', column },
            _ => ParseErrorKind::UnexpectedChar {
                ch: first_char(src, &span),
                column,
            },
        };
        return Err(ParseError { kind, span });
    }
    Ok(e)
}

/// The 1-based character column of a byte offset (safe for any offset).
fn column_of(src: &str, byte: usize) -> usize {
    src.char_indices().take_while(|(i, _)| *i < byte).count() + 1
}

fn first_char(src: &str, span: &Range<usize>) -> char {
    src.get(span.clone())
        .and_then(|s| s.chars().next())
        .unwrap_or('?')
}

// ---------------------------------------------------------------------------------------
// Lexer

#[derive(Clone, Debug, PartialEq)]
enum Tok {
    /// A decimal number, with its text.
    Num(f64),
    /// A vulgar fraction such as ½.
    Frac(f64, f64),
    Var(String),
    Const(Constant),
    Func(Callee),
    Plus,
    Minus,
    Star,
    Slash,
    Caret,
    /// A run of superscript digits (with an optional sign).
    Sup(i64),
    LParen(char),
    RParen(char),
    Bar,
    Comma,
    Sqrt,
}

#[derive(Clone, Debug)]
struct Token {
    tok: Tok,
    span: Range<usize>,
}

/// A function name as typed: a node of the tree, or a name the parser rewrites into
/// other nodes (see [`Sugar`]).
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) enum Callee {
    F(Func),
    S(Sugar),
}

/// Functions a learner types that are rewritten while parsing rather than kept as their
/// own node: each is exactly a combination of other nodes, and the rewritten form is what
/// a textbook would differentiate (`log(x, b)` is ln x / ln b, `pow(a, b)` is aᵇ).
/// Functions with a derivative rule of their own (log10, log2, cbrt, atan2, hypot, …)
/// are nodes instead (see [`Func`]).
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) enum Sugar {
    /// `log(x)` is ln x; `log(x, b)` is the logarithm to base b (log10/log2 for b = 10, 2,
    /// otherwise ln x / ln b).
    Log,
    /// `log₃(x)`, `log_3(x)`: ln x / ln 3.
    LogBase(f64),
    /// `pow(a, b)` = aᵇ.
    Pow,
    /// `sqr(x)`, `square(x)` = x².
    Sqr,
    /// `cube(x)` = x³.
    Cube,
    /// `exp2(x)` = 2ˣ.
    Exp2,
    /// `log1p(x)` = ln(1 + x).
    Log1p,
    /// `expm1(x)` = eˣ − 1.
    Expm1,
}

impl Callee {
    /// The name shown in messages.
    fn name(self) -> &'static str {
        match self {
            Callee::F(f) => f.name(),
            Callee::S(s) => match s {
                Sugar::Log | Sugar::LogBase(_) => "log",
                Sugar::Pow => "pow",
                Sugar::Sqr => "sqr",
                Sugar::Cube => "cube",
                Sugar::Exp2 => "exp2",
                Sugar::Log1p => "log1p",
                Sugar::Expm1 => "expm1",
            },
        }
    }

    /// The fewest and the most arguments it takes.
    fn arity(self) -> (usize, usize) {
        match self {
            Callee::F(f) => (f.arity(), f.arity()),
            Callee::S(Sugar::Log) => (1, 2),
            Callee::S(Sugar::Pow) => (2, 2),
            Callee::S(_) => (1, 1),
        }
    }

    /// How many arguments it takes, in words.
    fn takes(self) -> &'static str {
        match self.arity() {
            (1, 2) => "one or two",
            (2, _) => "two",
            _ => "one",
        }
    }

    /// The expression for this function applied to `args` (whose count is checked).
    fn build(self, mut args: Vec<Expr>) -> Expr {
        let ln = |e: Expr| Expr::Call(Func::Ln, vec![e]);
        let f = match self {
            Callee::F(f) => return Expr::Call(f, args),
            Callee::S(s) => s,
        };
        let b = if args.len() == 2 { args.pop() } else { None };
        let a = args.pop().unwrap_or(Expr::Num(f64::NAN));
        match (f, b) {
            (Sugar::Log, None) => ln(a),
            (Sugar::Log, Some(Expr::Num(10.0))) => Expr::Call(Func::Log10, vec![a]),
            (Sugar::Log, Some(Expr::Num(2.0))) => Expr::Call(Func::Log2, vec![a]),
            (Sugar::Log, Some(Expr::Const(Constant::E))) => ln(a),
            (Sugar::Log, Some(b)) => Expr::Div(Box::new(ln(a)), Box::new(ln(b))),
            (Sugar::LogBase(v), _) => Expr::Div(Box::new(ln(a)), Box::new(ln(Expr::Num(v)))),
            (Sugar::Pow, b) => Expr::Pow(Box::new(a), Box::new(b.unwrap_or(Expr::Num(f64::NAN)))),
            (Sugar::Sqr, _) => Expr::Pow(Box::new(a), Box::new(Expr::Num(2.0))),
            (Sugar::Cube, _) => Expr::Pow(Box::new(a), Box::new(Expr::Num(3.0))),
            (Sugar::Exp2, _) => Expr::Pow(Box::new(Expr::Num(2.0)), Box::new(a)),
            (Sugar::Log1p, _) => ln(Expr::Add(vec![Expr::Num(1.0), a])),
            (Sugar::Expm1, _) => Expr::Add(vec![
                Expr::Call(Func::Exp, vec![a]),
                Expr::Neg(Box::new(Expr::Num(1.0))),
            ]),
        }
    }
}

/// What a known letter-name stands for.
#[derive(Clone, Copy)]
enum Known {
    F(Func),
    S(Sugar),
    C(Constant),
    Greek(char),
}

/// Names read as one word: functions (matched in any case, so `ReLU` and `Sin` work),
/// the constants `pi` and `e`, and Greek letter names (both matched exactly).
const KNOWN: &[(&str, Known)] = &[
    ("sin", Known::F(Func::Sin)),
    ("cos", Known::F(Func::Cos)),
    ("tan", Known::F(Func::Tan)),
    ("sec", Known::F(Func::Sec)),
    ("csc", Known::F(Func::Csc)),
    ("cosec", Known::F(Func::Csc)),
    ("cot", Known::F(Func::Cot)),
    ("cotan", Known::F(Func::Cot)),
    ("asin", Known::F(Func::Asin)),
    ("acos", Known::F(Func::Acos)),
    ("atan", Known::F(Func::Atan)),
    ("arcsin", Known::F(Func::Asin)),
    ("arccos", Known::F(Func::Acos)),
    ("arctan", Known::F(Func::Atan)),
    ("asec", Known::F(Func::Asec)),
    ("acsc", Known::F(Func::Acsc)),
    ("acot", Known::F(Func::Acot)),
    ("arcsec", Known::F(Func::Asec)),
    ("arccsc", Known::F(Func::Acsc)),
    ("arccot", Known::F(Func::Acot)),
    ("sinh", Known::F(Func::Sinh)),
    ("cosh", Known::F(Func::Cosh)),
    ("tanh", Known::F(Func::Tanh)),
    ("sech", Known::F(Func::Sech)),
    ("csch", Known::F(Func::Csch)),
    ("cosech", Known::F(Func::Csch)),
    ("coth", Known::F(Func::Coth)),
    ("asinh", Known::F(Func::Asinh)),
    ("arsinh", Known::F(Func::Asinh)),
    ("arcsinh", Known::F(Func::Asinh)),
    ("acosh", Known::F(Func::Acosh)),
    ("arcosh", Known::F(Func::Acosh)),
    ("arccosh", Known::F(Func::Acosh)),
    ("atanh", Known::F(Func::Atanh)),
    ("artanh", Known::F(Func::Atanh)),
    ("arctanh", Known::F(Func::Atanh)),
    ("asech", Known::F(Func::Asech)),
    ("arsech", Known::F(Func::Asech)),
    ("arcsech", Known::F(Func::Asech)),
    ("acsch", Known::F(Func::Acsch)),
    ("arcsch", Known::F(Func::Acsch)),
    ("arccsch", Known::F(Func::Acsch)),
    ("acoth", Known::F(Func::Acoth)),
    ("arcoth", Known::F(Func::Acoth)),
    ("arccoth", Known::F(Func::Acoth)),
    ("exp", Known::F(Func::Exp)),
    ("log", Known::S(Sugar::Log)),
    ("ln", Known::F(Func::Ln)),
    // ISO 80000-2: lg is the base-10 logarithm.
    ("lg", Known::F(Func::Log10)),
    ("sqrt", Known::F(Func::Sqrt)),
    ("cbrt", Known::F(Func::Cbrt)),
    ("nthroot", Known::F(Func::NthRoot)),
    ("sqr", Known::S(Sugar::Sqr)),
    ("square", Known::S(Sugar::Sqr)),
    ("cube", Known::S(Sugar::Cube)),
    ("pow", Known::S(Sugar::Pow)),
    ("abs", Known::F(Func::Abs)),
    ("sigmoid", Known::F(Func::Sigmoid)),
    ("sigma", Known::F(Func::Sigmoid)),
    ("relu", Known::F(Func::Relu)),
    ("softplus", Known::F(Func::Softplus)),
    ("max", Known::F(Func::Max)),
    ("min", Known::F(Func::Min)),
    ("sign", Known::F(Func::Sign)),
    ("sgn", Known::F(Func::Sign)),
    ("step", Known::F(Func::Step)),
    ("erf", Known::F(Func::Erf)),
    ("floor", Known::F(Func::Floor)),
    ("ceil", Known::F(Func::Ceil)),
    ("hypot", Known::F(Func::Hypot)),
    ("pi", Known::C(Constant::Pi)),
    ("e", Known::C(Constant::E)),
    ("alpha", Known::Greek('α')),
    ("beta", Known::Greek('β')),
    ("gamma", Known::Greek('γ')),
    ("delta", Known::Greek('δ')),
    ("epsilon", Known::Greek('ε')),
    ("zeta", Known::Greek('ζ')),
    ("eta", Known::Greek('η')),
    ("theta", Known::Greek('θ')),
    ("iota", Known::Greek('ι')),
    ("kappa", Known::Greek('κ')),
    ("lambda", Known::Greek('λ')),
    ("mu", Known::Greek('μ')),
    ("nu", Known::Greek('ν')),
    ("rho", Known::Greek('ρ')),
    ("tau", Known::Greek('τ')),
    ("upsilon", Known::Greek('υ')),
    ("phi", Known::Greek('φ')),
    ("chi", Known::Greek('χ')),
    ("psi", Known::Greek('ψ')),
    ("omega", Known::Greek('ω')),
];

/// Function names with digits in them, read whole (in any case) and never split into a
/// name and a number.
const DIGIT_NAMES: &[(&str, Known)] = &[
    ("log10", Known::F(Func::Log10)),
    ("log2", Known::F(Func::Log2)),
    ("log1p", Known::S(Sugar::Log1p)),
    ("exp2", Known::S(Sugar::Exp2)),
    ("expm1", Known::S(Sugar::Expm1)),
    ("atan2", Known::F(Func::Atan2)),
];

/// Names of functions found in other tools (math.js, NumPy, spreadsheets, ML libraries)
/// that this parser does not support. Read as a word (also inside a run of letters),
/// they are an error rather than a product of one-letter variables (`sinc x` is not
/// sin(c·x)); the second field is what to use instead, if there is something.
const UNSUPPORTED: &[(&str, Option<&str>)] = &[
    ("sinc", Some("sin(x)/x")),
    ("erfc", Some("1 - erf(x)")),
    ("erfinv", None),
    ("logit", Some("ln(x/(1 - x))")),
    ("logistic", Some("sigmoid")),
    ("expit", Some("sigmoid")),
    ("heaviside", Some("step")),
    ("softmax", None),
    ("logsumexp", None),
    ("leakyrelu", Some("max(x, 0.01x)")),
    ("gelu", None),
    ("selu", None),
    ("silu", Some("x*sigmoid(x)")),
    ("swish", Some("x*sigmoid(x)")),
    ("mish", None),
    ("factorial", None),
    ("lgamma", None),
    ("digamma", None),
    ("round", Some("floor(x + 0.5)")),
    ("trunc", None),
    ("fix", None),
    ("mod", None),
    ("clamp", Some("min(max(x, a), b)")),
    ("clip", Some("min(max(x, a), b)")),
    ("sum", None),
    ("prod", None),
    ("mean", None),
    ("median", None),
    ("norm", Some("hypot(x, y)")),
    ("dist", Some("hypot(x, y)")),
    ("random", None),
    ("rand", None),
];

/// The ASCII name of a Greek letter variable, if it has one the parser accepts.
pub(crate) fn greek_ascii_name(c: char) -> Option<&'static str> {
    KNOWN.iter().find_map(|(n, k)| match k {
        Known::Greek(g) if *g == c => Some(*n),
        _ => None,
    })
}

/// One piece of a letter run after splitting.
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum Piece {
    Func(Callee),
    Const(Constant),
    /// A variable's base name (one letter, or a Greek letter from its ASCII name).
    Var(String),
    /// The name of a function that is not supported (an error).
    Unsupported(&'static str),
}

/// Whether the known name `name` matches the start of `rest`: functions in any case,
/// constants and Greek names exactly.
fn known_matches(rest: &str, name: &str, k: &Known) -> bool {
    match k {
        Known::F(_) | Known::S(_) => rest
            .get(..name.len())
            .is_some_and(|head| head.eq_ignore_ascii_case(name)),
        _ => rest.starts_with(name),
    }
}

fn known_piece(k: &Known) -> Piece {
    match k {
        Known::F(f) => Piece::Func(Callee::F(*f)),
        Known::S(s) => Piece::Func(Callee::S(*s)),
        Known::C(c) => Piece::Const(*c),
        Known::Greek(g) => Piece::Var(g.to_string()),
    }
}

/// Splits a run of ASCII letters into known names and single-letter variables, taking the
/// longest known name at each position (a whole-run function name in any case, such as
/// `ReLU`, is one piece). Also used by the printer to check that juxtaposed letters read
/// back the same way.
pub(crate) fn split_letters(run: &str) -> Vec<(Piece, usize)> {
    if let Some((n, k)) = KNOWN
        .iter()
        .find(|(n, k)| n.len() == run.len() && known_matches(run, n, k))
    {
        return vec![(known_piece(k), n.len())];
    }
    let mut out = Vec::new();
    let mut i = 0;
    while i < run.len() {
        let rest = run.get(i..).unwrap_or("");
        let best = KNOWN
            .iter()
            .filter(|(n, k)| known_matches(rest, n, k))
            .max_by_key(|(n, _)| n.len());
        let unsupported = UNSUPPORTED
            .iter()
            .filter(|(n, _)| {
                rest.get(..n.len())
                    .is_some_and(|head| head.eq_ignore_ascii_case(n))
            })
            .max_by_key(|(n, _)| n.len());
        if let Some((n, _)) = unsupported {
            if best.is_none_or(|(b, _)| b.len() < n.len()) {
                out.push((Piece::Unsupported(n), n.len()));
                i += n.len();
                continue;
            }
        }
        match best {
            Some((n, k)) => {
                out.push((known_piece(k), n.len()));
                i += n.len();
            }
            None => {
                let len = rest.chars().next().map(char::len_utf8).unwrap_or(1);
                out.push((Piece::Var(rest.get(..len).unwrap_or("").to_string()), len));
                i += len;
            }
        }
    }
    out
}

/// The edit distance between two short ASCII words (adjacent swaps count 1).
fn edit_distance(a: &str, b: &str) -> usize {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    let w = b.len() + 1;
    let mut d = vec![0usize; (a.len() + 1) * w];
    for (i, row) in d.chunks_mut(w).enumerate() {
        if let Some(first) = row.first_mut() {
            *first = i;
        }
    }
    for (j, cell) in d.iter_mut().take(w).enumerate() {
        *cell = j;
    }
    for i in 1..=a.len() {
        for j in 1..=b.len() {
            let cost = usize::from(a.get(i - 1) != b.get(j - 1));
            let at = |d: &[usize], r: usize, c: usize| {
                d.get(r * w + c).copied().unwrap_or(usize::MAX / 2)
            };
            let mut v = (at(&d, i - 1, j) + 1)
                .min(at(&d, i, j - 1) + 1)
                .min(at(&d, i - 1, j - 1) + cost);
            if i > 1 && j > 1 && a.get(i - 1) == b.get(j - 2) && a.get(i - 2) == b.get(j - 1) {
                v = v.min(at(&d, i - 2, j - 2) + 1);
            }
            if let Some(c) = d.get_mut(i * w + j) {
                *c = v;
            }
        }
    }
    d.last().copied().unwrap_or(0)
}

/// The known function names nearest to `name` (at most three, nearest first).
fn nearest_functions(name: &str) -> Vec<String> {
    let lower = name.to_ascii_lowercase();
    let limit = if lower.len() <= 4 { 1 } else { 2 };
    let mut scored: Vec<(usize, &str)> = KNOWN
        .iter()
        .chain(DIGIT_NAMES)
        .filter(|(_, k)| matches!(k, Known::F(_) | Known::S(_)))
        .map(|(n, _)| (edit_distance(&lower, n), *n))
        .filter(|(d, _)| *d <= limit)
        .collect();
    scored.sort();
    let mut out: Vec<String> = Vec::new();
    for (_, n) in scored {
        let shown = if n == "nthroot" { "nthRoot" } else { n };
        if !out.iter().any(|o| o == shown) && out.len() < 3 {
            out.push(shown.to_string());
        }
    }
    out
}

fn subscript_digit(c: char) -> Option<char> {
    let n = (c as u32).checked_sub(0x2080)?;
    if n <= 9 {
        char::from_digit(n, 10)
    } else {
        None
    }
}

fn superscript_digit(c: char) -> Option<i64> {
    match c {
        '⁰' => Some(0),
        '¹' => Some(1),
        '²' => Some(2),
        '³' => Some(3),
        '⁴' => Some(4),
        '⁵' => Some(5),
        '⁶' => Some(6),
        '⁷' => Some(7),
        '⁸' => Some(8),
        '⁹' => Some(9),
        _ => None,
    }
}

fn vulgar_fraction(c: char) -> Option<(f64, f64)> {
    Some(match c {
        '½' => (1.0, 2.0),
        '⅓' => (1.0, 3.0),
        '⅔' => (2.0, 3.0),
        '¼' => (1.0, 4.0),
        '¾' => (3.0, 4.0),
        '⅕' => (1.0, 5.0),
        '⅖' => (2.0, 5.0),
        '⅗' => (3.0, 5.0),
        '⅘' => (4.0, 5.0),
        '⅙' => (1.0, 6.0),
        '⅚' => (5.0, 6.0),
        '⅐' => (1.0, 7.0),
        '⅛' => (1.0, 8.0),
        '⅜' => (3.0, 8.0),
        '⅝' => (5.0, 8.0),
        '⅞' => (7.0, 8.0),
        '⅑' => (1.0, 9.0),
        '⅒' => (1.0, 10.0),
        _ => return None,
    })
}

/// Greek letters usable as variables (π and σ are handled separately).
fn is_greek_var(c: char) -> bool {
    (('α'..='ω').contains(&c) || ('Α'..='Ω').contains(&c))
        && !matches!(c, 'π' | 'σ' | 'ς' | 'Π' | 'Σ' | '\u{03A2}')
}

struct Lexer<'a> {
    src: &'a str,
    chars: Vec<(usize, char)>,
    i: usize,
    out: Vec<Token>,
}

impl<'a> Lexer<'a> {
    fn new(src: &'a str) -> Self {
        Lexer {
            src,
            chars: src.char_indices().collect(),
            i: 0,
            out: Vec::new(),
        }
    }

    fn ch(&self, i: usize) -> Option<char> {
        self.chars.get(i).map(|(_, c)| *c)
    }

    fn byte(&self, i: usize) -> usize {
        self.chars.get(i).map(|(b, _)| *b).unwrap_or(self.src.len())
    }

    fn err(&self, kind: ParseErrorKind, from: usize, to: usize) -> ParseError {
        ParseError {
            kind,
            span: self.byte(from)..self.byte(to),
        }
    }

    fn push(&mut self, tok: Tok, from: usize, to: usize) {
        let span = self.byte(from)..self.byte(to);
        self.out.push(Token { tok, span });
    }

    fn run(mut self) -> Result<Vec<Token>, ParseError> {
        while let Some(c) = self.ch(self.i) {
            let start = self.i;
            let column = start + 1;
            if c.is_whitespace() {
                self.i += 1;
                continue;
            }
            if c.is_ascii_digit()
                || (c == '.' && self.ch(start + 1).is_some_and(|d| d.is_ascii_digit()))
            {
                self.number()?;
                continue;
            }
            if c.is_ascii_alphabetic() {
                self.letters()?;
                continue;
            }
            if is_greek_var(c) {
                self.i += 1;
                let name = self.subscripts(c.to_string())?;
                self.push(Tok::Var(name), start, self.i);
                continue;
            }
            if superscript_digit(c).is_some() || c == '⁻' || c == '⁺' {
                self.superscript()?;
                continue;
            }
            if let Some((n, d)) = vulgar_fraction(c) {
                self.i += 1;
                self.push(Tok::Frac(n, d), start, self.i);
                continue;
            }
            let tok = match c {
                '+' => Tok::Plus,
                '-' | '−' | '–' => Tok::Minus,
                '*' if self.ch(start + 1) == Some('*') => {
                    self.i += 1;
                    Tok::Caret
                }
                '*' | '·' | '×' | '⋅' | '∗' => Tok::Star,
                '/' | '÷' => Tok::Slash,
                '^' => Tok::Caret,
                '(' | '[' | '{' => Tok::LParen(c),
                ')' | ']' | '}' => Tok::RParen(c),
                '|' => Tok::Bar,
                ',' => Tok::Comma,
                '√' => Tok::Sqrt,
                'π' => Tok::Const(Constant::Pi),
                'σ' => Tok::Func(Callee::F(Func::Sigmoid)),
                _ => {
                    if subscript_digit(c).is_some() || c == '_' {
                        return Err(self.err(
                            ParseErrorKind::BadSubscript { column },
                            start,
                            start + 1,
                        ));
                    }
                    return Err(self.err(
                        ParseErrorKind::UnexpectedChar { ch: c, column },
                        start,
                        start + 1,
                    ));
                }
            };
            self.i += 1;
            self.push(tok, start, self.i);
        }
        Ok(self.out)
    }

    fn number(&mut self) -> Result<(), ParseError> {
        let start = self.i;
        let digits = |lx: &mut Self| {
            while lx.ch(lx.i).is_some_and(|d| d.is_ascii_digit()) {
                lx.i += 1;
            }
        };
        digits(self);
        if self.ch(self.i) == Some('.') {
            self.i += 1;
            digits(self);
        }
        // Scientific notation only when digits follow the e (so `2e` and `2ex` mean 2·e…).
        if matches!(self.ch(self.i), Some('e' | 'E')) {
            let mut j = self.i + 1;
            if matches!(self.ch(j), Some('+' | '-')) {
                j += 1;
            }
            if self.ch(j).is_some_and(|d| d.is_ascii_digit()) {
                self.i = j;
                digits(self);
            }
        }
        let text = self
            .src
            .get(self.byte(start)..self.byte(self.i))
            .unwrap_or("")
            .to_string();
        let column = start + 1;
        if self.ch(self.i) == Some('.') {
            let mut end = self.i + 1;
            while self.ch(end).is_some_and(|d| d.is_ascii_digit() || d == '.') {
                end += 1;
            }
            let text = self
                .src
                .get(self.byte(start)..self.byte(end))
                .unwrap_or("")
                .to_string();
            return Err(self.err(ParseErrorKind::BadNumber { text, column }, start, end));
        }
        let value: f64 = match text.parse() {
            Ok(v) => v,
            Err(_) => {
                return Err(self.err(ParseErrorKind::BadNumber { text, column }, start, self.i));
            }
        };
        if !value.is_finite() {
            return Err(self.err(
                ParseErrorKind::NumberTooLarge { text, column },
                start,
                self.i,
            ));
        }
        self.push(Tok::Num(value), start, self.i);
        Ok(())
    }

    fn letters(&mut self) -> Result<(), ParseError> {
        let start = self.i;
        if self.digit_name()? {
            return Ok(());
        }
        let mut end = start;
        while self.ch(end).is_some_and(|c| c.is_ascii_alphabetic()) {
            end += 1;
        }
        let run = self
            .src
            .get(self.byte(start)..self.byte(end))
            .unwrap_or("")
            .to_string();
        let column = start + 1;
        if run.eq_ignore_ascii_case("log") {
            if let Some(base) = self.log_base(end)? {
                return self.push_log_base(base, start);
            }
        }
        self.i = end;
        let pieces = split_letters(&run);
        if let Some((name, hint)) = pieces.iter().find_map(|(p, _)| match p {
            Piece::Unsupported(n) => UNSUPPORTED.iter().find(|(u, _)| u == n).copied(),
            _ => None,
        }) {
            let mut suggestions = nearest_functions(name);
            if let Some(h) = hint {
                suggestions.insert(0, h.to_string());
                suggestions.truncate(3);
            }
            return Err(self.err(
                ParseErrorKind::UnknownFunction {
                    name: run.clone(),
                    column,
                    suggestions,
                    product: None,
                },
                start,
                end,
            ));
        }
        // A function name glued to digits that would make another name (`xlog10`).
        if let Some((Piece::Func(_), len)) = pieces.last() {
            let tail = run.get(run.len() - len..).unwrap_or("");
            if self.ch(end).is_some_and(|c| c.is_ascii_digit())
                && DIGIT_NAMES.iter().any(|(n, _)| {
                    n.len() > tail.len()
                        && n.get(..tail.len())
                            .is_some_and(|h| h.eq_ignore_ascii_case(tail))
                })
            {
                let mut j = end;
                while self.ch(j).is_some_and(|c| c.is_ascii_alphanumeric()) {
                    j += 1;
                }
                let text = self.src.get(self.byte(start)..self.byte(j)).unwrap_or("");
                return Err(self.err(
                    ParseErrorKind::UnknownFunction {
                        name: text.to_string(),
                        column,
                        suggestions: Vec::new(),
                        product: Some(format!(
                            "{}*{}(…)",
                            run.get(..run.len() - len).unwrap_or(""),
                            text.get(run.len() - len..).unwrap_or("")
                        )),
                    },
                    start,
                    j,
                ));
            }
        }
        let count = pieces.len();
        let mut at = start;
        let mut toks = Vec::with_capacity(count);
        for (k, (piece, len)) in pieces.iter().enumerate() {
            // ASCII letters: one byte is one char.
            let piece_end = at + len;
            let last = k + 1 == count;
            match piece {
                Piece::Func(f) => toks.push((Tok::Func(*f), at, piece_end)),
                Piece::Const(c) => toks.push((Tok::Const(*c), at, piece_end)),
                Piece::Var(name) => {
                    if last {
                        let name = self.subscripts(name.clone())?;
                        toks.push((Tok::Var(name), at, self.i));
                    } else {
                        toks.push((Tok::Var(name.clone()), at, piece_end));
                    }
                }
                Piece::Unsupported(_) => {}
            }
            at = piece_end;
        }
        // Letters right before a bracket must be one name: a known function, or a single
        // letter, constant or Greek name multiplying the bracket (`x(x + 1)`). Anything
        // else (`cbrtt(x)`, `xy(x + 1)`) is an unknown function, never a product.
        if count > 1 && self.opens_next() {
            let suggestions = nearest_functions(&run);
            return Err(self.err(
                ParseErrorKind::UnknownFunction {
                    name: run.clone(),
                    column,
                    product: product_hint_if_plain(&pieces, &run),
                    suggestions,
                },
                start,
                self.i,
            ));
        }
        for (tok, from, to) in toks {
            self.push(tok, from, to);
        }
        Ok(())
    }

    /// Whether the next character that is not a space opens a bracket.
    fn opens_next(&self) -> bool {
        let mut j = self.i;
        while self.ch(j).is_some_and(char::is_whitespace) {
            j += 1;
        }
        matches!(self.ch(j), Some('(' | '[' | '{'))
    }

    /// A function name with digits in it (`log10`, `atan2`, `expm1`) at the current
    /// position: pushes it and returns true. Glued to a following letter or digit
    /// (`exp2x`, `log10x`) it reads two ways, which is an error.
    fn digit_name(&mut self) -> Result<bool, ParseError> {
        let start = self.i;
        let rest = self.src.get(self.byte(start)..).unwrap_or("");
        let Some((name, known)) = DIGIT_NAMES.iter().find(|(n, _)| {
            rest.get(..n.len())
                .is_some_and(|h| h.eq_ignore_ascii_case(n))
        }) else {
            return Ok(false);
        };
        // The name is ASCII: one byte is one char.
        let end = start + name.len();
        match self.ch(end) {
            Some(c) if c.is_ascii_digit() && name.starts_with("log") => return Ok(false), // log20: see `log_base`
            Some(c) if c.is_ascii_digit() => {
                let mut j = end;
                while self.ch(j).is_some_and(|c| c.is_ascii_alphanumeric()) {
                    j += 1;
                }
                let text = self
                    .src
                    .get(self.byte(start)..self.byte(j))
                    .unwrap_or("")
                    .to_string();
                return Err(self.err(
                    ParseErrorKind::UnknownFunction {
                        name: text,
                        column: start + 1,
                        suggestions: vec![name.to_string()],
                        product: None,
                    },
                    start,
                    j,
                ));
            }
            Some(c) if c.is_ascii_alphabetic() => {
                let mut j = end;
                while self.ch(j).is_some_and(|c| c.is_ascii_alphanumeric()) {
                    j += 1;
                }
                let text = self
                    .src
                    .get(self.byte(start)..self.byte(j))
                    .unwrap_or("")
                    .to_string();
                let arg = self.src.get(self.byte(end)..self.byte(j)).unwrap_or("");
                let letters = name.trim_end_matches(|c: char| c.is_ascii_digit());
                let digits = name.get(letters.len()..).unwrap_or("");
                let reads_split = KNOWN.iter().any(|(n, k)| {
                    matches!(k, Known::F(_) | Known::S(_)) && n.eq_ignore_ascii_case(letters)
                });
                if !reads_split || digits.is_empty() {
                    // `log1px`: the name, then its argument.
                    if let Piece::Func(f) = known_piece(known) {
                        self.push(Tok::Func(f), start, end);
                    }
                    self.i = end;
                    return Ok(true);
                }
                return Err(self.err(
                    ParseErrorKind::Ambiguous {
                        text,
                        column: start + 1,
                        readings: [
                            format!("{name}({arg})"),
                            format!("{letters}({digits}{arg})"),
                        ],
                    },
                    start,
                    j,
                ));
            }
            _ => {}
        }
        let piece = known_piece(known);
        if let Piece::Func(f) = piece {
            self.push(Tok::Func(f), start, end);
        }
        self.i = end;
        Ok(true)
    }

    /// After `log` (ending at `end`): a base written as subscript digits or `_digits`
    /// (`log₂`, `log_10`), or an error for `log` glued to plain digits other than 10 and 2
    /// (`log3`). `None` when no base follows.
    fn log_base(&mut self, end: usize) -> Result<Option<(String, usize)>, ParseError> {
        let mut j = end;
        let mut digits = String::new();
        match self.ch(end) {
            Some(c) if subscript_digit(c).is_some() => {
                while let Some(d) = self.ch(j).and_then(subscript_digit) {
                    digits.push(d);
                    j += 1;
                }
            }
            Some('_') => {
                j += 1;
                let braced = self.ch(j) == Some('{');
                if braced {
                    j += 1;
                }
                while let Some(d) = self.ch(j).filter(char::is_ascii_digit) {
                    digits.push(d);
                    j += 1;
                }
                if braced {
                    if self.ch(j) != Some('}') || digits.is_empty() {
                        return Err(self.err(
                            ParseErrorKind::BadSubscript { column: end + 1 },
                            end,
                            end + 1,
                        ));
                    }
                    j += 1;
                }
            }
            Some(c) if c.is_ascii_digit() => {
                while let Some(d) = self.ch(j).filter(char::is_ascii_digit) {
                    digits.push(d);
                    j += 1;
                }
                let start = end - 3;
                let text = self
                    .src
                    .get(self.byte(start)..self.byte(j))
                    .unwrap_or("")
                    .to_string();
                return Err(self.err(
                    ParseErrorKind::LogBase {
                        text,
                        base: digits,
                        column: start + 1,
                    },
                    start,
                    j,
                ));
            }
            _ => return Ok(None),
        }
        if digits.is_empty() {
            return Err(self.err(
                ParseErrorKind::BadSubscript { column: end + 1 },
                end,
                end + 1,
            ));
        }
        Ok(Some((digits, j)))
    }

    /// Pushes `log` to a written base (digits, ending at char `end`).
    fn push_log_base(
        &mut self,
        (digits, end): (String, usize),
        start: usize,
    ) -> Result<(), ParseError> {
        let base: f64 = digits.parse().unwrap_or(f64::NAN);
        let callee = if base == 10.0 {
            Callee::F(Func::Log10)
        } else if base == 2.0 {
            Callee::F(Func::Log2)
        } else if base > 0.0 && base != 1.0 && base.is_finite() {
            Callee::S(Sugar::LogBase(base))
        } else {
            return Err(self.err(
                ParseErrorKind::LogBase {
                    text: self
                        .src
                        .get(self.byte(start)..self.byte(end))
                        .unwrap_or("")
                        .to_string(),
                    base: digits,
                    column: start + 1,
                },
                start,
                end,
            ));
        };
        self.push(Tok::Func(callee), start, end);
        self.i = end;
        Ok(())
    }

    /// Reads digits, subscript digits or `_suffix` after a variable's letters.
    fn subscripts(&mut self, mut name: String) -> Result<String, ParseError> {
        loop {
            match self.ch(self.i) {
                Some(d) if d.is_ascii_digit() => {
                    name.push(d);
                    self.i += 1;
                }
                Some(s) if subscript_digit(s).is_some() => {
                    if let Some(d) = subscript_digit(s) {
                        name.push(d);
                    }
                    self.i += 1;
                }
                Some('_') => {
                    let us = self.i;
                    let mut j = us + 1;
                    while self.ch(j).is_some_and(|c| c.is_ascii_alphanumeric()) {
                        j += 1;
                    }
                    if j == us + 1 {
                        return Err(self.err(
                            ParseErrorKind::BadSubscript { column: us + 1 },
                            us,
                            us + 1,
                        ));
                    }
                    let suffix = self.src.get(self.byte(us + 1)..self.byte(j)).unwrap_or("");
                    if suffix.chars().all(|c| c.is_ascii_digit()) {
                        name.push_str(suffix);
                    } else {
                        name.push('_');
                        name.push_str(suffix);
                    }
                    self.i = j;
                }
                _ => return Ok(name),
            }
        }
    }

    fn superscript(&mut self) -> Result<(), ParseError> {
        let start = self.i;
        let mut sign = 1i64;
        match self.ch(self.i) {
            Some('⁻') => {
                sign = -1;
                self.i += 1;
            }
            Some('⁺') => self.i += 1,
            _ => {}
        }
        let mut value: i64 = 0;
        let mut any = false;
        while let Some(d) = self.ch(self.i).and_then(superscript_digit) {
            value = value.saturating_mul(10).saturating_add(d);
            any = true;
            self.i += 1;
        }
        if !any {
            return Err(self.err(
                ParseErrorKind::BadSuperscript { column: start + 1 },
                start,
                self.i.max(start + 1),
            ));
        }
        if value > 1_000_000_000 {
            let text = self
                .src
                .get(self.byte(start)..self.byte(self.i))
                .unwrap_or("")
                .to_string();
            return Err(self.err(
                ParseErrorKind::NumberTooLarge {
                    text,
                    column: start + 1,
                },
                start,
                self.i,
            ));
        }
        self.push(Tok::Sup(sign * value), start, self.i);
        Ok(())
    }
}

/// The pieces of a letter run written as a product (`x*y`), for an error message.
fn product_hint(pieces: &[(Piece, usize)], run: &str, call: bool) -> String {
    let mut parts = Vec::new();
    let mut at = 0;
    for (_, len) in pieces {
        parts.push(run.get(at..at + len).unwrap_or("").to_string());
        at += len;
    }
    let mut out = parts.join("*");
    if call {
        out.push_str("(…)");
    } else {
        out.push_str("*(…)");
    }
    out
}

/// A product hint for letters before a bracket, when they read as a few variables
/// possibly ending in a function (`xy(…)` → `x*y*(…)`, `xsin(…)` → `x*sin(…)`).
fn product_hint_if_plain(pieces: &[(Piece, usize)], run: &str) -> Option<String> {
    let n = pieces.len();
    let plain = pieces.iter().enumerate().all(|(k, (p, _))| match p {
        Piece::Var(_) | Piece::Const(_) => true,
        Piece::Func(_) => k + 1 == n,
        Piece::Unsupported(_) => false,
    });
    if !plain || n > 3 {
        return None;
    }
    let ends_in_call = matches!(pieces.last(), Some((Piece::Func(_), _)));
    Some(product_hint(pieces, run, ends_in_call))
}

// ---------------------------------------------------------------------------------------
// Parser

struct Parser<'a> {
    src: &'a str,
    tokens: Vec<Token>,
    pos: usize,
    depth: usize,
    /// How many `|…|` groups are open (a `|` then closes rather than opens).
    abs_depth: usize,
}

fn mul(a: Expr, b: Expr) -> Expr {
    match a {
        Expr::Mul(mut v) => {
            v.push(b);
            Expr::Mul(v)
        }
        a => Expr::Mul(vec![a, b]),
    }
}

impl<'a> Parser<'a> {
    fn peek_token(&self) -> Option<&Token> {
        self.tokens.get(self.pos)
    }

    fn peek(&self) -> Option<&Tok> {
        self.tokens.get(self.pos).map(|t| &t.tok)
    }

    fn span(&self) -> Range<usize> {
        self.tokens
            .get(self.pos)
            .map(|t| t.span.clone())
            .unwrap_or(self.src.len()..self.src.len())
    }

    fn column(&self, byte: usize) -> usize {
        column_of(self.src, byte)
    }

    fn text(&self, span: &Range<usize>) -> String {
        self.src.get(span.clone()).unwrap_or("").to_string()
    }

    #[inline(never)]
    fn enter(&mut self) -> PResult<()> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return Err(self.too_deep());
        }
        Ok(())
    }

    #[cold]
    #[inline(never)]
    fn too_deep(&self) -> Box<ParseError> {
        Box::new(ParseError {
            kind: ParseErrorKind::TooDeep,
            span: self.span(),
        })
    }

    fn leave(&mut self) {
        self.depth = self.depth.saturating_sub(1);
    }

    /// Whether the next token can start a factor that multiplies by juxtaposition.
    fn starts_factor(&self) -> bool {
        match self.peek() {
            Some(Tok::Num(_) | Tok::Frac(..)) => true,
            Some(Tok::Var(_) | Tok::Const(_) | Tok::Func(_) | Tok::LParen(_) | Tok::Sqrt) => true,
            Some(Tok::Bar) => self.abs_depth == 0,
            _ => false,
        }
    }

    /// The error for a missing operand at the current position.
    #[cold]
    #[inline(never)]
    fn missing_operand(&self) -> Box<ParseError> {
        Box::new(self.missing_operand_error())
    }

    #[cold]
    #[inline(never)]
    fn missing_operand_error(&self) -> ParseError {
        let prev = self.pos.checked_sub(1).and_then(|i| self.tokens.get(i));
        if let Some(prev) = prev {
            if matches!(
                prev.tok,
                Tok::Plus | Tok::Minus | Tok::Star | Tok::Slash | Tok::Caret | Tok::Sqrt
            ) {
                return ParseError {
                    kind: ParseErrorKind::MissingRightOperand {
                        op: self.text(&prev.span),
                        column: self.column(prev.span.start),
                    },
                    span: prev.span.clone(),
                };
            }
        }
        let span = self.span();
        let column = self.column(span.start);
        let kind = match self.peek() {
            None => {
                // Ends right after an opening bracket, a comma or a bar.
                match prev {
                    Some(p) => ParseErrorKind::MissingRightOperand {
                        op: self.text(&p.span),
                        column: self.column(p.span.start),
                    },
                    None => ParseErrorKind::Empty,
                }
            }
            Some(Tok::Star | Tok::Slash | Tok::Caret | Tok::Plus) => {
                ParseErrorKind::MissingLeftOperand {
                    op: self.text(&span),
                    column,
                }
            }
            Some(Tok::RParen(c)) => {
                if let Some(Token {
                    tok: Tok::LParen(_),
                    span: ps,
                }) = prev
                {
                    ParseErrorKind::EmptyGroup {
                        column: self.column(ps.start),
                    }
                } else {
                    ParseErrorKind::UnmatchedClose { close: *c, column }
                }
            }
            Some(Tok::Comma) => match prev {
                Some(p) if matches!(p.tok, Tok::LParen(_) | Tok::Comma) => {
                    ParseErrorKind::StrayComma { column }
                }
                _ => ParseErrorKind::StrayComma { column },
            },
            Some(Tok::Sup(_)) => ParseErrorKind::MissingLeftOperand {
                op: self.text(&span),
                column,
            },
            _ => ParseErrorKind::UnexpectedChar {
                ch: first_char(self.src, &span),
                column,
            },
        };
        ParseError { kind, span }
    }

    /// Reads a run of `+` and `-` signs (iteratively, so long runs cannot overflow the
    /// stack) and returns whether an odd number of minus signs was read.
    fn signs(&mut self) -> bool {
        let mut neg = false;
        loop {
            match self.peek() {
                Some(Tok::Minus) => neg = !neg,
                Some(Tok::Plus) => {}
                _ => return neg,
            }
            self.pos += 1;
        }
    }

    // The functions on the recursive path (parse_expr → parse_product → parse_power →
    // parse_atom → group / parse_function → … → parse_expr) are kept lean so that each
    // nesting level uses little stack, even in debug builds (where every temporary gets
    // its own stack slot): decisions, leaves and error construction are made in separate
    // `#[inline(never)]` helpers that return small values, each kind of atom has its own
    // function (so only the one in use is on the stack), and errors travel boxed.

    fn parse_expr(&mut self) -> PResult<Expr> {
        let mut terms = Vec::new();
        let mut neg = self.signs();
        loop {
            let t = self.parse_product()?;
            terms.push(negate_if(neg, t));
            match self.sum_op() {
                Some(n) => neg = n,
                None => return Ok(sum(terms)),
            }
        }
    }

    /// After a term: consumes `+` or `-` and the signs after it, and returns whether the
    /// next term is negated; `None` at the end of the sum.
    #[inline(never)]
    fn sum_op(&mut self) -> Option<bool> {
        match self.peek() {
            Some(Tok::Plus) => {
                self.pos += 1;
                Some(self.signs())
            }
            Some(Tok::Minus) => {
                self.pos += 1;
                Some(!self.signs())
            }
            _ => None,
        }
    }

    #[cold]
    #[inline(never)]
    fn number_after_factor(&self) -> Box<ParseError> {
        let span = self.span();
        Box::new(ParseError {
            kind: ParseErrorKind::NumberAfterFactor {
                text: self.text(&span),
                column: self.column(span.start),
            },
            span,
        })
    }

    fn parse_product(&mut self) -> PResult<Expr> {
        let mut acc = self.parse_power()?;
        while let Some(op) = self.product_op()? {
            let rhs = self.parse_power()?;
            acc = combine(op, acc, rhs);
        }
        Ok(acc)
    }

    /// After a factor: consumes `*` or `/` and the signs after it, or nothing for
    /// juxtaposition; `None` at the end of the product.
    #[inline(never)]
    fn product_op(&mut self) -> PResult<Option<ProductOp>> {
        let op = match self.peek() {
            Some(Tok::Star) => ProductOp::Mul { neg: false },
            Some(Tok::Slash) => ProductOp::Div { neg: false },
            Some(Tok::Num(_) | Tok::Frac(..)) => return Err(self.number_after_factor()),
            _ if self.starts_factor() => return Ok(Some(ProductOp::Mul { neg: false })),
            _ => return Ok(None),
        };
        self.pos += 1;
        let neg = self.signs();
        Ok(Some(match op {
            ProductOp::Div { .. } => ProductOp::Div { neg },
            ProductOp::Mul { .. } => ProductOp::Mul { neg },
        }))
    }

    fn parse_power(&mut self) -> PResult<Expr> {
        self.enter()?;
        let base = self.parse_atom()?;
        let mut e = self.superscripts(base);
        if let Some(neg) = self.caret() {
            let x = self.parse_power()?;
            e = power(e, negate_if(neg, x));
        }
        self.leave();
        Ok(e)
    }

    /// Applies any superscript powers (`x²`) that follow.
    #[inline(never)]
    fn superscripts(&mut self, mut e: Expr) -> Expr {
        while let Some(Tok::Sup(n)) = self.peek() {
            let n = *n as f64;
            self.pos += 1;
            e = Expr::Pow(Box::new(e), Box::new(Expr::Num(n)));
        }
        e
    }

    /// Consumes a `^` and the signs after it, returning whether the exponent is negated.
    #[inline(never)]
    fn caret(&mut self) -> Option<bool> {
        if let Some(Tok::Caret) = self.peek() {
            self.pos += 1;
            Some(self.signs())
        } else {
            None
        }
    }

    fn closing_for(open: char) -> char {
        match open {
            '[' => ']',
            '{' => '}',
            '|' => '|',
            _ => ')',
        }
    }

    #[inline(never)]
    fn expect_close(&mut self, open: char, open_start: usize) -> PResult<()> {
        let want = Self::closing_for(open);
        match self.peek() {
            Some(Tok::RParen(c)) if *c == want => {
                self.pos += 1;
                Ok(())
            }
            Some(Tok::Bar) if want == '|' => {
                self.pos += 1;
                Ok(())
            }
            _ => Err(self.close_error(open, open_start)),
        }
    }

    #[cold]
    #[inline(never)]
    fn close_error(&self, open: char, open_start: usize) -> Box<ParseError> {
        let want = Self::closing_for(open);
        let open_column = self.column(open_start);
        let span = self.span();
        let column = self.column(span.start);
        Box::new(match self.peek() {
            Some(Tok::RParen(c)) => ParseError {
                kind: ParseErrorKind::MismatchedClose {
                    open,
                    open_column,
                    close: *c,
                    column,
                },
                span,
            },
            Some(Tok::Comma) => ParseError {
                kind: ParseErrorKind::StrayComma { column },
                span,
            },
            _ => ParseError {
                kind: ParseErrorKind::MissingClose {
                    open,
                    close: want,
                    column: open_column,
                },
                span: open_start..open_start + open.len_utf8(),
            },
        })
    }

    #[cold]
    #[inline(never)]
    fn empty_group(&self, start: usize) -> Box<ParseError> {
        Box::new(ParseError {
            kind: ParseErrorKind::EmptyGroup {
                column: self.column(start),
            },
            span: start..self.span().end,
        })
    }

    /// What kind of atom starts at the current token (a leaf is consumed here).
    #[inline(never)]
    fn atom_kind(&mut self) -> Atom {
        let Some(t) = self.tokens.get(self.pos) else {
            return Atom::Missing;
        };
        let start = t.span.start;
        let leaf = match &t.tok {
            Tok::Num(v) => Expr::Num(*v),
            Tok::Frac(n, d) => Expr::Div(Box::new(Expr::Num(*n)), Box::new(Expr::Num(*d))),
            Tok::Var(name) => Expr::Var(name.clone()),
            Tok::Const(c) => Expr::Const(*c),
            Tok::LParen(open) => return Atom::Group(*open, start),
            Tok::Bar => return Atom::Bars(start),
            Tok::Sqrt => return Atom::Sqrt,
            Tok::Func(f) => return Atom::Func(*f, start),
            _ => return Atom::Missing,
        };
        let end = t.span.end;
        self.pos += 1;
        if let Expr::Num(_) = leaf {
            return Atom::Leaf(Box::new(self.mixed_number(leaf, end)));
        }
        Atom::Leaf(Box::new(leaf))
    }

    fn parse_atom(&mut self) -> PResult<Expr> {
        match self.atom_kind() {
            Atom::Leaf(e) => Ok(*e),
            Atom::Group(open, start) => self.group(open, start),
            Atom::Bars(start) => self.bars(start),
            Atom::Sqrt => self.root(),
            Atom::Func(f, start) => self.parse_function(f, start),
            Atom::Missing => Err(self.missing_operand()),
        }
    }

    /// Whether the next token closes a group (for spotting `()`).
    #[inline(never)]
    fn at_close(&self) -> bool {
        matches!(self.peek(), Some(Tok::RParen(_)))
    }

    /// A bracketed group; the opening bracket is the current token.
    fn group(&mut self, open: char, start: usize) -> PResult<Expr> {
        self.pos += 1;
        if self.at_close() {
            return Err(self.empty_group(start));
        }
        let saved = std::mem::replace(&mut self.abs_depth, 0);
        let e = self.parse_expr()?;
        self.abs_depth = saved;
        self.expect_close(open, start)?;
        Ok(e)
    }

    /// `|…|`; the opening bar is the current token.
    fn bars(&mut self, start: usize) -> PResult<Expr> {
        self.pos += 1;
        if let Some(Tok::Bar) = self.peek() {
            return Err(self.empty_group(start));
        }
        self.abs_depth += 1;
        let e = self.parse_expr()?;
        self.abs_depth -= 1;
        self.expect_close('|', start)?;
        Ok(Expr::Call(Func::Abs, vec![e]))
    }

    /// `√…`; the root sign is the current token.
    fn root(&mut self) -> PResult<Expr> {
        self.pos += 1;
        let neg = self.signs();
        let arg = self.parse_power()?;
        Ok(Expr::Call(Func::Sqrt, vec![negate_if(neg, arg)]))
    }

    /// A mixed number like 2½ (no space between).
    fn mixed_number(&mut self, whole: Expr, end: usize) -> Expr {
        if let Some(Token {
            tok: Tok::Frac(n, d),
            span,
        }) = self.peek_token()
        {
            if span.start == end {
                let frac = Expr::Div(Box::new(Expr::Num(*n)), Box::new(Expr::Num(*d)));
                self.pos += 1;
                return Expr::Add(vec![whole, frac]);
            }
        }
        whole
    }

    /// An optional power written on a function name: `sin^2 x`, `sin² x`, `sin^-1 x`.
    fn function_power(&mut self) -> PResult<Option<Expr>> {
        match self.function_power_kind() {
            None => Ok(None),
            Some(Ok(n)) => Ok(Some(Expr::Num(n))),
            Some(Err(neg)) => {
                self.enter()?;
                let p = self.parse_atom()?;
                self.leave();
                Ok(Some(negate_if(neg, p)))
            }
        }
    }

    /// For `function_power`: a superscript's value (`Ok`), or a `^` consumed with the
    /// signs after it (`Err(negated)`), or no power.
    #[inline(never)]
    fn function_power_kind(&mut self) -> Option<Result<f64, bool>> {
        match self.peek() {
            Some(Tok::Sup(n)) => {
                let n = *n as f64;
                self.pos += 1;
                Some(Ok(n))
            }
            Some(Tok::Caret) => {
                self.pos += 1;
                Some(Err(self.signs()))
            }
            _ => None,
        }
    }

    #[cold]
    #[inline(never)]
    fn missing_argument(&self, f: Callee, fstart: usize) -> Box<ParseError> {
        let len = self
            .tokens
            .iter()
            .find(|t| t.span.start == fstart)
            .map_or(1, |t| t.span.len());
        Box::new(ParseError {
            kind: ParseErrorKind::MissingArgument {
                func: f.name(),
                takes: f.takes(),
                column: self.column(fstart),
            },
            span: fstart..fstart + len,
        })
    }

    #[cold]
    #[inline(never)]
    fn wrong_arity(&self, f: Callee, found: usize, fstart: usize) -> Box<ParseError> {
        let end = self
            .pos
            .checked_sub(1)
            .and_then(|i| self.tokens.get(i))
            .map_or(fstart, |t| t.span.end);
        Box::new(ParseError {
            kind: ParseErrorKind::WrongArity {
                func: f.name(),
                takes: f.takes(),
                found,
            },
            span: fstart..end,
        })
    }

    /// How a function's arguments are written (the current token follows its name and
    /// any power).
    #[inline(never)]
    fn argument_kind(&self, f: Callee) -> Args {
        let one = f.arity().0 == 1;
        match self.peek() {
            Some(Tok::LParen(open)) => Args::Paren(*open),
            Some(Tok::Minus | Tok::Plus) if one => Args::Signed,
            _ if one && self.starts_factor() => Args::Implicit,
            _ => Args::Missing,
        }
    }

    fn parse_function(&mut self, f: Callee, fstart: usize) -> PResult<Expr> {
        self.enter()?;
        self.pos += 1;
        let power = self.function_power()?;
        let (f, power) = inverse_function(f, power);
        let args = match self.argument_kind(f) {
            Args::Paren(open) => self.paren_arguments(f, open, fstart)?,
            Args::Signed => {
                let neg = self.signs();
                let a = self.implicit_argument()?;
                vec![negate_if(neg, a)]
            }
            Args::Implicit => vec![self.implicit_argument()?],
            Args::Missing => return Err(self.missing_argument(f, fstart)),
        };
        self.finish_call(f, args, power, fstart)
    }

    /// Checks the argument count and builds the call (with its power, if any).
    #[inline(never)]
    fn finish_call(
        &mut self,
        f: Callee,
        args: Vec<Expr>,
        power: Option<Expr>,
        fstart: usize,
    ) -> PResult<Expr> {
        let (lo, hi) = f.arity();
        if args.len() < lo || args.len() > hi {
            return Err(self.wrong_arity(f, args.len(), fstart));
        }
        self.leave();
        let call = f.build(args);
        Ok(match power {
            Some(p) => Expr::Pow(Box::new(call), Box::new(p)),
            None => call,
        })
    }

    fn paren_arguments(&mut self, f: Callee, open: char, fstart: usize) -> PResult<Vec<Expr>> {
        let ostart = self.span().start;
        self.pos += 1;
        if self.at_close() {
            return Err(self.missing_argument(f, fstart));
        }
        let saved = std::mem::replace(&mut self.abs_depth, 0);
        let mut args = Vec::with_capacity(f.arity().1);
        loop {
            let a = self.parse_expr()?;
            args.push(a);
            if !self.comma() {
                break;
            }
        }
        self.abs_depth = saved;
        self.expect_close(open, ostart)?;
        Ok(args)
    }

    /// Consumes a comma, if that is the current token.
    #[inline(never)]
    fn comma(&mut self) -> bool {
        let is = matches!(self.peek(), Some(Tok::Comma));
        if is {
            self.pos += 1;
        }
        is
    }

    /// The argument of a function written without brackets: juxtaposed factors up to the
    /// next operator or function name (`sin 2x cos y` → sin(2x)·cos(y)).
    fn implicit_argument(&mut self) -> PResult<Expr> {
        let mut acc = self.parse_power()?;
        while self.implicit_continues()? {
            let rhs = self.parse_power()?;
            acc = mul(acc, rhs);
        }
        Ok(acc)
    }

    /// Whether another juxtaposed factor belongs to an implicit argument.
    #[inline(never)]
    fn implicit_continues(&self) -> PResult<bool> {
        match self.peek() {
            Some(Tok::Func(_)) => Ok(false),
            Some(Tok::Num(_) | Tok::Frac(..)) => Err(self.number_after_factor()),
            _ => Ok(self.starts_factor()),
        }
    }
}

/// Results on the parser's recursive path carry the error boxed, to keep stack frames
/// small.
type PResult<T> = Result<T, Box<ParseError>>;

/// An operator between factors (with whether the right-hand factor is negated).
#[derive(Clone, Copy)]
enum ProductOp {
    Mul { neg: bool },
    Div { neg: bool },
}

/// Joins two factors.
#[inline(never)]
fn combine(op: ProductOp, acc: Expr, rhs: Expr) -> Expr {
    match op {
        ProductOp::Mul { neg } => mul(acc, negate_if(neg, rhs)),
        ProductOp::Div { neg } => Expr::Div(Box::new(acc), Box::new(negate_if(neg, rhs))),
    }
}

#[inline(never)]
fn power(base: Expr, exp: Expr) -> Expr {
    Expr::Pow(Box::new(base), Box::new(exp))
}

/// What an atom starts with.
enum Atom {
    /// A number, variable or constant (already consumed).
    Leaf(Box<Expr>),
    /// An opening bracket and where it is.
    Group(char, usize),
    /// An opening `|` and where it is.
    Bars(usize),
    Sqrt,
    /// A function name and where it starts.
    Func(Callee, usize),
    Missing,
}

/// How a function's arguments are written.
#[derive(Clone, Copy)]
enum Args {
    /// In brackets (the opening one given).
    Paren(char),
    /// Without brackets, after signs: `sin -x`.
    Signed,
    /// Without brackets: `sin 2x`.
    Implicit,
    Missing,
}

/// `sin^-1` (also cos, tan) is the inverse function, not a power.
#[inline(never)]
fn inverse_function(f: Callee, power: Option<Expr>) -> (Callee, Option<Expr>) {
    if power.as_ref().is_some_and(is_minus_one) {
        let inverse = match f {
            Callee::F(Func::Sin) => Some(Func::Asin),
            Callee::F(Func::Cos) => Some(Func::Acos),
            Callee::F(Func::Tan) => Some(Func::Atan),
            Callee::F(Func::Sec) => Some(Func::Asec),
            Callee::F(Func::Csc) => Some(Func::Acsc),
            Callee::F(Func::Cot) => Some(Func::Acot),
            Callee::F(Func::Sinh) => Some(Func::Asinh),
            Callee::F(Func::Cosh) => Some(Func::Acosh),
            Callee::F(Func::Tanh) => Some(Func::Atanh),
            _ => None,
        };
        if let Some(inv) = inverse {
            return (Callee::F(inv), None);
        }
    }
    (f, power)
}

fn negate_if(neg: bool, e: Expr) -> Expr {
    if neg {
        Expr::Neg(Box::new(e))
    } else {
        e
    }
}

fn sum(mut terms: Vec<Expr>) -> Expr {
    if terms.len() == 1 {
        terms.pop().unwrap_or(Expr::Num(0.0))
    } else {
        Expr::Add(terms)
    }
}

fn is_minus_one(p: &Expr) -> bool {
    match p {
        Expr::Num(v) => *v == -1.0,
        Expr::Neg(inner) => matches!(**inner, Expr::Num(v) if v == 1.0),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn v(n: &str) -> Expr {
        Expr::var(n)
    }

    #[test]
    fn simple_shapes() {
        assert_eq!(parse("x").unwrap(), v("x"));
        assert_eq!(
            parse("-x^2").unwrap(),
            Expr::Neg(Box::new(Expr::Pow(
                Box::new(v("x")),
                Box::new(Expr::Num(2.0))
            )))
        );
        assert_eq!(parse("xy").unwrap(), Expr::Mul(vec![v("x"), v("y")]));
        assert_eq!(parse("w_1").unwrap(), v("w1"));
        assert_eq!(parse("w₁").unwrap(), v("w1"));
        assert_eq!(parse("θ").unwrap(), v("θ"));
        assert_eq!(parse("theta").unwrap(), v("θ"));
    }

    #[test]
    fn split_rule() {
        let names: Vec<Piece> = split_letters("xsinpix").into_iter().map(|p| p.0).collect();
        assert_eq!(
            names,
            vec![
                Piece::Var("x".into()),
                Piece::Func(Callee::F(Func::Sin)),
                Piece::Const(Constant::Pi),
                Piece::Var("x".into())
            ]
        );
    }

    #[test]
    fn columns_count_characters() {
        assert_eq!(column_of("θ+(", 3), 3);
        let e = parse("θ + (x").unwrap_err();
        assert_eq!(e.message(), "Missing ')' to close the '(' at column 5.");
    }
}
