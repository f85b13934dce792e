//! Small machine-learning models the lessons train live, as plain Rust: their data, losses,
//! gradients by the lesson's formulas (checked against the engine's autodiff) and training
//! steps. Pure: no web, no plotting, no I/O, no panics on any input.

pub mod linear;
