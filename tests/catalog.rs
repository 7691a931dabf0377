//! The detection catalog: `book/catalog.json` against its schema, the shipped book's 53
//! events, links back into the built pages, `irbook catalog`, and determinism.

mod common;
use common::*;
use serde_json::Value;
use std::collections::BTreeMap;
use std::path::Path;

/// Builds `dir` into `dir/book` and returns the output folder.
fn build(dir: &Path) -> std::path::PathBuf {
    let out = irbook(dir, &["build", "--quiet"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    dir.join("book")
}

fn read_json(path: &Path) -> Value {
    let text = std::fs::read_to_string(path)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{} is not JSON: {e}", path.display()))
}

/// Every schema violation of `instance`, one per line (empty when valid).
fn violations(schema: &Value, instance: &Value) -> String {
    jsonschema::draft202012::meta::validate(schema)
        .unwrap_or_else(|e| panic!("catalog.schema.json is not a valid 2020-12 schema: {e}"));
    let validator = jsonschema::draft202012::new(schema).expect("schema compiles");
    validator
        .iter_errors(instance)
        .map(|e| format!("{} at {}", e, e.instance_path))
        .collect::<Vec<_>>()
        .join("\n")
}

fn events_by_name(catalog: &Value) -> BTreeMap<String, &Value> {
    catalog["events"]
        .as_array()
        .expect("events")
        .iter()
        .map(|e| (e["event_name"].as_str().unwrap().to_owned(), e))
        .collect()
}

#[test]
fn shipped_catalog_is_valid_under_its_schema() {
    let dir = shipped_book();
    let book = build(dir.path());
    let schema = read_json(&book.join("catalog.schema.json"));
    let catalog = read_json(&book.join("catalog.json"));
    assert_eq!(
        schema["$schema"],
        "https://json-schema.org/draft/2020-12/schema"
    );
    assert!(schema["$id"]
        .as_str()
        .unwrap()
        .starts_with("urn:irbook:catalog:"));
    assert_eq!(schema["version"], catalog["catalog_version"]);
    let errors = violations(&schema, &catalog);
    assert!(
        errors.is_empty(),
        "catalog.json breaks its schema:\n{errors}"
    );
}

#[test]
fn schema_rejects_what_it_does_not_define() {
    let dir = shipped_book();
    let book = build(dir.path());
    let schema = read_json(&book.join("catalog.schema.json"));
    let mut catalog = read_json(&book.join("catalog.json"));
    catalog["events"][0]["surprise"] = Value::Bool(true);
    assert!(
        !violations(&schema, &catalog).is_empty(),
        "an unknown field passed"
    );
    let mut catalog = read_json(&book.join("catalog.json"));
    catalog["events"][0]
        .as_object_mut()
        .unwrap()
        .remove("event_source");
    assert!(
        !violations(&schema, &catalog).is_empty(),
        "a missing field passed"
    );
    let mut catalog = read_json(&book.join("catalog.json"));
    catalog["events"][0]["event_category"] = "Insight".into();
    assert!(
        !violations(&schema, &catalog).is_empty(),
        "a bad enum value passed"
    );
}

#[test]
fn every_event_of_the_shipped_book_has_its_source_and_both_descriptions() {
    let dir = shipped_book();
    let book = build(dir.path());
    let catalog = read_json(&book.join("catalog.json"));
    let events = events_by_name(&catalog);
    assert_eq!(events.len(), 53, "{:?}", events.keys().collect::<Vec<_>>());
    assert_eq!(
        catalog["events"].as_array().unwrap().len(),
        53,
        "an event twice"
    );
    let console = [
        "GetConversation",
        "GetTroubleshootingResults",
        "SendMessage",
        "StartConversation",
        "StartTroubleshootingAnalysis",
        "StartTroubleshootingResolutionExplanation",
    ];
    for (name, e) in &events {
        let (source, service) = if console.contains(&name.as_str()) {
            ("q.amazonaws.com", "q")
        } else {
            ("qbusiness.amazonaws.com", "qbusiness")
        };
        assert_eq!(e["event_source"], source, "{name}");
        assert_eq!(e["id"], format!("{source}/{name}"), "{name}");
        assert_eq!(e["iam_action"], format!("{service}:{name}"), "{name}");
        assert_eq!(e["verified"], true, "{name}");
        for lang in ["en", "fr"] {
            let text = e["description"][lang].as_str().unwrap_or_default();
            assert!(!text.trim().is_empty(), "{name} has no {lang} description");
        }
        // The playbook's own words, not IAM's permission wording (`check` warns on it).
        let en = e["description"]["en"].as_str().unwrap_or_default();
        assert!(!en.starts_with("Grants permission"), "{name}: {en}");
        let fr = e["description"]["fr"].as_str().unwrap_or_default();
        assert!(!fr.starts_with("Autorise"), "{name}: {fr}");
        assert_eq!(e["description_fallback"], serde_json::json!([]), "{name}");
        assert_eq!(e["playbooks"][0]["id"], "amazon-q", "{name}");
        assert_eq!(e["playbooks"][0]["phase"], "detection", "{name}");
    }
    assert_ne!(
        events["GetIndex"]["description"]["en"],
        events["GetIndex"]["description"]["fr"]
    );
    // Data events carry the resource types a selector must name; management events none.
    // (A data event in no group links to its resource type: see the two-playbook test.)
    let put = events["PutFeedback"];
    assert_eq!(put["event_category"], "Data");
    assert_eq!(
        put["resource_types"],
        serde_json::json!(["AWS::QBusiness::Application"])
    );
    assert_eq!(put["groups"][0]["group"], "chat");
    assert_eq!(
        put["playbooks"][0]["url"]["fr"],
        "fr/amazon-q.html#event-chat-PutFeedback"
    );
    assert_eq!(events["GetIndex"]["event_category"], "Management");
    assert_eq!(events["GetIndex"]["resource_types"], serde_json::json!([]));
    assert_eq!(events["GetIndex"]["common"], true);
    assert_eq!(events["GetIndex"]["iam_access_level"], "Read");
    assert_eq!(events["DeleteIndex"]["iam_access_level"], "Write");
    // Not `read_only`: it came from the IAM access level, and read as CloudTrail's own
    // `readOnly` field, which it is not (catalog 2.0.0).
    assert!(events["GetIndex"].get("read_only").is_none());
    assert!(events["GetIndex"].get("access_level").is_none());
    assert_eq!(
        events["GetIndex"]["playbooks"][0]["url"],
        serde_json::json!({
            "en": "en/amazon-q.html#event-indices-GetIndex",
            "fr": "fr/amazon-q.html#event-indices-GetIndex"
        })
    );
    assert_eq!(events["GetIndex"]["groups"][0]["title"]["fr"], "Index");
    // Sorted by (event source, event name), so q.amazonaws.com comes first.
    let ids: Vec<&str> = catalog["events"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["id"].as_str().unwrap())
        .collect();
    let mut sorted = ids.clone();
    sorted.sort_by_key(|id| id.split_once('/').unwrap());
    assert_eq!(ids, sorted);
    let p = &catalog["playbooks"][0];
    assert_eq!(p["counts"]["events"], 53);
    assert_eq!(p["counts"]["groups"], 10);
    assert_eq!(catalog["languages"], serde_json::json!(["en", "fr"]));
    assert!(catalog["source_digest"]
        .as_str()
        .unwrap()
        .starts_with("sha256:"));
}

/// Each url names a page of the built book, and that page has the anchor. The pages come
/// from the HTML renderer: this test passes once it is in.
#[test]
fn playbook_urls_point_at_existing_anchors() {
    let dir = shipped_book();
    let book = build(dir.path());
    let catalog = read_json(&book.join("catalog.json"));
    let mut pages: BTreeMap<String, String> = BTreeMap::new();
    for e in catalog["events"].as_array().unwrap() {
        for p in e["playbooks"].as_array().unwrap() {
            for (lang, url) in p["url"].as_object().unwrap() {
                let url = url.as_str().unwrap();
                assert!(url.starts_with(&format!("{lang}/")), "{url}");
                let (file, anchor) = url.split_once('#').expect("an anchor");
                let html = pages.entry(file.to_owned()).or_insert_with(|| {
                    std::fs::read_to_string(book.join(file))
                        .unwrap_or_else(|e| panic!("{url}: no page {file} in the book ({e})"))
                });
                assert!(
                    html.contains(&format!("id=\"{anchor}\"")),
                    "{url}: no id=\"{anchor}\" in {file}"
                );
            }
        }
    }
}

#[test]
fn catalog_command_prints_what_build_writes() {
    let dir = shipped_book();
    let book = build(dir.path());
    let out = irbook(dir.path(), &["catalog", "--quiet"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(
        out.stdout,
        std::fs::read(book.join("catalog.json")).unwrap(),
        "`irbook catalog` differs from book/catalog.json"
    );
}

#[test]
fn events_only_prints_json_lines() {
    let dir = shipped_book();
    let out = irbook(dir.path(), &["catalog", "--events-only", "--quiet", "."]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(text.ends_with('\n'));
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 53);
    for line in &lines {
        let e: Value =
            serde_json::from_str(line).unwrap_or_else(|e| panic!("not JSON ({e}): {line}"));
        assert!(
            e["id"].is_string() && e["event_source"].is_string(),
            "{line}"
        );
    }
    assert!(lines[0].starts_with("{\"id\":\"q.amazonaws.com/GetConversation\""));
}

#[test]
fn two_builds_are_byte_identical() {
    let dir = shipped_book();
    let first = irbook(dir.path(), &["build", "--quiet", "-d", "one"]);
    let second = irbook(dir.path(), &["build", "--quiet", "-d", "two"]);
    assert!(first.status.success() && second.status.success());
    let one = dir.path().join("one");
    let two = dir.path().join("two");
    let mut files = Vec::new();
    collect(&one, &one, &mut files);
    assert!(files.iter().any(|f| f == "catalog.json"));
    assert!(files.iter().any(|f| f.starts_with("detections/sigma/")));
    assert!(files
        .iter()
        .any(|f| f == "detections/security-lake/amazon-q.sql"));
    assert!(files.iter().any(|f| f == "cacao/fr/amazon-q.json"));
    for f in &files {
        assert_eq!(
            std::fs::read(one.join(f)).unwrap(),
            std::fs::read(two.join(f)).unwrap(),
            "{f} differs between two builds"
        );
    }
    let mut again = Vec::new();
    collect(&two, &two, &mut again);
    assert_eq!(files, again);
}

fn collect(root: &Path, dir: &Path, out: &mut Vec<String>) {
    let mut entries: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            collect(root, &path, out);
        } else {
            let rel = path.strip_prefix(root).unwrap().to_string_lossy();
            out.push(rel.replace('\\', "/"));
        }
    }
}

const ALPHA: &str = "id: alpha
title: Leaked access keys
summary: What to do when IAM access keys leak.
status: draft
owners: { author: Team A, approved: 2026-01-15 }
classification: { resource: IAM }
detection:
  groups:
    keys:
      title: Access keys
      service: iam
      events: [CreateAccessKey, DeleteAccessKey, ListAccessKeys]
";

const BETA: &str = "id: beta
title: Data theft from S3
summary: What to do when objects leave a bucket.
status: active
detection:
  groups:
    users:
      title: Users
      service: iam
      events:
        - name: CreateAccessKey
          description: A new key for a user; check who asked for it.
  data_events:
    AWS::S3::Object: [GetObject, PutObject]
";

/// Two playbooks sharing an event, a data-only event, and a French book without French
/// files: the catalog merges, and says what is not translated.
#[test]
fn fixture_book_merges_playbooks_and_marks_missing_translations() {
    let dir = book_with(&[("alpha.yaml", ALPHA), ("beta.yaml", BETA)]);
    std::fs::write(
        dir.path().join("book.toml"),
        "[book]\ntitle = \"Test\"\n[language.fr]\nname = \"Français\"\n\
         [output.catalog]\nbase-url = \"https://playbooks.example.com/\"\n",
    )
    .unwrap();
    let book = build(dir.path());
    let schema = read_json(&book.join("catalog.schema.json"));
    let catalog = read_json(&book.join("catalog.json"));
    let errors = violations(&schema, &catalog);
    assert!(errors.is_empty(), "{errors}");
    let events = events_by_name(&catalog);
    let key = events["CreateAccessKey"];
    assert_eq!(key["id"], "iam.amazonaws.com/CreateAccessKey");
    let groups: Vec<(&str, &str)> = key["groups"]
        .as_array()
        .unwrap()
        .iter()
        .map(|g| {
            (
                g["playbook"].as_str().unwrap(),
                g["group"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(groups, [("alpha", "keys"), ("beta", "users")]);
    let playbooks: Vec<&str> = key["playbooks"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["id"].as_str().unwrap())
        .collect();
    assert_eq!(playbooks, ["alpha", "beta"]);
    // No French file: English only, and French listed as missing.
    assert!(key["description"]["en"].is_string());
    assert!(key["description"].get("fr").is_none());
    assert_eq!(key["description_fallback"], serde_json::json!(["fr"]));
    assert!(key["playbooks"][0]["title"].get("fr").is_none());
    assert_eq!(
        key["playbooks"][1]["url"]["fr"],
        "fr/beta.html#event-users-CreateAccessKey"
    );
    let get = events["GetObject"];
    assert_eq!(get["event_source"], "s3.amazonaws.com");
    assert_eq!(get["event_category"], "Data");
    assert_eq!(
        get["resource_types"],
        serde_json::json!(["AWS::S3::Object"])
    );
    assert_eq!(
        get["playbooks"][0]["url"]["en"],
        "en/beta.html#data-AWS-S3-Object"
    );
    let counts: Vec<(&str, &Value)> = catalog["playbooks"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| (p["id"].as_str().unwrap(), &p["counts"]))
        .collect();
    assert_eq!(counts[0].1["events"], 3);
    assert_eq!(counts[1].1["data_events"], 2);
    assert_eq!(counts[1].1["management_events"], 1);

    // Exports: one query per playbook; one Sigma file per playbook, a YAML document per
    // rule (per group: activity and changes, or changes alone when they would be equal).
    let det = book.join("detections");
    for f in [
        "athena/alpha.sql",
        "athena/beta.sql",
        "cloudtrail-lake/beta.sql",
        "logs-insights/beta.txt",
        "sigma/aws_cloudtrail_alpha.yml",
        "sigma/aws_cloudtrail_beta.yml",
    ] {
        assert!(det.join(f).is_file(), "no detections/{f}");
    }
    let sigma_files: Vec<_> = std::fs::read_dir(det.join("sigma"))
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    assert_eq!(sigma_files.len(), 2, "{sigma_files:?}");
    let documents = |name: &str| -> Vec<String> {
        std::fs::read_to_string(det.join("sigma").join(name))
            .unwrap()
            .split("\n---\n")
            .map(str::to_owned)
            .collect()
    };
    let alpha = documents("aws_cloudtrail_alpha.yml");
    let beta = documents("aws_cloudtrail_beta.yml");
    let titles = |docs: &[String]| -> Vec<String> {
        docs.iter()
            .map(|d| d.lines().next().unwrap().to_owned())
            .collect()
    };
    assert_eq!(
        titles(&alpha),
        [
            "title: IAM Activity - Access Keys",
            "title: IAM Changes - Access Keys"
        ],
        "{alpha:?}"
    );
    assert_eq!(
        beta.len(),
        3,
        "users (changes only), data-only activity and changes: {beta:?}"
    );
    let athena = std::fs::read_to_string(det.join("athena/beta.sql")).unwrap();
    assert!(
        athena.contains(
            "(eventsource = 'iam.amazonaws.com' AND eventname IN (\n      'CreateAccessKey'))"
        ),
        "{athena}"
    );
    assert!(
        athena.contains("OR (eventsource = 's3.amazonaws.com'"),
        "{athena}"
    );
    let rule = format!("{}\n", alpha[0]);
    assert!(rule.contains("status: experimental\n"), "{rule}");
    assert!(
        rule.contains("date: \"2026-01-15\"\n") || rule.contains("date: 2026-01-15\n"),
        "{rule}"
    );
    assert!(
        rule.contains("title: IAM Activity - Access Keys\n"),
        "{rule}"
    );
    assert!(
        rule.contains("- https://playbooks.example.com/en/alpha.html#group-keys\n"),
        "{rule}"
    );
    let changes = &alpha[1];
    assert!(changes.contains("level: medium\n"), "{changes}");
    assert!(
        !changes.contains("ListAccessKeys"),
        "a read in the changes rule: {changes}"
    );
}

#[test]
fn catalog_of_a_broken_book_exits_1_and_prints_nothing() {
    let dir = book_with(&[(
        "alpha.yaml",
        &ALPHA.replace("DeleteAccessKey", "DeleteAcessKey"),
    )]);
    let out = irbook(dir.path(), &["catalog"]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(out.stdout.is_empty());
    assert!(stderr(&out).contains("DeleteAcessKey"), "{}", stderr(&out));
}

/// Every property of every object in `schema`, with its path, that has no description.
fn undocumented(node: &Value, path: &str, out: &mut Vec<String>) {
    match node {
        Value::Object(map) => {
            if let Some(Value::Object(props)) = map.get("properties") {
                for (name, prop) in props {
                    if prop["description"]
                        .as_str()
                        .is_none_or(|d| d.trim().is_empty())
                    {
                        out.push(format!("{path}/{name}"));
                    }
                }
            }
            for (k, v) in map {
                undocumented(v, &format!("{path}/{k}"), out);
            }
        }
        Value::Array(items) => {
            for (i, v) in items.iter().enumerate() {
                undocumented(v, &format!("{path}[{i}]"), out);
            }
        }
        _ => {}
    }
}

#[test]
fn the_schema_documents_every_field() {
    let dir = shipped_book();
    let book = build(dir.path());
    let schema = read_json(&book.join("catalog.schema.json"));
    let mut missing = Vec::new();
    undocumented(&schema, "", &mut missing);
    assert!(
        missing.is_empty(),
        "fields without a description: {missing:#?}"
    );
    // The response fields of 2.1 are among them, documented.
    let entry = &schema["$defs"]["PlaybookEntry"]["properties"];
    for field in [
        "owner", "reviewed", "sources", "related", "triggers", "attack", "severity",
    ] {
        assert!(entry[field]["description"].is_string(), "{field}");
    }
}

/// An event that another playbook lists as common in normal use is common book-wide: it
/// leaves the "changes" rule of every playbook, even one rendered before that other
/// playbook is read (each playbook's exports are made with its pages, in parallel).
#[test]
fn an_event_common_in_one_playbook_leaves_every_playbooks_changes_rule() {
    const ZETA: &str = "id: zeta
title: Key rotation
summary: Keys are rotated every day here.
status: draft
detection:
  common: [CreateAccessKey]
  groups:
    rotation:
      title: Rotation
      service: iam
      events: [CreateAccessKey]
";
    let changes_of_alpha = |files: &[(&str, &str)]| -> String {
        let dir = book_with(files);
        let book = build(dir.path());
        let catalog = read_json(&book.join("catalog.json"));
        let common = events_by_name(&catalog)["CreateAccessKey"]["common"].clone();
        let sigma = std::fs::read_to_string(book.join("detections/sigma/aws_cloudtrail_alpha.yml"))
            .unwrap();
        let changes = sigma
            .split("\n---\n")
            .find(|d| d.contains("level: medium"))
            .unwrap_or_else(|| panic!("no changes rule: {sigma}"))
            .to_owned();
        let cacao = std::fs::read_to_string(book.join("cacao/en/alpha.json")).unwrap();
        format!("common: {common}\n{changes}\ncacao: {cacao}")
    };
    let alone = changes_of_alpha(&[("alpha.yaml", ALPHA)]);
    assert!(alone.starts_with("common: false"), "{alone}");
    assert!(alone.contains("- CreateAccessKey"), "{alone}");
    let shared = changes_of_alpha(&[("alpha.yaml", ALPHA), ("zeta.yaml", ZETA)]);
    assert!(shared.starts_with("common: true"), "{shared}");
    assert!(!shared.contains("- CreateAccessKey"), "{shared}");
    assert!(shared.contains("- DeleteAccessKey"), "{shared}");
    // The CACAO export embeds the rules as written, so it changes with them.
    let cacao = |s: &str| s.split_once("\ncacao: ").unwrap().1.to_owned();
    assert_ne!(cacao(&alone), cacao(&shared));
}
