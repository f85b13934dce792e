//! Paints the contour map onto a canvas: the background, the heatmap as one RGBA buffer
//! and a single `putImageData`, then the vector layers of `scene` through plotters'
//! canvas backend. Returns the [`View`] used, which maps pointer positions back to the
//! plane.

use plotters::prelude::*;
use plotters_canvas::CanvasBackend;
use wasm_bindgen::{Clamped, JsCast};
use web_sys::{CanvasRenderingContext2d, HtmlCanvasElement, ImageData};

use super::sampled::Sampled;
use super::scene::{draw_overlays, plot_view, Scene};
use crate::plot::{render_heatmap_rgba_with_hole, View};

/// Draws everything at the canvas's current backing-store size; `None` if the canvas has
/// no 2-D context.
pub fn draw_contour_canvas(
    canvas: &HtmlCanvasElement,
    sampled: &Sampled,
    scene: &Scene,
) -> Option<View> {
    let (w, h) = (canvas.width(), canvas.height());
    let view = plot_view(w as f64, h as f64, scene.dpr, &sampled.window);
    let ctx = canvas
        .get_context("2d")
        .ok()
        .flatten()?
        .dyn_into::<CanvasRenderingContext2d>()
        .ok()?;
    let area = CanvasBackend::with_canvas_object(canvas.clone())?.into_drawing_area();
    let bg = scene.theme.background;
    let _ = area.fill(&bg);
    if view.is_drawable() {
        let (pw, ph) = (view.width as usize, view.height as usize);
        let mut buf = vec![0u8; pw * ph * 4];
        let hole = [bg.0, bg.1, bg.2, 255];
        if render_heatmap_rgba_with_hole(&sampled.f, &sampled.scale, pw, ph, &mut buf, hole).is_ok()
        {
            if let Ok(img) =
                ImageData::new_with_u8_clamped_array_and_sh(Clamped(&buf[..]), pw as u32, ph as u32)
            {
                let _ = ctx.put_image_data(&img, view.left, view.top);
            }
        }
    }
    let _ = draw_overlays(&area, &view, sampled, scene);
    let _ = area.present();
    Some(view)
}
