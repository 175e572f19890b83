//! The type engine's adapter. progenitor's types come from typify's `TypeSpace`; this configures it
//! as progenitor does (types in a `types` module, no struct builders), adds the spec's component
//! schemas, and each operation's inline schemas under the names progenitor gives them
//! (`{OperationId}{Param}`, `{OperationId}Body`, `{OperationId}Response`). The plan reads the
//! resulting type ids and their details; the `types` module is the space's own output.

mod components;
mod fixed;
mod items;
mod operations;
mod type_ref;

pub(crate) use components::settle as settle_components;
pub(crate) use items::{EngineItem, EngineItems, Needs};
pub(crate) use operations::settle as settle_operation;
pub(crate) use type_ref::TypeRef;

use std::cell::Cell;
use std::collections::{BTreeMap, BTreeSet};
use std::panic::{self, AssertUnwindSafe};
use std::sync::Once;

use crate::tokens::RustText;
use typify::{TypeDetails, TypeEnumVariant, TypeId, TypeSpace, TypeSpaceSettings};

use crate::model::{ComponentSchema, JsonSchema};

/// A Rust type the engine made: its tokens (only ever rendered, never compared) and its shape
/// (what decisions are made on).
#[derive(Debug, Clone)]
pub(crate) struct RustType {
    pub tokens: RustText,
    pub shape: Shape,
    /// Whether the type names one of the `types` module (itself or inside).
    pub names_types: bool,
    /// The type's structure, for comparing two generations of a crate.
    pub desc: TypeRef,
}

/// What kind of Rust type a [`RustType`] is, from the engine's type details.
#[derive(Debug, Clone)]
pub(crate) enum Shape {
    String,
    Integer {
        signed: bool,
    },
    /// A `std::num::NonZero*` integer (the type engine's choice for `minimum: 1`): its value is
    /// `.get()`.
    NonZero,
    Float,
    Bool,
    Unit,
    Vec(Box<RustType>),
    Option(Box<RustType>),
    /// A struct or newtype of the `types` module.
    Named,
    /// An enum of the `types` module, with its first variant that carries no data.
    Enum {
        unit_variant: Option<String>,
    },
    /// A file part of a multipart body ([`RustType::file_part`]).
    File,
    /// Anything else (maps, tuples, `serde_json::Value`, dates, …).
    Other,
}

/// A named type of the `types` module.
#[derive(Debug, Clone)]
pub(crate) enum NamedType {
    /// Fields: Rust name, type, docs.
    Struct(Vec<(String, TypeRef, String)>),
    /// Variant names.
    Enum(Vec<String>),
    Newtype(TypeRef),
}

/// A field of a generated struct.
#[derive(Debug, Clone)]
pub(crate) struct Field {
    /// Rust field name.
    pub ident: String,
    /// Whether the struct requires it.
    pub required: bool,
    /// The field's type; for an `Option` field, the type inside it.
    pub value: RustType,
    /// Whether the field is an `Option`.
    pub is_option: bool,
}

/// Crates that the generated types need beyond serde.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct TypeCrates {
    pub chrono: bool,
    pub uuid: bool,
    pub regress: bool,
}

/// The type space of one spec.
pub(crate) struct Types {
    space: TypeSpace,
}

impl Types {
    /// A type space holding the spec's component schemas.
    pub fn new(components: &[ComponentSchema]) -> Result<Types, String> {
        let mut settings = TypeSpaceSettings::default();
        settings
            .with_type_mod("types")
            .with_struct_builder(false)
            .with_derive("PartialEq".to_owned());
        let mut space = TypeSpace::new(&settings);
        let schemas = components
            .iter()
            .map(|c| (c.name.clone(), c.schema.clone()));
        quietly(|| space.add_ref_types(schemas))?.map_err(|err| err.to_string())?;
        Ok(Types { space })
    }

    /// Adds a schema of an operation (named `name` when it is inline) and returns its type.
    pub fn add(&mut self, schema: &JsonSchema, name: &str) -> Result<TypeId, String> {
        let name = crate::names::pascal(name);
        quietly(|| self.space.add_type_with_name(schema, Some(name)))?
            .map_err(|err| err.to_string())
    }

