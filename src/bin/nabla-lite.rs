//! The small first-visit binary: the home page and the light lessons (`LiteApp`). The boot
//! module (`scripts/post-build.mjs`) loads it for those addresses on a release build; every
//! other address, and a debug build, gets the full app (`src/main.rs`).

fn main() {
    console_error_panic_hook::set_once();
    nabla::remove_app_shell();
    leptos::mount::mount_to_body(nabla::LiteApp);
}
