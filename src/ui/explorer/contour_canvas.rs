//! The contour map: heatmap, contours, gradient field, the selected point with its level
//! curve, tangent and gradient arrow. Click or drag moves the point, arrow keys move it
//! when the canvas has focus, the wheel or a pinch zooms about the pointer, Shift- or
//! Alt-drag pans, and hovering shows the coordinates and f there.

use std::time::Duration;

use leptos::html;
use leptos::leptos_dom::helpers::TimeoutHandle;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

use super::browser::{
    fit_square_canvas, frame_callback, timed, use_element_width, use_non_passive_listener,
};
use super::canvas_draw::ContourLayers;
use super::gesture::{Action, Gestures};
use super::scene::{arrow_note, point_arrows, PointArrows, Scene};
use super::signals::ExplorerSignals;
use crate::plot::{visible_prefix, Theme, View};
use crate::tutor::format::format_value;
use crate::ui::plot_touch::{PlotTouch, Touch, TouchHint};

/// How long the window must rest after a zoom or pan before it is sampled at full
/// resolution again.
const REFINE_AFTER: Duration = Duration::from_millis(180);

/// The interactive contour map of the explorer.
#[component]
pub fn ContourCanvas(
    /// The explorer's state.
    state: ExplorerSignals,
) -> impl IntoView {
    let container = NodeRef::<html::Figure>::new();
    let canvas = NodeRef::<html::Canvas>::new();
    let width = use_element_width(container);
    let drawn = StoredValue::new(None::<View>);
    let gestures = StoredValue::new(Gestures::default());
    let hover = RwSignal::new(None::<(f64, f64)>);
    let touch = PlotTouch::new(canvas);
    // The arrows at the point as last drawn, for the caption and the screen-reader text.
    let arrows = RwSignal::new(PointArrows::default());

    // The drawing waits for the next animation frame, so a burst of pointer events, or a
    // point and a window changing together, gives one redraw; moving only the point
    // repaints only its layers over the cached heatmap, contours and arrows.
    let layers = StoredValue::new_local(ContourLayers::default());
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
        let (Some(path), Some(frame), Some(point), Some(dark), Some(field)) = (
            state.path.try_get_untracked(),
            state.path_frame.try_get_untracked(),
            state.values.try_get_untracked(),
            state.dark.try_get_untracked(),
            state.show_field.try_get_untracked(),
        ) else {
            return;
        };
        let direction = state.direction.and_then(|d| d.try_get_untracked());
        let dpr = fit_square_canvas(&cv, css);
        let scene = Scene {
            point,
            theme: Theme::for_dark_mode(dark),
            arrows: state.parts.field && field,
            path: visible_prefix(&path, frame),
            dpr,
            parts: state.parts,
            direction,
        };
        let view = timed("nabla:contour", || {
            layers
                .try_update_value(|l| l.draw(&cv, &sampled, &scene))
                .flatten()
        });
        if let Some(view) = view {
            drawn.try_set_value(Some(view));
            let now = point_arrows(&view, &scene);
            if arrows.try_get_untracked().is_some_and(|a| a != now) {
                arrows.try_set(now);
            }
        }
    });
    Effect::new(move |_| {
        width.track();
        state.sampled.track();
        state.path.track();
        state.path_frame.track();
        state.values.track();
        state.dark.track();
        state.show_field.track();
        if let Some(d) = state.direction {
            d.track();
        }
        redraw();
    });

    // Canvas pixel under a pointer (the backing store is scaled by devicePixelRatio).
    let to_px = move |ev: &web_sys::MouseEvent| -> Option<(f64, f64)> {
        let cv = canvas.get_untracked()?;
        let r = cv.get_bounding_client_rect();
        if r.width() <= 0.0 || r.height() <= 0.0 {
            return None;
        }
        let (kx, ky) = (
            cv.width() as f64 / r.width(),
            cv.height() as f64 / r.height(),
        );
        Some((
            (ev.client_x() as f64 - r.left()) * kx,
            (ev.client_y() as f64 - r.top()) * ky,
        ))
    };
    // While a zoom or pan gesture changes the window, sample coarsely; once it has rested
    // for a moment, sample at full resolution again.
    let rest = StoredValue::new_local(None::<TimeoutHandle>);
    let settle = Callback::new(move |()| {
        if !state.coarse.get_untracked() {
            state.coarse.set(true);
        }
        if let Some(Some(h)) = rest.try_get_value() {
            h.clear();
        }
        let handle = set_timeout_with_handle(
            move || {
                state.coarse.try_set(false);
            },
            REFINE_AFTER,
        )
        .ok();
        rest.try_set_value(handle);
    });
    on_cleanup(move || {
        if let Some(Some(h)) = rest.try_get_value() {
            h.clear();
        }
    });
    let current_view = move || {
        let view = drawn.get_value()?;
        Some(state.window.get_untracked().in_view(&view))
    };
    let apply = move |action: Action| {
        let Some(view) = current_view() else {
            return;
        };
        let win = state.window.get_untracked();
        match action {
            Action::None => {}
            Action::Select(px) => {
                let (x, y) = view.to_world(px);
                let clamp = |v: f64, r: (f64, f64)| v.clamp(r.0.min(r.1), r.0.max(r.1));
                if x.is_finite() && y.is_finite() {
                    state.point.set((clamp(x, win.x), clamp(y, win.y)));
                }
            }
            Action::Pan(dx, dy) => {
                settle.run(());
                state.window.set(win.panned(&view, dx, dy));
            }
            Action::Zoom { center, factor } => {
                settle.run(());
                state.window.set(win.zoomed(&view, center, factor));
            }
        }
    };

    use_non_passive_listener(canvas, "wheel", move |ev: web_sys::Event| {
        let Some(ev) = ev.dyn_ref::<web_sys::WheelEvent>() else {
            return;
        };
        let Some(pos) = to_px(ev) else {
            return;
        };
        ev.prevent_default();
        let unit = match ev.delta_mode() {
            1 => 16.0,
            2 => 400.0,
            _ => 1.0,
        };
        let factor = (-ev.delta_y() * unit * 0.002).clamp(-2.0, 2.0).exp();
        apply(Action::Zoom {
            center: pos,
            factor,
        });
    });

    let on_down = move |ev: web_sys::PointerEvent| {
        if ev.pointer_type() == "mouse" && ev.button() != 0 {
            return;
        }
        // A finger on a resting map may be a swipe that scrolls the page.
        if touch.down(&ev) == Touch::Ignore {
            return;
        }
        let Some(pos) = to_px(&ev) else {
            return;
        };
        ev.prevent_default();
        if let Some(cv) = canvas.get_untracked() {
            let _ = cv.set_pointer_capture(ev.pointer_id());
            let _ = cv.focus();
        }
        let pan = ev.shift_key() || ev.alt_key();
        let touch = ev.pointer_type() == "touch";
        let action = gestures
            .try_update_value(|g| g.down(ev.pointer_id(), pos, pan, touch))
            .unwrap_or(Action::None);
        apply(action);
    };
    let on_move = move |ev: web_sys::PointerEvent| {
        let Some(pos) = to_px(&ev) else {
            return;
        };
        if touch.moved(&ev) == Touch::Ignore {
            return;
        }
        if gestures.with_value(Gestures::active) {
            let action = gestures
                .try_update_value(|g| g.moved(ev.pointer_id(), pos))
                .unwrap_or(Action::None);
            apply(action);
        }
        if let Some(view) = current_view() {
            hover.set(view.contains_pixel(pos).then(|| view.to_world(pos)));
        }
    };
    let on_up = move |ev: web_sys::PointerEvent| {
        match touch.up(&ev) {
            Touch::Ignore => return,
            // The tap that wakes the map also moves the point there.
            Touch::Tap => {
                if let Some(pos) = to_px(&ev) {
                    apply(Action::Select(pos));
                }
                return;
            }
            Touch::Pass => {}
        }
        let cancelled = ev.type_() == "pointercancel";
        let action = gestures
            .try_update_value(|g| g.up(ev.pointer_id(), cancelled))
            .unwrap_or(Action::None);
        apply(action);
    };
    let on_key = move |ev: web_sys::KeyboardEvent| {
        let win = state.window.get_untracked();
        let (sx, sy) = win.step();
        let m = if ev.shift_key() { 5.0 } else { 1.0 };
        let step = match ev.key().as_str() {
            "ArrowLeft" => Some((-sx, 0.0)),
            "ArrowRight" => Some((sx, 0.0)),
            "ArrowUp" => Some((0.0, sy)),
            "ArrowDown" => Some((0.0, -sy)),
            _ => None,
        };
        if let Some((dx, dy)) = step {
            ev.prevent_default();
            state.point.update(|p| {
                p.0 = (p.0 + dx * m).clamp(win.x.0.min(win.x.1), win.x.0.max(win.x.1));
                p.1 = (p.1 + dy * m).clamp(win.y.0.min(win.y.1), win.y.0.max(win.y.1));
            });
            return;
        }
        let factor = match ev.key().as_str() {
            "+" | "=" => 1.25,
            "-" | "_" => 0.8,
            _ => return,
        };
        ev.prevent_default();
        if let Some(view) = current_view() {
            let center = (view.left + view.width / 2.0, view.top + view.height / 2.0);
            apply(Action::Zoom { center, factor });
        }
    };

    let pretty_f = move || {
        state
            .analysis
            .with(|a| a.as_ref().map(|a| a.pretty[0].clone()))
            .unwrap_or_default()
    };
    let hover_text = move || {
        let p = hover.get()?;
        let v = state
            .analysis
            .with(|a| a.as_ref().map(|a| a.values_at(p)))?;
        Some(format!(
            "x = {}, y = {}, f = {}",
            format_value(v.x),
            format_value(v.y),
            v.f_text()
        ))
    };
    // How levels and colours are spaced, from the same sampled grid the picture uses.
    let spacing = move || state.sampled.with(|s| s.as_ref().map(|s| s.spacing));
    let scale_note = move || spacing().map(|s| s.note()).filter(|n| !n.is_empty());
    let summary = move || {
        state
            .values
            .with(|v| v.as_ref().map(|v| state.parts.point_summary(v)))
            .unwrap_or_default()
    };
    // Which arrow is which and whether each is to scale: the same arrows the map drew.
    let note = move || {
        let direction = state.direction.map(|d| d.get());
        state
            .values
            .with(|v| {
                v.as_ref()
                    .map(|v| arrow_note(&arrows.get(), v, direction, state.parts))
            })
            .unwrap_or_default()
    };

    view! {
        <figure class="fx-plot fx-contour" node_ref=container>
            <canvas
                node_ref=canvas
                class="fx-canvas touch-scroll"
                class:touch-awake=move || touch.awake()
                tabindex="0"
                role="img"
                aria-label=move || {
                    let label = state.parts.contour_label(
                        &pretty_f(),
                        spacing().map_or("contour levels", |s| s.description()),
                    );
                    let note = note();
                    if note.is_empty() { label } else { format!("{label}. {note}") }
                }
                on:pointerdown=on_down
                on:pointermove=on_move
                on:pointerup=on_up
                on:pointercancel=on_up
                on:pointerleave=move |_| hover.set(None)
                on:keydown=on_key
            ></canvas>
            {move || hover_text().map(|t| view! { <div class="fx-hover" aria-hidden="true">{t}</div> })}
            <figcaption class="fx-caption">
                {state.parts.contour_caption()}
                {move || scale_note().map(|n| view! { <span class="fx-scale-note">" " {n}</span> })}
                {move || {
                    let n = note();
                    (!n.is_empty())
                        .then(|| view! { <span class="fx-arrow-note" data-testid="arrow-note">{n}</span> })
                }}
            </figcaption>
            <TouchHint touch=touch name="map" does="drag to move the point, pinch to zoom"/>
            <p class="sr-only" aria-live="polite">{summary}</p>
        </figure>
    }
}
