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
pub mod editor;
pub mod formulas;
pub mod gesture;
pub mod path_controls;
pub mod sampled;
pub mod scene;
pub mod signals;
pub mod surface_canvas;
pub mod window;

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;

use leptos::prelude::*;

pub use crate::tutor::analysis::{
    Analysis, ExplorerModel, InputError, PointValues, DEFAULT_FUNCTION,
};
pub use bench::ExplorerBench;
pub use gesture::Gestures;
pub use sampled::Sampled;
pub use signals::ExplorerSignals;
pub use window::PlotWindow;

use browser::{timed, use_prefers_dark};
use contour_canvas::ContourCanvas;
use editor::FunctionEditor;
use formulas::{Formulas, PointValuesList};
use path_controls::{DescentControls, DESCENT_STEPS};
use sampled::HEATMAP_N;
use surface_canvas::SurfaceCanvas;

use crate::plot::Camera;
pub use crate::tutor::disclosure::ExplorerParts;
use crate::ui::url_state::{check_function, share_with_address, Field, UrlState, Value};
use crate::ui::widget::{EmbedControl, EmbedOptions, Widget};

/// The explorer's state in the address: function, point, and its switches.
pub const FIELDS: [Field; 6] = [
    Field::checked_text("f", "function", DEFAULT_FUNCTION, 500, check_function),
    Field::point("p", "point", (1.0, 0.5), -1e6, 1e6),
    Field::flag("field", "gradient field setting", true),
    Field::flag("plane", "tangent plane setting", true),
    Field::flag("path", "gradient descent setting", false),
    Field::number("rate", "step size", 0.1, 1e-4, 10.0),
];

/// The explorer in the widget registry (`/embed/explorer`).
pub const WIDGET: Widget = Widget {
    name: "explorer",
    title: "Function explorer",
    summary: "Type f(x, y) and see its partial derivatives, gradient, contour map and surface.",
    fields: &FIELDS,
    example: "v=1&f=sin(x)*y&p=-0.5,1.25&field=0&plane=0&path=1&rate=0.05",
    embed: embed_view,
    height: 650,
};

