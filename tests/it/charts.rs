//! Integration tests for `vpceplan::charts`: the PNG is a real image of the
//! promised size with the expected colours in it, the SVG parses and carries
//! the title, axis labels and every series / component name, and bad input
//! never panics.

use vpceplan::charts::{
    AzLoad, BreakEven, BreakdownBar, CostBreakdown, CostComponent, CostCurve, EniLoad,
    FailoverLoad, HEIGHT, RegionLoad, ResourceLoad, Series, WIDTH, cost_breakdown, cost_curve,
    eni_load, failover, find_break_evens,
};

const PNG_SIGNATURE: &[u8] = b"\x89PNG\r\n\x1a\n";

/// Width and height from the IHDR chunk, after checking the signature.
fn png_dims(png: &[u8]) -> (u32, u32) {
    assert!(png.len() > 33, "PNG too short: {} bytes", png.len());
    assert_eq!(&png[..8], PNG_SIGNATURE, "PNG signature");
    assert_eq!(&png[12..16], b"IHDR", "first chunk is IHDR");
    let w = u32::from_be_bytes([png[16], png[17], png[18], png[19]]);
    let h = u32::from_be_bytes([png[20], png[21], png[22], png[23]]);
    (w, h)
}

/// Decoded RGB pixels.
fn decode(png: &[u8]) -> Vec<[u8; 3]> {
    let decoder = png::Decoder::new(png);
    let mut reader = decoder.read_info().expect("PNG header decodes");
    let mut buf = vec![0; reader.output_buffer_size()];
    let info = reader.next_frame(&mut buf).expect("PNG frame decodes");
    assert_eq!(info.color_type, png::ColorType::Rgb);
    buf[..info.buffer_size()]
        .chunks(3)
        .map(|p| [p[0], p[1], p[2]])
        .collect()
}

/// Pixels exactly of colour `c`.
fn count_colour(pixels: &[[u8; 3]], c: [u8; 3]) -> usize {
    pixels.iter().filter(|p| **p == c).count()
}

/// Pixels close to colour `c` (anti-aliased edges excluded by the bound).
fn count_near(pixels: &[[u8; 3]], c: [u8; 3], tol: i32) -> usize {
    pixels
        .iter()
        .filter(|p| (0..3).all(|i| (i32::from(p[i]) - i32::from(c[i])).abs() <= tol))
        .count()
}

/// Check the PNG is WIDTH x HEIGHT and not blank; return its pixels.
fn check_png(png: &[u8]) -> Vec<[u8; 3]> {
    assert_eq!(png_dims(png), (WIDTH, HEIGHT));
    assert_eq!((WIDTH, HEIGHT), (1200, 700));
    let pixels = decode(png);
    assert_eq!(pixels.len(), (WIDTH * HEIGHT) as usize);
    let inked = pixels.iter().filter(|p| **p != [255, 255, 255]).count();
    assert!(
        inked > 5_000,
        "image is nearly blank: {inked} non-white pixels"
    );
    pixels
}

/// Parse the SVG and return the content of every `<text>` element.
fn svg_texts(svg: &str) -> Vec<String> {
    let doc = roxmltree::Document::parse(svg).expect("SVG is well-formed XML");
    let root = doc.root_element();
    assert_eq!(root.tag_name().name(), "svg");
    assert_eq!(root.attribute("width"), Some("1200"));
    assert_eq!(root.attribute("height"), Some("700"));
    let texts: Vec<_> = doc
        .descendants()
        .filter(|n| n.has_tag_name("text"))
        .collect();
    for t in &texts {
        assert_eq!(
            t.attribute("font-family"),
            Some("sans-serif"),
            "every text uses the registered family"
        );
    }
    texts
        .iter()
        .map(|t| t.text().unwrap_or("").trim().to_string())
        .collect()
}

/// All texts joined with spaces, for names that may wrap over lines.
fn joined(texts: &[String]) -> String {
    texts.join(" ")
}

