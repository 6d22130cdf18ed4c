//! Evaluating points: the cartesian product in a fixed order, compiled combinations of
//! the structural axes, and the CSV row of each point.
//!
//! Points are numbered `0..total` in nesting order: the first axis of `[sweep]` varies
//! slowest, the last fastest, like nested loops written in that order. A point's number
//! fixes its row, so any slice of points (a chunk, a shard) is evaluated and written
//! independently, and the output is the same bytes whatever the threads or shards.
//!
//! Axes are of two sorts. *Fast* axes set a number the compiled program takes per point:
//! a block's GB, count, peak... (see [`super::apply::fast_field`]), the hours, or a
//! workload's spokes, AZs, traffic, remote clients, DNS queries (see [`super::inputs`]).
//! The others — *structural* axes: Region, a block's AZs, limits profile, scenario,
//! design, a workload's service list — change the scenario's shape, so each combination
//! of their values is built once through the scenario parser
//! ([`super::apply::materialize`]), compiled, and cached:
//! - a scenario of explicit resources into a [`Program`] whose block numbers the fast
//!   axes patch ([`super::fast`]);
//! - a design of a workload into a [`DesignCombo`]: the workload scenario parsed once, its
//!   keys resolved, and the design's shape compiled into a [`DesignProgram`] once per
//!   signature of its numbers ([`Inputs::sig`]); each point sets the workload's numbers,
//!   the design's forms give the blocks' numbers, and the program prices them.
//!
//! Every point of a combination is then a few numbers set and an evaluation with no
//! parsing and no allocation.
//!
//! A combination is checked when compiled: the scenario the parser gives at the fast
//! axes' last values (and, for a design, at their first values too) must be exactly the
//! compiled one with those values set, else (a key the parser treats differently) its
//! points go through the parser and the engine.

use super::apply::{self, Field, KeyPath, Target};
use super::axis::Values;
use super::fast::{self, Binding, Num, Outcome, Program, Scratch};
use super::file::{AxisKind, Sweep};
use super::fmt::{csv_text, push_cents, push_f2, push_fine, push_qty};
use super::inputs::{self, InputKey};
use crate::designs::{DesignProgram, Inputs};
use crate::engine::evaluate;
use crate::pricing::PriceBook;
use crate::scenario::{DesignChoice, Scenario};
use rust_decimal::Decimal;
use std::collections::HashMap;
use std::sync::{Arc, Mutex, OnceLock};

/// Columns after the axes.
pub const RESULT_COLUMNS: &[&str] = &[
    "scenario",
    "design",
    "monthly_usd",
    "hourly_usd",
    "usd_per_gb",
    "min_headroom_pct",
    "status",
    "az_loss_status",
    "quotas",
    "valid",
    "reason",
];

/// Structural combinations up to this many are cached for the whole sweep (shared by all
/// threads); beyond it each worker keeps a small cache of its own.
const SHARED_CACHE_MAX: u64 = 4096;
const LOCAL_CACHE_MAX: usize = 64;

/// How the points of one structural combination are evaluated.
#[derive(Debug)]
pub enum ComboKind {
    Fast {
        eval: Box<Program>,
        bindings: Vec<Binding>,
        /// The denominator of USD per GB when it is not the processed GB (a design: the
        /// workload's GB).
        traffic_gb: Option<rust_decimal::Decimal>,
    },
    /// A design of a workload scenario: each point sets the workload's numbers and
    /// evaluates the design's compiled shape.
    Design(Box<DesignCombo>),
    /// Every point through the engine.
    Slow,
    /// The combination is not a valid scenario: every point is invalid with this reason.
    Invalid(String),
}

/// One compiled structural combination.
#[derive(Debug)]
pub struct Combo {
    pub kind: ComboKind,
    pub scenario_cell: Vec<u8>,
    pub design_cell: Vec<u8>,
}

/// A design combination: the workload scenario at the fast axes' first values, and how
/// each point's values set its numbers.
#[derive(Debug)]
pub struct DesignCombo {
    /// The scenario as parsed (workload and failover kept), fast axes at their first values.
    scenario: Scenario,
    choice: Option<DesignChoice>,
    /// Its workload's numbers.
    base: Inputs,
    /// Workload keys: (fast slot, key).
    keys: Vec<(usize, InputKey)>,
    /// Keys of the scenario's explicit blocks (the first blocks of every design) and the
    /// hours.
    bindings: Vec<Binding>,
    /// Shapes compiled so far, by signature.
    shapes: Mutex<Vec<(u128, Arc<Shape>)>>,
}

