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
//! The state types live in a module named after the builder (`update_payments_builder`): one
//! marker type per required parameter, and the state a tuple with one slot per required
//! parameter, in declaration order (`Empty` is the tuple of the markers). A setter fills its slot
//! through [`Slot`], the same few impls for every endpoint; the traits here are what the bounds
//! ask. User code never needs to name them.

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

#[diagnostic::do_not_recommend]
impl<Parameter, Setter> IsUnset<Parameter, Setter> for Parameter {}

/// Slot `I` of a builder's state (a tuple with one slot per required parameter): what it holds
/// (the parameter's marker type, or [`Set`] of it) and the state once its setter ran.
pub trait Slot<const I: usize> {
    /// The slot's state.
    type Value;
    /// The same state with this slot [`Set`].
    type Filled;
}

/// `0usize + 1usize + …`, one for each identifier: a slot's index.
macro_rules! count {
    () => { 0usize };
    ($head:ident $($tail:ident)*) => { 1usize + count!($($tail)*) };
}

/// `Slot` for every position of every tuple up to the longest in the list.
macro_rules! slots {
    (@one [$($before:ident)*] $at:ident [$($after:ident)*]) => {
        impl<$($before,)* $at, $($after,)*> Slot<{ count!($($before)*) }>
            for ($($before,)* $at, $($after,)*)
        {
            type Value = $at;
            type Filled = ($($before,)* Set<$at>, $($after,)*);
        }
    };
    (@positions [$($before:ident)*] []) => {};
    (@positions [$($before:ident)*] [$at:ident $($after:ident)*]) => {
        slots!(@one [$($before)*] $at [$($after)*]);
        slots!(@positions [$($before)* $at] [$($after)*]);
    };
    (@arities [$($done:ident)*] []) => {};
    (@arities [$($done:ident)*] [$next:ident $($rest:ident)*]) => {
        slots!(@positions [] [$($done)* $next]);
        slots!(@arities [$($done)* $next] [$($rest)*]);
    };
}

/// The most required parameters a builder tracks (Twilio's operations have at most 10); the
/// attribute refuses more, naming this limit.
pub const MAX_REQUIRED: usize = 16;

slots!(@arities [] [T0 T1 T2 T3 T4 T5 T6 T7 T8 T9 T10 T11 T12 T13 T14 T15]);

/// The value of a required slot at `build()`, where its state says that it is set.
#[doc(hidden)]
#[inline]
pub fn set_value<T>(slot: Option<T>) -> T {
    match slot {
        Some(value) => value,
        None => unreachable!("the builder's state says this parameter is set"),
    }
}
