//! The expansion of the bundled `UpdatePayments`, pretty-printed and checked in, so that a change
//! to the generated code shows up in review as a diff of `tests/expand/update_payments.rs`.
//!
//! After an intended change: `SNAPSHOTS=overwrite cargo test -p twilio-endpoint-macros snapshot`.

use std::path::Path;

use proc_macro2::TokenStream;
use quote::ToTokens;

const SNAPSHOT: &str = "tests/expand/update_payments.rs";

/// The attribute's arguments and the struct without the attribute, as the compiler hands them
/// to the macro.
fn declaration(source: &str, name: &str) -> (TokenStream, TokenStream) {
    let file = syn::parse_file(source).expect("payments.rs parses");
    let mut item = file
        .items
        .into_iter()
        .find_map(|item| match item {
            syn::Item::Struct(item) if item.ident == name => Some(item),
            _ => None,
        })
        .unwrap_or_else(|| panic!("payments.rs declares `{name}`"));
    let position = item
        .attrs
        .iter()
        .position(|attr| attr.path().is_ident("twilio_endpoint"))
        .unwrap_or_else(|| panic!("`{name}` has `#[twilio_endpoint]`"));
    let attr = item.attrs.remove(position);
    let args = attr
        .meta
        .require_list()
        .expect("`#[twilio_endpoint(...)]` has arguments")
        .tokens
        .clone();
    (args, item.into_token_stream())
}

/// The pretty-printed expansion of the bundled endpoint `name`.
fn expansion(name: &str) -> String {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let source = std::fs::read_to_string(root.join("../runtime/src/payments.rs"))
        .expect("runtime/src/payments.rs is readable");
    let (args, item) = declaration(&source, name);
    let expanded = crate::expand::expand(args, item);
    let expanded: syn::File = syn::parse2(expanded).expect("the expansion parses as items");
    prettyplease::unparse(&expanded)
}

/// The most lines the snapshot may have: a change that makes the generated code grow fails
/// here, and lowering the bound records a gain.
const MAX_UPDATE_PAYMENTS_LINES: usize = 245;

#[test]
fn expansion_sizes() {
    let update = expansion("UpdatePayments").lines().count();
    let create = expansion("CreatePayments").lines().count();
    println!("expansion lines: UpdatePayments {update}, CreatePayments {create}");
    assert!(
        update + 3 <= MAX_UPDATE_PAYMENTS_LINES,
        "UpdatePayments expands to {update} lines"
    );
}

#[test]
fn update_payments_expansion_matches_the_snapshot() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let actual = format!(
        "// The expansion of `UpdatePayments` (runtime/src/payments.rs), pretty-printed.\n\
         // Regenerate: SNAPSHOTS=overwrite cargo test -p twilio-endpoint-macros snapshot\n\n{}",
        expansion("UpdatePayments")
    );
    assert!(
        !actual.contains("compile_error"),
        "UpdatePayments expands with errors:\n{actual}"
    );
    let path = root.join(SNAPSHOT);
    if std::env::var_os("SNAPSHOTS").is_some_and(|v| v == "overwrite") {
        std::fs::write(&path, &actual).expect("the snapshot is writable");
        return;
    }
    let expected = std::fs::read_to_string(&path).unwrap_or_default();
    if expected != actual {
        let first_difference = expected
            .lines()
            .zip(actual.lines())
            .position(|(e, a)| e != a)
            .unwrap_or_else(|| expected.lines().count().min(actual.lines().count()));
        panic!(
            "the expansion of UpdatePayments differs from {SNAPSHOT} from line {}:\n\
             expected: {:?}\n  actual: {:?}\n\
             Review the change, then run with SNAPSHOTS=overwrite to accept it.",
            first_difference + 1,
            expected.lines().nth(first_difference),
            actual.lines().nth(first_difference),
        );
    }
}
