//! A canvas that sizes itself to its container (backing store scaled by devicePixelRatio) and
//! redraws through plotters whenever a signal its draw function reads changes.

use leptos::html::{Canvas, Div};
use leptos::prelude::*;
use plotters::coord::Shift;
use plotters::prelude::{DrawingArea, IntoDrawingArea};
use plotters_canvas::CanvasBackend;

use super::explorer::browser::{device_pixel_ratio, use_element_width, use_prefers_dark};
use crate::plot::Theme;

/// A plotters drawing on a canvas that follows its container's width.
#[component]
pub fn PlotCanvas<F>(
    /// Draws the picture; it may read signals, and runs again when they change.
    draw: F,
    /// Height as a fraction of the width.
    #[prop(default = 0.62)]
    aspect: f64,
    /// The canvas's accessible name.
    #[prop(into)]
    label: String,
    /// A text alternative: what the picture shows, in words and numbers.
    #[prop(into)]
    alt: Signal<String>,
) -> impl IntoView
where
    F: Fn(&DrawingArea<CanvasBackend, Shift>, &Theme) + 'static,
{
    let container = NodeRef::<Div>::new();
    let canvas = NodeRef::<Canvas>::new();
    let width = use_element_width(container);
    let dark = use_prefers_dark();
    Effect::new(move |_| {
        let css_w = width.get().max(1.0);
        let theme = if dark.get() {
            Theme::dark()
        } else {
            Theme::light()
        };
        let Some(el) = canvas.get() else {
            return;
        };
        let dpr = device_pixel_ratio();
        let css_h = (css_w * aspect).round();
        el.set_width((css_w * dpr).round() as u32);
        el.set_height((css_h * dpr).round() as u32);
        let Some(backend) = CanvasBackend::with_canvas_object(el) else {
            return;
        };
        draw(&backend.into_drawing_area(), &theme);
    });
    view! {
        <div class="plot-canvas" node_ref=container style=format!("--aspect:{aspect}")>
            <canvas
                node_ref=canvas
                role="img"
                aria-label=label
                style:width="100%"
                style:display="block"
                style:height=move || format!("{}px", (width.get().max(1.0) * aspect).round())
            ></canvas>
            <p class="visually-hidden" aria-live="polite">{move || alt.get()}</p>
        </div>
    }
}
