//! The `Question` trait every exercise implements, and three ready-made kinds: one number,
//! a few numbers (a gradient, a weight vector), and a choice among options. Each carries the
//! mistakes its author expects, with what to say when the learner makes one, and hints that
//! give one idea each.

use super::{close_enough, plain_text, read_number, read_numbers, QuestionPart, Verdict};

/// What the answer looks like, so the page can offer the right input.
#[derive(Clone, Debug, PartialEq)]
pub enum AnswerForm {
    /// One number, typed.
    Number,
    /// `n` numbers, typed as `[a, b, …]`.
    Numbers(usize),
    /// One of these options, picked.
    Choice(Vec<String>),
    /// A formula, such as a partial derivative.
    Formula,
    /// `n` formulas, typed as `[a, b, …]` (a gradient).
    Formulas(usize),
}

/// A question a learner answers.
pub trait Question {
    /// The question, as words and typeset formulas.
    fn prompt(&self) -> Vec<QuestionPart>;
    /// The question as plain text (its screen-reader reading).
    fn prompt_text(&self) -> String {
        plain_text(&self.prompt())
    }
    /// The form the answer takes.
    fn answer_form(&self) -> AnswerForm;
    /// Checks what the learner typed or picked (for a choice, the option's index as text).
    fn check(&self, answer: &str) -> Verdict;
    /// Hints, one idea each, in the order they are given. None of them is the answer.
    fn hints(&self) -> Vec<String>;
    /// Why the right answer is right: shown once the learner has it.
    fn explanation(&self) -> String;
}

/// A wrong value the author expects, and what it tells the learner.
#[derive(Clone, Debug, PartialEq)]
pub struct Mistake {
    /// The value this mistake gives.
    pub value: f64,
    /// What went wrong, in a sentence that does not give the right value away.
    pub diagnosis: String,
}

/// A question whose answer is one number.
#[derive(Clone, Debug, PartialEq)]
pub struct NumberQuestion {
    /// The question.
    pub prompt: Vec<QuestionPart>,
    /// The right value.
    pub answer: f64,
    /// Expected mistakes, checked in order after the right value.
    pub mistakes: Vec<Mistake>,
    /// Hints, one idea each.
    pub hints: Vec<String>,
    /// Why the right value is right.
    pub explanation: String,
}

impl NumberQuestion {
    /// A question with no expected mistakes, hints or explanation yet.
    pub fn new(prompt: Vec<QuestionPart>, answer: f64) -> NumberQuestion {
        NumberQuestion {
            prompt,
            answer,
            mistakes: Vec::new(),
            hints: Vec::new(),
            explanation: String::new(),
        }
    }

    /// Adds an expected mistake. Ignored when it would give the right value (or is not
    /// finite), so a diagnosis can never reject a right answer.
    pub fn mistake(mut self, value: f64, diagnosis: impl Into<String>) -> NumberQuestion {
        let shown = format!("{value}");
        if value.is_finite() && !close_enough(value, &shown, self.answer) {
            self.mistakes.push(Mistake {
                value,
                diagnosis: diagnosis.into(),
            });
        }
        self
    }

    /// Adds a hint.
    pub fn hint(mut self, hint: impl Into<String>) -> NumberQuestion {
        self.hints.push(hint.into());
        self
    }

    /// Sets the explanation.
    pub fn explain(mut self, why: impl Into<String>) -> NumberQuestion {
        self.explanation = why.into();
        self
    }
}

impl Question for NumberQuestion {
    fn prompt(&self) -> Vec<QuestionPart> {
        self.prompt.clone()
    }

    fn answer_form(&self) -> AnswerForm {
        AnswerForm::Number
    }

    fn check(&self, answer: &str) -> Verdict {
        if !self.answer.is_finite() {
            return Verdict::Unreadable(
                "This question has no finite answer here; ask for a new one.".into(),
            );
        }
        let got = match read_number(answer) {
            Ok(v) => v,
            Err(e) => return Verdict::Unreadable(e),
        };
        if close_enough(got, answer, self.answer) {
            return Verdict::Correct;
        }
        if let Some(m) = self
            .mistakes
            .iter()
            .find(|m| close_enough(got, answer, m.value))
        {
            return Verdict::Wrong(m.diagnosis.clone());
        }
        Verdict::Wrong(generic_miss(got, self.answer, !self.hints.is_empty()))
    }

    fn hints(&self) -> Vec<String> {
        self.hints.clone()
    }

    fn explanation(&self) -> String {
        self.explanation.clone()
    }
}

