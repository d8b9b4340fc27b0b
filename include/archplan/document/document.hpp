// The report document: every figure archplan reports, as keyed rows of numbers with units and the
// derivation of each. derive builds it; the renderers (text, Markdown, JSON) only read it; compare lines
// two documents up by key. Depends on units only.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace archplan::document {

// ratio: a taper "x:1"; share: a fraction shown as a percentage.
// watts: W; usd: US dollars; usd_per_byte: dollars per byte of usable capacity (shown per PB); usd_per_rate:
// dollars per byte/s (shown per GB/s).
enum class Unit {
    bytes,
    rate,
    count,
    ratio,
    seconds,
    share,
    per_second,
    nines,
    hours,
    probability,
    watts,
    usd,
    usd_per_byte,
    usd_per_rate
};

struct Figure {
    double value = 0.0; // SI base units (bytes, bytes/s, s), a count, or a ratio
    Unit unit = Unit::rate;
};

// "12.0 TB/s", "2,048", "4:1", "91.7%", "8.76 nines".
std::string format_figure(const Figure& f);
// The unit as results.json names it: "B", "B/s", "count", "share", "nines", ...
const char* unit_name(Unit u);
// A figure given by its value and unit name (as unit_name writes it) in words: "12.0 TB/s", "2.12 h"; "met" /
// "NOT met" for the unit name "met" (a verdict as 1 or 0); an unknown name gives the bare number.
std::string format_named(double value, std::string_view unit);
// A CSV field (RFC 4180): as is, or quoted with inner quotes doubled when it holds a comma, a quote or a line break.
std::string csv_field(const std::string& s);
// "9.09% headroom", or "short by 7.88%" when negative.
std::string headroom_text(double headroom);
// A headroom as a table cell: "784%", or "> 10x" beyond ten times what is needed.
std::string format_headroom(double headroom);
// Two figures formatted with as many significant digits (3 to 6) as it takes to tell them apart, so "NOT met"
// never stands beside two equal-looking figures: 10.99 TB/s against 11.0 TB/s prints "10.99 TB/s" and "11.00 TB/s".
std::pair<std::string, std::string> distinct_figures(const Figure& a, const Figure& b);
// "ckpt-write" -> "ckpt-write"; "leaf[scratch] -> spine" -> "leaf-scratch-spine": a key segment.
std::string key_part(const std::string& text);

// The network-weathermap band of a utilisation, for pictures: 0-1% white, 1-10 purple, 10-25 blue, 25-40 cyan,
// 40-55 green, 55-70 yellow, 70-85 orange, 85-100 red, above 100% dark red.
struct Band {
    double below;       // the band's upper bound (a utilisation); infinity for the last
    const char* colour; // "#rrggbb"
    const char* label;  // "40-55%", "over 100%"
};
const std::vector<Band>& utilisation_bands();
const Band& band_of(double utilisation);

enum class Team { compute, network, storage };
const char* team_name(Team t); // "compute", "network", "storage"

enum class Status { ok, short_of, info };
const char* status_name(Status s);

// What a team line is about, so that readers select lines by kind, never by their text.
enum class LineKind {
    injection,   // per-node storage injection or ingest
    port,        // an endpoint's NIC port (compute or storage)
    controller,  // a storage server's controller ceiling
    drives,      // a storage server's drives
    link,        // a switch-to-switch link class
    router,      // a router's forwarding between two networks
    taper,       // the largest taper a leaf shape may have
    capacity,    // usable capacity at the fill limit
    servers,     // the servers a capacity plan needs
    metadata,    // file creates or opens of the metadata service
    local_tier,  // the node-local checkpoint tier
    accelerator, // per-accelerator read demand
    client,      // a compute node's file-system client ceiling
    crypto,      // a compute node's CPU encryption rate (isolation with CPU offload)
};
const char* line_kind_name(LineKind k); // the key segment: "injection", "port", ...

