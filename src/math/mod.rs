//! The math engine: parse what learners type, differentiate with named steps, simplify, print,
//! compile for fast evaluation, automatic and numerical differentiation, critical points.
//! Pure Rust: no web, no plotting, no I/O, and no panics on any input.

pub mod expr;

pub use expr::{Constant, Expr, Func};