    /// The Rust type of `id`.
    pub fn rust_type(&self, id: &TypeId) -> Result<RustType, String> {
        let ty = self.space.get_type(id).map_err(|err| err.to_string())?;
        let shape = match ty.details() {
            TypeDetails::String => Shape::String,
            TypeDetails::Unit => Shape::Unit,
            TypeDetails::Builtin(name) => builtin_shape(name),
            TypeDetails::Vec(inner) => Shape::Vec(Box::new(self.rust_type(&inner)?)),
            TypeDetails::Option(inner) => Shape::Option(Box::new(self.rust_type(&inner)?)),
            TypeDetails::Struct(_) | TypeDetails::Newtype(_) => Shape::Named,
            TypeDetails::Enum(details) => Shape::Enum {
                unit_variant: details
                    .variants()
                    .find(|(_, v)| matches!(v, TypeEnumVariant::Simple))
                    .map(|(name, _)| name.to_owned()),
            },
            _ => Shape::Other,
        };
        let desc = self.describe(id)?;
        Ok(RustType {
            tokens: RustText::new(&ty.ident()),
            names_types: desc.names_types(),
            desc,
            shape,
        })
    }

    /// The structure of `id`.
    pub fn describe(&self, id: &TypeId) -> Result<TypeRef, String> {
        let ty = self.space.get_type(id).map_err(|err| err.to_string())?;
        let inner = |id: TypeId| self.describe(&id).map(Box::new);
        Ok(match ty.details() {
            TypeDetails::Struct(_) | TypeDetails::Newtype(_) | TypeDetails::Enum(_) => {
                TypeRef::Named(ty.name())
            }
            TypeDetails::Builtin(name) => TypeRef::Builtin(name.to_owned()),
            TypeDetails::String => TypeRef::String,
            TypeDetails::Unit => TypeRef::Unit,
            TypeDetails::Vec(id) => TypeRef::Vec(inner(id)?),
            TypeDetails::Option(id) => TypeRef::Option(inner(id)?),
            TypeDetails::Set(id) => TypeRef::Set(inner(id)?),
            TypeDetails::Box(id) => TypeRef::Box(inner(id)?),
            TypeDetails::Array(id, n) => TypeRef::Array(inner(id)?, n),
            TypeDetails::Map(key, value) => TypeRef::Map(inner(key)?, inner(value)?),
            TypeDetails::Tuple(items) => TypeRef::Tuple(
                items
                    .map(|id| self.describe(&id))
                    .collect::<Result<_, _>>()?,
            ),
        })
    }

    /// Every named type of the `types` module: its name and what it is made of.
    pub fn named_types(&self) -> Result<Vec<(String, NamedType)>, String> {
        let mut out = Vec::new();
        for ty in self.space.iter_types() {
            let named = match ty.details() {
                TypeDetails::Struct(details) => {
                    let mut fields = Vec::new();
                    for prop in details.properties_info() {
                        let docs = prop.description.unwrap_or_default().to_owned();
                        fields.push((prop.name.to_owned(), self.describe(&prop.type_id)?, docs));
                    }
                    NamedType::Struct(fields)
                }
                TypeDetails::Enum(details) => NamedType::Enum(
                    details
                        .variants()
                        .map(|(name, _)| name.to_owned())
                        .collect(),
                ),
                TypeDetails::Newtype(details) => {
                    NamedType::Newtype(self.describe(&details.inner())?)
                }
                _ => continue,
            };
            out.push((ty.name(), named));
        }
        Ok(out)
    }

    /// The fields of the struct `id`, or `None` when it is not a struct.
    pub fn fields(&self, id: &TypeId) -> Result<Option<Vec<Field>>, String> {
        let ty = self.space.get_type(id).map_err(|err| err.to_string())?;
        let TypeDetails::Struct(details) = ty.details() else {
            return Ok(None);
        };
        let mut fields = Vec::new();
        for prop in details.properties_info() {
            let field_type = self.rust_type(&prop.type_id)?;
            let (value, is_option) = match field_type.shape {
                Shape::Option(inner) => (*inner, true),
                _ => (field_type, false),
            };
            fields.push(Field {
                ident: prop.name.to_owned(),
                required: prop.required,
                value,
                is_option,
            });
        }
        Ok(Some(fields))
    }

