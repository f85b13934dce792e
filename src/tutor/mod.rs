//! The teaching logic: questions a learner answers, how an answer is read and checked, what a
//! wrong answer gets told, and hints given one idea at a time. Plain Rust with no web imports;
//! `ui::question_box` and `ui::exercise` only wire it to the page.
//!
//! A new kind of question implements [`Question`] in the lesson's own pure module (or here)
//! and is shown by the `QuestionBox` widget; no shared `match` needs a new arm.
//! [`NumberQuestion`], [`VectorQuestion`] and [`ChoiceQuestion`] cover numeric answers, a
//! few numbers such as a gradient, and a choice among options, each with diagnoses of
//! expected mistakes.

pub mod analysis;
pub mod descent;
pub mod exercise;
pub mod format;
pub mod model_questions;
mod number;
pub mod pitfall_questions;
pub mod point;
mod question;
pub mod quiz;
pub mod second_order;
pub mod worked;

pub use number::{close_enough, number_word, read_number, read_numbers};
pub use question::{
    AnswerForm, ChoiceOption, ChoiceQuestion, Mistake, NumberQuestion, Question, VectorMistake,
    VectorQuestion,
};

/// A piece of a question as the page shows it.
#[derive(Clone, Debug, PartialEq)]
pub enum QuestionPart {
    /// Plain words.
    Words(String),
    /// A formula: LaTeX to typeset, and how it reads as plain text.
    Formula {
        /// The LaTeX source.
        tex: String,
        /// How a screen reader (and the plain-text form of the question) reads it.
        text: String,
    },
}

impl QuestionPart {
    /// Words.
    pub fn words(w: impl Into<String>) -> QuestionPart {
        QuestionPart::Words(w.into())
    }

    /// A formula with its plain reading.
    pub fn formula(tex: impl Into<String>, text: impl Into<String>) -> QuestionPart {
        QuestionPart::Formula {
            tex: tex.into(),
            text: text.into(),
        }
    }

    /// The part as plain text.
    pub fn text(&self) -> &str {
        match self {
            QuestionPart::Words(w) => w,
            QuestionPart::Formula { text, .. } => text,
        }
    }
}

/// The plain text of a question made of parts.
pub fn plain_text(parts: &[QuestionPart]) -> String {
    parts.iter().map(QuestionPart::text).collect()
}

/// The result of checking an answer.
#[derive(Clone, Debug, PartialEq)]
pub enum Verdict {
    /// The answer is right.
    Correct,
    /// The answer was read but is not right; the message says what is off, without giving
    /// the answer away.
    Wrong(String),
    /// The answer could not be read; the message says why.
    Unreadable(String),
}

/// A question shared with the page (the widget holds it in a signal).
pub type SharedQuestion = std::sync::Arc<dyn Question + Send + Sync>;
