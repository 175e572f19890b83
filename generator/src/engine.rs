//! Step 3: run progenitor (positional style) as the HTTP and type engine, and read back what it
//! produced: the method signatures the extras call and the fields of the request body structs.

use std::collections::BTreeMap;
use std::panic::{self, AssertUnwindSafe};
use std::path::Path;

use openapiv3::OpenAPI;
use proc_macro2::TokenStream;
use progenitor_impl::{GenerationSettings, Generator, HooksMode, InterfaceStyle};
use quote::ToTokens;
use typify::{TypeDetails, TypeSpace};

use crate::error::{Error, Result};

/// What the engine generated.
pub struct EngineOutput {
    /// The engine's module, parsed: `types`, the inner `Client` and its positional methods.
    pub file: syn::File,
    /// Each operation method, by its Rust name.
    pub methods: BTreeMap<String, EngineMethod>,
    /// Fields of each struct type, by type name (used to fill request bodies).
    pub structs: BTreeMap<String, Vec<StructField>>,
    /// Crates the generated types need beyond serde.
    pub uses: TypeCrates,
}

/// Crates that typify's output may need.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct TypeCrates {
    pub chrono: bool,
    pub uuid: bool,
    pub regress: bool,
    pub futures: bool,
}

/// A positional method of the engine's client.
#[derive(Debug, Clone)]
pub struct EngineMethod {
    /// Arguments after `&self`, in the engine's order.
    pub args: Vec<(String, syn::Type)>,
    /// `T` of `Result<ResponseValue<T>, Error<E>>`.
    pub ok: syn::Type,
    /// `E` of `Result<ResponseValue<T>, Error<E>>`.
    pub err: syn::Type,
}

/// A field of a generated struct.
#[derive(Debug, Clone)]
pub struct StructField {
    /// Rust field name.
    pub ident: String,
    /// Whether the schema requires it.
    pub required: bool,
    /// The field's type; for an optional field, the type inside the `Option`.
    pub value_type: TokenStream,
    /// Whether the field is an `Option`.
    pub is_option: bool,
}

/// Runs the engine on `doc`. Engine panics are caught and reported as errors.
pub fn run(path: &Path, doc: &OpenAPI) -> Result<EngineOutput> {
    let engine_error = |message: String| Error::Engine {
        path: path.to_path_buf(),
        operation: blame(doc),
        message,
    };
    let outcome = quietly(|| {
        let mut generator = Generator::new(&settings());
        let tokens = generator.generate_tokens(doc)?;
        let futures = generator.uses_futures();
        let space = generator.get_type_space();
        let uses = TypeCrates {
            chrono: space.uses_chrono(),
            uuid: space.uses_uuid(),
            regress: space.uses_regress(),
            futures,
        };
        Ok::<_, progenitor_impl::Error>((tokens, struct_fields(space), uses))
    });
    let (tokens, structs, uses) = match outcome {
        Ok(Ok(parts)) => parts,
        Ok(Err(err)) => {
            let message = first_line(&err.to_string());
            return Err(engine_error(format!(
                "the engine rejected the spec: {message}"
            )));
        }
        Err(panic) => {
            let message = first_line(&panic);
            return Err(engine_error(format!(
                "the engine failed on this spec: {message}"
            )));
        }
    };
    let file: syn::File = syn::parse2(tokens).map_err(|err| Error::Render {
        file: "the engine's output".to_owned(),
        message: err.to_string(),
    })?;
    Ok(EngineOutput {
        methods: methods(&file).map_err(|message| Error::Render {
            file: "the engine's output".to_owned(),
            message,
        })?,
        file,
        structs,
        uses,
    })
}

/// Positional methods; the engine's client carries the runtime's retry policy, and its request
/// execution is the runtime's (the extras implement `ClientHooks` for it).
fn settings() -> GenerationSettings {
    let mut settings = GenerationSettings::default();
    settings
        .with_interface(InterfaceStyle::Positional)
        .with_inner_type(quote::quote!(crate::runtime::RetryPolicy))
        .with_hooks(HooksMode::Expected);
    settings
}

/// Whether the engine fails (returns an error or panics) on `doc`.
fn fails(doc: &OpenAPI) -> bool {
    !matches!(
        quietly(|| Generator::new(&settings()).generate_tokens(doc).is_ok()),
        Ok(true)
    )
}

/// Names the operation the engine fails on, by running it on each operation alone; `None` when
/// the failure is in the shared components (or in no single operation).
fn blame(doc: &OpenAPI) -> Option<String> {
    let mut without_paths = doc.clone();
    without_paths.paths.paths.clear();
    if fails(&without_paths) {
        return None;
    }
    for (path, item) in &doc.paths.paths {
        let openapiv3::ReferenceOr::Item(item) = item else {
            continue;
        };
        for (method, operation) in item.iter() {
            let mut single = item.clone();
            for slot in [
                &mut single.get,
                &mut single.put,
                &mut single.post,
                &mut single.delete,
                &mut single.options,
                &mut single.head,
                &mut single.patch,
                &mut single.trace,
            ] {
                *slot = None;
            }
            let slot = match method {
                "get" => &mut single.get,
                "put" => &mut single.put,
                "post" => &mut single.post,
                "delete" => &mut single.delete,
                "options" => &mut single.options,
                "head" => &mut single.head,
                "patch" => &mut single.patch,
                _ => &mut single.trace,
            };
            *slot = Some(operation.clone());
            let mut one = without_paths.clone();
            one.paths
                .paths
                .insert(path.clone(), openapiv3::ReferenceOr::Item(single));
            if fails(&one) {
                return Some(
                    operation
                        .operation_id
                        .clone()
                        .unwrap_or_else(|| format!("{} {path}", method.to_ascii_uppercase())),
                );
            }
        }
    }
    None
}

