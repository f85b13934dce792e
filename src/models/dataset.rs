//! Labelled points in the plane for a two-feature classifier: seeded blobs, and CSV rows
//! `x1,x2,label` read and written with errors that name the line.
//!
//! A data set never holds more than [`MAX_POINTS`] points, and every coordinate is finite and at
//! most [`MAX_COORDINATE`] in size, so training and plotting never meet a NaN from the data.

use crate::math::SplitMix64;
use std::fmt;

/// The most points a data set may hold (pasted, generated or clicked).
pub const MAX_POINTS: usize = 10_000;

/// The largest coordinate size accepted; larger values are almost certainly a typo.
pub const MAX_COORDINATE: f64 = 1e6;

/// One labelled point: features `x = [x1, x2]` and a class, 0 or 1.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct LabeledPoint {
    /// The two features.
    pub x: [f64; 2],
    /// The class: `true` is label 1, `false` label 0.
    pub label: bool,
}

impl LabeledPoint {
    /// A point of class `label`.
    pub fn new(x1: f64, x2: f64, label: bool) -> LabeledPoint {
        LabeledPoint { x: [x1, x2], label }
    }

    /// The label as a number, 0.0 or 1.0 (the `y` of the loss formulas).
    pub fn y(&self) -> f64 {
        if self.label {
            1.0
        } else {
            0.0
        }
    }

    /// Whether both coordinates are finite and within [`MAX_COORDINATE`].
    pub fn is_valid(&self) -> bool {
        self.x
            .iter()
            .all(|v| v.is_finite() && v.abs() <= MAX_COORDINATE)
    }
}

/// A standard normal value by the Box–Muller transform.
fn normal(rng: &mut SplitMix64) -> f64 {
    // 1 − u lies in (0, 1], so the logarithm is finite.
    let u = 1.0 - rng.next_f64();
    let v = rng.next_f64();
    (-2.0 * u.ln()).sqrt() * (std::f64::consts::TAU * v).cos()
}

/// Where the two generated blobs are centred, and their spread (standard deviation).
pub const BLOB_CENTRES: [[f64; 2]; 2] = [[-1.2, -0.8], [1.2, 0.8]];
/// The standard deviation of each blob in each coordinate.
pub const BLOB_SPREAD: f64 = 0.7;

/// Two Gaussian blobs, `per_class` points each (class 0 around [`BLOB_CENTRES`]`[0]`, class 1
/// around `[1]`), drawn deterministically from `seed`. At most [`MAX_POINTS`] in all; classes
/// alternate so a prefix is balanced.
pub fn two_blobs(seed: u64, per_class: usize) -> Vec<LabeledPoint> {
    let mut rng = SplitMix64(seed);
    let n = per_class.saturating_mul(2).min(MAX_POINTS);
    (0..n)
        .map(|i| {
            let label = i % 2 == 1;
            let c = BLOB_CENTRES[usize::from(label)];
            let x1 = c[0] + BLOB_SPREAD * normal(&mut rng);
            let x2 = c[1] + BLOB_SPREAD * normal(&mut rng);
            LabeledPoint::new(x1, x2, label)
        })
        .collect()
}

/// The header line [`format_csv`] writes and [`parse_csv`] accepts as a first line.
pub const CSV_HEADER: &str = "x1,x2,label";

/// The column names, in order.
const COLUMNS: [&str; 3] = ["x1", "x2", "label"];

/// What is wrong with one CSV row.
#[derive(Clone, Debug, PartialEq)]
pub enum RowProblem {
    /// The row has this many comma-separated values instead of 3.
    ColumnCount(usize),
    /// A value in the named column is not a finite number.
    NotANumber {
        /// `"x1"`, `"x2"` or `"label"`.
        column: &'static str,
        /// The text found there.
        text: String,
    },
    /// A coordinate larger than [`MAX_COORDINATE`].
    OutOfRange {
        /// `"x1"` or `"x2"`.
        column: &'static str,
        /// The value.
        value: f64,
    },
    /// A label other than 0 or 1.
    BadLabel(String),
    /// This row is one more than [`MAX_POINTS`].
    TooManyRows,
}

/// Why CSV text could not be read. The data a page already has is kept.
#[derive(Clone, Debug, PartialEq)]
pub enum CsvError {
    /// No rows at all (only blank lines or a header).
    Empty,
    /// A row is wrong; `line` counts from 1, blank lines included.
    Row {
        /// The line number, from 1.
        line: usize,
        /// What is wrong with it.
        problem: RowProblem,
    },
}

impl CsvError {
    /// The line the error is on, if it is about one line.
    pub fn line(&self) -> Option<usize> {
        match self {
            CsvError::Empty => None,
            CsvError::Row { line, .. } => Some(*line),
        }
    }
}

/// Shortens what a learner pasted for quoting in a message.
fn quoted(text: &str) -> String {
    let mut s: String = text.chars().take(24).collect();
    if text.chars().count() > 24 {
        s.push('…');
    }
    format!("“{s}”")
}

