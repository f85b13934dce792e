//! Sampled scalar fields ([`Grid`]) and the world ↔ pixel mapping ([`View`]).
//!
//! A grid samples `f(x, y)` at `nx × ny` points that include the corners of the
//! rectangle `x.0..=x.1 × y.0..=y.1`. A view maps a world rectangle onto a pixel
//! rectangle (screen y grows downwards, world y grows upwards) and is the state
//! a canvas component keeps for pointer events (pan, zoom).

/// Values of `f` sampled on a regular grid.
///
/// `values` is row-major: row `j` holds the samples at `y_at(j)`, and `x` varies
/// fastest, so sample `(i, j)` is `values[j * nx + i]`. Row 0 is at `y.0`.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Grid {
    /// x range `(x_first, x_last)` (the first and last sample columns).
    pub x: (f64, f64),
    /// y range `(y_first, y_last)` (the first and last sample rows).
    pub y: (f64, f64),
    /// Number of samples along x.
    pub nx: usize,
    /// Number of samples along y.
    pub ny: usize,
    /// Samples, `nx * ny` of them, row-major.
    pub values: Vec<f64>,
}

impl Grid {
    /// A grid from raw parts (not validated; see [`Grid::is_valid`]).
    pub fn new(x: (f64, f64), y: (f64, f64), nx: usize, ny: usize, values: Vec<f64>) -> Self {
        Grid {
            x,
            y,
            nx,
            ny,
            values,
        }
    }

    /// Sample `f` on an `nx × ny` grid over `x × y`.
    pub fn from_fn(
        x: (f64, f64),
        y: (f64, f64),
        nx: usize,
        ny: usize,
        mut f: impl FnMut(f64, f64) -> f64,
    ) -> Self {
        let mut g = Grid::new(x, y, nx, ny, Vec::new());
        let n = nx.saturating_mul(ny);
        g.values.reserve(n);
        for j in 0..ny {
            let yy = g.y_at(j);
            for i in 0..nx {
                g.values.push(f(g.x_at(i), yy));
            }
        }
        g
    }

    /// True when the grid has at least one sample, `values.len() == nx * ny`
    /// and finite ranges.
    pub fn is_valid(&self) -> bool {
        self.nx > 0
            && self.ny > 0
            && self.nx.checked_mul(self.ny) == Some(self.values.len())
            && self.x.0.is_finite()
            && self.x.1.is_finite()
            && self.y.0.is_finite()
            && self.y.1.is_finite()
    }

    /// Spacing between sample columns (0 when `nx < 2`).
    pub fn dx(&self) -> f64 {
        if self.nx < 2 {
            0.0
        } else {
            (self.x.1 - self.x.0) / (self.nx - 1) as f64
        }
    }

    /// Spacing between sample rows (0 when `ny < 2`).
    pub fn dy(&self) -> f64 {
        if self.ny < 2 {
            0.0
        } else {
            (self.y.1 - self.y.0) / (self.ny - 1) as f64
        }
    }

    /// World x of sample column `i` (the middle of the range when `nx < 2`).
    pub fn x_at(&self, i: usize) -> f64 {
        if self.nx < 2 {
            0.5 * (self.x.0 + self.x.1)
        } else {
            self.x.0 + self.dx() * i as f64
        }
    }

    /// World y of sample row `j` (the middle of the range when `ny < 2`).
    pub fn y_at(&self, j: usize) -> f64 {
        if self.ny < 2 {
            0.5 * (self.y.0 + self.y.1)
        } else {
            self.y.0 + self.dy() * j as f64
        }
    }

    /// The sample `(i, j)`, or `None` out of bounds.
    pub fn get(&self, i: usize, j: usize) -> Option<f64> {
        if i >= self.nx || j >= self.ny {
            return None;
        }
        self.values.get(j * self.nx + i).copied()
    }

    /// Fractional sample coordinates `(gi, gj)` of a world point.
    pub fn to_index(&self, x: f64, y: f64) -> (f64, f64) {
        let gi = if self.nx < 2 || self.dx() == 0.0 {
            0.0
        } else {
            (x - self.x.0) / self.dx()
        };
        let gj = if self.ny < 2 || self.dy() == 0.0 {
            0.0
        } else {
            (y - self.y.0) / self.dy()
        };
        (gi, gj)
    }

