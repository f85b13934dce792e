//! The size floor of a live formula, for `scripts/size.sh --floor`: `floor_leptos` plus the
//! engine path every editable function on a lesson page runs (parse, differentiate, simplify,
//! typeset as LaTeX, LaTeX → MathML, compile, evaluate), with no plot, widget, tutor or
//! lesson text. What it adds to `floor_leptos` is what the engine alone costs a first visit.
use leptos::prelude::*;
use leptos_router::components::{Route, Router, Routes};
use leptos_router::path;
use nabla::math::parse::parse;
use nabla::math::print::latex_to_mathml;

fn main() {
    leptos::mount::mount_to_body(|| {
        view! {
            <Router>
                <main>
                    <Routes fallback=|| "Not found">
                        <Route path=path!("/") view=LiveFormula/>
                    </Routes>
                </main>
            </Router>
        }
    });
}

/// ∂f/∂x of the typed f, typeset, and its value at (1, 2).
fn partial_x(text: &str) -> String {
    match parse(text) {
        Ok(f) => {
            let d = f.partial("x").simplify();
            let value = d
                .compile(&["x", "y"])
                .map(|p| p.eval(&[1.0, 2.0]))
                .unwrap_or(f64::NAN);
            format!("{} = {value}", latex_to_mathml(&d.to_latex(), false))
        }
        Err(e) => e.to_string(),
    }
}

#[component]
fn LiveFormula() -> impl IntoView {
    let text = RwSignal::new(String::from("x^2*y"));
    view! {
        <input prop:value=text on:input=move |ev| text.set(event_target_value(&ev))/>
        <p inner_html=move || partial_x(&text.get())></p>
    }
}
