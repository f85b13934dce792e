//! The optimiser race: the learner types f (or picks one from a menu that says why it is
//! there), clicks the contour map to set the start, chooses optimisers and their settings,
//! and watches the paths animate together, with a loss-versus-step chart on a log axis and
//! one plain sentence per optimiser from `optim::race_sentences`. Beyond the race, a basin
//! map and a learning-rate sweep. Every run goes through `nabla::optim`; the runs and the
//! animation are spread over animation frames, so nothing freezes the page.
//!
//! Lessons embed it as `<OptimiserRace url_prefix="l6-race-" .../>`; it is registered as
//! `/embed/race`.

pub mod basin;
pub mod controls;
pub mod frames;
pub mod map;
pub mod model;
pub mod presets;
pub mod runners;
pub mod sweep;

use std::sync::Arc;

use leptos::prelude::*;

use self::basin::BasinPanel;
use self::controls::RunnerControls;
use self::frames::{now_ms, FrameLoop};
use self::map::{DrawnPath, RaceMap};
use self::model::{Playback, RaceJob, RaceResult, RaceSpec, VARS};
use self::presets::{preset_for, window_for, PRESETS};
use self::runners::{check_runners, parse_runners, Runner, RunnerSettings};
use self::sweep::SweepPanel;
use super::chart_table::{data_table, ChartData};
use super::explorer::browser::use_prefers_dark;
use super::explorer::{ExplorerModel, PlotWindow, Sampled};
use super::plot_canvas::PlotCanvas;
use super::url_state::{check_function, Field, UrlState, Value};
use super::widget::{EmbedControl, EmbedOptions, Widget};
use crate::optim::{Objective, Settings};
use crate::plot::{css_color, draw_line_chart, race_color, LineChartOptions, Series, Theme};
use crate::tutor::format::count;

/// The function raced first.
pub const DEFAULT_FUNCTION: &str = "x^2 + 10y^2";
/// The optimisers that race first.
pub const DEFAULT_RUNNERS: &str = "gd,momentum,adam,lbfgs";

/// The race's state in the address.
pub const FIELDS: [Field; 18] = [
    Field::checked_text("f", "function", DEFAULT_FUNCTION, 500, check_function),
    Field::point("p", "start point", (-2.5, 1.2), -1e5, 1e5),
    Field::checked_text("run", "optimiser list", DEFAULT_RUNNERS, 120, check_runners),
    Field::number("gd", "gradient descent η", 0.05, 1e-5, 10.0),
    Field::number("mom", "momentum η", 0.02, 1e-5, 10.0),
    Field::number("mom-b", "momentum β", 0.9, 0.0, 0.99),
    Field::number("nag", "Nesterov η", 0.02, 1e-5, 10.0),
    Field::number("nag-b", "Nesterov β", 0.9, 0.0, 0.99),
    Field::number("ada", "AdaGrad η", 0.5, 1e-5, 10.0),
    Field::number("rms", "RMSProp η", 0.01, 1e-5, 10.0),
    Field::number("rms-r", "RMSProp ρ", 0.9, 0.0, 0.999),
    Field::number("adam", "Adam η", 0.1, 1e-5, 10.0),
    Field::number("adam-b1", "Adam β₁", 0.9, 0.0, 0.99),
    Field::number("adam-b2", "Adam β₂", 0.999, 0.9, 0.9999),
    Field::number("damp", "Newton damping", 0.0, 0.0, 10.0),
    Field::number("mem", "L-BFGS memory", 5.0, 1.0, 20.0),
    Field::number("steps", "step limit", 1000.0, 10.0, 5000.0),
    Field::choice("focus", "optimiser of the basin map", "gd", &Runner::IDS),
];

/// The race in the widget registry (`/embed/race`).
pub const WIDGET: Widget = Widget {
    name: "race",
    title: "Optimiser race",
    summary: "Race gradient descent, momentum, Adam, Newton and L-BFGS on a function you type.",
    fields: &FIELDS,
    example: "v=1&f=(1-x)^2+100(y-x^2)^2&p=-1.2,1&run=gd,nesterov,newton,lbfgs&gd=0.001\
              &mom=0.01&mom-b=0.8&nag=0.001&nag-b=0.95&ada=0.3&rms=0.005&rms-r=0.95&adam=0.05\
              &adam-b1=0.8&adam-b2=0.99&damp=0.5&mem=7&steps=2000&focus=newton",
    embed: embed_view,
    height: 2200,
};

