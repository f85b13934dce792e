//! What lesson 7 says about a typed function, as plain Rust tested natively: its Hessian
//! (symbolic, via `optim::Objective`), the mixed partials taken in both orders and whether
//! they agree, and sentences for the curvature at a point, the critical point Newton's
//! method finds from it (with the conditions of the second-derivative test), and what a
//! definiteness map says about convexity.

use crate::math::{agree_at_random_points, CriticalKind, Definiteness, Expr};
use crate::optim::text::{fmt_num, fmt_point};
use crate::optim::{CriticalPoint, Curvature, Objective};

/// Eigenvalues within this of 0 count as 0 (the same band `optim::critical` uses).
pub use crate::optim::critical::ZERO_EIGENVALUE;

/// One mixed partial taken in both orders.
#[derive(Clone, Debug)]
pub struct MixedPair {
    /// Index of the first variable (differentiated first in `first_then_second`).
    pub i: usize,
    /// Index of the second variable.
    pub j: usize,
    /// ∂/∂vⱼ (∂f/∂vᵢ).
    pub first_then_second: Expr,
    /// ∂/∂vᵢ (∂f/∂vⱼ).
    pub second_then_first: Expr,
    /// The engine printed the same expression both ways.
    pub identical: bool,
    /// The two agree at random points (where both are defined).
    pub agree: bool,
}

/// A function of two or three variables with its symbolic Hessian.
#[derive(Clone, Debug)]
pub struct HessianReport {
    /// The function, ready for the optimisers and the point analysis.
    pub objective: Objective,
    /// `x, y` or `x, y, z`.
    pub vars: Vec<&'static str>,
    /// The Hessian's entries: row i, column j is ∂/∂vⱼ (∂f/∂vᵢ).
    pub hessian: Vec<Vec<Expr>>,
    /// Every mixed partial, both orders.
    pub mixed: Vec<MixedPair>,
}

/// Two reports are the same when their functions are.
impl PartialEq for HessianReport {
    fn eq(&self, other: &Self) -> bool {
        self.objective.expr() == other.objective.expr() && self.vars == other.vars
    }
}

/// The variables a function of x, y (and z) is studied over, or why it cannot be.
pub fn variables_of(expr: &Expr) -> Result<Vec<&'static str>, String> {
    let used = expr.variables();
    if let Some(other) = used.iter().find(|v| !["x", "y", "z"].contains(&v.as_str())) {
        return Err(format!(
            "This widget studies functions of x and y, or x, y and z; replace {other} with one of them or a number."
        ));
    }
    Ok(if used.iter().any(|v| v == "z") {
        vec!["x", "y", "z"]
    } else {
        vec!["x", "y"]
    })
}

impl HessianReport {
    /// Parses `text`, derives the Hessian and compares the mixed partials.
    pub fn new(text: &str) -> Result<HessianReport, String> {
        let expr = crate::math::parse(text).map_err(|e| e.message())?;
        let vars = variables_of(&expr)?;
        let objective = Objective::from_expr(expr, &vars).map_err(|e| e.to_string())?;
        let hessian = objective
            .hessian_exprs()
            .map_err(|e| format!("The Hessian of this function cannot be evaluated: {e}."))?
            .to_vec();
        let mut mixed = Vec::new();
        for i in 0..vars.len() {
            for j in i + 1..vars.len() {
                let (Some(a), Some(b)) = (
                    hessian.get(i).and_then(|r| r.get(j)),
                    hessian.get(j).and_then(|r| r.get(i)),
                ) else {
                    continue;
                };
                let identical = a == b;
                let agree = identical || agree_at_random_points(a, b, &vars, 40, 7).equivalent();
                mixed.push(MixedPair {
                    i,
                    j,
                    first_then_second: a.clone(),
                    second_then_first: b.clone(),
                    identical,
                    agree,
                });
            }
        }
        Ok(HessianReport {
            objective,
            vars,
            hessian,
            mixed,
        })
    }

    /// The number of variables.
    pub fn dim(&self) -> usize {
        self.vars.len()
    }
}

fn list(v: &[f64]) -> String {
    let parts: Vec<String> = v.iter().map(|&e| fmt_num(e)).collect();
    match parts.len() {
        0 => String::new(),
        1 => parts[0].clone(),
        n => format!("{} and {}", parts[..n - 1].join(", "), parts[n - 1]),
    }
}

