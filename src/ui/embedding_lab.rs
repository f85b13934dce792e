//! The word-vector lab (lesson 12): six words as arrows in the plane, stepped by gradient
//! descent on a dot-product loss (`models::embedding`) one click at a time. Related pairs
//! are drawn joined; the table gives each pair's cosine and loss. The step count is in the
//! address and the run is replayed from the seed, so a link shows the same vectors.

use leptos::prelude::*;
use web_sys::HtmlCanvasElement;

use super::lab_controls::LabSlider;
use super::raster::{sized_css_area, LabCanvas};
use super::url_state::{Field, UrlState};
use super::widget::{EmbedControl, EmbedOptions, Widget};
use crate::models::embedding::{Embedding, PAIRS, WORDS};
use crate::plot::plane::{draw_origin_axes, draw_shapes, Shape};
use crate::plot::{Theme, View};
use crate::tutor::format::format_value;

/// The most steps a link may ask for.
pub const MAX_STEPS: f64 = 5000.0;

/// The lab's state in the address.
pub const FIELDS: [Field; 3] = [
    Field::number("eseed", "starting vectors' seed", 1.0, 0.0, 1e9),
    Field::number("elr", "learning rate", 0.5, 0.01, 2.0),
    Field::number("steps", "steps taken", 0.0, 0.0, MAX_STEPS),
];

/// The lab in the widget registry (`/embed/embeddings`).
pub const WIDGET: Widget = Widget {
    name: "embeddings",
    title: "Word vectors",
    summary: "Six words in 2-D pulled together or pushed apart by gradient descent on dot products, one step at a time.",
    fields: &FIELDS,
    example: "v=1&eseed=3&elr=0.2&steps=25",
    embed: |_: EmbedOptions| view! { <EmbeddingLab/> }.into_any(),
    height: 1000,
};

/// The vectors after `steps` steps from `seed` with learning rate `lr`.
pub fn replay(seed: f64, lr: f64, steps: f64) -> Embedding {
    let seed = if seed.is_finite() && seed >= 0.0 {
        seed as u64
    } else {
        1
    };
    let steps = if steps.is_finite() {
        steps.round().clamp(0.0, MAX_STEPS) as usize
    } else {
        0
    };
    let mut e = Embedding::new(seed);
    for _ in 0..steps {
        e.step(lr);
    }
    e
}

fn draw(cv: &HtmlCanvasElement, css_w: f64, theme: &Theme, e: &Embedding) {
    // Drawn in CSS pixels, so the labels and dots keep their size on a phone.
    let Some((area, (w, h))) = sized_css_area(cv, css_w, 1.0) else {
        return;
    };
    let _ = area.fill(&theme.background);
    let r = e
        .vectors
        .iter()
        .map(|v| v[0].abs().max(v[1].abs()))
        .filter(|v| v.is_finite())
        .fold(1.0f64, f64::max)
        * 1.25;
    let view = View::new(w, h, (-r, r), (-r, r));
    let _ = draw_origin_axes(&area, &view, theme);
    let mut shapes = Vec::new();
    for &(i, j, s) in &PAIRS {
        if s > 0.0 {
            if let (Some(a), Some(b)) = (e.vectors.get(i), e.vectors.get(j)) {
                shapes.push(Shape::Segment {
                    from: (a[0], a[1]),
                    to: (b[0], b[1]),
                    color: theme.series[2],
                    width: 1,
                });
            }
        }
    }
    for (k, v) in e.vectors.iter().enumerate() {
        let color = theme.series[k / 2 % theme.series.len()];
        shapes.push(Shape::Arrow {
            from: (0.0, 0.0),
            to: (v[0], v[1]),
            color,
            width: 2,
        });
        shapes.push(Shape::Label {
            at: (v[0], v[1]),
            text: WORDS.get(k).copied().unwrap_or("?").to_string(),
            color: theme.foreground,
        });
    }
    let _ = draw_shapes(&area, &view, &shapes);
    let _ = area.present();
}

