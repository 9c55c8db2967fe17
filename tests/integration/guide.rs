//! docs/guide.md is executable: every command it shows runs, in order, on a
//! scratch folder, and what it prints must be what the guide says it
//! prints. When cuc and the guide drift apart, this fails (the way
//! actionlint checks the examples in its docs).
//!
//! What the guide holds, for this test:
//! - ```` ```console ```` blocks: `$ command` lines, each followed by the
//!   output it prints. A line `...` stands for any number of lines.
//!   Commands are `cuc …`, `git …` and `cd DIR`.
//! - `<!-- guide: file PATH -->` before a fenced block: the block is what
//!   the reader's file PATH holds at that point (an edit in their editor);
//!   the test writes it.
//! - `<!-- guide: replace PATH -->` before two fenced blocks: the reader
//!   changes the first text into the second in PATH (it must be there once).
//! - `<!-- guide: contains PATH TEXT -->`: the file PATH holds TEXT (what
//!   the guide says the reader sees in it, such as a page's signature).
//! - `<!-- guide: today YYYY-MM-DD -->`: the day the following steps happen
//!   (the guide follows one customer over weeks).
//! - `<!-- guide: team repository -->`: the workspace is shared through a
//!   team repository, as it is once RevOps has set one up; the test makes a
//!   bare one beside it, so `git push` runs for real.
//! - `<!-- guide: answers` … `-->` (hidden), then a `console` block running
//!   `cuc new … --interactive`: the answers typed into the interview, one
//!   per line as `QUESTION => ANSWER`, each sent once its question shows, in
//!   a pseudo-terminal. An answer is typed and Enter pressed; `{Enter}`,
//!   `{Space}`, `{Down}` are keys. The console block's lines must show in
//!   the interview, in order (the screen is redrawn as answers are typed,
//!   so other lines come between them).

use std::path::{Path, PathBuf};
use std::process::Command;

#[derive(Debug)]
enum Step {
    Run {
        line: usize,
        command: String,
        expected: Vec<String>,
    },
    File {
        path: String,
        text: String,
    },
    Replace {
        line: usize,
        path: String,
        old: String,
        new: String,
    },
    Today(String),
    Contains {
        line: usize,
        path: String,
        text: String,
    },
    TeamRepository,
    Interview {
        line: usize,
        command: String,
        answers: Vec<String>,
        expected: Vec<String>,
    },
}

fn guide_text() -> String {
    std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/guide.md"))
        .expect("docs/guide.md exists")
}

/// The steps of the guide, in order.
fn steps(text: &str) -> Vec<Step> {
    let lines: Vec<&str> = text.lines().collect();
    let mut steps = Vec::new();
    let mut pending_file: Option<String> = None;
    let mut pending_replace: Option<(usize, String, Option<String>)> = None;
    let mut pending_answers: Option<Vec<String>> = None;
    let mut i = 0;
    while i < lines.len() {
        let line = lines[i].trim_end();
        if line == "<!-- guide: answers" {
            let mut answers = Vec::new();
            i += 1;
            while i < lines.len() && lines[i].trim_end() != "-->" {
                answers.push(lines[i].trim_end().to_owned());
                i += 1;
            }
            pending_answers = Some(answers);
            i += 1;
            continue;
        }
        if let Some(directive) = line
            .strip_prefix("<!-- guide: ")
            .and_then(|l| l.strip_suffix(" -->"))
        {
            match directive.split_once(' ') {
                Some(("file", path)) => pending_file = Some(path.to_owned()),
                Some(("replace", path)) => pending_replace = Some((i + 1, path.to_owned(), None)),
                Some(("today", day)) => steps.push(Step::Today(day.to_owned())),
                Some(("contains", rest)) => {
                    let (path, text) = rest.split_once(' ').expect("contains PATH TEXT");
                    steps.push(Step::Contains {
                        line: i + 1,
                        path: path.to_owned(),
                        text: text.to_owned(),
                    });
                }
                _ if directive == "team repository" => steps.push(Step::TeamRepository),
                _ => panic!("docs/guide.md:{}: unknown directive `{directive}`", i + 1),
            }
            i += 1;
            continue;
        }
        let Some(info) = line.strip_prefix("```") else {
            i += 1;
            continue;
        };
        let start = i + 1;
        let mut end = start;
        while end < lines.len() && !lines[end].starts_with("```") {
            end += 1;
        }
        let body: Vec<&str> = lines[start..end].to_vec();
        if let Some((line, path, old)) = pending_replace.take() {
            let text = body.join("\n");
            match old {
                None => pending_replace = Some((line, path, Some(text))),
                Some(old) => steps.push(Step::Replace {
                    line,
                    path,
                    old,
                    new: text,
                }),
            }
        } else if let Some(path) = pending_file.take() {
            let mut text = body.join("\n");
            text.push('\n');
            steps.push(Step::File { path, text });
        } else if info.trim() == "console" {
            let mut current: Option<(usize, String, Vec<String>)> = None;
            for (offset, l) in body.iter().enumerate() {
                if let Some(command) = l.strip_prefix("$ ") {
                    if let Some((line, command, expected)) = current.take() {
                        steps.push(run_or_interview(
                            line,
                            command,
                            expected,
                            &mut pending_answers,
                        ));
                    }
                    current = Some((start + offset + 1, command.to_owned(), Vec::new()));
                } else if let Some((_, _, expected)) = current.as_mut() {
                    expected.push(l.trim_end().to_owned());
                } else {
                    panic!(
                        "docs/guide.md:{}: output before any command in a console block",
                        start + offset + 1
                    );
                }
            }
            if let Some((line, command, expected)) = current.take() {
                steps.push(run_or_interview(
                    line,
                    command,
                    expected,
                    &mut pending_answers,
                ));
            }
        }
        i = end + 1;
    }
    assert!(pending_file.is_none(), "a `guide: file` without its block");
    assert!(
        pending_replace.is_none(),
        "a `guide: replace` without its two blocks"
    );
    assert!(
        pending_answers.is_none(),
        "`guide: answers` without the interview"
    );
    steps
}

