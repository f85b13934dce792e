//! Reusable browser behaviour for the explorer's components, each cleaned up with its
//! owner: the width of an element (ResizeObserver), `prefers-color-scheme: dark`
//! (matchMedia, unless the page forces a theme: an embed's `theme=`), a non-passive event listener (so a wheel handler may prevent scrolling),
//! the device pixel ratio, one redraw per animation frame, and User Timing measures of
//! redraws.

use std::cell::Cell;
use std::rc::Rc;

use leptos::html::ElementType;
use leptos::prelude::*;
use send_wrapper::SendWrapper;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};

/// The canvas's 2-D context (`None` if the browser will not give one).
pub fn context_2d(
    canvas: &web_sys::HtmlCanvasElement,
) -> Option<web_sys::CanvasRenderingContext2d> {
    canvas
        .get_context("2d")
        .ok()
        .flatten()?
        .dyn_into::<web_sys::CanvasRenderingContext2d>()
        .ok()
}

/// `window.devicePixelRatio`, kept within 1 … 4 (1 if unknown).
pub fn device_pixel_ratio() -> f64 {
    web_sys::window()
        .map(|w| w.device_pixel_ratio())
        .filter(|r| r.is_finite() && *r > 0.0)
        .unwrap_or(1.0)
        .clamp(1.0, 4.0)
}

/// The canvas of `canvas` and its CSS width from `width` (a [`use_element_width`] signal),
/// once it is mounted and at least 16 px wide; tracks both, so an effect that calls it runs
/// again when either changes.
pub fn sized_canvas(
    canvas: NodeRef<leptos::html::Canvas>,
    width: ReadSignal<f64>,
) -> Option<(web_sys::HtmlCanvasElement, f64)> {
    let cv = canvas.get()?;
    let css = width.get();
    (css >= 16.0).then_some((cv, css))
}

/// Gives a square canvas a backing store of `css` CSS pixels times the devicePixelRatio
/// (resizing only when the size changes, since that clears it), and returns the ratio.
pub fn fit_square_canvas(cv: &web_sys::HtmlCanvasElement, css: f64) -> f64 {
    let dpr = device_pixel_ratio();
    let size = (css * dpr).round() as u32;
    if cv.width() != size || cv.height() != size {
        cv.set_width(size);
        cv.set_height(size);
    }
    dpr
}

/// The CSS width of the element behind `target`, updated by a ResizeObserver (0 until it
/// is mounted). The observer is disconnected when the owner is cleaned up.
pub fn use_element_width<E>(target: NodeRef<E>) -> ReadSignal<f64>
where
    E: ElementType,
    E::Output: JsCast + Clone + 'static,
{
    let (width, set_width) = signal(0.0);
    Effect::new(move |_| {
        let Some(el) = target.get() else {
            return;
        };
        let Some(el) = el.dyn_ref::<web_sys::Element>().cloned() else {
            return;
        };
        let measure = {
            let el = el.clone();
            move || {
                let w = el.get_bounding_client_rect().width();
                if (w - width.get_untracked()).abs() >= 0.5 {
                    set_width.try_set(w);
                }
            }
        };
        measure();
        let cb = Closure::<dyn FnMut()>::new(measure);
        let Ok(observer) = web_sys::ResizeObserver::new(cb.as_ref().unchecked_ref()) else {
            return;
        };
        observer.observe(&el);
        let keep = SendWrapper::new((observer, cb));
        on_cleanup(move || {
            if keep.valid() {
                let (observer, _cb) = keep.take();
                observer.disconnect();
            }
        });
    });
    width
}

/// The attribute on `<html>` that forces the page's colours (`light` or `dark`); the style
/// sheets read it beside `prefers-color-scheme`.
const THEME_ATTRIBUTE: &str = "data-theme";

/// Forces the page's colours (`Some(true)`: dark, `Some(false)`: light) or lets them follow
/// the system again (`None`). Call it before the widgets are made: they read it once.
pub fn force_theme(dark: Option<bool>) {
    let Some(root) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.document_element())
    else {
        return;
    };
    let _ = match dark {
        Some(true) => root.set_attribute(THEME_ATTRIBUTE, "dark"),
        Some(false) => root.set_attribute(THEME_ATTRIBUTE, "light"),
        None => root.remove_attribute(THEME_ATTRIBUTE),
    };
}

