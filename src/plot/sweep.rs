//! A learning-rate sweep chart: steps to converge against η on a logarithmic η axis. Rates
//! that converged are joined dots; rates that blew up are crosses along the top, rates that
//! ran out of steps hollow circles there. The rate in use and the stability threshold
//! (2/λ_max, when known) are vertical lines.

use plotters::coord::Shift;
use plotters::prelude::*;

use super::chart::MIN_CHART_SIZE;
use super::log_chart::{decade_labels, log_axes_chart, AxisSpec};
use super::{PlotResult, Theme};

/// What one rate did.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum SweepOutcome {
    /// Converged in this many steps.
    Converged(usize),
    /// Blew up.
    Diverged,
    /// Ran out of steps (or could not start).
    NotConverged,
}

/// Options of [`draw_sweep_chart`].
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct SweepChartOptions {
    /// The step limit of the runs (the top of the y axis).
    pub max_steps: usize,
    /// The rate in use, drawn as a line.
    pub current: Option<f64>,
    /// The stability threshold 2/λ_max, drawn as a line.
    pub threshold: Option<f64>,
    /// The series colour.
    pub color: RGBColor,
}

/// Draws the sweep of `(rate, outcome)` pairs (rates > 0, in any order). Fills the area
/// with the background; draws only that when no rate is positive and finite or the area is
/// too small.
pub fn draw_sweep_chart<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    points: &[(f64, SweepOutcome)],
    opts: &SweepChartOptions,
    theme: &Theme,
) -> PlotResult<DB> {
    let (w, h) = area.dim_in_pixel();
    if w < MIN_CHART_SIZE.0 || h < MIN_CHART_SIZE.1 {
        return Ok(());
    }
    area.fill(&theme.background)?;
    let logs: Vec<f64> = points
        .iter()
        .map(|p| p.0)
        .filter(|r| r.is_finite() && *r > 0.0)
        .map(f64::log10)
        .collect();
    let lo = logs.iter().copied().fold(f64::INFINITY, f64::min);
    let hi = logs.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    if !(lo.is_finite() && hi.is_finite()) {
        return Ok(());
    }
    let (lo, hi) = if hi - lo < 1e-9 {
        (lo - 0.5, hi + 0.5)
    } else {
        (lo, hi)
    };
    let top = opts.max_steps.max(1) as f64;
    let mut chart = log_axes_chart(
        area,
        AxisSpec {
            range: (lo, hi),
            log: true,
            desc: "learning rate η (log scale)",
            labels: decade_labels((lo, hi), 12),
        },
        AxisSpec {
            range: (0.0, top * 1.08),
            log: false,
            desc: "steps to converge",
            labels: 10,
        },
        theme,
    )?;
    let in_range = |r: f64| r.is_finite() && r > 0.0 && (lo..=hi).contains(&r.log10());
    if let Some(t) = opts.threshold.filter(|t| in_range(*t)) {
        chart.draw_series(std::iter::once(PathElement::new(
            vec![(t.log10(), 0.0), (t.log10(), top * 1.08)],
            theme.accent.stroke_width(2),
        )))?;
    }
    if let Some(c) = opts.current.filter(|c| in_range(*c)) {
        chart.draw_series(std::iter::once(PathElement::new(
            vec![(c.log10(), 0.0), (c.log10(), top * 1.08)],
            theme.foreground.mix(0.6).stroke_width(1),
        )))?;
    }
    let mut sorted: Vec<(f64, SweepOutcome)> = points
        .iter()
        .copied()
        .filter(|p| p.0.is_finite() && p.0 > 0.0)
        .collect();
    sorted.sort_by(|a, b| a.0.total_cmp(&b.0));
    let style = opts.color.stroke_width(2);
    let mut run: Vec<(f64, f64)> = Vec::new();
    let mut runs = Vec::new();
    for &(r, o) in &sorted {
        if let SweepOutcome::Converged(s) = o {
            run.push((r.log10(), s as f64));
        } else if !run.is_empty() {
            runs.push(std::mem::take(&mut run));
        }
    }
    runs.push(run);
    for r in runs.into_iter().filter(|r| r.len() > 1) {
        chart.draw_series(std::iter::once(PathElement::new(r, style)))?;
    }
    for &(r, o) in &sorted {
        let x = r.log10();
        match o {
            SweepOutcome::Converged(s) => {
                chart.draw_series(std::iter::once(Circle::new(
                    (x, s as f64),
                    3,
                    opts.color.filled(),
                )))?;
            }
            SweepOutcome::Diverged => {
                chart.draw_series(std::iter::once(Cross::new(
                    (x, top),
                    4,
                    theme.accent.stroke_width(2),
                )))?;
            }
            SweepOutcome::NotConverged => {
                chart.draw_series(std::iter::once(Circle::new(
                    (x, top),
                    3,
                    theme.foreground.stroke_width(1),
                )))?;
            }
        }
    }
    Ok(())
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;

    #[test]
    fn dots_crosses_and_lines_are_drawn() {
        let pts = [
            (0.001, SweepOutcome::NotConverged),
            (0.01, SweepOutcome::Converged(400)),
            (0.05, SweepOutcome::Converged(80)),
            (0.2, SweepOutcome::Diverged),
        ];
        let opts = SweepChartOptions {
            max_steps: 1000,
            current: Some(0.05),
            threshold: Some(0.1),
            color: RGBColor(0, 114, 178),
        };
        let mut out = String::new();
        {
            let area = SVGBackend::with_string(&mut out, (400, 240)).into_drawing_area();
            draw_sweep_chart(&area, &pts, &opts, &Theme::light()).unwrap();
        }
        assert_eq!(out.matches("<circle").count(), 3, "two dots and one ring");
        assert!(
            out.contains("stroke=\"#D62828\""),
            "the cross and threshold in the accent"
        );
        let mut empty = String::new();
        {
            let area = SVGBackend::with_string(&mut empty, (400, 240)).into_drawing_area();
            draw_sweep_chart(&area, &[], &opts, &Theme::light()).unwrap();
        }
        assert!(!empty.contains("<circle"));
    }
}
