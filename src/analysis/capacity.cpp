// Capacity: raw -> after protection -> after the fill limit, against the usable requirement (reference §5.1).
#include "archplan/analysis/analysis.hpp"

#include <cmath>

namespace archplan::analysis {

CapacityResult analyse_capacity(const spec::Spec& spec, const spec::CapacityRequirement& req) {
    CapacityResult r;
    r.req = &req;
    r.storage = spec.find_storage(req.on);
    const auto& s = *r.storage;
    auto amp = write_amplification(s.protection);
    double per_server_raw = s.drives.count * s.drives.capacity.value();
    double per_server_plannable = per_server_raw / amp.capacity * s.fill_limit;
    r.raw = Bytes(per_server_raw * s.servers);
    r.protected_bytes = Bytes(r.raw.value() / amp.capacity);
    r.plannable = Bytes(r.protected_bytes.value() * s.fill_limit);
    r.required = req.usable * (1.0 + spec.margin);
    // A relative tolerance keeps exact fits (e.g. 10 servers for exactly 10 servers' worth) from rounding up.
    r.servers_needed = static_cast<int>(std::ceil(r.required.value() / per_server_plannable * (1.0 - 1e-12)));
    r.met = r.plannable.value() >= r.required.value() * (1.0 - 1e-12);
    return r;
}

} // namespace archplan::analysis
