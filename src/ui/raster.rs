//! A canvas for pixel maps: its backing store is exactly the map's size and one
//! `putImageData` paints it (CSS scales it up, pixelated). Also the shared way lab widgets
//! get a plotters drawing area and the page's colour theme.

use leptos::prelude::*;
use plotters::coord::Shift;
use plotters::prelude::{DrawingArea, IntoDrawingArea};
use plotters_canvas::CanvasBackend;
use wasm_bindgen::Clamped;
use web_sys::{HtmlCanvasElement, ImageData};

use super::explorer::browser::{device_pixel_ratio, use_prefers_dark};
use crate::plot::Theme;
use crate::ui::plot_touch::{PlotTouch, Touch, TouchHint};

/// The plot theme following `prefers-color-scheme`.
pub fn use_theme() -> Signal<Theme> {
    let dark = use_prefers_dark();
    Signal::derive(move || Theme::for_dark_mode(dark.get()))
}

pub use super::explorer::browser::context_2d;

/// Sizes the canvas's backing store to `width × height` (only when it differs, since that
/// clears it) and paints `rgba` (`width × height × 4` bytes) at its top-left corner.
pub fn put_rgba(canvas: &HtmlCanvasElement, rgba: &[u8], width: u32, height: u32) -> Option<()> {
    if rgba.len() != (width as usize) * (height as usize) * 4 || width == 0 || height == 0 {
        return None;
    }
    if canvas.width() != width || canvas.height() != height {
        canvas.set_width(width);
        canvas.set_height(height);
    }
    let ctx = context_2d(canvas)?;
    let img = ImageData::new_with_u8_clamped_array_and_sh(Clamped(rgba), width, height).ok()?;
    ctx.put_image_data(&img, 0.0, 0.0).ok()
}

/// Sizes the backing store to `css_width × css_width·aspect` CSS pixels times the device
/// pixel ratio and returns a plotters drawing area on it.
pub fn sized_area(
    canvas: &HtmlCanvasElement,
    css_width: f64,
    aspect: f64,
) -> Option<DrawingArea<CanvasBackend, Shift>> {
    let dpr = device_pixel_ratio();
    let w = (css_width.max(1.0) * dpr).round() as u32;
    let h = (css_width.max(1.0) * aspect * dpr).round() as u32;
    if canvas.width() != w || canvas.height() != h {
        canvas.set_width(w);
        canvas.set_height(h);
    }
    Some(CanvasBackend::with_canvas_object(canvas.clone())?.into_drawing_area())
}

/// As [`sized_area`], but drawn in CSS pixels (see [`CssCanvas`](super::plot_canvas::CssCanvas)):
/// returns the area and its CSS size, so a picture's labels, dots and lines keep their size
/// on a phone whose screen has several device pixels per CSS pixel. For pictures with no
/// pixel buffer painted under them.
pub fn sized_css_area(
    canvas: &HtmlCanvasElement,
    css_width: f64,
    aspect: f64,
) -> Option<(super::plot_canvas::ChartArea, (f64, f64))> {
    let dpr = device_pixel_ratio();
    let css = (css_width.max(1.0), (css_width.max(1.0) * aspect).round());
    let w = (css.0 * dpr).round() as u32;
    let h = (css.1 * dpr).round() as u32;
    if canvas.width() != w || canvas.height() != h {
        canvas.set_width(w);
        canvas.set_height(h);
    }
    let backend = super::plot_canvas::CssCanvas::new(canvas.clone(), dpr)?;
    Some((backend.into_drawing_area(), css))
}

/// A plotters drawing area on the canvas at its current backing-store size.
pub fn area_of(canvas: &HtmlCanvasElement) -> Option<DrawingArea<CanvasBackend, Shift>> {
    Some(CanvasBackend::with_canvas_object(canvas.clone())?.into_drawing_area())
}

/// `performance.now()` in milliseconds (0 where there is no performance object).
pub fn now_ms() -> f64 {
    web_sys::window()
        .and_then(|w| w.performance())
        .map(|p| p.now())
        .unwrap_or(0.0)
}

/// Paints `rgba` (`width × height × 4` bytes) with its top-left corner at `(x, y)` of the
/// backing store, leaving the canvas's size alone.
pub fn put_rgba_at(
    canvas: &HtmlCanvasElement,
    rgba: &[u8],
    width: u32,
    height: u32,
    x: f64,
    y: f64,
) -> Option<()> {
    if rgba.len() != (width as usize) * (height as usize) * 4 || width == 0 || height == 0 {
        return None;
    }
    let ctx = context_2d(canvas)?;
    let img = ImageData::new_with_u8_clamped_array_and_sh(Clamped(rgba), width, height).ok()?;
    ctx.put_image_data(&img, x, y).ok()
}

