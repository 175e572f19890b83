//! The plan of the command-line client (`info.x-rust-crate.cli`): its commands, one per
//! operation, grouped by the operation's first tag, and for each its positional arguments and
//! flags, typed as the client's arguments and setters are.

use crate::tokens::RustIdent;
use heck::ToKebabCase;

use super::operation::{BodyKind, Input, OperationPlan};
use super::{CratePlan, Media, ParamIn, RustType, Shape, TypeRef};
use crate::model::Tag;

/// The command-line client: a crate of its own beside the client, which it calls.
pub(crate) struct CliPlan {
    /// The command, e.g. `timetrack`.
    pub bin: String,
    /// Its Cargo package, e.g. `timetrack-cli`.
    pub package: String,
    /// The Rust name of that package's library, e.g. `timetrack_cli`.
    pub ident: String,
    /// One group per tag that has operations, in the order the document declares its tags
    /// (then first use).
    pub groups: Vec<GroupPlan>,
    /// The commands of operations without a tag, at the top level.
    pub commands: Vec<CommandPlan>,
    /// The flags every command takes: credentials, server variables and the base URL.
    pub settings: Vec<SettingPlan>,
}

/// The commands of one tag, e.g. `tasks`.
pub(crate) struct GroupPlan {
    pub name: String,
    /// The tag's description.
    pub about: Option<String>,
    pub commands: Vec<CommandPlan>,
}

/// One operation's command, e.g. `tasks read`.
pub(crate) struct CommandPlan {
    /// E.g. `read`: the operationId without the words of its tag.
    pub name: String,
    /// The operation: an index into [`super::ApiPlan::operations`].
    pub operation: usize,
    /// The client method's arguments, in order, then its setters.
    pub args: Vec<ArgPlan>,
    /// How `--body` gives the whole body, when the operation has one.
    pub body: Option<BodyArg>,
    /// The operation pages: the command takes `--all`.
    pub paged: bool,
}

/// What `--body FILE` stands for.
pub(crate) struct BodyArg {
    /// The type the file's content is read as.
    pub ty: RustType,
    /// How the file is read: JSON (also for forms), text or bytes.
    pub media: Media,
    /// The whole body is the method's argument (so `--body` is required).
    pub required: bool,
    /// The body is optional and given whole: the builder's `body` setter.
    pub setter: bool,
    /// The body's fields are arguments: with `--body`, the method `{method}_with_body` takes it.
    pub with_body: Option<RustIdent>,
}

/// One value of a command: a path param's positional argument, or a flag.
pub(crate) struct ArgPlan {
    /// The clap id and the flag's long name, e.g. `hour-rate`.
    pub name: String,
    /// A path param: positional.
    pub positional: bool,
    /// The client method's argument (required, unless `--body` gives it), else a setter.
    pub argument: bool,
    /// The argument or setter.
    pub ident: RustIdent,
    /// The type one value is parsed as (a list's item type for `many`).
    pub ty: RustType,
    /// The value is taken as `impl Into<String>`.
    pub into_string: bool,
    /// A list: the flag is given once per item.
    pub many: bool,
    /// A required field of the body, which `--body` can give instead.
    pub body_field: bool,
    /// E.g. `INTEGER`, `DATE`, `JSON`.
    pub value_name: &'static str,
    pub help: Option<String>,
    /// The values it allows (listed in `--help`).
    pub choices: Vec<String>,
    /// The value the server assumes when none is sent.
    pub default: Option<String>,
}

/// A flag every command takes, read from the environment when not given.
pub(crate) struct SettingPlan {
    pub name: String,
    pub env_var: String,
    pub help: String,
    /// A credential: never echoed (its value is hidden in `--help` and in dry runs).
    pub secret: bool,
    /// What a dry run shows in its place, e.g. `<API_KEY>`.
    pub placeholder: String,
    pub kind: SettingKind,
}

/// What a setting sets.
pub(crate) enum SettingKind {
    /// The n-th of all credential values (see [`CratePlan::credential_values`]).
    Credential(usize),
    /// A server variable.
    ServerVariable(RustIdent),
    BaseUrl,
}

/// Flag names the command-line client keeps for itself.
const OWN_FLAGS: &[&str] = &["all", "body", "dry-run", "verbose", "help", "version"];

