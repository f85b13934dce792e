//! "Try it" exercises: generate a function, ask for a partial derivative, a gradient or a
//! directional derivative, check the learner's typed answer by agreement at many random points
//! (not by string matching), say what is wrong when it is wrong, and give the derivation's
//! next step as a hint. Plain logic: the component in `ui::exercise` only wires it to signals.

use super::point::DirectionalSlope;
use super::{QuestionPart, Verdict};
use crate::math::{agree_at_random_points, parse, Expr, SplitMix64};

/// What an exercise asks for.
#[derive(Clone, Debug, PartialEq)]
pub enum Ask {
    /// ∂f/∂var.
    Partial(String),
    /// ∇f over all the function's variables, typed as `[a, b]`.
    Gradient,
    /// D_v f at a point, a number.
    Directional {
        /// The point (x, y).
        point: (f64, f64),
        /// The unit direction, as its exact components' text and values.
        dir: (f64, f64),
        /// How the direction is shown, e.g. `[3/5, 4/5]`.
        dir_text: &'static str,
    },
}

/// A variable name in LaTeX: `w1` → `w_{1}`.
fn var_tex(v: &str) -> String {
    match v.find(|c: char| c.is_ascii_digit()) {
        Some(i) if i > 0 => format!("{}_{{{}}}", &v[..i], &v[i..]),
        _ => v.to_string(),
    }
}

/// A direction such as `[3/5, −4/5]` or `[1/√2, 1/√2]` in LaTeX.
fn direction_tex(text: &str) -> String {
    let inner = text.trim_start_matches('[').trim_end_matches(']');
    let parts: Vec<String> = inner
        .split(", ")
        .map(|c| {
            let (sign, c) = match c.strip_prefix('−') {
                Some(rest) => ("-", rest),
                None => ("", c),
            };
            let body = match c.split_once('/') {
                Some((n, d)) => {
                    let d = d.replace("√2", r"\sqrt{2}");
                    format!(r"\tfrac{{{n}}}{{{d}}}")
                }
                None => c.to_string(),
            };
            format!("{sign}{body}")
        })
        .collect();
    format!(r"\left[{}\right]", parts.join(", "))
}

/// Which family of functions an exercise draws from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Family {
    /// Polynomials in x and y, such as 3x²y + 2xy − y³.
    Polynomial,
    /// Products and compositions that need the product and chain rules.
    Composite,
}

/// One generated exercise.
#[derive(Clone, Debug, PartialEq)]
pub struct Exercise {
    /// The function the learner differentiates.
    pub function: Expr,
    /// Its variables, sorted.
    pub vars: Vec<String>,
    /// What is asked.
    pub ask: Ask,
}

/// How many random points an answer is checked at.
const CHECK_POINTS: usize = 64;
const CHECK_SEED: u64 = 0x006E_6162_6C61;

/// Unit directions used by directional-derivative exercises, with their exact text.
const DIRECTIONS: [((f64, f64), &str); 6] = [
    ((1.0, 0.0), "[1, 0]"),
    ((0.0, 1.0), "[0, 1]"),
    ((0.6, 0.8), "[3/5, 4/5]"),
    ((0.8, -0.6), "[4/5, −3/5]"),
    (
        (
            std::f64::consts::FRAC_1_SQRT_2,
            std::f64::consts::FRAC_1_SQRT_2,
        ),
        "[1/√2, 1/√2]",
    ),
    ((-0.6, 0.8), "[−3/5, 4/5]"),
];

fn pick(rng: &mut SplitMix64, n: usize) -> usize {
    (rng.next_u64() % n.max(1) as u64) as usize
}

fn coefficient(rng: &mut SplitMix64) -> i64 {
    let c = 1 + pick(rng, 5) as i64;
    if rng.next_u64() % 4 == 0 {
        -c
    } else {
        c
    }
}

fn polynomial(rng: &mut SplitMix64) -> String {
    let (a, b, c) = (coefficient(rng), coefficient(rng), coefficient(rng));
    let (m, n) = (1 + pick(rng, 3), 1 + pick(rng, 2));
    let q = 2 + pick(rng, 2);
    let p = 1 + pick(rng, 2);
    format!("{a}*x^{m}*y^{n} + {b}*x^{p}*y + {c}*y^{q}")
}

