//! `vpceplan import flow-logs`: text (default and custom formats), gzip and Parquet flow
//! logs joined to an ENI map, split per AWS service and source, with hand-computed GB.

use crate::export_writer;

use std::sync::Arc;

use crate::common::{stderr, stdout, tmp, vpceplan};
use crate::export_writer::gzip;
use arrow_array::{ArrayRef, Int64Array, RecordBatch, StringArray};
use parquet::arrow::ArrowWriter;
use parquet::file::properties::WriterProperties;

const GB: u64 = 1 << 30;
/// 2026-10-01T00:00:00Z, and 730 h later: the logs span exactly one 730 h month.
const T0: u64 = 1_790_812_800;
const T1: u64 = T0 + 730 * 3600;

const ENIS: &str = "\
# interface_id,kind,...
interface_id,kind,resource,account,region,az,service,vpc,vpc_cidr
eni-nat-a,nat_gateway,nat-a,111111111111,us-east-1,use1-az1,,vpc-a,10.1.0.0/16
eni-nat-b,nat_gateway,nat-b,222222222222,us-east-1,use1-az2,,vpc-b,10.2.0.0/16
eni-vpce-ecr,interface_endpoint,vpce-ecr,999999999999,us-east-1,use1-az1,ecr.dkr,vpc-hub,10.9.0.0/16
eni-rslvr,resolver_endpoint,rslvr-in-1,999999999999,us-east-1,use1-az1,,vpc-hub,10.9.0.0/16
";

const RANGES: &str = r#"{"syncToken":"1","createDate":"2026-10-01-00-00-00","prefixes":[
 {"ip_prefix":"52.0.0.0/10","region":"us-east-1","service":"AMAZON","network_border_group":"us-east-1"},
 {"ip_prefix":"52.216.0.0/15","region":"us-east-1","service":"AMAZON","network_border_group":"us-east-1"},
 {"ip_prefix":"52.216.0.0/15","region":"us-east-1","service":"S3","network_border_group":"us-east-1"},
 {"ip_prefix":"52.94.0.0/22","region":"us-east-1","service":"DYNAMODB","network_border_group":"us-east-1"}],
 "ipv6_prefixes":[{"ipv6_prefix":"2600:1f18::/33","region":"us-east-1","service":"S3","network_border_group":"us-east-1"}]}"#;

fn rec(eni: &str, src: &str, dst: &str, sp: u32, dp: u32, bytes: u64) -> String {
    format!("2 111111111111 {eni} {src} {dst} {sp} {dp} 6 10 {bytes} {T0} {T1} ACCEPT OK")
}

/// Version 2 default format, no header line (as CloudWatch Logs exports it).
fn default_format_log() -> String {
    [
        // NAT a: inside leg (both private): left out, counted on the outside leg.
        rec("eni-nat-a", "10.1.1.5", "10.1.0.9", 40000, 443, 3 * GB),
        // Outside legs: 3 GB to S3 and 1 GB back; 2 GB to DynamoDB; 1 GB to the internet.
        rec("eni-nat-a", "10.1.0.9", "52.216.7.1", 40000, 443, 3 * GB),
        rec("eni-nat-a", "52.216.7.1", "10.1.0.9", 443, 40000, GB),
        rec("eni-nat-a", "10.1.0.9", "52.94.1.1", 40001, 443, 2 * GB),
        rec("eni-nat-a", "10.1.0.9", "8.8.8.8", 40002, 443, GB),
        // NAT b: 4 GB to S3 over IPv6, 1 GB to an AWS address of no named service.
        rec(
            "eni-nat-b",
            "2600:1f18:1::5",
            "10.2.0.9",
            443,
            40000,
            4 * GB,
        ),
        rec("eni-nat-b", "10.2.0.9", "52.1.2.3", 40000, 443, GB),
        // Rejected, no data, and an ENI the map does not list: left out.
        format!(
            "2 111111111111 eni-nat-a 10.1.0.9 52.216.7.1 1 2 6 1 {} {T0} {T1} REJECT OK",
            9 * GB
        ),
        format!("2 111111111111 eni-nat-a - - - - - - - {T0} {T1} - NODATA"),
        rec("eni-unknown", "10.5.0.1", "52.216.7.1", 40000, 443, 9 * GB),
    ]
    .join("\n")
        + "\n"
}

