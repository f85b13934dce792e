//! Components and pages: everything that creates signals or touches the DOM, apart from the
//! lessons' own bodies.

pub mod app;
pub mod home;
pub mod layout;
pub mod lesson_page;
pub mod not_found;
pub mod playground;
