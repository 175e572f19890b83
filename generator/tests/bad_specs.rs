//! A corpus of bad specs, each with the exact message it must produce. None may panic, and a
//! failed generation must leave the output folder byte-identical (see `output_is_untouched`).

use std::path::Path;

const SPEC: &str = include_str!("../../spec/timetrack.yaml");

/// The message for spec text `source` (named `spec.yaml`).
fn message(source: &str) -> String {
    match generator::generate_str(Path::new("spec.yaml"), source, "spec.yaml") {
        Ok(_) => panic!("the spec was accepted"),
        Err(err) => err.to_string(),
    }
}

/// The project's spec with `from` replaced by `to` (which must occur).
fn edited(from: &str, to: &str) -> String {
    assert!(SPEC.contains(from), "the spec has no {from:?}");
    SPEC.replacen(from, to, 1)
}

fn line_of(needle: &str) -> usize {
    SPEC.lines()
        .position(|l| l.contains(needle))
        .expect("needle is in the spec")
        + 1
}

#[test]
fn missing_file() {
    let err = generator::generate(Path::new("/nonexistent/spec.yaml"), "x").unwrap_err();
    assert_eq!(
        err.to_string(),
        "/nonexistent/spec.yaml: cannot read the spec: No such file or directory (os error 2)"
    );
}

#[test]
fn empty_file() {
    assert_eq!(
        message("\n# only a comment\n"),
        "spec.yaml: the spec has 1 problem to fix before a client can be generated:\n  spec.yaml: the file is empty; expected an OpenAPI 3.0.x document"
    );
}

#[test]
fn yaml_syntax_error() {
    assert_eq!(
        message("openapi: 3.0.3\ninfo:\n  title: [x\n"),
        "spec.yaml: the spec has 1 problem to fix before a client can be generated:\n  spec.yaml:4:1: not valid YAML: did not find expected ',' or ']', while parsing a flow sequence at line 3 column 10"
    );
}

#[test]
fn not_an_openapi_document() {
    assert_eq!(
        message("title: shopping list\nitems: [milk]\n"),
        "spec.yaml: the spec has 1 problem to fix before a client can be generated:\n  spec.yaml: not an OpenAPI document: the top-level `openapi` field is missing (add `openapi: 3.0.3`)"
    );
}

#[test]
fn openapi_3_2_says_which_versions_are_supported() {
    assert_eq!(
        message(&edited("openapi: 3.0.3", "openapi: 3.2.0")),
        "spec.yaml: the spec has 1 problem to fix before a client can be generated:\n  spec.yaml: at `openapi`: version \"3.2.0\" is not supported; only OpenAPI 3.0.x and 3.1.x are (write `openapi: 3.0.3` or `3.1.1`)"
    );
}

#[test]
fn a_3_1_keyword_without_a_3_0_form_is_a_problem_at_the_keyword() {
    let source = edited("openapi: 3.0.3", "openapi: 3.1.0").replacen(
        "\n  schemas:\n",
        "\n  schemas:\n    Pair: {type: array, prefixItems: [{type: string}, {type: integer}]}\n",
        1,
    );
    assert!(source.contains("Pair"));
    let text = message(&source);
    assert!(
        text.contains("at `components.schemas.Pair.prefixItems`: `prefixItems` (JSON Schema 2020-12) has no OpenAPI 3.0 form"),
        "{text}"
    );
}

#[test]
fn swagger_2_says_which_version_is_supported() {
    assert_eq!(
        message("swagger: \"2.0\"\ninfo: {title: x, version: \"1\"}\npaths: {}\n"),
        "spec.yaml: the spec has 1 problem to fix before a client can be generated:\n  spec.yaml: this is a Swagger 2.0 document; only OpenAPI 3.0.x and 3.1.x are (convert it to 3.0.3)"
    );
}

#[test]
fn wrong_type_for_a_known_field_has_its_line() {
    let text = message(&edited("  title: TimeTrack", "  title: [TimeTrack]"));
    assert_eq!(
        text,
        "spec.yaml: the spec has 1 problem to fix before a client can be generated:\n  spec.yaml:3:10: not a valid OpenAPI 3.0 document: info.title: invalid type: sequence, expected a string"
    );
}

