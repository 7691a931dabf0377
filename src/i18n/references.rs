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

/// A reference found in a Fluent file, as far as the file alone can tell: variables and
/// terms never resolve (irbook writes neither), a message reference resolves when any
/// file of the language defines that message, which only the whole locale can tell.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Reference {
    Unresolvable(Unresolved),
    Message { pos: Pos, id: String },
}

impl Reference {
    /// What is wrong with it, given the message ids `known` in its language.
    pub fn unresolved(&self, known: &dyn Fn(&str) -> bool) -> Option<Unresolved> {
        match self {
            Reference::Unresolvable(u) => Some(u.clone()),
            Reference::Message { id, .. } if known(id) => None,
            Reference::Message { pos, id } => Some(Unresolved {
                pos: *pos,
                what: format!("`{{ {id} }}`: no such message in this language"),
            }),
        }
    }
}

/// The unresolvable references of a Fluent text (already checked for nesting).
/// `known` holds the message ids defined in the language's files.
pub fn unresolved(text: &str, known: &BTreeSet<String>) -> Vec<Unresolved> {
    let resource = match fluent_syntax::parser::parse(text) {
        Ok(r) => r,
        Err((r, _)) => r,
    };
    let lines = crate::diag::lines::LineIndex::new(text);
    scan(text, &resource, &|offset| lines.pos(text, offset))
        .iter()
        .filter_map(|r| r.unresolved(&|id| known.contains(id)))
        .collect()
}

/// The references of a parsed Fluent text (`resource` is `text` parsed), in order;
/// `pos` turns a byte offset of `text` into a position.
pub fn scan(
    text: &str,
    resource: &fluent_syntax::ast::Resource<&str>,
    pos: &dyn Fn(usize) -> Pos,
) -> Vec<Reference> {
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
    found
        .into_iter()
        .map(|(offset, found)| match found {
            Found::Problem(what) => Reference::Unresolvable(Unresolved {
                pos: pos(offset),
                what,
            }),
            Found::Message(id) => Reference::Message {
                pos: pos(offset),
                id: id.to_owned(),
            },
        })
        .collect()
}

/// What the walker finds at an offset.
enum Found<'t> {
    Problem(String),
    Message(&'t str),
}

struct Walker<'a, 't> {
    text: &'t str,
    terms: &'a BTreeSet<&'t str>,
    /// Byte offset of each reference's name, with what it is.
    out: &'a mut Vec<(usize, Found<'t>)>,
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
                Found::Problem(format!(
                    "`{{ ${} }}`: irbook's messages take no variables",
                    id.name
                )),
            ),
            InlineExpression::TermReference { id, arguments, .. } => {
                if !self.terms.contains(id.name) {
                    self.report(
                        id.name,
                        Found::Problem(format!("`{{ -{} }}`: no such term in this file", id.name)),
                    );
                }
                if let Some(args) = arguments {
                    self.arguments(args);
                }
            }
            InlineExpression::MessageReference { id, .. } => {
                self.report(id.name, Found::Message(id.name))
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
    fn report(&mut self, name: &str, found: Found<'t>) {
        let offset = (name.as_ptr() as usize).saturating_sub(self.text.as_ptr() as usize);
        self.out.push((offset.min(self.text.len()), found));
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
