//! The image-gradient lab (lesson 12): a built-in or hand-drawn 256 × 256 grey image, its
//! partial derivatives ∂I/∂x and ∂I/∂y by Sobel or central differences, |∇I|, the direction
//! as colour, thresholded edges and the directional derivative D_u I = ∇I · u, each map
//! painted with one `putImageData`. Tapping or hovering a pixel shows its 3 × 3 patch times
//! the kernel and the sum. The page times every recomputation and shows it.
//! All image maths is `models::image`; painting is `plot::image_map`.

use leptos::prelude::*;
use web_sys::HtmlCanvasElement;

use super::lab_controls::{LabChoice, LabSlider, LabToggle};
use super::raster::{now_ms, put_rgba, PointerPhase};
use super::routes::href;
use super::url_state::{Field, UrlState};
use super::widget::{EmbedControl, EmbedOptions, Widget};
use crate::models::image::{breakdown, gradients, Axis, Gradients, Image, Kernel, TestImage};
use crate::plot::image_map::{max_abs, paint_direction, paint_map, MapStyle};
use crate::tutor::format::format_value;
use crate::ui::plot_touch::{PlotTouch, Touch, TouchHint};

/// The image's side in pixels.
pub const SIZE: usize = 256;
/// The brush radius in pixels.
pub const BRUSH: f64 = 5.0;

const IMAGES: [&str; 5] = ["disc", "checker", "ramp", "text", "draw"];
const KERNELS: [&str; 2] = ["sobel", "central"];
const AXES: [&str; 2] = ["x", "y"];

/// The lab's state in the address (a drawing is not kept there: it is too large).
pub const FIELDS: [Field; 7] = [
    Field::choice("img", "image", "disc", &IMAGES),
    Field::choice("k", "kernel", "sobel", &KERNELS),
    Field::number("t", "edge threshold", 0.15, 0.0, 1.0),
    Field::number("u", "direction of u in degrees", 0.0, 0.0, 360.0),
    Field::point("px", "pixel", (51.0, 128.0), 0.0, (SIZE - 1) as f64),
    Field::choice("ax", "patch axis", "x", &AXES),
    Field::number("iseed", "noise seed", 1.0, 0.0, 1e9),
];

/// The lab in the widget registry (`/embed/image-gradients`).
pub const WIDGET: Widget = Widget {
    name: "image-gradients",
    title: "Image gradients",
    summary: "∂I/∂x, ∂I/∂y, |∇I|, direction and edges of a built-in or hand-drawn image, with the 3 × 3 sum behind any pixel.",
    fields: &FIELDS,
    example: "v=1&img=checker&k=central&t=0.3&u=90&px=32,40&ax=y&iseed=4",
    embed: |_: EmbedOptions| view! { <ImageLab/> }.into_any(),
    height: 2250,
};

/// Everything painted for one image.
#[derive(Clone, Debug, PartialEq)]
pub struct Maps {
    /// The derivatives.
    pub grads: Gradients,
    /// |∇I| per pixel.
    pub magnitude: Vec<f32>,
    /// The largest |∇I|.
    pub max_magnitude: f32,
    /// The largest |∂I/∂x| or |∂I/∂y| (one scale for both maps).
    pub limit: f32,
    /// How many pixels are above the threshold.
    pub edge_count: usize,
}

/// Computes the maps of `img` (the pure part of a recomputation, timed in the page).
pub fn compute(img: &Image, kernel: Kernel, threshold: f32) -> Maps {
    let grads = gradients(img, kernel);
    let magnitude = grads.magnitude();
    let max_magnitude = magnitude
        .iter()
        .filter(|v| v.is_finite())
        .fold(0.0f32, |m, &v| m.max(v));
    let limit = max_abs(&grads.gx).max(max_abs(&grads.gy));
    let edge_count = magnitude.iter().filter(|&&m| m > threshold).count();
    Maps {
        grads,
        magnitude,
        max_magnitude,
        limit,
        edge_count,
    }
}

