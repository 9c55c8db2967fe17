//! A program running in a pseudo-terminal, driven the way a person types:
//! each answer is sent once its question is on the screen. For the
//! interview's tests and the guide's. Without a pseudo-terminal they fail,
//! never pass.

use std::time::{Duration, Instant};

use expectrl::process::unix::WaitStatus;
use expectrl::session::OsSession;
use expectrl::{Expect, Session};

pub const ENTER: &str = "\r";

/// cuc running in a pseudo-terminal, and everything it has shown so far
/// (escape sequences and carriage returns removed).
pub struct Terminal {
    session: OsSession,
    raw: Vec<u8>,
    /// Where in the shown text the last question found ended: the next is
    /// looked for after it.
    seen: usize,
    closed: bool,
}

impl Terminal {
    /// `command` running in a new pseudo-terminal of 200 by 50.
    pub fn spawn(command: std::process::Command) -> Terminal {
        let mut session = Session::spawn(command).unwrap_or_else(|e| {
            panic!("these tests need a pseudo-terminal, and none could be opened: {e}")
        });
        session
            .get_process_mut()
            .set_window_size(200, 50)
            .expect("the pseudo-terminal takes a size");
        Terminal {
            session,
            raw: Vec::new(),
            seen: 0,
            closed: false,
        }
    }

    pub fn shown(&self) -> String {
        strip(&String::from_utf8_lossy(&self.raw))
    }

    /// Reads what cuc printed since; false once it has closed the terminal.
    pub fn read(&mut self) -> bool {
        let mut buffer = [0u8; 4096];
        match self.session.try_read(&mut buffer) {
            Ok(0) => {
                self.closed = true;
                false
            }
            Ok(n) => {
                self.raw.extend_from_slice(&buffer[..n]);
                true
            }
            Err(e) if e.kind() == std::io::ErrorKind::WouldBlock => {
                std::thread::sleep(Duration::from_millis(10));
                true
            }
            // Linux answers EIO once the other side has closed.
            Err(_) => {
                self.closed = true;
                false
            }
        }
    }

    /// Waits until `found` finds something in what was shown since the last
    /// question (it returns where that ends), failing with the screen after
    /// 30 seconds or when cuc has ended.
    pub fn wait_for(&mut self, what: &str, found: impl Fn(&str) -> Option<usize>) {
        let deadline = Instant::now() + Duration::from_secs(30);
        loop {
            let shown = self.shown();
            if let Some(end) = found(&shown[self.seen..]) {
                self.seen += end;
                return;
            }
            if self.closed || Instant::now() > deadline {
                let tail: String = shown
                    .chars()
                    .rev()
                    .take(3000)
                    .collect::<Vec<_>>()
                    .into_iter()
                    .rev()
                    .collect();
                panic!("{what} never showed; the terminal shows:\n{tail}");
            }
            self.read();
        }
    }

    /// Waits for `question` to be asked afresh: its line with nothing
    /// typed after it yet (or only its default, in brackets), so an answer
    /// to an earlier, identical question is not taken for it.
    pub fn question(&mut self, question: &str) {
        let line = format!("? {question}");
        self.wait_for(&format!("the question `{question}`"), |shown| {
            let (at, _) = shown.rmatch_indices(&line).next()?;
            let rest_start = at + line.len();
            let rest = shown[rest_start..].lines().next()?;
            let rest = rest.trim();
            let fresh = rest.is_empty() || (rest.starts_with('(') && rest.ends_with(')'));
            // The line must be complete (its end shown) to judge it.
            let complete = shown[rest_start..].contains('\n');
            (fresh && complete).then_some(rest_start)
        });
    }

    /// Waits for `text` anywhere after the last question.
    pub fn expect(&mut self, text: &str) {
        self.wait_for(&format!("`{text}`"), |shown| {
            shown.find(text).map(|at| at + text.len())
        });
    }

    pub fn send(&mut self, keys: &str) {
        self.session.send(keys).expect("the terminal takes keys");
    }

    /// Answers `question` with `keys` (Enter included where wanted).
    pub fn answer(&mut self, question: &str, keys: &str) {
        self.question(question);
        self.send(keys);
    }

    /// Types `text` and Enter.
    pub fn type_in(&mut self, question: &str, text: &str) {
        self.answer(question, &format!("{text}{ENTER}"));
    }

    /// Reads to the end, and returns cuc's exit code and what it showed.
    pub fn finish(mut self) -> (i32, String) {
        let deadline = Instant::now() + Duration::from_secs(30);
        while self.read() && Instant::now() < deadline {}
        assert!(self.closed, "cuc did not end:\n{}", self.shown());
        let status = self.session.get_process().wait().expect("cuc ends");
        match status {
            WaitStatus::Exited(_, code) => (code, self.shown()),
            other => panic!("cuc did not exit normally ({other:?}):\n{}", self.shown()),
        }
    }
}

/// The text of a terminal's output without escape sequences or carriage
/// returns.
pub fn strip(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len());
    let mut chars = raw.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\u{1b}' => match chars.next() {
                // Control sequence: parameters, then a final byte @ to ~.
                Some('[') => {
                    for c in chars.by_ref() {
                        if ('@'..='~').contains(&c) {
                            break;
                        }
                    }
                }
                // Operating system command, up to BEL or ESC \.
                Some(']') => {
                    while let Some(c) = chars.next() {
                        if c == '\u{7}' || (c == '\u{1b}' && chars.next_if_eq(&'\\').is_some()) {
                            break;
                        }
                    }
                }
                _ => {}
            },
            '\r' => {}
            c => out.push(c),
        }
    }
    out
}
