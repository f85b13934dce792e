//! Isolines (contour lines) of a [`Grid`] via the `contour` crate's marching
//! squares, in world coordinates, and their drawing with a few level labels.
//!
//! The `contour` crate closes every ring along the outside of the grid and treats
//! NaN as "below". Both artefacts are removed here: segments that leave the sampled
//! rectangle or lie in a cell touching a non-finite sample are dropped, and the
//! remaining pieces are joined into polylines. So a line never crosses a hole and
//! levels that leave the domain give open curves ending at its border.

use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::clip::clip_polyline;
use super::colormap::ColorScale;
use super::grid::{Grid, View};
use super::levels::{label_spots, place_labels};
use super::ticks::{format_compact, format_tick, nice_ticks};
use super::{PlotResult, Theme};

/// One connected isoline in world coordinates.
#[derive(Debug, Clone, PartialEq)]
pub struct IsoLine {
    /// The level `c` of `f(x, y) = c`.
    pub level: f64,
    /// Polyline vertices (world). For a closed line the first point is repeated
    /// at the end.
    pub points: Vec<(f64, f64)>,
    /// True if the line is a closed ring lying entirely inside the grid.
    pub closed: bool,
}

impl IsoLine {
    /// Number of straight segments.
    pub fn segment_count(&self) -> usize {
        self.points.len().saturating_sub(1)
    }
}

/// All isolines computed for a set of levels.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Contours {
    /// The lines, grouped by level in the order the levels were given.
    pub lines: Vec<IsoLine>,
}

impl Contours {
    /// Total number of straight segments over all lines.
    pub fn segment_count(&self) -> usize {
        self.lines.iter().map(IsoLine::segment_count).sum()
    }

    /// Every segment as `(level, from, to)` in world coordinates.
    pub fn segments(&self) -> impl Iterator<Item = (f64, (f64, f64), (f64, f64))> + '_ {
        self.lines
            .iter()
            .flat_map(|l| l.points.windows(2).map(move |w| (l.level, w[0], w[1])))
    }

    /// The lines at exactly `level`.
    pub fn lines_at(&self, level: f64) -> impl Iterator<Item = &IsoLine> + '_ {
        self.lines.iter().filter(move |l| l.level == level)
    }

    /// True if there is no line.
    pub fn is_empty(&self) -> bool {
        self.lines.is_empty()
    }
}

/// About `n` round contour levels strictly inside the scale's range
/// (e.g. `n = 12` over `[0, 18]` gives 2, 4, …, 16; steps come from [`nice_ticks`]).
pub fn nice_levels(scale: &ColorScale, n: usize) -> Vec<f64> {
    let (lo, hi) = (scale.min, scale.max);
    let eps = (hi - lo).abs() * 1e-9;
    nice_ticks(lo, hi, n)
        .into_iter()
        .filter(|&v| v > lo + eps && v < hi - eps)
        .collect()
}

/// Isolines of `grid` at `levels` (non-finite levels are skipped). An invalid
/// grid, or one with fewer than 2 × 2 samples, gives no lines.
pub fn compute_contours(grid: &Grid, levels: &[f64]) -> Contours {
    let mut out = Contours::default();
    if !grid.is_valid() || grid.nx < 2 || grid.ny < 2 {
        return out;
    }
    let levels: Vec<f64> = levels.iter().copied().filter(|l| l.is_finite()).collect();
    if levels.is_empty() {
        return out;
    }
    let has_holes = grid.values.iter().any(|v| !v.is_finite());
    let sanitized;
    let values: &[f64] = if has_holes {
        sanitized = grid
            .values
            .iter()
            .map(|&v| if v.is_finite() { v } else { f64::NAN })
            .collect::<Vec<f64>>();
        &sanitized
    } else {
        &grid.values
    };
    let builder = ::contour::ContourBuilder::new(grid.nx, grid.ny, true);
    let Ok(lines) = builder.lines(values, &levels) else {
        return out;
    };
    let ctx = RingCtx {
        nx: grid.nx,
        ny: grid.ny,
        values,
        has_holes,
        x0: grid.x.0,
        y0: grid.y.0,
        dx: grid.dx(),
        dy: grid.dy(),
    };
    let mut keep: Vec<bool> = Vec::new();
    for line in lines {
        let level = line.threshold();
        for ring in line.geometry().0.iter() {
            let pts: Vec<(f64, f64)> = ring.0.iter().map(|c| (c.x, c.y)).collect();
            ctx.split_ring(&pts, level, &mut keep, &mut out.lines);
        }
    }
    out
}

