//! Every message a person reads, in Simplified Chinese and English.
//!
//! The texts are Fluent resources in `locales/<lang>/*.ftl`, embedded at build time.
//! Analyzers never write prose: they return a [`Message`] (a Fluent id and its
//! arguments), and the one place that turns findings into diagnostics says it in the
//! run's [`Lang`]. JSON keys, rule ids and enum values stay English and stable; only
//! prose follows the language.
//!
//! What must stay true: every id exists in every language with the same arguments (a
//! unit test compares the resources, and another checks every id the code uses), and
//! a missing id never panics: it is printed as the id itself.

use std::sync::LazyLock;

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};
use serde::{Deserialize, Serialize};

/// The languages zongjie speaks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Lang {
    /// English.
    #[default]
    En,
    /// Simplified Chinese.
    Zh,
}

impl Lang {
    /// Every language, in a stable order.
    pub const ALL: [Lang; 2] = [Lang::En, Lang::Zh];

    /// Parses `zh`, `zh-CN`, `zh_CN.UTF-8`, `en`, `en_US` … (case-insensitive).
    pub fn parse(s: &str) -> Option<Lang> {
        let s = s.trim().to_ascii_lowercase();
        if s.starts_with("zh") {
            Some(Lang::Zh)
        } else if s.starts_with("en") || s == "c" || s == "posix" || s.starts_with("c.") {
            Some(Lang::En)
        } else {
            None
        }
    }

    /// The language of the locale: the first of `LC_ALL`, `LC_MESSAGES` and `LANG`
    /// that is set and not empty (POSIX precedence); Chinese if it starts with `zh`,
    /// English otherwise.
    pub fn from_env() -> Lang {
        Self::from_locale(|name| std::env::var(name).ok())
    }

    /// [`from_env`](Self::from_env) over any variable lookup (for tests).
    pub fn from_locale(var: impl Fn(&str) -> Option<String>) -> Lang {
        ["LC_ALL", "LC_MESSAGES", "LANG"]
            .iter()
            .find_map(|name| var(name).filter(|v| !v.is_empty()))
            .and_then(|v| Lang::parse(&v))
            .unwrap_or_default()
    }

    /// The code used in config and on the command line.
    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Zh => "zh",
        }
    }

    /// Says the message `id` with no arguments.
    pub fn tr(self, id: &str) -> String {
        format(self, id, &[])
    }
}

/// One argument of a [`Message`].
#[derive(Debug, Clone, PartialEq)]
pub enum Arg {
    /// Text, shown as is.
    Text(String),
    /// A count, which may choose a plural form.
    Count(i64),
    /// A measured number, shown as given.
    Number(f64),
    /// Other messages, each said in the same language and joined by its list
    /// separator (`、` in Chinese, `, ` in English).
    Say(Vec<Message>),
}

impl From<&str> for Arg {
    fn from(s: &str) -> Self {
        Arg::Text(s.to_string())
    }
}

impl From<String> for Arg {
    fn from(s: String) -> Self {
        Arg::Text(s)
    }
}

impl From<&String> for Arg {
    fn from(s: &String) -> Self {
        Arg::Text(s.clone())
    }
}

impl From<usize> for Arg {
    fn from(n: usize) -> Self {
        Arg::Count(i64::try_from(n).unwrap_or(i64::MAX))
    }
}

impl From<u32> for Arg {
    fn from(n: u32) -> Self {
        Arg::Count(i64::from(n))
    }
}

impl From<u64> for Arg {
    fn from(n: u64) -> Self {
        Arg::Count(i64::try_from(n).unwrap_or(i64::MAX))
    }
}

impl From<Message> for Arg {
    fn from(m: Message) -> Self {
        Arg::Say(vec![m])
    }
}

impl From<Vec<Message>> for Arg {
    fn from(list: Vec<Message>) -> Self {
        Arg::Say(list)
    }
}

impl From<f64> for Arg {
    fn from(x: f64) -> Self {
        Arg::Number(x)
    }
}

/// A message to be said in some language: a Fluent id and its arguments.
#[derive(Debug, Clone, PartialEq)]
pub struct Message {
    /// The Fluent id (`placeholder-unfilled`).
    pub id: &'static str,
    /// Named arguments, in the order given.
    pub args: Vec<(&'static str, Arg)>,
}

impl Message {
    /// The message `id` with no arguments yet.
    pub fn new(id: &'static str) -> Self {
        Message {
            id,
            args: Vec::new(),
        }
    }

    /// Adds the argument `name`.
    pub fn arg(mut self, name: &'static str, value: impl Into<Arg>) -> Self {
        self.args.push((name, value.into()));
        self
    }