impl fmt::Display for CsvError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (line, problem) = match self {
            CsvError::Empty => {
                return write!(
                    f,
                    "There are no rows to read. Each line should be x1,x2,label, for example 0.5,-1.2,1."
                )
            }
            CsvError::Row { line, problem } => (line, problem),
        };
        match problem {
            RowProblem::ColumnCount(k) => write!(
                f,
                "Line {line} has {k} value{} but needs 3, separated by commas: x1,x2,label.",
                if *k == 1 { "" } else { "s" }
            ),
            RowProblem::NotANumber { column, text } => write!(
                f,
                "Line {line}: {column} is {} — not a number.",
                quoted(text)
            ),
            RowProblem::OutOfRange { column, value } => write!(
                f,
                "Line {line}: {column} is {value:e}; coordinates must lie between −{MAX_COORDINATE:e} and {MAX_COORDINATE:e}."
            ),
            RowProblem::BadLabel(text) => write!(
                f,
                "Line {line}: the label is {} but must be 0 or 1.",
                quoted(text)
            ),
            RowProblem::TooManyRows => write!(
                f,
                "Line {line} is one row too many: at most {MAX_POINTS} rows can be loaded."
            ),
        }
    }
}

/// A finite number, or `None`.
fn number(text: &str) -> Option<f64> {
    text.parse::<f64>().ok().filter(|v| v.is_finite())
}

/// Whether a line is the header `x1,x2,label` (spaces and case ignored).
fn is_header(line: &str) -> bool {
    let fields: Vec<String> = line
        .split(',')
        .map(|s| s.trim().to_ascii_lowercase())
        .collect();
    fields.len() == 3 && fields.iter().zip(COLUMNS).all(|(a, b)| a == b)
}

/// Reads one data row.
fn parse_row(line: &str) -> Result<LabeledPoint, RowProblem> {
    let fields: Vec<&str> = line.split(',').map(str::trim).collect();
    let [t1, t2, tl] = fields[..] else {
        return Err(RowProblem::ColumnCount(fields.len()));
    };
    let mut x = [0.0; 2];
    for ((slot, text), column) in x.iter_mut().zip([t1, t2]).zip(COLUMNS) {
        let v = number(text).ok_or_else(|| RowProblem::NotANumber {
            column,
            text: text.to_string(),
        })?;
        if v.abs() > MAX_COORDINATE {
            return Err(RowProblem::OutOfRange { column, value: v });
        }
        *slot = v;
    }
    let label = match number(tl) {
        Some(0.0) => false,
        Some(1.0) => true,
        Some(_) => return Err(RowProblem::BadLabel(tl.to_string())),
        None => {
            return Err(RowProblem::NotANumber {
                column: "label",
                text: tl.to_string(),
            })
        }
    };
    Ok(LabeledPoint { x, label })
}

/// Reads rows `x1,x2,label` (label 0 or 1), one per line. Blank lines are skipped, spaces around
/// values are ignored, and a first line `x1,x2,label` is taken as a header. The first bad row
/// stops the reading with its line number; reading stops at row [`MAX_POINTS`] + 1, so a huge
/// paste costs no more than that.
pub fn parse_csv(text: &str) -> Result<Vec<LabeledPoint>, CsvError> {
    let mut points = Vec::new();
    let mut seen_content = false;
    for (i, raw) in text.lines().enumerate() {
        let line = raw.trim();
        if line.is_empty() {
            continue;
        }
        let first = !seen_content;
        seen_content = true;
        if first && is_header(line) {
            continue;
        }
        let number = i + 1;
        if points.len() == MAX_POINTS {
            return Err(CsvError::Row {
                line: number,
                problem: RowProblem::TooManyRows,
            });
        }
        let point = parse_row(line).map_err(|problem| CsvError::Row {
            line: number,
            problem,
        })?;
        points.push(point);
    }
    if points.is_empty() {
        return Err(CsvError::Empty);
    }
    Ok(points)
}

