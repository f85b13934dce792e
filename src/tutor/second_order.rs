//! Exercises for lessons 6 and 7, generated from a seed and worked out by the engine:
//! - one step of gradient descent on a small quadratic loss ([`descent_step`]), diagnosing
//!   the sign flipped, η left out, the step given instead of the new weights, and a step of
//!   length η (the unit direction) instead of η‖∇L‖;
//! - an entry of a polynomial's Hessian at a point ([`hessian_entry`]), diagnosing another
//!   entry, a first derivative, or the value of f;
//! - classifying a critical point of a quadratic by the second-derivative test
//!   ([`classify_critical`]), each wrong choice told which condition it breaks.

use super::point::gradient_at;
use super::{ChoiceQuestion, NumberQuestion, QuestionPart, VectorQuestion};
use crate::math::{
    classify_critical_point, parse, symmetric_eigenvalues, CriticalKind, Expr, SplitMix64,
};

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

/// A number as a learner reads it (no trailing `.0`, a true minus sign).
fn show(v: f64) -> String {
    let r = (v * 1e6).round() / 1e6;
    let s = if r == r.trunc() && r.abs() < 1e15 {
        format!("{}", r as i64)
    } else {
        format!("{r}")
    };
    s.replace('-', "−")
}

fn eval(e: &Expr, env: &[(&str, f64)]) -> f64 {
    e.eval(env).unwrap_or(f64::NAN)
}

/// Gradient descent's update on `L(w₁, w₂)` from a seed: "the weights after one step".
pub fn descent_step(seed: u64) -> VectorQuestion {
    let mut rng = SplitMix64(seed ^ 0x0D15_CE47);
    let a = int(&mut rng, 1, 4, true);
    let b = int(&mut rng, 1, 5, true);
    let c = int(&mut rng, -3, 3, false);
    let w = [
        int(&mut rng, -3, 3, true) as f64,
        int(&mut rng, -3, 3, true) as f64,
    ];
    let rates = [0.1, 0.05, 0.2, 0.01];
    let eta = rates[(rng.next_u64() % rates.len() as u64) as usize];
    let coef = |k: i64| {
        if k == 1 {
            String::new()
        } else {
            format!("{k}*")
        }
    };
    let cross = match c {
        0 => String::new(),
        1 => " + w1*w2".to_string(),
        -1 => " - w1*w2".to_string(),
        c if c > 0 => format!(" + {c}*w1*w2"),
        c => format!(" - {}*w1*w2", -c),
    };
    let text = format!("{}w1^2 + {}w2^2{cross}", coef(a), coef(b));
    let Ok(loss) = parse(&text) else {
        return VectorQuestion::new(
            vec![QuestionPart::words("No question today.")],
            vec![],
            vec![],
        );
    };
    let grad = loss.gradient(&["w1", "w2"]);
    let env = [("w1", w[0]), ("w2", w[1])];
    let g = [eval(&grad[0], &env), eval(&grad[1], &env)];
    let norm = g[0].hypot(g[1]);
    let new = vec![w[0] - eta * g[0], w[1] - eta * g[1]];
    let names = vec!["w₁".to_string(), "w₂".to_string()];
    let prompt = vec![
        QuestionPart::words("The loss is "),
        QuestionPart::formula(
            format!("L(w_1, w_2) = {}", loss.to_latex()),
            format!("L(w₁, w₂) = {}", loss.to_pretty()),
        ),
        QuestionPart::words(format!(
            ". The weights are w = ({}, {}) and the learning rate is η = {}. What are the \
             weights after one step of gradient descent? Type [w₁, w₂].",
            show(w[0]),
            show(w[1]),
            show(eta)
        )),
    ];
    let mut q = VectorQuestion::new(prompt, new.clone(), names)
        .mistake(
            vec![w[0] + eta * g[0], w[1] + eta * g[1]],
            "That step went uphill: gradient descent subtracts η∇L, moving against the gradient.",
        )
        .mistake(
            vec![w[0] - g[0], w[1] - g[1]],
            "The learning rate is missing: the step is η times the gradient, not the whole gradient.",
        )
        .mistake(
            vec![-eta * g[0], -eta * g[1]],
            "That is the step −η∇L itself; the new weights are the old weights plus that step.",
        );
    if norm > 0.0 {
        q = q.mistake(
            vec![w[0] - eta * g[0] / norm, w[1] - eta * g[1] / norm],
            "That step has length η: it moved along the unit direction −∇L/‖∇L‖. The update \
             moves by η∇L, whose length is η‖∇L‖, not η.",
        );
    }
    q.with_common_mistakes()
        .hint("First find ∇L = [∂L/∂w₁, ∂L/∂w₂], differentiating L by each weight with the other held constant.")
        .hint(format!(
            "At w = ({}, {}) the gradient is ∇L = [{}, {}].",
            show(w[0]),
            show(w[1]),
            show(g[0]),
            show(g[1])
        ))
        .hint("The update is w ← w − η∇L, one component at a time.")
        .explain(format!(
            "∇L = [{}, {}] at w, so w − η∇L = [{} − {}·{}, {} − {}·{}] = [{}, {}]. The step's \
             length is η‖∇L‖ = {}.",
            show(g[0]),
            show(g[1]),
            show(w[0]),
            show(eta),
            show(g[0]),
            show(w[1]),
            show(eta),
            show(g[1]),
            show(new[0]),
            show(new[1]),
            show(eta * norm)
        ))
}

