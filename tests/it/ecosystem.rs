//! Where planners already work: Markdown for pull-request comments (and the documented CI
//! recipe that posts it, run as written), shell completions and man pages generated from
//! the clap definition, CSV reports with an optional UTF-8 byte-order mark, and stderr
//! messages that each end their line.

use crate::common::*;
use clap::CommandFactory;
use std::path::Path;
use std::process::Command;

/// Every subcommand name, nested ones included (`diff` of `pricing diff`), hidden ones not.
fn subcommands() -> Vec<String> {
    fn walk(c: &clap::Command, out: &mut Vec<String>) {
        for s in c.get_subcommands().filter(|s| !s.is_hide_set()) {
            out.push(s.get_name().to_string());
            walk(s, out);
        }
    }
    let mut out = Vec::new();
    walk(&vpceplan::cli::Cli::command(), &mut out);
    out
}

#[test]
fn completions_for_every_shell_name_every_subcommand() {
    let subs = subcommands();
    assert!(
        [
            "run",
            "compare",
            "schema",
            "completions",
            "man",
            "diff",
            "terraform"
        ]
        .iter()
        .all(|s| subs.iter().any(|x| x == s)),
        "{subs:?}"
    );
    for shell in ["bash", "zsh", "fish", "powershell", "elvish"] {
        let o = vpceplan(&root(), &["completions", shell]);
        assert!(o.status.success(), "{shell}: {}", stderr(&o));
        let script = stdout(&o);
        for s in &subs {
            assert!(
                script.contains(s.as_str()),
                "{shell} completion lacks `{s}`"
            );
        }
        // Options and their values complete too.
        assert!(script.contains("--format"), "{shell}");
        assert!(script.contains("markdown"), "{shell}");
    }
    // The bash script is valid bash.
    let dir = tmp();
    let p = dir.path().join("vpceplan.bash");
    std::fs::write(&p, vpceplan(&root(), &["completions", "bash"]).stdout).unwrap();
    let check = Command::new("bash")
        .arg("-n")
        .arg(&p)
        .output()
        .expect("bash");
    assert!(check.status.success(), "{}", stderr(&check));
    let o = vpceplan(&root(), &["completions", "tcsh"]);
    assert_eq!(o.status.code(), Some(2));
}

