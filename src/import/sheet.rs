//! One CSV file of a CRM export, read whole with the `csv` crate: the
//! header row and every row after it as text, or a problem that names the
//! file, the row and the column.

use std::fmt;
use std::path::Path;

/// A CSV file's header and rows, each cell as text.
pub struct Sheet {
    /// The file's name in the export folder, as problems name it.
    pub file: String,
    pub headers: Vec<String>,
    pub rows: Vec<Vec<String>>,
    /// The row each of `rows` is on, as a spreadsheet numbers it: the
    /// header is row 1, a blank line is a row, a quoted line break is not.
    pub numbers: Vec<usize>,
}

/// What is wrong with the export, and where: the file, and the row (as a
/// spreadsheet numbers it: the header is row 1) and column where there is one.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Problem {
    pub file: String,
    pub row: Option<usize>,
    pub column: Option<String>,
    pub message: String,
    pub help: Option<String>,
}

impl Problem {
    pub fn new(file: &str, message: impl Into<String>) -> Problem {
        Problem {
            file: file.to_owned(),
            row: None,
            column: None,
            message: message.into(),
            help: None,
        }
    }

    pub fn row(mut self, row: usize) -> Problem {
        self.row = Some(row);
        self
    }

    pub fn column(mut self, column: &str) -> Problem {
        self.column = Some(column.to_owned());
        self
    }

    pub fn help(mut self, help: impl Into<String>) -> Problem {
        self.help = Some(help.into());
        self
    }

    /// "Account.csv, row 3, column OwnerId".
    pub fn place(&self) -> String {
        let mut place = self.file.clone();
        if let Some(row) = self.row {
            place.push_str(&format!(", row {row}"));
        }
        if let Some(column) = &self.column {
            place.push_str(&format!(", column {column}"));
        }
        place
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.place(), self.message)?;
        if let Some(help) = &self.help {
            write!(f, "\n    help: {help}")?;
        }
        Ok(())
    }
}

const UTF8_HELP: &str =
    "export the file again as UTF-8 (in Excel: Save As, \"CSV UTF-8\"), then run the import again";

impl Sheet {
    /// The file `name` in `dir` (a name differing only in case, as
    /// `Contact.CSV`, is the same file); `None` when there is no such file.
    pub fn read(dir: &Path, name: &str) -> Result<Option<Sheet>, Problem> {
        let mut path = dir.join(name);
        if !path.is_file()
            && let Ok(entries) = std::fs::read_dir(dir)
        {
            let mut same: Vec<_> = entries
                .filter_map(Result::ok)
                .filter(|e| e.file_name().to_string_lossy().eq_ignore_ascii_case(name))
                .map(|e| e.path())
                .collect();
            same.sort();
            if let Some(found) = same.into_iter().next() {
                path = found;
            }
        }
        let bytes = match std::fs::read(&path) {
            Ok(bytes) => bytes,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
            Err(e) => {
                return Err(Problem::new(name, format!("the file cannot be read: {e}"))
                    .help("check that the file is there and that you may read it"));
            }
        };
        Sheet::parse(name, &bytes).map(Some)
    }

    /// A file's bytes: UTF-8, a UTF-8 byte-order mark allowed.
    pub fn parse(name: &str, bytes: &[u8]) -> Result<Sheet, Problem> {
        // UTF-16 has a zero byte in every other byte of Latin text, with or
        // without a byte-order mark; UTF-8 text has none.
        let start = &bytes[..bytes.len().min(256)];
        if bytes.starts_with(&[0xFF, 0xFE])
            || bytes.starts_with(&[0xFE, 0xFF])
            || start.iter().filter(|b| **b == 0).count() * 4 >= start.len().max(1)
        {
            return Err(Problem::new(
                name,
                "the file is saved as UTF-16 text, and cuc reads UTF-8",
            )
            .help(UTF8_HELP));
        }
        let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
        let mut reader = csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(false)
            .from_reader(bytes);
        let mut headers: Option<Vec<String>> = None;
        let mut rows = Vec::new();
        let mut numbers = Vec::new();
        let mut record = csv::ByteRecord::new();
        // Line breaks inside quoted cells so far: a spreadsheet shows each
        // record on one row, so they do not count as rows.
        let mut inner_breaks = 0u64;
        loop {
            match reader.read_byte_record(&mut record) {
                Ok(false) => break,
                Ok(true) => {}
                Err(e) => return Err(malformed(name, &e, bytes, inner_breaks)),
            }
            let line = record
                .position()
                .map_or(1, |p| first_line(bytes, p.byte(), p.line()));
            let row = (line - inner_breaks.min(line - 1)) as usize;
            inner_breaks += record
                .iter()
                .map(|f| f.iter().filter(|b| **b == b'\n').count() as u64)
                .sum::<u64>();
            let mut cells = Vec::with_capacity(record.len());
            for (i, field) in record.iter().enumerate() {
                match std::str::from_utf8(field) {
                    Ok(text) => cells.push(text.to_owned()),
                    Err(_) => {
                        let mut problem = Problem::new(
                            name,
                            "this is not UTF-8 text (the file may be saved as Windows-1252 or Latin-1)",
                        )
                        .row(row)
                        .help(UTF8_HELP);
                        if let Some(column) = headers.as_ref().and_then(|h| h.get(i)) {
                            problem = problem.column(column);
                        }
                        return Err(problem);
                    }
                }
            }
            match headers {
                None => headers = Some(cells.iter().map(|h| h.trim().to_owned()).collect()),
                Some(_) => {
                    if !(cells.len() == 1 && cells[0].is_empty()) {
                        rows.push(cells);
                        numbers.push(row);
                    }
                }
            }
        }
        let Some(headers) = headers else {
            return Err(
                Problem::new(name, "the file is empty: it has no header row")
                    .help("export the file again with its header row of column names"),
            );
        };
        Ok(Sheet {
            file: name.to_owned(),
            headers,
            rows,
            numbers,
        })
    }