fn run(
    dir: &std::path::Path,
    log: &std::path::Path,
    extra: &[&str],
) -> (std::process::Output, std::path::PathBuf) {
    let enis = dir.join("enis.csv");
    let ranges = dir.join("ip-ranges.json");
    std::fs::write(&enis, ENIS).unwrap();
    std::fs::write(&ranges, RANGES).unwrap();
    let out = dir.join(format!(
        "out-{}",
        log.file_name().unwrap().to_string_lossy()
    ));
    let mut args = vec![
        "import",
        "flow-logs",
        log.to_str().unwrap(),
        "--enis",
        enis.to_str().unwrap(),
        "--ip-ranges",
        ranges.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
    ];
    args.extend_from_slice(extra);
    (vpceplan(dir, &args), out)
}

#[test]
fn default_format_gzip_with_ip_ranges() {
    let dir = tmp();
    let log = dir
        .path()
        .join("111111111111_vpcflowlogs_us-east-1_fl-1_20261001T0000Z_abc.log.gz");
    std::fs::write(&log, gzip(default_format_log().as_bytes())).unwrap();
    let (o, out) = run(dir.path(), &log, &[]);
    assert!(o.status.success(), "{}{}", stdout(&o), stderr(&o));
    let text = stdout(&o);
    assert!(text.contains("10 record(s); counted 6"), "{text}");
    assert!(
        text.contains("1 of unmapped ENIs, 1 rejected, 1 without data, 1 NAT inside legs"),
        "{text}"
    );
    let csv = std::fs::read_to_string(out.join("traffic.csv")).unwrap();
    // S3 through nat-a: 3 + 1 = 4 GB; through nat-b: 4 GB (IPv6); the window is 730 h, so
    // GB per month = GB observed.
    assert!(
        csv.contains(
            "s3,spoke,111111111111,us-east-1,nat_gateway,nat-a,use1-az1,eni-nat-a,2,4294967296,4,4"
        ),
        "{csv}"
    );
    assert!(
        csv.contains(
            "s3,spoke,222222222222,us-east-1,nat_gateway,nat-b,use1-az2,eni-nat-b,1,4294967296,4,4"
        ),
        "{csv}"
    );
    assert!(
        csv.contains(
            "dynamodb,spoke,111111111111,us-east-1,nat_gateway,nat-a,use1-az1,eni-nat-a,1,2147483648,2,2"
        ),
        "{csv}"
    );
    assert!(csv.contains("amazon,spoke,222222222222"), "{csv}");
    assert!(csv.contains("internet,spoke,111111111111"), "{csv}");
    let frag = std::fs::read_to_string(out.join("workload-traffic.toml")).unwrap();
    // 8 GB of S3 from 2 spokes (vpc-a, vpc-b) = 4 GB per spoke.
    assert!(frag.contains("[workload.traffic.\"s3\"]\ngb_per_month_per_spoke = \"4\"  # 8 GB/month over 2 spoke(s)"), "{frag}");
    // DynamoDB: 2 GB from one of the 2 spokes: 1 per spoke on average.
    assert!(
        frag.contains("[workload.traffic.\"dynamodb\"]\ngb_per_month_per_spoke = \"1\""),
        "{frag}"
    );
    assert!(frag.contains("# internet: 1 GB/month"), "{frag}");
    assert!(frag.contains("\"amazon\": AWS addresses"), "{frag}");
    // The fragment fills a workload that validates.
    let scenario = format!(
        "name = \"w\"\nregion = \"us-east-1\"\n[workload]\nspokes = 2\nazs = 2\nservices = [\"s3\", \"dynamodb\", \"amazon\"]\n{frag}"
    );
    let book = vpceplan::pricing::PriceBook::builtin().unwrap();
    vpceplan::scenario::parse_scenario("w.toml", &scenario, &book).unwrap();
}

