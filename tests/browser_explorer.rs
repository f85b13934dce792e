//! Browser tests (wasm-bindgen-test in headless Chromium) of the function explorer: mount
//! it, type into its field as a learner would, and check the typeset partial derivatives,
//! the error under the field, and the canvas pixels.
#![cfg(target_arch = "wasm32")]

use leptos::prelude::*;
use nabla::ui::explorer::FunctionExplorer;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

mod browser_support;

use browser_support::{document, find, new_host, tick, type_into};

wasm_bindgen_test_configure!(run_in_browser);

/// Mounts an explorer starting from `initial`. The explorer keeps its state in the address,
/// so the address is cleared first: each test starts from its own function, whatever an
/// earlier test typed.
fn mount(initial: &'static str) -> web_sys::HtmlElement {
    if let Some(w) = web_sys::window() {
        let path = w.location().pathname().unwrap_or_default();
        if let Ok(h) = w.history() {
            let _ = h.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&path));
        }
    }
    let host = new_host();
    host.style().set_property("width", "800px").expect("style");
    let handle = leptos::mount::mount_to(host.clone(), move || {
        view! { <FunctionExplorer initial=initial/> }
    });
    std::mem::forget(handle);
    host
}

fn pretty(host: &web_sys::HtmlElement, role: &str) -> String {
    find(host, &format!(".fx-math[data-role={role}]"))
        .get_attribute("data-pretty")
        .unwrap_or_default()
}

fn pixels(host: &web_sys::HtmlElement) -> Vec<u8> {
    let canvas: web_sys::HtmlCanvasElement = find(host, ".fx-contour canvas")
        .dyn_into()
        .expect("a canvas");
    let ctx: web_sys::CanvasRenderingContext2d = canvas
        .get_context("2d")
        .ok()
        .flatten()
        .expect("2d")
        .dyn_into()
        .expect("2d context");
    ctx.get_image_data(0.0, 0.0, canvas.width() as f64, canvas.height() as f64)
        .expect("image data")
        .data()
        .to_vec()
}

fn changed_fraction(a: &[u8], b: &[u8]) -> f64 {
    if a.len() != b.len() || a.is_empty() {
        return 1.0;
    }
    let diff = a
        .chunks_exact(4)
        .zip(b.chunks_exact(4))
        .filter(|(p, q)| p != q)
        .count();
    diff as f64 / (a.len() / 4) as f64
}

#[wasm_bindgen_test]
async fn typing_a_function_updates_the_partials_and_the_plot() {
    let host = mount("x^2 + 3*x*y + y^2");
    tick(100).await;
    assert_eq!(pretty(&host, "fx"), "2x + 3y");
    assert_eq!(pretty(&host, "fy"), "3x + 2y");
    let math = find(&host, ".fx-math[data-role=fx]").inner_html();
    assert!(math.contains("<math"), "typeset as MathML: {math}");
    let before = pixels(&host);
    assert!(
        before.len() > 100 * 100 * 4,
        "the canvas has a backing store"
    );
    assert!(
        before.chunks_exact(4).any(|p| p[3] == 255 && p[0] != p[2]),
        "something coloured was drawn"
    );

    type_into(&host, ".fx-input", "x^3*y^2");
    tick(100).await;
    assert_eq!(pretty(&host, "fx"), "3x²y²");
    assert_eq!(pretty(&host, "fy"), "2x³y");
    let after = pixels(&host);
    assert!(
        changed_fraction(&before, &after) > 0.2,
        "the heatmap was redrawn"
    );

    // A typo shows an error, marks the field invalid and leaves the plot alone.
    type_into(&host, ".fx-input", "sin(x");
    tick(100).await;
    let input = find(&host, ".fx-input");
    assert_eq!(input.get_attribute("aria-invalid").as_deref(), Some("true"));
    let described = input.get_attribute("aria-describedby").expect("described");
    let error = document()
        .get_element_by_id(&described)
        .and_then(|e| e.text_content())
        .unwrap_or_default();
    assert!(error.contains("Missing ')'"), "{error}");
    assert!(find(&host, ".fx-error-mark").text_content().is_some());
    assert_eq!(pretty(&host, "fx"), "3x²y²");
    assert_eq!(changed_fraction(&after, &pixels(&host)), 0.0);

    type_into(&host, ".fx-input", "sin(x)");
    tick(100).await;
    assert_eq!(
        input.get_attribute("aria-invalid").as_deref(),
        Some("false")
    );
    assert_eq!(pretty(&host, "fx"), "cos(x)");
    host.remove();
}

