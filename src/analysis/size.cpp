// Sizing of `auto` counts by search on the model (see size_autos in analysis.hpp).
#include "archplan/analysis/analysis.hpp"

#include "archplan/analysis/search.hpp"
#include "archplan/spec/knobs.hpp"

#include <algorithm>
#include <cassert>
#include <fmt/format.h>

namespace archplan::analysis {

namespace {

// Sizing's own search window, inside the knob's bounds: a server takes at most 256 drives and 16 NIC ports.
int window(const spec::Knob& k) {
    switch (k.kind) {
    case spec::KnobKind::drives_per_server: return static_cast<int>(std::min(k.hi, 256.0));
    case spec::KnobKind::server_nic_ports:
    case spec::KnobKind::compute_nic_ports: return static_cast<int>(std::min(k.hi, 16.0));
    default: return static_cast<int>(k.hi);
    }
}

struct AutoKnob {
    spec::AutoCount count;
    spec::Knob knob;
    int limit = 1;
};

std::vector<AutoKnob> auto_knobs(const spec::Spec& spec) {
    std::vector<AutoKnob> out;
    for (const auto& a : spec.autos) {
        auto found = spec::find_knob(spec, a.knob);
        assert(found.knob); // the loader only records paths of the table
        out.push_back({a, *found.knob, window(*found.knob)});
    }
    std::stable_sort(out.begin(), out.end(), [](const AutoKnob& a, const AutoKnob& b) { return a.knob.kind < b.knob.kind; });
    return out;
}

} // namespace

Sizing size_autos(spec::Spec& trial) {
    Sizing out;
    if (trial.autos.empty()) return out;
    auto knobs = auto_knobs(trial);
    // Servers start from 1; everything sized after them starts at its upper limit.
    for (auto& k : knobs) k.knob.set(trial, k.knob.kind == spec::KnobKind::storage_servers ? 1 : k.limit);
    for (auto& k : knobs) {
        // Upward from 1, not down from the limit: that keeps clear of values that cannot be wired (too many
        // leaves for the spines) above the answer.
        std::string forced_by;
        auto probe = [&](int v) {
            k.knob.set(trial, v);
            auto unmet = first_unmet(trial);
            if (!unmet.empty()) forced_by = unmet;
            return unmet.empty();
        };
        auto found = smallest_meeting(0, k.limit, probe);
        if (!found) {
            out.problem =
                fmt::format("no value of {} up to {} meets '{}'; it is left at {}", k.count.knob, k.limit, forced_by, k.limit);
            k.knob.set(trial, k.limit);
            out.sized.push_back({k.count.knob, k.limit, forced_by, k.count.loc});
            continue;
        }
        k.knob.set(trial, *found);
        int sized = k.knob.settable(trial, *found);
        out.sized.push_back({k.count.knob, sized, sized > 1 ? forced_by : std::string(), k.count.loc});
    }
    return out;
}

} // namespace archplan::analysis
