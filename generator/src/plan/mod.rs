//! Step 3: the plan. Every decision about the generated crate is made here, once, from the
//! validated model and the type engine's type ids: the crate's names, credentials, server and
//! environment variables ([`CratePlan`]), and per operation its arguments and setters, their Rust
//! types and how they are taken, its path, query and body, which answers are success and which
//! carry the error body, paging and the examples in its docs ([`OperationPlan`]). Renderers read
//! plans only; the vocabulary they share with the model is re-exported here.

mod cli;
mod examples;
mod features;
mod operation;
mod planner;
mod responses;
mod styles;

use std::collections::BTreeMap;
use std::path::Path;

use crate::tokens::RustIdent;
use heck::ToShoutySnakeCase;
use quote::format_ident;
use typify::TypeId;

use responses::Carried;

use crate::error::{Error, Result};
use crate::model::{Api, Credential};
use crate::names;
use crate::type_engine::{TypeCrates, Types};

pub(crate) use crate::model::{
    Bound, CredentialKind, Media, Method, ParamIn, ParamStyle, PartKind, Rule, Status,
};
pub(crate) use crate::type_engine::{NamedType, RustType, Shape, TypeRef};
pub(crate) use cli::{ArgPlan, BodyArg, CliPlan, CommandPlan, SettingKind};
pub(crate) use features::{Cfg, FeaturePlan, Gated, TypesPlan};
pub(crate) use operation::{
    BodyKind, BodyPlan, ByStatus, ErrorPlan, Input, MediaChoice, OperationPlan, PagingPlan,
    ParamPlan, PathPart, StatusVariant, Styled, VariantBody,
};

/// The plan of the whole crate.
pub(crate) struct ApiPlan {
    /// The crate-wide decisions.
    pub krate: CratePlan,
    /// One plan per operation, in document order.
    pub operations: Vec<OperationPlan>,
    /// The error body of `crate::Error`, which every operation whose errors are
    /// [`ErrorPlan::Shared`] fails with: the one most error responses use, when the spec
    /// documents one.
    pub error_body: Option<RustType>,
    /// The crate's cargo features besides `mock`, in order: one per tag (none without tags).
    pub features: Vec<FeaturePlan>,
    /// The items of the `types` module, each with its features.
    pub types: TypesPlan,
    /// Crates the types need.
    pub crates: TypeCrates,
    /// Every named type of the `types` module and what it is made of.
    pub named_types: Vec<(String, NamedType)>,
    /// Type name → the component schema it is made from.
    pub schema_names: BTreeMap<String, String>,
    /// The command-line client, when the spec asks for one.
    pub cli: Option<CliPlan>,
}

/// What the crate as a whole is: its package, names, docs, server and credentials.
pub(crate) struct CratePlan {
    /// Cargo package name, e.g. `timetrack-client`.
    pub name: String,
    pub version: String,
    /// The Cargo package description.
    pub package_description: String,
    /// The Rust name of the crate, e.g. `timetrack_client`.
    pub ident: String,
    /// The API's title and description (`info`).
    pub title: String,
    pub description: Option<String>,
    /// Where the API is served; `None` when the spec names no server.
    pub server: Option<ServerPlan>,
    /// The credentials, in document order.
    pub credentials: Vec<CredentialPlan>,
    /// When the spec lists several security requirements, of which a request carries any one:
    /// a constructor of `Credentials` for each. Empty for one requirement (or none), where
    /// `Credentials::new` takes every value.
    pub alternatives: Vec<AlternativePlan>,
    /// The environment variable `Client::from_env` reads a base URL from.
    pub base_url_var: String,
    /// The command of the command-line client, when the spec asks for one.
    pub cli: Option<String>,
}

/// The server URL template and its variables (arguments of `Client::new`).
pub(crate) struct ServerPlan {
    pub url: String,
    pub variables: Vec<ServerVariablePlan>,
}

/// A `{name}` of the server URL.
pub(crate) struct ServerVariablePlan {
    /// Name in the template.
    pub name: String,
    /// The argument and builder setter.
    pub ident: RustIdent,
    /// The environment variable `Client::from_env` reads it from.
    pub env_var: String,
    pub description: Option<String>,
    /// The spec's default, used in examples.
    pub default: String,
}

