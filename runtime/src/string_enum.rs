//! `string_enum!`: Twilio's string enums as Rust enums.

use core::marker::PhantomData;

/// A [`string_enum!`](crate::string_enum) type: its wire values, which the attribute records
/// in each parameter of the type ([`Parameter::one_of`](crate::Parameter::one_of)).
pub trait StringEnum {
    /// Every value as Twilio writes it.
    const WIRE_VALUES: &'static [&'static str];
}

/// The wire values of `T` as the attribute reads them: `Wire::<T>::VALUES` is `T`'s
/// [`StringEnum::WIRE_VALUES`] when `T` is a [`string_enum!`](crate::string_enum), and (through
/// [`AnyWire`], which the generated code imports) no values, any text, otherwise. The attribute
/// sees only the field's type's name; the compiler picks which `VALUES` applies.
pub struct Wire<T: ?Sized>(PhantomData<T>);

impl<T: ?Sized + StringEnum> Wire<T> {
    /// `T`'s wire values.
    pub const VALUES: &'static [&'static str] = T::WIRE_VALUES;
}

/// The `VALUES` of a [`Wire`] whose type is not a [`string_enum!`](crate::string_enum): none.
pub trait AnyWire {
    /// No values: any value.
    const VALUES: &'static [&'static str] = &[];
}

impl<T: ?Sized> AnyWire for Wire<T> {}

/// Declares one of Twilio's string enums (`payments_enum_capture`, `call_enum_status`, …) as a
/// Rust enum that is sent and read as its wire values.
///
/// The enum gets `Clone`, `Copy`, `Debug`, `PartialEq`, `Eq`, `Hash`, `serde::Serialize` and
/// `serde::Deserialize` (as the wire strings), `Display`, `as_str()`, `ALL`, every value in
/// the order of Twilio's description, and `WIRE_VALUES`, their wire strings in the same order.
/// It is `#[non_exhaustive]`, since Twilio adds values.
///
/// ```
/// twilio_endpoint::string_enum! {
///     /// How a call ended (`call_enum_update_status`).
///     UpdateCallStatus {
///         /// `canceled`
///         Canceled = "canceled",
///         /// `completed`
///         Completed = "completed",
///     }
/// }
///
/// assert_eq!(UpdateCallStatus::Completed.as_str(), "completed");
/// assert_eq!(UpdateCallStatus::ALL.len(), 2);
/// assert_eq!(UpdateCallStatus::WIRE_VALUES, ["canceled", "completed"]);
/// assert_eq!(serde_json::to_string(&UpdateCallStatus::Canceled).unwrap(), "\"canceled\"");
/// let read: UpdateCallStatus = serde_json::from_str("\"completed\"").unwrap();
/// assert_eq!(read, UpdateCallStatus::Completed);
/// assert!(serde_json::from_str::<UpdateCallStatus>("\"busy\"").is_err());
/// ```
#[macro_export]
macro_rules! string_enum {
    ($(#[$meta:meta])* $vis:vis $name:ident { $($(#[$vmeta:meta])* $variant:ident = $wire:literal,)* }) => {
        $(#[$meta])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        #[non_exhaustive]
        $vis enum $name {
            $($(#[$vmeta])* $variant,)*
        }

        impl $name {
            /// Every value, in the order of Twilio's description.
            pub const ALL: &'static [$name] = &[$($name::$variant),*];

            /// Every value as Twilio writes it, in the order of [`ALL`](Self::ALL).
            pub const WIRE_VALUES: &'static [&'static str] = &[$($wire),*];

            /// The value as Twilio writes it.
            pub fn as_str(self) -> &'static str {
                match self {
                    $($name::$variant => $wire,)*
                }
            }
        }

        impl $crate::__private::StringEnum for $name {
            const WIRE_VALUES: &'static [&'static str] = $name::WIRE_VALUES;
        }

        impl ::core::fmt::Display for $name {
            fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl $crate::__private::serde::Serialize for $name {
            fn serialize<S: $crate::__private::serde::Serializer>(
                &self,
                serializer: S,
            ) -> ::core::result::Result<S::Ok, S::Error> {
                serializer.serialize_str(self.as_str())
            }
        }

        impl<'de> $crate::__private::serde::Deserialize<'de> for $name {
            fn deserialize<D: $crate::__private::serde::Deserializer<'de>>(
                deserializer: D,
            ) -> ::core::result::Result<Self, D::Error> {
                let text = <$crate::__private::Cow<'de, str>>::deserialize(deserializer)?;
                match &*text {
                    $($wire => ::core::result::Result::Ok($name::$variant),)*
                    other => ::core::result::Result::Err(
                        <D::Error as $crate::__private::serde::de::Error>::unknown_variant(
                            other,
                            $name::WIRE_VALUES,
                        ),
                    ),
                }
            }
        }
    };
}
