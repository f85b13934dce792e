//! A categorical image: one class per grid cell (e.g. where a Hessian is positive definite,
//! indefinite …), painted as an RGBA buffer for one `putImageData`, nearest cell per pixel,
//! with the same orientation as the heatmap (top row of pixels is the grid's top row, world
//! y up). Cells without a class get the hole colour.

use super::heatmap::{fill_pixels, image_bytes, HeatmapError};

/// A grid of classes: `nx * ny` cells, row-major, row 0 at the bottom (the grid's y order).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Cells<'a> {
    /// One class per cell, `None` where there is none.
    pub classes: &'a [Option<u8>],
    /// Cells along x.
    pub nx: usize,
    /// Cells along y.
    pub ny: usize,
}

/// Fills `buf` (`width_px * height_px * 4` bytes, RGBA, top row first) from `cells`,
/// colouring class
/// `k` with `palette[k]` and cells that are `None`, or whose class has no colour, with
/// `hole`. A zero-size image does nothing; a class list of the wrong length paints holes.
pub fn render_cells_rgba(
    cells: &Cells,
    palette: &[[u8; 4]],
    width_px: usize,
    height_px: usize,
    buf: &mut [u8],
    hole: [u8; 4],
) -> Result<(), HeatmapError> {
    let out = image_bytes(buf, width_px, height_px)?;
    if out.is_empty() {
        return Ok(());
    }
    let (classes, nx, ny) = (cells.classes, cells.nx, cells.ny);
    let valid = nx > 0 && ny > 0 && nx.checked_mul(ny) == Some(classes.len());
    if !valid {
        fill_pixels(out, hole);
        return Ok(());
    }
    let cols: Vec<usize> = (0..width_px)
        .map(|c| (((c as f64 + 0.5) / width_px as f64) * nx as f64).floor() as usize)
        .map(|i| i.min(nx - 1))
        .collect();
    for (row, line) in out.chunks_exact_mut(width_px * 4).enumerate() {
        let from_top = (((row as f64 + 0.5) / height_px as f64) * ny as f64).floor() as usize;
        let j = ny - 1 - from_top.min(ny - 1);
        let row_cells = &classes[j * nx..j * nx + nx];
        for (px, &i) in line.chunks_exact_mut(4).zip(&cols) {
            let colour = row_cells[i]
                .and_then(|k| palette.get(k as usize))
                .copied()
                .unwrap_or(hole);
            px.copy_from_slice(&colour);
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_paint_in_world_orientation() {
        // 2 × 2 cells: bottom row classes 0, 1; top row 1, none.
        let classes = [Some(0), Some(1), Some(1), None];
        let palette = [[10, 0, 0, 255], [0, 20, 0, 255]];
        let hole = [1, 2, 3, 4];
        let mut buf = vec![0u8; 4 * 4 * 4];
        let cells = |nx, ny| Cells {
            classes: &classes,
            nx,
            ny,
        };
        render_cells_rgba(&cells(2, 2), &palette, 4, 4, &mut buf, hole).unwrap();
        let px = |c: usize, r: usize| &buf[(r * 4 + c) * 4..(r * 4 + c) * 4 + 4];
        assert_eq!(px(0, 3), &palette[0]); // bottom left
        assert_eq!(px(3, 3), &palette[1]); // bottom right
        assert_eq!(px(0, 0), &palette[1]); // top left
        assert_eq!(px(3, 0), &hole); // top right: no class
        let mut small = vec![0u8; 3];
        assert!(render_cells_rgba(&cells(2, 2), &palette, 4, 4, &mut small, hole).is_err());
        let mut buf = vec![0u8; 16];
        render_cells_rgba(&cells(3, 3), &palette, 2, 2, &mut buf, hole).unwrap();
        assert!(buf.chunks(4).all(|p| p == hole));
    }
}
