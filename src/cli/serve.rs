//! `zongjie serve`: the flags, checked and turned into the service's options; the
//! service itself is `crate::server`.
//!
//! What must stay true: the service never listens off loopback without a token.

use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::path::PathBuf;
use std::time::Duration;

use anyhow::{Result, bail};
use clap::Args;

use super::LangArg;
use crate::server::{self, Options};
use zongjie::Config;
use zongjie::i18n::Message;

/// The environment variable that may hold the token.
pub const TOKEN_VAR: &str = "ZONGJIE_TOKEN";

/// Arguments of `zongjie serve`.
#[derive(Debug, Args)]
pub struct ServeArgs {
    /// Address to listen on (default 127.0.0.1: this machine only); any other address
    /// needs a token.
    #[arg(long, value_name = "IP", default_value = "127.0.0.1")]
    bind: String,
    /// Port to listen on (default 8080; 0 picks a free one, printed at start).
    #[arg(long, value_name = "PORT", default_value_t = 8080)]
    port: u16,
    /// Token every API call must carry as `Authorization: Bearer TOKEN` (default: the
    /// ZONGJIE_TOKEN environment variable, which keeps it out of the process list).
    #[arg(long, value_name = "TOKEN")]
    token: Option<String>,
    /// Largest request body (default 20M; k, M, G in units of 1024).
    #[arg(long, value_name = "SIZE", default_value = "20M", value_parser = parse_size)]
    max_body: usize,
    /// Analyses run at once (default: the number of cores).
    #[arg(long, value_name = "N")]
    jobs: Option<usize>,
    /// Requests that may wait for an analysis (default 64); past that the service
    /// answers 503 with Retry-After.
    #[arg(long, value_name = "N", default_value_t = 64)]
    queue: usize,
    /// Time allowed per API request (default 30s; ms, s or m); past it the service
    /// answers 503.
    #[arg(long, value_name = "DURATION", default_value = "30s", value_parser = parse_duration)]
    timeout: Duration,
    /// Language for requests that choose none (by ?lang= or Accept-Language): zh or
    /// en (default: the locale).
    #[arg(long = "lang", value_enum, value_name = "LANG")]
    default_lang: Option<LangArg>,
    /// Use this config file instead of the nearest zongjie.toml.
    #[arg(long, value_name = "FILE")]
    config: Option<PathBuf>,
}

/// Runs the service until Ctrl-C.
pub fn run(args: ServeArgs) -> Result<u8> {
    let mut config = match &args.config {
        Some(p) => Config::from_file(p)?,
        None => match std::env::current_dir()
            .ok()
            .and_then(|d| Config::discover(&d))
        {
            Some(p) => Config::from_file(&p)?,
            None => Config::default(),
        },
    };
    if let Some(lang) = args.default_lang {
        config.lang = Some(lang.into());
    }
    let lang = config.language();
    let ip = parse_ip(&args.bind).ok_or_else(|| {
        anyhow::anyhow!(
            "{}",
            Message::new("serve-bad-bind")
                .arg("value", &args.bind)
                .say(lang)
        )
    })?;
    let token = args
        .token
        .clone()
        .or_else(|| std::env::var(TOKEN_VAR).ok().filter(|t| !t.is_empty()));
    if let Some(token) = &token
        && !valid_token(token)
    {
        bail!("{}", lang.tr("serve-bad-token"));
    }
    let addr = SocketAddr::new(ip, args.port);
    if token.is_none() && !ip.is_loopback() {
        bail!(
            "{}",
            Message::new("serve-needs-token")
                .arg("addr", ip.to_string())
                .say(lang)
        );
    }
    let jobs = args.jobs.unwrap_or_else(|| {
        std::thread::available_parallelism()
            .map(usize::from)
            .unwrap_or(1)
    });
    if jobs == 0 {
        bail!(
            "{}",
            Message::new("serve-bad-count")
                .arg("flag", "jobs")
                .arg("least", 1usize)
                .say(lang)
        );
    }
    server::run(Options {
        addr,
        token,
        max_body: args.max_body,
        jobs,
        queue: args.queue,
        timeout: args.timeout,
        config,
    })
}

