//! Every misuse of `#[twilio_endpoint]` gives one clear compile error on the offending token.
//!
//! Each case under `ui/` is a small user crate; its `.stderr` is the reviewed error a user sees.
//! After a change to the macro, `TRYBUILD=overwrite cargo test -p twilio-endpoint-tests --test ui`
//! rewrites them, and the diff is reviewed like code.

/// The folders of compile-fail cases, one per theme.
const THEMES: [&str; 7] = [
    "attribute",
    "item",
    "template",
    "fields",
    "builder",
    "usage",
    "bodies",
];

#[test]
fn ui() {
    let t = trybuild::TestCases::new();
    t.pass("ui/pass/*.rs");
    for theme in THEMES {
        t.compile_fail(format!("ui/{theme}/*.rs"));
    }
}
