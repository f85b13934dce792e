//! The small machine-learning models the lessons train and take apart, each with its gradient by
//! formula (checked natively against the engine's automatic differentiation and central
//! differences): logistic regression on two features and the labelled points it learns from
//! (`dataset`, `logistic`), one dense layer with its backward pass and shapes (`dense`), and the
//! four ways of getting a gradient that lesson 9 sets side by side (`gradient_methods`), and
//! two-feature linear regression trained by gradient descent, full-batch or mini-batch (`linear`).
//!
//! Pure Rust, like the engine: no web, no plotting, no I/O, and no panics on any input. Bad input
//! is a value (`CsvError`) with a sentence a learner can act on.

pub mod dataset;
pub mod dense;
pub mod gradient_methods;
pub mod linear;
pub mod logistic;
