//! "Try it" exercises: generate a function, ask for a partial derivative, a gradient or a
//! directional derivative, check the learner's typed answer by agreement at many random points
//! (not by string matching), say what is wrong when it is wrong, and give the derivation's
//! next step as a hint. Plain logic: the component in `ui::exercise` only wires it to signals.

use super::format::{format_pair, format_value};
use super::point::{gradient_at, DirectionalSlope};
use super::{AnswerForm, NumberQuestion, Question, QuestionPart, VectorQuestion, Verdict};
use crate::math::{agree_at_random_points, parse, Expr, Rule, SplitMix64};

/// What an exercise asks for.
#[derive(Clone, Debug, PartialEq)]
pub enum Ask {
    /// ∂f/∂var.
    Partial(String),
    /// ∇f over the exercise's variables, typed as `[a, b]`.
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
    /// The slope along x of the slice through a point where y is held (lesson 1, before
    /// partial derivatives have a name), a number.
    SliceSlope {
        /// The point (x, y).
        point: (f64, f64),
    },
    /// The unit direction of steepest ascent at a point, two numbers.
    Steepest {
        /// The point (x, y).
        point: (f64, f64),
    },
    /// A direction along the level curve through a point: any non-zero vector perpendicular
    /// to ∇f there, two numbers.
    AlongLevel {
        /// The point (x, y).
        point: (f64, f64),
    },
    /// The largest rate of change of f at a point, |∇f|, a number.
    LargestRate {
        /// The point (x, y).
        point: (f64, f64),
    },
}

impl Ask {
    /// The point the question is about, if it is about one.
    pub fn point(&self) -> Option<(f64, f64)> {
        match self {
            Ask::Partial(_) | Ask::Gradient => None,
            Ask::Directional { point, .. }
            | Ask::SliceSlope { point }
            | Ask::Steepest { point }
            | Ask::AlongLevel { point }
            | Ask::LargestRate { point } => Some(*point),
        }
    }
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

/// The seed of a lesson's first exercise: each lesson starts from its own, so neighbouring
/// lessons ask different things, and a reload asks the same thing again.
pub fn first_seed(lesson: &str) -> u64 {
    // FNV-1a: a small hash whose every byte changes the whole seed (the old ×31 hash gave
    // lessons 1 and 2 the same first function).
    lesson.bytes().fold(0xCBF2_9CE4_8422_2325u64, |h, b| {
        (h ^ b as u64).wrapping_mul(0x0100_0000_01B3)
    })
}

/// The variables every generated function is written in.
const VARS: [&str; 2] = ["x", "y"];

/// A hint and the expression it shows, if any (so tests can check that no hint but the last
/// gives the whole answer away).
#[derive(Clone, Debug, PartialEq)]
struct Hint {
    text: String,
    shows: Option<Expr>,
}

impl Hint {
    fn idea(text: impl Into<String>) -> Hint {
        Hint {
            text: text.into(),
            shows: None,
        }
    }
}

/// A number as the page shows it: about four significant digits, a true minus sign.
fn num(v: f64) -> String {
    format_value(v)
}

/// `(a, b)` with true minus signs.
fn pair(p: (f64, f64)) -> String {
    format_pair('(', p.0, p.1, ')')
}

/// `[a, b]` with true minus signs.
fn vector(a: f64, b: f64) -> String {
    format_pair('[', a, b, ']')
}

/// What a rule does, in general terms that give no particular result away.
fn rule_idea(rule: Rule) -> &'static str {
    match rule {
        Rule::Sum => "differentiate each term on its own and add the results",
        Rule::ConstantMultiple => {
            "a constant factor stays in front while you differentiate the rest"
        }
        Rule::Product => "(uv)′ = u′v + uv′: differentiate one factor at a time",
        Rule::Quotient => "(u/v)′ = (u′v − uv′)/v²",
        Rule::Chain => {
            "differentiate the outside function at the inside, then multiply by the derivative \
             of the inside"
        }
        Rule::Power => "bring the exponent down in front and lower the power by one",
        Rule::HeldConstant => {
            "a term without the moving variable is a constant: its derivative is 0"
        }
        _ => "use the derivative rule for this function",
    }
}