/// A design's shape for one signature of its workload's numbers.
#[derive(Debug)]
pub enum Shape {
    Program(Box<DesignProgram>),
    /// The design cannot serve the workload, for a reason the same at every point of the
    /// signature.
    Invalid(String),
    /// Invalid for a reason that names a block (its label follows the numbers): each point
    /// is compiled through the designs module.
    PerPoint,
}

/// A workload's numbers at one point.
#[derive(Debug)]
struct PointInputs {
    /// Digits of the point they were set for; empty: not to be reused. Points whose
    /// digits differ only in the design axis's have the same workload, so the same numbers.
    at: Vec<u64>,
    x: Inputs,
    sig: Option<u128>,
    total_gb: Decimal,
}

/// A fast axis: its position and what its values need.
#[derive(Debug)]
struct FastAxis {
    axis: usize,
    /// Precomputed values of a list axis.
    list: Option<Vec<Num>>,
    needs_float: bool,
}

/// Everything needed to evaluate any point of a sweep.
pub struct Plan<'a> {
    pub sweep: &'a Sweep,
    book: &'a PriceBook,
    pub lens: Vec<u64>,
    structural: Vec<usize>,
    fast: Vec<FastAxis>,
    /// For each axis: its fast slot.
    slot_of: Vec<Option<usize>>,
    scen_axis: Option<usize>,
    design_axis: Option<usize>,
    shared: Option<Vec<OnceLock<Arc<Combo>>>>,
    /// Pre-rendered CSV cells of list axes (keys axes only).
    cells: Vec<Option<Vec<Vec<u8>>>>,
    /// Evaluate every point with the engine (for checking the fast path).
    reference: bool,
}

/// A worker's cache of combinations, when the sweep has too many to share.
#[derive(Default)]
pub struct LocalCache {
    map: HashMap<u64, Arc<Combo>>,
}

/// Per-worker state: scratch space and the worker's caches.
#[derive(Default)]
pub struct Worker {
    pub scratch: Scratch,
    local: LocalCache,
    pub values: Vec<Num>,
    /// A design's numbers at the current point, with their signature and total GB, and
    /// the digits they were set for (all but the design axis's: a design does not change
    /// its workload's numbers, so the designs of one point share them).
    inputs: Option<PointInputs>,
    /// Design shapes met by this worker: (combination, signature, shape).
    shapes: Vec<(u64, u128, Arc<Shape>)>,
    /// Per axis, the text of the last range value written (its index, its CSV text).
    cells: Vec<Option<(u64, Vec<u8>)>>,
}

