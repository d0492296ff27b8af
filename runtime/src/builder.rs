//! The rules of a generated builder: every required parameter set before `build()`, each once.
//!
//! `#[twilio_endpoint]` gives each endpoint a builder (`UpdatePayments::builder()`) with a
//! setter per parameter. The builder's type parameter records which required parameters are
//! set, so that a missing or repeated one is a compile error naming the endpoint, the Twilio
//! parameter and its setter:
//!
//! ```text
//! error[E0277]: `UpdatePayments` is missing its required Twilio parameter `Sid`
//!    |
//!    |         .build();
//!    |          ^^^^^ `Sid` is not set
//!    |
//!    = note: set it with `.sid(…)` before `.build()`
//! ```
//!
//! The state types live in a module named after the builder (`update_payments_builder`), one
//! marker type per required parameter; the traits here are what their bounds ask. User code
//! never needs to name them.

use core::marker::PhantomData;

/// The state of a required parameter once its setter ran; before that, the state is the
/// parameter's marker type itself (`CallSid`).
pub struct Set<Member>(PhantomData<fn() -> Member>);

/// Holds for a required parameter that is set; `build()` asks it of every one.
#[diagnostic::on_unimplemented(
    message = "`{Endpoint}` is missing its required Twilio parameter `{Self}`",
    label = "`{Self}` is not set",
    note = "set it with `.{Setter}(…)` before `.build()`"
)]
pub trait IsSet<Endpoint, Setter> {}

#[diagnostic::do_not_recommend]
impl<M, Endpoint, Setter> IsSet<Endpoint, Setter> for Set<M> {}

/// Holds for a required parameter that is not set yet; its setter asks it. Its state is then
/// the parameter's marker type (`Parameter`, named as the Twilio parameter), which implements it.
#[diagnostic::on_unimplemented(
    message = "`{Parameter}` is already set",
    label = "`{Parameter}` was given by an earlier `.{Setter}(…)`",
    note = "each parameter is set once: remove one of the two `.{Setter}(…)` calls"
)]
pub trait IsUnset<Parameter, Setter> {}

/// The value of a required slot at `build()`, where its state says that it is set.
#[doc(hidden)]
#[inline]
pub fn set_value<T>(slot: Option<T>) -> T {
    match slot {
        Some(value) => value,
        None => unreachable!("the builder's state says this parameter is set"),
    }
}
