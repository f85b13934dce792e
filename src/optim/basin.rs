//! A basin map: for one optimiser, how many steps it needs to converge from every start on an
//! n × n grid of the plane (64 × 64 in the widget). 4096 runs take too long for one animation
//! frame, so the map is filled a few rows at a time ([`BasinMap::compute_rows`]) and reports
//! its progress; the page spreads the rows over frames.

use std::ops::Range;

use super::{minimize, Method, Objective, Settings, Stop};

/// What happened from one start.
#[derive(Clone, Debug, PartialEq)]
pub enum BasinCell {
    /// Converged after `steps` steps, at `end`.
    Converged {
        /// Steps taken.
        steps: usize,
        /// Where it stopped.
        end: Vec<f64>,
    },
    /// Diverged (or stopped) at this step.
    Diverged {
        /// The failing step.
        step: usize,
    },
    /// Used every step without converging.
    NotConverged,
    /// f is not defined at this start.
    Undefined,
}

impl BasinCell {
    /// The steps to converge, if it converged.
    pub fn steps(&self) -> Option<usize> {
        match self {
            BasinCell::Converged { steps, .. } => Some(*steps),
            _ => None,
        }
    }
}

/// The grid of starts and what each one did so far (`None`: not computed yet).
#[derive(Clone, Debug, PartialEq)]
pub struct BasinMap {
    /// Cells per side.
    pub n: usize,
    /// The x range covered, left to right.
    pub x_range: (f64, f64),
    /// The y range covered, bottom to top.
    pub y_range: (f64, f64),
    /// Row-major cells: index `row * n + col`, row 0 at the bottom (`y_range.0`).
    pub cells: Vec<Option<BasinCell>>,
    rows_done: usize,
}

impl BasinMap {
    /// An empty map of `n × n` starts (n clamped to 1..=256) over the given ranges.
    pub fn new(n: usize, x_range: (f64, f64), y_range: (f64, f64)) -> BasinMap {
        let n = n.clamp(1, 256);
        BasinMap {
            n,
            x_range,
            y_range,
            cells: vec![None; n * n],
            rows_done: 0,
        }
    }

    /// The start at the centre of cell (`col`, `row`).
    pub fn start_of(&self, col: usize, row: usize) -> [f64; 2] {
        let t = |i: usize, (a, b): (f64, f64)| a + (b - a) * (i as f64 + 0.5) / self.n as f64;
        [t(col, self.x_range), t(row, self.y_range)]
    }

    /// The cell (`col`, `row`) containing the point, if it is on the map.
    pub fn cell_at(&self, x: f64, y: f64) -> Option<(usize, usize)> {
        let idx = |v: f64, (a, b): (f64, f64)| {
            let t = (v - a) / (b - a);
            (t.is_finite() && (0.0..1.0).contains(&t))
                .then(|| ((t * self.n as f64) as usize).min(self.n - 1))
        };
        Some((idx(x, self.x_range)?, idx(y, self.y_range)?))
    }

    /// The rows computed so far (always a prefix: rows are filled bottom to top).
    pub fn rows_done(&self) -> usize {
        self.rows_done
    }

    /// The fraction done, 0 to 1.
    pub fn progress(&self) -> f64 {
        self.rows_done as f64 / self.n as f64
    }

    /// Whether every row is computed.
    pub fn is_done(&self) -> bool {
        self.rows_done >= self.n
    }

    /// Runs the optimiser from every start of the next `rows` rows (fewer at the end) and
    /// returns the rows computed. Objectives of other than two variables leave cells
    /// undefined.
    pub fn compute_next_rows(
        &mut self,
        objective: &Objective,
        method: &Method,
        settings: &Settings,
        rows: usize,
    ) -> Range<usize> {
        let range = self.rows_done..(self.rows_done + rows).min(self.n);
        self.compute_rows(objective, method, settings, range.clone());
        range
    }

    /// Runs the optimiser from every start of rows `rows` (clamped to the map).
    pub fn compute_rows(
        &mut self,
        objective: &Objective,
        method: &Method,
        settings: &Settings,
        rows: Range<usize>,
    ) {
        let rows = rows.start.min(self.n)..rows.end.min(self.n);
        for row in rows.clone() {
            for col in 0..self.n {
                let start = self.start_of(col, row);
                let cell = match minimize(objective, method, &start, settings) {
                    Ok(run) => match run.stop {
                        Stop::Converged { step } => BasinCell::Converged {
                            steps: step,
                            end: run.points.last().cloned().unwrap_or_default(),
                        },
                        Stop::Diverged { step, .. } => BasinCell::Diverged { step },
                        Stop::MaxSteps => BasinCell::NotConverged,
                    },
                    Err(_) => BasinCell::Undefined,
                };
                if let Some(slot) = self.cells.get_mut(row * self.n + col) {
                    *slot = Some(cell);
                }
            }
        }
        if rows.start <= self.rows_done && rows.end > self.rows_done {
            self.rows_done = rows.end;
        }
    }

    /// Steps to converge per cell as numbers for a heatmap: NaN for cells that did not
    /// converge or are not computed yet.
    pub fn steps_grid(&self) -> Vec<f64> {
        self.cells
            .iter()
            .map(|c| {
                c.as_ref()
                    .and_then(BasinCell::steps)
                    .map_or(f64::NAN, |s| s as f64)
            })
            .collect()
    }

    /// How many computed starts converged, diverged or ran out of steps.
    pub fn tally(&self) -> (usize, usize, usize) {
        let mut t = (0, 0, 0);
        for c in self.cells.iter().flatten() {
            match c {
                BasinCell::Converged { .. } => t.0 += 1,
                BasinCell::Diverged { .. } => t.1 += 1,
                BasinCell::NotConverged | BasinCell::Undefined => t.2 += 1,
            }
        }
        t
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_bowl_converges_everywhere_and_chunks_add_up() {
        let o = Objective::parse("x^2 + y^2", &["x", "y"]).unwrap();
        let m = Method::GradientDescent { rate: 0.1 };
        let s = Settings {
            max_steps: 300,
            ..Settings::default()
        };
        let mut map = BasinMap::new(8, (-2.0, 2.0), (-2.0, 2.0));
        assert_eq!(map.compute_next_rows(&o, &m, &s, 3), 0..3);
        assert!((map.progress() - 3.0 / 8.0).abs() < 1e-12);
        while !map.is_done() {
            map.compute_next_rows(&o, &m, &s, 3);
        }
        assert_eq!(map.tally(), (64, 0, 0));
        // Starts farther from the minimum need more steps.
        let g = map.steps_grid();
        assert!(g[0] > g[3 * 8 + 3], "{g:?}");
        assert_eq!(map.cell_at(-2.0, 1.99), Some((0, 7)));
        assert_eq!(map.cell_at(2.0, 0.0), None);
        assert_eq!(map.start_of(0, 0), [-1.75, -1.75]);
    }
}
