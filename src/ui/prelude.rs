//! What a lesson page uses from the app: the widgets, the typeset maths, the exercise boxes.
//! A lesson imports `crate::ui::prelude::*` and the pure layers (`math`, `tutor`, `optim`,
//! `models`), never a widget's insides; `tests/tidy.rs` keeps it so.

pub use super::bandit_lab::BanditLab;
pub use super::clipping_lab::ClippingLab;
pub use super::deep_chain_lab::DeepChainLab;
pub use super::direction_dial::{use_dial_angle, DirectionDial, SteepestTable};
pub use super::embedding_lab::EmbeddingLab;
pub use super::exercise::TryIt;
pub use super::explorer::{ExplorerParts, FunctionExplorer, PlotWindow};
pub use super::flow_lab::FlowLab;
pub use super::gradient_check::GradientCheck;
pub use super::hessian_explorer::HessianExplorer;
pub use super::image_lab::ImageLab;
pub use super::layer_graph::LayerGraph;
pub use super::logistic_trainer::LogisticTrainer;
pub use super::math_view::{MathExpr, MathTex};
pub use super::plot_canvas::PlotCanvas;
pub use super::question_box::QuestionBox;
pub use super::quiz::CourseQuiz;
pub use super::race::OptimiserRace;
pub use super::rate_explorer::{RateExplorer, DEFAULT_LOSS, DEFAULT_START};
pub use super::regression_trainer::RegressionTrainer;
pub use super::routes::{href, lesson_path};
pub use super::slice_views::{SurfaceView, TangentPlot};
pub use super::tape_viewer::model::TapeModel;
pub use super::tape_viewer::TapeViewer;
pub use super::worked_example::{Derived, FunctionField, LiveFunction, LiveGradient, LivePartial};
