//! The doc comments of operations, from their plans: what each call sends, its arguments, its
//! setters, and an example that compiles as a doc test of the generated crate.

use crate::plan::{
    BodyKind, ErrorPlan, Input, MediaChoice, OperationPlan, PagingPlan, ParamIn, ParamPlan,
};

/// What every example of one operation needs.
pub(crate) struct Context<'a> {
    pub crate_ident: &'a str,
    pub plan: &'a OperationPlan,
}

impl Context<'_> {
    fn verb_path(&self) -> String {
        format!("`{} {}`", self.plan.method.as_str(), self.plan.path)
    }

    /// The example arguments of the `Client` method, e.g. `1, "Development"`.
    fn call_args(&self) -> String {
        let args: Vec<&str> = self.plan.arguments().map(|a| a.example.as_str()).collect();
        args.join(", ")
    }

    /// The call that performs the request: `.send()`, or `.upgrade("websocket")` for an
    /// operation that upgrades its connection.
    fn perform(&self) -> &'static str {
        if self.plan.upgrade {
            ".upgrade(\"websocket\")"
        } else {
            ".send()"
        }
    }

    /// The error of the operation's calls, as examples name it.
    fn error_type(&self) -> String {
        let krate = self.crate_ident;
        match &self.plan.error {
            ErrorPlan::Shared => format!("{krate}::Error"),
            ErrorPlan::Own(ty) => {
                let ty = ty.tokens.to_string().replace(' ', "");
                format!("{krate}::runtime::Error<{krate}::{ty}>")
            }
            ErrorPlan::PerStatus(errors) => {
                format!(
                    "{krate}::runtime::Error<{krate}::responses::{}>",
                    errors.ident
                )
            }
        }
    }

    /// `# async fn example(…) {` … `# }` around `body`, in a `no_run` block.
    fn example(&self, body: &str) -> String {
        let krate = self.crate_ident;
        let error = self.error_type();
        format!(
            "```no_run\n\
             # async fn example(client: &{krate}::Client) -> Result<(), {error}> {{\n\
             {body}\n\
             # Ok(())\n\
             # }}\n\
             ```"
        )
    }
}

/// The `Client` method's doc: summary, description, method and path, arguments, setters, example.
pub(crate) fn method(cx: &Context<'_>) -> String {
    let plan = cx.plan;
    let title = plan
        .summary
        .clone()
        .or_else(|| plan.description.clone())
        .unwrap_or_else(|| format!("Calls `{}`.", plan.id));
    let mut text = title.trim().to_owned();
    if let (Some(_), Some(description)) = (&plan.summary, &plan.description) {
        text.push_str(&format!("\n\n{}", description.trim()));
    }
    text.push_str(&format!("\n\n{}", cx.verb_path()));
    let arguments: Vec<&Input> = plan.arguments().collect();
    if !arguments.is_empty() {
        text.push_str("\n\nArguments (required by the spec):");
        for input in arguments {
            let description = input.description.as_deref().unwrap_or("").trim();
            text.push_str(&format!("\n- `{}`: {description}", input.ident));
        }
    }
    let setters = plan.setters();
    if !setters.is_empty() {
        let builder = &plan.builder_ident;
        let links: Vec<String> = setters
            .iter()
            .map(|s| format!("[`{0}`](builders::{builder}::{0})", s.ident))
            .collect();
        text.push_str(&format!(
            "\n\nOptional params are set on the returned [`builders::{builder}`]: {}.",
            links.join(", ")
        ));
    }
    let chained: String = setters
        .iter()
        .map(|s| format!(".{}({})", s.ident, s.example))
        .collect();
    let binding = match (&plan.answer, plan.upgrade) {
        (_, true) => "let connection = ",
        (Some(_), false) => "let answer = ",
        (None, false) => "",
    };
    let call = format!(
        "{binding}client.{}({}){chained}{}.await?;",
        plan.method_ident,
        cx.call_args(),
        cx.perform()
    );
    text.push_str(&format!("\n\n{}", cx.example(&call)));
    text
}

/// What a param is, for docs: "the query param `page`", "the part `note` of the multipart body".
pub(crate) fn param_what(param: &ParamPlan) -> String {
    let wire = &param.wire;
    match param.location {
        ParamIn::Path => format!("the path param `{wire}`"),
        ParamIn::Query => format!("the query param `{wire}`"),
        ParamIn::Header => format!("the header `{wire}`"),
        ParamIn::Cookie => format!("the cookie `{wire}`"),
        ParamIn::Part => format!("the part `{wire}` of the multipart body"),
    }
}

/// A setter's doc: the param's description (else what it sets: `what`, e.g. "the query param
/// `page`"), and where its example is (the `Client` method's example sets every optional param).
/// `default` is the JSON text of a body field's spec default, which an unset field is sent as.
pub(crate) fn setter(cx: &Context<'_>, input: &Input, default: Option<&str>, what: &str) -> String {
    let description = (input.description.as_deref())
        .map(str::trim)
        .filter(|d| !d.is_empty())
        .map_or_else(|| format!("Sets {what}."), str::to_owned);
    let unset = default
        .map(|json| format!(" Unset, it is sent as `{json}` (the spec's default)."))
        .unwrap_or_default();
    format!(
        "{description}\n\nOptional param of {} (example: [`Client::{}`]).{unset}",
        cx.verb_path(),
        cx.plan.method_ident
    )
}

