//! A 3-D surface `z = f(x, y)` from a coarse grid, drawn with an orthographic
//! projection and the painter's algorithm (far quads first), shaded by the
//! colour map and a fixed light.
//!
//! The grid rectangle is mapped to the box `[-1, 1]²` and the (robust) z range of
//! the colour scale to `[-Z_HALF, Z_HALF]`; z values outside are clamped, so a
//! pole does not flatten everything else. [`Camera`] holds the rotation the UI
//! changes on drag; [`project`] is the pure projection, [`Projector`] adds the
//! pixel placement. Overlays: the selected point, the slice curves `x = x₀` and
//! `y = y₀` (whose slopes are the partial derivatives), and the tangent plane.
//! Everything is drawn with plotters primitives (polygons, paths, circles), which
//! map to plain canvas calls.

use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::clip::clip_polyline;
use super::colormap::ColorScale;
use super::grid::Grid;
use super::{PlotResult, Theme};

/// Half height of the z extent of the box (the x and y half widths are 1).
pub const Z_HALF: f64 = 0.7;

/// At most this many quads along each axis; finer grids are strided.
pub const MAX_QUADS_PER_AXIS: usize = 64;

/// Viewing direction of the surface plot.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Camera {
    /// Rotation about the vertical axis, radians (0: x to the right, y away).
    pub yaw: f64,
    /// Elevation of the viewer above the xy plane, radians (clamped to ±89°).
    pub pitch: f64,
    /// Magnification (1 fits the box in the canvas).
    pub zoom: f64,
}

impl Default for Camera {
    fn default() -> Self {
        Camera {
            yaw: -0.6,
            pitch: 0.5,
            zoom: 1.0,
        }
    }
}

const MAX_PITCH: f64 = 89.0 * std::f64::consts::PI / 180.0;

impl Camera {
    /// A camera at the given angles (radians) and zoom 1.
    pub fn new(yaw: f64, pitch: f64) -> Self {
        let mut c = Camera {
            yaw: 0.0,
            pitch: 0.0,
            zoom: 1.0,
        };
        c.set(yaw, pitch);
        c
    }

    fn set(&mut self, yaw: f64, pitch: f64) {
        if yaw.is_finite() {
            self.yaw = yaw.rem_euclid(std::f64::consts::TAU);
        }
        if pitch.is_finite() {
            self.pitch = pitch.clamp(-MAX_PITCH, MAX_PITCH);
        }
    }

    /// Rotate by a pointer drag of `(dx_px, dy_px)`: horizontal drags change the
    /// yaw, vertical drags the pitch (0.01 rad per pixel).
    pub fn rotate(&mut self, dx_px: f64, dy_px: f64) {
        self.set(self.yaw + dx_px * 0.01, self.pitch + dy_px * 0.01);
    }

    /// Multiply the zoom by `factor` (kept within 0.2 … 10).
    pub fn zoom_by(&mut self, factor: f64) {
        if factor.is_finite() && factor > 0.0 {
            self.zoom = (self.zoom * factor).clamp(0.2, 10.0);
        }
    }

    fn safe_zoom(&self) -> f64 {
        if self.zoom.is_finite() && self.zoom > 0.0 {
            self.zoom
        } else {
            1.0
        }
    }
}

/// Orthographic projection of box coordinates `(x, y, z)` (x, y in `[-1, 1]`,
/// z in `[-Z_HALF, Z_HALF]`) to the screen plane: `(right, down)` in box units,
/// centred on the box centre. Rotating the yaw by 90° moves the x axis to where
/// the y axis was.
pub fn project(camera: &Camera, x: f64, y: f64, z: f64) -> (f64, f64) {
    let (sy, cy) = camera.yaw.sin_cos();
    let (sp, cp) = camera.pitch.sin_cos();
    let u = x * cy - y * sy;
    let v = x * sy + y * cy;
    (u, -(z * cp + v * sp))
}