/// Version 5 fields, a header line, services logged; an endpoint and a Resolver endpoint
/// with on-premises, spoke and other-VPC clients.
fn v5_log() -> String {
    let h = "version account-id interface-id srcaddr dstaddr srcport dstport protocol packets bytes start end action log-status pkt-srcaddr pkt-dstaddr pkt-src-aws-service pkt-dst-aws-service flow-direction";
    let r = |eni: &str,
             src: &str,
             dst: &str,
             sp: u32,
             dp: u32,
             bytes: u64,
             ps: &str,
             pd: &str,
             ss: &str,
             ds: &str,
             dir: &str| {
        format!(
            "5 999999999999 {eni} {src} {dst} {sp} {dp} 6 10 {bytes} {T0} {T1} ACCEPT OK {ps} {pd} {ss} {ds} {dir}"
        )
    };
    [
        h.to_string(),
        // NAT a: the outside leg names its service: 5 GB to S3 (no ip-ranges needed).
        r(
            "eni-nat-a",
            "10.1.0.9",
            "54.231.0.1",
            40000,
            443,
            5 * GB,
            "10.1.1.5",
            "54.231.0.1",
            "-",
            "S3",
            "egress",
        ),
        r(
            "eni-nat-a",
            "10.1.1.5",
            "10.1.0.9",
            40000,
            443,
            5 * GB,
            "10.1.1.5",
            "54.231.0.1",
            "-",
            "S3",
            "ingress",
        ),
        // The ECR endpoint: 6 GB from on-premises (10.200/16), 2 GB back to a spoke in another VPC.
        r(
            "eni-vpce-ecr",
            "10.200.0.7",
            "10.9.0.20",
            51000,
            443,
            6 * GB,
            "10.200.0.7",
            "10.9.0.20",
            "-",
            "-",
            "ingress",
        ),
        r(
            "eni-vpce-ecr",
            "10.9.0.20",
            "10.1.1.5",
            443,
            51000,
            2 * GB,
            "10.9.0.20",
            "10.1.1.5",
            "-",
            "-",
            "egress",
        ),
        // The Resolver endpoint: 1 GB of queries from on-premises.
        r(
            "eni-rslvr",
            "10.200.0.8",
            "10.9.0.53",
            53000,
            53,
            GB,
            "-",
            "-",
            "-",
            "-",
            "-",
        ),
    ]
    .join("\n")
        + "\n"
}

#[test]
fn version_5_fields_endpoints_and_onprem_clients() {
    let dir = tmp();
    let log = dir.path().join("v5.log");
    std::fs::write(&log, v5_log()).unwrap();
    let (o, out) = run(dir.path(), &log, &["--onprem", "10.200.0.0/16"]);
    assert!(o.status.success(), "{}{}", stdout(&o), stderr(&o));
    let csv = std::fs::read_to_string(out.join("traffic.csv")).unwrap();
    assert!(
        csv.contains(
            "s3,spoke,111111111111,us-east-1,nat_gateway,nat-a,use1-az1,eni-nat-a,1,5368709120,5,5"
        ),
        "{csv}"
    );
    assert!(csv.contains("ecr.dkr,onprem,999999999999,us-east-1,interface_endpoint,vpce-ecr,use1-az1,eni-vpce-ecr,1,6442450944,6,6"), "{csv}");
    assert!(csv.contains("ecr.dkr,other-vpc,999999999999,us-east-1,interface_endpoint,vpce-ecr,use1-az1,eni-vpce-ecr,1,2147483648,2,2"), "{csv}");
    assert!(
        csv.contains("route53-resolver,onprem,999999999999"),
        "{csv}"
    );
    let frag = std::fs::read_to_string(out.join("workload-traffic.toml")).unwrap();
    assert!(frag.contains("[workload.traffic.\"ecr.dkr\"]\nonprem_gb_per_month = \"6\"\nother_vpc_gb_per_month = \"2\""), "{frag}");

    // The same records as Parquet (gzip-compressed, as flow logs deliver it) agree.
    let parquet = dir.path().join("v5.parquet");
    write_parquet(&v5_log(), &parquet);
    let (o2, out2) = run(dir.path(), &parquet, &["--onprem", "10.200.0.0/16"]);
    assert!(o2.status.success(), "{}{}", stdout(&o2), stderr(&o2));
    assert_eq!(
        csv,
        std::fs::read_to_string(out2.join("traffic.csv")).unwrap()
    );
}

/// Writes text records as a flow-log Parquet file (underscore names, numbers as int64).
fn write_parquet(text: &str, path: &std::path::Path) {
    let mut lines = text.lines();
    let names: Vec<String> = lines
        .next()
        .unwrap()
        .split(' ')
        .map(|n| n.replace('-', "_"))
        .collect();
    let rows: Vec<Vec<&str>> = lines.map(|l| l.split(' ').collect()).collect();
    let numeric = [
        "version", "srcport", "dstport", "protocol", "packets", "bytes", "start", "end",
    ];
    let cols: Vec<(String, ArrayRef)> = names
        .iter()
        .enumerate()
        .map(|(i, n)| {
            let a: ArrayRef = if numeric.contains(&n.as_str()) {
                Arc::new(Int64Array::from(
                    rows.iter()
                        .map(|r| r[i].parse::<i64>().ok())
                        .collect::<Vec<_>>(),
                ))
            } else {
                Arc::new(StringArray::from(
                    rows.iter()
                        .map(|r| if r[i] == "-" { None } else { Some(r[i]) })
                        .collect::<Vec<_>>(),
                ))
            };
            (n.clone(), a)
        })
        .collect();
    let batch = RecordBatch::try_from_iter(cols).unwrap();
    let props = WriterProperties::builder()
        .set_compression(export_writer::gzip_parquet())
        .build();
    let mut w = ArrowWriter::try_new(
        std::fs::File::create(path).unwrap(),
        batch.schema(),
        Some(props),
    )
    .unwrap();
    w.write(&batch).unwrap();
    w.close().unwrap();
}