/// The curvature at a point: eigenvalues, what their signs mean there, the condition number.
pub fn curvature_sentence(c: &Curvature) -> String {
    let e = &c.eigenvalues;
    let cond = c
        .condition_number()
        .map(|k| {
            if k.is_finite() {
                format!(
                    " The condition number |λ|max/|λ|min = {} says how much more sharply f bends \
                     in its most curved direction than in its flattest.",
                    fmt_num(k)
                )
            } else {
                " An eigenvalue is 0, so the condition number is infinite: f is flat to second \
                 order in that direction."
                    .to_string()
            }
        })
        .unwrap_or_default();
    let pos = e.iter().filter(|&&v| v > ZERO_EIGENVALUE).count();
    let neg = e.iter().filter(|&&v| v < -ZERO_EIGENVALUE).count();
    let shape = if pos == e.len() {
        "all positive: f curves up in every direction here (the Hessian is positive definite)"
    } else if neg == e.len() {
        "all negative: f curves down in every direction here (negative definite)"
    } else if pos > 0 && neg > 0 {
        "of both signs: f curves up along some directions and down along others (indefinite)"
    } else if neg == 0 {
        "none negative but at least one zero: positive semidefinite"
    } else {
        "none positive but at least one zero: negative semidefinite"
    };
    format!(
        "Eigenvalues of the Hessian here: {}, {shape}.{cond}",
        list(e)
    )
}

/// The critical point Newton's method found (or that it found none), its kind, and the
/// conditions the second-derivative test used.
pub fn classification_sentence(found: Option<&CriticalPoint>, vars: &[&str]) -> String {
    let Some(cp) = found else {
        return "Newton's method, solving ∇f = 0 from this point, did not settle on a critical \
                point within 200 steps: f may have none nearby (or none at all, like x + y)."
            .to_string();
    };
    let at = fmt_point(&cp.point);
    let e = &cp.curvature.eigenvalues;
    let det: Option<f64> = (vars.len() == 2).then(|| {
        let h = &cp.curvature.hessian;
        h[0][0] * h[1][1] - h[0][1] * h[1][0]
    });
    let two_d = |sign: &str, fxx: Option<&str>| -> String {
        match (det, cp.curvature.hessian.first().and_then(|r| r.first())) {
            (Some(d), Some(&a)) => format!(
                " (In two variables the same test reads: det H = fₓₓ·f_yy − fₓ_y² = {} {sign} 0{}.)",
                fmt_num(d),
                fxx.map(|s| format!(" and fₓₓ = {} {s} 0", fmt_num(a)))
                    .unwrap_or_default()
            ),
            _ => String::new(),
        }
    };
    let head = format!(
        "Nearest critical point (Newton's method, {} iteration{}): ∇f = 0 at {at}, where f = {}.",
        cp.iterations,
        if cp.iterations == 1 { "" } else { "s" },
        fmt_num(cp.value)
    );
    let body = match cp.kind {
        CriticalKind::Minimum => format!(
            " Every eigenvalue of the Hessian there is positive ({}), so f curves up in every \
             direction: a local minimum.{}",
            list(e),
            two_d(">", Some(">"))
        ),
        CriticalKind::Maximum => format!(
            " Every eigenvalue of the Hessian there is negative ({}), so f curves down in every \
             direction: a local maximum.{}",
            list(e),
            two_d(">", Some("<"))
        ),
        CriticalKind::Saddle => format!(
            " The Hessian there has eigenvalues of both signs ({}), so f curves up along one \
             direction and down along another: a saddle point, neither a minimum nor a maximum.{}",
            list(e),
            two_d("<", None)
        ),
        CriticalKind::Inconclusive => format!(
            " The Hessian there has an eigenvalue of 0 (eigenvalues {}) and no two of opposite \
             sign, so the second-derivative test is inconclusive: it could be a minimum, a \
             maximum or neither, and higher derivatives decide (x⁴ + y⁴ has a minimum at 0, \
             x³ + y² has neither).",
            list(e)
        ),
    };
    format!("{head}{body}")
}

