//! Components and pages: everything that creates signals or touches the DOM, apart from the
//! lessons' own bodies.

pub mod app;
pub mod embed;
pub mod explorer;
pub mod home;
pub mod layout;
pub mod lesson_page;
pub mod not_found;
pub mod playground;
pub mod share_link;