fn assert_has(texts: &[String], wanted: &str) {
    assert!(
        texts.iter().any(|t| t == wanted),
        "no <text> equal to {wanted:?} in {texts:?}"
    );
}

/// A money tick: `$`, digits with separators, optional decimals and suffix.
fn is_money_tick(t: &str) -> bool {
    let body = t.strip_prefix('-').unwrap_or(t);
    let Some(body) = body.strip_prefix('$') else {
        return false;
    };
    let body = body.trim_end_matches(['k', 'M', 'B']);
    !body.is_empty()
        && body
            .chars()
            .all(|c| c.is_ascii_digit() || c == ',' || c == '.')
        && body.split('.').nth(1).is_none_or(|d| d.len() <= 2)
}

fn line(name: &str, fixed: f64, per_unit: f64, xs: &[f64]) -> Series {
    Series {
        name: name.to_string(),
        points: xs.iter().map(|&x| (x, fixed + per_unit * x)).collect(),
    }
}

fn sample_curve() -> CostCurve {
    let xs: Vec<f64> = (0..=20).map(|i| f64::from(i) * 1_000.0).collect();
    let series = vec![
        line("Distributed", 100.0, 0.01, &xs),
        line("Centralized", 0.0, 0.02, &xs),
    ];
    CostCurve {
        title: "Cost vs data processed".into(),
        x_label: "Data processed (GB/month)".into(),
        x_unit: "GB".into(),
        break_evens: find_break_evens(&series),
        series,
        ..CostCurve::default()
    }
}

#[test]
fn cost_curve_renders_png_and_labelled_svg() {
    let curve = sample_curve();
    assert_eq!(curve.break_evens.len(), 1);
    let (svg, png) = cost_curve(&curve).expect("renders");

    let pixels = check_png(&png);
    // Both series are drawn in their palette colours.
    assert!(
        count_colour(&pixels, [0x4E, 0x79, 0xA7]) > 500,
        "first series (blue) drawn"
    );
    assert!(
        count_colour(&pixels, [0xF2, 0x8E, 0x2B]) > 500,
        "second series (orange) drawn"
    );

    let texts = svg_texts(&svg);
    assert_has(&texts, "Cost vs data processed");
    assert_has(&texts, "Data processed (GB/month)");
    assert_has(&texts, "Cost (USD/month)");
    assert_has(&texts, "Distributed");
    assert_has(&texts, "Centralized");
    assert_has(&texts, "break-even 10,000 GB");
    // y ticks read as dollars; nothing prints float noise.
    let money: Vec<&String> = texts.iter().filter(|t| t.starts_with('$')).collect();
    assert!(money.len() >= 4, "money ticks: {money:?}");
    for t in &money {
        assert!(is_money_tick(t), "bad money tick {t:?}");
    }
    assert!(texts.iter().any(|t| t == "$0"));
    assert!(
        texts.iter().any(|t| t == "10k" || t == "10,000"),
        "x ticks: {texts:?}"
    );
    for t in &texts {
        assert!(!t.contains("0000"), "raw float in {t:?}");
        assert!(
            !t.contains("NaN") && !t.contains("inf"),
            "bad number in {t:?}"
        );
    }
}

#[test]
fn cost_curve_log_axes_drop_non_positive_values() {
    let mut curve = sample_curve();
    curve.log_x = true;
    curve.log_y = true;
    // x = 0 and cost 0 cannot sit on a log axis; they are skipped.
    curve.series[1].points.push((-5.0, 10.0));
    curve.break_evens.push(BreakEven {
        x: 0.0,
        cost_usd: 10.0,
        label: Some("never drawn".into()),
    });
    curve.series.push(Series {
        name: "only zeros".into(),
        points: vec![(0.0, 5.0), (10.0, 0.0)],
    });
    let (svg, png) = cost_curve(&curve).expect("renders");
    check_png(&png);
    let texts = svg_texts(&svg);
    assert!(!texts.iter().any(|t| t == "never drawn"));
    assert_has(&texts, "only zeros (no data)");
    assert_has(&texts, "break-even 10,000 GB");
    // Round 1-2-5 ticks on both axes, compact from a thousand up.
    for wanted in ["$100", "$200", "$500", "$1k", "1k", "2k", "10k", "100k"] {
        assert_has(&texts, wanted);
    }
    assert!(
        texts
            .iter()
            .filter(|t| t.starts_with('$'))
            .all(|t| is_money_tick(t))
    );
}