    /// The items of the `types` module, each with the types it needs; with `numeric_booleans`,
    /// every boolean field decodes `1`/`0` as well (the runtime's `forms`).
    pub fn items(&self, numeric_booleans: bool) -> Result<EngineItems, String> {
        let mut file: syn::File =
            syn::parse2(self.space.to_stream()).map_err(|err| err.to_string())?;
        if numeric_booleans {
            for (type_name, field, optional) in self.boolean_fields()? {
                lenient_boolean(&mut file, &type_name, &field, optional)?;
            }
        }
        let named = self.space.iter_types().filter(|ty| {
            let details = ty.details();
            matches!(
                details,
                TypeDetails::Struct(_) | TypeDetails::Enum(_) | TypeDetails::Newtype(_)
            )
        });
        let names = named.map(|ty| ty.name()).collect();
        Ok(items::split(file, &names))
    }

    /// Every named type and the named types it mentions (its fields, variants or inner type).
    pub fn references(&self) -> Result<BTreeMap<String, BTreeSet<String>>, String> {
        let mut out = BTreeMap::new();
        for ty in self.space.iter_types() {
            let ids: Vec<TypeId> = match ty.details() {
                TypeDetails::Struct(details) => {
                    details.properties_info().map(|p| p.type_id).collect()
                }
                TypeDetails::Enum(details) => (details.variants())
                    .flat_map(|(_, variant)| match variant {
                        TypeEnumVariant::Simple => Vec::new(),
                        TypeEnumVariant::Tuple(ids) => ids,
                        TypeEnumVariant::Struct(fields) => {
                            fields.into_iter().map(|f| f.1).collect()
                        }
                    })
                    .collect(),
                TypeDetails::Newtype(details) => vec![details.inner()],
                _ => continue,
            };
            let mut named = BTreeSet::new();
            for id in ids {
                self.describe(&id)?.named(&mut named);
            }
            out.insert(ty.name(), named);
        }
        Ok(out)
    }

    /// Every boolean field of every struct: its type's name, its Rust name, whether optional.
    fn boolean_fields(&self) -> Result<Vec<(String, String, bool)>, String> {
        let mut out = Vec::new();
        for ty in self.space.iter_types() {
            let TypeDetails::Struct(details) = ty.details() else {
                continue;
            };
            for prop in details.properties_info() {
                let field = self.rust_type(&prop.type_id)?;
                let optional = match field.shape {
                    Shape::Bool => false,
                    Shape::Option(inner) if matches!(inner.shape, Shape::Bool) => true,
                    _ => continue,
                };
                out.push((ty.name(), prop.name.to_owned(), optional));
            }
        }
        Ok(out)
    }

    /// Crates the types need.
    pub fn crates(&self) -> TypeCrates {
        TypeCrates {
            chrono: self.space.uses_chrono(),
            uuid: self.space.uses_uuid(),
            regress: self.space.uses_regress(),
        }
    }
}

