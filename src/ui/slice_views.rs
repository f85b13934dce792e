//! Two small pictures for the step from one input to two: a curve y = f(x) with its tangent
//! at a point the learner slides, and the surface z = f(x, y) seen from a fixed camera with a
//! point and the two slices through it. Each is a canvas, its sliders, a readout made from
//! the same numbers as the picture and an Embed control; a lesson places them through the
//! prelude. Both are registered widgets: `/embed/tangent` and `/embed/surface` show one on
//! its own, with its function and point in the address.

use leptos::prelude::*;

use super::chart_table::{ChartData, ChartTable};
use super::explorer::surface_canvas::paint_surface;
use super::lesson_context::dom_id;
use super::plot_canvas::{ChartArea, PlotCanvas};
use super::url_state::{query_for, share_with_address, Field, UrlState, Value};
use super::widget::{EmbedControl, EmbedOptions, Widget};
use super::worked_example::{keep_when_valid, only_vars, parse_live, FunctionInput, LiveFunction};
use crate::math::{parse, Expr};
use crate::plot::chart::{draw_function_plot, FunctionPlotOptions, Tangent1D};
use crate::plot::{Camera, ColorScale, Grid, Theme};
use crate::tutor::analysis::Analysis;
use crate::tutor::format::format_value;
use crate::tutor::point::{gradient_at, no_tangent, NoTangent};

/// Half width of the square both pictures show, centred on the origin; the sliders cover it.
const HALF: f64 = 3.0;

/// Samples of g(x) on [lo, hi]: `n + 1` points, empty when g has a variable other than x.
fn samples(g: &Expr, lo: f64, hi: f64, n: usize) -> Vec<(f64, f64)> {
    let Ok(program) = g.compile(&["x"]) else {
        return Vec::new();
    };
    (0..=n)
        .map(|i| {
            let x = lo + (hi - lo) * i as f64 / n as f64;
            (x, program.eval(&[x]))
        })
        .collect()
}

/// A labelled range input over [−3, 3] showing `get` and calling `set` as it moves.
fn slider(
    name: &'static str,
    get: impl Fn() -> f64 + Send + Sync + 'static,
    set: impl Fn(f64) + 'static,
) -> impl IntoView {
    view! {
        <label class="slider">
            {format!("{name} = ")}
            <input
                type="range"
                min=(-HALF).to_string()
                max=HALF.to_string()
                step="0.01"
                prop:value=move || get().to_string()
                on:input=move |ev| {
                    if let Ok(v) = event_target_value(&ev).parse::<f64>() {
                        set(v);
                    }
                }
                aria-label=name
            />
        </label>
    }
}

/// The tangent widget's function when the address has none.
const TANGENT_DEFAULT: &str = "x^2";

/// Accepts the text of a function of x alone (the curve has one input); otherwise the same
/// message the function box gives.
fn check_function_of_x(text: &str) -> Result<(), String> {
    let e = parse(text).map_err(|e| e.message())?;
    only_vars(&e, &["x"])
}

/// The tangent widget's state in the address: the function of x and the tangent's x.
pub const TANGENT_FIELDS: [Field; 2] = [
    Field::checked_text("f", "function", TANGENT_DEFAULT, 500, check_function_of_x),
    Field::number("x", "the tangent's x", 1.0, -HALF, HALF),
];

/// The tangent's point alone, for a page whose function is kept by its own box: under the
/// lesson's prefix (`?several-variables-tangent-x=2`), so a reload or a shared link keeps it.
const TANGENT_STATE: [Field; 1] = [TANGENT_FIELDS[1]];

/// The curve and its tangent in the widget registry (`/embed/tangent`).
pub const TANGENT_WIDGET: Widget = Widget {
    name: "tangent",
    title: "Curve and tangent",
    summary: "Slide a point along the curve y = f(x) and read f(x) and the slope of the \
              tangent line there.",
    fields: &TANGENT_FIELDS,
    example: "v=1&f=x^3%20-%202*x&x=-1.5",
    embed: tangent_embed,
    height: 550,
};

