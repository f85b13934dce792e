//! The optimiser race drawn over a contour map: one path per runner in its own colour from a
//! colour-blind-safe palette (Okabe and Ito's), each with a halo in the background colour so
//! it stays visible on any part of the heatmap, the shared start as a ring, each runner's
//! current point as a disc, and a cross where a run blew up. Paths are clipped to the plot
//! area; a diverged run's cross sits where its path leaves the frame.

use plotters::prelude::*;

use super::clip::PixelRect;
use super::grid::View;
use super::path::path_runs;
use super::{PlotResult, Theme};

/// Okabe and Ito's colour-blind-safe palette (without black), in the order of the race's
/// optimisers: vermillion, blue, sky blue, yellow, reddish purple, bluish green, orange, and
/// grey for the eighth. The default race (entries 0, 1, 5 and 7) uses four that stay apart
/// for every common kind of colour blindness.
pub const RACE_COLORS: [RGBColor; 8] = [
    RGBColor(213, 94, 0),
    RGBColor(0, 114, 178),
    RGBColor(86, 180, 233),
    RGBColor(240, 228, 66),
    RGBColor(204, 121, 167),
    RGBColor(0, 158, 115),
    RGBColor(230, 159, 0),
    RGBColor(128, 128, 128),
];

/// The colour of runner `i` (cycling through [`RACE_COLORS`]).
pub fn race_color(i: usize) -> RGBColor {
    RACE_COLORS[i % RACE_COLORS.len()]
}

/// The colour as CSS text (`#d55e00`), for legends drawn in HTML.
pub fn css_color(c: RGBColor) -> String {
    format!("#{:02x}{:02x}{:02x}", c.0, c.1, c.2)
}

/// One runner's path as drawn.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct RacePath<'a> {
    /// The points reached so far, start first.
    pub points: &'a [(f64, f64)],
    /// Its colour.
    pub color: RGBColor,
    /// The run blew up after its last point (drawn as a cross once the path is complete).
    pub diverged: bool,
}

/// Draws every path (halo, then line, then end marks) and the start ring. `k` scales line
/// widths and markers (the device pixel ratio).
pub fn draw_race_paths<DB: DrawingBackend>(
    area: &DrawingArea<DB, plotters::coord::Shift>,
    view: &View,
    paths: &[RacePath],
    theme: &Theme,
    k: f64,
) -> PlotResult<DB> {
    if !view.is_drawable() {
        return Ok(());
    }
    let k = if k.is_finite() {
        k.clamp(0.5, 4.0)
    } else {
        1.0
    };
    let w = |v: f64| (v * k).round().max(1.0) as u32;
    let rect = view.pixel_rect();
    for p in paths {
        for run in path_runs(view, p.points) {
            area.draw(&PathElement::new(
                run,
                theme.background.stroke_width(w(5.0)),
            ))?;
        }
    }
    for p in paths {
        for run in path_runs(view, p.points) {
            area.draw(&PathElement::new(run, p.color.stroke_width(w(2.5))))?;
        }
    }
    for p in paths {
        let Some(&last) = p.points.last() else {
            continue;
        };
        let Some(c) = clamped_pixel(view, &rect, last) else {
            continue;
        };
        if p.diverged {
            let r = w(6.0) as i32;
            for (a, b) in [((-r, -r), (r, r)), ((-r, r), (r, -r))] {
                let seg = vec![(c.0 + a.0, c.1 + a.1), (c.0 + b.0, c.1 + b.1)];
                area.draw(&PathElement::new(
                    seg.clone(),
                    theme.background.stroke_width(w(5.0)),
                ))?;
                area.draw(&PathElement::new(seg, p.color.stroke_width(w(2.5))))?;
            }
        } else if p.points.len() > 1 {
            area.draw(&Circle::new(c, w(5.0), p.color.filled()))?;
            area.draw(&Circle::new(c, w(5.0), theme.foreground.stroke_width(1)))?;
        }
    }
    if let Some(start) = paths.iter().find_map(|p| p.points.first().copied()) {
        if let Some(c) = clamped_pixel(view, &rect, start) {
            area.draw(&Circle::new(c, w(6.0), theme.background.filled()))?;
            area.draw(&Circle::new(
                c,
                w(6.0),
                theme.foreground.stroke_width(w(2.0)),
            ))?;
        }
    }
    Ok(())
}

/// `p` in pixels, moved onto the edge of `rect` when it lies outside (so the mark of a run
/// that left the frame shows where it left); `None` for non-finite points.
fn clamped_pixel(view: &View, rect: &PixelRect, p: (f64, f64)) -> Option<(i32, i32)> {
    let q = view.to_pixel(p);
    if !(q.0.is_finite() && q.1.is_finite()) {
        return None;
    }
    let x = q.0.clamp(rect.left, rect.right);
    let y = q.1.clamp(rect.top, rect.bottom);
    Some((x.round() as i32, y.round() as i32))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_palette_is_distinct_and_written_as_css() {
        for (i, a) in RACE_COLORS.iter().enumerate() {
            for b in &RACE_COLORS[i + 1..] {
                assert_ne!(a, b);
            }
        }
        assert_eq!(css_color(race_color(0)), "#d55e00");
        assert_eq!(race_color(9), race_color(1));
    }

    #[test]
    fn marks_stay_in_the_frame() {
        let v = View::new(100.0, 100.0, (-1.0, 1.0), (-1.0, 1.0));
        let r = v.pixel_rect();
        assert_eq!(clamped_pixel(&v, &r, (50.0, 0.0)), Some((100, 50)));
        assert_eq!(clamped_pixel(&v, &r, (0.0, 0.0)), Some((50, 50)));
        assert_eq!(clamped_pixel(&v, &r, (f64::NAN, 0.0)), None);
    }
}
