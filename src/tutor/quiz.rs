//! The recap's self-check quiz: sixteen questions, one or two per lesson, generated from one
//! seed so a link (the seed is in the address) gives the same quiz back. Every number in a
//! question is worked out by the engine (`math`) or a model (`models`) when the quiz is made.
//! Several questions come from the lessons' own exercises (`second_order`,
//! `model_questions`, `pitfall_questions`); the rest are made here:
//! - the slope of a slice (lesson 1) and a partial at a point (lesson 2), diagnosing the other
//!   partial, the value of f and a flipped sign;
//! - the chain rule over two paths (lesson 3), diagnosing one path only, the paths multiplied,
//!   the factors paired wrongly;
//! - a gradient at a point (lesson 4), diagnosing swapped components and flipped signs;
//! - which way the level curve runs (lesson 5);
//! - the largest learning rate gradient descent tolerates (lesson 6), diagnosing the coefficient
//!   taken for the curvature, the missing 2 and the flattest direction;
//! - clipping by norm (lesson 10), diagnosing clipping each entry, no clipping and the unit
//!   vector;
//! - a directional derivative along a direction that is not yet a unit vector (lesson 11);
//! - what gradient descent does for a given η·λ_max (the recap: reading training).
//!
//! [`QuizScore`] keeps which questions were right on the first try, right later, or missed so
//! far, and writes itself as a short text the page stores with the learner's progress.

use std::sync::Arc;

use super::model_questions::{adjoint_question, weight_gradient_question};
use super::pitfall_questions::{relative_error_question, sobel_question};
use super::second_order::{classify_critical, descent_step, hessian_entry};
use super::{ChoiceQuestion, NumberQuestion, QuestionPart, SharedQuestion, VectorQuestion};
use crate::math::{parse, Expr, SplitMix64};
use crate::models::clipping::clip_global;

/// One question of the quiz.
#[derive(Clone)]
pub struct QuizItem {
    /// The lesson it checks (1-based, as in the catalogue).
    pub lesson: usize,
    /// What it checks, in a few words (the box's heading).
    pub topic: &'static str,
    /// The question.
    pub question: SharedQuestion,
    /// A right answer as a learner would type it (for tests and tools; never shown).
    pub answer_key: String,
    /// A wrong answer (for tests).
    pub wrong_key: String,
}

impl std::fmt::Debug for QuizItem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("QuizItem")
            .field("lesson", &self.lesson)
            .field("topic", &self.topic)
            .field("prompt", &self.question.prompt_text())
            .finish()
    }
}

/// The number of questions in a quiz.
pub const QUIZ_LENGTH: usize = 16;

/// The quiz for `seed`: the same seed always gives the same questions.
pub fn course_quiz(seed: u64) -> Vec<QuizItem> {
    // Each question draws from its own stream, so changing one generator leaves the others.
    let s = |k: u64| {
        SplitMix64(seed ^ k.wrapping_mul(0x9E37_79B9_7F4A_7C15))
            .next_u64()
            .wrapping_add(k)
    };
    vec![
        number(1, "the slope of a slice", slice_slope(s(1))),
        number(2, "a partial derivative at a point", partial_at(s(2))),
        number(3, "the chain rule over two paths", chain_rule(s(3))),
        vector(4, "the gradient at a point", gradient_at(s(4))),
        choice(5, "the gradient and the level curve", level_curve(s(5))),
        vector(6, "one step of gradient descent", descent_step(s(6))),
        number(6, "the largest learning rate", rate_limit(s(7))),
        number(7, "an entry of the Hessian", hessian_entry(s(8))),
        choice(7, "classifying a critical point", classify_critical(s(9))),
        number(
            8,
            "a logistic-regression gradient",
            weight_gradient_question(s(10)),
        ),
        number(9, "an adjoint on a tape", adjoint(s(11))),
        number(10, "a gradient check", relative_error_question(s(12))),
        vector(10, "clipping by norm", clipping(s(13))),
        number(11, "a directional derivative", directional(s(14))),
        number(12, "an image gradient", sobel_question(s(15))),
        choice(13, "reading a training run", regime(s(16))),
    ]
}

fn number(lesson: usize, topic: &'static str, q: NumberQuestion) -> QuizItem {
    let a = q.answer;
    QuizItem {
        lesson,
        topic,
        answer_key: format!("{a}"),
        wrong_key: format!("{}", a + 1.0 + 2.0 * a.abs()),
        question: Arc::new(q),
    }
}

fn vector(lesson: usize, topic: &'static str, q: VectorQuestion) -> QuizItem {
    let list = |v: Vec<f64>| {
        format!(
            "[{}]",
            v.iter()
                .map(|x| format!("{x}"))
                .collect::<Vec<_>>()
                .join(", ")
        )
    };
    QuizItem {
        lesson,
        topic,
        answer_key: list(q.answer.clone()),
        wrong_key: list(q.answer.iter().map(|a| a + 1.0 + 2.0 * a.abs()).collect()),
        question: Arc::new(q),
    }
}