/// The first line of an engine message, without the dumps some panics carry.
fn first_line(message: &str) -> String {
    let line = message
        .lines()
        .next()
        .unwrap_or_default()
        .trim_end_matches(':');
    match line.char_indices().nth(200) {
        Some((cut, _)) => format!("{}…", &line[..cut]),
        None => line.to_owned(),
    }
}

/// Runs `f`, turning a panic into its message without printing it.
fn quietly<T>(f: impl FnOnce() -> T) -> std::result::Result<T, String> {
    let previous = panic::take_hook();
    panic::set_hook(Box::new(|_| {}));
    let result = panic::catch_unwind(AssertUnwindSafe(f));
    panic::set_hook(previous);
    result.map_err(|payload| {
        payload
            .downcast_ref::<&str>()
            .map(|s| (*s).to_owned())
            .or_else(|| payload.downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "unknown failure".to_owned())
    })
}

fn struct_fields(space: &TypeSpace) -> BTreeMap<String, Vec<StructField>> {
    let mut out = BTreeMap::new();
    for ty in space.iter_types() {
        let TypeDetails::Struct(details) = ty.details() else {
            continue;
        };
        let mut fields = Vec::new();
        for prop in details.properties_info() {
            let Ok(field_type) = space.get_type(&prop.type_id) else {
                continue;
            };
            let (value_type, is_option) = match field_type.details() {
                TypeDetails::Option(inner) => match space.get_type(&inner) {
                    Ok(inner) => (inner.ident(), true),
                    Err(_) => continue,
                },
                _ => (field_type.ident(), false),
            };
            fields.push(StructField {
                ident: prop.name.to_owned(),
                required: prop.required,
                value_type,
                is_option,
            });
        }
        out.insert(ty.name(), fields);
    }
    out
}

/// Reads the positional methods of `impl Client` in the engine's output.
fn methods(file: &syn::File) -> std::result::Result<BTreeMap<String, EngineMethod>, String> {
    let mut out = BTreeMap::new();
    for item in &file.items {
        let syn::Item::Impl(block) = item else {
            continue;
        };
        if block.trait_.is_some() || block.self_ty.to_token_stream().to_string() != "Client" {
            continue;
        }
        for item in &block.items {
            let syn::ImplItem::Fn(function) = item else {
                continue;
            };
            if function.sig.asyncness.is_none() {
                continue;
            }
            let mut args = Vec::new();
            for input in function.sig.inputs.iter().skip(1) {
                let syn::FnArg::Typed(typed) = input else {
                    continue;
                };
                let syn::Pat::Ident(pat) = typed.pat.as_ref() else {
                    return Err(format!(
                        "unexpected argument pattern in `{}`",
                        function.sig.ident
                    ));
                };
                args.push((pat.ident.to_string(), (*typed.ty).clone()));
            }
            let syn::ReturnType::Type(_, ret) = &function.sig.output else {
                return Err(format!("`{}` returns nothing", function.sig.ident));
            };
            let [value, error] = generic_args(ret)
                .ok_or_else(|| format!("`{}` does not return a Result", function.sig.ident))?;
            let ok = generic_args::<1>(&value).map(|[t]| t).ok_or_else(|| {
                format!("`{}` does not return a ResponseValue", function.sig.ident)
            })?;
            let err = generic_args::<1>(&error)
                .map(|[t]| t)
                .ok_or_else(|| format!("`{}` does not return an Error<E>", function.sig.ident))?;
            out.insert(
                function.sig.ident.to_string(),
                EngineMethod { args, ok, err },
            );
        }
    }
    Ok(out)
}

/// The `N` type arguments of the last segment of a path type, e.g. `Result<A, B>`.
pub(crate) fn generic_args<const N: usize>(ty: &syn::Type) -> Option<[syn::Type; N]> {
    let syn::Type::Path(path) = ty else {
        return None;
    };
    let syn::PathArguments::AngleBracketed(args) = &path.path.segments.last()?.arguments else {
        return None;
    };
    let types: Vec<syn::Type> = args
        .args
        .iter()
        .filter_map(|arg| match arg {
            syn::GenericArgument::Type(t) => Some(t.clone()),
            _ => None,
        })
        .collect();
    types.try_into().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn panics_become_messages() {
        assert_eq!(quietly(|| -> u8 { panic!("boom") }), Err("boom".to_owned()));
        assert_eq!(quietly(|| 7), Ok(7));
    }

    #[test]
    fn reads_result_types() {
        let ty: syn::Type =
            syn::parse_quote!(Result<ResponseValue<Vec<types::Task>>, Error<types::ErrorResponse>>);
        let [ok, err] = generic_args(&ty).unwrap();
        assert_eq!(
            generic_args::<1>(&ok).unwrap()[0]
                .to_token_stream()
                .to_string(),
            "Vec < types :: Task >"
        );
        assert_eq!(
            generic_args::<1>(&err).unwrap()[0]
                .to_token_stream()
                .to_string(),
            "types :: ErrorResponse"
        );
    }
}
