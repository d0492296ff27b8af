// The expansion of `UpdatePayments` (runtime/src/payments.rs), pretty-printed.
// Regenerate: SNAPSHOTS=overwrite cargo test -p twilio-endpoint-macros snapshot

/// Captures one piece of payment information, or completes or cancels the session (Twilio's
/// `UpdatePayments`, answers 202).
///
/// ```
/// use twilio_endpoint::payments::{Capture, UpdatePayments};
///
/// let request = UpdatePayments::builder()
///     .call_sid("CAaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa")
///     .sid("PKaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa")
///     .idempotency_key("k1")
///     .status_callback("https://example.com/cb")
///     .capture(Capture::PaymentCardNumber)
///     .build();
/// let encoded = request.encode("ACaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa")?;
/// assert_eq!(
///     encoded.body.as_deref(),
///     Some("IdempotencyKey=k1&StatusCallback=https%3A%2F%2Fexample.com%2Fcb&Capture=payment-card-number")
/// );
/// # use twilio_endpoint::Endpoint as _;
/// # Ok::<(), twilio_endpoint::Error>(())
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct UpdatePayments {
    /// The account that will update the resource (`AC…`); left empty, the client's account.
    pub account_sid: String,
    /// The call the session was created on (`CA…`).
    pub call_sid: String,
    /// The Payments session to update (`PK…`).
    pub sid: String,
    /// A unique token so that repeated calls with the same information make one transaction.
    pub idempotency_key: String,
    /// The URL that receives status updates of the Pay session: absolute, as Twilio's
    /// description (`format: uri`) asks.
    pub status_callback: String,
    /// The piece of payment information the caller is asked to enter next.
    pub capture: Option<Capture>,
    /// Completes or cancels the session.
    pub status: Option<PaymentStatus>,
}
///Builds a [`UpdatePayments`]. Made by [`UpdatePayments::builder`]; each required Twilio parameter has a type parameter that its setter turns from `Unset` to `Set`, so that `build()` compiles only once all of them are given, and each of them is given once.
#[must_use = "a builder does nothing until `.build()` is called"]
pub struct UpdatePaymentsBuilder<
    __S0 = ::twilio_endpoint::__private::Unset,
    __S1 = ::twilio_endpoint::__private::Unset,
    __S2 = ::twilio_endpoint::__private::Unset,
    __S3 = ::twilio_endpoint::__private::Unset,
