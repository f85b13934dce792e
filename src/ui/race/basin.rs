//! The basin map: for the chosen optimiser, how many steps it needs to converge from each of
//! 64 × 64 starts over the map's window, as a heatmap filled a few rows per animation frame
//! (`optim::BasinMap::compute_next_rows`) with a progress bar. Clicking it picks the start.

use std::sync::Arc;

use leptos::html;
use leptos::prelude::*;
use plotters::prelude::*;
use plotters_canvas::CanvasBackend;
use wasm_bindgen::Clamped;
use web_sys::ImageData;

use super::frames::{now_ms, FrameLoop};
use super::runners::Runner;
use super::RaceState;
use crate::optim::{BasinCell, BasinMap, Objective, Settings};
use crate::plot::{basin_scale, render_basin_rgba, BasinColors, BasinShade, Theme, View};
use crate::ui::explorer::browser::{context_2d, fit_square_canvas, use_element_width};
use crate::ui::explorer::PlotWindow;
use crate::ui::map_canvas::event_point;
use crate::ui::plot_touch::{PlotTouch, Touch, TouchHint};

/// Starts per side.
pub const BASIN_N: usize = 64;
/// The most steps from each start (keeps the whole map to a few seconds).
pub const BASIN_MAX_STEPS: usize = 1000;

fn shade(cell: &Option<BasinCell>) -> BasinShade {
    match cell {
        None => BasinShade::Pending,
        Some(BasinCell::Converged { steps, .. }) => BasinShade::Steps(*steps as f64),
        Some(BasinCell::Diverged { .. }) => BasinShade::Diverged,
        Some(BasinCell::NotConverged | BasinCell::Undefined) => BasinShade::NotConverged,
    }
}

/// What the map says in words once it is done.
pub fn basin_summary(map: &BasinMap, runner: Runner) -> String {
    let (ok, diverged, stuck) = map.tally();
    let steps: Vec<usize> = map
        .cells
        .iter()
        .flatten()
        .filter_map(BasinCell::steps)
        .collect();
    let median = {
        let mut s = steps.clone();
        s.sort_unstable();
        s.get(s.len() / 2).copied()
    };
    let total = map.n * map.n;
    format!(
        "Basin map of {} from {total} starts: {ok} converged{}, {diverged} diverged and {stuck} \
         ran out of steps or started where f is undefined.",
        runner.label(),
        median
            .map(|m| format!(" (half of them within {m} steps)"))
            .unwrap_or_default()
    )
}