/// What to say about a wrong number no expected mistake explains: its order of magnitude or
/// its sign when those are off, since both point at a kind of slip; never the value itself.
fn generic_miss(got: f64, want: f64, has_hints: bool) -> String {
    let hint = if has_hints {
        " A hint gives the next idea."
    } else {
        ""
    };
    let what = if got != 0.0 && want != 0.0 && got.signum() != want.signum() {
        "Not quite, and the sign is off too."
    } else if got != 0.0 && want != 0.0 && (got / want).abs().log10().abs() >= 1.0 {
        "Not quite: that is off by a factor of ten or more. Check each factor."
    } else {
        "Not quite."
    };
    format!("{what}{hint}")
}

/// A wrong vector the author expects, and what it tells the learner.
#[derive(Clone, Debug, PartialEq)]
pub struct VectorMistake {
    /// The vector this mistake gives.
    pub value: Vec<f64>,
    /// What went wrong.
    pub diagnosis: String,
}

/// A question whose answer is a few numbers, such as a gradient.
#[derive(Clone, Debug, PartialEq)]
pub struct VectorQuestion {
    /// The question.
    pub prompt: Vec<QuestionPart>,
    /// The right values.
    pub answer: Vec<f64>,
    /// What each component is called, e.g. `∂L/∂w₁`, for messages about one of them.
    pub names: Vec<String>,
    /// Expected mistakes, checked in order after the right answer.
    pub mistakes: Vec<VectorMistake>,
    /// Hints, one idea each.
    pub hints: Vec<String>,
    /// Why the right answer is right.
    pub explanation: String,
}

impl VectorQuestion {
    /// A question with components named by `names`.
    pub fn new(prompt: Vec<QuestionPart>, answer: Vec<f64>, names: Vec<String>) -> VectorQuestion {
        VectorQuestion {
            prompt,
            answer,
            names,
            mistakes: Vec::new(),
            hints: Vec::new(),
            explanation: String::new(),
        }
    }

    /// Adds an expected mistake (ignored when it equals the right answer).
    pub fn mistake(mut self, value: Vec<f64>, diagnosis: impl Into<String>) -> VectorQuestion {
        let same = value.len() == self.answer.len()
            && value
                .iter()
                .zip(&self.answer)
                .all(|(v, a)| close_enough(*v, &format!("{v}"), *a));
        if !same && value.iter().all(|v| v.is_finite()) {
            self.mistakes.push(VectorMistake {
                value,
                diagnosis: diagnosis.into(),
            });
        }
        self
    }

    /// Adds the mistakes every vector answer invites: the whole vector's sign flipped and
    /// (for two components) the components swapped.
    pub fn with_common_mistakes(self) -> VectorQuestion {
        let flipped: Vec<f64> = self.answer.iter().map(|v| -v).collect();
        let mut q = self.mistake(
            flipped,
            "Every sign is flipped. Check which way each difference is taken.",
        );
        if q.answer.len() == 2 {
            let swapped = vec![q.answer[1], q.answer[0]];
            let (a, b) = (q.name(0), q.name(1));
            q = q.mistake(
                swapped,
                format!("The two components are swapped: {a} comes first, then {b}."),
            );
        }
        q
    }

    /// Adds a hint.
    pub fn hint(mut self, hint: impl Into<String>) -> VectorQuestion {
        self.hints.push(hint.into());
        self
    }

    /// Sets the explanation.
    pub fn explain(mut self, why: impl Into<String>) -> VectorQuestion {
        self.explanation = why.into();
        self
    }

    fn name(&self, i: usize) -> String {
        self.names
            .get(i)
            .cloned()
            .unwrap_or_else(|| format!("component {}", i + 1))
    }
}

impl Question for VectorQuestion {
    fn prompt(&self) -> Vec<QuestionPart> {
        self.prompt.clone()
    }

    fn answer_form(&self) -> AnswerForm {
        AnswerForm::Numbers(self.answer.len())
    }

