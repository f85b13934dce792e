#![cfg(not(target_arch = "wasm32"))]
//! Function names as learners and other tools write them: math.js's own derivative test
//! inputs, the names learners were seen typing, and what happens to a name the engine does
//! not know (an error naming it, never a product of one-letter variables).

mod common;

use common::{close, eval};
use nabla::math::{compile_many, parse, Expr, ParseErrorKind, Rule};
use proptest::prelude::*;

fn p(src: &str) -> Expr {
    match parse(src) {
        Ok(e) => e,
        Err(err) => panic!("{src:?} failed to parse: {err}"),
    }
}

fn err(src: &str) -> nabla::math::ParseError {
    match parse(src) {
        Ok(e) => panic!("{src:?} should fail but parsed as {e}"),
        Err(e) => e,
    }
}

fn at(e: &Expr, x: f64, y: f64) -> f64 {
    eval(e, &|n: &str| match n {
        "x" => x,
        "y" => y,
        _ => f64::NAN,
    })
}

/// Each pair denotes the same function (checked where both are defined at sample points,
/// and where one is defined so must the other be).
#[test]
fn names_mean_the_functions_learners_expect() {
    let same: &[(&str, &str)] = &[
        // The reported misreadings.
        ("log10(x)", "ln(x)/ln(10)"),
        ("log2(x)", "ln(x)/ln(2)"),
        ("LOG10(x)", "ln(x)/ln(10)"),
        ("log₁₀(x)", "ln(x)/ln(10)"),
        ("log_2(x)", "ln(x)/ln(2)"),
        ("log_{10} x", "ln(x)/ln(10)"),
        ("log₃(x)", "ln(x)/ln(3)"),
        ("lg(x)", "ln(x)/ln(10)"),
        ("log(x, 10)", "log10(x)"),
        ("log(x, 2)", "log2(x)"),
        ("log(x, y)", "ln(x)/ln(y)"),
        ("log(x, e)", "ln(x)"),
        ("log(x)", "ln(x)"),
        ("exp2(x)", "2^x"),
        ("exp2 x", "2^x"),
        ("log1p(x)", "ln(1 + x)"),
        ("expm1(x)", "exp(x) - 1"),
        ("cbrt(6x)", "sign(6x)*abs(6x)^(1/3)"),
        ("cbrt(x)", "nthRoot(x, 3)"),
        ("sqr(x)", "x^2"),
        ("square(x + y)", "(x + y)^2"),
        ("cube(x)", "x^3"),
        ("pow(x, 3)", "x^3"),
        ("pow(x, y)", "x^y"),
        ("nthRoot(x, 2)", "sqrt(x)"),
        ("nthRoot(x, 4)", "x^(1/4)"),
        ("nthroot(x, 5)", "sign(x)*abs(x)^(1/5)"),
        ("asinh(x)", "ln(x + sqrt(x^2 + 1))"),
        ("arsinh(x)", "asinh(x)"),
        ("arcsinh(x)", "asinh(x)"),
        ("acosh(x)", "ln(x + sqrt(x^2 - 1))"),
        ("arcosh(x)", "acosh(x)"),
        ("atanh(x)", "ln((1 + x)/(1 - x))/2"),
        ("artanh(x)", "atanh(x)"),
        ("sech(x)", "1/cosh(x)"),
        ("csch(x)", "1/sinh(x)"),
        ("cosech(x)", "csch(x)"),
        ("coth(x)", "cosh(x)/sinh(x)"),
        ("sec(x)", "1/cos(x)"),
        ("csc(x)", "1/sin(x)"),
        ("cosec(x)", "csc(x)"),
        ("cot(x)", "cos(x)/sin(x)"),
        ("asec(x)", "acos(1/x)"),
        ("arcsec(x)", "asec(x)"),
        ("acsc(x)", "asin(1/x)"),
        ("acot(x)", "atan(1/x)"),
        ("arccot(x)", "acot(x)"),
        ("asech(x)", "acosh(1/x)"),
        ("acsch(x)", "asinh(1/x)"),
        ("acoth(x)", "atanh(1/x)"),
        ("hypot(x, y)", "sqrt(x^2 + y^2)"),
        ("atan2(y, x)", "2*atan(y/(sqrt(x^2 + y^2) + x))"),
        ("ReLU(x)", "max(x, 0)"),
        ("Relu(x)", "relu(x)"),
        ("RELU(x - y)", "relu(x - y)"),
        ("relu(x)", "max(0, x)"),
        ("Sin(x) + COS(y)", "sin(x) + cos(y)"),
        ("floor(x)", "x - (x - floor(x))"),
        ("ceil(x)", "-floor(-x)"),
        ("abs(x)", "sqrt(x^2)"),
        ("sinh^-1 x", "asinh(x)"),
        ("sec^-1 x", "asec(x)"),
        ("arcsinhx", "asinh(x)"),
        ("cbrtx", "cbrt(x)"),
        ("erf(0)", "0"),
        // Names next to letters and digits that still read one way.
        ("sin2x", "sin(2x)"),
        ("ln2x", "ln(2x)"),
        ("x log10(y)", "x*log10(y)"),
        ("2x(x + 1)", "2*x*(x + 1)"),
        ("pi(x + 1)", "pi*(x + 1)"),
        ("θ(x + 1)", "theta*(x + 1)"),
        ("x_max(x + 1)", "x_max*(x + 1)"),
        ("w1(x + 1)", "w1*(x + 1)"),
        ("xsin y", "x*sin(y)"),
    ];
    let points = [
        (0.3, 0.7),
        (1.3, -0.4),
        (-0.6, 0.2),
        (2.5, 1.5),
        (-1.7, -2.2),
    ];
    for (a, b) in same {
        let (ea, eb) = (p(a), p(b));
        for (x, y) in points {
            let env = |n: &str| match n {
                "x" => x,
                "y" => y,
                "θ" | "x_max" | "w1" => x + y,
                _ => f64::NAN,
            };
            let (va, vb) = (eval(&ea, &env), eval(&eb, &env));
            assert!(
                close(va, vb, 1e-12) || (va.is_nan() && vb.is_nan()),
                "{a:?} = {va} but {b:?} = {vb} at ({x}, {y})"
            );
        }
    }
}