/// Writes the header and one row per point; numbers are written so they read back exactly.
pub fn format_csv(points: &[LabeledPoint]) -> String {
    let mut out = String::with_capacity(16 + points.len() * 40);
    out.push_str(CSV_HEADER);
    out.push('\n');
    for p in points {
        out.push_str(&format!("{},{},{}\n", p.x[0], p.x[1], u8::from(p.label)));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row_error(text: &str) -> (usize, RowProblem, String) {
        match parse_csv(text) {
            Err(e @ CsvError::Row { .. }) => {
                let msg = e.to_string();
                let CsvError::Row { line, problem } = e else {
                    unreachable!()
                };
                (line, problem, msg)
            }
            other => panic!("expected a row error for {text:?}, got {other:?}"),
        }
    }

    #[test]
    fn reads_rows_with_header_blank_lines_and_spaces() {
        let pts = parse_csv("x1, x2, label\n\n 0.5, -1.25 ,1\r\n2,3,0\n1e-3,4,1.0\n").unwrap();
        assert_eq!(
            pts,
            vec![
                LabeledPoint::new(0.5, -1.25, true),
                LabeledPoint::new(2.0, 3.0, false),
                LabeledPoint::new(1e-3, 4.0, true),
            ]
        );
    }

    #[test]
    fn wrong_column_count_names_the_line() {
        let (line, problem, msg) = row_error("1,2,0\n\n3,4\n");
        assert_eq!(line, 3);
        assert_eq!(problem, RowProblem::ColumnCount(2));
        assert!(msg.starts_with("Line 3 has 2 values"), "{msg}");
        let (line, problem, _) = row_error("1,2,0,7");
        assert_eq!((line, problem), (1, RowProblem::ColumnCount(4)));
    }

    #[test]
    fn non_numbers_name_the_line_and_column() {
        let (line, problem, msg) = row_error("x1,x2,label\n1,2,1\n1,abc,0");
        assert_eq!(line, 3);
        assert_eq!(
            problem,
            RowProblem::NotANumber {
                column: "x2",
                text: "abc".into()
            }
        );
        assert!(
            msg.contains("Line 3") && msg.contains("x2") && msg.contains("abc"),
            "{msg}"
        );
        // NaN and infinity are not numbers a data set can hold.
        assert_eq!(row_error("NaN,1,0").0, 1);
        assert_eq!(row_error("1,2,0\ninf,1,0").0, 2);
        // A header that is not the first line is a bad row.
        assert_eq!(row_error("1,2,0\nx1,x2,label").0, 2);
        let (_, p, _) = row_error("1,2,yes");
        assert!(matches!(
            p,
            RowProblem::NotANumber {
                column: "label",
                ..
            }
        ));
    }

    #[test]
    fn labels_other_than_zero_or_one_name_the_line() {
        let (line, problem, msg) = row_error("1,2,0\n1,2,2\n");
        assert_eq!((line, problem), (2, RowProblem::BadLabel("2".into())));
        assert!(msg.contains("Line 2") && msg.contains("0 or 1"), "{msg}");
        assert_eq!(row_error("1,2,0.5").1, RowProblem::BadLabel("0.5".into()));
        assert_eq!(row_error("1,2,-1").1, RowProblem::BadLabel("-1".into()));
    }

    #[test]
    fn more_than_ten_thousand_rows_names_the_first_extra_line() {
        let mut text = String::from("x1,x2,label\n");
        for i in 0..MAX_POINTS + 5 {
            text.push_str(&format!("{i},0,1\n"));
        }
        let (line, problem, msg) = row_error(&text);
        // Line 1 is the header, so data row 10,001 is line 10,002.
        assert_eq!((line, problem), (MAX_POINTS + 2, RowProblem::TooManyRows));
        assert!(msg.contains("10002") && msg.contains("10000"), "{msg}");
        // Exactly the maximum is fine.
        let ok: String = (0..MAX_POINTS).map(|i| format!("{i},1,0\n")).collect();
        assert_eq!(parse_csv(&ok).unwrap().len(), MAX_POINTS);
    }

    #[test]
    fn huge_coordinates_and_empty_text_are_refused() {
        let (line, problem, _) = row_error("1,2,0\n3e9,0,1");
        assert_eq!(line, 2);
        assert!(matches!(
            problem,
            RowProblem::OutOfRange { column: "x1", .. }
        ));
        assert_eq!(parse_csv(""), Err(CsvError::Empty));
        assert_eq!(parse_csv("x1,x2,label\n\n"), Err(CsvError::Empty));
        assert_eq!(CsvError::Empty.line(), None);
    }

    #[test]
    fn csv_round_trips_exactly() {
        let pts = two_blobs(7, 50);
        let text = format_csv(&pts);
        assert!(text.starts_with("x1,x2,label\n"));
        assert_eq!(parse_csv(&text).unwrap(), pts);
    }

    #[test]
    fn blobs_are_seeded_balanced_bounded_and_separated() {
        let a = two_blobs(42, 100);
        assert_eq!(a, two_blobs(42, 100));
        assert_ne!(a, two_blobs(43, 100));
        assert_eq!(a.len(), 200);
        assert_eq!(a.iter().filter(|p| p.label).count(), 100);
        assert!(a.iter().all(LabeledPoint::is_valid));
        // Each class's mean is near its centre.
        for (class, centre) in [(false, BLOB_CENTRES[0]), (true, BLOB_CENTRES[1])] {
            let pts: Vec<_> = a.iter().filter(|p| p.label == class).collect();
            for (k, c) in centre.iter().enumerate() {
                let mean = pts.iter().map(|p| p.x[k]).sum::<f64>() / pts.len() as f64;
                assert!((mean - c).abs() < 0.25, "{class} {k}: {mean}");
            }
        }
        assert_eq!(two_blobs(1, usize::MAX).len(), MAX_POINTS);
    }
}