/// The basin map with its optimiser menu, button and progress.
#[component]
pub fn BasinPanel(
    /// The function.
    #[prop(into)]
    objective: Signal<Option<Arc<Objective>>>,
    /// The part of the plane mapped.
    #[prop(into)]
    window: Signal<PlotWindow>,
    /// The race's state (optimiser settings, step limit, focus optimiser, start).
    state: RaceState,
    /// Dark colours.
    #[prop(into)]
    dark: Signal<bool>,
    /// Called with a start picked on the map.
    on_pick: Callback<(f64, f64)>,
    /// Its heading is an h2 (the race stands alone, as in an embed) rather than an h3 (the
    /// race sits under a section's h2).
    #[prop(optional)]
    top: bool,
) -> impl IntoView {
    let container = NodeRef::<html::Div>::new();
    let canvas = NodeRef::<html::Canvas>::new();
    let width = use_element_width(container);
    let frames = FrameLoop::new();
    let map = StoredValue::new(None::<BasinMap>);
    let version = RwSignal::new(0u64);
    let progress = RwSignal::new(None::<(usize, usize)>);
    let summary = RwSignal::new(String::new());
    let elapsed = RwSignal::new(None::<f64>);
    let drawn = StoredValue::new(None::<View>);

    // A different function, window, optimiser or setting makes the map stale.
    Effect::watch(
        move || {
            (
                objective.with(|o| o.as_ref().map(|o| o.expr().to_string())),
                window.get(),
                state.focus_runner(),
                state.settings(),
                state.run_settings(),
            )
        },
        move |_, _, _| {
            frames.cancel();
            map.set_value(None);
            progress.set(None);
            summary.set(String::new());
            elapsed.set(None);
            version.update(|v| *v += 1);
        },
        false,
    );

    let compute = move |_| {
        let Some(obj) = objective.get_untracked() else {
            summary.set("Type a function that parses first.".into());
            return;
        };
        let runner = untrack(|| state.focus_runner());
        let method = untrack(|| state.settings().method(runner));
        let settings = Settings {
            max_steps: untrack(|| state.run_settings().max_steps).min(BASIN_MAX_STEPS),
            ..Settings::default()
        };
        let w = window.get_untracked();
        map.set_value(Some(BasinMap::new(BASIN_N, w.x, w.y)));
        progress.set(Some((0, BASIN_N)));
        summary.set(String::new());
        let began = now_ms();
        frames.start(move || {
            let t0 = now_ms();
            let mut done = false;
            map.update_value(|m| {
                if let Some(m) = m.as_mut() {
                    while !m.is_done() && now_ms() - t0 < 14.0 {
                        m.compute_next_rows(&obj, &method, &settings, 1);
                    }
                    progress.set(Some((m.rows_done(), m.n)));
                    done = m.is_done();
                    if done {
                        summary.set(basin_summary(m, runner));
                    }
                }
            });
            version.update(|v| *v += 1);
            if done {
                elapsed.set(Some(now_ms() - began));
            }
            !done
        });
    };

    Effect::new(move |_| {
        version.track();
        let theme = Theme::for_dark_mode(dark.get());
        let css = width.get();
        let (Some(cv), true) = (canvas.get(), css >= 16.0) else {
            return;
        };
        fit_square_canvas(&cv, css);
        let (w, h) = (cv.width() as usize, cv.height() as usize);
        let win = window.get_untracked();
        let view = View::new(w as f64, h as f64, win.x, win.y);
        drawn.set_value(Some(view));
        let Some(ctx) = context_2d(&cv) else {
            return;
        };
        let bg = theme.background;
        let shades: Vec<BasinShade> = map.with_value(|m| {
            m.as_ref()
                .map(|m| m.cells.iter().map(shade).collect())
                .unwrap_or_default()
        });
        let colors = BasinColors {
            pending: [bg.0, bg.1, bg.2, 255],
            diverged: [214, 40, 40, 255],
            not_converged: [150, 150, 150, 255],
        };
        let mut buf = vec![0u8; w * h * 4];
        let scale = basin_scale(&shades);
        if render_basin_rgba(BASIN_N, &shades, &scale, &colors, w, h, &mut buf).is_ok() {
            if let Ok(img) =
                ImageData::new_with_u8_clamped_array_and_sh(Clamped(&buf[..]), w as u32, h as u32)
            {
                let _ = ctx.put_image_data(&img, 0.0, 0.0);
            }
        }
        let start = state.start.get();
        if let Some(backend) = CanvasBackend::with_canvas_object(cv) {
            let area = backend.into_drawing_area();
            let c = view.to_pixel(start);
            if view.contains_pixel(c) {
                let c = (c.0.round() as i32, c.1.round() as i32);
                let _ = area.draw(&Circle::new(c, 6, theme.background.filled()));
                let _ = area.draw(&Circle::new(c, 6, theme.foreground.stroke_width(2)));
            }
            let _ = area.present();
        }
    });

    let touch = PlotTouch::taps_only();
    let pick = move |ev: &web_sys::PointerEvent| {
        let (Some(cv), Some(view)) = (canvas.get_untracked(), drawn.get_value()) else {
            return;
        };
        if let Some(p) = event_point(&cv, &view, ev) {
            on_pick.run(p);
        }
    };
    // A mouse or pen picks on press; a finger on a tap, so a swipe scrolls the page.
    let on_down = move |ev: web_sys::PointerEvent| {
        if touch.down(&ev) == Touch::Pass {
            pick(&ev);
        }
    };
    let on_up = move |ev: web_sys::PointerEvent| {
        if touch.up(&ev) == Touch::Tap {
            pick(&ev);
        }
    };

    let focus_label = move || state.focus_runner().label();
    view! {
        <div class="race-panel race-basin">
            {if top {
                view! { <h2>"Basin map"</h2> }.into_any()
            } else {
                view! { <h3>"Basin map"</h3> }.into_any()
            }}
            <p class="widget-note">
                "For one optimiser, with its settings above: how many steps it needs from each of "
                {BASIN_N * BASIN_N} " starts on a " {BASIN_N} " × " {BASIN_N}
                " grid (at most " {BASIN_MAX_STEPS} " steps each). Dark cells converge fast, "
                "yellow ones slowly; red cells diverged, grey ones ran out of steps. Click the "
                "map to race from that start."
            </p>
            <div class="race-panel-controls">
                <label>
                    "Optimiser "
                    <select
                        aria-label="Optimiser of the basin map and the sweep"
                        prop:value=move || state.focus.get()
                        on:change=move |ev| state.focus.set(event_target_value(&ev))
                    >
                        {state
                            .offered()
                            .into_iter()
                            .map(|r| view! { <option value=r.id()>{r.label()}</option> })
                            .collect_view()}
                    </select>
                </label>
                <button type="button" class="button-secondary" on:click=compute>
                    "Compute basin map"
                </button>
            </div>
            {move || {
                progress
                    .get()
                    .map(|(a, b)| {
                        view! {
                            <progress max=b value=a aria-label="Basin map progress"></progress>
                            <span class="readout" data-testid="basin-progress">
                                {format!("{a} of {b} rows ({} %)", a * 100 / b.max(1))}
                            </span>
                        }
                    })
            }}
            <div class="race-basin-canvas" node_ref=container>
                <canvas
                    node_ref=canvas
                    role="img"
                    style:width="100%"
                    style:display="block"
                    aria-label=move || format!("Basin map of {}", focus_label())
                    class="touch-scroll"
                    on:pointerdown=on_down
                    on:pointermove=move |ev| {
                        touch.moved(&ev);
                    }
                    on:pointerup=on_up
                    on:pointercancel=on_up
                ></canvas>
                <TouchHint touch=touch name="basin map" does="race from that start"/>
            </div>
            <p class="readout" data-testid="basin-summary" aria-live="polite">
                {move || summary.get()}
                {move || elapsed.get().map(|ms| format!(" Computed in {:.1} s.", ms / 1000.0))}
            </p>
        </div>
    }
}