#[test]
fn exact_values_of_the_new_functions() {
    let table: &[(&str, f64)] = &[
        ("cbrt(-8)", -2.0),
        ("nthRoot(-32, 5)", -2.0),
        ("nthRoot(27, 3)", 3.0),
        ("log10(1000)", 3.0),
        ("log2(8)", 3.0),
        ("lg(100)", 2.0),
        ("exp2(3)", 8.0),
        ("hypot(3, 4)", 5.0),
        ("atan2(1, -1)", 3.0 * std::f64::consts::FRAC_PI_4),
        ("atan2(-1, -1)", -3.0 * std::f64::consts::FRAC_PI_4),
        ("floor(-2.5)", -3.0),
        ("ceil(-2.5)", -2.0),
        ("erf(0.5)", 0.520_499_877_813_046_5),
        ("erf(-2)", -0.995_322_265_018_952_7),
        ("acot(-1)", -std::f64::consts::FRAC_PI_4),
        ("sqr(-3)", 9.0),
        ("pow(2, 10)", 1024.0),
        ("log(8, 2)", 3.0),
        ("log(81, 3)", 4.0),
    ];
    for (src, want) in table {
        let e = p(src);
        let got = e.eval(&[]).unwrap_or(f64::NAN);
        assert!(close(got, *want, 1e-14), "{src} = {got}, want {want}");
        let simplified = e.simplify().eval(&[]).unwrap_or(f64::NAN);
        assert!(
            close(simplified, *want, 1e-14),
            "{src} simplified = {simplified}"
        );
    }
    // Outside the domain: NaN, never a panic.
    for src in [
        "nthRoot(-16, 4)",
        "acosh(0.5)",
        "atanh(2)",
        "asec(0.5)",
        "log2(-1)",
    ] {
        assert!(p(src).eval(&[]).is_ok_and(f64::is_nan), "{src}");
    }
}

