//! Clipping of segments and polylines to the plot rectangle, in pixel space.
//!
//! plotters does not clip paths to a drawing area, and a canvas would happily
//! draw a line from a point at 10⁹ px. Everything drawn in world coordinates goes
//! through these helpers: non-finite points break a polyline, pieces outside the
//! rectangle are cut away, and the result is integer pixel runs for plotters.

/// An axis-aligned pixel rectangle `[left, right] × [top, bottom]`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PixelRect {
    /// Left edge (px).
    pub left: f64,
    /// Top edge (px).
    pub top: f64,
    /// Right edge (px).
    pub right: f64,
    /// Bottom edge (px).
    pub bottom: f64,
}

impl PixelRect {
    /// The rectangle with top-left corner `(left, top)` and the given size.
    /// Negative or non-finite sizes give an empty rectangle.
    pub fn new(left: f64, top: f64, width: f64, height: f64) -> Self {
        let w = if width.is_finite() {
            width.max(0.0)
        } else {
            0.0
        };
        let h = if height.is_finite() {
            height.max(0.0)
        } else {
            0.0
        };
        PixelRect {
            left,
            top,
            right: left + w,
            bottom: top + h,
        }
    }

    /// The same rectangle grown by `m` pixels on every side.
    pub fn inflate(&self, m: f64) -> Self {
        PixelRect {
            left: self.left - m,
            top: self.top - m,
            right: self.right + m,
            bottom: self.bottom + m,
        }
    }

    /// True if the rectangle is finite and has positive area.
    pub fn is_valid(&self) -> bool {
        [self.left, self.top, self.right, self.bottom]
            .iter()
            .all(|v| v.is_finite())
            && self.right > self.left
            && self.bottom > self.top
    }

    /// True if the point lies inside (edges included).
    pub fn contains(&self, p: (f64, f64)) -> bool {
        p.0 >= self.left && p.0 <= self.right && p.1 >= self.top && p.1 <= self.bottom
    }
}

/// Clip the segment `a → b` to `rect` (Liang–Barsky). Returns the parameters
/// `(t0, t1)` of the visible part, `0 ≤ t0 ≤ t1 ≤ 1`, or `None`.
fn clip_params(a: (f64, f64), b: (f64, f64), rect: &PixelRect) -> Option<(f64, f64)> {
    if !(a.0.is_finite() && a.1.is_finite() && b.0.is_finite() && b.1.is_finite()) {
        return None;
    }
    if !rect.is_valid() {
        return None;
    }
    let dx = b.0 - a.0;
    let dy = b.1 - a.1;
    let mut t0: f64 = 0.0;
    let mut t1: f64 = 1.0;
    let checks = [
        (-dx, a.0 - rect.left),
        (dx, rect.right - a.0),
        (-dy, a.1 - rect.top),
        (dy, rect.bottom - a.1),
    ];
    for (p, q) in checks {
        if p == 0.0 {
            if q < 0.0 {
                return None;
            }
        } else {
            let r = q / p;
            if p < 0.0 {
                if r > t1 {
                    return None;
                }
                t0 = t0.max(r);
            } else {
                if r < t0 {
                    return None;
                }
                t1 = t1.min(r);
            }
        }
    }
    Some((t0, t1))
}

/// Clip the segment `a → b` to `rect`; `None` if nothing is visible or a point is
/// not finite.
pub fn clip_segment(
    a: (f64, f64),
    b: (f64, f64),
    rect: &PixelRect,
) -> Option<((f64, f64), (f64, f64))> {
    let (t0, t1) = clip_params(a, b, rect)?;
    let lerp = |t: f64| (a.0 + (b.0 - a.0) * t, a.1 + (b.1 - a.1) * t);
    Some((lerp(t0), lerp(t1)))
}

fn to_i32(p: (f64, f64)) -> (i32, i32) {
    (
        p.0.round().clamp(-1e6, 1e6) as i32,
        p.1.round().clamp(-1e6, 1e6) as i32,
    )
}

/// Clip a pixel-space polyline to `rect` and return the visible runs as integer
/// pixel polylines (each with at least two points). Non-finite points split the
/// polyline.
pub fn clip_polyline(points: &[(f64, f64)], rect: &PixelRect) -> Vec<Vec<(i32, i32)>> {
    let mut runs: Vec<Vec<(i32, i32)>> = Vec::new();
    let mut current: Vec<(i32, i32)> = Vec::new();
    let mut connected = false;
    for w in points.windows(2) {
        let (a, b) = (w[0], w[1]);
        match clip_params(a, b, rect) {
            Some((t0, t1)) => {
                let lerp = |t: f64| (a.0 + (b.0 - a.0) * t, a.1 + (b.1 - a.1) * t);
                let p0 = to_i32(lerp(t0));
                let p1 = to_i32(lerp(t1));
                if !(connected && t0 == 0.0) {
                    if current.len() >= 2 {
                        runs.push(std::mem::take(&mut current));
                    }
                    current.clear();
                    current.push(p0);
                }
                if current.last() != Some(&p1) {
                    current.push(p1);
                }
                connected = t1 == 1.0;
            }
            None => connected = false,
        }
    }
    if current.len() >= 2 {
        runs.push(current);
    }
    runs
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn segment_clipping() {
        let r = PixelRect::new(0.0, 0.0, 10.0, 10.0);
        let (a, b) = clip_segment((-5.0, 5.0), (15.0, 5.0), &r).unwrap();
        assert_eq!(a, (0.0, 5.0));
        assert_eq!(b, (10.0, 5.0));
        assert!(clip_segment((-5.0, -5.0), (-1.0, 20.0), &r).is_none());
        assert!(clip_segment((f64::NAN, 0.0), (1.0, 1.0), &r).is_none());
        let empty = PixelRect::new(0.0, 0.0, 0.0, 10.0);
        assert!(clip_segment((1.0, 1.0), (2.0, 2.0), &empty).is_none());
    }

    #[test]
    fn polyline_splits_at_exits_and_nan() {
        let r = PixelRect::new(0.0, 0.0, 10.0, 10.0);
        let pts = [
            (1.0, 1.0),
            (5.0, 1.0),
            (20.0, 1.0),
            (20.0, 5.0),
            (5.0, 5.0),
            (5.0, 8.0),
            (f64::NAN, 0.0),
            (1.0, 9.0),
            (2.0, 9.0),
        ];
        let runs = clip_polyline(&pts, &r);
        assert_eq!(runs.len(), 3);
        assert_eq!(runs[0], vec![(1, 1), (5, 1), (10, 1)]);
        assert_eq!(runs[1], vec![(10, 5), (5, 5), (5, 8)]);
        assert_eq!(runs[2], vec![(1, 9), (2, 9)]);
        assert!(clip_polyline(&[], &r).is_empty());
        assert!(clip_polyline(&[(1.0, 1.0)], &r).is_empty());
    }
}
