//! Where requests go: one parsed origin per product host (`api`, `voice`, …), from Twilio's
//! host scheme with an edge and a region or from a base URL, and the one join of an encoded path
//! and query onto it.

use std::collections::HashMap;
use std::fmt;
use std::sync::{PoisonError, RwLock};

use reqwest::Url;

use super::config::ConfigProblem;
use crate::shared::is_host_label;

/// The origins of a client, parsed: each product host's is parsed once, the first time a
/// request goes there (`api` when the client is built), and every request's URL is that origin
/// with the encoded path and query set on it; no URL text the client built is parsed again.
pub(crate) struct Origins {
    scheme: Scheme,
    /// Per-product origins ([`ClientBuilder::host_base_url`](crate::ClientBuilder::host_base_url)),
    /// parsed once: the URL and its text without a trailing `/`.
    overrides: HashMap<String, (Url, String)>,
    /// The parsed origin of each product host seen so far (Twilio's hosts only: a base URL is
    /// parsed once, in `scheme`).
    parsed: RwLock<HashMap<&'static str, Url>>,
}

/// How a product host becomes an origin.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Scheme {
    /// `https://{host}{suffix}`, the suffix being `.twilio.com` or `.{edge}.{region}.twilio.com`.
    Twilio { suffix: String },
    /// Every request to this origin (and path prefix, no trailing `/`), whatever the host.
    Custom { base: Url, text: String },
}

impl Origins {
    /// The origins for a base URL, or for Twilio's hosts with an edge and a region; every
    /// problem with them.
    pub(crate) fn new(
        base_url: Option<&str>,
        edge: Option<&str>,
        region: Option<&str>,
        host_base_urls: &[(String, String)],
    ) -> Result<Origins, Vec<ConfigProblem>> {
        // Every setting is checked, even the edge and region a base URL replaces.
        let base = base_url.map(check_base_url).transpose();
        let suffix = twilio_suffix(edge, region);
        let mut overrides = HashMap::new();
        let mut override_problems = Vec::new();
        for (host, origin) in host_base_urls {
            if !is_host_label(host) {
                override_problems.push(ConfigProblem::BadProduct(host.clone()));
                continue;
            }
            match check_base_url(origin) {
                Ok(url) => {
                    let text = url.as_str().trim_end_matches('/').to_owned();
                    overrides.insert(host.clone(), (url, text));
                }
                Err(problem) => override_problems.push(ConfigProblem::HostBaseUrl {
                    host: host.clone(),
                    problem: Box::new(problem),
                }),
            }
        }
        let scheme = match (base, suffix) {
            (Ok(Some(base)), Ok(_)) => {
                let text = base.as_str().trim_end_matches('/').to_owned();
                Scheme::Custom { base, text }
            }
            (Ok(None), Ok(suffix)) => Scheme::Twilio { suffix },
            (base, suffix) => {
                let base = base.err().into_iter();
                let suffix = suffix.err().into_iter().flatten();
                return Err(base.chain(suffix).chain(override_problems).collect());
            }
        };
        if !override_problems.is_empty() {
            return Err(override_problems);
        }
        let origins = Origins {
            scheme,
            overrides,
            parsed: RwLock::new(HashMap::new()),
        };
        origins
            .origin("api")
            .expect("`api` with a checked suffix or base URL is a valid origin");
        Ok(origins)
    }

    /// The origin of requests to `host` as text, without a trailing `/`
    /// (`https://api.twilio.com`).
    pub(crate) fn text(&self, host: &str) -> String {
        if let Some((_, text)) = self.overrides.get(host) {
            return text.clone();
        }
        match &self.scheme {
            Scheme::Twilio { suffix } => format!("https://{host}{suffix}"),
            Scheme::Custom { text, .. } => text.clone(),
        }
    }

    /// The parsed origin of `host`: from the cache, or parsed once and kept.
    fn origin(&self, host: &'static str) -> Result<Url, ConfigProblem> {
        if let Some((url, _)) = self.overrides.get(host) {
            return Ok(url.clone());
        }
        if let Scheme::Custom { base, .. } = &self.scheme {
            return Ok(base.clone());
        }
        let cached = self
            .parsed
            .read()
            .unwrap_or_else(PoisonError::into_inner)
            .get(host)
            .cloned();
        if let Some(url) = cached {
            return Ok(url);
        }
        if !is_host_label(host) {
            return Err(ConfigProblem::BadHost(host));
        }
        let url = Url::parse(&self.text(host)).map_err(|_| ConfigProblem::BadHost(host))?;
        self.parsed
            .write()
            .unwrap_or_else(PoisonError::into_inner)
            .insert(host, url.clone());
        Ok(url)
    }