/// (function, ∂/∂x printed plain, printed pretty, the first step's rule)
const DERIVATIVES: &[(&str, &str, &str, Rule)] = &[
    ("log10(x)", "1/(x*ln(10))", "1/(x ln(10))", Rule::Log),
    ("log2(x)", "1/(x*ln(2))", "1/(x ln(2))", Rule::Log),
    (
        "log(x, y)",
        "1/(x*ln(y))",
        "1/(x ln(y))",
        Rule::ConstantMultiple,
    ),
    ("exp2(x)", "ln(2)*2^x", "ln(2)·2^x", Rule::Exp),
    (
        "cbrt(x)",
        "1/(3*cbrt(x)^2)",
        "1/(3 cbrt(x)²)",
        Rule::CubeRoot,
    ),
    ("cbrt(6x)", "2/cbrt(6*x)^2", "2/cbrt(6x)²", Rule::Chain),
    ("sqr(x)", "2*x", "2x", Rule::Power),
    ("pow(x, 3)", "3*x^2", "3x²", Rule::Power),
    (
        "nthRoot(x, 5)",
        "nthRoot(x, 5)/(5*x)",
        "nthRoot(x, 5)/(5x)",
        Rule::NthRoot,
    ),
    (
        "asinh(x)",
        "1/sqrt(x^2 + 1)",
        "1/√(x² + 1)",
        Rule::InverseHyperbolic,
    ),
    (
        "acosh(x)",
        "1/sqrt(x^2 - 1)",
        "1/√(x² − 1)",
        Rule::InverseHyperbolic,
    ),
    (
        "atanh(x)",
        "1/(1 - x^2)",
        "1/(1 − x²)",
        Rule::InverseHyperbolic,
    ),
    (
        "sech(x)",
        "-tanh(x)*sech(x)",
        "−tanh(x) sech(x)",
        Rule::Hyperbolic,
    ),
    (
        "csch(x)",
        "-csch(x)*coth(x)",
        "−csch(x) coth(x)",
        Rule::Hyperbolic,
    ),
    ("coth(x)", "-csch(x)^2", "−csch(x)²", Rule::Hyperbolic),
    (
        "asec(x)",
        "1/(abs(x)*sqrt(x^2 - 1))",
        "1/(|x|√(x² − 1))",
        Rule::InverseTrig,
    ),
    (
        "acsc(x)",
        "-1/(abs(x)*sqrt(x^2 - 1))",
        "−1/(|x|√(x² − 1))",
        Rule::InverseTrig,
    ),
    ("acot(x)", "-1/(x^2 + 1)", "−1/(x² + 1)", Rule::InverseTrig),
    (
        "asech(x)",
        "-1/(x*sqrt(1 - x^2))",
        "−1/(x√(1 − x²))",
        Rule::InverseHyperbolic,
    ),
    (
        "acsch(x)",
        "-1/(abs(x)*sqrt(x^2 + 1))",
        "−1/(|x|√(x² + 1))",
        Rule::InverseHyperbolic,
    ),
    (
        "acoth(x)",
        "1/(1 - x^2)",
        "1/(1 − x²)",
        Rule::InverseHyperbolic,
    ),
    ("hypot(x, y)", "x/hypot(x, y)", "x/hypot(x, y)", Rule::Hypot),
    ("atan2(y, x)", "-y/(x^2 + y^2)", "−y/(x² + y²)", Rule::Atan2),
    ("atan2(x, y)", "y/(x^2 + y^2)", "y/(x² + y²)", Rule::Atan2),
    ("ReLU(x)", "step(x)", "step(x)", Rule::Activation),
    (
        "erf(x)",
        "2*exp(-x^2)/sqrt(pi)",
        "2 exp(−x²)/√π",
        Rule::ErrorFunction,
    ),
    ("floor(x)", "0", "0", Rule::FloorCeil),
    ("ceil(3x)", "0", "0", Rule::FloorCeil),
    ("abs(x)", "sign(x)", "sign(x)", Rule::Abs),
];

