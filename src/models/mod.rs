//! Small machine-learning models and numerical experiments that lessons run live: gradient
//! checks and the error-versus-step "V", clipping, a deep chain of layers, image gradients,
//! optical flow, a policy-gradient bandit and word embeddings.
//! Pure Rust: no web, no plotting, no I/O, and no panics on any input.

pub mod bandit;
pub mod clipping;
pub mod deep_chain;
pub mod embedding;
pub mod flow;
pub mod gradcheck;
pub mod image;
