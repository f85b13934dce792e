//! Conventional 2-D charts with axes:
//!
//! * [`draw_function_plot`]: `y = f(x)` from samples, with its tangent line at
//!   `x₀`. The curve breaks where `f` is NaN/∞ or jumps by more than the visible
//!   y span (poles of `tan x`, `1/x`), and the y range comes from the robust
//!   [`ColorScale`] statistics, so a pole does not squash the rest.
//! * [`draw_line_chart`]: several series (e.g. loss vs. step), optional log y,
//!   with a legend in a strip above the plot (wrapped into rows on a narrow
//!   canvas), so it never covers a line.
//!
//! Axes and ticks come from plotters' chart builder, with the y label area sized
//! from the widest tick label (so the axis title never overlaps one) and the
//! number of x labels from the width (so a phone's axis is not crowded); curves
//! are clipped to the plotting area by this module (plotters does not clip).

use plotters::chart::MeshStyle;
use plotters::coord::types::RangedCoordf64;
use plotters::coord::Shift;
use plotters::prelude::*;

use super::clip::clip_polyline;
use super::colormap::ColorScale;
use super::grid::View;
use super::ticks::format_compact;
use super::{PlotResult, Theme};

/// The tangent line `y = y0 + slope (x − x0)` of a 1-D plot.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Tangent1D {
    /// Point of tangency, x.
    pub x0: f64,
    /// `f(x0)`.
    pub y0: f64,
    /// `f'(x0)`.
    pub slope: f64,
}

/// Options of [`draw_function_plot`].
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct FunctionPlotOptions<'a> {
    /// Caption above the plot (empty for none).
    pub title: &'a str,
    /// x axis description.
    pub x_label: &'a str,
    /// y axis description.
    pub y_label: &'a str,
    /// Curve colour (`None`: first series colour of the theme).
    pub color: Option<RGBColor>,
}

/// One series of a line chart.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Series<'a> {
    /// Legend label.
    pub name: &'a str,
    /// `(x, y)` points in order; non-finite points make gaps.
    pub points: &'a [(f64, f64)],
    /// Colour (`None`: cycle through [`Theme::series`]).
    pub color: Option<RGBColor>,
}

/// Options of [`draw_line_chart`].
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct LineChartOptions<'a> {
    /// Caption above the chart (empty for none).
    pub title: &'a str,
    /// x axis description.
    pub x_label: &'a str,
    /// y axis description.
    pub y_label: &'a str,
    /// Logarithmic y axis (non-positive values become gaps).
    pub log_y: bool,
}

/// Smallest canvas (px) on which charts are drawn; smaller areas draw nothing.
pub const MIN_CHART_SIZE: (u32, u32) = (80, 60);

/// Split samples of `y = f(x)` into continuous runs: a run ends at a non-finite
/// point and where consecutive values differ by more than the height of the
/// y window `y_range` (a pole or jump). Runs have at least two points.
pub fn function_runs(samples: &[(f64, f64)], y_range: (f64, f64)) -> Vec<Vec<(f64, f64)>> {
    let span = (y_range.1 - y_range.0).abs();
    let span = if span.is_finite() && span > 0.0 {
        span
    } else {
        f64::INFINITY
    };
    let mut runs = Vec::new();
    let mut cur: Vec<(f64, f64)> = Vec::new();
    for &(x, y) in samples {
        let finite = x.is_finite() && y.is_finite();
        let jump = cur.last().is_some_and(|&(_, py)| (y - py).abs() > span);
        if !finite || jump {
            if cur.len() >= 2 {
                runs.push(std::mem::take(&mut cur));
            }
            cur.clear();
        }
        if finite {
            cur.push((x, y));
        }
    }
    if cur.len() >= 2 {
        runs.push(cur);
    }
    runs
}

fn finite_range(it: impl Iterator<Item = f64>) -> Option<(f64, f64)> {
    let (mut lo, mut hi) = (f64::INFINITY, f64::NEG_INFINITY);
    for v in it.filter(|v| v.is_finite()) {
        lo = lo.min(v);
        hi = hi.max(v);
    }
    if lo > hi {
        return None;
    }
    if hi - lo <= f64::EPSILON * lo.abs().max(1.0) {
        let h = 0.5 * lo.abs().max(1.0);
        return Some((lo - h, hi + h));
    }
    (hi - lo).is_finite().then_some((lo, hi))
}

