//! Gradient arrows: one at a selected point, or a field of arrows on an n × n
//! grid of cells.
//!
//! Geometry is pure and testable ([`gradient_arrow`], [`field_arrows`],
//! [`arrow_segments`]); the `draw_*` functions only render it. Arrows are
//! world vectors drawn in pixel space: screen y is flipped, so the world
//! direction (3, 4) points up and to the right on screen. In a field the
//! longest arrow fills 90 % of a cell; shorter ones scale linearly with |∇f| or,
//! with [`LengthScaling::Log`], logarithmically so that small gradients stay
//! visible next to a pole.

use plotters::prelude::*;

use super::clip::clip_segment;
use super::grid::View;
use super::{PlotResult, Theme};

/// An arrow in pixel coordinates.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ArrowPx {
    /// Start of the shaft.
    pub tail: (f64, f64),
    /// Point of the head.
    pub tip: (f64, f64),
}

impl ArrowPx {
    /// Length in pixels.
    pub fn len(&self) -> f64 {
        (self.tip.0 - self.tail.0).hypot(self.tip.1 - self.tail.1)
    }

    /// True for a zero-length arrow.
    pub fn is_empty(&self) -> bool {
        self.len() == 0.0
    }

    /// Unit direction (pixel space, y down); `None` for zero length.
    pub fn direction(&self) -> Option<(f64, f64)> {
        let l = self.len();
        (l > 0.0 && l.is_finite()).then(|| {
            (
                (self.tip.0 - self.tail.0) / l,
                (self.tip.1 - self.tail.1) / l,
            )
        })
    }
}

/// How arrow lengths follow |∇f| in a field.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum LengthScaling {
    /// Proportional to |∇f| (the longest fills a cell).
    #[default]
    Linear,
    /// `ln(1 + |∇f|/m) / ln(1 + max/m)` with `m` the median magnitude.
    Log,
    /// All arrows the same length (direction only).
    Uniform,
}

/// A gradient sample for a field: world position and gradient there.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct FieldSample {
    /// World x.
    pub x: f64,
    /// World y.
    pub y: f64,
    /// ∂f/∂x at `(x, y)`.
    pub gx: f64,
    /// ∂f/∂y at `(x, y)`.
    pub gy: f64,
}

/// How arrows are drawn.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct FieldStyle {
    /// Colour; `None` uses [`Theme::arrow`].
    pub color: Option<RGBColor>,
    /// Opacity in `[0, 1]`.
    pub opacity: f64,
    /// Shaft width in pixels.
    pub width: u32,
    /// Maximum head length in pixels (heads are at most 40 % of the arrow).
    pub head_px: f64,
    /// Length scaling in fields.
    pub scaling: LengthScaling,
}

impl Default for FieldStyle {
    fn default() -> Self {
        FieldStyle {
            color: None,
            opacity: 0.9,
            width: 1,
            head_px: 6.0,
            scaling: LengthScaling::Linear,
        }
    }
}

/// The three strokes of an arrow from `tail` to `tip` (pixel space): the shaft
/// and the two barbs of a head of length `head_px` (capped at 40 % of the
/// arrow). Empty for a zero-length or non-finite arrow.
pub fn arrow_segments(
    tail: (f64, f64),
    tip: (f64, f64),
    head_px: f64,
) -> Vec<((f64, f64), (f64, f64))> {
    match arrow_head(tail, tip, head_px) {
        Some((b1, b2)) => vec![(tail, tip), (tip, b1), (tip, b2)],
        None => Vec::new(),
    }
}

/// The two barb ends of the head of `tail → tip`.
fn arrow_head(tail: (f64, f64), tip: (f64, f64), head_px: f64) -> Option<((f64, f64), (f64, f64))> {
    let a = ArrowPx { tail, tip };
    let (ux, uy) = a.direction()?;
    let h = if head_px.is_finite() {
        head_px.max(0.0)
    } else {
        0.0
    };
    let h = h.min(0.4 * a.len());
    let w = 0.5 * h;
    let base = (tip.0 - ux * h, tip.1 - uy * h);
    Some((
        (base.0 - uy * w, base.1 + ux * w),
        (base.0 + uy * w, base.1 - ux * w),
    ))
}

/// The arrow of gradient `grad` at world point `p`, `len_px` pixels long,
/// starting at `p`. `None` for a zero or non-finite gradient or point.
pub fn gradient_arrow(
    view: &View,
    p: (f64, f64),
    grad: (f64, f64),
    len_px: f64,
) -> Option<ArrowPx> {
    if !(len_px.is_finite() && len_px > 0.0) {
        return None;
    }
    let tail = view.to_pixel(p);
    let d = view.vector_to_pixel(grad);
    let l = d.0.hypot(d.1);
    if !(l.is_finite() && l > 0.0 && tail.0.is_finite() && tail.1.is_finite()) {
        return None;
    }
    Some(ArrowPx {
        tail,
        tip: (tail.0 + d.0 / l * len_px, tail.1 + d.1 / l * len_px),
    })
}