fn run_or_interview(
    line: usize,
    command: String,
    expected: Vec<String>,
    answers: &mut Option<Vec<String>>,
) -> Step {
    if command.contains("--interactive") {
        let answers = answers
            .take()
            .unwrap_or_else(|| panic!("docs/guide.md:{line}: an interview without its answers"));
        return Step::Interview {
            line,
            command,
            answers,
            expected,
        };
    }
    Step::Run {
        line,
        command,
        expected,
    }
}

/// Whether `got` is what the guide shows: the same lines, with `...`
/// standing for any number of lines.
fn matches(expected: &[String], got: &[String]) -> bool {
    match expected.split_first() {
        None => got.is_empty(),
        Some((first, rest)) if first == "..." => {
            (0..=got.len()).any(|skip| matches(rest, &got[skip..]))
        }
        Some((first, rest)) => got
            .split_first()
            .is_some_and(|(line, more)| line == first && matches(rest, more)),
    }
}

struct Reader {
    home: PathBuf,
    cwd: PathBuf,
    today: Option<String>,
}

impl Reader {
    fn command(&self, program: &Path) -> Command {
        let mut command = Command::new(program);
        command
            .current_dir(&self.cwd)
            .env("HOME", &self.home)
            .env("XDG_CONFIG_HOME", self.home.join(".config"))
            .env("GIT_CONFIG_NOSYSTEM", "1")
            .env("NO_COLOR", "1")
            .env("COLUMNS", "100")
            .env_remove("CUC_TODAY")
            .env_remove("GIT_DIR")
            .env_remove("GIT_WORK_TREE");
        if let Some(today) = &self.today {
            command.env("CUC_TODAY", today);
            // Commits made "that day", so history reads as the guide tells it.
            let time = format!("{today}T10:00:00+00:00");
            command
                .env("GIT_AUTHOR_DATE", &time)
                .env("GIT_COMMITTER_DATE", &time);
        }
        command
    }

    fn run(&mut self, line: usize, command: &str) -> Vec<String> {
        let words = shlex::split(command)
            .unwrap_or_else(|| panic!("docs/guide.md:{line}: cannot split `{command}`"));
        let (program, args) = words.split_first().expect("a command");
        match program.as_str() {
            "cd" => {
                self.cwd = self.cwd.join(&args[0]);
                return Vec::new();
            }
            "cuc" | "git" => {}
            other => {
                panic!("docs/guide.md:{line}: the guide runs only cuc, git and cd, not `{other}`")
            }
        }
        let binary = if program == "cuc" {
            assert_cmd::cargo::cargo_bin("cuc")
        } else {
            PathBuf::from("git")
        };
        let output = self
            .command(&binary)
            .args(args)
            .output()
            .unwrap_or_else(|e| panic!("docs/guide.md:{line}: `{command}` does not run: {e}"));
        let mut text = String::from_utf8_lossy(&output.stdout).into_owned();
        text.push_str(&String::from_utf8_lossy(&output.stderr));
        text.lines().map(|l| l.trim_end().to_owned()).collect()
    }
}

