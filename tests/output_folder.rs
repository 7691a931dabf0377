//! The output folder is irbook's alone: a build never replaces the book's sources, and
//! replaces a foreign non-empty folder only with `--force`. Before, `build-dir = ""` and
//! `irbook build DIR` from another folder replaced the whole project with the site.

mod common;

use common::*;

/// A one-playbook book in `<tmp>/mybook`, with `build-dir` set as given.
fn book_in_a_folder(build_dir: &str) -> tempfile::TempDir {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("mybook");
    copy_dir(&repo().join("content"), &root.join("content"));
    copy_dir(&repo().join("locales"), &root.join("locales"));
    std::fs::copy(repo().join("book.toml"), root.join("book.toml")).unwrap();
    let toml = std::fs::read_to_string(root.join("book.toml")).unwrap();
    let line = "build-dir = \"book\"";
    assert!(toml.contains(line), "the shipped book.toml changed");
    let toml = toml.replacen(line, &format!("build-dir = {build_dir:?}"), 1);
    std::fs::write(root.join("book.toml"), toml).unwrap();
    tmp
}

fn assert_refused(out: &std::process::Output, what: &str) {
    let err = stderr(out);
    assert_eq!(out.status.code(), Some(2), "{what}: {err}");
    assert!(err.contains("refusing"), "{what}: {err}");
}

#[test]
fn a_build_dir_that_is_or_holds_or_lies_in_a_source_is_refused() {
    for build_dir in [
        "",
        ".",
        "./",
        "content",
        "locales",
        "content/site",
        "content/playbooks",
        "locales/fr",
        "book.toml",
        "..",
    ] {
        let tmp = book_in_a_folder(build_dir);
        let root = tmp.path().join("mybook");
        let before = files_of(tmp.path());
        // From inside the book …
        let inside = irbook(&root, &["build", "--quiet"]);
        assert_refused(&inside, &format!("build-dir {build_dir:?}, inside"));
        // … and from its parent, naming the book's folder.
        let outside = irbook(tmp.path(), &["build", "--quiet", "mybook"]);
        assert_refused(&outside, &format!("build-dir {build_dir:?}, outside"));
        // … even with --force.
        let forced = irbook(tmp.path(), &["build", "--quiet", "--force", "mybook"]);
        assert_refused(&forced, &format!("build-dir {build_dir:?}, forced"));
        let mut after = files_of(tmp.path());
        after.retain(|k, _| !k.contains(".irbook-lock"));
        assert_eq!(
            before.keys().collect::<Vec<_>>(),
            after.keys().collect::<Vec<_>>(),
            "build-dir {build_dir:?}: files changed"
        );
        assert!(before == after, "build-dir {build_dir:?}: contents changed");
    }
}

#[test]
fn a_dest_dir_on_the_sources_is_refused_from_anywhere() {
    let tmp = book_in_a_folder("book");
    let root = tmp.path().join("mybook");
    let before = files_of(&root);
    for (cwd, args) in [
        (&root, vec!["build", "-d", "."]),
        (&root, vec!["build", "-d", "content"]),
        (&root, vec!["build", "-d", "locales/fr/.."]),
        (&root, vec!["build", "-d", ".."]),
        (
            &tmp.path().to_path_buf(),
            vec!["build", "mybook", "-d", "mybook"],
        ),
        (
            &tmp.path().to_path_buf(),
            vec!["build", "mybook", "-d", "."],
        ),
        (
            &tmp.path().to_path_buf(),
            vec!["build", "mybook", "-d", "mybook/locales"],
        ),
    ] {
        let out = irbook(cwd, &args);
        assert_refused(&out, &format!("{args:?} in {}", cwd.display()));
    }
    assert!(before == files_of(&root), "sources changed");
}

#[test]
fn the_default_output_builds_from_inside_and_outside() {
    let tmp = book_in_a_folder("book");
    let root = tmp.path().join("mybook");
    let out = irbook(tmp.path(), &["build", "--quiet", "mybook"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(root.join("book/en/index.html").is_file());
    assert!(root.join("book/.irbook-output").is_file(), "no marker");
    let again = irbook(&root, &["build", "--quiet"]);
    assert_eq!(again.status.code(), Some(0), "{}", stderr(&again));
    assert!(root.join("content/playbooks/amazon-q.yaml").is_file());
}

#[test]
fn a_foreign_folder_is_replaced_only_with_force() {
    let tmp = book_in_a_folder("site");
    let root = tmp.path().join("mybook");
    std::fs::create_dir_all(root.join("site")).unwrap();
    std::fs::write(root.join("site/notes.txt"), "my notes").unwrap();
    let out = irbook(&root, &["build", "--quiet"]);
    assert_refused(&out, "foreign folder");
    assert!(stderr(&out).contains("--force"), "{}", stderr(&out));
    assert_eq!(
        std::fs::read_to_string(root.join("site/notes.txt")).unwrap(),
        "my notes"
    );
    let forced = irbook(&root, &["build", "--quiet", "--force"]);
    assert_eq!(forced.status.code(), Some(0), "{}", stderr(&forced));
    assert!(!root.join("site/notes.txt").exists());
    assert!(root.join("site/en/index.html").is_file());
    // Now it is irbook's: the next build needs no --force.
    let next = irbook(&root, &["build", "--quiet"]);
    assert_eq!(next.status.code(), Some(0), "{}", stderr(&next));
}

#[test]
fn a_file_in_place_of_the_output_is_refused() {
    let tmp = book_in_a_folder("book");
    let root = tmp.path().join("mybook");
    std::fs::write(root.join("book"), "a file").unwrap();
    let out = irbook(&root, &["build", "--quiet"]);
    assert_refused(&out, "file");
    assert_eq!(
        std::fs::read_to_string(root.join("book")).unwrap(),
        "a file"
    );
}

#[test]
fn an_empty_folder_is_fine() {
    let tmp = book_in_a_folder("book");
    let root = tmp.path().join("mybook");
    let empty = tmp.path().join("empty");
    std::fs::create_dir(&empty).unwrap();
    let out = irbook(&root, &["build", "--quiet", "-d", empty.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(empty.join("en/index.html").is_file());
}