#[test]
fn wrong_type_inside_paths_names_the_path() {
    // openapiv3 reads path items through an untagged enum, where serde_yaml loses the place;
    // the loader narrows it down to the operation.
    let text = message(&edited(
        "      operationId: read_task",
        "      operationId: [read_task]",
    ));
    let line = line_of("operationId: read_task") - 1;
    assert_eq!(
        text,
        format!(
            "spec.yaml: the spec has 1 problem to fix before a client can be generated:\n  spec.yaml:{line}:5: at `paths./tasks/{{id}}.get`: not a valid OpenAPI 3.0 document: invalid type: sequence, expected a string"
        )
    );
}

#[test]
fn duplicate_operation_id() {
    let text = message(&edited(
        "operationId: delete_task",
        "operationId: read_task",
    ));
    let line = line_of("operationId: delete_task");
    assert_eq!(
        text,
        format!(
            "spec.yaml: the spec has 1 problem to fix before a client can be generated:\n  spec.yaml:{line}:7: at `paths./tasks/{{id}}.delete.operationId`: the operationId `read_task` is also used at `paths./tasks/{{id}}.get`; operationIds must be unique"
        )
    );
}

#[test]
fn operation_ids_that_collide_as_rust_names() {
    let text = message(&edited("operationId: delete_task", "operationId: readTask"));
    assert!(
        text.contains("at `paths./tasks/{id}.delete.operationId`: the operationIds `read_task` and `readTask` both become the Rust method `read_task`; rename one"),
        "{text}"
    );
}

#[test]
fn ref_to_a_missing_schema() {
    let text = message(&edited(
        "$ref: \"#/components/schemas/TaskUpdate\"",
        "$ref: \"#/components/schemas/TaskChange\"",
    ));
    assert_eq!(
        text,
        format!(
            "spec.yaml: the spec has 1 problem to fix before a client can be generated:\n  spec.yaml:{}:15: at `paths./tasks/{{id}}.put.requestBody.content.application/json.schema.$ref`: `$ref: #/components/schemas/TaskChange` points at nothing; define it or fix the reference",
            line_of("$ref: \"#/components/schemas/TaskUpdate\"")
        )
    );
}

#[test]
fn path_template_without_its_parameter() {
    let text = message(&edited("  /tasks/{id}:\n", "  /tasks/{id}/{part}:\n"));
    assert!(
        text.contains("the path has `{part}` but the operation declares no path parameter `part`; add it under `parameters` with `in: path, required: true`"),
        "{text}"
    );
    assert_eq!(
        text.matches("declares no path parameter `part`").count(),
        3,
        "one per operation: {text}"
    );
}

#[test]
fn path_parameter_missing_from_the_template() {
    let text = message(&edited("  /tasks/{id}:\n", "  /tasks/{key}:\n"));
    assert!(text.contains("at `paths./tasks/{key}.get`: the path has `{key}` but the operation declares no path parameter `key`"), "{text}");
    assert!(text.contains("at `paths./tasks/{key}.get`: the path parameter `id` does not appear in the path `/tasks/{key}`; add `{id}` to the path or remove the parameter"), "{text}");
}

#[test]
fn open_id_connect_and_digest_cannot_become_credentials() {
    let text = message(&edited(
        "    apiSecret:\n      type: apiKey\n      in: header\n      name: X-TimeTrack-Api-Secret\n",
        "    apiSecret:\n      type: openIdConnect\n      openIdConnectUrl: https://example.com/.well-known/openid-configuration\n",
    ));
    assert!(
        text.contains("at `components.securitySchemes.apiSecret`: security schemes of type `openIdConnect` are not supported; the generator turns `apiKey` (in a header), `http` (`basic` or `bearer`) and `oauth2` (its access token) into credentials"),
        "{text}"
    );
    let text = message(&edited(
        "    apiSecret:\n      type: apiKey\n      in: header\n      name: X-TimeTrack-Api-Secret\n",
        "    apiSecret:\n      type: http\n      scheme: digest\n",
    ));
    assert!(
        text.contains("at `components.securitySchemes.apiSecret`: security schemes of type `http` with `scheme: digest` are not supported"),
        "{text}"
    );
}

