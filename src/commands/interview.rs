//! The interview of `cuc new ID --interactive`: the practice's questions,
//! section by section, each section with a line on why it matters, asked
//! in the terminal with inquire. Answers are checked before they are
//! taken, by cuc's own rules (dates by `model::dates`, emails, currencies
//! and cadences by the schema `cuc validate` uses); fixed values are picked
//! from the schema's lists, and wherever a stakeholder is referred to, the
//! stakeholders already named are offered. An empty answer leaves a
//! question out, so every section can be skipped.
//!
//! Stakeholders are asked before the success criteria (the page lists
//! them after), so that "who agreed it?" can offer their names.
//!
//! Esc or Ctrl-C stops the interview: nothing has been written by then,
//! since the answers become files only after the last question.

use std::io::{IsTerminal, Write};
use std::rc::Rc;

use inquire::ui::RenderConfig;
use inquire::validator::Validation;
use inquire::{Autocomplete, Confirm, CustomUserError, InquireError, MultiSelect, Select, Text};
use jiff::civil::Date;
use serde_json::Value;

use crate::error::CucError;
use crate::load::document::DocumentKind;
use crate::model::dates::date_problem;
use crate::model::schema::Schemas;
use crate::workspace::answers::{
    Answers, Commitment, Constraints, Context, Criterion, Customer, Milestone, Number, Risk, Scope,
    Stakeholder, proposals,
};

/// What `cuc new`'s flags already said, offered as the answers' defaults.
#[derive(Debug, Clone, Default)]
pub struct Defaults {
    pub name: String,
    pub cs: Option<String>,
    pub sales: Option<String>,
    pub renewal: Option<Date>,
}

/// Refuses to start without a terminal to ask in: the questions are drawn
/// on standard error, the keys read from standard input, and the result
/// goes to standard output.
pub fn check_terminal(id: &str) -> Result<(), CucError> {
    let what = if !std::io::stdin().is_terminal() {
        "standard input"
    } else if !std::io::stdout().is_terminal() {
        "standard output"
    } else if !std::io::stderr().is_terminal() {
        "standard error (where the questions are shown)"
    } else {
        return Ok(());
    };
    Err(CucError::NoTerminal {
        id: id.to_owned(),
        what,
    })
}

const SECTIONS: usize = 9;

/// Asks every question and returns the answers. `Err` when the person
/// stopped (Esc, Ctrl-C) or the terminal went away.
pub fn ask(id: &str, defaults: &Defaults, color: bool) -> Result<Answers, CucError> {
    let ask = Ask {
        id: id.to_owned(),
        render: if color {
            RenderConfig::default_colored()
        } else {
            RenderConfig::empty()
        },
    };
    say(&format!(
        "Interview for the new customer `{id}`: the questions of the one page, section by section.\n\
         Enter with nothing typed leaves an answer out; add it to the file later.\n\
         Esc or Ctrl-C stops the interview: nothing is written until the last answer."
    ));

    let customer = ask.customer(defaults)?;
    let context = ask.context()?;
    let stakeholders = ask.stakeholders()?;
    let names: Vec<String> = stakeholders.iter().map(|s| s.name.clone()).collect();
    let criteria = ask.criteria(&names)?;
    let constraints = ask.constraints()?;
    let risks = ask.risks(&names)?;
    let commitments = ask.commitments(&stakeholders)?;
    let scope = ask.scope()?;
    let (milestones, cadence) = ask.milestones(customer.start, customer.renewal)?;
    say("");
    Ok(Answers {
        customer,
        context,
        stakeholders,
        criteria,
        constraints,
        risks,
        commitments,
        scope,
        milestones,
        cadence,
        origin: None,
    })
}

/// Text between the questions, on the stream the questions are drawn on.
fn say(text: &str) {
    let _ = writeln!(std::io::stderr(), "{text}");
}

fn section(number: usize, title: &str, why: &str) {
    say(&format!("\n{title} ({number} of {SECTIONS})\n  {why}"));
}

