//! A function of x and y analysed for the explorer and the lessons, as plain Rust: the text being typed, the last function that parsed
//! (with its partial derivatives, their printed forms and one compiled program for all
//! three), and the error to show while the text does not parse. Components only wire
//! signals to this type.

use std::ops::Range;
use std::sync::Arc;

use super::format::{format_pair, format_reading, format_value};
use super::point::no_partial;
use crate::math::{compile_many, parse, CompiledMany, EvalError, Expr, NotFinite, ParseError};

/// The function shown when nothing else is asked for.
pub const DEFAULT_FUNCTION: &str = "x^2 + 3*x*y + y^2";

/// The largest function (in parts: numbers, letters, operations) the explorer differentiates.
/// Learners' functions have tens of parts; 150 multiplied sines have 901.
pub const MAX_FUNCTION_PARTS: usize = 600;

/// The largest partial derivative the explorer typesets, compiles and samples. Beyond it one
/// redraw takes longer than a frame: 60 nested quotients give 12,813 parts and 4 MB of MathML.
pub const MAX_DERIVATIVE_PARTS: usize = 3_000;

/// The variables the explorer plots over, in the compiled program's argument order.
pub const VARS: [&str; 2] = ["x", "y"];

/// Why the typed text cannot be plotted: a sentence for the learner and, when known, the
/// byte range of the text it is about.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct InputError {
    /// One sentence the learner can act on.
    pub message: String,
    /// The offending part of the text (a byte range; may be empty, e.g. at the end).
    pub span: Option<Range<usize>>,
}

impl InputError {
    fn from_parse(e: &ParseError) -> Self {
        InputError {
            message: e.message(),
            span: Some(e.span.clone()),
        }
    }

    fn from_eval(e: &EvalError, text: &str) -> Self {
        match e {
            EvalError::UnknownVariable(name) => InputError {
                message: format!(
                    "This explorer plots functions of x and y; replace {name} with x, y or a number."
                ),
                span: text.find(name.as_str()).map(|i| i..i + name.len()),
            },
            other => InputError {
                message: format!("This function cannot be evaluated: {other}."),
                span: None,
            },
        }
    }

    /// `text` cut around the error's span: `(before, marked, after)`. The span is clamped
    /// to the text and to character boundaries; without a span everything is `before`.
    pub fn split<'a>(&self, text: &'a str) -> (&'a str, &'a str, &'a str) {
        let Some(span) = &self.span else {
            return (text, "", "");
        };
        let fix = |mut i: usize| {
            i = i.min(text.len());
            while !text.is_char_boundary(i) {
                i -= 1;
            }
            i
        };
        let (a, b) = (fix(span.start), fix(span.end.max(span.start)));
        (&text[..a], &text[a..b], &text[b..])
    }
}

/// One function that parsed: f, ∂f/∂x, ∂f/∂y, their printed forms, and one compiled
/// program computing all three (output 0 is f, 1 is ∂f/∂x, 2 is ∂f/∂y).
#[derive(Clone, Debug)]
pub struct Analysis {
    /// The text it was parsed from.
    pub source: String,
    /// The function.
    pub f: Expr,
    /// ∂f/∂x, simplified.
    pub fx: Expr,
    /// ∂f/∂y, simplified.
    pub fy: Expr,
    /// Textbook Unicode forms of f, ∂f/∂x, ∂f/∂y (e.g. `3x²y²`).
    pub pretty: [String; 3],
    /// MathML of f, ∂f/∂x, ∂f/∂y.
    pub mathml: [String; 3],
    /// f, ∂f/∂x, ∂f/∂y compiled together over [`VARS`].
    pub program: CompiledMany,
}

/// Two analyses are the same when they are of the same function (however it was typed).
impl PartialEq for Analysis {
    fn eq(&self, other: &Self) -> bool {
        self.f == other.f
    }
}