/// `/embed/tangent`: the curve first, as large as the frame allows, then its slider and
/// readout, then a one-line function box (hidden by `hide=editor`, read-only with `lock=1`).
fn tangent_embed(options: EmbedOptions) -> AnyView {
    let url = UrlState::bind(&TANGENT_FIELDS, "");
    let kept = url.text("f");
    let function = LiveFunction::only(&kept.get_untracked(), &["x"]);
    // Only functions of x that parse go to the address.
    keep_when_valid(kept, function.text, function.error);
    let x0 = url.number("x");
    let editor = if options.hide_editor {
        view! { <p class="slice-function" data-testid="tangent-function">"f(x) = " {move || kept.get()}</p> }
            .into_any()
    } else {
        view! {
            <FunctionInput
                id="tangent-f"
                label="f(x) = "
                text=function.text
                error=function.error
                locked=options.lock_function
            />
        }
        .into_any()
    };
    view! {
        <div class="slice-embed" data-embed="tangent">
            <TangentPlot function=function x0=x0 keep_in_address=false/>
            {editor}
        </div>
    }
    .into_any()
}

/// The sentence under the curve: the point, the value and the tangent's slope.
fn tangent_sentence(x: f64, y: f64, slope: f64) -> String {
    format!(
        "At x = {}, f(x) = {} and the tangent's slope f′(x) = {}.",
        format_value(x),
        format_value(y),
        format_value(slope)
    )
}

/// Said when f has no finite value anywhere on the curve's range, instead of a blank picture.
const TANGENT_EMPTY: &str = "f has no finite value for any x from −3 to 3 (it is undefined or \
                             too large everywhere there), so there is no curve to draw.";

/// Said when f has no finite value anywhere on the surface's square.
const SURFACE_EMPTY: &str = "f has no finite value at any point with x and y from −3 to 3 (it \
                             is undefined or too large everywhere there), so there is no \
                             surface to draw.";

/// True when none of `values` is a finite number (an empty picture).
fn nothing_finite(mut values: impl Iterator<Item = f64>) -> bool {
    !values.any(f64::is_finite)
}

/// The curve and its tangent line as a table: f(x) and the line's height at x = −3, −2.5,
/// …, 3 (points where f is undefined are left blank), the line shown as context.
fn tangent_table(f: &Expr, tangent: Option<(f64, f64, f64)>) -> ChartData {
    let curve = samples(f, -HALF, HALF, 12);
    let mut series = vec![(
        "f(x)".to_string(),
        curve.iter().copied().filter(|p| p.1.is_finite()).collect(),
    )];
    if let Some((x0, y0, slope)) = tangent.filter(|t| t.1.is_finite() && t.2.is_finite()) {
        let line = curve.iter().map(|&(x, _)| (x, y0 + slope * (x - x0)));
        series.push(("tangent line".to_string(), line.collect()));
    }
    ChartData {
        x_label: "x".into(),
        context: series.len() - 1,
        series,
        ..ChartData::default()
    }
}

/// The sentence under the curve where f has no tangent line at x (a corner or a jump).
fn no_tangent_sentence(x: f64, y: f64, why: NoTangent) -> String {
    let (x, y) = (format_value(x), format_value(y));
    match why {
        NoTangent::Corner { left, right } => format!(
            "At x = {x}, f(x) = {y}, but f has a corner there: just left of x = {x} its slope is \
             {}, just right it is {}. No single line touches the curve there, so f′({x}) does \
             not exist and there is no tangent.",
            format_value(left),
            format_value(right)
        ),
        NoTangent::Jump => format!(
            "At x = {x}, f(x) = {y}, but the curve breaks there (it jumps, or stops on one \
             side), so f′({x}) does not exist and there is no tangent."
        ),
    }
}

/// What a screen reader hears about the curve: the function, the range and the readout.
fn tangent_description(f: &str, sentence: &str) -> String {
    format!("The curve y = {f} for x from −3 to 3, with its tangent line. {sentence}")
}

/// The last text of `function` that was accepted (the text as typed, so a link carries it
/// unchanged; while the text has an error, the function the picture still shows).
fn accepted_text(function: LiveFunction) -> Memo<String> {
    Memo::new(move |prev: Option<&String>| {
        if function.error.with(Option::is_none) {
            function.text.get()
        } else {
            prev.cloned().unwrap_or_else(|| {
                function
                    .expr
                    .with(|e| e.as_ref().map(|e| e.to_string()).unwrap_or_default())
            })
        }
    })
}

