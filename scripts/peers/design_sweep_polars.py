"""The design benchmark's sweep (`vpceplan bench --design`), vectorised with polars.

An independent peer of vpceplan, for BENCHMARKS.md: the same points, the same four
designs' monthly, hourly and per-GB cost, headroom and status, the same CSV columns in the
same row order, computed with float64 columns instead of exact decimals.

The workload is scenarios/ecr-s3-spokes.toml's: six services (s3, ecr.api, ecr.dkr, logs,
sts, kms) sharing a spoke's GB and 1 Gbps peak evenly, us-east-1 list prices of the
built-in book (pricing/prices.csv), the seed limits profile, 730 hours:

  nat          n·k NAT gateways (one per AZ per spoke): n·k·730·0.045 + T·0.045
  distributed  6 endpoints per spoke in k AZs: 6·n·k·730·0.01 + tiered(T)
  centralized  6 hub endpoints in k AZs: 6·k·730·0.01 + tiered(T); n+1 TGW attachments:
               (n+1)·730·0.05 + T·0.02; a Route 53 Profile: 730·0.75 + (n+1−100)⁺·0.0014·730
  gateway-where-possible  S3 through free gateway endpoints; 5 services as distributed:
               5·n·k·730·0.01 + tiered(5/6·T)

with T = n·G GB a month (n spokes, k AZs, G GB per spoke) and tiered(q) the interface
endpoint data ladder: 0.01 up to 1,048,576 GB, 0.006 to 5,242,880 GB, 0.004 above. Capacity:
each block's load is the larger of its peak and its average rate (GB · 2^30 · 8 bits over
730 h), spread over its units (ENIs: count per AZ; NAT gateways: round-robin; TGW
attachments: count per AZ); headroom against 10 Gbps per ENI (burst 40), 5 per NAT gateway
(burst 100), 50 per attachment-AZ; with one AZ lost the survivors carry it all.

Usage: python design_sweep_polars.py OUT.csv GB_AXIS.txt   (200 traffic values for
2,000,000 points; run_design_bench.sh writes the file). Threads: POLARS_MAX_THREADS.
"""

import sys
import polars as pl

HOURS = 730.0
SPOKES = range(1, 501)
AZS = [2, 3, 4, 5, 6]
DESIGNS = ["nat", "distributed", "centralized", "gateway-where-possible"]
TOL = 1.0 + 1e-9


def gb_axis(path: str) -> list[str]:
    """The traffic axis, one value per line: vpceplan's expansion of
    `{ log_from = 1, log_to = 10000000, points = N }` (rust_decimal's own exp and ln,
    rounded to 3 significant digits), so that both compute the same points."""
    with open(path) as f:
        return [line.strip() for line in f if line.strip()]


def avg_gbps(gb):
    return gb * 1073741824.0 * 8.0 / (HOURS * 3600.0) / 1e9


def tiered(q):
    t1 = 1048576.0
    t2 = 5242880.0
    return (
        pl.min_horizontal(q, pl.lit(t1)) * 0.01
        + (pl.min_horizontal(q, pl.lit(t2)) - t1).clip(lower_bound=0) * 0.006
        + (q - t2).clip(lower_bound=0) * 0.004
    )


def status(load, sustained, burst):
    return (
        pl.when(load <= sustained * TOL)
        .then(0)
        .when(load <= burst * TOL)
        .then(1)
        .otherwise(2)
    )


def block(load, units, worst, sustained, burst):
    """(headroom %, status, AZ-loss status) of one capacity check."""
    per_unit = load / units
    survivors = units - worst
    return (
        (sustained - per_unit) / sustained * 100.0,
        status(per_unit, sustained, burst),
        pl.when(survivors > 0)
        .then(status(load / survivors, sustained, burst))
        .otherwise(3),
    )


def design_frame(base: pl.DataFrame, design: str) -> pl.DataFrame:
    n = pl.col("n")
    k = pl.col("k")
    g = pl.col("g")
    t = n * g
    one_svc = pl.max_horizontal(n / 6.0, avg_gbps(n * g / 6.0))
    if design == "nat":
        monthly = n * k * HOURS * 0.045 + t * 0.045
        blocks = [block(pl.max_horizontal(n * 1.0, avg_gbps(t)), n * k, n, 5.0, 100.0)]
    elif design == "distributed":
        monthly = 6 * n * k * HOURS * 0.01 + tiered(t)
        blocks = [block(one_svc, n * k, n, 10.0, 40.0)]
    elif design == "centralized":
        monthly = (
            6 * k * HOURS * 0.01
            + tiered(t)
            + (n + 1) * HOURS * 0.05
            + t * 0.02
            + HOURS * 0.75
            + (n + 1 - 100).clip(lower_bound=0) * 0.0014 * HOURS
        )
        spokes_load = pl.max_horizontal(n * 1.0, avg_gbps(t))
        blocks = [
            block(one_svc, k, 1, 10.0, 40.0),
            block(spokes_load, n * k, n, 50.0, 50.0),
            block(spokes_load, k, 1, 50.0, 50.0),
        ]
    else:
        monthly = 5 * n * k * HOURS * 0.01 + tiered(t * 5.0 / 6.0)
        blocks = [block(one_svc, n * k, n, 10.0, 40.0)]
    names = ["ok", "burst", "over", "down"]
    code = pl.max_horizontal([b[1] for b in blocks])
    az_code = pl.max_horizontal([b[2] for b in blocks])
    return base.with_columns(
        design=pl.lit(design),
        d=pl.lit(DESIGNS.index(design)),
        monthly_usd=monthly.round(2),
        hourly_usd=(monthly / HOURS).round(6),
        usd_per_gb=(monthly / t).round(6),
        min_headroom_pct=pl.min_horizontal([b[0] for b in blocks]).round(2),
        status=code.replace_strict(list(range(4)), names, return_dtype=pl.Utf8),
        az_loss_status=az_code.replace_strict(list(range(4)), names, return_dtype=pl.Utf8),
    )


def main() -> None:
    out = sys.argv[1]
    gbs = gb_axis(sys.argv[2])
    points = len(gbs)
    base = (
        pl.DataFrame({"n": list(SPOKES)}, schema={"n": pl.Int64})
        .join(
            pl.DataFrame(
                {"gi": list(range(points)), "gb_per_month_per_spoke": gbs},
                schema={"gi": pl.Int64, "gb_per_month_per_spoke": pl.Utf8},
            ),
            how="cross",
        )
        .join(pl.DataFrame({"k": AZS}, schema={"k": pl.Int64}), how="cross")
        .with_columns(g=pl.col("gb_per_month_per_spoke").cast(pl.Float64))
    )
    frames = [design_frame(base, d) for d in DESIGNS]
    df = (
        pl.concat(frames)
        .sort(["n", "gi", "k", "d"])
        .select(
            spokes=pl.col("n"),
            gb_per_month_per_spoke=pl.col("gb_per_month_per_spoke"),
            azs=pl.col("k"),
            scenario=pl.lit("design-bench"),
            design=pl.col("design"),
            monthly_usd=pl.col("monthly_usd"),
            hourly_usd=pl.col("hourly_usd"),
            usd_per_gb=pl.col("usd_per_gb"),
            min_headroom_pct=pl.col("min_headroom_pct"),
            status=pl.col("status"),
            az_loss_status=pl.col("az_loss_status"),
            valid=pl.lit("yes"),
            reason=pl.lit(""),
        )
    )
    df.write_csv(out)


if __name__ == "__main__":
    main()
