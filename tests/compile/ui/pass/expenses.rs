// expenses.md: list with every filter of the filter table ("Following params can be used for
// search / filter": name, projectName, clientName, user (sent as `username`, as the example
// does), from, to) and read ("Required params: id."). from/to are timestamps.
use chrono::{DateTime, Utc};
use timetrack_client::{Client, Error, types};

async fn usage(client: &Client, from: DateTime<Utc>, to: DateTime<Utc>) -> Result<(), Error> {
    let all: Vec<types::Expense> = client.list_expenses().send().await?;
    let found: Vec<types::Expense> = client
        .list_expenses()
        .name("Hotel")
        .project_name("Project 006_1")
        .client_name("Client 006")
        .username("test")
        .from(from)
        .to(to)
        .page_number(0)
        .limit(1000)
        .send()
        .await?;
    let read: types::Expense = client.read_expense(1).send().await?;
    let _ = (all, found, read);
    Ok(())
}

// "Expense object has following params": ID Integer, price Number, quantity Integer,
// billable Boolean, date a timestamp, the rest Text.
fn fields(e: &types::Expense) {
    let _: i64 = e.id;
    let _: &String = &e.name;
    let _: Option<&String> = e.user.as_ref();
    let _: Option<f64> = e.price;
    let _: Option<i64> = e.quantity;
    let _: Option<bool> = e.billable;
    let _: Option<DateTime<Utc>> = e.date;
}

fn main() {
    let _ = (usage, fields);
}
