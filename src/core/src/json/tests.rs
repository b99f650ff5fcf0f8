use super::*;

fn p(s: &str) -> Json {
    Json::parse(s).unwrap_or_else(|e| panic!("{s}: {e}"))
}

fn err(s: &str) -> String {
    Json::parse(s).expect_err(s)
}

#[test]
fn scalars() {
    assert_eq!(p("null"), Json::Null);
    assert_eq!(p(" true "), Json::Bool(true));
    assert_eq!(p("false"), Json::Bool(false));
    assert_eq!(p("\"x\"").as_str(), Some("x"));
    assert_eq!(p("12").as_u64(), Some(12));
    assert_eq!(p("-12").as_i64(), Some(-12));
    assert_eq!(p("-12").as_u64(), None);
}

#[test]
fn numbers_keep_their_literal_and_only_whole_numbers_are_integers() {
    for s in [
        "0",
        "-0",
        "1.5",
        "1e3",
        "1E+3",
        "2.5e-3",
        "123456789012345678901234",
    ] {
        assert_eq!(p(s).to_json_string(), s);
    }
    assert_eq!(p("1.0").as_u64(), None);
    assert_eq!(p("1e2").as_i64(), None);
    assert_eq!(p("18446744073709551615").as_u64(), Some(u64::MAX));
    assert_eq!(p("18446744073709551616").as_u64(), None);
    assert_eq!(p("9223372036854775808").as_i64(), None);
    for bad in [
        "01", "1.", ".5", "-", "1e", "+1", "0x10", "1.e3", "NaN", "Infinity",
    ] {
        assert!(Json::parse(bad).is_err(), "{bad}");
    }
}

#[test]
fn string_escapes() {
    assert_eq!(
        p(r#""a\"b\\c\/d\b\f\n\r\t""#).as_str(),
        Some("a\"b\\c/d\u{8}\u{c}\n\r\t")
    );
    assert_eq!(p(r#""\u00e4\u00DF""#).as_str(), Some("äß"));
    assert_eq!(p("\"Gültigkeit ✓\"").as_str(), Some("Gültigkeit ✓"));
    // Surrogate pair → one astral character.
    assert_eq!(p(r#""\ud83d\ude00""#).as_str(), Some("😀"));
    assert!(err(r#""\ud83d""#).contains("lone leading surrogate"));
    assert!(err(r#""\ud83dx""#).contains("lone leading surrogate"));
    assert!(err(r#""\ud83d\u0041""#).contains("lone leading surrogate"));
    assert!(err(r#""\ude00""#).contains("lone trailing surrogate"));
    assert!(err(r#""\x""#).contains("invalid escape"));
    assert!(err(r#""\u12g4""#).contains("invalid escape"));
    assert!(err("\"a\nb\"").contains("control character"));
    assert!(err("\"abc").contains("EOF while parsing a string"));
}

#[test]
fn writer_escapes_like_serde_json() {
    let s = Json::from("q\" b\\ / ä 😀 \n\r\t\u{8}\u{c}\u{1}\u{1f}\u{7f}");
    assert_eq!(
        s.to_json_string(),
        "\"q\\\" b\\\\ / ä 😀 \\n\\r\\t\\b\\f\\u0001\\u001f\u{7f}\""
    );
    // And it reads back to the same text.
    assert_eq!(p(&s.to_json_string()), s);
}

#[test]
fn objects_are_sorted_and_the_last_repeated_key_wins() {
    let v = p(r#"{"b":1,"a":{"y":[],"x":{}},"b":2}"#);
    assert_eq!(v.to_json_string(), r#"{"a":{"x":{},"y":[]},"b":2}"#);
    assert_eq!(v["b"].as_u64(), Some(2));
    assert_eq!(v["missing"], Json::Null);
    assert_eq!(v["a"]["y"].as_array().map(Vec::len), Some(0));
    // Built objects keep their order.
    let m = Map::new()
        .with("z", 1u32)
        .with("a", true)
        .with_some("n", None::<String>);
    assert_eq!(Json::from(m).to_json_string(), r#"{"z":1,"a":true}"#);
}

#[test]
fn pretty_output_matches_serde_json() {
    let v = p(r#"{"a":[1,{"b":null}],"c":[],"d":{},"e":"x"}"#);
    assert_eq!(
        v.to_string_pretty(),
        "{\n  \"a\": [\n    1,\n    {\n      \"b\": null\n    }\n  ],\n  \"c\": [],\n  \"d\": {},\n  \"e\": \"x\"\n}"
    );
}

#[test]
fn syntax_errors_say_what_and_where() {
    assert_eq!(err(""), "EOF while parsing a value at line 1 column 1");
    assert_eq!(err("nul"), "expected value at line 1 column 1");
    assert_eq!(err("[1,]"), "expected value at line 1 column 4");
    assert_eq!(err("{\n \"a\" 1}"), "expected `:` at line 2 column 6");
    assert_eq!(err("{1:2}"), "key must be a string at line 1 column 2");
    assert_eq!(err("[1 2]"), "expected `,` or `]` at line 1 column 4");
    assert_eq!(
        err("{\"a\":1"),
        "EOF while parsing an object at line 1 column 7"
    );
    assert_eq!(err("[1"), "EOF while parsing a list at line 1 column 3");
    assert_eq!(err("1 2"), "trailing characters at line 1 column 3");
    assert_eq!(err("{} x"), "trailing characters at line 1 column 4");
}

#[test]
fn nesting_is_limited() {
    let ok = "[".repeat(MAX_DEPTH) + &"]".repeat(MAX_DEPTH);
    assert!(Json::parse(&ok).is_ok());
    let deep = "[".repeat(MAX_DEPTH + 1) + &"]".repeat(MAX_DEPTH + 1);
    assert!(err(&deep).contains("recursion limit exceeded"));
    let hostile = "{\"a\":".repeat(100_000);
    assert!(err(&hostile).contains("recursion limit exceeded"));
}

#[test]
fn field_readers_name_the_field() {
    let v = p(r#"{"s":"x","n":7,"b":true,"z":null,"l":["a","b"],"bad":[1]}"#);
    let o = object(&v, "a test").unwrap();
    assert_eq!(req_str(o, "s").unwrap(), "x");
    assert_eq!(req_str(o, "q").unwrap_err(), "missing field `q`");
    assert_eq!(
        req_str(o, "n").unwrap_err(),
        "field `n`: expected a string, got a number"
    );
    assert_eq!(str_or_default(o, "q").unwrap(), "");
    assert!(str_or_default(o, "z").is_err());
    assert_eq!(opt_str(o, "z").unwrap(), None);
    assert_eq!(opt_str(o, "q").unwrap(), None);
    assert_eq!(req_u32(o, "n").unwrap(), 7);
    assert_eq!(opt_u32(o, "z").unwrap(), None);
    assert_eq!(opt_i64(o, "n").unwrap(), Some(7));
    assert!(req_bool(o, "b").unwrap());
    assert!(!bool_or_false(o, "q").unwrap());
    assert!(bool_or_false(o, "z").is_err());
    assert_eq!(req_strings(o, "l").unwrap(), ["a", "b"]);
    assert!(strings_or_default(o, "q").unwrap().is_empty());
    assert!(req_strings(o, "bad").unwrap_err().contains("`bad`"));
    assert!(object(&Json::Null, "a snapshot")
        .unwrap_err()
        .contains("expected a snapshot"));
}