fn composite(rng: &mut SplitMix64) -> String {
    let (a, b) = (1 + pick(rng, 3), 1 + pick(rng, 3));
    match pick(rng, 5) {
        0 => format!("exp({a}*x*y)"),
        1 => format!("sin({a}*x + {b}*y^2)"),
        2 => format!("x^2*cos({a}*y)"),
        3 => format!("ln(x^2 + {b}*y^2 + 1)"),
        _ => format!("x*exp(-{a}*y) + {b}*y*sin(x)"),
    }
}

impl Exercise {
    /// A new exercise of the given kind, drawn from `family`; the same seed gives the same one.
    pub fn generate(family: Family, kind: AskKind, seed: u64) -> Exercise {
        let mut rng = SplitMix64(seed);
        let text = match family {
            Family::Polynomial => polynomial(&mut rng),
            Family::Composite => composite(&mut rng),
        };
        // The templates always parse; fall back to x² + y² rather than panic if one did not.
        let function = parse(&text)
            .map(|e| e.simplify())
            .unwrap_or_else(|_| fallback_function());
        let vars = function.variables();
        let ask = match kind {
            AskKind::Partial => {
                let v = vars.get(pick(&mut rng, vars.len())).cloned();
                Ask::Partial(v.unwrap_or_else(|| "x".to_string()))
            }
            AskKind::Gradient => Ask::Gradient,
            AskKind::Directional => {
                let (dir, dir_text) = DIRECTIONS[pick(&mut rng, DIRECTIONS.len())];
                let point = (
                    pick(&mut rng, 5) as f64 - 2.0,
                    pick(&mut rng, 5) as f64 - 2.0,
                );
                Ask::Directional {
                    point,
                    dir,
                    dir_text,
                }
            }
        };
        Exercise {
            function,
            vars,
            ask,
        }
    }

    /// The question as plain text (the function itself is shown separately): the words and
    /// the plain reading of each formula in [`Exercise::question_parts`].
    pub fn question(&self) -> String {
        self.question_parts()
            .iter()
            .map(|p| match p {
                QuestionPart::Words(w) => w.as_str(),
                QuestionPart::Formula { text, .. } => text.as_str(),
            })
            .collect()
    }

    /// The question as the page shows it: words, and formulas to typeset.
    pub fn question_parts(&self) -> Vec<QuestionPart> {
        let words = |w: &str| QuestionPart::Words(w.to_string());
        let partial = |v: &str| QuestionPart::Formula {
            tex: format!(r"\frac{{\partial f}}{{\partial {}}}", var_tex(v)),
            text: format!("∂f/∂{v}"),
        };
        match &self.ask {
            Ask::Partial(v) => vec![words("Type "), partial(v), words(".")],
            Ask::Gradient => {
                let parts: Vec<(String, String)> = self
                    .vars
                    .iter()
                    .map(|v| match partial(v) {
                        QuestionPart::Formula { tex, text } => (tex, text),
                        QuestionPart::Words(w) => (w.clone(), w),
                    })
                    .collect();
                let join = |f: fn(&(String, String)) -> &str| {
                    parts.iter().map(f).collect::<Vec<_>>().join(", ")
                };
                vec![
                    words("Type the gradient "),
                    QuestionPart::Formula {
                        tex: r"\nabla f".to_string(),
                        text: "∇f".to_string(),
                    },
                    words(" as "),
                    QuestionPart::Formula {
                        tex: format!(r"\left[{}\right]", join(|p| p.0.as_str())),
                        text: format!("[{}]", join(|p| p.1.as_str())),
                    },
                    words("."),
                ]
            }
            Ask::Directional {
                point, dir_text, ..
            } => vec![
                words("Type "),
                QuestionPart::Formula {
                    tex: r"D_{\mathbf{v}} f".to_string(),
                    text: "the directional derivative of f along v".to_string(),
                },
                words(&format!(
                    " at ({}, {}) for ",
                    point.0.to_string().replace('-', "−"),
                    point.1.to_string().replace('-', "−")
                )),
                QuestionPart::Formula {
                    tex: format!(r"\mathbf{{v}} = {}", direction_tex(dir_text)),
                    text: format!("v = {dir_text}"),
                },
                words(", as a number."),
            ],
        }
    }

