//! The trainer's plain logic, tested natively: added points written compactly into the
//! address and read back, the part of the plane to show for a data set, a steps-per-second
//! meter, how many steps fit in a frame, and the sentences that describe the picture.

use crate::models::dataset::{parse_csv, LabeledPoint};
use crate::models::logistic::{accuracy, Weights};
use crate::tutor::format::format_value;
use crate::ui::url_state::format_number;

/// The longest `pts` value kept in the address (a few hundred points); larger data sets live
/// in the page only, and the page says so.
pub const MAX_POINTS_TEXT: usize = 2400;

/// Points as `x1,x2,label;…` with short numbers, for the address.
pub fn encode_points(points: &[LabeledPoint]) -> String {
    points
        .iter()
        .map(|p| {
            format!(
                "{},{},{}",
                format_number(p.x[0]),
                format_number(p.x[1]),
                u8::from(p.label)
            )
        })
        .collect::<Vec<_>>()
        .join(";")
}

/// Reads [`encode_points`]' text (empty text is no points). Errors name the point, counted
/// from 1, in the CSV reader's words.
pub fn decode_points(text: &str) -> Result<Vec<LabeledPoint>, String> {
    if text.trim().is_empty() {
        return Ok(Vec::new());
    }
    parse_csv(&text.replace(';', "\n")).map_err(|e| {
        e.to_string()
            .replace("Line ", "point ")
            .replace("line ", "point ")
    })
}

/// The `Check` for the address field: the points read.
pub fn check_points(text: &str) -> Result<(), String> {
    decode_points(text).map(|_| ())
}

/// A number rounded to two decimals (where a click lands; short in the address).
pub fn round2(v: f64) -> f64 {
    (v * 100.0).round() / 100.0
}

/// The square part of the plane to show: [−4, 4]² or, for data outside it, the data's
/// bounding box with a margin, centred.
pub fn plane_window(points: &[LabeledPoint]) -> ((f64, f64), (f64, f64)) {
    let mut lo = [-4.0f64, -4.0];
    let mut hi = [4.0f64, 4.0];
    for p in points.iter().filter(|p| p.is_valid()) {
        for k in 0..2 {
            lo[k] = lo[k].min(p.x[k]);
            hi[k] = hi[k].max(p.x[k]);
        }
    }
    let half = ((hi[0] - lo[0]).max(hi[1] - lo[1]) / 2.0) * 1.08;
    let c = [(lo[0] + hi[0]) / 2.0, (lo[1] + hi[1]) / 2.0];
    if half == 4.0 * 1.08 {
        // The default window, unpadded.
        return ((-4.0, 4.0), (-4.0, 4.0));
    }
    ((c[0] - half, c[0] + half), (c[1] - half, c[1] + half))
}

/// Steps per second, measured over windows of about half a second of wall-clock time.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct SpeedMeter {
    start_ms: Option<f64>,
    steps: usize,
    /// The last measurement.
    pub per_second: Option<f64>,
}

impl SpeedMeter {
    /// How long a measuring window lasts.
    pub const WINDOW_MS: f64 = 500.0;

    /// Records `steps` taken by time `now_ms`; returns the new measurement when a window closes.
    pub fn record(&mut self, now_ms: f64, steps: usize) -> Option<f64> {
        let Some(start) = self.start_ms else {
            self.start_ms = Some(now_ms);
            self.steps = steps;
            return None;
        };
        self.steps += steps;
        let dt = now_ms - start;
        if dt >= Self::WINDOW_MS {
            let rate = self.steps as f64 / (dt / 1000.0);
            self.per_second = Some(rate);
            self.start_ms = Some(now_ms);
            self.steps = 0;
            return Some(rate);
        }
        None
    }

    /// The rate over the window still open, for a run that ends before a whole window has
    /// passed (a release build can finish the default data in under half a second). `None`
    /// when no time has passed to measure.
    pub fn finish(&mut self, now_ms: f64) -> Option<f64> {
        let Some(start) = self.start_ms else {
            return self.per_second;
        };
        let dt = now_ms - start;
        if dt.is_nan() || dt <= 0.0 || self.steps == 0 {
            return self.per_second;
        }
        let rate = self.steps as f64 / (dt / 1000.0);
        self.per_second = Some(rate);
        self.start_ms = None;
        self.steps = 0;
        Some(rate)
    }

    /// Starts afresh (after a pause, the wait is not training time).
    pub fn restart(&mut self) {
        self.start_ms = None;
        self.steps = 0;
    }
}

/// How many steps to take next in a frame: from the time the steps so far took, as many as
/// fit in half the time that is left (at least 1, at most 10,000).
pub fn next_batch(elapsed_ms: f64, steps_so_far: usize, budget_ms: f64) -> usize {
    if steps_so_far == 0 || elapsed_ms <= 0.0 || !elapsed_ms.is_finite() {
        return 1;
    }
    let per_step = elapsed_ms / steps_so_far as f64;
    let left = budget_ms - elapsed_ms;
    if left <= 0.0 {
        return 0;
    }
    ((left / 2.0 / per_step).floor() as usize).clamp(1, 10_000)
}

/// Counts of each class: `(label 0, label 1)`.
pub fn class_counts(points: &[LabeledPoint]) -> (usize, usize) {
    let ones = points.iter().filter(|p| p.label).count();
    (points.len() - ones, ones)
}

