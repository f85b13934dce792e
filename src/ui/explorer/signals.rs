//! The explorer's shared reactive state, one `Copy` bundle handed to its parts.

use std::sync::Arc;

use leptos::prelude::*;

use super::sampled::Sampled;
use super::window::PlotWindow;
use crate::plot::Camera;
use crate::tutor::analysis::{Analysis, ExplorerModel, PointValues};
use crate::tutor::disclosure::ExplorerParts;

/// Signals and memos shared by the editor, the formulas and the two canvases.
#[derive(Clone, Copy)]
pub struct ExplorerSignals {
    /// The text, the last good function and the error.
    pub model: RwSignal<ExplorerModel>,
    /// The function plotted; changes only when a new function parses.
    pub analysis: Memo<Option<Arc<Analysis>>>,
    /// Grids, scale and contours; recomputed only when the function or the window change.
    pub sampled: Memo<Option<Arc<Sampled>>>,
    /// The selected point.
    pub point: RwSignal<(f64, f64)>,
    /// The values at the selected point.
    pub values: Memo<Option<PointValues>>,
    /// The part of the plane shown.
    pub window: RwSignal<PlotWindow>,
    /// A zoom or pan is under way: the grids are sampled at half resolution until it rests.
    pub coarse: RwSignal<bool>,
    /// The window "Reset view" goes back to.
    pub home: PlotWindow,
    /// The 3-D camera.
    pub camera: RwSignal<Camera>,
    /// Show the gradient field on the contour map.
    pub show_field: RwSignal<bool>,
    /// Show the tangent plane on the surface.
    pub show_plane: RwSignal<bool>,
    /// The system asks for dark colours.
    pub dark: ReadSignal<bool>,
    /// Draw gradient descent from the selected point.
    pub show_path: RwSignal<bool>,
    /// The descent's step size (learning rate).
    pub rate: RwSignal<f64>,
    /// While the descent is animated, how many of its points are shown; `None` shows all.
    pub path_frame: RwSignal<Option<usize>>,
    /// The descent run from the selected point, with why it diverged if it did (empty while
    /// it is switched off).
    pub descent: Memo<crate::tutor::descent::Descent>,
    /// The descent path from the selected point (empty while it is switched off).
    pub path: Memo<Vec<(f64, f64)>>,
    /// The parts of the explorer this page shows; hidden parts are neither drawn nor described.
    pub parts: ExplorerParts,
    /// A direction v (angle in radians) drawn at the point beside ∇f, when the page has one
    /// (lesson 11's dial).
    pub direction: Option<Signal<f64>>,
}
