// Sizing of `auto` counts by search on the model (see size_autos in analysis.hpp).
#include "archplan/analysis/analysis.hpp"

#include <algorithm>
#include <cmath>
#include <fmt/format.h>
#include <functional>

namespace archplan::analysis {

namespace {

struct AutoKnob {
    spec::AutoCount count;
    int rank = 0;  // sizing order
    int limit = 1; // upper limit
    std::function<void(spec::Spec&, int)> set;
};

std::vector<std::string> split(const std::string& path) {
    std::vector<std::string> parts;
    std::size_t start = 0;
    for (std::size_t dot; (dot = path.find('.', start)) != std::string::npos; start = dot + 1)
        parts.push_back(path.substr(start, dot - start));
    parts.push_back(path.substr(start));
    return parts;
}

std::vector<AutoKnob> knobs_of(const spec::Spec& spec) {
    std::vector<AutoKnob> out;
    for (const auto& a : spec.autos) {
        auto p = split(a.knob);
        AutoKnob k;
        k.count = a;
        if (p[0] == "storage") {
            auto si = static_cast<std::size_t>(spec.find_storage(p[1]) - spec.storage.data());
            if (p[2] == "servers") {
                k.rank = 0;
                k.limit = 100'000; // the loader's cap
                k.set = [si](spec::Spec& s, int v) { s.storage[si].servers = v; };
            } else if (p.size() == 5) { // server.drives.count
                k.rank = 1;
                k.limit = 256;
                k.set = [si](spec::Spec& s, int v) { s.storage[si].drives.count = v; };
            } else { // server.nic
                k.rank = 2;
                k.limit = 16;
                k.set = [si](spec::Spec& s, int v) { s.storage[si].nic.ports = v; };
            }
        } else if (p[0] == "network") {
            auto ni = static_cast<std::size_t>(spec.find_network(p[1]) - spec.networks.data());
            const auto& net = spec.networks[ni];
            auto li = static_cast<std::size_t>(
                std::find_if(net.leaves.begin(), net.leaves.end(), [&](const spec::LeafShape& l) { return l.group == p[3]; }) -
                net.leaves.begin());
            k.rank = 3;
            k.limit = net.radix > 0 ? net.radix - net.leaves[li].down : net.leaves[li].down;
            k.set = [ni, li](spec::Spec& s, int v) { s.networks[ni].leaves[li].up = v; };
        } else { // compute.<group>.storage_nic
            auto ci = static_cast<std::size_t>(spec.find_compute(p[1]) - spec.compute.data());
            k.rank = 4;
            k.limit = 16;
            k.set = [ci](spec::Spec& s, int v) { s.compute[ci].storage_nic.ports = v; };
        }
        out.push_back(std::move(k));
    }
    std::stable_sort(out.begin(), out.end(), [](const AutoKnob& a, const AutoKnob& b) { return a.rank < b.rank; });
    return out;
}

// Every requirement met on the routed figures? Returns the first that is not, or "" when all are.
std::string first_unmet(const spec::Spec& spec) {
    auto built = model::build(spec);
    if (!built.graph) return "(the design cannot be built: " + built.diagnostics.items().front().message + ")";
    auto wl = analyse_workloads(spec, *built.graph);
    spec::Spec s = spec;
    s.bandwidth.insert(s.bandwidth.end(), wl.bandwidth.begin(), wl.bandwidth.end());
    s.capacity.insert(s.capacity.end(), wl.capacity.begin(), wl.capacity.end());
    for (const auto& c : wl.checkpoints)
        if (!c.infeasible.empty() || !c.local_problem.empty()) return c.workload->id;
    for (const auto& r : s.capacity)
        if (!analyse_capacity(s, r).met) return r.id;
    std::vector<BandwidthResult> results;
    for (const auto& r : s.bandwidth) {
        results.push_back(analyse_bandwidth(s, *built.graph, r, false));
        if (!results.back().met) return r.id;
    }
    for (const auto& group : s.concurrent)
        if (!analyse_concurrent(*built.graph, group, results).met) return group.id;
    for (const auto& d : wl.data_loading)
        if (d.metadata_modelled && d.opens_per_second > d.open_rate * (1 + 1e-9)) return d.workload->id;
    return {};
}

} // namespace

Sizing size_autos(const spec::Spec& spec) {
    Sizing out{spec, {}, {}};
    if (spec.autos.empty()) return out;
    auto knobs = knobs_of(spec);
    auto& trial = out.spec;
    for (auto& k : knobs)
        if (k.rank == 0) k.limit = 100'000;
    for (auto& k : knobs) k.set(trial, k.rank == 0 ? 1 : k.limit);
    for (auto& k : knobs) {
        // Upward: 1, 2, 4, ... until every requirement is met, then bisect. Going up, not down, keeps
        // clear of values that cannot be wired (too many leaves for the spines) above the answer.
        int lo = 0, hi = 1;
        std::string forced_by, unmet;
        while (true) {
            k.set(trial, hi);
            unmet = first_unmet(trial);
            if (unmet.empty()) break;
            lo = hi;
            forced_by = unmet;
            if (hi == k.limit) break;
            hi = std::min(k.limit, hi * 2);
        }
        if (!unmet.empty()) {
            out.problem =
                fmt::format("no value of {} up to {} meets '{}'; it is left at {}", k.count.knob, k.limit, unmet, k.limit);
            out.sized.push_back({k.count.knob, k.limit, unmet, k.count.loc});
            continue;
        }
        while (hi - lo > 1) {
            int mid = lo + (hi - lo) / 2;
            k.set(trial, mid);
            unmet = first_unmet(trial);
            if (unmet.empty())
                hi = mid;
            else
                lo = mid, forced_by = unmet;
        }
        k.set(trial, hi);
        out.sized.push_back({k.count.knob, hi, forced_by, k.count.loc});
    }
    return out;
}

} // namespace archplan::analysis
