//! The binary: installs the panic hook, removes the static app shell and mounts the app.
//! Everything else lives in the library.

fn main() {
    console_error_panic_hook::set_once();
    // index.html paints a header and a "loading" line while the wasm downloads; the app
    // draws its own, so the shell goes as the app mounts.
    if let Some(shell) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id("app-shell"))
    {
        shell.remove();
    }
    leptos::mount::mount_to_body(nabla::App);
}
