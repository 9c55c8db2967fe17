//! End-to-end tests: the real binary on fixture workspaces under tests/.

mod audience;
mod bench_smoke;
mod browser;
mod common;
mod contracts;
mod decisions;
mod diff;
mod examples;
mod export;
mod external;
mod faults;
mod fields;
mod fuzz_replay;
mod git_states;
#[cfg(unix)] // the interview is typed in a pseudo-terminal
mod guide;
mod history;
mod hostile;
mod import;
#[cfg(unix)] // pseudo-terminals
mod interview;
mod messages;
mod output_formats;
mod pdf;
mod recording;
mod registry;
mod render;
mod rules;
mod scaffold;
mod status;
mod syntax;
#[cfg(unix)] // pseudo-terminals
mod terminal;
mod validate;
