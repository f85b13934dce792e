//! The 3-D surface z = f(x, y) beside the contour map: drag (or arrow keys) to turn it.
//! It shows the selected point, the slice curves x = x₀ and y = y₀ whose slopes are the
//! partial derivatives, and the tangent plane when it is switched on.

use leptos::html;
use leptos::prelude::*;
use plotters::prelude::*;
use plotters_canvas::CanvasBackend;

use std::sync::Arc;

use wasm_bindgen::JsCast;
use web_sys::HtmlCanvasElement;

use super::browser::{context_2d, fit_square_canvas, frame_callback, timed, use_element_width};
use super::sampled::Sampled;
use super::signals::ExplorerSignals;
use crate::plot::{
    draw_surface_layers, grid_slice_x, grid_slice_y, Camera, ColorScale, Grid, SurfaceOverlay,
    SurfacePass, TangentPlane, Theme,
};
use crate::tutor::analysis::PointValues;
use crate::ui::plot_touch::{PlotTouch, Touch, TouchHint};

/// Samples along each slice curve.
const SLICE_N: usize = 96;

/// Which parts of the surface [`paint_surface_parts`] paints.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Parts {
    /// Background, floor and surface: what does not follow the point.
    Base,
    /// Point, slices, tangent plane and axes, over a base painted before.
    Top,
    /// Everything.
    All,
}

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
    paint_surface_parts(
        area,
        Parts::All,
        camera,
        grid,
        scale,
        values,
        plane,
        theme,
        pixel_ratio,
    );
}

#[allow(clippy::too_many_arguments)]
fn paint_surface_parts<DB: DrawingBackend>(
    area: &DrawingArea<DB, plotters::coord::Shift>,
    parts: Parts,
    camera: &Camera,
    grid: &Grid,
    scale: &ColorScale,
    values: Option<&PointValues>,
    plane: bool,
    theme: &Theme,
    pixel_ratio: f64,
) {
    let with_top = parts != Parts::Base;
    let slice_x = values
        .filter(|_| with_top)
        .map(|v| grid_slice_x(grid, v.x, SLICE_N))
        .unwrap_or_default();
    let slice_y = values
        .filter(|_| with_top)
        .map(|v| grid_slice_y(grid, v.y, SLICE_N))
        .unwrap_or_default();
    // The point and its slices wherever f has a value; the tangent plane only where ∇f
    // exists too (not at the tip of a cone or on a crease such as |x| + y² at x = 0).
    let at = values.filter(|v| v.f.is_finite());
    let overlay = SurfaceOverlay {
        point: at.map(|v| (v.x, v.y, v.f)),
        slice_x: &slice_x,
        slice_y: &slice_y,
        tangent_plane: at
            .filter(|v| plane && v.gradient().is_some())
            .map(|v| TangentPlane {
                f: v.f,
                fx: v.fx,
                fy: v.fy,
                half_size: 0.0,
            }),
        axes: true,
        pixel_ratio,
    };
    if parts != Parts::Top {
        let _ = area.fill(&theme.background);
        let _ = draw_surface_layers(
            area,
            camera,
            grid,
            scale,
            &overlay,
            theme,
            SurfacePass::Base,
        );
    }
    if with_top {
        let _ = draw_surface_layers(area, camera, grid, scale, &overlay, theme, SurfacePass::Top);
    }
    let _ = area.present();
}

/// What the cached surface was drawn for.
struct SurfaceKey {
    sampled: Arc<Sampled>,
    camera: Camera,
    spinning: bool,
    dark: bool,
    size: (u32, u32),
}

impl SurfaceKey {
    fn matches(&self, o: &SurfaceKey) -> bool {
        Arc::ptr_eq(&self.sampled, &o.sampled)
            && self.camera == o.camera
            && self.spinning == o.spinning
            && self.dark == o.dark
            && self.size == o.size
    }
}

/// The surface canvas's offscreen base layer (background, floor, surface) and what it
/// shows: moving the point repaints only the point, slices, plane and axes over a copy.
#[derive(Default)]
struct SurfaceLayers {
    base: Option<HtmlCanvasElement>,
    key: Option<SurfaceKey>,
}

