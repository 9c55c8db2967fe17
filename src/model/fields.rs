//! A workspace's own fields, declared once in cuc.yaml (`fields:`), and the
//! schemas they make: each declaration becomes a property of the section it
//! belongs to, so a custom field is checked by the very code that checks a
//! built-in one, with the same positions, messages and did-you-mean.

use serde_json::{Map, Value, json};

use crate::load::document::DocumentKind;

/// Where a custom field may be declared.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Section {
    Customer,
    BusinessContext,
    Stakeholders,
    SuccessCriteria,
    Risks,
    Commitments,
    Milestones,
    Decisions,
}

impl Section {
    pub const ALL: [Section; 8] = [
        Section::Customer,
        Section::BusinessContext,
        Section::Stakeholders,
        Section::SuccessCriteria,
        Section::Risks,
        Section::Commitments,
        Section::Milestones,
        Section::Decisions,
    ];

    /// Its name under `fields:` in cuc.yaml, and the key of the section in
    /// the documents.
    pub fn name(self) -> &'static str {
        match self {
            Section::Customer => "customer",
            Section::BusinessContext => "business_context",
            Section::Stakeholders => "stakeholders",
            Section::SuccessCriteria => "success_criteria",
            Section::Risks => "risks",
            Section::Commitments => "commitments",
            Section::Milestones => "milestones",
            Section::Decisions => "decisions",
        }
    }

    pub fn from_name(name: &str) -> Option<Section> {
        Section::ALL.into_iter().find(|s| s.name() == name)
    }

    /// Whether the section is a list of items (a field belongs to each item).
    pub fn is_list(self) -> bool {
        !matches!(self, Section::Customer | Section::BusinessContext)
    }

    /// The document the section is written in.
    pub fn document(self) -> DocumentKind {
        match self {
            Section::Decisions => DocumentKind::Decisions,
            _ => DocumentKind::Understanding,
        }
    }

    /// The JSON pointer, inside the document's schema, of the object schema
    /// a field of this section is added to.
    fn schema_pointer(self) -> &'static str {
        match self {
            Section::Customer => "/properties/customer",
            Section::BusinessContext => "/properties/business_context",
            Section::Stakeholders => "/$defs/stakeholder",
            Section::SuccessCriteria => "/$defs/criterion",
            Section::Risks => "/$defs/risk",
            Section::Commitments => "/$defs/commitment",
            Section::Milestones => "/$defs/milestone",
            Section::Decisions => "/$defs/decision",
        }
    }

    /// The built-in fields of the section, as the embedded schema lists them.
    pub fn built_in(self) -> Vec<String> {
        let schema: Value =
            serde_json::from_str(self.document().schema_text()).unwrap_or(Value::Null);
        schema
            .pointer(&format!("{}/properties", self.schema_pointer()))
            .and_then(Value::as_object)
            .map(|properties| properties.keys().cloned().collect())
            .unwrap_or_default()
    }
}

/// The start of a web address, `http://` or `https://` and a host: the
/// `url` type takes no other kind of address (`javascript:`, `ftp:`).
pub const WEB_ADDRESS: &str = "^[Hh][Tt][Tt][Pp][Ss]?://[^\\s/?#]+";

/// What a custom field holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FieldType {
    Text,
    Number,
    Date,
    Email,
    Url,
    Boolean,
    /// One of the listed values.
    Enum(Vec<String>),
    /// A list of texts.
    List,
}

impl FieldType {
    /// The names written after `type:` in cuc.yaml.
    pub const NAMES: [&'static str; 8] = [
        "text", "number", "date", "email", "url", "boolean", "enum", "list",
    ];

    /// The type a declaration names; `values` are an enum's.
    pub fn from_name(name: &str, values: Vec<String>) -> Option<FieldType> {
        Some(match name {
            "text" => FieldType::Text,
            "number" => FieldType::Number,
            "date" => FieldType::Date,
            "email" => FieldType::Email,
            "url" => FieldType::Url,
            "boolean" => FieldType::Boolean,
            "enum" => FieldType::Enum(values),
            "list" => FieldType::List,
            _ => return None,
        })
    }

    /// What a value of the type is, in words.
    pub fn describe(&self) -> String {
        match self {
            FieldType::Text => "a text".to_owned(),
            FieldType::Number => "a number".to_owned(),
            FieldType::Date => "a date, YYYY-MM-DD".to_owned(),
            FieldType::Email => "an email address".to_owned(),
            FieldType::Url => "a web address, starting with https://".to_owned(),
            FieldType::Boolean => "true or false".to_owned(),
            FieldType::Enum(values) => {
                let quoted: Vec<String> = values.iter().map(|v| format!("`{v}`")).collect();
                format!("one of {}", quoted.join(", "))
            }
            FieldType::List => "a list of texts".to_owned(),
        }
    }

    fn schema(&self) -> Value {
        match self {
            FieldType::Text => json!({"type": "string", "minLength": 1}),
            FieldType::Number => json!({"type": "number"}),
            FieldType::Date => json!({"type": "string", "format": "date"}),
            FieldType::Email => json!({"type": "string", "format": "email"}),
            FieldType::Url => json!({"type": "string", "format": "uri", "pattern": WEB_ADDRESS}),
            FieldType::Boolean => json!({"type": "boolean"}),
            FieldType::Enum(values) => json!({"enum": values}),
            FieldType::List => {
                json!({"type": "array", "items": {"type": "string", "minLength": 1}})
            }
        }
    }
}

