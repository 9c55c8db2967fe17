//! `cuc decision ID "TEXT" --owner NAME [...]`: writes a decision down in
//! the customer's decision log (customers/ID/decisions.yaml), with its
//! owner and when it was made, under the next free id.
//!
//! A decision that replaces another (`--supersedes`) says so in its own
//! entry; the one it replaces is left as written, `status` and all: that
//! is a person's entry, and `supersedes` is what the rules and the diff
//! read. cuc writes no `status` either, as it could not keep it true.

use super::{Context, Outcome, record};
use crate::cli::DecisionArgs;
use crate::error::CucError;
use crate::history::History;
use crate::model::dates::{instant, now_to_the_minute, readable_time};
use crate::model::{Decision, Decisions};
use crate::text::closest;
use crate::workspace::Workspace;
use crate::write::{self, Edit, Section, Target, Value};

pub fn run(ctx: &Context, args: &DecisionArgs) -> Result<Outcome, CucError> {
    let workspace = Workspace::discover(&ctx.cwd)?;
    let (id, dir) = workspace.select(std::slice::from_ref(&args.id))?.remove(0);
    let typed = record::valid(&workspace, &id, &dir, "a decision", false)?;
    let text = args.text.trim();
    if text.is_empty() {
        return Err(CucError::Usage(
            "the decision's text is empty\n  help: say what was decided, in a sentence or two, in quotes; nothing was written".to_owned(),
        ));
    }
    let stakeholders = &typed.understanding.stakeholders;
    record::stakeholder(stakeholders, &id, &args.owner, "the owner")?;
    for name in &args.consulted {
        record::stakeholder(stakeholders, &id, name, "everyone consulted")?;
    }
    let made = match &args.made {
        Some(made) => {
            record::time_not_in_future(made, "a decision", "--made")?;
            made.clone()
        }
        None => now_to_the_minute(),
    };
    let replaced = match &args.supersedes {
        Some(old) => Some(replaceable(&typed.decisions, &id, old, &made)?),
        None => None,
    };
    let consulted = record::unique(&args.consulted);
    let mut entry = vec![("made", Value::Plain(made.clone()))];
    entry.push(("decision", Value::Text(text.to_owned())));
    entry.push(("owner", Value::Text(args.owner.clone())));
    if let Some(scope) = &args.scope {
        entry.push(("scope_item", Value::Text(scope.clone())));
    }
    if let Some(old) = &args.supersedes {
        entry.push(("supersedes", Value::word(old)));
    }
    if let Some(context) = &args.context {
        entry.push(("context", Value::Text(context.clone())));
    }
    if !args.options.is_empty() {
        entry.push(("options", Value::List(args.options.clone())));
    }
    if let Some(consequences) = &args.consequences {
        entry.push(("consequences", Value::Text(consequences.clone())));
    }
    if !consulted.is_empty() {
        entry.push(("consulted", Value::List(consulted)));
    }

    let history = History::discover(&workspace.root)?;
    let path = dir.join("decisions.yaml");
    let file = workspace.relative(&path);
    let lock = write::lock_path(&workspace.root, history.as_ref().map(History::git_dir), &id);
    let header = header(&typed.understanding.customer.name);
    let target = Target {
        path: &path,
        file: &file,
        section: Section::Decisions,
        lock: &lock,
        limits: workspace.config.limits,
        header: &header,
        schemas: workspace.schemas_for_writing(),
    };
    // The id is chosen from the log as it is under the lock, so two people
    // writing decisions at once get one each.
    let decision_id = write::apply(&target, |current| {
        let log = record::decisions_of(current, &id)?;
        if let Some(old) = &args.supersedes
            && log.find(old).is_none()
        {
            return Err(record::changed_meanwhile(&id));
        }
        let next = log.next_id();
        let mut entry = entry;
        entry.insert(0, ("id", Value::word(&next)));
        Ok((Edit::Append(entry), next))
    })?;

    let mut out = format!(
        "Recorded decision {decision_id} in {file}: owned by {}, made {}\n",
        args.owner,
        readable_time(&made)
    );
    if let Some(old) = replaced {
        out.push_str(&format!(
            "It replaces {} ({}).",
            old.id,
            old.made.get(..10).unwrap_or(&old.made)
        ));
        if old.status.as_deref() == Some("active") {
            out.push_str(&format!(
                " {} still says `status: active`: cuc leaves what was written as it is, so change it to `superseded` if you keep statuses.",
                old.id
            ));
        }
        out.push('\n');
    }
    if let Some(note) = scope_note(&typed.understanding, args.scope.as_deref()) {
        out.push_str(&note);
    }
    // cuc writes none of the team's own fields: say which cuc.yaml requires.
    let required: Vec<String> = workspace
        .config
        .fields
        .of(crate::model::fields::Section::Decisions)
        .filter(|f| f.required)
        .map(|f| format!("`{}`", f.name))
        .collect();
    if !required.is_empty() {
        out.push_str(&format!(
            "cuc.yaml requires {} of every decision: add {} to {decision_id} in {file} (until then `cuc validate` asks for {}).\n",
            required.join(", "),
            if required.len() == 1 { "it" } else { "them" },
            if required.len() == 1 { "it" } else { "them" },
        ));
    }
    out.push_str(&format!(
        "Circulate it within 24 hours: `cuc circulate {id} {decision_id} --to NAME...` records it and prints the message to send.\n"
    ));
    Ok(Outcome::ok(out))
}

