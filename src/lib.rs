//! vpceplan: plan the cost and capacity of AWS PrivateLink and VPC endpoint designs.

pub mod charts;