/// How an answer is checked: `Err` says what is wrong and what to write.
type Check = Rc<dyn Fn(&str) -> Result<(), String>>;

struct Ask {
    id: String,
    render: RenderConfig<'static>,
}

const LEAVE_OUT: &str = "Enter with nothing typed leaves it out";

impl Ask {
    fn stopped(&self, error: InquireError) -> CucError {
        let (how, interrupted) = match error {
            InquireError::OperationInterrupted => ("Ctrl-C was pressed".to_owned(), true),
            // inquire ends a prompt the same way on Esc, Ctrl-D (end of
            // input) and Ctrl-G.
            InquireError::OperationCanceled => ("Esc or Ctrl-D was pressed".to_owned(), false),
            InquireError::NotTTY => {
                return CucError::NoTerminal {
                    id: self.id.clone(),
                    what: "standard input",
                };
            }
            InquireError::IO(e) => (format!("the terminal could not be read: {e}"), false),
            other => (other.to_string(), false),
        };
        CucError::InterviewStopped {
            id: self.id.clone(),
            how,
            interrupted,
        }
    }

    /// One line of text, trimmed; `None` when left empty. `required` is
    /// what to say when it is left empty but must not be. A default that
    /// `check` refuses is put in the line to be corrected, not offered.
    fn line(
        &self,
        message: &str,
        help: &str,
        default: Option<&str>,
        check: Option<Check>,
        required: Option<&'static str>,
        suggestions: Option<Names>,
    ) -> Result<Option<String>, CucError> {
        let for_validator = check.clone();
        let validator = move |input: &str| -> Result<Validation, CustomUserError> {
            let input = input.trim();
            if input.is_empty() {
                return Ok(match required {
                    Some(why) => Validation::Invalid(why.into()),
                    None => Validation::Valid,
                });
            }
            Ok(match for_validator.as_ref().map(|c| c(input)) {
                Some(Err(problem)) => Validation::Invalid(problem.into()),
                _ => Validation::Valid,
            })
        };
        let mut prompt = Text::new(message)
            .with_help_message(help)
            .with_render_config(self.render)
            .with_validator(validator);
        if let Some(default) = default.filter(|d| !d.trim().is_empty()) {
            // inquire takes an empty line as the default without checking it.
            let acceptable = check.as_ref().is_none_or(|c| c(default).is_ok());
            prompt = if acceptable {
                prompt.with_default(default)
            } else {
                prompt.with_initial_value(default)
            };
        }
        if let Some(names) = suggestions {
            prompt = prompt.with_autocomplete(names);
        }
        let answer = prompt.prompt().map_err(|e| self.stopped(e))?;
        let answer = answer.trim();
        Ok((!answer.is_empty()).then(|| answer.to_owned()))
    }

    fn text(&self, message: &str, help: &str) -> Result<Option<String>, CucError> {
        self.line(message, help, None, None, None, None)
    }

    fn date(
        &self,
        message: &str,
        help: &str,
        default: Option<Date>,
    ) -> Result<Option<Date>, CucError> {
        let default = default.map(|d| d.to_string());
        let answer = self.line(
            message,
            help,
            default.as_deref(),
            Some(Rc::new(date_check)),
            None,
            None,
        )?;
        // The check has accepted it as a real YYYY-MM-DD date.
        Ok(answer.and_then(|a| a.parse().ok()))
    }

    fn number(
        &self,
        message: &str,
        help: &str,
        negative_allowed: bool,
    ) -> Result<Option<Number>, CucError> {
        let check: Check = Rc::new(move |input: &str| match Number::parse(input) {
            Ok(n) if n.is_negative() && !negative_allowed => {
                Err(format!("`{input}` is below zero; write 0 or more"))
            }
            Ok(_) => Ok(()),
            Err(help) => Err(format!("`{input}` is not a plain number; {help}")),
        });
        let answer = self.line(message, help, None, Some(check), None, None)?;
        Ok(answer.and_then(|a| Number::parse(&a).ok()))
    }