    /// The right answer's parts: one expression for a partial, one per variable for a
    /// gradient, one number (as an expression) for a directional derivative.
    pub fn expected(&self) -> Vec<Expr> {
        match &self.ask {
            Ask::Partial(v) => vec![self.function.partial(v)],
            Ask::Gradient => self
                .var_refs()
                .iter()
                .map(|v| self.function.partial(v))
                .collect(),
            Ask::Directional { .. } => vec![Expr::Num(self.directional_value())],
        }
    }

    fn var_refs(&self) -> Vec<&str> {
        self.vars.iter().map(String::as_str).collect()
    }

    fn directional_value(&self) -> f64 {
        let Ask::Directional { point, dir, .. } = &self.ask else {
            return f64::NAN;
        };
        let s = DirectionalSlope::at(&self.function, *point);
        s.fx * dir.0 + s.fy * dir.1
    }

    /// Checks a typed answer.
    pub fn check(&self, answer: &str) -> Verdict {
        match &self.ask {
            Ask::Partial(v) => {
                let parsed = match parse(answer) {
                    Ok(e) => e,
                    Err(e) => return Verdict::Unreadable(e.message()),
                };
                diagnose_partial(&self.function, &self.vars, v, &parsed)
            }
            Ask::Gradient => self.check_gradient(answer),
            Ask::Directional { .. } => self.check_number(answer),
        }
    }

    fn check_gradient(&self, answer: &str) -> Verdict {
        let parts = split_vector(answer);
        if parts.len() != self.vars.len() {
            return Verdict::Unreadable(format!(
                "The gradient of this f has {} components, one per variable, written as [a, b]; \
                 your answer has {}.",
                self.vars.len(),
                parts.len()
            ));
        }
        for (i, (part, var)) in parts.iter().zip(&self.vars).enumerate() {
            let parsed = match parse(part) {
                Ok(e) => e,
                Err(e) => {
                    return Verdict::Unreadable(format!("Component {}: {}", i + 1, e.message()))
                }
            };
            match diagnose_partial(&self.function, &self.vars, var, &parsed) {
                Verdict::Correct => {}
                Verdict::Wrong(why) => {
                    return Verdict::Wrong(format!(
                        "Component {} should be ∂f/∂{var}. {why}",
                        i + 1
                    ))
                }
                other => return other,
            }
        }
        Verdict::Correct
    }

    fn check_number(&self, answer: &str) -> Verdict {
        if let Some(digits) = super::number_word(answer) {
            return Verdict::Unreadable(format!(
                "Type the number in digits: {digits} rather than {}.",
                answer.trim()
            ));
        }
        let parsed = match parse(answer) {
            Ok(e) => e,
            Err(e) => return Verdict::Unreadable(e.message()),
        };
        if let Some(v) = parsed.variables().first() {
            return Verdict::Unreadable(format!(
                "The answer is a number: put the point's coordinates in, so no {v} is left."
            ));
        }
        let got = parsed.eval(&[]).unwrap_or(f64::NAN);
        let want = self.directional_value();
        // A learner may round to two decimals.
        if (got - want).abs() <= 0.006 + 1e-3 * want.abs() {
            return Verdict::Correct;
        }
        let Ask::Directional { point, dir, .. } = &self.ask else {
            return Verdict::Wrong("That is not the right value.".into());
        };
        let slope = DirectionalSlope::at(&self.function, *point);
        let (fx, fy) = (slope.fx, slope.fy);
        let norm = slope.norm();
        let close = |a: f64| (got - a).abs() <= 0.006 + 1e-3 * a.abs();
        let why = if close(norm) && (want - norm).abs() > 0.01 {
            "That is |∇f|, the slope along the gradient itself. Take the dot product ∇f · v with \
             this v instead."
                .to_string()
        } else if close(-want) {
            "The sign is flipped: D_v f = ∇f · v, with v pointing the way given.".to_string()
        } else if close(fx) || close(fy) {
            "That is just one partial derivative. D_v f mixes both: ∇f · v = (∂f/∂x)v₁ + \
             (∂f/∂y)v₂."
                .to_string()
        } else {
            format!(
                "Not quite. Evaluate ∇f at the point first, then take its dot product with v \
                 = ({}, {}).",
                fmt_num(dir.0),
                fmt_num(dir.1)
            )
        };
        Verdict::Wrong(why)
    }