fn choice(lesson: usize, topic: &'static str, q: ChoiceQuestion) -> QuizItem {
    let right = q.options.iter().position(|o| o.why_wrong.is_none());
    let wrong = q.options.iter().position(|o| o.why_wrong.is_some());
    QuizItem {
        lesson,
        topic,
        answer_key: right.map(|i| i.to_string()).unwrap_or_default(),
        wrong_key: wrong.map(|i| i.to_string()).unwrap_or_default(),
        question: Arc::new(q),
    }
}

/// A small integer in `lo..=hi`, never 0 when `nonzero`.
fn int(rng: &mut SplitMix64, lo: i64, hi: i64, nonzero: bool) -> i64 {
    loop {
        let span = (hi - lo + 1).max(1) as u64;
        let v = lo + (rng.next_u64() % span) as i64;
        if !(nonzero && v == 0) {
            return v;
        }
    }
}

fn pick<T: Copy>(rng: &mut SplitMix64, from: &[T]) -> T {
    from[(rng.next_u64() % from.len().max(1) as u64) as usize % from.len()]
}

/// A number as a learner reads it: no trailing `.0`, a true minus sign.
fn show(v: f64) -> String {
    let r = (v * 1e6).round() / 1e6;
    let s = if r == r.trunc() && r.abs() < 1e15 {
        format!("{}", r as i64)
    } else {
        format!("{r}")
    };
    s.replace('-', "−")
}

/// A number for a product: negative ones in brackets, `(−3)`.
fn factor(v: f64) -> String {
    if v < 0.0 {
        format!("({})", show(v))
    } else {
        show(v)
    }
}

fn at(e: &Expr, x: f64, y: f64) -> f64 {
    e.eval(&[("x", x), ("y", y)]).unwrap_or(f64::NAN)
}

/// `c·xⁱyʲ` as engine text.
fn monomial(c: i64, i: u32, j: u32) -> String {
    let part = |v: &str, n: u32| match n {
        0 => String::new(),
        1 => format!("*{v}"),
        n => format!("*{v}^{n}"),
    };
    let body = format!("{}{}", part("x", i), part("y", j));
    let body = body.trim_start_matches('*').to_string();
    match c {
        1 => body,
        -1 => format!("-{body}"),
        c => format!("{c}*{body}"),
    }
}

/// A polynomial in x and y with both variables in it, and a point with small coordinates.
fn polynomial(rng: &mut SplitMix64) -> (Expr, (f64, f64)) {
    const TERMS: [(u32, u32); 7] = [(2, 0), (0, 2), (1, 1), (2, 1), (1, 2), (3, 0), (0, 3)];
    for _ in 0..50 {
        let a = pick(rng, &TERMS);
        let b = pick(rng, &TERMS);
        if a == b {
            continue;
        }
        let lin = int(rng, -4, 4, false);
        let mut terms = vec![
            monomial(int(rng, -3, 3, true), a.0, a.1),
            monomial(int(rng, -3, 3, true), b.0, b.1),
        ];
        if lin != 0 {
            terms.push(monomial(lin, 1, 0));
        }
        let text = terms
            .iter()
            .map(|t| format!("({t})"))
            .collect::<Vec<_>>()
            .join(" + ");
        let Ok(f) = parse(&text) else { continue };
        let f = f.simplify();
        let vars = f.variables();
        if !(vars.iter().any(|v| v == "x") && vars.iter().any(|v| v == "y")) {
            continue;
        }
        let p = (int(rng, -2, 2, true) as f64, int(rng, -2, 2, true) as f64);
        return (f, p);
    }
    (parse("x^2*y + 3*y").unwrap_or(Expr::Num(0.0)), (1.0, 2.0))
}

fn f_formula(f: &Expr) -> QuestionPart {
    QuestionPart::formula(
        format!("f(x, y) = {}", f.to_latex()),
        format!("f(x, y) = {}", f.to_pretty()),
    )
}