/// The curve of a one-variable function on [−3, 3] with its tangent line at `x0`, a slider
/// for `x0`, a readout of f and f′ there, and an Embed control carrying the function and x.
/// It draws the last function that parsed.
#[component]
pub fn TangentPlot(
    /// The function, usually edited in a `FunctionField` beside the plot.
    function: LiveFunction,
    /// Where the tangent touches the curve; it starts from the address when the address has
    /// it, and the address follows it.
    x0: RwSignal<f64>,
    /// The readout's `data-testid`.
    #[prop(default = "tangent")]
    testid: &'static str,
    /// Keep `x0` in the address under the lesson's prefix. The embed page, which keeps the
    /// widget's whole state under its own keys, turns it off.
    #[prop(default = true)]
    keep_in_address: bool,
) -> impl IntoView {
    if keep_in_address {
        let url = UrlState::bind_with_defaults(
            &TANGENT_STATE,
            &dom_id("tangent-"),
            vec![("x", Value::Number(x0.get_untracked()))],
        );
        share_with_address(x0, url.number("x"));
    }
    let accepted = accepted_text(function);
    let embed_query = Signal::derive(move || {
        let values = vec![
            Value::Text(accepted.get()),
            Value::Number(x0.get().clamp(-HALF, HALF)),
        ];
        query_for(&TANGENT_FIELDS, &values, &[])
    });
    let tangent = Memo::new(move |_| {
        let x = x0.get();
        function.expr.with(|e| {
            e.as_ref().map(|e| {
                let at = gradient_at(e, &["x"], &[x]);
                (
                    x,
                    at.value,
                    at.gradient.first().copied().unwrap_or(f64::NAN),
                )
            })
        })
    });
    // Where f has a corner or a jump the formula's slope is a convention, not a tangent.
    let no_line = Memo::new(move |_| {
        let x = x0.get();
        function
            .expr
            .with(|e| e.as_ref().and_then(|e| no_tangent(e, "x", x)))
    });
    // The curve's points, once per function (not on every move of x).
    let pts = Memo::new(move |_| {
        function.expr.with(|e| {
            e.as_ref()
                .map(|e| samples(e, -HALF, HALF, 240))
                .unwrap_or_default()
        })
    });
    let empty = Memo::new(move |_| {
        function.expr.with(Option::is_some) && pts.with(|p| nothing_finite(p.iter().map(|q| q.1)))
    });
    let draw = move |area: &ChartArea, theme: &Theme| {
        let pts = pts.get();
        let corner = no_line.get().is_some();
        let t = tangent.get().map(|(x0, y0, slope)| Tangent1D {
            x0,
            y0,
            slope: if corner { f64::NAN } else { slope },
        });
        let opts = FunctionPlotOptions {
            title: "",
            x_label: "x",
            y_label: "f(x)",
            color: None,
        };
        let _ = draw_function_plot(area, &pts, t, theme, &opts);
    };
    let readout = Signal::derive(move || {
        tangent
            .get()
            .map(|(x, y, s)| match no_line.get() {
                Some(why) => no_tangent_sentence(x, y, why),
                None => tangent_sentence(x, y, s),
            })
            .unwrap_or_default()
    });
    let described = Signal::derive(move || {
        let f = function
            .expr
            .with(|e| e.as_ref().map(|e| e.to_pretty()).unwrap_or_default());
        let said = tangent_description(&f, &readout.get());
        if empty.get() {
            format!("{said} {TANGENT_EMPTY}")
        } else {
            said
        }
    });
    view! {
        <PlotCanvas draw=draw label="Graph of f(x) with its tangent line" alt=described/>
        <div class="slice-sliders">{slider("x", move || x0.get(), move |v| x0.set(v))}</div>
        <p class="readout" data-testid=testid>{readout}</p>
        {move || {
            empty
                .get()
                .then(|| view! { <p class="widget-note" data-testid="tangent-empty">{TANGENT_EMPTY}</p> })
        }}
        <ChartTable
            caption="The curve y = f(x) and its tangent line"
            data=Signal::derive(move || {
                function
                    .expr
                    .with(|e| {
                        // No tangent line at a corner or a jump: the table leaves it out too.
                        let line = tangent.get().filter(|_| no_line.get().is_none());
                        e.as_ref().map(|e| tangent_table(e, line))
                    })
                    .unwrap_or_default()
            })
            max_rows=13
        />
        <EmbedControl widget=TANGENT_WIDGET.info() query=embed_query/>
    }
}

