// A design review's comparison: the same rows for every column (the design as written and its variants, or
// whole specs), each with the reference's value, signed deltas, the best value marked, and verdict changes first.
// Built by archplan::compare from report documents; rendered by archplan::report.
#pragma once

#include "archplan/document/document.hpp"

#include <optional>
#include <string>
#include <vector>

namespace archplan::document {

enum class Better { higher, lower, neither };
const char* better_name(Better b); // "higher", "lower", "-"

struct CompareCell {
    std::optional<Figure> value; // numeric rows
    std::string text;            // text rows (a bottleneck, a verdict), or what a numeric value is about
    std::optional<bool> met;     // verdict rows
    // Against the reference column, for numeric rows with a reference value (empty in the reference itself):
    std::optional<double> delta;    // value - reference, in the figure's unit
    std::optional<double> relative; // delta / |reference|, when the reference is not 0
    bool same = false;              // equal to the reference (to 1e-9), figures and text alike
    bool best = false;              // the best value of its row (ties all marked), for rows with a direction
};

struct CompareRow {
    std::string key;     // "requirement/ckpt-write/achievable": the report document's key, and a figure
    std::string section; // "requirements", "workloads", "storage", "scenarios", "inventory"
    std::string label;   // "ckpt-write: achievable (routed)"
    Better better = Better::neither;
    std::vector<CompareCell> cells; // one per column; a column without the row has an empty cell
    bool verdict_changed = false;   // a verdict row whose met differs from the reference's in some column
};

struct CompareColumn {
    std::string name;   // "base", a variant's name, or a spec's file name
    std::string source; // "specs/customer.yaml" or "specs/customer.yaml, variant taper-2to1: network...up = 8"
    bool all_met = false;
};

struct Comparison {
    std::vector<CompareColumn> columns;
    std::size_t reference = 0;
    std::vector<CompareRow> rows; // verdict changes first, then by section, in the order the documents give them
};

// A sweep's two objectives as a scatter: every feasible variant, the Pareto front, the baseline (the design as
// written, when the sweep ran it).
struct ScatterPoint {
    double x = 0, y = 0;
    std::string label; // "#12 (storage.scratch.servers = 200)"
    bool front = false;
};
struct Scatter {
    std::string title;
    std::string x_label, y_label; // with the direction: "max: requirement/ckpt-write/achievable"
    std::string x_unit, y_unit;   // unit names as document::unit_name writes them
    std::vector<ScatterPoint> points;
    std::optional<ScatterPoint> baseline;
};

} // namespace archplan::document