fn pad(r: (f64, f64), f: f64) -> (f64, f64) {
    let h = (r.1 - r.0) * f;
    (r.0 - h, r.1 + h)
}

fn too_small<DB: DrawingBackend>(area: &DrawingArea<DB, Shift>) -> bool {
    let (w, h) = area.dim_in_pixel();
    w < MIN_CHART_SIZE.0 || h < MIN_CHART_SIZE.1
}

fn text_style(theme: &Theme, size: u32) -> TextStyle<'static> {
    ("sans-serif", size).into_font().color(&theme.foreground)
}

/// A chart's mesh in the theme: axes, grid lines (the light ones fainter), tick labels at
/// 11 px and axis descriptions at 12 px, times `k` (the device pixel ratio, or 1). Every
/// chart starts from it and adds its descriptions, label counts and formatters.
pub(crate) fn themed_mesh<'a, 'b, DB: DrawingBackend>(
    chart: &'b mut ChartContext<'a, DB, Cartesian2d<RangedCoordf64, RangedCoordf64>>,
    theme: &Theme,
    k: f64,
) -> MeshStyle<'a, 'b, RangedCoordf64, RangedCoordf64, DB> {
    let font = |px: f64| ("sans-serif", px * k).into_font().color(&theme.foreground);
    let mut mesh = chart.configure_mesh();
    mesh.axis_style(theme.foreground)
        .bold_line_style(theme.grid)
        .light_line_style(theme.grid.mix(0.35))
        .label_style(font(11.0))
        .axis_desc_style(font(12.0));
    mesh
}

/// Width (px) of the y label area: the widest tick label at 11 px, the tick, and the rotated
/// axis title beside them with a gap, so the title never overlaps a label.
pub(crate) fn y_label_area(labels: &[String]) -> u32 {
    let chars = labels.iter().map(|l| l.chars().count()).max().unwrap_or(1) as u32;
    (chars * 7 + 34).clamp(44, 96)
}

/// How many x labels fit in `width` px without crowding (about one per 64 px).
fn x_label_count(width: u32) -> usize {
    (width / 64).clamp(2, 10) as usize
}

/// Estimated width (px) of one legend entry: the line sample, the name and a gap.
fn legend_entry_width(name: &str) -> u32 {
    28 + name.chars().count() as u32 * 7 + 14
}

/// Rows of legend entries that fit in `width` px, as indexes into `names`.
fn legend_rows(names: &[&str], width: u32) -> Vec<Vec<usize>> {
    let mut rows: Vec<Vec<usize>> = Vec::new();
    let mut used = 0;
    for (i, n) in names.iter().enumerate() {
        let w = legend_entry_width(n);
        match rows.last_mut() {
            Some(row) if used + w <= width.saturating_sub(8) => {
                row.push(i);
                used += w;
            }
            _ => {
                rows.push(vec![i]);
                used = w;
            }
        }
    }
    rows
}

/// Height (px) of one legend row.
const LEGEND_ROW: u32 = 18;

