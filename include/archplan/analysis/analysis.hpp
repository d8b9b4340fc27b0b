// Analyses: pure functions from the spec and its system graph to plain result structs. No printing.
#pragma once

#include "archplan/analysis/durability.hpp"
#include "archplan/analysis/workload.hpp"
#include "archplan/model/system_graph.hpp"
#include "archplan/spec/spec.hpp"

#include <memory>

#include <string>
#include <vector>

namespace archplan::analysis {

using units::Bytes;
using units::BytesPerSecond;

// Bytes each stage carries per client byte written, by where protection is applied (reference §4.3).
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
};

struct RoutedResult {
    std::vector<double> edge_load;      // bytes/s per graph edge at the required figure (client + east-west)
    std::vector<double> east_west_load; // the east-west part
    std::vector<ClassLoad> classes;     // loaded classes, busiest first
    double max_utilisation = 0.0;
    BytesPerSecond achievable; // required / max utilisation; 0 when some traffic has no path
    bool routed_all = true;    // false when a failure leaves some traffic without a path
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
    const spec::BandwidthRequirement* req = nullptr;
    BytesPerSecond required; // bandwidth x (1 + margin)
    Amplification amp;
    RoutedResult routed;
    IdealResult ideal;
    bool met = false; // routed achievable >= required
};

// Raw -> after protection -> after distributed spares -> after the file-system reserve (usable) ->
// at the planned maximum fill (plannable), reference 5.1.
struct CapacityStages {
    Bytes raw, after_protection, after_spares, usable, plannable;
};
CapacityStages capacity_stages(const spec::StorageSystem& s, int servers);

struct CapacityResult {
    const spec::CapacityRequirement* req = nullptr;
    const spec::StorageSystem* storage = nullptr;
    Bytes raw;
    Bytes protected_bytes;  // after protection
    Bytes plannable;        // after spares, reserve and the fill limit
    Bytes required;         // usable x (1 + margin)
    int servers_needed = 0; // for this requirement alone
    bool met = false;
};

// Everything that must fit on one storage system together, and what sets its server count.
struct CapacityPlan {
    const spec::StorageSystem* storage = nullptr;
    CapacityStages stages;
    std::vector<std::pair<std::string, Bytes>> items; // requirement id, required with the margin
    Bytes total;
    bool met = false;
    int servers_for_capacity = 0;
    int servers_for_bandwidth = 0; // per-server stages only (NIC, controller, drives); 0: no bandwidth requirement
    std::string bandwidth_class;   // the per-server class that sets it
    std::string bandwidth_requirement;
    double bandwidth_utilisation = 0; // of that class, at the current server count
    bool capacity_bound = false;      // capacity needs more servers than bandwidth
    // When capacity-bound and the drives are flash: keep the bandwidth-sized servers and put the rest
    // on a capacity tier of high-capacity disk servers (template in docs/models.md).
    int tier_servers = 0;
    Bytes tier_plannable_per_server;
};

// The capacity tier's server template: 84 x 24 TB disks, 8+2 inside the server, the system's spares, reserve and fill limit.
spec::StorageSystem capacity_tier_template(const spec::StorageSystem& s);

std::vector<CapacityPlan> plan_capacity(const spec::Spec& spec, const model::SystemGraph& g,
                                        const std::vector<BandwidthResult>& bandwidth);

BandwidthResult analyse_bandwidth(const spec::Spec& spec, const model::SystemGraph& g, const spec::BandwidthRequirement& req,
                                  bool with_ideal = true);
// A failure scenario as the routed model sees it.
struct Degradation {
    std::vector<char> dead;       // per vertex: failed (or unreachable) switch, node or server stage
    std::vector<double> capacity; // per edge: capacity left to the workload (rebuild takes its share)
    double drive_read_amp = 1.0;  // device bytes read per byte delivered (degraded reads)
};

