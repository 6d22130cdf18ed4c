//! Render every chart with sample data into a directory, for eyeballing.
//!
//! `cargo run --example chart_gallery -- /tmp/vpceplan-charts`

use std::error::Error;
use std::path::PathBuf;

use vpceplan::charts::{
    AzLoad, BreakdownBar, CostBreakdown, CostComponent, CostCurve, EniLoad, FailoverLoad,
    RegionLoad, ResourceLoad, Series, cost_breakdown, cost_curve, eni_load, failover,
    find_break_evens,
};

fn line(name: &str, fixed: f64, per_gb: f64, xs: &[f64]) -> Series {
    Series {
        name: name.to_string(),
        points: xs.iter().map(|&x| (x, fixed + per_gb * x)).collect(),
    }
}

fn main() -> Result<(), Box<dyn Error>> {
    let dir = PathBuf::from(
        std::env::args()
            .nth(1)
            .unwrap_or_else(|| "/tmp/vpceplan-charts".to_string()),
    );
    std::fs::create_dir_all(&dir)?;
    let save = |name: &str, (svg, png): (String, Vec<u8>)| -> Result<(), Box<dyn Error>> {
        std::fs::write(dir.join(format!("{name}.svg")), svg)?;
        std::fs::write(dir.join(format!("{name}.png")), png)?;
        Ok(())
    };

    let xs: Vec<f64> = (0..=40).map(|i| f64::from(i) * 5_000.0).collect();
    let series = vec![
        line("Interface endpoints in every spoke VPC", 2_190.0, 0.01, &xs),
        line(
            "Centralized endpoints in shared-services VPC via Transit Gateway",
            839.5,
            0.03,
            &xs,
        ),
        line("NAT gateway to public service endpoints", 98.55, 0.045, &xs),
    ];
    let break_evens = find_break_evens(&series);
    save(
        "cost_curve",
        cost_curve(&CostCurve {
            title: "Monthly cost vs data processed (20 spokes, 5 services, 3 AZs)".into(),
            x_label: "Data processed (GB/month)".into(),
            x_unit: "GB".into(),
            series: series.clone(),
            break_evens: break_evens.clone(),
            ..CostCurve::default()
        })?,
    )?;

    let log_xs: Vec<f64> = (0..=30)
        .map(|i| 10f64.powf(1.0 + f64::from(i) * 0.2))
        .collect();
    let log_series = vec![
        line(
            "Interface endpoints in every spoke VPC",
            2_190.0,
            0.01,
            &log_xs,
        ),
        line("Centralized endpoints + TGW", 839.5, 0.03, &log_xs),
        line("NAT gateway", 98.55, 0.045, &log_xs),
    ];
    save(
        "cost_curve_log",
        cost_curve(&CostCurve {
            title: "Monthly cost vs data processed (log scales)".into(),
            x_label: "Data processed (GB/month)".into(),
            x_unit: "GB".into(),
            break_evens: find_break_evens(&log_series),
            series: log_series,
            log_x: true,
            log_y: true,
            ..CostCurve::default()
        })?,
    )?;

    let spokes: Vec<f64> = (1..=60).map(f64::from).collect();
    let spoke_series = vec![
        line("Distributed endpoints", 0.0, 109.5, &spokes),
        line("Centralized endpoints + TGW", 109.5, 36.5, &spokes),
        line(
            "Centralized + Route 53 Resolver rules",
            109.5 + 180.0,
            36.5,
            &spokes,
        ),
        line("VPC Lattice service network", 300.0, 40.0, &spokes),
    ];
    save(
        "cost_curve_spokes",
        cost_curve(&CostCurve {
            title: "Monthly cost vs number of spoke VPCs".into(),
            x_label: "Spoke VPCs".into(),
            x_unit: "spokes".into(),
            break_evens: find_break_evens(&spoke_series),
            series: spoke_series,
            ..CostCurve::default()
        })?,
    )?;

    let comp = |name: &str, usd: f64| CostComponent {
        name: name.into(),
        usd,
    };
    let designs = [
        (
            "Interface endpoints in every spoke VPC",
            [2_190.0, 500.0, 0.0, 0.0, 0.0, 120.0],
        ),
        (
            "Centralized endpoints in shared-services VPC via Transit Gateway",
            [109.5, 500.0, 730.0, 1_000.0, 0.0, 240.0],
        ),
        (
            "NAT gateway to public service endpoints",
            [0.0, 0.0, 0.0, 0.0, 2_348.55, 90.0],
        ),
        (
            "Hybrid: S3/DynamoDB gateway endpoints + centralized interface endpoints",
            [80.0, 120.0, 730.0, 300.0, 0.0, 60.0],
        ),
        (
            "VPC Lattice service network",
            [0.0, 900.0, 0.0, 0.0, 0.0, 30.0],
        ),
        (
            "Resource endpoints (PrivateLink for RDS)",
            [328.5, 250.0, 0.0, 0.0, 0.0, 45.0],
        ),
    ];
    let names = [
        "Interface endpoint hours",
        "Endpoint data processing",
        "Transit Gateway attachments",
        "Transit Gateway data processing",
        "NAT gateway hours + data",
        "Cross-AZ data transfer",
    ];
    save(
        "cost_breakdown",
        cost_breakdown(&CostBreakdown {
            title: "Monthly cost by component".into(),
            bars: designs
                .iter()
                .map(|(d, values)| BreakdownBar {
                    name: (*d).into(),
                    components: names.iter().zip(values).map(|(n, v)| comp(n, *v)).collect(),
                })
                .collect(),
            ..CostBreakdown::default()
        })?,
    )?;

    let az = |az: &str, normal: f64, lost: Option<f64>| AzLoad {
        az: az.into(),
        normal_gbps: normal,
        az_lost_gbps: lost,
    };
    save(
        "eni_load",
        eni_load(&EniLoad {
            title: "Per-AZ endpoint load, normal and with use1-az1 lost".into(),
            resources: vec![
                ResourceLoad {
                    name: "com.amazonaws.us-east-1.s3 (interface)".into(),
                    azs: vec![
                        az("use1-az1", 6.0, None),
                        az("use1-az2", 6.5, Some(9.5)),
                        az("use1-az4", 5.5, Some(8.5)),
                    ],
                },
                ResourceLoad {
                    name: "com.amazonaws.us-east-1.execute-api".into(),
                    azs: vec![
                        az("use1-az1", 8.0, None),
                        az("use1-az2", 9.0, Some(13.0)),
                        az("use1-az4", 7.0, Some(11.0)),
                    ],
                },
                ResourceLoad {
                    name: "Partner SaaS endpoint service".into(),
                    azs: vec![az("use1-az1", 22.0, None), az("use1-az2", 24.0, Some(46.0))],
                },
                ResourceLoad {
                    name: "RDS resource endpoint".into(),
                    azs: vec![
                        az("use1-az1", 1.0, None),
                        az("use1-az2", 1.2, Some(1.7)),
                        az("use1-az4", 0.8, Some(1.3)),
                    ],
                },
            ],
            ..EniLoad::default()
        })?,
    )?;

    let region = |name: &str, before: f64, after: f64, capacity: f64, failed: bool| RegionLoad {
        region: name.into(),
        before,
        after,
        capacity,
        failed,
    };
    save(
        "failover",
        failover(&FailoverLoad {
            title: "Load per Region before and after us-east-1 fails".into(),
            regions: vec![
                region("us-east-1", 42.0, 0.0, 60.0, true),
                region("us-west-2", 30.0, 55.0, 60.0, false),
                region("eu-west-1", 25.0, 44.0, 40.0, false),
                region("ap-southeast-2", 8.0, 14.0, 40.0, false),
            ],
            ..FailoverLoad::default()
        })?,
    )?;

    // Degenerate inputs, to check they still look like charts.
    save("empty_cost_curve", cost_curve(&CostCurve::default())?)?;
    save(
        "empty_breakdown",
        cost_breakdown(&CostBreakdown::default())?,
    )?;
    save("empty_eni", eni_load(&EniLoad::default())?)?;
    save("empty_failover", failover(&FailoverLoad::default())?)?;

    // Crowded inputs: many long names, many series.
    let long = |i: usize| {
        format!(
            "Design {i}: centralized interface endpoints in shared-services VPC with Route 53 Resolver rules and inspection"
        )
    };
    let many: Vec<Series> = (0..10)
        .map(|i| line(&long(i), 200.0 * i as f64, 0.05 - 0.004 * i as f64, &xs))
        .collect();
    save(
        "stress_cost_curve",
        cost_curve(&CostCurve {
            title: "Ten designs with very long names, and a title that is long enough to need wrapping onto a second line".into(),
            x_label: "Data processed (GB/month)".into(),
            x_unit: "GB".into(),
            break_evens: find_break_evens(&many),
            series: many,
            ..CostCurve::default()
        })?,
    )?;
    save(
        "stress_breakdown",
        cost_breakdown(&CostBreakdown {
            title: "Ten designs".into(),
            bars: (0..10)
                .map(|i| BreakdownBar {
                    name: long(i),
                    components: names
                        .iter()
                        .enumerate()
                        .map(|(j, n)| {
                            comp(
                                n,
                                1_000.0 * ((i + j) % 4) as f64 + 15_000.0 * (j == 0) as u8 as f64,
                            )
                        })
                        .collect(),
                })
                .collect(),
            ..CostBreakdown::default()
        })?,
    )?;
    save(
        "stress_eni",
        eni_load(&EniLoad {
            title: "Eight endpoints".into(),
            resources: (0..8)
                .map(|i| ResourceLoad {
                    name: format!("com.amazonaws.eu-central-1.service-number-{i}"),
                    azs: ["euc1-az1", "euc1-az2", "euc1-az3"]
                        .iter()
                        .enumerate()
                        .map(|(j, a)| {
                            az(
                                a,
                                3.0 * (i + j) as f64,
                                (j > 0).then_some(4.5 * (i + j) as f64),
                            )
                        })
                        .collect(),
                })
                .collect(),
            ..EniLoad::default()
        })?,
    )?;
    save(
        "stress_failover",
        failover(&FailoverLoad {
            title: "Nine Regions".into(),
            regions: [
                "us-east-1",
                "us-east-2",
                "us-west-1",
                "us-west-2",
                "eu-west-1",
                "eu-central-1",
                "ap-southeast-1",
                "ap-southeast-2",
                "ap-northeast-1",
            ]
            .iter()
            .enumerate()
            .map(|(i, r)| region(r, 10.0 + i as f64, 12.0 + 2.0 * i as f64, 20.0, i == 0))
            .collect(),
            ..FailoverLoad::default()
        })?,
    )?;
    let single = CostCurve {
        title: "Single point, log axes, bad values".into(),
        x_label: "Spoke VPCs".into(),
        x_unit: "spokes".into(),
        series: vec![
            Series {
                name: "one point".into(),
                points: vec![(3.0, 250.0), (0.0, 100.0), (f64::NAN, 1.0)],
            },
            Series {
                name: "all bad".into(),
                points: vec![(-1.0, -1.0), (f64::INFINITY, 2.0)],
            },
        ],
        log_x: true,
        log_y: true,
        ..CostCurve::default()
    };
    save("edge_single_point_log", cost_curve(&single)?)?;

    let xs40: Vec<f64> = (0..=40).map(f64::from).collect();
    let band: Vec<Series> = (0..30)
        .map(|i| {
            let i = f64::from(i);
            line(&format!("d{i}"), 3.0 * i * i, 40.0 - 2.0 * i, &xs40)
        })
        .collect();
    save(
        "stress_crossings",
        cost_curve(&CostCurve {
            title: "Thirty designs crossing everywhere".into(),
            x_label: "Data processed (GB/month)".into(),
            x_unit: "GB".into(),
            break_evens: find_break_evens(&band),
            series: band,
            ..CostCurve::default()
        })?,
    )?;

    println!("wrote charts to {}", dir.display());
    Ok(())
}
