//! The command-line client's crate (`cli/` beside the client's files): its Cargo.toml, the
//! binary and its library, the root command with the flags every command takes, and the
//! dispatch to each operation's command (`cli_commands.rs`). It calls the generated client, so
//! every rule of the spec lives in one place.

use std::collections::BTreeMap;

use heck::ToShoutySnakeCase;
use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::cli_commands::{command_fn, run_fn};
use super::{Made, RustFile, doc, generated, header};
use crate::error::Result;
use crate::plan::{ApiPlan, CliPlan, CommandPlan, CratePlan, SettingKind};

/// The hand-written part of the command-line client: each file's path under its `src/` and text.
const RUNTIME: &[(&str, &str)] = &[
    ("runtime.rs", include_str!("../../cli_runtime/runtime.rs")),
    ("runtime/curl.rs", include_str!("../../cli_runtime/curl.rs")),
    (
        "runtime/failure.rs",
        include_str!("../../cli_runtime/failure.rs"),
    ),
    (
        "runtime/output.rs",
        include_str!("../../cli_runtime/output.rs"),
    ),
    (
        "runtime/values.rs",
        include_str!("../../cli_runtime/values.rs"),
    ),
];

/// What the exit codes mean (the runtime's `failure.rs` has them), for `--help`.
const EXIT_CODES: &str = "Exit codes: 0 success; 1 the output could not be written; 2 usage \
    (a bad flag or value, a broken rule of the spec, a missing credential: nothing was sent); \
    3 the server answered 4XX; 4 the server answered 5XX; 5 no answer (connection, timeout, TLS, \
    a redirect elsewhere); 6 an answer the spec does not document.";

/// The files of the command-line client's crate, under `cli/`, when the spec asks for one.
pub(crate) fn cli_files(plan: &ApiPlan, spec_label: &str) -> Result<BTreeMap<String, String>> {
    let mut files = BTreeMap::new();
    let Some(cli) = &plan.cli else {
        return Ok(files);
    };
    files.insert(
        "cli/Cargo.toml".to_owned(),
        cargo_toml(plan, cli, spec_label),
    );
    let ident = format_ident!("{}", cli.ident);
    let main = quote! {
        //! The command; everything it does is in the library.
        fn main() -> std::process::ExitCode {
            #ident::main()
        }
    };
    files.insert(
        "cli/src/main.rs".to_owned(),
        super::rust_file("cli/src/main.rs", spec_label, main)?,
    );
    files.insert(
        "cli/src/lib.rs".to_owned(),
        super::rust_file("cli/src/lib.rs", spec_label, lib_rs(plan, cli))?,
    );
    files.insert(
        "cli/src/commands.rs".to_owned(),
        commands_file(plan, cli, spec_label)?,
    );
    for (path, text) in RUNTIME {
        let source = path.trim_start_matches("runtime/");
        let note = generated(Made::CliRuntimeCopy(source));
        files.insert(format!("cli/src/{path}"), format!("// {note}\n\n{text}"));
    }
    Ok(files)
}

fn cargo_toml(plan: &ApiPlan, cli: &CliPlan, spec_label: &str) -> String {
    let krate = &plan.krate;
    let mut out = header("#", spec_label);
    out.push_str(&format!(
        "\n[package]\nname = {:?}\nversion = {:?}\ndescription = {:?}\nedition = \"2024\"\nrust-version = \"1.88\"\n\n[[bin]]\nname = {:?}\npath = \"src/main.rs\"\n\n[dependencies]\n",
        cli.package,
        krate.version,
        format!("The `{}` command: {} from the shell, generated from {spec_label}.", cli.bin, krate.title),
        cli.bin,
    ));
    let mut deps: Vec<(String, String)> = vec![
        (krate.name.clone(), "{ path = \"..\" }".to_owned()),
        ("clap".to_owned(), "{ version = \"4.5\", default-features = false, features = [\"env\", \"error-context\", \"help\", \"std\", \"suggestions\", \"usage\"] }".to_owned()),
        ("clap_complete".to_owned(), "\"4.5\"".to_owned()),
        ("reqwest".to_owned(), "{ version = \"0.13.4\", default-features = false }".to_owned()),
        ("serde".to_owned(), "\"1.0.226\"".to_owned()),
        ("serde_json".to_owned(), "\"1.0.150\"".to_owned()),
        ("tokio".to_owned(), "{ version = \"1.38\", features = [\"rt\"] }".to_owned()),
        ("tracing-subscriber".to_owned(), "{ version = \"0.3\", default-features = false, features = [\"env-filter\", \"fmt\", \"std\"] }".to_owned()),
    ];
    for (name, spec) in super::files::type_crates(plan) {
        deps.push((name.to_owned(), spec.to_owned()));
    }
    deps.sort();
    for (name, spec) in deps {
        out.push_str(&format!("{name} = {spec}\n"));
    }
    out
}