/// Distance along the viewing direction (larger is farther from the viewer).
pub fn depth(camera: &Camera, x: f64, y: f64, z: f64) -> f64 {
    let (sy, cy) = camera.yaw.sin_cos();
    let (sp, cp) = camera.pitch.sin_cos();
    let v = x * sy + y * cy;
    v * cp - z * sp
}

/// World → pixel mapping of a surface plot.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Projector {
    /// The camera.
    pub camera: Camera,
    /// World x range mapped to `[-1, 1]`.
    pub x: (f64, f64),
    /// World y range mapped to `[-1, 1]`.
    pub y: (f64, f64),
    /// World z range mapped to `[-Z_HALF, Z_HALF]` (values outside are clamped).
    pub z: (f64, f64),
    /// Pixel position of the box centre.
    pub center: (f64, f64),
    /// Pixels per box unit.
    pub scale: f64,
}

fn norm(v: f64, r: (f64, f64)) -> f64 {
    let s = r.1 - r.0;
    if s.is_finite() && s != 0.0 {
        2.0 * (v - r.0) / s - 1.0
    } else {
        0.0
    }
}

impl Projector {
    /// A projector fitting the box into a `width × height` pixel canvas.
    pub fn new(
        camera: Camera,
        x: (f64, f64),
        y: (f64, f64),
        z: (f64, f64),
        (width, height): (f64, f64),
    ) -> Self {
        let r = (2.0 + Z_HALF * Z_HALF).sqrt();
        let m = width.min(height).max(0.0);
        Projector {
            camera,
            x,
            y,
            z,
            center: (0.5 * width, 0.5 * height),
            scale: 0.5 * m / r * camera.safe_zoom(),
        }
    }

    /// The projector [`draw_surface`] uses for this grid, scale and canvas size.
    pub fn for_surface(
        camera: Camera,
        grid: &Grid,
        scale: &ColorScale,
        size_px: (f64, f64),
    ) -> Self {
        Self::new(camera, grid.x, grid.y, (scale.min, scale.max), size_px)
    }

    /// World → box coordinates, z clamped into the box.
    pub fn to_box(&self, x: f64, y: f64, z: f64) -> (f64, f64, f64) {
        let (bx, by, bz) = self.to_box_unclamped(x, y, z);
        (bx, by, bz.clamp(-Z_HALF, Z_HALF))
    }

    /// World → box coordinates without clamping z.
    pub fn to_box_unclamped(&self, x: f64, y: f64, z: f64) -> (f64, f64, f64) {
        (norm(x, self.x), norm(y, self.y), Z_HALF * norm(z, self.z))
    }

    /// Box coordinates → pixel.
    pub fn box_to_pixel(&self, b: (f64, f64, f64)) -> (f64, f64) {
        let (sx, sy) = project(&self.camera, b.0, b.1, b.2);
        (
            self.center.0 + self.scale * sx,
            self.center.1 + self.scale * sy,
        )
    }

    /// World → pixel (z clamped into the box).
    pub fn to_pixel(&self, x: f64, y: f64, z: f64) -> (f64, f64) {
        self.box_to_pixel(self.to_box(x, y, z))
    }

    /// World depth (larger is farther).
    pub fn depth(&self, x: f64, y: f64, z: f64) -> f64 {
        let b = self.to_box(x, y, z);
        depth(&self.camera, b.0, b.1, b.2)
    }
}

/// The tangent plane `z = f + fx (x − x₀) + fy (y − y₀)` at the selected point.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct TangentPlane {
    /// `f(x₀, y₀)`.
    pub f: f64,
    /// `∂f/∂x(x₀, y₀)`.
    pub fx: f64,
    /// `∂f/∂y(x₀, y₀)`.
    pub fy: f64,
    /// Half side of the patch in world units (≤ 0 means 15 % of the x range).
    pub half_size: f64,
}