RoutedResult route(const spec::Spec& spec, const model::SystemGraph& g, const spec::BandwidthRequirement& req,
                   BytesPerSecond required, const Degradation* degraded = nullptr);
IdealResult ideal(const spec::Spec& spec, const model::SystemGraph& g, const spec::BandwidthRequirement& req,
                  BytesPerSecond required, const RoutedResult& routed);
CapacityResult analyse_capacity(const spec::Spec& spec, const spec::CapacityRequirement& req);

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

std::vector<Fix> find_fixes(const spec::Spec& spec, const std::vector<BandwidthResult>& bandwidth,
                            const std::vector<CapacityResult>& capacity);

// Requirements that run at once: each edge carries the sum of their loads (the network is full duplex,
// so reads and writes load different edges); a controller or a drive set is shared, its utilisation
// the sum of read load / read ceiling and write load / write ceiling.
struct ConcurrentResult {
    const spec::Concurrent* group = nullptr;
    double scale = 0.0; // largest common multiple of every member's required figure (routed)
    double max_utilisation = 0.0;
    std::string binding;                                            // the element class or shared stage that sets the scale
    bool met = false;                                               // scale >= 1
    std::vector<std::pair<std::string, BytesPerSecond>> achievable; // member id, required x scale
};

ConcurrentResult analyse_concurrent(const model::SystemGraph& g, const spec::Concurrent& group,
                                    const std::vector<BandwidthResult>& results);

// Counts sized by archplan where the spec said `auto`.
struct SizedCount {
    std::string knob;
    int value = 0;
    std::string forced_by; // the requirement that one less would fail ("" when the smallest value, 1, suffices)
    spec::SourceLoc loc;
};

struct Sizing {
    spec::Spec spec;               // the spec with every `auto` replaced by its sized value
    std::vector<SizedCount> sized; // in sizing order
    std::string problem;           // set when even the upper limits do not meet every requirement
};

// Sizes every `auto` count: each knob, in the order servers, drives per server, server NIC ports, leaf
// uplinks, compute NIC ports, becomes the smallest value that meets every requirement (workload-derived
// ones included, routed figures) with the knobs before it at their sized values and those after it at
// their upper limits (drives 256, NIC ports 16, leaf uplinks the ports the radix leaves). Each knob is
// probed upward (1, 2, 4, ...) and then bisected; a design that cannot be wired counts as not meeting.
// A spec without `auto` comes back unchanged.
Sizing size_autos(const spec::Spec& spec);

// One failure scenario re-analysed (see scenario.hpp).
struct ScenarioRow {
    std::string requirement;
    BytesPerSecond achievable; // routed, never above the healthy figure
    bool met = false;
    std::string bottleneck;
    std::string note; // e.g. data unavailable
};

struct ScenarioResult {
    spec::Scenario scenario;
    std::string description;        // "1 server of 'scratch' down"
    std::vector<std::string> facts; // rebuild time, read amplification, data at risk
    std::vector<ScenarioRow> rows;
};

struct Analysis {
    std::shared_ptr<const spec::Spec> effective; // the spec plus the requirements derived from workloads
    WorkloadAnalysis workloads;
    std::vector<BandwidthResult> bandwidth;
    std::vector<CapacityResult> capacity;
    std::vector<ConcurrentResult> concurrent;
    std::vector<CapacityPlan> capacity_plans; // one per storage system with a capacity requirement
    std::vector<DurabilityResult> durability; // one per storage system with drive reliability given
    std::vector<DurabilityCheck> durability_checks;
    std::vector<ScenarioResult> scenarios; // default set and the spec's own
    std::vector<Fix> fixes;
    std::vector<SizedCount> sized;                       // filled by the caller from size_autos
    std::vector<std::pair<std::string, double>> seconds; // wall time per phase, for --timings only
    std::string sizing_problem;
    [[nodiscard]] bool all_met() const;
};

Analysis analyse(const spec::Spec& spec, const model::SystemGraph& g);

} // namespace archplan::analysis