/// An arrow at a point, fitted to the plot: drawn at `scale` times its true length on the
/// map (1 when it is drawn to the map's scale).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct FittedArrow {
    /// The arrow as drawn (pixel space).
    pub arrow: ArrowPx,
    /// Drawn length over true length.
    pub scale: f64,
}

impl FittedArrow {
    /// Whether the arrow is drawn noticeably shorter or longer than its true length.
    pub fn is_scaled(&self) -> bool {
        (self.scale - 1.0).abs() > 0.02
    }
}

/// The arrow of world vector `vec` from world point `p`: at its true length on the map
/// when that is between `min_px` and `max_px`, else clamped to them, and then shortened,
/// keeping its direction, so that its tip stays `inset_px` inside the plot area. `None`
/// for a zero or non-finite vector or point, a point outside the plot area, or an arrow
/// that cannot be at least 4 px long inside it.
pub fn fitted_arrow(
    view: &View,
    p: (f64, f64),
    vec: (f64, f64),
    (min_px, max_px): (f64, f64),
    inset_px: f64,
) -> Option<FittedArrow> {
    if !view.is_drawable() {
        return None;
    }
    let tail = view.to_pixel(p);
    let d = view.vector_to_pixel(vec);
    let true_len = d.0.hypot(d.1);
    if !(true_len.is_finite() && true_len > 0.0 && tail.0.is_finite() && tail.1.is_finite()) {
        return None;
    }
    if !view.contains_pixel(tail) {
        return None;
    }
    let (ux, uy) = (d.0 / true_len, d.1 / true_len);
    let (lo, hi) = (min_px.max(0.0), max_px.max(min_px.max(0.0)));
    let mut len = true_len.clamp(lo, hi);
    // How far the tip can go before it leaves the inset plot area, along each axis.
    let inset = inset_px.max(0.0);
    let (left, right) = (view.left + inset, view.left + view.width - inset);
    let (top, bottom) = (view.top + inset, view.top + view.height - inset);
    let room = |u: f64, at: f64, low: f64, high: f64| {
        if u > 1e-12 {
            (high - at) / u
        } else if u < -1e-12 {
            (low - at) / u
        } else {
            f64::INFINITY
        }
    };
    let fits = room(ux, tail.0, left, right).min(room(uy, tail.1, top, bottom));
    len = len.min(fits.max(0.0));
    if !(len.is_finite() && len >= 4.0) {
        return None;
    }
    Some(FittedArrow {
        arrow: ArrowPx {
            tail,
            tip: (tail.0 + ux * len, tail.1 + uy * len),
        },
        scale: len / true_len,
    })
}

/// Draws a fitted arrow (see [`fitted_arrow`]) in `color`, on a halo of `halo` so it reads
/// over any colour of the heatmap.
pub fn draw_fitted_arrow<DB: DrawingBackend>(
    area: &DrawingArea<DB, plotters::coord::Shift>,
    view: &View,
    fitted: &FittedArrow,
    color: RGBColor,
    halo: Option<RGBColor>,
    width: u32,
    head_px: f64,
) -> PlotResult<DB> {
    if let Some(h) = halo {
        draw_arrow_px(
            area,
            view,
            &fitted.arrow,
            head_px + 2.0 * width as f64,
            h.mix(0.85).stroke_width(width * 3),
        )?;
    }
    draw_arrow_px(
        area,
        view,
        &fitted.arrow,
        head_px,
        color.stroke_width(width.max(1)),
    )
}

/// Centres of the cells of an `n × n` partition of `x × y` (row-major, bottom
/// row first) where a field is sampled.
pub fn field_sample_points(x: (f64, f64), y: (f64, f64), n: usize) -> Vec<(f64, f64)> {
    let n = n.min(1024);
    let mut v = Vec::with_capacity(n * n);
    for j in 0..n {
        let yy = y.0 + (j as f64 + 0.5) * (y.1 - y.0) / n as f64;
        for i in 0..n {
            v.push((x.0 + (i as f64 + 0.5) * (x.1 - x.0) / n as f64, yy));
        }
    }
    v
}