/// What to draw over the surface. Slices are sampled curves: `slice_x` holds
/// `(y, z)` pairs along `x = x₀`, `slice_y` holds `(x, z)` pairs along `y = y₀`
/// (see [`grid_slice_x`], [`grid_slice_y`]); both need `point` for x₀, y₀.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct SurfaceOverlay<'a> {
    /// The selected point `(x₀, y₀, f(x₀, y₀))`.
    pub point: Option<(f64, f64, f64)>,
    /// Slice `x = x₀` as `(y, z)` samples (slope ∂f/∂y), in [`Theme::slice_x`].
    pub slice_x: &'a [(f64, f64)],
    /// Slice `y = y₀` as `(x, z)` samples (slope ∂f/∂x), in [`Theme::slice_y`].
    pub slice_y: &'a [(f64, f64)],
    /// Tangent plane patch at the point, with the two partial-derivative lines.
    pub tangent_plane: Option<TangentPlane>,
    /// Draw the axes with x, y, z labels.
    pub axes: bool,
    /// Device pixels per CSS pixel (the canvas's devicePixelRatio): line widths, markers
    /// and labels are scaled by it so they look the same on a phone as on a desktop.
    /// 0 (the default) means 1.
    pub pixel_ratio: f64,
}

impl SurfaceOverlay<'_> {
    fn k(&self) -> f64 {
        if self.pixel_ratio.is_finite() && self.pixel_ratio > 0.0 {
            self.pixel_ratio.clamp(0.5, 4.0)
        } else {
            1.0
        }
    }
}

/// `v` CSS pixels in device pixels, at least 1.
fn css_px(k: f64, v: f64) -> u32 {
    (v * k).round().max(1.0) as u32
}

/// `(y, f(x₀, y))` for `n` values of y across the grid, by bilinear
/// interpolation (NaN where the grid has no finite value).
pub fn grid_slice_x(grid: &Grid, x0: f64, n: usize) -> Vec<(f64, f64)> {
    slice(grid.y, n, |y| {
        (y, grid.sample_bilinear(x0, y).unwrap_or(f64::NAN))
    })
}

/// `(x, f(x, y₀))` for `n` values of x across the grid, by bilinear
/// interpolation (NaN where the grid has no finite value).
pub fn grid_slice_y(grid: &Grid, y0: f64, n: usize) -> Vec<(f64, f64)> {
    slice(grid.x, n, |x| {
        (x, grid.sample_bilinear(x, y0).unwrap_or(f64::NAN))
    })
}

fn slice(r: (f64, f64), n: usize, f: impl Fn(f64) -> (f64, f64)) -> Vec<(f64, f64)> {
    let n = n.min(1 << 16);
    if n < 2 {
        return Vec::new();
    }
    (0..n)
        .map(|k| f(r.0 + (r.1 - r.0) * k as f64 / (n - 1) as f64))
        .collect()
}

struct Quad {
    pts: [(i32, i32); 4],
    depth: f64,
    color: RGBColor,
}

fn ipx(p: (f64, f64)) -> (i32, i32) {
    (
        p.0.round().clamp(-1e6, 1e6) as i32,
        p.1.round().clamp(-1e6, 1e6) as i32,
    )
}

/// Draw the surface of `grid` (z range and colours from `scale`) filling `area`,
/// with the overlays. Returns the [`Projector`] used, for hit-testing.
pub fn draw_surface<DB: DrawingBackend>(
    area: &DrawingArea<DB, plotters::coord::Shift>,
    camera: &Camera,
    grid: &Grid,
    scale: &ColorScale,
    overlay: &SurfaceOverlay,
    theme: &Theme,
) -> Result<Projector, plotters::drawing::DrawingAreaErrorKind<DB::ErrorType>> {
    draw_surface_layers(area, camera, grid, scale, overlay, theme, SurfacePass::All)
}

/// Which layers of the surface picture one pass of [`draw_surface_layers`] draws.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SurfacePass {
    /// What does not follow the selected point: the floor and the surface itself. A page
    /// can cache it and redraw only [`SurfacePass::Top`] when the point moves.
    Base,
    /// What is drawn over the base: the point, slices and tangent plane of the overlay,
    /// then the axes.
    Top,
    /// Both, in order (what [`draw_surface`] draws).
    All,
}

