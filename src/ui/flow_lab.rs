//! The optical-flow lab (lesson 12): a synthetic scene moved by a known (u, v) between two
//! frames, Lucas–Kanade on a grid of windows (`models::flow`), each window's estimate drawn
//! beside the true motion with its structure-tensor ellipse, and windows on a straight edge
//! or on flat ground rejected with the reason. Tap a window to read its numbers.

use leptos::prelude::*;
use plotters::prelude::RGBColor;
use web_sys::HtmlCanvasElement;

use super::lab_controls::{sci, LabChoice, LabSlider};
use super::raster::{put_rgba_at, sized_area, LabCanvas, PointerPhase};
use super::url_state::{Field, UrlState};
use super::widget::{EmbedControl, EmbedOptions, Widget};
use crate::models::flow::{lucas_kanade, LkConfig, Pattern, WindowFlow, WindowStatus};
use crate::models::image::Image;
use crate::plot::plane::{draw_shapes, Shape};
use crate::plot::{Theme, View};
use crate::tutor::format::{format_pair, format_value};

/// The frames' side in pixels.
pub const SIZE: usize = 128;
/// How many times longer than the motion the arrows are drawn.
pub const ARROW_SCALE: f64 = 10.0;

const PATTERNS: [&str; 3] = ["texture", "edge", "blobs"];

/// The lab's state in the address.
pub const FIELDS: [Field; 4] = [
    Field::choice("pat", "scene", "texture", &PATTERNS),
    Field::point("uv", "motion (u, v)", (0.6, -0.4), -2.0, 2.0),
    Field::number("win", "window size", 16.0, 8.0, 32.0),
    Field::number("w", "chosen window", -1.0, -1.0, 1023.0),
];

/// The lab in the widget registry (`/embed/optical-flow`).
pub const WIDGET: Widget = Widget {
    name: "optical-flow",
    title: "Optical flow",
    summary: "Lucas–Kanade on a scene moved by a known (u, v), with structure-tensor ellipses and the aperture problem.",
    fields: &FIELDS,
    example: "v=1&pat=edge&uv=0.5,0.5&win=32&w=3",
    embed: |_: EmbedOptions| view! { <FlowLab/> }.into_any(),
    height: 950,
};

/// Lucas–Kanade on the scene, and the frames.
#[derive(Clone, Debug, PartialEq)]
pub struct FlowRun {
    /// Frame 1.
    pub first: Image,
    /// The windows' analyses, row by row.
    pub windows: Vec<WindowFlow>,
    /// Windows per row.
    pub per_row: usize,
    /// The window side actually used.
    pub window: usize,
}

/// Runs Lucas–Kanade for the address's values.
pub fn run(pattern: &str, uv: (f64, f64), window: f64) -> FlowRun {
    let p = Pattern::from_key(pattern).unwrap_or(Pattern::Texture);
    let win = if window.is_finite() {
        window.round().clamp(8.0, 32.0) as usize
    } else {
        16
    };
    let (a, b) = p.frames(SIZE, uv.0, uv.1);
    let windows = lucas_kanade(
        &a,
        &b,
        LkConfig {
            window: win,
            ..LkConfig::default()
        },
    );
    FlowRun {
        first: a,
        windows,
        per_row: SIZE / win,
        window: win,
    }
}

/// The error `|estimate − truth|` of a tracked window.
pub fn error(w: &WindowFlow, truth: (f64, f64)) -> Option<f64> {
    w.flow.map(|f| (f[0] - truth.0).hypot(f[1] - truth.1))
}

/// One window, explained.
pub fn explain(w: &WindowFlow, truth: (f64, f64)) -> String {
    let [l1, l2] = w.eigenvalues;
    let eig = format!(
        "The structure tensor's eigenvalues are {} and {}.",
        sci(l1),
        sci(l2)
    );
    match w.status {
        WindowStatus::Tracked => {
            let f = w.flow.unwrap_or([f64::NAN; 2]);
            format!(
                "{eig} Both are large, so the window has texture in two directions and the flow is determined: estimate {}, true {}, error {}.",
                format_pair('(', f[0], f[1], ')'),
                format_pair('(', truth.0, truth.1, ')'),
                sci(error(w, truth).unwrap_or(f64::NAN))
            )
        }
        WindowStatus::Aperture => {
            let n = w.normal_flow.unwrap_or([f64::NAN; 2]);
            format!(
                "{eig} The smaller one is tiny: the window sees a straight edge, and every motion along the edge looks the same. This is the aperture problem, so the window is rejected. Only the motion across the edge can be measured: {}.",
                format_pair('(', n[0], n[1], ')')
            )
        }
        WindowStatus::Flat => format!(
            "{eig} Both are tiny: the window is flat, nothing in it can be tracked, so it is rejected."
        ),
    }
}