#[test]
fn two_schemes_in_the_authorization_header() {
    let text = message(&edited(
        "    apiKey:\n      type: apiKey\n      in: header\n      name: X-TimeTrack-Api-Key\n",
        "    apiKey:\n      type: http\n      scheme: bearer\n",
    )
    .replacen(
        "    apiSecret:\n      type: apiKey\n      in: header\n      name: X-TimeTrack-Api-Secret\n",
        "    apiSecret:\n      type: http\n      scheme: basic\n",
        1,
    ));
    assert!(
        text.contains("at `components.securitySchemes.apiSecret`: the schemes `apiKey` and `apiSecret` are both sent in the `Authorization` header; a request carries one"),
        "{text}"
    );
}

#[test]
fn properties_that_collide_as_rust_names() {
    let text = message(&edited(
        "    TaskUpdate:\n      type: object\n      description: \"The params a task update may set: all params of task object except: name.\"\n      properties:\n",
        "    TaskUpdate:\n      type: object\n      description: \"The params a task update may set: all params of task object except: name.\"\n      properties:\n        hour_rate:\n          type: number\n",
    ));
    assert!(
        text.contains("at `paths./tasks/{id}.put`: `hour_rate` and `hourRate` both become the Rust name `hour_rate`; rename one"),
        "{text}"
    );
}

#[test]
fn every_problem_is_reported_in_one_run() {
    let source = edited("operationId: delete_task", "operationId: read_task").replacen(
        "$ref: \"#/components/schemas/TaskUpdate\"",
        "$ref: \"#/components/schemas/Nope\"",
        1,
    );
    let text = message(&source);
    assert!(text.contains("the spec has 2 problems"), "{text}");
    assert!(
        text.contains("points at nothing") && text.contains("must be unique"),
        "{text}"
    );
}

#[test]
fn output_is_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("client");
    std::fs::create_dir_all(out.join("src")).unwrap();
    std::fs::write(out.join("src/lib.rs"), "// before\n").unwrap();
    let spec = dir.path().join("spec.yaml");
    std::fs::write(
        &spec,
        edited("operationId: delete_task", "operationId: read_task"),
    )
    .unwrap();

    assert!(generator::generate(&spec, "spec.yaml").is_err());

    let entries: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(entries.len(), 2, "{entries:?}");
    assert_eq!(
        std::fs::read_to_string(out.join("src/lib.rs")).unwrap(),
        "// before\n"
    );
}

#[test]
fn schema_constraints_without_a_type() {
    let text = message(
        &edited("          format: int32\n", "          format: int32\n").replacen(
            "        status:\n          type: integer\n",
            "        status:\n",
            1,
        ),
    );
    assert!(
        text.contains("at `components.schemas.ErrorObject.properties.status`: the schema has `format` but no `type`; add the type it constrains (e.g. `type: integer`)"),
        "{text}"
    );
}

#[test]
fn unknown_schema_type() {
    let text = message(&edited(
        "        name:\n          type: string\n          description: Task name\n",
        "        name:\n          type: text\n          description: Task name\n",
    ));
    assert!(
        text.contains("at `components.schemas.Task.properties.name.type`: `type: text` is not an OpenAPI type; use one of string, number, integer, boolean, array, object"),
        "{text}"
    );
}

#[test]
fn refs_that_lead_back_to_themselves_outside_the_component_schemas() {
    let from = "      required: [id, name]\n      properties:\n        id:\n";
    let to = "      required: [id, name]\n      properties:\n        next:\n          $ref: \"#/components/schemas/Task/properties/next\"\n        id:\n";
    let text = message(&edited(from, to));
    let line = line_of("    Task:") + 6;
    assert!(
        text.contains(&format!(
            "spec.yaml:{line}:11: at `components.schemas.Task.properties.next.$ref`: the `$ref`s \
             #/components/schemas/Task/properties/next → #/components/schemas/Task/properties/next \
             lead back to where they start without passing a component schema"
        )),
        "{text}"
    );
}

#[test]
fn a_ref_to_something_that_is_not_a_schema() {
    let text = message(&edited(
        "          $ref: \"#/components/schemas/TaskUpdate\"\n",
        "          $ref: \"#/components/responses/Error/description\"\n",
    ));
    assert!(
        text.contains(".schema.$ref`: `$ref: #/components/responses/Error/description` does not point at a schema;"),
        "{text}"
    );
}