/// Lesson 1: hold y fixed and differentiate the one-variable function that is left.
fn slice_slope(seed: u64) -> NumberQuestion {
    let mut rng = SplitMix64(seed);
    let mut tries = 0;
    loop {
        tries += 1;
        let (f, (x0, y0)) = polynomial(&mut rng);
        let fx = f.partial("x");
        let answer = at(&fx, x0, y0);
        if answer == 0.0 && tries < 30 {
            continue;
        }
        let g = f.substitute("y", &Expr::Num(y0)).simplify();
        let dg = g.partial("x");
        return NumberQuestion::new(
            vec![
                QuestionPart::words("Take "),
                f_formula(&f),
                QuestionPart::words(format!(
                    " and hold y at {}, so that f becomes a function of x alone. What is the \
                     slope of that function at x = {}?",
                    show(y0),
                    show(x0)
                )),
            ],
            answer,
        )
        .mistake(
            at(&f.partial("y"), x0, y0),
            "That is the slope as y moves with x held fixed. Here y is the one held fixed.",
        )
        .mistake(
            at(&f, x0, y0),
            "That is the value of f at the point, not its slope.",
        )
        .mistake(
            -answer,
            "The sign is off: check the sign of each term as you differentiate.",
        )
        .hint(format!(
            "With y = {}, f becomes g(x) = {}.",
            show(y0),
            g.to_pretty()
        ))
        .hint("Differentiate g with the one-variable rules, then put in the value of x.")
        .explain(format!(
            "g(x) = f(x, {}) = {}, so g′(x) = {}, and g′({}) = {}. This slope is the partial \
             derivative ∂f/∂x at ({}, {}).",
            show(y0),
            g.to_pretty(),
            dg.to_pretty(),
            show(x0),
            show(answer),
            show(x0),
            show(y0)
        ));
    }
}

/// Lesson 2: ∂f/∂y at a point.
fn partial_at(seed: u64) -> NumberQuestion {
    let mut rng = SplitMix64(seed);
    let mut tries = 0;
    loop {
        tries += 1;
        let (f, (x0, y0)) = polynomial(&mut rng);
        let fy = f.partial("y");
        let answer = at(&fy, x0, y0);
        if answer == 0.0 && tries < 30 {
            continue;
        }
        return NumberQuestion::new(
            vec![
                QuestionPart::words("For "),
                f_formula(&f),
                QuestionPart::words(", what is "),
                QuestionPart::formula(r"\partial f/\partial y", "∂f/∂y"),
                QuestionPart::words(format!(" at ({}, {})?", show(x0), show(y0))),
            ],
            answer,
        )
        .mistake(
            at(&f.partial("x"), x0, y0),
            "That is ∂f/∂x, the rate as x changes. This question holds x fixed and lets y move.",
        )
        .mistake(
            at(&f, x0, y0),
            "That is the value of f at the point; the partial is its rate of change.",
        )
        .mistake(
            -answer,
            "The sign is off: check the sign of each term as you differentiate.",
        )
        .hint("Treat x as a constant number and differentiate by y.")
        .hint(format!("∂f/∂y = {}. Now put in the point.", fy.to_pretty()))
        .explain(format!(
            "∂f/∂y = {}, which at ({}, {}) is {}.",
            fy.to_pretty(),
            show(x0),
            show(y0),
            show(answer)
        ));
    }
}

/// One rate of the chain-rule question as its own formula (so a narrow screen can wrap
/// between them): `\frac{…}{…} = v`.
fn rate(frac: &str, text: &str, v: f64) -> QuestionPart {
    QuestionPart::formula(
        format!(r"\frac{{{frac}}} = {}", show(v).replace('−', "-")),
        format!("{text} = {}", show(v)),
    )
}

/// Lesson 3: ∂f/∂x = (∂f/∂g)(∂g/∂x) + (∂f/∂h)(∂h/∂x).
fn chain_rule(seed: u64) -> NumberQuestion {
    let mut rng = SplitMix64(seed);
    let (mut fg, mut gx, mut fh, mut hx);
    let mut tries = 0;
    loop {
        tries += 1;
        fg = int(&mut rng, -4, 5, true) as f64;
        gx = int(&mut rng, -3, 4, true) as f64;
        fh = int(&mut rng, -4, 5, true) as f64;
        hx = int(&mut rng, -3, 4, true) as f64;
        let answer = fg * gx + fh * hx;
        // Keep the two pairings distinguishable and the answer not 0.
        if (answer != 0.0 && (fg * hx + fh * gx) != answer) || tries > 30 {
            break;
        }
    }
    let answer = fg * gx + fh * hx;
    NumberQuestion::new(
        vec![
            QuestionPart::words("f depends on x only through g(x, y) and h(x, y). At one point, "),
            rate(r"\partial f}{\partial g", "∂f/∂g", fg),
            QuestionPart::words(", "),
            rate(r"\partial g}{\partial x", "∂g/∂x", gx),
            QuestionPart::words(", "),
            rate(r"\partial f}{\partial h", "∂f/∂h", fh),
            QuestionPart::words(", "),
            rate(r"\partial h}{\partial x", "∂h/∂x", hx),
            QuestionPart::words(". What is ∂f/∂x there?"),
        ],
        answer,
    )
    .mistake(
        fg * gx,
        "That is only the path through g. x also reaches f through h: add that path.",
    )
    .mistake(
        fh * hx,
        "That is only the path through h. x also reaches f through g: add that path.",
    )
    .mistake(
        fg * gx * fh * hx,
        "The two paths are multiplied; the chain rule adds one product per path.",
    )
    .mistake(
        fg * hx + fh * gx,
        "The factors are paired wrongly: each path multiplies ∂f/∂g by ∂g/∂x (and ∂f/∂h by ∂h/∂x).",
    )
    .mistake(
        fg + gx + fh + hx,
        "Along one path the rates multiply, they do not add.",
    )
    .hint("Along the path x → g → f, the rates multiply: (∂f/∂g)(∂g/∂x).")
    .hint("There are two paths from x to f, through g and through h; add their products.")
    .explain(format!(
        "∂f/∂x = (∂f/∂g)(∂g/∂x) + (∂f/∂h)(∂h/∂x) = ({})·({}) + ({})·({}) = {}.",
        show(fg),
        show(gx),
        show(fh),
        show(hx),
        show(answer)
    ))
}

