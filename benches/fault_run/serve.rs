//! The real `ambassador serve` as a child process: started, killed with SIGKILL
//! (`Child::kill` on Unix), started again on the same port, stopped with SIGTERM at the end.
//! Each process writes its log to its own file in the run's folder.

use std::path::{Path, PathBuf};
use std::process::{Child, Command, ExitStatus, Stdio};
use std::time::{Duration, Instant};

/// One `serve` after another, on one port.
pub struct Serve {
    binary: PathBuf,
    dir: PathBuf,
    env: Vec<(String, String)>,
    args: Vec<String>,
    child: Option<Child>,
    /// The current (or last) process: 1 for the first.
    pub generation: u32,
    /// `http://127.0.0.1:PORT`.
    pub base_url: String,
}

impl Serve {
    /// Ready to start `binary serve --bind addr` in `dir` with `env` (nothing else of the
    /// bench's own `AMBASSADOR__*` or `SLACK_*` environment leaks in).
    pub fn new(
        binary: &Path,
        dir: &Path,
        config_file: &Path,
        addr: std::net::SocketAddr,
        env: Vec<(String, String)>,
    ) -> Serve {
        Serve {
            binary: binary.to_path_buf(),
            dir: dir.to_path_buf(),
            env,
            args: vec![
                "--config".into(),
                config_file.display().to_string(),
                "serve".into(),
                "--bind".into(),
                addr.to_string(),
            ],
            child: None,
            generation: 0,
            base_url: format!("http://{addr}"),
        }
    }

    /// The log file of process `generation`.
    pub fn log_path(&self, generation: u32) -> PathBuf {
        self.dir.join(format!("serve-{generation}.log"))
    }

    /// Starts the next process; calls arriving at the fake from now on are its.
    pub fn spawn(&mut self) -> anyhow::Result<u32> {
        self.generation += 1;
        let log = std::fs::File::create(self.log_path(self.generation))?;
        let mut command = Command::new(&self.binary);
        command
            .args(&self.args)
            .current_dir(&self.dir)
            .stdin(Stdio::null())
            .stdout(log.try_clone()?)
            .stderr(log);
        for (key, _) in std::env::vars() {
            if key.starts_with("AMBASSADOR__")
                || key.starts_with("SLACK_")
                || key == "AMBASSADOR_TOKEN_KEY"
                || key == "RUST_LOG"
            {
                command.env_remove(key);
            }
        }
        command.envs(self.env.iter().map(|(k, v)| (k.as_str(), v.as_str())));
        self.child = Some(command.spawn()?);
        Ok(self.generation)
    }

    /// Waits until `/healthz` answers 200, or fails after `deadline` (or if the process exits).
    pub async fn wait_ready(&mut self, deadline: Duration) -> anyhow::Result<Duration> {
        let began = Instant::now();
        let client = reqwest::Client::builder()
            .timeout(Duration::from_secs(2))
            .build()?;
        loop {
            if let Some(status) = self.exited()? {
                anyhow::bail!(
                    "serve (process {}) exited while starting: {status}; see {}",
                    self.generation,
                    self.log_path(self.generation).display()
                );
            }
            let answer = client
                .get(format!("{}/healthz", self.base_url))
                .send()
                .await;
            if matches!(&answer, Ok(r) if r.status().is_success()) {
                return Ok(began.elapsed());
            }
            if began.elapsed() > deadline {
                anyhow::bail!(
                    "serve (process {}) was not ready after {deadline:?}; see {}",
                    self.generation,
                    self.log_path(self.generation).display()
                );
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }

    /// The exit status, if the current process has exited.
    pub fn exited(&mut self) -> anyhow::Result<Option<ExitStatus>> {
        match &mut self.child {
            Some(child) => Ok(child.try_wait()?),
            None => Ok(None),
        }
    }

    /// SIGKILL: no chance to finish anything; waits until the process is gone.
    pub fn kill(&mut self) -> anyhow::Result<()> {
        if let Some(mut child) = self.child.take() {
            child.kill()?;
            child.wait()?;
        }
        Ok(())
    }

    /// Forgets a process that exited by itself (after [`Serve::exited`] said so).
    pub fn reap(&mut self) {
        if let Some(mut child) = self.child.take() {
            let _ = child.wait();
        }
    }

    /// SIGTERM (through the `kill` command), then SIGKILL if it has not stopped after `grace`.
    pub async fn stop(&mut self, grace: Duration) -> anyhow::Result<Option<ExitStatus>> {
        let Some(child) = &mut self.child else {
            return Ok(None);
        };
        let _ = Command::new("kill")
            .arg("-TERM")
            .arg(child.id().to_string())
            .status();
        let began = Instant::now();
        while began.elapsed() < grace {
            if let Some(status) = child.try_wait()? {
                self.child = None;
                return Ok(Some(status));
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        self.kill()?;
        Ok(None)
    }
}

impl Drop for Serve {
    fn drop(&mut self) {
        let _ = self.kill();
    }
}

/// Runs the binary to completion (`org import`), returning its output.
pub fn run_to_end(
    binary: &Path,
    dir: &Path,
    args: &[&str],
    env: &[(String, String)],
) -> anyhow::Result<String> {
    let mut command = Command::new(binary);
    command.args(args).current_dir(dir).stdin(Stdio::null());
    for (key, _) in std::env::vars() {
        if key.starts_with("AMBASSADOR__") || key.starts_with("SLACK_") || key == "RUST_LOG" {
            command.env_remove(key);
        }
    }
    command.envs(env.iter().map(|(k, v)| (k.as_str(), v.as_str())));
    let output = command.output()?;
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    if !output.status.success() {
        anyhow::bail!("{} {} failed: {text}", binary.display(), args.join(" "));
    }
    Ok(text)
}