/// The surface's function: its analysis (f, ∂f/∂x, ∂f/∂y compiled together) and its values
/// on a 41 × 41 grid over [−3, 3]², computed once per function rather than on every move of
/// the point.
#[derive(PartialEq)]
struct SurfaceOf {
    analysis: Analysis,
    grid: Grid,
    scale: ColorScale,
}

impl SurfaceOf {
    /// `None` when the text does not parse or uses variables other than x and y.
    fn new(text: &str) -> Option<SurfaceOf> {
        let analysis = Analysis::new(text).ok()?;
        let r = (-HALF, HALF);
        let grid = Grid::from_fn(r, r, 41, 41, |x, y| analysis.values_at((x, y)).f);
        let scale = ColorScale::from_values(&grid.values);
        Some(SurfaceOf {
            analysis,
            grid,
            scale,
        })
    }
}

/// Accepts the text of a function the surface can draw (it parses, uses x and y only, and is
/// defined somewhere); otherwise the message the function boxes give, saying why not.
fn check_function_of_xy(text: &str) -> Result<(), String> {
    let e = parse(text).map_err(|e| e.message())?;
    only_vars(&e, &["x", "y"])?;
    Analysis::new(text).map(|_| ()).map_err(|e| e.message)
}

/// The surface widget's state in the address: the function of x and y and the point.
pub const SURFACE_FIELDS: [Field; 2] = [
    Field::checked_text("f", "function", "x^2 + y^2", 500, check_function_of_xy),
    Field::point("p", "point", (1.0, 0.5), -HALF, HALF),
];

/// The surface in the widget registry (`/embed/surface`).
pub const SURFACE_WIDGET: Widget = Widget {
    name: "surface",
    title: "Surface and slices",
    summary: "Move a point on the surface z = f(x, y) and read f and the slopes of the two \
              slices through it.",
    fields: &SURFACE_FIELDS,
    example: "v=1&f=x*y^2&p=-1,2",
    embed: surface_embed,
    height: 500,
};

/// `/embed/surface`: the surface first, as large as the frame allows, then the x and y
/// sliders and the readout, then a one-line function box (hidden by `hide=editor`, read-only
/// with `lock=1`).
fn surface_embed(options: EmbedOptions) -> AnyView {
    let url = UrlState::bind(&SURFACE_FIELDS, "");
    let kept = url.text("f");
    let typed = RwSignal::new(kept.get_untracked());
    let (_, error) = parse_live(typed, check_function_of_xy);
    // Only functions the surface can draw go to the address, and from there to the picture.
    keep_when_valid(kept, typed, error);
    let point = url.point("p");
    let editor = if options.hide_editor {
        view! { <p class="slice-function" data-testid="surface-function">"f(x, y) = " {move || kept.get()}</p> }
            .into_any()
    } else {
        view! {
            <FunctionInput
                id="surface-f"
                label="f(x, y) = "
                text=typed
                error=error
                locked=options.lock_function
            />
        }
        .into_any()
    };
    view! {
        <div class="slice-embed" data-embed="surface">
            <SurfaceView text=kept point=point/>
            {editor}
        </div>
    }
    .into_any()
}

/// What a screen reader hears about the surface: the function, the square and the readout.
fn surface_description(f: &str, sentence: &str) -> String {
    format!(
        "The surface z = {f} over x and y from −3 to 3, with the point and the two slices \
         through it. {sentence}"
    )
}