#[test]
fn each_function_has_a_named_rule_and_a_right_derivative() {
    for &(src, plain, pretty, rule) in DERIVATIVES {
        let f = p(src);
        let d = f.derivation("x");
        assert_eq!(d.result.to_string(), plain, "d/dx {src}");
        assert_eq!(d.result.to_pretty(), pretty, "d/dx {src}");
        assert_eq!(
            d.result,
            f.partial("x"),
            "{src}: derivation and partial agree"
        );
        let first = d.steps.first().expect("a step");
        assert_eq!(first.rule, rule, "{src}: {first:?}");
        assert!(
            !first.rule.name().is_empty() && first.note.ends_with('.'),
            "{first:?}"
        );
        // The derivative agrees with a central difference where f is smooth.
        for (x, y) in [(0.3, 0.7), (-0.45, 1.3), (1.7, -0.6), (2.6, 2.1)] {
            let sym = at(&d.result, x, y);
            let h = 1e-6;
            let num = (at(&f, x + h, y) - at(&f, x - h, y)) / (2.0 * h);
            if sym.is_finite() && num.is_finite() {
                assert!(
                    (sym - num).abs() <= 1e-5 * (1.0 + sym.abs()),
                    "d/dx {src} at ({x}, {y}): symbolic {sym}, numeric {num}"
                );
            }
        }
    }
    let floor = p("floor(x)").derivation("x");
    let note = &floor.steps.first().expect("a step").note;
    assert!(
        note.contains("0 almost everywhere") && note.contains("jumps"),
        "{note}"
    );
}

/// Tree evaluation, compiled batch evaluation, forward (dual) and reverse (tape) autodiff
/// agree on every new function, and autodiff agrees with the symbolic derivative.
#[test]
fn every_evaluator_agrees_on_the_new_functions() {
    let vars = ["x", "y"];
    let points = [
        (0.3, 0.7),
        (-0.45, 1.3),
        (1.7, -0.6),
        (2.6, 2.1),
        (-3.2, -0.8),
    ];
    for &(src, ..) in DERIVATIVES {
        let f = p(src);
        let (fx, fy) = (f.partial("x"), f.partial("y"));
        let program = compile_many(&[f.clone(), fx.clone(), fy.clone()], &vars).expect("compiles");
        let xs: Vec<f64> = points.iter().map(|p| p.0).collect();
        let ys: Vec<f64> = points.iter().map(|p| p.1).collect();
        let mut outs = vec![vec![0.0; points.len()]; 3];
        {
            let mut slices: Vec<&mut [f64]> = outs.iter_mut().map(Vec::as_mut_slice).collect();
            program.eval_batch(&[&xs, &ys], &mut slices);
        }
        for (i, &(x, y)) in points.iter().enumerate() {
            let tree = f.eval(&[("x", x), ("y", y)]).expect("evaluates");
            let batch = outs[0][i];
            assert!(
                close(tree, batch, 1e-12) || (tree.is_nan() && batch.is_nan()),
                "{src} at ({x}, {y}): tree {tree}, batch {batch}"
            );
            if !tree.is_finite() {
                continue;
            }
            let forward = f.gradient_forward(&vars, &[x, y]).expect("dual numbers");
            let tape = f.record_tape(&vars, &[x, y]).expect("tape");
            let reverse = tape.backward();
            for (k, sym) in [
                fx.eval(&[("x", x), ("y", y)]),
                fy.eval(&[("x", x), ("y", y)]),
            ]
            .into_iter()
            .enumerate()
            {
                let sym = sym.expect("evaluates");
                let compiled = outs[k + 1][i];
                let (fwd, rev) = (
                    forward.get(k).copied().unwrap_or(f64::NAN),
                    reverse.gradient.get(k).copied().unwrap_or(f64::NAN),
                );
                for (what, v) in [("compiled", compiled), ("dual", fwd), ("tape", rev)] {
                    assert!(
                        close(sym, v, 1e-9) || (sym.is_nan() && v.is_nan()),
                        "∂{src}/∂{} at ({x}, {y}): symbolic {sym}, {what} {v}",
                        vars[k]
                    );
                }
            }
        }
    }
}