/// Gives the field `field` of `struct type_name` the runtime's lenient boolean decoder.
fn lenient_boolean(
    file: &mut syn::File,
    type_name: &str,
    field: &str,
    optional: bool,
) -> Result<(), String> {
    let target = file.items.iter_mut().find_map(|item| match item {
        syn::Item::Struct(item) if item.ident == type_name => item
            .fields
            .iter_mut()
            .find(|f| f.ident.as_ref().is_some_and(|i| i == field)),
        _ => None,
    });
    let target = target.ok_or_else(|| format!("no field `{field}` in the type `{type_name}`"))?;
    let attribute: syn::Attribute = if optional {
        let has_default = target.attrs.iter().any(serde_default);
        let default = (!has_default).then(|| quote::quote!(default,));
        syn::parse_quote!(#[serde(#default deserialize_with = "crate::runtime::forms::optional_boolean")])
    } else {
        syn::parse_quote!(#[serde(deserialize_with = "crate::runtime::forms::boolean")])
    };
    target.attrs.push(attribute);
    Ok(())
}

/// Whether an attribute is `#[serde(…)]` with a `default` in it.
fn serde_default(attribute: &syn::Attribute) -> bool {
    let mut found = false;
    if attribute.path().is_ident("serde") {
        let _ = attribute.parse_nested_meta(|meta| {
            found |= meta.path.is_ident("default");
            if meta.input.peek(syn::Token![=]) {
                meta.value()?.parse::<syn::Expr>()?;
            }
            Ok(())
        });
    }
    found
}

/// The shape of one of typify's built-in types, by the name typify declares it with.
fn builtin_shape(name: &str) -> Shape {
    match name {
        "i8" | "i16" | "i32" | "i64" | "i128" => Shape::Integer { signed: true },
        "u8" | "u16" | "u32" | "u64" | "u128" => Shape::Integer { signed: false },
        "::std::num::NonZeroU8"
        | "::std::num::NonZeroU16"
        | "::std::num::NonZeroU32"
        | "::std::num::NonZeroU64"
        | "::std::num::NonZeroU128" => Shape::NonZero,
        "f32" | "f64" => Shape::Float,
        "bool" => Shape::Bool,
        _ => Shape::Other,
    }
}

thread_local! {
    /// Whether this thread is inside [`quietly`], so the panic hook stays silent for it.
    static QUIET: Cell<bool> = const { Cell::new(false) };
}

/// Installs, once per process, a panic hook that defers to the previous one except on threads
/// inside [`quietly`]. The hook is never swapped back and forth, so parallel callers cannot race.
fn install_quiet_hook() {
    static INSTALL: Once = Once::new();
    INSTALL.call_once(|| {
        let previous = panic::take_hook();
        panic::set_hook(Box::new(move |info| {
            if !QUIET.with(Cell::get) {
                previous(info);
            }
        }));
    });
}

/// Runs `f`, turning a panic of the engine into its message without printing it.
pub(crate) fn quietly<T>(f: impl FnOnce() -> T) -> Result<T, String> {
    install_quiet_hook();
    let was_quiet = QUIET.with(|quiet| quiet.replace(true));
    let result = panic::catch_unwind(AssertUnwindSafe(f));
    QUIET.with(|quiet| quiet.set(was_quiet));
    result.map_err(|payload| {
        payload
            .downcast_ref::<&str>()
            .map(|s| (*s).to_owned())
            .or_else(|| payload.downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "unknown failure".to_owned())
    })
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
    fn parallel_quiet_runs_leave_other_threads_heard() {
        let threads: Vec<_> = (0..8)
            .map(|_| std::thread::spawn(|| quietly(|| -> u8 { panic!("quiet") })))
            .collect();
        for thread in threads {
            assert_eq!(thread.join().unwrap(), Err("quiet".to_owned()));
        }
        assert!(!QUIET.with(Cell::get));
    }

    #[test]
    fn shapes_come_from_type_details() {
        let schema =
            |json: serde_json::Value| -> JsonSchema { serde_json::from_value(json).unwrap() };
        let task = ComponentSchema {
            name: "Task".to_owned(),
            schema: schema(serde_json::json!({
                "type": "object",
                "required": ["id"],
                "properties": {"id": {"type": "integer", "format": "int64"}, "name": {"type": "string"}}
            })),
        };
        let mut types = Types::new(&[task]).unwrap();
        let list = schema(
            serde_json::json!({"type": "array", "items": {"$ref": "#/components/schemas/Task"}}),
        );
        let id = types.add(&list, "list-response").unwrap();
        let Shape::Vec(item) = types.rust_type(&id).unwrap().shape else {
            panic!("not a Vec")
        };
        assert!(matches!(item.shape, Shape::Named));
        let task = schema(serde_json::json!({"$ref": "#/components/schemas/Task"}));
        let task = types.add(&task, "x").unwrap();
        let fields = types.fields(&task).unwrap().unwrap();
        assert!(
            matches!(fields[0].value.shape, Shape::Integer { signed: true }) && fields[0].required
        );
        assert!(matches!(fields[1].value.shape, Shape::String) && fields[1].is_option);
    }
}
