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
    let result = context(&cli, style).and_then(|ctx| dispatch(&ctx, &cli.command));
    match result {
        Ok(outcome) => {
            write_stdout(&outcome.stdout);
            if !outcome.stderr.is_empty() {
                let _ = write!(std::io::stderr(), "{}", outcome.stderr);
            }
            ExitCode::from(outcome.code)
        }
        Err(error) => {
            if let CucError::InvalidConfig(report) = &error {
                write_stdout(&output::render(
                    report,
                    cli.format.unwrap_or(Format::Human),
                    &style,
                ));
            }
            let _ = writeln!(std::io::stderr(), "cuc: {error}");
            ExitCode::from(2)
        }
    }
}

fn context(cli: &Cli, style: Style) -> Result<Context, CucError> {
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
    Ok(Context {
        cwd,
        today,
        format: cli.format,
        style,
    })
}

fn dispatch(ctx: &Context, command: &Command) -> Result<Outcome, CucError> {
    let only_human = |name: &str| match ctx.format {
        None | Some(Format::Human) => Ok(()),
        Some(other) => Err(CucError::Usage(format!(
            "`cuc {name}` has no {} output\n  help: drop --format, or use it with `cuc validate`",
            format!("{other:?}").to_lowercase()
        ))),
    };
    if ctx.format == Some(Format::Markdown)
        && !matches!(command, Command::Diff(_) | Command::Render(_))
    {
        return Err(CucError::Usage(
            "only `cuc diff` and `cuc render` have markdown output\n  help: use --format human, json, github or sarif".to_owned(),
        ));
    }
    if ctx.format == Some(Format::Html) && !matches!(command, Command::Render(_)) {
        return Err(CucError::Usage(
            "only `cuc render` has html output\n  help: use --format human, json, github or sarif"
                .to_owned(),
        ));
    }
    match command {
        Command::Init(args) => {
            only_human("init")?;
            commands::init::run(ctx, args.dir.as_deref())
        }
        Command::New(args) => {
            only_human("new")?;
            commands::new::run(ctx, args)
        }
        Command::Validate(args) => commands::validate::run(ctx, &args.paths),
        Command::Review(args) => commands::review::run(ctx, args),
        Command::Signoff(args) => {
            only_human("signoff")?;
            commands::signoff::run(ctx, args)
        }
        Command::Check => commands::check::run(ctx),
        Command::Status => commands::status::run(ctx),
        Command::Diff(args) => commands::diff::run(ctx, args),
        Command::Render(args) => commands::render::run(ctx, args),
        Command::Schema(args) => commands::schema::run(args.kind.as_deref()),
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