    /// A coarser copy with at most `max_n` samples along each axis (same corners,
    /// bilinear resampling), e.g. a 128 × 128 grid for contours or a 40 × 40 one
    /// for the surface from the 256 × 256 heatmap grid. Returns a clone when the
    /// grid is already small enough or invalid.
    pub fn downsampled(&self, max_n: usize) -> Grid {
        let max_n = max_n.max(2);
        if !self.is_valid() || (self.nx <= max_n && self.ny <= max_n) {
            return self.clone();
        }
        let (nx, ny) = (self.nx.min(max_n), self.ny.min(max_n));
        let mut g = Grid::new(self.x, self.y, nx, ny, Vec::with_capacity(nx * ny));
        for j in 0..ny {
            let gj = if ny < 2 {
                0.0
            } else {
                j as f64 * (self.ny - 1) as f64 / (ny - 1) as f64
            };
            for i in 0..nx {
                let gi = if nx < 2 {
                    0.0
                } else {
                    i as f64 * (self.nx - 1) as f64 / (nx - 1) as f64
                };
                g.values.push(self.sample_index(gi, gj));
            }
        }
        g
    }

    /// Bilinear value at fractional sample coordinates; nearest sample when a
    /// neighbour is not finite; NaN if that is not finite either.
    fn sample_index(&self, gi: f64, gj: f64) -> f64 {
        let i0 = (gi.floor().max(0.0) as usize).min(self.nx.saturating_sub(2));
        let j0 = (gj.floor().max(0.0) as usize).min(self.ny.saturating_sub(2));
        let i1 = (i0 + 1).min(self.nx - 1);
        let j1 = (j0 + 1).min(self.ny - 1);
        let tx = (gi - i0 as f64).clamp(0.0, 1.0);
        let ty = (gj - j0 as f64).clamp(0.0, 1.0);
        let v = |i: usize, j: usize| self.values[j * self.nx + i];
        let r = (v(i0, j0) * (1.0 - tx) + v(i1, j0) * tx) * (1.0 - ty)
            + (v(i0, j1) * (1.0 - tx) + v(i1, j1) * tx) * ty;
        if r.is_finite() {
            r
        } else {
            let n = v(
                if tx < 0.5 { i0 } else { i1 },
                if ty < 0.5 { j0 } else { j1 },
            );
            if n.is_finite() {
                n
            } else {
                f64::NAN
            }
        }
    }

    /// Bilinear interpolation of the samples at world `(x, y)`.
    ///
    /// `None` outside the grid, on an invalid grid, or when a needed sample is not
    /// finite.
    pub fn sample_bilinear(&self, x: f64, y: f64) -> Option<f64> {
        if !self.is_valid() || !x.is_finite() || !y.is_finite() {
            return None;
        }
        let (gi, gj) = self.to_index(x, y);
        let eps = 1e-9;
        if gi < -eps
            || gj < -eps
            || gi > (self.nx - 1) as f64 + eps
            || gj > (self.ny - 1) as f64 + eps
        {
            return None;
        }
        let i0 = (gi.floor().max(0.0) as usize).min(self.nx.saturating_sub(2));
        let j0 = (gj.floor().max(0.0) as usize).min(self.ny.saturating_sub(2));
        let i1 = (i0 + 1).min(self.nx - 1);
        let j1 = (j0 + 1).min(self.ny - 1);
        let tx = (gi - i0 as f64).clamp(0.0, 1.0);
        let ty = (gj - j0 as f64).clamp(0.0, 1.0);
        let v00 = self.get(i0, j0)?;
        let v10 = self.get(i1, j0)?;
        let v01 = self.get(i0, j1)?;
        let v11 = self.get(i1, j1)?;
        let v = (v00 * (1.0 - tx) + v10 * tx) * (1.0 - ty) + (v01 * (1.0 - tx) + v11 * tx) * ty;
        v.is_finite().then_some(v)
    }
}