/// Terms the Hessian-entry exercise draws from (powers of x and y).
const MONOMIALS: [(u32, u32); 8] = [
    (3, 1),
    (2, 2),
    (1, 3),
    (2, 1),
    (1, 2),
    (3, 0),
    (0, 3),
    (1, 1),
];

fn monomial(c: i64, (i, j): (u32, u32)) -> String {
    let x = match i {
        0 => String::new(),
        1 => "*x".to_string(),
        n => format!("*x^{n}"),
    };
    let y = match j {
        0 => String::new(),
        1 => "*y".to_string(),
        n => format!("*y^{n}"),
    };
    let body = format!("{x}{y}");
    let body = body.strip_prefix('*').unwrap_or(&body).to_string();
    match c {
        1 => body,
        -1 => format!("-{body}"),
        c => format!("{c}*{body}"),
    }
}

/// One entry of the Hessian of a generated polynomial at a point.
pub fn hessian_entry(seed: u64) -> NumberQuestion {
    let mut rng = SplitMix64(seed ^ 0x04E5_51A4);
    for _ in 0..50 {
        let k1 = (rng.next_u64() % MONOMIALS.len() as u64) as usize;
        let k2 =
            (k1 + 1 + (rng.next_u64() % (MONOMIALS.len() as u64 - 1)) as usize) % MONOMIALS.len();
        let text = format!(
            "{} + ({})",
            monomial(int(&mut rng, -4, 4, true), MONOMIALS[k1]),
            monomial(int(&mut rng, -4, 4, true), MONOMIALS[k2])
        );
        let Ok(f) = parse(&text) else { continue };
        let p = (
            int(&mut rng, -2, 2, true) as f64,
            int(&mut rng, -2, 2, true) as f64,
        );
        let env = [("x", p.0), ("y", p.1)];
        let h = f.hessian(&["x", "y"]);
        let (fxx, fxy, fyy) = (
            eval(&h[0][0], &env),
            eval(&h[0][1], &env),
            eval(&h[1][1], &env),
        );
        let at = gradient_at(&f, &["x", "y"], &[p.0, p.1]);
        let (value, fx, fy) = (at.value, at.gradient[0], at.gradient[1]);
        let which = rng.next_u64() % 3;
        let (tex, text_name, answer) = match which {
            0 => (
                r"\frac{\partial^2 f}{\partial x\,\partial y}",
                "∂²f/∂x∂y",
                fxy,
            ),
            1 => (r"\frac{\partial^2 f}{\partial x^2}", "∂²f/∂x²", fxx),
            _ => (r"\frac{\partial^2 f}{\partial y^2}", "∂²f/∂y²", fyy),
        };
        if answer == 0.0 || !answer.is_finite() {
            continue;
        }
        let prompt = vec![
            QuestionPart::words("For "),
            QuestionPart::formula(
                format!("f(x, y) = {}", f.to_latex()),
                format!("f(x, y) = {}", f.to_pretty()),
            ),
            QuestionPart::words(", what is the Hessian entry "),
            QuestionPart::formula(tex, text_name),
            QuestionPart::words(format!(" at ({}, {})?", show(p.0), show(p.1))),
        ];
        let mut q = NumberQuestion::new(prompt, answer);
        let others = [
            (fxy, "That is the mixed partial ∂²f/∂x∂y (by x, then by y); this entry differentiates by the same variable twice."),
            (fxx, "That is ∂²f/∂x², differentiating by x twice; check which variables this entry asks for."),
            (fyy, "That is ∂²f/∂y², differentiating by y twice; check which variables this entry asks for."),
        ];
        for (v, why) in others {
            q = q.mistake(v, why);
        }
        q = q
            .mistake(
                fx,
                "That is ∂f/∂x at the point, a first derivative: differentiate once more.",
            )
            .mistake(
                fy,
                "That is ∂f/∂y at the point, a first derivative: differentiate once more.",
            )
            .mistake(
                value,
                "That is f itself at the point; the entry is a second derivative.",
            )
            .mistake(
                -answer,
                "The sign is off: check the sign of each term as you differentiate.",
            );
        let first = if which == 2 { "y" } else { "x" };
        let second = if which == 1 { "x" } else { "y" };
        let d1 = f.partial(first);
        let d2 = d1.partial(second);
        return q
            .hint(format!(
                "Differentiate f by {first} first, treating the other variable as a constant."
            ))
            .hint(format!(
                "∂f/∂{first} = {}. Now differentiate that by {second}.",
                d1.to_pretty()
            ))
            .hint(format!(
                "The result is {}; put in x = {}, y = {}.",
                d2.to_pretty(),
                show(p.0),
                show(p.1)
            ))
            .explain(format!(
                "{text_name} = {}, which at ({}, {}) is {}.",
                d2.to_pretty(),
                show(p.0),
                show(p.1),
                show(answer)
            ));
    }
    NumberQuestion::new(
        vec![QuestionPart::words(
            "For f = x²y, what is ∂²f/∂x∂y at (1, 1)?",
        )],
        2.0,
    )
}