impl Exercise {
    /// A new exercise of the given kind, drawn from `family`; the same seed gives the same one.
    /// Functions that lost a variable when simplified (f = −y²) are drawn again, and every
    /// point-based question is asked where f and ∇f are finite (and ∇f ≠ 0 for geometry).
    pub fn generate(family: Family, kind: AskKind, seed: u64) -> Exercise {
        let mut rng = SplitMix64(seed);
        let mut function = fallback_function();
        for _ in 0..12 {
            let text = match family {
                Family::Polynomial => polynomial(&mut rng),
                Family::Composite => composite(&mut rng),
            };
            // The templates always parse; keep x² + y² rather than panic if one did not.
            if let Ok(f) = parse(&text).map(|e| e.simplify()) {
                let uses_both = VARS.iter().all(|v| f.variables().iter().any(|w| w == v));
                function = f;
                if uses_both {
                    break;
                }
            }
        }
        let vars: Vec<String> = VARS.iter().map(|v| v.to_string()).collect();
        let ask = match kind {
            AskKind::Partial => Ask::Partial(vars[pick(&mut rng, vars.len())].clone()),
            AskKind::Gradient => Ask::Gradient,
            AskKind::Directional => {
                let (dir, dir_text) = DIRECTIONS[pick(&mut rng, DIRECTIONS.len())];
                let point = good_point(&function, &mut rng, 0.0);
                Ask::Directional {
                    point,
                    dir,
                    dir_text,
                }
            }
            AskKind::SliceSlope => {
                // A slice that still moves with x (y = 0 can flatten 4x²y + 5y³ to 0).
                let f = function.clone();
                let point = good_point_where(&function, &mut rng, 0.0, move |p| {
                    mentions(&f.substitute("y", &Expr::Num(p.1)).simplify(), "x")
                });
                Ask::SliceSlope { point }
            }
            AskKind::Geometry => {
                // |∇f| = 1 would make ∇f its own unit direction, giving the answer away.
                let f = function.clone();
                let point = good_point_where(&function, &mut rng, 0.5, move |p| {
                    (DirectionalSlope::at(&f, p).norm() - 1.0).abs() > 0.05
                });
                match pick(&mut rng, 3) {
                    0 => Ask::Steepest { point },
                    1 => Ask::AlongLevel { point },
                    _ => Ask::LargestRate { point },
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
        super::plain_text(&self.question_parts())
    }

    /// The function as a formula part, `f(x, y) = …`.
    fn function_part(&self) -> QuestionPart {
        let args = self.vars.join(", ");
        QuestionPart::formula(
            format!("f({args}) = {}", self.function.to_latex()),
            format!("f({args}) = {}", self.function.to_pretty()),
        )
    }

    /// The question as the page shows it: words, and formulas to typeset.
    pub fn question_parts(&self) -> Vec<QuestionPart> {
        let words = |w: &str| QuestionPart::Words(w.to_string());
        let partial = |v: &str| QuestionPart::Formula {
            tex: format!(r"\frac{{\partial f}}{{\partial {}}}", var_tex(v)),
            text: format!("∂f/∂{v}"),
        };
        let nabla = || QuestionPart::formula(r"\nabla f", "∇f");
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
                    nabla(),
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
                words(&format!(" at {} for ", pair(*point))),
                QuestionPart::Formula {
                    tex: format!(r"\mathbf{{v}} = {}", direction_tex(dir_text)),
                    text: format!("v = {dir_text}"),
                },
                words(", as a number."),
            ],
            Ask::SliceSlope { point } => vec![words(&format!(
                "Hold y at {}, so that only x moves: the slice of f through {} is a curve in x. \
                 What is its slope at x = {}? Type a number.",
                num(point.1),
                pair(*point),
                num(point.0)
            ))],
            Ask::Steepest { point } => vec![words(&format!(
                "At {}, in which direction does f increase fastest? Type it as a unit vector \
                 [a, b].",
                pair(*point)
            ))],
            Ask::AlongLevel { point } => vec![words(&format!(
                "Type a direction [a, b] along the level curve of f through {}: a way to walk \
                 from there on which f does not change, to first order.",
                pair(*point)
            ))],
            Ask::LargestRate { point } => vec![words(&format!(
                "What is the largest rate of change of f at {}, over all directions? Type a \
                 number.",
                pair(*point)
            ))],
        }
    }

    /// The right answer's parts: one expression for a partial, one per variable for a
    /// gradient, the numbers for a question at a point.
    pub fn expected(&self) -> Vec<Expr> {
        match &self.ask {
            Ask::Partial(v) => vec![self.function.partial(v)],
            Ask::Gradient => self
                .var_refs()
                .iter()
                .map(|v| self.function.partial(v))
                .collect(),
            _ => self.expected_numbers().into_iter().map(Expr::Num).collect(),
        }
    }

    fn var_refs(&self) -> Vec<&str> {
        self.vars.iter().map(String::as_str).collect()
    }

    /// ∇f at the question's point (NaN without one).
    fn slope(&self) -> DirectionalSlope {
        let p = self.ask.point().unwrap_or((f64::NAN, f64::NAN));
        DirectionalSlope::at(&self.function, p)
    }

    /// The numeric answer of a question at a point (one perpendicular direction for
    /// [`Ask::AlongLevel`], whose every non-zero multiple is also right).
    pub fn expected_numbers(&self) -> Vec<f64> {
        let s = self.slope();
        let n = s.norm();
        match &self.ask {
            Ask::Partial(_) | Ask::Gradient => Vec::new(),
            Ask::Directional { dir, .. } => vec![s.fx * dir.0 + s.fy * dir.1],
            Ask::SliceSlope { .. } => vec![s.fx],
            Ask::Steepest { .. } => vec![s.fx / n, s.fy / n],
            Ask::AlongLevel { .. } => vec![-s.fy / n, s.fx / n],
            Ask::LargestRate { .. } => vec![n],
        }
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
            Ask::AlongLevel { .. } => self.check_along_level(answer),
            Ask::Steepest { .. } => self
                .number_questions()
                .1
                .map(|mut q| {
                    // With hints, a miss no mistake explains says a hint gives the next idea.
                    q.hints = self.hints();
                    q
                })
                .map_or_else(
                    || Verdict::Unreadable("This question has no answer here.".into()),
                    |q| q.check(answer),
                ),
            _ => self
                .number_questions()
                .0
                .map(|mut q| {
                    q.hints = self.hints();
                    q
                })
                .map_or_else(
                    || Verdict::Unreadable("This question has no answer here.".into()),
                    |q| q.check(answer),
                ),
        }
    }