impl Analysis {
    /// Parses, differentiates, prints and compiles `text`.
    pub fn new(text: &str) -> Result<Self, InputError> {
        let f = parse(text).map_err(|e| InputError::from_parse(&e))?;
        if let Some(message) = undefined_everywhere(&f) {
            return Err(InputError {
                message,
                span: None,
            });
        }
        if f.size() > MAX_FUNCTION_PARTS {
            return Err(InputError {
                message: format!(
                    "This function is too large to differentiate here: it has {} parts, and \
                     the explorer takes up to {MAX_FUNCTION_PARTS} so that it answers as you type.",
                    f.size()
                ),
                span: None,
            });
        }
        let fx = f.partial("x");
        let fy = f.partial("y");
        let largest = fx.size().max(fy.size());
        if largest > MAX_DERIVATIVE_PARTS {
            return Err(InputError {
                message: format!(
                    "This function is too large to differentiate here: its partial derivatives \
                     would have {largest} parts (the explorer shows up to \
                     {MAX_DERIVATIVE_PARTS}). Long products and deep nesting grow fastest; try \
                     fewer factors or levels."
                ),
                span: None,
            });
        }
        let program = compile_many(&[f.clone(), fx.clone(), fy.clone()], &VARS)
            .map_err(|e| InputError::from_eval(&e, text))?;
        let pretty = [f.to_pretty(), fx.to_pretty(), fy.to_pretty()];
        let mathml = [f.to_mathml(), fx.to_mathml(), fy.to_mathml()];
        Ok(Analysis {
            source: text.to_string(),
            f,
            fx,
            fy,
            pretty,
            mathml,
            program,
        })
    }

    /// f, ∂f/∂x and ∂f/∂y at `p`. Where f itself is undefined (ln x for x ≤ 0, 1/x at 0)
    /// so are its partials, whatever the derivative's formula would give there; and so is a
    /// partial along which f has a corner or a jump at `p` (|x| + y at x = 0: the formula
    /// gives sign(0) = 0, but the slice has no slope there; `formula_values_at` keeps it).
    pub fn values_at(&self, p: (f64, f64)) -> PointValues {
        let mut v = self.formula_values_at(p);
        if v.f.is_finite() {
            let point = [p.0, p.1];
            for (i, d) in [&mut v.fx, &mut v.fy].into_iter().enumerate() {
                if d.is_finite() && no_partial(&self.f, &VARS, &point, i).is_some() {
                    *d = f64::NAN;
                }
            }
        }
        v
    }

    /// [`Analysis::values_at`] with the partials' formulas evaluated even at a corner or
    /// jump of f (there they give a convention's value, such as sign(0) = 0, not a slope).
    pub fn formula_values_at(&self, p: (f64, f64)) -> PointValues {
        let mut out = [f64::NAN; 3];
        self.program.eval_into(&[p.0, p.1], &mut out);
        let env = [("x", p.0), ("y", p.1)];
        let overflows = |e: &Expr, v: f64| {
            !v.is_finite() && e.why_not_finite(&env) == Ok(Some(NotFinite::Overflow))
        };
        let mut overflow = [false; 3];
        if !out[0].is_finite() {
            overflow[0] = overflows(&self.f, out[0]);
            if overflow[0] {
                // f has a value, only too large to hold: its partials are whatever they are.
                overflow[1] = overflows(&self.fx, out[1]);
                overflow[2] = overflows(&self.fy, out[2]);
            } else {
                out[1] = f64::NAN;
                out[2] = f64::NAN;
            }
        }
        PointValues {
            x: p.0,
            y: p.1,
            f: out[0],
            fx: out[1],
            fy: out[2],
            overflow,
        }
    }
}