#[test]
fn cost_curve_labels_many_break_evens() {
    // Four lines crossing each other at six distinct points: every
    // crossing gets its own label.
    let xs: Vec<f64> = (0..=20).map(f64::from).collect();
    let series: Vec<Series> = (0..4)
        .map(|i| {
            let i = f64::from(i);
            line(&format!("design {i}"), 10.0 * i * i, 10.0 - 3.0 * i, &xs)
        })
        .collect();
    let break_evens = find_break_evens(&series);
    assert_eq!(break_evens.len(), 6);
    let curve = CostCurve {
        title: "Crossings".into(),
        x_label: "Spokes".into(),
        x_unit: "spokes".into(),
        series,
        break_evens,
        ..CostCurve::default()
    };
    let (svg, png) = cost_curve(&curve).expect("renders");
    check_png(&png);
    let texts = svg_texts(&svg);
    let labels = texts
        .iter()
        .filter(|t| t.starts_with("break-even "))
        .count();
    assert_eq!(labels, 6, "{texts:?}");
    assert_has(&texts, "break-even");
}

#[test]
fn cost_curve_merges_crossings_at_one_point() {
    // Every pair of these lines crosses at x = 5: one dot, one label.
    let xs: Vec<f64> = (0..=10).map(f64::from).collect();
    let series: Vec<Series> = (0..4)
        .map(|i| {
            line(
                &format!("design {i}"),
                100.0 - 20.0 * f64::from(i),
                4.0 * f64::from(i),
                &xs,
            )
        })
        .collect();
    let break_evens = find_break_evens(&series);
    assert_eq!(break_evens.len(), 6);
    let curve = CostCurve {
        x_unit: "spokes".into(),
        series,
        break_evens,
        ..CostCurve::default()
    };
    let texts = svg_texts(&cost_curve(&curve).expect("renders").0);
    let labels: Vec<&String> = texts
        .iter()
        .filter(|t| t.starts_with("break-even "))
        .collect();
    assert_eq!(labels, vec!["break-even 5 spokes"]);
}

#[test]
fn cost_curve_reports_break_evens_it_could_not_label() {
    // Thirty lines in a narrow band cross in many places; whatever cannot be
    // labelled without overlap is counted in the legend.
    let xs: Vec<f64> = (0..=40).map(f64::from).collect();
    let series: Vec<Series> = (0..30)
        .map(|i| {
            let i = f64::from(i);
            line(&format!("d{i}"), 3.0 * i * i, 40.0 - 2.0 * i, &xs)
        })
        .collect();
    let break_evens = find_break_evens(&series);
    assert!(break_evens.len() > 100, "{}", break_evens.len());
    let curve = CostCurve {
        x_unit: "GB".into(),
        series,
        break_evens,
        ..CostCurve::default()
    };
    let texts = svg_texts(&cost_curve(&curve).expect("renders").0);
    let labelled = texts
        .iter()
        .filter(|t| t.starts_with("break-even "))
        .count();
    let note = texts
        .iter()
        .find_map(|t| {
            t.strip_prefix("break-even (")?
                .strip_suffix(" not labelled)")
        })
        .unwrap_or_else(|| panic!("legend counts unlabelled break-evens: {texts:?}"));
    let left_out: usize = note.parse().expect("a count");
    assert!(
        labelled > 3 && left_out > 0,
        "{labelled} labelled, {left_out} left out"
    );
}

