//! Break-even: where two designs (or two scenarios) cost the same along one axis, for
//! every combination of the other axes (`breakeven.csv`).
//!
//! Along a traffic-like axis (GB, queries, NLCU: a fast key the cost is continuous in),
//! the crossing is exact. Each design's monthly cost is piecewise linear in the axis: its
//! ladders' totals are affine in the value, and the price changes only where a total
//! crosses a tier boundary. Those boundaries are found from the ladders (not by
//! sampling), both designs are evaluated at every boundary between the axis's lowest and
//! highest value, and between two neighbouring boundaries the difference is a straight
//! line, so its zero is `x0 + d0·(x1 − x0)/(d0 − d1)` in exact decimals (shown to six
//! places). Every crossing in the range is reported, or `never`.
//!
//! Along a workload's spoke count (`spokes` with `designs`), the crossing is exact too,
//! solved by the designs module as `vpceplan compare` solves it (real-valued: the other
//! design is cheaper from the next whole spoke count).
//!
//! Along other axes (counts, hours, Regions, other workload keys), the designs are
//! compared at the axis's own values and a crossing is the first value at which the other
//! design is the cheaper one (`method` = `sampled`).

use super::fast::{self, Num, Outcome};
use super::file::{AxisKind, BreakevenSpec};
use super::fmt::{csv_text, push_cents, push_csv_field, push_qty};
use super::plan::{ComboKind, Plan, Worker};
use crate::money::{RATE_DP, ROUNDING};
use crate::scenario::{DesignChoice, DesignKind};
use rust_decimal::Decimal;
use std::cmp::Ordering;

/// Columns after the other axes.
pub const COLUMNS: &[&str] = &[
    "axis",
    "design_a",
    "design_b",
    "crossing",
    "monthly_usd_a",
    "monthly_usd_b",
    "cheaper_below",
    "cheaper_above",
    "method",
    "note",
];

/// The other axes' combinations of a break-even, in nesting order.
pub struct Breakeven<'p, 'a> {
    plan: &'p Plan<'a>,
    spec: BreakevenSpec,
    others: Vec<usize>,
    exact: bool,
    /// The axis is a workload's spoke count and the designs are a workload's.
    spokes: bool,
    names: [String; 2],
}

/// One comparison node: an axis value and both designs' outcomes there.
struct Node {
    x: Decimal,
    a: Outcome,
    b: Outcome,
}

impl<'p, 'a> Breakeven<'p, 'a> {
    pub fn new(plan: &'p Plan<'a>, spec: &BreakevenSpec) -> Breakeven<'p, 'a> {
        let sweep = plan.sweep;
        let others = (0..sweep.axes.len())
            .filter(|&i| i != spec.axis && i != spec.design_axis)
            .collect();
        let exact = sweep.axes[spec.axis].continuous() && plan.slot(spec.axis).is_some();
        let da = &sweep.axes[spec.design_axis];
        let spokes = da.kind == AxisKind::Designs
            && !sweep.axes[spec.axis].paths.is_empty()
            && sweep.axes[spec.axis]
                .paths
                .iter()
                .all(|p| p.len() == 1 && p[0].to_string() == "workload.spokes");
        let name = |i: u64| match da.kind {
            AxisKind::Scenarios => sweep.base_scenarios[i as usize].name.clone(),
            _ => da.values.get(i).shown,
        };
        Breakeven {
            plan,
            spec: spec.clone(),
            others,
            exact,
            spokes,
            names: [name(spec.a), name(spec.b)],
        }
    }

    /// Number of combinations of the other axes.
    pub fn combos(&self) -> u64 {
        self.others.iter().map(|&i| self.plan.lens[i]).product()
    }

    /// The header line.
    pub fn header(&self) -> Vec<u8> {
        let mut b = Vec::new();
        for &i in &self.others {
            let a = &self.plan.sweep.axes[i];
            let name = match a.kind {
                AxisKind::Scenarios => "scenario",
                AxisKind::Designs => "design",
                AxisKind::Keys => &a.name,
            };
            b.extend_from_slice(&csv_text(name));
            b.push(b',');
        }
        b.extend_from_slice(COLUMNS.join(",").as_bytes());
        b.push(b'\n');
        b
    }