/// Draws `layers` of the surface of `grid`, as [`draw_surface`] does all of them, and
/// returns the [`Projector`] used. For [`SurfacePass::Top`], `grid` may be a finer or
/// coarser sampling of the same window than the base was drawn from (the projection
/// depends only on the window and `scale`).
pub fn draw_surface_layers<DB: DrawingBackend>(
    area: &DrawingArea<DB, plotters::coord::Shift>,
    camera: &Camera,
    grid: &Grid,
    scale: &ColorScale,
    overlay: &SurfaceOverlay,
    theme: &Theme,
    layers: SurfacePass,
) -> Result<Projector, plotters::drawing::DrawingAreaErrorKind<DB::ErrorType>> {
    let (w, h) = area.dim_in_pixel();
    let proj = Projector::for_surface(*camera, grid, scale, (w as f64, h as f64));
    if w < 2 || h < 2 || !grid.is_valid() || !proj.scale.is_finite() {
        return Ok(proj);
    }
    if layers != SurfacePass::Top {
        if overlay.axes {
            draw_floor(area, &proj, theme, overlay.k())?;
        }
        draw_quads(area, &proj, grid, scale, theme)?;
    }
    if layers != SurfacePass::Base {
        draw_overlay(area, &proj, overlay, theme)?;
        if overlay.axes {
            draw_axes(area, &proj, theme, overlay.k())?;
        }
    }
    Ok(proj)
}

fn draw_quads<DB: DrawingBackend>(
    area: &DrawingArea<DB, plotters::coord::Shift>,
    proj: &Projector,
    grid: &Grid,
    scale: &ColorScale,
    theme: &Theme,
) -> PlotResult<DB> {
    if grid.nx < 2 || grid.ny < 2 {
        return Ok(());
    }
    let sx = (grid.nx - 1).div_ceil(MAX_QUADS_PER_AXIS).max(1);
    let sy = (grid.ny - 1).div_ceil(MAX_QUADS_PER_AXIS).max(1);
    let light = {
        let l: (f64, f64, f64) = (-0.4, -0.5, 0.77);
        let n = (l.0 * l.0 + l.1 * l.1 + l.2 * l.2).sqrt();
        (l.0 / n, l.1 / n, l.2 / n)
    };
    let mut quads: Vec<Quad> = Vec::with_capacity((grid.nx / sx + 1) * (grid.ny / sy + 1));
    let mut j = 0;
    while j + 1 < grid.ny {
        let j1 = (j + sy).min(grid.ny - 1);
        let mut i = 0;
        while i + 1 < grid.nx {
            let i1 = (i + sx).min(grid.nx - 1);
            let idx = [(i, j), (i1, j), (i1, j1), (i, j1)];
            let mut b = [(0.0, 0.0, 0.0); 4];
            let mut sum = 0.0;
            let mut ok = true;
            for (k, &(a, c)) in idx.iter().enumerate() {
                let v = grid.values[c * grid.nx + a];
                if !v.is_finite() {
                    ok = false;
                    break;
                }
                sum += v.clamp(scale.min, scale.max);
                b[k] = proj.to_box(grid.x_at(a), grid.y_at(c), v);
            }
            if ok {
                let d1 = (b[2].0 - b[0].0, b[2].1 - b[0].1, b[2].2 - b[0].2);
                let d2 = (b[3].0 - b[1].0, b[3].1 - b[1].1, b[3].2 - b[1].2);
                let n = (
                    d1.1 * d2.2 - d1.2 * d2.1,
                    d1.2 * d2.0 - d1.0 * d2.2,
                    d1.0 * d2.1 - d1.1 * d2.0,
                );
                let nl = (n.0 * n.0 + n.1 * n.1 + n.2 * n.2).sqrt();
                let lambert = if nl > 0.0 {
                    ((n.0 * light.0 + n.1 * light.1 + n.2 * light.2) / nl).abs()
                } else {
                    1.0
                };
                let shade = 0.55 + 0.45 * lambert;
                let base = scale.color_at(scale.normalize(sum / 4.0).unwrap_or(0.0));
                let sh = |c: u8| (c as f64 * shade).round().clamp(0.0, 255.0) as u8;
                let depth = b
                    .iter()
                    .map(|p| depth(&proj.camera, p.0, p.1, p.2))
                    .sum::<f64>()
                    / 4.0;
                quads.push(Quad {
                    pts: b.map(|p| ipx(proj.box_to_pixel(p))),
                    depth,
                    color: RGBColor(sh(base.0), sh(base.1), sh(base.2)),
                });
            }
            i = i1;
        }
        j = j1;
    }
    quads.sort_unstable_by(|a, b| b.depth.total_cmp(&a.depth));
    let edge = theme.background.mix(0.25);
    for q in &quads {
        area.draw(&Polygon::new(q.pts.to_vec(), q.color.filled()))?;
        let mut outline = q.pts.to_vec();
        outline.push(q.pts[0]);
        area.draw(&PathElement::new(outline, edge.stroke_width(1)))?;
    }
    Ok(())
}

