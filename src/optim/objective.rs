//! The function being minimised: f, its gradient and its Hessian, derived symbolically by the
//! engine and compiled for fast evaluation. f and ∇f share one compiled program; the Hessian
//! is derived and compiled the first time something asks for it (Newton, the learning-rate
//! regime, a divergence explanation), so gradient methods do not pay for it.

use std::sync::OnceLock;

use super::OptimError;
use super::MAX_VARS;
use crate::math::{compile_many, parse, CompiledMany, Expr};

/// The Hessian's entries as expressions, and one program computing its upper triangle.
type HessianParts = (Vec<Vec<Expr>>, CompiledMany);

/// f, ∇f and the Hessian over named variables, compiled from text.
#[derive(Clone, Debug)]
pub struct Objective {
    vars: Vec<String>,
    f: Expr,
    gradient: Vec<Expr>,
    /// Output 0 is f, output 1 + i is ∂f/∂varᵢ.
    value_and_gradient: CompiledMany,
    /// The Hessian's entries row by row, and a program computing them (or why not).
    hessian: OnceLock<Result<HessianParts, String>>,
    /// The function's name in sentences about a run ("f", or "L" for a loss).
    symbol: String,
}

impl Objective {
    /// Parses `text` and prepares f and ∇f over `vars` (in that order: coordinate i of a
    /// point is `vars[i]`). Fails with a sentence if the text does not parse, uses a variable
    /// not in `vars`, or `vars` is empty, repeats a name or has more than [`MAX_VARS`].
    pub fn parse(text: &str, vars: &[&str]) -> Result<Objective, OptimError> {
        let f = parse(text).map_err(|e| OptimError::Parse(e.message()))?;
        Objective::from_expr(f, vars)
    }

    /// Like [`Objective::parse`] for an expression already parsed.
    pub fn from_expr(f: Expr, vars: &[&str]) -> Result<Objective, OptimError> {
        check_vars(vars)?;
        let gradient = f.gradient(vars);
        Objective::from_gradient(f, gradient, vars)
    }

    /// Like [`Objective::from_expr`] when the caller has already differentiated f
    /// (`gradient[i]` must be ∂f/∂varsᵢ; the explorer reuses its partials this way).
    pub fn from_gradient(
        f: Expr,
        gradient: Vec<Expr>,
        vars: &[&str],
    ) -> Result<Objective, OptimError> {
        check_vars(vars)?;
        if gradient.len() != vars.len() {
            return Err(OptimError::BadVariables(
                "The gradient needs one partial derivative per variable.".to_string(),
            ));
        }
        let mut outputs = Vec::with_capacity(vars.len() + 1);
        outputs.push(f.clone());
        outputs.extend(gradient.iter().cloned());
        let value_and_gradient = compile_many(&outputs, vars).map_err(|e| {
            OptimError::Compile(match e {
                crate::math::EvalError::UnknownVariable(name) => format!(
                    "The function uses {name}, which is not one of the variables {}.",
                    vars.join(", ")
                ),
                other => format!("This function cannot be evaluated: {other}."),
            })
        })?;
        Ok(Objective {
            vars: vars.iter().map(|v| v.to_string()).collect(),
            f,
            gradient,
            value_and_gradient,
            hessian: OnceLock::new(),
            symbol: "f".to_string(),
        })
    }

    /// The same objective, called `symbol` in sentences about its runs (`"L"` where a page
    /// calls the function a loss L): "L grew from 1 to 10⁶", not "f grew".
    pub fn with_symbol(mut self, symbol: &str) -> Objective {
        self.symbol = symbol.to_string();
        self
    }

    /// The function's name in sentences about a run ("f" unless set by [`Self::with_symbol`]).
    pub fn symbol(&self) -> &str {
        &self.symbol
    }

    /// The number of variables.
    pub fn dim(&self) -> usize {
        self.vars.len()
    }

    /// The variables, in coordinate order.
    pub fn vars(&self) -> &[String] {
        &self.vars
    }

    /// f as an expression.
    pub fn expr(&self) -> &Expr {
        &self.f
    }

    /// ∇f as expressions, one per variable.
    pub fn gradient_exprs(&self) -> &[Expr] {
        &self.gradient
    }

    /// The Hessian as expressions (row i, column j is ∂²f/∂varᵢ∂varⱼ), or why it is not
    /// available.
    pub fn hessian_exprs(&self) -> Result<&[Vec<Expr>], &str> {
        match self.hessian_program() {
            Ok((h, _)) => Ok(h),
            Err(e) => Err(e),
        }
    }

