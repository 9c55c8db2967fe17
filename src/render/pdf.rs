//! The page as PDF: printed by a Chrome or Chromium installed on this
//! computer, headless and kept off the network, with the page's own print
//! CSS. cuc carries no browser of its own; without one it says how to get
//! one, or how to print the HTML from any browser.

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// The programs looked for on PATH, in this order.
const NAMES: [&str; 7] = [
    "chromium",
    "chromium-browser",
    "google-chrome",
    "google-chrome-stable",
    "chrome",
    "microsoft-edge",
    "msedge",
];

/// Where Chrome lives when it is not on PATH (macOS, Windows).
const PLACES: [&str; 4] = [
    "/Applications/Google Chrome.app/Contents/MacOS/Google Chrome",
    "/Applications/Chromium.app/Contents/MacOS/Chromium",
    "C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe",
    "C:\\Program Files (x86)\\Google\\Chrome\\Application\\chrome.exe",
];

/// How long a browser may take to print one page before cuc gives up.
const TIMEOUT: Duration = Duration::from_secs(60);

/// Why there is no PDF, in words for the person who asked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Failure {
    pub message: String,
    pub help: String,
}

/// The browser to print with: `CUC_BROWSER` (a path or a program name),
/// else the first of the usual names on PATH, else the usual places.
pub fn find_browser(
    variable: Option<&str>,
    path: Option<&std::ffi::OsStr>,
) -> Result<PathBuf, Failure> {
    let how = "install Chrome or Chromium (Debian or Ubuntu: `sudo apt install chromium`; macOS and Windows: \
               Google Chrome from google.com/chrome), or set CUC_BROWSER to the browser's path; \
               or render the HTML (`cuc render ID -o page.html`), open it in any browser and print it to PDF";
    if let Some(asked) = variable.filter(|v| !v.trim().is_empty()) {
        let candidate = Path::new(asked);
        if candidate.components().count() > 1 {
            if candidate.is_file() {
                return Ok(candidate.to_path_buf());
            }
            return Err(Failure {
                message: format!("CUC_BROWSER is {asked}, but there is no such file"),
                help: "set CUC_BROWSER to where Chrome or Chromium is, or unset it to let cuc look for one".to_owned(),
            });
        }
        return on_path(asked, path).ok_or_else(|| Failure {
            message: format!("CUC_BROWSER is {asked}, but no program of that name is on PATH"),
            help: format!("set CUC_BROWSER to the browser's full path; {how}"),
        });
    }
    NAMES
        .iter()
        .find_map(|name| on_path(name, path))
        .or_else(|| PLACES.iter().map(PathBuf::from).find(|p| p.is_file()))
        .ok_or_else(|| Failure {
            message:
                "cuc prints the PDF with Chrome or Chromium, and found neither on this computer"
                    .to_owned(),
            help: how.to_owned(),
        })
}

fn on_path(name: &str, path: Option<&std::ffi::OsStr>) -> Option<PathBuf> {
    std::env::split_paths(path?).find_map(|dir| {
        let candidate = dir.join(name);
        if candidate.is_file() {
            return Some(candidate);
        }
        let exe = dir.join(format!("{name}.exe"));
        exe.is_file().then_some(exe)
    })
}

/// Prints `html` to a PDF at `out` with `browser`. The PDF is written
/// next to `out` first and moved into place only when it is whole.
pub fn print(browser: &Path, html: &str, out: &Path) -> Result<(), Failure> {
    let work = scratch_dir().map_err(|e| Failure {
        message: format!("cuc could not make a folder to print in: {e}"),
        help: "check that the temporary folder (TMPDIR) exists and has room".to_owned(),
    })?;
    let result = print_in(&work, browser, html, out);
    let _ = std::fs::remove_dir_all(&work);
    result
}