fn grey_scaled(img: &Image, w: usize, h: usize) -> Vec<u8> {
    let mut buf = vec![0u8; w * h * 4];
    if img.width == 0 || img.height == 0 || w == 0 || h == 0 {
        return buf;
    }
    for (y, row) in buf.chunks_exact_mut(w * 4).enumerate() {
        let sy = (y * img.height / h).min(img.height - 1);
        for (x, px) in row.chunks_exact_mut(4).enumerate() {
            let sx = (x * img.width / w).min(img.width - 1);
            let v = (img.get(sx, sy).unwrap_or(0.0).clamp(0.0, 1.0) * 255.0) as u8;
            px.copy_from_slice(&[v, v, v, 255]);
        }
    }
    buf
}

fn shapes(run: &FlowRun, truth: (f64, f64), chosen: Option<usize>, theme: &Theme) -> Vec<Shape> {
    let track = theme.series[0];
    let edge = theme.series[1];
    let true_c = RGBColor(250, 250, 250);
    let max_l = run
        .windows
        .iter()
        .map(|w| w.eigenvalues[0])
        .filter(|l| l.is_finite())
        .fold(0.0f64, f64::max);
    let half = run.window as f64 * 0.45;
    let mut out = Vec::new();
    for (i, w) in run.windows.iter().enumerate() {
        let c = (w.center[0], w.center[1]);
        let r = |l: f64| {
            if max_l > 0.0 && l.is_finite() {
                (l.max(0.0) / max_l).sqrt() * half
            } else {
                0.0
            }
        };
        let color = match w.status {
            WindowStatus::Tracked => track,
            WindowStatus::Aperture => edge,
            WindowStatus::Flat => RGBColor(150, 150, 150),
        };
        if w.status != WindowStatus::Flat {
            out.push(Shape::Ellipse {
                center: c,
                radii: (r(w.eigenvalues[0]).max(0.6), r(w.eigenvalues[1]).max(0.6)),
                angle: w.major_axis,
                color,
            });
        }
        out.push(Shape::Arrow {
            from: c,
            to: (c.0 + ARROW_SCALE * truth.0, c.1 + ARROW_SCALE * truth.1),
            color: true_c,
            width: 1,
        });
        let est = w.flow.or(w.normal_flow);
        if let Some(f) = est {
            out.push(Shape::Arrow {
                from: c,
                to: (c.0 + ARROW_SCALE * f[0], c.1 + ARROW_SCALE * f[1]),
                color,
                width: 2,
            });
        }
        if chosen == Some(i) {
            out.push(Shape::Square {
                at: c,
                half: 6,
                color: theme.accent,
            });
        }
    }
    out
}

fn draw(
    cv: &HtmlCanvasElement,
    css_w: f64,
    theme: &Theme,
    run: &FlowRun,
    truth: (f64, f64),
    chosen: Option<usize>,
) {
    let Some(area) = sized_area(cv, css_w, 1.0) else {
        return;
    };
    let (w, h) = (cv.width() as usize, cv.height() as usize);
    let buf = grey_scaled(&run.first, w, h);
    let _ = put_rgba_at(cv, &buf, w as u32, h as u32, 0.0, 0.0);
    // Image coordinates: y grows downwards, so the view's y range is reversed.
    let view = View::new(w as f64, h as f64, (0.0, SIZE as f64), (SIZE as f64, 0.0));
    let _ = draw_shapes(&area, &view, &shapes(run, truth, chosen, theme));
    let _ = area.present();
}

