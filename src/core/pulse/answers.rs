//! Reading answers typed as text: `/pulse answer 4 5 3 2 4`.

use super::Question;

/// Why typed answers were refused; nothing is stored when one of these is returned.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum AnswerError {
    /// A different number of answers than questions.
    #[error("expected {expected} answers, got {got}")]
    WrongCount {
        /// Questions in the round.
        expected: usize,
        /// Answers typed.
        got: usize,
    },
    /// A word that is not a whole number.
    #[error("{word} is not a number")]
    NotANumber {
        /// The word as typed.
        word: String,
    },
    /// A number outside the question's scale.
    #[error("answer {position} must be between {min} and {max}")]
    OutOfRange {
        /// 1-based position of the answer.
        position: usize,
        /// What was typed.
        value: i64,
        /// Lowest allowed.
        min: u8,
        /// Highest allowed.
        max: u8,
    },
}

/// Matches typed numbers to questions, in order, checking each against its scale.
pub fn parse_answers(text: &str, questions: &[Question]) -> Result<Vec<u8>, AnswerError> {
    let words: Vec<&str> = text
        .split(|c: char| c.is_whitespace() || c == ',')
        .filter(|w| !w.is_empty())
        .collect();
    if words.len() != questions.len() {
        return Err(AnswerError::WrongCount {
            expected: questions.len(),
            got: words.len(),
        });
    }
    words
        .iter()
        .zip(questions)
        .enumerate()
        .map(|(i, (word, q))| {
            let value: i64 = word.parse().map_err(|_| AnswerError::NotANumber {
                word: (*word).to_string(),
            })?;
            let (min, max) = q.scale.range();
            match u8::try_from(value) {
                Ok(v) if q.scale.accepts(v) => Ok(v),
                _ => Err(AnswerError::OutOfRange {
                    position: i + 1,
                    value,
                    min,
                    max,
                }),
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::pulse::{Driver, Scale};

    fn q(scale: Scale) -> Question {
        Question {
            id: "q".into(),
            driver: if scale == Scale::ZeroToTen {
                Driver::Enps
            } else {
                Driver::Peers
            },
            scale,
            text: Default::default(),
        }
    }

    #[test]
    fn numbers_are_matched_to_questions_in_order() {
        let qs = [q(Scale::Agreement), q(Scale::ZeroToTen)];
        assert_eq!(parse_answers("4 9", &qs), Ok(vec![4, 9]));
        assert_eq!(parse_answers("4, 10", &qs), Ok(vec![4, 10]));
    }

    #[test]
    fn each_mistake_is_named() {
        let qs = [q(Scale::Agreement), q(Scale::Agreement)];
        assert_eq!(
            parse_answers("4", &qs),
            Err(AnswerError::WrongCount {
                expected: 2,
                got: 1
            })
        );
        assert_eq!(
            parse_answers("4 x", &qs),
            Err(AnswerError::NotANumber { word: "x".into() })
        );
        assert_eq!(
            parse_answers("4 6", &qs),
            Err(AnswerError::OutOfRange {
                position: 2,
                value: 6,
                min: 1,
                max: 5
            })
        );
        assert!(
            parse_answers("0 3", &qs).is_err(),
            "0 is not on a 1-5 scale"
        );
    }
}