/// World ↔ pixel mapping of a plot.
///
/// `left, top, width, height` is the plot rectangle in canvas pixels; `x` and `y`
/// are the world ranges shown there, `x.0` at the left edge and `y.0` at the
/// bottom edge. Reversed ranges flip the axis; degenerate ones are widened when
/// mapping, so no method divides by zero.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct View {
    /// Left edge of the plot area in pixels.
    pub left: f64,
    /// Top edge of the plot area in pixels.
    pub top: f64,
    /// Width of the plot area in pixels.
    pub width: f64,
    /// Height of the plot area in pixels.
    pub height: f64,
    /// World x range (left edge, right edge).
    pub x: (f64, f64),
    /// World y range (bottom edge, top edge).
    pub y: (f64, f64),
}

/// Alias: the same mapping under the name the UI may prefer.
pub type Viewport = View;

fn safe_span(r: (f64, f64)) -> f64 {
    let s = r.1 - r.0;
    if s.is_finite() && s.abs() > 1e-300 {
        s
    } else {
        1.0
    }
}

fn safe_len(v: f64) -> f64 {
    if v.is_finite() && v > 0.0 {
        v
    } else {
        1.0
    }
}

impl View {
    /// A view filling a `width × height` canvas from its top-left corner.
    pub fn new(width: f64, height: f64, x: (f64, f64), y: (f64, f64)) -> Self {
        Self::with_area(0.0, 0.0, width, height, x, y)
    }

    /// A view whose plot area is the pixel rectangle `left, top, width, height`.
    pub fn with_area(
        left: f64,
        top: f64,
        width: f64,
        height: f64,
        x: (f64, f64),
        y: (f64, f64),
    ) -> Self {
        View {
            left,
            top,
            width,
            height,
            x,
            y,
        }
    }

    /// World → pixel (floating point; may lie outside the plot area).
    pub fn to_pixel(&self, p: (f64, f64)) -> (f64, f64) {
        let tx = (p.0 - self.x.0) / safe_span(self.x);
        let ty = (p.1 - self.y.0) / safe_span(self.y);
        (
            self.left + tx * self.width,
            self.top + (1.0 - ty) * self.height,
        )
    }

    /// World → integer pixel for plotters, clamped to ±1e6 px.
    /// `None` if the point is not finite.
    pub fn to_pixel_i32(&self, p: (f64, f64)) -> Option<(i32, i32)> {
        let (px, py) = self.to_pixel(p);
        if !px.is_finite() || !py.is_finite() {
            return None;
        }
        Some((
            px.round().clamp(-1e6, 1e6) as i32,
            py.round().clamp(-1e6, 1e6) as i32,
        ))
    }

    /// Pixel → world.
    pub fn to_world(&self, p: (f64, f64)) -> (f64, f64) {
        let tx = (p.0 - self.left) / safe_len(self.width);
        let ty = 1.0 - (p.1 - self.top) / safe_len(self.height);
        (
            self.x.0 + tx * safe_span(self.x),
            self.y.0 + ty * safe_span(self.y),
        )
    }

    /// A world vector (e.g. a gradient) as a pixel displacement; screen y is
    /// flipped, so world `(3, 4)` points right and up.
    pub fn vector_to_pixel(&self, v: (f64, f64)) -> (f64, f64) {
        (
            v.0 * self.width / safe_span(self.x),
            -v.1 * self.height / safe_span(self.y),
        )
    }

    /// A pixel displacement as a world vector (inverse of [`View::vector_to_pixel`]).
    pub fn vector_to_world(&self, d: (f64, f64)) -> (f64, f64) {
        (
            d.0 / safe_len(self.width) * safe_span(self.x),
            -d.1 / safe_len(self.height) * safe_span(self.y),
        )
    }

    /// World units per pixel along x and y (absolute values).
    pub fn units_per_pixel(&self) -> (f64, f64) {
        (
            (safe_span(self.x) / safe_len(self.width)).abs(),
            (safe_span(self.y) / safe_len(self.height)).abs(),
        )
    }