    fn email(
        &self,
        message: &str,
        help: &str,
        default: Option<&str>,
        required: Option<&'static str>,
    ) -> Result<Option<String>, CucError> {
        self.line(
            message,
            help,
            default,
            Some(Rc::new(email_check)),
            required,
            None,
        )
    }

    fn confirm(&self, message: &str, help: &str) -> Result<bool, CucError> {
        Confirm::new(message)
            .with_default(false)
            .with_help_message(help)
            .with_render_config(self.render)
            .prompt()
            .map_err(|e| self.stopped(e))
    }

    /// `first` ("Add a risk?") when there is none yet, `next` ("Add
    /// another risk?") after. Enter means no, so a list is skipped by
    /// an empty answer like any question.
    fn another(&self, first: &str, next: &str, so_far: usize) -> Result<bool, CucError> {
        let message = if so_far == 0 { first } else { next };
        self.confirm(message, "y or n; Enter means no")
    }

    /// One of `options`, by its index.
    fn pick(&self, message: &str, options: &[String], start: usize) -> Result<usize, CucError> {
        Select::new(message, options.to_vec())
            .with_starting_cursor(start)
            .with_page_size(options.len().clamp(1, 12))
            .with_render_config(self.render)
            .raw_prompt()
            .map(|chosen| chosen.index)
            .map_err(|e| self.stopped(e))
    }

    /// Any of `options`, by their indexes.
    fn pick_many(
        &self,
        message: &str,
        options: &[String],
        all_chosen: bool,
    ) -> Result<Vec<usize>, CucError> {
        // The answer is shown by what comes before a ` — ` in each option.
        let short = &|chosen: &[inquire::list_option::ListOption<&String>]| {
            chosen
                .iter()
                .map(|o| o.value.split(" — ").next().unwrap_or(o.value))
                .collect::<Vec<_>>()
                .join(", ")
        };
        let mut prompt = MultiSelect::new(message, options.to_vec())
            .with_page_size(options.len().clamp(1, 12))
            .with_formatter(short)
            .with_render_config(self.render);
        if all_chosen {
            prompt = prompt.with_all_selected_by_default();
        }
        prompt
            .raw_prompt()
            .map(|chosen| chosen.into_iter().map(|o| o.index).collect())
            .map_err(|e| self.stopped(e))
    }

    /// Lines until one is left empty.
    fn lines(&self, first: &str, next: &str, help: &str) -> Result<Vec<String>, CucError> {
        let mut lines = Vec::new();
        loop {
            let message = if lines.is_empty() { first } else { next };
            match self.text(message, help)? {
                Some(line) => lines.push(line),
                None => return Ok(lines),
            }
        }
    }

    fn customer(&self, defaults: &Defaults) -> Result<Customer, CucError> {
        section(
            1,
            "The customer",
            "Who they are and who owns them on our side; the contract start sets the milestones proposed later.",
        );
        let name = self
            .line(
                "Customer name, as they write it:",
                "Enter keeps the name shown",
                Some(&defaults.name),
                None,
                Some("the customer needs a name"),
                None,
            )?
            .unwrap_or_else(|| defaults.name.clone());
        let segment = self.text(
            "Segment (e.g. enterprise, mid-market, healthcare):",
            LEAVE_OUT,
        )?;
        let cs = self
            .email(
                "Email of our customer success manager:",
                "who owns this customer on our side",
                defaults.cs.as_deref(),
                Some("the customer needs a CS owner: type their email"),
            )?
            .or_else(|| defaults.cs.clone())
            .unwrap_or_default();
        let sales = self.email(
            "Email of our account executive (who sold the deal):",
            LEAVE_OUT,
            defaults.sales.as_deref(),
            None,
        )?;
        let start = self.date(
            "Contract start (YYYY-MM-DD):",
            "the milestones at 30, 90 and 180 days are proposed from it; Enter with nothing leaves it out",
            None,
        )?;
        let renewal = self.date("Renewal date (YYYY-MM-DD):", LEAVE_OUT, defaults.renewal)?;
        let arr = self.number(
            "Annual recurring revenue (ARR), a plain number:",
            "e.g. 120000; Enter with nothing leaves it out",
            false,
        )?;
        let currency = match arr {
            Some(_) => self.line(
                "Currency of the ARR (three capital letters, e.g. EUR):",
                LEAVE_OUT,
                None,
                Some(Rc::new(currency_check)),
                None,
                None,
            )?,
            None => None,
        };
        Ok(Customer {
            name,
            segment,
            cs,
            sales,
            start,
            renewal,
            arr,
            currency,
            ..Customer::default()
        })
    }

