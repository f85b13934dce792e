//! The small machine-learning models the lessons train and take apart, and the numerical
//! experiments they run live, each checked natively against the engine's automatic
//! differentiation or central differences:
//! - lessons 6, 8 and 9: two-feature linear regression trained full-batch or mini-batch
//!   (`linear`), and a live training session of it with its history and divergence
//!   (`linear_training`); logistic regression on two features and the labelled points it learns from
//!   (`dataset`, `logistic`); one dense layer with its backward pass and shapes (`dense`); the
//!   four ways of getting a gradient set side by side (`gradient_methods`);
//! - lesson 10: gradient checks and the error-versus-step "V" (`gradcheck`), clipping and a
//!   cliff (`clipping`), a deep chain of layers (`deep_chain`);
//! - lesson 12: image gradients (`image`), optical flow (`flow`), a policy-gradient bandit
//!   (`bandit`) and word embeddings (`embedding`).
//!
//! Pure Rust, like the engine: no web, no plotting, no I/O, and no panics on any input. Bad input
//! is a value (`CsvError`) with a sentence a learner can act on.

pub mod bandit;
pub mod clipping;
pub mod dataset;
pub mod deep_chain;
pub mod dense;
pub mod embedding;
pub mod flow;
pub mod gradcheck;
pub mod gradient_methods;
pub mod image;
pub mod linear;
pub mod linear_training;
pub mod logistic;