fn print_in(work: &Path, browser: &Path, html: &str, out: &Path) -> Result<(), Failure> {
    let page = work.join("page.html");
    let pdf = work.join("page.pdf");
    std::fs::write(&page, html).map_err(|e| Failure {
        message: format!("cuc could not write the page to print: {e}"),
        help: "check that the temporary folder (TMPDIR) has room".to_owned(),
    })?;
    let shown = browser.display().to_string();
    let mut child = Command::new(browser)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--no-default-browser-check",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--disable-extensions",
            "--no-pdf-header-footer",
        ])
        .arg(format!("--user-data-dir={}", work.join("profile").display()))
        .arg(format!("--print-to-pdf={}", pdf.display()))
        .arg(file_url(&page))
        // The browser's own settings and caches go in the scratch folder,
        // never into the workspace or the person's home.
        .env("HOME", work)
        .env("XDG_CONFIG_HOME", work.join("config"))
        .env("XDG_CACHE_HOME", work.join("cache"))
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| Failure {
            message: format!("cuc could not start the browser {shown}: {e}"),
            help: "set CUC_BROWSER to a working Chrome or Chromium, or print the HTML from any browser".to_owned(),
        })?;
    let started = Instant::now();
    let status = loop {
        match child.try_wait() {
            Ok(Some(status)) => break status,
            Ok(None) if started.elapsed() > TIMEOUT => {
                let _ = child.kill();
                let _ = child.wait();
                return Err(Failure {
                    message: format!(
                        "the browser {shown} did not finish printing within {} seconds, so cuc stopped it",
                        TIMEOUT.as_secs()
                    ),
                    help: "try again; if it keeps happening, set CUC_BROWSER to another Chrome or Chromium, or print the HTML from any browser".to_owned(),
                });
            }
            Ok(None) => std::thread::sleep(Duration::from_millis(20)),
            Err(e) => {
                return Err(Failure {
                    message: format!("cuc lost track of the browser {shown}: {e}"),
                    help: "try again".to_owned(),
                });
            }
        }
    };
    let mut said = String::new();
    if let Some(mut stderr) = child.stderr.take() {
        let _ = stderr.read_to_string(&mut said);
    }
    let printed = std::fs::read(&pdf).unwrap_or_default();
    if !printed.starts_with(b"%PDF-") {
        let last = said
            .lines()
            .rev()
            .find(|l| !l.trim().is_empty())
            .unwrap_or("")
            .trim();
        return Err(Failure {
            message: format!(
                "the browser {shown} printed no PDF ({}{})",
                match status.code() {
                    Some(code) => format!("it exited with {code}"),
                    None => "it was stopped".to_owned(),
                },
                if last.is_empty() { String::new() } else { format!(": {last}") }
            ),
            help: "set CUC_BROWSER to a working Chrome or Chromium, or render the HTML and print it from any browser".to_owned(),
        });
    }
    let partial = out.with_extension("pdf.partial");
    std::fs::write(&partial, &printed)
        .and_then(|()| std::fs::rename(&partial, out))
        .map_err(|e| {
            let _ = std::fs::remove_file(&partial);
            Failure {
                message: format!("cuc could not write {}: {e}", out.display()),
                help: "check that the folder exists and that you may write to it".to_owned(),
            }
        })
}

/// Whether a PDF is one cuc printed: the browser copies the page's title,
/// "NAME: shared understanding", into the PDF's own title.
pub fn is_ours(bytes: &[u8]) -> bool {
    if !bytes.starts_with(b"%PDF-") {
        return false;
    }
    let plain = b": shared understanding";
    // A title with characters beyond ASCII is written as UTF-16 in hex.
    let hex: String = ": shared understanding"
        .chars()
        .map(|c| format!("{:04X}", c as u32))
        .collect();
    contains(bytes, plain) || contains(bytes, hex.as_bytes())
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    memchr::memmem::find(haystack, needle).is_some()
}

fn file_url(path: &Path) -> String {
    let text = path.display().to_string().replace('\\', "/");
    let encoded: String = text
        .bytes()
        .map(|b| {
            if b.is_ascii_alphanumeric() || b"/-_.~:".contains(&b) {
                (b as char).to_string()
            } else {
                format!("%{b:02X}")
            }
        })
        .collect();
    if encoded.starts_with('/') {
        format!("file://{encoded}")
    } else {
        format!("file:///{encoded}")
    }
}

/// A new folder of cuc's own under the temporary folder.
fn scratch_dir() -> std::io::Result<PathBuf> {
    let base = std::env::temp_dir();
    let stamp = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_nanos())
        .unwrap_or(0);
    for attempt in 0..100u32 {
        let dir = base.join(format!(
            "cuc-print-{}-{stamp}-{attempt}",
            std::process::id()
        ));
        match std::fs::create_dir(&dir) {
            Ok(()) => return Ok(dir),
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => continue,
            Err(e) => return Err(e),
        }
    }
    Err(std::io::Error::other("no free name"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_pdf_is_ours_by_the_title_the_page_gave_it() {
        assert!(is_ours(
            b"%PDF-1.4 ... /Title (Acme: shared understanding) ..."
        ));
        let hex: String = ": shared understanding"
            .chars()
            .map(|c| format!("{:04X}", c as u32))
            .collect();
        assert!(is_ours(
            format!("%PDF-1.4 /Title <FEFF00C4{hex}>").as_bytes()
        ));
        assert!(!is_ours(b"%PDF-1.4 /Title (Quarterly report)"));
        assert!(!is_ours(b"Acme: shared understanding"));
    }

    #[test]
    fn file_urls_are_encoded() {
        assert_eq!(
            file_url(Path::new("/tmp/a b/page.html")),
            "file:///tmp/a%20b/page.html"
        );
    }

    #[test]
    fn the_browser_is_found_on_path_or_named_by_the_variable() {
        let dir = tempfile::tempdir().unwrap();
        let fake = dir.path().join("google-chrome");
        std::fs::write(&fake, "").unwrap();
        let path = dir.path().as_os_str();
        assert_eq!(find_browser(None, Some(path)).unwrap(), fake);
        assert_eq!(
            find_browser(Some("google-chrome"), Some(path)).unwrap(),
            fake
        );
        let missing = find_browser(Some("/nowhere/chrome"), Some(path)).unwrap_err();
        assert_eq!(
            missing.message,
            "CUC_BROWSER is /nowhere/chrome, but there is no such file"
        );
    }
}