impl<'a> Plan<'a> {
    pub fn new(sweep: &'a Sweep, book: &'a PriceBook, reference: bool) -> Plan<'a> {
        let lens: Vec<u64> = sweep.axes.iter().map(|a| a.values.len()).collect();
        let mut structural = Vec::new();
        let mut fast = Vec::new();
        let mut slot_of = vec![None; sweep.axes.len()];
        for (i, a) in sweep.axes.iter().enumerate() {
            let fast_keys = match (&a.fast, a.inputs) {
                (Some(per_base), _) => Some(
                    per_base
                        .iter()
                        .flatten()
                        .any(|(_, f)| matches!(f, Field::PeakGbps | Field::PeakQps)),
                ),
                (None, true) => Some(
                    a.paths
                        .iter()
                        .flatten()
                        .filter_map(inputs::input_key_name)
                        .any(inputs::float_key),
                ),
                (None, false) => None,
            };
            match fast_keys {
                Some(needs_float) => {
                    let list = match &a.values {
                        Values::List(v) => Some(
                            v.iter()
                                .map(|x| Num::new(x.num.unwrap_or_default()))
                                .collect(),
                        ),
                        Values::Range { .. } => None,
                    };
                    slot_of[i] = Some(fast.len());
                    fast.push(FastAxis {
                        axis: i,
                        list,
                        needs_float,
                    });
                }
                None => structural.push(i),
            }
        }
        let n_struct: u64 = structural.iter().map(|&i| lens[i]).product();
        let shared = (n_struct <= SHARED_CACHE_MAX)
            .then(|| (0..n_struct).map(|_| OnceLock::new()).collect());
        let cells = sweep
            .axes
            .iter()
            .map(|a| match (&a.kind, &a.values) {
                (AxisKind::Keys, Values::List(v)) => {
                    Some(v.iter().map(|x| csv_text(&x.shown)).collect())
                }
                _ => None,
            })
            .collect();
        Plan {
            sweep,
            book,
            lens,
            structural,
            fast,
            slot_of,
            scen_axis: sweep.axis_of(AxisKind::Scenarios),
            design_axis: sweep.axis_of(AxisKind::Designs),
            shared,
            cells,
            reference,
        }
    }

    /// The CSV header line.
    pub fn header(&self) -> Vec<u8> {
        let mut b = Vec::new();
        let mut first = true;
        for a in &self.sweep.axes {
            if a.kind == AxisKind::Keys {
                if !first {
                    b.push(b',');
                }
                first = false;
                b.extend_from_slice(&csv_text(&a.name));
            }
        }
        for c in RESULT_COLUMNS {
            if !first {
                b.push(b',');
            }
            first = false;
            b.extend_from_slice(c.as_bytes());
        }
        b.push(b'\n');
        b
    }

    /// The axis digits of point `p`.
    pub fn digits(&self, mut p: u64) -> Vec<u64> {
        let mut d = vec![0; self.lens.len()];
        for i in (0..self.lens.len()).rev() {
            d[i] = p % self.lens[i];
            p /= self.lens[i];
        }
        d
    }

    /// Step digits to the next point (odometer).
    pub fn advance(&self, d: &mut [u64]) {
        for i in (0..d.len()).rev() {
            d[i] += 1;
            if d[i] < self.lens[i] {
                return;
            }
            d[i] = 0;
        }
    }

    /// Index of the structural combination of digits `d`.
    pub fn struct_index(&self, d: &[u64]) -> u64 {
        let mut s = 0;
        for &i in &self.structural {
            s = s * self.lens[i] + d[i];
        }
        s
    }

    fn base_of(&self, d: &[u64]) -> usize {
        self.scen_axis.map_or(0, |i| d[i] as usize)
    }

    fn design_of(&self, d: &[u64]) -> Option<String> {
        self.design_axis
            .map(|i| self.sweep.axes[i].values.get(d[i]).shown)
    }

    /// Build the scenario of digits `d` with the fast axes at `fast_at` (a value index per
    /// fast axis, or `None` for the digits' own).
    fn materialize(
        &self,
        d: &[u64],
        fast_at: Option<&dyn Fn(usize) -> u64>,
    ) -> crate::error::Result<apply::Built> {
        self.materialize_as(d, fast_at, self.design_of(d).as_deref())
    }

    /// The scenario of digits `d` as written, before any design is compiled (a workload
    /// scenario keeps its workload): break-even solves over it.
    pub fn parsed(&self, d: &[u64]) -> crate::error::Result<crate::scenario::Scenario> {
        self.materialize_as(d, None, None).map(|b| b.scenario)
    }

    fn materialize_as(
        &self,
        d: &[u64],
        fast_at: Option<&dyn Fn(usize) -> u64>,
        design: Option<&str>,
    ) -> crate::error::Result<apply::Built> {
        let base = self.base_of(d);
        let vals: Vec<(usize, toml::Value)> = self
            .sweep
            .axes
            .iter()
            .enumerate()
            .filter(|(_, a)| a.kind == AxisKind::Keys)
            .map(|(i, a)| {
                let idx = match (fast_at, self.slot_of[i]) {
                    (Some(f), Some(slot)) => f(slot),
                    _ => d[i],
                };
                (i, a.values.get(idx).value)
            })
            .collect();
        let sets: Vec<(&[KeyPath], &toml::Value)> = vals
            .iter()
            .map(|(i, v)| (self.sweep.axes[*i].paths[base].as_slice(), v))
            .collect();
        apply::materialize(&self.sweep.bases[base], &sets, design, self.book)
    }

    /// The price book.
    pub fn book(&self) -> &PriceBook {
        self.book
    }

    fn cells_for(&self, d: &[u64], scenario: Option<&str>) -> (Vec<u8>, Vec<u8>) {
        let base = self.base_of(d);
        let scen = scenario
            .map(str::to_string)
            .unwrap_or_else(|| self.sweep.base_scenarios[base].name.clone());
        let design = self.design_of(d).unwrap_or_else(|| scen.clone());
        (csv_text(&scen), csv_text(&design))
    }

    /// Compile the structural combination of digits `d`.
    pub fn compile(&self, d: &[u64]) -> Combo {
        if !self.reference
            && let Some(name) = self.design_of(d)
            && let Some(c) = self.compile_design(d, &name)
        {
            return c;
        }
        let first = |_slot: usize| 0u64;
        let built = match self.materialize(d, Some(&first)) {
            Ok(b) => b,
            Err(e) => {
                let (scenario_cell, design_cell) = self.cells_for(d, None);
                return Combo {
                    kind: ComboKind::Invalid(apply::reason(&e)),
                    scenario_cell,
                    design_cell,
                };
            }
        };
        let s = &built.scenario;
        let (scenario_cell, design_cell) = self.cells_for(d, Some(&built.name));
        let slow = Combo {
            kind: ComboKind::Slow,
            scenario_cell: scenario_cell.clone(),
            design_cell: design_cell.clone(),
        };
        if self.reference {
            return slow;
        }
        let base = self.base_of(d);
        let mut bindings = Vec::new();
        let mut keys: Vec<(usize, &Target, Field)> = Vec::new();
        for (slot, fa) in self.fast.iter().enumerate() {
            let per_base = self.sweep.axes[fa.axis].fast.as_ref();
            for (target, field) in per_base.map(|p| p[base].as_slice()).unwrap_or(&[]) {
                let b = Binding::new(slot, target, *field, s);
                if !b.hours && b.resources.is_empty() {
                    return slow;
                }
                bindings.push(b);
                keys.push((slot, target, *field));
            }
        }
        // Probe: the parser's scenario at the fast axes' last values must be the patch.
        if self.fast.iter().any(|fa| self.lens[fa.axis] > 1) {
            let last = |slot: usize| self.lens[self.fast[slot].axis] - 1;
            let Ok(parsed) = self.materialize(d, Some(&last)) else {
                return slow;
            };
            let mut patched = s.clone();
            for (slot, target, field) in &keys {
                let axis = &self.sweep.axes[self.fast[*slot].axis];
                let v = axis.values.num(last(*slot)).unwrap_or_default();
                apply::patch_scenario(&mut patched, target, *field, v);
            }
            if patched != parsed.scenario || parsed.traffic_gb != built.traffic_gb {
                return slow;
            }
        }
        let mut eval = Program::of(s, self.book);
        let (varying, hours) = fast::varying(&eval, &bindings);
        eval.fold(&varying, hours);
        Combo {
            kind: ComboKind::Fast {
                eval: Box::new(eval),
                bindings,
                traffic_gb: built.traffic_gb,
            },
            scenario_cell,
            design_cell,
        }
    }

    /// Compile a design combination: the workload scenario parsed once, at the fast axes'
    /// first values, its workload keys resolved, and probed against the parser at the
    /// axes' first and last values. `None`: the combination goes the general way (a parse
    /// error, a key that is not an input here, a probe that disagrees).
    fn compile_design(&self, d: &[u64], design: &str) -> Option<Combo> {
        let first = |_slot: usize| 0u64;
        let s = self.materialize_as(d, Some(&first), None).ok()?.scenario;
        let (scenario_cell, design_cell) = self.cells_for(d, Some(&s.name));
        let choice = match apply::design_choice(&s, design) {
            Ok(c) => c,
            Err(e) => {
                return Some(Combo {
                    kind: ComboKind::Invalid(apply::reason(&e)),
                    scenario_cell,
                    design_cell,
                });
            }
        };
        let w = s.workload.as_ref()?;
        let base = self.base_of(d);
        let doc = self.document(d).ok()?;
        let others: Vec<&KeyPath> = self
            .fast
            .iter()
            .flat_map(|fa| self.sweep.axes[fa.axis].paths[base].iter())
            .collect();
        let mut keys = Vec::new();
        let mut bindings = Vec::new();
        for (slot, fa) in self.fast.iter().enumerate() {
            let axis = &self.sweep.axes[fa.axis];
            if axis.inputs {
                for p in &axis.paths[base] {
                    keys.push((slot, inputs::resolve(p, &s, &doc, &others)?));
                }
            } else if let Some(per_base) = &axis.fast {
                for (target, field) in &per_base[base] {
                    let b = Binding::new(slot, target, *field, &s);
                    if !b.hours && b.resources.is_empty() {
                        return None;
                    }
                    bindings.push(b);
                }
            }
        }
        let dc = DesignCombo {
            base: Inputs::of(&s, w),
            scenario: s,
            choice,
            keys,
            bindings,
            shapes: Mutex::new(Vec::new()),
        };
        // Probe: the parser's scenario at the fast axes' first and last values must be the
        // one the keys set.
        if self.fast.iter().any(|fa| self.lens[fa.axis] > 1) {
            for end in [false, true] {
                let at = |slot: usize| {
                    if end {
                        self.lens[self.fast[slot].axis] - 1
                    } else {
                        0
                    }
                };
                let parsed = self.materialize_as(d, Some(&at), None).ok()?.scenario;
                let values: Vec<Num> = (0..self.fast.len())
                    .map(|slot| {
                        let axis = &self.sweep.axes[self.fast[slot].axis];
                        Num::new(axis.values.num(at(slot)).unwrap_or_default())
                    })
                    .collect();
                if dc.at(&values) != parsed {
                    return None;
                }
            }
        }
        Some(Combo {
            kind: ComboKind::Design(Box::new(dc)),
            scenario_cell,
            design_cell,
        })
    }

    /// The document of digits `d`: the base scenario's with every keys axis's value set.
    fn document(&self, d: &[u64]) -> crate::error::Result<toml::Table> {
        let base = self.base_of(d);
        let mut doc = self.sweep.bases[base].doc.clone();
        for (i, a) in self.sweep.axes.iter().enumerate() {
            if a.kind == AxisKind::Keys {
                let v = a.values.get(d[i]).value;
                for p in &a.paths[base] {
                    apply::set(&mut doc, &p.segs, &v).map_err(crate::error::Error::Msg)?;
                }
            }
        }
        Ok(doc)
    }

    /// The shape of a design combination for the numbers in `w.inputs` (compiled at
    /// the first point of each signature).
    fn shape(&self, combo_id: u64, dc: &DesignCombo, sig: u128, w: &mut Worker) -> Arc<Shape> {
        if let Some((_, _, sh)) = w
            .shapes
            .iter()
            .find(|(c, g, _)| *c == combo_id && *g == sig)
        {
            return sh.clone();
        }
        let sh = {
            let mut shapes = dc.shapes.lock().unwrap_or_else(|e| e.into_inner());
            match shapes.iter().find(|(g, _)| *g == sig) {
                Some((_, sh)) => sh.clone(),
                None => {
                    let sh = Arc::new(dc.compile_shape(&w.values, self.book));
                    shapes.push((sig, sh.clone()));
                    sh
                }
            }
        };
        if w.shapes.len() >= LOCAL_CACHE_MAX {
            w.shapes.clear();
        }
        w.shapes.push((combo_id, sig, sh.clone()));
        sh
    }

    /// Evaluate point `d` (fast values in `w.values`) of a design combination.
    fn design_outcome(
        &self,
        dc: &DesignCombo,
        d: &[u64],
        w: &mut Worker,
        over: Option<(usize, Num)>,
    ) -> Outcome {
        let reuse = over.is_none()
            && w.inputs.as_ref().is_some_and(|p| {
                p.at.len() == d.len()
                    && p.at
                        .iter()
                        .zip(d)
                        .enumerate()
                        .all(|(i, (a, b))| Some(i) == self.design_axis || a == b)
            });
        // The fast values, taken only when a workload's numbers are set, a shape compiled
        // or an explicit block patched.
        let mut have_values = false;
        let values = |w: &mut Worker, have: &mut bool| {
            if !*have {
                w.values.clear();
                for slot in 0..self.fast.len() {
                    w.values.push(self.fast_value(slot, d));
                }
                if let Some((slot, v)) = over {
                    w.values[slot] = v;
                }
                *have = true;
            }
        };
        if !reuse {
            values(w, &mut have_values);
            let p = w.inputs.get_or_insert_with(|| PointInputs {
                at: Vec::new(),
                x: dc.base.clone(),
                sig: None,
                total_gb: Decimal::ZERO,
            });
            p.x.clone_from(&dc.base);
            for (slot, key) in &dc.keys {
                key.set(&mut p.x, &w.values[*slot]);
            }
            for b in &dc.bindings {
                if b.hours {
                    match u32::try_from(w.values[b.slot].whole) {
                        Ok(h) => p.x.hours = h,
                        Err(_) => return self.reference_outcome_over(d, over),
                    }
                }
            }
            p.x.refresh();
            p.sig = p.x.sig();
            p.total_gb = p.x.total_gb();
            p.at.clear();
            if over.is_none() {
                p.at.extend_from_slice(d);
            }
        }
        let Some(sig) = w.inputs.as_ref().and_then(|p| p.sig) else {
            return self.reference_outcome_over(d, over);
        };
        let combo_id = self.struct_index(d);
        let known = w.shapes.iter().any(|(c, g, _)| *c == combo_id && *g == sig);
        if !known {
            values(w, &mut have_values);
        }
        let shape = self.shape(combo_id, dc, sig, w);
        let patches = dc.bindings.iter().any(|b| !b.hours);
        if patches {
            values(w, &mut have_values);
        }
        let Some(PointInputs { x, total_gb, .. }) = w.inputs.as_ref() else {
            return self.reference_outcome_over(d, over);
        };
        match shape.as_ref() {
            Shape::Invalid(r) => Outcome::Invalid(r.clone()),
            Shape::PerPoint => self.reference_outcome_over(d, over),
            Shape::Program(p) => {
                p.load(&mut w.scratch, x);
                for b in &dc.bindings {
                    if b.hours {
                        continue;
                    }
                    let v = &w.values[b.slot];
                    for &i in &b.resources {
                        b.field.set(&mut w.scratch.nums[i], v.dec, v.float, v.whole);
                    }
                }
                match p.eval(&mut w.scratch, x, *total_gb) {
                    Ok(o) => o,
                    Err(_) => self.reference_outcome_over(d, over),
                }
            }
        }
    }

    /// A fast evaluator for the combination of digits `d`, whatever the plan's mode and
    /// without the probe: break-even uses it only to find where costs bend, and evaluates
    /// every point it reports through [`Plan::outcome`].
    pub fn fast_eval_for(&self, d: &[u64]) -> Option<(Program, Vec<Binding>)> {
        let first = |_slot: usize| 0u64;
        let s = self.materialize(d, Some(&first)).ok()?.scenario;
        let base = self.base_of(d);
        let mut bindings = Vec::new();
        for (slot, fa) in self.fast.iter().enumerate() {
            if let Some(per_base) = &self.sweep.axes[fa.axis].fast {
                for (target, field) in &per_base[base] {
                    bindings.push(Binding::new(slot, target, *field, &s));
                }
            }
        }
        Some((Program::of(&s, self.book), bindings))
    }

    /// The compiled combination of digits `d` (cached).
    pub fn combo(&self, d: &[u64], w: &mut Worker) -> Arc<Combo> {
        let sidx = self.struct_index(d);
        match &self.shared {
            Some(cells) => cells[sidx as usize]
                .get_or_init(|| Arc::new(self.compile(d)))
                .clone(),
            None => {
                if let Some(c) = w.local.map.get(&sidx) {
                    c.clone()
                } else {
                    if w.local.map.len() >= LOCAL_CACHE_MAX {
                        w.local.map.clear();
                    }
                    let c = Arc::new(self.compile(d));
                    w.local.map.insert(sidx, c.clone());
                    c
                }
            }
        }
    }

    /// The value of fast slot `slot` at digits `d`.
    fn fast_value(&self, slot: usize, d: &[u64]) -> Num {
        let fa = &self.fast[slot];
        let i = d[fa.axis];
        match &fa.list {
            Some(v) => v[i as usize],
            None => {
                let dec = self.sweep.axes[fa.axis].values.num(i).unwrap_or_default();
                if fa.needs_float {
                    Num::new(dec)
                } else {
                    let dec = dec.normalize();
                    Num {
                        dec,
                        float: f64::NAN,
                        whole: u64::try_from(dec).unwrap_or(0),
                    }
                }
            }
        }
    }

    /// Evaluate point `d` with the full engine.
    pub fn reference_outcome(&self, d: &[u64]) -> Outcome {
        match self.materialize(d, None) {
            Ok(b) => match evaluate(&b.scenario, self.book) {
                Ok(e) => Outcome::of(&e, b.traffic_gb),
                Err(e) => Outcome::Invalid(apply::reason(&e)),
            },
            Err(e) => Outcome::Invalid(apply::reason(&e)),
        }
    }

    /// Evaluate point `d` of combination `combo`, optionally with fast slot `over.0` set to
    /// `over.1` instead of its axis value (break-even evaluates between grid values).
    pub fn outcome(
        &self,
        combo: &Combo,
        d: &[u64],
        w: &mut Worker,
        over: Option<(usize, Num)>,
    ) -> Outcome {
        match &combo.kind {
            ComboKind::Invalid(r) => Outcome::Invalid(r.clone()),
            ComboKind::Slow => self.reference_outcome_over(d, over),
            ComboKind::Design(dc) => self.design_outcome(dc, d, w, over),
            ComboKind::Fast {
                eval,
                bindings,
                traffic_gb,
            } => {
                w.values.clear();
                for slot in 0..self.fast.len() {
                    w.values.push(self.fast_value(slot, d));
                }
                if let Some((slot, v)) = over {
                    w.values[slot] = v;
                }
                match fast::eval(eval, &mut w.scratch, bindings, &w.values, *traffic_gb) {
                    Ok(o) => o,
                    Err(_) => self.reference_outcome_over(d, over),
                }
            }
        }
    }

    fn reference_outcome_over(&self, d: &[u64], over: Option<(usize, Num)>) -> Outcome {
        let Some((slot, v)) = over else {
            return self.reference_outcome(d);
        };
        // Build with the digits, then patch the overridden fast key.
        match self.materialize(d, None) {
            Ok(mut b) => {
                let axis = &self.sweep.axes[self.fast[slot].axis];
                let base = self.base_of(d);
                if let Some(per_base) = &axis.fast {
                    for (target, field) in &per_base[base] {
                        apply::patch_scenario(&mut b.scenario, target, *field, v.dec);
                    }
                }
                match evaluate(&b.scenario, self.book) {
                    Ok(e) => Outcome::of(&e, b.traffic_gb),
                    Err(e) => Outcome::Invalid(apply::reason(&e)),
                }
            }
            Err(e) => Outcome::Invalid(apply::reason(&e)),
        }
    }

    /// Write the axis cells of point `d` (keys axes), each followed by a comma.
    pub fn push_axis_cells(&self, buf: &mut Vec<u8>, d: &[u64]) {
        for (i, a) in self.sweep.axes.iter().enumerate() {
            if a.kind != AxisKind::Keys {
                continue;
            }
            match &self.cells[i] {
                Some(c) => buf.extend_from_slice(&c[d[i] as usize]),
                None => push_qty(buf, a.values.num(d[i]).unwrap_or_default()),
            }
            buf.push(b',');
        }
    }

    /// [`Plan::push_axis_cells`], keeping the text of each range axis's last value (the
    /// slower axes keep their values over many rows).
    fn push_axis_cells_cached(&self, buf: &mut Vec<u8>, d: &[u64], w: &mut Worker) {
        if w.cells.len() != self.sweep.axes.len() {
            w.cells = vec![None; self.sweep.axes.len()];
        }
        for (i, a) in self.sweep.axes.iter().enumerate() {
            if a.kind != AxisKind::Keys {
                continue;
            }
            match &self.cells[i] {
                Some(c) => buf.extend_from_slice(&c[d[i] as usize]),
                None => match &mut w.cells[i] {
                    Some((at, text)) if *at == d[i] => buf.extend_from_slice(text),
                    cell => {
                        let (at, text) = cell.get_or_insert_with(|| (0, Vec::new()));
                        *at = d[i];
                        text.clear();
                        push_qty(text, a.values.num(d[i]).unwrap_or_default());
                        buf.extend_from_slice(text);
                    }
                },
            }
            buf.push(b',');
        }
    }

    /// Append the CSV row of point `d` of combination `combo`.
    pub fn write_point(&self, buf: &mut Vec<u8>, combo: &Combo, d: &[u64], w: &mut Worker) {
        self.push_axis_cells_cached(buf, d, w);
        buf.extend_from_slice(&combo.scenario_cell);
        buf.push(b',');
        buf.extend_from_slice(&combo.design_cell);
        buf.push(b',');
        let o = self.outcome(combo, d, w, None);
        push_outcome(buf, &o);
    }

    /// Append the rows of points `start..end`.
    pub fn write_range(&self, buf: &mut Vec<u8>, start: u64, end: u64, w: &mut Worker) {
        if start >= end {
            return;
        }
        let mut d = self.digits(start);
        // The combinations met in this range, kept at hand: when a structural axis varies
        // fastest (designs), consecutive points alternate between a few combinations, and
        // taking each from the shared cache per point would pass their reference counts
        // between the threads.
        let mut met: Vec<(u64, Arc<Combo>)> = Vec::new();
        let mut cur = usize::MAX;
        for _ in start..end {
            let sidx = self.struct_index(&d);
            if met.get(cur).is_none_or(|(i, _)| *i != sidx) {
                cur = match met.iter().position(|(i, _)| *i == sidx) {
                    Some(k) => k,
                    None => {
                        if met.len() >= LOCAL_CACHE_MAX {
                            met.clear();
                        }
                        met.push((sidx, self.combo(&d, w)));
                        met.len() - 1
                    }
                };
            }
            let combo = &met[cur].1;
            self.write_point(buf, combo, &d, w);
            self.advance(&mut d);
        }
    }

    /// The fast slot of an axis, if it is fast.
    pub fn slot(&self, axis: usize) -> Option<usize> {
        self.slot_of[axis]
    }

    /// The values of every fast slot at digits `d`.
    pub fn fast_values(&self, d: &[u64]) -> Vec<Num> {
        (0..self.fast.len())
            .map(|s| self.fast_value(s, d))
            .collect()
    }
}

