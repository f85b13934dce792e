//! A line chart whose axes may each be logarithmic (log-log error-versus-step plots,
//! gradient norms per step or per layer), with marked points (a best step) and horizontal
//! reference lines (a clipping threshold). Values are plotted in log₁₀ space and labelled
//! with the values themselves; non-positive values on a log axis and non-finite ones make
//! gaps, never a panic.

use plotters::coord::types::RangedCoordf64;
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::chart::{themed_mesh, y_label_area, MIN_CHART_SIZE};
use super::ticks::format_compact;
use super::{PlotResult, Theme};

/// One line of a chart.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct LogSeries<'a> {
    /// Legend label.
    pub name: &'a str,
    /// `(x, y)` in data units.
    pub points: &'a [(f64, f64)],
    /// Colour (`None`: the theme's series colours in turn).
    pub color: Option<RGBColor>,
    /// Draw dashed (e.g. the single-precision copy of a curve).
    pub dashed: bool,
}

/// A marked point with a short label.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Marker<'a> {
    /// Where, in data units.
    pub at: (f64, f64),
    /// Text beside it.
    pub label: &'a str,
    /// Colour (`None`: the theme's accent).
    pub color: Option<RGBColor>,
}

/// Options of [`draw_log_chart`].
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct LogChartOptions<'a> {
    /// x axis description.
    pub x_label: &'a str,
    /// y axis description.
    pub y_label: &'a str,
    /// Logarithmic x axis.
    pub log_x: bool,
    /// Logarithmic y axis.
    pub log_y: bool,
    /// Horizontal lines `y = value` with a label.
    pub hlines: &'a [(f64, &'a str)],
    /// Points to mark.
    pub markers: &'a [Marker<'a>],
    /// Draw x decreasing to the right (e.g. a step h that shrinks left to right).
    pub reverse_x: bool,
}

fn axis(v: f64, log: bool) -> f64 {
    if log {
        if v > 0.0 {
            v.log10()
        } else {
            f64::NAN
        }
    } else {
        v
    }
}

fn range(values: impl Iterator<Item = f64>) -> Option<(f64, f64)> {
    let (mut lo, mut hi) = (f64::INFINITY, f64::NEG_INFINITY);
    for v in values.filter(|v| v.is_finite()) {
        lo = lo.min(v);
        hi = hi.max(v);
    }
    if lo > hi {
        return None;
    }
    if hi - lo < 1e-12 * lo.abs().max(1.0) {
        let h = 0.5 * lo.abs().max(1.0);
        return Some((lo - h, hi + h));
    }
    (hi - lo).is_finite().then_some((lo, hi))
}

fn dashes(run: &[(f64, f64)], chart_px: impl Fn((f64, f64)) -> (i32, i32)) -> Vec<[(i32, i32); 2]> {
    let mut out = Vec::new();
    for w in run.windows(2) {
        let (a, b) = (chart_px(w[0]), chart_px(w[1]));
        let (dx, dy) = ((b.0 - a.0) as f64, (b.1 - a.1) as f64);
        let len = dx.hypot(dy);
        let n = ((len / 6.0).floor() as usize).clamp(1, 400);
        for k in (0..n).step_by(2) {
            let t0 = k as f64 / n as f64;
            let t1 = ((k + 1) as f64 / n as f64).min(1.0);
            let p = |t: f64| {
                (
                    (a.0 as f64 + dx * t).round() as i32,
                    (a.1 as f64 + dy * t).round() as i32,
                )
            };
            out.push([p(t0), p(t1)]);
        }
    }
    out
}

/// One axis of a chart whose values are plotted in log₁₀ space when `log`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct AxisSpec<'a> {
    /// The plotted range (in log₁₀ units on a log axis; reversed draws it decreasing).
    pub range: (f64, f64),
    /// Whether the axis is logarithmic: its labels are then `10^v`.
    pub log: bool,
    /// The axis description.
    pub desc: &'a str,
    /// About how many labels.
    pub labels: usize,
}