    /// The message in `lang`.
    pub fn say(&self, lang: Lang) -> String {
        format(lang, self.id, &self.args)
    }
}

/// `(language, resource name, text)` of every embedded Fluent file.
const RESOURCES: &[(Lang, &str, &str)] = &[
    (Lang::En, "rules", include_str!("../locales/en/rules.ftl")),
    (
        Lang::En,
        "messages",
        include_str!("../locales/en/messages.ftl"),
    ),
    (Lang::En, "ui", include_str!("../locales/en/ui.ftl")),
    (Lang::En, "serve", include_str!("../locales/en/serve.ftl")),
    (Lang::En, "html", include_str!("../locales/en/html.ftl")),
    (Lang::Zh, "rules", include_str!("../locales/zh/rules.ftl")),
    (
        Lang::Zh,
        "messages",
        include_str!("../locales/zh/messages.ftl"),
    ),
    (Lang::Zh, "ui", include_str!("../locales/zh/ui.ftl")),
    (Lang::Zh, "serve", include_str!("../locales/zh/serve.ftl")),
    (Lang::Zh, "html", include_str!("../locales/zh/html.ftl")),
];

struct Bundles {
    en: FluentBundle<FluentResource>,
    zh: FluentBundle<FluentResource>,
}

static BUNDLES: LazyLock<Bundles> = LazyLock::new(|| Bundles {
    en: bundle(Lang::En),
    zh: bundle(Lang::Zh),
});

fn bundle(lang: Lang) -> FluentBundle<FluentResource> {
    let id: unic_langid::LanguageIdentifier = lang.code().parse().unwrap_or_default();
    let mut bundle = FluentBundle::new_concurrent(vec![id]);
    // Isolation marks (U+2068/U+2069) around arguments would land in terminals and
    // JSON; our texts have no right-to-left parts.
    bundle.set_use_isolating(false);
    for (_, _, text) in RESOURCES.iter().filter(|(l, _, _)| *l == lang) {
        // A resource with a syntax error keeps its good entries; the unit test
        // `resources_parse_cleanly` fails on any error.
        let resource = FluentResource::try_new(text.to_string()).unwrap_or_else(|(r, _)| r);
        let _ = bundle.add_resource(resource);
    }
    bundle
}

fn format(lang: Lang, id: &str, args: &[(&'static str, Arg)]) -> String {
    let bundles = &*BUNDLES;
    let bundle = match lang {
        Lang::En => &bundles.en,
        Lang::Zh => &bundles.zh,
    };
    let (message_id, attribute) = match id.split_once('.') {
        Some((m, a)) => (m, Some(a)),
        None => (id, None),
    };
    let Some(message) = bundle.get_message(message_id) else {
        return id.to_string();
    };
    let pattern = match attribute {
        Some(a) => message.get_attribute(a).map(|attr| attr.value()),
        None => message.value(),
    };
    let Some(pattern) = pattern else {
        return id.to_string();
    };
    let mut fluent_args = FluentArgs::new();
    for (name, value) in args {
        let v = match value {
            Arg::Text(s) => FluentValue::from(s.as_str()),
            Arg::Count(n) => FluentValue::from(*n),
            Arg::Number(x) => FluentValue::from(*x),
            Arg::Say(list) => {
                let sep = format(lang, "list-separator", &[]);
                let said: Vec<String> = list.iter().map(|m| m.say(lang)).collect();
                FluentValue::from(said.join(&sep))
            }
        };
        fluent_args.set(*name, v);
    }
    let mut errors = Vec::new();
    bundle
        .format_pattern(pattern, Some(&fluent_args), &mut errors)
        .into_owned()
}

/// Message ids (with `.attribute` ids) and the variables each uses, per language, read
/// from the embedded resources (for the tests that keep the languages in step).
#[cfg(test)]
pub(crate) fn ids_and_variables(lang: Lang) -> std::collections::BTreeMap<String, Vec<String>> {
    use fluent_syntax::ast;
    let mut out = std::collections::BTreeMap::new();
    for (_, _, text) in RESOURCES.iter().filter(|(l, _, _)| *l == lang) {
        let resource = fluent_syntax::parser::parse(*text).unwrap_or_else(|(r, _)| r);
        for entry in resource.body {
            if let ast::Entry::Message(m) = entry {
                if let Some(value) = &m.value {
                    out.insert(m.id.name.to_string(), variables(value));
                }
                for a in &m.attributes {
                    out.insert(format!("{}.{}", m.id.name, a.id.name), variables(&a.value));
                }
            }
        }
    }
    out
}

#[cfg(test)]
fn variables(pattern: &fluent_syntax::ast::Pattern<&str>) -> Vec<String> {
    use fluent_syntax::ast::{Expression, InlineExpression, PatternElement};
    fn inline(e: &InlineExpression<&str>, out: &mut Vec<String>) {
        if let InlineExpression::VariableReference { id } = e {
            out.push(id.name.to_string());
        }
    }
    fn expr(e: &Expression<&str>, out: &mut Vec<String>) {
        match e {
            Expression::Inline(i) => inline(i, out),
            Expression::Select { selector, variants } => {
                inline(selector, out);
                for v in variants {
                    walk(&v.value, out);
                }
            }
        }
    }
    fn walk(p: &fluent_syntax::ast::Pattern<&str>, out: &mut Vec<String>) {
        for el in &p.elements {
            if let PatternElement::Placeable { expression } = el {
                expr(expression, out);
            }
        }
    }
    let mut out = Vec::new();
    walk(pattern, &mut out);
    out.sort();
    out.dedup();
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn resources_parse_cleanly() {
        for (lang, name, text) in RESOURCES {
            if let Err((_, errors)) = FluentResource::try_new(text.to_string()) {
                panic!("locales/{}/{name}.ftl: {errors:?}", lang.code());
            }
        }
    }

    /// A message missing in one language, or using other variables there, fails here.
    #[test]
    fn every_message_exists_in_every_language_with_the_same_variables() {
        let en = ids_and_variables(Lang::En);
        let zh = ids_and_variables(Lang::Zh);
        let only_en: Vec<&String> = en.keys().filter(|k| !zh.contains_key(*k)).collect();
        let only_zh: Vec<&String> = zh.keys().filter(|k| !en.contains_key(*k)).collect();
        assert!(only_en.is_empty(), "no Chinese for {only_en:?}");
        assert!(only_zh.is_empty(), "no English for {only_zh:?}");
        for (id, vars) in &en {
            assert_eq!(Some(vars), zh.get(id), "variables of {id}");
        }
    }

    /// Every id the code names (`Message::new("…")`, `.tr("…")`) exists (this file's
    /// own test ids aside).
    #[test]
    fn every_id_in_the_code_exists() {
        let en = ids_and_variables(Lang::En);
        let mut missing = Vec::new();
        let mut seen = 0;
        visit_sources(
            std::path::Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/src")),
            &mut |path, text| {
                for pattern in ["Message::new(\"", ".tr(\""] {
                    for (i, _) in text.match_indices(pattern) {
                        let rest = &text[i + pattern.len()..];
                        let Some(end) = rest.find('"') else { continue };
                        let id = &rest[..end];
                        if id.is_empty() || id.contains('{') {
                            continue;
                        }
                        seen += 1;
                        if !en.contains_key(id) {
                            missing.push(format!("{}: {id}", path.display()));
                        }
                    }
                }
            },
        );
        assert!(seen > 0);
        assert!(missing.is_empty(), "ids without a message: {missing:?}");
    }

    fn visit_sources(dir: &std::path::Path, f: &mut dyn FnMut(&std::path::Path, &str)) {
        let Ok(entries) = std::fs::read_dir(dir) else {
            return;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                visit_sources(&path, f);
            } else if path.extension().is_some_and(|e| e == "rs")
                && !path.ends_with("i18n.rs")
                && let Ok(text) = std::fs::read_to_string(&path)
            {
                f(&path, &text);
            }
        }
    }

    #[test]
    fn locale_variables_choose_the_language() {
        let env = |pairs: &'static [(&'static str, &'static str)]| {
            move |name: &str| {
                pairs
                    .iter()
                    .find(|(k, _)| *k == name)
                    .map(|(_, v)| v.to_string())
            }
        };
        assert_eq!(Lang::from_locale(env(&[("LANG", "zh_CN.UTF-8")])), Lang::Zh);
        assert_eq!(
            Lang::from_locale(env(&[("LANG", "zh_CN.UTF-8"), ("LC_ALL", "C")])),
            Lang::En
        );
        assert_eq!(
            Lang::from_locale(env(&[("LC_MESSAGES", "zh_TW"), ("LANG", "en_US")])),
            Lang::Zh
        );
        assert_eq!(
            Lang::from_locale(env(&[("LC_ALL", ""), ("LANG", "zh")])),
            Lang::Zh
        );
        assert_eq!(Lang::from_locale(env(&[])), Lang::En);
        assert_eq!(Lang::parse("ZH-cn"), Some(Lang::Zh));
        assert_eq!(Lang::parse("fr"), None);
    }

    #[test]
    fn messages_take_arguments_and_missing_ids_say_themselves() {
        let m = Message::new("lint-summary")
            .arg("files", 1usize)
            .arg("findings", 3usize);
        assert_eq!(m.say(Lang::En), "1 file checked, 3 findings");
        assert_eq!(m.clone().say(Lang::Zh), "共检查 1 个文件，发现 3 处问题");
        assert_eq!(Lang::Zh.tr("no-such-message-id"), "no-such-message-id");
    }
}
