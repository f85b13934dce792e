//! What an embeddable widget declares about itself (its name, title, state in the address and
//! embed view), the instructor's embed options, and the "Embed" control with its `<iframe>`
//! snippet. Widgets import this module; the table of all widgets is in `registry`, above them.
//!
//! To make a widget embeddable: give it a `pub const FIELDS: [Field; N]` (see `url_state`), a
//! `pub const WIDGET: Widget` naming them, show `<EmbedControl widget=WIDGET.info() …/>`, and add
//! `&its::WIDGET` to `registry::WIDGETS`.

use leptos::prelude::*;

use super::url_state::Field;

/// A widget that can be embedded on its own.
pub struct Widget {
    /// Its route name: `/embed/<name>`. Lower case letters, digits and `-`.
    pub name: &'static str,
    /// Its title (the embed page's title and the iframe's `title`).
    pub title: &'static str,
    /// One sentence for the `/embed` index.
    pub summary: &'static str,
    /// Its state in the address. The widget binds these with `UrlState::bind`.
    pub fields: &'static [Field],
    /// A query with non-default values of every field, used by the round-trip tests and
    /// shown on the index as an example link.
    pub example: &'static str,
    /// The chrome-less view for `/embed/<name>`, laid out for a frame: the plot first and
    /// as large as fits, editor and readouts compact.
    pub embed: fn(EmbedOptions) -> AnyView,
    /// About how tall its embed page is in a 600 px wide frame, in CSS px: the height of the
    /// snippet's iframe, for a course page without the resize script (e2e keeps it near the
    /// measured height). A snippet copied on the embed page itself uses the page's height.
    pub height: u32,
}

/// What the Embed control needs of a widget. Not the whole [`Widget`]: that holds the embed
/// view, and a page that only offers the snippet (a lesson in the small first-visit binary)
/// would then carry every embed page's code.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct WidgetInfo {
    /// The widget's route name.
    pub name: &'static str,
    /// Its title.
    pub title: &'static str,
    /// Its declared height in a 600 px frame.
    pub height: u32,
}

impl Widget {
    /// What the Embed control needs (call it on the `const`, so the embed view is not kept).
    pub const fn info(&self) -> WidgetInfo {
        WidgetInfo {
            name: self.name,
            title: self.title,
            height: self.height,
        }
    }
}

/// The page colours an embed asks for.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Theme {
    /// Follow the reader's system setting.
    #[default]
    Auto,
    /// Always light.
    Light,
    /// Always dark.
    Dark,
}

/// An instructor's options for an embed, read from the address: `hide=editor` hides the
/// function editor, `lock=1` keeps the function fixed (the editor is read-only),
/// `theme=light|dark` picks the colours.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct EmbedOptions {
    /// Hide the function editor.
    pub hide_editor: bool,
    /// The learner cannot change the function.
    pub lock_function: bool,
    /// The colours.
    pub theme: Theme,
}

impl EmbedOptions {
    /// The options in a query string (unknown values are ignored: these only ever hide or
    /// lock, so a typo shows the full widget).
    pub fn from_query(query: &str) -> EmbedOptions {
        let query = query.strip_prefix('?').unwrap_or(query);
        if query.len() > super::url_state::MAX_QUERY {
            return EmbedOptions::default();
        }
        let mut o = EmbedOptions::default();
        for (k, v) in super::url_state::parse_query(query) {
            match (k.as_str(), v.as_str()) {
                ("hide", v) if v.split(',').any(|p| p == "editor") => o.hide_editor = true,
                ("lock", "1" | "true" | "f" | "function") => o.lock_function = true,
                ("theme", "light") => o.theme = Theme::Light,
                ("theme", "dark") => o.theme = Theme::Dark,
                _ => {}
            }
        }
        o
    }
}

impl EmbedOptions {
    /// The options as a query (`hide=editor&lock=1&theme=dark`), empty for the defaults;
    /// [`EmbedOptions::from_query`] reads it back.
    pub fn to_query(&self) -> String {
        let mut parts = Vec::new();
        if self.hide_editor {
            parts.push("hide=editor");
        }
        if self.lock_function {
            parts.push("lock=1");
        }
        match self.theme {
            Theme::Auto => {}
            Theme::Light => parts.push("theme=light"),
            Theme::Dark => parts.push("theme=dark"),
        }
        parts.join("&")
    }
}

/// A widget's state query followed by the instructor's options, so a snippet copied from an
/// embed keeps what the instructor hid or locked.
pub fn with_options(query: &str, options: &EmbedOptions) -> String {
    let extra = options.to_query();
    match (query.is_empty(), extra.is_empty()) {
        (_, true) => query.to_string(),
        (true, false) => extra,
        (false, false) => format!("{query}&{extra}"),
    }
}

/// The address of a widget's embed page with the given state query, under `origin_base`
/// (e.g. `https://user.github.io/nabla`).
pub fn embed_url(origin_base: &str, name: &str, query: &str) -> String {
    if query.is_empty() {
        format!("{origin_base}/embed/{name}")
    } else {
        format!("{origin_base}/embed/{name}?{query}")
    }
}