#[test]
fn man_pages_cover_every_subcommand() {
    let o = vpceplan(&root(), &["man"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let page = stdout(&o);
    assert!(page.contains(".TH vpceplan 1"), "{page}");
    for s in [
        "run", "report", "check", "compare", "sweep", "pricing", "schema", "man",
    ] {
        assert!(
            page.contains(&format!("vpceplan\\-{s}(1)")),
            "no {s} in:\n{page}"
        );
    }
    let dir = tmp();
    let o = vpceplan(&root(), &["man", "--out", dir.path().to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    let mut names: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().to_string())
        .collect();
    names.sort();
    // One page for the tool and one per subcommand, nested ones by their full path.
    assert_eq!(names.len(), subcommands().len() + 1, "{names:?}");
    for n in [
        "vpceplan.1",
        "vpceplan-pricing-diff.1",
        "vpceplan-completions.1",
    ] {
        assert!(names.iter().any(|x| x == n), "{n} missing from {names:?}");
    }
    let diff = std::fs::read_to_string(dir.path().join("vpceplan-pricing-diff.1")).unwrap();
    assert!(
        diff.contains(".TH vpceplan-pricing-diff 1  \"vpceplan-pricing-diff 0.1.0\""),
        "{diff}"
    );
    assert!(diff.contains("\\-\\-format"), "{diff}");
}

#[test]
fn run_prints_markdown_with_totals_and_invalid_designs() {
    let o = vpceplan(
        &root(),
        &["run", "--no-write", "--quiet", "--format", "markdown"],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let md = stdout(&o);
    assert!(md.starts_with("### vpceplan run\n\n"), "{md}");
    // 2 × 2 AZ × 730 h × $0.01 + 2 IPs × 730 h × $0.125 + 0.50 = 212.20 (README).
    assert!(
        md.contains(
            "| console-private-access | us-east-1 | 212.20 | 0.290685 | 0 | - | 100.0 | ok | ok |"
        ),
        "{md}"
    );
    assert!(
        md.contains(
            "| global-payments-failover-workload/nat |  | - | - | - | - | - | **invalid** |  |"
        ),
        "{md}"
    );
    assert!(
        md.contains("**Invalid designs (not priced)**\n\n- console-private-access-workload/nat: ")
            && md.contains(
                "\n- global-payments-failover-workload/nat: \\`payments\\` has no public endpoint"
            ),
        "{md}"
    );
    // Cut to a small cap: whole lines, and a note saying so.
    let o = vpceplan(
        &root(),
        &[
            "run",
            "--no-write",
            "--quiet",
            "--format",
            "markdown",
            "--max-chars",
            "1500",
        ],
    );
    let cut = stdout(&o);
    assert!(cut.chars().count() <= 1500, "{}", cut.chars().count());
    assert!(
        cut.contains("> Cut to fit a comment of 1500 characters"),
        "{cut}"
    );
    assert!(md.starts_with(cut.split("\n> [!NOTE]").next().unwrap()));
}

#[test]
fn compare_check_and_pricing_diff_print_markdown() {
    let o = vpceplan(
        &root(),
        &[
            "compare",
            "--format",
            "markdown",
            "scenarios/ecr-s3-spokes.toml",
        ],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let md = stdout(&o);
    // README's worked comparison: centralized is cheapest at 1745.40; distributed
    // 2728.00 is 982.60 more, 982.60 / 1745.40 = 56.30 %.
    assert!(
        md.contains("| centralized | yes | ok | 1745.40 | cheapest |"),
        "{md}"
    );
    assert!(
        md.contains("| distributed | yes | ok | 2728.00 | +982.60 (+56.30 %) |"),
        "{md}"
    );
    // The nat design puts 20 NAT gateways in each AZ of the one account: an increase.
    assert!(
        md.contains("| nat | yes | **increase needed** | 2421.00 |")
            && md.contains(
                "- nat: NAT gateways per account per Availability Zone: need 20, default 5 (AZ az1 (us-east-1))"
            ),
        "{md}"
    );
    assert!(
        md.contains("| distributed vs centralized | 59130 GB/month (distributed cheaper above) |"),
        "{md}"
    );

    let o = vpceplan(&root(), &["check", "--format", "markdown"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(
        stdout(&o).starts_with("### vpceplan check\n\n✅ every pin holds:"),
        "{}",
        stdout(&o)
    );

    // A book with the NAT GB price raised from 0.045 to 0.05 (+11.11 %).
    let dir = tmp();
    let next = next_book(dir.path());
    let o = vpceplan(
        &root(),
        &[
            "pricing",
            "diff",
            "builtin",
            next.to_str().unwrap(),
            "--format",
            "markdown",
            "--quiet",
        ],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let md = stdout(&o);
    assert!(
        md.contains("| changed | us-east-1 | nat\\_gateway\\_gb |  | 0+ | GB | 0.045 | 0.05 | +0.005 | +11.11 |"),
        "{md}"
    );
    // lambda-nat-gateway processes 2000 GB a month: +2000 × 0.005 = +10.00 on 188.55, 10 / 188.55 = +5.30 %.
    assert!(
        md.contains("| lambda-nat-gateway | 188.55 | 198.55 | +10.00 | +5.30 | changed |"),
        "{md}"
    );
    assert!(md.contains("| **total** ("), "{md}");
}

/// A copy of the built-in book with the NAT gateway's GB price raised to 0.05.
fn next_book(dir: &Path) -> std::path::PathBuf {
    let next = dir.join("next");
    std::fs::create_dir_all(&next).unwrap();
    for f in ["prices.csv", "regions.csv", "limits.csv"] {
        let mut t = std::fs::read_to_string(root().join("pricing").join(f)).unwrap();
        if f == "prices.csv" {
            let before = t.clone();
            t = t.replacen(
                "us-east-1,nat_gateway_gb,,0,,GB,0.045,",
                "us-east-1,nat_gateway_gb,,0,,GB,0.05,",
                1,
            );
            assert_ne!(t, before, "the NAT GB row moved in pricing/prices.csv");
        }
        std::fs::write(next.join(f), t).unwrap();
    }
    next
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for e in std::fs::read_dir(from).unwrap() {
        let e = e.unwrap();
        if e.path().is_file() {
            std::fs::copy(e.path(), to.join(e.file_name())).unwrap();
        }
    }
}

/// The documented workflow's "Write the cost comment" step, run as written with the
/// vpceplan under test on the PATH, in a checkout whose price book raises a price.
#[test]
fn the_ci_recipe_writes_a_comment_that_fits() {
    let yml = std::fs::read_to_string(root().join("docs/ci/github-pr-comment.yml")).unwrap();
    let lines: Vec<&str> = yml.lines().collect();
    let start = lines
        .iter()
        .position(|l| l.trim() == "- name: Write the cost comment")
        .expect("the step is in the workflow");
    assert_eq!(lines[start + 1].trim(), "run: |");
    let indent = lines[start + 2].len() - lines[start + 2].trim_start().len();
    let script: String = lines[start + 2..]
        .iter()
        .take_while(|l| l.trim().is_empty() || l.len() - l.trim_start().len() >= indent)
        .map(|l| format!("{}\n", l.get(indent..).unwrap_or("")))
        .collect();
    assert!(
        script.contains("vpceplan pricing diff base/pricing pricing"),
        "{script}"
    );

    // The pull request's checkout: scenarios, and a price book that raises NAT GB; the
    // base branch's book as the workflow's first step leaves it, in base/pricing.
    let work = tmp();
    copy_dir(&root().join("scenarios"), &work.path().join("scenarios"));
    let next = next_book(work.path());
    std::fs::rename(&next, work.path().join("pricing")).unwrap();
    copy_dir(&root().join("pricing"), &work.path().join("base/pricing"));
    let bin = Path::new(env!("CARGO_BIN_EXE_vpceplan")).parent().unwrap();
    let path = format!(
        "{}:{}",
        bin.display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let o = Command::new("bash")
        .args(["-e", "-c", &script])
        .current_dir(work.path())
        .env("PATH", path)
        .output()
        .expect("bash runs the step");
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(
        std::fs::read_to_string(work.path().join("status.txt")).unwrap(),
        "0\n"
    );
    let comment = std::fs::read_to_string(work.path().join("comment.md")).unwrap();
    assert!(comment.chars().count() <= 65_536);
    for h in [
        "### vpceplan run",
        "### vpceplan check",
        "### vpceplan pricing diff",
    ] {
        assert!(comment.contains(h), "{h} missing:\n{comment}");
    }
    // `run` prices with the pull request's book (the pricing/ folder is not the built-in
    // one, but run uses the built-in book unless told): the diff shows the change.
    assert!(
        comment.contains("| changed | us-east-1 | nat\\_gateway\\_gb |"),
        "{comment}"
    );
    assert!(
        comment.contains("| lambda-nat-gateway | 188.55 | 198.55 | +10.00 | +5.30 | changed |"),
        "{comment}"
    );
}

#[test]
fn csv_bom_is_opt_in_and_marks_every_csv_report() {
    let plain = tmp();
    let bom = tmp();
    let scen = "scenarios/ecr-s3-spokes.toml";
    for (dir, extra) in [(&plain, None), (&bom, Some("--csv-bom"))] {
        let mut args = vec![
            "run",
            "--quiet",
            "--out",
            dir.path().to_str().unwrap(),
            scen,
        ];
        args.extend(extra);
        let o = vpceplan(&root(), &args);
        assert!(o.status.success(), "{}", stderr(&o));
        let mut args = vec![
            "compare",
            "--quiet",
            "--out",
            dir.path().to_str().unwrap(),
            scen,
        ];
        args.extend(extra);
        let o = vpceplan(&root(), &args);
        assert!(o.status.success(), "{}", stderr(&o));
    }
    let (a, b) = (tree(plain.path()), tree(bom.path()));
    assert_eq!(a.len(), b.len());
    let mut csvs = 0;
    for ((name, x), (_, y)) in a.iter().zip(b.iter()) {
        assert!(
            !x.starts_with(b"\xEF\xBB\xBF"),
            "{name} has a BOM by default"
        );
        assert_eq!(
            &y[..3],
            b"\xEF\xBB\xBF",
            "{name} has no BOM under --csv-bom"
        );
        assert_eq!(&y[3..], &x[..], "{name}: the BOM is the only difference");
        csvs += 1;
    }
    assert!(csvs >= 14, "{csvs}");
    // The summary holds non-ASCII text that a spreadsheet must read as UTF-8.
    let explain = String::from_utf8(b[b.len() - 1].1.clone()).unwrap();
    assert!(explain.starts_with('\u{feff}'));

    // A sweep: the file that carries the header carries the mark; a later shard (which
    // concatenates onto it) does not. Charts read a marked sweep.csv back.
    let sw = tmp();
    let o = vpceplan(
        &root(),
        &[
            "sweep",
            "sweeps/nat-vs-endpoints.toml",
            "--csv-bom",
            "--quiet",
            "--charts",
            "--out",
            sw.path().to_str().unwrap(),
        ],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let csv = std::fs::read(sw.path().join("sweep.csv")).unwrap();
    assert_eq!(&csv[..3], b"\xEF\xBB\xBF");
    assert!(
        csv[3..].starts_with(b"scenario,")
            || csv[3..].starts_with(b"design,")
            || csv[3..].is_ascii()
    );
    assert!(
        std::fs::read_dir(sw.path()).unwrap().any(|e| e
            .unwrap()
            .file_name()
            .to_string_lossy()
            .ends_with(".png"))
    );
    let o = vpceplan(
        &root(),
        &[
            "sweep",
            "sweeps/nat-vs-endpoints.toml",
            "--csv-bom",
            "--quiet",
            "--shard",
            "2/2",
            "--out",
            sw.path().to_str().unwrap(),
        ],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let part = std::fs::read_dir(sw.path())
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| {
            p.file_name()
                .unwrap()
                .to_string_lossy()
                .starts_with("sweep.part-0002-of-0002")
        })
        .expect("shard file");
    assert!(!std::fs::read(part).unwrap().starts_with(b"\xEF\xBB\xBF"));
}

/// Every stderr line is a whole message: `error:`, `warning:` and `hint:` lines start
/// their own line, and the output ends with a line break, in the failing cases where
/// messages pile up (prices missing in a Region, unreadable scenarios).
#[test]
fn every_stderr_message_ends_its_line() {
    let dir = tmp();
    // The bundled scenarios moved to af-south-1, where the built-in book lacks most prices
    // (interface endpoints, NAT gateways, Resolver, hosted zones), plus one that does not
    // parse.
    for e in std::fs::read_dir(root().join("scenarios")).unwrap() {
        let p = e.unwrap().path();
        let t = std::fs::read_to_string(&p)
            .unwrap()
            .replace("\"us-east-1\"", "\"af-south-1\"")
            .replace("use1-az", "afs1-az")
            .replace("\"us-west-2\"", "\"us-east-1\"")
            .replace("usw2-az", "use1-az");
        write(
            dir.path(),
            &format!("eu/{}", p.file_name().unwrap().to_string_lossy()),
            &t,
        );
    }
    write(
        dir.path(),
        "eu/zz-bad.toml",
        "region = \"af-south-1\"\n[[nat_gateway]]\ngb_per_mnth = 1\n",
    );
    let out = dir.path().join("out");
    let o = out.to_str().unwrap();
    let runs: Vec<Vec<&str>> = vec![
        vec!["compare", "eu"],
        vec!["compare", "eu", "--format", "markdown"],
        vec!["run", "eu", "--out", o],
        vec!["run", "eu", "--no-write", "--format", "markdown"],
        vec!["check", "eu"],
        vec!["check", "eu", "--format", "markdown"],
        vec!["report", "eu", "--out", o],
        vec!["validate", "eu"],
        vec!["pricing", "diff", "builtin", "builtin", "--scenarios", "eu"],
        vec!["compare", "nothing-here"],
    ];
    for args in &runs {
        let r = vpceplan(dir.path(), args);
        let err = stderr(&r);
        assert!(!err.is_empty(), "{args:?} printed no message");
        assert!(
            err.ends_with('\n'),
            "{args:?}: stderr does not end its line:\n{err}"
        );
        for line in err.lines() {
            let starts = [
                "error: ",
                "warning: ",
                "  hint: ",
                "  ",
                "reports written",
                "report written",
                "compare.csv",
                "wrote ",
            ];
            assert!(
                starts.iter().any(|s| line.starts_with(s)),
                "{args:?}: a stderr line that is not a message of its own: {line:?}"
            );
            for tag in ["error: ", "warning: ", "hint: "] {
                if let Some(i) = line.find(tag) {
                    let before = &line[..i];
                    assert!(
                        before.trim().is_empty(),
                        "{args:?}: two messages run together: {line:?}"
                    );
                }
            }
        }
        // Stdout, where it holds messages (text tables), ends its line too.
        let out = stdout(&r);
        assert!(
            out.is_empty() || out.ends_with('\n'),
            "{args:?}: stdout: {out}"
        );
    }
}

#[test]
fn the_readme_documents_every_command() {
    let readme = std::fs::read_to_string(root().join("README.md")).unwrap();
    for s in vpceplan::cli::Cli::command()
        .get_subcommands()
        .filter(|s| !s.is_hide_set())
    {
        let name = s.get_name();
        assert!(
            readme.contains(&format!("### `vpceplan {name}"))
                || readme.contains(&format!("`vpceplan {name} "))
                || readme.contains(&format!("`vpceplan {name}`")),
            "README.md has no section on `vpceplan {name}`"
        );
    }
    for flag in ["--format markdown", "--max-chars", "--csv-bom", "#:schema"] {
        assert!(readme.contains(flag), "README.md does not mention {flag}");
    }
}
