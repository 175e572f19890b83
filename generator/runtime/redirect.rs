//! Operations that answer only redirects (`3XX`, e.g. a download that points at a storage
//! host): their answer is where the server points. Such a request is sent by an HTTP client
//! that follows no redirect, built the first time one is sent, so nothing (and no credential)
//! goes to the place it points at.

use std::sync::{Arc, OnceLock};

use reqwest::header::LOCATION;

use super::http::unfollowing_client;
use super::transport::{Operation, Response, Transport};
use super::{CallOptions, Config, Error, StatusBody};

/// Where a redirect points: its `Location`, as the server sent it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Redirect {
    location: String,
}

impl Redirect {
    /// The `Location` header's value (absolute, or relative to the request's URL).
    pub fn location(&self) -> &str {
        &self.location
    }
}

/// The client that follows no redirect, shared by a client's clones and built once: the
/// caller's own HTTP client when the configuration has one (its redirect rule then applies).
#[derive(Debug, Clone)]
pub(crate) struct Unfollowing {
    config: Arc<Config>,
    client: Arc<OnceLock<reqwest::Client>>,
}

impl Unfollowing {
    pub(crate) fn new(config: &Config) -> Unfollowing {
        Unfollowing {
            config: Arc::new(config.clone()),
            client: Arc::new(OnceLock::new()),
        }
    }

    fn client<E>(&self) -> Result<&reqwest::Client, Error<E>> {
        if let Some(client) = self.client.get() {
            return Ok(client);
        }
        let built = match &self.config.http {
            Some(http) => http.clone(),
            None => unfollowing_client(&self.config)?,
        };
        Ok(self.client.get_or_init(|| built))
    }
}

impl Transport {
    /// Sends `request`, whose documented answers are redirects, and returns where the answer
    /// points; a documented redirect without a `Location` is [`Error::MissingBody`].
    #[allow(dead_code)] // unused when no operation answers only redirects
    pub(crate) async fn redirect<E: StatusBody>(
        &self,
        operation: &Operation,
        request: reqwest::RequestBuilder,
        options: CallOptions,
    ) -> Result<Response<Redirect>, Error<E>> {
        let http = self.unfollowing.client()?;
        let take = |response: reqwest::Response, _| {
            let location = response.headers().get(LOCATION).cloned();
            async move { Ok(location) }
        };
        let (status, headers, location) = self
            .traced_with(http, operation, request, options, take)
            .await?;
        let location = location.as_ref().and_then(|l| l.to_str().ok());
        match location {
            Some(location) => Ok(Response::of(
                status,
                headers,
                Redirect {
                    location: location.to_owned(),
                },
            )),
            None => Err(Error::MissingBody { status }),
        }
    }
}