/// Append the result columns of an outcome and the line end.
pub fn push_outcome(buf: &mut Vec<u8>, o: &Outcome) {
    match o {
        Outcome::Valid(f) => {
            push_cents(buf, f.monthly);
            buf.push(b',');
            push_fine(buf, f.hourly);
            buf.push(b',');
            if let Some(u) = f.usd_per_gb {
                push_fine(buf, u);
            }
            buf.push(b',');
            if let Some(h) = f.min_headroom_pct {
                push_f2(buf, h);
            }
            buf.push(b',');
            buf.extend_from_slice(f.status.as_str().as_bytes());
            buf.push(b',');
            buf.extend_from_slice(f.az_loss_status.as_str().as_bytes());
            buf.push(b',');
            buf.extend_from_slice(f.quotas.as_str().as_bytes());
            buf.extend_from_slice(b",yes,\n");
        }
        Outcome::Invalid(r) => {
            buf.extend_from_slice(b",,,,,,,no,");
            buf.extend_from_slice(&csv_text(r));
            buf.push(b'\n');
        }
        Outcome::Impossible(r) => {
            buf.extend_from_slice(b",,,,,,impossible,no,");
            buf.extend_from_slice(&csv_text(r));
            buf.push(b'\n');
        }
    }
}

impl DesignCombo {
    /// The scenario at fast values `values` (the keys set as the parser sets them).
    fn at(&self, values: &[Num]) -> Scenario {
        let mut s = self.scenario.clone();
        for (slot, key) in &self.keys {
            key.set_scenario(&mut s, values[*slot].dec);
        }
        for b in &self.bindings {
            let v = &values[b.slot];
            if b.hours {
                s.hours_per_month = u32::try_from(v.whole).unwrap_or(0);
            } else {
                for &i in &b.resources {
                    b.field
                        .set_resource(&mut s.resources[i], v.dec, v.float, v.whole);
                }
            }
        }
        s
    }

    /// Compile the design's shape for the signature of the point at `values`.
    fn compile_shape(&self, values: &[Num], book: &PriceBook) -> Shape {
        let s = self.at(values);
        let shaped =
            crate::designs::shape(&s, &self.choice, crate::designs::Scale::ONE, &book.quotas);
        if let Some(r) = &shaped.plan.invalid {
            // A reason from the workload alone (remote clients, no public endpoint...) is
            // the same at every point of the signature; one that names a block is not.
            let from_workload = match (&self.choice, &s.workload) {
                (Some(c), Some(w)) => crate::designs::invalid_reason(w, c.kind).as_ref() == Some(r),
                _ => false,
            };
            return if from_workload {
                Shape::Invalid(apply::reason(&crate::error::Error::Msg(format!(
                    "invalid design: {r}"
                ))))
            } else {
                Shape::PerPoint
            };
        }
        Shape::Program(Box::new(DesignProgram::compile(
            &shaped.blocks,
            &shaped.plan.scenario.resources,
            &shaped.plan.scenario,
            book,
        )))
    }
}