// One derived requirement: what one element must do, what it can do, and why.
struct Line {
    std::string key; // "team/<team>/<kind>/<requirement>/<class or group>", unique in a report
    Team team = Team::compute;
    LineKind kind = LineKind::link;
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

struct TeamLines {
    Team team = Team::compute;
    std::vector<Line> lines;
    std::optional<std::size_t> tightest; // the line this team must hear first (least headroom, tapers aside)
};
// "tightest: <element> (<class>) needs X, has Y (Z% headroom, <requirement>)"; empty without a tightest line.
std::string tightest_text(const TeamLines& t);

struct ClassRow {
    std::string key; // "bottleneck/<requirement>/<class>"
    std::string class_name;
    Team team = Team::network;
    std::string element;
    double utilisation = 0.0;
    double headroom = 0.0; // 1 / utilisation - 1
    Figure load;           // busiest edge
    Figure capacity;
    unsigned links = 1;
};

struct CutRow {
    std::string key; // "cut/<requirement>/<class>"
    std::string class_name;
    unsigned edges = 0;     // edges of the class in the binding minimum cut
    Figure capacity;        // their capacity on the wire or on the drives
    Figure client_capacity; // the same in client bytes
    std::string text;       // "200 x scratch controller (write) (12.0 TB/s of client bytes in all)"
};

struct Bottleneck {
    std::string requirement;
    std::vector<ClassRow> classes; // busiest first; classes.front() binds (ties in class order)
    std::vector<CutRow> ideal_cut;
};

enum class RequirementKind { write_bandwidth, read_bandwidth, usable_capacity, capacity_plan, durability };
const char* requirement_kind_label(RequirementKind k); // "write bandwidth", "usable capacity", ...

// Where a requirement comes from: the customer's spec, or a workload's derived figure.
enum class Origin { spec, workload_write, workload_drain, workload_read, dataset, retention };
const char* origin_name(Origin o); // "spec", "workload_write", ...

struct RequirementRow {
    std::string key; // "requirement/<id>"
    std::string id;
    RequirementKind kind = RequirementKind::write_bandwidth;
    Origin origin = Origin::spec;
    std::string path;             // "gpu -> scratch via frontend" or "on scratch"
    Figure asked;                 // as the customer wrote it
    std::string asked_as_written; // the customer's text when it is in bits ("10 Tb/s"), else empty
    Figure required;              // with the design margin
    Figure achievable;            // routed (bandwidth), plannable (capacity) or this design's nines
    Figure ideal;                 // ideal flow (bandwidth only)
    bool met = false;
    std::string bottleneck;        // binding class (bandwidth), or what binds otherwise
    std::vector<std::string> tied; // other classes at the bottleneck's utilisation (within the "met" tolerance)
    double utilisation = 0.0;      // of the binding class at the required figure
    double headroom = 0.0;         // 1 / utilisation - 1 (bandwidth)
    std::string derivation;
    std::string confidence; // bandwidth: the sort of element that binds and its validation band (docs/validation.md)
    [[nodiscard]] bool is_bandwidth() const {
        return kind == RequirementKind::write_bandwidth || kind == RequirementKind::read_bandwidth;
    }
};

struct Fix {
    std::string requirement;
    struct Option {
        std::string key;  // "fix/<requirement>/<knob>"
        std::string knob; // a knob path (docs/spec.md, knob paths)
        std::string what;
        enum class Kind { count, advice } kind = Kind::count; // advice: a change that is not a value (a rebuild mode)
        std::optional<Figure> from;
        std::optional<Figure> to; // empty: not reachable by this knob alone, or advice
        std::string note;         // why not, or the advice
        std::optional<Figure> achievable;
    };
    std::vector<Option> options;
};

// One line of the bill of materials: what a team orders, how many, and how that was counted.
struct InventoryItem {
    std::string key; // "inventory/<team>/<owner>/<item>[-<qualifier>]"
    Team team = Team::network;
    std::string owner; // the network, compute group or storage system
    std::string item;  // "leaf switch", "spine switch", "endpoint cable", "transceiver", "node", "drive", ...
    std::string kind;  // what sort: "'gpu' leaves", "DAC copper, in the rack", "400 Gb/s" ...
    double count = 0;
    std::optional<int> ports;      // switches: ports per switch
    std::optional<int> ports_used; // switches: the most one switch of them uses
    std::string how;               // how it was counted
};

// One figure of a section, with how it was found.
struct SectionFigure {
    std::string key; // "<section key>/<figure>"
    std::string name;
    Figure value;
    std::string derivation;
    bool headline = false; // shown in the terminal summary too
};

struct Finding {
    enum class Kind { result, caveat } kind = Kind::result; // caveat: how far a figure can be trusted
    std::string text;
};

enum class SectionKind {
    checkpoint,
    two_level_checkpoint,
    data_loading,
    capacity_plan,
    durability,
    power,       // facilities: power per element class and in total
    racks,       // facilities: racks of a PDU domain against their power budget
    power_swing, // facilities: a checkpoint's drop in power
    capital,     // finance: what is bought
    running,     // finance: energy per year
    opportunity, // finance: node time not computing, per year
    tenant,      // a tenant's floor, ceiling and the product knobs that enforce them
};
const char* section_kind_label(SectionKind k); // "checkpoint", "two-level checkpoint", ...

struct Section {
    std::string key; // "workload/<id>" or "storage/<system>/<kind>"
    SectionKind kind = SectionKind::checkpoint;
    std::string id;
    std::string path; // "gpu -> scratch"
    std::vector<SectionFigure> figures;
    std::vector<Finding> findings;
};

struct ConcurrentRow {
    std::string key; // "concurrent/<id>"
    std::string id;
    std::vector<std::string> members;
    double scale = 0.0;
    bool met = false;
    std::string binding;
    double utilisation = 0.0;
    std::vector<std::pair<std::string, Figure>> achievable; // per member, in the mix
};

struct ScenarioCell {
    std::string key; // "scenario/<scenario>/<requirement>"
    bool met = false;
    bool unavailable = false;  // the data cannot be read at all
    std::uint32_t cut_off = 0; // compute nodes with no path left (the cell is not met; `achievable` is the others')
    Figure achievable;
    std::string bottleneck;
    std::string note;
};

// The facts of a scenario as numbers; each also appears as a sentence in `facts`.
struct ScenarioFigures {
    std::optional<Figure> rebuild;            // the longest rebuild the scenario starts
    std::optional<Figure> read_amplification; // the largest device reads per byte read
    std::vector<std::string> unavailable;     // storage systems whose data is partly unreadable
};

struct ScenarioRow {
    std::string key; // "scenario/<id>"
    std::string id;
    std::string description;
    std::vector<std::string> facts;
    ScenarioFigures figures;
    std::vector<ScenarioCell> cells; // one per bandwidth requirement, in Report::scenario_requirements order
    std::vector<Team> teams;         // whose elements it fails or whose element binds an unmet cell, in team order
};

// One server down makes data unreadable: said in the headline, not only in the scenario table.
struct Outage {
    std::string key;                       // "outage/<scenario>"
    std::string scenario;                  // "scratch-server-down"
    std::string storage;                   // the system that lost one server
    std::vector<std::string> requirements; // the reads that cannot be served
};
// "one scratch server down makes restart-read unavailable"
std::string outage_text(const Outage& o);
// The verdict sentence: "All requirements are met." or, when failures matter, "All requirements are met in
// normal operation; one scratch server down makes restart-read unavailable; 4 of 6 failure scenarios leave a
// requirement unmet." A headline never says less than the scenario table.
std::string verdict_text(const struct Report& r);

struct SizedRow {
    std::string key; // "sized/<knob>"
    std::string knob;
    int value = 0;
    std::string forced_by; // met: one less fails it; not met: it is still unmet at `value`
    int line = 0;          // where the spec said auto
    bool met = true;       // false: no value meets every requirement (sizing_problem says why)
};

// One element class's power: how many, and the four figures a procurement asks for, in all (W).
struct PowerRow {
    std::string key;     // "facilities/power/<domain>/<element>"
    std::string element; // "'gpu' nodes (dgx-h100)", "leaf switches ('gpu', qm9700 + 16 optics each)"
    std::string domain;  // the PDU domain: a compute group, a storage system, or "network"
    double count = 0;
    Figure nameplate, peak, nominal, idle; // the class in all
    std::string derivation;
};

// A curve for a chart (nines against drive AFR): points in the figures' units, the design's point marked, and
// the target as a horizontal line.
struct Curve {
    std::string key; // "curve/<system>/nines-vs-afr"
    std::string title;
    std::string x_label, y_label;
    Unit x_unit = Unit::share, y_unit = Unit::nines;
    std::vector<std::pair<double, double>> points; // by x
    std::optional<std::pair<double, double>> marked;
    std::optional<double> target;
};

// One tenant's traffic in one direction under one operating state: does its floor hold with every floor at once?
struct TenantCell {
    std::string key;             // "tenants/<state>/<flow>"
    std::optional<Figure> floor; // none: best effort
    double room = 0;             // every floor crossing its elements fits `room` times over; 0 with no path
    Figure kept;                 // min(room, 1) x floor
    bool holds = true;
    std::string binding;  // the element that sets `room`
    int sharers = 0;      // other tenants' flows whose floors load it
    Figure left;          // ceilings only: what is left to it while every other flow runs at its ceiling (or all it can)
    bool protects = true; // left >= floor
    std::string note;     // "no path", "3 nodes cut off"
};

// Every tenant's floor at once, in normal operation or under one failure scenario.
struct TenantRow {
    std::string key;   // "tenants/normal" or "tenants/<scenario>"
    std::string state; // "normal operation" or the scenario id
    Figure floors;     // their sum
    double scale = 0;  // the smallest room: the floors fit `scale` times over
    bool fits = true;
    std::vector<std::string> squeezed; // the flows at the smallest room: squeezed first
    std::vector<TenantCell> cells;     // one per flow, in Report::tenant_flows order
};

struct Report {
    std::string title;
    std::string spec_file;
    double margin = 0.0;
    bool all_met = false;
    std::vector<RequirementRow> requirements;
    std::vector<TeamLines> teams; // compute, network, storage
    std::vector<Bottleneck> bottlenecks;
    std::vector<Fix> fixes;
    std::vector<Section> workloads;
    std::vector<Section> storage_sections; // capacity plan and durability, per storage system
    std::vector<ConcurrentRow> concurrent;
    std::vector<std::string> scenario_requirements; // columns of the scenario table
    std::vector<ScenarioRow> scenarios;
    std::vector<Outage> outages; // single-server failures that leave some read unserved
    std::vector<SizedRow> sized;
    std::string sizing_problem;
    std::vector<InventoryItem> inventory;
    std::vector<PowerRow> power;                // per element class with a part (facilities.md)
    std::vector<std::string> unpowered;         // element classes with no part, so not in the power figures
    std::vector<Section> facilities;            // power totals, racks, power swings (facilities.md)
    std::vector<Section> finance;               // capital, running and opportunity cost (finance.md)
    std::vector<std::string> racks_over_budget; // PDU domains whose racks draw more than their feed carries
    std::vector<Curve> curves;                  // for charts: durability against drive AFR
    std::vector<std::string> tenant_flows;      // columns of the tenants table: "climate", "bio (read)"
    std::vector<TenantRow> tenants;             // normal operation, then each failure scenario
    std::vector<Section> tenant_sections;       // per tenant: floor, ceiling and the knobs that enforce them
    std::vector<std::string> tenant_problems;   // what makes a tenant not met in normal operation, as sentences

    [[nodiscard]] const TeamLines* team(Team t) const;
};

} // namespace archplan::document