    /// The full URL of a request to `host`: its origin with `relative` (an encoded path,
    /// starting with `/`, and query) after the base URL's path prefix, if any.
    pub(crate) fn join(&self, host: &'static str, relative: &str) -> Result<Url, ConfigProblem> {
        let mut url = self.origin(host)?;
        let (path, query) = match relative.split_once('?') {
            Some((path, query)) => (path, Some(query)),
            None => (relative, None),
        };
        match url.path().trim_end_matches('/') {
            "" => url.set_path(path),
            prefix => url.set_path(&format!("{prefix}{path}")),
        }
        url.set_query(query);
        Ok(url)
    }
}

impl fmt::Debug for Origins {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.scheme {
            Scheme::Twilio { suffix } => write!(f, "https://{{host}}{suffix}")?,
            Scheme::Custom { text, .. } => f.write_str(text)?,
        }
        let mut hosts: Vec<_> = self.overrides.iter().collect();
        hosts.sort_by(|a, b| a.0.cmp(b.0));
        for (host, (_, text)) in hosts {
            write!(f, ", {host}: {text}")?;
        }
        Ok(())
    }
}

/// The host suffix for an edge and a region, as Twilio's helper libraries build it: an edge
/// without a region means `us1`.
fn twilio_suffix(edge: Option<&str>, region: Option<&str>) -> Result<String, Vec<ConfigProblem>> {
    let mut problems = Vec::new();
    if let Some(edge) = edge.filter(|edge| !is_host_label(edge)) {
        problems.push(ConfigProblem::BadEdge(edge.to_owned()));
    }
    if let Some(region) = region.filter(|region| !is_host_label(region)) {
        problems.push(ConfigProblem::BadRegion(region.to_owned()));
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    let region = region.or(edge.map(|_| "us1"));
    let mut suffix = String::new();
    for part in [edge, region].into_iter().flatten() {
        suffix.push('.');
        suffix.push_str(part);
    }
    suffix.push_str(".twilio.com");
    Ok(suffix)
}

/// Checks a base URL: http or https, a host, plain http only on loopback; no query, fragment
/// or credentials.
fn check_base_url(base: &str) -> Result<Url, ConfigProblem> {
    let url = Url::parse(base).map_err(|_| ConfigProblem::BaseUrlUnparsable)?;
    let loopback = match url.host() {
        Some(url::Host::Ipv4(ip)) => ip.is_loopback(),
        Some(url::Host::Ipv6(ip)) => ip.is_loopback(),
        Some(url::Host::Domain(domain)) => domain.eq_ignore_ascii_case("localhost"),
        None => return Err(ConfigProblem::BaseUrlWithoutHost),
    };
    match url.scheme() {
        "https" => {}
        "http" if loopback => {}
        "http" => return Err(ConfigProblem::PlainHttpNotLoopback),
        _ => return Err(ConfigProblem::BaseUrlScheme),
    }
    if url.query().is_some() || url.fragment().is_some() || !url.username().is_empty() {
        return Err(ConfigProblem::BaseUrlExtras);
    }
    Ok(url)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn twilio(edge: Option<&str>, region: Option<&str>) -> Origins {
        Origins::new(None, edge, region, &[]).unwrap()
    }

    fn custom(base: &str) -> Origins {
        Origins::new(Some(base), Some("ignored"), None, &[]).unwrap()
    }

    const TAILS: [&str; 4] = [
        "/2010-04-01/Accounts/AC1/Calls/a%2Fb%3Fc%20%C3%BC.json",
        "/v1/Calls.json?To=%2B1555&StartTime%3E=2026-01-02&Status=a&Status=b",
        "/v1/x?",
        "/",
    ];

    #[test]
    fn base_url_region_and_edge_give_the_right_urls() {
        let cases = [
            (
                twilio(None, None),
                "https://api.twilio.com",
                "https://voice.twilio.com",
            ),
            (
                twilio(Some("sydney"), Some("au1")),
                "https://api.sydney.au1.twilio.com",
                "https://voice.sydney.au1.twilio.com",
            ),
            (
                twilio(Some("dublin"), None),
                "https://api.dublin.us1.twilio.com",
                "https://voice.dublin.us1.twilio.com",
            ),
            (
                twilio(None, Some("ie1")),
                "https://api.ie1.twilio.com",
                "https://voice.ie1.twilio.com",
            ),
            (
                custom("http://127.0.0.1:4010/"),
                "http://127.0.0.1:4010",
                "http://127.0.0.1:4010",
            ),
            (
                custom("http://localhost:1/prefix/"),
                "http://localhost:1/prefix",
                "http://localhost:1/prefix",
            ),
            (custom("http://[::1]:9"), "http://[::1]:9", "http://[::1]:9"),
        ];
        for (origins, api, voice) in &cases {
            assert_eq!(origins.text("api"), *api);
            assert_eq!(origins.text("voice"), *voice);
            for tail in TAILS {
                // The join gives what a full parse of the origin's text followed by the
                // encoded path gives.
                let full = Url::parse(&format!("{api}{tail}")).unwrap();
                assert_eq!(origins.join("api", tail).unwrap(), full, "{api}{tail}");
                let full = Url::parse(&format!("{voice}{tail}")).unwrap();
                assert_eq!(origins.join("voice", tail).unwrap(), full, "{voice}{tail}");
            }
        }
        let voice = twilio(None, None)
            .join("voice", "/v1/IpRecords/IL1")
            .unwrap();
        assert_eq!(voice.as_str(), "https://voice.twilio.com/v1/IpRecords/IL1");
    }

    #[test]
    fn each_product_can_have_its_own_origin() {
        let hosts = [
            ("messaging".to_owned(), "http://127.0.0.1:4011/".to_owned()),
            (
                "chat".to_owned(),
                "https://chat-proxy.example.com/p".to_owned(),
            ),
        ];
        for base in [None, Some("http://127.0.0.1:4010")] {
            let origins = Origins::new(base, None, None, &hosts).unwrap();
            assert_eq!(origins.text("messaging"), "http://127.0.0.1:4011");
            assert_eq!(origins.text("chat"), "https://chat-proxy.example.com/p");
            let default = base.unwrap_or("https://sync.twilio.com");
            assert_eq!(origins.text("sync"), default);
            assert_eq!(
                origins.join("chat", "/v1/Services").unwrap().as_str(),
                "https://chat-proxy.example.com/p/v1/Services"
            );
            assert_eq!(
                origins
                    .join("messaging", "/v1/Services?A=1")
                    .unwrap()
                    .as_str(),
                "http://127.0.0.1:4011/v1/Services?A=1"
            );
        }
        let problems = Origins::new(
            None,
            None,
            None,
            &[
                ("Not A Host".to_owned(), "https://x.example".to_owned()),
                ("chat".to_owned(), "http://example.com".to_owned()),
            ],
        )
        .err()
        .unwrap();
        assert_eq!(
            problems,
            [
                ConfigProblem::BadProduct("Not A Host".into()),
                ConfigProblem::HostBaseUrl {
                    host: "chat".into(),
                    problem: Box::new(ConfigProblem::PlainHttpNotLoopback)
                },
            ]
        );
    }

    #[test]
    fn a_host_that_is_no_label_is_a_problem_not_a_panic() {
        let origins = twilio(None, None);
        assert_eq!(
            origins.join("not a host", "/").unwrap_err(),
            ConfigProblem::BadHost("not a host")
        );
    }

    #[test]
    fn base_urls() {
        let check = |base| check_base_url(base).map(|url| url.to_string());
        assert_eq!(
            check("https://proxy.example.com").unwrap(),
            "https://proxy.example.com/"
        );
        assert_eq!(
            check("http://example.com"),
            Err(ConfigProblem::PlainHttpNotLoopback)
        );
        assert_eq!(check("ftp://127.0.0.1"), Err(ConfigProblem::BaseUrlScheme));
        assert_eq!(
            check("https://example.com/?q=1"),
            Err(ConfigProblem::BaseUrlExtras)
        );
        assert_eq!(
            check("https://u:p@example.com"),
            Err(ConfigProblem::BaseUrlExtras)
        );
        assert_eq!(check("not a url"), Err(ConfigProblem::BaseUrlUnparsable));
        assert_eq!(
            check("unix:/run/socket"),
            Err(ConfigProblem::BaseUrlWithoutHost)
        );
    }
}
