// users.md: every operation the page's examples survive for, with every param they name.
// Create: "You can use all user object params to create user." "Required params: username,
// firstName, lastName, email, password". Update: "For Update you can use all params of user
// object except: enabled, username." Filter: `username` (from the example).
use timetrack_client::{Client, Error, types};

async fn usage(client: &Client) -> Result<(), Error> {
    let all: Vec<types::User> = client.list_users().send().await?;
    let found: Vec<types::User> = client
        .list_users()
        .username("test")
        .page_number(0)
        .limit(100)
        .send()
        .await?;
    let read: types::User = client.read_user(1).send().await?;
    let created: types::User = client
        .create_user("test6", "Max", "Smith", "test4@test.com", "123123123")
        .team_lead(false)
        .admin(true)
        .language("de")
        .personal_number(1234)
        .send()
        .await?;
    let updated: types::User = client
        .update_user(1)
        .first_name("John")
        .last_name("Smith")
        .email("test3_@test.com")
        .password("122122122")
        .team_lead(true)
        .admin(true)
        .language("en")
        .personal_number(1234)
        .send()
        .await?;
    let body = types::UserCreate {
        username: "test6".into(),
        first_name: "Max".into(),
        last_name: "Smith".into(),
        email: "test4@test.com".into(),
        password: "123123123".into(),
        team_lead: None,
        admin: None,
        language: None,
        personal_number: None,
    };
    let _ = client.create_user_with_body(body).send().await?;
    let change = types::UserUpdate {
        language: Some("en".into()),
        ..Default::default()
    };
    let _ = client.update_user_with_body(1, change).send().await?;
    let _ = (all, found, read, created, updated);
    Ok(())
}

// Types as the page's examples send them: strings, booleans, personalNumber a JSON integer.
fn fields(u: &types::User) {
    let _: i64 = u.id;
    let _: &String = &u.username;
    let _: Option<&String> = u.first_name.as_ref();
    let _: Option<&String> = u.password.as_ref();
    let _: Option<bool> = u.team_lead;
    let _: Option<bool> = u.admin;
    let _: Option<i64> = u.personal_number;
}

fn main() {
    let _ = (usage, fields);
}