    fn check_gradient(&self, answer: &str) -> Verdict {
        let parts = split_vector(answer);
        if parts.len() != self.vars.len() {
            return Verdict::Unreadable(format!(
                "The gradient of this f has {} components, one per variable ({}), written as \
                 [a, b]; your answer has {}.",
                self.vars.len(),
                self.vars.join(" and "),
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

    /// The number or vector question behind a question at a point, with its expected
    /// mistakes: `.0` for one number, `.1` for a vector.
    fn number_questions(&self) -> (Option<NumberQuestion>, Option<VectorQuestion>) {
        let s = self.slope();
        let (fx, fy, n) = (s.fx, s.fy, s.norm());
        let want = self.expected_numbers();
        if want.iter().any(|v| !v.is_finite()) {
            return (None, None);
        }
        let prompt = self.question_parts();
        match &self.ask {
            Ask::Directional { dir, dir_text, .. } => {
                let mut q = NumberQuestion::new(prompt, want[0])
                    .mistake(
                        n,
                        "That is |∇f|, the slope along the gradient itself. Take the dot \
                         product ∇f · v with this v instead.",
                    )
                    .mistake(
                        -want[0],
                        "The sign is flipped: D_v f = ∇f · v, with v pointing the way given.",
                    );
                if let Some(k) = whole_multiple(*dir) {
                    let length = if (k - k.round()).abs() < 1e-9 {
                        num(k)
                    } else {
                        format!("√{}", num((k * k).round()))
                    };
                    q = q.mistake(
                        want[0] * k,
                        format!(
                            "That is ∇f · {}: you used v without dividing by its length, {length}. \
                             D_v f needs a unit vector (length 1), here v = {dir_text}.",
                            vector(dir.0 * k, dir.1 * k)
                        ),
                    );
                }
                let on_axis = dir.0 == 0.0 || dir.1 == 0.0;
                if on_axis {
                    let (moving, other, other_value) = if dir.1 == 0.0 {
                        ("x", "y", fy)
                    } else {
                        ("y", "x", fx)
                    };
                    q = q.mistake(
                        other_value,
                        format!(
                            "That is ∂f/∂{other}. Along v = {dir_text} only {moving} changes, so \
                             here D_v f is the partial derivative with respect to {moving}."
                        ),
                    );
                } else {
                    let both = "That is just one partial derivative. Along this v both x and y \
                                change: ∇f · v = (∂f/∂x)v₁ + (∂f/∂y)v₂.";
                    q = q.mistake(fx, both).mistake(fy, both);
                }
                (Some(q), None)
            }
            Ask::SliceSlope { point } => {
                let value = self
                    .function
                    .eval(&[("x", point.0), ("y", point.1)])
                    .unwrap_or(f64::NAN);
                let q = NumberQuestion::new(prompt, want[0])
                    .mistake(
                        fy,
                        format!(
                            "That is the slope along y, with x held instead. Here y stays at {} \
                             and x moves.",
                            num(point.1)
                        ),
                    )
                    .mistake(
                        value,
                        format!(
                            "That is the height f{}, not the slope of the slice there.",
                            pair(*point)
                        ),
                    )
                    .mistake(-want[0], "The sign is flipped.");
                (Some(q), None)
            }
            Ask::LargestRate { .. } => {
                let q = NumberQuestion::new(prompt, want[0])
                    .mistake(
                        n * n,
                        "That is |∇f|², the sum of the squares of the partials: take its \
                         square root.",
                    )
                    .mistake(
                        fx.abs() + fy.abs(),
                        "Adding the sizes of the two partials overshoots: the length of [a, b] \
                         is √(a² + b²).",
                    )
                    .mistake(
                        fx,
                        "That is the rate along x only. The largest rate is along ∇f itself.",
                    )
                    .mistake(
                        fy,
                        "That is the rate along y only. The largest rate is along ∇f itself.",
                    );
                (Some(q), None)
            }
            Ask::Steepest { .. } => {
                let q = VectorQuestion::new(prompt, want.clone(), vec!["a".into(), "b".into()])
                    .mistake(
                        vec![fx, fy],
                        format!(
                            "That points the right way, but its length is {}, not 1: a \
                             direction is a unit vector. Divide by the length.",
                            num(n)
                        ),
                    )
                    .mistake(
                        vec![-want[0], -want[1]],
                        "That is the direction of steepest descent, −∇f/|∇f|. Ascent is along \
                         +∇f.",
                    )
                    .mistake(
                        vec![want[1], want[0]],
                        "The components are swapped: the first is the x part, ∂f/∂x over the \
                         length.",
                    );
                (None, Some(q))
            }
            _ => (None, None),
        }
    }

    fn check_along_level(&self, answer: &str) -> Verdict {
        let s = self.slope();
        let n = s.norm();
        if !(n.is_finite() && n > 0.0) {
            return Verdict::Unreadable("This question has no answer here.".into());
        }
        let got = match super::read_numbers(answer) {
            Ok(v) => v,
            Err(e) => return Verdict::Unreadable(e),
        };
        if got.len() != 2 {
            return Verdict::Unreadable(format!(
                "A direction in the plane has two numbers, [a, b]; that has {}.",
                got.len()
            ));
        }
        let len = got[0].hypot(got[1]);
        if len < 1e-12 {
            return Verdict::Wrong("The zero vector has no direction: pick a non-zero one.".into());
        }
        // The cosine of the angle to ∇f: 0 when perpendicular. Rounded unit vectors (0.71)
        // are a few thousandths off.
        let cos = (got[0] * s.fx + got[1] * s.fy) / (len * n);
        if cos.abs() < 0.02 {
            return Verdict::Correct;
        }
        if cos.abs() > 0.98 {
            return Verdict::Wrong(
                "That is along ∇f (or against it): across the level curves, where f changes \
                 fastest. Along a level curve f does not change."
                    .into(),
            );
        }
        Verdict::Wrong(format!(
            "Walking that way still changes f: the angle between your vector and ∇f is {}°, \
             and along the level curve it is 90°.",
            num(cos.clamp(-1.0, 1.0).acos().to_degrees().round())
        ))
    }

    /// Hints for the current question, one idea each; only the last gives the whole answer.
    pub fn hints(&self) -> Vec<String> {
        self.hint_list().into_iter().map(|h| h.text).collect()
    }

    fn hint_list(&self) -> Vec<Hint> {
        let formulas = || {
            let fx = self.function.partial("x");
            let fy = self.function.partial("y");
            Hint {
                text: format!(
                    "∇f = [∂f/∂x, ∂f/∂y] = [{}, {}].",
                    fx.to_pretty(),
                    fy.to_pretty()
                ),
                shows: None,
            }
        };
        let s = self.slope();
        let at_point =
            |p: (f64, f64)| Hint::idea(format!("At {}: ∇f = {}.", pair(p), vector(s.fx, s.fy)));
        let want = self.expected_numbers();
        match &self.ask {
            Ask::Partial(v) => partial_hints(&self.function, &self.vars, v, true),
            Ask::Gradient => {
                let mut out = vec![Hint::idea(format!(
                    "∇f lists the partial derivatives in order, [{}]: differentiate once for \
                     each variable, holding the others constant.",
                    self.vars
                        .iter()
                        .map(|v| format!("∂f/∂{v}"))
                        .collect::<Vec<_>>()
                        .join(", ")
                ))];
                let last = self.vars.len().saturating_sub(1);
                for (i, v) in self.vars.iter().enumerate() {
                    let mut h = partial_hints(&self.function, &self.vars, v, i < last);
                    // One idea per partial: its rule, then (except for the last) its result.
                    h.truncate(1);
                    out.extend(h);
                    if i < last {
                        let d = self.function.partial(v);
                        out.push(Hint {
                            text: format!("∂f/∂{v} = {}.", d.to_pretty()),
                            shows: Some(d),
                        });
                    }
                }
                let parts: Vec<String> = self.expected().iter().map(|e| e.to_pretty()).collect();
                out.push(Hint::idea(format!("So ∇f = [{}].", parts.join(", "))));
                out
            }
            Ask::Directional {
                point,
                dir,
                dir_text,
            } => vec![
                Hint::idea(
                    "For a unit vector v, the directional derivative is D_v f = ∇f · v = \
                     (∂f/∂x)v₁ + (∂f/∂y)v₂.",
                ),
                formulas(),
                at_point(*point),
                Hint::idea(format!(
                    "With v = {dir_text}: ({})({}) + ({})({}) = {}.",
                    num(s.fx),
                    num(dir.0),
                    num(s.fy),
                    num(dir.1),
                    num(want[0])
                )),
            ],
            Ask::SliceSlope { point } => {
                let slice = self
                    .function
                    .substitute("y", &Expr::Num(point.1))
                    .simplify();
                let slope = slice.partial("x");
                // A constant slope would be the answer itself: then the last hint gives it.
                let slope_hint = (!slope.variables().is_empty()).then(|| Hint {
                    text: format!("Its slope is g′(x) = {}.", slope.to_pretty()),
                    shows: Some(slope.clone()),
                });
                let mut hints = vec![
                    Hint::idea(format!(
                        "Put y = {} into f. What is left is a function of x alone: the slice.",
                        num(point.1)
                    )),
                    Hint {
                        text: format!(
                            "The slice is g(x) = f(x, {}) = {}.",
                            num(point.1),
                            slice.to_pretty()
                        ),
                        shows: Some(slice),
                    },
                ];
                hints.extend(slope_hint);
                hints.push(Hint::idea(format!(
                    "At x = {}: g′({}) = {}.",
                    num(point.0),
                    num(point.0),
                    num(want[0])
                )));
                hints
            }
            Ask::Steepest { point } => vec![
                Hint::idea("Where ∇f ≠ 0, f increases fastest along ∇f itself."),
                formulas(),
                at_point(*point),
                Hint::idea(format!(
                    "A direction is a unit vector: divide ∇f by its length, |∇f| = {}.",
                    num(s.norm())
                )),
                Hint::idea(format!("∇f/|∇f| = {}.", vector(want[0], want[1]))),
            ],
            Ask::AlongLevel { point } => vec![
                Hint::idea(
                    "Where ∇f ≠ 0 the level curve through a point is perpendicular to ∇f \
                     there: walking along it, f does not change.",
                ),
                formulas(),
                at_point(*point),
                Hint::idea(
                    "A vector perpendicular to [p, q] has dot product 0 with it: swap the two \
                     components and flip the sign of one.",
                ),
                Hint::idea(format!(
                    "For example {}, or any non-zero multiple of it.",
                    vector(-s.fy, s.fx)
                )),
            ],
            Ask::LargestRate { point } => vec![
                Hint::idea(
                    "Where ∇f ≠ 0, the largest rate of change at a point is the length of ∇f \
                     there, reached along ∇f.",
                ),
                formulas(),
                at_point(*point),
                Hint::idea(format!(
                    "|∇f| = √(({})² + ({})²) = {}.",
                    num(s.fx),
                    num(s.fy),
                    num(want[0])
                )),
            ],
        }
    }

    /// Why the right answer is right, shown once the learner has it.
    pub fn explanation(&self) -> String {
        let s = self.slope();
        let want = self.expected_numbers();
        match &self.ask {
            Ask::Partial(v) => {
                let others: Vec<&str> = self.var_refs().into_iter().filter(|w| w != v).collect();
                format!(
                    "∂f/∂{v} = {}, with {} held constant.",
                    self.function.partial(v).to_pretty(),
                    others.join(" and ")
                )
            }
            Ask::Gradient => format!(
                "∇f = [{}].",
                self.expected()
                    .iter()
                    .map(|e| e.to_pretty())
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
            Ask::Directional {
                point, dir_text, ..
            } => format!(
                "∇f{} = {} and v = {dir_text}, so D_v f = ∇f · v = {}.",
                pair(*point),
                vector(s.fx, s.fy),
                num(want[0])
            ),
            Ask::SliceSlope { point } => format!(
                "With y held at {}, the slice's slope at x = {} is {}. The next lesson gives this \
                 slope its name.",
                num(point.1),
                num(point.0),
                num(want[0])
            ),
            Ask::Steepest { point } => format!(
                "∇f{} = {} has length {}, so the steepest way up is {}.",
                pair(*point),
                vector(s.fx, s.fy),
                num(s.norm()),
                vector(want[0], want[1])
            ),
            Ask::AlongLevel { point } => format!(
                "Any direction perpendicular to ∇f{} = {} is along the level curve there, for \
                 example {} and its multiples (and the opposite way).",
                pair(*point),
                vector(s.fx, s.fy),
                vector(-s.fy, s.fx)
            ),
            Ask::LargestRate { point } => format!(
                "|∇f{}| = {}: no direction gives a larger rate of change.",
                pair(*point),
                num(want[0])
            ),
        }
    }

    /// The input the answer needs.
    pub fn answer_form(&self) -> AnswerForm {
        match &self.ask {
            Ask::Partial(_) => AnswerForm::Formula,
            Ask::Gradient => AnswerForm::Formulas(self.vars.len()),
            Ask::Steepest { .. } | Ask::AlongLevel { .. } => AnswerForm::Numbers(2),
            _ => AnswerForm::Number,
        }
    }
}

impl Question for Exercise {
    fn prompt(&self) -> Vec<QuestionPart> {
        let mut parts = vec![
            QuestionPart::words("For "),
            self.function_part(),
            QuestionPart::words(": "),
        ];
        parts.extend(self.question_parts());
        parts
    }

    fn answer_form(&self) -> AnswerForm {
        Exercise::answer_form(self)
    }

    fn check(&self, answer: &str) -> Verdict {
        Exercise::check(self, answer)
    }

    fn hints(&self) -> Vec<String> {
        Exercise::hints(self)
    }

    fn explanation(&self) -> String {
        Exercise::explanation(self)
    }
}

/// A point on the integer grid [−2, 2]² where f and ∇f are finite and |∇f| ≥ `min_norm`.
fn good_point(f: &Expr, rng: &mut SplitMix64, min_norm: f64) -> (f64, f64) {
    good_point_where(f, rng, min_norm, |_| true)
}

/// As [`good_point`], also satisfying `accept` when some point does.
fn good_point_where(
    f: &Expr,
    rng: &mut SplitMix64,
    min_norm: f64,
    accept: impl Fn((f64, f64)) -> bool,
) -> (f64, f64) {
    let mut fallback = None;
    for _ in 0..40 {
        let p = (pick(rng, 5) as f64 - 2.0, pick(rng, 5) as f64 - 2.0);
        let at = gradient_at(f, &VARS, &[p.0, p.1]);
        let finite = at.value.is_finite() && at.gradient.iter().all(|d| d.is_finite());
        if !finite {
            continue;
        }
        let norm = at.gradient[0].hypot(at.gradient[1]);
        // Numbers a learner can work with: no 10⁻⁶ slopes from e^(−12).
        let workable = norm == 0.0 || (1e-2..=1e4).contains(&norm);
        if norm >= min_norm && workable && at.value.abs() <= 1e4 && accept(p) {
            return p;
        }
        fallback.get_or_insert(p);
    }
    fallback.unwrap_or((1.0, 1.0))
}

/// Hints for ∂f/∂`var`: the idea of holding the others constant with the first rule, then the
/// derivation's first steps in reading order, each with its result only when that result is
/// not the whole answer, and (if `with_result`) the whole answer last.
fn partial_hints(function: &Expr, vars: &[String], var: &str, with_result: bool) -> Vec<Hint> {
    let var_refs: Vec<&str> = vars.iter().map(String::as_str).collect();
    let full = function.partial(var);
    let full_text = full.to_pretty();
    let reveals = |e: &Expr| agrees(e, &full, &var_refs);
    // A rule's note may quote a result (the chain rule's "sin(…) turns into cos(…)"); when
    // that quote is the whole answer, say what the rule does instead.
    let note_for = |step: &crate::math::Step| {
        if step.note.contains(&full_text) {
            rule_idea(step.rule).to_string()
        } else {
            step.note.clone()
        }
    };
    let others: Vec<&str> = var_refs.iter().copied().filter(|v| *v != var).collect();
    let derivation = function.derivation(var);
    let mut out = Vec::new();
    let held = if others.is_empty() {
        String::new()
    } else {
        format!(
            "Hold {} constant: only {var} moves, so {} acts like a number. ",
            others.join(" and "),
            if others.len() == 1 { "it" } else { "each" }
        )
    };
    match derivation.steps.first() {
        Some(first) => out.push(Hint::idea(format!(
            "{held}{}: {}",
            first.rule.name(),
            note_for(first)
        ))),
        None => out.push(Hint::idea(held.trim_end().to_string())),
    }
    for step in derivation
        .steps
        .iter()
        .skip(1)
        .filter(|s| !matches!(s.before, Expr::Var(_) | Expr::Num(_) | Expr::Const(_)))
        .take(4)
    {
        let shown = !reveals(&step.after);
        let text = if shown {
            format!(
                "{}: {} ({} → {})",
                step.rule.name(),
                note_for(step),
                step.before.to_pretty(),
                step.after.to_pretty()
            )
        } else {
            format!("{}: {}", step.rule.name(), note_for(step))
        };
        out.push(Hint {
            text,
            shows: shown.then(|| step.after.clone()),
        });
    }
    if with_result {
        out.push(Hint {
            text: format!("Together: ∂f/∂{var} = {full_text}."),
            shows: Some(full),
        });
    }
    out
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
    /// The slope of a slice through a point (for lesson 1, before partials are named).
    SliceSlope,
    /// The gradient's geometry at a point: the steepest direction, a direction along the
    /// level curve, or the largest rate of change.
    Geometry,
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

/// A number in feedback: rounded to three decimals, with a true minus sign.
fn fmt_num(v: f64) -> String {
    let r = (v * 1000.0).round() / 1000.0;
    let s = if r == r.trunc() {
        format!("{r:.0}")
    } else {
        format!("{r}")
    };
    if s == "-0" {
        "0".into()
    } else {
        s.replace('-', "−")
    }
}

fn agrees(a: &Expr, b: &Expr, vars: &[&str]) -> bool {
    agree_at_random_points(a, b, vars, CHECK_POINTS, CHECK_SEED).equivalent()
}

/// The terms of a sum, or the expression itself.
fn terms(e: &Expr) -> Vec<Expr> {
    match e {
        Expr::Add(ts) => ts.clone(),
        _ => vec![e.clone()],
    }
}

/// Whether `e` mentions the variable `var`.
fn mentions(e: &Expr, var: &str) -> bool {
    e.variables().iter().any(|v| v == var)
}

/// `e` with every occurrence of `target` replaced by `with`.
fn replace(e: &Expr, target: &Expr, with: &Expr) -> Expr {
    if e == target {
        return with.clone();
    }
    let r = |x: &Expr| Box::new(replace(x, target, with));
    let all = |xs: &[Expr]| xs.iter().map(|x| replace(x, target, with)).collect();
    match e {
        Expr::Num(_) | Expr::Const(_) | Expr::Var(_) => e.clone(),
        Expr::Neg(a) => Expr::Neg(r(a)),
        Expr::Add(xs) => Expr::Add(all(xs)),
        Expr::Mul(xs) => Expr::Mul(all(xs)),
        Expr::Div(a, b) => Expr::Div(r(a), r(b)),
        Expr::Pow(a, b) => Expr::Pow(r(a), r(b)),
        Expr::Call(f, xs) => Expr::Call(*f, all(xs)),
    }
}

/// The insides of `e` that the chain rule applies to for `var`: arguments of functions and
/// bases of powers that depend on `var` and are not `var` itself.
fn insides(e: &Expr, var: &str, out: &mut Vec<Expr>) {
    let inside = |u: &Expr, out: &mut Vec<Expr>| {
        if mentions(u, var) && !matches!(u, Expr::Var(v) if v == var) && !out.contains(u) {
            out.push(u.clone());
        }
    };
    match e {
        Expr::Num(_) | Expr::Const(_) | Expr::Var(_) => {}
        Expr::Neg(a) => insides(a, var, out),
        Expr::Add(xs) | Expr::Mul(xs) => xs.iter().for_each(|x| insides(x, var, out)),
        Expr::Div(a, b) => {
            insides(a, var, out);
            insides(b, var, out);
        }
        Expr::Pow(a, b) => {
            if !mentions(b, var) {
                inside(a, out);
            }
            insides(a, var, out);
            insides(b, var, out);
        }
        Expr::Call(_, xs) => {
            for x in xs {
                inside(x, out);
                insides(x, var, out);
            }
        }
    }
}

/// Slips a learner makes on one term, as (what the whole answer becomes, what to say):
/// the inside's derivative left out (chain rule), and a held factor dropped.
fn slips(function: &Expr, var: &str) -> Vec<(Expr, String)> {
    let right = function.partial(var);
    let mut out = Vec::new();
    let ts = terms(function);
    let instead = |t: &Expr, slip: Expr| {
        Expr::Add(vec![
            right.clone(),
            Expr::Neg(Box::new(t.partial(var))),
            slip,
        ])
    };
    for t in &ts {
        let mut us = Vec::new();
        insides(t, var, &mut us);
        for u in us {
            let xi = Expr::var("ξ_inside");
            let outer = replace(t, &u, &xi);
            // The derivative with ∂u/∂var taken as 1.
            let slip = Expr::Add(vec![outer.partial("ξ_inside"), outer.partial(var)])
                .substitute("ξ_inside", &u);
            out.push((
                instead(t, slip),
                format!(
                    "You differentiated the outside but not the inside, {}: by the chain rule, \
                     multiply by the derivative of the inside with respect to {var}.",
                    u.to_pretty()
                ),
            ));
        }
    }
    // A factor made only of held variables, dropped.
    let mut all_dropped = right.clone();
    let mut any = false;
    for t in &ts {
        let (sign, body) = match t {
            Expr::Neg(b) => (true, b.as_ref().clone()),
            other => (false, other.clone()),
        };
        let Expr::Mul(factors) = &body else { continue };
        let (held, kept): (Vec<Expr>, Vec<Expr>) = factors
            .iter()
            .cloned()
            .partition(|f| !mentions(f, var) && !f.variables().is_empty());
        if held.is_empty() || !kept.iter().any(|f| mentions(f, var)) {
            continue;
        }
        let rest = Expr::Mul(kept);
        let rest = if sign {
            Expr::Neg(Box::new(rest))
        } else {
            rest
        };
        let slip = rest.partial(var);
        all_dropped = Expr::Add(vec![
            all_dropped,
            Expr::Neg(Box::new(t.partial(var))),
            slip.clone(),
        ]);
        any = true;
        let held_text = Expr::Mul(held).simplify().to_pretty();
        out.push((
            instead(t, slip),
            format!(
                "The factor {held_text} is missing: it holds only variables that are held \
                 constant, so it is a constant factor, and a constant factor stays in front \
                 while you differentiate the rest."
            ),
        ));
    }
    // A number in front of a term, dropped (5x²y answered 2xy), alone or with the held
    // factor beside it (answered 2x).
    for t in &ts {
        let (sign, body) = match t {
            Expr::Neg(b) => (true, b.as_ref().clone()),
            other => (false, other.clone()),
        };
        let Expr::Mul(factors) = &body else { continue };
        let (numbers, rest): (Vec<Expr>, Vec<Expr>) = factors
            .iter()
            .cloned()
            .partition(|f| f.variables().is_empty());
        let Some(c) = Expr::Mul(numbers.clone()).eval(&[]).ok() else {
            continue;
        };
        if numbers.is_empty() || !c.is_finite() || (c.abs() - 1.0).abs() < 1e-12 {
            continue;
        }
        let (held, kept): (Vec<Expr>, Vec<Expr>) =
            rest.iter().cloned().partition(|f| !mentions(f, var));
        if !kept.iter().any(|f| mentions(f, var)) {
            continue;
        }
        // 2x² answered 2x may as well be the exponent left out: the size check says that.
        if exponent_of(&kept, var).is_some_and(|n| (n - c.abs()).abs() < 1e-12) {
            continue;
        }
        let signed = |e: Expr| if sign { Expr::Neg(Box::new(e)) } else { e };
        let number = Expr::Mul(numbers).simplify().to_pretty();
        let term = t.to_pretty();
        out.push((
            instead(t, signed(Expr::Mul(rest.clone())).partial(var)),
            format!(
                "A constant factor is missing: the number {number} in {term}. A constant \
                 factor stays in front while you differentiate the rest."
            ),
        ));
        if !held.is_empty() {
            let held_text = Expr::Mul(held).simplify().to_pretty();
            out.push((
                instead(t, signed(Expr::Mul(kept)).partial(var)),
                format!(
                    "Two constant factors are missing from {term}: the number {number} and \
                     {held_text}, which is held constant. Both stay in front while you \
                     differentiate the rest."
                ),
            ));
        }
    }
    if any && ts.len() > 1 {
        out.push((
            all_dropped,
            "Factors made of the held variables are missing: a held variable is a constant, so \
             such a factor stays in front while you differentiate the rest."
                .to_string(),
        ));
    }
    out
}

/// The smallest k > 1 (a whole number or the square root of one, up to √100) that makes
/// the unit vector `dir` a vector of whole numbers: √2 for [1/√2, 1/√2], 5 for [3/5, 4/5].
/// `None` for a vector along an axis, whose length is already 1 as written.
fn whole_multiple(dir: (f64, f64)) -> Option<f64> {
    let whole = |v: f64| (v - v.round()).abs() < 1e-9;
    (2..=100)
        .map(|n| (n as f64).sqrt())
        .find(|k| whole(dir.0 * k) && whole(dir.1 * k))
        .filter(|_| !(whole(dir.0) && whole(dir.1)))
}

/// The power of `var` in a product of `factors` when it is one plain power (`x`, `x³`).
fn exponent_of(factors: &[Expr], var: &str) -> Option<f64> {
    let mut found = None;
    for f in factors.iter().filter(|f| mentions(f, var)) {
        let n = match f {
            Expr::Var(v) if v == var => 1.0,
            Expr::Pow(a, b) => match (a.as_ref(), b.as_ref()) {
                (Expr::Var(v), Expr::Num(n)) if v == var => *n,
                _ => return None,
            },
            _ => return None,
        };
        if found.replace(n).is_some() {
            return None;
        }
    }
    found
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
    // A known slip: the chain rule's inner derivative left out, a held factor dropped.
    for (instead, why) in slips(function, var) {
        if !agrees(&instead, &right, &var_refs) && agrees(answer, &instead, &var_refs) {
            return Verdict::Wrong(why);
        }
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

    /// Why `a` is wrong: fails the test when `ex` takes it as right or cannot read it.
    fn wrong_of(ex: &Exercise, a: &str) -> String {
        match ex.check(a) {
            Verdict::Wrong(w) => w,
            other => panic!("{a}: {other:?}"),
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
        let why = wrong_of(&ex, "2x");
        assert!(why.contains("Right when y = 0"), "{why}");
        assert!(why.contains("term with y"), "{why}");
    }

    #[test]
    fn the_other_partial_and_f_itself_are_recognised() {
        let ex = partial_exercise("x^2 + 3*x*y + y^2", "x");
        let why = wrong_of(&ex, "3x + 2y");
        assert!(why.contains("That is ∂f/∂y"), "{why}");
        let why = wrong_of(&ex, "x^2 + 3xy + y^2");
        assert!(why.contains("f itself"), "{why}");
    }

    #[test]
    fn factor_sign_and_constant_mistakes_are_explained() {
        let ex = partial_exercise("x^3*y^2", "x");
        let why = wrong_of(&ex, "x^2*y^2");
        assert!(why.contains("Right shape"), "{why}");
        let why = wrong_of(&ex, "-3x^2y^2");
        assert!(why.contains("sign"), "{why}");
        let why = wrong_of(&ex, "3x^2y^2 + 5");
        assert!(why.contains("constant"), "{why}");
    }

    #[test]
    fn unreadable_and_foreign_answers_say_why() {
        let ex = partial_exercise("x^2 + y^2", "x");
        assert!(matches!(ex.check("2x +"), Verdict::Unreadable(_)));
        let why = wrong_of(&ex, "2z");
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
        let why = wrong_of(&ex, "[2x, 2x]");
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
        let why = wrong_of(&ex, "7.21");
        assert!(why.contains("|∇f|"), "{why}");
        assert!(matches!(ex.check("2x"), Verdict::Unreadable(_)));
        // A number written as a word is not read as s·i·x.
        assert_eq!(
            ex.check("six"),
            Verdict::Unreadable("Type the number in digits: 6 rather than six.".into())
        );
    }

    #[test]
    fn a_direction_used_without_normalising_is_named() {
        let ask = |i: usize| Ask::Directional {
            point: (2.0, 3.0),
            dir: DIRECTIONS[i].0,
            dir_text: DIRECTIONS[i].1,
        };
        // ∇f(2, 3) = [4, 6]. With [1, 1] instead of [1, 1]/√2: 10, not 10/√2.
        let ex = at_point("x^2 + y^2", ask(4));
        let why = wrong_of(&ex, "10");
        assert!(
            why.contains("∇f · [1, 1]") && why.contains("unit vector") && why.contains("√2"),
            "{why}"
        );
        assert!(!why.contains("7.07"), "no answer given away: {why}");
        assert_eq!(ex.check("10/sqrt 2"), Verdict::Correct);
        // With [3, 4] instead of [3/5, 4/5]: 4·3 + 6·4 = 36, five times too big.
        let ex = at_point("x^2 + y^2", ask(2));
        let why = wrong_of(&ex, "36");
        assert!(why.contains("[3, 4]") && why.contains("length, 5"), "{why}");
        assert_eq!(ex.check("7.2"), Verdict::Correct);
        // Along an axis v is already whole and of length 1: nothing to say about it.
        assert_eq!(whole_multiple((1.0, 0.0)), None);
        assert_eq!(whole_multiple((0.8, -0.6)), Some(5.0));
        // Where D_v f = 0 the unnormalised slope is 0 too: 0 is right, never a mistake.
        let ex = at_point("x^2 + y^2", ask(3));
        let perpendicular = at_point("3*x + 4*y", ask(3));
        assert_eq!(perpendicular.check("0"), Verdict::Correct);
        assert!(matches!(ex.check("0"), Verdict::Wrong(_)));
    }

    const ALL_KINDS: [AskKind; 5] = [
        AskKind::Partial,
        AskKind::Gradient,
        AskKind::Directional,
        AskKind::SliceSlope,
        AskKind::Geometry,
    ];

    /// The answer a learner who got it right would type.
    fn right_answer(ex: &Exercise) -> String {
        let list = |xs: Vec<String>| format!("[{}]", xs.join(", "));
        match &ex.ask {
            Ask::Partial(_) => ex.expected()[0].to_string(),
            Ask::Gradient => list(ex.expected().iter().map(|e| e.to_string()).collect()),
            Ask::Steepest { .. } | Ask::AlongLevel { .. } => list(
                ex.expected_numbers()
                    .iter()
                    .map(|v| format!("{v}"))
                    .collect(),
            ),
            _ => format!("{}", ex.expected_numbers()[0]),
        }
    }

    /// Over thousands of generated exercises of every kind: the right answer is accepted,
    /// there are at least two hints, and no hint but the last gives the whole answer.
    #[test]
    fn generated_exercises_accept_their_answer_and_hint_one_idea_at_a_time() {
        let mut checked = 0;
        for seed in 0..600u64 {
            for family in [Family::Polynomial, Family::Composite] {
                for kind in ALL_KINDS {
                    let ex = Exercise::generate(family, kind, seed.wrapping_mul(0x9E37_79B9));
                    let answer = right_answer(&ex);
                    assert_eq!(
                        ex.check(&answer),
                        Verdict::Correct,
                        "{} {:?}: {answer}",
                        ex.function,
                        ex.ask
                    );
                    let hints = ex.hint_list();
                    assert!(hints.len() >= 2, "{} {:?}", ex.function, ex.ask);
                    let (last, before) = hints.split_last().expect("hints");
                    let whole: Vec<String> = match &ex.ask {
                        Ask::Partial(_) => vec![ex.expected()[0].to_pretty()],
                        Ask::Gradient => vec![format!(
                            "[{}]",
                            ex.expected()
                                .iter()
                                .map(|e| e.to_pretty())
                                .collect::<Vec<_>>()
                                .join(", ")
                        )],
                        Ask::Steepest { .. } | Ask::AlongLevel { .. } => {
                            let w = ex.expected_numbers();
                            vec![vector(w[0], w[1]), vector(-w[0], -w[1])]
                        }
                        _ => vec![format!("= {}.", num(ex.expected_numbers()[0]))],
                    };
                    for h in before {
                        for w in &whole {
                            assert!(
                                w.chars().count() < 3 || !h.text.contains(w.as_str()),
                                "{} {:?}: hint {:?} gives {w} away",
                                ex.function,
                                ex.ask,
                                h.text
                            );
                        }
                        if let (Ask::Partial(v), Some(shown)) = (&ex.ask, &h.shows) {
                            assert!(
                                !agrees(shown, &ex.function.partial(v), &["x", "y"]),
                                "{} ∂/∂{v}: hint {:?} is the whole answer",
                                ex.function,
                                h.text
                            );
                        }
                    }
                    assert!(!last.text.is_empty());
                    assert!(!ex.explanation().is_empty());
                    checked += 1;
                }
            }
        }
        assert_eq!(checked, 6000);
    }

    #[test]
    fn a_function_that_lost_a_variable_keeps_both_components() {
        // −y² has no x; its gradient is still [0, −2y] and that must be accepted.
        let ex = Exercise {
            function: parse("-y^2").unwrap(),
            vars: vec!["x".into(), "y".into()],
            ask: Ask::Gradient,
        };
        assert_eq!(ex.check("[0, -2y]"), Verdict::Correct);
        // Generated functions use both variables.
        for seed in 0..2000 {
            let ex = Exercise::generate(Family::Polynomial, AskKind::Gradient, seed);
            assert_eq!(ex.vars, ["x", "y"]);
            assert_eq!(ex.function.variables().len(), 2, "{}", ex.function);
        }
    }

    #[test]
    fn a_missing_inner_derivative_is_a_chain_rule_slip() {
        let ex = partial_exercise("sin(3*y^2 + 2*x)", "x");
        let why = wrong_of(&ex, "cos(3y^2 + 2x)");
        assert!(
            why.contains("chain rule") && why.contains("inside"),
            "{why}"
        );
        assert!(!why.contains("power rule"), "{why}");
        let ex = partial_exercise("x*exp(-2*y) + 3*y*sin(x)", "y");
        let why = wrong_of(&ex, "x*exp(-2y) + 3 sin(x)");
        assert!(why.contains("chain rule"), "{why}");
        let ex = partial_exercise("(x^2 + 2*y)^3", "x");
        let why = wrong_of(&ex, "3(x^2 + 2y)^2");
        assert!(why.contains("chain rule"), "{why}");
    }

    #[test]
    fn a_dropped_held_factor_is_named() {
        let ex = partial_exercise("x^3*y^2", "x");
        let why = wrong_of(&ex, "3x^2");
        assert!(why.contains("factor y²") && why.contains("held"), "{why}");
        let ex = partial_exercise("2*x^2*y + 5*x*y^3", "x");
        let why = wrong_of(&ex, "4x + 5");
        assert!(why.contains("held"), "{why}");
    }

    #[test]
    fn a_dropped_constant_factor_is_named() {
        // ∂/∂x of 5x²y is 10xy.
        let ex = partial_exercise("5*x^2*y", "x");
        let why = wrong_of(&ex, "2xy");
        assert!(
            why.contains("constant factor is missing") && why.contains('5'),
            "{why}"
        );
        assert!(!why.contains("10"), "no answer given away: {why}");
        // The number and the held y both left out.
        let why = wrong_of(&ex, "2x");
        assert!(why.contains("number 5") && why.contains("held"), "{why}");
        // In one term of several, and with a minus sign.
        let ex = partial_exercise("x^2 - 7*x*y^3", "x");
        let why = wrong_of(&ex, "2x - y^3");
        assert!(why.contains("number 7"), "{why}");
        // Right answers in any form are still right.
        for right in ["10xy", "10*y*x", "5*2*x*y", "(20xy)/2"] {
            assert_eq!(
                partial_exercise("5*x^2*y", "x").check(right),
                Verdict::Correct,
                "{right}"
            );
        }
        // 2x² answered 2x could be the exponent left out as well: not called a dropped
        // constant.
        let why = wrong_of(&partial_exercise("2*x^2", "x"), "2x");
        assert!(why.contains("Right shape"), "{why}");
    }

    #[test]
    fn a_dropped_held_factor_is_named_with_a_number_in_front() {
        let ex = partial_exercise("x^3*y^2", "x");
        let why = wrong_of(&ex, "3x^2");
        assert!(why.contains("factor y²") && why.contains("held"), "{why}");
        let ex = partial_exercise("4*x^3*y^2", "x");
        let why = wrong_of(&ex, "12x^2");
        assert!(why.contains("factor y²") && why.contains("held"), "{why}");
    }

    fn at_point(f: &str, ask: Ask) -> Exercise {
        Exercise {
            function: parse(f).unwrap(),
            vars: vec!["x".into(), "y".into()],
            ask,
        }
    }

    #[test]
    fn on_an_axis_the_other_partial_is_named_not_mixed() {
        // ∇(x² + 3y)(1, 1) = [2, 3]; along [1, 0], D_v f = 2.
        let ex = at_point(
            "x^2 + 3*y",
            Ask::Directional {
                point: (1.0, 1.0),
                dir: DIRECTIONS[0].0,
                dir_text: DIRECTIONS[0].1,
            },
        );
        assert_eq!(ex.check("2"), Verdict::Correct);
        let why = wrong_of(&ex, "3");
        assert!(why.contains("only x changes"), "{why}");
        assert!(!why.contains("both"), "{why}");
    }

    #[test]
    fn lesson_one_asks_for_a_slice_slope_without_partials() {
        // f = x²y at (2, 3): the slice x ↦ 3x² has slope 12 at x = 2.
        let ex = at_point("x^2*y", Ask::SliceSlope { point: (2.0, 3.0) });
        assert!(!ex.question().contains('∂'), "{}", ex.question());
        assert!(ex.hints().iter().all(|h| !h.contains('∂')));
        assert_eq!(ex.check("12"), Verdict::Correct);
        assert!(wrong_of(&ex, "4").contains("slope along y"));
        assert!(wrong_of(&ex, "12.5").contains("Not quite"));
        assert!(wrong_of(&ex, "0").contains("A hint gives the next idea"));
        assert!(wrong_of(&ex, "-12").contains("sign"));
        // f(2, 3) = 12 as well: the right value wins, never a diagnosis.
        let ex = at_point("x^2*y", Ask::SliceSlope { point: (1.0, 3.0) });
        assert!(wrong_of(&ex, "3").contains("height"));
    }

    #[test]
    fn geometry_questions_at_a_point() {
        // ∇(x² + y²)(3, 4) = [6, 8], |∇f| = 10.
        let f = "x^2 + y^2";
        let ex = at_point(f, Ask::Steepest { point: (3.0, 4.0) });
        assert_eq!(ex.check("[0.6, 0.8]"), Verdict::Correct);
        assert_eq!(ex.check("[3/5, 4/5]"), Verdict::Correct);
        assert!(wrong_of(&ex, "[6, 8]").contains("length"));
        assert!(wrong_of(&ex, "[-0.6, -0.8]").contains("descent"));
        let ex = at_point(f, Ask::AlongLevel { point: (3.0, 4.0) });
        for right in ["[-0.8, 0.6]", "[4, -3]", "[-8, 6]", "[0.8, -0.6]"] {
            assert_eq!(ex.check(right), Verdict::Correct, "{right}");
        }
        assert!(wrong_of(&ex, "[6, 8]").contains("across"));
        assert!(wrong_of(&ex, "[0, 0]").contains("zero vector"));
        assert!(wrong_of(&ex, "[1, 0]").contains('°'));
        let ex = at_point(f, Ask::LargestRate { point: (3.0, 4.0) });
        assert_eq!(ex.check("10"), Verdict::Correct);
        assert!(wrong_of(&ex, "100").contains("square root"));
        assert!(wrong_of(&ex, "14").contains("overshoots"));
        assert!(wrong_of(&ex, "6").contains("along x"));
    }

    #[test]
    fn feedback_numbers_use_a_true_minus() {
        let ex = partial_exercise("x^2 + y^2", "x");
        let why = wrong_of(&ex, "2x - 5");
        assert!(why.contains("−5") && !why.contains("-5"), "{why}");
    }

    #[test]
    fn each_lesson_opens_on_its_own_function() {
        let lessons = [
            ("several-variables", Family::Polynomial, AskKind::SliceSlope),
            ("partial-derivative", Family::Polynomial, AskKind::Partial),
            ("computing-partials", Family::Composite, AskKind::Partial),
            ("gradient-vector", Family::Polynomial, AskKind::Gradient),
            ("gradient-geometry", Family::Polynomial, AskKind::Geometry),
            (
                "directional-derivatives",
                Family::Polynomial,
                AskKind::Directional,
            ),
        ];
        let functions: Vec<String> = lessons
            .iter()
            .map(|(slug, family, kind)| {
                Exercise::generate(*family, *kind, first_seed(slug))
                    .function
                    .to_string()
            })
            .collect();
        for (i, a) in functions.iter().enumerate() {
            for b in &functions[i + 1..] {
                assert_ne!(a, b, "two lessons open on {a}");
            }
        }
    }
}
