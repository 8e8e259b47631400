//! The completeness score of a document, from its lint findings.
//!
//! ```text
//! score     = (2·structure + 2·filled + form) / 5      (weights 0.4, 0.4, 0.2)
//! structure = required roles present / required roles  (1 when none is required)
//! filled    = 1 / (1 + slots / 5)
//! form      = 1 / (1 + (numbering + empty-section + unbalanced + heading-style) / 4)
//! ```
//! Structure and filling weigh most: a summary missing its 存在的问题 section or full
//! of `XX` is not finished, a misnumbered heading is a blemish. The hyperbolic decay
//! keeps the score falling with every extra finding (an exponential would flatten a
//! template with 57 slots and one with 200 to the same zero), and 5 slots halve
//! `filled`, 4 form findings halve `form`.
//!
//! A document with nothing to score (empty or whitespace only) gets no score at all
//! ([`Completeness::none`](crate::report::Completeness::none)), not this formula's 0.6.
//!
//! What must stay true: the score is exactly 1.0 when nothing is found and every
//! required role is present, every finding lowers it, and it stays in [0, 1]. Only
//! the rules that ran count: a rule turned off in the config is not looked for, and
//! `repeated-phrase` (style, not completeness) never counts.

use crate::report::{Completeness, CompletenessBreakdown, Diagnostic, Rule};

/// Slots that halve the `filled` part.
pub const SLOTS_HALVING: f64 = 5.0;
/// Form findings that halve the `form` part.
pub const FORM_HALVING: f64 = 4.0;

/// The score and its breakdown from a document's diagnostics; `required_roles` is the
/// number of roles the config requires.
pub fn completeness(diagnostics: &[Diagnostic], required_roles: usize) -> Completeness {
    let mut b = CompletenessBreakdown::default();
    for d in diagnostics {
        match d.rule {
            Rule::Placeholder => {
                let kind = d.kind.map_or("other", |k| k.name());
                *b.slots.entry(kind.to_string()).or_default() += 1;
            }
            Rule::MissingSection => b.missing_roles += 1,
            Rule::EmptySection => b.empty_sections += 1,
            Rule::Numbering => b.numbering_errors += 1,
            Rule::Unbalanced => b.unbalanced += 1,
            Rule::HeadingStyle => b.heading_style += 1,
            // Style and wording, not completeness: they do not move the score.
            Rule::RepeatedPhrase | Rule::Formulation | Rule::Punctuation => {}
        }
    }
    let slots: usize = b.slots.values().sum();
    let structure = if required_roles == 0 {
        1.0
    } else {
        let present = required_roles.saturating_sub(b.missing_roles);
        present as f64 / required_roles as f64
    };
    let filled = 1.0 / (1.0 + slots as f64 / SLOTS_HALVING);
    let form_findings = b.numbering_errors + b.empty_sections + b.unbalanced + b.heading_style;
    let form = 1.0 / (1.0 + form_findings as f64 / FORM_HALVING);
    let score = ((2.0 * structure + 2.0 * filled + form) / 5.0).clamp(0.0, 1.0);
    Completeness {
        score: Some(score),
        structure: Some(structure),
        filled: Some(filled),
        form: Some(form),
        breakdown: b,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::Span;
    use crate::report::{Severity, SlotKind};

    fn diag(rule: Rule) -> Diagnostic {
        Diagnostic {
            rule,
            severity: Severity::Warning,
            span: Span {
                line: 1,
                column: 1,
                end_line: 1,
                end_column: 1,
                byte_start: 0,
                byte_end: 0,
            },
            text: String::new(),
            kind: (rule == Rule::Placeholder).then_some(SlotKind::Number),
            check: None,
            message: String::new(),
            fix: None,
            word: None,
        }
    }

    fn score(rules: &[Rule], required: usize) -> f64 {
        let diags: Vec<Diagnostic> = rules.iter().map(|&r| diag(r)).collect();
        completeness(&diags, required).score.unwrap_or(f64::NAN)
    }

    #[test]
    fn nothing_found_is_exactly_one() {
        assert_eq!(score(&[], 5), 1.0);
        assert_eq!(score(&[], 0), 1.0);
        assert_eq!(score(&[Rule::RepeatedPhrase], 5), 1.0);
    }

    /// One line a case: findings, required roles, the score to 1e-9.
    #[test]
    fn formula() {
        use Rule::*;
        #[rustfmt::skip]
        let cases: &[(&[Rule], usize, f64)] = &[
            (&[Placeholder], 5, (2.0 + 2.0 * (5.0 / 6.0) + 1.0) / 5.0),
            (&[MissingSection], 5, (2.0 * 0.8 + 2.0 + 1.0) / 5.0),
            (&[MissingSection; 5], 5, (0.0 + 2.0 + 1.0) / 5.0),
            (&[Numbering], 5, (4.0 + 0.8) / 5.0),
            (&[Numbering, EmptySection, Unbalanced, HeadingStyle], 5, (4.0 + 0.5) / 5.0),
            // More missing-section findings than roles cannot push it below 0.
            (&[MissingSection; 7], 5, 3.0 / 5.0),
        ];
        for (rules, required, want) in cases {
            let got = score(rules, *required);
            assert!((got - want).abs() < 1e-9, "{rules:?}: {got} != {want}");
        }
    }

    #[test]
    fn every_finding_lowers_the_score_and_it_stays_in_range() {
        // Style and wording rules do not count towards completeness.
        let style = [Rule::RepeatedPhrase, Rule::Formulation, Rule::Punctuation];
        for rule in Rule::ALL.iter().filter(|r| !style.contains(r)) {
            // At most one missing-section finding per required role.
            let most = if *rule == Rule::MissingSection {
                5
            } else {
                300
            };
            let mut prev = 1.0;
            for n in 1..=most {
                let s = score(&vec![*rule; n], 5);
                assert!(s < prev, "{rule} x{n}");
                assert!((0.0..=1.0).contains(&s));
                prev = s;
            }
        }
    }

    #[test]
    fn breakdown_counts_slots_by_kind() {
        let mut d = diag(Rule::Placeholder);
        d.kind = Some(SlotKind::Organization);
        let c = completeness(&[d, diag(Rule::Placeholder), diag(Rule::HeadingStyle)], 5);
        let slots: Vec<_> = c
            .breakdown
            .slots
            .iter()
            .map(|(k, &n)| (k.as_str(), n))
            .collect();
        assert_eq!(slots, vec![("number", 1), ("organization", 1)]);
        assert_eq!(c.breakdown.heading_style, 1);
    }
}
