//! f, ∂f/∂x and ∂f/∂y sampled on a grid over the plotted window by one compiled program,
//! and what follows from them once per function and window: the colour scale, the contour
//! lines (on a coarser grid, for speed) and the coarse grid of the 3-D surface. Moving the
//! selected point reuses all of it.

use super::window::PlotWindow;
use crate::plot::{
    choose_levels, compute_contours, field_sample_points, ColorScale, Contours, FieldSample, Grid,
    Spacing,
};
use crate::tutor::analysis::Analysis;

/// Samples along each axis of the heatmap grid.
pub const HEATMAP_N: usize = 256;
/// Samples along each axis of the grid the contours are traced on.
pub const CONTOUR_N: usize = 128;
/// Samples along each axis of the surface.
pub const SURFACE_N: usize = 40;
/// Samples along each axis of the surface while it is being turned (a third of the
/// quads, so a spin keeps up with the pointer); the full surface follows when it stops.
pub const SURFACE_SPIN_N: usize = 24;
/// About how many contour levels are drawn.
pub const CONTOUR_LEVELS: usize = 12;
/// Arrows along each axis of the gradient field.
pub const FIELD_N: usize = 15;

/// Everything drawn that depends only on the function and the window.
#[derive(Clone, Debug, PartialEq)]
pub struct Sampled {
    /// The window sampled.
    pub window: PlotWindow,
    /// f on the heatmap grid.
    pub f: Grid,
    /// ∂f/∂x on the same grid.
    pub fx: Grid,
    /// ∂f/∂y on the same grid.
    pub fy: Grid,
    /// f on the contour grid (also used for the level curve through the point).
    pub coarse: Grid,
    /// f on the surface grid.
    pub surface: Grid,
    /// f on the coarser grid drawn while the surface turns.
    pub surface_spin: Grid,
    /// Colours of f (robust to poles; by order of magnitude or by rank when f grows fast).
    pub scale: ColorScale,
    /// How the contour levels and colours are spaced (the map says so when not evenly).
    pub spacing: Spacing,
    /// The contour lines.
    pub contours: Contours,
}

fn linspace(r: (f64, f64), n: usize) -> Vec<f64> {
    let d = if n > 1 {
        (r.1 - r.0) / (n - 1) as f64
    } else {
        0.0
    };
    (0..n).map(|i| r.0 + d * i as f64).collect()
}

impl Sampled {
    /// Samples `a` on an `n × n` grid over `window` (one `eval_grid` for all three outputs).
    pub fn new(a: &Analysis, window: &PlotWindow, n: usize) -> Self {
        let n = n.clamp(2, 2048);
        let (xs, ys) = (linspace(window.x, n), linspace(window.y, n));
        let mut f = vec![f64::NAN; n * n];
        let mut fx = vec![f64::NAN; n * n];
        let mut fy = vec![f64::NAN; n * n];
        a.program
            .eval_grid(&xs, &ys, &mut [&mut f[..], &mut fx[..], &mut fy[..]]);
        // No arrow, slope or descent step where f itself is undefined.
        for ((v, gx), gy) in f.iter().zip(fx.iter_mut()).zip(fy.iter_mut()) {
            if !v.is_finite() {
                *gx = f64::NAN;
                *gy = f64::NAN;
            }
        }
        let grid = |v| Grid::new(window.x, window.y, n, n, v);
        let f = grid(f);
        let coarse = f.downsampled(CONTOUR_N);
        let surface = f.downsampled(SURFACE_N);
        let surface_spin = f.downsampled(SURFACE_SPIN_N);
        // The contour grid's 16k samples give the same levels and colours as the full grid
        // at a quarter of the sorting.
        let choice = choose_levels(&coarse.values, CONTOUR_LEVELS);
        let contours = compute_contours(&coarse, &choice.levels);
        let (scale, spacing) = (choice.scale, choice.spacing);
        Sampled {
            window: *window,
            fx: grid(fx),
            fy: grid(fy),
            f,
            coarse,
            surface,
            surface_spin,
            scale,
            spacing,
            contours,
        }
    }

    /// The gradient field on an `n × n` partition of the window, read from the sampled
    /// partials.
    pub fn field_samples(&self, n: usize) -> Vec<FieldSample> {
        field_sample_points(self.window.x, self.window.y, n)
            .into_iter()
            .map(|(x, y)| FieldSample {
                x,
                y,
                gx: self.fx.sample_bilinear(x, y).unwrap_or(f64::NAN),
                gy: self.fy.sample_bilinear(x, y).unwrap_or(f64::NAN),
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_program_fills_all_three_grids() {
        let a = Analysis::new("x^2 + 3*x*y + y^2").expect("parses");
        let w = PlotWindow::default();
        let s = Sampled::new(&a, &w, 65);
        assert_eq!((s.f.nx, s.f.ny), (65, 65));
        // Corner (x, y) = (3, -3): f = 9 - 27 + 9, fx = 6 - 9, fy = 9 - 6.
        let k = 64;
        assert!((s.f.values[k] + 9.0).abs() < 1e-9);
        assert!((s.fx.values[k] + 3.0).abs() < 1e-9);
        assert!((s.fy.values[k] - 3.0).abs() < 1e-9);
        assert!(s.coarse.nx <= CONTOUR_N && s.surface.nx == SURFACE_N);
        assert!(!s.contours.is_empty());
        let field = s.field_samples(FIELD_N);
        assert_eq!(field.len(), FIELD_N * FIELD_N);
        let c = field[FIELD_N * FIELD_N / 2];
        assert!(c.x.abs() < 1e-9 && c.gx.abs() < 0.1 && c.gy.abs() < 0.1);
    }

    #[test]
    fn holes_do_not_break_the_sampling() {
        let a = Analysis::new("ln(x)").expect("parses");
        let s = Sampled::new(&a, &PlotWindow::default(), 33);
        assert!(s.f.values[0].is_nan());
        assert!(s.scale.min.is_finite() && s.scale.max.is_finite());
        // Where ln x is undefined (x ≤ 0) there is no gradient, so no arrow is drawn there.
        for (i, f) in s.f.values.iter().enumerate() {
            assert_eq!(f.is_finite(), s.fx.values[i].is_finite(), "cell {i}");
        }
        let arrows = s.field_samples(FIELD_N);
        assert!(arrows.iter().filter(|a| a.x < 0.0).all(|a| a.gx.is_nan()));
        assert!(arrows.iter().any(|a| a.x > 0.5 && a.gx.is_finite()));
    }
}
