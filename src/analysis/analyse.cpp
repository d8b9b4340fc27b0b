// Runs every analysis the spec asks for.
#include "archplan/analysis/analysis.hpp"

namespace archplan::analysis {

bool Analysis::all_met() const {
    for (const auto& b : bandwidth)
        if (!b.met) return false;
    for (const auto& c : capacity)
        if (!c.met) return false;
    return true;
}

BandwidthResult analyse_bandwidth(const spec::Spec& spec, const model::SystemGraph& g,
                                  const spec::BandwidthRequirement& req, bool with_ideal) {
    BandwidthResult r;
    r.req = &req;
    r.required = req.bandwidth * (1.0 + spec.margin);
    r.amp = req.direction == spec::Direction::write ? write_amplification(spec.find_storage(req.to)->protection)
                                                    : Amplification{};
    r.routed = route(spec, g, req, r.required);
    if (with_ideal) r.ideal = ideal(spec, g, req, r.required, r.routed);
    // A relative tolerance keeps an exact fit from failing on rounding.
    r.met = r.routed.achievable.value() >= r.required.value() * (1.0 - 1e-9);
    return r;
}

Analysis analyse(const spec::Spec& spec, const model::SystemGraph& g) {
    Analysis a;
    for (const auto& req : spec.bandwidth) a.bandwidth.push_back(analyse_bandwidth(spec, g, req));
    for (const auto& req : spec.capacity) a.capacity.push_back(analyse_capacity(spec, req));
    a.fixes = find_fixes(spec, a.bandwidth, a.capacity);
    return a;
}

} // namespace archplan::analysis
