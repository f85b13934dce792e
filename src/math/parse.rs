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
//!   `ex` = e·x, `exp` = the exponential function, `sinh` = hyperbolic sine.
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
    /// A function got the wrong number of arguments.
    WrongArity { func: Func, found: usize },
    /// A function name with nothing to apply it to, like `sin` alone.
    MissingArgument { func: Func, column: usize },
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

fn func_phrase(f: Func) -> String {
    if f.arity() == 2 {
        format!(
            "{} needs two arguments, separated by a comma, like {}(a, b)",
            f.name(),
            f.name()
        )
    } else {
        format!("{} needs one argument, like {}(x)", f.name(), f.name())
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
            UnexpectedChar { ch, column } => {
                format!("The character '{ch}' at column {column} is not something I understand here.")
            }
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
            WrongArity { func, .. } => format!("{}.", func_phrase(*func)),
            MissingArgument { func, column } => {
                format!("{} (at column {column}).", func_phrase(*func))
            }
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
    let e = p.parse_expr()?;
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
    Func(Func),
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

/// What a known letter-name stands for.
#[derive(Clone, Copy)]
enum Known {
    F(Func),
    C(Constant),
    Greek(char),
}

const KNOWN: &[(&str, Known)] = &[
    ("sin", Known::F(Func::Sin)),
    ("cos", Known::F(Func::Cos)),
    ("tan", Known::F(Func::Tan)),
    ("sec", Known::F(Func::Sec)),
    ("csc", Known::F(Func::Csc)),
    ("cot", Known::F(Func::Cot)),
    ("asin", Known::F(Func::Asin)),
    ("acos", Known::F(Func::Acos)),
    ("atan", Known::F(Func::Atan)),
    ("arcsin", Known::F(Func::Asin)),
    ("arccos", Known::F(Func::Acos)),
    ("arctan", Known::F(Func::Atan)),
    ("sinh", Known::F(Func::Sinh)),
    ("cosh", Known::F(Func::Cosh)),
    ("tanh", Known::F(Func::Tanh)),
    ("exp", Known::F(Func::Exp)),
    ("log", Known::F(Func::Ln)),
    ("ln", Known::F(Func::Ln)),
    ("sqrt", Known::F(Func::Sqrt)),
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
    Func(Func),
    Const(Constant),
    /// A variable's base name (one letter, or a Greek letter from its ASCII name).
    Var(String),
}

/// Splits a run of ASCII letters into known names and single-letter variables, taking the
/// longest known name at each position. Also used by the printer to check that
/// juxtaposed letters read back the same way.
pub(crate) fn split_letters(run: &str) -> Vec<(Piece, usize)> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < run.len() {
        let rest = run.get(i..).unwrap_or("");
        let best = KNOWN
            .iter()
            .filter(|(n, _)| rest.starts_with(n))
            .max_by_key(|(n, _)| n.len());
        match best {
            Some((n, k)) => {
                let piece = match k {
                    Known::F(f) => Piece::Func(*f),
                    Known::C(c) => Piece::Const(*c),
                    Known::Greek(g) => Piece::Var(g.to_string()),
                };
                out.push((piece, n.len()));
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
                'σ' => Tok::Func(Func::Sigmoid),
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
        while self.ch(self.i).is_some_and(|c| c.is_ascii_alphabetic()) {
            self.i += 1;
        }
        let run = self
            .src
            .get(self.byte(start)..self.byte(self.i))
            .unwrap_or("")
            .to_string();
        let pieces = split_letters(&run);
        let count = pieces.len();
        let mut at = start;
        for (k, (piece, len)) in pieces.into_iter().enumerate() {
            // ASCII letters: one byte is one char.
            let end = at + len;
            let last = k + 1 == count;
            match piece {
                Piece::Func(f) => self.push(Tok::Func(f), at, end),
                Piece::Const(c) => self.push(Tok::Const(c), at, end),
                Piece::Var(name) => {
                    if last {
                        let name = self.subscripts(name)?;
                        self.push(Tok::Var(name), at, self.i);
                        return Ok(());
                    }
                    self.push(Tok::Var(name), at, end);
                }
            }
            at = end;
        }
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

    fn enter(&mut self) -> Result<(), ParseError> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return Err(ParseError {
                kind: ParseErrorKind::TooDeep,
                span: self.span(),
            });
        }
        Ok(())
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
    fn missing_operand(&self) -> ParseError {
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
    // parse_atom → parse_expr) are kept small, with error construction moved out into
    // separate functions, so that each nesting level uses little stack.

    fn parse_expr(&mut self) -> Result<Expr, ParseError> {
        let mut terms = Vec::new();
        let mut neg = self.signs();
        loop {
            let t = self.parse_product()?;
            terms.push(negate_if(neg, t));
            match self.peek() {
                Some(Tok::Plus) => {
                    self.pos += 1;
                    neg = self.signs();
                }
                Some(Tok::Minus) => {
                    self.pos += 1;
                    neg = !self.signs();
                }
                _ => break,
            }
        }
        Ok(sum(terms))
    }

    #[cold]
    #[inline(never)]
    fn number_after_factor(&self) -> ParseError {
        let span = self.span();
        ParseError {
            kind: ParseErrorKind::NumberAfterFactor {
                text: self.text(&span),
                column: self.column(span.start),
            },
            span,
        }
    }

    fn parse_product(&mut self) -> Result<Expr, ParseError> {
        let mut acc = self.parse_power()?;
        loop {
            let op = match self.peek() {
                Some(Tok::Star) => 1,
                Some(Tok::Slash) => 2,
                Some(Tok::Num(_) | Tok::Frac(..)) => return Err(self.number_after_factor()),
                _ if self.starts_factor() => 0,
                _ => return Ok(acc),
            };
            let mut neg = false;
            if op != 0 {
                self.pos += 1;
                neg = self.signs();
            }
            let rhs = negate_if(neg, self.parse_power()?);
            acc = if op == 2 {
                Expr::Div(Box::new(acc), Box::new(rhs))
            } else {
                mul(acc, rhs)
            };
        }
    }

    fn parse_power(&mut self) -> Result<Expr, ParseError> {
        self.enter()?;
        let mut e = self.parse_atom()?;
        while let Some(Tok::Sup(n)) = self.peek() {
            let n = *n as f64;
            self.pos += 1;
            e = Expr::Pow(Box::new(e), Box::new(Expr::Num(n)));
        }
        if let Some(Tok::Caret) = self.peek() {
            self.pos += 1;
            let neg = self.signs();
            let x = negate_if(neg, self.parse_power()?);
            e = Expr::Pow(Box::new(e), Box::new(x));
        }
        self.leave();
        Ok(e)
    }

    fn closing_for(open: char) -> char {
        match open {
            '[' => ']',
            '{' => '}',
            '|' => '|',
            _ => ')',
        }
    }

    fn expect_close(&mut self, open: char, open_start: usize) -> Result<(), ParseError> {
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
    fn close_error(&self, open: char, open_start: usize) -> ParseError {
        let want = Self::closing_for(open);
        let open_column = self.column(open_start);
        let span = self.span();
        let column = self.column(span.start);
        match self.peek() {
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
        }
    }

    #[cold]
    #[inline(never)]
    fn empty_group(&self, start: usize) -> ParseError {
        ParseError {
            kind: ParseErrorKind::EmptyGroup {
                column: self.column(start),
            },
            span: start..self.span().end,
        }
    }

    fn parse_atom(&mut self) -> Result<Expr, ParseError> {
        let Some(t) = self.tokens.get(self.pos) else {
            return Err(self.missing_operand());
        };
        let start = t.span.start;
        let leaf = match &t.tok {
            Tok::Num(v) => Some(Expr::Num(*v)),
            Tok::Frac(n, d) => Some(Expr::Div(Box::new(Expr::Num(*n)), Box::new(Expr::Num(*d)))),
            Tok::Var(name) => Some(Expr::Var(name.clone())),
            Tok::Const(c) => Some(Expr::Const(*c)),
            _ => None,
        };
        if let Some(leaf) = leaf {
            let end = t.span.end;
            self.pos += 1;
            if let Expr::Num(_) = leaf {
                return Ok(self.mixed_number(leaf, end));
            }
            return Ok(leaf);
        }
        match t.tok {
            Tok::LParen(open) => {
                self.pos += 1;
                if let Some(Tok::RParen(_)) = self.peek() {
                    return Err(self.empty_group(start));
                }
                let saved = std::mem::replace(&mut self.abs_depth, 0);
                let e = self.parse_expr()?;
                self.abs_depth = saved;
                self.expect_close(open, start)?;
                Ok(e)
            }
            Tok::Bar => {
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
            Tok::Sqrt => {
                self.pos += 1;
                let neg = self.signs();
                let arg = negate_if(neg, self.parse_power()?);
                Ok(Expr::Call(Func::Sqrt, vec![arg]))
            }
            Tok::Func(f) => self.parse_function(f, start),
            _ => Err(self.missing_operand()),
        }
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
    fn function_power(&mut self) -> Result<Option<Expr>, ParseError> {
        match self.peek() {
            Some(Tok::Sup(n)) => {
                let n = *n as f64;
                self.pos += 1;
                Ok(Some(Expr::Num(n)))
            }
            Some(Tok::Caret) => {
                self.pos += 1;
                let neg = self.signs();
                self.enter()?;
                let p = self.parse_atom()?;
                self.leave();
                Ok(Some(negate_if(neg, p)))
            }
            _ => Ok(None),
        }
    }

    #[cold]
    #[inline(never)]
    fn missing_argument(&self, f: Func, fstart: usize) -> ParseError {
        let len = self
            .tokens
            .iter()
            .find(|t| t.span.start == fstart)
            .map_or(1, |t| t.span.len());
        ParseError {
            kind: ParseErrorKind::MissingArgument {
                func: f,
                column: self.column(fstart),
            },
            span: fstart..fstart + len,
        }
    }

    #[cold]
    #[inline(never)]
    fn wrong_arity(&self, f: Func, found: usize, fstart: usize) -> ParseError {
        let end = self
            .pos
            .checked_sub(1)
            .and_then(|i| self.tokens.get(i))
            .map_or(fstart, |t| t.span.end);
        ParseError {
            kind: ParseErrorKind::WrongArity { func: f, found },
            span: fstart..end,
        }
    }

    fn parse_function(&mut self, f: Func, fstart: usize) -> Result<Expr, ParseError> {
        self.enter()?;
        self.pos += 1;
        let mut f = f;
        let mut power = self.function_power()?;
        if power.as_ref().is_some_and(is_minus_one) {
            let inverse = match f {
                Func::Sin => Some(Func::Asin),
                Func::Cos => Some(Func::Acos),
                Func::Tan => Some(Func::Atan),
                _ => None,
            };
            if let Some(inv) = inverse {
                f = inv;
                power = None;
            }
        }
        let args = match self.peek() {
            Some(Tok::LParen(open)) => {
                let open = *open;
                self.paren_arguments(f, open, fstart)?
            }
            Some(Tok::Minus | Tok::Plus) if f.arity() == 1 => {
                let neg = self.signs();
                vec![negate_if(neg, self.implicit_argument()?)]
            }
            _ if f.arity() == 1 && self.starts_factor() => vec![self.implicit_argument()?],
            _ => return Err(self.missing_argument(f, fstart)),
        };
        if args.len() != f.arity() {
            return Err(self.wrong_arity(f, args.len(), fstart));
        }
        self.leave();
        let call = Expr::Call(f, args);
        Ok(match power {
            Some(p) => Expr::Pow(Box::new(call), Box::new(p)),
            None => call,
        })
    }

    fn paren_arguments(
        &mut self,
        f: Func,
        open: char,
        fstart: usize,
    ) -> Result<Vec<Expr>, ParseError> {
        let ostart = self.span().start;
        self.pos += 1;
        if let Some(Tok::RParen(_)) = self.peek() {
            return Err(self.missing_argument(f, fstart));
        }
        let saved = std::mem::replace(&mut self.abs_depth, 0);
        let mut args = vec![self.parse_expr()?];
        while let Some(Tok::Comma) = self.peek() {
            self.pos += 1;
            args.push(self.parse_expr()?);
        }
        self.abs_depth = saved;
        self.expect_close(open, ostart)?;
        Ok(args)
    }

    /// The argument of a function written without brackets: juxtaposed factors up to the
    /// next operator or function name (`sin 2x cos y` → sin(2x)·cos(y)).
    fn implicit_argument(&mut self) -> Result<Expr, ParseError> {
        let mut acc = self.parse_power()?;
        loop {
            match self.peek() {
                Some(Tok::Func(_)) => return Ok(acc),
                Some(Tok::Num(_) | Tok::Frac(..)) => return Err(self.number_after_factor()),
                _ if self.starts_factor() => {
                    let rhs = self.parse_power()?;
                    acc = mul(acc, rhs);
                }
                _ => return Ok(acc),
            }
        }
    }
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
                Piece::Func(Func::Sin),
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
