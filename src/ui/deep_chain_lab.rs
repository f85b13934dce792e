//! The vanishing/exploding lab (lesson 10): a seeded chain of up to 50 dense layers with a
//! chosen width, activation, initialisation and residual switch; the chart shows the
//! gradient norm of every layer's weights on a log scale, from one backward sweep
//! (`models::deep_chain`), and the text reads the chart back in numbers.

use leptos::prelude::*;

use super::chart_table::{ChartData, ChartTable};
use super::lab_controls::{sci, LabChoice, LabSlider, LabToggle};
use super::plot_canvas::PlotCanvas;
use super::url_state::{Field, UrlState};
use super::widget::{EmbedControl, EmbedOptions, Widget};
use crate::models::deep_chain::{
    Activation, Chain, ChainConfig, ChainGradients, Init, MAX_DEPTH, MAX_WIDTH,
};
use crate::plot::log_chart::{draw_log_chart, LogChartOptions, LogSeries};
use crate::plot::Theme;
use crate::tutor::format::format_value;

const ACTS: [&str; 3] = ["sigmoid", "tanh", "relu"];
const INITS: [&str; 3] = ["small", "xavier", "he"];

/// The lab's state in the address.
pub const FIELDS: [Field; 6] = [
    Field::number("depth", "depth", 20.0, 1.0, MAX_DEPTH as f64),
    Field::number("width", "width", 8.0, 1.0, MAX_WIDTH as f64),
    Field::choice("act", "activation", "sigmoid", &ACTS),
    Field::choice("init", "initialisation", "xavier", &INITS),
    Field::flag("res", "residual connections", false),
    Field::number("seed", "seed", 1.0, 0.0, 1e9),
];

/// The lab in the widget registry (`/embed/deep-chain`).
pub const WIDGET: Widget = Widget {
    name: "deep-chain",
    title: "Vanishing and exploding gradients",
    summary: "Per-layer gradient norms of a deep chain for sigmoid, tanh and ReLU, three initialisations and residual connections.",
    fields: &FIELDS,
    example: "v=1&depth=50&width=4&act=relu&init=he&res=1&seed=7",
    embed: |_: EmbedOptions| view! { <DeepChainLab/> }.into_any(),
    height: 1000,
};

/// The configuration for the address's values (anything odd falls back to a default).
pub fn config_of(
    depth: f64,
    width: f64,
    act: &str,
    init: &str,
    res: bool,
    seed: f64,
) -> ChainConfig {
    let d = ChainConfig::default();
    ChainConfig {
        depth: if depth.is_finite() {
            depth.round().clamp(1.0, MAX_DEPTH as f64) as usize
        } else {
            d.depth
        },
        width: if width.is_finite() {
            width.round().clamp(1.0, MAX_WIDTH as f64) as usize
        } else {
            d.width
        },
        activation: Activation::from_key(act).unwrap_or(d.activation),
        init: Init::from_key(init).unwrap_or(d.init),
        residual: res,
        seed: if seed.is_finite() && seed >= 0.0 {
            seed.round() as u64
        } else {
            d.seed
        },
    }
}

/// What the chart shows, in sentences.
pub fn reading(config: &ChainConfig, g: &ChainGradients) -> Vec<String> {
    let mut out = Vec::new();
    let first = g.weight_grad_norms.first().copied().unwrap_or(f64::NAN);
    let last = g.weight_grad_norms.last().copied().unwrap_or(f64::NAN);
    out.push(format!(
        "‖∂L/∂W‖ is {} at layer 1 (nearest the input) and {} at layer {} (nearest the loss).",
        sci(first),
        sci(last),
        config.depth
    ));
    match g.mean_factor_per_layer() {
        Some(f) if f < 0.9 => out.push(format!(
            "Going back through the layers the gradient shrinks by a factor of about {} per layer: it vanishes, and the first layers barely learn.",
            format_value(f)
        )),
        Some(f) if f > 1.1 => out.push(format!(
            "Going back through the layers the gradient grows by a factor of about {} per layer: it explodes.",
            format_value(f)
        )),
        Some(f) => out.push(format!(
            "Going back through the layers the gradient changes by a factor of about {} per layer: it stays level, so every layer learns at a similar rate.",
            format_value(f)
        )),
        None => {}
    }
    if let Some(l) = g.dead_layer {
        out.push(format!(
            "Layer {l} is dead: every unit's input there is negative, so ReLU passes nothing forward and no gradient back. The layers before it get a gradient of exactly 0 (a gap on the log chart)."
        ));
    }
    if config.activation == Activation::Sigmoid && !config.residual && config.depth > 1 {
        out.push(format!(
            "Sigmoid's slope is at most 1/4, so {} layers contribute a factor of at most (1/4)^{} = {} from the slopes alone, before the weights are counted.",
            config.depth,
            config.depth,
            sci(0.25f64.powi(config.depth as i32))
        ));
    }
    out
}

