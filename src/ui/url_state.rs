//! State in the address: one versioned scheme (`v=1`) for every widget and lesson page, so a
//! link restores what the learner saw.
//!
//! A widget declares its state as a list of typed [`Field`]s with defaults and limits
//! (`Field::text("f", "function", "x^2 + y^2", 200)`, `Field::point(..)`, …). [`UrlState::bind`]
//! reads them from the address once, turning every unknown, invalid or oversized value into
//! the default plus a visible note (never a panic), and hands out one signal per field. When
//! a signal changes, the address follows by `history.replaceState` (never a new history
//! entry), at most a few times a second, and only non-default values are written.
//!
//! Reading and writing query strings is plain Rust ([`decode`], [`merge_query`],
//! [`encode_component`]), tested natively. A `+` in a value is a plus sign (people type
//! `?f=x^2+y^2`), unless the value also holds an encoded plus (`%2B`), which marks a form
//! encoder that wrote spaces as `+`.

use std::cell::{Cell, RefCell};
use std::time::Duration;

use leptos::prelude::*;

/// The scheme's version, written as `v=1`. A link without `v` is read as version 1.
pub const VERSION: u32 = 1;
/// The longest query string read at all; a longer one is ignored with a note.
pub const MAX_QUERY: usize = 4096;
/// The longest number (or point) value read.
pub const MAX_NUMBER_LEN: usize = 40;
/// The longest choice value read.
const MAX_CHOICE_LEN: usize = 32;
/// The most characters of a bad value quoted back in a note.
const QUOTE_LEN: usize = 32;
/// Parameters that belong to the page rather than to a widget: the version, the in-page
/// benchmark and the embed options (see `widget::EmbedOptions`).
pub const PAGE_KEYS: [&str; 5] = ["v", "bench", "hide", "lock", "theme"];

/// Says why a text value is not acceptable, if it is not (e.g. that it does not parse).
pub type Check = fn(&str) -> Result<(), String>;

/// The [`Check`] for function fields: the text parses.
pub fn check_function(text: &str) -> Result<(), String> {
    crate::math::parse(text)
        .map(|_| ())
        .map_err(|e| e.message())
}

/// What a field holds, its default and its limits.
#[derive(Clone, Copy, Debug)]
pub enum Kind {
    /// Text of at most `max_len` characters, checked by `valid` (e.g. that it parses).
    Text {
        /// The value when the address has none.
        default: &'static str,
        /// The most characters read.
        max_len: usize,
        /// Why a value is not acceptable, if it is not.
        valid: Option<Check>,
    },
    /// A finite number in `[min, max]`.
    Number {
        /// The value when the address has none.
        default: f64,
        /// The smallest value accepted.
        min: f64,
        /// The largest value accepted.
        max: f64,
    },
    /// Two finite numbers `a,b`, each in `[min, max]` (a point in the plane).
    Point {
        /// The value when the address has none.
        default: (f64, f64),
        /// The smallest coordinate accepted.
        min: f64,
        /// The largest coordinate accepted.
        max: f64,
    },
    /// On or off, written `1` or `0`.
    Flag {
        /// The value when the address has none.
        default: bool,
    },
    /// One of a few names.
    Choice {
        /// The value when the address has none (one of `options`).
        default: &'static str,
        /// The names accepted.
        options: &'static [&'static str],
    },
}

/// One piece of a widget's state: its key in the address, a name for notes, and its kind.
#[derive(Clone, Copy, Debug)]
pub struct Field {
    /// The query key (before any prefix), e.g. `f`.
    pub key: &'static str,
    /// What it is, in words, for notes ("function", "point").
    pub label: &'static str,
    /// Its type, default and limits.
    pub kind: Kind,
}

impl Field {
    /// A text field.
    pub const fn text(
        key: &'static str,
        label: &'static str,
        default: &'static str,
        max_len: usize,
    ) -> Field {
        Field {
            key,
            label,
            kind: Kind::Text {
                default,
                max_len,
                valid: None,
            },
        }
    }

    /// A text field whose values must pass `valid` (e.g. parse as a function).
    pub const fn checked_text(
        key: &'static str,
        label: &'static str,
        default: &'static str,
        max_len: usize,
        valid: Check,
    ) -> Field {
        Field {
            key,
            label,
            kind: Kind::Text {
                default,
                max_len,
                valid: Some(valid),
            },
        }
    }

    /// A number field.
    pub const fn number(
        key: &'static str,
        label: &'static str,
        default: f64,
        min: f64,
        max: f64,
    ) -> Field {
        Field {
            key,
            label,
            kind: Kind::Number { default, min, max },
        }
    }

    /// A point field.
    pub const fn point(
        key: &'static str,
        label: &'static str,
        default: (f64, f64),
        min: f64,
        max: f64,
    ) -> Field {
        Field {
            key,
            label,
            kind: Kind::Point { default, min, max },
        }
    }

