//! The flow-log importer's error: the file, the place in it, what is wrong and what to do.

/// Result of the flow-log readers.
pub type Result<T, E = FlowError> = std::result::Result<T, E>;

/// Something a flow-log, ENI-map or IP-ranges file could not give.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{file}{}: {message}{}", place_suffix(.place), hint_suffix(.hint))]
pub struct FlowError {
    pub file: String,
    /// `line 12`, `row 7`, `column bytes`... (may be empty).
    pub place: String,
    pub message: String,
    pub hint: String,
}

fn place_suffix(p: &str) -> String {
    if p.is_empty() {
        String::new()
    } else {
        format!(", {p}")
    }
}

fn hint_suffix(h: &str) -> String {
    if h.is_empty() {
        String::new()
    } else {
        format!("\n  hint: {h}")
    }
}

impl FlowError {
    pub fn new(file: &str, place: impl Into<String>, message: impl Into<String>) -> Self {
        FlowError {
            file: file.to_string(),
            place: place.into(),
            message: message.into(),
            hint: String::new(),
        }
    }

    pub fn hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = hint.into();
        self
    }
}
