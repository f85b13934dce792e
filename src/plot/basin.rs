//! A basin map as pixels: an n × n grid of starts, each coloured by how many steps the
//! optimiser needed to converge from it (viridis, few steps dark), with separate colours for
//! starts that diverged, ran out of steps, or are not computed yet. One RGBA buffer for one
//! `putImageData`, like the heatmap.

use super::colormap::ColorScale;
use super::heatmap::{image_bytes, HeatmapError};

/// What one start of the map shows.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum BasinShade {
    /// Not computed yet.
    Pending,
    /// Converged in this many steps.
    Steps(f64),
    /// Blew up.
    Diverged,
    /// Used every step without converging (or f is undefined there).
    NotConverged,
}

/// Colours of the states that are not a step count.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct BasinColors {
    /// Not computed yet.
    pub pending: [u8; 4],
    /// Diverged.
    pub diverged: [u8; 4],
    /// Ran out of steps.
    pub not_converged: [u8; 4],
}

/// A colour scale for the step counts in `shades` (robust to a few slow starts).
pub fn basin_scale(shades: &[BasinShade]) -> ColorScale {
    let steps: Vec<f64> = shades
        .iter()
        .filter_map(|s| match s {
            BasinShade::Steps(v) => Some(*v),
            _ => None,
        })
        .collect();
    if steps.is_empty() {
        ColorScale::new(0.0, 1.0)
    } else {
        ColorScale::from_values(&steps)
    }
}

/// Fills `buf` (RGBA, top row first, `width_px × height_px × 4` bytes) with the map: cell
/// `(col, row)` of `shades` (row-major, `row * n + col`, row 0 at the bottom) covers its
/// share of the image. Missing cells are pending.
pub fn render_basin_rgba(
    n: usize,
    shades: &[BasinShade],
    scale: &ColorScale,
    colors: &BasinColors,
    width_px: usize,
    height_px: usize,
    buf: &mut [u8],
) -> Result<(), HeatmapError> {
    let out = image_bytes(buf, width_px, height_px)?;
    if out.is_empty() || n == 0 {
        return Ok(());
    }
    let cols: Vec<usize> = (0..width_px)
        .map(|x| (x * n / width_px).min(n - 1))
        .collect();
    for (y, line) in out.chunks_exact_mut(width_px * 4).enumerate() {
        let row = n - 1 - (y * n / height_px).min(n - 1);
        for (px, &col) in line.chunks_exact_mut(4).zip(&cols) {
            let shade = shades
                .get(row * n + col)
                .copied()
                .unwrap_or(BasinShade::Pending);
            let c = match shade {
                BasinShade::Pending => colors.pending,
                BasinShade::Diverged => colors.diverged,
                BasinShade::NotConverged => colors.not_converged,
                BasinShade::Steps(v) => match scale.rgb(v) {
                    Some([r, g, b]) => [r, g, b, 255],
                    None => colors.not_converged,
                },
            };
            px.copy_from_slice(&c);
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_fill_their_share_with_row_zero_at_the_bottom() {
        let colors = BasinColors {
            pending: [0, 0, 0, 0],
            diverged: [255, 0, 0, 255],
            not_converged: [9, 9, 9, 255],
        };
        // 2 × 2: bottom row converged in 1 and 10 steps, top row diverged and pending.
        let shades = [
            BasinShade::Steps(1.0),
            BasinShade::Steps(10.0),
            BasinShade::Diverged,
            BasinShade::Pending,
        ];
        let scale = basin_scale(&shades);
        let mut buf = vec![7u8; 4 * 4 * 4];
        render_basin_rgba(2, &shades, &scale, &colors, 4, 4, &mut buf).unwrap();
        let at = |x: usize, y: usize| &buf[(y * 4 + x) * 4..(y * 4 + x) * 4 + 4];
        assert_eq!(at(0, 0), &[255, 0, 0, 255]);
        assert_eq!(at(3, 0), &[0, 0, 0, 0]);
        assert_eq!(at(0, 3)[..3], scale.rgb(1.0).unwrap());
        assert_eq!(at(3, 3)[..3], scale.rgb(10.0).unwrap());
        assert!(render_basin_rgba(2, &shades, &scale, &colors, 5, 4, &mut buf).is_err());
        assert!(render_basin_rgba(0, &shades, &scale, &colors, 4, 4, &mut buf).is_ok());
    }
}