/// The surface z = f(x, y) over [−3, 3]² from the default camera, with the point and the two
/// slices through it (y held, x held), sliders for x and y, a readout of f and the two
/// slopes, and an Embed control carrying the function and the point. Draws nothing while
/// `text` is not a function of x and y.
#[component]
pub fn SurfaceView(
    /// The function's text, as typed (for example in an explorer on the same page).
    #[prop(into)]
    text: Signal<String>,
    /// The point on the surface, shared with whatever else shows it.
    point: RwSignal<(f64, f64)>,
    /// The readout's `data-testid`.
    #[prop(default = "surface")]
    testid: &'static str,
) -> impl IntoView {
    let surface = Memo::new(move |_| text.with(|t| SurfaceOf::new(t)));
    let at_point = Memo::new(move |_| {
        let p = point.get();
        surface.with(|s| s.as_ref().map(|s| s.analysis.values_at(p)))
    });
    let empty = Memo::new(move |_| {
        surface.with(|s| {
            s.as_ref()
                .is_some_and(|s| nothing_finite(s.grid.values.iter().copied()))
        })
    });
    let draw = move |area: &ChartArea, theme: &Theme| {
        let values = at_point.get();
        surface.with(|s| {
            if let Some(s) = s {
                paint_surface(
                    area,
                    &Camera::default(),
                    &s.grid,
                    &s.scale,
                    values.as_ref(),
                    false,
                    theme,
                    // The canvas already draws in CSS pixels.
                    1.0,
                );
            }
        });
    };
    let readout = Signal::derive(move || {
        at_point
            .get()
            .map(|v| {
                format!(
                    "At (x, y) = {}, f = {}. Along x the slope is {}; along y it is {}.",
                    v.point_text(),
                    v.f_text(),
                    v.fx_text(),
                    v.fy_text()
                )
            })
            .unwrap_or_default()
    });
    let described = Signal::derive(move || {
        let f = surface.with(|s| {
            s.as_ref()
                .map(|s| s.analysis.pretty[0].clone())
                .unwrap_or_default()
        });
        let said = surface_description(&f, &readout.get());
        if empty.get() {
            format!("{said} {SURFACE_EMPTY}")
        } else {
            said
        }
    });
    let embed_query = Signal::derive(move || {
        let (x, y) = point.get();
        let values = vec![
            Value::Text(text.get()),
            Value::Point(x.clamp(-HALF, HALF), y.clamp(-HALF, HALF)),
        ];
        query_for(&SURFACE_FIELDS, &values, &[])
    });
    view! {
        <PlotCanvas
            draw=draw
            aspect=0.8
            label="Surface of f(x, y) with the point and the slices through it"
            alt=described
        />
        <div class="slice-sliders">
            {slider("x", move || point.get().0, move |v| point.update(|p| p.0 = v))}
            {slider("y", move || point.get().1, move |v| point.update(|p| p.1 = v))}
        </div>
        <p class="readout" data-testid=testid>{readout}</p>
        {move || {
            empty
                .get()
                .then(|| view! { <p class="widget-note" data-testid="surface-empty">{SURFACE_EMPTY}</p> })
        }}
        <EmbedControl widget=SURFACE_WIDGET.info() query=embed_query/>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::math::parse;

    #[test]
    fn a_corner_or_a_jump_is_said_to_have_no_tangent() {
        let corner = no_tangent_sentence(
            0.0,
            0.0,
            NoTangent::Corner {
                left: -1.0,
                right: 1.0,
            },
        );
        assert!(corner.contains("corner"), "{corner}");
        assert!(
            corner.contains("−1") && corner.contains("just right it is 1"),
            "{corner}"
        );
        assert!(corner.contains("f′(0) does not exist"), "{corner}");
        let jump = no_tangent_sentence(0.0, 1.0, NoTangent::Jump);
        assert!(
            jump.contains("breaks") && jump.contains("f′(0) does not exist"),
            "{jump}"
        );
    }

    #[test]
    fn samples_cover_the_range_and_skip_functions_of_other_variables() {
        let pts = samples(&parse("x^2").unwrap(), -3.0, 3.0, 6);
        assert_eq!(pts.len(), 7);
        assert_eq!(pts[0], (-3.0, 9.0));
        assert_eq!(pts[6], (3.0, 9.0));
        assert!(samples(&parse("x*y").unwrap(), -3.0, 3.0, 6).is_empty());
    }

    #[test]
    fn the_tangent_sentence_names_point_value_and_slope() {
        let s = tangent_sentence(2.0, 8.0, 12.0);
        assert_eq!(s, "At x = 2, f(x) = 8 and the tangent's slope f′(x) = 12.");
    }

    #[test]
    fn the_curve_takes_functions_of_x_alone_and_says_why_not() {
        assert!(check_function_of_x("x^3 - 2*x").is_ok());
        assert!(check_function_of_x("5").is_ok());
        let why = check_function_of_x("x*y").unwrap_err();
        assert!(why.contains("function of x only") && why.contains("y is another input"));
        assert!(check_function_of_x("x^").is_err());
    }

    #[test]
    fn a_link_with_the_wrong_variables_falls_back_with_a_note() {
        use crate::ui::url_state::decode;
        let d = decode(&TANGENT_FIELDS, "", "v=1&f=x*y&x=2", &[]);
        assert_eq!(d.values[0], Value::Text("x^2".into()));
        assert_eq!(d.values[1], Value::Number(2.0));
        assert_eq!(d.notes.len(), 1, "{:?}", d.notes);
        assert!(d.notes[0].contains("y is another input"), "{:?}", d.notes);
        let d = decode(&SURFACE_FIELDS, "", "f=x%2Bz&p=9,0", &[]);
        assert_eq!(d.values[0], Value::Text("x^2 + y^2".into()));
        assert_eq!(d.values[1], Value::Point(1.0, 0.5));
        assert_eq!(d.notes.len(), 2, "{:?}", d.notes);
        assert!(d.notes[0].contains("z is another input"), "{:?}", d.notes);
        assert!(d.notes[1].contains("outside -3 to 3"), "{:?}", d.notes);
    }

    #[test]
    fn a_function_with_no_finite_value_on_the_range_is_named_as_such() {
        let none = samples(&parse("sqrt(-1 - x^2)").unwrap(), -HALF, HALF, 24);
        assert!(nothing_finite(none.iter().map(|p| p.1)));
        let half = samples(&parse("sqrt(x)").unwrap(), -HALF, HALF, 24);
        assert!(!nothing_finite(half.iter().map(|p| p.1)));
        let s = SurfaceOf::new("sqrt(-1 - x^2 - y^2)").expect("a function of x and y");
        assert!(nothing_finite(s.grid.values.iter().copied()));
        let s = SurfaceOf::new("ln(x) + y").expect("a function of x and y");
        assert!(!nothing_finite(s.grid.values.iter().copied()));
    }

    #[test]
    fn the_table_lists_the_curve_and_the_line_every_half_step() {
        let d = tangent_table(&parse("x^2").unwrap(), Some((1.0, 1.0, 2.0)));
        assert_eq!(d.series.len(), 2);
        assert_eq!(d.context, 1);
        let (name, curve) = &d.series[0];
        assert_eq!(name, "f(x)");
        assert_eq!(curve.len(), 13);
        assert_eq!(curve[0], (-3.0, 9.0));
        assert_eq!(curve[12], (3.0, 9.0));
        // The line y = 1 + 2(x − 1) passes through (3, 5) and (−3, −7).
        let line = &d.series[1].1;
        assert_eq!(line[0], (-3.0, -7.0));
        assert_eq!(line[12], (3.0, 5.0));
        // Undefined points are left out; an undefined tangent draws no line.
        let d = tangent_table(&parse("sqrt(x)").unwrap(), Some((-1.0, f64::NAN, f64::NAN)));
        assert_eq!(d.series.len(), 1);
        assert_eq!(d.context, 0);
        assert_eq!(d.series[0].1.len(), 7);
    }

    #[test]
    fn the_descriptions_name_the_function_and_the_readout() {
        let t = tangent_description("x³", &tangent_sentence(2.0, 8.0, 12.0));
        assert!(t.starts_with("The curve y = x³ for x from −3 to 3"), "{t}");
        assert!(t.ends_with("f′(x) = 12."), "{t}");
        let s = surface_description("x² + y²", "At (x, y) = (1, 2), f = 5.");
        assert!(s.starts_with("The surface z = x² + y² over x and y"), "{s}");
        assert!(s.ends_with("f = 5."), "{s}");
    }

    #[test]
    fn a_surface_is_built_only_for_functions_of_x_and_y() {
        let s = SurfaceOf::new("x^2 + y^2").expect("a function of x and y");
        assert_eq!(s.grid.values.len(), 41 * 41);
        assert!(SurfaceOf::new("x^2 + z").is_none());
        assert!(SurfaceOf::new("x^").is_none());
    }
}