#[wasm_bindgen_test]
async fn the_values_at_the_point_are_shown_and_spoken() {
    let host = mount("x^2 + 3*x*y + y^2");
    tick(100).await;
    let text = |sel: &str| find(&host, sel).text_content().unwrap_or_default();
    assert_eq!(text(".fx-point"), "(1, 0.5)");
    assert_eq!(text(".fx-value-f"), "2.75");
    assert_eq!(text(".fx-value-grad"), "[3.5, 4]");
    assert_eq!(text(".fx-value-norm"), "5.315");
    let canvas = find(&host, ".fx-contour canvas");
    assert_eq!(canvas.get_attribute("role").as_deref(), Some("img"));
    assert!(canvas
        .get_attribute("aria-label")
        .unwrap_or_default()
        .contains("x² + 3xy + y²"));
    assert!(text(".fx-contour .sr-only").contains("f = 2.75"));

    // Arrow keys move the point when the map has focus.
    let init = web_sys::KeyboardEventInit::new();
    init.set_key("ArrowRight");
    init.set_bubbles(true);
    let ev = web_sys::KeyboardEvent::new_with_keyboard_event_init_dict("keydown", &init)
        .expect("keydown");
    canvas.dispatch_event(&ev).expect("dispatch");
    tick(50).await;
    assert_eq!(text(".fx-point"), "(1.15, 0.5)");
    host.remove();
}

fn click(host: &web_sys::HtmlElement, selector: &str) {
    find(host, selector)
        .dyn_into::<web_sys::HtmlElement>()
        .expect("clickable")
        .click();
}

/// The `f = …` value in the descent readout.
fn descent_end_value(host: &web_sys::HtmlElement) -> f64 {
    let text = find(host, ".fx-descent-readout")
        .text_content()
        .unwrap_or_default();
    let after = text.split("f = ").nth(1).unwrap_or_default();
    page_number(after.split(',').next().unwrap_or_default())
        .unwrap_or_else(|| panic!("no f value in {text:?}"))
}

/// A number as the page writes it: `−1.5`, or `2.209 × 10⁻⁸` for powers of ten.
fn page_number(text: &str) -> Option<f64> {
    let plain = |t: &str| t.trim().replace('−', "-").parse::<f64>().ok();
    match text.split_once(" × 10") {
        None => plain(text),
        Some((mantissa, power)) => {
            let exponent: String = power
                .trim()
                .chars()
                .map(|c| match c {
                    '⁻' => Some('-'),
                    '⁰' => Some('0'),
                    '¹' => Some('1'),
                    '²' => Some('2'),
                    '³' => Some('3'),
                    '⁴'..='⁹' => char::from_digit(c as u32 - '⁴' as u32 + 4, 10),
                    _ => None,
                })
                .collect::<Option<String>>()?;
            Some(plain(mantissa)? * 10f64.powi(exponent.parse().ok()?))
        }
    }
}

