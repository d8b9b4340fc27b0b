// The knob table (see knobs.hpp): paths, meanings, bounds and the accessors of each knob.
#include "archplan/spec/knobs.hpp"

#include <algorithm>
#include <cmath>
#include <fmt/format.h>

namespace archplan::spec {

namespace {
// The loader's bounds (load.cpp): the explicit graph stays in memory.
constexpr double k_max_servers = 100'000;
constexpr double k_max_drives = 10'000;
constexpr double k_max_nic_ports = 64;
constexpr double k_max_leaf_ports = 4096;
constexpr double k_max_parity = 16;
constexpr double k_max_replicas = 8;
constexpr double k_max_data = 64;

int parity_of(const Protection& p) { return p.tolerated(); }

Knob make(KnobKind kind, std::string what, std::string unit, double lo, double hi, std::size_t owner, std::string_view owner_name,
          std::size_t shape = 0, std::string_view shape_name = {}) {
    Knob k;
    k.kind = kind;
    k.path = knob_path(kind, owner_name, shape_name);
    k.what = std::move(what);
    k.unit = std::move(unit);
    k.lo = lo;
    k.hi = hi;
    k.owner = owner;
    k.shape = shape;
    return k;
}
} // namespace

std::string knob_path(KnobKind kind, std::string_view owner, std::string_view shape) {
    switch (kind) {
    case KnobKind::storage_servers: return fmt::format("storage.{}.servers", owner);
    case KnobKind::drives_per_server: return fmt::format("storage.{}.server.drives.count", owner);
    case KnobKind::server_nic_ports: return fmt::format("storage.{}.server.nic", owner);
    case KnobKind::leaf_uplinks: return fmt::format("network.{}.leaves.{}.up", owner, shape);
    case KnobKind::compute_nic_ports: return fmt::format("compute.{}.storage_nic", owner);
    case KnobKind::aggregation_uplinks: return fmt::format("network.{}.aggregation.up", owner);
    case KnobKind::protection_parity: return fmt::format("storage.{}.protection.parity", owner);
    case KnobKind::rebuild_share: return fmt::format("storage.{}.rebuild.share", owner);
    case KnobKind::protection_data: return fmt::format("storage.{}.protection.data", owner);
    }
    return {};
}

double Knob::get(const Spec& spec) const {
    switch (kind) {
    case KnobKind::storage_servers: return spec.storage[owner].servers;
    case KnobKind::drives_per_server: return spec.storage[owner].drives.count;
    case KnobKind::server_nic_ports: return spec.storage[owner].nic.ports;
    case KnobKind::leaf_uplinks: return spec.networks[owner].leaves[shape].up;
    case KnobKind::compute_nic_ports: return spec.compute[owner].storage_nic.ports;
    case KnobKind::aggregation_uplinks: return spec.networks[owner].agg_up;
    case KnobKind::protection_parity: return parity_of(spec.storage[owner].protection);
    case KnobKind::rebuild_share: return spec.storage[owner].rebuild.share;
    case KnobKind::protection_data: return spec.storage[owner].protection.k;
    }
    return 0;
}

int Knob::settable(const Spec& spec, int value) const {
    // Failover pairs come whole.
    if (kind == KnobKind::storage_servers && spec.storage[owner].ha.pairs() && value % 2 != 0) return value + 1;
    return value;
}

void Knob::set(Spec& spec, double value) const {
    int n = settable(spec, static_cast<int>(std::lround(value)));
    switch (kind) {
    case KnobKind::storage_servers: spec.storage[owner].servers = n; break;
    case KnobKind::drives_per_server: spec.storage[owner].drives.count = n; break;
    case KnobKind::server_nic_ports: spec.storage[owner].nic.ports = n; break;
    case KnobKind::leaf_uplinks: spec.networks[owner].leaves[shape].up = n; break;
    case KnobKind::compute_nic_ports: spec.compute[owner].storage_nic.ports = n; break;
    case KnobKind::aggregation_uplinks: spec.networks[owner].agg_up = n; break;
    case KnobKind::protection_parity: {
        auto& p = spec.storage[owner].protection;
        if (p.is_replication())
            p.replicas = n + 1;
        else
            p.m = n;
        break;
    }
    case KnobKind::rebuild_share: spec.storage[owner].rebuild.share = value; break;
    case KnobKind::protection_data: spec.storage[owner].protection.k = n; break;
    }
}

std::vector<Knob> knobs(const Spec& spec) {
    std::vector<Knob> out;
    for (std::size_t i = 0; i < spec.storage.size(); ++i) {
        const auto& s = spec.storage[i];
        auto of = [&](const char* what) { return fmt::format("{} of '{}'", what, s.name); };
        out.push_back(make(KnobKind::storage_servers, of("servers"), "servers", 1, k_max_servers, i, s.name));
        out.push_back(make(KnobKind::drives_per_server, of("drives per server"), "drives", 1, k_max_drives, i, s.name));
        out.push_back(make(KnobKind::server_nic_ports, of("NIC ports per server"), "ports", 1, k_max_nic_ports, i, s.name));
        // Parity below 1 protects nothing; above the loader's bounds (m <= 16, replicas <= 8) no product offers it.
        double max_parity = s.protection.is_replication() ? k_max_replicas - 1 : k_max_parity;
        out.push_back(make(KnobKind::protection_parity, "parity chunks (or replicas - 1)", "chunks", 1, max_parity, i, s.name));
        out.push_back(make(KnobKind::rebuild_share, of("rebuild share"), "share", 0.01, 1, i, s.name));
        if (!s.protection.is_replication()) // k of k+m: an erasure code only
            out.push_back(make(KnobKind::protection_data, of("data chunks (k of k+m)"), "chunks", 1, k_max_data, i, s.name));
    }
    for (std::size_t i = 0; i < spec.compute.size(); ++i) {
        const auto& c = spec.compute[i];
        out.push_back(make(KnobKind::compute_nic_ports, fmt::format("storage NIC ports per node of '{}'", c.name), "ports", 1,
                           k_max_nic_ports, i, c.name));
    }
    for (std::size_t i = 0; i < spec.networks.size(); ++i) {
        const auto& net = spec.networks[i];
        // Without a radix, no more uplinks than down ports (no taper below 1:1).
        auto wiring_limit = [&](int down) { return net.radix > 0 ? net.radix - down : std::min<double>(down, k_max_leaf_ports); };
        for (std::size_t l = 0; l < net.leaves.size() && net.tiers > 1; ++l) { // a single switch has no uplinks
            const auto& shape = net.leaves[l];
            out.push_back(make(KnobKind::leaf_uplinks, fmt::format("uplinks per '{}' leaf of '{}'", shape.group, net.name),
                               "uplinks", 1, wiring_limit(shape.down), i, net.name, l, shape.group));
        }
        if (net.tiers == 3)
            out.push_back(make(KnobKind::aggregation_uplinks, fmt::format("uplinks per aggregation switch of '{}'", net.name),
                               "uplinks", 1, wiring_limit(net.agg_down), i, net.name));
    }
    return out;
}

KnobLookup find_knob(const Spec& spec, std::string_view path) {
    auto all = knobs(spec);
    std::vector<std::string> paths;
    for (const auto& k : all) {
        if (k.path == path) return {k, {}};
        paths.push_back(k.path);
    }
    return {std::nullopt, nearest(std::string(path), paths)};
}

Spec with_variant(const Spec& base, const Variant& v) {
    Spec out = base;
    out.variants.clear();
    for (const auto& o : v.set) {
        auto k = find_knob(out, o.path);
        if (!k.knob) continue; // the loader accepts only paths of the table
        k.knob->set(out, o.value);
        out.autos.erase(std::remove_if(out.autos.begin(), out.autos.end(), [&](const AutoCount& a) { return a.knob == o.path; }),
                        out.autos.end());
    }
    return out;
}

} // namespace archplan::spec