    /// An on/off field.
    pub const fn flag(key: &'static str, label: &'static str, default: bool) -> Field {
        Field {
            key,
            label,
            kind: Kind::Flag { default },
        }
    }

    /// A field that is one of a few names.
    pub const fn choice(
        key: &'static str,
        label: &'static str,
        default: &'static str,
        options: &'static [&'static str],
    ) -> Field {
        Field {
            key,
            label,
            kind: Kind::Choice { default, options },
        }
    }

    /// The field's default value.
    pub fn default_value(&self) -> Value {
        match self.kind {
            Kind::Text { default, .. } => Value::Text(default.to_string()),
            Kind::Number { default, .. } => Value::Number(default),
            Kind::Point { default, .. } => Value::Point(default.0, default.1),
            Kind::Flag { default } => Value::Flag(default),
            Kind::Choice { default, .. } => Value::Choice(default.to_string()),
        }
    }

    /// Reads `raw` (already percent-decoded) as this field's value, or says why not.
    pub fn read(&self, raw: &str) -> Result<Value, String> {
        match self.kind {
            Kind::Text { max_len, valid, .. } => {
                let n = raw.chars().count();
                if n > max_len {
                    return Err(format!(
                        "it is {n} characters long (the limit is {max_len})"
                    ));
                }
                if let Some(valid) = valid {
                    valid(raw)?;
                }
                Ok(Value::Text(raw.to_string()))
            }
            Kind::Number { min, max, .. } => read_number(raw, min, max).map(Value::Number),
            Kind::Point { min, max, .. } => {
                if raw.len() > MAX_NUMBER_LEN {
                    return Err("it is too long".into());
                }
                let Some((a, b)) = raw.split_once(',') else {
                    return Err("it should be two numbers, like 1,0.5".into());
                };
                Ok(Value::Point(
                    read_number(a, min, max)?,
                    read_number(b, min, max)?,
                ))
            }
            Kind::Flag { .. } => match raw {
                "1" | "true" | "on" | "yes" => Ok(Value::Flag(true)),
                "0" | "false" | "off" | "no" => Ok(Value::Flag(false)),
                _ => Err("it should be 1 or 0".into()),
            },
            Kind::Choice { options, .. } => {
                if raw.len() <= MAX_CHOICE_LEN && options.contains(&raw) {
                    Ok(Value::Choice(raw.to_string()))
                } else {
                    Err(format!("it should be one of {}", options.join(", ")))
                }
            }
        }
    }

    /// Whether `value` has this field's kind.
    fn fits(&self, value: &Value) -> bool {
        matches!(
            (self.kind, value),
            (Kind::Text { .. }, Value::Text(_))
                | (Kind::Number { .. }, Value::Number(_))
                | (Kind::Point { .. }, Value::Point(..))
                | (Kind::Flag { .. }, Value::Flag(_))
                | (Kind::Choice { .. }, Value::Choice(_))
        )
    }
}

fn read_number(raw: &str, min: f64, max: f64) -> Result<f64, String> {
    let raw = raw.trim();
    if raw.len() > MAX_NUMBER_LEN {
        return Err("it is too long".into());
    }
    let x: f64 = raw.parse().map_err(|_| "it is not a number".to_string())?;
    if !x.is_finite() {
        return Err("it is not a finite number".into());
    }
    if x < min || x > max {
        return Err(format!(
            "it is outside {} to {}",
            format_number(min),
            format_number(max)
        ));
    }
    Ok(x)
}

/// A field's value.
#[derive(Clone, Debug, PartialEq)]
pub enum Value {
    /// Text.
    Text(String),
    /// A number.
    Number(f64),
    /// A point.
    Point(f64, f64),
    /// On or off.
    Flag(bool),
    /// One of a field's names.
    Choice(String),
}

impl Value {
    /// The value as written in the address (before percent-encoding).
    pub fn to_query_text(&self) -> String {
        match self {
            Value::Text(t) | Value::Choice(t) => t.clone(),
            Value::Number(x) => format_number(*x),
            Value::Point(a, b) => format!("{},{}", format_number(*a), format_number(*b)),
            Value::Flag(on) => if *on { "1" } else { "0" }.to_string(),
        }
    }

    /// Equal as written in the address (numbers to the 6 significant digits written).
    fn same_in_address(&self, other: &Value) -> bool {
        self.to_query_text() == other.to_query_text()
    }
}

/// A number with at most 6 significant digits and no trailing zeros: short enough for a
/// link, finer than a pixel on any plot.
pub fn format_number(x: f64) -> String {
    if !x.is_finite() {
        return "0".into();
    }
    let rounded: f64 = format!("{x:.5e}").parse().unwrap_or(x);
    let s = format!("{rounded}");
    if s == "-0" {
        "0".into()
    } else {
        s
    }
}

