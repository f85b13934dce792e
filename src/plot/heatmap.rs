//! Heatmaps as raw RGBA pixels (for one `putImageData`) and the colour legend.
//!
//! The buffer covers exactly the grid's rectangle: its top-left pixel is at
//! `(grid.x.0, grid.y.1)` and its bottom-right at `(grid.x.1, grid.y.0)` (world y
//! up). Values are interpolated bilinearly; cells next to NaN/∞ samples fall back
//! to the nearest finite sample, and pixels whose nearest sample is not finite get
//! the hole colour (transparent by default).

use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::colormap::ColorScale;
use super::grid::Grid;
use super::ticks::{format_tick, nice_step, nice_ticks};
use super::{PlotResult, Theme};

/// Why a heatmap could not be rendered.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HeatmapError {
    /// `buf` is shorter than `width_px * height_px * 4` bytes (or that overflows).
    BufferTooSmall {
        /// Bytes needed (`usize::MAX` on overflow).
        needed: usize,
        /// Bytes provided.
        got: usize,
    },
}

impl std::fmt::Display for HeatmapError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            HeatmapError::BufferTooSmall { needed, got } => {
                write!(
                    f,
                    "heatmap buffer too small: need {needed} bytes, got {got}"
                )
            }
        }
    }
}

impl std::error::Error for HeatmapError {}

/// The bytes of `buf` that a `width_px × height_px` RGBA image fills (top row first): the
/// check every pixel renderer starts with. An error when `buf` is shorter (or the size
/// overflows); empty for a zero-size image.
pub fn image_bytes(
    buf: &mut [u8],
    width_px: usize,
    height_px: usize,
) -> Result<&mut [u8], HeatmapError> {
    let needed = width_px
        .checked_mul(height_px)
        .and_then(|n| n.checked_mul(4))
        .unwrap_or(usize::MAX);
    if buf.len() < needed {
        return Err(HeatmapError::BufferTooSmall {
            needed,
            got: buf.len(),
        });
    }
    Ok(&mut buf[..needed])
}

/// Paints every RGBA pixel of `out` with `colour`.
pub fn fill_pixels(out: &mut [u8], colour: [u8; 4]) {
    for px in out.chunks_exact_mut(4) {
        px.copy_from_slice(&colour);
    }
}

/// Fill `buf` (RGBA, row-major, top row first, `width_px * height_px * 4` bytes)
/// with the grid coloured by `scale`; NaN/∞ holes are transparent.
pub fn render_heatmap_rgba(
    grid: &Grid,
    scale: &ColorScale,
    width_px: usize,
    height_px: usize,
    buf: &mut [u8],
) -> Result<(), HeatmapError> {
    render_heatmap_rgba_with_hole(grid, scale, width_px, height_px, buf, [0, 0, 0, 0])
}

/// Like [`render_heatmap_rgba`] with an explicit RGBA colour for holes.
/// A zero-size image does nothing; an invalid grid gives an image of holes.
pub fn render_heatmap_rgba_with_hole(
    grid: &Grid,
    scale: &ColorScale,
    width_px: usize,
    height_px: usize,
    buf: &mut [u8],
    hole: [u8; 4],
) -> Result<(), HeatmapError> {
    let out = image_bytes(buf, width_px, height_px)?;
    if out.is_empty() {
        return Ok(());
    }
    if !grid.is_valid() {
        fill_pixels(out, hole);
        return Ok(());
    }
    let (nx, ny) = (grid.nx, grid.ny);
    // Each sample's place on the colour scale, once per sample rather than per pixel (a
    // log or quantile scale costs a logarithm or a search); ±∞ take the end colours, NaN
    // stays a hole.
    let vals: Vec<f64> = grid
        .values
        .iter()
        .map(|&v| scale.normalize_extended(v).unwrap_or(f64::NAN))
        .collect();
    let max_i = (nx - 1) as f64;
    let max_j = (ny - 1) as f64;
    let inv_w = 1.0 / width_px as f64;
    let inv_h = 1.0 / height_px as f64;
    // Column table: left sample index and weight, computed once per call.
    let cols: Vec<(usize, f64)> = (0..width_px)
        .map(|col| {
            let gi = (col as f64 + 0.5) * inv_w * max_i;
            let i0 = (gi.floor() as usize).min(nx.saturating_sub(2));
            (i0, (gi - i0 as f64).clamp(0.0, 1.0))
        })
        .collect();
    let lut = scale.lut();
    let paint = |px: &mut [u8], t: f64| {
        if t.is_finite() {
            let idx = (t * 255.0 + 0.5).clamp(0.0, 255.0) as usize;
            let c = lut[idx];
            px[0] = c[0];
            px[1] = c[1];
            px[2] = c[2];
            px[3] = 255;
        } else {
            px.copy_from_slice(&hole);
        }
    };
    for (row, line) in out.chunks_exact_mut(width_px * 4).enumerate() {
        let gj = (1.0 - (row as f64 + 0.5) * inv_h) * max_j;
        let j0 = (gj.floor() as usize).min(ny.saturating_sub(2));
        let j1 = (j0 + 1).min(ny - 1);
        let ty = (gj - j0 as f64).clamp(0.0, 1.0);
        let jn = if ty < 0.5 { j0 } else { j1 };
        let r0 = &vals[j0 * nx..j0 * nx + nx];
        let r1 = &vals[j1 * nx..j1 * nx + nx];
        let rn = &vals[jn * nx..jn * nx + nx];
        for (px, &(i0, tx)) in line.chunks_exact_mut(4).zip(&cols) {
            let i1 = (i0 + 1).min(nx - 1);
            let top = r0[i0] + (r0[i1] - r0[i0]) * tx;
            let bottom = r1[i0] + (r1[i1] - r1[i0]) * tx;
            let v = top + (bottom - top) * ty;
            if v.is_finite() {
                paint(px, v);
            } else {
                paint(px, rn[if tx < 0.5 { i0 } else { i1 }]);
            }
        }
    }
    Ok(())
}

