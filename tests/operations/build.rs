//! Generates the declarations of every operation of the descriptions in `tests/contract/` with
//! twilio-endpoint-codegen, and for each a minimal and a full request with what each must put
//! on the wire (`codegen/src/cases.rs`), into `$OUT_DIR/operations.rs`.

use std::fmt::Write as _;
use std::path::Path;
use std::{env, fs};

use twilio_endpoint_codegen::{cases, generate_all, render, Spec};

fn main() {
    let contract = Path::new(&env::var("CARGO_MANIFEST_DIR").unwrap()).join("../contract");
    println!("cargo:rerun-if-changed={}", contract.display());
    let mut files: Vec<_> = fs::read_dir(&contract)
        .unwrap()
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    files.sort();
    let mut out = String::new();
    let mut table = String::from("/// Every description, with its operations and cases.\npub const DESCRIPTIONS: &[crate::Description] = &[\n");
    let mut failures = Vec::new();
    for file in &files {
        let name = file.file_stem().unwrap().to_str().unwrap().to_string();
        let source = file.file_name().unwrap().to_str().unwrap().to_string();
        let text = fs::read_to_string(file).unwrap();
        let spec = Spec::from_json(&text).unwrap_or_else(|e| panic!("{source}: {e}"));
        let total = twilio_endpoint_codegen::generate::operations(&spec).len();
        let (modules, refused) = generate_all(&spec);
        let _ = writeln!(out, "pub mod {name} {{");
        let mut module_names = Vec::new();
        for (module_name, module) in &modules {
            let declared = render::render_module(module, &source)
                .unwrap_or_else(|e| panic!("{source} {module_name}: {e}"));
            let (cases, errors) = cases::cases(&spec, module);
            failures.extend(errors.into_iter().map(|e| format!("{source}: {e}")));
            let _ = writeln!(
                out,
                "pub mod {module_name} {{\n{declared}\n{}\n}}",
                cases::render_cases(&cases)
            );
            module_names.push(module_name.clone());
        }
        let calls: Vec<String> = module_names
            .iter()
            .map(|m| format!("{m}::cases()"))
            .collect();
        let _ = writeln!(
            out,
            "pub fn cases() -> Vec<crate::Case> {{\n    let all: Vec<Vec<crate::Case>> = vec![{}];\n    all.into_iter().flatten().collect()\n}}\n}}",
            calls.join(", ")
        );
        let refused: Vec<String> = refused
            .iter()
            .map(|e| format!("({:?}, {:?})", e.operation, e.message))
            .collect();
        let _ = writeln!(
            table,
            "    crate::Description {{ file: {source:?}, operations: {total}, cases: {name}::cases, refused: &[{}] }},",
            refused.join(", ")
        );
    }
    if !failures.is_empty() {
        panic!("cases could not be written:\n{}", failures.join("\n"));
    }
    table.push_str("];\n");
    out.push_str(&table);
    let dest = Path::new(&env::var("OUT_DIR").unwrap()).join("operations.rs");
    fs::write(dest, out).unwrap();
}