#[test]
fn every_printed_form_reads_back() {
    for &(src, ..) in DERIVATIVES {
        let f = p(src);
        for e in [f.clone(), f.simplify(), f.partial("x"), f.partial("y")] {
            for text in [e.to_string(), e.to_pretty()] {
                let back = p(&text);
                for (x, y) in [(0.3, 0.7), (1.7, -0.6), (-2.6, 2.1)] {
                    let (a, b) = (at(&e, x, y), at(&back, x, y));
                    assert!(
                        close(a, b, 1e-12) || (a.is_nan() && b.is_nan()),
                        "{text:?} reads back as {back}: {a} vs {b}"
                    );
                }
            }
            let mathml = e.to_mathml();
            assert!(
                mathml.starts_with("<math") && !mathml.contains("merror"),
                "{src}: {mathml}"
            );
        }
    }
    assert_eq!(p("log10(x)").to_pretty(), "log₁₀(x)");
    assert_eq!(p("log2(x)").to_latex(), "\\log_{2}\\left(x\\right)");
    assert_eq!(p("cbrt(x)").to_latex(), "\\sqrt[3]{x}");
    assert_eq!(p("nthRoot(x, 5)").to_latex(), "\\sqrt[5]{x}");
    assert_eq!(p("floor(x)").to_latex(), "\\left\\lfloor x \\right\\rfloor");
}

/// `sin(x) cos y` is written with brackets on both functions or on neither.
#[test]
fn products_of_functions_print_brackets_consistently() {
    let table = [
        ("sin(x) cos y", "\\sin x\\cos y"),
        ("sin x cos(y)", "\\sin x\\cos y"),
        ("x sin y", "x\\sin y"),
        (
            "sin(x) cos(x + y)",
            "\\sin\\left(x\\right)\\cos\\left(x + y\\right)",
        ),
        ("sin(x) exp(y)", "\\sin\\left(x\\right)e^{y}"),
        ("tan(x) sec(x)", "\\tan x\\sec x"),
    ];
    for (src, latex) in table {
        assert_eq!(p(src).to_latex(), latex, "{src}");
    }
    // The derivative of sec shows sec·tan the same way.
    assert_eq!(p("sec(x)").partial("x").to_latex(), "\\tan x\\sec x");
}