#[test]
fn cost_breakdown_has_components_designs_and_totals() {
    let comp = |name: &str, usd: f64| CostComponent {
        name: name.into(),
        usd,
    };
    let b = CostBreakdown {
        title: "Breakdown".into(),
        bars: vec![
            BreakdownBar {
                name: "Distributed".into(),
                components: vec![
                    comp("Endpoint hours", 2_190.0),
                    comp("Data processing", 500.0),
                ],
            },
            BreakdownBar {
                name: "Centralized".into(),
                components: vec![
                    comp("Endpoint hours", 109.5),
                    comp("Data processing", 500.0),
                    comp("TGW attachments", 730.0),
                ],
            },
        ],
        ..CostBreakdown::default()
    };
    let (svg, png) = cost_breakdown(&b).expect("renders");
    let pixels = check_png(&png);
    for colour in [[0x4E, 0x79, 0xA7], [0xF2, 0x8E, 0x2B], [0x59, 0xA1, 0x4F]] {
        assert!(
            count_colour(&pixels, colour) > 1_000,
            "component colour {colour:?} drawn"
        );
    }
    let texts = svg_texts(&svg);
    for wanted in [
        "Breakdown",
        "Design",
        "Cost (USD/month)",
        "Distributed",
        "Centralized",
        "Endpoint hours",
        "Data processing",
        "TGW attachments",
        "$2,690",
        "$1,339.50",
    ] {
        assert_has(&texts, wanted);
    }
}

#[test]
fn cost_breakdown_wraps_long_design_names() {
    let names = [
        "Interface endpoints in every spoke VPC",
        "Centralized endpoints in shared-services VPC",
        "NAT gateway to public service endpoints",
        "Gateway endpoints for S3 and DynamoDB",
        "VPC Lattice service network",
        "Resource endpoints for RDS",
        "Hybrid centralized and distributed",
        "Transit Gateway with inspection VPC",
    ];
    let b = CostBreakdown {
        title: "Eight designs".into(),
        bars: names
            .iter()
            .enumerate()
            .map(|(i, n)| BreakdownBar {
                name: (*n).into(),
                components: vec![CostComponent {
                    name: "hours".into(),
                    usd: 100.0 * (i as f64 + 1.0),
                }],
            })
            .collect(),
        ..CostBreakdown::default()
    };
    let (svg, png) = cost_breakdown(&b).expect("renders");
    check_png(&png);
    let texts = svg_texts(&svg);
    let all = joined(&texts);
    for n in names {
        for word in n.split([' ', '-']) {
            assert!(all.contains(word), "{word:?} of {n:?} missing");
        }
    }
    // Names were wrapped: no single text holds a whole long name.
    assert!(!texts.iter().any(|t| t == names[0]));
}

fn eni(loads: [(f64, Option<f64>); 3]) -> EniLoad {
    EniLoad {
        title: "ENI load".into(),
        resources: vec![ResourceLoad {
            name: "s3-interface".into(),
            azs: ["use1-az1", "use1-az2", "use1-az4"]
                .iter()
                .zip(loads)
                .map(|(az, (normal, lost))| AzLoad {
                    az: (*az).into(),
                    normal_gbps: normal,
                    az_lost_gbps: lost,
                })
                .collect(),
        }],
        ..EniLoad::default()
    }
}