fn draw_overlay<DB: DrawingBackend>(
    area: &DrawingArea<DB, plotters::coord::Shift>,
    proj: &Projector,
    overlay: &SurfaceOverlay,
    theme: &Theme,
) -> PlotResult<DB> {
    let (w, h) = area.dim_in_pixel();
    let rect = super::clip::PixelRect::new(0.0, 0.0, w as f64, h as f64).inflate(2.0);
    let in_z = |z: f64| z.is_finite() && z >= proj.z.0.min(proj.z.1) && z <= proj.z.0.max(proj.z.1);
    let k = overlay.k();
    let Some((x0, y0, z0)) = overlay.point else {
        return Ok(());
    };
    if !(x0.is_finite() && y0.is_finite()) {
        return Ok(());
    }
    if let Some(tp) = overlay.tangent_plane {
        draw_tangent_plane(area, proj, (x0, y0), &tp, theme, &rect, k)?;
    }
    let mut px: Vec<(f64, f64)> = Vec::new();
    for (samples, color, along_x) in [
        (overlay.slice_x, theme.slice_x, false),
        (overlay.slice_y, theme.slice_y, true),
    ] {
        px.clear();
        px.extend(samples.iter().map(|&(t, z)| {
            if !in_z(z) {
                return (f64::NAN, f64::NAN);
            }
            if along_x {
                proj.to_pixel(t, y0, z)
            } else {
                proj.to_pixel(x0, t, z)
            }
        }));
        for run in clip_polyline(&px, &rect) {
            area.draw(&PathElement::new(run, color.stroke_width(css_px(k, 3.0))))?;
        }
    }
    if z0.is_finite() {
        let floor = proj.to_pixel(x0, y0, proj.z.0.min(proj.z.1));
        let p = proj.to_pixel(x0, y0, z0);
        if rect.contains(p) {
            area.draw(&PathElement::new(
                vec![ipx(floor), ipx(p)],
                theme.foreground.mix(0.5).stroke_width(css_px(k, 1.0)),
            ))?;
            let r = css_px(k, 5.0);
            area.draw(&Circle::new(ipx(p), r, theme.accent.filled()))?;
            area.draw(&Circle::new(
                ipx(p),
                r,
                theme.background.stroke_width(css_px(k, 1.0)),
            ))?;
        }
    }
    Ok(())
}

