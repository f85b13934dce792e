//! Image-sized maps as raw RGBA pixels, one pixel per value, for a single `putImageData`
//! onto a canvas whose backing store is the map's size (the page scales it up with
//! `image-rendering: pixelated`). Grey intensities, signed maps (blue–grey–red, symmetric
//! about 0), magnitudes (viridis from 0), directions as hue with the magnitude as
//! brightness, and on/off masks.
//!
//! Painting a 256 × 256 map is one pass over 65 536 values with a 256-entry lookup table.
//! Nothing panics: a buffer of the wrong size is left alone and reported, non-finite values
//! are painted as the hole colour.

use super::colormap::ColorMap;

/// How values become colours.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum MapStyle {
    /// Intensities in [0, 1], black to white.
    Grey,
    /// Signed values: blue for −`limit`, grey for 0, red for +`limit` (clamped beyond).
    Signed {
        /// The value painted fully red (and its negative fully blue); ≤ 0 means "flat".
        limit: f32,
    },
    /// Non-negative values: viridis from 0 to `max` (clamped beyond).
    Magnitude {
        /// The value painted brightest; ≤ 0 means "flat".
        max: f32,
    },
    /// On/off: `true` pixels in `on`, `false` in `off`.
    Mask {
        /// RGB of set pixels.
        on: [u8; 3],
        /// RGB of clear pixels.
        off: [u8; 3],
    },
}

/// Why a map could not be painted.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct WrongSize {
    /// Bytes needed (`width × height × 4`).
    pub needed: usize,
    /// Bytes given.
    pub got: usize,
}

fn check(len: usize, values: usize, buf: usize) -> Result<(), WrongSize> {
    let needed = len.saturating_mul(4);
    if values != len || buf != needed {
        return Err(WrongSize { needed, got: buf });
    }
    Ok(())
}

const HOLE: [u8; 4] = [0, 0, 0, 0];

/// Paints `values` (row-major, `width × height`) into `buf` (`width × height × 4` bytes).
pub fn paint_map(
    values: &[f32],
    width: usize,
    height: usize,
    style: MapStyle,
    buf: &mut [u8],
) -> Result<(), WrongSize> {
    check(width.saturating_mul(height), values.len(), buf.len())?;
    let (lut, lo, k) = match style {
        MapStyle::Grey => (ColorMap::Gray.lut(), 0.0f32, 255.0f32),
        MapStyle::Signed { limit } => {
            let l = if limit.is_finite() && limit > 0.0 {
                limit
            } else {
                1.0
            };
            (ColorMap::CoolWarm.lut(), -l, 255.0 / (2.0 * l))
        }
        MapStyle::Magnitude { max } => {
            let m = if max.is_finite() && max > 0.0 {
                max
            } else {
                1.0
            };
            (ColorMap::Viridis.lut(), 0.0, 255.0 / m)
        }
        MapStyle::Mask { on, off } => {
            for (px, &v) in buf.chunks_exact_mut(4).zip(values) {
                let c = if v > 0.5 { on } else { off };
                px.copy_from_slice(&[c[0], c[1], c[2], 255]);
            }
            return Ok(());
        }
    };
    for (px, &v) in buf.chunks_exact_mut(4).zip(values) {
        if v.is_finite() {
            let i = ((v - lo) * k + 0.5).clamp(0.0, 255.0) as usize;
            let c = lut[i];
            px.copy_from_slice(&[c[0], c[1], c[2], 255]);
        } else {
            px.copy_from_slice(&HOLE);
        }
    }
    Ok(())
}

/// An RGB colour for a direction `angle` (radians) as hue, with brightness `value` in [0, 1].
pub fn hue(angle: f32, value: f32) -> [u8; 3] {
    let v = if value.is_finite() {
        value.clamp(0.0, 1.0)
    } else {
        0.0
    };
    let a = if angle.is_finite() { angle } else { 0.0 };
    let h = (a.rem_euclid(std::f32::consts::TAU) / std::f32::consts::TAU) * 6.0;
    let x = 1.0 - ((h % 2.0) - 1.0).abs();
    let (r, g, b) = match h as u32 {
        0 => (1.0, x, 0.0),
        1 => (x, 1.0, 0.0),
        2 => (0.0, 1.0, x),
        3 => (0.0, x, 1.0),
        4 => (x, 0.0, 1.0),
        _ => (1.0, 0.0, x),
    };
    let to = |c: f32| (c * v * 255.0).round().clamp(0.0, 255.0) as u8;
    [to(r), to(g), to(b)]
}

