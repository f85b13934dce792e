//! Components and pages: everything that creates signals or touches the DOM, apart from the
//! lessons' own bodies.

pub mod app;
pub mod clipping_lab;
pub mod deep_chain_lab;
pub mod direction_dial;
pub mod embed;
pub mod exercise;
pub mod explorer;
pub mod gradient_check;
pub mod hessian_explorer;
pub mod home;
pub mod image_lab;
pub mod lab_controls;
pub mod layer_graph;
pub mod layout;
pub mod lesson_context;
pub mod lesson_page;
pub mod logistic_trainer;
pub mod map_canvas;
pub mod math_view;
pub mod not_found;
pub mod playground;
pub mod plot_canvas;
pub mod progress;
pub mod question_box;
pub mod race;
pub mod raster;
pub mod rate_explorer;
pub mod registry;
pub mod regression_trainer;
pub mod reveal;
pub mod share_link;
pub mod tape_viewer;
pub mod url_state;
pub mod worked_example;