/// The vanishing/exploding lab.
#[component]
pub fn DeepChainLab() -> impl IntoView {
    let url = UrlState::bind(&FIELDS, "");
    let depth = url.number("depth");
    let width = url.number("width");
    let act = url.choice("act");
    let init = url.choice("init");
    let res = url.flag("res");
    let seed = url.number("seed");
    let config = Memo::new(move |_| {
        config_of(
            depth.get(),
            width.get(),
            &act.get(),
            &init.get(),
            res.get(),
            seed.get(),
        )
    });
    let grads = Memo::new(move |_| Chain::new(config.get()).gradients());
    let sentences = Memo::new(move |_| reading(&config.get(), &grads.get()));
    let alt = Signal::derive(move || {
        format!(
            "Log-scale chart of the weight-gradient norm for layers 1 to {}. {}",
            config.get().depth,
            sentences.get().join(" ")
        )
    });
    let draw = move |area: &crate::ui::plot_canvas::ChartArea, theme: &Theme| {
        grads.with(|g| {
            let pts = layer_norms(g);
            let _ = draw_log_chart(
                area,
                &[LogSeries {
                    name: "‖∂L/∂Wₗ‖",
                    points: &pts,
                    color: Some(theme.series[0]),
                    dashed: false,
                }],
                &LogChartOptions {
                    x_label: "layer l (1 = nearest the input)",
                    y_label: "gradient norm",
                    log_y: true,
                    ..Default::default()
                },
                theme,
            );
        });
    };
    view! {
        <div class="lab deep-chain-lab" data-testid="deep-chain-lab">
            <LabSlider label="depth" value=depth min=1.0 max=MAX_DEPTH as f64 step=1.0 testid="chain-depth"/>
            <LabSlider label="width" value=width min=1.0 max=MAX_WIDTH as f64 step=1.0 testid="chain-width"/>
            <LabChoice
                legend="activation"
                value=act
                name="chain-act"
                options=vec![("sigmoid", "sigmoid"), ("tanh", "tanh"), ("relu", "ReLU")]
            />
            <LabChoice
                legend="initial weights"
                value=init
                name="chain-init"
                options=vec![("small", "small (0.01)"), ("xavier", "Xavier √(1/n)"), ("he", "He √(2/n)")]
            />
            <LabToggle label="residual connections (hₗ = hₗ₋₁ + φ(Wₗhₗ₋₁))" value=res/>
            <div class="lab-row">
                <button type="button" class="button-secondary" on:click=move |_| seed.update(|s| *s += 1.0)>
                    "New random weights"
                </button>
                <span class="readout">{move || format!("seed {}", seed.get())}</span>
            </div>
            <PlotCanvas draw=draw aspect=0.6 label="Gradient norm per layer, log scale" alt=alt/>
            <ChartTable
                caption="Gradient norm per layer"
                data=Signal::derive(move || grads.with(|g| ChartData::one("layer l", "‖∂L/∂Wₗ‖", layer_norms(g))))
            />
            <ul class="lab-facts" data-testid="chain-reading">
                {move || sentences.get().into_iter().map(|s| view! { <li>{s}</li> }).collect_view()}
            </ul>
            <EmbedControl widget=WIDGET.info() query=Signal::derive(move || url.embed_query())/>
        </div>
    }
}

/// Each layer's weight-gradient norm against its number (1 = nearest the input): what the
/// chart draws and its table lists.
fn layer_norms(g: &ChainGradients) -> Vec<(f64, f64)> {
    g.weight_grad_norms
        .iter()
        .enumerate()
        .map(|(l, &n)| ((l + 1) as f64, n))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn depth_fifty_sigmoid_reads_as_vanishing_and_he_relu_as_level() {
        let c = config_of(50.0, 8.0, "sigmoid", "xavier", false, 1.0);
        let g = Chain::new(c).gradients();
        let text = reading(&c, &g).join(" ");
        assert!(text.contains("vanishes"), "{text}");
        assert!(text.contains("(1/4)^50"), "{text}");
        let c = config_of(20.0, 8.0, "tanh", "xavier", true, 1.0);
        let g = Chain::new(c).gradients();
        assert!(!reading(&c, &g).join(" ").contains("vanishes"));
        let odd = config_of(f64::NAN, 99.0, "nope", "", false, -3.0);
        assert_eq!(odd.width, MAX_WIDTH);
        assert_eq!(odd.activation, Activation::Sigmoid);
    }
}