/// Lesson 4: ∇f at a point.
fn gradient_at(seed: u64) -> VectorQuestion {
    let mut rng = SplitMix64(seed);
    let (f, (x0, y0)) = polynomial(&mut rng);
    let g = f.gradient(&["x", "y"]);
    let (gx, gy) = (at(&g[0], x0, y0), at(&g[1], x0, y0));
    VectorQuestion::new(
        vec![
            QuestionPart::words("For "),
            f_formula(&f),
            QuestionPart::words(format!(
                ", what is the gradient ∇f at ({}, {})? Type [∂f/∂x, ∂f/∂y].",
                show(x0),
                show(y0)
            )),
        ],
        vec![gx, gy],
        vec!["∂f/∂x".into(), "∂f/∂y".into()],
    )
    .with_common_mistakes()
    .hint("The gradient lists the partials: first ∂f/∂x, then ∂f/∂y.")
    .hint(format!(
        "∂f/∂x = {} and ∂f/∂y = {}.",
        g[0].to_pretty(),
        g[1].to_pretty()
    ))
    .explain(format!(
        "∇f = [{}, {}], which at ({}, {}) is [{}, {}].",
        g[0].to_pretty(),
        g[1].to_pretty(),
        show(x0),
        show(y0),
        show(gx),
        show(gy)
    ))
}

/// Lesson 5: the level curve through a point runs at right angles to ∇f.
fn level_curve(seed: u64) -> ChoiceQuestion {
    let mut rng = SplitMix64(seed);
    let mut found = None;
    for _ in 0..60 {
        let (f, (x0, y0)) = polynomial(&mut rng);
        let g = f.gradient(&["x", "y"]);
        let (a, b) = (at(&g[0], x0, y0), at(&g[1], x0, y0));
        if a != 0.0 && b != 0.0 && a.abs() != b.abs() && a.is_finite() && b.is_finite() {
            found = Some((f, (x0, y0), (a, b)));
            break;
        }
    }
    let (f, (x0, y0), (a, b)) = found.unwrap_or_else(|| {
        (
            parse("x^2 + 2*y^2").unwrap_or(Expr::Num(0.0)),
            (1.0, 1.0),
            (2.0, 4.0),
        )
    });
    let v = |p: f64, q: f64| format!("[{}, {}]", show(p), show(q));
    let mut options = vec![
        (v(-b, a), None),
        (
            v(a, b),
            Some(format!(
                "{} is ∇f itself, the direction of steepest increase: it crosses the level curve at a right angle.",
                v(a, b)
            )),
        ),
        (
            v(-a, -b),
            Some(format!(
                "{} is −∇f, the direction of steepest decrease; it crosses the level curve too.",
                v(-a, -b)
            )),
        ),
        (
            v(b, a),
            Some(format!(
                "Check the dot product with ∇f: {}·{} + {}·{} = {}, not 0, so {} is not along the level curve.",
                show(a),
                show(b),
                show(b),
                show(a),
                show(2.0 * a * b),
                v(b, a)
            )),
        ),
    ];
    // Shuffle the options by the seed.
    for i in (1..options.len()).rev() {
        let j = (rng.next_u64() % (i as u64 + 1)) as usize;
        options.swap(i, j);
    }
    let mut q = ChoiceQuestion::new(vec![
        QuestionPart::words("For "),
        f_formula(&f),
        QuestionPart::words(format!(
            ", the gradient at ({}, {}) is ∇f = {}. Along which direction does the level curve \
             through that point run?",
            show(x0),
            show(y0),
            v(a, b)
        )),
    ]);
    for (label, why) in options {
        q = match why {
            None => q.right(format!("along {label}")),
            Some(w) => q.wrong(format!("along {label}"), w),
        };
    }
    q.hint("Along a level curve f does not change, so the slope along it is 0.")
        .hint("Where ∇f ≠ 0 the level curve is at right angles to ∇f: look for a direction whose dot product with ∇f is 0.")
        .explain(format!(
            "{}·{} = {}·{} + {}·{} = 0, so {} is at right angles to ∇f, and the level curve runs along it (∇f is not 0 here, which the fact needs).",
            v(-b, a),
            v(a, b),
            factor(-b),
            factor(a),
            factor(a),
            factor(b),
            v(-b, a)
        ))
}