/// The theme the page forces, if it forces one (see [`force_theme`]).
fn forced_theme() -> Option<bool> {
    let root = web_sys::window()?.document()?.document_element()?;
    match root.get_attribute(THEME_ATTRIBUTE)?.as_str() {
        "dark" => Some(true),
        "light" => Some(false),
        _ => None,
    }
}

/// True while the page is dark: the theme it forces (an embed's `theme=`), else the system's
/// colour scheme, followed as it changes.
pub fn use_prefers_dark() -> ReadSignal<bool> {
    if let Some(dark) = forced_theme() {
        return signal(dark).0;
    }
    let query = web_sys::window()
        .and_then(|w| w.match_media("(prefers-color-scheme: dark)").ok())
        .flatten();
    let (dark, set_dark) = signal(query.as_ref().is_some_and(|q| q.matches()));
    if let Some(query) = query {
        let q = query.clone();
        let cb = Closure::<dyn FnMut()>::new(move || {
            set_dark.try_set(q.matches());
        });
        let _ = query.add_event_listener_with_callback("change", cb.as_ref().unchecked_ref());
        let keep = SendWrapper::new((query, cb));
        on_cleanup(move || {
            if keep.valid() {
                let (query, cb) = keep.take();
                let _ = query
                    .remove_event_listener_with_callback("change", cb.as_ref().unchecked_ref());
            }
        });
    }
    dark
}

/// Listens for `event` on the element behind `target` with `passive: false`, so the
/// handler may call `preventDefault` (Leptos delegates wheel events to the document, where
/// browsers make them passive). Removed when the owner is cleaned up.
pub fn use_non_passive_listener<E>(
    target: NodeRef<E>,
    event: &'static str,
    handler: impl FnMut(web_sys::Event) + 'static,
) where
    E: ElementType,
    E::Output: JsCast + Clone + 'static,
{
    let cb = Closure::<dyn FnMut(web_sys::Event)>::new(handler);
    let func: JsValue = cb.as_ref().clone();
    Effect::new(move |_| {
        // The closure lives as long as this effect.
        let _ = &cb;
        let Some(el) = target.get() else {
            return;
        };
        let Some(el) = el.dyn_ref::<web_sys::EventTarget>().cloned() else {
            return;
        };
        let options = web_sys::AddEventListenerOptions::new();
        options.set_passive(false);
        let _ = el.add_event_listener_with_callback_and_add_event_listener_options(
            event,
            func.unchecked_ref(),
            &options,
        );
        let keep = SendWrapper::new((el, func.clone()));
        on_cleanup(move || {
            if keep.valid() {
                let (el, func) = keep.take();
                let _ = el.remove_event_listener_with_callback(event, func.unchecked_ref());
            }
        });
    });
}

/// A function that asks for `draw` to run in the next animation frame: however many
/// times it is called before that frame (one call per pointer event, say), `draw` runs
/// once, with whatever the state is then. `draw` should read its signals with `try_`
/// methods, since its owner may be gone by the time the frame comes.
pub fn frame_callback(draw: impl Fn() + 'static) -> impl Fn() + Clone + 'static {
    let pending = Rc::new(Cell::new(false));
    let draw = Rc::new(draw);
    move || {
        if pending.replace(true) {
            return;
        }
        let (pending, draw) = (Rc::clone(&pending), Rc::clone(&draw));
        request_animation_frame(move || {
            pending.set(false);
            draw();
        });
    }
}

thread_local! {
    static MEASURES: Cell<u32> = const { Cell::new(0) };
}

/// Runs `f` as a User Timing measure named `name` (so the e2e benchmark and the browser's
/// performance panel see each redraw and its duration). The browser keeps measures until
/// they are cleared, so they are cleared every few thousand.
pub fn timed<T>(name: &str, f: impl FnOnce() -> T) -> T {
    let perf = web_sys::window().and_then(|w| w.performance());
    let start = format!("{name}:start");
    if let Some(p) = &perf {
        let _ = p.mark(&start);
    }
    let out = f();
    if let Some(p) = &perf {
        let _ = p.measure_with_start_mark(name, &start);
        p.clear_marks_with_mark_name(&start);
        let n = MEASURES.with(|m| {
            m.set(m.get() + 1);
            m.get()
        });
        if n % 4096 == 0 {
            p.clear_measures();
        }
    }
    out
}
