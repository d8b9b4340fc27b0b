// Durability of a storage system: rebuild time, MTTDL of a protection group, annual loss probability
// and nines, and what would meet a nines target. Reference: docs/models.md, durability; [39], [40], [43] in docs/references.md.
#pragma once

#include "archplan/spec/spec.hpp"

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

namespace archplan::analysis {

// MTTDL (hours) of one group of n devices tolerating m failures, device MTTF and repair time in hours
// (one repair at a time; docs/models.md, durability; [40] in docs/references.md): MTTF^(m+1) / (n (n-1) ... (n-m) MTTR^m).
double group_mttdl_hours(int n, int m, double mttf_hours, double mttr_hours);

// Annual probability of a loss event among `groups` independent groups: 1 - exp(-8760 / (MTTDL / groups)).
double annual_loss_probability(double group_mttdl_hours, double groups);

// -log10(p); capped at 30 for p == 0.
double nines_of(double probability);

struct DurabilityResult {
    std::size_t storage = 0;    // index into the spec's storage systems (0 when analysed without the spec)
    bool modelled = false;      // drive reliability given
    int n = 0, m = 0;           // group width and failures tolerated
    double mttf_hours = 0;      // per drive: given, or 8760 h / AFR
    double drives = 0;          // in the system
    double groups = 0;          // drives / n
    double used_bytes = 0;      // per drive: capacity x fill limit
    double rebuild_rate = 0;    // bytes/s one failed drive is rebuilt at
    double rebuild_hours = 0;   // used bytes / rebuild rate
    int rebuild_drives = 0;     // drives that take part (declustered)
    bool network_bound = false; // the rebuild is capped by the network share, not the drives
    double group_mttdl_hours = 0;
    double annual_loss = 0;
    double nines = 0;
    double ure_probability = 0; // of an unrecoverable read error while reading one rebuild's sources
};

// Without the spec the network cap of a rebuild across servers uses the NIC's line rate; with it, the
// payload rate of the fabric the system is attached to.
DurabilityResult analyse_durability(const spec::StorageSystem& s);
DurabilityResult analyse_durability(const spec::Spec& spec, const spec::StorageSystem& s);

// Against a target: met, and otherwise what single change meets it.
struct DurabilityCheck {
    std::size_t requirement = 0; // index into the spec's durability requirements
    DurabilityResult result;
    bool met = false;
    std::optional<int> parity_needed;           // the smallest m that meets it, rebuild unchanged
    std::optional<double> rebuild_hours_needed; // the longest rebuild that meets it
    std::optional<double> share_needed;         // the rebuild share that gives that rebuild, if at most 100%
    std::optional<double> declustered_nines;    // nines with declustered rebuild, if the design uses a spare
};

DurabilityCheck check_durability(const spec::Spec& spec, std::size_t index);

} // namespace archplan::analysis