fn embed_view(options: EmbedOptions) -> AnyView {
    view! {
        <FunctionExplorer
            initial=DEFAULT_FUNCTION
            editor=!options.hide_editor
            locked=options.lock_function
            compact=true
        />
    }
    .into_any()
}

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
    /// Prefix of the explorer's keys in the address (`""`: `?f=`, `?p=` …). A page with two
    /// explorers gives each its own.
    #[prop(optional, into)]
    url_prefix: String,
    /// Show the function editor (an embed can hide it).
    #[prop(default = true)]
    editor: bool,
    /// Keep the function fixed: the editor is read-only.
    #[prop(optional)]
    locked: bool,
    /// Laid out for a small frame: plots first, formulas and help folded away.
    #[prop(optional)]
    compact: bool,
    /// The parts shown: a lesson passes `ExplorerParts::up_to_lesson(n)` so nothing appears
    /// before the lesson that defines it. Defaults to everything.
    #[prop(optional)]
    parts: ExplorerParts,
    /// A direction v, by its angle in radians, drawn as an arrow at the point beside ∇f
    /// (lesson 11's dial turns it). None by default.
    #[prop(optional, into)]
    direction: Option<Signal<f64>>,
) -> impl IntoView {
    let id = format!("fx{}", NEXT_ID.fetch_add(1, Ordering::Relaxed));
    let start_point = point.map_or((1.0, 0.5), |p| p.get_untracked());
    let url = UrlState::bind_with_defaults(
        &FIELDS,
        &url_prefix,
        vec![
            ("f", Value::Text(initial.clone())),
            ("p", Value::Point(start_point.0, start_point.1)),
            ("field", Value::Flag(field)),
        ],
    );
    let url_function = url.text("f");
    let from_prop = initial;
    let initial = url_function.get_untracked();
    let model = RwSignal::new(ExplorerModel::new(&initial));
    let analysis = Memo::new(move |_| model.with(|m| m.current().cloned()));
    let error = Memo::new(move |_| model.with(|m| m.error().cloned()));
    let home = window.unwrap_or_default();
    let window = RwSignal::new(home);
    // Half the resolution (a quarter of the work) while a zoom or pan is under way.
    let coarse = RwSignal::new(false);
    let sampled = Memo::new(move |_| {
        let w = window.get();
        let n = if coarse.get() {
            HEATMAP_N / 2
        } else {
            HEATMAP_N
        };
        timed("nabla:sample", || {
            analysis.with(|a| a.as_ref().map(|a| Arc::new(Sampled::new(a, &w, n))))
        })
    });
    // A point shared with the lesson starts where the address says and is followed by it.
    let point = match point {
        Some(shared) => {
            share_with_address(shared, url.point("p"));
            shared
        }
        None => url.point("p"),
    };
    let values = Memo::new(move |_| {
        let p = point.get();
        analysis.with(|a| a.as_ref().map(|a| a.values_at(p)))
    });
    let show_path = url.flag("path");
    let rate = url.number("rate");
    // One run per start, rate and function: the path drawn and the readout's reason both
    // come from it.
    let descent_run = Memo::new(move |_| {
        if !parts.descent || !show_path.get() {
            return crate::tutor::descent::Descent::default();
        }
        let (start, rate) = (point.get(), rate.get());
        analysis.with(|a| {
            a.as_ref()
                .map(|a| crate::tutor::descent::descent(a, start, DESCENT_STEPS, rate))
                .unwrap_or_default()
        })
    });
    let path = Memo::new(move |_| descent_run.with(|d| d.points.clone()));
    let state = ExplorerSignals {
        model,
        analysis,
        sampled,
        point,
        values,
        window,
        coarse,
        home,
        camera: RwSignal::new(Camera::default()),
        show_field: url.flag("field"),
        show_plane: url.flag("plane"),
        descent: descent_run,
        dark: use_prefers_dark(),
        show_path,
        rate,
        path_frame: RwSignal::new(None),
        path,
        parts,
        direction,
    };
    // A function restored from the address is the one the lesson around the explorer must
    // follow (its quoted numbers, its other widgets), not the one the page started from.
    if let Some(cb) = on_function_change {
        let restored = model.with_untracked(|m| m.current().map(|a| a.f.clone()));
        let started = crate::math::parse(&from_prop).ok();
        if restored.is_some() && restored != started {
            cb.run(initial.clone());
        }
    }
    let on_input = Callback::new(move |text: String| {
        let mut changed = false;
        model.update(|m| changed = m.edit(&text));
        if changed {
            url_function.set(text.clone());
            if let Some(cb) = on_function_change {
                cb.run(text);
            }
        }
    });
    let reset = move |_| {
        state.window.set(state.home);
        state.camera.set(Camera::default());
    };
    let editor_view = editor.then(|| {
        let shown = Signal::derive(move || {
            state
                .analysis
                .with(|a| a.as_ref().map(|a| a.pretty[0].clone()))
        });
        view! {
            <FunctionEditor id=id initial=initial error=error on_input=on_input locked=locked shown=shown/>
        }
    });
    let readouts = view! {
        <div class="fx-readouts">
            <Formulas state=state/>
            <PointValuesList state=state/>
        </div>
    };
    let hint = view! {
        <p class="fx-hint">
            "Click or drag on the contour map to move the point (arrow keys when it has focus). "
            "Scroll or pinch to zoom, Shift-drag to pan."
            {surface.then_some(" Drag the surface to turn it.")}
        </p>
    };
    let plots = view! {
        <div
            class="fx-plots"
            class:fx-plots-single=!surface
            class:fx-plots-stale=move || error.with(Option::is_some)
        >
            <ContourCanvas state=state/>
            {surface.then(|| view! { <SurfaceCanvas state=state/> })}
        </div>
    };
    let controls = view! {
        <div class="fx-controls">
            {parts.field.then(|| toggle(" Gradient field", state.show_field))}
            {(surface && parts.tangent_plane).then(|| toggle(" Tangent plane", state.show_plane))}
            <button type="button" class="button fx-reset" on:click=reset>"Reset view"</button>
            <EmbedControl widget=WIDGET.info() query=Signal::derive(move || url.embed_query())/>
        </div>
    };
    if compact {
        // In a frame: the editor (one line), then the plots as large as fit, then the rest
        // folded away.
        return view! {
            <section class="explorer explorer-compact" aria-label="Function explorer">
                {editor_view}
                {plots}
                {controls}
                <details class="fx-more">
                    <summary>
                        {if parts.descent { "Formulas, values and gradient descent" } else { "Formulas and values" }}
                    </summary>
                    {readouts}
                    {parts.descent.then(|| view! { <DescentControls state=state/> })}
                    {hint}
                </details>
            </section>
        }
        .into_any();
    }
    view! {
        <section class="explorer" aria-label="Function explorer">
            {editor_view}
            // Without the surface, the map alone would leave half a wide screen empty: the
            // readouts sit beside it there (and above it on a phone, as with the surface).
            <div class="fx-body" class:fx-body-side=!surface>
                {readouts}
                {plots}
            </div>
            {controls}
            {parts.descent.then(|| view! { <DescentControls state=state/> })}
            {hint}
        </section>
    }
    .into_any()
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
