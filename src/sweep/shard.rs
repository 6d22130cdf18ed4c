//! Shards: a sweep cut into N equal slices of points, for job arrays. A shard is given
//! as `I/N`, or as `SYSTEM/N` to take I from a batch system's array index.

use std::fmt;

/// A shard: the `index`-th (1-based) of `count` equal slices.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Shard {
    pub index: u64,
    pub count: u64,
}

impl fmt::Display for Shard {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}/{}", self.index, self.count)
    }
}

impl std::str::FromStr for Shard {
    type Err = String;
    fn from_str(s: &str) -> std::result::Result<Shard, String> {
        let bad = || {
            format!(
                "`{s}` is not a shard: write I/N, e.g. 3/8 for the third of eight (I from 1 to N)"
            )
        };
        let (i, n) = s.split_once('/').ok_or_else(bad)?;
        let index: u64 = i.trim().parse().map_err(|_| bad())?;
        let count: u64 = n.trim().parse().map_err(|_| bad())?;
        if count == 0 || index == 0 || index > count {
            return Err(bad());
        }
        Ok(Shard { index, count })
    }
}

impl Shard {
    /// The whole sweep as one shard.
    pub const ALL: Shard = Shard { index: 1, count: 1 };

    /// Items `start..end` of this shard out of `total`: slice I is
    /// `total·(I−1)/N .. total·I/N`, so the slices are as equal as whole items allow and
    /// together cover every item exactly once, in order.
    pub fn range(self, total: u64) -> (u64, u64) {
        let t = u128::from(total);
        let at = |i: u64| (t * u128::from(i) / u128::from(self.count)) as u64;
        (at(self.index - 1), at(self.index))
    }

    /// Whether this shard writes the CSV header (the first one does).
    pub fn writes_header(self) -> bool {
        self.index == 1
    }

    /// Digits in a part name: those of N, at least 4, so that names sort in shard order.
    fn width(self) -> usize {
        self.count.to_string().len().max(4)
    }

    /// `stem.part-0003-of-0008`: the common start of this shard's file names.
    pub fn part_stem(self, stem: &str) -> String {
        format!(
            "{stem}.part-{:0w$}-of-{:0w$}",
            self.index,
            self.count,
            w = self.width()
        )
    }

    /// This shard's part of `stem.csv`: `stem.part-0003-of-0008.csv`.
    pub fn part_name(self, stem: &str) -> String {
        format!("{}.csv", self.part_stem(stem))
    }

    /// This shard's manifest: `sweep.part-0003-of-0008.manifest.json`.
    pub fn manifest_name(self) -> String {
        format!("{}.manifest.json", self.part_stem("sweep"))
    }
}

/// A batch system whose array index can give the shard.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BatchSystem {
    /// Slurm job array submitted with `--array=1-N`: `SLURM_ARRAY_TASK_ID` is I.
    Slurm,
    /// AWS Batch array job of size N: `AWS_BATCH_JOB_ARRAY_INDEX` is I − 1.
    AwsBatch,
    /// Kubernetes Indexed Job with `completions: N`: `JOB_COMPLETION_INDEX` is I − 1.
    K8s,
}

impl BatchSystem {
    pub fn name(self) -> &'static str {
        match self {
            BatchSystem::Slurm => "slurm",
            BatchSystem::AwsBatch => "aws-batch",
            BatchSystem::K8s => "k8s",
        }
    }
}

/// `--shard` as given: `I/N`, or `SYSTEM/N` (I from the system's array index).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ShardSpec {
    Fixed(Shard),
    /// `count` is None only for `aws-batch`, whose array size is in the environment.
    FromEnv {
        system: BatchSystem,
        count: Option<u64>,
    },
}

impl std::str::FromStr for ShardSpec {
    type Err = String;
    fn from_str(s: &str) -> std::result::Result<ShardSpec, String> {
        let (head, tail) = match s.split_once('/') {
            Some((h, t)) => (h.trim(), Some(t.trim())),
            None => (s.trim(), None),
        };
        let system = match head.to_ascii_lowercase().as_str() {
            "slurm" => Some(BatchSystem::Slurm),
            "aws-batch" | "batch" => Some(BatchSystem::AwsBatch),
            "k8s" | "kubernetes" => Some(BatchSystem::K8s),
            _ => None,
        };
        let Some(system) = system else {
            return s.parse::<Shard>().map(ShardSpec::Fixed).map_err(|e| {
                format!(
                    "{e}, or SYSTEM/N to take I from a job array's index: slurm/N, aws-batch/N, k8s/N"
                )
            });
        };
        let count = match tail {
            None if system == BatchSystem::AwsBatch => None,
            None => {
                return Err(format!(
                    "`{s}`: give the number of shards too, e.g. --shard {}/100",
                    system.name()
                ));
            }
            Some(t) => match t.parse::<u64>() {
                Ok(n) if n > 0 => Some(n),
                _ => {
                    return Err(format!(
                        "`{s}`: the number of shards after `{}/` must be a whole number from 1 up",
                        system.name()
                    ));
                }
            },
        };
        Ok(ShardSpec::FromEnv { system, count })
    }
}

