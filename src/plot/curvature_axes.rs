//! The axes of curvature at a point: one line through the point along each eigenvector of
//! the Hessian, labelled with its eigenvalue. A line's half-length is proportional to
//! `1/√|λ|` (the shape of the level curves of the local quadratic model: long where f is
//! flat, short where it curves sharply), between 4 % and 22 % of the plot's size. Upward
//! curvature (λ > 0) and downward (λ < 0) get different colours and the label says which.

use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::clip::clip_polyline;
use super::grid::View;
use super::{PlotResult, Theme};

/// One axis of curvature: a unit direction in the plane and its eigenvalue.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct CurvatureAxis {
    /// The eigenvector (world coordinates; need not be unit length).
    pub direction: (f64, f64),
    /// Its eigenvalue: the second derivative of f along the direction.
    pub eigenvalue: f64,
}

/// Half-lengths in pixels for the axes, as fractions of `size` (see the module header).
pub fn axis_half_lengths(axes: &[CurvatureAxis], size: f64) -> Vec<f64> {
    let (lo, hi) = (0.04 * size, 0.22 * size);
    let inv: Vec<f64> = axes
        .iter()
        .map(|a| {
            let l = a.eigenvalue.abs();
            if l.is_finite() && l > 1e-12 {
                1.0 / l.sqrt()
            } else {
                f64::INFINITY
            }
        })
        .collect();
    let longest = inv
        .iter()
        .copied()
        .filter(|v| v.is_finite())
        .fold(0.0f64, f64::max);
    inv.iter()
        .map(|&v| {
            if !v.is_finite() || longest <= 0.0 {
                hi
            } else {
                (hi * v / longest).clamp(lo, hi)
            }
        })
        .collect()
}

/// Draws the axes through `point` with labels `labels[i]` at the positive end of axis i.
pub fn draw_curvature_axes<DB: DrawingBackend>(
    area: &DrawingArea<DB, plotters::coord::Shift>,
    view: &View,
    point: (f64, f64),
    axes: &[CurvatureAxis],
    labels: &[String],
    theme: &Theme,
    dpr: f64,
) -> PlotResult<DB> {
    if !(view.is_drawable() && point.0.is_finite() && point.1.is_finite()) {
        return Ok(());
    }
    let k = if dpr.is_finite() {
        dpr.clamp(0.5, 4.0)
    } else {
        1.0
    };
    let c = view.to_pixel(point);
    let size = view.width.min(view.height);
    let halves = axis_half_lengths(axes, size);
    let rect = view.pixel_rect();
    for (i, (axis, half)) in axes.iter().zip(halves).enumerate() {
        let d = view.vector_to_pixel(axis.direction);
        let len = d.0.hypot(d.1);
        if !(len.is_finite() && len > 0.0) {
            continue;
        }
        let u = (d.0 / len, d.1 / len);
        let a = (c.0 - u.0 * half, c.1 - u.1 * half);
        let b = (c.0 + u.0 * half, c.1 + u.1 * half);
        let colour = if axis.eigenvalue >= 0.0 {
            theme.series[0]
        } else {
            theme.series[1]
        };
        let halo = theme.background.mix(0.9).stroke_width((5.0 * k) as u32);
        for run in clip_polyline(&[a, b], &rect) {
            area.draw(&PathElement::new(run.clone(), halo))?;
            area.draw(&PathElement::new(
                run,
                colour.stroke_width((3.0 * k) as u32),
            ))?;
        }
        for end in [a, b] {
            if rect.contains(end) {
                let e = (end.0.round() as i32, end.1.round() as i32);
                area.draw(&Circle::new(e, (3.0 * k) as u32, colour.filled()))?;
            }
        }
        if let Some(text) = labels.get(i) {
            let at = (c.0 + u.0 * (half + 6.0 * k), c.1 + u.1 * (half + 6.0 * k));
            let at = (
                at.0.clamp(rect.left + 2.0, (rect.right - 2.0).max(rect.left + 2.0)),
                at.1.clamp(
                    rect.top + 8.0 * k,
                    (rect.bottom - 8.0 * k).max(rect.top + 8.0 * k),
                ),
            );
            let h = if u.0 >= 0.0 { HPos::Left } else { HPos::Right };
            let style = ("sans-serif", 12.0 * k)
                .into_font()
                .color(&theme.foreground)
                .pos(Pos::new(h, VPos::Center));
            let p = (at.0.round() as i32, at.1.round() as i32);
            let w = (text.chars().count() as f64 * 6.5 * k) as i32;
            let x0 = if matches!(h, HPos::Left) {
                p.0 - 2
            } else {
                p.0 - w - 2
            };
            area.draw(&Rectangle::new(
                [
                    (x0, p.1 - (8.0 * k) as i32),
                    (x0 + w + 4, p.1 + (8.0 * k) as i32),
                ],
                theme.background.mix(0.8).filled(),
            ))?;
            area.draw(&Text::new(text.clone(), p, style))?;
        }
    }
    Ok(())
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;

    #[test]
    fn flat_directions_get_longer_axes() {
        let axes = [
            CurvatureAxis {
                direction: (1.0, 0.0),
                eigenvalue: 2.0,
            },
            CurvatureAxis {
                direction: (0.0, 1.0),
                eigenvalue: 20.0,
            },
        ];
        let h = axis_half_lengths(&axes, 100.0);
        assert!((h[0] - 22.0).abs() < 1e-9);
        assert!((h[1] - 22.0 / 10f64.sqrt()).abs() < 1e-9);
        let zero = [CurvatureAxis {
            direction: (1.0, 0.0),
            eigenvalue: 0.0,
        }];
        assert_eq!(axis_half_lengths(&zero, 100.0), vec![22.0]);
        let nan = [CurvatureAxis {
            direction: (1.0, 0.0),
            eigenvalue: f64::NAN,
        }];
        assert_eq!(axis_half_lengths(&nan, 100.0), vec![22.0]);
    }

    #[test]
    fn axes_draw_lines_and_labels() {
        let mut out = String::new();
        {
            let area = SVGBackend::with_string(&mut out, (200, 200)).into_drawing_area();
            let view = View::new(200.0, 200.0, (-1.0, 1.0), (-1.0, 1.0));
            let axes = [
                CurvatureAxis {
                    direction: (1.0, 1.0),
                    eigenvalue: 2.0,
                },
                CurvatureAxis {
                    direction: (-1.0, 1.0),
                    eigenvalue: -2.0,
                },
            ];
            let labels = ["λ₁ = 2".to_string(), "λ₂ = −2".to_string()];
            draw_curvature_axes(
                &area,
                &view,
                (0.0, 0.0),
                &axes,
                &labels,
                &Theme::light(),
                1.0,
            )
            .unwrap();
            area.present().unwrap();
        }
        assert!(out.matches("<polyline").count() >= 4, "{out}");
        assert!(out.contains("λ₁ = 2") && out.contains("λ₂ = −2"));
    }
}