    fn digits(&self, mut c: u64) -> Vec<u64> {
        let mut d = vec![0; self.plan.lens.len()];
        for &i in self.others.iter().rev() {
            d[i] = c % self.plan.lens[i];
            c /= self.plan.lens[i];
        }
        d
    }

    /// Append the rows of combinations `start..end`.
    pub fn write_range(&self, buf: &mut Vec<u8>, start: u64, end: u64) {
        let mut w = Worker::default();
        for c in start..end {
            let d = self.digits(c);
            let mut prefix = Vec::new();
            for &i in &self.others {
                let a = &self.plan.sweep.axes[i];
                let shown = match a.kind {
                    AxisKind::Scenarios => {
                        self.plan.sweep.base_scenarios[d[i] as usize].name.clone()
                    }
                    _ => a.values.get(d[i]).shown,
                };
                prefix.extend_from_slice(&csv_text(&shown));
                prefix.push(b',');
            }
            prefix.extend_from_slice(&csv_text(&self.plan.sweep.axes[self.spec.axis].name));
            prefix.push(b',');
            prefix.extend_from_slice(&csv_text(&self.names[0]));
            prefix.push(b',');
            prefix.extend_from_slice(&csv_text(&self.names[1]));
            prefix.push(b',');
            self.combination(buf, &prefix, d, &mut w);
        }
    }

    fn with_design(&self, d: &[u64], which: u64) -> Vec<u64> {
        let mut d = d.to_vec();
        d[self.spec.design_axis] = which;
        d
    }

    /// Evaluate design `which` at axis value index `i` (sampled) or value `x` (exact).
    fn eval(&self, d: &[u64], which: u64, at: At, w: &mut Worker) -> Outcome {
        let mut d = self.with_design(d, which);
        let over = match at {
            At::Index(i) => {
                d[self.spec.axis] = i;
                None
            }
            At::Value(x) => self.plan.slot(self.spec.axis).map(|s| (s, Num::new(x))),
        };
        let combo = self.plan.combo(&d, w);
        self.plan.outcome(&combo, &d, w, over)
    }

    /// Axis values where either design's cost bends, strictly between `lo` and `hi`.
    fn bends(
        &self,
        d: &[u64],
        which: u64,
        lo: Decimal,
        hi: Decimal,
        w: &mut Worker,
    ) -> Vec<Decimal> {
        let Some(slot) = self.plan.slot(self.spec.axis) else {
            return Vec::new();
        };
        let mut d = self.with_design(d, which);
        d[self.spec.axis] = 0;
        let combo = self.plan.combo(&d, w);
        let own;
        let (eval, bindings) = match &combo.kind {
            ComboKind::Fast { eval, bindings, .. } => (eval.as_ref(), bindings),
            _ => match self.plan.fast_eval_for(&d) {
                Some(x) => {
                    own = x;
                    (&own.0, &own.1)
                }
                None => return Vec::new(),
            },
        };
        let mut values = self.plan.fast_values(&d);
        values[slot] = Num::new(lo);
        let Some((t_lo, bounds)) = fast::ladder_totals(eval, &mut w.scratch, bindings, &values)
        else {
            return Vec::new();
        };
        values[slot] = Num::new(hi);
        let Some((t_hi, _)) = fast::ladder_totals(eval, &mut w.scratch, bindings, &values) else {
            return Vec::new();
        };
        let mut out = Vec::new();
        for ((a, b), bs) in t_lo.iter().zip(&t_hi).zip(&bounds) {
            if a == b {
                continue;
            }
            let slope = (*b - *a) / (hi - lo);
            for bound in bs {
                if let Some(x) = (*bound - *a)
                    .checked_div(slope)
                    .and_then(|t| lo.checked_add(t))
                    && x > lo
                    && x < hi
                {
                    out.push(x);
                }
            }
        }
        out
    }

