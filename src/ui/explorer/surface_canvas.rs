//! The 3-D surface z = f(x, y) beside the contour map: drag (or arrow keys) to turn it.
//! It shows the selected point, the slice curves x = x₀ and y = y₀ whose slopes are the
//! partial derivatives, and the tangent plane when it is switched on.

use leptos::html;
use leptos::prelude::*;
use plotters::prelude::*;
use plotters_canvas::CanvasBackend;

use super::browser::{fit_square_canvas, use_element_width};
use super::signals::ExplorerSignals;
use crate::plot::{
    draw_surface, grid_slice_x, grid_slice_y, Camera, ColorScale, Grid, SurfaceOverlay,
    TangentPlane, Theme,
};
use crate::tutor::analysis::PointValues;
use crate::tutor::format::format_value;
use crate::ui::plot_touch::{PlotTouch, Touch, TouchHint};

/// Samples along each slice curve.
const SLICE_N: usize = 96;

/// Paints the surface of `grid` on `area`: the background, the surface, the slices
/// x = x₀ and y = y₀ through the point of `values`, the point itself where f and ∇f are
/// finite, and the tangent plane there when `plane` is set. The explorer's canvas, its
/// `?bench` and lesson 1 all draw surfaces through here.
#[allow(clippy::too_many_arguments)]
pub fn paint_surface<DB: DrawingBackend>(
    area: &DrawingArea<DB, plotters::coord::Shift>,
    camera: &Camera,
    grid: &Grid,
    scale: &ColorScale,
    values: Option<&PointValues>,
    plane: bool,
    theme: &Theme,
    pixel_ratio: f64,
) {
    let _ = area.fill(&theme.background);
    let slice_x = values
        .map(|v| grid_slice_x(grid, v.x, SLICE_N))
        .unwrap_or_default();
    let slice_y = values
        .map(|v| grid_slice_y(grid, v.y, SLICE_N))
        .unwrap_or_default();
    let at = values.filter(|v| v.f.is_finite() && v.gradient().is_some());
    let overlay = SurfaceOverlay {
        point: at.map(|v| (v.x, v.y, v.f)),
        slice_x: &slice_x,
        slice_y: &slice_y,
        tangent_plane: at.filter(|_| plane).map(|v| TangentPlane {
            f: v.f,
            fx: v.fx,
            fy: v.fy,
            half_size: 0.0,
        }),
        axes: true,
        pixel_ratio,
    };
    let _ = draw_surface(area, camera, grid, scale, &overlay, theme);
    let _ = area.present();
}

/// The surface plot of the explorer.
#[component]
pub fn SurfaceCanvas(
    /// The explorer's state.
    state: ExplorerSignals,
) -> impl IntoView {
    let container = NodeRef::<html::Figure>::new();
    let canvas = NodeRef::<html::Canvas>::new();
    let width = use_element_width(container);
    let drag = StoredValue::new(None::<(i32, (f64, f64))>);

    Effect::new(move |_| {
        let Some(cv) = canvas.get() else {
            return;
        };
        let css = width.get();
        if css < 16.0 {
            return;
        }
        let Some(sampled) = state.sampled.get() else {
            return;
        };
        let values = state.values.get();
        let camera = state.camera.get();
        let theme = Theme::for_dark_mode(state.dark.get());
        let plane = state.show_plane.get();
        let dpr = fit_square_canvas(&cv, css);
        if let Some(backend) = CanvasBackend::with_canvas_object(cv) {
            let area = backend.into_drawing_area();
            paint_surface(
                &area,
                &camera,
                &sampled.surface,
                &sampled.scale,
                values.as_ref(),
                plane,
                &theme,
                dpr,
            );
        }
    });

    let touch = PlotTouch::new(canvas);
    let on_down = move |ev: web_sys::PointerEvent| {
        if ev.pointer_type() == "mouse" && ev.button() != 0 {
            return;
        }
        // A finger on a resting surface may be a swipe that scrolls the page.
        if touch.down(&ev) == Touch::Ignore {
            return;
        }
        ev.prevent_default();
        if let Some(cv) = canvas.get_untracked() {
            let _ = cv.set_pointer_capture(ev.pointer_id());
            let _ = cv.focus();
        }
        drag.set_value(Some((
            ev.pointer_id(),
            (ev.client_x() as f64, ev.client_y() as f64),
        )));
    };
    let on_move = move |ev: web_sys::PointerEvent| {
        if touch.moved(&ev) == Touch::Ignore {
            return;
        }
        let Some((id, last)) = drag.get_value() else {
            return;
        };
        if id != ev.pointer_id() {
            return;
        }
        let now = (ev.client_x() as f64, ev.client_y() as f64);
        drag.set_value(Some((id, now)));
        state
            .camera
            .update(|c| c.rotate(now.0 - last.0, now.1 - last.1));
    };
    let on_up = move |ev: web_sys::PointerEvent| {
        // The tap that wakes the surface only wakes it.
        touch.up(&ev);
        drag.set_value(None);
    };
    let on_key = move |ev: web_sys::KeyboardEvent| {
        let d = match ev.key().as_str() {
            "ArrowLeft" => (-10.0, 0.0),
            "ArrowRight" => (10.0, 0.0),
            "ArrowUp" => (0.0, -10.0),
            "ArrowDown" => (0.0, 10.0),
            _ => return,
        };
        ev.prevent_default();
        state.camera.update(|c| c.rotate(d.0, d.1));
    };
    let summary = move || {
        state
            .values
            .with(|v| {
                v.as_ref().map(|v| {
                    format!(
                        "On the surface at {}: height {}, slope along x {}, slope along y {}.",
                        v.point_text(),
                        format_value(v.f),
                        format_value(v.fx),
                        format_value(v.fy)
                    )
                })
            })
            .unwrap_or_default()
    };

    view! {
        <figure class="fx-plot fx-surface" node_ref=container>
            <canvas
                node_ref=canvas
                class="fx-canvas touch-scroll"
                class:touch-awake=move || touch.awake()
                tabindex="0"
                role="img"
                aria-label="Surface z = f(x, y) with the selected point, the slices x = x₀ and y = y₀ and the tangent plane"
                on:pointerdown=on_down
                on:pointermove=on_move
                on:pointerup=on_up
                on:pointercancel=on_up
                on:keydown=on_key
            ></canvas>
            <figcaption class="fx-caption">
                "Surface: "
                <span class="fx-key fx-key-y">"slice y = y₀ (slope ∂f/∂x)"</span>
                ", "
                <span class="fx-key fx-key-x">"slice x = x₀ (slope ∂f/∂y)"</span>
            </figcaption>
            <TouchHint touch=touch name="surface" does="drag to turn it"/>
            <p class="sr-only" aria-live="polite">{summary}</p>
        </figure>
    }
}
