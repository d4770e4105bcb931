//! Files re-read on a timer: the TLS certificates and the bearer tokens change without a restart.
//!
//! Contents are compared rather than modification times: Kubernetes updates a mounted Secret by
//! swapping a symlink, and a file rewritten twice within the same second keeps its mtime on
//! some filesystems.

use std::path::PathBuf;
use std::time::Duration;

use tokio_util::sync::CancellationToken;
use tracing::{info, warn};

/// Some files and their contents as last read.
#[derive(Debug)]
pub struct Watched {
    what: &'static str,
    paths: Vec<PathBuf>,
    contents: Vec<Vec<u8>>,
}

impl Watched {
    /// Reads `paths` once; `what` names them in errors and logs ("tls certificate").
    pub async fn read(what: &'static str, paths: Vec<PathBuf>) -> anyhow::Result<Watched> {
        let contents = read_all(&paths).await?;
        Ok(Watched { what, paths, contents })
    }

    /// The contents, in the order of the paths.
    pub fn contents(&self) -> &[Vec<u8>] {
        &self.contents
    }

    /// Re-reads the files every `interval` until `stop` is cancelled, and calls `apply` with the
    /// new contents whenever they change. A file that cannot be read, or contents that `apply`
    /// refuses, are logged and the previous ones stay in force.
    pub async fn watch(mut self, interval: Duration, stop: CancellationToken, apply: impl Fn(&[Vec<u8>]) -> anyhow::Result<()>) {
        let mut ticks = tokio::time::interval(interval);
        ticks.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        ticks.tick().await; // The first tick is now: the files were just read.
        loop {
            tokio::select! {
                () = stop.cancelled() => return,
                _ = ticks.tick() => {}
            }
            let contents = match read_all(&self.paths).await {
                Ok(contents) => contents,
                Err(err) => {
                    warn!(what = self.what, error = format!("{err:#}"), "cannot re-read, keeping the loaded files");
                    continue;
                }
            };
            if contents == self.contents {
                continue;
            }
            match apply(&contents) {
                Ok(()) => {
                    info!(what = self.what, paths = ?self.paths, "reloaded");
                    self.contents = contents;
                }
                Err(err) => {
                    warn!(what = self.what, error = format!("{err:#}"), "refusing the changed files, keeping the loaded ones");
                    // Not retried until the files change again.
                    self.contents = contents;
                }
            }
        }
    }
}

async fn read_all(paths: &[PathBuf]) -> anyhow::Result<Vec<Vec<u8>>> {
    let mut contents = Vec::with_capacity(paths.len());
    for path in paths {
        let bytes = tokio::fs::read(path).await.map_err(|err| anyhow::anyhow!("reading {}: {err}", path.display()))?;
        contents.push(bytes);
    }
    Ok(contents)
}