struct RingCtx<'a> {
    nx: usize,
    ny: usize,
    values: &'a [f64],
    has_holes: bool,
    x0: f64,
    y0: f64,
    dx: f64,
    dy: f64,
}

impl RingCtx<'_> {
    /// `contour` puts sample `i` at raw coordinate `i + 0.5`.
    fn inside(&self, p: (f64, f64)) -> bool {
        let eps = 1e-9;
        p.0.is_finite()
            && p.1.is_finite()
            && p.0 >= 0.5 - eps
            && p.0 <= self.nx as f64 - 0.5 + eps
            && p.1 >= 0.5 - eps
            && p.1 <= self.ny as f64 - 0.5 + eps
    }

    fn keep_segment(&self, a: (f64, f64), b: (f64, f64)) -> bool {
        if !self.inside(a) || !self.inside(b) {
            return false;
        }
        if !self.has_holes {
            return true;
        }
        let mx = 0.5 * (a.0 + b.0) - 0.5;
        let my = 0.5 * (a.1 + b.1) - 0.5;
        let i = (mx.floor().max(0.0) as usize).min(self.nx - 2);
        let j = (my.floor().max(0.0) as usize).min(self.ny - 2);
        let v = |i: usize, j: usize| self.values[j * self.nx + i];
        v(i, j).is_finite()
            && v(i + 1, j).is_finite()
            && v(i, j + 1).is_finite()
            && v(i + 1, j + 1).is_finite()
    }

    fn world(&self, p: (f64, f64)) -> (f64, f64) {
        (
            self.x0 + (p.0 - 0.5) * self.dx,
            self.y0 + (p.1 - 0.5) * self.dy,
        )
    }

    fn split_ring(
        &self,
        pts: &[(f64, f64)],
        level: f64,
        keep: &mut Vec<bool>,
        out: &mut Vec<IsoLine>,
    ) {
        if pts.len() < 2 {
            return;
        }
        keep.clear();
        keep.extend(pts.windows(2).map(|w| self.keep_segment(w[0], w[1])));
        let closed_ring = pts.first() == pts.last();
        if keep.iter().all(|&k| k) {
            out.push(IsoLine {
                level,
                points: pts.iter().map(|&p| self.world(p)).collect(),
                closed: closed_ring,
            });
            return;
        }
        // Collect runs of kept segments as index ranges of points.
        let nseg = keep.len();
        let mut runs: Vec<(usize, usize)> = Vec::new();
        let mut k = 0;
        while k < nseg {
            if keep[k] {
                let start = k;
                while k < nseg && keep[k] {
                    k += 1;
                }
                runs.push((start, k)); // points start..=k
            } else {
                k += 1;
            }
        }
        // A closed ring whose first and last segments are kept: join those runs.
        let wrap = closed_ring && runs.len() >= 2 && keep[0] && keep[nseg - 1];
        let first = if wrap { Some(runs.remove(0)) } else { None };
        for (idx, &(s, e)) in runs.iter().enumerate() {
            let mut points: Vec<(f64, f64)> = pts[s..=e].iter().map(|&p| self.world(p)).collect();
            if let (true, Some((fs, fe))) = (idx + 1 == runs.len(), first) {
                // pts[e] == pts[0] for a closed ring; continue with the first run.
                points.extend(pts[fs + 1..=fe].iter().map(|&p| self.world(p)));
            }
            out.push(IsoLine {
                level,
                points,
                closed: false,
            });
        }
    }
}

/// How isolines are drawn.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ContourStyle {
    /// Line colour; `None` uses [`Theme::contour`].
    pub color: Option<RGBColor>,
    /// Opacity in `[0, 1]`.
    pub opacity: f64,
    /// Stroke width in pixels.
    pub width: u32,
    /// Draw one value label per level (on its longest line).
    pub labels: bool,
    /// Label font size in pixels.
    pub font_px: u32,
}

impl Default for ContourStyle {
    fn default() -> Self {
        ContourStyle {
            color: None,
            opacity: 0.85,
            width: 1,
            labels: true,
            font_px: 10,
        }
    }
}

/// Draw `contours` (world coordinates) through `view`, clipped to its plot area.
pub fn draw_contours<DB: DrawingBackend>(
    area: &DrawingArea<DB, plotters::coord::Shift>,
    view: &View,
    contours: &Contours,
    theme: &Theme,
    style: &ContourStyle,
) -> PlotResult<DB> {
    if !view.is_drawable() || contours.is_empty() {
        return Ok(());
    }
    let rect = view.pixel_rect();
    let color = style.color.unwrap_or(theme.contour);
    let line_style = color
        .mix(style.opacity.clamp(0.0, 1.0))
        .stroke_width(style.width);
    let mut px: Vec<(f64, f64)> = Vec::new();
    for line in &contours.lines {
        px.clear();
        px.extend(line.points.iter().map(|&p| view.to_pixel(p)));
        for run in clip_polyline(&px, &rect) {
            area.draw(&PathElement::new(run, line_style))?;
        }
    }
    if style.labels {
        draw_labels(area, view, contours, color, style.font_px)?;
    }
    Ok(())
}

