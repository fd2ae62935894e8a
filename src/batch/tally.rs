//! How many lines of a batch had each outcome: the summary a text batch ends with.

use crate::swf::Outcome;

/// The outcomes in the order a summary lists them: the answers that are yes, then the denial,
/// then SWF's faults in the order it checks them, then the undecided.
const ORDER: [Outcome; 10] = [
    Outcome::Started,
    Outcome::Authorized,
    Outcome::OperationNotPermitted,
    Outcome::ValidationException,
    Outcome::UnknownResourceFault,
    Outcome::TypeDeprecatedFault,
    Outcome::DefaultUndefinedFault,
    Outcome::LimitExceededFault,
    Outcome::WorkflowExecutionAlreadyStartedFault,
    Outcome::Unknown,
];

/// An outcome's place in [`ORDER`] (a match: a new outcome must be given one).
const fn place(o: Outcome) -> usize {
    match o {
        Outcome::Started => 0,
        Outcome::Authorized => 1,
        Outcome::OperationNotPermitted => 2,
        Outcome::ValidationException => 3,
        Outcome::UnknownResourceFault => 4,
        Outcome::TypeDeprecatedFault => 5,
        Outcome::DefaultUndefinedFault => 6,
        Outcome::LimitExceededFault => 7,
        Outcome::WorkflowExecutionAlreadyStartedFault => 8,
        Outcome::Unknown => 9,
    }
}

/// How many of a batch's requests had each outcome, and how many lines could not be read.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Tally {
    /// Lines answered, by the outcome's place in [`ORDER`].
    answered: [usize; ORDER.len()],
    /// Lines that could not be read.
    input_errors: usize,
}

impl Tally {
    /// Counts an answered line.
    pub fn add(&mut self, outcome: Outcome) {
        self.answered[place(outcome)] += 1;
    }

    /// Counts a line that could not be read.
    pub fn add_input_error(&mut self) {
        self.input_errors += 1;
    }

    /// Every line counted, read or not.
    pub fn total(&self) -> usize {
        self.answered.iter().sum::<usize>() + self.input_errors
    }

    /// The outcomes met with their counts, in the summary's order: the answers that are yes,
    /// the denial, SWF's faults in the order it checks them, the undecided.
    pub fn outcomes(&self) -> impl Iterator<Item = (Outcome, usize)> + '_ {
        (ORDER.iter().zip(self.answered))
            .filter(|(_, n)| *n > 0)
            .map(|(o, n)| (*o, n))
    }

    /// How many lines could not be read.
    pub fn input_errors(&self) -> usize {
        self.input_errors
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_outcome_is_counted_once_in_the_summary_order() {
        for (i, o) in ORDER.iter().enumerate() {
            assert_eq!(place(*o), i, "{o:?}");
        }
        let mut t = Tally::default();
        for o in ORDER.iter().rev() {
            t.add(*o);
        }
        t.add(Outcome::Started);
        t.add_input_error();
        let seen: Vec<(Outcome, usize)> = t.outcomes().collect();
        assert_eq!(seen.len(), ORDER.len());
        assert_eq!(seen[0], (Outcome::Started, 2));
        assert_eq!(t.total(), ORDER.len() + 2);
        assert_eq!(t.input_errors(), 1);
    }
}
