//! Links broken by a space, `[text] (https://…)`, as machine translation leaves them.
//! CommonMark reads them as plain text; the importer recovers the link and reports it.

/// A link recovered from text: its title, address and the byte span of `[title] (url)`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Broken {
    pub title: String,
    pub url: String,
    pub span: std::ops::Range<usize>,
}

/// Every `[title] (url)` in `s` whose url has no spaces and looks like an address.
pub fn find_broken(s: &str) -> Vec<Broken> {
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(i) = s.get(from..).and_then(|rest| rest.find("] (")) {
        let close = from + i;
        from = close + 3;
        let Some(open) = s[..close].rfind('[') else {
            continue;
        };
        let Some(end) = s[from..].find(')') else {
            continue;
        };
        let url = &s[from..from + end];
        let title = &s[open + 1..close];
        let looks_like_url = url.starts_with("http://") || url.starts_with("https://");
        if looks_like_url && !url.contains(char::is_whitespace) && !title.contains(']') {
            out.push(Broken {
                title: title.to_owned(),
                url: url.to_owned(),
                span: open..from + end + 1,
            });
            from += end + 1;
        }
    }
    out
}

/// `s` with each broken link replaced by `f(link)`.
pub fn replace(s: &str, links: &[Broken], f: impl Fn(&Broken) -> String) -> String {
    let mut out = String::new();
    let mut at = 0;
    for l in links {
        out.push_str(&s[at..l.span.start]);
        out.push_str(&f(l));
        at = l.span.end;
    }
    out.push_str(&s[at..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recovers_space_broken_links() {
        let s = "voir [Prowler] (https://x.y/p) et [a] (pas une url) et [b](https://ok)";
        let b = find_broken(s);
        assert_eq!(b.len(), 1);
        assert_eq!(b[0].title, "Prowler");
        assert_eq!(
            replace(s, &b, |l| format!("[{}]({})", l.title, l.url)),
            "voir [Prowler](https://x.y/p) et [a] (pas une url) et [b](https://ok)"
        );
    }
}