    fn context(&self) -> Result<Context, CucError> {
        section(
            2,
            "Business context",
            "Why they bought, in their words: the customer should recognise their own problem on the page.",
        );
        let todo = "Enter with nothing typed leaves a TODO, which cuc review reminds you of";
        Ok(Context {
            problem: self.text("What problem did they buy us to solve?", todo)?,
            why_it_matters: self.text("Why does solving it matter to them now?", todo)?,
            at_stake: self.text("What do they lose if it is not solved?", todo)?,
            success_looks_like: self.text("What does success look like, in their words?", todo)?,
            strategy: self.text(
                "Which company strategy does this purchase serve?",
                LEAVE_OUT,
            )?,
        })
    }

    fn stakeholders(&self) -> Result<Vec<Stakeholder>, CucError> {
        section(
            3,
            "Stakeholders",
            "Who matters on both sides, and what success means to each: people judge us by their own success.",
        );
        let sides = choices("/stakeholders/0/side");
        let side_labels: Vec<String> = sides
            .iter()
            .map(|side| match side.as_str() {
                "customer" => "customer (their side)".to_owned(),
                "vendor" => "vendor (our side)".to_owned(),
                other => other.to_owned(),
            })
            .collect();
        let roles = choices("/stakeholders/0/roles/0");
        let sentiments = choices("/stakeholders/0/sentiment");
        let unknown = sentiments.iter().position(|s| s == "unknown").unwrap_or(0);
        let mut people: Vec<Stakeholder> = Vec::new();
        while self.another(
            "Add a stakeholder?",
            "Add another stakeholder?",
            people.len(),
        )? {
            let taken: Rc<Vec<String>> = Rc::new(people.iter().map(|p| p.name.clone()).collect());
            let check: Check = Rc::new(move |name: &str| {
                if taken.iter().any(|t| t == name) {
                    Err(format!(
                        "{name} is already a stakeholder; name each person once"
                    ))
                } else {
                    Ok(())
                }
            });
            let Some(name) = self.line(
                "Name:",
                "Enter with nothing typed leaves this one out",
                None,
                Some(check),
                None,
                None,
            )?
            else {
                continue;
            };
            let title = self.text("Title:", LEAVE_OUT)?;
            let side = sides[self.pick("Side:", &side_labels, 0)?].clone();
            let picked = self.pick_many("Roles (Space picks, Enter when done):", &roles, false)?;
            let sentiment = sentiments[self.pick("Sentiment:", &sentiments, unknown)?].clone();
            let definition_of_success =
                self.text(&format!("What does success mean to {name}?"), LEAVE_OUT)?;
            people.push(Stakeholder {
                name,
                title,
                side,
                roles: picked.into_iter().map(|i| roles[i].clone()).collect(),
                sentiment: Some(sentiment),
                definition_of_success,
                ..Stakeholder::default()
            });
        }
        Ok(people)
    }