/// Lesson 6: the largest η for which gradient descent converges on a quadratic.
fn rate_limit(seed: u64) -> NumberQuestion {
    let mut rng = SplitMix64(seed);
    let (a, b) = loop {
        let a = int(&mut rng, 1, 10, true);
        let b = int(&mut rng, 1, 10, true);
        if a != b && 2 * a != b && 2 * b != a {
            break (a, b);
        }
    };
    let text = format!("{a}*w1^2 + {b}*w2^2");
    let loss = parse(&text).unwrap_or(Expr::Num(0.0));
    let h = loss.hessian(&["w1", "w2"]);
    let env = [("w1", 0.0), ("w2", 0.0)];
    let d1 = h[0][0].eval(&env).unwrap_or(f64::NAN);
    let d2 = h[1][1].eval(&env).unwrap_or(f64::NAN);
    let (lmax, lmin) = (d1.max(d2), d1.min(d2));
    let answer = 2.0 / lmax;
    let cmax = a.max(b) as f64;
    NumberQuestion::new(
        vec![
            QuestionPart::words("Gradient descent with a fixed learning rate η on the loss "),
            QuestionPart::formula(
                format!("L(w_1, w_2) = {}", loss.to_latex()),
                format!("L(w₁, w₂) = {}", loss.to_pretty()),
            ),
            QuestionPart::words(
                " converges from every start exactly when η is below some number. What is that number?",
            ),
        ],
        answer,
    )
    .mistake(
        2.0 / cmax,
        format!(
            "That takes the coefficient {} as the curvature. The curvature is the second derivative: {}·w² curves by {}.",
            show(cmax),
            show(cmax),
            show(2.0 * cmax)
        ),
    )
    .mistake(
        1.0 / lmax,
        "That is 1/λ_max: below it descent never overshoots, but it still converges up to 2/λ_max.",
    )
    .mistake(
        2.0 / lmin,
        "That uses the flattest direction. The steepest curvature, λ_max, is the one that runs away first.",
    )
    .hint("On a quadratic, descent converges exactly when η < 2/λ_max, with λ_max the largest curvature.")
    .hint("The curvature along each weight is the second derivative of L by that weight.")
    .explain(format!(
        "∂²L/∂w₁² = {} and ∂²L/∂w₂² = {} (no mixed term), so λ_max = {} and the limit is 2/{} = {}.",
        show(d1),
        show(d2),
        show(lmax),
        show(lmax),
        show(answer)
    ))
}

/// Lesson 9: the adjoint question, whose tape is picked by the seed (one of a few seeds works).
fn adjoint(seed: u64) -> NumberQuestion {
    (0..20)
        .find_map(|k| adjoint_question(seed.wrapping_add(k)))
        .unwrap_or_else(|| {
            NumberQuestion::new(
                vec![QuestionPart::words(
                    "For f = x0·x1 at x0 = 2, x1 = 3, what is ∂f/∂x0?",
                )],
                3.0,
            )
        })
}

/// Lesson 10: clipping a gradient by its norm.
fn clipping(seed: u64) -> VectorQuestion {
    let mut rng = SplitMix64(seed);
    let (p, q): (f64, f64) = pick(
        &mut rng,
        &[(3.0, 4.0), (6.0, 8.0), (5.0, 12.0), (8.0, 6.0), (12.0, 5.0)],
    );
    let scale: f64 = pick(&mut rng, &[1.0, 2.0, 3.0]);
    let sx = if rng.next_u64() % 2 == 0 { 1.0 } else { -1.0 };
    let sy = if rng.next_u64() % 2 == 0 { 1.0 } else { -1.0 };
    let g = vec![sx * p * scale, sy * q * scale];
    let norm = g[0].hypot(g[1]);
    // c = ‖g‖/k, so the clipped entries are g/k: short decimals.
    let c = norm / pick::<f64>(&mut rng, &[2.0, 4.0, 5.0]);
    let mut arrays = vec![g.clone()];
    clip_global(&mut arrays, c);
    let answer = arrays.into_iter().next().unwrap_or_default();
    let gv = |v: &[f64]| format!("[{}, {}]", show(v[0]), show(v[1]));
    VectorQuestion::new(
        vec![QuestionPart::words(format!(
            "A gradient g = {} is clipped by norm with threshold c = {}. What is g after \
             clipping? Type [g₁, g₂].",
            gv(&g),
            show(c)
        ))],
        answer.clone(),
        vec!["g₁".into(), "g₂".into()],
    )
    .mistake(
        g.iter().map(|v| v.clamp(-c, c)).collect(),
        "That clips each entry to [−c, c] on its own, which changes the direction. Clipping by norm scales the whole vector.",
    )
    .mistake(
        g.clone(),
        format!(
            "‖g‖ = {} is above c = {}, so g is clipped.",
            show(norm),
            show(c)
        ),
    )
    .mistake(
        g.iter().map(|v| v / norm).collect(),
        "That is the unit vector g/‖g‖, of length 1. The clipped g has length c.",
    )
    .mistake(
        g.iter().map(|v| v * norm / c).collect(),
        "The ratio is upside down: multiply by c/‖g‖, which is below 1.",
    )
    .hint("First the length ‖g‖ = √(g₁² + g₂²).")
    .hint("When ‖g‖ > c, g becomes g·c/‖g‖: same direction, length c.")
    .explain(format!(
        "‖g‖ = {} > {}, so g ← g·{}/{} = {}, which points the same way and has length {}.",
        show(norm),
        show(c),
        show(c),
        show(norm),
        gv(&answer),
        show(c)
    ))
}

