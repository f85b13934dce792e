//! The level curve through a selected point `p` (the contour at `f(p)`) and its
//! tangent line there.
//!
//! The tangent to a level curve is perpendicular to the gradient: for
//! `∇f = (gx, gy)` its direction is `(−gy, gx)`. Where the gradient vanishes
//! (a critical point) there is no tangent and none is drawn.

use plotters::prelude::*;

use super::clip::{clip_polyline, clip_segment};
use super::contour::{compute_contours, IsoLine};
use super::grid::{Grid, View};
use super::{PlotResult, Theme};

/// The level set `f = level`, split into the component through the selected
/// point and the others.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct LevelCurve {
    /// The level `f(p)`.
    pub level: f64,
    /// The connected isoline closest to `p` (`None` if the level set is empty).
    pub through: Option<IsoLine>,
    /// The other components of the level set.
    pub others: Vec<IsoLine>,
}

fn dist2_to_segment(p: (f64, f64), a: (f64, f64), b: (f64, f64)) -> f64 {
    let (dx, dy) = (b.0 - a.0, b.1 - a.1);
    let l2 = dx * dx + dy * dy;
    let t = if l2 > 0.0 {
        (((p.0 - a.0) * dx + (p.1 - a.1) * dy) / l2).clamp(0.0, 1.0)
    } else {
        0.0
    };
    let (qx, qy) = (a.0 + t * dx - p.0, a.1 + t * dy - p.1);
    qx * qx + qy * qy
}

/// The level curve of `grid` at `value` (normally `f(p)`), with the component
/// nearest to `p` singled out.
pub fn level_curve_through(grid: &Grid, p: (f64, f64), value: f64) -> LevelCurve {
    let mut lines = compute_contours(grid, &[value]).lines;
    let mut curve = LevelCurve {
        level: value,
        through: None,
        others: Vec::new(),
    };
    if lines.is_empty() {
        return curve;
    }
    let dist = |l: &IsoLine| {
        l.points
            .windows(2)
            .map(|w| dist2_to_segment(p, w[0], w[1]))
            .fold(f64::INFINITY, f64::min)
    };
    let best = lines
        .iter()
        .enumerate()
        .map(|(k, l)| (k, dist(l)))
        .filter(|(_, d)| !d.is_nan())
        .min_by(|a, b| a.1.total_cmp(&b.1))
        .map(|(k, _)| k);
    if let Some(k) = best {
        curve.through = Some(lines.swap_remove(k));
    }
    curve.others = lines;
    curve
}

/// Unit tangent direction `(−gy, gx)/|∇f|` of the level curve; `None` when the
/// gradient is zero or not finite.
pub fn tangent_direction(grad: (f64, f64)) -> Option<(f64, f64)> {
    let l = grad.0.hypot(grad.1);
    (l.is_finite() && l > 0.0).then(|| (-grad.1 / l, grad.0 / l))
}

/// World end points of the tangent line at `p`, reaching `half_len_px` pixels on
/// each side of `p` on screen.
pub fn tangent_segment(
    view: &View,
    p: (f64, f64),
    grad: (f64, f64),
    half_len_px: f64,
) -> Option<((f64, f64), (f64, f64))> {
    let d = tangent_direction(grad)?;
    if !(p.0.is_finite() && p.1.is_finite() && half_len_px.is_finite() && half_len_px > 0.0) {
        return None;
    }
    let dp = view.vector_to_pixel(d);
    let lp = dp.0.hypot(dp.1);
    if !(lp.is_finite() && lp > 0.0) {
        return None;
    }
    let s = half_len_px / lp;
    Some((
        (p.0 - s * d.0, p.1 - s * d.1),
        (p.0 + s * d.0, p.1 + s * d.1),
    ))
}

/// Draw the level set (other components faint), the component through `p` in
/// the accent colour, the tangent line at `p` (if `grad` is given and non-zero)
/// and the point itself, with line widths and the marker in CSS pixels times `scale` (the
/// device pixel ratio of a canvas; 1 for SVG), so a phone shows a dot, not a speck.
pub fn draw_level_curve<DB: DrawingBackend>(
    area: &DrawingArea<DB, plotters::coord::Shift>,
    view: &View,
    curve: &LevelCurve,
    p: (f64, f64),
    grad: Option<(f64, f64)>,
    theme: &Theme,
    scale: f64,
) -> PlotResult<DB> {
    if !view.is_drawable() {
        return Ok(());
    }
    let k = if scale.is_finite() {
        scale.clamp(0.5, 4.0)
    } else {
        1.0
    };
    let w = |css: f64| ((css * k).round() as u32).max(1);
    let rect = view.pixel_rect();
    let mut px: Vec<(f64, f64)> = Vec::new();
    let faint = theme.foreground.mix(0.45).stroke_width(w(1.0));
    let bold = theme.accent.stroke_width(w(2.0));
    let lines = curve
        .others
        .iter()
        .map(|l| (l, faint))
        .chain(curve.through.iter().map(|l| (l, bold)));
    for (line, style) in lines {
        px.clear();
        px.extend(line.points.iter().map(|&q| view.to_pixel(q)));
        for run in clip_polyline(&px, &rect) {
            area.draw(&PathElement::new(run, style))?;
        }
    }
    let half = 0.25 * view.width.min(view.height);
    if let Some((a, b)) = grad.and_then(|g| tangent_segment(view, p, g, half)) {
        if let Some((a, b)) = clip_segment(view.to_pixel(a), view.to_pixel(b), &rect) {
            let r = |q: (f64, f64)| (q.0.round() as i32, q.1.round() as i32);
            area.draw(&PathElement::new(
                vec![r(a), r(b)],
                theme.foreground.mix(0.9).stroke_width(w(2.0)),
            ))?;
        }
    }
    let q = view.to_pixel(p);
    if rect.contains(q) {
        let c = (q.0.round() as i32, q.1.round() as i32);
        area.draw(&Circle::new(c, w(5.0), theme.accent.filled()))?;
        area.draw(&Circle::new(
            c,
            w(5.0),
            theme.background.stroke_width(w(1.0)),
        ))?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tangent_is_perpendicular_to_gradient() {
        let d = tangent_direction((6.0, 8.0)).unwrap();
        assert!((d.0 + 0.8).abs() < 1e-12 && (d.1 - 0.6).abs() < 1e-12);
        assert!(tangent_direction((0.0, 0.0)).is_none());
        assert!(tangent_direction((f64::NAN, 1.0)).is_none());
        let v = View::new(100.0, 100.0, (-5.0, 5.0), (-5.0, 5.0));
        let (a, b) = tangent_segment(&v, (3.0, 4.0), (6.0, 8.0), 10.0).unwrap();
        let (pa, pb) = (v.to_pixel(a), v.to_pixel(b));
        assert!(((pb.0 - pa.0).hypot(pb.1 - pa.1) - 20.0).abs() < 1e-9);
    }

    #[test]
    fn curve_through_point_on_circle() {
        let g = Grid::from_fn((-6.0, 6.0), (-6.0, 6.0), 81, 81, |x, y| x * x + y * y);
        let c = level_curve_through(&g, (3.0, 4.0), 25.0);
        let l = c.through.unwrap();
        assert!(l.closed);
        assert!(c.others.is_empty());
        let empty = level_curve_through(&g, (3.0, 4.0), -1.0);
        assert!(empty.through.is_none());
    }
}