/// What a definiteness map over a window says about convexity there.
pub fn convexity_sentence(map: &[Option<Definiteness>], xs: &[f64], ys: &[f64]) -> String {
    let nx = xs.len();
    let at = |k: usize| {
        let (i, j) = (k % nx.max(1), k / nx.max(1));
        fmt_point(&[
            xs.get(i).copied().unwrap_or(f64::NAN),
            ys.get(j).copied().unwrap_or(f64::NAN),
        ])
    };
    if map.is_empty() {
        return String::new();
    }
    let bad = map.iter().position(|d| {
        matches!(
            d,
            Some(
                Definiteness::Indefinite
                    | Definiteness::NegativeDefinite
                    | Definiteness::NegativeSemidefinite
            )
        )
    });
    if let Some(k) = bad {
        return format!(
            "Not convex on this window: at {} the Hessian has a negative eigenvalue, so f curves \
             down along some direction there.",
            at(k)
        );
    }
    let undefined = map.iter().filter(|d| d.is_none()).count();
    let all_pd = map
        .iter()
        .all(|d| matches!(d, Some(Definiteness::PositiveDefinite)));
    let tail = if undefined > 0 {
        " (leaving out points where the Hessian is not defined)"
    } else {
        ""
    };
    if all_pd {
        format!(
            "The Hessian is positive definite at every sampled point of this window{tail}: \
             consistent with f being strictly convex here. A map samples points, so it \
             supports the claim; proving it needs the Hessian at every point."
        )
    } else {
        format!(
            "The Hessian is positive semidefinite at every sampled point of this window, with \
             zero eigenvalues somewhere{tail}: consistent with f being convex here. Whether it \
             is strictly convex the map cannot say (x⁴ + y⁴ is, with a zero Hessian at 0)."
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::optim::{definiteness_map, nearest_critical_point};

    #[test]
    fn mixed_partials_agree_for_smooth_functions() {
        let r = HessianReport::new("x^2*y^3").unwrap();
        assert_eq!(r.vars, vec!["x", "y"]);
        let m = &r.mixed[0];
        assert!(m.agree);
        assert_eq!(m.first_then_second.to_pretty(), "6xy²");
        let r3 = HessianReport::new("x*y*z + z^2").unwrap();
        assert_eq!(r3.dim(), 3);
        assert_eq!(r3.mixed.len(), 3);
        assert!(r3.mixed.iter().all(|m| m.agree));
        assert!(HessianReport::new("x + w")
            .unwrap_err()
            .contains("replace w"));
        assert!(HessianReport::new("x^").is_err());
    }

    #[test]
    fn classifications_state_their_conditions() {
        let saddle = HessianReport::new("x^2 - y^2").unwrap();
        let cp = nearest_critical_point(&saddle.objective, &[1.0, 1.0]);
        let s = classification_sentence(cp.as_ref(), &saddle.vars);
        assert!(s.contains("saddle point") && s.contains("det H"), "{s}");
        assert!(s.contains("both signs"));
        let bowl = HessianReport::new("x^2 + 3y^2 + x*y").unwrap();
        let cp = nearest_critical_point(&bowl.objective, &[1.0, 1.0]);
        let s = classification_sentence(cp.as_ref(), &bowl.vars);
        assert!(s.contains("local minimum") && s.contains("> 0"), "{s}");
        let hill = HessianReport::new("-x^2 - y^2 - z^2").unwrap();
        let cp = nearest_critical_point(&hill.objective, &[1.0, 1.0, 1.0]);
        let s = classification_sentence(cp.as_ref(), &hill.vars);
        assert!(s.contains("local maximum") && !s.contains("det H"), "{s}");
        let flat = HessianReport::new("x^4 + y^4").unwrap();
        let cp = nearest_critical_point(&flat.objective, &[1.0, 1.0]);
        let s = classification_sentence(cp.as_ref(), &flat.vars);
        assert!(s.contains("inconclusive"), "{s}");
        let none = HessianReport::new("x + y").unwrap();
        let cp = nearest_critical_point(&none.objective, &[1.0, 1.0]);
        assert!(classification_sentence(cp.as_ref(), &none.vars).contains("did not settle"));
    }

    #[test]
    fn convexity_from_the_map() {
        let xs: Vec<f64> = (0..21).map(|i| -4.0 + 0.4 * i as f64).collect();
        let check = |f: &str| {
            let r = HessianReport::new(f).unwrap();
            convexity_sentence(&definiteness_map(&r.objective, &xs, &xs), &xs, &xs)
        };
        assert!(check("x^2 + y^2 - x^4/12").starts_with("Not convex"));
        assert!(check("x^2 + y^2").contains("positive definite at every"));
        assert!(check("x^4 + y^4").contains("semidefinite"));
        assert_eq!(convexity_sentence(&[], &[], &[]), "");
        let c = crate::optim::curvature_at(
            &HessianReport::new("x^2 + 10y^2").unwrap().objective,
            &[0.0, 0.0],
        )
        .unwrap();
        let s = curvature_sentence(&c);
        assert!(s.contains("2 and 20") && s.contains("= 10"), "{s}");
    }
}