#[test]
fn unknown_names_are_errors_that_name_them() {
    let unknown = |src: &str| match err(src).kind {
        ParseErrorKind::UnknownFunction {
            name,
            suggestions,
            product,
            ..
        } => (name, suggestions, product),
        other => panic!("{src}: {other:?}"),
    };
    let (name, suggestions, _) = unknown("cbrtt(x)");
    assert_eq!(name, "cbrtt");
    assert_eq!(suggestions, vec!["cbrt".to_string()]);
    let (name, suggestions, product) = unknown("xy(x + 1)");
    assert_eq!(name, "xy");
    assert!(suggestions.is_empty());
    assert_eq!(product.as_deref(), Some("x*y*(…)"));
    let (_, suggestions, product) = unknown("xsin(y)");
    assert!(suggestions.contains(&"sin".to_string()), "{suggestions:?}");
    assert_eq!(product.as_deref(), Some("x*sin(…)"));
    let (_, suggestions, _) = unknown("sqroot(x)");
    assert_eq!(suggestions, vec!["sqrt".to_string()]);
    let (_, suggestions, _) = unknown("sinc x");
    assert_eq!(suggestions.first().map(String::as_str), Some("sin(x)/x"));
    let (name, _, product) = unknown("softmax(x)");
    assert_eq!((name.as_str(), product), ("softmax", None));
    unknown("Logistic(x)");
    unknown("2xlog10(y)");
    assert_eq!(
        err("cbrtt(x)").message(),
        "I don't know a function called 'cbrtt' (column 1): perhaps you meant cbrt."
    );
    assert_eq!(
        err("3xy(x+1)").message(),
        "I don't know a function called 'xy' (column 2); to multiply, write x*y*(…)."
    );
    assert_eq!(err("cbrtt(x)").span, 0..5);
    // A name glued to digits is never split.
    assert!(matches!(
        err("log3(x)").kind,
        ParseErrorKind::LogBase { .. }
    ));
    assert_eq!(
        err("log3(x)").message(),
        "'log3' at column 1 is not a function I know: write log(x, 3) for the logarithm of x to base 3, or ln(3x) for the natural logarithm of 3x."
    );
    assert!(matches!(
        err("log20 x").kind,
        ParseErrorKind::LogBase { .. }
    ));
    for (src, a, b) in [
        ("exp2x", "exp2(x)", "exp(2x)"),
        ("log10x", "log10(x)", "log(10x)"),
        ("log2y", "log2(y)", "log(2y)"),
    ] {
        match err(src).kind {
            ParseErrorKind::Ambiguous { readings, .. } => {
                assert_eq!(readings, [a.to_string(), b.to_string()], "{src}")
            }
            other => panic!("{src}: {other:?}"),
        }
    }
    // Argument counts name the function and show how to call it.
    assert_eq!(
        err("atan2(y)").message(),
        "atan2 needs two arguments, separated by a comma, like atan2(y, x)."
    );
    assert_eq!(
        err("log(x, 2, 3)").message(),
        "log needs one argument, like log(x), or two for another base, like log(x, 10)."
    );
    assert!(matches!(
        err("hypot x").kind,
        ParseErrorKind::MissingArgument { .. }
    ));
    // Every message is one sentence.
    for src in [
        "cbrtt(x)", "xy(x)", "foo(x)", "sinc x", "log3(x)", "exp2x", "atan2(y)",
    ] {
        let m = err(src).message();
        assert!(m.ends_with('.') && !m.contains('\n'), "{m}");
    }
}

#[test]
fn invisible_characters_are_named() {
    let table = [
        ("x\u{200B}+1", "a zero-width space", 2),
        ("x +\u{FEFF}y", "a zero-width no-break space", 4),
        ("x\u{200D}y", "a zero-width joiner", 2),
        ("\u{00AD}x", "a soft hyphen", 1),
        ("x\u{200F}", "a text-direction mark", 2),
        ("x\u{7}", "a control character", 2),
    ];
    for (src, name, column) in table {
        let e = err(src);
        assert!(
            matches!(e.kind, ParseErrorKind::UnexpectedChar { column: c, .. } if c == column),
            "{src:?}: {:?}",
            e.kind
        );
        let m = e.message();
        assert!(m.contains(name), "{m}");
        assert!(m.contains(&format!("column {column}")), "{m}");
        assert!(m.contains("delete it"), "{m}");
        assert!(
            !m.contains("''"),
            "the invisible character is not quoted: {m}"
        );
    }
    assert!(err("f = x^2").message().contains("right-hand side"));
}