/// The command-line client's plan, when the spec asks for one.
pub(super) fn cli_plan(
    krate: &CratePlan,
    tags: &[Tag],
    operations: &[OperationPlan],
) -> Option<CliPlan> {
    let bin = krate.cli.clone()?;
    let settings = settings(krate);
    let taken: Vec<&str> = (settings.iter().map(|s| s.name.as_str()))
        .chain(OWN_FLAGS.iter().copied())
        .collect();
    let mut groups: Vec<GroupPlan> = (tags.iter())
        .map(|tag| GroupPlan {
            name: tag.name.to_kebab_case(),
            about: tag.description.clone(),
            commands: Vec::new(),
        })
        .collect();
    let mut commands = Vec::new();
    for (index, op) in operations.iter().enumerate() {
        if op.upgrade {
            continue; // a raw connection has no place in a shell pipeline
        }
        let command = |name| command(index, op, name, &taken);
        match op.tags.first() {
            None => commands.push(command(op.id.to_kebab_case())),
            Some(tag) => {
                let name = tag.to_kebab_case();
                let at = match groups.iter().position(|g| g.name == name) {
                    Some(at) => at,
                    None => {
                        groups.push(GroupPlan {
                            name,
                            about: None,
                            commands: Vec::new(),
                        });
                        groups.len() - 1
                    }
                };
                let short = command_name(&op.id, tag);
                groups[at].commands.push(command(short));
            }
        }
    }
    groups.retain(|g| !g.commands.is_empty());
    for group in &mut groups {
        unique_names(&mut group.commands, operations);
    }
    unique_names(&mut commands, operations);
    Some(CliPlan {
        package: format!("{bin}-cli"),
        ident: format!("{bin}_cli").replace('-', "_"),
        bin,
        groups,
        commands,
        settings,
    })
}

/// The operationId in kebab case without the words of its tag, singular or plural
/// (`list_tasks` in `Tasks` → `list`, `start_project_timer` in `Project Timer` → `start`); the
/// whole operationId when nothing would be left.
fn command_name(id: &str, tag: &str) -> String {
    let words: Vec<String> = id.to_kebab_case().split('-').map(str::to_owned).collect();
    let tag: Vec<String> = tag.to_kebab_case().split('-').map(singular).collect();
    let fits = |at: usize| (0..tag.len()).all(|i| singular(&words[at + i]) == tag[i]);
    let found = (0..=words.len().saturating_sub(tag.len())).find(|&at| fits(at));
    let rest: Vec<&str> = match found {
        Some(at) if tag.len() < words.len() => (words.iter().enumerate())
            .filter(|(i, _)| !(at..at + tag.len()).contains(i))
            .map(|(_, w)| w.as_str())
            .collect(),
        _ => words.iter().map(String::as_str).collect(),
    };
    rest.join("-")
}

/// `entries` → `entry`, `tasks` → `task`, `status` stays.
fn singular(word: &str) -> String {
    if let Some(stem) = word.strip_suffix("ies") {
        return format!("{stem}y");
    }
    match word.strip_suffix('s') {
        Some(stem) if !stem.ends_with('s') && !stem.ends_with('u') => stem.to_owned(),
        _ => word.to_owned(),
    }
}

/// Commands whose short names collide take their whole operationId.
fn unique_names(commands: &mut [CommandPlan], operations: &[OperationPlan]) {
    let names: Vec<String> = commands.iter().map(|c| c.name.clone()).collect();
    for command in commands.iter_mut() {
        let same = names.iter().filter(|n| **n == command.name).count();
        if same > 1 || command.name == "help" || command.name == "completions" {
            command.name = operations[command.operation].id.to_kebab_case();
        }
    }
}

fn command(index: usize, op: &OperationPlan, name: String, taken: &[&str]) -> CommandPlan {
    let flag = |input: &Input, prefix: &str| {
        let name = input.ident.to_string().to_kebab_case();
        match taken.contains(&name.as_str()) {
            true => format!("{prefix}-{name}"),
            false => name,
        }
    };
    let mut args = Vec::new();
    for param in &op.params {
        let mut arg = arg(&param.input, flag(&param.input, "param"), &param.choices);
        arg.positional = param.location == ParamIn::Path;
        arg.argument = param.required;
        arg.default = param.default.as_ref().map(|v| match v {
            serde_json::Value::String(text) => text.clone(),
            other => other.to_string(),
        });
        args.push(arg);
    }
    let fields = match op.body.as_ref().map(|b| &b.kind) {
        Some(BodyKind::Fields(fields)) => fields.as_slice(),
        _ => &[],
    };
    for field in fields {
        let mut arg = arg(&field.input, flag(&field.input, "field"), &field.choices);
        arg.argument = field.required;
        arg.body_field = field.required;
        arg.default = field.default.clone();
        args.push(arg);
    }
    // The method's arguments first, in its order (required params, then required fields).
    args.sort_by_key(|a| !a.argument);
    CommandPlan {
        name,
        operation: index,
        args,
        body: body_arg(op),
        paged: op.paging.is_some(),
    }
}