    fn criteria(&self, names: &[String]) -> Result<Vec<Criterion>, CucError> {
        section(
            4,
            "Success criteria",
            "How they will measure success: metric, baseline, target and date leave no room for misreading.",
        );
        let mut criteria = Vec::new();
        while self.another(
            "Add a success criterion?",
            "Add another success criterion?",
            criteria.len(),
        )? {
            let Some(outcome) = self.text(
                "Outcome they want:",
                "Enter with nothing typed leaves this one out",
            )?
            else {
                continue;
            };
            let metric = self.text("How is it measured (the metric)?", LEAVE_OUT)?;
            let baseline = self.number(
                "Baseline (a number: where they are today):",
                LEAVE_OUT,
                true,
            )?;
            let target = self.number("Target (a number):", LEAVE_OUT, true)?;
            let unit = self.text("Unit (e.g. minutes, percent, EUR per month):", LEAVE_OUT)?;
            let by = self.date("Target date (YYYY-MM-DD):", LEAVE_OUT, None)?;
            let data_source = self.text(
                "Where do the numbers come from (a report, system or person)?",
                LEAVE_OUT,
            )?;
            let non_negotiable = self.confirm(
                "Non-negotiable?",
                "y if missing it would end the relationship; Enter means no",
            )?;
            let agreed_by = if names.is_empty() {
                Vec::new()
            } else {
                self.pick_many(
                    "Who agreed it? (Space picks, Enter when done)",
                    names,
                    false,
                )?
                .into_iter()
                .map(|i| names[i].clone())
                .collect()
            };
            criteria.push(Criterion {
                outcome,
                metric,
                baseline,
                target,
                unit,
                by,
                data_source,
                non_negotiable,
                agreed_by,
            });
        }
        Ok(criteria)
    }

    fn constraints(&self) -> Result<Constraints, CucError> {
        section(
            5,
            "Constraints",
            "What they work within: budget, technical, timeline and political limits decide what we can promise.",
        );
        let done = "one per line; Enter with nothing typed moves on";
        Ok(Constraints {
            budget: self.lines("Budget constraint:", "Another budget constraint:", done)?,
            technical: self.lines(
                "Technical constraint:",
                "Another technical constraint:",
                done,
            )?,
            timeline: self.lines("Timeline constraint:", "Another timeline constraint:", done)?,
            political: self.lines(
                "Political constraint:",
                "Another political constraint:",
                done,
            )?,
        })
    }

    fn risks(&self, names: &[String]) -> Result<Vec<Risk>, CucError> {
        section(
            6,
            "Risks",
            "What could go wrong, and what would make them pull the plug: a risk with an owner gets watched.",
        );
        let mut levels = choices("/risks/0/likelihood");
        levels.push("not sure yet".to_owned());
        let not_sure = levels.len() - 1;
        let mut owners = names.to_vec();
        owners.push("nobody yet".to_owned());
        let nobody = owners.len() - 1;
        let level = |i: usize| (i != not_sure).then(|| levels[i].clone());
        let mut risks = Vec::new();
        while self.another("Add a risk?", "Add another risk?", risks.len())? {
            let Some(what) = self.text(
                "What could go wrong?",
                "Enter with nothing typed leaves this one out",
            )?
            else {
                continue;
            };
            let likelihood = level(self.pick("Likelihood:", &levels, not_sure)?);
            let impact = level(self.pick("Impact:", &levels, not_sure)?);
            let pull_the_plug = self.text("What would make them pull the plug?", LEAVE_OUT)?;
            let mitigation = self.text("What do we do about it (mitigation)?", LEAVE_OUT)?;
            let owner = if names.is_empty() {
                say("  (no stakeholders were named, so the owner is for later)");
                None
            } else {
                let i = self.pick("Who owns it?", &owners, nobody)?;
                (i != nobody).then(|| owners[i].clone())
            };
            risks.push(Risk {
                what,
                likelihood,
                impact,
                pull_the_plug,
                mitigation,
                owner,
            });
        }
        Ok(risks)
    }

