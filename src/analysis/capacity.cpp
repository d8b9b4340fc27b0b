// Capacity: raw -> protection -> spares -> file-system reserve -> fill limit (docs/models.md, capacity; [32] in
// docs/references.md), per requirement and for everything that must fit on a storage system together.
#include "archplan/analysis/analysis.hpp"

#include <algorithm>
#include <cassert>
#include <cmath>

namespace archplan::analysis {

CapacityStages capacity_stages(const spec::StorageSystem& s, double servers) {
    CapacityStages c;
    auto amp = write_amplification(s.protection);
    c.raw = Bytes(servers * s.drives.count * s.drives.capacity.value());
    c.after_protection = Bytes(c.raw.value() / amp.capacity);
    c.after_spares = Bytes(c.after_protection.value() * (1.0 - s.spares));
    c.usable = Bytes(c.after_spares.value() * (1.0 - s.reserve));
    c.plannable = Bytes(c.usable.value() * s.fill_limit);
    return c;
}

namespace {
// A relative tolerance keeps exact fits (10 servers for exactly 10 servers' worth) from rounding up.
// A double: the count can exceed any int (50 PB on 1 MB drives), and the report must say so, not wrap around.
double servers_for(double required, double per_server) { return std::ceil(required / per_server * (1.0 - k_ceil_tol)); }
} // namespace

CapacityResult analyse_capacity(const spec::Spec& spec, std::size_t index) {
    const auto& req = spec.capacity[index];
    const auto* storage = spec.find_storage(req.on);
    assert(storage);
    CapacityResult r;
    r.requirement = index;
    r.storage = static_cast<std::size_t>(storage - spec.storage.data());
    const auto& s = *storage;
    auto c = capacity_stages(s, s.servers);
    r.raw = c.raw;
    r.protected_bytes = c.after_protection;
    r.plannable = c.plannable;
    r.required = req.usable * (1.0 + spec.margin);
    r.servers_needed = servers_for(r.required.value(), capacity_stages(s, 1).plannable.value());
    r.met = r.plannable.value() >= r.required.value() * (1.0 - k_ceil_tol);
    return r;
}

spec::StorageSystem capacity_tier_template(const spec::StorageSystem& s) {
    spec::StorageSystem t = s;
    t.name = s.name + "-capacity-tier";
    t.drives.count = 84;
    t.drives.capacity = Bytes(24e12);
    t.protection = spec::Protection{};
    t.protection.k = 8;
    t.protection.m = 2;
    t.protection.where = spec::ProtectionWhere::server;
    return t;
}

std::vector<CapacityPlan> plan_capacity(const spec::Spec& spec, const model::SystemGraph& g,
                                        const std::vector<BandwidthResult>& bandwidth) {
    std::vector<CapacityPlan> plans;
    for (std::size_t si = 0; si < spec.storage.size(); ++si) {
        const auto& s = spec.storage[si];
        CapacityPlan p;
        p.storage = si;
        for (const auto& r : spec.capacity)
            if (r.on == s.name) p.items.emplace_back(r.id, r.usable * (1.0 + spec.margin));
        if (p.items.empty()) continue;
        for (const auto& item : p.items) p.total += item.second;
        p.stages = capacity_stages(s, s.servers);
        p.met = p.stages.plannable.value() >= p.total.value() * (1.0 - k_ceil_tol);
        p.servers_for_capacity = servers_for(p.total.value(), capacity_stages(s, 1).plannable.value());
        // Per-server stages (server NIC, controller, drives) carry load / servers under uniform striping,
        // so servers x utilisation is the count they need; fabric limits are not the servers' to fix.
        for (const auto& b : bandwidth) {
            const auto& req = spec.bandwidth[b.requirement];
            if (req.to != s.name) continue;
            for (const auto& c : b.routed.classes) {
                const auto& ec = g.classes()[c.cls];
                if (ec.team != model::Team::storage || ec.group != s.name) continue;
                double n = std::ceil(s.servers * c.utilisation * (1.0 - k_ceil_tol));
                if (n > p.servers_for_bandwidth) {
                    p.servers_for_bandwidth = n;
                    p.bandwidth_class = ec.name;
                    p.bandwidth_requirement = req.id;
                    p.bandwidth_utilisation = c.utilisation;
                }
            }
        }
        // Protection across servers needs a server per chunk or copy.
        int width = s.protection.width();
        if (s.protection.where != spec::ProtectionWhere::server && p.servers_for_bandwidth > 0)
            p.servers_for_bandwidth = std::max(p.servers_for_bandwidth, static_cast<double>(width));
        p.capacity_bound = p.servers_for_capacity > p.servers_for_bandwidth;
        // A tier of disk servers is the answer for flash systems (drives of 1 GB/s or more) that capacity outgrows.
        if (p.capacity_bound && p.servers_for_bandwidth > 0 && s.drives.read.value() >= 1e9) {
            double on_fast = capacity_stages(s, p.servers_for_bandwidth).plannable.value();
            auto tier = capacity_tier_template(s);
            p.tier_plannable_per_server = capacity_stages(tier, 1).plannable;
            p.tier_servers = servers_for(std::max(0.0, p.total.value() - on_fast), p.tier_plannable_per_server.value());
        }
        if (s.rebuild.mode == spec::Rebuild::Mode::declustered) {
            double all = static_cast<double>(s.servers) * s.drives.count;
            p.spare_pool_drives = s.protection.where == spec::ProtectionWhere::server ? s.drives.count
                                  : s.rebuild.width > 0                               ? std::min<double>(s.rebuild.width + 1, all)
                                                                                      : all;
            p.spares_needed = 1.0 / p.spare_pool_drives;
        }
        plans.push_back(p);
    }
    return plans;
}

} // namespace archplan::analysis
