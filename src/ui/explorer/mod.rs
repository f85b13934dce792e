//! The function explorer: type f(x, y) and see f, ∂f/∂x and ∂f/∂y typeset, the values at a
//! selected point, a contour map with the gradient and a 3-D surface, all recomputed as
//! you type. Lessons embed it as `<FunctionExplorer initial="x^2 + y^2"/>`.
//!
//! Logic lives in plain types ([`ExplorerModel`], [`Sampled`], [`PlotWindow`],
//! [`Gestures`]); the components only wire signals to them.

pub mod bench;
pub mod browser;
pub mod canvas_draw;
pub mod contour_canvas;
pub mod descent;
pub mod editor;
pub mod format;
pub mod formulas;
pub mod gesture;
pub mod model;
pub mod path_controls;
pub mod sampled;
pub mod scene;
pub mod signals;
pub mod surface_canvas;
pub mod window;

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;

use leptos::prelude::*;

pub use bench::ExplorerBench;
pub use gesture::Gestures;
pub use model::{Analysis, ExplorerModel, InputError, PointValues, DEFAULT_FUNCTION};
pub use sampled::Sampled;
pub use signals::ExplorerSignals;
pub use window::PlotWindow;

use browser::use_prefers_dark;
use contour_canvas::ContourCanvas;
use editor::FunctionEditor;
use formulas::{Formulas, PointValuesList};
use path_controls::{DescentControls, DESCENT_STEPS};
use sampled::HEATMAP_N;
use surface_canvas::SurfaceCanvas;

use crate::plot::Camera;

static NEXT_ID: AtomicUsize = AtomicUsize::new(0);

/// The whole explorer: editor, formulas, values, contour map and surface, toggles and
/// "Reset view".
#[component]
pub fn FunctionExplorer(
    /// The function shown first, in any syntax the parser accepts (`x^2 + 3xy`, `sin x cos y`).
    #[prop(into)]
    initial: String,
    /// The selected point; pass a signal to read or set it from the lesson around the
    /// explorer. Defaults to (1, 0.5).
    #[prop(optional)]
    point: Option<RwSignal<(f64, f64)>>,
    /// Called with the typed text whenever it parses to a different function.
    #[prop(optional)]
    on_function_change: Option<Callback<String>>,
    /// The part of the plane shown first and restored by "Reset view"; defaults to
    /// [-3, 3] × [-3, 3].
    #[prop(optional)]
    window: Option<PlotWindow>,
    /// Show the 3-D surface beside the contour map.
    #[prop(default = true)]
    surface: bool,
    /// Show the gradient field at first.
    #[prop(default = true)]
    field: bool,
) -> impl IntoView {
    let id = format!("fx{}", NEXT_ID.fetch_add(1, Ordering::Relaxed));
    let model = RwSignal::new(ExplorerModel::new(&initial));
    let analysis = Memo::new(move |_| model.with(|m| m.current().cloned()));
    let error = Memo::new(move |_| model.with(|m| m.error().cloned()));
    let home = window.unwrap_or_default();
    let window = RwSignal::new(home);
    let sampled = Memo::new(move |_| {
        let w = window.get();
        analysis.with(|a| a.as_ref().map(|a| Arc::new(Sampled::new(a, &w, HEATMAP_N))))
    });
    let point = point.unwrap_or_else(|| RwSignal::new((1.0, 0.5)));
    let values = Memo::new(move |_| {
        let p = point.get();
        analysis.with(|a| a.as_ref().map(|a| a.values_at(p)))
    });
    let show_path = RwSignal::new(false);
    let rate = RwSignal::new(0.1);
    let path = Memo::new(move |_| {
        if !show_path.get() {
            return Vec::new();
        }
        let (start, rate) = (point.get(), rate.get());
        analysis.with(|a| {
            a.as_ref()
                .map(|a| descent::descent_path(a, start, DESCENT_STEPS, rate))
                .unwrap_or_default()
        })
    });
    let state = ExplorerSignals {
        model,
        analysis,
        sampled,
        point,
        values,
        window,
        home,
        camera: RwSignal::new(Camera::default()),
        show_field: RwSignal::new(field),
        show_plane: RwSignal::new(true),
        dark: use_prefers_dark(),
        show_path,
        rate,
        path_frame: RwSignal::new(None),
        path,
    };
    let on_input = Callback::new(move |text: String| {
        let mut changed = false;
        model.update(|m| changed = m.edit(&text));
        if changed {
            if let Some(cb) = on_function_change {
                cb.run(text);
            }
        }
    });
    let reset = move |_| {
        state.window.set(state.home);
        state.camera.set(Camera::default());
    };
    view! {
        <section class="explorer" aria-label="Function explorer">
            <FunctionEditor id=id initial=initial error=error on_input=on_input/>
            <div class="fx-readouts">
                <Formulas state=state/>
                <PointValuesList state=state/>
            </div>
            <div class="fx-plots" class:fx-plots-single=!surface>
                <ContourCanvas state=state/>
                {surface.then(|| view! { <SurfaceCanvas state=state/> })}
            </div>
            <div class="fx-controls">
                {toggle(" Gradient field", state.show_field)}
                {surface.then(|| toggle(" Tangent plane", state.show_plane))}
                <button type="button" class="button fx-reset" on:click=reset>"Reset view"</button>
            </div>
            <DescentControls state=state/>
            <p class="fx-hint">
                "Click or drag on the contour map to move the point (arrow keys when it has focus). "
                "Scroll or pinch to zoom, Shift-drag to pan."
                {surface.then_some(" Drag the surface to turn it.")}
            </p>
        </section>
    }
}

/// A labelled checkbox bound to `on`.
fn toggle(label: &'static str, on: RwSignal<bool>) -> impl IntoView {
    view! {
        <label class="fx-toggle">
            <input
                type="checkbox"
                prop:checked=move || on.get()
                on:change=move |ev| on.set(event_target_checked(&ev))
            />
            {label}
        </label>
    }
}
