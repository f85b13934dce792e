//! The playground: the function explorer on a page of its own, for free use. Its state
//! (function, point, switches) comes from the address and the address follows it, so it can
//! be shared; `?bench` adds the drawing benchmark. Below it, the optimiser race (its keys
//! prefixed `race-`).

use leptos::prelude::*;

use super::explorer::{ExplorerBench, FunctionExplorer, DEFAULT_FUNCTION};
use super::layout::set_title;
use super::race::OptimiserRace;
use super::share_link::{bench_requested, initial_function};
use super::url_state::{provide_address_notes, AddressNotesBox};

/// The page at `/playground`.
#[component]
pub fn Playground() -> impl IntoView {
    set_title("Playground");
    let notes = provide_address_notes();
    let bench = bench_requested().then(|| view! { <ExplorerBench function=initial_function()/> });
    view! {
        <section class="playground">
            <h1>"Playground"</h1>
            <p class="lede">
                "Type any function of x and y and explore its partial derivatives, gradient and "
                "surface. The address follows what you type, so you can share it."
            </p>
            <AddressNotesBox notes=notes/>
            <FunctionExplorer initial=DEFAULT_FUNCTION/>
            {bench}
            <h2>"Optimiser race"</h2>
            <p>
                "Race optimisers on a function: pick one from the menu or type your own, click the "
                "map to choose the start, and compare how each optimiser gets down (or does not)."
            </p>
            <OptimiserRace url_prefix="race-"/>
        </section>
    }
}
