//! What a price book prices: for each Region × component, whether the book has a price
//! (all its rows verified), a price with a row marked unverified, only some variants, or
//! none. `vpceplan pricing coverage` prints it.

use super::{ANY_VARIANT, COMPONENTS, PriceBook, PriceRow};

/// How well a book prices one component in one Region.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Status {
    /// Every row verified.
    Priced,
    /// Priced, but some row is marked `verified = no`.
    Unverified,
    /// Priced for some variants only (inter-Region transfer to some destinations, and no
    /// `*` row for the others).
    Partial,
    /// No row: scenarios that need it fail with "no price".
    Missing,
}

impl Status {
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Priced => "priced",
            Status::Unverified => "unverified",
            Status::Partial => "partial",
            Status::Missing => "missing",
        }
    }

    /// One-character mark for the terminal grid.
    pub fn mark(self) -> &'static str {
        match self {
            Status::Priced => "+",
            Status::Unverified => "?",
            Status::Partial => "~",
            Status::Missing => "-",
        }
    }
}

/// Short column labels for the terminal grid, in [`COMPONENTS`] order.
pub fn short_label(component: &str) -> &'static str {
    match component {
        "interface_endpoint_hour" => "ie-h",
        "interface_endpoint_gb" => "ie-gb",
        "gwlb_endpoint_hour" => "gwlb-h",
        "gwlb_endpoint_gb" => "gwlb-gb",
        "gateway_endpoint_hour" => "gw-h",
        "gateway_endpoint_gb" => "gw-gb",
        "nat_gateway_hour" => "nat-h",
        "nat_gateway_gb" => "nat-gb",
        "tgw_attachment_hour" => "tgw-h",
        "tgw_gb" => "tgw-gb",
        "cross_az_gb" => "x-az",
        "inter_region_gb" => "x-reg",
        "resolver_endpoint_ip_hour" => "rslv-h",
        "resolver_queries" => "rslv-q",
        "hosted_zone_month" => "zone",
        "health_check_month" => "hc",
        "health_check_feature_month" => "hc-opt",
        "route53_profile_hour" => "prof-h",
        "route53_profile_association_hour" => "prof-a",
        "arc_cluster_hour" => "arc",
        "nlb_hour" => "nlb-h",
        "nlb_nlcu_hour" => "nlcu",
        _ => "?",
    }
}

/// One component in one Region.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cell {
    pub component: &'static str,
    pub status: Status,
    /// The variants priced (`*` for every other one), empty for untiered components.
    pub variants: Vec<String>,
    /// The upper end of the top tier when it is closed (quantities past it fail).
    pub capped_at: Option<String>,
    /// The sources of its rows, distinct, in book order.
    pub sources: Vec<String>,
}

/// One Region's row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RegionCoverage {
    pub region: String,
    pub name: String,
    pub cells: Vec<Cell>,
}

impl RegionCoverage {
    pub fn count(&self, s: Status) -> usize {
        self.cells.iter().filter(|c| c.status == s).count()
    }
}

fn cell(book: &PriceBook, region: &str, component: &'static str) -> Cell {
    let rows: Vec<&PriceRow> = book
        .rows
        .iter()
        .filter(|r| r.region == region && r.component == component)
        .collect();
    let mut variants: Vec<String> = Vec::new();
    let mut sources: Vec<String> = Vec::new();
    let mut capped_at = None;
    for r in &rows {
        if !r.variant.is_empty() && !variants.contains(&r.variant) {
            variants.push(r.variant.clone());
        }
        if !sources.contains(&r.source) {
            sources.push(r.source.clone());
        }
    }
    variants.sort();
    // A closed top tier on any ladder of the component.
    for v in variants
        .iter()
        .map(String::as_str)
        .chain(variants.is_empty().then_some(""))
    {
        if let Some(l) = book.ladder(region, component, v)
            && let Some(top) = l.last().and_then(|r| r.tier_to)
        {
            capped_at = Some(top.normalize().to_string());
        }
    }
    let status = if rows.is_empty() {
        Status::Missing
    } else if rows.iter().any(|r| !r.verified) {
        Status::Unverified
    } else if component == "inter_region_gb" && !variants.iter().any(|v| v == ANY_VARIANT) {
        Status::Partial
    } else {
        Status::Priced
    };
    Cell {
        component,
        status,
        variants,
        capped_at,
        sources,
    }
}

/// Coverage of every Region of the book (or one), in Region order.
pub fn coverage(book: &PriceBook, only: Option<&str>) -> Vec<RegionCoverage> {
    book.regions
        .values()
        .filter(|r| only.is_none_or(|o| o == r.region))
        .map(|r| RegionCoverage {
            region: r.region.clone(),
            name: r.name.clone(),
            cells: COMPONENTS
                .iter()
                .map(|c| cell(book, &r.region, c))
                .collect(),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_us_east_1_is_priced_and_a_missing_component_is_missing() {
        let book = PriceBook::builtin().unwrap();
        let cov = coverage(&book, Some("us-east-1"));
        assert_eq!(cov.len(), 1);
        let c = |name: &str| {
            cov[0]
                .cells
                .iter()
                .find(|c| c.component == name)
                .unwrap()
                .clone()
        };
        assert_eq!(c("interface_endpoint_hour").status, Status::Priced);
        // the ARC row is marked unverified in the book
        assert_eq!(c("arc_cluster_hour").status, Status::Unverified);
        assert_eq!(c("health_check_month").variants, vec!["aws", "non-aws"]);
        assert_eq!(c("interface_endpoint_gb").capped_at, None);
        let book = PriceBook::from_texts(
            "t",
            (
                "prices.csv",
                "region,component,variant,tier_from,tier_to,unit,usd,effective,source,verified\n\
                 us-east-1,interface_endpoint_gb,,0,1048576,GB,0.01,2026-01-01,s,yes\n\
                 us-east-1,inter_region_gb,us-west-2,0,,GB,0.02,2026-01-01,s,yes\n",
            ),
            ("regions.csv", &book.regions_csv),
            ("limits.csv", &book.limits_csv),
        )
        .unwrap();
        let cov = coverage(&book, Some("us-east-1"));
        let get = |name: &str| cov[0].cells.iter().find(|c| c.component == name).unwrap();
        assert_eq!(
            get("interface_endpoint_gb").capped_at.as_deref(),
            Some("1048576")
        );
        assert_eq!(get("inter_region_gb").status, Status::Partial);
        assert_eq!(get("nat_gateway_hour").status, Status::Missing);
    }
}