#[test]
fn eni_load_marks_bars_over_limits_in_red() {
    const RED: [u8; 3] = [0xD6, 0x27, 0x28];
    let calm = eni([(2.0, None), (3.0, Some(4.0)), (2.5, Some(3.5))]);
    let hot = eni([(20.0, None), (25.0, Some(45.0)), (22.0, Some(33.0))]);

    let (calm_svg, calm_png) = eni_load(&calm).expect("renders");
    let (hot_svg, hot_png) = eni_load(&hot).expect("renders");
    let calm_red = count_near(&check_png(&calm_png), RED, 8);
    let hot_red = count_near(&check_png(&hot_png), RED, 8);
    assert!(
        hot_red > calm_red + 2_000,
        "over-limit bars stand out: {hot_red} red pixels vs {calm_red} (legend only)"
    );

    for svg in [&calm_svg, &hot_svg] {
        let texts = svg_texts(svg);
        for wanted in [
            "ENI load",
            "Load per AZ (Gbps)",
            "s3-interface",
            "use1-az2",
            "All AZs up",
            "One AZ lost",
            "sustained limit 10 Gbps",
            "burst limit 40 Gbps",
            "lost",
        ] {
            assert_has(&texts, wanted);
        }
    }
}

#[test]
fn eni_load_custom_and_invalid_limits() {
    let mut load = eni([(2.0, None), (3.0, Some(4.0)), (2.5, Some(3.5))]);
    load.sustained_limit_gbps = 5.0;
    load.burst_limit_gbps = f64::NAN;
    let (svg, png) = eni_load(&load).expect("renders");
    check_png(&png);
    let texts = svg_texts(&svg);
    assert_has(&texts, "sustained limit 5 Gbps");
    assert!(
        !texts.iter().any(|t| t.starts_with("burst limit")),
        "{texts:?}"
    );
}

#[test]
fn failover_shows_regions_capacity_and_failed_region() {
    let region = |name: &str, before: f64, after: f64, capacity: f64, failed: bool| RegionLoad {
        region: name.into(),
        before,
        after,
        capacity,
        failed,
    };
    let f = FailoverLoad {
        title: "Failover".into(),
        regions: vec![
            region("us-east-1", 40.0, 0.0, 60.0, true),
            region("us-west-2", 30.0, 70.0, 60.0, false),
            region("eu-west-1", 20.0, 30.0, 40.0, false),
        ],
        ..FailoverLoad::default()
    };
    let (svg, png) = failover(&f).expect("renders");
    let pixels = check_png(&png);
    assert!(
        count_near(&pixels, [0xD6, 0x27, 0x28], 8) > 500,
        "over-capacity bar is red"
    );
    let texts = svg_texts(&svg);
    for wanted in [
        "Failover",
        "Load (Gbps)",
        "Region",
        "us-east-1",
        "us-west-2",
        "eu-west-1",
        "capacity 60 Gbps",
        "capacity 40 Gbps",
        "failed",
        "Before failover",
        "After failover",
        "70",
    ] {
        assert_has(&texts, wanted);
    }
}

#[test]
fn rendering_is_deterministic() {
    let a = cost_curve(&sample_curve()).expect("renders");
    let b = cost_curve(&sample_curve()).expect("renders");
    assert_eq!(a.0, b.0);
    assert_eq!(a.1, b.1);
}

/// Render all four charts from awkward input; each must succeed with a
/// valid PNG and parseable SVG that contains no NaN/inf text.
fn render_all_ok(curve: &CostCurve, breakdown: &CostBreakdown, load: &EniLoad, fo: &FailoverLoad) {
    let outputs = [
        cost_curve(curve).expect("cost_curve renders"),
        cost_breakdown(breakdown).expect("cost_breakdown renders"),
        eni_load(load).expect("eni_load renders"),
        failover(fo).expect("failover renders"),
    ];
    for (svg, png) in outputs {
        assert_eq!(png_dims(&png), (WIDTH, HEIGHT));
        for t in svg_texts(&svg) {
            assert!(
                !t.contains("NaN") && !t.contains("inf"),
                "bad number in {t:?}"
            );
        }
    }
}

/// Like [`render_all_ok`] for a cost curve alone.
fn render_curve_ok(curve: &CostCurve) {
    let (svg, png) = cost_curve(curve).expect("cost_curve renders");
    assert_eq!(png_dims(&png), (WIDTH, HEIGHT));
    for t in svg_texts(&svg) {
        assert!(
            !t.contains("NaN") && !t.contains("inf"),
            "bad number in {t:?}"
        );
    }
}