/// The second-derivative test's verdict on a quadratic's critical point.
pub fn classify_critical(seed: u64) -> ChoiceQuestion {
    let mut rng = SplitMix64(seed ^ 0x0C1A_551F);
    let a = int(&mut rng, -3, 3, true);
    let c = int(&mut rng, -3, 3, true);
    // Sometimes make det H = 0 exactly: 4ac = b² needs b² = 4ac ≥ 0.
    let b = if rng.next_u64() % 5 == 0 && a * c > 0 {
        let s = ((4 * a * c) as f64).sqrt();
        if s == s.trunc() {
            s as i64
        } else {
            int(&mut rng, -4, 4, false)
        }
    } else {
        int(&mut rng, -4, 4, false)
    };
    let (h, k) = (int(&mut rng, -2, 2, false), int(&mut rng, -2, 2, false));
    let shift = |v: &str, s: i64| match s {
        0 => v.to_string(),
        s if s > 0 => format!("({v} - {s})"),
        s => format!("({v} + {})", -s),
    };
    let (x, y) = (shift("x", h), shift("y", k));
    let term = |k: i64, t: String| match k {
        0 => String::new(),
        1 => format!(" + {t}"),
        -1 => format!(" - {t}"),
        k if k > 0 => format!(" + {k}*{t}"),
        k => format!(" - {}*{t}", -k),
    };
    let joined = format!(
        "{}{}{}",
        term(a, format!("{x}^2")),
        term(b, format!("{x}*{y}")),
        term(c, format!("{y}^2"))
    );
    let text = match joined.strip_prefix(" + ") {
        Some(rest) => rest.to_string(),
        None => joined.replacen(" - ", "-", 1),
    };
    let f = parse(&text).unwrap_or(Expr::Num(0.0));
    let hess = f.hessian(&["x", "y"]);
    let env = [("x", h as f64), ("y", k as f64)];
    let m: Vec<Vec<f64>> = hess
        .iter()
        .map(|r| r.iter().map(|e| eval(e, &env)).collect())
        .collect();
    let eig = symmetric_eigenvalues(&m).unwrap_or_default();
    let kind = classify_critical_point(&eig, 1e-9);
    let fxx = m
        .first()
        .and_then(|r| r.first())
        .copied()
        .unwrap_or(f64::NAN);
    let det = m
        .first()
        .zip(m.get(1))
        .map(|(r0, r1)| r0[0] * r1[1] - r0[1] * r1[0])
        .unwrap_or(f64::NAN);
    let facts = format!("Here fₓₓ = {}, and det H = {}.", show(fxx), show(det));
    let why = |picked: CriticalKind| -> String {
        let need = match picked {
            CriticalKind::Minimum => "A minimum needs both eigenvalues positive: det H > 0 and fₓₓ > 0.",
            CriticalKind::Maximum => "A maximum needs both eigenvalues negative: det H > 0 and fₓₓ < 0.",
            CriticalKind::Saddle => "A saddle needs eigenvalues of both signs: det H < 0.",
            CriticalKind::Inconclusive => {
                "The test is inconclusive only when an eigenvalue is 0 (det H = 0); here it decides."
            }
        };
        format!("{need} {facts}")
    };
    // One formula per term, so a narrow screen can wrap the line between them.
    let mut prompt = vec![QuestionPart::words("The function ")];
    let mut first = true;
    for (coef, body) in [
        (a, format!("{x}^2")),
        (b, format!("{x}*{y}")),
        (c, format!("{y}^2")),
    ] {
        if coef == 0 {
            continue;
        }
        let term = if coef.abs() == 1 {
            body.clone()
        } else {
            format!("{}*{body}", coef.abs())
        };
        let Ok(t) = parse(&term) else {
            continue;
        };
        let (sign_tex, sign_text) = match (first, coef < 0) {
            (true, false) => ("f(x, y) = ".to_string(), "f(x, y) = ".to_string()),
            (true, true) => ("f(x, y) = -".to_string(), "f(x, y) = −".to_string()),
            (false, false) => ("+ ".to_string(), "+ ".to_string()),
            (false, true) => ("- ".to_string(), "− ".to_string()),
        };
        if !first {
            prompt.push(QuestionPart::words(" "));
        }
        prompt.push(QuestionPart::formula(
            format!("{sign_tex}{}", t.to_latex()),
            format!("{sign_text}{}", t.to_pretty()),
        ));
        first = false;
    }
    prompt.push(QuestionPart::words(format!(
        " has ∇f = 0 at ({}, {}). What does the second-derivative test say about that point?",
        show(h as f64),
        show(k as f64)
    )));
    let mut q = ChoiceQuestion::new(prompt);
    let options = [
        (CriticalKind::Minimum, "a local minimum"),
        (CriticalKind::Maximum, "a local maximum"),
        (CriticalKind::Saddle, "a saddle point"),
        (CriticalKind::Inconclusive, "the test is inconclusive"),
    ];
    for (k_opt, label) in options {
        q = if k_opt == kind {
            q.right(label)
        } else {
            q.wrong(label, why(k_opt))
        };
    }
    q.hint("f is quadratic, so its Hessian is the same at every point: differentiate twice.")
        .hint("Compute det H = fₓₓ·f_yy − fₓ_y².")
        .hint("det H > 0 with fₓₓ > 0: minimum; det H > 0 with fₓₓ < 0: maximum; det H < 0: saddle; det H = 0: inconclusive.")
        .explain(format!(
            "H = [[{}, {}], [{}, {}]], eigenvalues {}. {facts}",
            show(m[0][0]),
            show(m[0][1]),
            show(m[1][0]),
            show(m[1][1]),
            eig.iter().map(|&e| show(e)).collect::<Vec<_>>().join(" and ")
        ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tutor::{AnswerForm, Question, Verdict};

    fn wrong(v: Verdict) -> String {
        match v {
            Verdict::Wrong(s) => s,
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn a_descent_step_accepts_right_answers_and_names_the_slips() {
        for seed in 0..40 {
            let q = descent_step(seed);
            assert_eq!(q.answer_form(), AnswerForm::Numbers(2));
            let a = q.answer.clone();
            let typed = format!("[{}, {}]", a[0], a[1]);
            assert_eq!(q.check(&typed), Verdict::Correct, "{seed}: {typed}");
            assert!(!q.hints().is_empty() && !q.explanation().is_empty());
        }
        // L = w₁² + w₂² at (1, 1) style check on one seed, by hand.
        let q = descent_step(3);
        let text = q.prompt_text();
        assert!(text.contains("L(w₁, w₂) ="), "{text}");
        let m = q
            .mistakes
            .iter()
            .find(|m| m.diagnosis.contains("length η"))
            .unwrap();
        let typed = format!("[{}, {}]", m.value[0], m.value[1]);
        assert!(wrong(q.check(&typed)).contains("η‖∇L‖"));
    }

    #[test]
    fn hessian_entries_come_from_the_engine() {
        for seed in 0..40 {
            let q = hessian_entry(seed);
            assert!(q.answer.is_finite() && q.answer != 0.0);
            assert_eq!(
                q.check(&format!("{}", q.answer)),
                Verdict::Correct,
                "{seed}"
            );
            assert_eq!(q.hints().len(), 3);
            for m in &q.mistakes {
                assert!(matches!(
                    q.check(&format!("{}", m.value)),
                    Verdict::Wrong(_)
                ));
            }
        }
    }

    #[test]
    fn classification_choices_are_right_and_explained() {
        let mut seen = std::collections::HashSet::new();
        for seed in 0..200 {
            let q = classify_critical(seed);
            let right: Vec<usize> = (0..4)
                .filter(|i| q.check(&i.to_string()) == Verdict::Correct)
                .collect();
            assert_eq!(right.len(), 1, "{seed}");
            seen.insert(right[0]);
            for i in (0..4).filter(|i| *i != right[0]) {
                assert!(wrong(q.check(&i.to_string())).contains("det H"));
            }
        }
        assert_eq!(seen.len(), 4, "every kind comes up");
    }
}

#[cfg(test)]
mod printing {
    use super::*;
    use crate::tutor::Question;

    #[test]
    fn generated_functions_read_like_a_textbook() {
        for seed in 0..30 {
            for text in [
                classify_critical(seed).prompt_text(),
                hessian_entry(seed).prompt_text(),
                descent_step(seed).prompt_text(),
            ] {
                assert!(
                    !text.contains("= 1(") && !text.contains(" 1x") && !text.contains("+ −"),
                    "{text}"
                );
                assert!(!text.contains("0 +") && !text.contains("+ 0"), "{text}");
            }
        }
    }
}