> {
    account_sid: String,
    call_sid: __S0,
    sid: __S1,
    idempotency_key: __S2,
    status_callback: __S3,
    capture: Option<Capture>,
    status: Option<PaymentStatus>,
}
const _: () = {
    #[diagnostic::on_unimplemented(
        message = "`UpdatePayments` is missing its required Twilio parameter `CallSid`",
        label = "`CallSid` is not set",
        note = "set it with `.call_sid(…)` before `.build()`"
    )]
    #[allow(non_camel_case_types)]
    #[doc(hidden)]
    pub trait UpdatePayments_call_sid_is_set {
        fn __value(self) -> String;
    }
    #[automatically_derived]
    impl UpdatePayments_call_sid_is_set for ::twilio_endpoint::__private::Set<String> {
        fn __value(self) -> String {
            self.0
        }
    }
    #[diagnostic::on_unimplemented(
        message = "`CallSid` is already set",
        label = "`CallSid` was given by an earlier `.call_sid(…)`",
        note = "each parameter is set once: remove one of the two `.call_sid(…)` calls"
    )]
    #[allow(non_camel_case_types)]
    #[doc(hidden)]
    pub trait UpdatePayments_call_sid_is_not_set {}
    #[automatically_derived]
    impl UpdatePayments_call_sid_is_not_set for ::twilio_endpoint::__private::Unset {}
    #[diagnostic::on_unimplemented(
        message = "`UpdatePayments` is missing its required Twilio parameter `Sid`",
        label = "`Sid` is not set",
        note = "set it with `.sid(…)` before `.build()`"
    )]
    #[allow(non_camel_case_types)]
    #[doc(hidden)]
    pub trait UpdatePayments_sid_is_set {
        fn __value(self) -> String;
    }
    #[automatically_derived]
    impl UpdatePayments_sid_is_set for ::twilio_endpoint::__private::Set<String> {
        fn __value(self) -> String {
            self.0
        }
    }
    #[diagnostic::on_unimplemented(
        message = "`Sid` is already set",
        label = "`Sid` was given by an earlier `.sid(…)`",
        note = "each parameter is set once: remove one of the two `.sid(…)` calls"
    )]
    #[allow(non_camel_case_types)]
    #[doc(hidden)]
    pub trait UpdatePayments_sid_is_not_set {}
    #[automatically_derived]
    impl UpdatePayments_sid_is_not_set for ::twilio_endpoint::__private::Unset {}
    #[diagnostic::on_unimplemented(
        message = "`UpdatePayments` is missing its required Twilio parameter `IdempotencyKey`",
        label = "`IdempotencyKey` is not set",
        note = "set it with `.idempotency_key(…)` before `.build()`"
    )]
    #[allow(non_camel_case_types)]
    #[doc(hidden)]
    pub trait UpdatePayments_idempotency_key_is_set {
        fn __value(self) -> String;
    }
    #[automatically_derived]
    impl UpdatePayments_idempotency_key_is_set
    for ::twilio_endpoint::__private::Set<String> {
        fn __value(self) -> String {
            self.0
        }
    }
    #[diagnostic::on_unimplemented(
        message = "`IdempotencyKey` is already set",
        label = "`IdempotencyKey` was given by an earlier `.idempotency_key(…)`",
        note = "each parameter is set once: remove one of the two `.idempotency_key(…)` calls"
    )]
    #[allow(non_camel_case_types)]
    #[doc(hidden)]
    pub trait UpdatePayments_idempotency_key_is_not_set {}
    #[automatically_derived]
    impl UpdatePayments_idempotency_key_is_not_set
    for ::twilio_endpoint::__private::Unset {}
    #[diagnostic::on_unimplemented(
        message = "`UpdatePayments` is missing its required Twilio parameter `StatusCallback`",
        label = "`StatusCallback` is not set",
        note = "set it with `.status_callback(…)` before `.build()`"
    )]
    #[allow(non_camel_case_types)]
    #[doc(hidden)]
    pub trait UpdatePayments_status_callback_is_set {
        fn __value(self) -> String;
    }
    #[automatically_derived]
    impl UpdatePayments_status_callback_is_set
    for ::twilio_endpoint::__private::Set<String> {
        fn __value(self) -> String {
            self.0
        }
    }
    #[diagnostic::on_unimplemented(
        message = "`StatusCallback` is already set",
        label = "`StatusCallback` was given by an earlier `.status_callback(…)`",
        note = "each parameter is set once: remove one of the two `.status_callback(…)` calls"
    )]
    #[allow(non_camel_case_types)]
    #[doc(hidden)]
    pub trait UpdatePayments_status_callback_is_not_set {}
    #[automatically_derived]
    impl UpdatePayments_status_callback_is_not_set
    for ::twilio_endpoint::__private::Unset {}
    #[automatically_derived]
    impl UpdatePaymentsBuilder {
        fn __new() -> Self {
            UpdatePaymentsBuilder {
                account_sid: ::core::default::Default::default(),
                call_sid: ::twilio_endpoint::__private::Unset,
                sid: ::twilio_endpoint::__private::Unset,
                idempotency_key: ::twilio_endpoint::__private::Unset,
                status_callback: ::twilio_endpoint::__private::Unset,
                capture: ::core::default::Default::default(),
                status: ::core::default::Default::default(),
            }
        }
    }
    #[automatically_derived]
    impl<__S0, __S1, __S2, __S3> UpdatePaymentsBuilder<__S0, __S1, __S2, __S3> {
        /// The account that will update the resource (`AC…`); left empty, the client's account.
        ///
        ///Sets `AccountSid`.
        pub fn account_sid(mut self, value: impl ::core::convert::Into<String>) -> Self {
            self.account_sid = value.into();
            self
        }
        /// The call the session was created on (`CA…`).
        ///
        ///Sets `CallSid` (required, once).
        pub fn call_sid(
            self,
            value: impl ::core::convert::Into<String>,
        ) -> UpdatePaymentsBuilder<
            ::twilio_endpoint::__private::Set<String>,
            __S1,
            __S2,
            __S3,
        >
        where
            __S0: UpdatePayments_call_sid_is_not_set,
        {
            UpdatePaymentsBuilder {
                call_sid: ::twilio_endpoint::__private::Set(value.into()),
                account_sid: self.account_sid,
                sid: self.sid,
                idempotency_key: self.idempotency_key,
                status_callback: self.status_callback,
                capture: self.capture,
                status: self.status,
            }
        }
        /// The Payments session to update (`PK…`).
        ///
        ///Sets `Sid` (required, once).
        pub fn sid(
            self,
            value: impl ::core::convert::Into<String>,
        ) -> UpdatePaymentsBuilder<
            __S0,
            ::twilio_endpoint::__private::Set<String>,
            __S2,
            __S3,
        >
        where
            __S1: UpdatePayments_sid_is_not_set,
        {
            UpdatePaymentsBuilder {
                sid: ::twilio_endpoint::__private::Set(value.into()),
                account_sid: self.account_sid,
                call_sid: self.call_sid,
                idempotency_key: self.idempotency_key,
                status_callback: self.status_callback,
                capture: self.capture,
                status: self.status,
            }
        }
        /// A unique token so that repeated calls with the same information make one transaction.
        ///
        ///Sets `IdempotencyKey` (required, once).
        pub fn idempotency_key(
            self,
            value: impl ::core::convert::Into<String>,
        ) -> UpdatePaymentsBuilder<
            __S0,
            __S1,
            ::twilio_endpoint::__private::Set<String>,
            __S3,
        >
        where
            __S2: UpdatePayments_idempotency_key_is_not_set,
        {
            UpdatePaymentsBuilder {
                idempotency_key: ::twilio_endpoint::__private::Set(value.into()),
                account_sid: self.account_sid,
                call_sid: self.call_sid,
                sid: self.sid,
                status_callback: self.status_callback,
                capture: self.capture,
                status: self.status,
            }
        }
        /// The URL that receives status updates of the Pay session: absolute, as Twilio's
        /// description (`format: uri`) asks.
        ///
        ///Sets `StatusCallback` (required, once).
        pub fn status_callback(
            self,
            value: impl ::core::convert::Into<String>,
        ) -> UpdatePaymentsBuilder<
            __S0,
            __S1,
            __S2,
            ::twilio_endpoint::__private::Set<String>,
        >
        where
            __S3: UpdatePayments_status_callback_is_not_set,
        {
            UpdatePaymentsBuilder {
                status_callback: ::twilio_endpoint::__private::Set(value.into()),
                account_sid: self.account_sid,
                call_sid: self.call_sid,
                sid: self.sid,
                idempotency_key: self.idempotency_key,
                capture: self.capture,
                status: self.status,
            }
        }
        /// The piece of payment information the caller is asked to enter next.
        ///
        ///Sets `Capture`.
        pub fn capture(mut self, value: Capture) -> Self {
            self.capture = ::core::option::Option::Some(value);
            self
        }
        /// Completes or cancels the session.
        ///
        ///Sets `Status`.
        pub fn status(mut self, value: PaymentStatus) -> Self {
            self.status = ::core::option::Option::Some(value);
            self
        }
        /// Builds the request.
        pub fn build(self) -> UpdatePayments
        where
            __S0: UpdatePayments_call_sid_is_set,
            __S1: UpdatePayments_sid_is_set,
            __S2: UpdatePayments_idempotency_key_is_set,
            __S3: UpdatePayments_status_callback_is_set,
        {
            UpdatePayments {
                account_sid: self.account_sid,
                call_sid: UpdatePayments_call_sid_is_set::__value(self.call_sid),
                sid: UpdatePayments_sid_is_set::__value(self.sid),
                idempotency_key: UpdatePayments_idempotency_key_is_set::__value(
                    self.idempotency_key,
                ),
                status_callback: UpdatePayments_status_callback_is_set::__value(
                    self.status_callback,
                ),
                capture: self.capture,
                status: self.status,
            }
        }
    }
};
const _: () = {
    #[automatically_derived]
    impl ::twilio_endpoint::__private::Endpoint for UpdatePayments {
        type Response = Payment;
        const METHOD: ::twilio_endpoint::__private::Method = ::twilio_endpoint::__private::Method::POST;
        const PATH_TEMPLATE: &'static str = "/2010-04-01/Accounts/<AccountSid>/Calls/<CallSid>/Payments/<Sid>.json";
        const HOST: &'static str = "api";
        const IDEMPOTENCY_KEY: bool = true;
        const PARAMETERS: &'static [::twilio_endpoint::__private::Parameter] = &[
            ::twilio_endpoint::__private::Parameter::__new(
                "AccountSid",
                "AccountSid",
                ::twilio_endpoint::__private::Location::Path,
                true,
                &["AC"],
                false,
                true,
            ),
            ::twilio_endpoint::__private::Parameter::__new(
                "CallSid",
                "CallSid",
                ::twilio_endpoint::__private::Location::Path,
                true,
                &["CA"],
                false,
                false,
            ),
            ::twilio_endpoint::__private::Parameter::__new(
                "Sid",
                "Sid",
                ::twilio_endpoint::__private::Location::Path,
                true,
                &["PK"],
                false,
                false,
            ),
            ::twilio_endpoint::__private::Parameter::__new(
                "IdempotencyKey",
                "IdempotencyKey",
                ::twilio_endpoint::__private::Location::Form,
                true,
                &[],
                false,
                false,
            ),
            ::twilio_endpoint::__private::Parameter::__new(
                "StatusCallback",
                "StatusCallback",
                ::twilio_endpoint::__private::Location::Form,
                true,
                &[],
                true,
                false,
            ),
            ::twilio_endpoint::__private::Parameter::__new(
                "Capture",
                "Capture",
                ::twilio_endpoint::__private::Location::Form,
                false,
                &[],
                false,
                false,
            ),
            ::twilio_endpoint::__private::Parameter::__new(
                "Status",
                "Status",
                ::twilio_endpoint::__private::Location::Form,
                false,
                &[],
                false,
                false,
            ),
        ];
        fn write_request(
            &self,
            __writer: &mut ::twilio_endpoint::__private::RequestWriter<'_>,
        ) {
            __writer.path_literal("/2010-04-01/Accounts/");
            __writer
                .path_value(
                    &Self::PARAMETERS[0usize],
                    &<String as ::twilio_endpoint::__private::PathValue>::path_value(
                        &self.account_sid,
                    ),
                );
            __writer.path_literal("/Calls/");
            __writer
                .path_value(
                    &Self::PARAMETERS[1usize],
                    &<String as ::twilio_endpoint::__private::PathValue>::path_value(
                        &self.call_sid,
                    ),
                );
            __writer.path_literal("/Payments/");
            __writer
                .path_value(
                    &Self::PARAMETERS[2usize],
                    &<String as ::twilio_endpoint::__private::PathValue>::path_value(
                        &self.sid,
                    ),
                );
            __writer.path_literal(".json");
            <String as ::twilio_endpoint::__private::FieldValue>::write(
                &self.idempotency_key,
                __writer,
                &Self::PARAMETERS[3usize],
            );
            <String as ::twilio_endpoint::__private::FieldValue>::write(
                &self.status_callback,
                __writer,
                &Self::PARAMETERS[4usize],
            );
            <Capture as ::twilio_endpoint::__private::FieldValue>::write_option(
                &self.capture,
                __writer,
                &Self::PARAMETERS[5usize],
            );
            <PaymentStatus as ::twilio_endpoint::__private::FieldValue>::write_option(
                &self.status,
                __writer,
                &Self::PARAMETERS[6usize],
            );
        }
    }
    #[automatically_derived]
    impl UpdatePayments {
        ///Starts a [`UpdatePaymentsBuilder`]: required parameters must be set before `build()` compiles.
        pub fn builder() -> UpdatePaymentsBuilder {
            UpdatePaymentsBuilder::__new()
        }
        ///Validates this request and sends it as `POST /2010-04-01/Accounts/<AccountSid>/Calls/<CallSid>/Payments/<Sid>.json`, decoding the answer.
        ///
        /// Every problem with the values is reported at once, before any I/O.
        pub async fn send(
            &self,
            client: &::twilio_endpoint::__private::Client,
        ) -> ::core::result::Result<
            <Self as ::twilio_endpoint::__private::Endpoint>::Response,
            ::twilio_endpoint::__private::Error,
        > {
            client.send(self).await
        }
    }
};
