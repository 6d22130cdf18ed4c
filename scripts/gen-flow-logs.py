#!/usr/bin/env python3
"""Write synthetic VPC flow logs for the flow-log import benchmark: OUT_DIR/flows.log
(version 5 custom format with its header line, about SIZE_MB megabytes), OUT_DIR/enis.csv
(200 NAT gateway and endpoint ENIs) and OUT_DIR/ip-ranges.json (20,000 IPv4 and 5,000 IPv6
prefixes, nested, S3/DYNAMODB/EC2 inside AMAZON). Half the records leave pkt-dst-aws-service
empty, so the longest-prefix match runs on them. Deterministic (fixed seed).

Usage: scripts/gen-flow-logs.py OUT_DIR [SIZE_MB]   (default 1000 MB)"""
import ipaddress
import json
import os
import random
import sys

out = sys.argv[1]
size = int(sys.argv[2]) * 1_000_000 if len(sys.argv) > 2 else 1_000_000_000
os.makedirs(out, exist_ok=True)
rng = random.Random(5)
prefixes, v6 = [], []
for i in range(5000):
    base = ipaddress.ip_network(f"{rng.choice([3, 13, 18, 34, 35, 44, 52, 54])}.{rng.randrange(256)}.0.0/16")
    prefixes.append({"ip_prefix": str(base), "region": "us-east-1", "service": "AMAZON", "network_border_group": "us-east-1"})
    for sub in list(base.subnets(new_prefix=20))[: 3]:
        svc = rng.choice(["S3", "DYNAMODB", "EC2", "AMAZON"])
        prefixes.append({"ip_prefix": str(sub), "region": "us-east-1", "service": svc, "network_border_group": "us-east-1"})
    net6 = ipaddress.ip_network(f"2600:1f{rng.randrange(16):x}{rng.randrange(16):x}:{rng.randrange(65536):x}::/48")
    v6.append({"ipv6_prefix": str(net6), "region": "us-east-1", "service": rng.choice(["S3", "AMAZON"]), "network_border_group": "us-east-1"})
with open(f"{out}/ip-ranges.json", "w") as f:
    json.dump({"syncToken": "0", "createDate": "2026-10-01-00-00-00", "prefixes": prefixes, "ipv6_prefixes": v6}, f)
enis = []
with open(f"{out}/enis.csv", "w") as f:
    f.write("interface_id,kind,resource,account,region,az,service,vpc,vpc_cidr\n")
    for i in range(200):
        eni = f"eni-{i:017x}"
        vpc = i // 4
        if i % 4 == 3:
            f.write(f"{eni},interface_endpoint,vpce-{i:017x},{100000000000 + vpc},us-east-1,use1-az1,ecr.dkr,vpc-{vpc},10.{vpc}.0.0/16\n")
        else:
            f.write(f"{eni},nat_gateway,nat-{i:017x},{100000000000 + vpc},us-east-1,use1-az{i % 3 + 1},,vpc-{vpc},10.{vpc}.0.0/16\n")
        enis.append((eni, vpc, i % 4 == 3))
pub = [p["ip_prefix"] for p in prefixes]
t0 = 1790812800
header = "version account-id interface-id srcaddr dstaddr srcport dstport protocol packets bytes start end action log-status pkt-srcaddr pkt-dstaddr pkt-src-aws-service pkt-dst-aws-service flow-direction\n"
written = 0
with open(f"{out}/flows.log", "w") as f:
    f.write(header)
    while written < size:
        lines = []
        for _ in range(20000):
            eni, vpc, endpoint = rng.choice(enis)
            start = t0 + rng.randrange(730 * 3600 - 60)
            b = rng.randrange(100, 10_000_000)
            if endpoint:
                lines.append(f"5 1 {eni} 10.{vpc}.{rng.randrange(256)}.{rng.randrange(256)} 10.{vpc}.0.20 {rng.randrange(32768, 65535)} 443 6 10 {b} {start} {start + 60} ACCEPT OK - - - - ingress\n")
            else:
                net = ipaddress.ip_network(rng.choice(pub))
                dst = str(net.network_address + rng.randrange(net.num_addresses))
                svc = rng.choice(["S3", "-"]) if rng.random() < 0.5 else "-"
                lines.append(f"5 1 {eni} 10.{vpc}.0.9 {dst} {rng.randrange(32768, 65535)} 443 6 10 {b} {start} {start + 60} ACCEPT OK 10.{vpc}.1.5 {dst} - {svc} egress\n")
        f.write("".join(lines))
        written = f.tell()
print(f"{out}/flows.log: {written:,} bytes")
