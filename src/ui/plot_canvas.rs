//! A canvas that sizes itself to its container (backing store scaled by devicePixelRatio) and
//! redraws through plotters whenever a signal its draw function reads changes.
//!
//! The picture is drawn in CSS pixels: [`CssCanvas`] tells plotters the canvas's CSS size and
//! scales the 2-D context by the pixel ratio, so an 11 px tick label is 11 CSS px on a phone
//! with a ratio of 3 as on a desktop screen (drawn in device pixels it was under 4 CSS px),
//! and lines and text stay sharp.

use leptos::html::{Canvas, Div};
use leptos::prelude::*;
use plotters::coord::Shift;
use plotters::prelude::{DrawingArea, DrawingBackend, IntoDrawingArea};
use plotters_backend::{
    BackendColor, BackendCoord, BackendStyle, BackendTextStyle, DrawingErrorKind,
};
use plotters_canvas::CanvasBackend;

/// The canvas backend's error type (not exported by name).
type CanvasError = <CanvasBackend as DrawingBackend>::ErrorType;
use web_sys::HtmlCanvasElement;

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
    F: Fn(&DrawingArea<CssCanvas, Shift>, &Theme) + 'static,
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
        let Some(backend) = CssCanvas::new(el, dpr) else {
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

/// What a [`PlotCanvas`] draws on.
pub type ChartArea = DrawingArea<CssCanvas, Shift>;

/// A plotters backend on a canvas whose backing store is `ratio` times its CSS size: plotters
/// sees the CSS size, and the context is scaled by `ratio`, so every size a chart gives (font,
/// margin, line width) is in CSS pixels.
pub struct CssCanvas {
    inner: CanvasBackend,
    size: (u32, u32),
}

impl CssCanvas {
    /// Wraps `canvas` (already sized to `ratio` × its CSS size); `None` without a 2-D context.
    pub fn new(canvas: HtmlCanvasElement, ratio: f64) -> Option<Self> {
        let ratio = if ratio.is_finite() && ratio > 0.0 {
            ratio
        } else {
            1.0
        };
        let size = (
            (f64::from(canvas.width()) / ratio).round().max(1.0) as u32,
            (f64::from(canvas.height()) / ratio).round().max(1.0) as u32,
        );
        let ctx = super::explorer::browser::context_2d(&canvas)?;
        ctx.set_transform(ratio, 0.0, 0.0, ratio, 0.0, 0.0).ok()?;
        Some(CssCanvas {
            inner: CanvasBackend::with_canvas_object(canvas)?,
            size,
        })
    }
}

impl DrawingBackend for CssCanvas {
    type ErrorType = CanvasError;

    fn get_size(&self) -> (u32, u32) {
        self.size
    }

    fn ensure_prepared(&mut self) -> Result<(), DrawingErrorKind<CanvasError>> {
        self.inner.ensure_prepared()
    }

    fn present(&mut self) -> Result<(), DrawingErrorKind<CanvasError>> {
        self.inner.present()
    }

    fn draw_pixel(
        &mut self,
        point: BackendCoord,
        color: BackendColor,
    ) -> Result<(), DrawingErrorKind<CanvasError>> {
        self.inner.draw_pixel(point, color)
    }

    fn draw_line<S: BackendStyle>(
        &mut self,
        from: BackendCoord,
        to: BackendCoord,
        style: &S,
    ) -> Result<(), DrawingErrorKind<CanvasError>> {
        self.inner.draw_line(from, to, style)
    }

    fn draw_rect<S: BackendStyle>(
        &mut self,
        upper_left: BackendCoord,
        bottom_right: BackendCoord,
        style: &S,
        fill: bool,
    ) -> Result<(), DrawingErrorKind<CanvasError>> {
        self.inner.draw_rect(upper_left, bottom_right, style, fill)
    }

    fn draw_path<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(
        &mut self,
        path: I,
        style: &S,
    ) -> Result<(), DrawingErrorKind<CanvasError>> {
        self.inner.draw_path(path, style)
    }

    fn draw_circle<S: BackendStyle>(
        &mut self,
        center: BackendCoord,
        radius: u32,
        style: &S,
        fill: bool,
    ) -> Result<(), DrawingErrorKind<CanvasError>> {
        self.inner.draw_circle(center, radius, style, fill)
    }

    fn fill_polygon<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(
        &mut self,
        vert: I,
        style: &S,
    ) -> Result<(), DrawingErrorKind<CanvasError>> {
        self.inner.fill_polygon(vert, style)
    }

    fn draw_text<S: BackendTextStyle>(
        &mut self,
        text: &str,
        style: &S,
        pos: BackendCoord,
    ) -> Result<(), DrawingErrorKind<CanvasError>> {
        self.inner.draw_text(text, style, pos)
    }

    fn estimate_text_size<S: BackendTextStyle>(
        &self,
        text: &str,
        style: &S,
    ) -> Result<(u32, u32), DrawingErrorKind<CanvasError>> {
        self.inner.estimate_text_size(text, style)
    }
}