/// Paints the direction of `(gx, gy)` as hue and its length (relative to `max`) as
/// brightness: flat regions are black, strong edges bright, and opposite edges get
/// opposite colours.
pub fn paint_direction(
    gx: &[f32],
    gy: &[f32],
    width: usize,
    height: usize,
    max: f32,
    buf: &mut [u8],
) -> Result<(), WrongSize> {
    let len = width.saturating_mul(height);
    check(len, gx.len(), buf.len())?;
    check(len, gy.len(), buf.len())?;
    let m = if max.is_finite() && max > 0.0 {
        max
    } else {
        1.0
    };
    for ((px, &a), &b) in buf.chunks_exact_mut(4).zip(gx).zip(gy) {
        let c = hue(b.atan2(a), a.hypot(b) / m);
        px.copy_from_slice(&[c[0], c[1], c[2], 255]);
    }
    Ok(())
}

/// The largest |value| among the finite values (0 if none).
pub fn max_abs(values: &[f32]) -> f32 {
    values
        .iter()
        .filter(|v| v.is_finite())
        .fold(0.0f32, |m, v| m.max(v.abs()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn grey_and_signed_maps_paint_the_expected_colours() {
        let mut buf = vec![0u8; 3 * 4];
        paint_map(&[0.0, 1.0, f32::NAN], 3, 1, MapStyle::Grey, &mut buf).unwrap();
        assert_eq!(&buf[0..4], &[0, 0, 0, 255]);
        assert_eq!(&buf[4..8], &[255, 255, 255, 255]);
        assert_eq!(&buf[8..12], &HOLE);
        paint_map(
            &[-2.0, 0.0, 2.0],
            3,
            1,
            MapStyle::Signed { limit: 1.0 },
            &mut buf,
        )
        .unwrap();
        // Blue for negative, red for positive, grey for zero.
        assert!(buf[2] > buf[0]);
        assert!(buf[8] > buf[10]);
        assert!((buf[4] as i32 - buf[6] as i32).abs() < 10);
    }

    #[test]
    fn a_flat_map_or_a_zero_limit_does_not_divide_by_zero() {
        let mut buf = vec![0u8; 4 * 4];
        for style in [
            MapStyle::Signed { limit: 0.0 },
            MapStyle::Magnitude { max: 0.0 },
            MapStyle::Magnitude { max: f32::NAN },
        ] {
            paint_map(&[0.0; 4], 2, 2, style, &mut buf).unwrap();
            assert!(buf.chunks(4).all(|p| p[3] == 255));
        }
        paint_direction(&[0.0; 4], &[0.0; 4], 2, 2, 0.0, &mut buf).unwrap();
        assert!(buf.chunks(4).all(|p| p[..3] == [0, 0, 0]));
    }

    #[test]
    fn wrong_sizes_are_reported_not_panicked_on() {
        let mut buf = vec![0u8; 7];
        assert!(paint_map(&[0.0; 2], 2, 1, MapStyle::Grey, &mut buf).is_err());
        assert!(paint_map(&[0.0; 3], 2, 1, MapStyle::Grey, &mut [0u8; 8]).is_err());
        assert!(paint_direction(&[0.0], &[0.0, 1.0], 1, 1, 1.0, &mut [0u8; 4]).is_err());
        assert!(paint_map(&[], 0, 0, MapStyle::Grey, &mut []).is_ok());
    }

    #[test]
    fn opposite_directions_get_different_hues_and_strength_brightness() {
        let right = hue(0.0, 1.0);
        let left = hue(std::f32::consts::PI, 1.0);
        assert_ne!(right, left);
        assert_eq!(right, [255, 0, 0]);
        assert_eq!(hue(1.0, 0.0), [0, 0, 0]);
        let mut buf = vec![0u8; 8];
        paint_direction(&[1.0, 0.5], &[0.0, 0.0], 2, 1, 1.0, &mut buf).unwrap();
        assert!(buf[0] > buf[4]);
        assert_eq!(max_abs(&[-3.0, 2.0, f32::INFINITY]), 3.0);
    }
}
