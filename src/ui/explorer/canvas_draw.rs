//! Paints the contour map onto a canvas: the background, the heatmap as one RGBA buffer
//! and a single `putImageData`, then the vector layers of `scene` through plotters'
//! canvas backend. Returns the [`View`] used, which maps pointer positions back to the
//! plane.
//!
//! The page draws in two layers ([`ContourLayers`]): what depends only on the function,
//! window, theme and field switch (heatmap, axes, contours, arrows) is painted once into
//! an offscreen canvas, and each frame that only moves the point copies it with one
//! `drawImage` and paints the point's layers (path, level curve, tangent, arrow) on top.

use std::sync::Arc;

use plotters::prelude::*;
use plotters_canvas::CanvasBackend;
use wasm_bindgen::{Clamped, JsCast};
use web_sys::{CanvasRenderingContext2d, HtmlCanvasElement, ImageData};

use super::browser::context_2d;
use super::sampled::Sampled;
use super::scene::{draw_base_layers, draw_overlays, draw_point_layers, plot_view, Scene};
use crate::plot::{render_heatmap_rgba_with_hole, View};

/// Background and heatmap of `sampled` in `view` (one `putImageData`).
fn paint_heatmap(
    canvas: &HtmlCanvasElement,
    ctx: &CanvasRenderingContext2d,
    view: &View,
    sampled: &Sampled,
    scene: &Scene,
) {
    let bg = scene.theme.background;
    ctx.set_fill_style_str(&format!("rgb({}, {}, {})", bg.0, bg.1, bg.2));
    ctx.fill_rect(0.0, 0.0, canvas.width() as f64, canvas.height() as f64);
    if !view.is_drawable() {
        return;
    }
    let (pw, ph) = (view.width as usize, view.height as usize);
    let mut buf = vec![0u8; pw * ph * 4];
    let hole = [bg.0, bg.1, bg.2, 255];
    if render_heatmap_rgba_with_hole(&sampled.f, &sampled.scale, pw, ph, &mut buf, hole).is_ok() {
        if let Ok(img) =
            ImageData::new_with_u8_clamped_array_and_sh(Clamped(&buf[..]), pw as u32, ph as u32)
        {
            let _ = ctx.put_image_data(&img, view.left, view.top);
        }
    }
}

/// Draws everything at the canvas's current backing-store size in one pass (the in-page
/// benchmark times this); `None` if the canvas has no 2-D context.
pub fn draw_contour_canvas(
    canvas: &HtmlCanvasElement,
    sampled: &Sampled,
    scene: &Scene,
) -> Option<View> {
    let (w, h) = (canvas.width(), canvas.height());
    let view = plot_view(w as f64, h as f64, scene.dpr, &sampled.window);
    let ctx = context_2d(canvas)?;
    paint_heatmap(canvas, &ctx, &view, sampled, scene);
    let area = CanvasBackend::with_canvas_object(canvas.clone())?.into_drawing_area();
    let _ = draw_overlays(&area, &view, sampled, scene);
    let _ = area.present();
    Some(view)
}

/// What the cached base layer was drawn for.
struct BaseKey {
    sampled: Arc<Sampled>,
    dark_background: (u8, u8, u8),
    arrows: bool,
    size: (u32, u32),
    dpr: f64,
}

impl BaseKey {
    fn matches(&self, other: &BaseKey) -> bool {
        Arc::ptr_eq(&self.sampled, &other.sampled)
            && self.dark_background == other.dark_background
            && self.arrows == other.arrows
            && self.size == other.size
            && self.dpr == other.dpr
    }
}

/// The offscreen base layer of one contour canvas and what it shows.
#[derive(Default)]
pub struct ContourLayers {
    base: Option<HtmlCanvasElement>,
    key: Option<BaseKey>,
}

impl ContourLayers {
    /// Paints `sampled` and `scene` on `canvas`, repainting the base layer only when the
    /// function, window, theme, field switch or size changed; `None` without a 2-D
    /// context.
    pub fn draw(
        &mut self,
        canvas: &HtmlCanvasElement,
        sampled: &Arc<Sampled>,
        scene: &Scene,
    ) -> Option<View> {
        let (w, h) = (canvas.width(), canvas.height());
        let view = plot_view(w as f64, h as f64, scene.dpr, &sampled.window);
        let key = BaseKey {
            sampled: Arc::clone(sampled),
            dark_background: (
                scene.theme.background.0,
                scene.theme.background.1,
                scene.theme.background.2,
            ),
            arrows: scene.arrows,
            size: (w, h),
            dpr: scene.dpr,
        };
        if self.base.is_none() {
            self.base = web_sys::window()
                .and_then(|win| win.document())
                .and_then(|doc| doc.create_element("canvas").ok())
                .and_then(|el| el.dyn_into::<HtmlCanvasElement>().ok());
        }
        let Some(base) = self.base.clone() else {
            // No offscreen canvas: draw everything directly.
            return draw_contour_canvas(canvas, sampled, scene);
        };
        if !self.key.as_ref().is_some_and(|k| k.matches(&key)) {
            if base.width() != w || base.height() != h {
                base.set_width(w);
                base.set_height(h);
            }
            let ctx = context_2d(&base)?;
            paint_heatmap(&base, &ctx, &view, sampled, scene);
            let area = CanvasBackend::with_canvas_object(base.clone())?.into_drawing_area();
            let _ = draw_base_layers(&area, &view, sampled, scene);
            let _ = area.present();
            self.key = Some(key);
        }
        let ctx = context_2d(canvas)?;
        let _ = ctx.draw_image_with_html_canvas_element(&base, 0.0, 0.0);
        let area = CanvasBackend::with_canvas_object(canvas.clone())?.into_drawing_area();
        let _ = draw_point_layers(&area, &view, sampled, scene);
        let _ = area.present();
        Some(view)
    }
}
