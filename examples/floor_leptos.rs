//! The size floor of the stack, for `scripts/size.sh --floor`: Leptos (CSR) and its router
//! with one page, one signal and one button, nothing of Nabla. Built for wasm32 with the web
//! profile and flags, it says how many of the first lesson's kilobytes any Leptos page pays.
use leptos::prelude::*;
use leptos_router::components::{Route, Router, Routes};
use leptos_router::path;

fn main() {
    leptos::mount::mount_to_body(|| {
        view! {
            <Router>
                <main>
                    <Routes fallback=|| "Not found">
                        <Route path=path!("/") view=Counter/>
                    </Routes>
                </main>
            </Router>
        }
    });
}

#[component]
fn Counter() -> impl IntoView {
    let count = RwSignal::new(0);
    view! {
        <h1>"Nabla"</h1>
        <button on:click=move |_| count.update(|n| *n += 1)>{move || count.get()}</button>
    }
}
