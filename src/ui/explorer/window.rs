//! The part of the plane the contour map shows, and how zooming and panning change it.

use crate::plot::View;

/// The world rectangle shown: x from `x.0` to `x.1`, y from `y.0` to `y.1`.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct PlotWindow {
    /// x range (left, right).
    pub x: (f64, f64),
    /// y range (bottom, top).
    pub y: (f64, f64),
}

impl Default for PlotWindow {
    fn default() -> Self {
        PlotWindow {
            x: (-3.0, 3.0),
            y: (-3.0, 3.0),
        }
    }
}

/// Spans outside this range are refused, so zooming can neither lose precision nor
/// overflow.
const SPAN_LIMITS: (f64, f64) = (1e-4, 1e6);

impl PlotWindow {
    /// `view`'s pixel rectangle showing this window.
    pub fn in_view(&self, view: &View) -> View {
        View::with_area(view.left, view.top, view.width, view.height, self.x, self.y)
    }

    fn accept(self, next: View) -> PlotWindow {
        let ok = |r: (f64, f64)| {
            let s = r.1 - r.0;
            r.0.is_finite() && r.1.is_finite() && s >= SPAN_LIMITS.0 && s <= SPAN_LIMITS.1
        };
        if ok(next.x) && ok(next.y) {
            PlotWindow {
                x: next.x,
                y: next.y,
            }
        } else {
            self
        }
    }

    /// Zoomed by `factor` (> 1 zooms in) about the pixel `pixel` of `view`, which keeps the
    /// world point under it.
    pub fn zoomed(self, view: &View, pixel: (f64, f64), factor: f64) -> PlotWindow {
        let mut v = self.in_view(view);
        v.zoom_about(pixel, factor);
        self.accept(v)
    }

    /// Moved by a drag of `(dx, dy)` pixels of `view`: the content follows the pointer.
    pub fn panned(self, view: &View, dx: f64, dy: f64) -> PlotWindow {
        let mut v = self.in_view(view);
        v.pan(dx, dy);
        self.accept(v)
    }

    /// A keyboard step: a fortieth of the window's width and height.
    pub fn step(&self) -> (f64, f64) {
        ((self.x.1 - self.x.0) / 40.0, (self.y.1 - self.y.0) / 40.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn zoom_keeps_the_point_under_the_cursor_and_pan_follows_it() {
        let w = PlotWindow::default();
        let view = View::new(100.0, 100.0, (0.0, 1.0), (0.0, 1.0));
        let z = w.zoomed(&view, (75.0, 25.0), 2.0);
        // The pixel shows (1.5, 1.5) before and after; the spans halve.
        assert!((z.x.0 + 0.75).abs() < 1e-12 && (z.x.1 - 2.25).abs() < 1e-12);
        assert!((z.y.0 + 0.75).abs() < 1e-12 && (z.y.1 - 2.25).abs() < 1e-12);
        let p = w.panned(&view, 50.0, 0.0);
        assert!((p.x.0 + 6.0).abs() < 1e-12 && (p.x.1 - 0.0).abs() < 1e-12);
        // Absurd zooms are refused rather than breaking the plot.
        let tiny = w.zoomed(&view, (50.0, 50.0), 1e9);
        assert_eq!(tiny, w);
        assert_eq!(w.zoomed(&view, (50.0, 50.0), f64::NAN), w);
        assert!((w.step().0 - 0.15).abs() < 1e-12);
    }
}
