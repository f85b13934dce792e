//! The race's contour map: the explorer's heatmap and contours of f, with every runner's
//! path drawn over it (`plot::draw_race_paths`). A click or tap sets the start; the arrow
//! keys move it and Enter starts the race when the map has focus.

use std::sync::Arc;

use leptos::html;
use leptos::prelude::*;

use plotters::prelude::IntoDrawingArea;
use plotters_canvas::CanvasBackend;

use crate::plot::{draw_race_paths, RacePath, Theme, View};
use crate::ui::explorer::browser::{fit_square_canvas, sized_canvas, use_element_width};
use crate::ui::explorer::canvas_draw::draw_contour_canvas;
use crate::ui::explorer::scene::Scene;
use crate::ui::explorer::Sampled;
use crate::ui::map_canvas::{arrow_move, event_point, picks_on_down};
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
        let Some((cv, css)) = sized_canvas(canvas, width) else {
            return;
        };
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
            parts: crate::tutor::disclosure::ExplorerParts::ALL,
            direction: None,
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
                color: crate::plot::race_color(p.color, &theme),
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
        if let Some(p) = event_point(&cv, &view, ev) {
            on_pick.run((p, true));
        }
    };
    let on_down = move |ev: web_sys::PointerEvent| {
        if picks_on_down(&touch, &ev) {
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
        if matches!(ev.key().as_str(), "Enter" | " ") {
            ev.prevent_default();
            on_run.run(());
        } else if let Some(next) =
            arrow_move(&view, &ev.key(), ev.shift_key(), start.get_untracked())
        {
            ev.prevent_default();
            on_pick.run((next, false));
        }
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