/// An IP address, or `localhost`.
fn parse_ip(value: &str) -> Option<IpAddr> {
    if value.eq_ignore_ascii_case("localhost") {
        return Some(IpAddr::V4(Ipv4Addr::LOCALHOST));
    }
    value
        .trim_start_matches('[')
        .trim_end_matches(']')
        .parse()
        .ok()
}

/// A token goes in a header: printable ASCII, no spaces, not empty.
fn valid_token(token: &str) -> bool {
    !token.is_empty() && token.bytes().all(|b| b.is_ascii_graphic())
}

/// `20M`, `512k`, `1G`, `1048576` (k, M, G: powers of 1024; an optional `B`/`iB`).
fn parse_size(value: &str) -> std::result::Result<usize, String> {
    let bad = || {
        Message::new("serve-bad-size")
            .arg("value", value)
            .say(super::early_lang())
    };
    let v = value.trim();
    let v = v
        .strip_suffix("iB")
        .or_else(|| v.strip_suffix('B'))
        .or_else(|| v.strip_suffix('b'))
        .unwrap_or(v);
    let (digits, shift) = match v.char_indices().last() {
        Some((i, 'k' | 'K')) => (&v[..i], 10),
        Some((i, 'm' | 'M')) => (&v[..i], 20),
        Some((i, 'g' | 'G')) => (&v[..i], 30),
        _ => (v, 0),
    };
    let n: usize = digits.trim().parse().map_err(|_| bad())?;
    let size = n.checked_mul(1usize << shift).ok_or_else(bad)?;
    if size == 0 {
        return Err(bad());
    }
    Ok(size)
}

/// `30s`, `500ms`, `2m`, `0.5s`, `30` (seconds).
fn parse_duration(value: &str) -> std::result::Result<Duration, String> {
    let bad = || {
        Message::new("serve-bad-duration")
            .arg("value", value)
            .say(super::early_lang())
    };
    let v = value.trim();
    let (number, unit) = if let Some(n) = v.strip_suffix("ms") {
        (n, 0.001)
    } else if let Some(n) = v.strip_suffix('s') {
        (n, 1.0)
    } else if let Some(n) = v.strip_suffix('m') {
        (n, 60.0)
    } else {
        (v, 1.0)
    };
    let n: f64 = number.trim().parse().map_err(|_| bad())?;
    let secs = n * unit;
    if !secs.is_finite() || secs <= 0.0 || secs > 86_400.0 {
        return Err(bad());
    }
    Ok(Duration::from_secs_f64(secs))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes() {
        let cases: &[(&str, Option<usize>)] = &[
            ("20M", Some(20 << 20)),
            ("20MiB", Some(20 << 20)),
            ("512k", Some(512 << 10)),
            ("1G", Some(1 << 30)),
            ("1048576", Some(1 << 20)),
            ("100B", Some(100)),
            ("0", None),
            ("M", None),
            ("-1M", None),
            ("twenty", None),
            ("99999999999999999999G", None),
        ];
        for (value, want) in cases {
            assert_eq!(parse_size(value).ok(), *want, "{value}");
        }
    }

    #[test]
    fn durations() {
        let cases: &[(&str, Option<Duration>)] = &[
            ("30s", Some(Duration::from_secs(30))),
            ("500ms", Some(Duration::from_millis(500))),
            ("2m", Some(Duration::from_secs(120))),
            ("0.5s", Some(Duration::from_millis(500))),
            ("30", Some(Duration::from_secs(30))),
            ("0s", None),
            ("-1s", None),
            ("soon", None),
            ("inf", None),
        ];
        for (value, want) in cases {
            assert_eq!(parse_duration(value).ok(), *want, "{value}");
        }
    }

    #[test]
    fn addresses_and_tokens() {
        assert_eq!(parse_ip("localhost"), Some(IpAddr::V4(Ipv4Addr::LOCALHOST)));
        assert_eq!(parse_ip("[::1]"), Some("::1".parse().unwrap()));
        assert!(parse_ip("0.0.0.0").is_some_and(|ip| !ip.is_loopback()));
        assert_eq!(parse_ip("example.org"), None);
        assert!(valid_token("s3cr3t-TOKEN_1"));
        assert!(!valid_token(""));
        assert!(!valid_token("with space"));
        assert!(!valid_token("令牌"));
    }
}