    /// Hints for the current question: the derivation's steps in reading order, each a
    /// sentence naming its rule.
    pub fn hints(&self) -> Vec<String> {
        let vars: Vec<String> = match &self.ask {
            Ask::Partial(v) => vec![v.clone()],
            Ask::Gradient | Ask::Directional { .. } => self.vars.clone(),
        };
        let mut out = Vec::new();
        for v in &vars {
            let d = self.function.derivation(v);
            for step in d.steps.iter().filter(|s| !s.note.is_empty()) {
                out.push(format!(
                    "∂/∂{v}: {}. {} ({} → {})",
                    step.rule.name(),
                    step.note,
                    step.before.to_pretty(),
                    step.after.to_pretty()
                ));
            }
        }
        if let Ask::Directional { dir_text, .. } = &self.ask {
            out.push(format!(
                "Then evaluate ∇f at the point and take the dot product with v = {dir_text}."
            ));
        }
        out
    }
}

/// What kind of question to ask.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AskKind {
    /// A partial derivative.
    Partial,
    /// The gradient vector.
    Gradient,
    /// A directional derivative at a point.
    Directional,
}

fn fallback_function() -> Expr {
    Expr::Add(vec![
        Expr::Pow(Box::new(Expr::var("x")), Box::new(Expr::Num(2.0))),
        Expr::Pow(Box::new(Expr::var("y")), Box::new(Expr::Num(2.0))),
    ])
}

/// Splits `[a, b]` (brackets optional) at its top-level commas.
pub fn split_vector(text: &str) -> Vec<String> {
    let t = text.trim();
    let t = t
        .strip_prefix(['[', '(', '⟨'])
        .and_then(|s| s.strip_suffix([']', ')', '⟩']))
        .unwrap_or(t);
    let mut parts = Vec::new();
    let mut depth = 0i32;
    let mut current = String::new();
    for ch in t.chars() {
        match ch {
            '(' | '[' | '{' => depth += 1,
            ')' | ']' | '}' => depth -= 1,
            _ => {}
        }
        if ch == ',' && depth == 0 {
            parts.push(std::mem::take(&mut current));
        } else {
            current.push(ch);
        }
    }
    parts.push(current);
    parts
        .into_iter()
        .map(|p| p.trim().to_string())
        .filter(|p| !p.is_empty())
        .collect()
}

fn fmt_num(v: f64) -> String {
    let r = (v * 1000.0).round() / 1000.0;
    if r == r.trunc() {
        format!("{r:.0}")
    } else {
        format!("{r}")
    }
}

fn agrees(a: &Expr, b: &Expr, vars: &[&str]) -> bool {
    agree_at_random_points(a, b, vars, CHECK_POINTS, CHECK_SEED).equivalent()
}

