//! A two-class plane: the predicted probability as a tint (one RGBA buffer for one
//! `putImageData`), labelled points stamped into the same buffer, and, through plotters, the
//! axes and the decision boundary line.
//!
//! The tint of a pixel is its class colour mixed into the background by how sure the model is:
//! `|2p − 1|` times [`MAX_TINT`], so p = 0.5 (the boundary) is the plain background. Class 0 is a
//! hollow ring and class 1 a filled disc, so the two differ in shape as well as colour. Stamping
//! writes a few dozen pixels per point instead of making one canvas call per point.

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::clip::clip_segment;
use super::grid::{Grid, View};
use super::heatmap::{fill_pixels, image_bytes, HeatmapError};
use super::ticks::{format_tick, nice_step, nice_ticks};
use super::{PlotResult, Theme};

/// How strongly a certain prediction (p = 0 or 1) tints the background, from 0 to 1.
pub const MAX_TINT: f64 = 0.5;

/// The colours of the two classes (class 0 first).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ClassColors {
    /// Label 0.
    pub class0: RGBColor,
    /// Label 1.
    pub class1: RGBColor,
    /// The thin outline around every marker, contrasting with the background.
    pub outline: RGBColor,
}

impl ClassColors {
    /// The theme's first two series colours, outlined in its foreground colour.
    pub fn for_theme(theme: &Theme) -> ClassColors {
        ClassColors {
            class0: theme.series[0],
            class1: theme.series[1],
            outline: theme.foreground,
        }
    }
}

fn mix(a: RGBColor, b: RGBColor, t: f64) -> [u8; 3] {
    let t = if t.is_finite() {
        t.clamp(0.0, 1.0)
    } else {
        0.0
    };
    let m = |x: u8, y: u8| (f64::from(x) + (f64::from(y) - f64::from(x)) * t).round() as u8;
    [m(a.0, b.0), m(a.1, b.1), m(a.2, b.2)]
}

/// Fills `buf` (RGBA, `width × height`, top row first) with the probability `grid` (values in
/// [0, 1], world y up, covering exactly the image) as class tints over `background`. Values are
/// interpolated bilinearly; a non-finite value shows the background.
pub fn render_probability_rgba(
    grid: &Grid,
    colors: &ClassColors,
    background: RGBColor,
    width: usize,
    height: usize,
    buf: &mut [u8],
) -> Result<(), HeatmapError> {
    let out = image_bytes(buf, width, height)?;
    if out.is_empty() {
        return Ok(());
    }
    let plain = [background.0, background.1, background.2, 255];
    if !grid.is_valid() {
        fill_pixels(out, plain);
        return Ok(());
    }
    // 256 shades per class: index by round(|2p − 1| · 255).
    let shades = |c: RGBColor| -> Vec<[u8; 3]> {
        (0..256)
            .map(|k| mix(background, c, MAX_TINT * k as f64 / 255.0))
            .collect()
    };
    let (s0, s1) = (shades(colors.class0), shades(colors.class1));
    let (nx, ny) = (grid.nx, grid.ny);
    let vals = &grid.values;
    let max_i = nx.saturating_sub(1) as f64;
    let max_j = ny.saturating_sub(1) as f64;
    let cols: Vec<(usize, usize, f64)> = (0..width)
        .map(|c| {
            let gi = (c as f64 + 0.5) / width as f64 * max_i;
            let i0 = (gi.floor().max(0.0) as usize).min(nx - 1);
            let i1 = (i0 + 1).min(nx - 1);
            (i0, i1, (gi - i0 as f64).clamp(0.0, 1.0))
        })
        .collect();
    for (row, line) in out.chunks_exact_mut(width * 4).enumerate() {
        let gj = (1.0 - (row as f64 + 0.5) / height as f64) * max_j;
        let j0 = (gj.floor().max(0.0) as usize).min(ny - 1);
        let j1 = (j0 + 1).min(ny - 1);
        let ty = (gj - j0 as f64).clamp(0.0, 1.0);
        for (px, &(i0, i1, tx)) in line.chunks_exact_mut(4).zip(&cols) {
            let at = |i: usize, j: usize| vals.get(j * nx + i).copied().unwrap_or(f64::NAN);
            let top = at(i0, j0) + (at(i1, j0) - at(i0, j0)) * tx;
            let bottom = at(i0, j1) + (at(i1, j1) - at(i0, j1)) * tx;
            let p = top + (bottom - top) * ty;
            if !p.is_finite() {
                px.copy_from_slice(&plain);
                continue;
            }
            let k = ((2.0 * p - 1.0).abs().min(1.0) * 255.0).round() as usize;
            let c = if p >= 0.5 {
                s1[k.min(255)]
            } else {
                s0[k.min(255)]
            };
            px[0] = c[0];
            px[1] = c[1];
            px[2] = c[2];
            px[3] = 255;
        }
    }
    Ok(())
}

