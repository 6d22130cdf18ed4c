#!/usr/bin/env python3
"""Write a synthetic CUR 2.0 CSV export of about SIZE_MB megabytes for the import benchmark.

Usage: scripts/gen-cur.py OUT.csv [SIZE_MB]   (default 1100 MB)

Columns: 40 of the CUR 2.0 table dictionary (identity, bill, line_item, product, pricing),
in the order Data Exports writes them, so rows are about as wide as a real export's with
the usual columns. Usage types: NAT gateways, interface endpoints, TGW, cross-AZ transfer
(priced by vpceplan) among EC2 instance-hours, EBS and S3 rows (not priced), over 40
accounts and 3 Regions (3 NAT gateways, 12 endpoints, 1 attachment and 300 instances in
each), with Tax and Credit rows. Deterministic (fixed seed)."""
import csv
import random
import sys

out = sys.argv[1]
size = int(sys.argv[2]) * 1_000_000 if len(sys.argv) > 2 else 1_100_000_000
rng = random.Random(14)
header = [
    "identity_line_item_id", "identity_time_interval", "bill_invoice_id", "bill_invoicing_entity",
    "bill_billing_entity", "bill_bill_type", "bill_payer_account_id", "bill_billing_period_start_date",
    "bill_billing_period_end_date", "line_item_usage_account_id", "line_item_line_item_type",
    "line_item_usage_start_date", "line_item_usage_end_date", "line_item_product_code",
    "line_item_usage_type", "line_item_operation", "line_item_availability_zone",
    "line_item_resource_id", "line_item_usage_amount", "line_item_normalization_factor",
    "line_item_normalized_usage_amount", "line_item_currency_code", "line_item_unblended_rate",
    "line_item_unblended_cost", "line_item_blended_rate", "line_item_blended_cost",
    "line_item_line_item_description", "line_item_tax_type", "line_item_legal_entity",
    "product_product_family", "product_region_code", "product_servicecode", "product_sku",
    "product_from_location", "product_to_location", "pricing_unit", "pricing_term",
    "pricing_public_on_demand_cost", "pricing_public_on_demand_rate", "product",
]
regions = [("us-east-1", "USE1", "0.045", "0.01"), ("eu-west-1", "EU", "0.048", "0.011"),
           ("ap-northeast-1", "APN1", "0.062", "0.014")]
accounts = [f"{100000000000 + i * 7919:012d}" for i in range(40)]
kinds = [
    ("nat_h", 6), ("nat_b", 10), ("vpce_h", 4), ("vpce_b", 6), ("tgw_h", 2), ("tgw_b", 3),
    ("xaz", 5), ("ec2", 40), ("ebs", 12), ("s3", 10), ("tax", 1), ("credit", 1),
]
weights = [w for _, w in kinds]
names = [k for k, _ in kinds]


