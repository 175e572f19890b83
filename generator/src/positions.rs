//! Where each node of the YAML source is: dotted pointer (`paths./tasks.get.parameters[0]`) →
//! line and column, so validation problems can name a line as well as a place.

use std::collections::HashMap;

use yaml_rust2::parser::{Event, MarkedEventReceiver, Parser};
use yaml_rust2::scanner::Marker;

/// Line and column (both 1-based) of every mapping key and sequence item of a YAML document.
#[derive(Debug, Default, Clone)]
pub struct Positions(HashMap<String, (usize, usize)>);

impl Positions {
    /// Indexes `source`; a document the scanner cannot read gives an empty index.
    pub fn index(source: &str) -> Positions {
        let mut indexer = Indexer::default();
        let mut parser = Parser::new_from_str(source);
        if parser.load(&mut indexer, false).is_err() {
            return Positions::default();
        }
        Positions(indexer.positions)
    }

    /// The position of `pointer`, or of its nearest ancestor that has one.
    pub fn find(&self, pointer: &str) -> Option<(usize, usize)> {
        let mut current = pointer;
        loop {
            if let Some(found) = self.0.get(current) {
                return Some(*found);
            }
            let cut = current.rfind(['.', '['])?;
            current = &current[..cut];
        }
    }
}

enum Frame {
    Map {
        pointer: String,
        key: Option<String>,
    },
    Seq {
        pointer: String,
        index: usize,
    },
}

#[derive(Default)]
struct Indexer {
    stack: Vec<Frame>,
    positions: HashMap<String, (usize, usize)>,
}

impl Indexer {
    /// The pointer of the node that comes next at the current place.
    fn next_pointer(&self) -> String {
        match self.stack.last() {
            None => String::new(),
            Some(Frame::Map { pointer, key }) => join(pointer, key.as_deref().unwrap_or("?")),
            Some(Frame::Seq { pointer, index }) => format!("{pointer}[{index}]"),
        }
    }

    fn record(&mut self, pointer: String, mark: Marker) {
        self.positions
            .entry(pointer)
            .or_insert((mark.line(), mark.col() + 1));
    }

    /// A value at the current place is complete.
    fn advance(&mut self) {
        match self.stack.last_mut() {
            Some(Frame::Map { key, .. }) => *key = None,
            Some(Frame::Seq { index, .. }) => *index += 1,
            None => {}
        }
    }
}

fn join(parent: &str, key: &str) -> String {
    if parent.is_empty() {
        key.to_owned()
    } else {
        format!("{parent}.{key}")
    }
}

impl MarkedEventReceiver for Indexer {
    fn on_event(&mut self, event: Event, mark: Marker) {
        match event {
            Event::Scalar(value, ..) => {
                if let Some(Frame::Map { pointer, key }) = self.stack.last_mut()
                    && key.is_none()
                {
                    let child = join(pointer, &value);
                    *key = Some(value);
                    self.record(child, mark);
                    return;
                }
                let pointer = self.next_pointer();
                self.record(pointer, mark);
                self.advance();
            }
            Event::Alias(_) => {
                let pointer = self.next_pointer();
                self.record(pointer, mark);
                self.advance();
            }
            Event::MappingStart(..) | Event::SequenceStart(..) => {
                let pointer = self.next_pointer();
                self.record(pointer.clone(), mark);
                self.stack
                    .push(if matches!(event, Event::MappingStart(..)) {
                        Frame::Map { pointer, key: None }
                    } else {
                        Frame::Seq { pointer, index: 0 }
                    });
            }
            Event::MappingEnd | Event::SequenceEnd => {
                self.stack.pop();
                self.advance();
            }
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SOURCE: &str = "openapi: 3.0.3\npaths:\n  /tasks/{id}:\n    put:\n      parameters:\n        - name: id\n        - name: x\n      requestBody:\n        required: true\n";

    #[test]
    fn keys_and_items_have_their_line_and_column() {
        let positions = Positions::index(SOURCE);
        assert_eq!(positions.find("openapi"), Some((1, 1)));
        assert_eq!(positions.find("paths./tasks/{id}.put"), Some((4, 5)));
        assert_eq!(
            positions
                .find("paths./tasks/{id}.put.parameters[1]")
                .map(|p| p.0),
            Some(7)
        );
        assert_eq!(
            positions.find("paths./tasks/{id}.put.requestBody"),
            Some((8, 7))
        );
    }

    #[test]
    fn unknown_places_fall_back_to_the_nearest_ancestor() {
        let positions = Positions::index(SOURCE);
        assert_eq!(
            positions.find("paths./tasks/{id}.put.requestBody.content"),
            Some((8, 7))
        );
        assert_eq!(positions.find("nothing.here"), None);
    }
}
