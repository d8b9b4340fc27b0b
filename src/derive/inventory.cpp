// The bill of materials: switches, links, cables and optics per network; nodes and NIC ports per compute
// group; servers, NIC ports, drives and shared enclosures per storage system; each with how it was counted.
#include "derive_internal.hpp"

#include "archplan/analysis/analysis.hpp"

#include <algorithm>
#include <fmt/format.h>

namespace archplan::derive {

using units::format_count;

namespace {

struct Bom {
    std::vector<document::InventoryItem>& out;
    Team team;
    std::string owner;

    document::InventoryItem& add(const std::string& item, const std::string& qualifier, std::string kind, double count,
                                 std::string how) {
        document::InventoryItem i;
        i.key = fmt::format("inventory/{}/{}/{}", document::team_name(team), document::key_part(owner),
                            document::key_part(qualifier.empty() ? item : item + "-" + qualifier));
        i.team = team;
        i.owner = owner;
        i.item = item;
        i.kind = std::move(kind);
        i.count = count;
        i.how = std::move(how);
        out.push_back(std::move(i));
        return out.back();
    }
};

// Ports per switch: the radix when the spec gives one, else what the shape uses.
int switch_ports(const spec::Network& net, int used) { return net.radix > 0 ? net.radix : used; }

std::string free_text(const spec::Network& net, int used) {
    return net.radix > 0 ? fmt::format(", {} of {} ports used, {} free", used, net.radix, net.radix - used)
                         : fmt::format(", {} ports used (no radix given)", used);
}

// Where a leaf sits: in its endpoints' rack when its host ports take at most one rack of them (top of rack),
// else it serves several racks. Without a rack size the reach is not known and archplan counts the
// costlier, cross-rack cable.
struct Reach {
    bool in_rack = false;
    std::string why;
};

Reach endpoint_reach(int per_rack, int nic_ports, const spec::LeafShape& shape) {
    if (per_rack <= 0)
        return {false, fmt::format("'{}' gives no per_rack, so the reach is not known: counted as between racks", shape.group)};
    long rack_ports = static_cast<long>(per_rack) * nic_ports;
    if (shape.host_ports() <= rack_ports)
        return {true, fmt::format("a leaf's {} host ports take at most one rack of '{}' ({} x {} ports): top of rack",
                                  shape.host_ports(), shape.group, per_rack, nic_ports)};
    return {false, fmt::format("a leaf's {} host ports take more than one rack of '{}' ({} x {} ports): it serves several racks",
                               shape.host_ports(), shape.group, per_rack, nic_ports)};
}

std::string members_text(const spec::LeafShape& shape) {
    std::string out;
    for (const auto& m : shape.members) out += fmt::format("{}{} '{}'", out.empty() ? "" : ", ", m.down, m.group);
    return out;
}

void network_bom(const spec::Spec& spec, const model::FabricSummary& fab, std::vector<document::InventoryItem>& out) {
    const auto& net = *spec.find_network(fab.name);
    Bom b{out, Team::network, net.name};
    long optics = 0;
    for (std::size_t i = 0; i < net.leaves.size(); ++i) {
        const auto& shape = net.leaves[i];
        int used = fab.leaf_down_used[i] + shape.up + (fab.dragonfly ? fab.switches_per_group - 1 + fab.global_per_switch : 0);
        auto& leaf = b.add(fab.tiers == 1 ? "switch" : "leaf switch", shape.group,
                           fab.dragonfly    ? fmt::format("dragonfly switches with '{}' endpoints", shape.group)
                           : fab.tiers == 1 ? fmt::format("the one switch ({})", members_text(shape))
                           : shape.mixed()  ? fmt::format("'{}' leaves (mixed: {})", shape.group, members_text(shape))
                                            : fmt::format("'{}' leaves", shape.group),
                           fab.leaves_per_shape[i],
                           fmt::format("ceil({} host ports / {}) = {}{}", format_count(static_cast<double>(fab.host_links[i])),
                                       shape.breakout > 1 ? fmt::format("({} down x {} breakout)", shape.down, shape.breakout)
                                                          : fmt::format("{} down", shape.down),
                                       format_count(fab.leaves_per_shape[i]), free_text(net, used)));
        leaf.ports = switch_ports(net, used);
        leaf.ports_used = used;
        // Endpoint cables, per group on the shape: copper in the rack, active optical between racks; a breakout
        // cable serves `breakout` host ports from one switch port.
        for (const auto& m : shape.members) {
            const auto* compute = spec.find_compute(m.group);
            const auto* storage = spec.find_storage(m.group);
            int per_rack = compute ? compute->per_rack : storage ? storage->per_rack : 0;
            int nic_ports = spec.nic_on(m.group, net.name)->ports;
            long hosts = static_cast<long>(spec.endpoints_of(m.group)) * nic_ports;
            auto reach = shape.mixed() ? Reach{false, fmt::format("a mixed leaf serves several groups, so its cables to '{}' "
                                                                  "are counted as between racks",
                                                                  m.group)}
                                       : endpoint_reach(per_rack, nic_ports, shape);
            long cables = (hosts + shape.breakout - 1) / shape.breakout;
            std::string kind = reach.in_rack ? "DAC copper, in the rack" : "active optical (AOC), between racks";
            if (shape.breakout > 1) kind += fmt::format(", 1 to {} breakout", shape.breakout);
            b.add("endpoint cable", m.group, kind, static_cast<double>(cables),
                  shape.breakout > 1
                      ? fmt::format("{} host ports / {} per breakout cable = {}; {}", format_count(static_cast<double>(hosts)),
                                    shape.breakout, format_count(static_cast<double>(cables)), reach.why)
                      : fmt::format("one per host port of '{}': {}; {}", m.group, format_count(static_cast<double>(hosts)),
                                    reach.why));
        }
    }
    std::string rate = bits(net.link.value());
    auto inter_switch = [&](const std::string& qualifier, const std::string& what, long links, const std::string& how) {
        b.add("switch-to-switch link", qualifier, fmt::format("{}, {} optical, between racks", what, rate),
              static_cast<double>(links), how);
        optics += 2 * links;
    };
    // "128 leaves x 16 up + 13 leaves x 32 up = 2,464"
    auto leaf_uplinks = [&] {
        std::string sum;
        for (std::size_t i = 0; i < net.leaves.size(); ++i)
            sum += fmt::format("{}{} x {} up", i ? " + " : "", count_of(fab.leaves_per_shape[i], "leaf", "leaves"),
                               net.leaves[i].up);
        return fmt::format("{} = {}", sum, format_count(static_cast<double>(fab.leaf_up_links)));
    };
    if (fab.dragonfly) {
        int transit = fab.groups * fab.switches_per_group;
        for (auto n : fab.leaves_per_shape) transit -= n;
        if (transit > 0)
            b.add("switch", "transit", "dragonfly switches with no endpoints", transit,
                  fmt::format("{} groups x {} switches = {}, less the {} holding endpoints", fab.groups, fab.switches_per_group,
                              fab.groups * fab.switches_per_group, fab.groups * fab.switches_per_group - transit));
        b.add("switch-to-switch link", "local", fmt::format("dragonfly local link, {} copper, inside a group", rate),
              static_cast<double>(fab.local_links),
              fmt::format("{} groups x C({}, 2) switch pairs = {} (all-to-all inside each group)", fab.groups,
                          fab.switches_per_group, format_count(static_cast<double>(fab.local_links))));
        inter_switch("global", "dragonfly global link", fab.global_links,
                     fmt::format("C({}, 2) group pairs x {} links each ({} switches x {} global ports / {} other groups) = {}",
                                 fab.groups, fab.links_per_group_pair, fab.switches_per_group, fab.global_per_switch,
                                 fab.groups - 1, format_count(static_cast<double>(fab.global_links))));
    } else if (fab.tiers == 1) {
        // One switch: nothing above it.
    } else if (fab.tiers == 2) {
        auto& sp = b.add("spine switch", "", "spines", fab.spines,
                         fmt::format("{} spines{}", format_count(fab.spines), free_text(net, fab.max_spine_ports_used)));
        sp.ports = net.radix > 0 ? net.radix : net.spine_ports;
        sp.ports_used = fab.max_spine_ports_used;
        inter_switch("leaf-spine", "leaf to spine", fab.leaf_up_links, leaf_uplinks());
    } else {
        int agg_used = fab.max_agg_down_used + net.agg_up;
        auto& agg = b.add("aggregation switch", "", "aggregation switches", fab.aggregations,
                          fmt::format("{} pods x {} per pod = {}{}", format_count(fab.pods),
                                      fab.pods > 0 ? fab.aggregations / fab.pods : 0, format_count(fab.aggregations),
                                      free_text(net, agg_used)));
        agg.ports = switch_ports(net, net.agg_down + net.agg_up);
        agg.ports_used = agg_used;
        auto& core = b.add("core switch", "", "core switches", fab.cores,
                           fmt::format("{} core switches{}", format_count(fab.cores), free_text(net, fab.max_spine_ports_used)));
        core.ports = net.radix > 0 ? net.radix : net.core_ports;
        core.ports_used = fab.max_spine_ports_used;
        inter_switch("leaf-aggregation", "leaf to aggregation", fab.leaf_up_links, leaf_uplinks());
        inter_switch("aggregation-core", "aggregation to core", fab.agg_up_links,
                     fmt::format("{} aggregation switches x {} up = {}", format_count(fab.aggregations), net.agg_up,
                                 format_count(static_cast<double>(fab.agg_up_links))));
    }
    if (optics == 0) return;
    b.add("transceiver", "", fmt::format("{} optical module", rate), static_cast<double>(optics),
          fab.dragonfly
              ? fmt::format("2 per global link (one at each end) = {}; local links are copper inside a group",
                            format_count(static_cast<double>(optics)))
              : fmt::format("2 per switch-to-switch link (one at each end) = {}; every link above the leaves crosses racks",
                            format_count(static_cast<double>(optics))));
}

} // namespace

void derive_inventory(const spec::Spec& spec, const model::SystemGraph& g, document::Report& rep) {
    auto& out = rep.inventory;
    for (const auto& cg : spec.compute) {
        Bom b{out, Team::compute, cg.name};
        b.add("node", "", "compute node", cg.count, "given");
        b.add("storage NIC port", "", bits(cg.storage_nic.rate.value()), static_cast<double>(cg.count) * cg.storage_nic.ports,
              fmt::format("{} x {}", count_of(cg.count, "node", "nodes"), count_of(cg.storage_nic.ports, "port", "ports")));
    }
    for (const auto& fab : g.fabrics()) network_bom(spec, fab, out);
    for (const auto& r : spec.routers) {
        Bom b{out, Team::network, r.name};
        b.add("router", "", fmt::format("forwarding {} each way", units::format_rate_exact(r.limit)), r.count, "given");
        for (const auto& [net, nic] : r.nics)
            b.add("router NIC port", net, fmt::format("{} on '{}'", bits(nic.rate.value()), net),
                  static_cast<double>(r.count) * nic.ports,
                  fmt::format("{} x {}", count_of(r.count, "router", "routers"), count_of(nic.ports, "port", "ports")));
    }
    for (const auto& s : spec.storage) {
        Bom b{out, Team::storage, s.name};
        b.add("server", "", analysis::protection_label(s.protection), s.servers,
              s.ha.pairs() ? fmt::format("given: {} failover pairs", format_count(s.servers / 2)) : std::string("given"));
        b.add("server NIC port", "", bits(s.nic.rate.value()), static_cast<double>(s.servers) * s.nic.ports,
              fmt::format("{} x {}", count_of(s.servers, "server", "servers"), count_of(s.nic.ports, "port", "ports")));
        if (s.cluster)
            b.add("server NIC port", "cluster",
                  fmt::format("{} on the cluster network '{}'", bits(s.cluster->nic.rate.value()), s.cluster->network),
                  static_cast<double>(s.servers) * s.cluster->nic.ports,
                  fmt::format("{} x {}", count_of(s.servers, "server", "servers"),
                              count_of(s.cluster->nic.ports, "port", "ports")));
        double drives = static_cast<double>(s.servers) * s.drives.count;
        b.add("drive", "",
              fmt::format("{}{}", units::format_size_exact(s.drives.capacity),
                          s.drives.kind == spec::Drives::Kind::hdd     ? ", hdd"
                          : s.drives.kind == spec::Drives::Kind::flash ? ", flash"
                                                                       : ""),
              drives,
              fmt::format("{} servers x {} drives = {} ({} raw)", format_count(s.servers), s.drives.count, format_count(drives),
                          size(drives * s.drives.capacity.value())));
        if (s.ha.pairs())
            b.add("shared enclosure", "", "dual-ported, cabled to both servers of a pair", s.servers / 2.0,
                  fmt::format("one per failover pair: {} servers / 2", format_count(s.servers)));
    }
}

} // namespace archplan::derive