/// Lesson 11: D_v f = ∇f · v with v the unit vector along a given direction.
fn directional(seed: u64) -> NumberQuestion {
    let mut rng = SplitMix64(seed);
    let mut tries = 0;
    loop {
        tries += 1;
        let (f, (x0, y0)) = polynomial(&mut rng);
        let g = f.gradient(&["x", "y"]);
        let (gx, gy) = (at(&g[0], x0, y0), at(&g[1], x0, y0));
        let (p, q): (f64, f64) = pick(
            &mut rng,
            &[(3.0, 4.0), (4.0, 3.0), (5.0, 12.0), (12.0, 5.0)],
        );
        let u = (
            if rng.next_u64() % 2 == 0 { p } else { -p },
            if rng.next_u64() % 2 == 0 { q } else { -q },
        );
        let len = u.0.hypot(u.1);
        let answer = (gx * u.0 + gy * u.1) / len;
        if (answer == 0.0 || gx.hypot(gy) == answer.abs()) && tries < 30 {
            continue;
        }
        return NumberQuestion::new(
            vec![
                QuestionPart::words("For "),
                f_formula(&f),
                QuestionPart::words(format!(
                    ", what is the directional derivative of f at ({}, {}) in the direction of \
                     u = [{}, {}]?",
                    show(x0),
                    show(y0),
                    show(u.0),
                    show(u.1)
                )),
            ],
            answer,
        )
        .mistake(
            answer * len,
            format!(
                "u is not a unit vector (its length is {}): divide it by its length before the dot product.",
                show(len)
            ),
        )
        .mistake(
            gx.hypot(gy),
            "That is ‖∇f‖, the slope along ∇f itself, the largest one. This direction is u.",
        )
        .mistake(
            -answer,
            "The sign is off: check the signs in the dot product.",
        )
        .hint("D_v f = ∇f · v, where v is a unit vector.")
        .hint(format!(
            "u has length {}, so v = u/{}. ∇f at the point is [{}, {}].",
            show(len),
            show(len),
            show(gx),
            show(gy)
        ))
        .explain(format!(
            "∇f = [{}, {}] and v = [{}, {}]/{}, so D_v f = ({}·{} + {}·{})/{} = {}.",
            show(gx),
            show(gy),
            show(u.0),
            show(u.1),
            show(len),
            factor(gx),
            factor(u.0),
            factor(gy),
            factor(u.1),
            show(len),
            show(answer)
        ));
    }
}

/// The recap: what gradient descent does for a given η·λ_max.
fn regime(seed: u64) -> ChoiceQuestion {
    let mut rng = SplitMix64(seed);
    let lambda: f64 = pick(&mut rng, &[2.0, 4.0, 5.0, 10.0, 20.0, 40.0]);
    let product: f64 = pick(&mut rng, &[0.1, 0.5, 0.8, 1.2, 1.5, 1.8, 2.5, 4.0]);
    let eta = product / lambda;
    let p = show(product);
    let options = [
        (
            "shrinks toward the minimum without overshooting",
            product <= 1.0,
            format!("η·λ_max = {p}: each step multiplies the distance by 1 − η·λ_max = {}, which is below 0, so it overshoots.", show(1.0 - product)),
        ),
        (
            "overshoots the minimum every step, yet converges",
            product > 1.0 && product < 2.0,
            if product <= 1.0 {
                format!("η·λ_max = {p} ≤ 1, so the factor 1 − η·λ_max = {} is not negative: no overshoot.", show(1.0 - product))
            } else {
                format!("η·λ_max = {p} > 2, so the factor 1 − η·λ_max = {} is below −1: the distance grows.", show(1.0 - product))
            },
        ),
        (
            "diverges: the loss grows",
            product >= 2.0,
            format!("η·λ_max = {p} < 2, so the factor 1 − η·λ_max = {} lies between −1 and 1 and the distance shrinks.", show(1.0 - product)),
        ),
    ];
    let mut q = ChoiceQuestion::new(vec![QuestionPart::words(format!(
        "Near its minimum a model's loss is close to a quadratic whose Hessian has largest \
         eigenvalue λ_max = {}. Along that eigenvector, what does gradient descent with \
         η = {} do?",
        show(lambda),
        show(eta)
    ))]);
    for (label, right, why) in options {
        q = if right {
            q.right(label)
        } else {
            q.wrong(label, why)
        };
    }
    q.hint("Along the eigenvector, each step multiplies the distance to the minimum by 1 − η·λ_max.")
        .hint(format!("Here η·λ_max = {} · {}.", show(eta), show(lambda)))
        .explain(format!(
            "η·λ_max = {p}, so each step multiplies the distance by 1 − η·λ_max = {}. Between 0 and 1: no \
             overshoot; between −1 and 0: overshoot but converge; below −1: diverge. When a \
             training loss grows or zig-zags, this product is the first thing to check.",
            show(1.0 - product)
        ))
}

