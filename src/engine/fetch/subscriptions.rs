//! Subscriptions: `$XDG_CONFIG_HOME/parallax/urls` (else `~/.config/parallax/urls`), in
//! newsboat's format so an existing list can be copied over: one URL a line, `#` comments,
//! then optional tags (`"a tag with spaces"` quoted); a tag `~Name` names the feed. newsboat's
//! `query:`, `exec:` and `filter:` lines are not URLs and are reported, not run.

use std::path::{Path, PathBuf};

/// Lines read at most, and the largest file read.
pub const MAX_LINES: usize = 10_000;
pub const MAX_BYTES: u64 = 1 << 20;

/// One subscribed URL.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Subscription {
    pub url: String,
    pub tags: Vec<String>,
    /// From a `~Name` tag.
    pub title: Option<String>,
    /// Line number in the file, from 1.
    pub line: usize,
}

/// The subscriptions of a file, and the lines that were not usable: (line number, reason).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Subscriptions {
    pub subs: Vec<Subscription>,
    pub problems: Vec<(usize, String)>,
}

/// Where the urls file is: `$XDG_CONFIG_HOME/parallax/urls`, else `$HOME/.config/parallax/urls`.
/// `env` reads an environment variable (a parameter, for tests).
pub fn default_path(env: &dyn Fn(&str) -> Option<String>) -> Option<PathBuf> {
    Some(crate::engine::dirs::config(env)?.join("urls"))
}

/// Reads the urls file at `path`; a missing file is no subscriptions.
pub fn read(path: &Path) -> Result<Subscriptions, String> {
    use std::io::Read;
    let name = crate::engine::sanitize::shown_path(path);
    let file = match std::fs::File::open(path) {
        Ok(f) => f,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Subscriptions::default()),
        Err(e) => return Err(format!("{name}: {e}")),
    };
    let mut bytes = Vec::new();
    file.take(MAX_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| format!("{name}: {e}"))?;
    if bytes.len() as u64 > MAX_BYTES {
        return Err(format!("{name}: over {MAX_BYTES} bytes; not a urls file?"));
    }
    Ok(parse(&String::from_utf8_lossy(&bytes)))
}

/// Parses the text of a urls file.
pub fn parse(text: &str) -> Subscriptions {
    let mut out = Subscriptions::default();
    for (n, line) in text.lines().enumerate().take(MAX_LINES) {
        let number = n + 1;
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let mut tokens = tokens(line).into_iter();
        let Some(url) = tokens.next() else { continue };
        let lower = url.to_ascii_lowercase();
        if ["query:", "exec:", "filter:"]
            .iter()
            .any(|p| lower.starts_with(p))
        {
            let kind = &lower[..lower.find(':').unwrap_or(0)];
            out.problems.push((
                number,
                format!("newsboat {kind}: lines are not supported; skipped"),
            ));
            continue;
        }
        if let Err(e) = super::url::parse_http(&url) {
            out.problems.push((number, e.to_string()));
            continue;
        }
        let mut tags = Vec::new();
        let mut title = None;
        for t in tokens {
            match t.strip_prefix('~') {
                Some(name) if !name.is_empty() => title = Some(name.to_string()),
                _ if t == "!" => {}
                _ => tags.push(t),
            }
        }
        out.subs.push(Subscription {
            url,
            tags,
            title,
            line: number,
        });
    }
    out
}

/// Splits a line at whitespace, keeping `"quoted tokens"` whole (`\"` and `\\` escaped).
fn tokens(line: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut chars = line.chars().peekable();
    while let Some(&c) = chars.peek() {
        if c.is_whitespace() {
            chars.next();
            continue;
        }
        let mut token = String::new();
        if c == '"' {
            chars.next();
            while let Some(c) = chars.next() {
                match c {
                    '"' => break,
                    '\\' => token.extend(chars.next()),
                    c => token.push(c),
                }
            }
        } else {
            while let Some(&c) = chars.peek() {
                if c.is_whitespace() {
                    break;
                }
                token.push(c);
                chars.next();
            }
        }
        out.push(token);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn newsboat_lines() {
        let text = "# my feeds\n\
            https://example.com/feed.xml news \"world news\" ~Example\n\
            \n\
            http://127.0.0.1:8080/a.html\n\
            query:Unread:unread = \"yes\"\n\
            exec:~/bin/feed.sh\n\
            file:///etc/passwd\n";
        let s = parse(text);
        assert_eq!(s.subs.len(), 2);
        assert_eq!(s.subs[0].url, "https://example.com/feed.xml");
        assert_eq!(s.subs[0].tags, vec!["news", "world news"]);
        assert_eq!(s.subs[0].title.as_deref(), Some("Example"));
        assert_eq!(s.subs[0].line, 2);
        assert_eq!(s.subs[1].line, 4);
        assert_eq!(s.problems.len(), 3, "{:?}", s.problems);
        assert_eq!(s.problems[0].0, 5);
        assert!(s.problems[0].1.starts_with("newsboat query:"));
        assert!(s.problems[2].1.contains("file: refused"));
    }

    #[test]
    fn paths_follow_xdg() {
        let env = |k: &str| match k {
            "XDG_CONFIG_HOME" => Some("/cfg".to_string()),
            "HOME" => Some("/home/u".to_string()),
            _ => None,
        };
        assert_eq!(
            default_path(&env),
            Some(PathBuf::from("/cfg/parallax/urls"))
        );
        let relative = |k: &str| match k {
            "XDG_CONFIG_HOME" => Some("rel".to_string()),
            "HOME" => Some("/home/u".to_string()),
            _ => None,
        };
        assert_eq!(
            default_path(&relative),
            Some(PathBuf::from("/home/u/.config/parallax/urls"))
        );
    }

    #[test]
    fn a_missing_file_is_no_subscriptions() {
        let s = read(Path::new("/nonexistent/parallax/urls")).unwrap();
        assert!(s.subs.is_empty() && s.problems.is_empty());
    }
}