/// The boundary's equation with the current numbers, e.g. `1.2 x₁ − 0.5 x₂ + 0.1 = 0`.
pub fn boundary_equation(w: &Weights) -> String {
    let term = |v: f64, name: &str, first: bool| {
        let mag = format_value(v.abs());
        let sign = if v < 0.0 {
            if first {
                "−"
            } else {
                " − "
            }
        } else if first {
            ""
        } else {
            " + "
        };
        format!("{sign}{mag}{name}")
    };
    format!(
        "{}{}{} = 0",
        term(w.w[0], " x₁", true),
        term(w.w[1], " x₂", false),
        term(w.b, "", false)
    )
}

/// What the plane shows, in words and numbers: the data, the boundary and how well it
/// separates the classes.
pub fn describe_plane(points: &[LabeledPoint], w: &Weights) -> String {
    let (zeros, ones) = class_counts(points);
    let data = format!(
        "{} points: {ones} of class 1 (filled discs) and {zeros} of class 0 (rings).",
        points.len()
    );
    let boundary = match w.boundary() {
        Some(_) => format!("The decision boundary p = 0.5 is the line {}.", boundary_equation(w)),
        None => "With both weights 0 the model says p = σ(b) everywhere, so there is no boundary line yet.".into(),
    };
    if points.is_empty() {
        return format!("{data} {boundary}");
    }
    let acc = accuracy(w, points);
    let right = (acc * points.len() as f64).round() as usize;
    format!(
        "{data} {boundary} {right} of {} points ({}%) are on their class's side.",
        points.len(),
        (acc * 100.0).round()
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::models::dataset::two_blobs;

    #[test]
    fn added_points_round_trip_through_the_address() {
        let pts = vec![
            LabeledPoint::new(1.25, -0.5, true),
            LabeledPoint::new(-3.0, 2.0, false),
        ];
        let text = encode_points(&pts);
        assert_eq!(text, "1.25,-0.5,1;-3,2,0");
        assert_eq!(decode_points(&text).unwrap(), pts);
        assert_eq!(decode_points("").unwrap(), vec![]);
        assert!(check_points("1,2,1;3,4").is_err());
        let e = decode_points("1,2,1;3,x,0").unwrap_err();
        assert!(e.contains("point 2"), "{e}");
        // 150 clicked points fit in the address.
        let many: Vec<_> = (0..150)
            .map(|i| LabeledPoint::new(round2(-3.99 + i as f64 * 0.05), -1.23, i % 2 == 0))
            .collect();
        assert!(encode_points(&many).len() <= MAX_POINTS_TEXT);
    }

    #[test]
    fn the_window_covers_the_data() {
        assert_eq!(plane_window(&[]), ((-4.0, 4.0), (-4.0, 4.0)));
        assert_eq!(plane_window(&two_blobs(1, 10)), ((-4.0, 4.0), (-4.0, 4.0)));
        let far = [
            LabeledPoint::new(100.0, 0.0, true),
            LabeledPoint::new(0.0, -20.0, false),
        ];
        let (x, y) = plane_window(&far);
        for p in &far {
            assert!(x.0 < p.x[0] && p.x[0] < x.1 && y.0 < p.x[1] && p.x[1] < y.1);
        }
        assert!(((x.1 - x.0) - (y.1 - y.0)).abs() < 1e-9, "square");
    }

    #[test]
    fn speed_and_batches() {
        let mut m = SpeedMeter::default();
        assert_eq!(m.record(0.0, 0), None);
        assert_eq!(m.record(250.0, 100), None);
        let r = m.record(500.0, 100).unwrap();
        assert!((r - 400.0).abs() < 1e-9);
        m.restart();
        assert_eq!(m.record(10_000.0, 5), None);
        // A run that ends inside its first window is still measured.
        assert_eq!(m.record(10_100.0, 50), None);
        let r = m.finish(10_200.0).unwrap();
        // 5 + 50 steps in 200 ms.
        assert!((r - 275.0).abs() < 1e-9, "{r}");
        assert_eq!(m.finish(10_300.0), Some(r));
        assert_eq!(next_batch(0.0, 0, 10.0), 1);
        // 1 ms per step, 4 ms used of 10: 3 more.
        assert_eq!(next_batch(4.0, 4, 10.0), 3);
        assert_eq!(next_batch(12.0, 4, 10.0), 0);
        assert_eq!(next_batch(1e-6, 1, 10.0), 10_000);
    }

    #[test]
    fn the_description_has_the_numbers_of_the_picture() {
        let pts = vec![
            LabeledPoint::new(1.0, 1.0, true),
            LabeledPoint::new(-1.0, -1.0, false),
            LabeledPoint::new(-1.0, 2.0, true),
        ];
        let w = Weights {
            w: [1.0, -0.5],
            b: 0.25,
        };
        let d = describe_plane(&pts, &w);
        assert!(d.contains("3 points: 2 of class 1"), "{d}");
        assert!(d.contains("1 x₁ − 0.5 x₂ + 0.25 = 0"), "{d}");
        assert!(d.contains("2 of 3 points (67%)"), "{d}");
        assert!(describe_plane(&[], &Weights::default()).contains("no boundary line"));
    }
}