/// Arrows (pixel space, centred on their samples) of a field sampled on an
/// `n × n` grid of cells of `view`: the longest is 90 % of a cell. Samples with
/// non-finite or zero gradient get no arrow.
pub fn field_arrows(
    view: &View,
    samples: &[FieldSample],
    n: usize,
    scaling: LengthScaling,
) -> Vec<ArrowPx> {
    let mut out = Vec::new();
    if n == 0 || !view.is_drawable() {
        return out;
    }
    let cell = (view.width / n as f64).min(view.height / n as f64) * 0.9;
    let mags: Vec<f64> = samples
        .iter()
        .map(|s| s.gx.hypot(s.gy))
        .filter(|m| m.is_finite() && *m > 0.0)
        .collect();
    if mags.is_empty() {
        return out;
    }
    let mmax = mags.iter().copied().fold(0.0, f64::max);
    let mref = {
        let mut m = mags.clone();
        let k = m.len() / 2;
        *m.select_nth_unstable_by(k, f64::total_cmp).1
    };
    let denom = (1.0 + mmax / mref).ln();
    out.reserve(samples.len());
    for s in samples {
        let m = s.gx.hypot(s.gy);
        if !(m.is_finite() && m > 0.0) {
            continue;
        }
        let t = match scaling {
            LengthScaling::Linear => m / mmax,
            LengthScaling::Log => {
                if denom > 0.0 {
                    (1.0 + m / mref).ln() / denom
                } else {
                    1.0
                }
            }
            LengthScaling::Uniform => 1.0,
        };
        let len = cell * t.clamp(0.0, 1.0);
        let c = view.to_pixel((s.x, s.y));
        let d = view.vector_to_pixel((s.gx, s.gy));
        let l = d.0.hypot(d.1);
        if !(l.is_finite() && l > 0.0 && c.0.is_finite() && c.1.is_finite()) {
            continue;
        }
        let (hx, hy) = (0.5 * d.0 / l * len, 0.5 * d.1 / l * len);
        out.push(ArrowPx {
            tail: (c.0 - hx, c.1 - hy),
            tip: (c.0 + hx, c.1 + hy),
        });
    }
    out
}

fn draw_arrow_px<DB: DrawingBackend>(
    area: &DrawingArea<DB, plotters::coord::Shift>,
    view: &View,
    arrow: &ArrowPx,
    head_px: f64,
    style: ShapeStyle,
) -> PlotResult<DB> {
    let rect = view.pixel_rect();
    let r = |p: (f64, f64)| (p.0.round() as i32, p.1.round() as i32);
    if let Some((a, b)) = clip_segment(arrow.tail, arrow.tip, &rect) {
        area.draw(&PathElement::new(vec![r(a), r(b)], style))?;
    }
    if rect.contains(arrow.tip) {
        if let Some((b1, b2)) = arrow_head(arrow.tail, arrow.tip, head_px) {
            let fill = ShapeStyle {
                color: style.color,
                filled: true,
                stroke_width: 1,
            };
            area.draw(&Polygon::new(vec![r(arrow.tip), r(b1), r(b2)], fill))?;
        }
    }
    Ok(())
}

/// Draw the gradient arrow at world point `p` (tail at `p`, `len_px` long;
/// choose e.g. `len_px = k·|∇f|` clamped to the view). Accent colour unless
/// `style.color` is set.
pub fn draw_gradient_arrow<DB: DrawingBackend>(
    area: &DrawingArea<DB, plotters::coord::Shift>,
    view: &View,
    p: (f64, f64),
    grad: (f64, f64),
    len_px: f64,
    theme: &Theme,
    style: &FieldStyle,
) -> PlotResult<DB> {
    if !view.is_drawable() {
        return Ok(());
    }
    let Some(a) = gradient_arrow(view, p, grad, len_px) else {
        return Ok(());
    };
    let color = style.color.unwrap_or(theme.accent);
    let s = color
        .mix(style.opacity.clamp(0.0, 1.0))
        .stroke_width(style.width.max(2));
    draw_arrow_px(area, view, &a, style.head_px.max(8.0), s)
}

