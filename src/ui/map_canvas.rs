//! A square contour map that lessons' widgets draw on: a heatmap of a sampled grid (or a
//! map of classes, such as where a Hessian is positive definite) put in one
//! `putImageData`, contours and axes through plotters, then the widget's own overlay
//! (paths, a point, axes of curvature). A click or tap picks a point of the plane; arrow
//! keys move the picked point when the map has focus. What the grid and the contours are is
//! computed once per function by [`MapLayers::new`], not on every redraw.

use std::sync::Arc;

use leptos::html;
use leptos::prelude::*;

use plotters::coord::Shift;
use plotters::prelude::{DrawingArea, IntoDrawingArea};
use plotters_canvas::CanvasBackend;
use wasm_bindgen::Clamped;
use web_sys::ImageData;

use super::explorer::browser::{
    context_2d, fit_square_canvas, sized_canvas, use_element_width, use_prefers_dark,
};
use super::explorer::scene::{draw_axes, plot_view};
use super::explorer::PlotWindow;
use crate::plot::{
    choose_levels, compute_contours, draw_contours, render_cells_rgba,
    render_heatmap_rgba_with_hole, Cells, ColorScale, ContourStyle, Contours, Grid, Spacing, Theme,
    View,
};
use crate::ui::plot_touch::{PlotTouch, Touch, TouchHint};

/// About how many contour levels a map draws.
const LEVELS: usize = 12;
/// The contours are traced on a grid of at most this many samples a side.
const CONTOUR_N: usize = 96;

/// A map of classes painted instead of the heatmap: one class per cell of `nx × ny`
/// (row 0 at the bottom), class k painted `palette[k]`.
#[derive(Clone, Debug, PartialEq)]
pub struct ClassMap {
    /// One class per cell, `None` where there is none.
    pub classes: Vec<Option<u8>>,
    /// Cells along x.
    pub nx: usize,
    /// Cells along y.
    pub ny: usize,
    /// RGBA per class.
    pub palette: Vec<[u8; 4]>,
}

/// What a map shows under its overlay: a grid of values over the window, its colours and
/// contours, and optionally a class map painted instead of the colours.
#[derive(Clone, Debug, PartialEq)]
pub struct MapLayers {
    /// The values (their x and y ranges are the window shown).
    pub grid: Grid,
    /// Colours of the values (robust to poles and outliers).
    pub scale: ColorScale,
    /// The contour lines.
    pub contours: Contours,
    /// How the levels and colours are spaced (even unless one band would hold most of the
    /// map; see [`choose_levels`]); the map says so under the picture.
    pub spacing: Spacing,
    /// Painted instead of the heatmap when present.
    pub classes: Option<ClassMap>,
}

impl MapLayers {
    /// Colours and contours for `grid`, with levels chosen from how its values are spread,
    /// as the explorer chooses them, so a fast-growing loss stays readable.
    pub fn new(grid: Grid) -> MapLayers {
        let coarse = grid.downsampled(CONTOUR_N);
        let choice = choose_levels(&coarse.values, LEVELS);
        let contours = compute_contours(&coarse, &choice.levels);
        MapLayers {
            grid,
            scale: choice.scale,
            contours,
            spacing: choice.spacing,
            classes: None,
        }
    }

    /// The window the grid covers.
    pub fn window(&self) -> PlotWindow {
        PlotWindow {
            x: self.grid.x,
            y: self.grid.y,
        }
    }
}

/// `n` evenly spaced numbers from `r.0` to `r.1`.
pub fn linspace(r: (f64, f64), n: usize) -> Vec<f64> {
    let d = if n > 1 {
        (r.1 - r.0) / (n - 1) as f64
    } else {
        0.0
    };
    (0..n).map(|i| r.0 + d * i as f64).collect()
}