#[test]
fn empty_inputs_render() {
    render_all_ok(
        &CostCurve::default(),
        &CostBreakdown::default(),
        &EniLoad::default(),
        &FailoverLoad::default(),
    );
    let (svg, _) = cost_curve(&CostCurve {
        series: vec![Series::default()],
        ..CostCurve::default()
    })
    .expect("renders");
    assert_has(&svg_texts(&svg), "No data to plot");
}

#[test]
fn single_points_and_all_zero_values_render() {
    let curve = CostCurve {
        series: vec![
            Series {
                name: "one".into(),
                points: vec![(5.0, 0.0)],
            },
            Series {
                name: "zero".into(),
                points: vec![(0.0, 0.0), (10.0, 0.0)],
            },
        ],
        ..CostCurve::default()
    };
    let breakdown = CostBreakdown {
        bars: vec![BreakdownBar {
            name: "zero".into(),
            components: vec![CostComponent {
                name: "nothing".into(),
                usd: 0.0,
            }],
        }],
        ..CostBreakdown::default()
    };
    let load = EniLoad {
        resources: vec![ResourceLoad {
            name: "idle".into(),
            azs: vec![AzLoad {
                az: "a".into(),
                normal_gbps: 0.0,
                az_lost_gbps: Some(0.0),
            }],
        }],
        sustained_limit_gbps: 0.0,
        burst_limit_gbps: 0.0,
        ..EniLoad::default()
    };
    let fo = FailoverLoad {
        regions: vec![RegionLoad {
            region: "r".into(),
            ..RegionLoad::default()
        }],
        ..FailoverLoad::default()
    };
    render_all_ok(&curve, &breakdown, &load, &fo);
    let mut log = curve.clone();
    log.log_x = true;
    log.log_y = true;
    render_curve_ok(&log);
}

#[test]
fn non_finite_and_negative_values_render() {
    let bad = [f64::NAN, f64::INFINITY, f64::NEG_INFINITY];
    let curve = CostCurve {
        series: vec![
            Series {
                name: "bad".into(),
                points: bad
                    .iter()
                    .map(|&v| (v, v))
                    .chain([(1.0, f64::NAN)])
                    .collect(),
            },
            Series {
                name: "negative".into(),
                points: vec![(-10.0, -100.0), (0.0, 50.0), (10.0, -20.0)],
            },
        ],
        break_evens: vec![BreakEven {
            x: f64::NAN,
            cost_usd: f64::INFINITY,
            label: None,
        }],
        ..CostCurve::default()
    };
    let breakdown = CostBreakdown {
        bars: vec![BreakdownBar {
            name: "credits".into(),
            components: bad
                .iter()
                .map(|&usd| CostComponent {
                    name: "bad".into(),
                    usd,
                })
                .chain([CostComponent {
                    name: "credit".into(),
                    usd: -250.0,
                }])
                .collect(),
        }],
        ..CostBreakdown::default()
    };
    let load = EniLoad {
        resources: vec![ResourceLoad {
            name: "weird".into(),
            azs: bad
                .iter()
                .map(|&v| AzLoad {
                    az: "az".into(),
                    normal_gbps: v,
                    az_lost_gbps: Some(-v),
                })
                .collect(),
        }],
        sustained_limit_gbps: f64::INFINITY,
        burst_limit_gbps: -1.0,
        ..EniLoad::default()
    };
    let fo = FailoverLoad {
        regions: bad
            .iter()
            .map(|&v| RegionLoad {
                region: "r".into(),
                before: v,
                after: -v,
                capacity: v,
                failed: false,
            })
            .collect(),
        ..FailoverLoad::default()
    };
    render_all_ok(&curve, &breakdown, &load, &fo);
    let mut log = curve.clone();
    log.log_x = true;
    log.log_y = true;
    render_curve_ok(&log);
}

