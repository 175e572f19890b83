// users.md, Create: "Required params: username, firstName, lastName, email, password" — also when
// the body is built up front.
fn main() {
    let _ = timetrack_client::types::UserCreate {
        username: "test6".to_owned(),
        first_name: "Max".to_owned(),
        team_lead: None,
        admin: None,
        language: None,
        personal_number: None,
    };
}
