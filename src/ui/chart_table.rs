//! "Show as table": a switch under a chart that shows the chart's data as an accessible
//! `<table>` (a caption, column headings, one row per x). It is fed the same series the
//! chart draws, so the two never disagree. Long series are thinned to a readable number of
//! rows, always keeping the first and last rows and each series' lowest and highest value,
//! which the table names in a last column.

use leptos::prelude::*;

use crate::tutor::format::format_value;

/// A chart's data: the x axis's name and each series' name and `(x, y)` points.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ChartData {
    /// What x is ("step", "h").
    pub x_label: String,
    /// Each series: its name (as in the chart's legend) and its points.
    pub series: Vec<(String, Vec<(f64, f64)>)>,
    /// How many of the last series are context (a path's coordinates beside its loss):
    /// shown in the table, but their lowest and highest values are not called out.
    pub context: usize,
    /// Words for x values the chart marks without a value ("diverged" in a sweep): each
    /// gets a row, with the words in its note, and is always kept when the table is thinned.
    pub marks: Vec<(f64, String)>,
}

impl ChartData {
    /// One series.
    pub fn one(x_label: &str, name: &str, points: Vec<(f64, f64)>) -> ChartData {
        ChartData {
            x_label: x_label.to_string(),
            series: vec![(name.to_string(), points)],
            ..ChartData::default()
        }
    }
}

/// One row of the table: x, each series' y there (if it has a point there), and a note.
#[derive(Clone, Debug, PartialEq)]
pub struct TableRow {
    /// The x value.
    pub x: f64,
    /// Each series' value at x, in series order.
    pub ys: Vec<Option<f64>>,
    /// Why the row is notable ("lowest L"), or empty.
    pub note: String,
}

/// A number in a table cell: like [`format_value`], but very small and very large numbers
/// in scientific form with four significant digits (`1.332 × 10⁻¹²`), so a step of 10⁻¹³ never
/// reads as 0.
pub fn table_number(v: f64) -> String {
    let a = v.abs();
    if !v.is_finite() || a == 0.0 || (1e-3..1e7).contains(&a) {
        return format_value(v);
    }
    crate::math::format::format_scientific(v, 4)
}

/// Whether two x values are the same column entry.
fn same_x(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-9 * a.abs().max(b.abs()).max(1e-300)
}

/// Every x of every series (finite ones), in the order of the first series that has
/// them, then any others ascending; each series' y at each x.
pub fn merge_rows(data: &ChartData) -> Vec<TableRow> {
    let mut xs: Vec<f64> = data
        .series
        .iter()
        .flat_map(|(_, pts)| pts.iter().map(|p| p.0))
        .chain(data.marks.iter().map(|m| m.0))
        .filter(|x| x.is_finite())
        .collect();
    xs.sort_by(f64::total_cmp);
    xs.dedup_by(|a, b| same_x(*a, *b));
    // Follow the chart's direction: descending when the first series runs downwards (a
    // step h from large to small).
    let descending = data
        .series
        .first()
        .and_then(|(_, p)| Some((p.first()?.0, p.last()?.0)))
        .is_some_and(|(a, b)| a > b);
    if descending {
        xs.reverse();
    }
    let lookups: Vec<Vec<(f64, f64)>> = data
        .series
        .iter()
        .map(|(_, pts)| {
            let mut v: Vec<(f64, f64)> = pts.iter().copied().filter(|p| p.0.is_finite()).collect();
            v.sort_by(|a, b| a.0.total_cmp(&b.0));
            v
        })
        .collect();
    xs.into_iter()
        .map(|x| TableRow {
            x,
            ys: lookups
                .iter()
                .map(|pts| {
                    let i = pts.partition_point(|p| p.0 < x && !same_x(p.0, x));
                    pts.get(i).filter(|p| same_x(p.0, x)).map(|p| p.1)
                })
                .collect(),
            note: data
                .marks
                .iter()
                .filter(|m| same_x(m.0, x))
                .map(|m| m.1.as_str())
                .collect::<Vec<_>>()
                .join("; "),
        })
        .collect()
}

/// The rows a table of `n` rows shows when it may show `max`: the first, the last, the
/// `notable` ones, and evenly spaced others up to `max` (more only when the notable rows
/// alone need more). Ascending, without repeats.
pub fn pick_rows(n: usize, max: usize, notable: &[usize]) -> Vec<usize> {
    if n == 0 {
        return Vec::new();
    }
    if n <= max.max(2) {
        return (0..n).collect();
    }
    let mut keep: Vec<usize> = vec![0, n - 1];
    keep.extend(notable.iter().copied().filter(|&i| i < n));
    keep.sort_unstable();
    keep.dedup();
    let room = max.saturating_sub(keep.len());
    if room > 0 {
        for k in 1..=room {
            keep.push(k * (n - 1) / (room + 1));
        }
        keep.sort_unstable();
        keep.dedup();
    }
    keep
}