/// A credential: a field of `Credentials`, sent in a header.
pub(crate) struct CredentialPlan {
    /// The field of `Credentials`.
    pub field: RustIdent,
    /// The header it is sent in, as the spec writes it (in docs)…
    pub header: String,
    /// …and as it is sent (HTTP/1.1 header names are case-insensitive; lower case is the form
    /// the HTTP stack keeps).
    pub wire_header: String,
    pub kind: CredentialKind,
    pub description: Option<String>,
    /// The values the caller gives (arguments of `Credentials::new`, in order).
    pub values: Vec<CredentialValue>,
}

/// One of several security requirements: a constructor of `Credentials`.
pub(crate) struct AlternativePlan {
    /// E.g. `bearer`, `api_key_and_api_secret`; `anonymous` for a requirement of nothing.
    pub constructor: RustIdent,
    /// The credentials it sets: indexes into [`CratePlan::credentials`].
    pub credentials: Vec<usize>,
}

/// One value a caller gives for a credential.
pub(crate) struct CredentialValue {
    /// The argument of `Credentials::new`, e.g. `api_key`.
    pub ident: RustIdent,
    /// The environment variable `Client::from_env` reads it from, e.g. `TIMETRACK_API_KEY`.
    pub env_var: String,
    /// A placeholder for examples, e.g. `api-key`.
    pub example: String,
}

impl ApiPlan {
    /// When code that only the operations `which` pick use compiles: under any of their
    /// features; `None` when it picks none.
    pub fn operations_cfg(&self, which: impl Fn(&OperationPlan) -> bool) -> Option<Cfg> {
        features::any_of(
            self.operations
                .iter()
                .filter(|op| which(op))
                .map(|op| &op.cfg),
        )
    }

    /// When the builders' code names a type of the `types` module.
    pub fn operations_name_types(&self) -> Option<Cfg> {
        self.operations_cfg(|op| op.types().iter().any(|ty| ty.names_types))
    }

    /// When the `Client` methods name a type of the `types` module (in an argument, or the
    /// body they build).
    pub fn client_methods_name_types(&self) -> Option<Cfg> {
        self.operations_cfg(|op| {
            op.arguments().any(|input| input.ty.names_types)
                || op.body.as_ref().is_some_and(|body| body.ty.names_types)
        })
    }

    /// Whether the shared error body is a type of the `types` module.
    pub fn error_names_types(&self) -> bool {
        self.error_body.as_ref().is_some_and(|ty| ty.names_types)
    }

    /// Whether some operation upgrades its connection.
    pub fn upgrades(&self) -> bool {
        self.operations.iter().any(|op| op.upgrade)
    }

    /// Whether an operation sends a file in a multipart body (the crate then re-exports
    /// `FilePart`).
    pub fn sends_files(&self) -> bool {
        let files = |p: &ParamPlan| {
            p.part
                .as_ref()
                .is_some_and(|part| matches!(part.kind, PartKind::File | PartKind::Files))
        };
        self.operations.iter().any(|op| op.params.iter().any(files))
    }
}

impl CratePlan {
    /// The constructor of `Credentials` that examples use, and the values it takes: `new`
    /// with every value, or the first alternative's.
    pub fn example_credentials(&self) -> (RustIdent, Vec<&CredentialValue>) {
        let Some(first) = self.alternatives.first() else {
            return (
                RustIdent::from(format_ident!("new")),
                self.credential_values().collect(),
            );
        };
        let values = first
            .credentials
            .iter()
            .flat_map(|&i| &self.credentials[i].values);
        (first.constructor.clone(), values.collect())
    }

    /// Every value of every credential, in order.
    pub fn credential_values(&self) -> impl Iterator<Item = &CredentialValue> {
        self.credentials.iter().flat_map(|c| &c.values)
    }

    /// The server's variables (none without a server).
    pub fn server_variables(&self) -> &[ServerVariablePlan] {
        self.server.as_ref().map_or(&[], |s| s.variables.as_slice())
    }
}

