//! Collects every error of a declaration so that they are reported together.

use proc_macro2::TokenStream;
use quote::ToTokens;
use std::fmt::Display;

/// Every error found so far, each spanned on its token.
pub struct Errors {
    errors: Vec<syn::Error>,
    attribute: proc_macro2::Span,
}

impl Default for Errors {
    fn default() -> Self {
        Errors {
            errors: Vec::new(),
            attribute: proc_macro2::Span::call_site(),
        }
    }
}

impl Errors {
    /// Errors whose [`Errors::on_attribute`] points at the attribute at `span`'s hygiene: a span
    /// of the user's, so that rustc does not add "this error originates in the attribute macro".
    pub fn new(user_span: proc_macro2::Span) -> Self {
        Errors {
            errors: Vec::new(),
            attribute: proc_macro2::Span::call_site().resolved_at(user_span),
        }
    }

    /// Records an error on the whole `#[twilio_endpoint(...)]` attribute, for what is missing.
    pub fn on_attribute(&mut self, message: impl Display) {
        self.errors.push(syn::Error::new(self.attribute, message));
    }

    /// Records an error on `tokens`.
    pub fn spanned(&mut self, tokens: impl ToTokens, message: impl Display) {
        self.errors.push(syn::Error::new_spanned(tokens, message));
    }

    /// Records an error at `span`.
    pub fn at(&mut self, span: proc_macro2::Span, message: impl Display) {
        self.errors.push(syn::Error::new(span, message));
    }

    /// Records a parse error as it is.
    pub fn push(&mut self, error: syn::Error) {
        self.errors.push(error);
    }

    /// Whether no error was found.
    pub fn is_empty(&self) -> bool {
        self.errors.is_empty()
    }

    /// The errors as `compile_error!` invocations.
    pub fn to_compile_errors(&self) -> TokenStream {
        self.errors
            .iter()
            .map(syn::Error::to_compile_error)
            .collect()
    }

    /// The messages: for unit tests, and for the generator's `--check`, which reports them.
    #[cfg_attr(not(test), allow(dead_code))]
    pub fn messages(&self) -> Vec<String> {
        self.errors.iter().map(ToString::to_string).collect()
    }
}
