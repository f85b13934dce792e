//! The race as plain data: a [`RaceJob`] runs one optimiser per call (so the page can spread
//! the runs over animation frames), a [`RaceResult`] holds every lane with its sentence from
//! `optim::race_sentences`, and a [`Playback`] says how many steps of the paths are shown
//! while they animate. No signals; tested natively.

use std::sync::Arc;

use super::runners::Runner;
use crate::optim::text::fmt_num;
use crate::optim::{minimize, race_sentences, Method, Objective, RaceEntry, Run, Settings, Stop};

/// The variables of every race (the map is the plane).
pub const VARS: [&str; 2] = ["x", "y"];

/// How close to the minimum counts as reaching it.
pub const TOLERANCE: f64 = 1e-3;

/// The loss chart's floor: gaps below it (a run at the minimum) are drawn at it.
pub const GAP_FLOOR: f64 = 1e-12;

/// What to race.
#[derive(Clone, Debug)]
pub struct RaceSpec {
    /// The function, parsed and compiled.
    pub objective: Arc<Objective>,
    /// The start.
    pub start: (f64, f64),
    /// The runners and the method each runs.
    pub runners: Vec<(Runner, Method)>,
    /// When a run stops.
    pub settings: Settings,
    /// The function's known minimum, if any (from the menu).
    pub known_minimum: Option<f64>,
}

/// One runner's result.
#[derive(Clone, Debug)]
pub struct Lane {
    /// The runner.
    pub runner: Runner,
    /// Its method.
    pub method: Method,
    /// Its run, or why it could not start.
    pub run: Result<Run, String>,
    /// The path in the plane, start first.
    pub points: Vec<(f64, f64)>,
}

impl Lane {
    /// Whether the run blew up.
    pub fn diverged(&self) -> bool {
        matches!(
            self.run,
            Ok(Run {
                stop: Stop::Diverged { .. },
                ..
            })
        )
    }

    /// Steps taken.
    pub fn steps(&self) -> usize {
        self.run.as_ref().map_or(0, Run::steps)
    }
}

/// Runs the race one optimiser at a time.
#[derive(Clone, Debug)]
pub struct RaceJob {
    spec: RaceSpec,
    lanes: Vec<Lane>,
}

impl RaceJob {
    /// A job for `spec`, nothing run yet.
    pub fn new(spec: RaceSpec) -> RaceJob {
        RaceJob {
            lanes: Vec::with_capacity(spec.runners.len()),
            spec,
        }
    }

    /// How many runners are done, of how many.
    pub fn progress(&self) -> (usize, usize) {
        (self.lanes.len(), self.spec.runners.len())
    }

    /// Whether every runner has run.
    pub fn is_done(&self) -> bool {
        self.lanes.len() >= self.spec.runners.len()
    }

    /// Runs the next runner; returns whether every runner is done.
    pub fn step(&mut self) -> bool {
        if let Some((runner, method)) = self.spec.runners.get(self.lanes.len()).cloned() {
            let start = [self.spec.start.0, self.spec.start.1];
            let run = minimize(&self.spec.objective, &method, &start, &self.spec.settings)
                .map_err(|e| e.to_string());
            let points = match &run {
                Ok(r) => r
                    .points
                    .iter()
                    .map(|p| {
                        (
                            p.first().copied().unwrap_or(f64::NAN),
                            p.get(1).copied().unwrap_or(f64::NAN),
                        )
                    })
                    .collect(),
                Err(_) => vec![self.spec.start],
            };
            self.lanes.push(Lane {
                runner,
                method,
                run,
                points,
            });
        }
        self.is_done()
    }

    /// Runs whatever is left and returns the result with its sentences.
    pub fn finish(mut self) -> RaceResult {
        while !self.step() {}
        let entries: Vec<RaceEntry> = self
            .lanes
            .iter()
            .filter_map(|l| {
                l.run.as_ref().ok().map(|run| RaceEntry {
                    method: l.method.clone(),
                    run: run.clone(),
                })
            })
            .collect();
        let known = self.spec.known_minimum;
        let mut said = race_sentences(&self.spec.objective, &entries, known, TOLERANCE).into_iter();
        let sentences = self
            .lanes
            .iter()
            .map(|l| match &l.run {
                Ok(_) => said.next().unwrap_or_default(),
                Err(e) => format!("{} could not start: {e}", l.runner.label()),
            })
            .collect();
        let mut target = crate::optim::best_value(entries.iter().map(|e| &e.run));
        if let Some(k) = known.filter(|k| k.is_finite()) {
            target = if target.is_nan() { k } else { target.min(k) };
        }
        RaceResult {
            lanes: self.lanes,
            sentences,
            target,
            start: self.spec.start,
            max_steps: self.spec.settings.max_steps,
        }
    }
}

/// A finished race.
#[derive(Clone, Debug)]
pub struct RaceResult {
    /// One lane per runner, in menu order.
    pub lanes: Vec<Lane>,
    /// One sentence per lane.
    pub sentences: Vec<String>,
    /// The value the sentences judge against (the known minimum or the lowest found).
    pub target: f64,
    /// The start.
    pub start: (f64, f64),
    /// The step limit.
    pub max_steps: usize,
}

impl RaceResult {
    /// The longest path's number of steps.
    pub fn longest(&self) -> usize {
        self.lanes.iter().map(Lane::steps).max().unwrap_or(0)
    }

    /// Per lane, `(step, f − target)` for the loss chart, gaps below [`GAP_FLOOR`] raised
    /// to it.
    pub fn gaps(&self, lane: &Lane) -> Vec<(f64, f64)> {
        let Ok(run) = &lane.run else {
            return Vec::new();
        };
        run.values
            .iter()
            .enumerate()
            .map(|(k, v)| {
                let gap = v - self.target;
                (
                    k as f64,
                    if gap.is_finite() {
                        gap.max(GAP_FLOOR)
                    } else {
                        f64::NAN
                    },
                )
            })
            .collect()
    }