#[test]
fn an_integer_bound_that_is_not_a_whole_number() {
    let text = message(&edited(
        "          type: integer\n          format: int64\n        example: 1\n",
        "          type: integer\n          format: int64\n          multipleOf: 0.5\n        example: 1\n",
    ));
    assert!(
        text.contains(&format!(
            "spec.yaml:{}:11: at `paths./tasks/{{id}}.parameters[0].schema.multipleOf`: `multipleOf: 0.5` is not a whole number, but the schema is `type: integer`",
            line_of("          type: integer") + 2
        )),
        "{text}"
    );
}

#[test]
fn ref_of_the_wrong_kind() {
    let text = message(&edited(
        "        4XX:\n          $ref: \"#/components/responses/Error\"\n",
        "        4XX:\n          $ref: \"#/components/schemas/ErrorResponse\"\n",
    ));
    assert!(
        text.contains("at `paths./tasks.get.responses.4XX.$ref`: `$ref: #/components/schemas/ErrorResponse` must point into `#/components/responses/` here"),
        "{text}"
    );
}

#[test]
fn api_key_in_a_query_cannot_become_a_header_credential() {
    let text = message(&edited(
        "    apiKey:\n      type: apiKey\n      in: header\n",
        "    apiKey:\n      type: apiKey\n      in: query\n",
    ));
    assert!(
        text.contains("at `components.securitySchemes.apiKey`: an API key sent in the query is not supported; the generator turns only `in: header` keys into credentials"),
        "{text}"
    );
}

#[test]
fn schema_names_that_collide_as_rust_types() {
    let text = message(&edited(
        "    ErrorObject:\n",
        "    error_object:\n      type: object\n    ErrorObject:\n",
    ));
    // Two lines were inserted above `ErrorObject`, the second of the pair.
    let line = line_of("    ErrorObject:") + 2;
    assert_eq!(
        text,
        format!(
            "spec.yaml: the spec has 1 problem to fix before a client can be generated:\n  spec.yaml:{line}:5: at `components.schemas.ErrorObject`: the schemas `error_object` and `ErrorObject` both become the Rust type `ErrorObject`; rename one"
        )
    );
}

#[test]
fn header_params_that_the_client_or_the_credentials_send() {
    let text = message(&edited(
        "      parameters:\n        - name: name\n          in: query\n",
        "      parameters:\n        - name: X-TimeTrack-Api-Key\n          in: header\n          schema:\n            type: string\n        - name: User-Agent\n          in: header\n          schema:\n            type: string\n        - name: name\n          in: query\n",
    ));
    assert!(text.contains("at `paths./tasks.get`: the header param `X-TimeTrack-Api-Key` is a credential's header, which `Credentials` sends; remove the param"), "{text}");
    assert!(text.contains("at `paths./tasks.get`: the header param `User-Agent` is a header the client sets itself; remove the param"), "{text}");
}

#[test]
fn an_upgrade_that_also_answers_2xx() {
    let spec = "openapi: 3.0.3\ninfo: {title: T, version: \"1\"}\nservers: [{url: \"https://x.example\"}]\npaths:\n  /a:\n    get:\n      operationId: a\n      responses:\n        \"101\":\n          description: switched\n        \"200\":\n          description: ok\n";
    let text = message(spec);
    assert!(
        text.contains("at `paths./a.get.responses`: the operation answers both `101` (it upgrades the connection) and 2XX; the client returns one of them, so keep one"),
        "{text}"
    );
}

#[test]
fn an_upgrade_header_param_is_the_argument_of_upgrade() {
    let spec = "openapi: 3.0.3\ninfo: {title: T, version: \"1\"}\nservers: [{url: \"https://x.example\"}]\npaths:\n  /a:\n    get:\n      operationId: a\n      parameters:\n        - {name: Upgrade, in: header, required: true, schema: {type: string}}\n      responses:\n        \"101\":\n          description: switched\n";
    let text = message(spec);
    assert!(
        text.contains("at `paths./a.get`: the header param `Upgrade` is a header the client sets itself; remove the param"),
        "{text}"
    );
}

#[test]
fn a_cookie_param_needs_a_name_a_cookie_can_have() {
    let text = message(&edited(
        "        - name: name\n          in: query\n",
        "        - name: \"task name\"\n          in: cookie\n",
    ));
    assert!(
        text.contains("the cookie param `task name` cannot name a cookie (a cookie's name is letters, digits and"),
        "{text}"
    );
    assert!(
        text.contains(&format!("spec.yaml:{}:", line_of("        - name: name"))),
        "{text}"
    );
}