/// Why a function with no variables and no finite value (1/0, 0/0, ln(−1)) cannot be
/// explored: it is undefined everywhere, so it has no derivative, and showing ∂f/∂x = 0
/// would be wrong.
fn undefined_everywhere(f: &Expr) -> Option<String> {
    if !f.variables().is_empty() {
        return None;
    }
    let v = f.eval(&[]).unwrap_or(f64::NAN);
    if v.is_finite() {
        return None;
    }
    let why = if v.is_nan() {
        "it has no value (as 0/0 or the logarithm of a negative number)"
    } else {
        "it is infinite (as a division by zero)"
    };
    Some(format!(
        "{} is undefined everywhere: {why}. An undefined function has no derivative, so \
         nothing is plotted for it.",
        f.to_pretty()
    ))
}

/// The values at the selected point.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct PointValues {
    /// x₀.
    pub x: f64,
    /// y₀.
    pub y: f64,
    /// f(x₀, y₀).
    pub f: f64,
    /// ∂f/∂x at the point.
    pub fx: f64,
    /// ∂f/∂y at the point.
    pub fy: f64,
    /// Whether f, ∂f/∂x, ∂f/∂y are not finite because they are too large for floating point
    /// (exp(1000x) at x = 1), not because they are undefined there.
    pub overflow: [bool; 3],
}

impl PointValues {
    /// The gradient's length |∇f|.
    pub fn norm(&self) -> f64 {
        self.fx.hypot(self.fy)
    }

    /// The gradient, if both components are finite.
    pub fn gradient(&self) -> Option<(f64, f64)> {
        (self.fx.is_finite() && self.fy.is_finite()).then_some((self.fx, self.fy))
    }

    /// `(x₀, y₀)` as shown.
    pub fn point_text(&self) -> String {
        format_pair('(', self.x, self.y, ')')
    }

    /// f(x₀, y₀) as shown.
    pub fn f_text(&self) -> String {
        format_reading(self.f, self.overflow[0])
    }

    /// ∂f/∂x at the point as shown.
    pub fn fx_text(&self) -> String {
        format_reading(self.fx, self.overflow[1])
    }

    /// ∂f/∂y at the point as shown.
    pub fn fy_text(&self) -> String {
        format_reading(self.fy, self.overflow[2])
    }

    /// `[∂f/∂x, ∂f/∂y]` as shown.
    pub fn gradient_text(&self) -> String {
        format!("[{}, {}]", self.fx_text(), self.fy_text())
    }

    /// |∇f| as shown: too large when a partial is too large (or both are finite but their
    /// length is not), undefined when either partial is undefined.
    pub fn norm_text(&self) -> String {
        let undefined = |v: f64, over: bool| !v.is_finite() && !over;
        if undefined(self.fx, self.overflow[1]) || undefined(self.fy, self.overflow[2]) {
            return format_value(f64::NAN);
        }
        format_reading(self.norm(), true)
    }

    /// One sentence for screen readers.
    pub fn summary(&self) -> String {
        format!(
            "At the point {}: f = {}, gradient = {}, its length = {}.",
            self.point_text(),
            self.f_text(),
            self.gradient_text(),
            self.norm_text()
        )
    }
}

/// The text being typed, the last function that parsed, and the current error.
#[derive(Clone, Debug)]
pub struct ExplorerModel {
    text: String,
    current: Option<Arc<Analysis>>,
    error: Option<InputError>,
}

impl ExplorerModel {
    /// Starts from `initial`; if it does not parse, the error is shown and the default
    /// function is plotted meanwhile.
    pub fn new(initial: &str) -> Self {
        let mut m = ExplorerModel {
            text: String::new(),
            current: Analysis::new(DEFAULT_FUNCTION).ok().map(Arc::new),
            error: None,
        };
        m.edit(initial);
        m
    }

    /// The learner typed `text`. Returns true when it gives a different function; when it
    /// does not parse, the error is kept and the last good function stays.
    pub fn edit(&mut self, text: &str) -> bool {
        self.text = text.to_string();
        match Analysis::new(text) {
            Ok(a) => {
                self.error = None;
                let changed = self.current.as_deref() != Some(&a);
                if changed {
                    self.current = Some(Arc::new(a));
                }
                changed
            }
            Err(e) => {
                self.error = Some(e);
                false
            }
        }
    }