/// The optical-flow lab.
#[component]
pub fn FlowLab() -> impl IntoView {
    let url = UrlState::bind(&FIELDS, "");
    let pattern = url.choice("pat");
    let uv = url.point("uv");
    let window = url.number("win");
    let chosen_raw = url.number("w");
    let u = RwSignal::new(uv.get_untracked().0);
    let v = RwSignal::new(uv.get_untracked().1);
    Effect::new(move |_| uv.set((u.get(), v.get())));
    let result = Memo::new(move |_| run(&pattern.get(), uv.get(), window.get()));
    // The chosen window: the address's, or the middle one (−1 or out of range).
    let chosen = Memo::new(move |_| {
        let n = result.with(|r| r.windows.len());
        let w = chosen_raw.get();
        if w >= 0.0 && (w as usize) < n {
            Some(w as usize)
        } else if n > 0 {
            result.with(|r| Some((r.per_row / 2) * r.per_row + r.per_row / 2).filter(|&i| i < n))
        } else {
            None
        }
    });
    let summary = Memo::new(move |_| {
        let truth = uv.get();
        result.with(|r| {
            let tracked: Vec<f64> = r.windows.iter().filter_map(|w| error(w, truth)).collect();
            let count = |s: WindowStatus| r.windows.iter().filter(|w| w.status == s).count();
            let mean = if tracked.is_empty() {
                f64::NAN
            } else {
                tracked.iter().sum::<f64>() / tracked.len() as f64
            };
            format!(
                "{} windows: {} tracked (mean error {}), {} rejected on an edge (aperture problem), {} rejected as flat.",
                r.windows.len(),
                count(WindowStatus::Tracked),
                if mean.is_finite() { sci(mean) } else { "none tracked".into() },
                count(WindowStatus::Aperture),
                count(WindowStatus::Flat)
            )
        })
    });
    let detail = Memo::new(move |_| {
        let truth = uv.get();
        chosen.get().and_then(|i| {
            result.with(|r| {
                r.windows.get(i).map(|w| {
                    (
                        i,
                        format!(
                            "Window {} (centre {}): {}",
                            i + 1,
                            format_pair('(', w.center[0], w.center[1], ')'),
                            explain(w, truth)
                        ),
                        w.status,
                    )
                })
            })
        })
    });
    let on_pointer = Callback::new(move |(phase, fx, fy): (PointerPhase, f64, f64)| {
        if phase != PointerPhase::Down {
            return;
        }
        let (per_row, win) = result.with(|r| (r.per_row, r.window));
        if per_row == 0 || win == 0 {
            return;
        }
        let col = ((fx * SIZE as f64) as usize / win).min(per_row - 1);
        let row = ((fy * SIZE as f64) as usize / win).min(per_row - 1);
        chosen_raw.set((row * per_row + col) as f64);
    });
    let alt = Signal::derive(move || {
        format!(
            "Frame 1 of the scene with one arrow per window: the true motion in white, the estimate in colour, and the structure-tensor ellipse. {}",
            summary.get()
        )
    });
    view! {
        <div class="lab flow-lab" data-testid="flow-lab">
            <LabChoice
                legend="scene"
                value=pattern
                name="flow-pattern"
                options=vec![("texture", "texture"), ("edge", "straight edge"), ("blobs", "blobs")]
            />
            <LabSlider label="true motion u (right)" value=u min=-2.0 max=2.0 step=0.1 testid="flow-u"/>
            <LabSlider label="true motion v (down)" value=v min=-2.0 max=2.0 step=0.1 testid="flow-v"/>
            <LabSlider label="window size" value=window min=8.0 max=32.0 step=8.0 show=|w| format!("{w:.0} px") testid="flow-window"/>
            <LabCanvas
                draw=move |cv: &HtmlCanvasElement, w: f64, t: &Theme| {
                    let truth = uv.get();
                    let c = chosen.get();
                    result.with(|r| draw(cv, w, t, r, truth, c));
                }
                aspect=1.0
                label="Frame 1 with the flow of each window; tap a window"
                alt=alt
                on_pointer=on_pointer
                touch_does="drag to pick a window"
            />
            <p class="lab-legend">
                {format!("Arrows are drawn {ARROW_SCALE:.0} times longer than the motion. ")}
                <span class="swatch swatch-grey"></span>" true motion (white)   "
                <span class="swatch swatch-blue"></span>" tracked   "
                <span class="swatch swatch-orange"></span>" edge: motion across it only"
            </p>
            <p data-testid="flow-summary">{move || summary.get()}</p>
            <p data-testid="flow-window-detail" class="lab-note">{move || detail.get().map(|d| d.1)}</p>
            <p class="readout">
                {move || {
                    let (a, b) = uv.get();
                    format!("True motion (u, v) = {} pixels per frame.", format_pair('(', a, b, ')'))
                }}
                " "
                {move || format!("Window size {} px.", format_value(window.get()))}
            </p>
            <EmbedControl widget=WIDGET.info() query=Signal::derive(move || url.embed_query())/>
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn texture_is_tracked_and_an_edge_is_explained_as_the_aperture_problem() {
        let r = run("texture", (0.6, -0.4), 16.0);
        assert_eq!(r.per_row, 8);
        assert!(r.windows.iter().all(|w| w.status == WindowStatus::Tracked));
        let e = error(&r.windows[10], (0.6, -0.4)).unwrap();
        assert!(e < 0.1, "{e}");
        assert!(explain(&r.windows[10], (0.6, -0.4)).contains("determined"));
        let r = run("edge", (0.5, 0.5), 16.0);
        let w = r
            .windows
            .iter()
            .find(|w| w.status == WindowStatus::Aperture)
            .expect("an edge window");
        assert!(explain(w, (0.5, 0.5)).contains("aperture problem"));
        assert!(!shapes(&r, (0.5, 0.5), Some(0), &Theme::light()).is_empty());
        let odd = run("nope", (f64::NAN, 0.0), f64::INFINITY);
        assert_eq!(odd.window, 16);
        assert_eq!(grey_scaled(&Image::blank(0, 0), 4, 4).len(), 64);
    }
}
