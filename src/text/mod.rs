//! Words and numbers the way people read them, and text made safe for the
//! formats cuc writes: said once here for every layer.

mod closest;
pub mod escape;
pub mod words;
pub mod yaml;

pub use closest::{closest, closest_only};