def row(i):
    kind = rng.choices(names, weights)[0]
    region, prefix, nat, vpce = rng.choice(regions)
    acct = rng.choice(accounts)
    day = rng.randrange(1, 32)
    hour = rng.randrange(24)
    start = f"2026-10-{day:02d}T{hour:02d}:00:00Z"
    end = f"2026-10-{day:02d}T{hour:02d}:59:59Z"
    typ = "Usage"
    amount, rate, code, op, res, unit, fam = "1", "0.01", "AmazonEC2", "", "", "Hrs", "Compute"
    p = "" if prefix == "USE1" else prefix + "-"
    # Resources per account and Region: 3 NAT gateways (one per AZ), 12 endpoints, 1 TGW
    # attachment, 300 instances and volumes, 20 buckets.
    many = {"nat_h": 3, "nat_b": 3, "vpce_h": 12, "vpce_b": 12, "tgw_h": 1, "tgw_b": 1}.get(kind, 300)
    n = (accounts.index(acct) * 3 + [r[0] for r in regions].index(region)) * 1000 + rng.randrange(many)
    if kind == "nat_h":
        ut, op, res, rate = f"{p}NatGateway-Hours", "NatGateway", f"arn:aws:ec2:{region}:{acct}:natgateway/nat-{n:017x}", nat
    elif kind == "nat_b":
        ut, op, res, rate, unit = f"{p}NatGateway-Bytes", "NatGateway", f"arn:aws:ec2:{region}:{acct}:natgateway/nat-{n:017x}", nat, "GB"
        amount = f"{rng.random() * 50:.10f}"
    elif kind == "vpce_h":
        ut, op, res, rate, code = f"{prefix}-VpcEndpoint-Hours", "VpcEndpointUsage", f"vpce-{n:017x}", vpce, "AmazonVPC"
        amount = str(rng.choice([1, 2, 3]))
    elif kind == "vpce_b":
        ut, op, res, rate, code, unit = f"{prefix}-VpcEndpoint-Bytes", "VpcEndpointUsage", f"vpce-{n:017x}", "0.01", "AmazonVPC", "GB"
        amount = f"{rng.random() * 20:.10f}"
    elif kind == "tgw_h":
        ut, op, res, rate, code = f"{prefix}-TransitGateway-Hours", "TransitGatewayVPC", f"tgw-attach-{n:017x}", "0.05", "AmazonVPC"
    elif kind == "tgw_b":
        ut, op, res, rate, code, unit = f"{prefix}-TransitGateway-Bytes", "TransitGatewayVPC", f"tgw-attach-{n:017x}", "0.02", "AmazonVPC", "GB"
        amount = f"{rng.random() * 30:.10f}"
    elif kind == "xaz":
        ut, op, res, rate, code, unit = f"{prefix}-DataTransfer-Regional-Bytes", "InterZone-Out", f"i-{n:017x}", "0.01", "AWSDataTransfer", "GB"
        amount = f"{rng.random() * 5:.10f}"
    elif kind == "ec2":
        ut, op, res, rate = f"{p}BoxUsage:m5.large", "RunInstances", f"i-{n:017x}", "0.096"
    elif kind == "ebs":
        ut, op, res, rate, unit = f"{p}EBS:VolumeUsage.gp3", "CreateVolume-Gp3", f"vol-{n:017x}", "0.0001095890", "GB-Mo"
        amount = f"{rng.random() * 100:.10f}"
    elif kind == "s3":
        ut, op, res, rate, code, unit = f"{prefix}-TimedStorage-ByteHrs", "StandardStorage", f"bucket-{n}", "0.0000319635", "AmazonS3", "GB-Mo"
        amount = f"{rng.random() * 1000:.10f}"
    elif kind == "tax":
        typ, ut, rate, amount = "Tax", "", "", "0"
    else:
        typ, ut, op, res, rate, amount = "Credit", f"{p}NatGateway-Bytes", "NatGateway", "", "", "0"
    cost = f"{float(amount) * float(rate or 0):.10f}" if typ == "Usage" else f"{-rng.random():.10f}" if typ == "Credit" else f"{rng.random() * 10:.10f}"
    return [
        f"{i:x}{rng.getrandbits(64):016x}", f"{start}/{end}", "", "AWS", "AWS", "Anniversary", "999999999999",
        "2026-10-01T00:00:00.000Z", "2026-11-01T00:00:00.000Z", acct, typ, start, end, code, ut, op,
        f"{region}a" if kind in ("ec2", "ebs", "nat_h", "nat_b") else "", res, amount, "0", "0", "USD", rate, cost,
        rate, cost, f"${rate} per unit for {ut}", "", "Amazon Web Services, Inc.", fam, region, code,
        f"SKU{n:08d}", "", "", unit, "OnDemand" if typ == "Usage" else "", cost, rate,
        '{"product_name":"Amazon Elastic Compute Cloud","servicename":"Amazon Elastic Compute Cloud"}',
    ]


import os
os.makedirs(os.path.dirname(os.path.abspath(out)), exist_ok=True)
written = 0
with open(out, "w", newline="") as f:
    w = csv.writer(f)
    w.writerow(header)
    i = 0
    while written < size:
        for _ in range(10000):
            w.writerow(row(i))
            i += 1
        written = f.tell()
print(f"{out}: {written:,} bytes, {i:,} rows")
