//! A small, non-generic JSON value with a parser and a writer.
//!
//! Why not serde: serde's generic (de)serialisers are instantiated once per type and
//! format, and they made up the largest share of the wasm loaded on every panel open
//! (issue #7). One concrete value type and hand-written `from_json` / `to_json`
//! conversions compile to a fraction of that.
//!
//! Behaviour kept from `serde_json::Value` (the code it replaces relied on it):
//! - a parsed object has its keys sorted and a repeated key keeps its last value
//!   (serde_json's default `Map` is a `BTreeMap`); objects built in code keep the
//!   order they were built in, which is how the former `#[derive(Serialize)]` wrote
//!   struct fields;
//! - the writer escapes exactly what serde_json escapes (`"`, `\`, control
//!   characters; `/` and non-ASCII are written as they are), and `to_string_pretty`
//!   indents by two spaces like serde_json's pretty printer;
//! - nesting deeper than 128 levels is refused (serde_json's recursion limit).
//!
//! Numbers keep their literal text: the core only needs whole numbers, so no float
//! parsing or float formatting code is linked in, and a number is written back exactly
//! as it was read.

mod parse;
mod read;
mod write;

#[cfg(test)]
mod tests;

pub use parse::MAX_DEPTH;
pub use read::{
    bool_or_false, object, opt_i64, opt_str, opt_u32, req_bool, req_str, req_strings, req_u32,
    str_or_default, strings_or_default,
};

/// A JSON value.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub enum Json {
    #[default]
    Null,
    Bool(bool),
    Number(Number),
    String(String),
    Array(Vec<Json>),
    Object(Map),
}

/// A JSON number, kept as its (validated) literal text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Number(String);

impl Number {
    /// The number if it is written as a whole number (no fraction, no exponent) that
    /// fits, as serde_json's `as_u64`.
    pub fn as_u64(&self) -> Option<u64> {
        self.is_integer_literal().then(|| self.0.parse().ok())?
    }

    /// As serde_json's `as_i64`.
    pub fn as_i64(&self) -> Option<i64> {
        self.is_integer_literal().then(|| self.0.parse().ok())?
    }