#[test]
fn logs_over_part_of_a_month_are_scaled_to_it() {
    // One record over 73 h: 1 GB observed is 10 GB in a 730 h month.
    let dir = tmp();
    let log = dir.path().join("short.log");
    let end = T0 + 73 * 3600;
    std::fs::write(
        &log,
        format!("2 1 eni-nat-a 10.1.0.9 52.216.7.1 40000 443 6 10 {GB} {T0} {end} ACCEPT OK\n"),
    )
    .unwrap();
    let (o, out) = run(dir.path(), &log, &[]);
    assert!(o.status.success(), "{}", stderr(&o));
    let csv = std::fs::read_to_string(out.join("traffic.csv")).unwrap();
    assert!(csv.contains(",1073741824,1,10\n"), "{csv}");
}

#[test]
fn bad_flow_inputs_are_named() {
    let dir = tmp();
    let log = dir.path().join("bad-width.log");
    std::fs::write(&log, "version account-id interface-id srcaddr dstaddr bytes\n2 1 eni-nat-a 10.0.0.1 52.216.7.1\n").unwrap();
    let (o, out) = run(dir.path(), &log, &[]);
    assert!(
        stderr(&o).contains("bad-width.log, line 2")
            && stderr(&o).contains("5 field(s) where the format has 6"),
        "{}",
        stderr(&o)
    );
    assert!(!out.exists());

    let log = dir.path().join("no-bytes.log");
    std::fs::write(
        &log,
        "version interface-id srcaddr dstaddr\n2 eni-1 10.0.0.1 10.0.0.2\n",
    )
    .unwrap();
    let (o, _) = run(dir.path(), &log, &[]);
    assert!(
        stderr(&o).contains("no-bytes.log, header: no `bytes` field"),
        "{}",
        stderr(&o)
    );

    let log = dir.path().join("bad-ip.log");
    std::fs::write(
        &log,
        format!("2 1 eni-nat-a 10.0.0.999 52.216.7.1 1 2 6 1 5 {T0} {T1} ACCEPT OK\n"),
    )
    .unwrap();
    let (o, _) = run(dir.path(), &log, &[]);
    assert!(
        stderr(&o).contains("bad-ip.log, line 1, field srcaddr"),
        "{}",
        stderr(&o)
    );

    let big = default_format_log().repeat(200);
    let gz = gzip(big.as_bytes());
    let log = dir.path().join("cut.log.gz");
    std::fs::write(&log, &gz[..gz.len() / 2]).unwrap();
    let (o, out) = run(dir.path(), &log, &[]);
    assert!(
        stderr(&o).contains("cut.log.gz") && stderr(&o).contains("truncated"),
        "{}",
        stderr(&o)
    );
    assert!(!out.exists());

    let parquet = dir.path().join("whole.parquet");
    write_parquet(&v5_log(), &parquet);
    let bytes = std::fs::read(&parquet).unwrap();
    let log = dir.path().join("cut.parquet");
    std::fs::write(&log, &bytes[..bytes.len() - 10]).unwrap();
    let (o, _) = run(dir.path(), &log, &[]);
    assert!(
        stderr(&o).contains("cut.parquet") && stderr(&o).contains("truncated"),
        "{}",
        stderr(&o)
    );

    // The ENI map: an unknown kind, and an endpoint without its service.
    let map = dir.path().join("map.csv");
    std::fs::write(
        &map,
        "interface_id,kind,resource,account,region\neni-1,firewall,fw-1,1,us-east-1\n",
    )
    .unwrap();
    let log = dir.path().join("ok.log");
    std::fs::write(&log, default_format_log()).unwrap();
    let o = vpceplan(
        dir.path(),
        &[
            "import",
            "flow-logs",
            log.to_str().unwrap(),
            "--enis",
            map.to_str().unwrap(),
        ],
    );
    assert!(
        stderr(&o).contains("map.csv, line 2: `kind`: unknown kind \"firewall\""),
        "{}",
        stderr(&o)
    );
    std::fs::write(
        &map,
        "interface_id,kind,resource,account,region\neni-1,interface_endpoint,vpce-1,1,us-east-1\n",
    )
    .unwrap();
    let o = vpceplan(
        dir.path(),
        &[
            "import",
            "flow-logs",
            log.to_str().unwrap(),
            "--enis",
            map.to_str().unwrap(),
        ],
    );
    assert!(
        stderr(&o).contains("map.csv, line 2: `service`"),
        "{}",
        stderr(&o)
    );
}
