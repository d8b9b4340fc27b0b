// Sizing of `auto` counts by search on the model (see size_autos in analysis.hpp).
#include "archplan/analysis/analysis.hpp"

#include "archplan/analysis/search.hpp"
#include "archplan/spec/knobs.hpp"

#include <algorithm>
#include <cassert>
#include <fmt/format.h>
#include <map>

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
        std::map<int, std::string> fails; // per value probed and not met: the first unmet requirement, or why it cannot be built
        auto probe = [&](int v) {
            k.knob.set(trial, v);
            Probe p;
            auto built = model::build(trial);
            if (!built.graph) {
                p.build_error = built.diagnostics.items().front().message;
                fails[v] = "(the design cannot be built: " + p.build_error + ")";
                return p;
            }
            auto missing = unmet(analyse(trial, *built.graph, AnalyseOptions{false, false, false}));
            if (!missing.empty()) fails[v] = missing.front();
            p.met = missing.empty();
            return p;
        };
        auto fails_at = [&](int v) { return fails.count(v) ? fails[v] : std::string(); };
        auto r = raise_until_met(0, k.limit, false, probe);
        if (!r.met_at) {
            // Left at the best value that can be built, so the run reports what that design achieves and what binds.
            int left = std::max(r.best, 1);
            auto forced_by = fails_at(left);
            out.problem = r.best == 0 ? fmt::format("no value of {} can be built: {}", k.count.knob, r.why_not)
                                      : fmt::format("no value of {} meets '{}': {}; it is left at {}", k.count.knob, forced_by,
                                                    r.why_not, left);
            k.knob.set(trial, left);
            out.sized.push_back({k.count.knob, left, forced_by, k.count.loc, false});
            continue;
        }
        k.knob.set(trial, *r.met_at);
        int sized = k.knob.settable(trial, *r.met_at);
        // "One less fails": what the probe one below the answer found (1 needs no reason).
        out.sized.push_back({k.count.knob, sized, fails_at(*r.met_at - 1), k.count.loc});
    }
    return out;
}

} // namespace archplan::analysis