fn arg(input: &Input, name: String, choices: &[String]) -> ArgPlan {
    let (ty, many) = match &input.ty.shape {
        Shape::Vec(item) => ((**item).clone(), true),
        _ => (input.ty.clone(), false),
    };
    ArgPlan {
        name,
        positional: false,
        argument: false,
        ident: input.ident.clone(),
        value_name: value_name(&ty),
        into_string: input.into_string,
        ty,
        many,
        body_field: false,
        help: input.description.clone(),
        choices: choices.to_vec(),
        default: None,
    }
}

/// How `--help` names a value of type `ty`.
fn value_name(ty: &RustType) -> &'static str {
    match (&ty.shape, &ty.desc) {
        (Shape::Integer { .. } | Shape::NonZero, _) => "INTEGER",
        (Shape::Float, _) => "NUMBER",
        (Shape::Bool, _) => "BOOL",
        (Shape::String, _) => "TEXT",
        (Shape::File, _) => "FILE",
        (Shape::Enum { .. }, _) => "VALUE",
        (_, TypeRef::Builtin(name)) if name.ends_with("NaiveDate") => "DATE",
        (_, TypeRef::Builtin(name)) if name.contains("DateTime") => "TIMESTAMP",
        (_, TypeRef::Builtin(name)) if name.ends_with("Uuid") => "UUID",
        _ => "JSON",
    }
}

fn body_arg(op: &OperationPlan) -> Option<BodyArg> {
    let body = op.body.as_ref()?;
    let (required, setter, with_body) = match &body.kind {
        BodyKind::Fields(_) => (
            false,
            false,
            Some(RustIdent::from(quote::format_ident!(
                "{}_with_body",
                op.method_ident
            ))),
        ),
        BodyKind::Whole(_) => (true, false, None),
        BodyKind::OptionalWhole(_) => (false, true, None),
    };
    Some(BodyArg {
        ty: body.ty.clone(),
        media: body.media,
        required,
        setter,
        with_body,
    })
}

/// Credentials, server variables and the base URL, each a flag with its environment variable.
fn settings(krate: &CratePlan) -> Vec<SettingPlan> {
    let values = krate.credentials.iter().flat_map(|c| {
        let help = c.description.clone();
        c.values.iter().map(move |value| (value, help.clone()))
    });
    let mut out: Vec<SettingPlan> = (values.enumerate())
        .map(|(i, (value, help))| SettingPlan {
            name: value.ident.to_string().to_kebab_case(),
            env_var: value.env_var.clone(),
            help: help.unwrap_or_else(|| format!("The credential `{}`", value.ident)),
            secret: true,
            placeholder: format!("<{}>", value.ident.to_string().to_uppercase()),
            kind: SettingKind::Credential(i),
        })
        .collect();
    out.extend(krate.server_variables().iter().map(|v| {
        SettingPlan {
            name: v.ident.to_string().to_kebab_case(),
            env_var: v.env_var.clone(),
            help: v
                .description
                .clone()
                .unwrap_or_else(|| format!("The server's `{}`", v.name)),
            secret: false,
            placeholder: String::new(),
            kind: SettingKind::ServerVariable(v.ident.clone()),
        }
    }));
    out.push(SettingPlan {
        name: "base-url".to_owned(),
        env_var: krate.base_url_var.clone(),
        help: "The base URL requests are sent to, in place of the spec's server".to_owned(),
        secret: false,
        placeholder: String::new(),
        kind: SettingKind::BaseUrl,
    });
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn commands_are_named_without_their_tag() {
        assert_eq!(command_name("list_tasks", "Tasks"), "list");
        assert_eq!(command_name("read_task", "Tasks"), "read");
        assert_eq!(
            command_name("start_project_timer", "Project Timer"),
            "start"
        );
        assert_eq!(
            command_name("list_project_time_entries", "Project Time Entries"),
            "list"
        );
        assert_eq!(command_name("list_work_reports", "Work Reports"), "list");
        assert_eq!(command_name("repos/list-for-org", "repos"), "list-for-org");
        assert_eq!(command_name("tasks", "Tasks"), "tasks");
        assert_eq!(command_name("get_status", "Billing"), "get-status");
    }

    #[test]
    fn singulars() {
        assert_eq!(singular("entries"), "entry");
        assert_eq!(singular("expenses"), "expense");
        assert_eq!(singular("status"), "status");
        assert_eq!(singular("class"), "class");
    }
}