#[test]
fn the_guide_runs_from_nothing_to_a_signed_page() {
    let steps = steps(&guide_text());
    assert!(
        steps
            .iter()
            .filter(|s| matches!(s, Step::Run { .. }))
            .count()
            >= 10,
        "the guide shows its commands in console blocks"
    );
    let scratch = tempfile::tempdir().unwrap();
    let home = scratch.path().join("home");
    std::fs::create_dir_all(&home).unwrap();
    let mut reader = Reader {
        cwd: home.clone(),
        home,
        today: None,
    };
    let mut failures = Vec::new();
    for step in steps {
        match step {
            Step::Today(day) => reader.today = Some(day),
            Step::File { path, text } => {
                let path = reader.cwd.join(path);
                assert!(path.starts_with(scratch.path()));
                std::fs::create_dir_all(path.parent().unwrap()).unwrap();
                std::fs::write(path, text).unwrap();
            }
            Step::Replace {
                line,
                path,
                old,
                new,
            } => {
                let path = reader.cwd.join(path);
                let text = std::fs::read_to_string(&path).unwrap_or_else(|e| {
                    panic!(
                        "docs/guide.md:{line}: {} cannot be read: {e}",
                        path.display()
                    )
                });
                assert_eq!(
                    text.matches(&old).count(),
                    1,
                    "docs/guide.md:{line}: `{old}` is not once in {}:\n{text}",
                    path.display()
                );
                std::fs::write(&path, text.replacen(&old, &new, 1)).unwrap();
            }
            Step::Contains { line, path, text } => {
                let page = std::fs::read_to_string(reader.cwd.join(&path)).unwrap_or_default();
                if !page.contains(&text) {
                    failures.push(format!(
                        "docs/guide.md:{line}: {path} does not show `{text}`"
                    ));
                }
            }
            Step::TeamRepository => {
                let team = scratch.path().join("team.git");
                let ok = |c: &mut Command| assert!(c.status().unwrap().success());
                ok(reader
                    .command(Path::new("git"))
                    .args(["init", "--quiet", "--bare"])
                    .arg(&team));
                ok(reader
                    .command(Path::new("git"))
                    .args(["remote", "add", "origin"])
                    .arg(&team));
                ok(reader.command(Path::new("git")).args([
                    "config",
                    "push.autoSetupRemote",
                    "true",
                ]));
            }
            Step::Run {
                line,
                command,
                expected,
            } => {
                let got = reader.run(line, &command);
                if !matches(&expected, &got) {
                    failures.push(format!(
                        "docs/guide.md:{line}: `{command}` printed:\n{}\n-- but the guide shows:\n{}",
                        got.join("\n"),
                        expected.join("\n")
                    ));
                }
            }
            Step::Interview {
                line,
                command,
                answers,
                expected,
            } => {
                let got = interview(&reader, line, &command, &answers);
                if !shows_in_order(&expected, &got) {
                    failures.push(format!(
                        "docs/guide.md:{line}: `{command}` ended with:\n{}\n-- but the guide shows:\n{}",
                        got.join("\n"),
                        expected.join("\n")
                    ));
                }
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

/// Runs an interview through a pseudo-terminal, typing `answers` as their
/// questions show; the lines it showed, once it ended with exit 0.
#[cfg(unix)]
fn interview(reader: &Reader, line: usize, command: &str, answers: &[String]) -> Vec<String> {
    use crate::terminal::Terminal;
    let words = shlex::split(command).expect("a command");
    let mut process = reader.command(&assert_cmd::cargo::cargo_bin("cuc"));
    process
        .env("TERM", "xterm")
        .env_remove("NO_COLOR")
        .args(["--color", "never"])
        .args(&words[1..]);
    let mut terminal = Terminal::spawn(process);
    for answer in answers {
        let Some((question, keys)) = answer
            .split_once(" => ")
            .or_else(|| answer.strip_suffix(" =>").map(|q| (q, "")))
        else {
            panic!(
                "docs/guide.md:{line}: an answer is written `QUESTION => ANSWER`, not `{answer}`"
            );
        };
        let keys = if keys.contains('{') {
            keys.replace("{Enter}", "\r")
                .replace("{Space}", " ")
                .replace("{Down}", "\x1b[B")
        } else {
            format!("{keys}\r")
        };
        terminal.answer(question, &keys);
    }
    let (code, shown) = terminal.finish();
    assert_eq!(
        code, 0,
        "docs/guide.md:{line}: the interview ended with exit {code}:\n{shown}"
    );
    shown.lines().map(|l| l.trim_end().to_owned()).collect()
}

/// Whether the guide's lines all show, in order, among the lines shown.
fn shows_in_order(expected: &[String], shown: &[String]) -> bool {
    let mut rest = shown.iter();
    expected
        .iter()
        .filter(|l| *l != "...")
        .all(|wanted| rest.any(|l| l == wanted))
}

#[test]
fn a_line_of_dots_stands_for_any_lines() {
    let s = |v: &[&str]| v.iter().map(|l| (*l).to_owned()).collect::<Vec<_>>();
    assert!(matches(&s(&["a", "...", "d"]), &s(&["a", "b", "c", "d"])));
    assert!(matches(&s(&["a", "..."]), &s(&["a"])));
    assert!(!matches(&s(&["a", "...", "d"]), &s(&["a", "b"])));
    assert!(!matches(&s(&["a"]), &s(&["a", "b"])));
}