    /// Exact spoke-count crossings through the designs module.
    fn spokes_combination(&self, buf: &mut Vec<u8>, prefix: &[u8], d: &[u64]) {
        use crate::designs::breakeven::{Cheaper, Param, cost_fn, solve};
        let invalid = |buf: &mut Vec<u8>, note: String| {
            buf.extend_from_slice(prefix);
            buf.extend_from_slice(b",,,,,invalid,");
            buf.extend_from_slice(&csv_text(&note));
            buf.push(b'\n');
        };
        let s = match self.plan.parsed(d) {
            Ok(s) => s,
            Err(e) => return invalid(buf, super::apply::reason(&e)),
        };
        let book = self.plan.book();
        let mut fns = Vec::new();
        for name in &self.names {
            let choice = if name == super::apply::PROVIDER {
                None
            } else {
                match DesignKind::parse(name, s.compare.centralized_dns) {
                    Some(kind) => Some(DesignChoice {
                        name: name.clone(),
                        kind,
                    }),
                    None => return invalid(buf, format!("{name}: unknown design")),
                }
            };
            let plan =
                crate::designs::compile(&s, &choice, crate::designs::Scale::ONE, &book.quotas);
            if let Some(r) = plan.invalid {
                return invalid(buf, format!("{name}: invalid design: {r}"));
            }
            match cost_fn(&s, &choice, Param::Spokes, book) {
                Ok(f) => fns.push(f),
                Err(e) => return invalid(buf, format!("{name}: {}", super::apply::reason(&e))),
            }
        }
        let Some((lo, hi)) = self.plan.sweep.axes[self.spec.axis].values.bounds() else {
            return;
        };
        let be = solve(&fns[0], &fns[1], lo, Some(hi));
        // Past the spoke count where a centralized design splits its hub the functions do
        // not hold: crossings are searched below it, and the rows say so.
        let note: Vec<u8> = match be.split_at {
            Some(x) if x <= hi => csv_text(&format!(
                "searched below {x} spokes: from {x} a centralized hub splits to stay within AWS quotas",
                x = x.normalize()
            )),
            _ => Vec::new(),
        };
        let cheaper = |c: Cheaper| -> &str {
            match c {
                Cheaper::A => &self.names[0],
                Cheaper::B => &self.names[1],
                Cheaper::Equal => "equal",
            }
        };
        let mut before = be.at_lo;
        for c in &be.crossings {
            buf.extend_from_slice(prefix);
            push_qty(buf, c.at.round_dp_with_strategy(RATE_DP, ROUNDING));
            buf.push(b',');
            push_cents(buf, fns[0].value(c.at));
            buf.push(b',');
            push_cents(buf, fns[1].value(c.at));
            buf.push(b',');
            buf.extend_from_slice(&csv_text(cheaper(before)));
            buf.push(b',');
            buf.extend_from_slice(&csv_text(cheaper(c.after)));
            buf.extend_from_slice(b",exact,");
            buf.extend_from_slice(&note);
            buf.push(b'\n');
            before = c.after;
        }
        if be.crossings.is_empty() {
            let winner = cheaper(be.at_lo);
            buf.extend_from_slice(prefix);
            buf.extend_from_slice(b"never,,,");
            buf.extend_from_slice(&csv_text(winner));
            buf.push(b',');
            buf.extend_from_slice(&csv_text(winner));
            buf.extend_from_slice(b",exact,");
            buf.extend_from_slice(&note);
            buf.push(b'\n');
        }
    }