/// The request builder's doc.
pub(crate) fn builder(cx: &Context<'_>) -> String {
    let performs = if cx.plan.upgrade { "upgrade" } else { "send" };
    format!(
        "Request builder for [`Client::{0}`]: {1}. Its setters set the optional params; \
         `{performs}` performs the request (see [`Client::{0}`] for an example).",
        cx.plan.method_ident,
        cx.verb_path()
    )
}

/// `send_as`'s doc.
pub(crate) fn send_as(cx: &Context<'_>, media: &MediaChoice) -> String {
    let listed: Vec<String> = (media.variants.iter())
        .map(|(_, content_type)| format!("`{content_type}`"))
        .collect();
    format!(
        "Sends {} asking for the answer in another of the media the spec documents for it \
         ({}; the [`{}`](crate::responses::{}) given is sent in `Accept`), and answers its \
         status, headers and body, undecoded. Error answers fail as with `send`.",
        cx.verb_path(),
        listed.join(", "),
        media.ident,
        media.ident
    )
}

/// `upgrade`'s doc.
pub(crate) fn upgrade(cx: &Context<'_>) -> String {
    format!(
        "Sends {} asking the server to switch the connection to `protocol` (the `Upgrade` \
         header), and hands over the connection when it answers `101 Switching Protocols` \
         (example: [`Client::{}`]). Any other answer is an [`Error`](crate::Error).",
        cx.verb_path(),
        cx.plan.method_ident
    )
}

/// `upgrade_with_response`'s doc.
pub(crate) fn upgrade_with_response(cx: &Context<'_>) -> String {
    format!(
        "Like [`upgrade`](Self::upgrade), with the `101` answer's status and headers (e.g. a \
         protocol's handshake reply): sends {} and returns the connection in a \
         [`Response`](crate::Response).",
        cx.verb_path()
    )
}

/// `build_request`'s doc.
pub(crate) fn build_request(cx: &Context<'_>) -> String {
    format!(
        "The request [`{sender}`](Self::{sender}) would send for {}, checked against the spec's \
         rules and built with the call's options (credentials included), without sending it: \
         to log, sign or show it (e.g. as a dry run).",
        cx.verb_path(),
        sender = if cx.plan.upgrade { "upgrade" } else { "send" },
    )
}

/// `send`'s doc.
pub(crate) fn send(cx: &Context<'_>) -> String {
    format!(
        "Sends {} and returns the decoded answer (example: [`Client::{}`]).",
        cx.verb_path(),
        cx.plan.method_ident
    )
}

/// `send_with_response`'s doc.
pub(crate) fn send_with_response(cx: &Context<'_>) -> String {
    format!(
        "Like [`send`](Self::send), with the answer's status and headers: sends {} and \
         returns the decoded answer in a [`Response`](crate::Response).",
        cx.verb_path(),
    )
}

/// The `*_with_body` method's doc, with the spec's example body when it has one.
pub(crate) fn with_body(cx: &Context<'_>, with_ident: &syn::Ident) -> String {
    let plan = cx.plan;
    let mut text = format!(
        "Like [`Client::{}`], with a request body built up front.\n\n{}",
        plan.method_ident,
        cx.verb_path()
    );
    let Some(body) = &plan.body else {
        return text;
    };
    let (Some(json), BodyKind::Fields(_)) = (&body.example, &body.kind) else {
        return text;
    };
    let krate = cx.crate_ident;
    let body_type = body.ty.tokens.to_string().replace(' ', "");
    let fixed: String = plan
        .required_params()
        .map(|p| format!("{}, ", p.example))
        .collect();
    text.push_str(&format!(
        "\n\n```no_run\n\
         # async fn example(client: &{krate}::Client) -> Result<(), Box<dyn std::error::Error>> {{\n\
         let body: {krate}::{body_type} = serde_json::from_str(r#\"{json}\"#)?;\n\
         client.{with_ident}({fixed}body).send().await?;\n\
         # Ok(())\n\
         # }}\n\
         ```"
    ));
    text
}

/// `stream`'s doc.
pub(crate) fn stream(cx: &Context<'_>, paging: &PagingPlan) -> String {
    let (page, size) = (&paging.page, &paging.size);
    let call = format!(
        "let all: Vec<_> = client.{}({}).stream().try_collect().await?;",
        cx.plan.method_ident,
        cx.call_args()
    );
    format!(
        "Every item of every page, in order: sends {} for page `{}` = 0, 1, … (or from \
         the page set with [`{page}`](Self::{page})), keeping the other params, until a page holds \
         fewer items than the page size (`{}`: {} unless set with [`{size}`](Self::{size})). An \
         error is yielded once and ends the stream.\n\n{}",
        cx.verb_path(),
        paging.page_name,
        paging.size_name,
        paging.max,
        cx.example(&call).replacen(
            "```no_run\n",
            "```no_run\nuse futures_util::TryStreamExt;\n\n",
            1
        ),
    )
}
