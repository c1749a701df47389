//! What the bench prints with its figures: CPU use over a stretch of time, status counts and
//! latency percentiles.

/// CPU time so far, this process's and the whole machine's, from `/proc` (Linux only; elsewhere
/// the figures are missing). Shows whether the two cores were saturated, and whether anything
/// else was running during the measurement.
pub struct CpuSample {
    process_ticks: Option<u64>,
    machine: Option<(u64, u64)>,
}

impl CpuSample {
    /// The CPU time used so far.
    pub fn now() -> CpuSample {
        let process_ticks = std::fs::read_to_string("/proc/self/stat")
            .ok()
            .and_then(|s| {
                // Fields after the command name (which is in parentheses): utime is the 12th and
                // stime the 13th of them.
                let rest = s.rsplit_once(')')?.1;
                let fields: Vec<&str> = rest.split_whitespace().collect();
                Some(fields.get(11)?.parse::<u64>().ok()? + fields.get(12)?.parse::<u64>().ok()?)
            });
        let machine = std::fs::read_to_string("/proc/stat").ok().and_then(|s| {
            let line = s.lines().next()?;
            let ticks: Vec<u64> = line
                .split_whitespace()
                .skip(1)
                .filter_map(|v| v.parse().ok())
                .collect();
            let total: u64 = ticks.iter().sum();
            // idle and iowait
            let idle = ticks.get(3)? + ticks.get(4).copied().unwrap_or(0);
            Some((total - idle, total))
        });
        CpuSample {
            process_ticks,
            machine,
        }
    }

    /// The share of the machine busy, and of it this process, since `before`.
    pub fn since(&self, before: &CpuSample) -> String {
        let cores = std::thread::available_parallelism().map_or(1, |n| n.get()) as f64;
        match (
            self.process_ticks.zip(before.process_ticks),
            self.machine.zip(before.machine),
        ) {
            (Some((p1, p0)), Some(((b1, t1), (b0, t0)))) if t1 > t0 => {
                let total = (t1 - t0) as f64;
                format!(
                    "CPU busy {:.0}% of {cores} cores, this process {:.0}%",
                    100.0 * (b1 - b0) as f64 / total,
                    100.0 * (p1 - p0) as f64 / total,
                )
            }
            _ => "CPU use unknown".into(),
        }
    }
}

/// `3× 503, 1× 429`, or `none`.
pub fn describe_statuses(codes: &[u16]) -> String {
    if codes.is_empty() {
        return "none".into();
    }
    let mut counts = std::collections::BTreeMap::<u16, usize>::new();
    for c in codes {
        *counts.entry(*c).or_default() += 1;
    }
    counts
        .iter()
        .map(|(c, n)| format!("{n}× {c}"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// The `p`-th quantile (0..=1) of sorted microseconds, in milliseconds.
pub fn percentile_ms(sorted_us: &[u32], p: f64) -> f64 {
    if sorted_us.is_empty() {
        return 0.0;
    }
    sorted_us[((sorted_us.len() as f64 - 1.0) * p).round() as usize] as f64 / 1000.0
}