/// A marker radius in pixels that keeps many points readable: larger for few points.
pub fn marker_radius(count: usize, dpr: f64) -> f64 {
    let base = if count <= 300 {
        5.0
    } else if count <= 2_000 {
        3.5
    } else {
        2.0
    };
    let dpr = if dpr.is_finite() {
        dpr.clamp(1.0, 4.0)
    } else {
        1.0
    };
    base * dpr
}

/// Stamps labelled points (`(x, label)`) into `buf` (RGBA, `width × height`), positioned by
/// `view` (whose pixel area is relative to the buffer's top-left corner): class 1 a filled disc,
/// class 0 a hollow ring, each outlined. Points off the image or not finite are skipped.
pub fn stamp_points_rgba(
    buf: &mut [u8],
    width: usize,
    height: usize,
    view: &View,
    points: &[([f64; 2], bool)],
    radius: f64,
    colors: &ClassColors,
) -> Result<(), HeatmapError> {
    image_bytes(buf, width, height)?;
    if width == 0 || height == 0 || !view.is_drawable() {
        return Ok(());
    }
    let r = if radius.is_finite() {
        radius.clamp(1.0, 40.0)
    } else {
        3.0
    };
    let edge = 1.2;
    let ring = (r / 2.5).max(1.5);
    let reach = r.ceil() as i64;
    let rgb = |c: RGBColor| [c.0, c.1, c.2];
    let (c0, c1, line) = (rgb(colors.class0), rgb(colors.class1), rgb(colors.outline));
    for &(x, label) in points {
        let (cx, cy) = view.to_pixel((x[0], x[1]));
        if !cx.is_finite() || !cy.is_finite() {
            continue;
        }
        if cx < -r || cy < -r || cx > width as f64 + r || cy > height as f64 + r {
            continue;
        }
        let (ix, iy) = (cx.floor() as i64, cy.floor() as i64);
        for py in (iy - reach)..=(iy + reach) {
            if py < 0 || py >= height as i64 {
                continue;
            }
            for px in (ix - reach)..=(ix + reach) {
                if px < 0 || px >= width as i64 {
                    continue;
                }
                let dx = px as f64 + 0.5 - cx;
                let dy = py as f64 + 0.5 - cy;
                let d = (dx * dx + dy * dy).sqrt();
                let colour = if d > r {
                    continue;
                } else if d > r - edge {
                    line
                } else if label {
                    c1
                } else if d > r - edge - ring {
                    c0
                } else if d > r - 2.0 * edge - ring {
                    line
                } else {
                    continue;
                };
                let k = (py as usize * width + px as usize) * 4;
                if let Some(slot) = buf.get_mut(k..k + 4) {
                    slot.copy_from_slice(&[colour[0], colour[1], colour[2], 255]);
                }
            }
        }
    }
    Ok(())
}