/// Draw a field of arrows sampled on an `n × n` grid of cells of `view`
/// (see [`field_sample_points`] and [`field_arrows`]).
pub fn draw_arrow_field<DB: DrawingBackend>(
    area: &DrawingArea<DB, plotters::coord::Shift>,
    view: &View,
    samples: &[FieldSample],
    n: usize,
    theme: &Theme,
    style: &FieldStyle,
) -> PlotResult<DB> {
    let color = style.color.unwrap_or(theme.arrow);
    let s = color
        .mix(style.opacity.clamp(0.0, 1.0))
        .stroke_width(style.width);
    for a in field_arrows(view, samples, n, style.scaling) {
        draw_arrow_px(area, view, &a, style.head_px, s)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn arrow_geometry() {
        let segs = arrow_segments((0.0, 0.0), (10.0, 0.0), 4.0);
        assert_eq!(segs.len(), 3);
        assert_eq!(segs[0], ((0.0, 0.0), (10.0, 0.0)));
        for s in &segs[1..] {
            assert_eq!(s.0, (10.0, 0.0));
            assert!((s.1 .0 - 6.0).abs() < 1e-12 && (s.1 .1.abs() - 2.0).abs() < 1e-12);
        }
        assert!(arrow_segments((1.0, 1.0), (1.0, 1.0), 4.0).is_empty());
        assert!(arrow_segments((f64::NAN, 1.0), (1.0, 1.0), 4.0).is_empty());
    }

    fn square_view() -> View {
        // [-4, 4]² on a 400 × 400 px plot area from (0, 0): 50 px per unit.
        View::with_area(0.0, 0.0, 400.0, 400.0, (-4.0, 4.0), (-4.0, 4.0))
    }

    #[test]
    fn a_fitted_arrow_keeps_its_direction_and_stays_inside() {
        let view = square_view();
        // ∇(x² + y²) at (2, 3) is [4, 6]: 360 px long at this scale, far off the map.
        let f = fitted_arrow(&view, (2.0, 3.0), (4.0, 6.0), (16.0, 100.0), 6.0).unwrap();
        assert!(f.is_scaled() && f.scale < 0.2, "{f:?}");
        let rect = (6.0, 394.0);
        assert!(f.arrow.tip.0 >= rect.0 && f.arrow.tip.0 <= rect.1, "{f:?}");
        assert!(f.arrow.tip.1 >= rect.0 && f.arrow.tip.1 <= rect.1, "{f:?}");
        let d = f.arrow.direction().unwrap();
        let want = (4.0 / 52f64.sqrt(), -6.0 / 52f64.sqrt());
        assert!(
            (d.0 - want.0).abs() < 1e-9 && (d.1 - want.1).abs() < 1e-9,
            "{d:?}"
        );
        // The point (2, 3) is 50 px below the top: the tip stops 6 px short of it.
        assert!((f.arrow.tip.1 - 6.0).abs() < 1e-9, "{f:?}");
        // A unit vector at the centre is drawn to scale: 50 px.
        let v = fitted_arrow(&view, (0.0, 0.0), (0.6, 0.8), (16.0, 100.0), 6.0).unwrap();
        assert!(
            !v.is_scaled() && (v.arrow.len() - 50.0).abs() < 1e-9,
            "{v:?}"
        );
        // A tiny gradient is drawn longer so that it can be seen, and says so.
        let t = fitted_arrow(&view, (0.0, 0.0), (0.01, 0.0), (16.0, 100.0), 6.0).unwrap();
        assert!(t.is_scaled() && t.scale > 1.0 && (t.arrow.len() - 16.0).abs() < 1e-9);
    }

    #[test]
    fn no_fitted_arrow_where_there_is_nothing_to_draw() {
        let view = square_view();
        let r = (16.0, 100.0);
        assert!(fitted_arrow(&view, (0.0, 0.0), (0.0, 0.0), r, 6.0).is_none());
        assert!(fitted_arrow(&view, (0.0, 0.0), (f64::NAN, 1.0), r, 6.0).is_none());
        assert!(fitted_arrow(&view, (0.0, 0.0), (f64::INFINITY, 1.0), r, 6.0).is_none());
        assert!(fitted_arrow(&view, (f64::NAN, 0.0), (1.0, 1.0), r, 6.0).is_none());
        // Off the map, or at its edge pointing out: no room.
        assert!(fitted_arrow(&view, (9.0, 0.0), (1.0, 0.0), r, 6.0).is_none());
        assert!(fitted_arrow(&view, (4.0, 0.0), (1.0, 0.0), r, 6.0).is_none());
        // At the edge pointing in, there is room.
        assert!(fitted_arrow(&view, (4.0, 0.0), (-1.0, 0.0), r, 6.0).is_some());
    }

    #[test]
    fn field_normalisation() {
        let view = View::new(100.0, 100.0, (-1.0, 1.0), (-1.0, 1.0));
        let pts = field_sample_points(view.x, view.y, 4);
        assert_eq!(pts.len(), 16);
        let samples: Vec<FieldSample> = pts
            .iter()
            .map(|&(x, y)| FieldSample {
                x,
                y,
                gx: 2.0 * x,
                gy: 2.0 * y,
            })
            .collect();
        let arrows = field_arrows(&view, &samples, 4, LengthScaling::Linear);
        assert_eq!(arrows.len(), 16);
        let longest = arrows.iter().map(ArrowPx::len).fold(0.0, f64::max);
        assert!((longest - 22.5).abs() < 1e-9);
        let log = field_arrows(&view, &samples, 4, LengthScaling::Log);
        assert!(log.iter().all(|a| a.len() <= 22.5 + 1e-9));
        assert!(field_arrows(&view, &samples, 0, LengthScaling::Linear).is_empty());
        let nan = [FieldSample {
            x: 0.0,
            y: 0.0,
            gx: f64::NAN,
            gy: 1.0,
        }];
        assert!(field_arrows(&view, &nan, 3, LengthScaling::Log).is_empty());
    }
}
