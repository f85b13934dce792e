//! Drawing with plotters onto any `DrawingBackend`: canvas in the browser, SVG or bitmap in
//! native tests. Knows nothing of Leptos or the DOM.