    fn commitments(&self, people: &[Stakeholder]) -> Result<Vec<Commitment>, CucError> {
        section(
            7,
            "Commitments",
            "What the sale promised: a promise product never confirmed is how customers end up feeling misled.",
        );
        // Our own people first: they are the ones who promise.
        let mut names: Vec<String> = people
            .iter()
            .filter(|p| p.side == "vendor")
            .chain(people.iter().filter(|p| p.side != "vendor"))
            .map(|p| p.name.clone())
            .collect();
        names.dedup();
        let statuses = choices("/commitments/0/status");
        let mut commitments = Vec::new();
        while self.another(
            "Add a commitment (something the sale promised)?",
            "Add another commitment?",
            commitments.len(),
        )? {
            let Some(what) = self.text(
                "What was promised?",
                "Enter with nothing typed leaves this one out",
            )?
            else {
                continue;
            };
            let help = if names.is_empty() {
                LEAVE_OUT
            } else {
                "a name or an email; ↓ picks a stakeholder; Enter with nothing typed leaves it out"
            };
            let promised_by = self.line(
                "Who promised it?",
                help,
                None,
                None,
                None,
                Some(Names(names.clone())),
            )?;
            let promised_on = self.date("Promised on (YYYY-MM-DD):", LEAVE_OUT, None)?;
            let confirmed_with_product = self.confirm(
                "Did product confirm it?",
                "cuc review flags a promise product has not confirmed; Enter means no",
            )?;
            let due = self.date("Due (YYYY-MM-DD):", LEAVE_OUT, None)?;
            let status = statuses[self.pick("Status:", &statuses, 0)?].clone();
            commitments.push(Commitment {
                what,
                promised_by,
                promised_on,
                confirmed_with_product,
                due,
                status,
            });
        }
        Ok(commitments)
    }

    fn scope(&self) -> Result<Scope, CucError> {
        section(
            8,
            "Scope",
            "What is in, and explicitly what is not: written non-scope keeps expectations from growing unseen.",
        );
        let done = "one per line; Enter with nothing typed moves on";
        Ok(Scope {
            included: self.lines("In scope:", "Also in scope:", done)?,
            excluded: self.lines("Explicitly out of scope:", "Also out of scope:", done)?,
        })
    }

    fn milestones(
        &self,
        start: Option<Date>,
        renewal: Option<Date>,
    ) -> Result<(Vec<Milestone>, String), CucError> {
        section(
            9,
            "Milestones",
            "The review moments: success defined at 30, 90 and 180 days keeps the first year honest.",
        );
        let mut milestones = Vec::new();
        let proposed = proposals(start, renewal);
        if proposed.is_empty() {
            say("  No contract start or renewal date was given, so no dates are proposed.");
        } else {
            let labels: Vec<String> = proposed
                .iter()
                .map(|p| format!("{} — {}, {}", words(p.kind), p.when, p.due))
                .collect();
            let chosen = self.pick_many(
                "Which review moments? (proposed from the contract dates; Space unpicks, Enter when done)",
                &labels,
                true,
            )?;
            for p in chosen.into_iter().map(|i| &proposed[i]) {
                let kind = words(p.kind);
                let due = self
                    .date(
                        &format!("{kind} due (YYYY-MM-DD):"),
                        "Enter keeps the date shown, or type another",
                        Some(p.due),
                    )?
                    .unwrap_or(p.due);
                let success = self.text(
                    &format!("What does success look like at {}?", kind.to_lowercase()),
                    LEAVE_OUT,
                )?;
                milestones.push(Milestone {
                    kind: p.kind.to_owned(),
                    due,
                    success,
                });
            }
        }
        let kinds = choices("/milestones/0/kind");
        let custom = kinds.iter().position(|k| k == "custom").unwrap_or(0);
        while self.another(
            "Add a milestone?",
            "Add another milestone?",
            milestones.len(),
        )? {
            let kind = kinds[self.pick("Kind:", &kinds, custom)?].clone();
            let Some(due) = self.date(
                "Due (YYYY-MM-DD):",
                "Enter with nothing typed leaves this one out",
                None,
            )?
            else {
                continue;
            };
            let success = self.text("What does success look like then?", LEAVE_OUT)?;
            milestones.push(Milestone { kind, due, success });
        }
        let cadence = self
            .line(
                "How often to review this customer (e.g. 90d or 12w):",
                "Enter keeps the interval shown",
                Some("90d"),
                Some(Rc::new(cadence_check)),
                None,
                None,
            )?
            .unwrap_or_else(|| "90d".to_owned());
        Ok((milestones, cadence))
    }
}

