//! The race's contour map: the explorer's heatmap and contours of f, with every runner's
//! path drawn over it (`plot::draw_race_paths`). A click or tap sets the start; the arrow
//! keys move it and Enter starts the race when the map has focus.

use std::sync::Arc;

use leptos::html;
use leptos::prelude::*;

use plotters::prelude::IntoDrawingArea;
use plotters_canvas::CanvasBackend;

use crate::plot::{draw_race_paths, RacePath, Theme, View};
use crate::ui::explorer::browser::{fit_square_canvas, use_element_width};
use crate::ui::explorer::canvas_draw::draw_contour_canvas;
use crate::ui::explorer::scene::Scene;
use crate::ui::explorer::Sampled;
use crate::ui::plot_touch::{PlotTouch, Touch, TouchHint};

/// One path to draw: the points shown so far, the colour, and whether it blew up.
#[derive(Clone, Debug, PartialEq)]
pub struct DrawnPath {
    /// Points shown so far.
    pub points: Vec<(f64, f64)>,
    /// Colour index (the runner's place in the menu).
    pub color: usize,
    /// Whether to mark a blow-up at its end.
    pub diverged: bool,
}

/// The pixel under a pointer event, in the canvas's backing-store pixels.
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

/// The map with the paths.
#[component]
pub fn RaceMap(
    /// f sampled over the window.
    #[prop(into)]
    sampled: Signal<Option<Arc<Sampled>>>,
    /// The paths, as far as they are shown.
    #[prop(into)]
    paths: Signal<Vec<DrawnPath>>,
    /// The start (drawn as a ring when no path is shown).
    #[prop(into)]
    start: Signal<(f64, f64)>,
    /// Dark colours.
    #[prop(into)]
    dark: Signal<bool>,
    /// Called with a new start picked on the map, and whether to race from it at once.
    on_pick: Callback<((f64, f64), bool)>,
    /// Called when Enter is pressed on the map.
    on_run: Callback<()>,
    /// What the map shows, in words (its accessible name).
    #[prop(into)]
    label: Signal<String>,
) -> impl IntoView {
    let container = NodeRef::<html::Figure>::new();
    let canvas = NodeRef::<html::Canvas>::new();
    let width = use_element_width(container);
    let drawn = StoredValue::new(None::<View>);

    Effect::new(move |_| {
        let Some(cv) = canvas.get() else {
            return;
        };
        let css = width.get();
        if css < 16.0 {
            return;
        }
        let Some(sampled) = sampled.get() else {
            return;
        };
        let theme = Theme::for_dark_mode(dark.get());
        let dpr = fit_square_canvas(&cv, css);
        let scene = Scene {
            point: None,
            theme,
            arrows: false,
            path: &[],
            dpr,
        };
        let Some(view) = draw_contour_canvas(&cv, &sampled, &scene) else {
            return;
        };
        drawn.set_value(Some(view));
        let paths = paths.get();
        let start = [start.get()];
        let mut race: Vec<RacePath> = paths
            .iter()
            .map(|p| RacePath {
                points: &p.points,
                color: crate::plot::race_color(p.color),
                diverged: p.diverged,
            })
            .collect();
        if race.is_empty() {
            race.push(RacePath {
                points: &start,
                color: theme.foreground,
                diverged: false,
            });
        }
        if let Some(backend) = CanvasBackend::with_canvas_object(cv) {
            let area = backend.into_drawing_area();
            let _ = draw_race_paths(&area, &view, &race, &theme, dpr);
            let _ = area.present();
        }
    });

    let touch = PlotTouch::taps_only();
    let pick = move |ev: &web_sys::PointerEvent| {
        let (Some(cv), Some(view)) = (canvas.get_untracked(), drawn.get_value()) else {
            return;
        };
        let Some(px) = event_pixel(&cv, ev) else {
            return;
        };
        if !view.contains_pixel(px) {
            return;
        }
        let (x, y) = view.to_world(px);
        if x.is_finite() && y.is_finite() {
            on_pick.run(((x, y), true));
        }
    };
    // A mouse or pen picks on press; a finger picks on a tap, so a swipe scrolls the page.
    let on_down = move |ev: web_sys::PointerEvent| {
        if ev.pointer_type() == "mouse" && ev.button() != 0 {
            return;
        }
        if touch.down(&ev) == Touch::Pass {
            pick(&ev);
        }
    };
    let on_up = move |ev: web_sys::PointerEvent| {
        if touch.up(&ev) == Touch::Tap {
            pick(&ev);
        }
    };
    let on_key = move |ev: web_sys::KeyboardEvent| {
        let Some(view) = drawn.get_value() else {
            return;
        };
        let (sx, sy) = ((view.x.1 - view.x.0) / 40.0, (view.y.1 - view.y.0) / 40.0);
        let m = if ev.shift_key() { 5.0 } else { 1.0 };
        let step = match ev.key().as_str() {
            "ArrowLeft" => (-sx, 0.0),
            "ArrowRight" => (sx, 0.0),
            "ArrowUp" => (0.0, sy),
            "ArrowDown" => (0.0, -sy),
            "Enter" | " " => {
                ev.prevent_default();
                on_run.run(());
                return;
            }
            _ => return,
        };
        ev.prevent_default();
        let p = start.get_untracked();
        let clamp = |v: f64, r: (f64, f64)| v.clamp(r.0.min(r.1), r.0.max(r.1));
        let next = (
            clamp(p.0 + step.0 * m, view.x),
            clamp(p.1 + step.1 * m, view.y),
        );
        on_pick.run((next, false));
    };

    view! {
        <figure class="race-map" node_ref=container>
            <canvas
                node_ref=canvas
                class="race-canvas touch-scroll"
                tabindex="0"
                role="img"
                aria-label=move || label.get()
                on:pointerdown=on_down
                on:pointermove=move |ev| {
                    touch.moved(&ev);
                }
                on:pointerup=on_up
                on:pointercancel=on_up
                on:keydown=on_key
            ></canvas>
            <figcaption class="fx-caption">
                "Contour map of f. Click or tap to start the race there; with the map focused, "
                "arrow keys move the start and Enter races."
            </figcaption>
            <TouchHint touch=touch name="map" does="start the race there"/>
        </figure>
    }
}
