//! Charts of a sweep (`vpceplan sweep --charts`): monthly cost against the swept axis, one
//! line per design (or scenario), from the rows of `sweep.csv`, with the crossings of
//! `breakeven.csv` marked.
//!
//! One chart per combination of the other axes' values; a sweep with many combinations
//! gets charts for an evenly spaced selection of them (first and last included), so the
//! number of files stays small whatever the sweep's size. The CSVs are read as a stream:
//! memory holds only the points of the charts drawn.

use super::charts_data::{ChartInput, PlannedChart};
use crate::charts::{BreakEven, CostCurve, Series};
use crate::sweep::ChartAxes;
use crate::text::untext_cell;
use std::collections::HashMap;
use std::io::Read;

/// Indexes of `max` combinations out of `total`, evenly spaced, first and last included.
pub fn pick(total: u64, max: usize) -> Vec<u64> {
    let max = max as u64;
    if total <= max {
        return (0..total).collect();
    }
    if max <= 1 {
        return (0..max).collect();
    }
    let mut v: Vec<u64> = (0..max)
        .map(|j| {
            let num = u128::from(j) * u128::from(total - 1);
            ((num + u128::from(max - 1) / 2) / u128::from(max - 1)) as u64
        })
        .collect();
    v.dedup();
    v
}

/// File-name-safe text: letters, digits, `.`, `_` and `-` kept, the rest `_`.
pub fn file_safe(s: &str) -> String {
    s.chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-') {
                c
            } else {
                '_'
            }
        })
        .collect()
}

/// The charts of a sweep, and how many combinations of the other axes there were.
#[derive(Debug, Clone, PartialEq)]
pub struct SweepCharts {
    pub charts: Vec<PlannedChart>,
    /// Combinations seen in `sweep.csv`.
    pub combos: u64,
}

struct Combo {
    /// 1-based index among all combinations.
    index: u64,
    values: Vec<String>,
    /// Lines in order of first appearance.
    series: Vec<(String, Vec<(f64, f64)>)>,
    break_evens: Vec<BreakEven>,
}

fn col(header: &csv::StringRecord, name: &str) -> Option<usize> {
    header.iter().position(|h| untext_cell(h) == name)
}

fn bad(msg: String) -> csv::Error {
    csv::Error::from(std::io::Error::new(std::io::ErrorKind::InvalidData, msg))
}

