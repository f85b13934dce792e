//! The contour map: heatmap, contours, gradient field, the selected point with its level
//! curve, tangent and gradient arrow. Click or drag moves the point, arrow keys move it
//! when the canvas has focus, the wheel or a pinch zooms about the pointer, Shift- or
//! Alt-drag pans, and hovering shows the coordinates and f there.

use leptos::html;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

use super::browser::{fit_square_canvas, use_element_width, use_non_passive_listener};
use super::canvas_draw::draw_contour_canvas;
use super::gesture::{Action, Gestures};
use super::scene::Scene;
use super::signals::ExplorerSignals;
use crate::plot::{visible_prefix, Theme, View};
use crate::tutor::format::format_value;
use crate::ui::plot_touch::{PlotTouch, Touch, TouchHint};

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
        let path = state.path.get();
        let dpr = fit_square_canvas(&cv, css);
        let scene = Scene {
            point: state.values.get(),
            theme: Theme::for_dark_mode(state.dark.get()),
            arrows: state.show_field.get(),
            path: visible_prefix(&path, state.path_frame.get()),
            dpr,
        };
        if let Some(view) = draw_contour_canvas(&cv, &sampled, &scene) {
            drawn.set_value(Some(view));
        }
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
            Action::Pan(dx, dy) => state.window.set(win.panned(&view, dx, dy)),
            Action::Zoom { center, factor } => state.window.set(win.zoomed(&view, center, factor)),
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
            format_value(v.f)
        ))
    };
    let summary = move || {
        state
            .values
            .with(|v| v.as_ref().map(|v| v.summary()))
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
                    format!(
                        "Contour map of f(x, y) = {}, with the selected point, its level curve, \
                         the tangent to it and the gradient arrow",
                        pretty_f(),
                    )
                }
                on:pointerdown=on_down
                on:pointermove=on_move
                on:pointerup=on_up
                on:pointercancel=on_up
                on:pointerleave=move |_| hover.set(None)
                on:keydown=on_key
            ></canvas>
            {move || hover_text().map(|t| view! { <div class="fx-hover" aria-hidden="true">{t}</div> })}
            <figcaption class="fx-caption">"Contour map: level curves of f, ∇f at the point"</figcaption>
            <TouchHint touch=touch name="map" does="drag to move the point, pinch to zoom"/>
            <p class="sr-only" aria-live="polite">{summary}</p>
        </figure>
    }
}