/// How one question of the quiz has gone.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mark {
    /// Not answered yet.
    Open,
    /// Answered wrongly, and not yet right.
    Missed,
    /// Right on the first try.
    FirstTry,
    /// Right after one or more wrong tries.
    Later,
}

impl Mark {
    fn code(self) -> char {
        match self {
            Mark::Open => 'o',
            Mark::Missed => 'm',
            Mark::FirstTry => 'f',
            Mark::Later => 'l',
        }
    }

    fn from_code(c: char) -> Option<Mark> {
        Some(match c {
            'o' => Mark::Open,
            'm' => Mark::Missed,
            'f' => Mark::FirstTry,
            'l' => Mark::Later,
            _ => return None,
        })
    }

    /// The mark in words, for the page.
    pub fn words(self) -> &'static str {
        match self {
            Mark::Open => "not answered yet",
            Mark::Missed => "not right yet",
            Mark::FirstTry => "right on the first try",
            Mark::Later => "right after another try",
        }
    }
}

/// The score of one quiz (one seed).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct QuizScore {
    /// The quiz's seed.
    pub seed: u64,
    /// One mark per question.
    pub marks: Vec<Mark>,
}

impl QuizScore {
    /// A fresh score for a quiz of `n` questions.
    pub fn new(seed: u64, n: usize) -> QuizScore {
        QuizScore {
            seed,
            marks: vec![Mark::Open; n],
        }
    }

    /// Records a checked answer to question `i`. Only the first right answer counts; later
    /// checks of a solved question change nothing.
    pub fn record(&mut self, i: usize, right: bool) {
        let Some(m) = self.marks.get_mut(i) else {
            return;
        };
        *m = match (*m, right) {
            (Mark::Open, true) => Mark::FirstTry,
            (Mark::Open, false) => Mark::Missed,
            (Mark::Missed, true) => Mark::Later,
            (other, _) => other,
        };
    }

    /// Questions right on the first try.
    pub fn first_try(&self) -> usize {
        self.marks.iter().filter(|m| **m == Mark::FirstTry).count()
    }

    /// Questions answered right, at the first try or later.
    pub fn answered(&self) -> usize {
        self.marks
            .iter()
            .filter(|m| matches!(m, Mark::FirstTry | Mark::Later))
            .count()
    }

    /// Questions in the quiz.
    pub fn total(&self) -> usize {
        self.marks.len()
    }

    /// The score in one sentence.
    pub fn summary(&self) -> String {
        format!(
            "Right on the first try: {} · Answered right: {} · Questions: {}",
            self.first_try(),
            self.answered(),
            self.total()
        )
    }

    /// The score as short text for storage: `seed:marks`.
    pub fn encode(&self) -> String {
        let marks: String = self.marks.iter().map(|m| m.code()).collect();
        format!("{}:{marks}", self.seed)
    }