/// Says what is wrong with `answer` as ∂f/∂`var`, or that it is right.
pub fn diagnose_partial(function: &Expr, vars: &[String], var: &str, answer: &Expr) -> Verdict {
    let var_refs: Vec<&str> = vars.iter().map(String::as_str).collect();
    if let Some(extra) = answer
        .variables()
        .into_iter()
        .find(|v| !vars.iter().any(|w| w == v))
    {
        let list = vars.join(" and ");
        return Verdict::Wrong(format!(
            "Your answer uses {extra}, but f depends only on {list}."
        ));
    }
    let right = function.partial(var);
    if agrees(answer, &right, &var_refs) {
        return Verdict::Correct;
    }
    let held: Vec<&str> = var_refs.iter().copied().filter(|v| *v != var).collect();
    for other in &held {
        if agrees(answer, &function.partial(other), &var_refs) {
            return Verdict::Wrong(format!(
                "That is ∂f/∂{other}. Here {other} is held constant and {var} moves: \
                 differentiate with respect to {var}."
            ));
        }
    }
    if agrees(answer, function, &var_refs) {
        return Verdict::Wrong(format!(
            "That is f itself. It still needs differentiating with respect to {var}."
        ));
    }
    // Off by a constant, or by a constant factor.
    let env_at = |p: &[f64]| -> Vec<(&str, f64)> {
        var_refs.iter().copied().zip(p.iter().copied()).collect()
    };
    let probe = [0.7, -1.3, 0.4];
    let env = env_at(&probe[..var_refs.len().min(3)]);
    let (a, r) = (
        answer.eval(&env).unwrap_or(f64::NAN),
        right.eval(&env).unwrap_or(f64::NAN),
    );
    if a.is_finite() && r.is_finite() {
        let shift = a - r;
        let shifted = Expr::Add(vec![right.clone(), Expr::Num(shift)]);
        if shift.abs() > 1e-9 && agrees(answer, &shifted, &var_refs) {
            return Verdict::Wrong(format!(
                "Off by a constant ({}). A constant term differentiates to 0, and no new \
                 constant appears.",
                fmt_num(shift)
            ));
        }
        if r.abs() > 1e-9 {
            let ratio = a / r;
            let scaled = Expr::Mul(vec![Expr::Num(ratio), right.clone()]);
            if agrees(answer, &scaled, &var_refs) {
                if (ratio + 1.0).abs() < 1e-9 {
                    return Verdict::Wrong("The sign is flipped.".into());
                }
                return Verdict::Wrong(format!(
                    "Right shape, but {} times the right size. Check the coefficients: the \
                     power rule brings the exponent down as a factor.",
                    fmt_num(ratio)
                ));
            }
        }
    }
    // Right on a slice where another variable is zero: a term with that variable is off.
    let zero = Expr::Num(0.0);
    for other in &held {
        if !right.variables().iter().any(|v| v == other)
            && !answer.variables().iter().any(|v| v == other)
        {
            continue;
        }
        let a0 = answer.substitute(other, &zero);
        let r0 = right.substitute(other, &zero);
        // A slice where the right answer vanishes says nothing.
        if agrees(&a0, &r0, &var_refs) && !agrees(&r0, &zero, &var_refs) {
            return Verdict::Wrong(format!(
                "Right when {other} = 0, but a term with {other} is missing or wrong. \
                 Remember {other} is a constant here, so a term like 3{var}{other} \
                 differentiates to 3{other}."
            ));
        }
    }
    let env = env_at(&probe[..var_refs.len().min(3)]);
    let point = env
        .iter()
        .map(|(n, v)| format!("{n} = {}", fmt_num(*v)))
        .collect::<Vec<_>>()
        .join(", ");
    Verdict::Wrong(format!(
        "Not equal to ∂f/∂{var}: at {point} your answer gives {}, but ∂f/∂{var} is {}.",
        fmt_num(a),
        fmt_num(r)
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn partial_exercise(f: &str, var: &str) -> Exercise {
        let function = parse(f).expect("parses");
        Exercise {
            vars: function.variables(),
            function,
            ask: Ask::Partial(var.to_string()),
        }
    }

    #[test]
    fn equivalent_answers_in_any_form_are_right() {
        let ex = partial_exercise("x^2 + 3*x*y + y^2", "x");
        assert_eq!(ex.check("2x + 3y"), Verdict::Correct);
        assert_eq!(ex.check("3*y + x*2"), Verdict::Correct);
        assert_eq!(ex.check("(4x + 6y)/2"), Verdict::Correct);
    }

    #[test]
    fn a_missing_term_in_the_held_variable_is_named() {
        let ex = partial_exercise("x^2 + 3*x*y + y^2", "x");
        let Verdict::Wrong(why) = ex.check("2x") else {
            panic!("2x is wrong");
        };
        assert!(why.contains("Right when y = 0"), "{why}");
        assert!(why.contains("term with y"), "{why}");
    }

    #[test]
    fn the_other_partial_and_f_itself_are_recognised() {
        let ex = partial_exercise("x^2 + 3*x*y + y^2", "x");
        let Verdict::Wrong(why) = ex.check("3x + 2y") else {
            panic!("wrong");
        };
        assert!(why.contains("That is ∂f/∂y"), "{why}");
        let Verdict::Wrong(why) = ex.check("x^2 + 3xy + y^2") else {
            panic!("wrong");
        };
        assert!(why.contains("f itself"), "{why}");
    }

    #[test]
    fn factor_sign_and_constant_mistakes_are_explained() {
        let ex = partial_exercise("x^3*y^2", "x");
        let Verdict::Wrong(why) = ex.check("x^2*y^2") else {
            panic!("wrong");
        };
        assert!(why.contains("Right shape"), "{why}");
        let Verdict::Wrong(why) = ex.check("-3x^2y^2") else {
            panic!("wrong");
        };
        assert!(why.contains("sign"), "{why}");
        let Verdict::Wrong(why) = ex.check("3x^2y^2 + 5") else {
            panic!("wrong");
        };
        assert!(why.contains("constant"), "{why}");
    }

    #[test]
    fn unreadable_and_foreign_answers_say_why() {
        let ex = partial_exercise("x^2 + y^2", "x");
        assert!(matches!(ex.check("2x +"), Verdict::Unreadable(_)));
        let Verdict::Wrong(why) = ex.check("2z") else {
            panic!("wrong");
        };
        assert!(why.contains("uses z"), "{why}");
    }

    #[test]
    fn gradients_are_checked_component_by_component() {
        let function = parse("x^2 + y^2").expect("parses");
        let ex = Exercise {
            vars: function.variables(),
            function,
            ask: Ask::Gradient,
        };
        assert_eq!(ex.check("[2x, 2y]"), Verdict::Correct);
        assert_eq!(ex.check("2x, 2y"), Verdict::Correct);
        let Verdict::Wrong(why) = ex.check("[2x, 2x]") else {
            panic!("wrong");
        };
        assert!(why.contains("Component 2"), "{why}");
        assert!(matches!(ex.check("[2x]"), Verdict::Unreadable(_)));
    }

    #[test]
    fn questions_typeset_their_formulas_and_read_the_same_as_text() {
        assert_eq!(
            direction_tex("[1/√2, −3/5]"),
            r"\left[\tfrac{1}{\sqrt{2}}, -\tfrac{3}{5}\right]"
        );
        assert_eq!(var_tex("w1"), "w_{1}");
        let function = parse("x^2*y").expect("parses");
        let ex = Exercise {
            vars: function.variables(),
            function,
            ask: Ask::Gradient,
        };
        assert_eq!(ex.question(), "Type the gradient ∇f as [∂f/∂x, ∂f/∂y].");
        let formulas: Vec<String> = ex
            .question_parts()
            .into_iter()
            .filter_map(|p| match p {
                QuestionPart::Formula { tex, .. } => Some(tex),
                QuestionPart::Words(_) => None,
            })
            .collect();
        assert_eq!(
            formulas,
            [
                r"\nabla f",
                r"\left[\frac{\partial f}{\partial x}, \frac{\partial f}{\partial y}\right]"
            ]
        );
        for tex in &formulas {
            assert!(crate::math::latex_to_mathml(tex, false).contains("<math"));
        }
    }

    #[test]
    fn directional_derivatives_accept_rounding_and_explain_the_gradient_norm() {
        let function = parse("x^2 + y^2").expect("parses");
        let ex = Exercise {
            vars: function.variables(),
            function,
            ask: Ask::Directional {
                point: (2.0, 3.0),
                dir: DIRECTIONS[4].0,
                dir_text: DIRECTIONS[4].1,
            },
        };
        // ∇f(2, 3) = [4, 6]; D_v f = 10/√2 ≈ 7.07.
        assert_eq!(ex.check("7.07"), Verdict::Correct);
        assert_eq!(ex.check("10/sqrt(2)"), Verdict::Correct);
        let Verdict::Wrong(why) = ex.check("7.21") else {
            panic!("|∇f| = √52 ≈ 7.21 is not D_v f");
        };
        assert!(why.contains("|∇f|"), "{why}");
        assert!(matches!(ex.check("2x"), Verdict::Unreadable(_)));
        // A number written as a word is not read as s·i·x.
        assert_eq!(
            ex.check("six"),
            Verdict::Unreadable("Type the number in digits: 6 rather than six.".into())
        );
    }

    #[test]
    fn generated_exercises_are_answerable_and_hinted() {
        for seed in 0..40 {
            for family in [Family::Polynomial, Family::Composite] {
                for kind in [AskKind::Partial, AskKind::Gradient] {
                    let ex = Exercise::generate(family, kind, seed);
                    let answer = match kind {
                        AskKind::Gradient => format!(
                            "[{}]",
                            ex.expected()
                                .iter()
                                .map(|e| e.to_string())
                                .collect::<Vec<_>>()
                                .join(", ")
                        ),
                        _ => ex.expected()[0].to_string(),
                    };
                    assert_eq!(
                        ex.check(&answer),
                        Verdict::Correct,
                        "{} {answer}",
                        ex.function
                    );
                    assert!(!ex.hints().is_empty());
                    assert!(!ex.question().is_empty());
                }
            }
        }
    }
}