fn paint(
    canvas: &web_sys::HtmlCanvasElement,
    layers: &MapLayers,
    theme: &Theme,
    dpr: f64,
) -> Option<(DrawingArea<CanvasBackend, Shift>, View)> {
    let (w, h) = (canvas.width(), canvas.height());
    let view = plot_view(w as f64, h as f64, dpr, &layers.window());
    let ctx = context_2d(canvas)?;
    let area = CanvasBackend::with_canvas_object(canvas.clone())?.into_drawing_area();
    let bg = theme.background;
    let _ = area.fill(&bg);
    if view.is_drawable() {
        let (pw, ph) = (view.width as usize, view.height as usize);
        let mut buf = vec![0u8; pw * ph * 4];
        let hole = [bg.0, bg.1, bg.2, 255];
        let painted = match &layers.classes {
            Some(c) => {
                let cells = Cells {
                    classes: &c.classes,
                    nx: c.nx,
                    ny: c.ny,
                };
                render_cells_rgba(&cells, &c.palette, pw, ph, &mut buf, hole)
            }
            None => {
                render_heatmap_rgba_with_hole(&layers.grid, &layers.scale, pw, ph, &mut buf, hole)
            }
        };
        if painted.is_ok() {
            if let Ok(img) =
                ImageData::new_with_u8_clamped_array_and_sh(Clamped(&buf[..]), pw as u32, ph as u32)
            {
                let _ = ctx.put_image_data(&img, view.left, view.top);
            }
        }
        let k = dpr.clamp(0.5, 4.0);
        let _ = draw_axes(&area, &view, theme, k);
        let style = ContourStyle {
            width: (k.round() as u32).max(1),
            font_px: (10.0 * k).round() as u32,
            color: layers.classes.as_ref().map(|_| theme.foreground),
            opacity: if layers.classes.is_some() { 0.45 } else { 0.85 },
            ..ContourStyle::default()
        };
        let _ = draw_contours(&area, &view, &layers.contours, theme, &style);
    }
    Some((area, view))
}

/// The pixel under a pointer event, in the canvas's backing-store pixels; `None` while the
/// canvas has no size on the page.
pub fn event_pixel(
    cv: &web_sys::HtmlCanvasElement,
    ev: &web_sys::MouseEvent,
) -> Option<(f64, f64)> {
    let r = cv.get_bounding_client_rect();
    if r.width() <= 0.0 || r.height() <= 0.0 {
        return None;
    }
    Some((
        (ev.client_x() as f64 - r.left()) * cv.width() as f64 / r.width(),
        (ev.client_y() as f64 - r.top()) * cv.height() as f64 / r.height(),
    ))
}

/// The point of the plane at pixel `px` of a map drawn through `view`: `None` outside the
/// plot area (on the axes or the margin) or where the view gives no finite point.
pub fn pixel_point(view: &View, px: (f64, f64)) -> Option<(f64, f64)> {
    if !view.contains_pixel(px) {
        return None;
    }
    let (x, y) = view.to_world(px);
    (x.is_finite() && y.is_finite()).then_some((x, y))
}

/// The point of the plane under a pointer event on a map's canvas (see [`pixel_point`]).
pub fn event_point(
    cv: &web_sys::HtmlCanvasElement,
    view: &View,
    ev: &web_sys::MouseEvent,
) -> Option<(f64, f64)> {
    pixel_point(view, event_pixel(cv, ev)?)
}

/// Where an arrow key moves a picked point `from`: a fortieth of the window (five times
/// that with Shift), kept inside the window. `None` for any other key.
pub fn arrow_move(view: &View, key: &str, shift: bool, from: (f64, f64)) -> Option<(f64, f64)> {
    let (sx, sy) = ((view.x.1 - view.x.0) / 40.0, (view.y.1 - view.y.0) / 40.0);
    let m = if shift { 5.0 } else { 1.0 };
    let d = match key {
        "ArrowLeft" => (-sx, 0.0),
        "ArrowRight" => (sx, 0.0),
        "ArrowUp" => (0.0, sy),
        "ArrowDown" => (0.0, -sy),
        _ => return None,
    };
    let clamp = |v: f64, r: (f64, f64)| v.clamp(r.0.min(r.1), r.0.max(r.1));
    Some((
        clamp(from.0 + d.0 * m, view.x),
        clamp(from.1 + d.1 * m, view.y),
    ))
}

