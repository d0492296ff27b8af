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
    /// The URL that receives the Pay session's status callbacks: absolute, or relative to the
    /// call's webhook URL (`/pay/status`), as Twilio documents.
    pub status_callback: String,
    /// The piece of payment information the caller is asked to enter next.
    pub capture: Option<Capture>,
    /// Completes or cancels the session.
    pub status: Option<PaymentStatus>,
}
///Builds a [`UpdatePayments`]: made by [`UpdatePayments::builder`], it has a setter per parameter, and `.build()` compiles once every required parameter is set, each once.
#[must_use = "a builder does nothing until `.build()` is called"]
pub struct UpdatePaymentsBuilder<
    S: update_payments_builder::State = update_payments_builder::Empty,
> {
    __state: ::core::marker::PhantomData<fn() -> S>,
    account_sid: String,
    call_sid: ::core::option::Option<String>,
    sid: ::core::option::Option<String>,
    idempotency_key: ::core::option::Option<String>,
    status_callback: ::core::option::Option<String>,
    capture: Option<Capture>,
    status: Option<PaymentStatus>,
}
///Which required parameters of a [`UpdatePaymentsBuilder`](super::UpdatePaymentsBuilder) are set: its type parameter.
pub mod update_payments_builder {
    use ::twilio_endpoint::__private as __tw;
    /// A builder's state: one associated type per required parameter.
    #[allow(missing_docs)]
    pub trait State {
        type CallSid;
        type Sid;
        type IdempotencyKey;
        type StatusCallback;
    }
    /// Nothing set yet.
    pub struct Empty;
    impl State for Empty {
        type CallSid = members::CallSid;
        type Sid = members::Sid;
        type IdempotencyKey = members::IdempotencyKey;
        type StatusCallback = members::StatusCallback;
    }
    ///`CallSid` set, on top of `S`.
    pub struct SetCallSid<S>(::core::marker::PhantomData<fn() -> S>);
    impl<S: State> State for SetCallSid<S> {
        type CallSid = __tw::Set<members::CallSid>;
        type Sid = S::Sid;
        type IdempotencyKey = S::IdempotencyKey;
        type StatusCallback = S::StatusCallback;
    }
    ///`Sid` set, on top of `S`.
    pub struct SetSid<S>(::core::marker::PhantomData<fn() -> S>);
    impl<S: State> State for SetSid<S> {
        type CallSid = S::CallSid;
        type Sid = __tw::Set<members::Sid>;
        type IdempotencyKey = S::IdempotencyKey;
        type StatusCallback = S::StatusCallback;
    }
    ///`IdempotencyKey` set, on top of `S`.
    pub struct SetIdempotencyKey<S>(::core::marker::PhantomData<fn() -> S>);
    impl<S: State> State for SetIdempotencyKey<S> {
        type CallSid = S::CallSid;
        type Sid = S::Sid;
        type IdempotencyKey = __tw::Set<members::IdempotencyKey>;
        type StatusCallback = S::StatusCallback;
    }
    ///`StatusCallback` set, on top of `S`.
    pub struct SetStatusCallback<S>(::core::marker::PhantomData<fn() -> S>);
    impl<S: State> State for SetStatusCallback<S> {
        type CallSid = S::CallSid;
        type Sid = S::Sid;
        type IdempotencyKey = S::IdempotencyKey;
        type StatusCallback = __tw::Set<members::StatusCallback>;
    }
    /// Every required parameter set: what `build()` needs.
    pub trait IsComplete: State {}
    #[doc(hidden)]
    pub mod members {
        pub struct CallSid;
        #[diagnostic::do_not_recommend]
        impl super::__tw::IsUnset<CallSid, super::setters::call_sid> for CallSid {}
        pub struct Sid;
        #[diagnostic::do_not_recommend]
        impl super::__tw::IsUnset<Sid, super::setters::sid> for Sid {}
        pub struct IdempotencyKey;
        #[diagnostic::do_not_recommend]
        impl super::__tw::IsUnset<IdempotencyKey, super::setters::idempotency_key>
        for IdempotencyKey {}
        pub struct StatusCallback;
        #[diagnostic::do_not_recommend]
        impl super::__tw::IsUnset<StatusCallback, super::setters::status_callback>
        for StatusCallback {}
    }
    #[doc(hidden)]
    #[allow(non_camel_case_types)]
    pub mod setters {
        pub struct call_sid;
        pub struct sid;
        pub struct idempotency_key;
        pub struct status_callback;
    }
}
const _: () = {
    use ::twilio_endpoint::__private as __tw;
    use update_payments_builder as __st;
    #[automatically_derived]
    impl<S: __st::State> __st::IsComplete for S
    where
        S::CallSid: __tw::IsSet<UpdatePayments, __st::setters::call_sid>,
        S::Sid: __tw::IsSet<UpdatePayments, __st::setters::sid>,
        S::IdempotencyKey: __tw::IsSet<UpdatePayments, __st::setters::idempotency_key>,
        S::StatusCallback: __tw::IsSet<UpdatePayments, __st::setters::status_callback>,
    {}
    #[automatically_derived]
    impl<S: __st::State> UpdatePaymentsBuilder<S> {
        fn __new() -> Self {
            UpdatePaymentsBuilder {
                __state: __tw::PhantomData,
                account_sid: __tw::Default::default(),
                call_sid: __tw::Default::default(),
                sid: __tw::Default::default(),
                idempotency_key: __tw::Default::default(),
                status_callback: __tw::Default::default(),
                capture: __tw::Default::default(),
                status: __tw::Default::default(),
            }
        }
        fn __into<T: __st::State>(self) -> UpdatePaymentsBuilder<T> {
            UpdatePaymentsBuilder {
                __state: __tw::PhantomData,
                account_sid: self.account_sid,
                call_sid: self.call_sid,
                sid: self.sid,
                idempotency_key: self.idempotency_key,
                status_callback: self.status_callback,
                capture: self.capture,
                status: self.status,
            }
        }
        /// The account that will update the resource (`AC…`); left empty, the client's account.
        ///Twilio's `AccountSid`.
        pub fn account_sid(mut self, value: impl __tw::Into<String>) -> Self {
            self.account_sid = value.into();
            self
        }
        /// The call the session was created on (`CA…`).
        ///Twilio's `CallSid`, required.
        pub fn call_sid(
            mut self,
            value: impl __tw::Into<String>,
        ) -> UpdatePaymentsBuilder<__st::SetCallSid<S>>
        where
            S::CallSid: __tw::IsUnset<__st::members::CallSid, __st::setters::call_sid>,
        {
            self.call_sid = __tw::Some(value.into());
            self.__into()
        }
        /// The Payments session to update (`PK…`).
        ///Twilio's `Sid`, required.
        pub fn sid(
            mut self,
            value: impl __tw::Into<String>,
        ) -> UpdatePaymentsBuilder<__st::SetSid<S>>
        where
            S::Sid: __tw::IsUnset<__st::members::Sid, __st::setters::sid>,
        {
            self.sid = __tw::Some(value.into());
            self.__into()
        }
        /// A unique token so that repeated calls with the same information make one transaction.
        ///Twilio's `IdempotencyKey`, required.
        pub fn idempotency_key(
            mut self,
            value: impl __tw::Into<String>,
        ) -> UpdatePaymentsBuilder<__st::SetIdempotencyKey<S>>
        where
            S::IdempotencyKey: __tw::IsUnset<
                __st::members::IdempotencyKey,
                __st::setters::idempotency_key,
            >,
        {
            self.idempotency_key = __tw::Some(value.into());
            self.__into()
        }
        /// The URL that receives the Pay session's status callbacks: absolute, or relative to the
        /// call's webhook URL (`/pay/status`), as Twilio documents.
        ///Twilio's `StatusCallback`, required.
        pub fn status_callback(
            mut self,
            value: impl __tw::Into<String>,
        ) -> UpdatePaymentsBuilder<__st::SetStatusCallback<S>>
        where
            S::StatusCallback: __tw::IsUnset<
                __st::members::StatusCallback,
                __st::setters::status_callback,
            >,
        {
            self.status_callback = __tw::Some(value.into());
            self.__into()
        }
        /// The piece of payment information the caller is asked to enter next.
        ///Twilio's `Capture`.
        pub fn capture(mut self, value: Capture) -> Self {
            self.capture = __tw::Some(value);
            self
        }
        ///Sets or clears `Capture`: [`Self::capture`] with an `Option`.
        pub fn maybe_capture(mut self, value: __tw::Option<Capture>) -> Self {
            self.capture = value;
            self
        }
        /// Completes or cancels the session.
        ///Twilio's `Status`.
        pub fn status(mut self, value: PaymentStatus) -> Self {
            self.status = __tw::Some(value);
            self
        }
        ///Sets or clears `Status`: [`Self::status`] with an `Option`.
        pub fn maybe_status(mut self, value: __tw::Option<PaymentStatus>) -> Self {
            self.status = value;
            self
        }
        /// Builds the request.
        pub fn build(self) -> UpdatePayments
        where
            S: __st::IsComplete,
        {
            UpdatePayments {
                account_sid: self.account_sid,
                call_sid: __tw::set_value(self.call_sid),
                sid: __tw::set_value(self.sid),
                idempotency_key: __tw::set_value(self.idempotency_key),
                status_callback: __tw::set_value(self.status_callback),
                capture: self.capture,
                status: self.status,
            }
        }
    }
};
const _: () = {
    use ::twilio_endpoint::__private as __tw;
    const ACCOUNT_SID: __tw::Parameter = __tw::Parameter::path("AccountSid")
        .sid(&["AC"])
        .account_default();
    const CALL_SID: __tw::Parameter = __tw::Parameter::path("CallSid").sid(&["CA"]);
    const SID: __tw::Parameter = __tw::Parameter::path("Sid").sid(&["PK"]);
    const IDEMPOTENCY_KEY: __tw::Parameter = __tw::Parameter::form("IdempotencyKey")
        .required()
        .idempotency_key();
    const STATUS_CALLBACK: __tw::Parameter = __tw::Parameter::form("StatusCallback")
        .required()
        .uri_reference();
    const CAPTURE: __tw::Parameter = __tw::Parameter::form("Capture");
    const STATUS: __tw::Parameter = __tw::Parameter::form("Status");
    #[automatically_derived]
    impl __tw::Endpoint for UpdatePayments {
        type Response = Payment;
        const METHOD: __tw::Method = __tw::Method::POST;
        const PATH_TEMPLATE: &'static str = "/2010-04-01/Accounts/<AccountSid>/Calls/<CallSid>/Payments/<Sid>.json";
        const HOST: &'static str = "api";
        const IDEMPOTENCY_KEY: bool = true;
        const PARAMETERS: &'static [__tw::Parameter] = &[
            ACCOUNT_SID,
            CALL_SID,
            SID,
            IDEMPOTENCY_KEY,
            STATUS_CALLBACK,
            CAPTURE,
            STATUS,
        ];
        fn write_request(&self, __w: &mut __tw::RequestWriter<'_>) {
            __w.path_literal("/2010-04-01/Accounts/");
            __w.path(
                &ACCOUNT_SID,
                <String as __tw::PathValue>::path_value(&self.account_sid),
            );
            __w.path_literal("/Calls/");
            __w.path(&CALL_SID, <String as __tw::PathValue>::path_value(&self.call_sid));
            __w.path_literal("/Payments/");
            __w.path(&SID, <String as __tw::PathValue>::path_value(&self.sid));
            __w.path_literal(".json");
            <String as __tw::FieldValue>::form(
                __w,
                &IDEMPOTENCY_KEY,
                &self.idempotency_key,
            );
            <String as __tw::FieldValue>::form(
                __w,
                &STATUS_CALLBACK,
                &self.status_callback,
            );
            <Capture as __tw::FieldValue>::form(__w, &CAPTURE, &self.capture);
            <PaymentStatus as __tw::FieldValue>::form(__w, &STATUS, &self.status);
        }
    }
    #[automatically_derived]
    impl UpdatePayments {
        ///Starts a [`UpdatePaymentsBuilder`]: `build()` compiles once the required parameters are set.
        pub fn builder() -> UpdatePaymentsBuilder {
            UpdatePaymentsBuilder::__new()
        }
        ///Validates this request and sends it as `POST /2010-04-01/Accounts/<AccountSid>/Calls/<CallSid>/Payments/<Sid>.json`, decoding the answer.
        ///
        /// Every problem with the values is reported at once, before any I/O.
        pub async fn send(
            &self,
            client: &__tw::Client,
        ) -> ::core::result::Result<<Self as __tw::Endpoint>::Response, __tw::Error> {
            client.send(self).await
        }
    }
};