/// Read `sweep.csv` (and `breakeven.csv`) and plan at most `max` charts, in the folder
/// `dir` of the report (`""`: the sweep's own folder).
pub fn sweep_charts(
    axes: &ChartAxes,
    sweep_csv: impl Read,
    breakeven_csv: Option<impl Read>,
    max: usize,
    dir: &str,
) -> Result<SweepCharts, csv::Error> {
    let chosen: Vec<u64> = pick(axes.combos, max);
    let mut rdr = csv::ReaderBuilder::new().from_reader(sweep_csv);
    let header = rdr.headers()?.clone();
    let need = |name: &str| {
        col(&header, name).ok_or_else(|| bad(format!("sweep.csv has no `{name}` column")))
    };
    let x_col = need(&axes.axis)?;
    let other_cols: Vec<usize> = axes
        .others
        .iter()
        .map(|o| need(o))
        .collect::<Result<_, _>>()?;
    let (scenario_col, design_col) = (need("scenario")?, need("design")?);
    let (money_col, valid_col) = (need("monthly_usd")?, need("valid")?);

    // Combination → its slot among the charts (None: not drawn).
    let mut seen: HashMap<Vec<String>, Option<usize>> = HashMap::new();
    let mut combos: Vec<Combo> = Vec::new();
    let mut count = 0u64;
    let mut rec = csv::StringRecord::new();
    while rdr.read_record(&mut rec)? {
        let key: Vec<String> = other_cols.iter().map(|&c| rec[c].to_string()).collect();
        let slot = match seen.get(&key) {
            Some(s) => *s,
            None => {
                let s = chosen.binary_search(&count).is_ok().then(|| {
                    combos.push(Combo {
                        index: count + 1,
                        values: key.clone(),
                        series: Vec::new(),
                        break_evens: Vec::new(),
                    });
                    combos.len() - 1
                });
                count += 1;
                seen.insert(key, s);
                s
            }
        };
        let Some(slot) = slot else { continue };
        if &rec[valid_col] != "yes" {
            continue;
        }
        let (Ok(x), Ok(y)) = (rec[x_col].parse::<f64>(), rec[money_col].parse::<f64>()) else {
            continue;
        };
        let (scenario, design) = (
            untext_cell(&rec[scenario_col]),
            untext_cell(&rec[design_col]),
        );
        let name = if axes.multi_scenario && scenario != design {
            format!("{scenario}/{design}")
        } else {
            design.to_string()
        };
        let series = &mut combos[slot].series;
        match series.iter_mut().find(|s| s.0 == name) {
            Some(s) => s.1.push((x, y)),
            None => series.push((name, vec![(x, y)])),
        }
    }

    if let Some(be) = breakeven_csv {
        let mut rdr = csv::ReaderBuilder::new().from_reader(be);
        let header = rdr.headers()?.clone();
        let need = |name: &str| {
            col(&header, name).ok_or_else(|| bad(format!("breakeven.csv has no `{name}` column")))
        };
        let other_cols: Vec<usize> = axes
            .others
            .iter()
            .map(|o| need(o))
            .collect::<Result<_, _>>()?;
        let (a_col, b_col, x_col, cost_col) = (
            need("design_a")?,
            need("design_b")?,
            need("crossing")?,
            need("monthly_usd_a")?,
        );
        while rdr.read_record(&mut rec)? {
            let key: Vec<String> = other_cols.iter().map(|&c| rec[c].to_string()).collect();
            let Some(Some(slot)) = seen.get(&key) else {
                continue;
            };
            let (Ok(x), Ok(cost)) = (rec[x_col].parse::<f64>(), rec[cost_col].parse::<f64>())
            else {
                continue;
            };
            combos[*slot].break_evens.push(BreakEven {
                x,
                cost_usd: cost,
                label: Some(format!(
                    "{} = {}: {} {}",
                    untext_cell(&rec[a_col]),
                    untext_cell(&rec[b_col]),
                    &rec[x_col],
                    axes.axis
                )),
            });
        }
    }

    let stem_base = format!("cost-vs-{}", file_safe(&axes.axis));
    let width = count.to_string().len().max(3);
    let charts = combos
        .into_iter()
        .filter(|c| c.series.iter().any(|s| !s.1.is_empty()))
        .map(|c| {
            let combo: Vec<String> = axes
                .others
                .iter()
                .zip(&c.values)
                .map(|(k, v)| format!("{} = {}", k, untext_cell(v)))
                .collect();
            let ys = c.series.iter().flat_map(|s| s.1.iter().map(|p| p.1));
            let (lo, hi) = ys.fold((f64::INFINITY, 0f64), |(l, h), y| (l.min(y), h.max(y)));
            let log_y = axes.log_x && lo > 0.0 && hi >= lo * 100.0;
            // Sparse samples are marked; dense ones are drawn as lines, with the points
            // that lie on the line through their neighbours left out (exactly the same
            // line, without the pixel rounding of hundreds of vertices).
            let markers = c.series.iter().all(|s| s.1.len() <= 15);
            let stem = if count <= 1 {
                stem_base.clone()
            } else {
                format!("{stem_base}-{:0width$}", c.index)
            };
            let where_ = if combo.is_empty() {
                String::new()
            } else {
                format!(" ({})", combo.join(", "))
            };
            PlannedChart {
                dir: dir.to_string(),
                stem,
                caption: format!(
                    "Monthly cost of each design of sweep {} along {}{where_}, from the rows of sweep.csv (lines join the sampled values); dots: the crossings of breakeven.csv.",
                    axes.sweep, axes.axis
                ),
                input: ChartInput::Curve(CostCurve {
                    title: format!("{}: monthly cost vs {}{where_}", axes.sweep, axes.axis),
                    x_label: if axes.log_x {
                        format!("{} (log scale)", axes.axis)
                    } else {
                        axes.axis.clone()
                    },
                    x_unit: axes.axis.clone(),
                    y_label: if log_y {
                        "Cost (USD/month, log scale)".into()
                    } else {
                        "Cost (USD/month)".into()
                    },
                    series: c
                        .series
                        .into_iter()
                        .map(|(name, points)| Series {
                            name,
                            points: if markers {
                                points
                            } else {
                                simplify(points, axes.log_x, log_y)
                            },
                        })
                        .collect(),
                    break_evens: c.break_evens,
                    log_x: axes.log_x,
                    log_y,
                    point_markers: markers,
                }),
            }
        })
        .collect();
    Ok(SweepCharts {
        charts,
        combos: count,
    })
}

