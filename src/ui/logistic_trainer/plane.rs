//! The trainer's plane: the probability p as a tint, the points, the decision boundary and
//! light axes, painted as one RGBA buffer (one `putImageData`) plus plotters lines. A click
//! or tap reports where it landed in the plane.

use std::sync::Arc;

use leptos::html;
use leptos::prelude::*;
use plotters::prelude::IntoDrawingArea;
use plotters_canvas::CanvasBackend;
use wasm_bindgen::Clamped;
use web_sys::ImageData;

use crate::models::dataset::LabeledPoint;
use crate::models::logistic::Weights;
use crate::plot::classifier::{
    draw_boundary_line, draw_plane_axes, marker_radius, render_probability_rgba, stamp_points_rgba,
    ClassColors,
};
use crate::plot::{Grid, Theme, View};
use crate::ui::explorer::browser::{
    context_2d, fit_square_canvas, sized_canvas, use_element_width, use_prefers_dark,
};

/// Samples of p per side of the probability grid (bilinear between them).
const GRID_N: usize = 64;

/// Draws the plane and returns the view used (backing-store pixels).
fn paint(
    cv: &web_sys::HtmlCanvasElement,
    points: &[LabeledPoint],
    weights: &Weights,
    window: ((f64, f64), (f64, f64)),
    theme: &Theme,
    dpr: f64,
) -> Option<View> {
    let (w, h) = (cv.width() as usize, cv.height() as usize);
    if w < 8 || h < 8 {
        return None;
    }
    let view = View::new(w as f64, h as f64, window.0, window.1);
    let ctx = context_2d(cv)?;
    let grid = Grid::from_fn(window.0, window.1, GRID_N, GRID_N, |x, y| {
        weights.probability([x, y])
    });
    let colors = ClassColors::for_theme(theme);
    let mut buf = vec![0u8; w * h * 4];
    render_probability_rgba(&grid, &colors, theme.background, w, h, &mut buf).ok()?;
    let marks: Vec<([f64; 2], bool)> = points.iter().map(|p| (p.x, p.label)).collect();
    let radius = marker_radius(points.len(), dpr);
    stamp_points_rgba(&mut buf, w, h, &view, &marks, radius, &colors).ok()?;
    let img =
        ImageData::new_with_u8_clamped_array_and_sh(Clamped(&buf[..]), w as u32, h as u32).ok()?;
    ctx.put_image_data(&img, 0.0, 0.0).ok()?;
    let area = CanvasBackend::with_canvas_object(cv.clone())?.into_drawing_area();
    let font = (11.0 * dpr).round() as u32;
    let _ = draw_plane_axes(&area, &view, theme, font);
    if let Some((on, dir)) = weights.boundary() {
        let _ = draw_boundary_line(&area, &view, on, dir, theme, (3.0 * dpr).round() as u32);
    }
    let _ = area.present();
    Some(view)
}

/// The plane canvas. `on_click` gets the plane coordinates of a click or tap.
#[component]
pub fn ClassifierPlane(
    /// The labelled points.
    #[prop(into)]
    points: Signal<Arc<Vec<LabeledPoint>>>,
    /// The weights whose p is shown.
    #[prop(into)]
    weights: Signal<Weights>,
    /// The part of the plane shown.
    #[prop(into)]
    window: Signal<((f64, f64), (f64, f64))>,
    /// Called with `[x1, x2]` where the learner clicked.
    on_click: Callback<[f64; 2]>,
    /// The canvas's accessible description (what the picture shows, in numbers).
    #[prop(into)]
    description: Signal<String>,
) -> impl IntoView {
    let container = NodeRef::<html::Div>::new();
    let canvas = NodeRef::<html::Canvas>::new();
    let width = use_element_width(container);
    let dark = use_prefers_dark();
    let drawn = StoredValue::new(None::<View>);
    Effect::new(move |_| {
        let Some((cv, css)) = sized_canvas(canvas, width) else {
            return;
        };
        let dpr = fit_square_canvas(&cv, css);
        let theme = Theme::for_dark_mode(dark.get());
        let w = weights.get();
        let win = window.get();
        let view = points.with(|p| paint(&cv, p, &w, win, &theme, dpr));
        drawn.set_value(view);
    });
    let click = move |ev: web_sys::MouseEvent| {
        let (Some(cv), Some(view)) = (canvas.get_untracked(), drawn.get_value()) else {
            return;
        };
        let r = cv.get_bounding_client_rect();
        if r.width() <= 0.0 || r.height() <= 0.0 {
            return;
        }
        let sx = cv.width() as f64 / r.width();
        let sy = cv.height() as f64 / r.height();
        let px = (f64::from(ev.client_x()) - r.left()) * sx;
        let py = (f64::from(ev.client_y()) - r.top()) * sy;
        let (x, y) = view.to_world((px, py));
        if x.is_finite() && y.is_finite() {
            on_click.run([x, y]);
        }
    };
    view! {
        <div class="classifier-plane" node_ref=container>
            <canvas
                node_ref=canvas
                role="img"
                data-testid="classifier-plane"
                aria-label=move || description.get()
                style:width="100%"
                style:height=move || format!("{}px", width.get().max(1.0).round())
                style:display="block"
                on:click=click
            ></canvas>
        </div>
    }
}