fn draw_tangent_plane<DB: DrawingBackend>(
    area: &DrawingArea<DB, plotters::coord::Shift>,
    proj: &Projector,
    (x0, y0): (f64, f64),
    tp: &TangentPlane,
    theme: &Theme,
    rect: &super::clip::PixelRect,
    k: f64,
) -> PlotResult<DB> {
    if !(tp.f.is_finite() && tp.fx.is_finite() && tp.fy.is_finite()) {
        return Ok(());
    }
    let mut hx = if tp.half_size.is_finite() && tp.half_size > 0.0 {
        tp.half_size
    } else {
        0.15 * (proj.x.1 - proj.x.0).abs()
    };
    // Keep the patch within half the z range of the box around f.
    let zspan = (proj.z.1 - proj.z.0).abs();
    let slope = tp.fx.abs() + tp.fy.abs();
    if slope > 0.0 && slope * hx > 0.5 * zspan {
        hx = 0.5 * zspan / slope;
    }
    if !(hx.is_finite() && hx > 0.0) {
        return Ok(());
    }
    let hy = hx
        * ((proj.y.1 - proj.y.0) / (proj.x.1 - proj.x.0))
            .abs()
            .clamp(0.1, 10.0);
    let plane = |dx: f64, dy: f64| {
        let b = proj.to_box_unclamped(x0 + dx, y0 + dy, tp.f + tp.fx * dx + tp.fy * dy);
        proj.box_to_pixel(b)
    };
    let corners = [
        plane(-hx, -hy),
        plane(hx, -hy),
        plane(hx, hy),
        plane(-hx, hy),
    ];
    if corners.iter().all(|c| rect.contains(*c)) {
        let pts: Vec<(i32, i32)> = corners.iter().map(|&c| ipx(c)).collect();
        area.draw(&Polygon::new(pts.clone(), theme.accent.mix(0.25).filled()))?;
        let mut outline = pts;
        outline.push(outline[0]);
        area.draw(&PathElement::new(
            outline,
            theme.accent.mix(0.8).stroke_width(css_px(k, 1.0)),
        ))?;
    }
    // Tangent lines of the two slices: slope fx along y = y0, fy along x = x0.
    for (a, b, color) in [
        (plane(-hx, 0.0), plane(hx, 0.0), theme.slice_y),
        (plane(0.0, -hy), plane(0.0, hy), theme.slice_x),
    ] {
        if let Some((a, b)) = super::clip::clip_segment(a, b, rect) {
            area.draw(&PathElement::new(
                vec![ipx(a), ipx(b)],
                color.stroke_width(css_px(k, 2.0)),
            ))?;
        }
    }
    Ok(())
}

type P3 = (f64, f64, f64);

fn floor_edges() -> [(P3, P3); 4] {
    let z = -Z_HALF;
    [
        ((-1.0, -1.0, z), (1.0, -1.0, z)),
        ((1.0, -1.0, z), (1.0, 1.0, z)),
        ((1.0, 1.0, z), (-1.0, 1.0, z)),
        ((-1.0, 1.0, z), (-1.0, -1.0, z)),
    ]
}

fn draw_floor<DB: DrawingBackend>(
    area: &DrawingArea<DB, plotters::coord::Shift>,
    proj: &Projector,
    theme: &Theme,
    k: f64,
) -> PlotResult<DB> {
    for (a, b) in floor_edges() {
        area.draw(&PathElement::new(
            vec![ipx(proj.box_to_pixel(a)), ipx(proj.box_to_pixel(b))],
            theme.grid.stroke_width(css_px(k, 1.0)),
        ))?;
    }
    Ok(())
}

