//! What a price book prices: for each Region × component, whether the book has a price
//! (all its rows verified), a price with a row marked unverified, only some variants, or
//! none. `vpceplan pricing coverage` prints it.

use super::{ANY_VARIANT, COMPONENTS, GLOBAL, PriceBook, PriceRow};

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
    /// Not billed here: a global component (Route 53 hosted zones, health checks, ARC) in
    /// a Region's row, or a Regional one in the `global` row.
    Elsewhere,
}

impl Status {
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Priced => "priced",
            Status::Unverified => "unverified",
            Status::Partial => "partial",
            Status::Missing => "missing",
            Status::Elsewhere => "n/a",
        }
    }

    /// One-character mark for the terminal grid.
    pub fn mark(self) -> &'static str {
        match self {
            Status::Priced => "+",
            Status::Unverified => "?",
            Status::Partial => "~",
            Status::Missing => "-",
            Status::Elsewhere => ".",
        }
    }
}

/// Short column labels for the terminal grid, in [`COMPONENTS`] order (the rule
/// table's, see [`crate::rules::ComponentInfo::short`]).
pub fn short_label(component: &str) -> &'static str {
    crate::rules::Component::parse(component).map_or("?", |c| c.info().short)
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
    let global = crate::rules::Component::parse(component).is_some_and(|c| c.is_global());
    if global != (region == GLOBAL) {
        return Cell {
            component,
            status: Status::Elsewhere,
            variants: Vec::new(),
            capped_at: None,
            sources: Vec::new(),
        };
    }
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

/// The name shown for the book's [`GLOBAL`] price Region.
pub const GLOBAL_NAME: &str = "Global (Route 53 hosted zones, health checks, ARC)";

/// Coverage of the book's global prices and of every Region (or one of them): the
/// `global` row first, then the Regions in Region order.
pub fn coverage(book: &PriceBook, only: Option<&str>) -> Vec<RegionCoverage> {
    let row = |region: &str, name: &str| RegionCoverage {
        region: region.to_string(),
        name: name.to_string(),
        cells: COMPONENTS.iter().map(|c| cell(book, region, c)).collect(),
    };
    std::iter::once((GLOBAL, GLOBAL_NAME))
        .chain(
            book.regions
                .values()
                .map(|r| (r.region.as_str(), r.name.as_str())),
        )
        .filter(|(r, _)| only.is_none_or(|o| o == *r))
        .map(|(r, n)| row(r, n))
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
        // global prices are not us-east-1's: the `global` row holds them
        assert_eq!(c("arc_cluster_hour").status, Status::Elsewhere);
        let g = coverage(&book, Some(GLOBAL));
        let gc = |name: &str| {
            g[0].cells
                .iter()
                .find(|c| c.component == name)
                .unwrap()
                .clone()
        };
        // the ARC row is marked unverified in the book
        assert_eq!(gc("arc_cluster_hour").status, Status::Unverified);
        assert_eq!(gc("health_check_month").variants, vec!["aws", "non-aws"]);
        assert_eq!(gc("nat_gateway_hour").status, Status::Elsewhere);
        // the whole grid starts with the global row
        assert_eq!(coverage(&book, None)[0].region, GLOBAL);
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