fn lib_rs(plan: &ApiPlan, cli: &CliPlan) -> TokenStream {
    let krate = format_ident!("{}", plan.krate.ident);
    let about = doc(&format!(
        "The `{}` command: every operation of the {} API as a command, generated from the same \
         spec as [`{}`], which it calls. `{} --help` lists the commands; each takes the flags \
         its operation's params and body fields give, typed and checked before anything is \
         sent.\n\nThe answer is JSON on stdout (pretty on a terminal); `--all` streams every \
         item of a paged list as JSON lines; `--dry-run` prints the request as a `curl` command \
         and sends nothing. Errors go to stderr. {EXIT_CODES}",
        cli.bin, plan.krate.title, plan.krate.ident, cli.bin
    ));
    let about = quote!(#about).to_string().replace("# [doc", "#! [doc");
    let about: TokenStream = about.parse().unwrap_or_default();
    quote! {
        #about

        #[rustfmt::skip]
        mod commands;
        mod runtime;

        use #krate as client;

        /// Runs the command with the process's arguments and gives its exit code.
        pub fn main() -> std::process::ExitCode {
            runtime::exit(run())
        }

        fn run() -> Result<(), runtime::Failure> {
            let matches = commands::command().try_get_matches()?;
            runtime::trace();
            if let Some(("completions", shell)) = matches.subcommand() {
                return runtime::completions(shell, commands::command());
            }
            let cx = runtime::Context::new(&matches);
            runtime::block_on(commands::run(&cx, &matches))
        }
    }
}

fn commands_file(plan: &ApiPlan, cli: &CliPlan, spec_label: &str) -> Result<String> {
    let commands: Vec<_> = (cli.groups.iter().flat_map(|g| &g.commands))
        .chain(&cli.commands)
        .collect();
    let mut file = RustFile::new("cli/src/commands.rs", spec_label);
    let types = uses_types(cli).then(|| {
        quote!(
            use crate::client::types;
        )
    });
    file.push(quote! {
        //! The commands, one per operation, and the flags every command takes.
        use clap::{Arg, ArgAction, ArgMatches, Command};

        use crate::runtime;
        #types
    });
    file.push(root_command(plan, cli));
    file.push(dispatch(plan, cli));
    file.push(client_fn(plan, cli));
    file.push_each(&commands, |command| {
        let op = &plan.operations[command.operation];
        let (command_fn, run_fn) = (command_fn(op, command), run_fn(op, command));
        (TokenStream::new(), quote!(#command_fn #run_fn))
    });
    file.finish()
}

/// Whether a command names a type of the client's `types` module.
fn uses_types(cli: &CliPlan) -> bool {
    let commands = (cli.groups.iter().flat_map(|g| &g.commands)).chain(&cli.commands);
    commands.into_iter().any(|command| {
        command.args.iter().any(|a| a.ty.names_types)
            || command.body.as_ref().is_some_and(|b| b.ty.names_types)
    })
}

/// The root command: the groups and commands, `completions`, and the flags every command takes.
fn root_command(plan: &ApiPlan, cli: &CliPlan) -> TokenStream {
    let bin = &cli.bin;
    let about = format!("{} from the shell.", plan.krate.title);
    let long_about = plan
        .krate
        .description
        .clone()
        .unwrap_or_else(|| about.clone());
    let settings = cli.settings.iter().map(|s| {
        let (name, env, help) = (&s.name, &s.env_var, &s.help);
        let value_name = s.name.to_shouty_snake_case();
        let secret = s.secret;
        quote! {
            .arg(Arg::new(#name).long(#name).env(#env).hide_env_values(#secret).global(true)
                .value_name(#value_name).help(#help).help_heading(GLOBAL))
        }
    });
    let groups = cli.groups.iter().map(|group| {
        let name = &group.name;
        let about = group.about.as_deref().unwrap_or_default();
        let commands = group.commands.iter().map(|c| command_call(plan, c));
        quote! {
            .subcommand(Command::new(#name).about(#about).subcommand_required(true)
                #(.subcommand(#commands))*)
        }
    });
    let commands = cli.commands.iter().map(|c| command_call(plan, c));
    quote! {
        /// Where `--help` lists the flags every command takes.
        const GLOBAL: &str = "Global options";

        /// The command line: the groups and their commands, and the flags every command takes.
        pub(crate) fn command() -> Command {
            Command::new(#bin)
                .bin_name(#bin)
                .about(#about)
                .long_about(#long_about)
                .version(env!("CARGO_PKG_VERSION"))
                .subcommand_required(true)
                .after_help(#EXIT_CODES)
                #(#settings)*
                .arg(Arg::new("dry-run").long("dry-run").action(ArgAction::SetTrue).global(true)
                    .help("Print the request as a curl command and send nothing")
                    .help_heading(GLOBAL))
                .arg(Arg::new("verbose").short('v').long("verbose").action(ArgAction::SetTrue)
                    .global(true).help("Print the request and answer lines on stderr (no secrets)")
                    .help_heading(GLOBAL))
                #(#groups)*
                #(.subcommand(#commands))*
                .subcommand(Command::new("completions").about("Print the completion script of a shell")
                    .arg(Arg::new("shell").required(true)
                        .value_parser(clap::value_parser!(clap_complete::Shell))))
        }
    }
}

fn command_call(plan: &ApiPlan, command: &CommandPlan) -> TokenStream {
    let ident = format_ident!(
        "{}_command",
        plan.operations[command.operation].method_ident
    );
    quote!(#ident())
}

/// `run`: the command the arguments name, run.
fn dispatch(plan: &ApiPlan, cli: &CliPlan) -> TokenStream {
    let arm = |command: &CommandPlan| {
        let name = &command.name;
        let run = &plan.operations[command.operation].method_ident;
        quote!(Some((#name, matches)) => #run(cx, matches).await,)
    };
    let groups = cli.groups.iter().map(|group| {
        let name = &group.name;
        let arms = group.commands.iter().map(arm);
        quote! {
            Some((#name, matches)) => match matches.subcommand() {
                #(#arms)*
                _ => Err(runtime::Failure::usage("name a command; see --help".to_owned())),
            },
        }
    });
    let arms = cli.commands.iter().map(arm);
    quote! {
        /// Runs the command `matches` names.
        pub(crate) async fn run(
            cx: &runtime::Context,
            matches: &ArgMatches,
        ) -> Result<(), runtime::Failure> {
            match matches.subcommand() {
                #(#groups)*
                #(#arms)*
                _ => Err(runtime::Failure::usage("name a command; see --help".to_owned())),
            }
        }
    }
}

/// `client`: the client the settings describe; in a dry run, with placeholder credentials.
fn client_fn(plan: &ApiPlan, cli: &CliPlan) -> TokenStream {
    let credentials = credentials(plan, cli);
    let setters = cli.settings.iter().filter_map(|s| {
        let name = &s.name;
        let setter = match &s.kind {
            SettingKind::Credential(_) => return None,
            SettingKind::ServerVariable(ident) => ident.ident(),
            SettingKind::BaseUrl => format_ident!("base_url"),
        };
        Some(quote! {
            if let Some(value) = runtime::setting(matches, #name) {
                builder = builder.#setter(value);
            }
        })
    });
    quote! {
        /// The client the flags (or their environment variables) describe.
        fn client(
            cx: &runtime::Context,
            matches: &ArgMatches,
        ) -> Result<crate::client::Client, runtime::Failure> {
            #credentials
            let mut builder = crate::client::Client::builder(credentials);
            #(#setters)*
            Ok(builder.build()?)
        }
    }
}

/// `let credentials = …`: every value given (or the first alternative whose values are).
fn credentials(plan: &ApiPlan, cli: &CliPlan) -> TokenStream {
    let value = |i: usize| {
        let setting = cli
            .settings
            .iter()
            .find(|s| matches!(s.kind, SettingKind::Credential(n) if n == i));
        let (name, placeholder) = setting
            .map(|s| (s.name.clone(), s.placeholder.clone()))
            .unwrap_or_default();
        quote!(cx.credential(matches, #name, #placeholder))
    };
    let flags: Vec<TokenStream> = cli
        .settings
        .iter()
        .filter(|s| s.secret)
        .map(|s| {
            let (name, env) = (&s.name, &s.env_var);
            quote!((#name, #env))
        })
        .collect();
    let missing = quote!(return Err(runtime::missing(&[#(#flags),*])));
    let mut chain = missing;
    for (ctor, values) in credential_ways(&plan.krate).iter().rev() {
        let names: Vec<_> = (0..values.len())
            .map(|i| format_ident!("value_{i}"))
            .collect();
        let given = values.iter().map(|&i| value(i));
        chain = match values.is_empty() {
            true => quote!(crate::client::Credentials::#ctor()),
            false => quote! {
                if let (#(Some(#names),)*) = (#(#given,)*) {
                    crate::client::Credentials::#ctor(#(#names),*)
                } else {
                    #chain
                }
            },
        };
    }
    quote!(let credentials = #chain;)
}

/// Each way to make `Credentials`: its constructor and the credential values it takes (indexes
/// into every value), the one that takes none last.
fn credential_ways(krate: &CratePlan) -> Vec<(TokenStream, Vec<usize>)> {
    let offsets: Vec<usize> = krate
        .credentials
        .iter()
        .scan(0, |at, c| {
            let start = *at;
            *at += c.values.len();
            Some(start)
        })
        .collect();
    let mut ways: Vec<(TokenStream, Vec<usize>)> = Vec::new();
    if krate.alternatives.is_empty() {
        ways.push((
            quote!(new),
            (0..krate.credential_values().count()).collect(),
        ));
    }
    for alternative in &krate.alternatives {
        let ctor = &alternative.constructor;
        let offsets = &offsets;
        let values = alternative
            .credentials
            .iter()
            .flat_map(|&c| (0..krate.credentials[c].values.len()).map(move |v| offsets[c] + v));
        ways.push((quote!(#ctor), values.collect()));
    }
    ways.sort_by_key(|(_, values)| values.is_empty());
    ways
}