/// Leave out the points that lie on the straight line (on the chart's axes) through their
/// neighbours, to within a ten-thousandth of the chart's height or width (a tenth of a
/// pixel): the same line, without the pixel rounding of hundreds of short segments.
fn simplify(mut points: Vec<(f64, f64)>, log_x: bool, log_y: bool) -> Vec<(f64, f64)> {
    const TOLERANCE: f64 = 1e-4;
    points.sort_by(|a, b| a.0.total_cmp(&b.0));
    let t = |p: (f64, f64)| {
        (
            if log_x { p.0.ln() } else { p.0 },
            if log_y { p.1.ln() } else { p.1 },
        )
    };
    let span = |f: fn((f64, f64)) -> f64| {
        let (lo, hi) = points
            .iter()
            .map(|p| f(t(*p)))
            .filter(|v| v.is_finite())
            .fold((f64::INFINITY, f64::NEG_INFINITY), |(l, h), v| {
                (l.min(v), h.max(v))
            });
        if hi > lo { hi - lo } else { 1.0 }
    };
    let (sx, sy) = (span(|p| p.0), span(|p| p.1));
    let unit = |p: (f64, f64)| {
        let q = t(p);
        (q.0 / sx, q.1 / sy)
    };
    let mut out: Vec<(f64, f64)> = Vec::with_capacity(points.len());
    for (i, &p) in points.iter().enumerate() {
        if let (Some(&a), Some(&b)) = (out.last(), points.get(i + 1)) {
            let (a, m, b) = (unit(a), unit(p), unit(b));
            let (dx, dy) = (b.0 - a.0, b.1 - a.1);
            let len = (dx * dx + dy * dy).sqrt();
            // Distance of m from the line through a and b.
            let dist = ((m.0 - a.0) * dy - (m.1 - a.1) * dx).abs() / len;
            if len > 0.0 && dist.is_finite() && dist <= TOLERANCE {
                continue;
            }
        }
        out.push(p);
    }
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn collinear_points_are_left_out() {
        let line: Vec<(f64, f64)> = (1..=200)
            .map(|n| (f64::from(n), 100.0 + 136.4 * f64::from(n)))
            .collect();
        assert_eq!(
            super::simplify(line, false, false),
            vec![(1.0, 236.4), (200.0, 27380.0)]
        );
        let bent = vec![(1.0, 1.0), (2.0, 2.0), (3.0, 3.0), (4.0, 5.0), (5.0, 7.0)];
        assert_eq!(
            super::simplify(bent, false, false),
            vec![(1.0, 1.0), (3.0, 3.0), (5.0, 7.0)]
        );
        // On log axes a straight cost line bends: nothing is left out.
        let curve: Vec<(f64, f64)> = [1.0, 10.0, 100.0, 1000.0]
            .iter()
            .map(|&g| (g, 60.0 + 0.045 * g))
            .collect();
        assert_eq!(super::simplify(curve.clone(), true, true).len(), 4);
    }

    use super::*;

    #[test]
    fn picks_evenly_with_both_ends() {
        assert_eq!(pick(5, 24), vec![0, 1, 2, 3, 4]);
        assert_eq!(pick(240, 4), vec![0, 80, 159, 239]);
        assert_eq!(pick(10, 1), vec![0]);
        assert_eq!(pick(10, 0), Vec::<u64>::new());
        assert_eq!(pick(0, 3), Vec::<u64>::new());
        let p = pick(1_000_000, 24);
        assert_eq!((p[0], p[23], p.len()), (0, 999_999, 24));
    }

    #[test]
    fn file_names_are_safe() {
        assert_eq!(file_safe("nat_gateway[*].count"), "nat_gateway___.count");
        assert_eq!(file_safe("../x y"), ".._x_y");
    }

    const SWEEP: &str = "\
hours_per_month,gb,scenario,design,monthly_usd,hourly_usd,usd_per_gb,min_headroom_pct,status,az_loss_status,valid,reason
720,1,nat,nat,64.85,0.09,64.8,90.00,ok,ok,yes,
720,1000,nat,nat,109.80,0.15,0.1,90.00,ok,ok,yes,
720,1,ep,ep,86.41,0.12,86.4,95.00,ok,ok,yes,
720,1000,ep,ep,96.40,0.13,0.09,95.00,ok,ok,yes,
730,1,nat,nat,65.75,0.09,65.7,90.00,ok,ok,yes,
730,1000,nat,nat,110.70,0.15,0.1,90.00,ok,ok,yes,
730,1,ep,ep,87.61,0.12,87.6,95.00,ok,ok,yes,
730,1000,ep,ep,,,,,,,no,no price
";
    const BE: &str = "\
hours_per_month,axis,design_a,design_b,crossing,monthly_usd_a,monthly_usd_b,cheaper_below,cheaper_above,method,note
720,gb,nat,ep,617.142857,92.57,92.57,nat,ep,exact,
730,gb,nat,ep,never,,,nat,,exact,
";

    fn axes() -> ChartAxes {
        ChartAxes {
            sweep: "nat-vs-ep".into(),
            axis: "gb".into(),
            log_x: true,
            others: vec!["hours_per_month".into()],
            combos: 2,
            multi_scenario: true,
        }
    }

    #[test]
    fn one_chart_per_combination_with_its_lines_and_crossings() {
        let got = sweep_charts(&axes(), SWEEP.as_bytes(), Some(BE.as_bytes()), 24, "").unwrap();
        assert_eq!(got.combos, 2);
        assert_eq!(got.charts.len(), 2);
        let c0 = &got.charts[0];
        assert_eq!(c0.stem, "cost-vs-gb-001");
        assert_eq!(c0.svg_path(), "cost-vs-gb-001.svg");
        let ChartInput::Curve(k) = &c0.input else {
            panic!()
        };
        assert_eq!(
            k.title,
            "nat-vs-ep: monthly cost vs gb (hours_per_month = 720)"
        );
        assert_eq!(k.series.len(), 2);
        assert_eq!(k.series[0].name, "nat");
        assert_eq!(k.series[0].points, vec![(1.0, 64.85), (1000.0, 109.80)]);
        assert_eq!(k.break_evens.len(), 1);
        assert_eq!(k.break_evens[0].x, 617.142857);
        assert_eq!(
            k.break_evens[0].label.as_deref(),
            Some("nat = ep: 617.142857 gb")
        );
        // An invalid row is no point; `never` is no dot.
        let ChartInput::Curve(k) = &got.charts[1].input else {
            panic!()
        };
        assert_eq!(k.series[1].points, vec![(1.0, 87.61)]);
        assert!(k.break_evens.is_empty());
    }

    #[test]
    fn many_combinations_get_a_selection() {
        let mut a = axes();
        a.combos = 2;
        let got = sweep_charts(&a, SWEEP.as_bytes(), None::<&[u8]>, 1, "sw").unwrap();
        assert_eq!(got.combos, 2);
        assert_eq!(got.charts.len(), 1);
        assert_eq!(got.charts[0].svg_path(), "sw/cost-vs-gb-001.svg");
    }
}