/// Draw a vertical colour bar in the pixel rectangle `left, top, width, height`
/// (relative to `area`) with about `n_ticks` labelled ticks on its right.
/// Nothing is drawn for an empty rectangle.
pub fn draw_color_legend<DB: DrawingBackend>(
    area: &DrawingArea<DB, plotters::coord::Shift>,
    scale: &ColorScale,
    (left, top, width, height): (i32, i32, i32, i32),
    theme: &Theme,
    n_ticks: usize,
) -> PlotResult<DB> {
    if width <= 0 || height <= 0 {
        return Ok(());
    }
    let bands = height.min(64);
    for k in 0..bands {
        let y0 = top + (height as i64 * k as i64 / bands as i64) as i32;
        let y1 = top + (height as i64 * (k + 1) as i64 / bands as i64) as i32;
        let t = 1.0 - (k as f64 + 0.5) / bands as f64;
        let c = scale.color_at(t);
        area.draw(&Rectangle::new(
            [(left, y0), (left + width, y1)],
            c.filled(),
        ))?;
    }
    let fg = theme.foreground;
    area.draw(&Rectangle::new(
        [(left, top), (left + width, top + height)],
        fg.stroke_width(1),
    ))?;
    let ticks = nice_ticks(scale.min, scale.max, n_ticks.max(1));
    let step = nice_step(scale.max - scale.min, n_ticks.max(1)).unwrap_or(1.0);
    let font = ("sans-serif", 11)
        .into_font()
        .color(&fg)
        .pos(Pos::new(HPos::Left, VPos::Center));
    for v in ticks {
        let Some(t) = scale.normalize(v) else {
            continue;
        };
        let y = top + ((1.0 - t) * height as f64).round() as i32;
        let x1 = left + width;
        area.draw(&PathElement::new(
            vec![(x1, y), (x1 + 4, y)],
            fg.stroke_width(1),
        ))?;
        area.draw(&Text::new(format_tick(v, step), (x1 + 6, y), font.clone()))?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn image_bytes_are_the_image_or_say_how_short_the_buffer_is() {
        let mut buf = vec![7u8; 50];
        assert_eq!(image_bytes(&mut buf, 3, 4).map(|b| b.len()), Ok(48));
        assert_eq!(
            image_bytes(&mut buf, 4, 4).map(|b| b.len()),
            Err(HeatmapError::BufferTooSmall {
                needed: 64,
                got: 50
            })
        );
        assert_eq!(
            image_bytes(&mut buf, usize::MAX, 2).map(|b| b.len()),
            Err(HeatmapError::BufferTooSmall {
                needed: usize::MAX,
                got: 50
            })
        );
        assert_eq!(image_bytes(&mut buf, 0, 9).map(|b| b.len()), Ok(0));
        let out = image_bytes(&mut buf, 2, 2).expect("fits");
        fill_pixels(out, [1, 2, 3, 4]);
        assert_eq!(&buf[..8], &[1, 2, 3, 4, 1, 2, 3, 4]);
        assert_eq!(buf[16], 7, "bytes past the image are left alone");
    }

    #[test]
    fn ramp_and_holes() {
        let g = Grid::from_fn((0.0, 1.0), (0.0, 1.0), 5, 3, |x, _| x);
        let s = ColorScale::new(0.0, 1.0);
        let mut buf = vec![0u8; 10 * 4 * 4];
        render_heatmap_rgba(&g, &s, 10, 4, &mut buf).unwrap();
        assert_eq!(buf[3], 255);
        assert_eq!(&buf[0..3], &s.rgb(0.05).unwrap());
        let bad = Grid::new((0.0, 1.0), (0.0, 1.0), 2, 2, vec![f64::NAN; 4]);
        render_heatmap_rgba(&bad, &s, 10, 4, &mut buf).unwrap();
        assert!(buf.iter().all(|&b| b == 0));
        assert!(render_heatmap_rgba(&g, &s, 10, 5, &mut buf).is_err());
        assert!(render_heatmap_rgba(&g, &s, usize::MAX, 5, &mut buf).is_err());
        assert!(render_heatmap_rgba(&g, &s, 0, 5, &mut []).is_ok());
        let one = Grid::new((0.0, 0.0), (0.0, 0.0), 1, 1, vec![0.5]);
        render_heatmap_rgba(&one, &s, 10, 4, &mut buf).unwrap();
        assert_eq!(&buf[0..3], &s.rgb(0.5).unwrap());
    }
}
