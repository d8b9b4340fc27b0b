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
    int rank = 0;   // sizing order
    int limit = 1;  // upper limit
    std::function<void(spec::Spec&, int)> set;
};

std::vector<std::string> split(const std::string& path) {
    std::vector<std::string> parts;
    std::size_t start = 0;
    for (std::size_t dot; (dot = path.find('.', start)) != std::string::npos; start = dot + 1) parts.push_back(path.substr(start, dot - start));
    parts.push_back(path.substr(start));
    return parts;
}

// Upper limit for servers: enough for every requirement on that system if nothing but the servers limited it.
int server_limit(const spec::Spec& spec, const spec::StorageSystem& s) {
    double per_server_write = std::min(s.limit_write.value(), s.drives.count * s.drives.write.value());
    double per_server_read = std::min(s.limit_read.value(), s.drives.count * s.drives.read.value());
    double need = 1;
    auto amp = write_amplification(s.protection);
    for (const auto& r : spec.bandwidth)
        if (r.to == s.name)
            need = std::max(need, r.bandwidth.value() * (1 + spec.margin) * amp.controller /
                                      (r.direction == spec::Direction::write ? per_server_write : per_server_read));
    for (const auto& r : spec.capacity)
        if (r.on == s.name)
            need = std::max(need, r.usable.value() * (1 + spec.margin) * amp.capacity /
                                      (s.drives.count * s.drives.capacity.value() * s.fill_limit));
    int width = s.protection.is_replication() ? s.protection.replicas : s.protection.k + s.protection.m;
    return std::min(100'000, std::max(width, static_cast<int>(std::ceil(need)) * 4 + 16));
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
                k.limit = 0;  // computed once the other knobs are at their limits
                k.set = [si](spec::Spec& s, int v) { s.storage[si].servers = v; };
            } else if (p.size() == 5) {  // server.drives.count
                k.rank = 1;
                k.limit = 256;
                k.set = [si](spec::Spec& s, int v) { s.storage[si].drives.count = v; };
            } else {  // server.nic
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
        } else {  // compute.<group>.storage_nic
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
    for (const auto& r : s.bandwidth)
        if (!analyse_bandwidth(s, *built.graph, r, false).met) return r.id;
    return {};
}

} // namespace

Sizing size_autos(const spec::Spec& spec) {
    Sizing out{spec, {}, {}};
    if (spec.autos.empty()) return out;
    auto knobs = knobs_of(spec);
    auto& trial = out.spec;
    for (auto& k : knobs)
        if (k.rank != 0) k.set(trial, k.limit);
    for (auto& k : knobs)
        if (k.rank == 0) {
            const auto& name = split(k.count.knob)[1];
            k.limit = server_limit(trial, *trial.find_storage(name));
            k.set(trial, k.limit);
        }
    if (auto unmet = first_unmet(trial); !unmet.empty()) {
        out.problem = fmt::format("even with every auto count at its upper limit, '{}' is not met; the auto counts keep their upper limits",
                                  unmet);
        for (const auto& k : knobs) out.sized.push_back({k.count.knob, k.limit, unmet, k.count.loc});
        return out;
    }
    for (auto& k : knobs) {
        int lo = 0, hi = k.limit;  // meets at hi; lo is "not known to meet"
        std::string forced_by;
        while (hi - lo > 1) {
            int mid = lo + (hi - lo) / 2;
            k.set(trial, mid);
            auto unmet = first_unmet(trial);
            if (unmet.empty()) hi = mid;
            else lo = mid, forced_by = unmet;
        }
        k.set(trial, hi);
        out.sized.push_back({k.count.knob, hi, forced_by, k.count.loc});
    }
    return out;
}

} // namespace archplan::analysis
