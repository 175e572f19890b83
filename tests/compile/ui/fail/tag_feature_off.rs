// Each tag is a cargo feature: with `default-features = false, features = ["books", "mock"]` (this
// crate's dev-dependency), the operations, mocks and types of `Authors` alone are not compiled,
// while those of `Books`, of the operation under both tags and what they share are.
use snapshot_tags::{Client, Credentials, types};

fn main() {
    let client = Client::new(Credentials::new("k")).unwrap();
    let _ = client.list_books();
    let _ = client.read_book(1);
    let _ = client.list_author_books(1);
    let _: Option<types::Book> = None;
    let _: Option<types::ErrorResponse> = None;
    let _ = client.list_authors();
    let _: Option<types::Author> = None;
    let _: Option<snapshot_tags::mock::ListAuthorsWhen> = None;
    let _: Option<snapshot_tags::mock::ListBooksWhen> = None;
}