    /// One row per lane for the table view: name, outcome, steps, last f, last point.
    pub fn table(&self) -> Vec<[String; 5]> {
        self.lanes
            .iter()
            .map(|l| match &l.run {
                Ok(run) => [
                    l.runner.label().to_string(),
                    match run.stop {
                        Stop::Converged { .. } => "converged".to_string(),
                        Stop::Diverged { .. } => "diverged".to_string(),
                        Stop::MaxSteps => "out of steps".to_string(),
                    },
                    run.steps().to_string(),
                    run.last_value().map(fmt_num).unwrap_or_default(),
                    run.last_point()
                        .map(crate::optim::text::fmt_point)
                        .unwrap_or_default(),
                ],
                Err(_) => [
                    l.runner.label().to_string(),
                    "could not start".to_string(),
                    "0".to_string(),
                    String::new(),
                    String::new(),
                ],
            })
            .collect()
    }
}

/// How much of the paths is on screen while they animate.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Playback {
    /// Steps shown so far.
    pub shown: usize,
    /// Steps of the longest path.
    pub total: usize,
    /// Steps added per frame.
    pub per_frame: usize,
}

impl Playback {
    /// A playback of `total` steps over about `frames` frames (at least one step a frame).
    pub fn new(total: usize, frames: usize) -> Playback {
        Playback {
            shown: 0,
            total,
            per_frame: total.div_ceil(frames.max(1)).max(1),
        }
    }

    /// A playback already at its end.
    pub fn finished(total: usize) -> Playback {
        Playback {
            shown: total,
            total,
            per_frame: 1,
        }
    }

    /// Moves one frame on; returns whether the end is reached.
    pub fn advance(&mut self) -> bool {
        self.shown = (self.shown + self.per_frame).min(self.total);
        self.is_done()
    }

    /// Whether every step is shown.
    pub fn is_done(&self) -> bool {
        self.shown >= self.total
    }

    /// The part of `points` on screen (the start and `shown` steps).
    pub fn visible<'a>(&self, points: &'a [(f64, f64)]) -> &'a [(f64, f64)] {
        &points[..(self.shown + 1).min(points.len())]
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ui::race::runners::RunnerSettings;

    fn spec(text: &str, start: (f64, f64), runners: &[Runner], s: RunnerSettings) -> RaceSpec {
        RaceSpec {
            objective: Arc::new(Objective::parse(text, &VARS).unwrap()),
            start,
            runners: runners.iter().map(|r| (*r, s.method(*r))).collect(),
            settings: Settings::default(),
            known_minimum: Some(0.0),
        }
    }

    #[test]
    fn a_rate_past_the_threshold_is_explained_with_eta_lambda_max() {
        let s = RunnerSettings {
            gd_rate: 0.11,
            ..RunnerSettings::default()
        };
        let mut job = RaceJob::new(spec(
            "x^2 + 10y^2",
            (-2.5, 1.2),
            &[Runner::Gd, Runner::Adam],
            s,
        ));
        assert_eq!(job.progress(), (0, 2));
        assert!(!job.step());
        assert_eq!(job.progress(), (1, 2));
        let r = job.finish();
        assert!(r.lanes[0].diverged());
        assert!(
            r.sentences[0].contains("η·λ_max = 2.2 > 2"),
            "{}",
            r.sentences[0]
        );
        assert!(
            r.sentences[1].starts_with("Adam reached f within 10⁻³"),
            "{}",
            r.sentences[1]
        );
        // Every point of the chart is finite or a gap; nothing is NaN-plotted.
        for l in &r.lanes {
            assert!(r.gaps(l).iter().all(|p| p.1 >= GAP_FLOOR));
        }
        assert_eq!(r.table()[0][1], "diverged");
    }

    #[test]
    fn every_runner_gets_a_sentence_on_rosenbrock() {
        let r = RaceJob::new(spec(
            "(1 - x)^2 + 100(y - x^2)^2",
            (-1.2, 1.0),
            &Runner::ALL,
            RunnerSettings {
                gd_rate: 0.001,
                ..RunnerSettings::default()
            },
        ))
        .finish();
        assert_eq!(r.sentences.len(), 8);
        for (l, s) in r.lanes.iter().zip(&r.sentences) {
            let name = l.method.name();
            assert!(s.to_lowercase().starts_with(&name.to_lowercase()), "{s}");
        }
        let lbfgs = &r.sentences[7];
        assert!(lbfgs.contains("reached f within 10⁻³"), "{lbfgs}");
    }

    #[test]
    fn a_start_where_f_is_undefined_is_said_so() {
        let r = RaceJob::new(spec(
            "ln(x) + y^2",
            (-1.0, 0.0),
            &[Runner::Gd],
            RunnerSettings::default(),
        ))
        .finish();
        assert!(
            r.sentences[0].contains("could not start"),
            "{}",
            r.sentences[0]
        );
        assert_eq!(r.lanes[0].points.len(), 1);
        assert!(r.gaps(&r.lanes[0]).is_empty());
    }

    #[test]
    fn playback_reaches_the_end_in_about_the_frames_asked() {
        let mut p = Playback::new(1000, 150);
        assert_eq!(p.per_frame, 7);
        let mut frames = 0;
        while !p.advance() {
            frames += 1;
        }
        assert!(frames <= 150);
        assert_eq!(p.visible(&[(0.0, 0.0); 3]).len(), 3);
        let q = Playback::new(0, 10);
        assert!(q.is_done());
        assert_eq!(q.visible(&[(0.0, 0.0), (1.0, 1.0)]).len(), 1);
    }
}
