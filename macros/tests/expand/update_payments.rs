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
///Builds a [`UpdatePayments`]: made by [`UpdatePayments::builder`], it has a setter per parameter (named after the field; `maybe_` ones take an `Option`), and `.build()` compiles once every required parameter is set, each once.
#[must_use = "a builder does nothing until `.build()` is called"]
pub struct UpdatePaymentsBuilder<S = update_payments_builder::Empty>(
    __UpdatePaymentsBuilderValues,
    ::core::marker::PhantomData<fn() -> S>,
);
#[derive(Default)]
struct __UpdatePaymentsBuilderValues {
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
    use self::members as __m;
    /// A builder's state: one slot per required parameter, its marker type until set.
    pub trait State: __tw::Slot<0> + __tw::Slot<1> + __tw::Slot<2> + __tw::Slot<3> {}
    impl<__R0, __R1, __R2, __R3> State for (__R0, __R1, __R2, __R3) {}
    /// Nothing set yet.
    pub type Empty = (__m::CallSid, __m::Sid, __m::IdempotencyKey, __m::StatusCallback);
    ///`CallSid` set, on top of `S`.
    pub type SetCallSid<S> = <S as __tw::Slot<0>>::Filled;
    ///`Sid` set, on top of `S`.
    pub type SetSid<S> = <S as __tw::Slot<1>>::Filled;
    ///`IdempotencyKey` set, on top of `S`.
    pub type SetIdempotencyKey<S> = <S as __tw::Slot<2>>::Filled;
    ///`StatusCallback` set, on top of `S`.
    pub type SetStatusCallback<S> = <S as __tw::Slot<3>>::Filled;
    /// Every required parameter set: what `build()` needs.
    pub trait IsComplete: State {}
    #[doc(hidden)]
    #[allow(non_camel_case_types)]
    pub mod members {
        pub struct CallSid;
        pub struct call_sid;
        pub struct Sid;
        pub struct sid;
        pub struct IdempotencyKey;
        pub struct idempotency_key;
        pub struct StatusCallback;
        pub struct status_callback;
    }
}
const _: () = {
    use ::twilio_endpoint::__private as __tw;
    use update_payments_builder as __st;
    use update_payments_builder::members as __m;
    #[automatically_derived]
    impl<S: __st::State> __st::IsComplete for S
    where
        <S as __tw::Slot<0>>::Value: __tw::IsSet<UpdatePayments, __m::call_sid>,
        <S as __tw::Slot<1>>::Value: __tw::IsSet<UpdatePayments, __m::sid>,
        <S as __tw::Slot<2>>::Value: __tw::IsSet<UpdatePayments, __m::idempotency_key>,
        <S as __tw::Slot<3>>::Value: __tw::IsSet<UpdatePayments, __m::status_callback>,
    {}
    #[automatically_derived]
    impl<S: __st::State> UpdatePaymentsBuilder<S> {
        /// The account that will update the resource (`AC…`); left empty, the client's account.
        pub fn account_sid(mut self, value: impl __tw::Into<String>) -> Self {
            self.0.account_sid = value.into();
            self
        }
        /// The call the session was created on (`CA…`).
        pub fn call_sid(
            mut self,
            value: impl __tw::Into<String>,
        ) -> UpdatePaymentsBuilder<__st::SetCallSid<S>>
        where
            <S as __tw::Slot<0>>::Value: __tw::IsUnset<__m::CallSid, __m::call_sid>,
        {
            self.0.call_sid = __tw::Some(value.into());
            UpdatePaymentsBuilder(self.0, __tw::PhantomData)
        }
        /// The Payments session to update (`PK…`).
        pub fn sid(
            mut self,
            value: impl __tw::Into<String>,
        ) -> UpdatePaymentsBuilder<__st::SetSid<S>>
        where
            <S as __tw::Slot<1>>::Value: __tw::IsUnset<__m::Sid, __m::sid>,
        {
            self.0.sid = __tw::Some(value.into());
            UpdatePaymentsBuilder(self.0, __tw::PhantomData)
        }
        /// A unique token so that repeated calls with the same information make one transaction.
        pub fn idempotency_key(
            mut self,
            value: impl __tw::Into<String>,
        ) -> UpdatePaymentsBuilder<__st::SetIdempotencyKey<S>>
        where
            <S as __tw::Slot<
                2,
            >>::Value: __tw::IsUnset<__m::IdempotencyKey, __m::idempotency_key>,
        {
            self.0.idempotency_key = __tw::Some(value.into());
            UpdatePaymentsBuilder(self.0, __tw::PhantomData)
        }
        /// The URL that receives the Pay session's status callbacks: absolute, or relative to the
        /// call's webhook URL (`/pay/status`), as Twilio documents.
        pub fn status_callback(
            mut self,
            value: impl __tw::Into<String>,
        ) -> UpdatePaymentsBuilder<__st::SetStatusCallback<S>>
        where
            <S as __tw::Slot<
                3,
            >>::Value: __tw::IsUnset<__m::StatusCallback, __m::status_callback>,
        {
            self.0.status_callback = __tw::Some(value.into());
            UpdatePaymentsBuilder(self.0, __tw::PhantomData)
        }
        /// The piece of payment information the caller is asked to enter next.
        pub fn capture(self, value: Capture) -> Self {
            self.maybe_capture(__tw::Some(value))
        }
        ///[`Self::capture`] with an `Option`: `None` clears it.
        pub fn maybe_capture(mut self, value: __tw::Option<Capture>) -> Self {
            self.0.capture = value;
            self
        }
        /// Completes or cancels the session.
        pub fn status(self, value: PaymentStatus) -> Self {
            self.maybe_status(__tw::Some(value))
        }
        ///[`Self::status`] with an `Option`: `None` clears it.
        pub fn maybe_status(mut self, value: __tw::Option<PaymentStatus>) -> Self {
            self.0.status = value;
            self
        }
        /// Builds the request.
        pub fn build(self) -> UpdatePayments
        where
            S: __st::IsComplete,
        {
            UpdatePayments {
                account_sid: self.0.account_sid,
                call_sid: __tw::set_value(self.0.call_sid),
                sid: __tw::set_value(self.0.sid),
                idempotency_key: __tw::set_value(self.0.idempotency_key),
                status_callback: __tw::set_value(self.0.status_callback),
                capture: self.0.capture,
                status: self.0.status,
            }
        }
    }
};
const _: () = {
    use ::twilio_endpoint::__private as __tw;
    use __tw::{AnyWire as _, FieldValue as __Field, PathValue as __Path};
    const __PARAMETERS: [__tw::Parameter; 7] = [
        __tw::Parameter::account_sid(),
        __tw::Parameter::path("CallSid").sid(&["CA"]),
        __tw::Parameter::path("Sid").sid(&["PK"]),
        __tw::Parameter::form("IdempotencyKey").required().idempotency_key(),
        __tw::Parameter::form("StatusCallback").required().uri_reference(),
        __tw::Parameter::form("Capture").one_of(__tw::Wire::<Capture>::VALUES),
        __tw::Parameter::form("Status").one_of(__tw::Wire::<PaymentStatus>::VALUES),
    ];
    #[automatically_derived]
    impl __tw::Endpoint for UpdatePayments {
        type Response = Payment;
        const METHOD: __tw::Method = __tw::Method::POST;
        const PATH_TEMPLATE: &'static str = "/2010-04-01/Accounts/<AccountSid>/Calls/<CallSid>/Payments/<Sid>.json";
        const PARAMETERS: &'static [__tw::Parameter] = &__PARAMETERS;
        #[inline]
        fn write_request(&self, __w: &mut __tw::RequestWriter<'_>) {
            let &[ref account_sid, ref call_sid, ref sid, ref idempotency_key,
            ref status_callback, ref capture, ref status] = &__PARAMETERS;
            __w.path_literal("/2010-04-01/Accounts/");
            __w.path(account_sid, <String as __Path>::path_value(&self.account_sid));
            __w.path_literal("/Calls/");
            __w.path(call_sid, <String as __Path>::path_value(&self.call_sid));
            __w.path_literal("/Payments/");
            __w.path(sid, <String as __Path>::path_value(&self.sid));
            __w.path_literal(".json");
            <String as __Field>::form(__w, idempotency_key, &self.idempotency_key);
            <String as __Field>::form(__w, status_callback, &self.status_callback);
            <Capture as __Field>::form(__w, capture, &self.capture);
            <PaymentStatus as __Field>::form(__w, status, &self.status);
        }
    }
    #[automatically_derived]
    impl UpdatePayments {
        ///Starts a [`UpdatePaymentsBuilder`]: `build()` compiles once the required parameters are set.
        #[inline]
        pub fn builder() -> UpdatePaymentsBuilder {
            UpdatePaymentsBuilder(__tw::Default::default(), __tw::PhantomData)
        }
        ///Sends this request as `POST /2010-04-01/Accounts/<AccountSid>/Calls/<CallSid>/Payments/<Sid>.json` and decodes the answer; every problem with the values is reported at once, before any I/O.
        #[inline]
        pub fn send<'__a>(
            &'__a self,
            client: &'__a __tw::Client,
        ) -> impl ::core::future::Future<Output = __tw::Result<Payment>> + '__a {
            client.send(self)
        }
    }
};