    /// What is in the text field.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// The function plotted (the last one that parsed).
    pub fn current(&self) -> Option<&Arc<Analysis>> {
        self.current.as_ref()
    }

    /// Why the text cannot be plotted, if it cannot.
    pub fn error(&self) -> Option<&InputError> {
        self.error.as_ref()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pretty(m: &ExplorerModel) -> [String; 3] {
        m.current().expect("a function").pretty.clone()
    }

    #[test]
    fn derivatives_read_like_a_textbook() {
        let table = [
            ("x^3*y^2", ["x³y²", "3x²y²", "2x³y"]),
            (DEFAULT_FUNCTION, ["x² + 3xy + y²", "2x + 3y", "3x + 2y"]),
            ("sin(x) + y", ["sin(x) + y", "cos(x)", "1"]),
        ];
        for (src, want) in table {
            let m = ExplorerModel::new(src);
            assert!(m.error().is_none(), "{src}: {:?}", m.error());
            assert_eq!(pretty(&m), want.map(String::from), "{src}");
            let mathml = &m.current().expect("fn").mathml[1];
            assert!(mathml.starts_with("<math"), "{mathml}");
        }
    }

    #[test]
    fn a_parse_error_keeps_the_last_good_function() {
        let mut m = ExplorerModel::new("x^3*y^2");
        assert!(!m.edit("sin(x"));
        assert_eq!(m.text(), "sin(x");
        let err = m.error().expect("an error").clone();
        assert!(err.message.contains("')'"), "{}", err.message);
        assert_eq!(pretty(&m)[1], "3x²y²");
        // The same function typed differently is not a change; a new one is.
        assert!(!m.edit("x^3 * y^2"));
        assert!(m.error().is_none());
        assert!(m.edit("x*y"));
        assert_eq!(pretty(&m)[2], "x");
    }

    #[test]
    fn errors_mark_the_offending_text() {
        let mut m = ExplorerModel::new("x +");
        let e = m.error().expect("error").clone();
        let (before, marked, after) = e.split("x +");
        assert_eq!((before, marked, after), ("x ", "+", ""));
        // Still plots the default meanwhile.
        assert_eq!(pretty(&m)[0], "x² + 3xy + y²");
        m.edit("x*z + 1");
        let e = m.error().expect("error").clone();
        assert!(e.message.contains("x and y"), "{}", e.message);
        assert_eq!(e.split("x*z + 1"), ("x*", "z", " + 1"));
        // Spans past the end or inside a character never panic.
        let odd = InputError {
            message: String::new(),
            span: Some(1..99),
        };
        assert_eq!(odd.split("x²"), ("x", "²", ""));
        m.edit("");
        assert!(m.error().is_some());
    }

    #[test]
    fn values_at_a_point() {
        let m = ExplorerModel::new("x^2 + 3*x*y + y^2");
        let v = m.current().expect("fn").values_at((1.0, 0.5));
        assert!((v.f - 2.75).abs() < 1e-12);
        assert!((v.fx - 3.5).abs() < 1e-12 && (v.fy - 4.0).abs() < 1e-12);
        assert_eq!(v.gradient_text(), "[3.5, 4]");
        assert_eq!(v.norm_text(), "5.315");
        assert_eq!(v.point_text(), "(1, 0.5)");
        assert!(v.summary().contains("f = 2.75"));
        let ln = ExplorerModel::new("ln(x)");
        let v = ln.current().expect("fn").values_at((-1.0, 0.0));
        assert_eq!(v.f_text(), "undefined here");
        // ∂f/∂x = 1/x has a value at x = −1, but f has none there, so neither has ∇f.
        assert_eq!(v.gradient(), None);
        assert_eq!(v.gradient_text(), "[undefined here, undefined here]");
        assert_eq!(v.norm_text(), "undefined here");
    }

    #[test]
    fn a_partial_along_a_crease_is_undefined_though_its_formula_gives_a_value() {
        let m = ExplorerModel::new("abs(x) + y^2");
        let a = m.current().expect("fn");
        // On the crease x = 0: ∂f/∂x's formula sign(x) gives 0, but the slice has a corner.
        let v = a.values_at((0.0, 1.0));
        assert_eq!(v.f_text(), "1");
        assert_eq!(v.gradient_text(), "[undefined here, 2]");
        assert_eq!(v.gradient(), None);
        assert_eq!(a.formula_values_at((0.0, 1.0)).gradient(), Some((0.0, 2.0)));
        // Off the crease both exist, and the two agree.
        let off = a.values_at((0.5, 1.0));
        assert_eq!(off.gradient(), Some((1.0, 2.0)));
        assert_eq!(off, a.formula_values_at((0.5, 1.0)));
        // The tip of a cone: neither partial exists.
        let cone = ExplorerModel::new("sqrt(x^2 + y^2)");
        let tip = cone.current().expect("fn").values_at((0.0, 0.0));
        assert_eq!(tip.f_text(), "0");
        assert_eq!(tip.gradient_text(), "[undefined here, undefined here]");
    }

    #[test]
    fn too_large_is_not_undefined() {
        let big = ExplorerModel::new("exp(1000x) + y");
        let v = big.current().expect("fn").values_at((1.0, 2.0));
        assert_eq!(v.f_text(), "too large to compute here (overflows)");
        assert_eq!(
            v.gradient_text(),
            "[too large to compute here (overflows), 1]"
        );
        assert_eq!(v.norm_text(), "too large to compute here (overflows)");
        assert!(v.summary().contains("f = too large to compute here"));
        let power = ExplorerModel::new("x^1000");
        let v = power.current().expect("fn").values_at((10.0, 0.0));
        assert_eq!(v.f_text(), "too large to compute here (overflows)");
        // Where the same function is small it reads as a number.
        let v = big.current().expect("fn").values_at((-1.0, 2.0));
        assert_eq!(v.f_text(), "2");
        // A pole stays undefined.
        let pole = ExplorerModel::new("1/x");
        let v = pole.current().expect("fn").values_at((0.0, 0.0));
        assert_eq!(v.f_text(), "undefined here");
        assert_eq!(v.norm_text(), "undefined here");
    }

    #[test]
    fn a_function_undefined_everywhere_has_no_derivative_to_show() {
        for (text, why) in [
            ("1/0", "infinite"),
            ("0/0", "no value"),
            ("log(-1)", "no value"),
        ] {
            let m = ExplorerModel::new(text);
            let e = m.error().unwrap_or_else(|| panic!("{text} is refused"));
            assert!(
                e.message.contains("undefined everywhere"),
                "{text}: {}",
                e.message
            );
            assert!(e.message.contains(why), "{text}: {}", e.message);
        }
        // Inputs that used to freeze the page are refused with a reason instead.
        let product: Vec<String> = (1..=150).map(|k| format!("sin(x+{k}*y)")).collect();
        for text in [
            product.join("*"),
            format!("{}x{}", "sin(".repeat(120), ")".repeat(120)),
            (1..=60)
                .map(|k| format!("(x+{k}y)"))
                .collect::<Vec<_>>()
                .join("*"),
            format!("{}x{}", "1/(1+".repeat(60), ")".repeat(60)),
        ] {
            let m = ExplorerModel::new(&text);
            let e = m.error().expect("refused");
            assert!(
                e.message.contains("too large to differentiate here"),
                "{}",
                e.message
            );
        }
        // Ordinary long functions are still differentiated.
        let ok = ExplorerModel::new("sin(x)*cos(y)*exp(-(x^2+y^2)/4) + ln(1 + x^2 + y^2)*x*y^3");
        assert!(ok.error().is_none());
        // A constant that is defined is fine: its partials are 0.
        let c = ExplorerModel::new("2/3");
        assert!(c.error().is_none());
    }
}