/// Plans the crate and every operation of `api`, typing them with the engine.
pub(crate) fn plan(path: &Path, api: &Api) -> Result<ApiPlan> {
    let engine_error = |message: String| Error::Engine {
        path: path.to_path_buf(),
        operation: None,
        message,
    };
    let mut types = Types::new(&api.schemas).map_err(|message| {
        engine_error(format!(
            "the type engine failed on the component schemas: {message}"
        ))
    })?;
    let krate = crate_plan(api);
    let mut operations = Vec::new();
    let mut error_ids = Vec::new();
    for op in &api.operations {
        let (plan, ids) = planner::plan_operation(path, &krate.ident, op, &mut types)?;
        operations.push(plan);
        error_ids.push(ids);
    }
    let common = common_error(&error_ids);
    for (plan, ids) in operations.iter_mut().zip(&error_ids) {
        plan.error = error_plan(path, &types, plan, ids, common.as_ref())?;
    }
    let error_body = match &common {
        Some(id) => Some(types.rust_type(id).map_err(|m| internal(path, "", &m))?),
        None => None,
    };
    let bug = |message: String| {
        engine_error(format!(
            "internal error (a generator bug, please report it): {message}"
        ))
    };
    let named_types = types.named_types().map_err(bug)?;
    let schema_names = api
        .schemas
        .iter()
        .map(|c| (names::pascal(&c.name), c.name.clone()))
        .collect();
    let items = types.items(api.value_forms.numeric_booleans).map_err(bug)?;
    let references = types.references().map_err(bug)?;
    let (features, types_plan) = features::plan(
        &api.tags,
        &mut operations,
        error_body.as_ref(),
        &references,
        items,
    );
    let cli = cli::cli_plan(&krate, &api.tags, &operations);
    Ok(ApiPlan {
        cli,
        krate,
        operations,
        error_body,
        features,
        types: types_plan,
        crates: types.crates(),
        named_types,
        schema_names,
    })
}

/// The crate-wide decisions: names, server variables, credentials and their env variables.
fn crate_plan(api: &Api) -> CratePlan {
    let prefix = &api.package.env_prefix;
    let server = api.server.as_ref().map(|server| ServerPlan {
        url: server.url.to_string(),
        variables: server
            .variables
            .iter()
            .map(|v| ServerVariablePlan {
                name: v.name.clone(),
                ident: RustIdent::from(format_ident!("{}", names::snake(&v.name))),
                env_var: format!("{prefix}_{}", v.name.to_shouty_snake_case()),
                description: v.description.clone(),
                default: v.default.clone(),
            })
            .collect(),
    });
    CratePlan {
        name: api.package.name.clone(),
        version: api.package.version.clone(),
        package_description: api.package.description.clone(),
        ident: api.package.name.replace('-', "_"),
        title: api.title.clone(),
        description: api.description.clone(),
        server,
        credentials: api
            .credentials
            .iter()
            .map(|c| credential(c, prefix))
            .collect(),
        alternatives: alternatives(api),
        base_url_var: format!("{prefix}_BASE_URL"),
        cli: api.package.cli.clone(),
    }
}

/// A constructor per security requirement, when there are several: named by the credentials it
/// takes (`api_key_and_api_secret`), `anonymous` when it takes none.
fn alternatives(api: &Api) -> Vec<AlternativePlan> {
    if api.requirements.len() < 2 {
        return Vec::new();
    }
    let name = |requirement: &[usize]| -> String {
        let names: Vec<String> = requirement
            .iter()
            .map(|&i| names::snake(&api.credentials[i].scheme))
            .collect();
        match names.is_empty() {
            true => "anonymous".to_owned(),
            false => names.join("_and_"),
        }
    };
    let each = api.requirements.iter().map(|requirement| AlternativePlan {
        constructor: RustIdent::from(format_ident!("{}", name(requirement))),
        credentials: requirement.clone(),
    });
    each.collect()
}

/// A credential's field and values: the scheme's snake-case name, or for HTTP basic
/// `{scheme}_username` and `{scheme}_password`.
fn credential(credential: &Credential, prefix: &str) -> CredentialPlan {
    let name = names::snake(&credential.scheme);
    let values = match credential.kind {
        CredentialKind::ApiKey | CredentialKind::Bearer => vec![name.clone()],
        CredentialKind::Basic => vec![format!("{name}_username"), format!("{name}_password")],
    };
    CredentialPlan {
        field: RustIdent::from(format_ident!("{name}")),
        header: credential.header.clone(),
        wire_header: credential.header.to_ascii_lowercase(),
        kind: credential.kind,
        description: credential.description.clone(),
        values: values
            .iter()
            .map(|value| CredentialValue {
                ident: RustIdent::from(format_ident!("{value}")),
                env_var: format!("{prefix}_{}", value.to_shouty_snake_case()),
                example: value.replace('_', "-"),
            })
            .collect(),
    }
}