/// How many labels a log axis over `range` (log₁₀ units) gets: one per decade, at least two
/// and at most `most`.
pub(crate) fn decade_labels(range: (f64, f64), most: usize) -> usize {
    ((range.1 - range.0).abs().floor() as usize + 1).clamp(2, most.max(2))
}

/// The label of plotted value `v` on an axis: the value itself, `10^v` on a log axis.
pub(crate) fn axis_label(v: f64, log: bool) -> String {
    if log {
        decade_label(v)
    } else {
        format_compact(v)
    }
}

/// The label of the value 10^`e` on a log axis: a whole power of ten of four or more digits
/// either way as the page writes it, `10⁻⁵` or `10⁸` (not `1e-5`); nearer 1, or between
/// decades, the number itself (`0.001`, `100`, `3.162e-5`).
pub(crate) fn decade_label(e: f64) -> String {
    let k = e.round();
    if (e - k).abs() < 1e-9 && k.abs() >= 4.0 && k.abs() < 400.0 {
        format!("10{}", crate::math::print::superscript(k as i64))
    } else {
        format_compact(10f64.powf(e))
    }
}

type LogAxesChart<'a, DB> = ChartContext<'a, DB, Cartesian2d<RangedCoordf64, RangedCoordf64>>;

/// A chart over `x` × `y` on `area` with its mesh drawn in the theme: axes, grid lines,
/// descriptions, and labels that show values (not logarithms) on a log axis. Shared by the
/// log charts and the learning-rate sweep.
pub(crate) fn log_axes_chart<'a, DB: DrawingBackend>(
    area: &'a DrawingArea<DB, Shift>,
    x: AxisSpec,
    y: AxisSpec,
    theme: &Theme,
) -> Result<LogAxesChart<'a, DB>, DrawingAreaErrorKind<DB::ErrorType>> {
    let mid = (y.range.0 + y.range.1) / 2.0;
    let y_area = y_label_area(&[
        axis_label(y.range.0, y.log),
        axis_label(y.range.1, y.log),
        axis_label(mid, y.log),
    ]);
    let mut chart = ChartBuilder::on(area)
        .margin(8)
        .margin_right(14)
        .x_label_area_size(34)
        .y_label_area_size(y_area)
        .build_cartesian_2d(x.range.0..x.range.1, y.range.0..y.range.1)?;
    let xf = |v: &f64| axis_label(*v, x.log);
    let yf = |v: &f64| axis_label(*v, y.log);
    themed_mesh(&mut chart, theme, 1.0)
        .x_desc(x.desc)
        .y_desc(y.desc)
        .x_labels(x.labels)
        .y_labels(y.labels)
        .x_label_formatter(&xf)
        .y_label_formatter(&yf)
        .draw()?;
    Ok(chart)
}