    /// f at `x` (NaN where undefined; missing coordinates read as NaN).
    pub fn value(&self, x: &[f64]) -> f64 {
        let mut out = [f64::NAN];
        self.value_and_gradient.eval_into(x, &mut out);
        out[0]
    }

    /// f at `x`, writing ∇f(x) into `grad` (whose length should be [`Objective::dim`]).
    pub fn value_gradient(&self, x: &[f64], grad: &mut [f64]) -> f64 {
        let n = self.dim();
        let mut buf = [f64::NAN; MAX_VARS + 1];
        let out = &mut buf[..n + 1];
        self.value_and_gradient.eval_into(x, out);
        for (g, v) in grad.iter_mut().zip(out.iter().skip(1)) {
            *g = *v;
        }
        out[0]
    }

    /// ∇f at `x`.
    pub fn gradient(&self, x: &[f64]) -> Vec<f64> {
        let mut g = vec![f64::NAN; self.dim()];
        self.value_gradient(x, &mut g);
        g
    }

    /// The Hessian at `x` as rows (entries NaN where undefined, or all NaN if the Hessian
    /// could not be derived).
    pub fn hessian(&self, x: &[f64]) -> Vec<Vec<f64>> {
        let n = self.dim();
        let mut rows = vec![vec![f64::NAN; n]; n];
        if let Ok((_, prog)) = self.hessian_program() {
            let flat = prog.eval(x);
            let mut entries = flat.into_iter();
            for i in 0..n {
                for j in i..n {
                    let v = entries.next().unwrap_or(f64::NAN);
                    if let Some(cell) = rows.get_mut(i).and_then(|r| r.get_mut(j)) {
                        *cell = v;
                    }
                    if let Some(cell) = rows.get_mut(j).and_then(|r| r.get_mut(i)) {
                        *cell = v;
                    }
                }
            }
        }
        rows
    }

    /// The compiled Hessian over the upper triangle, row by row (for grid evaluation).
    pub(crate) fn hessian_program(&self) -> Result<&HessianParts, &str> {
        self.hessian
            .get_or_init(|| {
                let vars: Vec<&str> = self.vars.iter().map(String::as_str).collect();
                let h: Vec<Vec<Expr>> = self
                    .gradient
                    .iter()
                    .map(|g| vars.iter().map(|v| g.partial(v)).collect())
                    .collect();
                let mut upper = Vec::new();
                for (i, row) in h.iter().enumerate() {
                    upper.extend(row.iter().skip(i).cloned());
                }
                let prog = compile_many(&upper, &vars).map_err(|e| e.to_string())?;
                Ok((h, prog))
            })
            .as_ref()
            .map_err(String::as_str)
    }
}

fn check_vars(vars: &[&str]) -> Result<(), OptimError> {
    if vars.is_empty() {
        return Err(OptimError::BadVariables(
            "Name at least one variable to minimise over.".to_string(),
        ));
    }
    if vars.len() > MAX_VARS {
        return Err(OptimError::BadVariables(format!(
            "At most {MAX_VARS} variables, please; this has {}.",
            vars.len()
        )));
    }
    for (i, v) in vars.iter().enumerate() {
        if vars[..i].contains(v) {
            return Err(OptimError::BadVariables(format!(
                "The variable {v} is listed twice."
            )));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn value_gradient_and_hessian() {
        let o = Objective::parse("x^2 + 3x*y + y^2", &["x", "y"]).unwrap();
        let mut g = [0.0; 2];
        let f = o.value_gradient(&[1.0, 2.0], &mut g);
        assert!((f - 11.0).abs() < 1e-12);
        assert!((g[0] - 8.0).abs() < 1e-12 && (g[1] - 7.0).abs() < 1e-12);
        let h = o.hessian(&[1.0, 2.0]);
        assert_eq!(h, vec![vec![2.0, 3.0], vec![3.0, 2.0]]);
    }

    #[test]
    fn errors_are_sentences() {
        let e = Objective::parse("x^2 + z", &["x", "y"]).unwrap_err();
        assert!(e.to_string().contains("uses z"), "{e}");
        assert!(Objective::parse("x^2 +", &["x"]).is_err());
        assert!(Objective::parse("x", &[]).is_err());
        assert!(Objective::parse("x", &["x", "x"]).is_err());
    }

    #[test]
    fn wrong_length_points_read_nan_without_panicking() {
        let o = Objective::parse("x + y", &["x", "y"]).unwrap();
        assert!(o.value(&[1.0]).is_nan());
        let mut g = [0.0; 5];
        let _ = o.value_gradient(&[1.0, 2.0, 3.0], &mut g);
        assert!(o
            .hessian(&[])
            .iter()
            .flatten()
            .all(|v| v.is_nan() || *v == 0.0));
    }
}
