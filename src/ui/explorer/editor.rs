//! The function editor: a text field recomputed on every keystroke, with the parse error
//! shown under it and the offending part of the text marked.

use leptos::prelude::*;

use crate::tutor::analysis::{InputError, DEFAULT_FUNCTION};

/// A labelled text field for f(x, y) and the error under it.
#[component]
pub fn FunctionEditor(
    /// Prefix for the element ids (unique per explorer on the page).
    #[prop(into)]
    id: String,
    /// The text the field starts with.
    #[prop(into)]
    initial: String,
    /// Why the current text cannot be plotted, if it cannot.
    #[prop(into)]
    error: Signal<Option<InputError>>,
    /// Called with the field's text on every input.
    on_input: Callback<String>,
    /// The function cannot be changed (an instructor locked it).
    #[prop(optional)]
    locked: bool,
    /// The last function that worked, as the plots still show it while the text has an error.
    #[prop(optional, into)]
    shown: Option<Signal<Option<String>>>,
) -> impl IntoView {
    let input_id = format!("{id}-input");
    let error_id = format!("{id}-error");
    let (typed, set_typed) = signal(initial.clone());
    let error_id_attr = error_id.clone();
    view! {
        <div class="fx-editor">
            <label class="fx-label" for=input_id.clone()>
                <span class="fx-label-text">"f(x, y) ="</span>
            </label>
            <input
                id=input_id
                class="fx-input"
                type="text"
                value=initial
                readonly=locked
                placeholder=DEFAULT_FUNCTION
                spellcheck="false"
                autocomplete="off"
                autocapitalize="off"
                aria-invalid=move || if error.with(Option::is_some) { "true" } else { "false" }
                aria-describedby=move || error.with(Option::is_some).then(|| error_id_attr.clone())
                on:input=move |ev| {
                    let text = event_target_value(&ev);
                    set_typed.set(text.clone());
                    on_input.run(text);
                }
            />
            <div id=error_id class="fx-error" aria-live="polite">
                {move || {
                    error
                        .get()
                        .map(|e| {
                            let text = typed.get();
                            let (before, marked, after) = e.split(&text);
                            let marked = if marked.is_empty() {
                                "\u{2009}".to_string()
                            } else {
                                marked.to_string()
                            };
                            let show_source = e.span.is_some() && !text.trim().is_empty();
                            let stale = shown.and_then(|s| s.get()).map(|f| {
                                view! {
                                    <p class="fx-error-stale">
                                        "The plots still show the last function that worked: f = "
                                        {f}
                                    </p>
                                }
                            });
                            view! {
                                <p class="fx-error-message">{e.message.clone()}</p>
                                {stale}
                                {show_source
                                    .then(|| {
                                        view! {
                                            <p class="fx-error-source" aria-hidden="true">
                                                <code>
                                                    {before.to_string()}
                                                    <mark class="fx-error-mark">{marked}</mark>
                                                    {after.to_string()}
                                                </code>
                                            </p>
                                        }
                                    })}
                            }
                        })
                }}
            </div>
        </div>
    }
}
