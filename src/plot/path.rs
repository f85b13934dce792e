//! Descent trajectories: a polyline through the iterates, a marker at each
//! iterate, the start (hollow ring) and the current end (filled disc) marked.
//! Passing `frames = Some(k)` draws only the first `k` iterates, for animation.

use plotters::prelude::*;

use super::clip::clip_polyline;
use super::grid::View;
use super::{PlotResult, Theme};

/// How a path is drawn.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PathStyle {
    /// Colour; `None` uses [`Theme::path`].
    pub color: Option<RGBColor>,
    /// Line width in pixels.
    pub width: u32,
    /// Radius of the per-iterate markers (0 hides them).
    pub marker_radius: u32,
    /// Radius of the start and end markers.
    pub end_radius: u32,
}

impl Default for PathStyle {
    fn default() -> Self {
        PathStyle {
            color: None,
            width: 2,
            marker_radius: 2,
            end_radius: 5,
        }
    }
}

/// The first `frames` points of `points` (all of them for `None`).
pub fn visible_prefix(points: &[(f64, f64)], frames: Option<usize>) -> &[(f64, f64)] {
    let k = frames.unwrap_or(points.len()).min(points.len());
    &points[..k]
}

/// The path as clipped integer pixel polylines: split where a point is not
/// finite or the path leaves the plot area.
pub fn path_runs(view: &View, points: &[(f64, f64)]) -> Vec<Vec<(i32, i32)>> {
    if !view.is_drawable() {
        return Vec::new();
    }
    let px: Vec<(f64, f64)> = points.iter().map(|&p| view.to_pixel(p)).collect();
    clip_polyline(&px, &view.pixel_rect())
}

/// Draw the descent path (only its first `frames` iterates if given).
pub fn draw_path<DB: DrawingBackend>(
    area: &DrawingArea<DB, plotters::coord::Shift>,
    view: &View,
    points: &[(f64, f64)],
    frames: Option<usize>,
    theme: &Theme,
    style: &PathStyle,
) -> PlotResult<DB> {
    if !view.is_drawable() {
        return Ok(());
    }
    let pts = visible_prefix(points, frames);
    let color = style.color.unwrap_or(theme.path);
    let line = color.stroke_width(style.width);
    for run in path_runs(view, pts) {
        area.draw(&PathElement::new(run, line))?;
    }
    let rect = view.pixel_rect();
    let at = |p: (f64, f64)| -> Option<(i32, i32)> {
        let q = view.to_pixel(p);
        rect.contains(q)
            .then(|| (q.0.round() as i32, q.1.round() as i32))
    };
    if style.marker_radius > 0 {
        for &p in pts {
            if let Some(c) = at(p) {
                area.draw(&Circle::new(c, style.marker_radius, color.filled()))?;
            }
        }
    }
    let first = pts
        .iter()
        .copied()
        .find(|p| p.0.is_finite() && p.1.is_finite());
    let last = pts
        .iter()
        .copied()
        .rev()
        .find(|p| p.0.is_finite() && p.1.is_finite());
    if let Some(c) = first.and_then(at) {
        area.draw(&Circle::new(c, style.end_radius, theme.background.filled()))?;
        area.draw(&Circle::new(c, style.end_radius, color.stroke_width(2)))?;
    }
    if pts.len() > 1 {
        if let Some(c) = last.and_then(at) {
            area.draw(&Circle::new(c, style.end_radius, color.filled()))?;
            area.draw(&Circle::new(
                c,
                style.end_radius,
                theme.foreground.stroke_width(1),
            ))?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prefix_and_runs() {
        let pts = [
            (0.0, 0.0),
            (1.0, 1.0),
            (f64::NAN, 0.0),
            (2.0, 2.0),
            (3.0, 3.0),
        ];
        assert_eq!(visible_prefix(&pts, Some(2)).len(), 2);
        assert_eq!(visible_prefix(&pts, Some(99)).len(), 5);
        assert_eq!(visible_prefix(&pts, None).len(), 5);
        let v = View::new(100.0, 100.0, (-5.0, 5.0), (-5.0, 5.0));
        let runs = path_runs(&v, &pts);
        assert_eq!(runs.len(), 2);
        assert_eq!(runs[0], vec![(50, 50), (60, 40)]);
        let dead = View::new(0.0, 0.0, (0.0, 1.0), (0.0, 1.0));
        assert!(path_runs(&dead, &pts).is_empty());
    }
}