fn embed_view(options: EmbedOptions) -> AnyView {
    view! { <OptimiserRace editor=!options.hide_editor locked=options.lock_function compact=true/> }
        .into_any()
}

/// The race's signals, all bound to the address.
#[derive(Clone, Copy)]
pub struct RaceState {
    /// The function as typed (only text that parses reaches the address).
    pub text: RwSignal<String>,
    /// The start.
    pub start: RwSignal<(f64, f64)>,
    /// The runners, as ids separated by commas.
    pub runners: RwSignal<String>,
    /// Gradient descent's η.
    pub gd: RwSignal<f64>,
    /// Momentum's η.
    pub momentum: RwSignal<f64>,
    /// Momentum's β.
    pub momentum_beta: RwSignal<f64>,
    /// Nesterov's η.
    pub nesterov: RwSignal<f64>,
    /// Nesterov's β.
    pub nesterov_beta: RwSignal<f64>,
    /// AdaGrad's η.
    pub adagrad: RwSignal<f64>,
    /// RMSProp's η.
    pub rmsprop: RwSignal<f64>,
    /// RMSProp's ρ.
    pub rmsprop_decay: RwSignal<f64>,
    /// Adam's η.
    pub adam: RwSignal<f64>,
    /// Adam's β₁.
    pub adam_beta1: RwSignal<f64>,
    /// Adam's β₂.
    pub adam_beta2: RwSignal<f64>,
    /// Newton's damping.
    pub newton_damping: RwSignal<f64>,
    /// L-BFGS's memory.
    pub lbfgs_memory: RwSignal<f64>,
    /// The step limit.
    pub steps: RwSignal<f64>,
    /// The optimiser of the basin map and the sweep.
    pub focus: RwSignal<String>,
    /// The optimisers offered (a lesson offers only those it has taught).
    pub offered: StoredValue<Vec<Runner>>,
}

impl RaceState {
    fn from_url(url: UrlState, offered: Vec<Runner>) -> RaceState {
        RaceState {
            offered: StoredValue::new(offered),
            text: url.text("f"),
            start: url.point("p"),
            runners: url.text("run"),
            gd: url.number("gd"),
            momentum: url.number("mom"),
            momentum_beta: url.number("mom-b"),
            nesterov: url.number("nag"),
            nesterov_beta: url.number("nag-b"),
            adagrad: url.number("ada"),
            rmsprop: url.number("rms"),
            rmsprop_decay: url.number("rms-r"),
            adam: url.number("adam"),
            adam_beta1: url.number("adam-b1"),
            adam_beta2: url.number("adam-b2"),
            newton_damping: url.number("damp"),
            lbfgs_memory: url.number("mem"),
            steps: url.number("steps"),
            focus: url.choice("focus"),
        }
    }

    /// The optimisers offered, in the menu's order.
    pub fn offered(&self) -> Vec<Runner> {
        self.offered.get_value()
    }

    /// Every optimiser's settings (tracked).
    pub fn settings(&self) -> RunnerSettings {
        RunnerSettings {
            gd_rate: self.gd.get(),
            momentum_rate: self.momentum.get(),
            momentum_beta: self.momentum_beta.get(),
            nesterov_rate: self.nesterov.get(),
            nesterov_beta: self.nesterov_beta.get(),
            adagrad_rate: self.adagrad.get(),
            rmsprop_rate: self.rmsprop.get(),
            rmsprop_decay: self.rmsprop_decay.get(),
            adam_rate: self.adam.get(),
            adam_beta1: self.adam_beta1.get(),
            adam_beta2: self.adam_beta2.get(),
            newton_damping: self.newton_damping.get(),
            lbfgs_memory: self.lbfgs_memory.get(),
        }
    }