/// Light grid lines at round values, with their labels along the bottom and left edges, and
/// the axis names.
pub fn draw_plane_axes<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    view: &View,
    theme: &Theme,
    font_px: u32,
) -> PlotResult<DB> {
    if !view.is_drawable() {
        return Ok(());
    }
    let grid_style = theme.foreground.mix(0.18).stroke_width(1);
    let font = ("sans-serif", font_px.max(8))
        .into_font()
        .color(&theme.foreground);
    let ticks = |r: (f64, f64)| {
        let (lo, hi) = (r.0.min(r.1), r.0.max(r.1));
        (nice_ticks(lo, hi, 6), nice_step(hi - lo, 6).unwrap_or(1.0))
    };
    let (xs, xstep) = ticks(view.x);
    let (ys, ystep) = ticks(view.y);
    let rect = view.pixel_rect();
    let pad = f64::from(font_px) * 0.4;
    for &x in &xs {
        let a = view.to_pixel((x, view.y.0));
        let b = view.to_pixel((x, view.y.1));
        if let Some((a, b)) = clip_segment(a, b, &rect) {
            let p = |q: (f64, f64)| (q.0.round() as i32, q.1.round() as i32);
            area.draw(&PathElement::new(vec![p(a), p(b)], grid_style))?;
            let label = format_tick(x, xstep);
            let pos = Pos::new(HPos::Center, VPos::Bottom);
            area.draw(&Text::new(
                label,
                (a.0.round() as i32, (view.top + view.height - pad) as i32),
                font.clone().pos(pos),
            ))?;
        }
    }
    for &y in &ys {
        let a = view.to_pixel((view.x.0, y));
        let b = view.to_pixel((view.x.1, y));
        if let Some((a, b)) = clip_segment(a, b, &rect) {
            let p = |q: (f64, f64)| (q.0.round() as i32, q.1.round() as i32);
            area.draw(&PathElement::new(vec![p(a), p(b)], grid_style))?;
            let label = format_tick(y, ystep);
            let pos = Pos::new(HPos::Left, VPos::Center);
            area.draw(&Text::new(
                label,
                ((view.left + pad) as i32, a.1.round() as i32),
                font.clone().pos(pos),
            ))?;
        }
    }
    let name_font = font.clone().pos(Pos::new(HPos::Right, VPos::Bottom));
    area.draw(&Text::new(
        "x₁",
        (
            (view.left + view.width - pad) as i32,
            (view.top + view.height - pad - f64::from(font_px) * 1.3) as i32,
        ),
        name_font,
    ))?;
    area.draw(&Text::new(
        "x₂",
        (
            (view.left + pad + f64::from(font_px) * 2.5) as i32,
            (view.top + pad) as i32,
        ),
        font.pos(Pos::new(HPos::Left, VPos::Top)),
    ))?;
    Ok(())
}

/// The decision boundary: the straight line through `point` along `direction` (world
/// coordinates), clipped to the view, drawn `width` pixels wide in the foreground colour.
/// Returns whether any of it is visible.
pub fn draw_boundary_line<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    view: &View,
    point: [f64; 2],
    direction: [f64; 2],
    theme: &Theme,
    width: u32,
) -> Result<bool, plotters::drawing::DrawingAreaErrorKind<DB::ErrorType>> {
    let Some((a, b)) = boundary_pixels(view, point, direction) else {
        return Ok(false);
    };
    let p = |q: (f64, f64)| (q.0.round() as i32, q.1.round() as i32);
    area.draw(&PathElement::new(
        vec![p(a), p(b)],
        theme.foreground.stroke_width(width.max(1)),
    ))?;
    Ok(true)
}

