//! Nabla: an interactive course on partial derivatives and gradients.
//!
//! `math` is the engine (pure Rust), `models` the small ML models the lessons train (pure too),
//! `plot` draws onto any plotters backend, `ui` holds the reusable components and pages, and
//! `lessons` holds one file per lesson. `App` wires the router to the pages. See
//! ARCHITECTURE.md for the data flow.

pub mod lessons;
pub mod math;
pub mod models;
pub mod optim;
pub mod plot;
pub mod tutor;
pub mod ui;

pub use ui::app::{remove_app_shell, App, LiteApp};