fn draw_axes<DB: DrawingBackend>(
    area: &DrawingArea<DB, plotters::coord::Shift>,
    proj: &Projector,
    theme: &Theme,
    k: f64,
) -> PlotResult<DB> {
    let o = (-1.0, -1.0, -Z_HALF);
    let ends = [
        ((1.15, -1.0, -Z_HALF), "x"),
        ((-1.0, 1.15, -Z_HALF), "y"),
        ((-1.0, -1.0, Z_HALF * 1.15), "z"),
    ];
    let font = ("sans-serif", 13.0 * k)
        .into_font()
        .color(&theme.foreground)
        .pos(Pos::new(HPos::Center, VPos::Center));
    let po = ipx(proj.box_to_pixel(o));
    for (e, label) in ends {
        let pe = ipx(proj.box_to_pixel(e));
        area.draw(&PathElement::new(
            vec![po, pe],
            theme.foreground.stroke_width(css_px(k, 1.0)),
        ))?;
        let pl = proj.box_to_pixel((e.0 * 1.08, e.1 * 1.08, e.2 * 1.08));
        area.draw(&Text::new(label, ipx(pl), font.clone()))?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::f64::consts::FRAC_PI_2;

    #[test]
    fn yaw_quarter_turn_moves_x_axis_to_y_axis() {
        let c0 = Camera::new(0.3, 0.5);
        let c1 = Camera::new(0.3 + FRAC_PI_2, 0.5);
        let a = project(&c1, 1.0, 0.0, 0.0);
        let b = project(&c0, 0.0, 1.0, 0.0);
        assert!((a.0 - b.0).abs() < 1e-12 && (a.1 - b.1).abs() < 1e-12);
        let up = project(&c0, 0.0, 0.0, 1.0);
        assert!(up.1 < 0.0 && up.0.abs() < 1e-12);
    }

    #[test]
    fn camera_clamps_and_ignores_nan() {
        let mut c = Camera::default();
        c.rotate(0.0, 1e9);
        assert!(c.pitch <= MAX_PITCH);
        c.rotate(f64::NAN, f64::NAN);
        assert!(c.yaw.is_finite() && c.pitch.is_finite());
        c.zoom_by(0.0);
        c.zoom_by(1e9);
        assert_eq!(c.zoom, 10.0);
    }

    #[test]
    fn projector_centre_and_slices() {
        let p = Projector::new(
            Camera::default(),
            (-1.0, 1.0),
            (-1.0, 1.0),
            (0.0, 2.0),
            (200.0, 100.0),
        );
        let c = p.to_pixel(0.0, 0.0, 1.0);
        assert!((c.0 - 100.0).abs() < 1e-9 && (c.1 - 50.0).abs() < 1e-9);
        let g = Grid::from_fn((-1.0, 1.0), (-1.0, 1.0), 11, 11, |x, y| x + 2.0 * y);
        let s = grid_slice_x(&g, 0.5, 5);
        assert_eq!(s.len(), 5);
        assert!((s[0].1 - (0.5 - 2.0)).abs() < 1e-9);
        assert!(grid_slice_y(&g, 0.0, 1).is_empty());
    }

    #[cfg(not(target_arch = "wasm32"))]
    #[test]
    fn base_then_top_draws_what_the_whole_surface_draws() {
        let g = Grid::from_fn((-1.0, 1.0), (-1.0, 1.0), 9, 9, |x, y| x * x - y * y);
        let scale = ColorScale::from_values(&g.values);
        let slice = grid_slice_x(&g, 0.25, 9);
        let overlay = SurfaceOverlay {
            point: Some((0.25, 0.5, 0.25 * 0.25 - 0.25)),
            slice_x: &slice,
            axes: true,
            ..SurfaceOverlay::default()
        };
        let camera = Camera::default();
        let theme = Theme::light();
        let svg = |f: &dyn Fn(&DrawingArea<SVGBackend, plotters::coord::Shift>)| {
            let mut out = String::new();
            {
                let area = SVGBackend::with_string(&mut out, (240, 180)).into_drawing_area();
                f(&area);
                area.present().expect("presents");
            }
            out
        };
        let whole = svg(&|a| {
            draw_surface(a, &camera, &g, &scale, &overlay, &theme).expect("draws");
        });
        let base = svg(&|a| {
            draw_surface_layers(a, &camera, &g, &scale, &overlay, &theme, SurfacePass::Base)
                .expect("draws");
        });
        let parts = svg(&|a| {
            draw_surface_layers(a, &camera, &g, &scale, &overlay, &theme, SurfacePass::Base)
                .expect("draws");
            draw_surface_layers(a, &camera, &g, &scale, &overlay, &theme, SurfacePass::Top)
                .expect("draws");
        });
        assert_eq!(whole, parts, "the cached path draws the same picture");
        assert!(
            base.len() < whole.len(),
            "the base leaves the overlay and axes out"
        );
        assert!(
            whole.contains("<text") && !base.contains("<text"),
            "axis labels are on top"
        );
    }
}