    /// Pixels per world unit along x and y (absolute values).
    pub fn pixels_per_unit(&self) -> (f64, f64) {
        let (ux, uy) = self.units_per_pixel();
        (1.0 / ux, 1.0 / uy)
    }

    /// Zoom by `factor` (> 1 zooms in) keeping the world point under the pixel
    /// `pixel` fixed. Non-finite or non-positive factors are ignored.
    pub fn zoom_about(&mut self, pixel: (f64, f64), factor: f64) {
        if !factor.is_finite() || factor <= 0.0 || !pixel.0.is_finite() || !pixel.1.is_finite() {
            return;
        }
        let (cx, cy) = self.to_world(pixel);
        let s = 1.0 / factor;
        let nx = (cx + (self.x.0 - cx) * s, cx + (self.x.1 - cx) * s);
        let ny = (cy + (self.y.0 - cy) * s, cy + (self.y.1 - cy) * s);
        if [nx.0, nx.1, ny.0, ny.1].iter().all(|v| v.is_finite())
            && (nx.1 - nx.0).abs() > 1e-12
            && (ny.1 - ny.0).abs() > 1e-12
        {
            self.x = nx;
            self.y = ny;
        }
    }

    /// Pan by a pointer drag of `(dx_px, dy_px)` pixels: the content follows the
    /// pointer (dragging right shows smaller x, dragging down shows larger y).
    pub fn pan(&mut self, dx_px: f64, dy_px: f64) {
        if !dx_px.is_finite() || !dy_px.is_finite() {
            return;
        }
        let wx = dx_px / safe_len(self.width) * safe_span(self.x);
        let wy = dy_px / safe_len(self.height) * safe_span(self.y);
        self.x = (self.x.0 - wx, self.x.1 - wx);
        self.y = (self.y.0 + wy, self.y.1 + wy);
    }

    /// Widen the x or y range (about its centre) so that one world unit has the
    /// same length in pixels along both axes (circles look round).
    pub fn square_units(&mut self) {
        let (ux, uy) = self.units_per_pixel();
        if !(ux.is_finite() && uy.is_finite()) || ux <= 0.0 || uy <= 0.0 {
            return;
        }
        let grow = |r: (f64, f64), f: f64| {
            let c = 0.5 * (r.0 + r.1);
            let h = 0.5 * safe_span(r) * f;
            (c - h, c + h)
        };
        if ux > uy {
            self.y = grow(self.y, ux / uy);
        } else if uy > ux {
            self.x = grow(self.x, uy / ux);
        }
    }

    /// True if the pixel lies inside the plot area.
    pub fn contains_pixel(&self, p: (f64, f64)) -> bool {
        p.0 >= self.left
            && p.0 <= self.left + self.width
            && p.1 >= self.top
            && p.1 <= self.top + self.height
    }

    /// The plot area as an integer pixel rectangle (for clipping).
    pub fn pixel_rect(&self) -> crate::plot::clip::PixelRect {
        crate::plot::clip::PixelRect::new(self.left, self.top, self.width, self.height)
    }

