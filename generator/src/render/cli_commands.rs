//! One operation's command: its definition (positional arguments, typed flags, `--body`,
//! `--all`) and its runner, which builds the request with the client's builder, shows it (a
//! dry run, `-v`), sends it and prints the answer.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use crate::plan::{ArgPlan, BodyArg, CommandPlan, Media, OperationPlan, Shape, VariantBody};

/// `fn {op}_command() -> Command`.
pub(super) fn command_fn(op: &OperationPlan, command: &CommandPlan) -> TokenStream {
    let ident = format_ident!("{}_command", op.method_ident);
    let name = &command.name;
    let about = op
        .summary
        .clone()
        .unwrap_or_else(|| format!("{} {}", op.method.as_str(), op.path));
    let long_about = match &op.description {
        Some(description) => format!(
            "{about}\n\n{description}\n\n`{} {}`",
            op.method.as_str(),
            op.path
        ),
        None => format!("{about}\n\n`{} {}`", op.method.as_str(), op.path),
    };
    let args = command
        .args
        .iter()
        .map(|arg| arg_def(arg, command.body.is_some()));
    let body = command.body.as_ref().map(body_def);
    let all = command.paged.then(|| {
        quote! {
            .arg(Arg::new("all").long("all").action(ArgAction::SetTrue)
                .help("Every item of every page, each as a line of JSON, as the pages arrive"))
        }
    });
    let doc = format!(
        "The `{name}` command: `{} {}`.",
        op.method.as_str(),
        op.path
    );
    quote! {
        #[doc = #doc]
        fn #ident() -> Command {
            Command::new(#name)
                .about(#about)
                .long_about(#long_about)
                #(#args)*
                #body
                #all
        }
    }
}

/// One `.arg(…)`: a positional path param or a typed flag.
fn arg_def(arg: &ArgPlan, has_body: bool) -> TokenStream {
    let name = &arg.name;
    let ty = value_ty(arg);
    let choices = &arg.choices;
    let value_name = match arg.positional {
        true => heck::ToShoutySnakeCase::to_shouty_snake_case(arg.name.as_str()),
        false => arg.value_name.to_owned(),
    };
    let mut help = arg.help.clone().unwrap_or_default();
    if let Some(default) = &arg.default {
        help.push_str(&format!(" [server default: {default}]"));
    }
    if matches!(arg.ty.shape, Shape::File) {
        help.push_str(" (a file's path, or - for stdin)");
    }
    let help = help.trim().to_owned();
    let place = match arg.positional {
        true => TokenStream::new(),
        false => quote!(.long(#name)),
    };
    let required = match (arg.argument, arg.body_field && has_body) {
        (true, true) => quote!(.required_unless_present("body").conflicts_with("body")),
        (true, false) => quote!(.required(true)),
        (false, _) => TokenStream::new(),
    };
    let many = arg.many.then(|| quote!(.action(ArgAction::Append)));
    let parser = match arg.ty.shape {
        Shape::File => quote!(runtime::file_value()),
        _ => quote!(runtime::json_value::<#ty>(&[#(#choices),*])),
    };
    quote! {
        .arg(Arg::new(#name)#place.value_name(#value_name).help(#help)
            .value_parser(#parser)
            #required #many)
    }
}

/// The type one value of `arg` is parsed as.
fn value_ty(arg: &ArgPlan) -> TokenStream {
    match (arg.into_string, &arg.ty.shape) {
        (true, _) => quote!(::std::string::String),
        (false, Shape::File) => quote!(crate::client::runtime::FilePart),
        (false, _) => arg.ty.tokens.to_token_stream(),
    }
}

/// `--body FILE`.
fn body_def(body: &BodyArg) -> TokenStream {
    let help = match body.media {
        Media::Text => "The request body: a text file, or - for stdin",
        Media::Bytes | Media::Multipart => "The request body: a file sent as it is, or - for stdin",
        Media::Json | Media::Form => "The whole request body as JSON: a file, or - for stdin",
    };
    let required = body.required.then(|| quote!(.required(true)));
    quote! {
        .arg(Arg::new("body").long("body").value_name("FILE").help(#help) #required)
    }
}

/// `async fn {op}(cx, matches)`: builds the request, shows or sends it, prints the answer.
pub(super) fn run_fn(op: &OperationPlan, command: &CommandPlan) -> TokenStream {
    let ident = &op.method_ident;
    let request = request(op, command);
    let setters = command.args.iter().filter(|a| !a.argument).map(setter);
    let body_setter = command.body.as_ref().filter(|b| b.setter).map(|body| {
        let read = read_body(body);
        quote!(if let Some(body) = #read { request = request.body(body); })
    });
    let all = command.paged.then(|| {
        quote! {
            if matches.get_flag("all") {
                return runtime::stream(request.stream()).await;
            }
        }
    });
    let print = print_answer(op);
    let doc = format!("Runs `{} {}`.", op.method.as_str(), op.path);
    quote! {
        #[doc = #doc]
        async fn #ident(
            cx: &runtime::Context,
            matches: &ArgMatches,
        ) -> Result<(), runtime::Failure> {
            let client = client(cx, matches)?;
            #[allow(unused_mut)]
            let mut request = #request;
            #(#setters)*
            #body_setter
            if cx.before(request.clone().build_request())? {
                return Ok(());
            }
            #all
            let answer = request.send_with_response().await?;
            cx.after(&answer);
            #print
        }
    }
}

/// The client method's call with its arguments; with `--body`, the `*_with_body` method's.
fn request(op: &OperationPlan, command: &CommandPlan) -> TokenStream {
    let method = &op.method_ident;
    let value = |arg: &ArgPlan| {
        let (name, ty) = (&arg.name, value_ty(arg));
        match arg.many {
            true => quote!(runtime::many::<#ty>(matches, #name).unwrap_or_default()),
            false => quote!(runtime::required::<#ty>(matches, #name)?),
        }
    };
    let params = command.args.iter().filter(|a| a.argument && !a.body_field);
    let params: Vec<TokenStream> = params.map(value).collect();
    let fields = command
        .args
        .iter()
        .filter(|a| a.argument && a.body_field)
        .map(value);
    let Some(body) = &command.body else {
        return quote!(client.#method(#(#params),*));
    };
    let read = read_body(body);
    if body.required {
        let missing = quote!(runtime::Failure::usage("give --body".to_owned()));
        return quote!(client.#method(#(#params,)* #read.ok_or_else(|| #missing)?));
    }
    match &body.with_body {
        Some(with_body) => quote! {
            match #read {
                Some(body) => client.#with_body(#(#params,)* body),
                None => client.#method(#(#params,)* #(#fields),*),
            }
        },
        None => quote!(client.#method(#(#params),*)),
    }
}

/// `runtime::body_json::<T>(matches)?` (or text, or bytes).
fn read_body(body: &BodyArg) -> TokenStream {
    match body.media {
        Media::Text => quote!(runtime::body_text(matches)?),
        Media::Bytes | Media::Multipart => quote!(runtime::body_bytes(matches)?),
        Media::Json | Media::Form => {
            let ty = &body.ty.tokens;
            quote!(runtime::body_json::<#ty>(matches)?)
        }
    }
}

/// An optional value onto its setter, when given.
fn setter(arg: &ArgPlan) -> TokenStream {
    let (name, ident, ty) = (&arg.name, &arg.ident, value_ty(arg));
    let value = match arg.many {
        true => quote!(runtime::many::<#ty>(matches, #name)),
        false => quote!(runtime::optional::<#ty>(matches, #name)),
    };
    quote! {
        if let Some(value) = #value {
            request = request.#ident(value);
        }
    }
}

/// The answer on stdout, as the operation's answer travels.
fn print_answer(op: &OperationPlan) -> TokenStream {
    if let Some(outcome) = &op.outcome {
        let enum_ident = &outcome.ident;
        let arms = outcome.variants.iter().map(|variant| {
            let ident = &variant.ident;
            let path = quote!(crate::client::responses::#enum_ident::#ident);
            match &variant.body {
                VariantBody::Json(_) => quote!(#path(body) => runtime::json(cx, body),),
                VariantBody::Text => quote!(#path(body) => runtime::text(body),),
                VariantBody::Bytes => quote!(#path(body) => runtime::bytes(body),),
                VariantBody::Empty => quote!(#path => runtime::nothing(),),
            }
        });
        return quote!(match answer.body() { #(#arms)* });
    }
    match (&op.answer, op.answer_media) {
        (None, _) => quote!(runtime::nothing()),
        (Some(_), _) if op.redirect => quote!(runtime::location(cx, answer.body().location())),
        (Some(_), Media::Json) => quote!(runtime::json(cx, answer.body())),
        (Some(_), Media::Text) => quote!(runtime::text(answer.body())),
        (Some(_), Media::Bytes | Media::Form | Media::Multipart) => {
            quote!(runtime::bytes(answer.body()))
        }
    }
}
