//! The binary: installs the panic hook, removes the static app shell and mounts the app.
//! Everything else lives in the library. Its small sibling is `src/bin/nabla-lite.rs`.

fn main() {
    console_error_panic_hook::set_once();
    nabla::remove_app_shell();
    leptos::mount::mount_to_body(nabla::App);
}