/// The table's rows: merged, each series' lowest and highest finite value noted, thinned
/// to `max` rows. Also returns how many rows there were before thinning.
pub fn table_rows(data: &ChartData, max: usize) -> (Vec<TableRow>, usize) {
    let mut rows = merge_rows(data);
    let mut notable: Vec<usize> = rows
        .iter()
        .enumerate()
        .filter(|(_, r)| !r.note.is_empty())
        .map(|(i, _)| i)
        .collect();
    let ranked = data.series.len().saturating_sub(data.context);
    for (s, (name, _)) in data.series.iter().enumerate().take(ranked) {
        let finite = rows
            .iter()
            .enumerate()
            .filter_map(|(i, r)| r.ys.get(s).copied().flatten().map(|y| (i, y)))
            .filter(|(_, y)| y.is_finite());
        let mut low: Option<(usize, f64)> = None;
        let mut high: Option<(usize, f64)> = None;
        for (i, y) in finite {
            if low.is_none_or(|(_, l)| y < l) {
                low = Some((i, y));
            }
            if high.is_none_or(|(_, h)| y > h) {
                high = Some((i, y));
            }
        }
        for (which, found) in [("lowest", low), ("highest", high)] {
            if let Some((i, _)) = found {
                if let Some(row) = rows.get_mut(i) {
                    if !row.note.is_empty() {
                        row.note.push_str("; ");
                    }
                    row.note.push_str(&format!("{which} {name}"));
                }
                notable.push(i);
            }
        }
    }
    let n = rows.len();
    let keep = pick_rows(n, max, &notable);
    let mut picked = Vec::with_capacity(keep.len());
    let mut it = keep.into_iter().peekable();
    for (i, row) in rows.drain(..).enumerate() {
        if it.peek() == Some(&i) {
            picked.push(row);
            it.next();
        }
    }
    (picked, n)
}

/// The table of `data` (no switch): for widgets that already have their own "show as a
/// table" control.
pub fn data_table(caption: &str, d: &ChartData, max_rows: usize) -> impl IntoView {
    let (rows, total) = table_rows(d, max_rows);
    let heads: Vec<String> = d.series.iter().map(|(n, _)| n.clone()).collect();
    let thinned = if rows.len() < total {
        format!(
            " ({} of {total} rows: the first, the last, the lowest and highest of each \
             column, and evenly spaced others)",
            rows.len()
        )
    } else {
        String::new()
    };
    let x_label = d.x_label.clone();
    let full_caption = format!("{caption}{thinned}");
    // The caption is shown above the scrolling box, where it wraps at the page's width (a
    // `<caption>` is as wide as its table, so a wide table would cut it off on a phone);
    // the table keeps it as its accessible caption.
    view! {
        <p class="chart-table-caption" aria-hidden="true">{full_caption.clone()}</p>
        <div class="table-scroll">
            <table class="lab-table chart-data" data-testid="chart-table">
                <caption class="visually-hidden">{full_caption}</caption>
                <thead>
                    <tr>
                        <th scope="col">{x_label}</th>
                        {heads.into_iter().map(|h| view! { <th scope="col">{h}</th> }).collect_view()}
                        <th scope="col">"note"</th>
                    </tr>
                </thead>
                <tbody>
                    {rows
                        .into_iter()
                        .map(|r| {
                            view! {
                                <tr>
                                    <th scope="row">{table_number(r.x)}</th>
                                    {r.ys
                                        .into_iter()
                                        .map(|y| view! { <td>{y.map_or_else(|| "—".to_string(), table_number)}</td> })
                                        .collect_view()}
                                    <td>{r.note}</td>
                                </tr>
                            }
                        })
                        .collect_view()}
                </tbody>
            </table>
        </div>
    }
}

