//! How well a regression fits: each example as a point (actual y across, prediction ŷ up),
//! the diagonal ŷ = y where a perfect fit would put every point, and the residual ŷ − y of
//! each example as a segment from its point to the diagonal. The ranges come from the
//! targets, so wild predictions (early or diverging training) are drawn at the edge, hollow.

use plotters::coord::Shift;
use plotters::prelude::*;

use super::chart::{themed_mesh, MIN_CHART_SIZE};
use super::ticks::format_compact;
use super::{PlotResult, Theme};

/// Draws the fit of `predicted` against `actual` (pairs with a non-finite member are
/// skipped). Fills the area with the theme background.
pub fn draw_fit_scatter<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    actual: &[f64],
    predicted: &[f64],
    theme: &Theme,
    dpr: f64,
) -> PlotResult<DB> {
    let (w, h) = area.dim_in_pixel();
    if w < MIN_CHART_SIZE.0 || h < MIN_CHART_SIZE.1 {
        return Ok(());
    }
    area.fill(&theme.background)?;
    let k = if dpr.is_finite() {
        dpr.clamp(0.5, 4.0)
    } else {
        1.0
    };
    let finite: Vec<f64> = actual.iter().copied().filter(|v| v.is_finite()).collect();
    let lo = finite.iter().copied().fold(f64::INFINITY, f64::min);
    let hi = finite.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    if !(lo.is_finite() && hi.is_finite()) {
        return Ok(());
    }
    let pad = ((hi - lo) * 0.15).max(0.5);
    let r = (lo - pad, hi + pad);
    let mut chart = ChartBuilder::on(area)
        .margin((6.0 * k) as u32)
        .x_label_area_size((30.0 * k) as u32)
        .y_label_area_size((40.0 * k) as u32)
        .build_cartesian_2d(r.0..r.1, r.0..r.1)?;
    themed_mesh(&mut chart, theme, k)
        .x_desc("actual y")
        .y_desc("prediction ŷ")
        .x_labels(5)
        .y_labels(5)
        .x_label_formatter(&|v| format_compact(*v))
        .y_label_formatter(&|v| format_compact(*v))
        .draw()?;
    chart.draw_series(std::iter::once(PathElement::new(
        vec![(r.0, r.0), (r.1, r.1)],
        theme.foreground.mix(0.6).stroke_width((1.0 * k) as u32),
    )))?;
    let residual = theme.series[1].stroke_width((1.0 * k).max(1.0) as u32);
    let dot = theme.series[0];
    let radius = (3.0 * k) as u32;
    for (&y, &p) in actual.iter().zip(predicted) {
        if !(y.is_finite() && p.is_finite()) {
            continue;
        }
        let clamped = p.clamp(r.0, r.1);
        chart.draw_series(std::iter::once(PathElement::new(
            vec![(y, y), (y, clamped)],
            residual,
        )))?;
        let style = if clamped == p {
            dot.filled()
        } else {
            dot.stroke_width(2)
        };
        chart.draw_series(std::iter::once(Circle::new((y, clamped), radius, style)))?;
    }
    Ok(())
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;

    #[test]
    fn points_residuals_and_the_diagonal_are_drawn() {
        let mut out = String::new();
        {
            let area = SVGBackend::with_string(&mut out, (300, 300)).into_drawing_area();
            draw_fit_scatter(
                &area,
                &[1.0, 2.0, 3.0, f64::NAN],
                &[1.5, 2.0, 1e9, 4.0],
                &Theme::light(),
                1.0,
            )
            .unwrap();
            area.present().unwrap();
        }
        assert_eq!(out.matches("<circle").count(), 3, "three finite pairs");
        assert!(out.contains("actual y") && out.contains("prediction"));
        // Nothing to draw: no panic, only the background.
        let mut empty = String::new();
        {
            let area = SVGBackend::with_string(&mut empty, (300, 300)).into_drawing_area();
            draw_fit_scatter(&area, &[], &[], &Theme::dark(), 1.0).unwrap();
            area.present().unwrap();
        }
        assert!(!empty.contains("<circle"));
    }
}