/// The visible part of the line through `point` along `direction`, in pixels.
pub fn boundary_pixels(
    view: &View,
    point: [f64; 2],
    direction: [f64; 2],
) -> Option<((f64, f64), (f64, f64))> {
    if !view.is_drawable() {
        return None;
    }
    let span = (view.x.1 - view.x.0).abs() + (view.y.1 - view.y.0).abs();
    let reach = span * 2.0 + point[0].abs() + point[1].abs();
    let a = (
        point[0] - direction[0] * reach,
        point[1] - direction[1] * reach,
    );
    let b = (
        point[0] + direction[0] * reach,
        point[1] + direction[1] * reach,
    );
    clip_segment(view.to_pixel(a), view.to_pixel(b), &view.pixel_rect())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn colors() -> ClassColors {
        ClassColors {
            class0: RGBColor(0, 0, 255),
            class1: RGBColor(255, 0, 0),
            outline: RGBColor(0, 0, 0),
        }
    }

    fn pixel(buf: &[u8], w: usize, x: usize, y: usize) -> [u8; 4] {
        let k = (y * w + x) * 4;
        [buf[k], buf[k + 1], buf[k + 2], buf[k + 3]]
    }

    #[test]
    fn the_tint_follows_the_probability() {
        // p rises from 0 at the left to 1 at the right.
        let g = Grid::from_fn((0.0, 1.0), (0.0, 1.0), 11, 11, |x, _| x);
        let (w, h) = (50, 20);
        let mut buf = vec![0u8; w * h * 4];
        let white = RGBColor(255, 255, 255);
        render_probability_rgba(&g, &colors(), white, w, h, &mut buf).unwrap();
        let left = pixel(&buf, w, 0, 10);
        let mid = pixel(&buf, w, 25, 10);
        let right = pixel(&buf, w, 49, 10);
        // Class 0's blue on the left, class 1's red on the right, white at p = ½.
        assert!(left[2] == 255 && left[0] < 150, "{left:?}");
        assert!(right[0] == 255 && right[2] < 150, "{right:?}");
        assert!(mid.iter().all(|&c| c > 240), "{mid:?}");
        // At most MAX_TINT of the class colour.
        assert!(f64::from(left[0]) >= 255.0 * (1.0 - MAX_TINT) - 4.0);
        let mut small = vec![0u8; 10];
        assert!(render_probability_rgba(&g, &colors(), white, w, h, &mut small).is_err());
        let bad = Grid::new((0.0, 1.0), (0.0, 1.0), 3, 3, vec![]);
        render_probability_rgba(&bad, &colors(), white, w, h, &mut buf).unwrap();
        assert_eq!(pixel(&buf, w, 3, 3), [255, 255, 255, 255]);
    }

    #[test]
    fn markers_differ_in_shape_by_class() {
        let (w, h) = (40, 20);
        let mut buf = vec![255u8; w * h * 4];
        let view = View::new(w as f64, h as f64, (0.0, 4.0), (0.0, 2.0));
        let pts = [
            ([1.0, 1.0], false),
            ([3.0, 1.0], true),
            ([f64::NAN, 0.0], true),
            ([100.0, 1.0], true),
        ];
        stamp_points_rgba(&mut buf, w, h, &view, &pts, 6.0, &colors()).unwrap();
        // Class 1: filled centre in red. Class 0: hollow centre, blue ring.
        assert_eq!(pixel(&buf, w, 30, 10), [255, 0, 0, 255]);
        assert_eq!(pixel(&buf, w, 10, 10), [255, 255, 255, 255]);
        assert_eq!(pixel(&buf, w, 14, 10), [0, 0, 255, 255]);
        // Far from both markers nothing changed.
        assert_eq!(pixel(&buf, w, 20, 2), [255, 255, 255, 255]);
        assert!(marker_radius(10, 1.0) > marker_radius(10_000, 1.0));
        assert_eq!(marker_radius(10, f64::NAN), 5.0);
    }

    #[test]
    fn the_boundary_is_clipped_to_the_view() {
        let view = View::new(100.0, 100.0, (-1.0, 1.0), (-1.0, 1.0));
        // The line x₁ = 0 (vertical through the middle).
        let (a, b) = boundary_pixels(&view, [0.0, 0.0], [0.0, 1.0]).unwrap();
        assert!((a.0 - 50.0).abs() < 1e-9 && (b.0 - 50.0).abs() < 1e-9);
        assert!((a.1 - b.1).abs() > 99.0);
        // A line far away is not visible.
        assert_eq!(boundary_pixels(&view, [5.0, 0.0], [0.0, 1.0]), None);
        assert_eq!(boundary_pixels(&view, [f64::NAN, 0.0], [0.0, 1.0]), None);
    }
}