/// The word-vector lab.
#[component]
pub fn EmbeddingLab() -> impl IntoView {
    let url = UrlState::bind(&FIELDS, "");
    let seed = url.number("eseed");
    let lr = url.number("elr");
    let steps = url.number("steps");
    let emb = Memo::new(move |_| replay(seed.get(), lr.get(), steps.get()));
    let add = move |k: f64| steps.update(|s| *s = (*s + k).min(MAX_STEPS));
    let alt = Signal::derive(move || {
        emb.with(|e| {
            let parts: Vec<String> = PAIRS
                .iter()
                .map(|&(i, j, _)| {
                    format!(
                        "{}–{} cosine {}",
                        WORDS.get(i).copied().unwrap_or("?"),
                        WORDS.get(j).copied().unwrap_or("?"),
                        format_value(e.cosine(i, j))
                    )
                })
                .collect();
            format!(
                "Six word vectors after {} steps, loss {}: {}.",
                e.steps,
                format_value(e.loss()),
                parts.join("; ")
            )
        })
    });
    view! {
        <div class="lab embedding-lab" data-testid="embedding-lab">
            <div class="lab-row">
                <button type="button" class="button-secondary" on:click=move |_| add(1.0)>"Step"</button>
                <button type="button" class="button-secondary" on:click=move |_| add(10.0)>"10 steps"</button>
                <button type="button" class="button-secondary" on:click=move |_| add(100.0)>"100 steps"</button>
                <button type="button" class="button-secondary" on:click=move |_| steps.set(0.0)>"Start again"</button>
                <button
                    type="button"
                    class="button-secondary"
                    on:click=move |_| {
                        seed.update(|s| *s += 1.0);
                        steps.set(0.0);
                    }
                >
                    "New starting vectors"
                </button>
            </div>
            <LabSlider label="learning rate η" value=lr min=0.01 max=2.0 step=0.01 testid="emb-lr"/>
            <p class="readout" data-testid="embedding-loss">
                {move || emb.with(|e| format!("After {} steps the loss is {}.", e.steps, format_value(e.loss())))}
            </p>
            <LabCanvas
                draw=move |cv: &HtmlCanvasElement, w: f64, t: &Theme| emb.with(|e| draw(cv, w, t, e))
                aspect=1.0
                label="Six word vectors in the plane"
                alt=alt
            />
            <div class="table-scroll">
                <table class="lab-table" data-testid="embedding-pairs">
                    <thead>
                        <tr><th scope="col">"pair"</th><th scope="col">"should be"</th><th scope="col">"cosine"</th><th scope="col">"loss"</th></tr>
                    </thead>
                    <tbody>
                        {PAIRS
                            .iter()
                            .enumerate()
                            .map(|(k, &(i, j, s))| {
                                view! {
                                    <tr>
                                        <td>{format!("{} – {}", WORDS.get(i).copied().unwrap_or("?"), WORDS.get(j).copied().unwrap_or("?"))}</td>
                                        <td>{if s > 0.0 { "related" } else { "unrelated" }}</td>
                                        <td>{move || emb.with(|e| format_value(e.cosine(i, j)))}</td>
                                        <td>{move || emb.with(|e| e.pair_loss(k).map(format_value).unwrap_or_default())}</td>
                                    </tr>
                                }
                            })
                            .collect_view()}
                    </tbody>
                </table>
            </div>
            <EmbedControl widget=WIDGET.info() query=Signal::derive(move || url.embed_query())/>
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stepping_lowers_the_loss_and_related_words_align() {
        let start = replay(1.0, 0.5, 0.0);
        let later = replay(1.0, 0.5, 200.0);
        assert!(later.loss() < start.loss());
        assert!(later.cosine(0, 1) > 0.5, "{}", later.cosine(0, 1));
        assert_eq!(replay(f64::NAN, 0.5, f64::INFINITY).steps, 0);
    }
}