#[wasm_bindgen_test]
async fn gradient_descent_walks_downhill_and_plays_step_by_step() {
    let host = mount("x^2 + y^2");
    tick(100).await;
    let text = |sel: &str| find(&host, sel).text_content().unwrap_or_default();
    assert_eq!(text(".fx-descent-readout"), "");
    let plain = pixels(&host);

    click(&host, ".fx-descent input[type=checkbox]");
    tick(100).await;
    let readout = text(".fx-descent-readout");
    assert!(
        readout.starts_with("After 40 steps of size 0.1: at ("),
        "{readout}"
    );
    // From (1, 0.5), where f = 1.25, each step multiplies the point by 0.8.
    let end = descent_end_value(&host);
    assert!((0.0..1e-6).contains(&end), "{readout}");
    let with_path = pixels(&host);
    assert!(
        changed_fraction(&plain, &with_path) > 0.0005,
        "the path is drawn"
    );

    // A step of 0.5 lands on the minimum at once.
    let select: web_sys::HtmlSelectElement =
        find(&host, ".fx-rate select").dyn_into().expect("select");
    select.set_value("0.5");
    let init = web_sys::EventInit::new();
    init.set_bubbles(true);
    let ev = web_sys::Event::new_with_event_init_dict("change", &init).expect("event");
    select.dispatch_event(&ev).expect("dispatch");
    tick(100).await;
    assert_eq!(
        text(".fx-descent-readout"),
        "After 40 steps of size 0.5: at (0, 0), f = 0, |∇f| = 0."
    );
    select.set_value("0.1");
    select.dispatch_event(&ev).expect("dispatch");
    tick(100).await;

    // Play draws the path a step at a time, then shows all of it.
    click(&host, ".fx-play");
    tick(150).await;
    let early = pixels(&host);
    assert!(
        changed_fraction(&early, &with_path) > 0.0,
        "only part of the path yet"
    );
    tick(3000).await;
    assert_eq!(changed_fraction(&pixels(&host), &with_path), 0.0);

    // Switching it off removes the path.
    click(&host, ".fx-descent input[type=checkbox]");
    tick(100).await;
    assert_eq!(text(".fx-descent-readout"), "");
    assert_eq!(changed_fraction(&pixels(&host), &plain), 0.0);
    host.remove();
}

#[wasm_bindgen_test]
async fn a_diverging_descent_says_so_and_why() {
    // λ_max = 20 for x² + 10y²: steps above 2/20 = 0.1 diverge along y.
    let host = mount("x^2 + 10*y^2");
    tick(100).await;
    let text = |sel: &str| find(&host, sel).text_content().unwrap_or_default();
    click(&host, ".fx-descent input[type=checkbox]");
    let select: web_sys::HtmlSelectElement =
        find(&host, ".fx-rate select").dyn_into().expect("select");
    select.set_value("0.2");
    let init = web_sys::EventInit::new();
    init.set_bubbles(true);
    let ev = web_sys::Event::new_with_event_init_dict("change", &init).expect("event");
    select.dispatch_event(&ev).expect("dispatch");
    tick(100).await;
    let readout = text(".fx-descent-readout");
    assert!(
        readout.starts_with("The steps diverged at step "),
        "{readout}"
    );
    assert!(readout.contains("step size 0.2"), "{readout}");
    assert!(
        !readout.contains("NaN") && !readout.contains("inf"),
        "{readout}"
    );
    host.remove();
}

#[wasm_bindgen_test]
async fn while_the_text_has_an_error_the_plots_say_they_show_the_last_good_function() {
    let host = mount("x^2 + y^2");
    tick(100).await;
    assert!(host
        .query_selector(".fx-plots-stale")
        .ok()
        .flatten()
        .is_none());
    type_into(&host, ".fx-input", "x^2 + ");
    tick(100).await;
    let note = find(&host, ".fx-error-stale")
        .text_content()
        .unwrap_or_default();
    assert!(
        note.contains("last function that worked: f = x² + y²"),
        "{note}"
    );
    assert!(host
        .query_selector(".fx-plots-stale")
        .ok()
        .flatten()
        .is_some());
    type_into(&host, ".fx-input", "x^2 + y");
    tick(100).await;
    assert!(host
        .query_selector(".fx-error-stale")
        .ok()
        .flatten()
        .is_none());
    assert!(host
        .query_selector(".fx-plots-stale")
        .ok()
        .flatten()
        .is_none());
    host.remove();
}