impl ShardSpec {
    /// The shard, reading the batch system's variables through `var` (the process
    /// environment in the CLI). Errors say which variable is missing or wrong and what to do.
    pub fn resolve(self, var: impl Fn(&str) -> Option<String>) -> Result<Shard, String> {
        let (system, count) = match self {
            ShardSpec::Fixed(s) => return Ok(s),
            ShardSpec::FromEnv { system, count } => (system, count),
        };
        let num = |name: &str| -> Result<Option<u64>, String> {
            match var(name) {
                None => Ok(None),
                Some(v) if v.trim().is_empty() => Ok(None),
                Some(v) => v.trim().parse::<u64>().map(Some).map_err(|_| {
                    format!("{name} is `{v}`, not a whole number: is this a job array's task?")
                }),
            }
        };
        let shard = |index: u64, count: u64| Shard { index, count };
        match system {
            BatchSystem::Slurm => {
                let n = count.unwrap_or(1);
                let id = num("SLURM_ARRAY_TASK_ID")?.ok_or_else(|| {
                    format!(
                        "--shard slurm/{n} takes I from SLURM_ARRAY_TASK_ID, which is not set: submit the script as a job array (sbatch --array=1-{n} ...), or give the shard itself (--shard I/{n})"
                    )
                })?;
                if id == 0 || id > n {
                    return Err(format!(
                        "SLURM_ARRAY_TASK_ID is {id}, and --shard slurm/{n} numbers the shards 1 to {n}: submit with --array=1-{n} (or a part of it, e.g. --array=3 to re-run shard 3)"
                    ));
                }
                if let Some(max) = num("SLURM_ARRAY_TASK_MAX")?
                    && max > n
                {
                    return Err(format!(
                        "this job array runs to task {max} and --shard slurm/{n} cuts the sweep in {n} shards: submit with --array=1-{n}, or make it --shard slurm/{max}"
                    ));
                }
                Ok(shard(id, n))
            }
            BatchSystem::AwsBatch => {
                let size = num("AWS_BATCH_JOB_ARRAY_SIZE")?;
                let idx = num("AWS_BATCH_JOB_ARRAY_INDEX")?;
                let shown = match count {
                    Some(n) => format!("aws-batch/{n}"),
                    None => "aws-batch".to_string(),
                };
                let Some(idx) = idx else {
                    return Err(format!(
                        "--shard {shown} takes I from AWS_BATCH_JOB_ARRAY_INDEX, which AWS Batch sets only in the children of an array job: submit with arrayProperties size N, or give the shard itself (--shard I/N)"
                    ));
                };
                let n = match (count, size) {
                    (Some(n), Some(s)) if n != s => {
                        return Err(format!(
                            "--shard aws-batch/{n} cuts the sweep in {n} shards, and this array job has {s} children (AWS_BATCH_JOB_ARRAY_SIZE): make them agree"
                        ));
                    }
                    (Some(n), _) => n,
                    (None, Some(s)) if s > 0 => s,
                    (None, _) => {
                        return Err(
                            "--shard aws-batch takes N from AWS_BATCH_JOB_ARRAY_SIZE, which is not set: give it, e.g. --shard aws-batch/100"
                                .into(),
                        );
                    }
                };
                if idx >= n {
                    return Err(format!(
                        "AWS_BATCH_JOB_ARRAY_INDEX is {idx}, past the {n} shards (indexes 0 to {})",
                        n - 1
                    ));
                }
                Ok(shard(idx + 1, n))
            }
            BatchSystem::K8s => {
                let n = count.unwrap_or(1);
                let idx = num("JOB_COMPLETION_INDEX")?.ok_or_else(|| {
                    format!(
                        "--shard k8s/{n} takes I from JOB_COMPLETION_INDEX, which Kubernetes sets only in the pods of an Indexed Job: set completionMode: Indexed and completions: {n}, or give the shard itself (--shard I/{n})"
                    )
                })?;
                if idx >= n {
                    return Err(format!(
                        "JOB_COMPLETION_INDEX is {idx}, past the {n} shards (indexes 0 to {}): set completions: {n}",
                        n - 1
                    ));
                }
                Ok(shard(idx + 1, n))
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shards_cover_every_point_once_in_order() {
        for total in [0u64, 1, 7, 100, 1001] {
            for n in 1..=9u64 {
                let mut next = 0;
                for i in 1..=n {
                    let (a, b) = Shard { index: i, count: n }.range(total);
                    assert_eq!(a, next);
                    assert!(b - a <= total / n + 1);
                    next = b;
                }
                assert_eq!(next, total);
            }
        }
        assert_eq!(Shard { index: 1, count: 3 }.range(u64::MAX).1, u64::MAX / 3);
    }

    #[test]
    fn shard_syntax_and_names() {
        assert_eq!("2/8".parse::<Shard>(), Ok(Shard { index: 2, count: 8 }));
        assert!("0/8".parse::<Shard>().is_err());
        assert!("9/8".parse::<Shard>().is_err());
        assert!("8".parse::<Shard>().is_err());
        let s = Shard { index: 3, count: 8 };
        assert_eq!(s.part_name("sweep"), "sweep.part-0003-of-0008.csv");
        assert_eq!(s.part_name("breakeven"), "breakeven.part-0003-of-0008.csv");
        assert_eq!(s.manifest_name(), "sweep.part-0003-of-0008.manifest.json");
        // N of five digits: five-digit names
        assert_eq!(
            Shard {
                index: 7,
                count: 12000
            }
            .part_name("sweep"),
            "sweep.part-00007-of-12000.csv"
        );
        assert_eq!(Shard::ALL.part_name("sweep"), "sweep.part-0001-of-0001.csv");
    }

    fn env<'a>(vars: &'a [(&'a str, &'a str)]) -> impl Fn(&str) -> Option<String> + 'a {
        move |k| {
            vars.iter()
                .find(|(n, _)| *n == k)
                .map(|(_, v)| v.to_string())
        }
    }

    #[test]
    fn shards_from_batch_systems() {
        let spec = |s: &str| s.parse::<ShardSpec>().unwrap();
        let sh = |index, count| Shard { index, count };
        // Slurm: --array=1-100 gives 1..100 as is.
        let slurm = spec("slurm/100");
        let got = slurm.resolve(env(&[
            ("SLURM_ARRAY_TASK_ID", "37"),
            ("SLURM_ARRAY_TASK_MAX", "100"),
        ]));
        assert_eq!(got, Ok(sh(37, 100)));
        // re-running one task: --array=37 (MIN = MAX = 37)
        let got = slurm.resolve(env(&[
            ("SLURM_ARRAY_TASK_ID", "37"),
            ("SLURM_ARRAY_TASK_MAX", "37"),
        ]));
        assert_eq!(got, Ok(sh(37, 100)));
        let e = slurm.resolve(env(&[])).unwrap_err();
        assert!(
            e.contains("SLURM_ARRAY_TASK_ID") && e.contains("--array=1-100"),
            "{e}"
        );
        let e = slurm
            .resolve(env(&[("SLURM_ARRAY_TASK_ID", "0")]))
            .unwrap_err();
        assert!(e.contains("--array=1-100"), "{e}");
        let e = slurm
            .resolve(env(&[
                ("SLURM_ARRAY_TASK_ID", "5"),
                ("SLURM_ARRAY_TASK_MAX", "200"),
            ]))
            .unwrap_err();
        assert!(e.contains("runs to task 200"), "{e}");
        let e = slurm
            .resolve(env(&[("SLURM_ARRAY_TASK_ID", "x")]))
            .unwrap_err();
        assert!(e.contains("not a whole number"), "{e}");
        // AWS Batch: the index is 0-based; the size comes from the job.
        let got = spec("aws-batch").resolve(env(&[
            ("AWS_BATCH_JOB_ARRAY_INDEX", "0"),
            ("AWS_BATCH_JOB_ARRAY_SIZE", "100"),
        ]));
        assert_eq!(got, Ok(sh(1, 100)));
        let got = spec("aws-batch/100").resolve(env(&[("AWS_BATCH_JOB_ARRAY_INDEX", "99")]));
        assert_eq!(got, Ok(sh(100, 100)));
        let e = spec("aws-batch/100")
            .resolve(env(&[
                ("AWS_BATCH_JOB_ARRAY_INDEX", "3"),
                ("AWS_BATCH_JOB_ARRAY_SIZE", "50"),
            ]))
            .unwrap_err();
        assert!(e.contains("50 children"), "{e}");
        let e = spec("aws-batch").resolve(env(&[])).unwrap_err();
        assert!(e.contains("AWS_BATCH_JOB_ARRAY_INDEX"), "{e}");
        let e = spec("aws-batch")
            .resolve(env(&[("AWS_BATCH_JOB_ARRAY_INDEX", "3")]))
            .unwrap_err();
        assert!(e.contains("aws-batch/100"), "{e}");
        // Kubernetes Indexed Job: 0-based.
        let got = spec("k8s/100").resolve(env(&[("JOB_COMPLETION_INDEX", "99")]));
        assert_eq!(got, Ok(sh(100, 100)));
        let e = spec("k8s/100")
            .resolve(env(&[("JOB_COMPLETION_INDEX", "100")]))
            .unwrap_err();
        assert!(e.contains("completions: 100"), "{e}");
        let e = spec("k8s/4").resolve(env(&[])).unwrap_err();
        assert!(e.contains("completionMode: Indexed"), "{e}");
        // syntax
        assert_eq!(spec("3/8"), ShardSpec::Fixed(sh(3, 8)));
        assert!(
            "slurm"
                .parse::<ShardSpec>()
                .unwrap_err()
                .contains("slurm/100")
        );
        assert!("k8s/0".parse::<ShardSpec>().is_err());
        assert!(
            "pbs/4"
                .parse::<ShardSpec>()
                .unwrap_err()
                .contains("slurm/N")
        );
        assert_eq!(spec("3/8").resolve(env(&[])), Ok(sh(3, 8)));
    }
}