    fn check(&self, answer: &str) -> Verdict {
        if self.answer.iter().any(|v| !v.is_finite()) {
            return Verdict::Unreadable(
                "This question has no finite answer here; ask for a new one.".into(),
            );
        }
        let got = match read_numbers(answer) {
            Ok(v) => v,
            Err(e) => return Verdict::Unreadable(e),
        };
        if got.len() != self.answer.len() {
            return Verdict::Unreadable(format!(
                "The answer has {} numbers ({}); that has {}.",
                self.answer.len(),
                (0..self.answer.len())
                    .map(|i| self.name(i))
                    .collect::<Vec<_>>()
                    .join(", "),
                got.len()
            ));
        }
        let pieces: Vec<String> = read_pieces(answer);
        let matches = |want: &[f64]| {
            got.iter()
                .zip(want)
                .enumerate()
                .all(|(i, (g, w))| close_enough(*g, pieces.get(i).map_or("", |s| s), *w))
        };
        if matches(&self.answer) {
            return Verdict::Correct;
        }
        if let Some(m) = self.mistakes.iter().find(|m| matches(&m.value)) {
            return Verdict::Wrong(m.diagnosis.clone());
        }
        let wrong: Vec<String> = got
            .iter()
            .zip(&self.answer)
            .enumerate()
            .filter(|(i, (g, w))| !close_enough(**g, pieces.get(*i).map_or("", |s| s), **w))
            .map(|(i, _)| self.name(i))
            .collect();
        let hint = if self.hints.is_empty() {
            ""
        } else {
            " A hint gives the next idea."
        };
        Verdict::Wrong(format!("Not quite: check {}.{hint}", wrong.join(" and ")))
    }

    fn hints(&self) -> Vec<String> {
        self.hints.clone()
    }

    fn explanation(&self) -> String {
        self.explanation.clone()
    }
}

/// The typed text of each component, for rounding checks.
fn read_pieces(answer: &str) -> Vec<String> {
    let t = answer.trim();
    let inner = t
        .strip_prefix('[')
        .and_then(|s| s.strip_suffix(']'))
        .or_else(|| t.strip_prefix('(').and_then(|s| s.strip_suffix(')')))
        .unwrap_or(t);
    inner
        .split([',', ';'])
        .map(|s| s.trim().to_string())
        .collect()
}

/// One option of a choice question.
#[derive(Clone, Debug, PartialEq)]
pub struct ChoiceOption {
    /// What the option says.
    pub label: String,
    /// Why it is wrong, shown when the learner picks it (`None` for the right option).
    pub why_wrong: Option<String>,
}

/// A question answered by picking one option.
#[derive(Clone, Debug, PartialEq)]
pub struct ChoiceQuestion {
    /// The question.
    pub prompt: Vec<QuestionPart>,
    /// The options, in the order shown.
    pub options: Vec<ChoiceOption>,
    /// Hints, one idea each.
    pub hints: Vec<String>,
    /// Why the right option is right.
    pub explanation: String,
}

impl ChoiceQuestion {
    /// A question with no options yet.
    pub fn new(prompt: Vec<QuestionPart>) -> ChoiceQuestion {
        ChoiceQuestion {
            prompt,
            options: Vec::new(),
            hints: Vec::new(),
            explanation: String::new(),
        }
    }

    /// Adds the right option.
    pub fn right(mut self, label: impl Into<String>) -> ChoiceQuestion {
        self.options.push(ChoiceOption {
            label: label.into(),
            why_wrong: None,
        });
        self
    }

    /// Adds a wrong option with what to say when it is picked.
    pub fn wrong(mut self, label: impl Into<String>, why: impl Into<String>) -> ChoiceQuestion {
        self.options.push(ChoiceOption {
            label: label.into(),
            why_wrong: Some(why.into()),
        });
        self
    }

    /// Adds a hint.
    pub fn hint(mut self, hint: impl Into<String>) -> ChoiceQuestion {
        self.hints.push(hint.into());
        self
    }

    /// Sets the explanation.
    pub fn explain(mut self, why: impl Into<String>) -> ChoiceQuestion {
        self.explanation = why.into();
        self
    }
}

impl Question for ChoiceQuestion {
    fn prompt(&self) -> Vec<QuestionPart> {
        self.prompt.clone()
    }

    fn answer_form(&self) -> AnswerForm {
        AnswerForm::Choice(self.options.iter().map(|o| o.label.clone()).collect())
    }

    fn check(&self, answer: &str) -> Verdict {
        let picked = answer.trim().parse::<usize>().ok().or_else(|| {
            self.options
                .iter()
                .position(|o| o.label.eq_ignore_ascii_case(answer.trim()))
        });
        match picked.and_then(|i| self.options.get(i)) {
            None => Verdict::Unreadable("Pick one of the options first.".into()),
            Some(ChoiceOption {
                why_wrong: None, ..
            }) => Verdict::Correct,
            Some(ChoiceOption {
                why_wrong: Some(why),
                ..
            }) => Verdict::Wrong(why.clone()),
        }
    }