/// The JSON error body most error responses of the document use (the first of them on a tie):
/// the body of `crate::Error`.
fn common_error(ids: &[Vec<(Status, Carried)>]) -> Option<TypeId> {
    let all: Vec<&TypeId> = (ids.iter().flatten())
        .filter_map(|(_, carried)| match carried {
            Carried::Json(id) => Some(id),
            _ => None,
        })
        .collect();
    let mut counts: BTreeMap<&TypeId, usize> = BTreeMap::new();
    for id in &all {
        *counts.entry(id).or_default() += 1;
    }
    // The first of the most frequent, in the order the operations document them.
    let mut best: Option<(&TypeId, usize)> = None;
    for id in &all {
        let n = counts[id];
        if best.is_none_or(|(_, most)| n > most) {
            best = Some((id, n));
        }
    }
    best.map(|(id, _)| id.clone())
}

/// An operation's error body: the shared one when every error it documents has it, its own
/// when they share another JSON body, one per status when they differ (or one is not JSON).
fn error_plan(
    path: &Path,
    types: &Types,
    plan: &OperationPlan,
    ids: &[(Status, Carried)],
    common: Option<&TypeId>,
) -> Result<ErrorPlan> {
    let rust_type = |id: &TypeId| {
        types
            .rust_type(id)
            .map_err(|m| internal(path, &plan.id, &m))
    };
    let json = |carried: &Carried| match carried {
        Carried::Json(id) => Some(id.clone()),
        _ => None,
    };
    let Some((_, first)) = ids.first() else {
        return Ok(ErrorPlan::Shared);
    };
    if ids
        .iter()
        .all(|(_, c)| json(c).is_some() && json(c).as_ref() == common)
    {
        return Ok(ErrorPlan::Shared);
    }
    if let Some(first) = json(first).filter(|_| ids.iter().all(|(_, c)| c == first)) {
        return Ok(ErrorPlan::Own(rust_type(&first)?));
    }
    let mut variants = Vec::new();
    for (status, carried) in ids {
        let body = match carried {
            Carried::Json(id) => VariantBody::Json(rust_type(id)?),
            Carried::Text => VariantBody::Text,
            Carried::Bytes => VariantBody::Bytes,
            Carried::Empty => VariantBody::Empty,
        };
        variants.push(responses::variant(*status, body));
    }
    let ident = RustIdent::from(format_ident!("{}Error", plan.builder_ident));
    Ok(ErrorPlan::PerStatus(ByStatus { ident, variants }))
}

/// A mismatch between the validated model and the type engine: a bug of the generator.
fn internal(path: &Path, operation: &str, message: &str) -> Error {
    Error::Engine {
        path: path.to_path_buf(),
        operation: Some(operation.to_owned()),
        message: format!(
            "internal error (a generator bug, please report it): the plan and the type engine disagree: {message}"
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn engine_panics_become_errors_naming_the_operation() {
        // Validation refuses a dangling `$ref`; here the plan is made from a lowering that has
        // one, to show that the engine's failure is caught and blamed on the operation.
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
        let spec = crate::load::load(&root.join("spec/timetrack.yaml")).unwrap();
        let mut api = crate::validate::validate(&spec.document).unwrap();
        let update = api.operations.iter_mut().find(|op| op.id == "update_task");
        let body = update.and_then(|op| op.body.as_mut()).unwrap();
        body.schema =
            serde_json::from_value(serde_json::json!({"$ref": "#/components/schemas/Nope"})).ok();
        let Err(err) = plan(Path::new("spec.yaml"), &api) else {
            panic!("the engine accepted a dangling $ref")
        };
        assert_eq!(
            err.to_string(),
            "spec.yaml: operation `update_task`: the engine failed on this spec: $ref #/components/schemas/Nope is missing"
        );
    }

    #[test]
    fn credentials_and_server_variables_get_their_names_once() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
        let spec = crate::load::load(&root.join("spec/timetrack.yaml")).unwrap();
        let api = crate::validate::validate(&spec.document).unwrap();
        let krate = crate_plan(&api);
        let values: Vec<String> = krate
            .credential_values()
            .map(|v| format!("{} {} {}", v.ident, v.env_var, v.example))
            .collect();
        assert_eq!(
            values,
            [
                "api_key TIMETRACK_API_KEY api-key",
                "api_secret TIMETRACK_API_SECRET api-secret"
            ]
        );
        let vars: Vec<String> = krate
            .server_variables()
            .iter()
            .map(|v| format!("{} {}", v.ident, v.env_var))
            .collect();
        assert_eq!(vars, ["account TIMETRACK_ACCOUNT"]);
        assert_eq!(krate.ident, "timetrack_client");
        assert_eq!(krate.base_url_var, "TIMETRACK_BASE_URL");
    }
}
