// clients.md: every operation with its documented params. Create: "you can use all params of
// client object. Required params: name". Update: "all params from client object except: name,
// enabled". Filter: `name`.
use timetrack_client::{Client, Error, types};

async fn usage(client: &Client) -> Result<(), Error> {
    let all: Vec<types::Client> = client.list_clients().send().await?;
    let found: Vec<types::Client> = client
        .list_clients()
        .name("Test")
        .page_number(0)
        .limit(100)
        .send()
        .await?;
    let read: types::Client = client.read_client(1).send().await?;
    let created: types::Client = client
        .create_client("Client Test")
        .enabled(true)
        .color("#FF0000")
        .notes("n")
        .email("test@timetrackapp.com")
        .phone("p")
        .address("a")
        .address2("a2")
        .address_zip_code("10115")
        .address_city("Berlin")
        .address_country("DE")
        .contact_person("Jane")
        .field1("VAT ID: 123455678")
        .field2("f2")
        .field3("f3")
        .send()
        .await?;
    let updated: types::Client = client
        .update_client(6)
        .color("#00FF00")
        .notes("n")
        .email("test@timetrackapp.com")
        .phone("p")
        .address("a")
        .address2("a2")
        .address_zip_code("10115")
        .address_city("Berlin")
        .address_country("DE")
        .contact_person("Jane")
        .field1("f1")
        .field2("Test")
        .field3("f3")
        .send()
        .await?;
    client.delete_client(6).send().await?;
    let _ = (all, found, read, created, updated);
    Ok(())
}

// "Client object params": ID Integer, name Text, enabled Boolean, the rest Text.
fn fields(c: &types::Client) {
    let _: i64 = c.id;
    let _: &String = &c.name;
    let _: Option<bool> = c.enabled;
    let _: Option<&String> = c.email.as_ref();
    let _: Option<&String> = c.address_country.as_ref();
}

fn main() {
    let _ = (usage, fields);
}
