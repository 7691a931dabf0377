//! References in translations that cannot resolve. irbook's messages take no variables,
//! and irbook writes no terms, so `{ $var }`, `{ -term }` and `{ other-message }` (unless
//! that message exists in the language) would appear literally on the page, as `{$var}`
//! or the id itself. `check` reports them instead.

use crate::model::Pos;
use fluent_syntax::ast::{Entry, Expression, InlineExpression, Pattern, PatternElement};
use std::collections::BTreeSet;

/// A reference that cannot resolve, with its position.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unresolved {
    pub pos: Pos,
    pub what: String,
}

/// The unresolvable references of a Fluent text (already checked for nesting).
/// `known` holds the message ids defined in the language's files.
pub fn unresolved(text: &str, known: &BTreeSet<String>) -> Vec<Unresolved> {
    let resource = match fluent_syntax::parser::parse(text) {
        Ok(r) => r,
        Err((r, _)) => r,
    };
    let terms: BTreeSet<&str> = resource
        .body
        .iter()
        .filter_map(|e| match e {
            Entry::Term(t) => Some(t.id.name),
            _ => None,
        })
        .collect();
    let mut found = Vec::new();
    let mut walker = Walker {
        text,
        known,
        terms: &terms,
        out: &mut found,
    };
    for entry in &resource.body {
        if let Entry::Message(m) = entry {
            if let Some(p) = &m.value {
                walker.pattern(p);
            }
            for a in &m.attributes {
                walker.pattern(&a.value);
            }
        }
    }
    // Positions from one line index: a file full of bad references stays linear.
    let lines = crate::diag::lines::LineIndex::new(text);
    found
        .into_iter()
        .map(|(offset, what)| Unresolved {
            pos: lines.pos(text, offset),
            what,
        })
        .collect()
}

struct Walker<'a, 't> {
    text: &'t str,
    known: &'a BTreeSet<String>,
    terms: &'a BTreeSet<&'t str>,
    /// Byte offset of each unresolved name, with what is wrong with it.
    out: &'a mut Vec<(usize, String)>,
}

impl<'t> Walker<'_, 't> {
    fn pattern(&mut self, p: &Pattern<&'t str>) {
        for el in &p.elements {
            if let PatternElement::Placeable { expression } = el {
                self.expression(expression);
            }
        }
    }

    fn expression(&mut self, e: &Expression<&'t str>) {
        match e {
            Expression::Inline(i) => self.inline(i),
            Expression::Select { selector, variants } => {
                self.inline(selector);
                for v in variants {
                    self.pattern(&v.value);
                }
            }
        }
    }

    fn inline(&mut self, i: &InlineExpression<&'t str>) {
        match i {
            InlineExpression::VariableReference { id } => self.report(
                id.name,
                format!("`{{ ${} }}`: irbook's messages take no variables", id.name),
            ),
            InlineExpression::TermReference { id, arguments, .. } => {
                if !self.terms.contains(id.name) {
                    self.report(
                        id.name,
                        format!("`{{ -{} }}`: no such term in this file", id.name),
                    );
                }
                if let Some(args) = arguments {
                    self.arguments(args);
                }
            }
            InlineExpression::MessageReference { id, .. } => {
                if !self.known.contains(id.name) {
                    self.report(
                        id.name,
                        format!("`{{ {} }}`: no such message in this language", id.name),
                    );
                }
            }
            InlineExpression::FunctionReference { arguments, .. } => self.arguments(arguments),
            InlineExpression::Placeable { expression } => self.expression(expression),
            InlineExpression::StringLiteral { .. } | InlineExpression::NumberLiteral { .. } => {}
        }
    }

    fn arguments(&mut self, args: &fluent_syntax::ast::CallArguments<&'t str>) {
        for a in &args.positional {
            self.inline(a);
        }
        for n in &args.named {
            self.inline(&n.value);
        }
    }

    /// `name` is a slice of the text: its address gives its offset.
    fn report(&mut self, name: &str, what: String) {
        let offset = (name.as_ptr() as usize).saturating_sub(self.text.as_ptr() as usize);
        self.out.push((offset.min(self.text.len()), what));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_variables_terms_and_unknown_messages() {
        let known: BTreeSet<String> = ["a", "b"].iter().map(|s| s.to_string()).collect();
        let text = "a = x { $count } y\nb = { -brand } { c } { a } { \"{\" }\n  .title = { $t }\n";
        let found = unresolved(text, &known);
        let got: Vec<(u32, u32)> = found.iter().map(|u| (u.pos.line, u.pos.col)).collect();
        assert_eq!(got, [(1, 10), (2, 8), (2, 18), (3, 15)], "{found:?}");
        assert!(found[0].what.contains("$count"));
        let fine = "-brand = Irbook\na = { -brand } { b } { \"}\" }\n";
        assert!(unresolved(fine, &known).is_empty());
    }
}
