"""Check a peer's design-sweep CSV against vpceplan's, row by row: the same points in the
same order, monthly cost to the cent (float rounding may move a half-cent), headroom to
0.01 %, the same statuses.

Usage: python check.py VPCEPLAN.csv PEER.csv
"""

import sys

import polars as pl


def main() -> None:
    a = pl.read_csv(sys.argv[1], infer_schema_length=0)
    b = pl.read_csv(sys.argv[2], infer_schema_length=0)
    if a.columns != b.columns:
        sys.exit(f"columns differ: {a.columns} vs {b.columns}")
    if a.height != b.height:
        sys.exit(f"rows differ: {a.height} vs {b.height}")
    keys = ["spokes", "gb_per_month_per_spoke", "azs", "design", "status", "az_loss_status", "valid"]
    for k in keys:
        bad = (a[k] != b[k]).sum()
        if bad:
            i = (a[k] != b[k]).arg_true()[0]
            sys.exit(f"{bad} rows differ in {k}, first at row {i}: {a.row(i)} vs {b.row(i)}")
    for col, tol in [("monthly_usd", 0.0100001), ("min_headroom_pct", 0.0100001)]:
        d = (a[col].cast(pl.Float64) - b[col].cast(pl.Float64)).abs()
        if d.max() > tol:
            i = d.arg_max()
            sys.exit(f"{col} differs by {d.max()} at row {i}: {a.row(i)} vs {b.row(i)}")
    print(f"{sys.argv[2]}: {a.height} rows agree with {sys.argv[1]} (monthly to the cent)")


if __name__ == "__main__":
    main()