/// Plot `y = f(x)` from `samples` (sorted by x) with axes, and the tangent line
/// at `x₀` with the point of tangency when `tangent` is given. Fills the area
/// with the theme background. Draws nothing if no sample is finite or the area
/// is smaller than [`MIN_CHART_SIZE`].
pub fn draw_function_plot<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    samples: &[(f64, f64)],
    tangent: Option<Tangent1D>,
    theme: &Theme,
    opts: &FunctionPlotOptions,
) -> PlotResult<DB> {
    if too_small(area) {
        return Ok(());
    }
    area.fill(&theme.background)?;
    let Some(xr) = finite_range(samples.iter().filter(|p| p.1.is_finite()).map(|p| p.0)) else {
        return Ok(());
    };
    let ys: Vec<f64> = samples.iter().map(|p| p.1).collect();
    if !ys.iter().any(|y| y.is_finite()) {
        return Ok(());
    }
    let s = ColorScale::from_values(&ys);
    let yr = pad((s.min, s.max), 0.08);
    let y_area = y_label_area(&[
        format_compact(yr.0),
        format_compact(yr.1),
        format_compact((yr.0 + yr.1) / 2.0),
    ]);
    let mut builder = ChartBuilder::on(area);
    builder
        .margin(8)
        .x_label_area_size(32)
        .y_label_area_size(y_area);
    if !opts.title.is_empty() {
        builder.caption(opts.title, text_style(theme, 14));
    }
    let mut chart = builder.build_cartesian_2d(xr.0..xr.1, yr.0..yr.1)?;
    themed_mesh(&mut chart, theme, 1.0)
        .x_desc(opts.x_label)
        .y_desc(opts.y_label)
        .x_labels(x_label_count(area.dim_in_pixel().0.saturating_sub(y_area)))
        .x_label_formatter(&|v| format_compact(*v))
        .y_label_formatter(&|v| format_compact(*v))
        .draw()?;
    let plot = chart.plotting_area().strip_coord_spec();
    let (w, h) = plot.dim_in_pixel();
    let view = View::new(w as f64, h as f64, xr, yr);
    let rect = view.pixel_rect();
    let color = opts.color.unwrap_or(theme.series[0]);
    let mut px: Vec<(f64, f64)> = Vec::new();
    for run in function_runs(samples, yr) {
        px.clear();
        px.extend(run.iter().map(|&p| view.to_pixel(p)));
        for r in clip_polyline(&px, &rect) {
            plot.draw(&PathElement::new(r, color.stroke_width(2)))?;
        }
    }
    if let Some(t) = tangent {
        // The point is drawn wherever f has a value; the line only where it has a slope
        // (a NaN slope: a corner or a jump, where no tangent exists).
        if t.x0.is_finite() && t.y0.is_finite() {
            if t.slope.is_finite() {
                let line = [
                    view.to_pixel((xr.0, t.y0 + t.slope * (xr.0 - t.x0))),
                    view.to_pixel((xr.1, t.y0 + t.slope * (xr.1 - t.x0))),
                ];
                for r in clip_polyline(&line, &rect) {
                    plot.draw(&PathElement::new(r, theme.accent.stroke_width(2)))?;
                }
            }
            let q = view.to_pixel((t.x0, t.y0));
            if rect.contains(q) {
                let c = (q.0.round() as i32, q.1.round() as i32);
                plot.draw(&Circle::new(c, 5, theme.accent.filled()))?;
            }
        }
    }
    Ok(())
}