    /// The index of the column the mapping names, or a problem naming the
    /// columns there are.
    pub fn column(&self, name: &str, why: &str) -> Result<usize, Problem> {
        if let Some(i) = self.headers.iter().position(|h| h == name) {
            return Ok(i);
        }
        if let Some(i) = self
            .headers
            .iter()
            .position(|h| h.eq_ignore_ascii_case(name))
        {
            return Ok(i);
        }
        let hint = crate::text::closest(name, self.headers.iter().map(String::as_str))
            .map(|best| format!("did you mean `{best}`? "))
            .unwrap_or_default();
        Err(Problem::new(
            &self.file,
            format!("there is no column `{name}`, which holds {why}"),
        )
        .row(1)
        .help(format!(
            "{hint}export the file with its standard column names, or name the column in a mapping file (--map; `cuc schema import-map` shows how); the columns are: {}",
            self.headers.join(", ")
        )))
    }
}

/// The line a record starts on: the reader's position is where it began
/// looking, before the blank lines it skipped.
fn first_line(bytes: &[u8], byte: u64, line: u64) -> u64 {
    let mut line = line;
    let mut at = byte as usize;
    while let Some(b) = bytes.get(at) {
        match b {
            b'\n' => line += 1,
            b'\r' => {}
            _ => break,
        }
        at += 1;
    }
    line
}

fn malformed(name: &str, error: &csv::Error, bytes: &[u8], inner_breaks: u64) -> Problem {
    match error.kind() {
        csv::ErrorKind::UnequalLengths {
            pos,
            expected_len,
            len,
        } => {
            let row = pos
                .as_ref()
                .map(|p| first_line(bytes, p.byte(), p.line()))
                .map(|line| (line - inner_breaks.min(line - 1)) as usize);
            let mut problem = Problem::new(
                name,
                format!(
                    "this row has {len} {} where the header has {expected_len} columns",
                    if *len == 1 { "cell" } else { "cells" }
                ),
            )
            .help(
                "a cell holding a comma, a quote or a line break must be inside double quotes; \
                 check the row in a text editor, or export the file again",
            );
            if let Some(row) = row {
                problem = problem.row(row);
            }
            problem
        }
        _ => Problem::new(name, format!("the file cannot be read as CSV: {error}"))
            .help("export the file again as CSV"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_bom_quoted_newlines_and_crlf_are_read() {
        let sheet = Sheet::parse(
            "x.csv",
            b"\xEF\xBB\xBF\"Id\",\"Title\"\r\n\"1\",\"a\nb\"\r\n\"2\",\"c, \"\"d\"\"\"\r\n",
        )
        .unwrap();
        assert_eq!(sheet.headers, ["Id", "Title"]);
        assert_eq!(sheet.rows, [["1", "a\nb"], ["2", "c, \"d\""]]);
    }

    #[test]
    fn a_short_row_is_named_by_its_row() {
        let problem = Sheet::parse("x.csv", b"Id,Name\n1,a\n2\n").err().unwrap();
        assert_eq!(problem.place(), "x.csv, row 3");
        assert_eq!(
            problem.message,
            "this row has 1 cell where the header has 2 columns"
        );
    }

    #[test]
    fn rows_are_numbered_as_a_spreadsheet_shows_them() {
        let sheet = Sheet::parse("x.csv", b"Id,Name\n\n\n1,\"a\nb\"\n2,c\n").unwrap();
        assert_eq!(sheet.numbers, [4, 5]);
        let problem = Sheet::parse("x.csv", b"Id,Name\n1,\"a\nb\"\n\n2\n")
            .err()
            .unwrap();
        assert_eq!(problem.place(), "x.csv, row 4");
    }

    #[test]
    fn utf16_without_a_bom_is_named() {
        let text: Vec<u8> = "Id,Name\n1,a\n"
            .encode_utf16()
            .flat_map(u16::to_le_bytes)
            .collect();
        let problem = Sheet::parse("x.csv", &text).err().unwrap();
        assert_eq!(
            problem.message,
            "the file is saved as UTF-16 text, and cuc reads UTF-8"
        );
    }

    #[test]
    fn latin1_is_named_by_its_row_and_column() {
        let problem = Sheet::parse("x.csv", b"Id,Name\n1,Caf\xe9\n")
            .err()
            .unwrap();
        assert_eq!(problem.place(), "x.csv, row 2, column Name");
    }

    #[test]
    fn a_missing_column_says_which_there_are() {
        let sheet = Sheet::parse("x.csv", b"Id,AccountName\n").unwrap();
        let problem = sheet.column("Name", "the account's name").err().unwrap();
        assert_eq!(problem.place(), "x.csv, row 1");
        assert_eq!(
            problem.message,
            "there is no column `Name`, which holds the account's name"
        );
    }
}
