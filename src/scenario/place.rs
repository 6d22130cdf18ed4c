//! Where a block's units live: which VPCs hold them and which transit gateways its
//! attachments are on. Service quotas count per VPC and per transit gateway
//! ([`crate::quotas`]), so a block says how its `count` units sit in them.
//!
//! A scenario's explicit blocks say nothing about VPCs, so they take the reading the
//! scenario language has always had: an endpoint block of `count` endpoints is one
//! endpoint in each of the scenario's VPCs 1..count, and every endpoint block of the
//! scenario shares those VPCs (two blocks of one endpoint each are two endpoints in one
//! VPC, as in the single-VPC scenarios); a block of transit gateway attachments attaches
//! `count` VPCs of their own, all on one transit gateway per Region. A design's blocks
//! say exactly where they are (the spokes, the entry VPC, the hub VPCs of a group).

/// The VPCs a block's units sit in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum VpcPlace {
    /// The scenario's VPCs 1..count, one unit in each, shared with its other explicit
    /// blocks.
    #[default]
    Explicit,
    /// One unit in each of `count` VPCs of its own (no other block's).
    Own,
    /// One unit in each of the workload's spoke VPCs (the entry VPC is the first).
    Spokes,
    /// One unit in each spoke VPC but the entry VPC.
    SpokesButEntry,
    /// In the entry VPC (the spoke that also takes the remote clients).
    Entry,
    /// In the hub VPCs of endpoint group `group`, `per` units to a hub VPC (a design
    /// split over several hub VPCs puts each group's endpoints in its own hubs).
    Hub { group: u32, per: u64 },
    /// Not in a VPC (Regional and global resources).
    None,
}

/// The transit gateways a block's attachments are on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum TgwPlace {
    /// All on the Region's one transit gateway (explicit blocks).
    #[default]
    One,
    /// Filling the Region's transit gateways in order, `per` attachments to each.
    Fill(u64),
    /// One attachment on each of the Region's transit gateways (a hub VPC's).
    Each,
}

/// Where a block's units live.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Place {
    pub vpc: VpcPlace,
    pub tgw: TgwPlace,
}

impl Place {
    /// A design block's place: in `vpc`, on the Region's one transit gateway if any.
    pub const fn vpc(vpc: VpcPlace) -> Place {
        Place {
            vpc,
            tgw: TgwPlace::One,
        }
    }
}