    fn combination(&self, buf: &mut Vec<u8>, prefix: &[u8], d: Vec<u64>, w: &mut Worker) {
        if self.spokes {
            return self.spokes_combination(buf, prefix, &d);
        }
        let axis = &self.plan.sweep.axes[self.spec.axis];
        let mut nodes: Vec<Node> = Vec::new();
        if self.exact {
            let Some((lo, hi)) = axis.values.bounds() else {
                return;
            };
            let mut xs = vec![lo, hi];
            if hi > lo {
                xs.extend(self.bends(&d, self.spec.a, lo, hi, w));
                xs.extend(self.bends(&d, self.spec.b, lo, hi, w));
            }
            xs.sort();
            xs.dedup();
            for x in xs {
                nodes.push(Node {
                    x,
                    a: self.eval(&d, self.spec.a, At::Value(x), w),
                    b: self.eval(&d, self.spec.b, At::Value(x), w),
                });
            }
        } else {
            let mut idx: Vec<(Decimal, u64)> = (0..axis.values.len())
                .map(|i| (axis.values.num(i).unwrap_or_default(), i))
                .collect();
            idx.sort();
            for (x, i) in idx {
                nodes.push(Node {
                    x,
                    a: self.eval(&d, self.spec.a, At::Index(i), w),
                    b: self.eval(&d, self.spec.b, At::Index(i), w),
                });
            }
        }
        let method: &[u8] = if self.exact { b"exact" } else { b"sampled" };
        // Any invalid node makes the comparison invalid for this combination.
        for n in &nodes {
            for (o, name) in [(&n.a, &self.names[0]), (&n.b, &self.names[1])] {
                if let Some(r) = o.reason() {
                    buf.extend_from_slice(prefix);
                    buf.extend_from_slice(b",,,,,invalid,");
                    let mut note = Vec::new();
                    push_csv_field(
                        &mut note,
                        &crate::text::text_cell(&format!("{name} at {}: {r}", n.x.normalize())),
                    );
                    buf.extend_from_slice(&note);
                    buf.push(b'\n');
                    return;
                }
            }
        }
        let monthly = |o: &Outcome| match o {
            Outcome::Valid(f) => f.monthly,
            Outcome::Invalid(_) | Outcome::Impossible(_) => Decimal::ZERO,
        };
        let diff: Vec<Decimal> = nodes
            .iter()
            .map(|n| monthly(&n.a) - monthly(&n.b))
            .collect();
        let cheaper = |s: Ordering| -> &str {
            match s {
                Ordering::Less => &self.names[0],
                Ordering::Greater => &self.names[1],
                Ordering::Equal => "equal",
            }
        };
        let mut rows = 0;
        let mut last: Option<(usize, Ordering)> = None;
        for i in 0..nodes.len() {
            let s = diff[i].cmp(&Decimal::ZERO);
            if s == Ordering::Equal {
                continue;
            }
            if let Some((j, sj)) = last
                && sj != s
            {
                let (x, ma, mb) = if j + 1 < i {
                    // Equal at the nodes between: they meet at the first of them.
                    let n = &nodes[j + 1];
                    (n.x, monthly(&n.a), monthly(&n.b))
                } else if self.exact {
                    let (x0, x1, d0, d1) = (nodes[j].x, nodes[i].x, diff[j], diff[i]);
                    let x = x0 + d0 * (x1 - x0) / (d0 - d1);
                    let a = self.eval(&d, self.spec.a, At::Value(x), w);
                    let b = self.eval(&d, self.spec.b, At::Value(x), w);
                    (x, monthly(&a), monthly(&b))
                } else {
                    let n = &nodes[i];
                    (n.x, monthly(&n.a), monthly(&n.b))
                };
                buf.extend_from_slice(prefix);
                push_qty(buf, x.round_dp_with_strategy(RATE_DP, ROUNDING));
                buf.push(b',');
                push_cents(buf, ma);
                buf.push(b',');
                push_cents(buf, mb);
                buf.push(b',');
                buf.extend_from_slice(&csv_text(cheaper(sj)));
                buf.push(b',');
                buf.extend_from_slice(&csv_text(cheaper(s)));
                buf.push(b',');
                buf.extend_from_slice(method);
                buf.extend_from_slice(b",\n");
                rows += 1;
            }
            last = Some((i, s));
        }
        if rows == 0 {
            let winner = cheaper(last.map_or(Ordering::Equal, |(_, s)| s));
            buf.extend_from_slice(prefix);
            buf.extend_from_slice(b"never,,,");
            buf.extend_from_slice(&csv_text(winner));
            buf.push(b',');
            buf.extend_from_slice(&csv_text(winner));
            buf.push(b',');
            buf.extend_from_slice(method);
            buf.extend_from_slice(b",\n");
        }
    }
}

#[derive(Clone, Copy)]
enum At {
    Index(u64),
    Value(Decimal),
}