/// Real function names, from math.js, NumPy and ML libraries and from what learners type,
/// including ones the engine does not support.
const NAMES: &[&str] = &[
    "sin",
    "cos",
    "tan",
    "sec",
    "csc",
    "cot",
    "asin",
    "acos",
    "atan",
    "asec",
    "acsc",
    "acot",
    "sinh",
    "cosh",
    "tanh",
    "sech",
    "csch",
    "coth",
    "asinh",
    "acosh",
    "atanh",
    "asech",
    "acsch",
    "acoth",
    "arsinh",
    "arcosh",
    "artanh",
    "arcsinh",
    "arccos",
    "arctan",
    "exp",
    "log",
    "ln",
    "lg",
    "log10",
    "log2",
    "log1p",
    "expm1",
    "exp2",
    "sqrt",
    "cbrt",
    "sqr",
    "square",
    "cube",
    "nthRoot",
    "nthroot",
    "pow",
    "abs",
    "sign",
    "sgn",
    "floor",
    "ceil",
    "round",
    "fix",
    "trunc",
    "erf",
    "erfc",
    "gamma",
    "factorial",
    "hypot",
    "atan2",
    "max",
    "min",
    "relu",
    "ReLU",
    "Relu",
    "RELU",
    "sigmoid",
    "softplus",
    "softmax",
    "logit",
    "logistic",
    "expit",
    "gelu",
    "selu",
    "silu",
    "swish",
    "leakyrelu",
    "heaviside",
    "step",
    "sinc",
    "mod",
    "norm",
    "mean",
    "sum",
    "clamp",
    "clip",
    "cosec",
    "cotan",
    "cosech",
    "arcsec",
    "arccot",
    "Sin",
    "LOG",
    "Exp",
];

proptest! {
    #![proptest_config(ProptestConfig { cases: 600, ..ProptestConfig::default() })]

    /// A function name, however it is glued to its argument, never introduces a
    /// variable: the result uses only the variables typed in the argument (or it is an
    /// error).
    #[test]
    fn names_never_become_variables(
        name in proptest::sample::select(NAMES),
        arg in proptest::sample::select(&["x", "6x", "x + y", "x, y", "2", "-x", "y^2"][..]),
        shape in 0usize..6,
        lead in proptest::sample::select(&["", "2", "3*", "y*", "x "][..]),
    ) {
        let src = match shape {
            0 => format!("{lead}{name}({arg})"),
            1 => format!("{lead}{name} ({arg})"),
            2 => format!("{lead}{name} {arg}"),
            3 => format!("{lead}{name}{arg}"),
            4 => format!("{lead}{name}^2({arg})"),
            _ => format!("{lead}{name}[{arg}]"),
        };
        if let Ok(e) = parse(&src) {
            for v in e.variables() {
                prop_assert!(
                    v == "x" || v == "y" || v.starts_with('γ'),
                    "{src:?} parsed as {e}, with a variable {v} the learner did not type"
                );
            }
        }
    }

    /// For any text, every variable of an accepted input is a letter (or Greek name, or
    /// subscripted name) that appears in the input as typed: nothing is invented, and a
    /// letter run before a bracket is one name.
    #[test]
    fn accepted_inputs_only_use_typed_letters(
        words in proptest::collection::vec(
            proptest::sample::select(&[
                "x", "y", "xy", "ab", "cbrt", "foo", "sinc", "erf", "lg", "sqr", "floor", "ReLU",
                "arsinh", "log10", "exp2", "(", ")", "(x)", " ", "+", "*", "2", ",", "^2", "sin",
                "theta", "w1", "nthRoot",
            ][..]),
            1..7,
        ),
    ) {
        let src: String = words.concat();
        // A run of two or more letters right before a bracket must be a known name.
        let known = [
            "cbrt", "erf", "lg", "sqr", "floor", "relu", "arsinh", "sin", "theta", "nthroot",
        ];
        let mut run = String::new();
        for c in src.chars() {
            if c.is_ascii_alphabetic() {
                run.push(c);
                continue;
            }
            if c == '(' && run.len() >= 2 && !known.contains(&run.to_ascii_lowercase().as_str()) {
                prop_assert!(parse(&src).is_err(), "{src:?}: '{run}(' is not a function");
            }
            run.clear();
        }
        if let Ok(e) = parse(&src) {
            for v in e.variables() {
                let base = v.trim_end_matches(|c: char| c.is_ascii_digit());
                let typed = match base {
                    "θ" => src.contains("theta"),
                    // Longest-match splitting reads `sqrtheta` as sqrt(h·η): letters typed.
                    "η" => src.contains("eta"),
                    one => src.contains(one),
                };
                prop_assert!(typed, "{src:?} parsed as {e} with {v}");
            }
        }
    }
}