/// One declared field.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Field {
    pub section: Section,
    pub name: String,
    pub kind: FieldType,
    pub required: bool,
    /// `visibility: internal`: never on the page the customer reads.
    pub internal: bool,
    /// Shown on the page (the customer's, unless internal, and ours).
    pub show_on_page: bool,
    pub description: Option<String>,
}

impl Field {
    /// How the page and the exports name the field: `product_line` is
    /// "Product line".
    pub fn label(&self) -> String {
        let words = self.name.replace(['_', '-'], " ");
        let mut chars = words.chars();
        match chars.next() {
            Some(first) => first.to_uppercase().chain(chars).collect(),
            None => words,
        }
    }

    /// How `cuc status --format json` (`fields`) and `cuc export` name the
    /// field: its name, or its path (`business_context.region`) for a
    /// business-context field whose name a customer field has too.
    pub fn summary_key(&self, all: &CustomFields) -> String {
        let clash = self.section == Section::BusinessContext
            && all
                .of(Section::Customer)
                .any(|other| other.name == self.name);
        if clash {
            self.path()
        } else {
            self.name.clone()
        }
    }

    /// The path the customer page's hide list uses (`stakeholders.linkedin`).
    pub fn path(&self) -> String {
        format!("{}.{}", self.section.name(), self.name)
    }

    fn schema(&self) -> Value {
        let mut schema = self.kind.schema();
        let description = self.description.clone().unwrap_or_else(|| {
            format!(
                "{}: this team's own field, declared in cuc.yaml",
                self.kind.describe()
            )
        });
        if let Value::Object(map) = &mut schema {
            map.insert("description".to_owned(), Value::from(description));
        }
        schema
    }
}

/// Every field the workspace declares, in the order cuc.yaml lists them.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CustomFields {
    pub fields: Vec<Field>,
}

impl CustomFields {
    pub fn is_empty(&self) -> bool {
        self.fields.is_empty()
    }

    /// The fields of one section.
    pub fn of(&self, section: Section) -> impl Iterator<Item = &Field> {
        self.fields.iter().filter(move |f| f.section == section)
    }

    /// A document kind's schema with the fields of its sections merged in.
    pub fn merged_schema(&self, kind: DocumentKind) -> Value {
        let mut schema: Value = serde_json::from_str(kind.schema_text()).unwrap_or(Value::Null);
        for field in self.fields.iter().filter(|f| f.section.document() == kind) {
            let Some(Value::Object(object)) = schema.pointer_mut(field.section.schema_pointer())
            else {
                continue;
            };
            if let Value::Object(properties) = object
                .entry("properties")
                .or_insert_with(|| Value::Object(Map::new()))
            {
                properties.insert(field.name.clone(), field.schema());
            }
            if field.required
                && let Value::Array(required) = object
                    .entry("required")
                    .or_insert_with(|| Value::Array(Vec::new()))
            {
                required.push(Value::from(field.name.clone()));
            }
        }
        schema
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn field(section: Section, name: &str, kind: FieldType, required: bool) -> Field {
        Field {
            section,
            name: name.to_owned(),
            kind,
            required,
            internal: false,
            show_on_page: false,
            description: None,
        }
    }

    #[test]
    fn a_declaration_becomes_a_property_of_its_section() {
        let fields = CustomFields {
            fields: vec![
                field(
                    Section::Customer,
                    "region",
                    FieldType::Enum(vec!["emea".into(), "amer".into()]),
                    true,
                ),
                field(Section::Stakeholders, "linkedin", FieldType::Url, false),
                field(Section::Decisions, "ticket", FieldType::Text, false),
            ],
        };
        let understanding = fields.merged_schema(DocumentKind::Understanding);
        assert_eq!(
            understanding["properties"]["customer"]["properties"]["region"]["enum"],
            json!(["emea", "amer"])
        );
        assert!(
            understanding["properties"]["customer"]["required"]
                .as_array()
                .unwrap()
                .contains(&json!("region"))
        );
        assert_eq!(
            understanding["$defs"]["stakeholder"]["properties"]["linkedin"]["format"],
            "uri"
        );
        let decisions = fields.merged_schema(DocumentKind::Decisions);
        assert_eq!(
            decisions["$defs"]["decision"]["properties"]["ticket"]["type"],
            "string"
        );
        // The other document is untouched.
        assert!(understanding.pointer("/$defs/decision").is_none());
    }

    #[test]
    fn the_built_in_fields_come_from_the_schema() {
        assert!(
            Section::Stakeholders
                .built_in()
                .contains(&"email".to_owned())
        );
        assert!(
            Section::Decisions
                .built_in()
                .contains(&"context".to_owned())
        );
        assert!(Section::Customer.built_in().contains(&"crm_id".to_owned()));
    }

    #[test]
    fn labels_read_as_words() {
        let f = field(Section::Customer, "product_line", FieldType::Text, false);
        assert_eq!(f.label(), "Product line");
        assert_eq!(f.path(), "customer.product_line");
    }
}
