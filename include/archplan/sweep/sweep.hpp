// Sweeps (issue 11): a spec evaluated over the cartesian product (or the lockstep zip) of knob values, on every
// core or as shards of a Slurm job array, with the best variant per objective and the Pareto front.
// docs/cli.md, "archplan sweep", and docs/json.md, "Sweep", describe the outputs.
#pragma once

#include "archplan/document/comparison.hpp"
#include "archplan/spec/spec.hpp"

#include <atomic>
#include <cstddef>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace archplan::sweep {

// One --vary: a knob path and its values (counts as whole numbers, shares as fractions), and the text as given.
struct Axis {
    std::string path;
    std::vector<double> values;
    std::string text;   // "storage.scratch.servers=100..300:50"
    bool share = false; // the values are fractions (a share knob), not counts
};

// --objective max:KEY or min:KEY, KEY a figure of the sweep (a report document key).
struct Objective {
    bool maximise = true;
    std::string key;
    std::string text; // as given
};

struct Parameters {
    std::string spec; // the spec file, as named
    std::vector<Axis> axes;
    bool lockstep = false;                 // the axes move together (equal lengths), not as a product
    bool ideal = false, scenarios = false; // opt-in, per variant: the max-flow and the failure scenarios
    std::vector<Objective> objectives;
};

// Parses "PATH=FROM..TO:STEP" or "PATH=a,b,c" against the design's knob table. nullopt and `error` set when the
// path is not a knob (with the nearest), a value is out of the knob's bounds, or the range is empty or malformed.
std::optional<Axis> parse_axis(const spec::Spec& spec, const std::string& arg, std::string& error);
std::optional<Objective> parse_objective(const std::string& arg, std::string& error);

// How many variants, and the knob values of variant `index` (the last axis varies fastest).
std::size_t variant_count(const Parameters& p);
std::vector<double> values_of(const Parameters& p, std::size_t index);

struct Point {
    std::size_t index = 0;
    std::vector<double> values; // one per axis
    bool feasible = false;      // the design could be built and evaluated
    bool all_met = false;
    std::string error; // why not feasible
    // (key, value in SI units; a verdict as 1 or 0), in the report's order
    std::vector<std::pair<std::string, double>> figures;
    [[nodiscard]] std::optional<double> figure(const std::string& key) const;
};

struct Result {
    Parameters parameters;
    std::size_t total = 0;             // variants in the whole sweep
    std::size_t shard = 0, shards = 1; // this result's slice: indices i with i % shards == shard
    bool complete = true;              // false when stopped early (Ctrl-C): the points done so far
    std::vector<Point> points;         // by index
    std::vector<std::string> keys;     // the figure keys: first seen walking the points by index, each in its order
    std::map<std::string, std::string> labels;
    std::map<std::string, std::string> units;
    // Filled by finish(): per objective the best feasible variant (ties: the lowest index), and the Pareto front
    // (non-dominated feasible variants; of several with the same objective values, the lowest index only).
    std::vector<std::optional<std::size_t>> best;
    std::vector<std::size_t> front;
};

// Evaluates the variants of shard `shard` of `shards` on `jobs` threads. `stop` (Ctrl-C) ends it early with the
// points done; `progress(done, of)` is called as they finish (from the calling thread).
Result run(const spec::Spec& base, const Parameters& p, unsigned jobs, std::size_t shard, std::size_t shards,
           const std::atomic<bool>* stop, const std::function<void(std::size_t, std::size_t)>& progress);

// The best variant per objective and the Pareto front, over the feasible points. An objective key that no point
// has is an error (returned, "" otherwise), with the nearest key.
std::string finish(Result& r);

// Indices (into `points`) of the non-dominated points, every objective maximised: a point is dominated when another
// is at least as good in every objective and better in one. Ascending order.
std::vector<std::size_t> pareto_front(const std::vector<std::vector<double>>& points);

// The first two objectives as a scatter of the feasible variants with the Pareto front marked, and the design as
// written (`base`, when given) as the baseline. Empty with fewer than two objectives.
std::optional<document::Scatter> scatter(const Result& r, const spec::Spec* base);

// sweep.json (every point, the parameters, the best and the front) and sweep.csv (one line per variant).
std::string to_json(const Result& r);
std::string to_csv(const Result& r);
// Reads a sweep.json back, for merging shards; nullopt and `error` set when it is not one.
std::optional<Result> from_json(const std::string& text, std::string& error);
// Shards of one sweep into the result one process would have made; "" or the error (different sweeps, a shard
// missing or twice).
std::string merge(const std::vector<Result>& shards, Result& out);

} // namespace archplan::sweep

namespace archplan::sweep {

// archplan sensitivity: each knob moved down and up by a share of its value (at least one step for a count, within
// its bounds), every other knob as written; per figure of the report, the knobs ranked by how far they move it.
struct SensitivityKnob {
    std::string path;
    double base = 0, low = 0, high = 0; // the knob's values
    bool share = false;
};
struct Swing {
    std::size_t knob = 0;                  // into Sensitivity::knobs
    std::optional<double> at_low, at_high; // the figure with the knob at its low and high value (none: not evaluated)
    double swing = 0;                      // |at_high - at_low|, or the larger move from the base when one is missing
};
struct SensitivityFigure {
    std::string key, label, unit;
    double base = 0;
    std::vector<Swing> ranking; // largest swing first (ties: knob order); knobs that do not move it are left out
};
struct Sensitivity {
    std::string spec;
    double by = 0.1;
    std::vector<SensitivityKnob> knobs;
    std::vector<SensitivityFigure> figures; // the report's numeric figures with a direction, in report order
};

// `paths` empty: every knob of the design. `by` in (0, 1]. Errors (an unknown path, with the nearest) in `error`.
std::optional<Sensitivity> sensitivity(const spec::Spec& base, const std::string& spec_name,
                                       const std::vector<std::string>& paths, double by, unsigned jobs, std::string& error);
std::string sensitivity_text(const Sensitivity& s, std::size_t top);
std::string sensitivity_json(const Sensitivity& s);

} // namespace archplan::sweep