/// The "Show as table" switch and, when on, the table of `data`.
#[component]
pub fn ChartTable(
    /// What the chart shows; the table's caption ("Loss per step").
    #[prop(into)]
    caption: String,
    /// The chart's data: the same series the chart draws.
    #[prop(into)]
    data: Signal<ChartData>,
    /// At most this many rows (the first, last and notable rows are always kept).
    #[prop(default = 12)]
    max_rows: usize,
) -> impl IntoView {
    let open = RwSignal::new(false);
    let caption_text = caption.clone();
    let table = move || data.with(|d| data_table(&caption_text, d, max_rows));
    view! {
        <div class="chart-table">
            <button
                type="button"
                class="button-secondary chart-table-switch"
                aria-expanded=move || open.get().to_string()
                on:click=move |_| open.update(|o| *o = !*o)
            >
                {move || if open.get() { "Hide table" } else { "Show as table" }}
                <span class="visually-hidden">{format!(": {caption}")}</span>
            </button>
            {move || open.get().then(&table)}
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn series_are_joined_on_x_in_the_charts_direction() {
        let d = ChartData {
            x_label: "h".into(),
            series: vec![
                (
                    "forward".into(),
                    vec![(1e-1, 1e-2), (1e-3, 1e-4), (1e-5, 1e-6)],
                ),
                ("central".into(), vec![(1e-1, 1e-3), (1e-5, 1e-9)]),
            ],
            ..ChartData::default()
        };
        let rows = merge_rows(&d);
        let xs: Vec<f64> = rows.iter().map(|r| r.x).collect();
        assert_eq!(xs, vec![1e-1, 1e-3, 1e-5]);
        assert_eq!(rows[1].ys, vec![Some(1e-4), None]);
        assert_eq!(rows[2].ys, vec![Some(1e-6), Some(1e-9)]);
    }

    #[test]
    fn tiny_and_huge_numbers_keep_their_size() {
        assert_eq!(table_number(1e-13), "1 × 10⁻¹³");
        assert_eq!(table_number(1.3317e-12), "1.332 × 10⁻¹²");
        assert_eq!(table_number(-2.5e8), "−2.5 × 10⁸");
        assert_eq!(table_number(0.25), "0.25");
        assert_eq!(table_number(0.0), "0");
        assert_eq!(table_number(f64::NAN), "undefined here");
    }

    #[test]
    fn thinning_keeps_first_last_and_notable_rows() {
        assert_eq!(pick_rows(5, 12, &[]), vec![0, 1, 2, 3, 4]);
        assert!(pick_rows(0, 12, &[]).is_empty());
        let keep = pick_rows(1000, 10, &[437]);
        assert_eq!(keep.len(), 10);
        assert!(keep.contains(&0) && keep.contains(&999) && keep.contains(&437));
        assert!(keep.windows(2).all(|w| w[0] < w[1]));
    }

    #[test]
    fn the_lowest_value_is_kept_and_named() {
        // A loss that dips at step 613 of 1000 and creeps up again.
        let pts: Vec<(f64, f64)> = (0..1000)
            .map(|i| {
                let t = i as f64;
                (t, (t - 613.0).powi(2) / 1e4 + 1.0)
            })
            .collect();
        let (rows, total) = table_rows(&ChartData::one("step", "L", pts), 12);
        assert_eq!(total, 1000);
        assert!(rows.len() <= 12);
        let low = rows
            .iter()
            .find(|r| r.note.contains("lowest L"))
            .expect("lowest row");
        assert!((low.x - 613.0).abs() < 1e-9);
        assert!((low.ys[0].unwrap_or(f64::NAN) - 1.0).abs() < 1e-12);
        assert_eq!(rows.first().map(|r| r.x), Some(0.0));
        assert_eq!(rows.last().map(|r| r.x), Some(999.0));
    }

    #[test]
    fn marks_get_rows_and_context_series_are_not_ranked() {
        // A sweep: steps to converge at three rates, divergence at the two largest.
        let d = ChartData {
            x_label: "η".into(),
            series: vec![(
                "steps".into(),
                vec![(0.01, 300.0), (0.05, 60.0), (0.1, 90.0)],
            )],
            marks: vec![(0.2, "diverged".into()), (0.5, "diverged".into())],
            ..ChartData::default()
        };
        let (rows, total) = table_rows(&d, 3);
        assert_eq!(total, 5);
        let diverged: Vec<f64> = rows
            .iter()
            .filter(|r| r.note == "diverged")
            .map(|r| r.x)
            .collect();
        assert_eq!(diverged, vec![0.2, 0.5], "marked rows survive thinning");
        assert!(rows
            .iter()
            .all(|r| r.note != "diverged" || r.ys == vec![None]));
        assert!(rows.iter().any(|r| r.note == "lowest steps" && r.x == 0.05));
        // A path: the loss is ranked, its coordinates are not.
        let path = ChartData {
            x_label: "step".into(),
            series: vec![
                ("L".into(), vec![(0.0, 4.0), (1.0, 1.0), (2.0, 2.0)]),
                ("x".into(), vec![(0.0, -9.0), (1.0, 0.0), (2.0, 9.0)]),
            ],
            context: 1,
            ..ChartData::default()
        };
        let (rows, _) = table_rows(&path, 12);
        let notes: Vec<&str> = rows.iter().map(|r| r.note.as_str()).collect();
        assert_eq!(notes, vec!["highest L", "lowest L", ""]);
    }

    #[test]
    fn non_finite_values_are_shown_but_never_called_lowest() {
        let d = ChartData::one("step", "L", vec![(0.0, 2.0), (1.0, f64::NAN), (2.0, 1.0)]);
        let (rows, _) = table_rows(&d, 12);
        assert_eq!(rows.len(), 3);
        assert!(rows[2].note.contains("lowest"));
        assert!(rows[1].note.is_empty());
    }
}
