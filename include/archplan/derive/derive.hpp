// Derived requirements: analysis results turned into each team's figures, every one with its
// derivation (formula and inputs, back to the customer requirement it serves).
#pragma once

#include "archplan/analysis/analysis.hpp"

#include <string>
#include <vector>

namespace archplan::derive {

// ratio: a taper "x:1"; share: a fraction shown as a percentage.
enum class Unit { bytes, rate, count, ratio, seconds, share, per_second, nines, hours, probability };

struct Figure {
    double value = 0.0; // SI base units (bytes, bytes/s), a count, or a ratio
    Unit unit = Unit::rate;
};

enum class Status { ok, short_of, info };
const char* status_name(Status s);

// One derived requirement: what one element must do, what it can do, and why.
struct Line {
    std::string team;        // compute, network, storage
    std::string element;     // "storage NIC port", "leaf uplink", "server controller"
    std::string applies_to;  // "each of 1,800 'gpu' nodes (2 ports)"
    std::string requirement; // requirement id it serves
    std::string class_name;  // element class in the graph, if any
    Figure needed;           // including the design margin
    Figure provisioned;
    double headroom = 0.0; // provisioned / needed - 1
    Status status = Status::ok;
    std::string derivation; // formula with inputs
};

struct Team {
    std::string name;
    std::string headline; // the one figure this team must hear first
    std::vector<Line> lines;
};

struct ClassRow {
    std::string class_name;
    std::string team;
    std::string element;
    double utilisation = 0.0;
    double headroom = 0.0; // 1 / utilisation - 1
    Figure load;           // busiest edge
    Figure capacity;
    unsigned links = 1;
};

struct Bottleneck {
    std::string requirement;
    std::vector<ClassRow> classes; // busiest first; classes.front() binds
    struct CutRow {
        std::string class_name;
        unsigned edges = 0;     // edges of the class in the binding minimum cut
        Figure capacity;        // their capacity on the wire or on the drives
        Figure client_capacity; // the same in client bytes
        std::string text;       // "200 x scratch controller (write) (12.0 TB/s of client bytes in all)"
    };
    std::vector<CutRow> ideal_cut;
};

struct RequirementRow {
    std::string id;
    std::string kind;  // "write bandwidth", "read bandwidth", "usable capacity"
    std::string path;  // "gpu -> scratch via frontend" or "on scratch"
    Figure asked;      // as the customer wrote it
    Figure required;   // with the design margin
    Figure achievable; // routed (bandwidth) or plannable (capacity)
    Figure ideal;      // ideal flow (bandwidth only)
    bool met = false;
    std::string bottleneck;   // binding class (bandwidth) or "capacity"
    double utilisation = 0.0; // of the binding class at the required figure
    std::string derivation;
};

struct Fix {
    std::string requirement;
    struct Option {
        std::string knob;
        std::string what;
        int from = 0;
        int to = 0; // 0: not reachable by this knob alone
        std::string note;
        Figure achievable;
    };
    std::vector<Option> options;
};

struct Inventory {
    std::vector<std::pair<std::string, std::string>> items; // what, how many (already counted, formatted)
};

// One figure of a workload, with how it was found.
struct WorkloadFigure {
    std::string name;
    Figure value;
    std::string derivation;
    bool headline = false; // shown in the terminal summary too
};

struct WorkloadSection {
    std::string id;
    std::string kind; // "checkpoint", "two-level checkpoint", "data loading"
    std::string path; // "gpu -> scratch"
    std::vector<WorkloadFigure> figures;
    std::vector<std::string> findings; // plain sentences: infeasible targets, what two-level gains and gives up
};

struct ConcurrentRow {
    std::string id;
    std::vector<std::string> members;
    double scale = 0.0;
    bool met = false;
    std::string binding;
    double utilisation = 0.0;
    std::vector<std::pair<std::string, Figure>> achievable; // per member, in the mix
};

struct ScenarioCell {
    bool met = false;
    Figure achievable;
    std::string bottleneck;
    std::string note;
};

struct ScenarioRowReport {
    std::string id;
    std::string description;
    std::vector<std::string> facts;
    std::vector<ScenarioCell> cells; // one per bandwidth requirement, in Report::scenario_requirements order
};

struct Report {
    std::string title;
    std::string spec_file;
    double margin = 0.0;
    bool all_met = false;
    std::vector<RequirementRow> requirements;
    std::vector<Team> teams; // compute, network, storage
    std::vector<Bottleneck> bottlenecks;
    std::vector<Fix> fixes;
    std::vector<WorkloadSection> workloads;
    std::vector<WorkloadSection> storage_sections; // capacity plan and durability, per storage system
    std::vector<ConcurrentRow> concurrent;
    std::vector<std::string> scenario_requirements; // columns of the scenario table
    std::vector<ScenarioRowReport> scenarios;
    struct SizedRow {
        std::string knob;
        int value = 0;
        std::string forced_by;
        int line = 0; // where the spec said auto
    };
    std::vector<SizedRow> sized;
    std::string sizing_problem;
    Inventory inventory;
};

// `spec` is the sized spec that `a` analysed; `sizing` says how its `auto` counts were sized.
Report derive(const spec::Spec& spec, const model::SystemGraph& g, const analysis::Analysis& a,
              const analysis::Sizing& sizing);

} // namespace archplan::derive