    fn hints(&self) -> Vec<String> {
        self.hints.clone()
    }

    fn explanation(&self) -> String {
        self.explanation.clone()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn loss_gradient() -> NumberQuestion {
        NumberQuestion::new(vec![QuestionPart::words("∂L/∂w₁ at w = [0, 0]?")], -0.3483)
            .mistake(
                -1.0449,
                "That is the summed loss's gradient; the loss is the mean.",
            )
            .mistake(
                0.3483,
                "The sign is flipped: the gradient uses p − y, not y − p.",
            )
            .hint("Start from p = σ(0) = 0.5 for every point.")
            .explain("The mean of (p − y)x₁ over the three points.")
    }

    #[test]
    fn a_right_number_is_right_however_it_is_written() {
        let q = loss_gradient();
        for a in ["-0.3483", "−0.348", "-0.35", "-3.483e-1", "-0.34833"] {
            assert_eq!(q.check(a), Verdict::Correct, "{a}");
        }
    }

    #[test]
    fn expected_mistakes_get_their_own_diagnosis() {
        let q = loss_gradient();
        assert!(matches!(q.check("-1.045"), Verdict::Wrong(w) if w.contains("mean")));
        assert!(matches!(q.check("0.348"), Verdict::Wrong(w) if w.contains("sign")));
        assert!(matches!(q.check("-3.5"), Verdict::Wrong(w) if w.contains("factor of ten")));
        assert!(matches!(q.check("-0.2"), Verdict::Wrong(w) if w.contains("hint")));
        assert!(matches!(q.check("w"), Verdict::Unreadable(_)));
    }

    #[test]
    fn a_mistake_equal_to_the_answer_is_never_added() {
        let q = NumberQuestion::new(vec![], 0.0).mistake(-0.0, "sign flipped");
        assert!(q.mistakes.is_empty());
        assert_eq!(q.check("0"), Verdict::Correct);
    }

    #[test]
    fn no_finite_answer_is_said_so() {
        let q = NumberQuestion::new(vec![], f64::NAN);
        assert!(matches!(q.check("1"), Verdict::Unreadable(_)));
    }

    #[test]
    fn vectors_name_the_wrong_component() {
        let q = VectorQuestion::new(
            vec![QuestionPart::words("∇f(1, 2)?")],
            vec![4.0, 6.0],
            vec!["∂f/∂x".into(), "∂f/∂y".into()],
        )
        .with_common_mistakes()
        .hint("Differentiate with respect to x, holding y fixed.");
        assert_eq!(q.check("[4, 6]"), Verdict::Correct);
        assert_eq!(q.check("(4; 6.0)"), Verdict::Correct);
        assert!(matches!(q.check("[6, 4]"), Verdict::Wrong(w) if w.contains("swapped")));
        assert!(matches!(q.check("[-4, -6]"), Verdict::Wrong(w) if w.contains("sign")));
        assert!(
            matches!(q.check("[4, 5]"), Verdict::Wrong(w) if w.contains("∂f/∂y") && !w.contains("∂f/∂x"))
        );
        assert!(matches!(q.check("[4]"), Verdict::Unreadable(w) if w.contains("2 numbers")));
    }

    #[test]
    fn a_symmetric_vector_keeps_its_right_answer() {
        let q = VectorQuestion::new(vec![], vec![3.0, 3.0], vec![]).with_common_mistakes();
        assert_eq!(q.check("[3, 3]"), Verdict::Correct);
        assert_eq!(q.mistakes.len(), 1);
    }

    #[test]
    fn choices_explain_each_wrong_pick() {
        let q = ChoiceQuestion::new(vec![QuestionPart::words("x² − y² at (0, 0) is a …")])
            .wrong(
                "minimum",
                "Along y the function falls, so it is not a minimum.",
            )
            .right("saddle point")
            .wrong("maximum", "Along x the function rises.");
        assert_eq!(q.check("1"), Verdict::Correct);
        assert_eq!(q.check("Saddle point"), Verdict::Correct);
        assert!(matches!(q.check("0"), Verdict::Wrong(w) if w.contains("falls")));
        assert!(matches!(q.check(""), Verdict::Unreadable(_)));
        assert!(matches!(q.check("7"), Verdict::Unreadable(_)));
        assert_eq!(
            q.answer_form(),
            AnswerForm::Choice(vec![
                "minimum".into(),
                "saddle point".into(),
                "maximum".into()
            ])
        );
    }
}