/// Draw a line chart of several series with axes, axis labels and a legend.
/// With `log_y` the y axis is logarithmic (labels show the values, not their
/// logarithms). Fills the area with the theme background; draws only that if no
/// series has a drawable point.
pub fn draw_line_chart<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    series: &[Series],
    opts: &LineChartOptions,
    theme: &Theme,
) -> PlotResult<DB> {
    if too_small(area) {
        return Ok(());
    }
    area.fill(&theme.background)?;
    let tf = |y: f64| -> f64 {
        if opts.log_y {
            if y > 0.0 {
                y.log10()
            } else {
                f64::NAN
            }
        } else {
            y
        }
    };
    let pts = || {
        series
            .iter()
            .flat_map(|s| s.points.iter())
            .map(|&(x, y)| (x, tf(y)))
            .filter(|p| p.0.is_finite() && p.1.is_finite())
    };
    let (Some(xr), Some(yr)) = (
        finite_range(pts().map(|p| p.0)),
        finite_range(pts().map(|p| p.1)),
    ) else {
        return Ok(());
    };
    // One step so far (a loss before any descent step): the x axis spans the next ten steps
    // from it, in whole steps, instead of ±0.5 around it.
    let xr = if xr.1 - xr.0 <= 1.0 && pts().all(|p| p.0 == xr.0 + (xr.1 - xr.0) / 2.0) {
        let x = xr.0 + (xr.1 - xr.0) / 2.0;
        (x, x + 10.0)
    } else {
        xr
    };
    let yr = pad(yr, 0.05);
    let shown = |v: f64| {
        if opts.log_y {
            format_compact(10f64.powf(v))
        } else {
            format_compact(v)
        }
    };
    let y_area = y_label_area(&[shown(yr.0), shown(yr.1), shown((yr.0 + yr.1) / 2.0)]);
    // The legend sits in its own strip above the plot, never over the lines.
    let names: Vec<&str> = series.iter().map(|s| s.name).collect();
    let rows = if names.iter().any(|n| !n.is_empty()) {
        legend_rows(&names, area.dim_in_pixel().0)
    } else {
        Vec::new()
    };
    // A y title longer than the plot is tall (a phone) goes on its own row above the plot,
    // written across, instead of being cut off along the axis.
    let legend_h = rows.len() as u32 * LEGEND_ROW;
    let plot_h = area.dim_in_pixel().1.saturating_sub(legend_h + 6 + 32 + 16);
    let title_on_top = !opts.y_label.is_empty() && opts.y_label.chars().count() as u32 * 7 > plot_h;
    let top_rows = rows.len() as u32 + u32::from(title_on_top);
    let strip = if top_rows == 0 {
        0
    } else {
        top_rows * LEGEND_ROW + 6
    };
    let y_area = if title_on_top {
        y_area.saturating_sub(16)
    } else {
        y_area
    };
    let (legend_area, area) = area.split_vertically(strip);
    if title_on_top {
        legend_area.draw(&Text::new(
            format!("↑ {}", opts.y_label),
            (8, 4 + LEGEND_ROW as i32 / 2 - 7),
            text_style(theme, 12),
        ))?;
    }
    let first_row = u32::from(title_on_top) as i32;
    for (r, row) in rows.iter().enumerate() {
        let y = 4 + (first_row + r as i32) * LEGEND_ROW as i32 + LEGEND_ROW as i32 / 2;
        let mut x = 8i32;
        for &i in row {
            let Some(s) = series.get(i) else { continue };
            let color = s.color.unwrap_or(theme.series[i % theme.series.len()]);
            legend_area.draw(&PathElement::new(
                vec![(x, y), (x + 22, y)],
                color.stroke_width(3),
            ))?;
            legend_area.draw(&Text::new(
                s.name.to_string(),
                (x + 28, y - 7),
                text_style(theme, 11),
            ))?;
            x += legend_entry_width(s.name) as i32;
        }
    }
    let area = &area;
    let mut builder = ChartBuilder::on(area);
    builder
        .margin(8)
        .x_label_area_size(32)
        .y_label_area_size(y_area);
    if !opts.title.is_empty() {
        builder.caption(opts.title, text_style(theme, 14));
    }
    let mut chart = builder.build_cartesian_2d(xr.0..xr.1, yr.0..yr.1)?;
    let log_fmt = |v: &f64| super::log_chart::decade_label(*v);
    let lin_fmt = |v: &f64| format_compact(*v);
    let mut mesh = themed_mesh(&mut chart, theme, 1.0);
    mesh.x_desc(opts.x_label)
        .y_desc(if title_on_top { "" } else { opts.y_label })
        .x_labels(x_label_count(area.dim_in_pixel().0.saturating_sub(y_area)))
        .x_label_formatter(&lin_fmt);
    if opts.log_y {
        // One label per decade when the range spans several decades.
        // No more than one label per 22 px of height, so a short chart is not crowded.
        let fit = (plot_h / 22).max(2) as usize;
        let decades = ((yr.1 - yr.0).floor().clamp(1.0, 10.0) as usize + 1).min(fit);
        mesh.y_label_formatter(&log_fmt).y_labels(decades);
    } else {
        mesh.y_label_formatter(&lin_fmt);
    }
    mesh.draw()?;
    for (k, s) in series.iter().enumerate() {
        let color = s.color.unwrap_or(theme.series[k % theme.series.len()]);
        let style = color.stroke_width(2);
        let mut runs: Vec<Vec<(f64, f64)>> = Vec::new();
        let mut cur: Vec<(f64, f64)> = Vec::new();
        for &(x, y) in s.points {
            let y = tf(y);
            if x.is_finite() && y.is_finite() {
                cur.push((x, y));
            } else if !cur.is_empty() {
                runs.push(std::mem::take(&mut cur));
            }
        }
        if !cur.is_empty() {
            runs.push(cur);
        }
        // A point with no neighbour (the starting loss, or one between gaps) is a dot, as a
        // line through one point draws nothing.
        let (single, lines): (Vec<_>, Vec<_>) = runs.into_iter().partition(|r| r.len() == 1);
        chart.draw_series(lines.into_iter().map(move |r| PathElement::new(r, style)))?;
        chart.draw_series(
            single
                .into_iter()
                .map(move |r| Circle::new(r[0], 4, color.filled())),
        )?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn runs_split_at_nan_and_jumps() {
        let s = [
            (0.0, 0.0),
            (1.0, 1.0),
            (2.0, f64::NAN),
            (3.0, 1.0),
            (4.0, 2.0),
            (5.0, -50.0),
            (6.0, -49.0),
        ];
        let runs = function_runs(&s, (-5.0, 5.0));
        assert_eq!(runs.len(), 3);
        assert_eq!(runs[2], vec![(5.0, -50.0), (6.0, -49.0)]);
        assert!(function_runs(&[], (0.0, 1.0)).is_empty());
        assert_eq!(function_runs(&s, (f64::NAN, 1.0)).len(), 2);
    }

    #[test]
    fn ranges() {
        assert_eq!(
            finite_range([1.0, f64::NAN, 3.0].into_iter()),
            Some((1.0, 3.0))
        );
        assert_eq!(finite_range([2.0, 2.0].into_iter()), Some((1.0, 3.0)));
        assert_eq!(finite_range(std::iter::empty()), None);
        assert_eq!(finite_range([-f64::MAX, f64::MAX].into_iter()), None);
    }

    #[test]
    fn the_legend_wraps_on_a_narrow_canvas_and_the_label_area_fits_its_labels() {
        let names = [
            "Gradient descent",
            "Momentum",
            "Adam",
            "Newton's method",
            "L-BFGS",
        ];
        assert_eq!(legend_rows(&names, 1200).len(), 1);
        let narrow = legend_rows(&names, 330);
        assert!(narrow.len() >= 2, "{narrow:?}");
        assert_eq!(narrow.iter().flatten().count(), names.len());
        for row in &narrow {
            let w: u32 = row.iter().map(|&i| legend_entry_width(names[i])).sum();
            assert!(row.len() == 1 || w <= 322, "{row:?} is {w} px");
        }
        assert!(y_label_area(&["1e-10".into()]) > y_label_area(&["1".into()]));
        assert!(x_label_count(300) < x_label_count(1000));
    }

    #[cfg(not(target_arch = "wasm32"))]
    #[test]
    fn the_legend_is_drawn_above_the_plot_not_over_it() {
        let pts: Vec<(f64, f64)> = (0..50)
            .map(|i| (i as f64, 1.0 / (1.0 + i as f64)))
            .collect();
        let series: Vec<Series> = ["a", "b"]
            .iter()
            .map(|n| Series {
                name: n,
                points: &pts,
                color: None,
            })
            .collect();
        let mut svg = String::new();
        {
            let area = SVGBackend::with_string(&mut svg, (360, 220)).into_drawing_area();
            let opts = LineChartOptions {
                title: "",
                x_label: "step",
                y_label: "loss",
                log_y: true,
            };
            draw_line_chart(&area, &series, &opts, &Theme::light()).unwrap();
        }
        // Each name is drawn once, in the strip at the top.
        let texts: Vec<(f64, String)> = svg
            .split("<text ")
            .skip(1)
            .filter_map(|t| {
                let y = t.split("y=\"").nth(1)?.split('"').next()?.parse().ok()?;
                let body = t
                    .split_once('>')?
                    .1
                    .split("</text>")
                    .next()?
                    .trim()
                    .to_string();
                Some((y, body))
            })
            .collect();
        for n in ["a", "b"] {
            let at: Vec<f64> = texts.iter().filter(|t| t.1 == n).map(|t| t.0).collect();
            assert_eq!(at.len(), 1, "{n}: {texts:?}");
            assert!(at[0] < 24.0, "{n} at y = {}", at[0]);
        }
    }

    /// The texts of an SVG, in order.
    #[cfg(not(target_arch = "wasm32"))]
    fn svg_texts(svg: &str) -> Vec<String> {
        svg.split("<text ")
            .skip(1)
            .filter_map(|t| {
                let body = t.split_once('>')?.1.split("</text>").next()?;
                Some(body.trim().to_string())
            })
            .collect()
    }

    #[test]
    #[cfg(not(target_arch = "wasm32"))]
    fn one_point_is_a_dot_on_whole_steps() {
        let start = [(0.0, 52.0)];
        let series = [Series {
            name: "L",
            points: &start,
            color: None,
        }];
        let opts = LineChartOptions {
            title: "",
            x_label: "step",
            y_label: "L",
            log_y: true,
        };
        let mut svg = String::new();
        {
            let area = SVGBackend::with_string(&mut svg, (360, 300)).into_drawing_area();
            draw_line_chart(&area, &series, &opts, &Theme::light()).unwrap();
        }
        // The starting loss is drawn (a filled circle), not an invisible zero-length line.
        assert_eq!(svg.matches("<circle").count(), 1, "{svg}");
        let texts = svg_texts(&svg);
        // The step axis counts whole steps from 0, with nothing negative or fractional.
        assert!(texts.iter().any(|t| t == "10"), "{texts:?}");
        assert!(
            !texts
                .iter()
                .any(|t| t.starts_with('-') || t == "0.5" || t.contains("NaN")),
            "{texts:?}"
        );
    }
}