impl SurfaceLayers {
    #[allow(clippy::too_many_arguments)]
    fn draw(
        &mut self,
        canvas: &HtmlCanvasElement,
        sampled: &Arc<Sampled>,
        camera: Camera,
        spinning: bool,
        values: Option<&PointValues>,
        plane: bool,
        dark: bool,
        dpr: f64,
    ) {
        let theme = Theme::for_dark_mode(dark);
        // A third of the quads while the surface turns; the full grid once it stops.
        let grid = if spinning {
            &sampled.surface_spin
        } else {
            &sampled.surface
        };
        let size = (canvas.width(), canvas.height());
        if self.base.is_none() {
            self.base = web_sys::window()
                .and_then(|w| w.document())
                .and_then(|d| d.create_element("canvas").ok())
                .and_then(|el| el.dyn_into::<HtmlCanvasElement>().ok());
        }
        let Some(base) = self.base.clone() else {
            if let Some(backend) = CanvasBackend::with_canvas_object(canvas.clone()) {
                let area = backend.into_drawing_area();
                let (s, v) = (&sampled.scale, values);
                paint_surface(&area, &camera, grid, s, v, plane, &theme, dpr);
            }
            return;
        };
        let key = SurfaceKey {
            sampled: Arc::clone(sampled),
            camera,
            spinning,
            dark,
            size,
        };
        if !self.key.as_ref().is_some_and(|k| k.matches(&key)) {
            if (base.width(), base.height()) != size {
                base.set_width(size.0);
                base.set_height(size.1);
            }
            let Some(backend) = CanvasBackend::with_canvas_object(base.clone()) else {
                return;
            };
            let area = backend.into_drawing_area();
            let s = &sampled.scale;
            paint_surface_parts(
                &area,
                Parts::Base,
                &camera,
                grid,
                s,
                None,
                plane,
                &theme,
                dpr,
            );
            self.key = Some(key);
        }
        let Some(ctx) = context_2d(canvas) else {
            return;
        };
        let _ = ctx.draw_image_with_html_canvas_element(&base, 0.0, 0.0);
        if let Some(backend) = CanvasBackend::with_canvas_object(canvas.clone()) {
            let area = backend.into_drawing_area();
            let s = &sampled.scale;
            paint_surface_parts(
                &area,
                Parts::Top,
                &camera,
                grid,
                s,
                values,
                plane,
                &theme,
                dpr,
            );
        }
    }
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

    // One redraw per animation frame, the surface itself only when the camera, function,
    // window, theme or size changed (see `SurfaceLayers`).
    let spinning = RwSignal::new(false);
    let layers = StoredValue::new_local(SurfaceLayers::default());
    let redraw = frame_callback(move || {
        let Some(cv) = canvas.get_untracked() else {
            return;
        };
        let Some(css) = width.try_get_untracked() else {
            return;
        };
        if css < 16.0 {
            return;
        }
        let Some(Some(sampled)) = state.sampled.try_get_untracked() else {
            return;
        };
        let (Some(values), Some(camera), Some(dark), Some(plane), Some(spin), Some(zoom)) = (
            state.values.try_get_untracked(),
            state.camera.try_get_untracked(),
            state.dark.try_get_untracked(),
            state.show_plane.try_get_untracked(),
            spinning.try_get_untracked(),
            state.coarse.try_get_untracked(),
        ) else {
            return;
        };
        // Turning it, or zooming the map: the coarser surface until the gesture rests.
        let spin = spin || zoom;
        let plane = state.parts.tangent_plane && plane;
        let dpr = fit_square_canvas(&cv, css);
        timed("nabla:surface", || {
            layers.try_update_value(|l| {
                l.draw(
                    &cv,
                    &sampled,
                    camera,
                    spin,
                    values.as_ref(),
                    plane,
                    dark,
                    dpr,
                )
            })
        });
    });
    Effect::new(move |_| {
        width.track();
        state.sampled.track();
        state.values.track();
        state.camera.track();
        state.dark.track();
        state.show_plane.track();
        spinning.track();
        state.coarse.track();
        redraw();
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
        spinning.set(true);
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
        spinning.set(false);
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
                        v.f_text(),
                        v.fx_text(),
                        v.fy_text()
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
                aria-label=state.parts.surface_label()
                on:pointerdown=on_down
                on:pointermove=on_move
                on:pointerup=on_up
                on:pointercancel=on_up
                on:keydown=on_key
            ></canvas>
            <figcaption class="fx-caption">
                "Surface: "
                <span class="fx-key fx-key-y">
                    {if state.parts.partials { "slice y = y₀ (slope ∂f/∂x)" } else { "slice y = y₀" }}
                </span>
                ", "
                <span class="fx-key fx-key-x">
                    {if state.parts.partials { "slice x = x₀ (slope ∂f/∂y)" } else { "slice x = x₀" }}
                </span>
            </figcaption>
            <TouchHint touch=touch name="surface" does="drag to turn it"/>
            <p class="sr-only" aria-live="polite">{summary}</p>
        </figure>
    }
}