#[test]
fn very_long_names_and_many_series_render() {
    let long = "very-long-design-name ".repeat(30);
    let curve = CostCurve {
        title: long.clone(),
        x_label: long.clone(),
        y_label: long.clone(),
        x_unit: long.clone(),
        series: (0..30)
            .map(|i| {
                line(
                    &format!("{long}{i}"),
                    f64::from(i),
                    1.0 + f64::from(i),
                    &[0.0, 1e6],
                )
            })
            .collect(),
        break_evens: vec![BreakEven {
            x: 5e5,
            cost_usd: 1e6,
            label: None,
        }],
        ..CostCurve::default()
    };
    let breakdown = CostBreakdown {
        title: long.clone(),
        bars: (0..12)
            .map(|i| BreakdownBar {
                name: format!("{long}{i}"),
                components: (0..14)
                    .map(|j| CostComponent {
                        name: format!("component {j} {long}"),
                        usd: 1e9 * f64::from(j + 1),
                    })
                    .collect(),
            })
            .collect(),
        ..CostBreakdown::default()
    };
    let load = EniLoad {
        resources: (0..10)
            .map(|i| ResourceLoad {
                name: format!("{long}{i}"),
                azs: (0..6)
                    .map(|j| AzLoad {
                        az: format!("{long}-az{j}"),
                        normal_gbps: f64::from(j * 10),
                        az_lost_gbps: (j > 0).then_some(f64::from(j * 12)),
                    })
                    .collect(),
            })
            .collect(),
        ..EniLoad::default()
    };
    let fo = FailoverLoad {
        regions: (0..20)
            .map(|i| RegionLoad {
                region: format!("{long}{i}"),
                before: 1e-9,
                after: 1e15,
                capacity: 1.0,
                failed: i == 0,
            })
            .collect(),
        unit: long,
        ..FailoverLoad::default()
    };
    render_all_ok(&curve, &breakdown, &load, &fo);
}

#[test]
fn extreme_magnitudes_render() {
    for big in [f64::MAX, 1e300, f64::MIN_POSITIVE, 5e-324] {
        let curve = CostCurve {
            series: vec![
                Series {
                    name: "big".into(),
                    points: vec![(0.0, 0.0), (big, big), (big / 2.0, 1.0)],
                },
                Series {
                    name: "flat".into(),
                    points: vec![(0.0, big), (big, 0.0)],
                },
            ],
            break_evens: vec![BreakEven {
                x: big,
                cost_usd: big,
                label: None,
            }],
            ..CostCurve::default()
        };
        let breakdown = CostBreakdown {
            bars: vec![BreakdownBar {
                name: "big".into(),
                components: vec![
                    CostComponent {
                        name: "a".into(),
                        usd: big,
                    },
                    CostComponent {
                        name: "b".into(),
                        usd: big,
                    },
                    CostComponent {
                        name: "credit".into(),
                        usd: -big,
                    },
                ],
            }],
            ..CostBreakdown::default()
        };
        let load = EniLoad {
            resources: vec![ResourceLoad {
                name: "big".into(),
                azs: vec![AzLoad {
                    az: "a".into(),
                    normal_gbps: big,
                    az_lost_gbps: Some(big),
                }],
            }],
            sustained_limit_gbps: big,
            burst_limit_gbps: big,
            ..EniLoad::default()
        };
        let fo = FailoverLoad {
            regions: vec![RegionLoad {
                region: "r".into(),
                before: big,
                after: big,
                capacity: big,
                failed: false,
            }],
            ..FailoverLoad::default()
        };
        render_all_ok(&curve, &breakdown, &load, &fo);
        let mut log = curve.clone();
        log.log_x = true;
        log.log_y = true;
        render_curve_ok(&log);
    }
}