/// What was read from an address for one widget: a value per field (in the fields' order)
/// and notes for the learner about what could not be read.
#[derive(Clone, Debug, PartialEq)]
pub struct Decoded {
    /// One value per field.
    pub values: Vec<Value>,
    /// Sentences saying which values fell back to their defaults, and why.
    pub notes: Vec<String>,
}

/// Reads `fields` (their keys prefixed by `prefix`) from `query` (with or without its `?`).
/// `defaults` replaces fields' declared defaults by key. Never fails: what cannot be read
/// is the default, with a note.
pub fn decode(fields: &[Field], prefix: &str, query: &str, defaults: &[(&str, Value)]) -> Decoded {
    let default_of = |f: &Field| {
        defaults
            .iter()
            .find(|(k, v)| *k == f.key && f.fits(v))
            .map(|(_, v)| v.clone())
            .unwrap_or_else(|| f.default_value())
    };
    let mut values: Vec<Value> = fields.iter().map(default_of).collect();
    let mut notes = Vec::new();
    let query = query.strip_prefix('?').unwrap_or(query);
    if query.len() > MAX_QUERY {
        notes.push(format!(
            "The link's settings are too long to read ({} characters; the limit is {MAX_QUERY}), \
             so the defaults are shown.",
            query.len()
        ));
        return Decoded { values, notes };
    }
    let pairs = parse_query(query);
    if let Some((_, v)) = pairs.iter().find(|(k, _)| k == "v") {
        if v.trim() != VERSION.to_string() {
            notes.push(format!(
                "This link was made for another version of Nabla (v={}); settings that could \
                 not be read were reset.",
                quote(v)
            ));
        }
    }
    for (field, value) in fields.iter().zip(values.iter_mut()) {
        let key = format!("{prefix}{}", field.key);
        // The last occurrence wins, as in URLSearchParams.get… of a form that was edited.
        let Some((_, raw)) = pairs.iter().rev().find(|(k, _)| *k == key) else {
            continue;
        };
        match field.read(raw) {
            Ok(v) => *value = v,
            Err(why) => {
                // A check's reason may be a whole sentence ("The '(' at column 4 needs
                // something after it.") or a clause ("it should be two numbers").
                let why = why.trim();
                let reason = if why.ends_with('.') {
                    format!(". {why}")
                } else {
                    format!(": {why}.")
                };
                notes.push(format!(
                    "The {} in the link (\"{}\") could not be used{reason} Showing {} instead.",
                    field.label,
                    quote(raw),
                    shown_default(field, value)
                ))
            }
        }
    }
    Decoded { values, notes }
}

fn shown_default(field: &Field, value: &Value) -> String {
    match value {
        Value::Text(t) if t.is_empty() => "nothing".into(),
        _ if matches!(field.kind, Kind::Flag { .. }) => {
            format!(
                "the default ({})",
                if value == &Value::Flag(true) {
                    "on"
                } else {
                    "off"
                }
            )
        }
        v => format!("the default, {}", quote(&v.to_query_text())),
    }
}

/// At most `QUOTE_LEN` characters of `raw`, for a note (shown as text, never as HTML).
fn quote(raw: &str) -> String {
    let mut s: String = raw
        .chars()
        .filter(|c| !c.is_control())
        .take(QUOTE_LEN)
        .collect();
    if raw.chars().count() > QUOTE_LEN {
        s.push('…');
    }
    s
}

/// The keys in `query` that no widget on the page reads (`known`) and that are not
/// [`PAGE_KEYS`], each once, in order.
pub fn unknown_keys(query: &str, known: &[String]) -> Vec<String> {
    let query = query.strip_prefix('?').unwrap_or(query);
    if query.len() > MAX_QUERY {
        return Vec::new();
    }
    let mut out: Vec<String> = Vec::new();
    for (k, _) in parse_query(query) {
        if !PAGE_KEYS.contains(&k.as_str()) && !known.contains(&k) && !out.contains(&k) {
            out.push(k);
        }
    }
    out
}

/// A note naming unknown keys, or `None` when there are none.
pub fn unknown_note(keys: &[String]) -> Option<String> {
    if keys.is_empty() {
        return None;
    }
    let shown: Vec<String> = keys
        .iter()
        .take(5)
        .map(|k| format!("\"{}\"", quote(k)))
        .collect();
    Some(format!(
        "This page does not know the link's setting{} {}, so {} ignored.",
        if keys.len() == 1 { "" } else { "s" },
        shown.join(", "),
        if keys.len() == 1 {
            "it was"
        } else {
            "they were"
        }
    ))
}

/// The key–value pairs of a query string (without `?`), percent-decoded, `+` read as a
/// plus sign unless the value also holds `%2B`. Empty pieces are skipped.
pub fn parse_query(query: &str) -> Vec<(String, String)> {
    query
        .split('&')
        .filter(|p| !p.is_empty())
        .map(|p| {
            let (k, v) = p.split_once('=').unwrap_or((p, ""));
            (decode_component(k), decode_component(v))
        })
        .collect()
}