/// A short reading of the maps for screen readers.
pub fn describe(maps: &Maps, threshold: f32) -> String {
    if maps.max_magnitude <= 0.0 {
        return "The image is flat: every derivative is 0, so there are no edges.".into();
    }
    format!(
        "Largest |∇I| is {} per pixel; {} of {} pixels are above the threshold {} and count as edges.",
        format_value(maps.max_magnitude as f64),
        maps.edge_count,
        maps.magnitude.len(),
        format_value(threshold as f64)
    )
}

fn kernel_of(key: &str) -> Kernel {
    Kernel::from_key(key).unwrap_or(Kernel::Sobel)
}

fn paint(canvas: Option<HtmlCanvasElement>, values: &[f32], style: MapStyle) {
    let Some(cv) = canvas else {
        return;
    };
    let mut buf = vec![0u8; values.len() * 4];
    if paint_map(values, SIZE, SIZE, style, &mut buf).is_ok() {
        let _ = put_rgba(&cv, &buf, SIZE as u32, SIZE as u32);
    }
}

/// The image-gradient lab.
#[component]
pub fn ImageLab() -> impl IntoView {
    let url = UrlState::bind(&FIELDS, "");
    let img_key = url.choice("img");
    let kernel_key = url.choice("k");
    let threshold = url.number("t");
    let angle = url.number("u");
    let pixel = url.point("px");
    let axis_key = url.choice("ax");
    let seed = url.number("iseed");
    let drawing = RwSignal::new(img_key.get_untracked() == "draw");
    let image = RwSignal::new(Image::blank(SIZE, SIZE));
    Effect::new(move |_| {
        let which = TestImage::from_key(&img_key.get()).unwrap_or(TestImage::Disc);
        let s = seed.get();
        let s = if s.is_finite() && s >= 0.0 {
            s as u64
        } else {
            1
        };
        image.set(which.render(SIZE, s));
        if which == TestImage::Blank {
            drawing.set(true);
        }
    });
    let maps: RwSignal<Option<Maps>> = RwSignal::new(None);
    // (total ms, of which computing the maps' numbers, slowest total, recomputations)
    let timing = RwSignal::new((0.0f64, 0.0f64, 0.0f64, 0usize));
    let refs: [NodeRef<leptos::html::Canvas>; 7] = std::array::from_fn(|_| NodeRef::new());
    let theme = super::raster::use_theme();
    // Recompute and repaint every map whenever the image, kernel, threshold or direction
    // changes; the time this takes is measured here and shown under the maps.
    Effect::new(move |_| {
        let kernel = kernel_of(&kernel_key.get());
        let t = threshold.get() as f32;
        let a = angle.get().to_radians();
        let th = theme.get();
        let canvases: Vec<Option<HtmlCanvasElement>> = refs.iter().map(|r| r.get()).collect();
        let start = now_ms();
        let m = image.with(|img| compute(img, kernel, t));
        let edges: Vec<f32> = m
            .magnitude
            .iter()
            .map(|&v| if v > t { 1.0 } else { 0.0 })
            .collect();
        let du = m.grads.directional(a);
        let computed = now_ms() - start;
        image.with(|img| paint(canvases[0].clone(), &img.pixels, MapStyle::Grey));
        paint(
            canvases[1].clone(),
            &m.grads.gx,
            MapStyle::Signed { limit: m.limit },
        );
        paint(
            canvases[2].clone(),
            &m.grads.gy,
            MapStyle::Signed { limit: m.limit },
        );
        paint(
            canvases[3].clone(),
            &m.magnitude,
            MapStyle::Magnitude {
                max: m.max_magnitude,
            },
        );
        if let Some(cv) = canvases[4].clone() {
            let mut buf = vec![0u8; SIZE * SIZE * 4];
            if paint_direction(
                &m.grads.gx,
                &m.grads.gy,
                SIZE,
                SIZE,
                m.max_magnitude,
                &mut buf,
            )
            .is_ok()
            {
                let _ = put_rgba(&cv, &buf, SIZE as u32, SIZE as u32);
            }
        }
        let (on, off) = if th.background.0 < 128 {
            ([255, 255, 255], [0, 0, 0])
        } else {
            ([0, 0, 0], [255, 255, 255])
        };
        paint(canvases[5].clone(), &edges, MapStyle::Mask { on, off });
        paint(
            canvases[6].clone(),
            &du,
            MapStyle::Signed { limit: m.limit },
        );
        let ms = now_ms() - start;
        timing.update(|(last, numbers, worst, n)| {
            *last = ms;
            *numbers = computed;
            *n += 1;
            if *n > 1 {
                *worst = worst.max(ms);
            }
        });
        maps.set(Some(m));
    });
    let last_point: RwSignal<Option<[f64; 2]>> = RwSignal::new(None);
    let on_pointer = Callback::new(move |(phase, fx, fy): (PointerPhase, f64, f64)| {
        let p = [fx * SIZE as f64, fy * SIZE as f64];
        let px = (
            p[0].floor().clamp(0.0, (SIZE - 1) as f64),
            p[1].floor().clamp(0.0, (SIZE - 1) as f64),
        );
        if drawing.get_untracked() {
            match phase {
                PointerPhase::Down => {
                    image.update(|img| img.brush(p[0], p[1], BRUSH, 1.0));
                    last_point.set(Some(p));
                }
                PointerPhase::Drag => {
                    let from = last_point.get_untracked().unwrap_or(p);
                    image.update(|img| img.stroke(from, p, BRUSH, 1.0));
                    last_point.set(Some(p));
                }
                PointerPhase::Up => last_point.set(None),
                PointerPhase::Hover => {}
            }
        } else if matches!(
            phase,
            PointerPhase::Down | PointerPhase::Hover | PointerPhase::Drag
        ) {
            pixel.set(px);
        }
    });
    let breakdown_now = Memo::new(move |_| {
        let p = pixel.get();
        let axis = if axis_key.get() == "y" {
            Axis::Y
        } else {
            Axis::X
        };
        let kernel = kernel_of(&kernel_key.get());
        image.with(|img| breakdown(img, p.0 as usize, p.1 as usize, kernel, axis))
    });
    let at_pixel = move || {
        let p = pixel.get();
        maps.with(|m| {
            m.as_ref()
                .and_then(|m| m.grads.at(p.0 as usize, p.1 as usize))
        })
    };
    let alt = Signal::derive(move || {
        let t = threshold.get() as f32;
        maps.with(|m| {
            m.as_ref()
                .map(|m| describe(m, t))
                .unwrap_or_else(|| "The maps are being computed.".into())
        })
    });
    // The chosen pixel, marked over every map by a CSS square (no repaint needed).
    let mark = move || {
        view! {
            <span
                class="pixel-mark"
                aria-hidden="true"
                style:left=move || format!("{}%", (pixel.get().0 + 0.5) / SIZE as f64 * 100.0)
                style:top=move || format!("{}%", (pixel.get().1 + 0.5) / SIZE as f64 * 100.0)
            ></span>
        }
    };
    let figure = move |i: usize, caption: &'static str, testid: &'static str| {
        let r = refs[i];
        view! {
            <figure class="map">
                <div class="map-frame">
                <canvas
                    node_ref=r
                    width=SIZE
                    height=SIZE
                    class="pixelated"
                    role="img"
                    aria-label=caption
                    data-testid=testid
                    style="width:100%;display:block"
                ></canvas>
                {mark()}
                </div>
                <figcaption>{caption}</figcaption>
            </figure>
        }
    };
    let image_canvas = {
        let r = refs[0];
        let cb = on_pointer;
        // On a touch screen the image rests until a tap wakes it, so a swipe scrolls the page.
        let touch = PlotTouch::new(r);
        let fraction = move |ev: &web_sys::PointerEvent| {
            let rect = r.get_untracked()?.get_bounding_client_rect();
            (rect.width() > 0.0 && rect.height() > 0.0).then(|| {
                (
                    ((ev.client_x() as f64 - rect.left()) / rect.width()).clamp(0.0, 1.0),
                    ((ev.client_y() as f64 - rect.top()) / rect.height()).clamp(0.0, 1.0),
                )
            })
        };
        view! {
            <figure class="map">
                <div class="map-frame">
                <canvas
                    node_ref=r
                    width=SIZE
                    height=SIZE
                    class="pixelated touch-draw touch-scroll"
                    class:touch-awake=move || touch.awake()
                    role="img"
                    aria-label="The image I; tap or hover a pixel, or draw when drawing is on"
                    data-testid="image-canvas"
                    style="width:100%;display:block"
                    on:pointerdown=move |ev| {
                        if touch.down(&ev) == Touch::Ignore {
                            return;
                        }
                        if let Some(el) = r.get_untracked() {
                            let _ = el.set_pointer_capture(ev.pointer_id());
                            let rect = el.get_bounding_client_rect();
                            if rect.width() > 0.0 {
                                cb.run((
                                    PointerPhase::Down,
                                    (ev.client_x() as f64 - rect.left()) / rect.width(),
                                    (ev.client_y() as f64 - rect.top()) / rect.height(),
                                ));
                            }
                        }
                    }
                    on:pointermove=move |ev| {
                        if touch.moved(&ev) == Touch::Ignore {
                            return;
                        }
                        if let Some(el) = r.get_untracked() {
                            let rect = el.get_bounding_client_rect();
                            if rect.width() > 0.0 {
                                let phase = if ev.buttons() & 1 == 1 { PointerPhase::Drag } else { PointerPhase::Hover };
                                cb.run((
                                    phase,
                                    ((ev.client_x() as f64 - rect.left()) / rect.width()).clamp(0.0, 1.0),
                                    ((ev.client_y() as f64 - rect.top()) / rect.height()).clamp(0.0, 1.0),
                                ));
                            }
                        }
                    }
                    on:pointerup=move |ev| {
                        match touch.up(&ev) {
                            Touch::Ignore => return,
                            // The tap that wakes the image is also a press where it landed.
                            Touch::Tap => {
                                if let Some((fx, fy)) = fraction(&ev) {
                                    cb.run((PointerPhase::Down, fx, fy));
                                }
                            }
                            Touch::Pass => {}
                        }
                        cb.run((PointerPhase::Up, 0.0, 0.0))
                    }
                    on:pointercancel=move |ev| {
                        if touch.up(&ev) != Touch::Ignore {
                            cb.run((PointerPhase::Up, 0.0, 0.0));
                        }
                    }
                ></canvas>
                {mark()}
                </div>
                <TouchHint touch=touch name="image" does="tap a pixel, or drag to draw when drawing is on"/>
                <figcaption>"image I (tap a pixel)"</figcaption>
            </figure>
        }
    };
    view! {
        <div class="lab image-lab" data-testid="image-lab">
            <LabChoice
                legend="image"
                value=img_key
                name="image-choice"
                options=vec![
                    ("disc", "disc"),
                    ("checker", "checkerboard"),
                    ("ramp", "soft gradient with noise"),
                    ("text", "text"),
                    ("draw", "draw your own"),
                ]
            />
            <div class="lab-row">
                <LabToggle label="Draw on the image (white brush)" value=drawing/>
                <button type="button" class="button-secondary" on:click=move |_| image.set(Image::blank(SIZE, SIZE))>
                    "Clear to black"
                </button>
            </div>
            <LabChoice
                legend="derivative estimate"
                value=kernel_key
                name="image-kernel"
                options=vec![("sobel", "Sobel"), ("central", "central differences")]
            />
            <div class="map-grid">
                {image_canvas}
                {figure(1, "∂I/∂x (blue −, red +)", "map-gx")}
                {figure(2, "∂I/∂y (y grows downwards)", "map-gy")}
                {figure(3, "|∇I|", "map-magnitude")}
                {figure(4, "direction of ∇I as colour", "map-direction")}
                {figure(5, "edges: |∇I| above the threshold", "map-edges")}
                {figure(6, "D_u I = ∇I · u", "map-directional")}
            </div>
            <p class="visually-hidden" aria-live="polite">{move || alt.get()}</p>
            <p class="readout" data-testid="map-timing">
                {move || {
                    let (last, numbers, worst, n) = timing.get();
                    if n == 0 {
                        String::new()
                    } else {
                        format!(
                            "All seven 256 × 256 maps recomputed and painted in {:.1} ms (the numbers {:.1} ms, the pixels {:.1} ms){}.",
                            last,
                            numbers,
                            last - numbers,
                            if n > 1 { format!(" (slowest since the page opened: {worst:.1} ms)") } else { String::new() }
                        )
                    }
                }}
            </p>
            <LabSlider label="edge threshold" value=threshold min=0.0 max=1.0 step=0.01 testid="edge-threshold"/>
            <p class="readout" data-testid="edge-count">
                {move || {
                    let t = threshold.get() as f32;
                    maps.with(|m| m.as_ref().map(|m| describe(m, t)).unwrap_or_default())
                }}
            </p>
            <LabSlider
                label="direction of u (degrees, clockwise from →)"
                value=angle
                min=0.0
                max=360.0
                step=1.0
                show=|d| format!("{d:.0}°")
                testid="image-u"
            />
            <p>
                "D_u I = ∇I · u is the directional derivative of lesson 11, taken at every pixel "
                "at once: "
                <a href=href("/lesson/directional-derivatives")>"directional derivatives"</a>
                "."
            </p>
            <h4>"One pixel, worked out"</h4>
            <LabChoice legend="partial derivative" value=axis_key name="patch-axis" options=vec![("x", "∂I/∂x"), ("y", "∂I/∂y")]/>
            {move || {
                let p = pixel.get();
                breakdown_now
                    .get()
                    .map(|b| {
                        let cells = (0..9)
                            .map(|k| {
                                let (r, c) = (k / 3, k % 3);
                                let w = b.kernel[r][c];
                                let class = if w > 0.0 { "w-pos" } else if w < 0.0 { "w-neg" } else { "" };
                                view! {
                                    <div class=class>
                                        {format!("{} × {}", format_value(b.patch[r][c] as f64), format_value(w as f64))}
                                        <br/>
                                        {format!("= {}", format_value(b.products[r][c] as f64))}
                                    </div>
                                }
                            })
                            .collect_view();
                        view! {
                            <p>{format!("Pixel ({}, {}): its 3 × 3 neighbourhood times the kernel, entry by entry", p.0, p.1)}</p>
                            <div class="patch" data-testid="patch">{cells}</div>
                            <p class="readout" data-testid="patch-sum">
                                {format!(
                                    "sum = {}; ÷ {} = {} per pixel",
                                    format_value(b.sum as f64),
                                    format_value(b.divisor as f64),
                                    format_value(b.derivative as f64)
                                )}
                            </p>
                        }
                            .into_any()
                    })
            }}
            <p class="readout" data-testid="pixel-gradient">
                {move || {
                    let a = angle.get().to_radians();
                    at_pixel()
                        .map(|(gx, gy)| {
                            let (gx, gy) = (gx as f64, gy as f64);
                            format!(
                                "At this pixel ∇I = [{}, {}], |∇I| = {}, D_u I = {}.",
                                format_value(gx),
                                format_value(gy),
                                format_value(gx.hypot(gy)),
                                format_value(gx * a.cos() + gy * a.sin())
                            )
                        })
                        .unwrap_or_default()
                }}
            </p>
            <EmbedControl widget=WIDGET.info() query=Signal::derive(move || url.embed_query())/>
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_flat_image_has_no_edges_and_the_disc_has_a_ring() {
        let flat = Image::blank(SIZE, SIZE);
        let m = compute(&flat, Kernel::Sobel, 0.1);
        assert_eq!(m.edge_count, 0);
        assert!(describe(&m, 0.1).contains("flat"));
        let disc = TestImage::Disc.render(SIZE, 1);
        let m = compute(&disc, Kernel::Sobel, 0.15);
        assert!(m.edge_count > 300, "{}", m.edge_count);
        // The default pixel sits on the disc's left rim, where I grows to the right.
        let (gx, _) = m.grads.at(51, 128).unwrap();
        assert!(gx > 0.15, "{gx}");
        let empty = compute(&Image::blank(0, 0), Kernel::Central, 0.1);
        assert_eq!(empty.magnitude.len(), 0);
    }
}