/// A milestone kind as people say it: `first_value` → `First value`.
fn words(kind: &str) -> String {
    match kind {
        "mid_year" => "Mid-year".to_owned(),
        other => {
            let spaced = other.replace('_', " ");
            let mut chars = spaced.chars();
            chars
                .next()
                .map(|c| c.to_uppercase().chain(chars).collect())
                .unwrap_or_default()
        }
    }
}

fn choices(at: &str) -> Vec<String> {
    Schemas::embedded().choices(DocumentKind::Understanding, at)
}

fn accepted(at: &str, answer: &str) -> bool {
    Schemas::embedded().accepts(DocumentKind::Understanding, at, &Value::from(answer))
}

fn date_check(answer: &str) -> Result<(), String> {
    match date_problem(answer) {
        Some((what, help)) => Err(format!("`{answer}` {what}; {help}")),
        None => Ok(()),
    }
}

fn email_check(answer: &str) -> Result<(), String> {
    if accepted("/customer/team/cs", answer) {
        Ok(())
    } else {
        Err(format!(
            "`{answer}` is not an email address; write the person's email, e.g. jane.doe@example.com"
        ))
    }
}

fn currency_check(answer: &str) -> Result<(), String> {
    if accepted("/customer/contract/currency", answer) {
        Ok(())
    } else {
        Err(format!(
            "`{answer}` is not a currency code; write its three capital letters, e.g. EUR or USD"
        ))
    }
}

fn cadence_check(answer: &str) -> Result<(), String> {
    if accepted("/review/cadence", answer) {
        Ok(())
    } else {
        Err(format!(
            "`{answer}` is not an interval; write days or weeks, e.g. 90d or 12w"
        ))
    }
}

/// Stakeholder names offered while typing who promised something.
#[derive(Clone)]
struct Names(Vec<String>);

impl Autocomplete for Names {
    fn get_suggestions(&mut self, input: &str) -> Result<Vec<String>, CustomUserError> {
        let typed = input.trim().to_lowercase();
        Ok(self
            .0
            .iter()
            .filter(|name| name.to_lowercase().contains(&typed))
            .cloned()
            .collect())
    }

    fn get_completion(
        &mut self,
        input: &str,
        highlighted: Option<String>,
    ) -> Result<Option<String>, CustomUserError> {
        if highlighted.is_some() {
            return Ok(highlighted);
        }
        // Tab alone completes when only one name fits.
        let mut fits = self.get_suggestions(input)?;
        Ok(if fits.len() == 1 { fits.pop() } else { None })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn answers_are_checked_in_cuc_s_words() {
        assert_eq!(
            date_check("2027-02-30").unwrap_err(),
            "`2027-02-30` is not a real calendar date; check the day exists in that month"
        );
        assert_eq!(
            date_check("31.01.2027").unwrap_err(),
            "`31.01.2027` is not written as YYYY-MM-DD; write it as 2027-01-31"
        );
        assert!(date_check("2027-01-31").is_ok());
        assert!(email_check("tom@vendor.example").is_ok());
        assert_eq!(
            email_check("tom at vendor").unwrap_err(),
            "`tom at vendor` is not an email address; write the person's email, e.g. jane.doe@example.com"
        );
        assert!(currency_check("EUR").is_ok());
        assert!(currency_check("euro").is_err());
        assert!(cadence_check("12w").is_ok());
        assert!(cadence_check("quarterly").is_err());
    }

    #[test]
    fn names_are_offered_as_typed() {
        let mut names = Names(vec!["Henrik Albers".to_owned(), "Priya Raman".to_owned()]);
        assert_eq!(names.get_suggestions("").unwrap().len(), 2);
        assert_eq!(names.get_suggestions("pri").unwrap(), ["Priya Raman"]);
        assert_eq!(
            names.get_completion("alb", None).unwrap(),
            Some("Henrik Albers".to_owned())
        );
        assert_eq!(names.get_completion("a", None).unwrap(), None);
    }

    #[test]
    fn kinds_are_said_in_words() {
        assert_eq!(words("first_value"), "First value");
        assert_eq!(words("mid_year"), "Mid-year");
        assert_eq!(words("onboarding"), "Onboarding");
    }
}
