// Analyses: pure functions from the spec and its system graph to plain result structs. No printing.
#pragma once

#include "archplan/analysis/durability.hpp"
#include "archplan/analysis/tenants.hpp"
#include "archplan/analysis/tolerance.hpp"
#include "archplan/analysis/workload.hpp"
#include "archplan/model/system_graph.hpp"
#include "archplan/spec/spec.hpp"

#include <cstddef>
#include <string>
#include <vector>

namespace archplan::analysis {

using units::Bytes;
using units::BytesPerSecond;

// Bytes each stage carries per client byte written, by where protection is applied (docs/models.md, protection amplification;
// [35], [36], [37], [38] in docs/references.md).
struct Amplification {
    double network = 1.0;    // client NIC, fabric and server NIC ingress, client to server
    double east_west = 0.0;  // server to server copies (primary-forwarded protection)
    double controller = 1.0; // bytes a server receives from the network = network + east_west
    double drives = 1.0;     // device bytes written
    double own_drives = 1.0; // device bytes the receiving server writes itself = drives - east_west
    double capacity = 1.0;   // raw bytes per usable byte
};
Amplification write_amplification(const spec::Protection& p);
std::string protection_label(const spec::Protection& p); // "8+2 erasure coding, server-side"

// Utilisation of one element class at the required figure.
struct ClassLoad {
    std::uint32_t cls = 0;
    double utilisation = 0.0; // of the busiest edge in the class
    double load = 0.0;        // bytes/s on the busiest edge
    double capacity = 0.0;    // bytes/s of the busiest edge
    std::uint32_t links = 1;  // parallel links (or drives) in the busiest edge
    std::uint32_t edges = 0;  // edges of the class that carry load
    // The busiest edge's source vertex: what it sends over all its edges of this class, over how many links.
    double source_total = 0.0;
    std::uint32_t source_links = 0;
    // ... and what its target vertex receives over all its edges of this class.
    double target_total = 0.0;
    std::uint32_t target_links = 0;
    std::uint32_t busiest_edge = 0;
    // Static ECMP (routing: static): flows hashed at the busiest edge's switch over its equal-cost links, and the
    // expected busiest link against the mean; the utilisation above includes it. 1 with adaptive routing.
    double flows = 0;
    std::uint32_t paths = 0;
    double derate = 1.0;
};

// Expected busiest of `paths` links, as a multiple of the mean, when `flows` equal flows are hashed onto them
// uniformly at random (each link's count Poisson(flows / paths), independent): E[max] / mean, at least 1.
double ecmp_derate(double flows, std::uint32_t paths);

struct RoutedResult {
    // Bytes/s per graph edge at the required figure (client + east-west), and the east-west part. analyse() keeps them
    // only for the members of concurrent groups; the classes below are what the reports use.
    std::vector<double> edge_load;
    std::vector<double> east_west_load;
    void release_edge_loads() {
        std::vector<double>().swap(edge_load);
        std::vector<double>().swap(east_west_load);
    }
    std::vector<ClassLoad> classes; // loaded classes, busiest first; the tied ones at the top in class order
    std::size_t tied = 0;           // classes at the top utilisation, within k_met_tol of it
    double max_utilisation = 0.0;
    BytesPerSecond achievable; // required / max utilisation; 0 when some traffic has no path
    bool routed_all = true;    // false when a failure leaves some traffic without a path
    std::uint32_t cut_off = 0; // compute endpoints whose every port is on a failed leaf: the requirement, spread over
                               // the others, is not what their share of it needs
};

struct CutClass {
    std::uint32_t cls = 0;
    std::uint32_t edges = 0;      // edges of this class in the minimum cut
    double capacity = 0.0;        // their capacity, bytes/s on the wire or on the drives
    double client_capacity = 0.0; // the same in client bytes/s (capacity / amplification, less background)
};

struct IdealResult {
    BytesPerSecond achievable; // largest uniform scaling that any routing carries
    std::vector<CutClass> cut; // the minimum cut that binds, by class
    int iterations = 0;        // parametric (Dinkelbach) max-flow rounds
};

struct BandwidthResult {
    std::size_t requirement = 0; // index into the analysed spec's bandwidth requirements
    BytesPerSecond required;     // bandwidth x (1 + margin)
    Amplification amp;
    RoutedResult routed;
    IdealResult ideal;
    bool met = false; // routed achievable >= required
};

// Raw -> after protection -> after distributed spares -> after the file-system reserve (usable) ->
// at the planned maximum fill (plannable), docs/models.md, capacity; [32] in docs/references.md.
struct CapacityStages {
    Bytes raw, after_protection, after_spares, usable, plannable;
};
CapacityStages capacity_stages(const spec::StorageSystem& s, double servers);

struct CapacityResult {
    std::size_t requirement = 0; // index into the analysed spec's capacity requirements
    std::size_t storage = 0;     // index into the spec's storage systems
    Bytes raw;
    Bytes protected_bytes;     // after protection
    Bytes plannable;           // after spares, reserve and the fill limit
    Bytes required;            // usable x (1 + margin)
    double servers_needed = 0; // for this requirement alone (a count, but may exceed any int: a 1 MB drive)
    bool met = false;
};

// Everything that must fit on one storage system together, and what sets its server count.
struct CapacityPlan {
    std::size_t storage = 0; // index into the spec's storage systems
    CapacityStages stages;
    std::vector<std::pair<std::string, Bytes>> items; // requirement id, required with the margin
    Bytes total;
    bool met = false;
    double servers_for_capacity = 0;
    double servers_for_bandwidth = 0; // per-server stages only (NIC, controller, drives); 0: no bandwidth requirement
    std::string bandwidth_class;      // the per-server class that sets it
    std::string bandwidth_requirement;
    double bandwidth_utilisation = 0; // of that class, at the current server count
    bool capacity_bound = false;      // capacity needs more servers than bandwidth
    // When capacity-bound and the drives are flash: keep the bandwidth-sized servers and put the rest
    // on a capacity tier of high-capacity disk servers (template in docs/models.md).
    double tier_servers = 0;
    Bytes tier_plannable_per_server;
    // Declustered rebuild writes into distributed spare space: at least one drive's worth per pool of drives
    // that share stripes (the server's drives, or the drives a rebuild spans across servers).
    double spare_pool_drives = 0; // 0: a dedicated spare drive, nothing distributed
    double spares_needed = 0;     // share of raw capacity: 1 / spare_pool_drives
};

// The capacity tier's server template: 84 x 24 TB disks, 8+2 inside the server, the system's spares, reserve and fill limit.
spec::StorageSystem capacity_tier_template(const spec::StorageSystem& s);

std::vector<CapacityPlan> plan_capacity(const spec::Spec& spec, const model::SystemGraph& g,
                                        const std::vector<BandwidthResult>& bandwidth);

// The requirement at `index` of spec.bandwidth.
BandwidthResult analyse_bandwidth(const spec::Spec& spec, const model::SystemGraph& g, std::size_t index, bool with_ideal = true);
// A failure scenario as the routed model sees it.
struct Degradation {
    std::vector<char> dead;       // per vertex: failed (or unreachable) switch, node or server stage
    std::vector<double> capacity; // per edge: capacity left to the workload (rebuild takes its share)
    double drive_read_amp = 1.0;  // device bytes read per byte delivered (degraded reads)
    // Per vertex, read at a server's drive stage: a factor on top of drive_read_amp for the reads of that server
    // alone (protection inside a server that lost drives); empty: 1 everywhere.
    std::vector<double> server_read_amp;
    // Per storage server NIC vertex: the shares of a uniform striping each server's stages carry, for reads (the
    // data as it was written) and for writes (what the allocator places now); empty: 1 each. A failover partner
    // carries 2 (its own targets and its partner's); avoid-degraded gives a degraded server 0 for writes.
    std::vector<double> read_share, write_share;
};

// How many of `classes` (busiest first) are within k_met_tol of the busiest.
std::size_t tied_at_top(const std::vector<ClassLoad>& classes);

RoutedResult route(const spec::Spec& spec, const model::SystemGraph& g, const spec::BandwidthRequirement& req,
                   BytesPerSecond required, const Degradation* degraded = nullptr);
IdealResult ideal(const spec::Spec& spec, const model::SystemGraph& g, const spec::BandwidthRequirement& req,
                  BytesPerSecond required, const RoutedResult& routed);
// The requirement at `index` of spec.capacity.
CapacityResult analyse_capacity(const spec::Spec& spec, std::size_t index);

// One single-knob change that meets a requirement, found by search on the model.
struct Change {
    std::string knob; // spec path, e.g. "storage.scratch.servers"
    std::string what; // "storage servers of 'scratch'"
    int from = 0;
    int to = 0;          // smallest value that meets the requirement; 0 if none within the range
    int limit = 0;       // largest value tried
    std::string why_not; // when to == 0
    BytesPerSecond achievable_at_to;
};

struct Fix {
    std::string requirement;
    std::vector<Change> changes; // every knob tried, smallest relative change first
};

struct Analysis;
// For everything unmet in `a` (an analysis of `spec`, the spec without workload-derived requirements):
// each knob that can move it, raised until the one verdict says it is met.
std::vector<Fix> find_fixes(const spec::Spec& spec, const Analysis& a);

// Requirements that run at once: each edge carries the sum of their loads (the network is full duplex,
// so reads and writes load different edges); a controller or a drive set is shared, its utilisation
// the sum of read load / read ceiling and write load / write ceiling.
struct ConcurrentResult {
    std::size_t group = 0; // index into the spec's concurrent groups
    double scale = 0.0;    // largest common multiple of every member's required figure (routed)
    double max_utilisation = 0.0;
    std::string binding;                                            // the element class or shared stage that sets the scale
    bool met = false;                                               // scale >= 1
    std::vector<std::pair<std::string, BytesPerSecond>> achievable; // member id, required x scale
};

// An element the routed figures judge when several requirements load it at once: an edge outside the storage
// servers, or a server's controller or drive set, whose reads and writes share one budget (utilisation: the sum of
// its edges' load / capacity).
struct Element {
    std::string name; // the edge's class, or "<system> controller (reads + writes)", "<system> drives (reads + writes)"
    std::vector<std::uint32_t> edges;
};
std::vector<Element> judged_elements(const model::SystemGraph& g);
// Infinity when some edge carries load and has no capacity left.
double element_utilisation(const Element& el, const std::vector<double>& load, const std::vector<double>& capacity);

ConcurrentResult analyse_concurrent(const spec::Spec& spec, const model::SystemGraph& g, std::size_t group,
                                    const std::vector<BandwidthResult>& results);

// The tenants' floors and ceilings (tenants.hpp) in normal operation and under each of `scenarios`; `results` are the
// analysis of `spec`'s bandwidth requirements.
TenantAnalysis analyse_tenants(const spec::Spec& spec, const model::SystemGraph& g, const std::vector<BandwidthResult>& results,
                               const std::vector<spec::Scenario>& scenarios);

// Counts sized by archplan where the spec said `auto`.
struct SizedCount {
    std::string knob;
    int value = 0;
    std::string forced_by; // met: the requirement one less would fail ("" when 1 suffices); not met: the one still unmet
    spec::SourceLoc loc;
    bool met = true; // false: no value meets every requirement; `value` is the best that can be built
};

struct Sizing {
    std::vector<SizedCount> sized; // in sizing order
    std::string problem;           // set when even the upper limits do not meet every requirement
};

// Sizes every `auto` count: each knob, in the order servers, drives per server, server NIC ports, leaf
// uplinks, compute NIC ports, becomes the smallest value that meets every requirement (workload-derived
// ones included, routed figures) with the knobs before it at their sized values and those after it at
// their upper limits (drives 256, NIC ports 16, leaf uplinks the ports the radix leaves). Each knob is
// probed upward (1, 2, 4, ...) and then bisected; a design that cannot be wired counts as not meeting.
// "Meets" is the one verdict (unmet()), capacity plans and durability included. `spec` is changed in
// place: every `auto` count gets its sized value; a spec without `auto` is left as it is.
Sizing size_autos(spec::Spec& spec);

// One failure scenario re-analysed (see scenario.hpp).
struct ScenarioRow {
    std::string requirement;
    BytesPerSecond achievable; // routed, never above the healthy figure
    bool met = false;
    std::string bottleneck; // the binding element class
    enum class Note { none, unavailable, capped_at_healthy, no_path, cut_off } note = Note::none;
    std::uint32_t cut_off = 0; // compute endpoints with no live leaf: not met, whatever the others achieve
};

// What a scenario fails, as the spec states it and as much of it as the design has.
struct ScenarioPart {
    enum class Kind { servers, drives_per_group, pool_drives, racks, top_switches, leaves, routers } kind = Kind::servers;
    std::string name; // storage system, network or attached group
    int count = 0;    // failed (clipped to what exists)
    int tiers = 2;    // top switches: spines (2 tiers) or core switches (3 tiers)
};

// What a scenario does to one storage system's data, as numbers (derive writes the sentences).
struct ScenarioFact {
    enum class Kind {
        servers_protected_inside,     // protection inside each server: the failed servers' data cannot be read
        servers_beyond_tolerance,     // more servers down than the protection tolerates
        servers_rebuild,              // the failed servers' data rebuilt onto the survivors
        servers_failover,             // failover pairs: each partner serves both halves after the failover time
        drives_beyond_tolerance,      // more failed drives per group than tolerated: data is lost
        drives_rebuild,               // every protection group rebuilds at once
        pool_drives_beyond_tolerance, // more drives of one pool down than tolerated: data is lost
        pool_drives_rebuild,          // drives of one pool down: that server (or, across servers, the pool) rebuilds
        leaf_protected_inside,        // servers behind a failed leaf, protection inside each server
        leaf_beyond_tolerance,        // more servers cut off than tolerated
        leaf_degraded,                // servers cut off, their data decoded from (or served by) the others
        leaf_none_cut,                // no server cut off: each keeps a live leaf (dual-homed, or elsewhere on a mixed shape)
    } kind = Kind::servers_rebuild;
    std::string storage;
    int count = 0;          // servers down, failed drives per group or in the pool, or servers cut off
    int servers_hit = 0;    // pool drives: servers that lost drives (the first ones)
    bool across = false;    // pool drives: the pool spans servers (protection across servers)
    int tolerated = 0;      // failures the protection tolerates
    int survivors = 0;      // servers left
    bool all_cut = false;   // leaf: no server left to take writes
    Bytes rebuilt;          // servers: all they held; drives: per server; pool drives: all the failed drives held
    double drives_lost = 0; // drives: failed drives per server (a share of a group's width may be fractional);
                            // pool drives: on the most degraded server
    double drives_left = 0; // drives: surviving drives per server; pool drives: the drives the rebuild spreads over
    units::Seconds rebuild; // time to rebuild, at the rebuild share
    bool network_bound = false;
    double read_amplification = 1.0; // device reads per byte read, while degraded
    int domains = 0;                 // leaf: leaves the system's servers hang off, when chunks are placed over them; 0: not
    int domain_chunks = 0;           // leaf, rack: the most chunks of one stripe in the failed domains
    int racks = 0;                   // servers: the racks they were in, when a rack failed; 0: servers alone
    units::Seconds failover;         // servers in failover pairs: the stall before each partner takes over
    int skipped = 0;                 // allocator avoid-degraded: servers whose targets new files skip
    [[nodiscard]] bool unavailable() const {
        return kind == Kind::servers_protected_inside || kind == Kind::servers_beyond_tolerance ||
               kind == Kind::drives_beyond_tolerance || kind == Kind::pool_drives_beyond_tolerance ||
               kind == Kind::leaf_protected_inside || kind == Kind::leaf_beyond_tolerance;
    }
};

struct ScenarioResult {
    spec::Scenario scenario;
    std::vector<ScenarioPart> parts; // what failed
    std::vector<ScenarioFact> facts; // rebuild time, read amplification, data at risk
    std::vector<ScenarioRow> rows;
};

// What an analysis runs. Sizing, the fix search and their probes need only the routed figures.
struct AnalyseOptions {
    bool ideal = true;     // the max-flow figure and its cut
    bool scenarios = true; // failure scenarios
    bool fixes = true;     // the smallest single changes for what is not met
};

struct Analysis {
    spec::Spec effective; // the spec plus the requirements derived from workloads; results index into it
    WorkloadAnalysis workloads;
    std::vector<BandwidthResult> bandwidth;
    std::vector<CapacityResult> capacity;
    std::vector<ConcurrentResult> concurrent;
    std::vector<CapacityPlan> capacity_plans; // one per storage system with a capacity requirement
    std::vector<DurabilityResult> durability; // one per storage system with drive reliability given
    std::vector<DurabilityCheck> durability_checks;
    std::vector<ScenarioResult> scenarios; // default set and the spec's own
    std::vector<Fix> fixes;
    TenantAnalysis tenants;                              // empty without tenants
    std::vector<std::pair<std::string, double>> seconds; // wall time per phase, for --timings only

    [[nodiscard]] const spec::BandwidthRequirement& requirement(const BandwidthResult& b) const {
        return effective.bandwidth[b.requirement];
    }
    [[nodiscard]] const spec::CapacityRequirement& requirement(const CapacityResult& c) const {
        return effective.capacity[c.requirement];
    }
    [[nodiscard]] const spec::StorageSystem& storage(std::size_t index) const { return effective.storage[index]; }
};

// The spec plus the bandwidth and capacity requirements its workloads derive.
spec::Spec with_workload_requirements(const spec::Spec& spec, const WorkloadAnalysis& workloads);

// The one verdict: the id of everything the analysis finds not met (workload targets, capacity, bandwidth,
// concurrent groups, metadata opens, capacity plans, durability), in that order. Empty: everything is met.
std::vector<std::string> unmet(const Analysis& a);

// Builds the graph, analyses the routed figures and returns the first unmet id ("" when everything is
// met). A design that cannot be built is not met; the reason comes back in parentheses.
std::string first_unmet(const spec::Spec& spec);

Analysis analyse(const spec::Spec& spec, const model::SystemGraph& g, const AnalyseOptions& options = {});

} // namespace archplan::analysis