/// The `<iframe>` snippet for a widget: text to copy, never parsed as HTML here. Quotes and
/// ampersands are escaped for the attribute.
pub fn iframe_snippet(url: &str, title: &str, height: u32) -> String {
    let esc = |s: &str| {
        s.replace('&', "&amp;")
            .replace('"', "&quot;")
            .replace('<', "&lt;")
            .replace('>', "&gt;")
    };
    format!(
        "<iframe src=\"{}\" title=\"{}\" width=\"100%\" height=\"{height}\" loading=\"lazy\" \
         style=\"border:0;max-width:100%\"></iframe>",
        esc(url),
        esc(title)
    )
}

/// The iframe height for a snippet: the embed page's own height when the snippet is copied
/// there (it is laid out for a frame), else the widget's declared `height`.
fn frame_height(declared: u32) -> u32 {
    let document = web_sys::window().and_then(|w| w.document());
    let on_embed = document
        .as_ref()
        .and_then(|d| d.query_selector(".embed").ok().flatten());
    match (on_embed, document.and_then(|d| d.document_element())) {
        (Some(_), Some(root)) => (root.scroll_height().max(0) as u32).clamp(200, 8000),
        _ => declared,
    }
}

/// The "Embed" control: a disclosure that shows a copyable `<iframe>` snippet of the widget
/// as it is now.
#[component]
pub fn EmbedControl(
    /// The widget (`WIDGET.info()` of its `WIDGET` constant).
    widget: WidgetInfo,
    /// The widget's state as an unprefixed query (`UrlState::query`).
    #[prop(into)]
    query: Signal<String>,
) -> impl IntoView {
    let (name, title, height) = (widget.name, widget.title, widget.height);
    let open = RwSignal::new(false);
    let snippet = move || {
        let origin = web_sys::window()
            .and_then(|w| w.location().origin().ok())
            .unwrap_or_default();
        let base = format!("{origin}{}", super::routes::base_path());
        // Inside an embed, the snippet keeps the instructor's options from the address.
        let options = web_sys::window()
            .map(|w| w.location())
            .filter(|l| l.pathname().is_ok_and(|p| p.contains("/embed/")))
            .and_then(|l| l.search().ok())
            .map(|q| EmbedOptions::from_query(&q))
            .unwrap_or_default();
        let query = with_options(&query.get(), &options);
        iframe_snippet(&embed_url(&base, name, &query), title, frame_height(height))
    };
    let copied = RwSignal::new(false);
    let copy = move |_| {
        if let Some(clipboard) = web_sys::window().map(|w| w.navigator().clipboard()) {
            let _ = clipboard.write_text(&snippet());
            copied.set(true);
        }
    };
    view! {
        <div class="embed-control">
            <button
                type="button"
                class="button-secondary"
                aria-expanded=move || open.get().to_string()
                on:click=move |_| {
                    copied.set(false);
                    open.update(|o| *o = !*o);
                }
            >
                "Embed"
            </button>
            {move || {
                open.get()
                    .then(|| {
                        view! {
                            <div class="embed-snippet">
                                <label>
                                    "Paste this into a course page to show this "
                                    {title.to_lowercase()}
                                    " as it is now:"
                                    <textarea
                                        readonly
                                        rows="4"
                                        class="embed-code"
                                        data-testid="embed-code"
                                        prop:value=snippet
                                    ></textarea>
                                </label>
                                <button type="button" class="button-secondary" on:click=copy>
                                    {move || if copied.get() { "Copied" } else { "Copy" }}
                                </button>
                            </div>
                        }
                    })
            }}
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn options_come_from_the_query() {
        let o = EmbedOptions::from_query("?hide=editor&lock=1&theme=dark&f=x");
        assert_eq!(
            o,
            EmbedOptions {
                hide_editor: true,
                lock_function: true,
                theme: Theme::Dark
            }
        );
        assert_eq!(
            EmbedOptions::from_query("hide=nothing&theme=pink"),
            EmbedOptions::default()
        );
    }

    #[test]
    fn options_go_back_into_a_query() {
        for q in [
            "",
            "hide=editor",
            "lock=1&theme=light",
            "hide=editor&lock=1&theme=dark",
        ] {
            let o = EmbedOptions::from_query(q);
            assert_eq!(o.to_query(), q);
            assert_eq!(EmbedOptions::from_query(&o.to_query()), o);
        }
        let locked = EmbedOptions::from_query("lock=1");
        assert_eq!(with_options("v=1&f=x", &locked), "v=1&f=x&lock=1");
        assert_eq!(with_options("", &locked), "lock=1");
        assert_eq!(with_options("v=1", &EmbedOptions::default()), "v=1");
    }

    #[test]
    fn the_snippet_escapes_its_attributes() {
        let s = iframe_snippet(
            &embed_url("https://a.b/nabla", "explorer", "v=1&f=x\"y"),
            "Function <explorer>",
            560,
        );
        assert!(
            s.contains("src=\"https://a.b/nabla/embed/explorer?v=1&amp;f=x&quot;y\""),
            "{s}"
        );
        assert!(s.contains("title=\"Function &lt;explorer&gt;\""));
        assert_eq!(embed_url("", "dial", ""), "/embed/dial");
    }
}