/// Whether a press picks at once: a mouse's main button or a pen does; a finger picks on a
/// tap instead (see [`PlotTouch`]), so a swipe scrolls the page.
pub fn picks_on_down(touch: &PlotTouch, ev: &web_sys::PointerEvent) -> bool {
    if ev.pointer_type() == "mouse" && ev.button() != 0 {
        return false;
    }
    touch.down(ev) == Touch::Pass
}

/// A square, focusable contour map with an overlay drawn by the widget.
#[component]
pub fn MapCanvas<F>(
    /// The grid, colours and contours; nothing is drawn while it is `None`.
    #[prop(into)]
    layers: Signal<Option<Arc<MapLayers>>>,
    /// Draws the widget's layers on top (it may read signals, and runs again when they
    /// change): the drawing area, the plot's world ↔ pixel view, the colours and the
    /// device pixel ratio.
    overlay: F,
    /// Called with the point of the plane the learner clicks, taps or moves to with the
    /// arrow keys.
    #[prop(optional)]
    on_pick: Option<Callback<(f64, f64)>>,
    /// The point the arrow keys move from.
    #[prop(optional, into)]
    picked: Option<Signal<(f64, f64)>>,
    /// The canvas's accessible name.
    #[prop(into)]
    label: Signal<String>,
    /// What the picture shows, in words and numbers, for screen readers.
    #[prop(into)]
    description: Signal<String>,
    /// The caption under the map.
    #[prop(into)]
    caption: String,
    /// Extra class on the figure.
    #[prop(optional, into)]
    class: String,
) -> impl IntoView
where
    F: Fn(&DrawingArea<CanvasBackend, Shift>, &View, &Theme, f64) + 'static,
{
    let container = NodeRef::<html::Figure>::new();
    let canvas = NodeRef::<html::Canvas>::new();
    let width = use_element_width(container);
    let dark = use_prefers_dark();
    let drawn = StoredValue::new(None::<View>);
    Effect::new(move |_| {
        let Some((cv, css)) = sized_canvas(canvas, width) else {
            return;
        };
        let Some(layers) = layers.get() else {
            return;
        };
        let theme = Theme::for_dark_mode(dark.get());
        let dpr = fit_square_canvas(&cv, css);
        if let Some((area, view)) = paint(&cv, &layers, &theme, dpr) {
            overlay(&area, &view, &theme, dpr);
            let _ = area.present();
            drawn.set_value(Some(view));
        }
    });
    let touch = PlotTouch::taps_only();
    let pick_at = move |ev: &web_sys::MouseEvent| {
        let (Some(cv), Some(view), Some(cb)) = (canvas.get_untracked(), drawn.get_value(), on_pick)
        else {
            return;
        };
        if let Some(p) = event_point(&cv, &view, ev) {
            cb.run(p);
        }
    };
    let on_key = move |ev: web_sys::KeyboardEvent| {
        let (Some(cb), Some(p), Some(view)) = (on_pick, picked, drawn.get_value()) else {
            return;
        };
        if let Some(next) = arrow_move(&view, &ev.key(), ev.shift_key(), p.get_untracked()) {
            ev.prevent_default();
            cb.run(next);
        }
    };
    view! {
        <figure class=format!("fx-plot map-canvas {class}") node_ref=container>
            <canvas
                node_ref=canvas
                class="fx-canvas touch-scroll"
                tabindex=if on_pick.is_some() { "0" } else { "-1" }
                role="img"
                aria-label=move || label.get()
                on:pointerdown=move |ev: web_sys::PointerEvent| {
                    if picks_on_down(&touch, &ev) {
                        pick_at(&ev);
                    }
                }
                on:pointermove=move |ev: web_sys::PointerEvent| {
                    touch.moved(&ev);
                }
                on:pointerup=move |ev: web_sys::PointerEvent| {
                    if touch.up(&ev) == Touch::Tap {
                        pick_at(&ev);
                    }
                }
                on:pointercancel=move |ev: web_sys::PointerEvent| {
                    touch.up(&ev);
                }
                on:keydown=on_key
            ></canvas>
            <figcaption class="fx-caption">
                {caption}
                {move || {
                    layers
                        .with(|l| l.as_ref().map(|l| l.spacing.note()))
                        .filter(|n| !n.is_empty())
                        .map(|n| view! { <span class="fx-scale-note" data-testid="map-scale-note">" " {n}</span> })
                }}
            </figcaption>
            {on_pick.is_some().then(|| view! { <TouchHint touch=touch name="map" does="pick that point"/> })}
            <p class="visually-hidden" aria-live="polite">{move || description.get()}</p>
        </figure>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn layers_follow_their_grid() {
        let xs = linspace((-2.0, 2.0), 41);
        assert_eq!(xs.len(), 41);
        assert!((xs[20]).abs() < 1e-12 && (xs[40] - 2.0).abs() < 1e-12);
        let g = Grid::from_fn((-2.0, 2.0), (-1.0, 1.0), 41, 21, |x, y| x * x + 4.0 * y * y);
        let l = MapLayers::new(g);
        assert_eq!(l.window().x, (-2.0, 2.0));
        assert_eq!(l.window().y, (-1.0, 1.0));
        assert!(!l.contours.is_empty());
        assert!(l.scale.min >= 0.0);
    }

    #[test]
    fn picking_maps_pixels_inside_the_plot_to_points() {
        let view = View::with_area(10.0, 0.0, 100.0, 100.0, (-1.0, 1.0), (0.0, 4.0));
        assert_eq!(pixel_point(&view, (60.0, 50.0)), Some((0.0, 2.0)));
        assert_eq!(pixel_point(&view, (10.0, 100.0)), Some((-1.0, 0.0)));
        assert_eq!(
            pixel_point(&view, (5.0, 50.0)),
            None,
            "the margin picks nothing"
        );
        assert_eq!(pixel_point(&view, (60.0, f64::NAN)), None);
    }

    #[test]
    fn arrow_keys_step_a_fortieth_and_stay_in_the_window() {
        let view = View::new(100.0, 100.0, (-2.0, 2.0), (0.0, 8.0));
        assert_eq!(
            arrow_move(&view, "ArrowRight", false, (0.0, 1.0)),
            Some((0.1, 1.0))
        );
        assert_eq!(
            arrow_move(&view, "ArrowDown", true, (0.0, 4.0)),
            Some((0.0, 3.0))
        );
        assert_eq!(
            arrow_move(&view, "ArrowLeft", true, (-1.9, 1.0)),
            Some((-2.0, 1.0))
        );
        assert_eq!(
            arrow_move(&view, "ArrowUp", false, (0.0, 7.9)),
            Some((0.0, 8.0))
        );
        assert_eq!(arrow_move(&view, "Enter", false, (0.0, 1.0)), None);
    }

    #[test]
    fn a_fast_growing_loss_gets_levels_from_its_spread_and_says_so() {
        // e^(xy) on [−4, 4]² runs from 10⁻⁷ to 10⁷: even levels would leave nearly the whole
        // map in one band.
        let g = Grid::from_fn((-4.0, 4.0), (-4.0, 4.0), 121, 121, |x, y| (x * y).exp());
        let l = MapLayers::new(g.clone());
        assert!(matches!(l.spacing, Spacing::Log { .. }), "{:?}", l.spacing);
        assert!(!l.spacing.note().is_empty());
        let mut levels: Vec<f64> = l.contours.lines.iter().map(|c| c.level).collect();
        levels.dedup();
        let ratios: Vec<f64> = levels.windows(2).map(|w| w[1] / w[0]).collect();
        assert!(
            ratios.iter().all(|r| *r >= 2.0),
            "levels grow by ratios: {levels:?}"
        );
        let mut sorted: Vec<f64> = g.values.clone();
        sorted.sort_by(f64::total_cmp);
        let worst = crate::plot::levels::band_shares(&sorted, &levels)
            .into_iter()
            .fold(0.0, f64::max);
        assert!(worst <= 0.4, "no band holds most of the map: {worst}");
        // A bowl keeps evenly spaced levels and needs no note.
        let bowl = MapLayers::new(Grid::from_fn((-2.0, 2.0), (-2.0, 2.0), 41, 41, |x, y| {
            x * x + y * y
        }));
        assert_eq!(bowl.spacing, Spacing::Even);
        assert!(bowl.spacing.note().is_empty());
    }
}
