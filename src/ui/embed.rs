//! The embed pages: `/embed/<name>` shows one registered widget without the site's header
//! and footer, for instructors' iframes, with its state and the instructor's options
//! (`hide=editor`, `lock=1`, `theme=`) from the address; `/embed` lists every widget.

use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::{use_location, use_params_map};

use super::explorer::browser::force_theme;
use super::frame_resize::use_frame_resize;
use super::layout::set_title;
use super::registry::{find, WIDGETS};
use super::routes::href;
use super::url_state::{provide_address_notes, AddressNotesBox};
use super::widget::{EmbedOptions, Theme};

/// The page at `/embed/:name`.
#[component]
pub fn EmbedPage() -> impl IntoView {
    let params = use_params_map();
    let location = use_location();
    move || {
        let name = params.read().get("name").unwrap_or_default();
        let Some(widget) = find(&name) else {
            // A mistyped widget name: say so above the list of the real ones.
            return view! {
                <p class="address-notes" role="status" data-testid="unknown-widget">
                    {format!(
                        "There is no widget called “{}”. These are the widgets that can be embedded:",
                        name.chars().take(60).collect::<String>()
                    )}
                </p>
                <EmbedIndex/>
            }
            .into_any();
        };
        set_title(widget.title);
        let options = EmbedOptions::from_query(&location.search.get_untracked());
        // The instructor's theme, set before the widget is made (its canvases read it once).
        force_theme(match options.theme {
            Theme::Auto => None,
            Theme::Light => Some(false),
            Theme::Dark => Some(true),
        });
        on_cleanup(|| force_theme(None));
        let notes = provide_address_notes();
        let frame = NodeRef::<leptos::html::Div>::new();
        use_frame_resize(frame);
        view! {
            <div class="embed" data-widget=widget.name node_ref=frame>
                <h1 class="visually-hidden">{widget.title}</h1>
                <AddressNotesBox notes=notes/>
                <div class="embed-widget">{(widget.embed)(options)}</div>
            </div>
        }
        .into_any()
    }
}

/// The page at `/embed`: every embeddable widget, with a link to its embed page.
#[component]
pub fn EmbedIndex() -> impl IntoView {
    set_title("Embeddable widgets");
    view! {
        <section class="embed-index">
            <h1>"Embeddable widgets"</h1>
            <p>
                "Each widget below works on its own page, made to sit in an iframe on a course "
                "page. Its state is in the address; the Embed button under each widget gives "
                "the code for the widget as it is. Add hide=editor to hide the function editor, "
                "lock=1 to keep the function fixed, and theme=light or theme=dark to pick the "
                "colours."
            </p>
            <ul class="widget-list">
                {WIDGETS
                    .iter()
                    .map(|w| {
                        let keys = w.fields.iter().map(|f| f.key).collect::<Vec<_>>().join(",");
                        view! {
                            <li
                                data-widget=w.name
                                data-keys=keys
                                data-height=w.height
                            >
                                <A href=href(&format!("/embed/{}", w.name))>{w.title}</A>
                                " ("<code>{format!("/embed/{}", w.name)}</code>"): "{w.summary}" "
                                <A href=href(&format!("/embed/{}?{}", w.name, w.example)) attr:class="example-link">
                                    "an example"
                                </A>
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
        </section>
    }
}

/// Renders its children except on embed pages (used for the site's header and footer).
#[component]
pub fn UnlessEmbedded(
    /// What to hide on embed pages.
    children: ChildrenFn,
) -> impl IntoView {
    let location = use_location();
    move || (!location.pathname.with(|p| p.contains("/embed/"))).then(|| children())
}
