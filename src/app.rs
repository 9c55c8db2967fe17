//! Runs a parsed command line: resolves the global flags into a context,
//! dispatches to the command, and decides what goes to stdout and stderr.

use std::io::{IsTerminal, Write};
use std::process::ExitCode;

use crate::cli::{Cli, ColorChoice, Command};
use crate::commands::{self, Context, Outcome};
use crate::error::CucError;
use crate::output::{self, Format, Style};

pub fn run(cli: Cli) -> ExitCode {
    let color = match cli.color {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => {
            std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
                && std::io::stdout().is_terminal()
        }
    };
    let style = Style {
        color,
        quiet: cli.quiet,
    };
    // The command's own `--format` wins over one before its name.
    let asked = cli.command.format().or(cli.format);
    let result = context(&cli, asked, style).and_then(|ctx| dispatch(&ctx, &cli.command));
    match result {
        Ok(outcome) => {
            write_stdout(&outcome.stdout);
            if !outcome.stderr.is_empty() {
                let _ = write!(std::io::stderr(), "{}", outcome.stderr);
            }
            ExitCode::from(outcome.code)
        }
        Err(error) => {
            if let CucError::InvalidConfig(report) | CucError::InvalidMap { report, .. } = &error {
                write_stdout(&output::render(
                    report,
                    asked.unwrap_or(Format::Human),
                    &style,
                ));
            }
            let _ = writeln!(std::io::stderr(), "cuc: {error}");
            ExitCode::from(error.exit_code())
        }
    }
}

fn context(cli: &Cli, asked: Option<Format>, style: Style) -> Result<Context, CucError> {
    let current =
        std::env::current_dir().map_err(|e| CucError::io("find the current folder", ".", e))?;
    let cwd = match &cli.directory {
        Some(dir) => current.join(dir),
        None => current,
    };
    if !cwd.is_dir() {
        return Err(CucError::NoSuchPath { path: cwd });
    }
    let today = match cli.today {
        Some(day) => day,
        None => jiff::Zoned::now().date(),
    };
    let format = output::choose(
        asked,
        commands::name(&cli.command),
        commands::formats(&cli.command),
    )
    .map_err(CucError::Usage)?;
    Ok(Context {
        cwd,
        today,
        format,
        style,
    })
}

fn dispatch(ctx: &Context, command: &Command) -> Result<Outcome, CucError> {
    match command {
        Command::Init(args) => commands::init::run(ctx, args.dir.as_deref()),
        Command::New(args) => commands::new::run(ctx, args),
        Command::Validate(args) => commands::validate::run(ctx, &args.paths),
        Command::Review(args) => commands::review::run(ctx, args),
        Command::Signoff(args) => commands::signoff::run(ctx, args),
        Command::Decision(args) => commands::decision::run(ctx, args),
        Command::Circulate(args) => commands::circulate::run(ctx, args),
        Command::Check(_) => commands::check::run(ctx),
        Command::Status(_) => commands::status::run(ctx),
        Command::Diff(args) => commands::diff::run(ctx, args),
        Command::Render(args) => commands::render::run(ctx, args),
        Command::Import(args) => commands::import::run(ctx, args),
        Command::Export(args) => commands::export::run(ctx, args),
        Command::Schema(args) => commands::schema::run(&ctx.cwd, args.kind.as_deref()),
        Command::Completions(args) => Ok(commands::completions::run(args.shell)),
    }
}

/// Writes everything at once; a closed pipe (`cuc ... | head`) is not an error.
fn write_stdout(text: &str) {
    let mut stdout = std::io::stdout().lock();
    let _ = stdout
        .write_all(text.as_bytes())
        .and_then(|()| stdout.flush());
}