    /// True when the plot area has a positive, finite size and finite ranges.
    pub fn is_drawable(&self) -> bool {
        self.width.is_finite()
            && self.height.is_finite()
            && self.width >= 1.0
            && self.height >= 1.0
            && self.left.is_finite()
            && self.top.is_finite()
            && [self.x.0, self.x.1, self.y.0, self.y.1]
                .iter()
                .all(|v| v.is_finite())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn grid_coordinates() {
        let g = Grid::from_fn((-1.0, 1.0), (0.0, 2.0), 3, 5, |x, y| x + 10.0 * y);
        assert_eq!(g.values.len(), 15);
        assert_eq!(g.x_at(0), -1.0);
        assert_eq!(g.x_at(2), 1.0);
        assert_eq!(g.y_at(4), 2.0);
        assert_eq!(g.get(2, 4), Some(21.0));
        assert_eq!(g.get(3, 0), None);
        let v = g.sample_bilinear(0.5, 1.25).unwrap();
        assert!((v - 13.0).abs() < 1e-12);
        assert!(g.sample_bilinear(2.0, 0.0).is_none());
    }

    #[test]
    fn downsampling_keeps_corners() {
        let g = Grid::from_fn((0.0, 1.0), (0.0, 2.0), 256, 200, |x, y| x + y);
        let d = g.downsampled(128);
        assert_eq!((d.nx, d.ny), (128, 128));
        assert!(d.is_valid());
        assert_eq!(d.get(0, 0), Some(0.0));
        assert!((d.get(127, 127).unwrap() - 3.0).abs() < 1e-12);
        assert!((d.get(5, 9).unwrap() - (d.x_at(5) + d.y_at(9))).abs() < 1e-9);
        assert_eq!(g.downsampled(1000), g);
        let h = Grid::new((0.0, 1.0), (0.0, 1.0), 3, 3, vec![f64::NAN; 9]);
        assert_eq!(h.downsampled(2).values.len(), 4);
    }

    #[test]
    fn degenerate_grids() {
        let g = Grid::new((0.0, 1.0), (0.0, 1.0), 0, 0, vec![]);
        assert!(!g.is_valid());
        assert!(g.sample_bilinear(0.5, 0.5).is_none());
        let g = Grid::new((0.0, 1.0), (0.0, 1.0), 1, 1, vec![2.0]);
        assert!(g.is_valid());
        assert_eq!(g.x_at(0), 0.5);
        let g = Grid::new((0.0, 1.0), (0.0, 1.0), usize::MAX, 2, vec![]);
        assert!(!g.is_valid());
    }

    #[test]
    fn view_round_trip() {
        let v = View::with_area(10.0, 20.0, 200.0, 100.0, (-2.0, 2.0), (-1.0, 1.0));
        assert_eq!(v.to_pixel((-2.0, 1.0)), (10.0, 20.0));
        assert_eq!(v.to_pixel((2.0, -1.0)), (210.0, 120.0));
        let w = v.to_world(v.to_pixel((0.3, -0.7)));
        assert!((w.0 - 0.3).abs() < 1e-12 && (w.1 + 0.7).abs() < 1e-12);
    }

    #[test]
    fn zoom_keeps_point_fixed_and_pan_moves() {
        let mut v = View::new(100.0, 100.0, (0.0, 10.0), (0.0, 10.0));
        let p = (25.0, 75.0);
        let before = v.to_world(p);
        v.zoom_about(p, 2.0);
        let after = v.to_world(p);
        assert!((before.0 - after.0).abs() < 1e-12 && (before.1 - after.1).abs() < 1e-12);
        assert!(((v.x.1 - v.x.0) - 5.0).abs() < 1e-12);
        let mut v = View::new(100.0, 100.0, (0.0, 10.0), (0.0, 10.0));
        v.pan(10.0, 10.0);
        assert!((v.x.0 + 1.0).abs() < 1e-12);
        assert!((v.y.0 - 1.0).abs() < 1e-12);
        v.zoom_about(p, f64::NAN);
        v.zoom_about(p, 0.0);
        v.pan(f64::INFINITY, 0.0);
        assert!(v.is_drawable());
    }

    #[test]
    fn square_units_and_degenerate_views() {
        let mut v = View::new(200.0, 100.0, (-1.0, 1.0), (-1.0, 1.0));
        v.square_units();
        let (ux, uy) = v.units_per_pixel();
        assert!((ux - uy).abs() < 1e-12);
        assert!((v.x.1 - v.x.0 - 4.0).abs() < 1e-12);
        let v = View::new(0.0, 0.0, (1.0, 1.0), (f64::NAN, 0.0));
        let w = v.to_world((3.0, 4.0));
        assert!(w.0.is_finite());
        assert!(!v.is_drawable());
        assert!(v.to_pixel_i32((f64::NAN, 0.0)).is_none());
        let rev = View::new(100.0, 100.0, (1.0, -1.0), (0.0, 1.0));
        assert_eq!(rev.to_pixel((1.0, 0.0)).0, 0.0);
    }
}
