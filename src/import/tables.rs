//! Event tables: `Event Names | Description` (or `Event Names | readOnly | Description`)
//! with bold or italic group rows, into groups of events.
//!
//! Tables in this collection are typed by hand, so the parser is lenient: ragged rows,
//! a missing closing pipe, `| --- | --- |` rows in the middle, backticks around names.
//! A table whose delimiter row is broken (`| : -----`) is not a table for CommonMark; it
//! arrives here as the lines of a paragraph (`cells_from_pipe_lines`) and is reported.

use super::draft::Group;
use super::markdown::{one_line, Doc, Inline, Table};
use super::report::{Kind, Report};

/// One cell: plain text, Markdown as written, and whether all its text is bold/italic.
#[derive(Clone, Debug, Default)]
pub struct Cell {
    pub text: String,
    pub md: String,
    pub emphasized: bool,
}

pub struct Row {
    pub line: usize,
    pub cells: Vec<Cell>,
}

pub fn rows_from_table(doc: &Doc, t: &Table) -> Vec<Row> {
    t.rows
        .iter()
        .enumerate()
        .map(|(i, row)| Row {
            line: row
                .iter()
                .find(|c| !c.segs.is_empty())
                .map(|c| c.line)
                .unwrap_or(t.line + i),
            cells: row.iter().map(|c| cell(doc, c)).collect(),
        })
        .collect()
}

fn cell(doc: &Doc, c: &Inline) -> Cell {
    Cell {
        text: c.plain_line(),
        md: one_line(doc.slice(&c.range)),
        emphasized: c.all_emphasized(),
    }
}

/// A paragraph whose every line starts with `|`: a table CommonMark did not recognise.
pub fn rows_from_pipe_lines(text: &str, first_line: usize) -> Option<Vec<Row>> {
    let lines: Vec<&str> = text.lines().collect();
    if lines.len() < 2 || !lines.iter().all(|l| l.trim_start().starts_with('|')) {
        return None;
    }
    let rows = lines
        .iter()
        .enumerate()
        .map(|(i, l)| {
            let l = l.trim();
            let l = l.strip_prefix('|').unwrap_or(l);
            let l = l.strip_suffix('|').unwrap_or(l);
            Row {
                line: first_line + i,
                cells: l.split('|').map(raw_cell).collect(),
            }
        })
        .collect();
    Some(rows)
}

fn raw_cell(raw: &str) -> Cell {
    let md = raw.trim().to_owned();
    let unmarked = md.trim_matches(|c| c == '*' || c == '_');
    let emphasized = unmarked.len() < md.len() && !unmarked.trim().is_empty();
    Cell {
        text: unmarked.replace('`', "").trim().to_owned(),
        md,
        emphasized,
    }
}

fn is_rule(c: &Cell) -> bool {
    c.text.chars().all(|ch| matches!(ch, '-' | ':' | ' '))
}

/// Reads the groups of an event table. Events before the first group row go into a group
/// titled `default_title`.
pub fn event_groups(rows: &[Row], default_title: &str, report: &mut Report) -> Vec<Group> {
    let Some((head, body)) = rows.split_first() else {
        return Vec::new();
    };
    let find = |words: &[&str]| {
        head.cells.iter().position(|c| {
            let t = c.text.to_lowercase().replace(' ', "");
            words.iter().any(|w| t.contains(w))
        })
    };
    let name_col = find(&["event", "événement", "evenement", "name", "nom"]).unwrap_or(0);
    let read_only = find(&["readonly", "lectureseule"]);
    let desc_col = find(&["desc"]).or_else(|| {
        (head.cells.len() > 1)
            .then(|| head.cells.len() - 1)
            .filter(|&c| c != name_col && Some(c) != read_only)
    });
    if let Some(col) = read_only {
        report.add(
            head.line,
            Kind::Dropped,
            format!(
                "table column `{}`: not kept, the registry knows whether an event is read-only",
                head.cells[col].text
            ),
        );
    }
    let mut groups: Vec<Group> = Vec::new();
    for row in body {
        let cells = &row.cells;
        let name = cells.get(name_col).cloned().unwrap_or_default();
        let others_blank = cells
            .iter()
            .enumerate()
            .all(|(i, c)| i == name_col || is_rule(c));
        if cells.iter().all(is_rule) {
            continue; // `| --- | --- |` between groups
        }
        // `***Admin controls ***`: a space before the closing stars makes CommonMark read
        // the stars as text; the row is still meant as a group row.
        let stray_stars = name.text.starts_with(['*', '_']);
        if (name.emphasized || stray_stars) && others_blank {
            if stray_stars {
                report.add(
                    row.line,
                    Kind::Fixed,
                    format!(
                        "group row `{}`: emphasis markers not closed properly",
                        name.text
                    ),
                );
            }
            groups.push(Group {
                title: name.text.trim_matches(['*', '_', ' ']).to_owned(),
                line: row.line,
                ..Group::default()
            });
            continue;
        }
        if name.text.is_empty() {
            report.add(
                row.line,
                Kind::Dropped,
                format!("table row without an event name: `{}`", row_md(cells)),
            );
            continue;
        }
        let desc = desc_col
            .and_then(|c| cells.get(c))
            .map(|c| c.md.clone())
            .filter(|d| !d.trim().is_empty() && !d.chars().all(|ch| matches!(ch, '-' | ':' | ' ')));
        if groups.is_empty() {
            report.add(
                row.line,
                Kind::Guessed,
                format!("events before any group row: grouped under `{default_title}`"),
            );
            groups.push(Group {
                title: default_title.to_owned(),
                line: row.line,
                ..Group::default()
            });
        }
        if let Some(g) = groups.last_mut() {
            g.events.push((name.text.clone(), desc));
        }
    }
    for g in &groups {
        report.add(
            g.line,
            Kind::Mapped,
            format!(
                "event group `{}` ({} events) → detection.groups",
                g.title,
                g.events.len()
            ),
        );
    }
    groups
}

fn row_md(cells: &[Cell]) -> String {
    cells
        .iter()
        .map(|c| c.md.as_str())
        .collect::<Vec<_>>()
        .join(" | ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn broken_delimiter_row_still_reads() {
        let text = "| **Event Names** | **Description** |\n| : --- | : --- |\n| ***General*** | --- |\n| `GetIndex` | Gets an index\n";
        let rows = rows_from_pipe_lines(text, 10).unwrap();
        let mut r = Report::default();
        let g = event_groups(&rows, "Events", &mut r);
        assert_eq!(g.len(), 1);
        assert_eq!(g[0].title, "General");
        assert_eq!(
            g[0].events,
            vec![("GetIndex".into(), Some("Gets an index".into()))]
        );
    }
}
