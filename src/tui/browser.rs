//! Opening a report's web page (`O`): with `$BROWSER` (the first of a `:`-separated list;
//! `%s` stands for the URL, else it follows as the last argument), else `xdg-open` (`open`
//! on macOS). The browser starts detached from the terminal (no stdin, stdout or stderr), so
//! the screen stays whole; only http(s) URLs are handed over, never a path or an option.

use std::process::{Command, Stdio};

/// The URL `O` opens for this address, if it is one a browser should get.
pub fn checked(url: &str) -> Option<String> {
    let u = url::Url::parse(url.trim()).ok()?;
    matches!(u.scheme(), "http" | "https").then(|| u.to_string())
}

/// The program and arguments that open `url`, from `$BROWSER` (read through `env`).
pub fn command_for(url: &str, env: &dyn Fn(&str) -> Option<String>) -> (String, Vec<String>) {
    let browser = env("BROWSER").unwrap_or_default();
    let first = browser.split(':').map(str::trim).find(|b| !b.is_empty());
    if let Some(b) = first {
        let mut words = b.split_whitespace().map(str::to_string);
        let program = words.next().unwrap_or_default();
        let mut args: Vec<String> = words.collect();
        if args.iter().any(|a| a.contains("%s")) {
            for a in &mut args {
                *a = a.replace("%s", url);
            }
        } else {
            args.push(url.to_string());
        }
        return (program, args);
    }
    let opener = if cfg!(target_os = "macos") {
        "open"
    } else {
        "xdg-open"
    };
    (opener.to_string(), vec![url.to_string()])
}

/// Starts the browser on `url`; says which program, or why it could not.
pub fn open(url: &str) -> Result<String, String> {
    open_with(url, &|k| std::env::var(k).ok())
}

/// [`open`] with the environment passed in.
pub fn open_with(url: &str, env: &dyn Fn(&str) -> Option<String>) -> Result<String, String> {
    let (program, args) = command_for(url, env);
    let child = Command::new(&program)
        .args(&args)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn();
    match child {
        Ok(mut c) => {
            // Reaped in the background, so no zombie is left.
            let _ = std::thread::Builder::new()
                .name("browser".into())
                .spawn(move || c.wait());
            Ok(program)
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            Err(format!("no browser: {program} not found (set BROWSER)"))
        }
        Err(e) => Err(format!("could not start {program}: {e}")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_web_addresses_are_opened() {
        assert_eq!(
            checked("https://example.org/a b").as_deref(),
            Some("https://example.org/a%20b")
        );
        assert!(checked("file:///etc/passwd").is_none());
        assert!(checked("--help").is_none());
        assert!(checked("javascript:alert(1)").is_none());
    }

    #[test]
    fn browser_variable_forms() {
        let url = "https://example.org/";
        let env = |v: &'static str| move |k: &str| (k == "BROWSER").then(|| v.to_string());
        assert_eq!(
            command_for(url, &env("firefox:chromium")),
            ("firefox".to_string(), vec![url.to_string()])
        );
        assert_eq!(
            command_for(url, &env("lynx -dump %s")),
            (
                "lynx".to_string(),
                vec!["-dump".to_string(), url.to_string()]
            )
        );
        let none = |_: &str| None;
        assert_eq!(command_for(url, &none).1, vec![url.to_string()]);
    }

    #[test]
    fn a_missing_browser_is_said_and_a_present_one_runs() {
        let browser = |b: &'static str| move |k: &str| (k == "BROWSER").then(|| b.to_string());
        let err =
            open_with("https://x.org/", &browser("/nonexistent/parallax-browser")).unwrap_err();
        assert!(err.contains("not found"), "{err}");
        assert_eq!(
            open_with("https://x.org/", &browser("true")),
            Ok("true".to_string())
        );
    }
}