    /// The stored score of the quiz `seed` with `n` questions, or a fresh one when the text is
    /// of another quiz or unreadable.
    pub fn decode(text: &str, seed: u64, n: usize) -> QuizScore {
        let read = || -> Option<QuizScore> {
            let (s, marks) = text.trim().split_once(':')?;
            if s.parse::<u64>().ok()? != seed {
                return None;
            }
            let marks: Option<Vec<Mark>> = marks.chars().map(Mark::from_code).collect();
            let marks = marks?;
            (marks.len() == n).then_some(QuizScore { seed, marks })
        };
        read().unwrap_or_else(|| QuizScore::new(seed, n))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tutor::{AnswerForm, Question, Verdict};

    #[test]
    fn a_quiz_has_at_least_twelve_questions_over_every_lesson() {
        let quiz = course_quiz(1);
        assert_eq!(quiz.len(), QUIZ_LENGTH);
        assert!(quiz.len() >= 12);
        for lesson in 1..=13 {
            assert!(
                quiz.iter().any(|q| q.lesson == lesson),
                "no question on lesson {lesson}"
            );
        }
        assert!(quiz.windows(2).all(|w| w[0].lesson <= w[1].lesson));
    }

    #[test]
    fn every_question_accepts_its_answer_and_rejects_a_wrong_one() {
        for seed in 0..60 {
            for (i, item) in course_quiz(seed).iter().enumerate() {
                let q = &item.question;
                assert_eq!(
                    q.check(&item.answer_key),
                    Verdict::Correct,
                    "seed {seed}, question {i} ({}): {}",
                    item.topic,
                    q.prompt_text()
                );
                assert!(
                    matches!(q.check(&item.wrong_key), Verdict::Wrong(_)),
                    "seed {seed}, question {i}: {} accepted",
                    item.wrong_key
                );
                assert!(!q.hints().is_empty(), "seed {seed}, question {i}: no hints");
                assert!(
                    !q.explanation().is_empty(),
                    "seed {seed}, question {i}: no explanation"
                );
                let text = q.prompt_text();
                assert!(!text.contains("NaN") && !text.contains("inf"), "{text}");
            }
        }
    }

    #[test]
    fn a_seed_gives_the_same_quiz_and_another_seed_another() {
        let texts = |s| {
            course_quiz(s)
                .iter()
                .map(|q| q.question.prompt_text())
                .collect::<Vec<_>>()
        };
        assert_eq!(texts(42), texts(42));
        assert_ne!(texts(42), texts(43));
    }

    #[test]
    fn expected_slips_get_their_own_diagnosis() {
        let q = chain_rule(5);
        let prompt = q.prompt_text();
        // One path only.
        let m = q
            .mistakes
            .iter()
            .find(|m| m.diagnosis.contains("only the path"));
        let m = m.unwrap_or_else(|| panic!("{prompt}"));
        assert!(
            matches!(q.check(&format!("{}", m.value)), Verdict::Wrong(w) if w.contains("add that path"))
        );
        let c = clipping(3);
        let each: Vec<String> = c.mistakes.iter().map(|m| m.diagnosis.clone()).collect();
        assert!(each.iter().any(|d| d.contains("each entry")), "{each:?}");
        let r = rate_limit(2);
        let coef = r
            .mistakes
            .iter()
            .find(|m| m.diagnosis.contains("coefficient"))
            .map(|m| m.value);
        assert!(matches!(
            r.check(&format!("{}", coef.unwrap_or(f64::NAN))),
            Verdict::Wrong(_)
        ));
        let d = directional(4);
        let not_unit = d
            .mistakes
            .iter()
            .find(|m| m.diagnosis.contains("unit vector"));
        assert!(not_unit.is_some(), "{}", d.prompt_text());
    }

    #[test]
    fn the_regime_question_follows_eta_times_lambda() {
        for seed in 0..40 {
            let q = regime(seed);
            let right: Vec<usize> = (0..3)
                .filter(|i| q.check(&i.to_string()) == Verdict::Correct)
                .collect();
            assert_eq!(right.len(), 1, "{}", q.prompt_text());
            assert_eq!(
                q.answer_form(),
                AnswerForm::Choice(q.options.iter().map(|o| o.label.clone()).collect())
            );
        }
    }

    #[test]
    fn the_level_curve_is_at_right_angles_to_the_gradient() {
        for seed in 0..30 {
            let q = level_curve(seed);
            let right = q.options.iter().filter(|o| o.why_wrong.is_none()).count();
            assert_eq!(right, 1);
            assert_eq!(q.options.len(), 4);
        }
    }

    #[test]
    fn the_score_counts_first_tries_and_later_answers_and_survives_storage() {
        let mut s = QuizScore::new(7, 4);
        s.record(0, true);
        s.record(1, false);
        s.record(1, true);
        s.record(2, false);
        s.record(0, false); // a solved question stays solved
        s.record(9, true); // out of range: ignored
        assert_eq!((s.first_try(), s.answered(), s.total()), (1, 2, 4));
        assert_eq!(s.marks[2], Mark::Missed);
        let text = s.encode();
        assert_eq!(text, "7:flmo");
        assert_eq!(QuizScore::decode(&text, 7, 4), s);
        // Another quiz, another length or nonsense: a fresh score.
        assert_eq!(QuizScore::decode(&text, 8, 4), QuizScore::new(8, 4));
        assert_eq!(QuizScore::decode(&text, 7, 5), QuizScore::new(7, 5));
        assert_eq!(QuizScore::decode("7:fx", 7, 2), QuizScore::new(7, 2));
        assert_eq!(QuizScore::decode("", 7, 2), QuizScore::new(7, 2));
        assert!(s.summary().contains("first try: 1"));
    }
}