/// Percent-decodes one key or value. A `+` is a plus sign, unless the text also holds an
/// encoded plus (`%2B`): then it came from a form encoder that writes spaces as `+`.
/// Malformed escapes stay as typed; invalid UTF-8 becomes U+FFFD.
pub fn decode_component(raw: &str) -> String {
    let plus_is_space = raw.contains("%2B") || raw.contains("%2b");
    let bytes = raw.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'%' if i + 2 < bytes.len() => {
                let hex = |b: u8| (b as char).to_digit(16);
                match (hex(bytes[i + 1]), hex(bytes[i + 2])) {
                    (Some(h), Some(l)) => {
                        out.push((h * 16 + l) as u8);
                        i += 3;
                        continue;
                    }
                    _ => out.push(b'%'),
                }
            }
            b'+' if plus_is_space => out.push(b' '),
            b => out.push(b),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// Percent-encodes a key or value for a query string. Letters, digits and `-._~*(),!:/^`
/// stay readable; a space becomes `%20` and a plus `%2B`, so reading it back is exact.
pub fn encode_component(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for b in text.bytes() {
        match b {
            b'A'..=b'Z'
            | b'a'..=b'z'
            | b'0'..=b'9'
            | b'-'
            | b'.'
            | b'_'
            | b'~'
            | b'*'
            | b'('
            | b')'
            | b','
            | b'!'
            | b':'
            | b'/'
            | b'^' => out.push(b as char),
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

/// `query` (without `?`) with each `(key, Some(value))` set and each `(key, None)` removed,
/// other parameters kept in their order. `v=1` leads whenever a widget's value is present;
/// a query left with nothing but `v` becomes empty.
pub fn merge_query(query: &str, updates: &[(String, Option<String>)]) -> String {
    let query = query.strip_prefix('?').unwrap_or(query);
    // Other parameters are kept exactly as they were written.
    let mut pieces: Vec<String> = query
        .split('&')
        .filter(|p| !p.is_empty())
        .filter(|p| {
            let key = decode_component(p.split_once('=').map_or(*p, |(k, _)| k));
            key != "v" && !updates.iter().any(|(u, _)| *u == key)
        })
        .map(str::to_string)
        .collect();
    for (k, v) in updates {
        if let Some(v) = v {
            pieces.push(format!("{}={}", encode_component(k), encode_component(v)));
        }
    }
    let has_state = pieces.iter().any(|p| {
        let key = decode_component(p.split_once('=').map_or(p.as_str(), |(k, _)| k));
        !PAGE_KEYS.contains(&key.as_str())
    });
    let mut out: Vec<String> = Vec::new();
    if has_state {
        out.push(format!("v={VERSION}"));
    }
    out.extend(pieces);
    out.join("&")
}

/// The query for `values` of `fields` with their keys unprefixed, non-default values only,
/// led by `v=1`; empty when everything is at its default.
pub fn query_for(fields: &[Field], values: &[Value], defaults: &[(&str, Value)]) -> String {
    let updates: Vec<(String, Option<String>)> = fields
        .iter()
        .zip(values)
        .map(|(f, v)| {
            let default = defaults
                .iter()
                .find(|(k, d)| *k == f.key && f.fits(d))
                .map(|(_, d)| d.clone())
                .unwrap_or_else(|| f.default_value());
            (
                f.key.to_string(),
                (!v.same_in_address(&default)).then(|| v.to_query_text()),
            )
        })
        .collect();
    merge_query("", &updates)
}

// ───────────────────────────── the reactive side ─────────────────────────────

/// One field's signal.
#[derive(Clone, Copy)]
enum Slot {
    Text(RwSignal<String>),
    Number(RwSignal<f64>),
    Point(RwSignal<(f64, f64)>),
    Flag(RwSignal<bool>),
    Choice(RwSignal<String>),
}

impl Slot {
    fn new(value: Value) -> Slot {
        match value {
            Value::Text(t) => Slot::Text(RwSignal::new(t)),
            Value::Number(x) => Slot::Number(RwSignal::new(x)),
            Value::Point(a, b) => Slot::Point(RwSignal::new((a, b))),
            Value::Flag(on) => Slot::Flag(RwSignal::new(on)),
            Value::Choice(c) => Slot::Choice(RwSignal::new(c)),
        }
    }

    /// The current value (tracked).
    fn get(&self) -> Value {
        match self {
            Slot::Text(s) => Value::Text(s.get()),
            Slot::Number(s) => Value::Number(s.get()),
            Slot::Point(s) => {
                let (a, b) = s.get();
                Value::Point(a, b)
            }
            Slot::Flag(s) => Value::Flag(s.get()),
            Slot::Choice(s) => Value::Choice(s.get()),
        }
    }

    fn get_untracked(&self) -> Value {
        untrack(|| self.get())
    }
}

struct Bound {
    fields: &'static [Field],
    prefix: String,
    defaults: Vec<(&'static str, Value)>,
    slots: Vec<Slot>,
    notes: Vec<String>,
}

/// A widget's state bound to the address: one signal per field. `Copy`; lives as long as
/// the component that bound it.
#[derive(Clone, Copy)]
pub struct UrlState {
    bound: StoredValue<Bound>,
}

impl UrlState {
    /// Reads `fields` from the address (keys prefixed by `prefix`, `""` for a widget that
    /// owns the page) and keeps the address in step with their signals from now on.
    pub fn bind(fields: &'static [Field], prefix: &str) -> UrlState {
        UrlState::bind_with_defaults(fields, prefix, Vec::new())
    }

    /// As [`UrlState::bind`], with some fields' defaults replaced (a lesson's own starting
    /// function or point). Values equal to their default are left out of the address.
    pub fn bind_with_defaults(
        fields: &'static [Field],
        prefix: &str,
        defaults: Vec<(&'static str, Value)>,
    ) -> UrlState {
        let state = UrlState::detached_with_defaults(fields, prefix, defaults, &current_query());
        let notes = state.notes();
        if let Some(page) = use_context::<AddressNotes>() {
            page.add(&notes, fields.iter().map(|f| format!("{prefix}{}", f.key)));
        }
        let path = current_path();
        Effect::new(move |prev: Option<()>| {
            let updates = state.updates();
            if prev.is_some() {
                schedule_write(&path, updates);
            }
        });
        state
    }

    /// Fields with values read from `query`, not connected to the address (tests, and
    /// widgets shown twice on one page).
    pub fn detached_with_defaults(
        fields: &'static [Field],
        prefix: &str,
        defaults: Vec<(&'static str, Value)>,
        query: &str,
    ) -> UrlState {
        let decoded = decode(fields, prefix, query, &defaults);
        let slots = decoded.values.into_iter().map(Slot::new).collect();
        UrlState {
            bound: StoredValue::new(Bound {
                fields,
                prefix: prefix.to_string(),
                defaults,
                slots,
                notes: decoded.notes,
            }),
        }
    }

    /// Notes about values in the address that fell back to their defaults.
    pub fn notes(&self) -> Vec<String> {
        self.bound.with_value(|b| b.notes.clone())
    }

    /// The address updates for the current values (tracked): non-defaults set, defaults
    /// removed.
    fn updates(&self) -> Vec<(String, Option<String>)> {
        let slots = self.bound.with_value(|b| b.slots.clone());
        let values: Vec<Value> = slots.iter().map(Slot::get).collect();
        self.bound.with_value(|b| {
            b.fields
                .iter()
                .zip(&values)
                .map(|(f, v)| {
                    let default = b
                        .defaults
                        .iter()
                        .find(|(k, d)| *k == f.key && f.fits(d))
                        .map(|(_, d)| d.clone())
                        .unwrap_or_else(|| f.default_value());
                    (
                        format!("{}{}", b.prefix, f.key),
                        (!v.same_in_address(&default)).then(|| v.to_query_text()),
                    )
                })
                .collect()
        })
    }

    /// The current values, unprefixed, as a query (`v=1&f=…`) for an embed or a link to
    /// the widget on its own. Tracked, so a view of it follows the state.
    pub fn query(&self) -> String {
        let slots = self.bound.with_value(|b| b.slots.clone());
        let values: Vec<Value> = slots.iter().map(Slot::get).collect();
        self.bound
            .with_value(|b| query_for(b.fields, &values, &b.defaults))
    }

    /// The query for an embed of this widget: every value that differs from the *widget's*
    /// own defaults (tracked). A lesson's starting function or point is a default of the
    /// lesson's page, not of the embed page, so [`UrlState::query`] leaves it out of the
    /// address while an embed snippet must carry it.
    pub fn embed_query(&self) -> String {
        let slots = self.bound.with_value(|b| b.slots.clone());
        let values: Vec<Value> = slots.iter().map(Slot::get).collect();
        self.bound.with_value(|b| query_for(b.fields, &values, &[]))
    }

    /// The current values, in the fields' order (untracked).
    pub fn values(&self) -> Vec<Value> {
        let slots = self.bound.with_value(|b| b.slots.clone());
        slots.iter().map(Slot::get_untracked).collect()
    }

    fn slot(&self, key: &str) -> Option<Slot> {
        self.bound.with_value(|b| {
            b.fields
                .iter()
                .position(|f| f.key == key)
                .and_then(|i| b.slots.get(i).copied())
        })
    }

    /// The signal of text field `key`. A key the widget did not declare (a programming
    /// error) gets a signal of its own, not connected to the address.
    pub fn text(&self, key: &str) -> RwSignal<String> {
        match self.slot(key) {
            Some(Slot::Text(s)) => s,
            _ => undeclared(key, String::new()),
        }
    }

    /// The signal of number field `key` (see [`UrlState::text`]).
    pub fn number(&self, key: &str) -> RwSignal<f64> {
        match self.slot(key) {
            Some(Slot::Number(s)) => s,
            _ => undeclared(key, 0.0),
        }
    }

    /// The signal of point field `key` (see [`UrlState::text`]).
    pub fn point(&self, key: &str) -> RwSignal<(f64, f64)> {
        match self.slot(key) {
            Some(Slot::Point(s)) => s,
            _ => undeclared(key, (0.0, 0.0)),
        }
    }

    /// The signal of on/off field `key` (see [`UrlState::text`]).
    pub fn flag(&self, key: &str) -> RwSignal<bool> {
        match self.slot(key) {
            Some(Slot::Flag(s)) => s,
            _ => undeclared(key, false),
        }
    }

    /// The signal of choice field `key` (see [`UrlState::text`]).
    pub fn choice(&self, key: &str) -> RwSignal<String> {
        match self.slot(key) {
            Some(Slot::Choice(s)) => s,
            _ => undeclared(key, String::new()),
        }
    }
}

/// Ties a signal the page around a widget shares with it (a lesson's point, a tangent's x) to
/// the widget's field in the address: the shared signal starts from the address, and the
/// address follows it from then on.
pub fn share_with_address<T: Clone + Send + Sync + 'static>(
    shared: RwSignal<T>,
    in_url: RwSignal<T>,
) {
    shared.set(in_url.get_untracked());
    Effect::new(move |_| in_url.set(shared.get()));
}

fn undeclared<T: Send + Sync + 'static>(key: &str, value: T) -> RwSignal<T> {
    leptos::logging::warn!("url_state: no field {key:?} of that kind was declared");
    RwSignal::new(value)
}

/// The query string the page was opened with (without `?`): the router's, which is already
/// the new address during a client-side navigation, or the window's.
fn current_query() -> String {
    if let Some(location) = use_context::<leptos_router::location::Location>() {
        return location.search.get_untracked();
    }
    web_sys::window()
        .and_then(|w| w.location().search().ok())
        .unwrap_or_default()
}

fn current_path() -> String {
    if let Some(location) = use_context::<leptos_router::location::Location>() {
        return location.pathname.get_untracked();
    }
    web_sys::window()
        .and_then(|w| w.location().pathname().ok())
        .unwrap_or_default()
}

/// How long address writes are gathered before one `replaceState` (browsers throttle a page
/// that replaces its address hundreds of times in a few seconds, as a drag would).
const WRITE_DELAY: Duration = Duration::from_millis(200);

thread_local! {
    static PENDING: RefCell<Vec<(String, Option<String>)>> = const { RefCell::new(Vec::new()) };
    static PENDING_PATH: RefCell<String> = const { RefCell::new(String::new()) };
    static SCHEDULED: Cell<bool> = const { Cell::new(false) };
}

/// Gathers `updates` for the page at `path` and writes them all at once a moment later.
fn schedule_write(path: &str, updates: Vec<(String, Option<String>)>) {
    PENDING.with(|p| {
        let mut p = p.borrow_mut();
        for (k, v) in updates {
            match p.iter_mut().find(|(pk, _)| *pk == k) {
                Some(slot) => slot.1 = v,
                None => p.push((k, v)),
            }
        }
    });
    PENDING_PATH.with(|p| *p.borrow_mut() = path.to_string());
    if SCHEDULED.with(|s| s.replace(true)) {
        return;
    }
    set_timeout(flush_writes, WRITE_DELAY);
}

fn flush_writes() {
    SCHEDULED.with(|s| s.set(false));
    let updates = PENDING.with(|p| std::mem::take(&mut *p.borrow_mut()));
    let path = PENDING_PATH.with(|p| p.borrow().clone());
    let Some(window) = web_sys::window() else {
        return;
    };
    let location = window.location();
    let (Ok(now), Ok(search), Ok(hash)) = (location.pathname(), location.search(), location.hash())
    else {
        return;
    };
    // The learner has gone to another page since: these values belonged to the old one.
    if now != path {
        return;
    }
    let query = merge_query(&search, &updates);
    let url = if query.is_empty() {
        format!("{now}{hash}")
    } else {
        format!("{now}?{query}{hash}")
    };
    if let Ok(history) = window.history() {
        // Keep the router's own history state.
        let state = history.state().unwrap_or(wasm_bindgen::JsValue::NULL);
        let _ = history.replace_state_with_url(&state, "", Some(&url));
    }
}

/// The page's notes about its address, and every key its widgets read, shared by context so
/// one box at the top of a page lists what could not be restored.
#[derive(Clone, Copy)]
pub struct AddressNotes {
    notes: RwSignal<Vec<String>>,
    keys: StoredValue<Vec<String>>,
}

impl AddressNotes {
    fn add(&self, notes: &[String], keys: impl Iterator<Item = String>) {
        if !notes.is_empty() {
            self.notes.update(|n| n.extend(notes.iter().cloned()));
        }
        self.keys.update_value(|k| k.extend(keys));
    }
}

/// Provides the page's [`AddressNotes`]; call it in a page component before its widgets.
pub fn provide_address_notes() -> AddressNotes {
    let notes = AddressNotes {
        notes: RwSignal::new(Vec::new()),
        keys: StoredValue::new(Vec::new()),
    };
    provide_context(notes);
    notes
}

/// The notes box: what in the address could not be restored, and settings no widget on
/// the page reads. Empty (and absent) when everything was read.
#[component]
pub fn AddressNotesBox(
    /// The page's notes, from [`provide_address_notes`].
    notes: AddressNotes,
) -> impl IntoView {
    let query = current_query();
    // Runs after the page's widgets have been built and declared their keys.
    Effect::new(move |_| {
        let known = notes.keys.get_value();
        if let Some(note) = unknown_note(&unknown_keys(&query, &known)) {
            notes.notes.update(|n| n.push(note));
        }
    });
    let dismissed = RwSignal::new(false);
    move || {
        let list = notes.notes.get();
        (!list.is_empty() && !dismissed.get()).then(|| {
            view! {
                <div class="address-notes" role="status" data-testid="address-notes">
                    <ul>{list.into_iter().map(|n| view! { <li>{n}</li> }).collect_view()}</ul>
                    <button type="button" class="button-secondary" on:click=move |_| dismissed.set(true)>
                        "Dismiss"
                    </button>
                </div>
            }
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const FIELDS: [Field; 5] = [
        Field::checked_text("f", "function", "x^2 + y^2", 200, check_function),
        Field::point("p", "point", (1.0, 0.5), -1e6, 1e6),
        Field::flag("field", "gradient field", true),
        Field::number("rate", "step size", 0.1, 1e-4, 10.0),
        Field::choice("view", "view", "contour", &["contour", "surface"]),
    ];

    #[test]
    fn an_embed_carries_what_a_lesson_starts_with() {
        // A lesson starts the widget on its own function and point: its address leaves them
        // out (they are the page's defaults) but an embed page would not know them.
        let owner = Owner::new();
        owner.with(|| {
            let lesson = UrlState::detached_with_defaults(
                &FIELDS,
                "",
                vec![
                    ("f", Value::Text("x^2 - y^2".into())),
                    ("p", Value::Point(3.0, 4.0)),
                ],
                "",
            );
            assert_eq!(lesson.query(), "");
            let embed = lesson.embed_query();
            assert!(embed.starts_with("v=1&"), "{embed}");
            let back = read(&embed);
            assert_eq!(back.values[0], Value::Text("x^2 - y^2".into()));
            assert_eq!(back.values[1], Value::Point(3.0, 4.0));
            assert!(back.notes.is_empty());
            // At the widget's own defaults there is nothing to carry.
            let plain = UrlState::detached_with_defaults(&FIELDS, "", Vec::new(), "");
            assert_eq!(plain.embed_query(), "");
        });
    }

    fn read(query: &str) -> Decoded {
        decode(&FIELDS, "", query, &[])
    }

    #[test]
    fn a_plus_in_a_typed_link_is_a_plus_sign() {
        let d = read("?f=x^2+y^2");
        assert_eq!(d.values[0], Value::Text("x^2+y^2".into()));
        assert!(d.notes.is_empty());
        // A form encoder's output (spaces as +, plus as %2B) still reads right.
        let d = read("f=x%5E2+%2B+y%5E2");
        assert_eq!(d.values[0], Value::Text("x^2 + y^2".into()));
        // Our own encoding round-trips exactly.
        let text = "sin x + cos(y)² ÷ 3 & 4 = 5%";
        assert_eq!(decode_component(&encode_component(text)), text);
    }

    #[test]
    fn values_round_trip_through_the_address() {
        let values = vec![
            Value::Text("sin(x*y) + exp(-x^2)".into()),
            Value::Point(-2.5, 1.0 / 3.0),
            Value::Flag(false),
            Value::Number(0.25),
            Value::Choice("surface".into()),
        ];
        let q = query_for(&FIELDS, &values, &[]);
        assert!(q.starts_with("v=1&"), "{q}");
        let d = read(&q);
        assert!(d.notes.is_empty(), "{:?}", d.notes);
        assert_eq!(d.values[0], values[0]);
        let Value::Point(a, b) = d.values[1] else {
            panic!("point")
        };
        assert!((a + 2.5).abs() < 1e-12 && (b - 1.0 / 3.0).abs() < 1e-5);
        assert_eq!(&d.values[2..], &values[2..]);
    }

    #[test]
    fn defaults_are_left_out_of_the_address() {
        let defaults: Vec<Value> = FIELDS.iter().map(Field::default_value).collect();
        assert_eq!(query_for(&FIELDS, &defaults, &[]), "");
        let mut one = defaults.clone();
        one[2] = Value::Flag(false);
        assert_eq!(query_for(&FIELDS, &one, &[]), "v=1&field=0");
        // A lesson's own default is a default too.
        let lesson = [("p", Value::Point(3.0, 4.0))];
        let mut at = defaults;
        at[1] = Value::Point(3.0, 4.0);
        assert_eq!(query_for(&FIELDS, &at, &lesson), "");
        assert_eq!(
            decode(&FIELDS, "", "", &lesson).values[1],
            Value::Point(3.0, 4.0)
        );
    }

    #[test]
    fn bad_values_fall_back_to_defaults_with_a_note_each() {
        let d = read("f=x^^2&p=1,nan&field=maybe&rate=1e400&view=<script>");
        assert_eq!(
            d.values,
            FIELDS.iter().map(Field::default_value).collect::<Vec<_>>()
        );
        assert_eq!(d.notes.len(), 5, "{:?}", d.notes);
        assert!(
            d.notes[0].contains("function") && d.notes[0].contains("x^^2"),
            "{}",
            d.notes[0]
        );
        assert!(d.notes[3].contains("step size"), "{}", d.notes[3]);
        // An unfinished function is named with its problem, in sentences that end once.
        let d = read("f=sin(");
        assert_eq!(
            d.notes,
            [
                "The function in the link (\"sin(\") could not be used. The '(' at column 4 needs \
              something after it. Showing the default, x^2 + y^2 instead."
            ]
        );
        let d = read("rate=-1&p=5");
        assert!(d.notes[0].contains("two numbers"), "{:?}", d.notes);
        assert!(d.notes[1].contains("outside"), "{:?}", d.notes);
    }

    #[test]
    fn oversized_values_and_queries_are_refused() {
        let long = "x+".repeat(150) + "y";
        let d = read(&format!("f={long}"));
        assert_eq!(d.values[0], Value::Text("x^2 + y^2".into()));
        assert!(d.notes[0].contains("301 characters"), "{:?}", d.notes);
        // The note quotes only the start of what was there.
        assert!(d.notes[0].chars().count() < 200);
        let huge = format!("p=2,2&f={}", "x".repeat(MAX_QUERY));
        let d = read(&huge);
        assert_eq!(d.values[1], Value::Point(1.0, 0.5));
        assert_eq!(d.notes.len(), 1);
        assert!(d.notes[0].contains("too long"));
        let d = read(&format!("p={}", "1".repeat(100)));
        assert_eq!(d.values[1], Value::Point(1.0, 0.5));
        assert_eq!(d.notes.len(), 1);
    }

    #[test]
    fn versions_and_unknown_keys_are_noted() {
        assert!(read("v=1&field=0").notes.is_empty());
        let d = read("v=7&field=0");
        assert_eq!(d.values[2], Value::Flag(false));
        assert!(d.notes[0].contains("v=7"));
        let known: Vec<String> = FIELDS.iter().map(|f| f.key.to_string()).collect();
        assert_eq!(
            unknown_keys("v=1&f=x&zoom=3&bench&hide=editor&zoom=4", &known),
            vec!["zoom".to_string()]
        );
        assert!(unknown_note(&["zoom".into()]).is_some_and(|n| n.contains("\"zoom\"")));
        assert_eq!(unknown_note(&[]), None);
    }

    #[test]
    fn prefixed_fields_share_one_address() {
        let d = decode(&FIELDS, "l4-", "f=x*y&l4-f=sin x&l4-field=0", &[]);
        assert_eq!(d.values[0], Value::Text("sin x".into()));
        assert_eq!(d.values[2], Value::Flag(false));
    }

    #[test]
    fn merging_keeps_other_parameters_and_leads_with_the_version() {
        let q = merge_query(
            "?bench&a=%5E&f=old&v=1",
            &[("f".into(), Some("x+y".into())), ("p".into(), None)],
        );
        assert_eq!(q, "v=1&bench&a=%5E&f=x%2By");
        assert_eq!(merge_query("v=1&f=x", &[("f".into(), None)]), "");
        assert_eq!(merge_query("bench", &[]), "bench");
    }

    #[test]
    fn malformed_escapes_never_panic() {
        for raw in ["%", "%4", "%zz", "%E2%82", "a%", "%%%", "+%2b+"] {
            let _ = decode_component(raw);
            let _ = read(&format!("f={raw}&p={raw}&{raw}={raw}"));
        }
        assert_eq!(decode_component("%zz%4"), "%zz%4");
        assert_eq!(decode_component("%E2%82"), "\u{FFFD}");
    }

    #[test]
    fn numbers_are_written_short() {
        assert_eq!(format_number(1.0), "1");
        assert_eq!(format_number(-0.0), "0");
        assert_eq!(format_number(1.0 / 3.0), "0.333333");
        assert_eq!(format_number(123456789.0), "123457000");
        assert_eq!(format_number(1e-7), "0.0000001");
        assert_eq!(format_number(f64::NAN), "0");
    }
}
