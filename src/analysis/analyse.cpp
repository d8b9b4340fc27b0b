// Runs every analysis the spec asks for.
#include "archplan/analysis/analysis.hpp"

#include "archplan/analysis/scenario.hpp"

#include <chrono>

namespace archplan::analysis {

bool Analysis::all_met() const {
    for (const auto& b : bandwidth)
        if (!b.met) return false;
    for (const auto& c : capacity)
        if (!c.met) return false;
    for (const auto& c : concurrent)
        if (!c.met) return false;
    for (const auto& p : capacity_plans)
        if (!p.met) return false;
    for (const auto& d : durability_checks)
        if (!d.met) return false;
    for (const auto& w : workloads.checkpoints)
        if (!w.infeasible.empty() || !w.local_problem.empty()) return false;
    for (const auto& d : workloads.data_loading)
        if (d.metadata_modelled && d.opens_per_second > d.open_rate * (1 + 1e-9)) return false;
    return sizing_problem.empty();
}

BandwidthResult analyse_bandwidth(const spec::Spec& spec, const model::SystemGraph& g, const spec::BandwidthRequirement& req,
                                  bool with_ideal) {
    BandwidthResult r;
    r.req = &req;
    r.required = req.bandwidth * (1.0 + spec.margin);
    r.amp =
        req.direction == spec::Direction::write ? write_amplification(spec.find_storage(req.to)->protection) : Amplification{};
    r.routed = route(spec, g, req, r.required);
    if (with_ideal) r.ideal = ideal(spec, g, req, r.required, r.routed);
    // A relative tolerance keeps an exact fit from failing on rounding.
    r.met = r.routed.achievable.value() >= r.required.value() * (1.0 - 1e-9);
    return r;
}

Analysis analyse(const spec::Spec& spec, const model::SystemGraph& g) {
    Analysis a;
    auto t0 = std::chrono::steady_clock::now();
    auto lap = [&](const char* phase) {
        auto t = std::chrono::steady_clock::now();
        a.seconds.emplace_back(phase, std::chrono::duration<double>(t - t0).count());
        t0 = t;
    };
    a.workloads = analyse_workloads(spec, g);
    auto effective = std::make_shared<spec::Spec>(spec);
    effective->bandwidth.insert(effective->bandwidth.end(), a.workloads.bandwidth.begin(), a.workloads.bandwidth.end());
    effective->capacity.insert(effective->capacity.end(), a.workloads.capacity.begin(), a.workloads.capacity.end());
    // Workload results point into `spec`; re-point them at the effective copy that the analysis keeps.
    for (auto& c : a.workloads.checkpoints)
        c.workload = &effective->workloads[static_cast<std::size_t>(c.workload - spec.workloads.data())];
    for (auto& d : a.workloads.data_loading)
        d.workload = &effective->workloads[static_cast<std::size_t>(d.workload - spec.workloads.data())];
    a.effective = effective;
    const auto& s = *effective;
    lap("workloads");
    for (const auto& req : s.bandwidth) a.bandwidth.push_back(analyse_bandwidth(s, g, req));
    lap("bandwidth (routed and ideal)");
    for (const auto& req : s.capacity) a.capacity.push_back(analyse_capacity(s, req));
    for (const auto& group : s.concurrent) a.concurrent.push_back(analyse_concurrent(g, group, a.bandwidth));
    a.capacity_plans = plan_capacity(s, g, a.bandwidth);
    lap("capacity, concurrency");
    a.scenarios = analyse_scenarios(s, g, a.bandwidth);
    lap("failure scenarios");
    for (const auto& st : s.storage)
        if (st.drives.reliability_given()) a.durability.push_back(analyse_durability(s, st));
    for (const auto& req : s.durability) a.durability_checks.push_back(check_durability(s, req));
    a.fixes = find_fixes(s, a.bandwidth, a.capacity);
    lap("durability, smallest changes");
    return a;
}

} // namespace archplan::analysis
