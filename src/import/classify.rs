//! Which part of the format a section heading stands for. Headings vary from file to
//! file in this collection (and are translated in the French copies), so matching is by
//! keywords on the lower-cased title, most specific first.

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Part {
    Contacts,
    Summary,
    Objectives,
    Classification,
    /// "The incident response process has the following stages": the phases, which the
    /// format has built in.
    Stages,
    Steps,
    Preparation,
    Escalation,
    ServiceModel,
    Detection,
    DetectionNotes,
    EventNames,
    DataEvents,
    Analysis,
    Containment,
    Recovery,
    DataProtection,
    Permissions,
    Lessons,
    BacklogAddressed,
    BacklogCurrent,
}

/// Parts of the Objectives section, by their sub-headings.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ObjectivePart {
    Determine,
    Recover,
    Caf,
}

pub fn part(title: &str) -> Option<Part> {
    let t = title.to_lowercase();
    let has = |words: &[&str]| words.iter().any(|w| t.contains(w));
    let p = if has(&["point of contact", "points of contact", "points de contact"]) {
        Part::Contacts
    } else if has(&["summary", "résumé", "resume"]) {
        Part::Summary
    } else if has(&["objective", "objectif"]) {
        Part::Objectives
    } else if has(&["classification"]) {
        Part::Classification
    } else if has(&["following stages", "stages", "étapes suivantes"]) {
        Part::Stages
    } else if has(&["response steps", "steps", "étapes"]) {
        Part::Steps
    } else if has(&["escalation", "escalade"]) {
        Part::Escalation
    } else if has(&[
        "notes and considerations",
        "considerations",
        "considérations",
    ]) {
        Part::DetectionNotes
    } else if has(&["event name", "noms des événements", "nom des événements"]) {
        Part::EventNames
    } else if has(&["data plane", "data event", "plan de données"]) {
        Part::DataEvents
    } else if has(&["detection", "détection"]) {
        Part::Detection
    } else if has(&["analysis", "analyse"]) {
        Part::Analysis
    } else if has(&["containment", "eradication", "confinement", "éradication"]) {
        Part::Containment
    } else if has(&["recovery", "récupération", "restauration"]) {
        Part::Recovery
    } else if has(&["data protection", "protection des données"]) {
        Part::DataProtection
    } else if has(&["permission", "autorisation"]) {
        Part::Permissions
    } else if has(&[
        "lessons",
        "leçons",
        "lecons",
        "post incident",
        "post-incident",
        "postincident",
        "after the incident",
        "après l'incident",
    ]) {
        Part::Lessons
    } else if has(&["backlog", "carnet"]) {
        if has(&["current", "en cours"]) {
            Part::BacklogCurrent
        } else {
            Part::BacklogAddressed
        }
    } else if has(&["preparation", "préparation"]) {
        Part::Preparation
    } else if t.trim_end_matches([':', ' ']).ends_with(" model") || t.starts_with("modèle") {
        Part::ServiceModel
    } else {
        return None;
    };
    Some(p)
}

pub fn objective_part(title: &str) -> Option<ObjectivePart> {
    let t = title.to_lowercase();
    if t.contains("caf") {
        Some(ObjectivePart::Caf)
    } else if t.contains("determin") || t.contains("détermin") {
        Some(ObjectivePart::Determine)
    } else if t.contains("recover") || t.contains("restaur") || t.contains("récup") {
        Some(ObjectivePart::Recover)
    } else {
        None
    }
}

/// `[**DETECTION & ANALYSIS**]` tags of response steps, case- and spacing-insensitive.
pub fn phase(tag: &str) -> Option<&'static str> {
    let t = tag.to_uppercase().replace('&', " AND ");
    let words: Vec<&str> = t
        .split(|c: char| !c.is_alphabetic())
        .filter(|w| !w.is_empty())
        .collect();
    let first = *words.first()?;
    let joined = words.concat();
    Some(match first {
        "PREPARATION" | "PRÉPARATION" => "preparation",
        "DETECTION" | "DÉTECTION" => "detection",
        "CONTAINMENT" | "CONFINEMENT" | "ERADICATION" | "ÉRADICATION" => "containment",
        "RECOVERY" | "RÉCUPÉRATION" | "RESTAURATION" => "recovery",
        _ if joined.starts_with("POSTINCIDENT") || joined.contains("APRÈSLINCIDENT") => {
            "post-incident"
        }
        _ => return None,
    })
}

/// `Directive`, `Preventative`… as the format's CAF component keys.
pub fn caf(word: &str) -> Option<&'static str> {
    let w = word.trim().to_lowercase();
    Some(match w.as_str() {
        "directive" => "directive",
        "detective" | "détective" => "detective",
        "responsive" | "réactif" | "reactive" => "responsive",
        "preventative" | "preventive" | "préventif" => "preventive",
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_collection_spellings_of_post_incident_are_lessons() {
        assert_eq!(part("Post Incident Activity"), Some(Part::Lessons));
        assert_eq!(part("Post-Incident Activity"), Some(Part::Lessons));
        assert_eq!(part("Incident Handling Process"), None);
    }

    #[test]
    fn phases() {
        assert_eq!(phase("DETECTION & ANALYSIS"), Some("detection"));
        assert_eq!(phase("detection  and analysis"), Some("detection"));
        assert_eq!(phase("CONTAINMENT AND ERADICATION"), Some("containment"));
        assert_eq!(phase("POST-INCIDENT ACTIVITY"), Some("post-incident"));
        assert_eq!(phase("Post Incident"), Some("post-incident"));
        assert_eq!(phase("LUNCH"), None);
    }

    #[test]
    fn parts() {
        assert_eq!(part("Detection and Analysis"), Some(Part::Detection));
        assert_eq!(
            part("Incident Classification & Handling"),
            Some(Part::Classification)
        );
        assert_eq!(part("Amazon Q Model"), Some(Part::ServiceModel));
        assert_eq!(
            part("Data Protection and IAM Policies"),
            Some(Part::DataProtection)
        );
        assert_eq!(part("IAM Permissions:"), Some(Part::Permissions));
        assert_eq!(part("Current Backlog Items"), Some(Part::BacklogCurrent));
        assert_eq!(part("Incident Handling Process"), None);
        assert_eq!(
            part("The incident response process has the following stages:"),
            Some(Part::Stages)
        );
    }
}