fn draw_labels<DB: DrawingBackend>(
    area: &DrawingArea<DB, plotters::coord::Shift>,
    view: &View,
    contours: &Contours,
    color: RGBColor,
    font_px: u32,
) -> PlotResult<DB> {
    let font = ("sans-serif", font_px.max(1))
        .into_font()
        .color(&color)
        .pos(Pos::new(HPos::Center, VPos::Center));
    for (text, (x, y)) in contour_labels(view, contours, font_px as f64) {
        area.draw(&Text::new(
            text,
            (x.round() as i32, y.round() as i32),
            font.clone(),
        ))?;
    }
    Ok(())
}

/// One label per level where there is room: its text and centre (px). Each level tries
/// spots along its longest lines (middle first) and takes the first whose box stays in
/// the plot area and clears every label placed before; a level with no such spot gets no
/// label, so labels never overlap. Evenly spaced levels are labelled with the decimals
/// their step needs, others (log or quantile levels) with about four significant digits.
pub fn contour_labels(view: &View, contours: &Contours, font_px: f64) -> Vec<(String, (f64, f64))> {
    let mut levels: Vec<f64> = contours.lines.iter().map(|l| l.level).collect();
    levels.sort_by(f64::total_cmp);
    levels.dedup();
    let gaps: Vec<f64> = levels.windows(2).map(|w| w[1] - w[0]).collect();
    let step = gaps
        .iter()
        .copied()
        .filter(|d| *d > 0.0)
        .fold(f64::INFINITY, f64::min);
    let step = if step.is_finite() { step } else { 1.0 };
    let even = gaps.iter().all(|g| (g - step).abs() <= step * 1e-6);
    let text = |l: f64| {
        if even {
            format_tick(l, step)
        } else {
            format_compact(l)
        }
    };
    let rect = view.pixel_rect().inflate(-2.0);
    let bounds = (rect.left, rect.top, rect.right, rect.bottom);
    let texts: Vec<String> = levels.iter().map(|&l| text(l)).collect();
    let sizes: Vec<(f64, f64)> = texts
        .iter()
        .map(|t| (t.chars().count() as f64 * 0.6 * font_px + 2.0, font_px))
        .collect();
    let candidates: Vec<Vec<(f64, f64)>> = levels
        .iter()
        .map(|&level| {
            let mut lines: Vec<&IsoLine> = contours.lines_at(level).collect();
            lines.sort_by_key(|l| std::cmp::Reverse(l.points.len()));
            lines
                .iter()
                .take(4)
                .flat_map(|l| label_spots(&l.points))
                .map(|p| view.to_pixel(p))
                .collect()
        })
        .collect();
    place_labels(&candidates, &sizes, bounds, 0.3 * font_px, 4.0 * font_px)
        .into_iter()
        .zip(texts)
        .filter_map(|(b, t)| b.map(|b| (t, b.center)))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn circle_levels_are_closed_rings() {
        let g = Grid::from_fn((-3.0, 3.0), (-3.0, 3.0), 61, 61, |x, y| x * x + y * y);
        let c = compute_contours(&g, &[1.0, 4.0]);
        assert_eq!(c.lines.len(), 2);
        for l in &c.lines {
            assert!(l.closed);
            let r = l.level.sqrt();
            for &(x, y) in &l.points {
                assert!(((x * x + y * y).sqrt() - r).abs() < 0.02, "{x},{y}");
            }
        }
    }

    #[test]
    fn level_leaving_domain_is_open() {
        let g = Grid::from_fn((-1.0, 1.0), (-1.0, 1.0), 21, 21, |x, y| x * x + y * y);
        let c = compute_contours(&g, &[1.5]);
        assert_eq!(c.lines.len(), 4);
        for l in &c.lines {
            assert!(!l.closed);
            for &(x, y) in &l.points {
                assert!(x.abs() <= 1.0 + 1e-9 && y.abs() <= 1.0 + 1e-9);
            }
        }
    }

    #[test]
    fn degenerate_inputs() {
        assert!(compute_contours(&Grid::default(), &[1.0]).is_empty());
        let g = Grid::new((0.0, 1.0), (0.0, 1.0), 2, 2, vec![f64::NAN; 4]);
        assert!(compute_contours(&g, &[0.0, f64::NAN]).is_empty());
        let g = Grid::new((0.0, 1.0), (0.0, 1.0), 3, 2, vec![0.0; 5]);
        assert!(compute_contours(&g, &[0.0]).is_empty());
        assert!(nice_levels(&ColorScale::new(0.0, 18.0), 12)
            .iter()
            .all(|&v| v > 0.0 && v < 18.0));
    }

    /// The drawn labels of `contours` in a 300 × 300 SVG: (text, x, y).
    #[cfg(not(target_arch = "wasm32"))]
    fn drawn_labels(contours: &Contours, x: (f64, f64), y: (f64, f64)) -> Vec<(String, f64, f64)> {
        let mut out = String::new();
        {
            let area = SVGBackend::with_string(&mut out, (300, 300)).into_drawing_area();
            let view = View::new(300.0, 300.0, x, y);
            let style = ContourStyle::default();
            draw_contours(&area, &view, contours, &Theme::light(), &style).expect("draws");
            area.present().expect("presents");
        }
        let attr = |t: &str, name: &str| -> f64 {
            t.split(&format!(" {name}=\""))
                .nth(1)
                .and_then(|r| r.split('"').next())
                .and_then(|v| v.parse().ok())
                .unwrap_or(f64::NAN)
        };
        out.split("<text")
            .skip(1)
            .map(|t| {
                let body = t.split_once('>').map_or("", |(_, r)| r);
                let text = body
                    .split("</text>")
                    .next()
                    .unwrap_or("")
                    .trim()
                    .to_string();
                (text, attr(t, "x"), attr(t, "y"))
            })
            .collect()
    }

    #[cfg(not(target_arch = "wasm32"))]
    #[test]
    fn labels_of_a_fast_growing_function_never_overlap() {
        // e^(xy) on [−4, 4]²: with even levels every label piled up in the corners.
        let g = Grid::from_fn((-4.0, 4.0), (-4.0, 4.0), 128, 128, |x, y| (x * y).exp());
        for levels in [
            nice_levels(&ColorScale::from_values(&g.values), 12),
            crate::plot::choose_levels(&g.values, 12).levels,
        ] {
            let c = compute_contours(&g, &levels);
            let labels = drawn_labels(&c, (-4.0, 4.0), (-4.0, 4.0));
            assert!(!labels.is_empty());
            let font = ContourStyle::default().font_px as f64;
            let w = |t: &str| t.chars().count() as f64 * 0.6 * font;
            for (i, a) in labels.iter().enumerate() {
                for b in &labels[i + 1..] {
                    let apart_x = (a.1 - b.1).abs() >= 0.5 * (w(&a.0) + w(&b.0));
                    let apart_y = (a.2 - b.2).abs() >= font;
                    assert!(apart_x || apart_y, "{a:?} overlaps {b:?} in {labels:?}");
                }
            }
        }
        // With log levels the labels read as powers of ten.
        let c = compute_contours(&g, &crate::plot::choose_levels(&g.values, 12).levels);
        let labels = drawn_labels(&c, (-4.0, 4.0), (-4.0, 4.0));
        assert!(labels.len() >= 5, "{labels:?}");
        assert!(
            labels
                .iter()
                .any(|l| l.0 == "1e-6" || l.0 == "1e6" || l.0 == "1"),
            "{labels:?}"
        );
    }

    #[cfg(not(target_arch = "wasm32"))]
    #[test]
    fn labels_of_curves_cut_by_the_corners_spread_over_the_corners() {
        // x² + y² on [−3, 3]²: the levels above 9 are arcs in all four corners. Before, every
        // one of them was labelled in the same corner and the other three stayed bare.
        let g = Grid::from_fn((-3.0, 3.0), (-3.0, 3.0), 121, 121, |x, y| x * x + y * y);
        let levels = nice_levels(&ColorScale::from_values(&g.values), 12);
        let c = compute_contours(&g, &levels);
        let labels = drawn_labels(&c, (-3.0, 3.0), (-3.0, 3.0));
        let corner = |l: &(String, f64, f64)| (l.1 > 150.0, l.2 > 150.0);
        let outer: Vec<_> = labels
            .iter()
            .filter(|l| l.0.parse::<f64>().is_ok_and(|v| v > 9.5))
            .collect();
        assert!(outer.len() >= 3, "{labels:?}");
        let mut corners: Vec<(bool, bool)> = outer.iter().map(|l| corner(l)).collect();
        corners.sort();
        corners.dedup();
        assert!(
            corners.len() >= 3,
            "outer labels in {corners:?}: {labels:?}"
        );
    }
}