/// Draws the chart. Fills the area with the theme background; draws only that if nothing
/// is drawable or the area is smaller than [`MIN_CHART_SIZE`].
pub fn draw_log_chart<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    series: &[LogSeries],
    opts: &LogChartOptions,
    theme: &Theme,
) -> PlotResult<DB> {
    let (w, h) = area.dim_in_pixel();
    if w < MIN_CHART_SIZE.0 || h < MIN_CHART_SIZE.1 {
        return Ok(());
    }
    area.fill(&theme.background)?;
    let tx = |x: f64| axis(x, opts.log_x);
    let ty = |y: f64| axis(y, opts.log_y);
    let all = || {
        series
            .iter()
            .flat_map(|s| s.points.iter())
            .map(|&(x, y)| (tx(x), ty(y)))
            .filter(|p| p.0.is_finite() && p.1.is_finite())
    };
    let Some(xr) = range(all().map(|p| p.0)) else {
        return Ok(());
    };
    let ys = all()
        .map(|p| p.1)
        .chain(opts.hlines.iter().map(|l| ty(l.0)));
    let Some(yr) = range(ys) else {
        return Ok(());
    };
    let pad = (yr.1 - yr.0) * 0.06;
    let yr = (yr.0 - pad, yr.1 + pad);
    let xr = if opts.reverse_x { (xr.1, xr.0) } else { xr };
    let mut chart = log_axes_chart(
        area,
        AxisSpec {
            range: xr,
            log: opts.log_x,
            desc: opts.x_label,
            labels: if opts.log_x { decade_labels(xr, 7) } else { 6 },
        },
        AxisSpec {
            range: yr,
            log: opts.log_y,
            desc: opts.y_label,
            labels: if opts.log_y { decade_labels(yr, 8) } else { 6 },
        },
        theme,
    )?;
    let style = |size: u32| ("sans-serif", size).into_font().color(&theme.foreground);
    for &(value, label) in opts.hlines {
        let y = ty(value);
        if !y.is_finite() {
            continue;
        }
        let line = theme.accent.stroke_width(1);
        chart.draw_series(std::iter::once(PathElement::new(
            vec![(xr.0, y), (xr.1, y)],
            line,
        )))?;
        chart.draw_series(std::iter::once(Text::new(
            label.to_string(),
            (xr.0, y),
            style(11)
                .color(&theme.accent)
                .pos(Pos::new(HPos::Left, VPos::Bottom)),
        )))?;
    }
    for (k, s) in series.iter().enumerate() {
        let color = s.color.unwrap_or(theme.series[k % theme.series.len()]);
        let stroke = color.stroke_width(2);
        let mut runs: Vec<Vec<(f64, f64)>> = vec![Vec::new()];
        for &(x, y) in s.points {
            let p = (tx(x), ty(y));
            if p.0.is_finite() && p.1.is_finite() {
                if let Some(r) = runs.last_mut() {
                    r.push(p);
                }
            } else if runs.last().is_some_and(|r| !r.is_empty()) {
                runs.push(Vec::new());
            }
        }
        runs.retain(|r| !r.is_empty());
        if s.dashed {
            let mapping = chart.as_coord_spec().clone();
            let segs: Vec<[(i32, i32); 2]> = runs
                .iter()
                .flat_map(|r| dashes(r, |p| mapping.translate(&p)))
                .collect();
            let plot = chart.plotting_area().strip_coord_spec();
            let (ox, oy) = chart.plotting_area().get_base_pixel();
            for [a, b] in segs {
                plot.draw(&PathElement::new(
                    vec![(a.0 - ox, a.1 - oy), (b.0 - ox, b.1 - oy)],
                    stroke,
                ))?;
            }
            chart
                .draw_series(std::iter::empty::<PathElement<(f64, f64)>>())?
                .label(s.name)
                .legend(move |(x, y)| {
                    EmptyElement::at((x, y))
                        + PathElement::new(vec![(0, 0), (6, 0)], stroke)
                        + PathElement::new(vec![(11, 0), (17, 0)], stroke)
                });
        } else {
            chart
                .draw_series(runs.into_iter().map(move |r| {
                    if r.len() == 1 {
                        PathElement::new(vec![r[0], r[0]], stroke)
                    } else {
                        PathElement::new(r, stroke)
                    }
                }))?
                .label(s.name)
                .legend(move |(x, y)| PathElement::new(vec![(x, y), (x + 18, y)], stroke));
        }
    }
    for m in opts.markers {
        let p = (tx(m.at.0), ty(m.at.1));
        if !(p.0.is_finite() && p.1.is_finite()) {
            continue;
        }
        let color = m.color.unwrap_or(theme.accent);
        chart.draw_series(std::iter::once(Circle::new(p, 5, color.stroke_width(2))))?;
        chart.draw_series(std::iter::once(Text::new(
            m.label.to_string(),
            p,
            style(11).color(&color).pos(Pos::new(HPos::Left, VPos::Top)),
        )))?;
    }
    if !series.is_empty() {
        chart
            .configure_series_labels()
            .position(SeriesLabelPosition::UpperRight)
            .background_style(theme.background.mix(0.85))
            .border_style(theme.grid)
            .label_font(style(11))
            .draw()?;
    }
    Ok(())
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;

    fn svg(series: &[LogSeries], opts: &LogChartOptions) -> String {
        let mut out = String::new();
        {
            let area = SVGBackend::with_string(&mut out, (400, 260)).into_drawing_area();
            draw_log_chart(&area, series, opts, &Theme::light()).expect("draws");
            area.present().expect("presents");
        }
        out
    }

    #[test]
    fn a_log_log_chart_labels_decades_and_marks_points() {
        let pts: Vec<(f64, f64)> = (1..=13)
            .map(|k| {
                let h = 10f64.powi(-k);
                (h, h * h + 1e-16 / h)
            })
            .collect();
        let s = svg(
            &[LogSeries {
                name: "central",
                points: &pts,
                color: None,
                dashed: false,
            }],
            &LogChartOptions {
                log_x: true,
                log_y: true,
                markers: &[Marker {
                    at: (1e-5, 2e-10),
                    label: "best h",
                    color: None,
                }],
                hlines: &[(1e-7, "1e-7")],
                reverse_x: true,
                ..Default::default()
            },
        );
        assert!(s.contains("best h"), "marker label drawn");
        // The x axis spans 10⁻¹³ to 10⁻¹: its decades read as the page writes powers.
        assert!(
            s.contains("10⁻¹⁰") || s.contains("10⁻⁷") || s.contains("10⁻⁴"),
            "{s}"
        );
        assert!(!s.contains(">1e-1"), "no computer notation on the axes");
        assert!(s.contains("central"), "legend drawn");
        assert!(s.contains("1e-7"));
        assert!(s.contains("<polyline") || s.contains("<path"));
    }

    #[test]
    fn nothing_drawable_draws_only_the_background() {
        let bad = [(0.0, -1.0), (f64::NAN, 2.0)];
        let s = svg(
            &[LogSeries {
                name: "x",
                points: &bad,
                color: None,
                dashed: true,
            }],
            &LogChartOptions {
                log_x: true,
                log_y: true,
                ..Default::default()
            },
        );
        assert!(!s.contains("<polyline"));
        let s = svg(&[], &LogChartOptions::default());
        assert!(!s.contains("<text"));
    }

    #[test]
    fn dashed_series_draw_many_short_strokes() {
        let pts = [(1.0, 1.0), (10.0, 100.0), (100.0, 10.0)];
        let s = svg(
            &[LogSeries {
                name: "f32",
                points: &pts,
                color: None,
                dashed: true,
            }],
            &LogChartOptions {
                log_x: true,
                log_y: true,
                ..Default::default()
            },
        );
        assert!(s.matches("<polyline").count() > 10, "{}", s.len());
    }

    #[test]
    fn whole_powers_far_from_one_read_as_powers_of_ten() {
        assert_eq!(decade_label(-5.0), "10⁻⁵");
        assert_eq!(decade_label(8.0), "10⁸");
        assert_eq!(decade_label(-4.0), "10⁻⁴");
        assert_eq!(decade_label(-3.0), "0.001");
        assert_eq!(decade_label(2.0), "100");
        assert_eq!(decade_label(0.0), "1");
        // Between decades, the value itself.
        assert_eq!(decade_label(-4.5), format_compact(10f64.powf(-4.5)));
        assert_eq!(axis_label(-5.0, false), "-5");
    }

    #[test]
    fn log_axes_count_decades_and_label_values() {
        assert_eq!(decade_labels((-13.0, -1.0), 7), 7, "capped");
        assert_eq!(
            decade_labels((-1.0, -3.0), 7),
            3,
            "a reversed axis counts the same"
        );
        assert_eq!(decade_labels((0.0, 0.2), 7), 2, "at least two");
        assert_eq!(axis_label(-2.0, true), format_compact(0.01));
        assert_eq!(axis_label(-2.0, false), format_compact(-2.0));
    }
}