    /// When a run stops (tracked).
    pub fn run_settings(&self) -> Settings {
        Settings {
            max_steps: self.steps.get().clamp(1.0, 5000.0) as usize,
            ..Settings::default()
        }
    }

    /// The optimiser of the basin map and sweep (tracked).
    pub fn focus_runner(&self) -> Runner {
        Runner::from_id(&self.focus.get()).unwrap_or(Runner::Gd)
    }
}

/// What the race is doing.
#[derive(Clone, Debug, PartialEq)]
enum Phase {
    /// Running the optimisers: this many done of this many.
    Running(usize, usize),
    /// Drawing the paths step by step.
    Animating,
    /// Finished.
    Done,
    /// The race cannot run: why.
    Failed(String),
}

/// Names of the palette's colours, for the text description.
const COLOR_NAMES: [&str; 8] = [
    "vermillion",
    "blue",
    "sky blue",
    "yellow",
    "reddish purple",
    "bluish green",
    "orange",
    "grey",
];

/// One line of the loss chart: name, points, colour index.
type ChartLine = (String, Vec<(f64, f64)>, usize);

/// Frames an animated race takes (about a second and a half).
const ANIMATION_FRAMES: usize = 90;

/// The optimiser race.
#[component]
pub fn OptimiserRace(
    /// The function raced first (the address may override it).
    #[prop(optional, into)]
    initial: Option<String>,
    /// The start (the address may override it); defaults to the menu's start for `initial`.
    #[prop(optional)]
    start: Option<(f64, f64)>,
    /// The optimisers racing first, as ids (`"gd,newton,lbfgs"`).
    #[prop(optional)]
    runners: Option<&'static str>,
    /// Prefix of the race's keys in the address (`""`: `?f=`, `?p=` …); give each race on
    /// a page its own.
    #[prop(optional, into)]
    url_prefix: String,
    /// Show the function editor and menu.
    #[prop(default = true)]
    editor: bool,
    /// Keep the function fixed.
    #[prop(optional)]
    locked: bool,
    /// Laid out for a small frame (the basin map and sweep folded away).
    #[prop(optional)]
    compact: bool,
    /// Show the basin map and the sweep.
    #[prop(default = true)]
    beyond: bool,
    /// The optimisers offered, as ids (`"gd,momentum"`); all of them when not given. A lesson
    /// offers only the ones it has taught.
    #[prop(optional)]
    offered: Option<&'static str>,
) -> impl IntoView {
    let offered = offered
        .and_then(|t| parse_runners(t).ok())
        .filter(|v| !v.is_empty())
        .unwrap_or_else(|| Runner::ALL.to_vec());
    let initial = initial.unwrap_or_else(|| DEFAULT_FUNCTION.to_string());
    let start_default = start
        .or_else(|| preset_for(&initial).map(|p| p.start))
        .unwrap_or((-2.5, 1.2));
    let mut defaults = vec![
        ("f", Value::Text(initial.clone())),
        ("p", Value::Point(start_default.0, start_default.1)),
    ];
    if let Some(r) = runners.filter(|r| check_runners(r).is_ok()) {
        defaults.push(("run", Value::Text(r.to_string())));
    }
    let url = UrlState::bind_with_defaults(&FIELDS, &url_prefix, defaults);
    let state = RaceState::from_url(url, offered);
    let dark = use_prefers_dark();
    let id = super::lesson_context::dom_id(&format!("race{url_prefix}"));

    // The function: the last text that parsed is raced while a typo shows its error.
    let model = RwSignal::new(ExplorerModel::new(&state.text.get_untracked()));
    let typed = RwSignal::new(state.text.get_untracked());
    let analysis = Memo::new(move |_| model.with(|m| m.current().cloned()));
    let error = Memo::new(move |_| model.with(|m| m.error().map(|e| e.message.clone())));
    // Recomputed only when the analysis changes, which is when the function does.
    let objective = Memo::new_with_compare(
        move |_| {
            analysis.with(|a| {
                a.as_ref().and_then(|a| {
                    Objective::from_gradient(a.f.clone(), vec![a.fx.clone(), a.fy.clone()], &VARS)
                        .ok()
                        .map(Arc::new)
                })
            })
        },
        |a: Option<&Option<Arc<Objective>>>, b: Option<&Option<Arc<Objective>>>| match (a, b) {
            (Some(Some(a)), Some(Some(b))) => !Arc::ptr_eq(a, b),
            (Some(None), Some(None)) => false,
            _ => true,
        },
    );
    // The window depends on the function (and the start it was chosen with), not on later
    // clicks, so the map does not move under the pointer.
    let window = Memo::new(move |_| {
        let text = model.with(|m| m.current().map(|a| a.source.clone()));
        let (x, y) = window_for(&text.unwrap_or_default(), state.start.get_untracked());
        PlotWindow { x, y }
    });
    let sampled = Memo::new(move |_| {
        let w = window.get();
        analysis.with(|a| a.as_ref().map(|a| Arc::new(Sampled::new(a, &w, 200))))
    });
    let known_minimum = Memo::new(move |_| {
        analysis.with(|a| {
            a.as_ref()
                .and_then(|a| preset_for(&a.source))
                .and_then(|p| p.minimum)
        })
    });
    let chosen = Memo::new(move |_| parse_runners(&state.runners.get()).unwrap_or_default());

    // The race: computed a runner at a time, then animated, across frames.
    let frames = FrameLoop::new();
    let result = RwSignal::new(None::<Arc<RaceResult>>);
    let playback = RwSignal::new(Playback::finished(0));
    let phase = RwSignal::new(Phase::Done);
    let spec = move || -> Result<RaceSpec, String> {
        let objective = objective
            .get_untracked()
            .ok_or_else(|| "Type a function of x and y to race on.".to_string())?;
        let settings = state.settings();
        Ok(RaceSpec {
            objective,
            start: state.start.get_untracked(),
            runners: chosen
                .get_untracked()
                .into_iter()
                .map(|r| (r, settings.method(r)))
                .collect(),
            settings: state.run_settings(),
            known_minimum: known_minimum.get_untracked(),
        })
    };
    let launch = move |animate: bool| {
        let spec = untrack(spec);
        let mut job = match spec {
            Ok(s) => Some(RaceJob::new(s)),
            Err(e) => {
                frames.cancel();
                phase.set(Phase::Failed(e));
                return;
            }
        };
        phase.set(Phase::Running(
            0,
            job.as_ref().map_or(0, |j| j.progress().1),
        ));
        frames.start(move || {
            if let Some(j) = job.as_mut() {
                let t0 = now_ms();
                while !j.step() {
                    if now_ms() - t0 > 12.0 {
                        let (a, b) = j.progress();
                        phase.set(Phase::Running(a, b));
                        return true;
                    }
                }
                let Some(done) = job.take() else {
                    return false;
                };
                let r = done.finish();
                let total = r.longest();
                result.set(Some(Arc::new(r)));
                if animate {
                    playback.set(Playback::new(total, ANIMATION_FRAMES));
                    phase.set(Phase::Animating);
                    return true;
                }
                playback.set(Playback::finished(total));
                phase.set(Phase::Done);
                return false;
            }
            let mut more = false;
            playback.update(|p| more = !p.advance());
            if !more {
                phase.set(Phase::Done);
            }
            more
        });
    };
    // Any change of function, start, runners or settings races again at once (no
    // animation, so a slider drag shows each result); Run replays it animated.
    Effect::watch(
        move || {
            (
                objective.get().is_some(),
                analysis.with(|a| a.as_ref().map(|a| a.source.clone())),
                state.start.get(),
                chosen.get(),
                state.settings(),
                state.run_settings(),
            )
        },
        move |_, _, _| launch(false),
        false,
    );
    launch(true);

    let on_pick = Callback::new(move |(p, race): ((f64, f64), bool)| {
        state.start.set(p);
        if race {
            launch(true);
        }
    });
    let on_run = Callback::new(move |_| launch(true));
    let on_text = move |text: String| {
        typed.set(text.clone());
        let mut changed = false;
        model.update(|m| changed = m.edit(&text));
        if model.with_untracked(|m| m.error().is_none()) {
            state.text.set(text);
        }
        let _ = changed;
    };
    let pick_preset = move |id: String| {
        if let Some(p) = PRESETS.iter().find(|p| p.id == id) {
            typed.set(p.text.to_string());
            model.update(|m| {
                m.edit(p.text);
            });
            state.text.set(p.text.to_string());
            state.start.set(p.start);
            launch(true);
        }
    };
    let current_preset = Memo::new(move |_| {
        analysis.with(|a| a.as_ref().and_then(|a| preset_for(&a.source)).map(|p| p.id))
    });

    let paths = Signal::derive(move || {
        let shown = playback.get();
        result.with(|r| {
            r.as_ref()
                .map(|r| {
                    r.lanes
                        .iter()
                        .map(|l| DrawnPath {
                            points: shown.visible(&l.points).to_vec(),
                            color: l.runner.index(),
                            diverged: l.diverged() && shown.is_done(),
                        })
                        .collect()
                })
                .unwrap_or_default()
        })
    });
    let pretty = move || {
        analysis
            .with(|a| a.as_ref().map(|a| a.pretty[0].clone()))
            .unwrap_or_default()
    };
    let map_label = Signal::derive(move || {
        let p = state.start.get();
        let runners = chosen
            .get()
            .iter()
            .map(|r| format!("{} in {}", r.label(), COLOR_NAMES[r.index() % 8]))
            .collect::<Vec<_>>()
            .join(", ");
        format!(
            "Contour map of f(x, y) = {}, with the race's paths from the start ({}, {}): {}.",
            pretty(),
            crate::optim::text::fmt_num(p.0),
            crate::optim::text::fmt_num(p.1),
            runners
        )
    });

    let status = move || match phase.get() {
        Phase::Running(a, b) => format!("Racing: {a} of {b} optimisers run…"),
        Phase::Animating => {
            let p = playback.get();
            format!("Step {} of {}…", p.shown, p.total)
        }
        Phase::Done => result
            .with(|r| {
                r.as_ref()
                    .map(|r| format!("Finished: {} at most.", count(r.longest(), "step")))
            })
            .unwrap_or_default(),
        Phase::Failed(e) => e,
    };
    let finished = move || phase.get() == Phase::Done;
    let sentences = move || {
        if !finished() {
            return Vec::new();
        }
        result.with(|r| {
            r.as_ref()
                .map(|r| {
                    r.lanes
                        .iter()
                        .zip(&r.sentences)
                        .map(|(l, s)| (l.runner, s.clone()))
                        .collect()
                })
                .unwrap_or_default()
        })
    };
    let as_table = RwSignal::new(false);

    let chart = move || {
        view! {
            <PlotCanvas
                draw=move |area, theme| {
                    let shown = playback.get();
                    result.with(|r| {
                        let Some(r) = r.as_ref() else {
                            let _ = area.fill(&theme.background);
                            return;
                        };
                        let data: Vec<ChartLine> = r
                            .lanes
                            .iter()
                            .map(|l| {
                                let mut g = r.gaps(l);
                                g.truncate(shown.shown + 1);
                                (l.runner.label().to_string(), g, l.runner.index())
                            })
                            .collect();
                        let series: Vec<Series> = data
                            .iter()
                            .map(|(name, pts, c)| Series {
                                name,
                                points: pts,
                                color: Some(race_color(*c, theme)),
                            })
                            .collect();
                        let opts = LineChartOptions {
                            title: "",
                            x_label: "step",
                            y_label: "f − f_min (log scale)",
                            log_y: true,
                        };
                        let _ = draw_line_chart(area, &series, &opts, theme);
                    });
                }
                aspect=0.55
                label="Loss against step for each optimiser, on a logarithmic axis"
                alt=Signal::derive(move || sentences().into_iter().map(|(_, s)| s).collect::<Vec<_>>().join(" "))
            />
        }
    };
    let table = move || {
        result.with(|r| {
            r.as_ref().map(|r| {
                let rows = r.table();
                let gaps = ChartData {
                    x_label: "step".into(),
                    series: r
                        .lanes
                        .iter()
                        .map(|l| (l.runner.label().to_string(), r.gaps(l)))
                        .collect(),
                    ..ChartData::default()
                };
                view! {
                    <table class="race-table">
                        <caption>"How each optimiser finished"</caption>
                        <thead>
                            <tr>
                                <th scope="col">"optimiser"</th>
                                <th scope="col">"outcome"</th>
                                <th scope="col">"steps"</th>
                                <th scope="col">"last f"</th>
                                <th scope="col">"last point"</th>
                            </tr>
                        </thead>
                        <tbody>
                            {rows
                                .into_iter()
                                .map(|[a, b, c, d, e]| {
                                    view! { <tr><th scope="row">{a}</th><td>{b}</td><td>{c}</td><td>{d}</td><td>{e}</td></tr> }
                                })
                                .collect_view()}
                        </tbody>
                    </table>
                    {data_table("f − f_min per step, for each optimiser", &gaps, 12)}
                }
            })
        })
    };

    let input_id = format!("{id}-f");
    let menu_id = format!("{id}-menu");
    let editor_view = editor.then(|| {
        let input_id2 = input_id.clone();
        let menu_id2 = menu_id.clone();
        view! {
            <div class="race-editor">
                <div class="race-field">
                    <label for=menu_id.clone()>"Function"</label>
                    <select
                        id=menu_id2
                        class="race-menu"
                        disabled=locked
                        on:change=move |ev| pick_preset(event_target_value(&ev))
                        prop:value=move || current_preset.get().unwrap_or("own")
                    >
                        {PRESETS
                            .iter()
                            .map(|p| view! { <option value=p.id>{p.name}</option> })
                            .collect_view()}
                        <option value="own">"Your own function"</option>
                    </select>
                </div>
                <p class="race-reason" data-testid="race-reason">
                    {move || {
                        current_preset
                            .get()
                            .and_then(|id| PRESETS.iter().find(|p| p.id == id))
                            .map(|p| p.reason.to_string())
                            .unwrap_or_else(|| {
                                "Your own function: type any f(x, y) below, then click the map to \
                                 start."
                                    .to_string()
                            })
                    }}
                </p>
                <div class="race-field">
                    <label for=input_id.clone()>"f(x, y) ="</label>
                    <input
                        id=input_id2
                        class="race-input text-input"
                        type="text"
                        spellcheck="false"
                        autocomplete="off"
                        autocapitalize="off"
                        readonly=locked
                        prop:value=move || typed.get()
                        aria-invalid=move || error.with(Option::is_some).to_string()
                        on:input=move |ev| on_text(event_target_value(&ev))
                    />
                </div>
                <p class="field-error" role="alert">{move || error.get()}</p>
            </div>
        }
    });
    let start_readout = move || {
        let p = state.start.get();
        format!(
            "Start: ({}, {})",
            crate::optim::text::fmt_num(p.0),
            crate::optim::text::fmt_num(p.1)
        )
    };
    // What became of a typed step limit that could not be used as typed.
    let steps_note = RwSignal::new(None::<String>);
    let steps_control = view! {
        <label class="race-setting race-steps">
            <span class="race-setting-name">"step limit"</span>
            <input
                type="number"
                class="race-number"
                min="10"
                max="5000"
                step="10"
                aria-label="step limit"
                data-testid="race-steps"
                prop:value=move || state.steps.get().to_string()
                on:change=move |ev| {
                    let (v, why) = controls::typed_setting(
                        &event_target_value(&ev),
                        state.steps.get_untracked(),
                        "step limit",
                        (10.0, 5000.0),
                        true,
                    );
                    state.steps.set(v);
                    steps_note.set(why);
                    // The box shows the limit in use, whatever was typed.
                    let input: web_sys::HtmlInputElement = event_target(&ev);
                    input.set_value(&v.to_string());
                }
            />
        </label>
        <p class="field-error race-setting-note" role="status" data-testid="race-steps-note">
            {move || steps_note.get()}
        </p>
    };
    let beyond_view = beyond.then(|| {
        let panels = view! {
            <BasinPanel
                objective=objective
                window=window
                state=state
                dark=dark
                on_pick=Callback::new(move |p: (f64, f64)| on_pick.run((p, true)))
                top=compact
            />
            <SweepPanel objective=objective state=state dark=dark top=compact/>
        };
        if compact {
            view! {
                <details class="race-beyond">
                    <summary>"Basin map and learning-rate sweep"</summary>
                    {panels}
                </details>
            }
            .into_any()
        } else {
            view! { <div class="race-beyond">{panels}</div> }.into_any()
        }
    });

    view! {
        <section class="race" class:race-compact=compact aria-label="Optimiser race" id=id>
            {editor_view}
            <div class="race-main">
                <div class="race-left">
                    <RaceMap
                        sampled=sampled
                        paths=paths
                        start=state.start
                        dark=dark
                        on_pick=on_pick
                        on_run=on_run
                        label=map_label
                    />
                    <div class="race-actions">
                        <button type="button" class="button race-run" on:click=move |_| launch(true)>
                            "Run"
                        </button>
                        <span class="readout" data-testid="race-start">{start_readout}</span>
                        <span class="race-status" role="status" data-testid="race-status">{status}</span>
                    </div>
                    <ul class="race-legend" aria-label="Legend">
                        {move || {
                            chosen
                                .get()
                                .into_iter()
                                .map(|r| {
                                    view! {
                                        <li>
                                            <span class="race-swatch" aria-hidden="true" style:background=move || css_color(race_color(r.index(), &Theme::for_dark_mode(dark.get())))></span>
                                            {r.label()}
                                        </li>
                                    }
                                })
                                .collect_view()
                        }}
                    </ul>
                </div>
                <div class="race-right">
                    <RunnerControls state=state/>
                    {steps_control}
                </div>
            </div>
            <ul class="race-sentences" aria-live="polite" data-testid="race-sentences">
                {move || {
                    sentences()
                        .into_iter()
                        .map(|(r, s)| {
                            view! {
                                <li data-runner=r.id()>
                                    <span class="race-swatch" aria-hidden="true" style:background=move || css_color(race_color(r.index(), &Theme::for_dark_mode(dark.get())))></span>
                                    {s}
                                </li>
                            }
                        })
                        .collect_view()
                }}
            </ul>
            <div class="race-chart">
                <label class="fx-toggle">
                    <input type="checkbox" prop:checked=move || as_table.get() on:change=move |ev| as_table.set(event_target_checked(&ev))/>
                    " Show as a table"
                </label>
                {move || if as_table.get() { table().into_any() } else { chart().into_any() }}
            </div>
            {beyond_view}
            <EmbedControl widget=WIDGET.info() query=Signal::derive(move || url.embed_query())/>
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ui::url_state::decode;

    #[test]
    fn the_defaults_in_the_address_match_the_optimisers_defaults() {
        let d = decode(&FIELDS, "", "", &[]);
        let num = |k: &str| match FIELDS.iter().position(|f| f.key == k).map(|i| &d.values[i]) {
            Some(Value::Number(v)) => *v,
            _ => f64::NAN,
        };
        let s = RunnerSettings::default();
        assert_eq!(num("gd"), s.gd_rate);
        assert_eq!(num("mom"), s.momentum_rate);
        assert_eq!(num("nag-b"), s.nesterov_beta);
        assert_eq!(num("rms"), s.rmsprop_rate);
        assert_eq!(num("adam-b2"), s.adam_beta2);
        assert_eq!(num("mem"), s.lbfgs_memory);
        assert_eq!(
            preset_for(DEFAULT_FUNCTION).map(|p| p.start),
            Some((-2.5, 1.2))
        );
        assert!(check_runners(DEFAULT_RUNNERS).is_ok());
    }

    #[test]
    fn a_bad_runner_list_falls_back_with_a_note() {
        let d = decode(&FIELDS, "", "run=gd,sgd&gd=50", &[]);
        assert_eq!(d.notes.len(), 2, "{:?}", d.notes);
        assert!(d.notes[0].contains("optimiser list"));
        assert!(d.notes[1].contains("gradient descent η"));
    }
}
