//! Words and numbers the way people read them, said once for every layer.

pub mod words;
