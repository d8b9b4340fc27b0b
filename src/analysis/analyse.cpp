// Runs every analysis the spec asks for, and gives the one verdict on the result.
#include "archplan/analysis/analysis.hpp"

#include "archplan/analysis/scenario.hpp"

#include <chrono>
#include <set>

namespace archplan::analysis {

spec::Spec with_workload_requirements(const spec::Spec& spec, const WorkloadAnalysis& workloads) {
    spec::Spec s = spec;
    s.bandwidth.insert(s.bandwidth.end(), workloads.bandwidth.begin(), workloads.bandwidth.end());
    s.capacity.insert(s.capacity.end(), workloads.capacity.begin(), workloads.capacity.end());
    return s;
}

std::vector<std::string> unmet(const Analysis& a) {
    const auto& s = a.effective;
    std::vector<std::string> out;
    for (const auto& w : a.workloads.checkpoints)
        if (!w.infeasible.empty() || !w.local_problem.empty()) out.push_back(s.workloads[w.workload].id);
    for (const auto& c : a.capacity)
        if (!c.met) out.push_back(s.capacity[c.requirement].id);
    for (const auto& b : a.bandwidth)
        if (!b.met) out.push_back(s.bandwidth[b.requirement].id);
    for (const auto& c : a.concurrent)
        if (!c.met) out.push_back(s.concurrent[c.group].id);
    for (const auto& d : a.workloads.data_loading)
        if (d.metadata_modelled && !meets(d.open_rate, d.opens_per_second)) out.push_back(s.workloads[d.workload].id);
    for (const auto& p : a.capacity_plans)
        if (!p.met) out.push_back(s.storage[p.storage].name + "-capacity-plan");
    for (const auto& d : a.durability_checks)
        if (!d.met) out.push_back(s.durability[d.requirement].id);
    // A tenant whose floor does not fit in normal operation, or whose ceiling is below its own requirements.
    if (!a.tenants.scenarios.empty())
        for (std::size_t i = 0; i < a.tenants.flows.size(); ++i) {
            const auto& f = a.tenants.flows[i];
            bool capped = f.ceiling && !meets(*f.ceiling, f.demand);
            if (!a.tenants.scenarios.front().checks[i].holds || capped) out.push_back("tenant-" + f.label);
        }
    for (const auto& [t, id] : a.tenants.missing) out.push_back("tenant-" + s.tenants[t].name);
    return out;
}

std::string first_unmet(const spec::Spec& spec) {
    auto built = model::build(spec);
    if (!built.graph) return "(the design cannot be built: " + built.diagnostics.items().front().message + ")";
    auto a = analyse(spec, *built.graph, AnalyseOptions{false, false, false});
    auto missing = unmet(a);
    return missing.empty() ? std::string() : missing.front();
}

BandwidthResult analyse_bandwidth(const spec::Spec& spec, const model::SystemGraph& g, std::size_t index, bool with_ideal) {
    const auto& req = spec.bandwidth[index];
    BandwidthResult r;
    r.requirement = index;
    r.required = req.bandwidth * (1.0 + spec.margin);
    r.amp =
        req.direction == spec::Direction::write ? write_amplification(spec.find_storage(req.to)->protection) : Amplification{};
    r.routed = route(spec, g, req, r.required);
    if (with_ideal) r.ideal = ideal(spec, g, req, r.required, r.routed);
    r.met = meets(r.routed.achievable.value(), r.required.value());
    return r;
}

Analysis analyse(const spec::Spec& spec, const model::SystemGraph& g, const AnalyseOptions& options) {
    Analysis a;
    auto t0 = std::chrono::steady_clock::now();
    auto lap = [&](const char* phase) {
        auto t = std::chrono::steady_clock::now();
        a.seconds.emplace_back(phase, std::chrono::duration<double>(t - t0).count());
        t0 = t;
    };
    a.workloads = analyse_workloads(spec, g);
    a.effective = with_workload_requirements(spec, a.workloads);
    const auto& s = a.effective;
    lap("workloads");
    // Per-edge loads are kept only for the requirements a concurrent group adds up: memory grows with requirements
    // plus edges, not their product (10,000 requirements on a 10,000-edge graph would hold 1.6 GB).
    std::set<std::string> concurrent_members;
    for (const auto& c : s.concurrent) concurrent_members.insert(c.requirements.begin(), c.requirements.end());
    for (std::size_t i = 0; i < s.bandwidth.size(); ++i) {
        a.bandwidth.push_back(analyse_bandwidth(s, g, i, options.ideal));
        if (!concurrent_members.count(s.bandwidth[i].id)) a.bandwidth.back().routed.release_edge_loads();
    }
    lap(options.ideal ? "bandwidth (routed and ideal)" : "bandwidth (routed)");
    for (std::size_t i = 0; i < s.capacity.size(); ++i) a.capacity.push_back(analyse_capacity(s, i));
    for (std::size_t i = 0; i < s.concurrent.size(); ++i) a.concurrent.push_back(analyse_concurrent(s, g, i, a.bandwidth));
    a.capacity_plans = plan_capacity(s, g, a.bandwidth);
    lap("capacity, concurrency");
    if (options.scenarios) {
        a.scenarios = analyse_scenarios(s, g, a.bandwidth);
        lap("failure scenarios");
    }
    if (!s.tenants.empty()) {
        std::vector<spec::Scenario> scenarios;
        for (const auto& sc : a.scenarios) scenarios.push_back(sc.scenario);
        a.tenants = analyse_tenants(s, g, a.bandwidth, scenarios);
        lap("tenants");
    }
    for (const auto& st : s.storage)
        if (st.drives.reliability_given()) a.durability.push_back(analyse_durability(s, st));
    for (std::size_t i = 0; i < s.durability.size(); ++i) a.durability_checks.push_back(check_durability(s, i));
    if (options.fixes) a.fixes = find_fixes(spec, a);
    lap(options.fixes ? "durability, smallest changes" : "durability");
    return a;
}

} // namespace archplan::analysis
