//! A URL or path template (`/tasks/{id}`, `https://{account}.example.com/api`), parsed once: the
//! one place that knows where a template's variables are. Validation parses every operation's
//! path and the server URL with it; the plan reads the parts.

/// A piece of a template.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Part {
    /// Text sent as it is written.
    Literal(String),
    /// `{name}`: a variable, by its name in the template.
    Variable(String),
}

/// A template cut into literal text and variables.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PathTemplate {
    text: String,
    parts: Vec<Part>,
}

/// A template with a `{` that is never closed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Unclosed;

impl PathTemplate {
    /// Parses `text`; every `{` must be closed by a `}`.
    pub fn parse(text: &str) -> Result<PathTemplate, Unclosed> {
        let mut parts = Vec::new();
        let mut rest = text;
        while let Some(open) = rest.find('{') {
            let close = rest[open..].find('}').ok_or(Unclosed)?;
            if open > 0 {
                parts.push(Part::Literal(rest[..open].to_owned()));
            }
            parts.push(Part::Variable(rest[open + 1..open + close].to_owned()));
            rest = &rest[open + close + 1..];
        }
        if !rest.is_empty() {
            parts.push(Part::Literal(rest.to_owned()));
        }
        Ok(PathTemplate {
            text: text.to_owned(),
            parts,
        })
    }

    /// Its literal text and variables, in order.
    pub fn parts(&self) -> &[Part] {
        &self.parts
    }

    /// The names of its variables, in order.
    pub fn variables(&self) -> impl Iterator<Item = &str> {
        self.parts.iter().filter_map(|part| match part {
            Part::Variable(name) => Some(name.as_str()),
            Part::Literal(_) => None,
        })
    }

    /// The template with every variable replaced by its `value`.
    pub fn fill(&self, value: impl Fn(&str) -> String) -> String {
        self.parts
            .iter()
            .map(|part| match part {
                Part::Literal(text) => text.clone(),
                Part::Variable(name) => value(name),
            })
            .collect()
    }

    /// The same template without trailing `/`s (a base URL, to which paths are appended).
    pub fn trim_end_slashes(&self) -> PathTemplate {
        let text = self.text.trim_end_matches('/');
        PathTemplate::parse(text).unwrap_or_else(|Unclosed| self.clone())
    }
}

impl std::fmt::Display for PathTemplate {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.text)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn literal(text: &str) -> Part {
        Part::Literal(text.to_owned())
    }

    fn variable(name: &str) -> Part {
        Part::Variable(name.to_owned())
    }

    #[test]
    fn paths_are_cut_into_text_and_variables() {
        let template = PathTemplate::parse("/tasks/{id}/notes/{noteId}").unwrap();
        assert_eq!(
            template.parts(),
            [
                literal("/tasks/"),
                variable("id"),
                literal("/notes/"),
                variable("noteId")
            ]
        );
        assert_eq!(template.variables().collect::<Vec<_>>(), ["id", "noteId"]);
        assert_eq!(template.to_string(), "/tasks/{id}/notes/{noteId}");
    }

    #[test]
    fn templates_may_start_or_end_with_a_variable_or_have_none() {
        let template = PathTemplate::parse("{a}{b}").unwrap();
        assert_eq!(template.parts(), [variable("a"), variable("b")]);
        assert_eq!(PathTemplate::parse("/a").unwrap().parts(), [literal("/a")]);
        assert!(PathTemplate::parse("").unwrap().parts().is_empty());
    }

    #[test]
    fn an_unclosed_brace_is_refused() {
        assert_eq!(PathTemplate::parse("/a/{id"), Err(Unclosed));
        assert_eq!(PathTemplate::parse("https://{x}.a/{y"), Err(Unclosed));
    }

    #[test]
    fn server_urls_are_filled_and_trimmed() {
        let url = PathTemplate::parse("https://{account}.example.com/api/").unwrap();
        assert_eq!(url.fill(|_| "x".to_owned()), "https://x.example.com/api/");
        let trimmed = url.trim_end_slashes();
        assert_eq!(trimmed.to_string(), "https://{account}.example.com/api");
        assert_eq!(trimmed.variables().collect::<Vec<_>>(), ["account"]);
    }
}