/// The decision `old` that a new one made at `made` may replace: one in
/// the log, not replaced already, and made before it.
fn replaceable<'a>(
    log: &'a Decisions,
    id: &str,
    old: &str,
    made: &str,
) -> Result<&'a Decision, CucError> {
    let replaced = record::decision(log, id, old)?;
    if let Some(later) = log.superseded_by(old) {
        return Err(CucError::Usage(format!(
            "decision {old} was already replaced by {} ({})\n  help: to change what {} decided, use --supersedes {}; nothing was written",
            later.id,
            later.made.get(..10).unwrap_or(&later.made),
            later.id,
            later.id
        )));
    }
    if let (Some(before), Some(after)) = (instant(&replaced.made), instant(made))
        && after < before
    {
        return Err(CucError::Usage(format!(
            "the new decision would be made {}, before the decision it replaces ({old}, made {})\n  help: check --made; nothing was written",
            readable_time(made),
            readable_time(&replaced.made)
        )));
    }
    Ok(replaced)
}

/// Where the scope item is not one of `scope.in`, a line that says so (it
/// is recorded as written: the log's scope items are free text).
fn scope_note(u: &crate::model::Understanding, scope: Option<&str>) -> Option<String> {
    let scope = scope?;
    let items = u.scope.as_ref().map_or(&[][..], |s| s.included.as_slice());
    if items.iter().any(|i| i.as_str() == scope) {
        return None;
    }
    let hint = match closest(scope, items.iter().map(crate::model::Text::as_str)) {
        Some(best) => format!(" (did you mean `{best}`?)"),
        None => String::new(),
    };
    Some(format!(
        "Its scope, `{scope}`, is not one of the items in scope.in of understanding.yaml{hint}; it is recorded as written.\n"
    ))
}

/// The first lines of a new decision log. A name that ends a sentence
/// itself (`Acme Logistics Inc.`) gets no second full stop.
fn header(name: &str) -> String {
    let name = crate::text::yaml::comment_text(name);
    let stop = if name.ends_with(['.', '!', '?']) {
        ""
    } else {
        "."
    };
    format!(
        "# yaml-language-server: $schema=../../schema/decisions.json\n# Decision log for {name}{stop} Circulate every decision within 24 hours.\nschema: cuc/v1\n\n"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_name_ending_a_sentence_gets_no_second_full_stop() {
        assert_eq!(
            header("Acme Logistics Inc."),
            "# yaml-language-server: $schema=../../schema/decisions.json\n# Decision log for Acme Logistics Inc. Circulate every decision within 24 hours.\nschema: cuc/v1\n\n"
        );
        assert!(header("Northwind").contains("\n# Decision log for Northwind. Circulate"));
        assert!(header("Yahoo!").contains("\n# Decision log for Yahoo! Circulate"));
    }
}
