//! The response metadata of a playbook page: who keeps it, what it is derived from,
//! what triggers it, how severe an incident is, and which ATT&CK techniques it covers.

use super::Text;
use crate::i18n::translations::Translator;
use crate::model::messages::{field_id, severity_criteria_id, severity_question_id, Field};
use crate::model::{Name, Playbook};
use crate::registry::attack::{technique_url, Attack};
use serde::Serialize;

#[derive(Debug, Clone, Default, Serialize)]
pub struct ResponseView {
    pub owner: Option<String>,
    /// `YYYY-MM-DD`.
    pub reviewed: Option<String>,
    pub sources: Vec<SourceView>,
    /// Ids of related playbooks.
    pub related: Vec<String>,
    pub guardduty: Vec<String>,
    pub securityhub: Vec<String>,
    pub cloudtrail: Vec<String>,
    /// The playbook's own techniques.
    pub techniques: Vec<TechniqueView>,
    /// Every technique of the playbook, its steps and its event groups, sorted by id.
    pub all_techniques: Vec<TechniqueView>,
    pub severity: Vec<LevelView>,
    pub objectives_intro: Option<Text>,
    pub analysis_intro: Option<Text>,
}

impl ResponseView {
    pub fn has_triggers(&self) -> bool {
        !(self.guardduty.is_empty() && self.securityhub.is_empty() && self.cloudtrail.is_empty())
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct SourceView {
    pub title: String,
    pub url: String,
    pub licence: Option<String>,
}

/// An ATT&CK technique as a badge: id, name and its page on attack.mitre.org.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct TechniqueView {
    pub id: String,
    /// ATT&CK's English name (ATT&CK is published in English only).
    pub name: String,
    pub url: String,
    pub tactics: Vec<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct LevelView {
    /// `p1` … `p4`.
    pub level: String,
    pub criteria: Text,
    pub questions: Vec<Text>,
}

/// Technique badges for a list of ids (unknown ids never pass validation; they would
/// show with their id as name).
pub fn techniques(ids: &[Name]) -> Vec<TechniqueView> {
    let attack = Attack::embedded();
    ids.iter()
        .map(|id| match attack.technique(id.as_str()) {
            Some(t) => TechniqueView {
                id: t.id.to_owned(),
                name: t.name.to_owned(),
                url: t.url(),
                tactics: t.tactics.iter().map(|s| s.to_string()).collect(),
            },
            None => TechniqueView {
                id: id.value.clone(),
                name: id.value.clone(),
                url: technique_url(id.as_str()),
                tactics: Vec::new(),
            },
        })
        .collect()
}

pub fn response_view(p: &Playbook, tr: &Translator) -> ResponseView {
    let id = p.id.as_str();
    let names = |v: &[Name]| v.iter().map(|n| n.value.clone()).collect::<Vec<_>>();
    let mut all: Vec<TechniqueView> = techniques(&p.attack);
    for s in p.steps.iter() {
        all.extend(techniques(&s.value.attack));
    }
    for g in p.detection.groups.iter() {
        all.extend(techniques(&g.value.attack));
    }
    all.sort();
    all.dedup();
    ResponseView {
        owner: p.owners.owner.as_ref().map(|o| o.value.clone()),
        reviewed: p.owners.reviewed.as_ref().map(|r| r.value.clone()),
        sources: p
            .sources
            .iter()
            .map(|s| SourceView {
                title: s.title.value.clone(),
                url: s.url.value.clone(),
                licence: s.licence.as_ref().map(|l| l.value.clone()),
            })
            .collect(),
        related: names(&p.related),
        guardduty: names(&p.triggers.guardduty),
        securityhub: names(&p.triggers.securityhub),
        cloudtrail: names(&p.triggers.cloudtrail),
        techniques: techniques(&p.attack),
        all_techniques: all,
        severity: p
            .severity
            .levels()
            .into_iter()
            .map(|(level, l)| LevelView {
                level: level.to_owned(),
                criteria: tr.text(&severity_criteria_id(id, level), l.criteria.as_str()),
                questions: l
                    .questions
                    .iter()
                    .map(|q| {
                        tr.text(
                            &severity_question_id(id, level, q.key.as_str()),
                            q.value.as_str(),
                        )
                    })
                    .collect(),
            })
            .collect(),
        objectives_intro: p
            .objectives
            .intro
            .as_ref()
            .map(|t| tr.text(&field_id(id, Field::ObjectivesIntro), t.as_str())),
        analysis_intro: p
            .analysis_intro
            .as_ref()
            .map(|t| tr.text(&field_id(id, Field::AnalysisIntro), t.as_str())),
    }
}