/// What a pointer did on a [`LabCanvas`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PointerPhase {
    /// Pressed (mouse button, finger or pen down).
    Down,
    /// Moved while pressed.
    Drag,
    /// Moved without being pressed (hover).
    Hover,
    /// Released or cancelled.
    Up,
}

/// A canvas that follows its container's width (height = width × `aspect`) and calls
/// `draw(canvas, css_width, theme)` whenever a signal it reads changes. Pointer input is
/// reported as fractions of the canvas's width and height (0 … 1, top-left origin).
#[component]
pub fn LabCanvas<F>(
    /// Draws the picture; it may read signals.
    draw: F,
    /// Height as a fraction of the width.
    #[prop(default = 0.62)]
    aspect: f64,
    /// The canvas's accessible name.
    #[prop(into)]
    label: String,
    /// What the picture shows, in words and numbers.
    #[prop(into)]
    alt: Signal<String>,
    /// Pointer input, as fractions of the canvas.
    #[prop(optional)]
    on_pointer: Option<Callback<(PointerPhase, f64, f64)>>,
    /// What dragging on the canvas does, for the touch hint ("drag to pick a window").
    #[prop(optional)]
    touch_does: Option<&'static str>,
    /// Pixelated scaling (for one-value-per-pixel maps).
    #[prop(optional)]
    pixelated: bool,
    /// A test id for the canvas.
    #[prop(optional, into)]
    testid: String,
) -> impl IntoView
where
    F: Fn(&HtmlCanvasElement, f64, &Theme) + 'static,
{
    let container = NodeRef::<leptos::html::Div>::new();
    let canvas = NodeRef::<leptos::html::Canvas>::new();
    let width = super::explorer::browser::use_element_width(container);
    let theme = use_theme();
    Effect::new(move |_| {
        let w = width.get();
        let t = theme.get();
        let Some(el) = canvas.get() else {
            return;
        };
        if w < 1.0 {
            return;
        }
        draw(&el, w, &t);
    });
    let pressed = RwSignal::new(false);
    // On a touch screen the canvas rests until a tap wakes it, so a swipe scrolls the page.
    let touch = PlotTouch::new(canvas);
    let report = move |ev: &web_sys::PointerEvent, phase: PointerPhase| {
        let Some(cb) = on_pointer else {
            return;
        };
        let Some(el) = canvas.get_untracked() else {
            return;
        };
        let r = el.get_bounding_client_rect();
        if r.width() <= 0.0 || r.height() <= 0.0 {
            return;
        }
        let fx = (ev.client_x() as f64 - r.left()) / r.width();
        let fy = (ev.client_y() as f64 - r.top()) / r.height();
        cb.run((phase, fx.clamp(0.0, 1.0), fy.clamp(0.0, 1.0)));
    };
    view! {
        <div class="lab-canvas" node_ref=container style=format!("--aspect:{aspect}")>
            <canvas
                node_ref=canvas
                role="img"
                aria-label=label
                data-testid=testid
                class:pixelated=pixelated
                class:touch-draw=on_pointer.is_some()
                class:touch-scroll=on_pointer.is_some()
                class:touch-awake=move || touch.awake()
                style:width="100%"
                style:display="block"
                style:height=move || format!("{}px", (width.get().max(1.0) * aspect).round())
                on:pointerdown=move |ev| {
                    if touch.down(&ev) == Touch::Ignore {
                        return;
                    }
                    pressed.set(true);
                    if let Some(el) = canvas.get_untracked() {
                        let _ = el.set_pointer_capture(ev.pointer_id());
                    }
                    report(&ev, PointerPhase::Down);
                }
                on:pointermove=move |ev| {
                    if touch.moved(&ev) == Touch::Ignore {
                        return;
                    }
                    let phase = if pressed.get_untracked() { PointerPhase::Drag } else { PointerPhase::Hover };
                    report(&ev, phase);
                }
                on:pointerup=move |ev| {
                    match touch.up(&ev) {
                        Touch::Ignore => return,
                        // The tap that wakes the canvas is also a press where it landed.
                        Touch::Tap => report(&ev, PointerPhase::Down),
                        Touch::Pass => {}
                    }
                    pressed.set(false);
                    report(&ev, PointerPhase::Up);
                }
                on:pointercancel=move |ev| {
                    if touch.up(&ev) == Touch::Ignore {
                        return;
                    }
                    pressed.set(false);
                    report(&ev, PointerPhase::Up);
                }
            ></canvas>
            {on_pointer.is_some().then(|| view! { <TouchHint touch=touch name="picture" does=touch_does.unwrap_or("drag on it")/> })}
            <p class="visually-hidden" aria-live="polite">{move || alt.get()}</p>
        </div>
    }
}