    fn is_integer_literal(&self) -> bool {
        !self.0.contains(['.', 'e', 'E'])
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl From<u32> for Number {
    fn from(n: u32) -> Number {
        Number(n.to_string())
    }
}

impl From<u64> for Number {
    fn from(n: u64) -> Number {
        Number(n.to_string())
    }
}

impl From<i64> for Number {
    fn from(n: i64) -> Number {
        Number(n.to_string())
    }
}

/// A JSON object: key/value pairs in order. Parsed objects are sorted by key.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Map(Vec<(String, Json)>);

impl Map {
    pub fn new() -> Map {
        Map(Vec::new())
    }

    pub fn get(&self, key: &str) -> Option<&Json> {
        self.0.iter().find(|(k, _)| k == key).map(|(_, v)| v)
    }

    pub fn contains_key(&self, key: &str) -> bool {
        self.get(key).is_some()
    }

    /// Sets `key`, replacing its value in place if it is already there.
    pub fn insert(&mut self, key: impl Into<String>, value: impl Into<Json>) {
        let key = key.into();
        let value = value.into();
        match self.0.iter_mut().find(|(k, _)| *k == key) {
            Some(slot) => slot.1 = value,
            None => self.0.push((key, value)),
        }
    }

    /// Builder form of `insert`, for writing a struct field by field.
    pub fn with(mut self, key: &str, value: impl Into<Json>) -> Map {
        self.insert(key, value);
        self
    }

    /// Sets `key` only when there is a value (the former `skip_serializing_if = "Option::is_none"`).
    pub fn with_some(self, key: &str, value: Option<impl Into<Json>>) -> Map {
        match value {
            Some(v) => self.with(key, v),
            None => self,
        }
    }

    pub fn remove(&mut self, key: &str) -> Option<Json> {
        let i = self.0.iter().position(|(k, _)| k == key)?;
        Some(self.0.remove(i).1)
    }

    pub fn keys(&self) -> impl Iterator<Item = &String> {
        self.0.iter().map(|(k, _)| k)
    }

    pub fn iter(&self) -> impl Iterator<Item = (&String, &Json)> {
        self.0.iter().map(|(k, v)| (k, v))
    }

    pub fn len(&self) -> usize {
        self.0.len()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// Sorts the keys, as serde_json's map kept them (for objects written back after
    /// edits, so stored data keeps its former key order).
    pub fn sort_keys(&mut self) {
        let mut sorted = Map::new();
        for (k, v) in self.0.drain(..) {
            sorted.insert_sorted(k, v);
        }
        *self = sorted;
    }

    /// Inserts into a map kept sorted by key; a repeated key takes the new value (the
    /// last one wins, as in serde_json's map). Binary-search insertion instead of a
    /// sort afterwards: no generic sort code in the wasm, and objects are small.
    fn insert_sorted(&mut self, key: String, value: Json) {
        match self.0.binary_search_by(|(k, _)| k.as_str().cmp(&key)) {
            Ok(i) => self.0[i].1 = value,
            Err(i) => self.0.insert(i, (key, value)),
        }
    }
}

impl<'a> IntoIterator for &'a Map {
    type Item = (&'a String, &'a Json);
    type IntoIter = Box<dyn Iterator<Item = (&'a String, &'a Json)> + 'a>;
    fn into_iter(self) -> Self::IntoIter {
        Box::new(self.iter())
    }
}

static NULL: Json = Json::Null;

impl Json {
    /// Parses one JSON document (surrounding whitespace allowed, nothing else after it).
    pub fn parse(text: &str) -> Result<Json, String> {
        parse::parse(text)
    }

    /// A member of an object; `None` for a missing key or a non-object.
    pub fn get(&self, key: &str) -> Option<&Json> {
        match self {
            Json::Object(m) => m.get(key),
            _ => None,
        }
    }

    pub fn as_str(&self) -> Option<&str> {
        match self {
            Json::String(s) => Some(s),
            _ => None,
        }
    }

    pub fn as_bool(&self) -> Option<bool> {
        match self {
            Json::Bool(b) => Some(*b),
            _ => None,
        }
    }

    pub fn as_u64(&self) -> Option<u64> {
        match self {
            Json::Number(n) => n.as_u64(),
            _ => None,
        }
    }

    pub fn as_i64(&self) -> Option<i64> {
        match self {
            Json::Number(n) => n.as_i64(),
            _ => None,
        }
    }

    pub fn as_array(&self) -> Option<&Vec<Json>> {
        match self {
            Json::Array(a) => Some(a),
            _ => None,
        }
    }

    pub fn as_object(&self) -> Option<&Map> {
        match self {
            Json::Object(m) => Some(m),
            _ => None,
        }
    }

    pub fn is_null(&self) -> bool {
        matches!(self, Json::Null)
    }

    /// Overwrites every string (keys included) with zeros before the tree is dropped,
    /// for trees that held a token on its way out.
    pub fn wipe(&mut self) {
        use zeroize::Zeroize;
        match self {
            Json::String(s) => s.zeroize(),
            Json::Array(items) => items.iter_mut().for_each(Json::wipe),
            Json::Object(map) => map.0.iter_mut().for_each(|(k, v)| {
                k.zeroize();
                v.wipe();
            }),
            Json::Null | Json::Bool(_) | Json::Number(_) => {}
        }
    }

    /// Compact text, as serde_json's `to_string`.
    pub fn to_json_string(&self) -> String {
        let mut out = String::new();
        write::write(self, &mut out, None, 0);
        out
    }

    /// Indented text (two spaces), as serde_json's `to_string_pretty`.
    pub fn to_string_pretty(&self) -> String {
        let mut out = String::new();
        write::write(self, &mut out, Some("  "), 0);
        out
    }
}

/// `value["key"]`: the member, or null when missing (as serde_json's indexing).
impl std::ops::Index<&str> for Json {
    type Output = Json;
    fn index(&self, key: &str) -> &Json {
        self.get(key).unwrap_or(&NULL)
    }
}

impl std::ops::Index<usize> for Json {
    type Output = Json;
    fn index(&self, i: usize) -> &Json {
        self.as_array().and_then(|a| a.get(i)).unwrap_or(&NULL)
    }
}

impl std::ops::Index<&str> for Map {
    type Output = Json;
    fn index(&self, key: &str) -> &Json {
        self.get(key).unwrap_or(&NULL)
    }
}

// Comparisons with plain values, as serde_json has them (handy in tests and checks).
impl PartialEq<&str> for Json {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == Some(*other)
    }
}

impl PartialEq<bool> for Json {
    fn eq(&self, other: &bool) -> bool {
        self.as_bool() == Some(*other)
    }
}

impl PartialEq<i64> for Json {
    fn eq(&self, other: &i64) -> bool {
        self.as_i64() == Some(*other)
    }
}

/// Compact JSON text.
impl std::fmt::Display for Json {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.to_json_string())
    }
}

impl From<bool> for Json {
    fn from(b: bool) -> Json {
        Json::Bool(b)
    }
}

impl From<u32> for Json {
    fn from(n: u32) -> Json {
        Json::Number(n.into())
    }
}

impl From<u64> for Json {
    fn from(n: u64) -> Json {
        Json::Number(n.into())
    }
}

impl From<i64> for Json {
    fn from(n: i64) -> Json {
        Json::Number(n.into())
    }
}

impl From<String> for Json {
    fn from(s: String) -> Json {
        Json::String(s)
    }
}

impl From<&str> for Json {
    fn from(s: &str) -> Json {
        Json::String(s.to_string())
    }
}

impl From<&String> for Json {
    fn from(s: &String) -> Json {
        Json::String(s.clone())
    }
}

impl From<Map> for Json {
    fn from(m: Map) -> Json {
        Json::Object(m)
    }
}

impl<T: Into<Json>> From<Vec<T>> for Json {
    fn from(a: Vec<T>) -> Json {
        Json::Array(a.into_iter().map(Into::into).collect())
    }
}

impl FromIterator<(String, Json)> for Map {
    fn from_iter<I: IntoIterator<Item = (String, Json)>>(iter: I) -> Map {
        let mut m = Map::new();
        for (k, v) in iter {
            m.insert(k, v);
        }
        m
    }
}

impl<T: Into<Json>> From<Option<T>> for Json {
    fn from(v: Option<T>) -> Json {
        v.map_or(Json::Null, Into::into)
    }
}

/// A list of strings as a JSON array.
pub fn strings(items: &[String]) -> Json {
    Json::Array(items.iter().map(Json::from).collect())
}
