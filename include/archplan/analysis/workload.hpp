// Workload translation: checkpoints (size, metadata, MTBF, interval, goodput, two-level) and data
// loading turned into the bandwidth and capacity requirements the core analyses, plus the figures
// that explain them. Reference: docs/models.md, workloads; topics §1, §5.3, §5.4 in docs/references.md.
#pragma once

#include "archplan/model/system_graph.hpp"
#include "archplan/spec/spec.hpp"

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

namespace archplan::analysis {

using units::Seconds;

struct CheckpointResult {
    std::size_t workload = 0; // index into the spec's workloads
    int nodes = 0;
    units::Bytes size;
    double files = 0; // nodes x ranks x files per rank + 1 index file
    bool metadata_modelled = false;
    int metadata_servers = 0; // serving the checkpoint's directory: 1, or every one when it is striped
    double create_rate = 0;   // those servers x creates per second each
    Seconds metadata_time;    // files / create rate
    Seconds job_mtbf;
    units::BytesPerSecond write_achievable; // routed, for this design
    units::BytesPerSecond read_achievable;
    Seconds dump_time;     // size / write + metadata time + stall (the job blocks)
    Seconds read_time;     // size / read
    Seconds restart_total; // restart + read time + stall
    // Failover pairs on the storage system: the failover time, the system's outage rate (per second) and the
    // expected stall each outage adds to a dump and to a restart; uncharged when the outage rate is not given.
    Seconds failover;
    double server_outage_rate = 0;
    Seconds dump_stall, restart_stall;
    bool failover_uncharged = false;
    Seconds young, daly, interval;                                    // interval: given, or Daly's optimum
    double goodput = 0;                                               // Daly's full model at this design
    double waste_checkpoint = 0, waste_rework = 0, waste_restart = 0; // first-order split
    double goodput_ceiling = 0;                                       // e^(-restart_total / MTBF)

    // Goodput target inverted (synchronous checkpointing).
    std::optional<Seconds> max_dump_time;                              // before the failover stall
    std::optional<units::BytesPerSecond> bandwidth_needed;             // full model
    std::optional<units::BytesPerSecond> bandwidth_needed_first_order; // first-order closed form (docs/models.md, goodput target
                                                                       // inverted into a write requirement)
    std::string infeasible;                                            // why no bandwidth reaches the target, if none does

    // Two-level checkpointing.
    bool two_level = false;
    Seconds blocking; // size per node / local rate
    Seconds two_level_interval;
    units::BytesPerSecond drain_needed; // size / interval, or what the goodput target needs
    Seconds drain_time;                 // size / write achievable
    double two_level_goodput = 0;       // first order, with the recovery lag
    units::Bytes local_needed;          // per node: two checkpoints' shards (one written, one draining)
    std::string local_problem;          // why the local tier cannot take it, if it cannot
};

struct DataLoadingResult {
    std::size_t workload = 0; // index into the spec's workloads
    int nodes = 0;
    int accelerators = 0; // in all
    units::BytesPerSecond per_accelerator;
    units::BytesPerSecond total;
    double opens_per_second = 0; // 0 when the demand is not given in samples
    bool metadata_modelled = false;
    double open_rate = 0; // metadata servers x opens per second each
    units::BytesPerSecond read_achievable;
};

struct WorkloadAnalysis {
    std::vector<CheckpointResult> checkpoints;
    std::vector<DataLoadingResult> data_loading;
    std::vector<spec::BandwidthRequirement> bandwidth; // derived requirements, ids "<workload>.<what>"
    std::vector<spec::CapacityRequirement> capacity;
};

// The routed achievable bandwidth of a path, independent of any requirement's size.
units::BytesPerSecond achievable_between(const spec::Spec& spec, const model::SystemGraph& g, const std::string& from,
                                         const std::string& to, spec::Direction direction);

WorkloadAnalysis analyse_workloads(const spec::Spec& spec, const model::SystemGraph& g);

} // namespace archplan::analysis
