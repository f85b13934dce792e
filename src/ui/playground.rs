//! The playground: the function explorer on a page of its own, for free use. The function
//! comes from `?f=` and the address follows what is typed, so it can be shared; `?bench`
//! adds the drawing benchmark.

use leptos::prelude::*;

use super::explorer::{ExplorerBench, FunctionExplorer};
use super::layout::set_title;
use super::share_link::{bench_requested, initial_function, replace_function_in_address};

/// The page at `/playground`.
#[component]
pub fn Playground() -> impl IntoView {
    set_title("Playground");
    let initial = initial_function();
    let bench = bench_requested().then(|| view! { <ExplorerBench function=initial.clone()/> });
    let on_change = Callback::new(|text: String| replace_function_in_address(&text));
    view! {
        <section class="playground">
            <h1>"Playground"</h1>
            <p class="lede">
                "Type any function of x and y and explore its partial derivatives, gradient and "
                "surface. The address follows what you type, so you can share it."
            </p>
            <FunctionExplorer initial=initial on_function_change=on_change/>
            {bench}
        </section>
    }
}
