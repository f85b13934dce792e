//! The math engine: parse what learners type, differentiate with named steps, simplify, print
//! (plain text, Unicode, LaTeX, MathML), compile for fast batch evaluation, automatic and
//! numerical differentiation, and critical points.
//! Pure Rust: no web, no plotting, no I/O, and no panics on any input.

pub mod autodiff;
pub mod compile;
pub mod critical;
pub mod diff;
pub mod eval;
pub mod expr;
pub mod format;
pub mod numeric;
pub mod overflow;
pub mod parse;
pub mod print;
pub mod simplify;

pub use autodiff::{Adjoints, BackwardStep, Contribution, Dual, Tape, TapeNode, TapeOp};
pub use compile::{compile_many, Compiled, CompiledMany, CHUNK};
pub use critical::{
    classify_critical_point, definiteness, symmetric_eigenvalues, CriticalKind, Definiteness,
};
pub use diff::{Derivation, Rule, Step};
pub use eval::EvalError;
pub use expr::{Constant, Expr, Func};
pub use numeric::{
    agree_at_random_points, central_difference_gradient, central_difference_hessian,
    forward_difference_gradient, relative_error, Agreement, Counterexample, GradientCheck,
    SplitMix64,
};
pub use overflow::NotFinite;
pub use parse::{parse, ParseError, ParseErrorKind};
pub use print::{gradient_pretty, latex_to_mathml};
