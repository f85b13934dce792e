//! The widget registry: the one table of embeddable widgets. Declaring a widget here gives it
//! the route `/embed/<name>`, its URL state round trip and a place on the `/embed` index. No
//! route table edits. What a widget declares about itself is in `widget`.

use super::widget::Widget;

/// Every embeddable widget. Add yours here.
pub static WIDGETS: &[&Widget] = &[
    &super::explorer::WIDGET,
    &super::slice_views::TANGENT_WIDGET,
    &super::slice_views::SURFACE_WIDGET,
    &super::direction_dial::WIDGET,
    &super::race::WIDGET,
    &super::gradient_check::WIDGET,
    &super::clipping_lab::WIDGET,
    &super::deep_chain_lab::WIDGET,
    &super::image_lab::WIDGET,
    &super::flow_lab::WIDGET,
    &super::bandit_lab::WIDGET,
    &super::embedding_lab::WIDGET,
    &super::logistic_trainer::WIDGET,
    &super::layer_graph::WIDGET,
    &super::tape_viewer::WIDGET,
    &super::rate_explorer::WIDGET,
    &super::regression_trainer::WIDGET,
    &super::hessian_explorer::WIDGET,
    &super::quiz::WIDGET,
];

/// The registered widget called `name`.
pub fn find(name: &str) -> Option<&'static Widget> {
    WIDGETS.iter().copied().find(|w| w.name == name)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ui::url_state::decode;

    #[test]
    fn names_are_unique_and_route_safe() {
        let mut names: Vec<&str> = WIDGETS.iter().map(|w| w.name).collect();
        for n in &names {
            assert!(!n.is_empty());
            assert!(n
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-'));
        }
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), WIDGETS.len());
    }

    #[test]
    fn every_example_reads_without_notes_and_differs_from_the_defaults() {
        for w in WIDGETS {
            let d = decode(w.fields, "", w.example, &[]);
            assert!(d.notes.is_empty(), "{}: {:?}", w.name, d.notes);
            for (f, v) in w.fields.iter().zip(&d.values) {
                assert_ne!(
                    &f.default_value(),
                    v,
                    "{}: example leaves {} at its default",
                    w.name,
                    f.key
                );
            }
        }
    }
}
