// Failure scenarios (see scenario.hpp).
#include "archplan/analysis/scenario.hpp"

#include <algorithm>
#include <cmath>

namespace archplan::analysis {

using model::VertexKind;

std::vector<spec::Scenario> default_scenarios(const spec::Spec& spec) {
    std::vector<spec::Scenario> out;
    for (const auto& s : spec.storage) {
        spec::Scenario a;
        a.id = s.name + "-server-down";
        a.servers_down.emplace_back(s.name, 1);
        out.push_back(a);
        // One drive of one server's pool down, the common case; then m drives of one pool, the worst the
        // protection tolerates (not when m is 1: that is the same scenario).
        spec::Scenario b;
        b.id = s.name + "-drive-down";
        b.pool_drives_down.emplace_back(s.name, 1);
        out.push_back(b);
        int m = s.protection.tolerated();
        if (m > 1) {
            spec::Scenario c;
            c.id = s.name + "-m-drives-down";
            c.pool_drives_down.emplace_back(s.name, m);
            out.push_back(c);
        }
        if (s.per_rack > 0) {
            spec::Scenario r;
            r.id = s.name + "-rack-down";
            r.racks_down.emplace_back(s.name, 1);
            out.push_back(r);
        }
    }
    for (const auto& n : spec.networks) {
        if (n.single_switch()) { // the one switch: every endpoint on it is cut off
            spec::Scenario d;
            d.id = n.name + "-switch-down";
            d.leaves_down.emplace_back(n.leaves.front().group, 1);
            out.push_back(d);
            continue;
        }
        if (!n.dragonfly) { // a dragonfly has no top tier; its switches are its leaves
            spec::Scenario c;
            c.id = n.name + (n.tiers == 2 ? "-spine-down" : "-core-down");
            c.top_switches_down.emplace_back(n.name, 1);
            out.push_back(c);
        }
        for (const auto& l : n.leaves) {
            // A group with shapes on two networks (a router group, a storage system's cluster network): name the
            // network too.
            int networks = 0;
            for (const auto& other : spec.networks)
                for (const auto& ol : other.leaves)
                    if (ol.group == l.group) ++networks;
            bool router = networks > 1;
            spec::Scenario d;
            d.id = router ? n.name + "-" + l.group + "-leaf-down" : l.group + "-leaf-down";
            d.leaves_down.emplace_back(router ? n.name + "/" + l.group : l.group, 1);
            out.push_back(d);
        }
    }
    for (const auto& r : spec.routers) {
        spec::Scenario d;
        d.id = r.name + "-router-down";
        d.routers_down.emplace_back(r.name, 1);
        out.push_back(d);
    }
    return out;
}

namespace {

struct Applied {
    Degradation d;
    std::vector<ScenarioFact> facts;
    std::vector<std::string> unavailable;                          // storage systems whose data is partly unreadable
    std::vector<std::pair<std::string, double>> read_amp;          // storage system, device reads per byte read
    std::vector<std::pair<std::uint32_t, double>> server_read_amp; // drive stage vertex, the same for that server alone
    std::vector<ScenarioPart> parts;
};

// Rebuild takes `share` of every surviving server's drives and controller, both directions (and, when
// protection spans servers, of its NIC ports) until it is done; `only`: of that one server alone.
void take_rebuild_share(const spec::StorageSystem& s, const model::SystemGraph& g, const model::EndpointGroup& grp,
                        Degradation& d, double share, int only = -1) {
    const auto& edges = g.edges();
    bool across = s.protection.where != spec::ProtectionWhere::server;
    for (std::uint32_t t = 0; t < grp.count; ++t) {
        if (d.dead[grp.first_vertex + t] || (only >= 0 && t != static_cast<std::uint32_t>(only))) continue;
        for (auto e : g.out_edges(grp.first_ctrl + t)) d.capacity[e] *= 1 - share;   // drive writes, controller reads
        for (auto e : g.out_edges(grp.first_drives + t)) d.capacity[e] *= 1 - share; // drive reads
        for (auto e : g.out_edges(grp.first_vertex + t))
            if (edges[e].target == grp.first_ctrl + t) d.capacity[e] *= 1 - share; // controller writes
        if (across) { // the NIC ports rebuild crosses: the cluster network's, when there is one
            auto nic = s.cluster ? grp.first_cluster + t : grp.first_vertex + t;
            for (auto e : g.out_edges(nic))
                if (g.vertices()[edges[e].target].kind == VertexKind::leaf) d.capacity[e] *= 1 - share;
            for (auto e : g.in_edges(nic))
                if (g.vertices()[edges[e].source].kind == VertexKind::leaf) d.capacity[e] *= 1 - share;
        }
    }
}

void kill_server(const model::EndpointGroup& grp, std::uint32_t t, Applied& a) {
    a.d.dead[grp.first_vertex + t] = a.d.dead[grp.first_ctrl + t] = a.d.dead[grp.first_drives + t] = 1;
}

// A striping share of one server, for reads and for writes (allocating them at 1 everywhere first).
void set_share(const model::SystemGraph& g, const model::EndpointGroup& grp, std::uint32_t t, double read, double write,
               Applied& a) {
    for (auto* v : {&a.d.read_share, &a.d.write_share})
        if (v->empty()) v->assign(g.vertex_count(), 1.0);
    a.d.read_share[grp.first_vertex + t] = read;
    a.d.write_share[grp.first_vertex + t] = write;
}

// One server of each of `n` failover pairs down (server 2i, partner 2i + 1): after the failover time the partner
// serves both halves through its one controller and NIC, from both sets of (dual-ported) drives. Data written
// before the failure is striped over both halves, so reads give the partner two shares; new files do too under
// stripe-all, and skip the failed half under avoid-degraded.
void failover(const spec::StorageSystem& s, const model::SystemGraph& g, const model::EndpointGroup& grp, int n, Applied& a) {
    const auto& edges = g.edges();
    ScenarioFact f;
    f.kind = ScenarioFact::Kind::servers_failover;
    f.storage = s.name;
    f.count = n;
    f.tolerated = s.protection.tolerated();
    f.survivors = static_cast<int>(grp.count) - n;
    f.failover = s.ha.failover;
    bool stripe_all = s.allocator == spec::Allocator::stripe_all;
    for (int i = 0; i < n; ++i) {
        auto failed = static_cast<std::uint32_t>(2 * i), partner = failed + 1;
        kill_server(grp, failed, a);
        set_share(g, grp, partner, 2.0, stripe_all ? 2.0 : 1.0, a);
        for (auto e : g.out_edges(grp.first_ctrl + partner))
            if (edges[e].target == grp.first_drives + partner) a.d.capacity[e] *= 2;
        for (auto e : g.out_edges(grp.first_drives + partner)) a.d.capacity[e] *= 2;
        if (!stripe_all) ++f.skipped;
    }
    a.facts.push_back(f);
}

// Servers [0, down) out, `chunks` of a stripe's chunks with them at most: their stages are dead; with protection
// across servers that tolerates `chunks`, the survivors rebuild what they held. `f` says why (servers, a rack).
void lose_servers(const spec::Spec& spec, const model::SystemGraph& g, const spec::StorageSystem& s, int down, int chunks,
                  ScenarioFact f, Applied& a) {
    const auto& grp = *g.find_group(s.name);
    const auto& name = s.name;
    for (int t = 0; t < down; ++t) kill_server(grp, static_cast<std::uint32_t>(t), a);
    const auto& p = s.protection;
    f.storage = name;
    f.count = down;
    f.tolerated = p.tolerated();
    f.survivors = static_cast<int>(grp.count) - down;
    if (p.where == spec::ProtectionWhere::server || chunks > f.tolerated) {
        f.kind = p.where == spec::ProtectionWhere::server ? ScenarioFact::Kind::servers_protected_inside
                                                          : ScenarioFact::Kind::servers_beyond_tolerance;
        a.unavailable.push_back(name);
        a.facts.push_back(f);
        return;
    }
    int k = p.data_chunks();
    // As in the durability model's server class.
    auto rb = server_rebuild(&spec, s, down);
    take_rebuild_share(s, g, grp, a.d, s.rebuild.share);
    f.kind = ScenarioFact::Kind::servers_rebuild;
    f.rebuilt = Bytes(rb.bytes);
    f.rebuild = units::Seconds(rb.seconds);
    f.network_bound = rb.network_bound;
    f.read_amplification = 1.0 + (k - 1.0) * down / grp.count;
    a.read_amp.emplace_back(name, f.read_amplification);
    a.facts.push_back(f);
}

// Servers down: in failover pairs, one of each pair while there are pairs to take them; otherwise servers
// [0, n), which with protection across servers lose one chunk of a stripe each.
void servers_down(const spec::Spec& spec, const model::SystemGraph& g, const std::string& name, int n, Applied& a) {
    const auto& s = *spec.find_storage(name);
    const auto& grp = *g.find_group(name);
    int down = std::min<int>(n, static_cast<int>(grp.count));
    a.parts.push_back({ScenarioPart::Kind::servers, name, down});
    if (s.ha.pairs() && down <= static_cast<int>(grp.count) / 2) return failover(s, g, grp, down, a);
    lose_servers(spec, g, s, down, std::min(down, s.protection.width()), ScenarioFact{}, a);
}

// Racks of a storage system down: `per_rack` consecutive servers each, failover partners with them (a pair
// shares its media, so it shares a rack). A stripe loses the chunks it has in those racks: at most
// ceil((k+m) / racks) per rack when chunks are placed over racks, else as many as the racks' servers.
void racks_down(const spec::Spec& spec, const model::SystemGraph& g, const std::string& name, int n, Applied& a) {
    const auto& s = *spec.find_storage(name);
    const auto& grp = *g.find_group(name);
    int racks = (static_cast<int>(grp.count) + s.per_rack - 1) / s.per_rack;
    int down_racks = std::min(n, racks);
    int down = std::min(down_racks * s.per_rack, static_cast<int>(grp.count));
    a.parts.push_back({ScenarioPart::Kind::racks, name, down_racks});
    ScenarioFact f;
    f.racks = down_racks;
    f.domains = racks;
    int width = s.protection.width();
    int chunks = std::min(width, down);
    if (s.failure_domain == spec::StorageSystem::FailureDomain::rack)
        chunks = std::min(width, down_racks * ((width + racks - 1) / racks));
    else
        f.domains = 0;
    f.domain_chunks = chunks;
    lose_servers(spec, g, s, down, chunks, f, a);
}

// One (or more) drives of every protection group down: every group rebuilds at once.
void drives_down(const spec::Spec& spec, const model::SystemGraph& g, const std::string& name, int failed, Applied& a) {
    const auto& edges = g.edges();
    const auto& s = *spec.find_storage(name);
    const auto& grp = *g.find_group(name);
    const auto& p = s.protection;
    int k = p.data_chunks();
    int width = p.width();
    a.parts.push_back({ScenarioPart::Kind::drives_per_group, name, failed});
    ScenarioFact f;
    f.storage = name;
    f.count = failed;
    f.tolerated = p.tolerated();
    f.survivors = static_cast<int>(grp.count);
    if (failed > f.tolerated) {
        f.kind = ScenarioFact::Kind::drives_beyond_tolerance;
        a.facts.push_back(f);
        a.unavailable.push_back(name);
    }
    double lost_share = std::min(1.0, static_cast<double>(failed) / width); // of each server's drives
    for (std::uint32_t t = 0; t < grp.count; ++t) {
        for (auto e : g.out_edges(grp.first_ctrl + t))
            if (edges[e].target == grp.first_drives + t) a.d.capacity[e] *= 1 - lost_share;
        for (auto e : g.out_edges(grp.first_drives + t)) a.d.capacity[e] *= 1 - lost_share;
    }
    take_rebuild_share(s, g, grp, a.d, s.rebuild.share);
    f.kind = ScenarioFact::Kind::drives_rebuild;
    f.read_amplification = 1.0 + static_cast<double>(failed) / width * (k - 1);
    a.read_amp.emplace_back(name, f.read_amplification);
    double used = s.drives.capacity.value() * s.fill_limit;
    double per_server_lost = lost_share * s.drives.count * used;
    double W = s.drives.count * (1 - lost_share);
    double t = s.rebuild.mode == spec::Rebuild::Mode::spare ? spare_rebuild_seconds(s, used)
                                                            : declustered_rebuild_seconds(s, k, per_server_lost, W);
    if (p.where != spec::ProtectionWhere::server) { // each server fetches k chunks per rebuilt byte over its NIC share
        double net = k * per_server_lost / (s.rebuild.share * server_nic_payload(&spec, s));
        f.network_bound = net > t;
        t = std::max(t, net);
    }
    f.drives_lost = lost_share * s.drives.count;
    f.drives_left = W;
    f.rebuilt = Bytes(per_server_lost);
    f.rebuild = units::Seconds(t);
    a.facts.push_back(f);
}

// f drives of one pool down: with protection inside servers the pool is one server's drives, so that server
// alone loses them and rebuilds; across servers the pool is every drive of the system, the failed drives are
// put on as few servers as they fit on (the worst placement for a bulk-synchronous job: the most degraded
// server paces every writer), and every server takes part in the rebuild.
void pool_drives_down(const spec::Spec& spec, const model::SystemGraph& g, const std::string& name, int failed, Applied& a) {
    const auto& edges = g.edges();
    const auto& s = *spec.find_storage(name);
    const auto& grp = *g.find_group(name);
    const auto& p = s.protection;
    bool across = p.where != spec::ProtectionWhere::server;
    int k = p.data_chunks();
    int count = s.drives.count;
    int pool = across ? count * static_cast<int>(grp.count) : count;
    int f_total = std::min(failed, pool);
    a.parts.push_back({ScenarioPart::Kind::pool_drives, name, f_total});
    ScenarioFact f;
    f.storage = name;
    f.count = f_total;
    f.tolerated = p.tolerated();
    f.survivors = static_cast<int>(grp.count);
    f.across = across;
    // More failures than tolerated, or a pool with no drive left (a server's pool with fewer drives than m + 1),
    // lose data.
    if (f_total > f.tolerated || f_total >= pool) {
        f.kind = ScenarioFact::Kind::pool_drives_beyond_tolerance;
        a.unavailable.push_back(name);
    }
    // The failed drives, server by server from the first.
    std::vector<int> lost(grp.count, 0);
    for (int left = f_total, t = 0; left > 0 && t < static_cast<int>(grp.count); ++t) {
        lost[static_cast<std::size_t>(t)] = std::min(left, count);
        left -= lost[static_cast<std::size_t>(t)];
    }
    for (std::uint32_t t = 0; t < grp.count; ++t) {
        if (lost[t] == 0) continue;
        ++f.servers_hit;
        double keep = 1.0 - static_cast<double>(lost[t]) / count;
        for (auto e : g.out_edges(grp.first_ctrl + t))
            if (edges[e].target == grp.first_drives + t) a.d.capacity[e] *= keep;
        for (auto e : g.out_edges(grp.first_drives + t)) a.d.capacity[e] *= keep;
    }
    f.drives_lost = lost[0];
    if (f.kind == ScenarioFact::Kind::pool_drives_beyond_tolerance) {
        a.facts.push_back(f);
        return;
    }
    // avoid-degraded: new files skip the servers that lost drives, while others are left to take them.
    if (s.allocator == spec::Allocator::avoid_degraded && f.servers_hit < static_cast<int>(grp.count)) {
        for (std::uint32_t t = 0; t < grp.count; ++t)
            if (lost[t] > 0) set_share(g, grp, t, 1.0, 0.0, a);
        f.skipped = f.servers_hit;
    }
    f.kind = ScenarioFact::Kind::pool_drives_rebuild;
    double used = s.drives.capacity.value() * s.fill_limit;
    double drive_time = 0, net_time = 0;
    if (across) {
        // Declustered over the pool's drives left (at most rebuild.width), as a server's data is; every
        // receiver fetches k chunks per rebuilt byte through its share of the NIC.
        double lost_bytes = f_total * used;
        double W = pool - f_total;
        if (s.rebuild.width > 0) W = std::min<double>(W, s.rebuild.width);
        drive_time = s.rebuild.mode == spec::Rebuild::Mode::spare ? spare_rebuild_seconds(s, used)
                                                                  : declustered_rebuild_seconds(s, k, lost_bytes, W);
        net_time = k * lost_bytes / (s.rebuild.share * server_nic_payload(&spec, s) * std::min<double>(grp.count, W));
        take_rebuild_share(s, g, grp, a.d, s.rebuild.share);
        f.rebuilt = Bytes(lost_bytes);
        f.drives_left = W;
        f.read_amplification = 1.0 + static_cast<double>(f_total) / pool * (k - 1);
        a.read_amp.emplace_back(name, f.read_amplification);
    } else {
        // The one server rebuilds its own pool: its drives and controller give rebuild their share, and its
        // random partial reads decode the missing chunks from k others of its own drives.
        double lost_bytes = lost[0] * used;
        double W = count - lost[0];
        if (s.rebuild.width > 0) W = std::min<double>(W, s.rebuild.width);
        drive_time = s.rebuild.mode == spec::Rebuild::Mode::spare ? spare_rebuild_seconds(s, used)
                                                                  : declustered_rebuild_seconds(s, k, lost_bytes, W);
        take_rebuild_share(s, g, grp, a.d, s.rebuild.share, 0);
        f.rebuilt = Bytes(lost_bytes);
        f.drives_left = count - lost[0];
        f.read_amplification = 1.0 + static_cast<double>(lost[0]) / count * (k - 1);
        if (f.read_amplification > 1) a.server_read_amp.emplace_back(grp.first_drives, f.read_amplification);
    }
    f.rebuild = units::Seconds(std::max(drive_time, net_time));
    f.network_bound = net_time > drive_time;
    a.facts.push_back(f);
}

// What the failed leaves do to one storage system: servers cut off, and whether its protection survives that.
void storage_cut_off(const spec::Spec& spec, const model::SystemGraph& g, const spec::StorageSystem& s, Applied& a) {
    const auto& edges = g.edges();
    const auto& group = s.name;
    const auto& grp = *g.find_group(group);
    int cut_off = 0; // servers whose every port is on a failed leaf
    for (std::uint32_t t = 0; t < grp.count; ++t) {
        bool reachable = false;
        for (auto e : g.out_edges(grp.first_vertex + t))
            if (g.vertices()[edges[e].target].kind == VertexKind::leaf && !a.d.dead[edges[e].target]) reachable = true;
        if (!reachable) ++cut_off;
    }
    ScenarioFact f;
    f.storage = group;
    f.count = cut_off;
    f.tolerated = s.protection.tolerated();
    f.survivors = static_cast<int>(grp.count) - cut_off;
    f.all_cut = cut_off >= static_cast<int>(grp.count);
    if (cut_off == 0) { // every server keeps a live leaf (dual-homed, or on other leaves of a mixed shape)
        f.kind = ScenarioFact::Kind::leaf_none_cut;
        a.facts.push_back(f);
        return;
    }
    // Chunks placed over the leaves: one leaf holds at most ceil(n / leaves) chunks of a stripe, which decides
    // whether a leaf loss is survivable, however many servers sit behind it.
    int lost = cut_off;
    if (s.failure_domain == spec::StorageSystem::FailureDomain::leaf) {
        for (const auto& leaf : g.leaves())
            if (spec.networks[leaf.network].leaves[leaf.shape].hosts(group)) ++f.domains;
        f.domain_chunks = (s.protection.width() + f.domains - 1) / std::max(1, f.domains);
        lost = cut_off > 0 ? f.domain_chunks : 0;
    }
    if (s.protection.where == spec::ProtectionWhere::server || lost > f.tolerated) {
        f.kind = s.protection.where == spec::ProtectionWhere::server ? ScenarioFact::Kind::leaf_protected_inside
                                                                     : ScenarioFact::Kind::leaf_beyond_tolerance;
        a.unavailable.push_back(group);
    } else {
        int k = s.protection.data_chunks();
        f.kind = ScenarioFact::Kind::leaf_degraded;
        f.read_amplification = 1.0 + (k - 1.0) * cut_off / grp.count;
        a.read_amp.emplace_back(group, f.read_amplification);
    }
    a.facts.push_back(f);
}

// Leaves of a shape down (named by the shape, or by a group it hosts): endpoints whose every port is behind them
// are cut off, not failed (dual-homed ones keep their other leaf); nothing is rebuilt.
void leaves_down(const spec::Spec& spec, const model::SystemGraph& g, const std::string& name, int n, Applied& a) {
    // "network/shape" names a shape of one network (a router group has one on each network it joins).
    auto slash = name.find('/');
    std::string only_net = slash == std::string::npos ? std::string() : name.substr(0, slash);
    std::string shape_name = slash == std::string::npos ? name : name.substr(slash + 1);
    const spec::LeafShape* shape = nullptr;
    for (const auto& net : spec.networks)
        for (const auto& l : net.leaves)
            if ((only_net.empty() || net.name == only_net) && (l.group == shape_name || (!shape && l.hosts(shape_name))))
                shape = &l;
    int down = 0;
    for (const auto& leaf : g.leaves()) {
        if (&spec.networks[leaf.network].leaves[leaf.shape] != shape || down >= n) continue;
        a.d.dead[leaf.vertex] = 1;
        ++down;
    }
    a.parts.push_back({ScenarioPart::Kind::leaves, name, down});
    if (!shape) return;
    for (const auto& m : shape->members)
        if (spec.find_storage(m.group)) storage_cut_off(spec, g, *spec.find_storage(m.group), a);
}

Applied apply(const spec::Spec& spec, const model::SystemGraph& g, const spec::Scenario& sc) {
    Applied a;
    const auto& edges = g.edges();
    a.d.dead.assign(g.vertex_count(), 0);
    a.d.capacity.resize(edges.size());
    for (std::size_t e = 0; e < edges.size(); ++e) a.d.capacity[e] = edges[e].capacity;
    for (const auto& [name, n] : sc.servers_down) servers_down(spec, g, name, n, a);
    for (const auto& [name, n] : sc.racks_down) racks_down(spec, g, name, n, a);
    for (const auto& [name, n] : sc.routers_down) {
        // Both sides of the first n routers: what crossed through them crosses through the others.
        const auto& grp = *g.find_group(name);
        int down = std::min<int>(n, static_cast<int>(grp.count));
        for (int r = 0; r < down; ++r)
            a.d.dead[grp.first_vertex + static_cast<std::uint32_t>(r)] =
                a.d.dead[grp.first_side_b + static_cast<std::uint32_t>(r)] = 1;
        a.parts.push_back({ScenarioPart::Kind::routers, name, down});
    }
    for (const auto& [name, f] : sc.drives_down) drives_down(spec, g, name, f, a);
    for (const auto& [name, f] : sc.pool_drives_down) pool_drives_down(spec, g, name, f, a);
    for (const auto& [name, n] : sc.top_switches_down) {
        for (const auto& fab : g.fabrics())
            if (fab.name == name) {
                int down = std::min<int>(n, static_cast<int>(fab.top_switches.size()));
                for (int i = 0; i < down; ++i) a.d.dead[fab.top_switches[static_cast<std::size_t>(i)]] = 1;
                a.parts.push_back({ScenarioPart::Kind::top_switches, name, down, fab.tiers});
            }
    }
    for (const auto& [group, n] : sc.leaves_down) leaves_down(spec, g, group, n, a);
    return a;
}

} // namespace

namespace {
// One requirement routed under an applied scenario: degraded reads cost what this read pays.
RoutedResult route_applied(const spec::Spec& spec, const model::SystemGraph& g, const spec::BandwidthRequirement& req,
                           BytesPerSecond required, Applied& applied) {
    applied.d.drive_read_amp = 1.0;
    applied.d.server_read_amp.clear();
    // Full-stripe sequential reads read any k of the n chunks: only random partial reads pay extra.
    if (req.direction == spec::Direction::read && req.access == spec::Access::random) {
        for (const auto& [name, amp] : applied.read_amp)
            if (name == req.to) applied.d.drive_read_amp = amp;
        const auto& to = *g.find_group(req.to);
        for (const auto& [v, amp] : applied.server_read_amp)
            if (v >= to.first_drives && v < to.first_drives + to.count) {
                if (applied.d.server_read_amp.empty()) applied.d.server_read_amp.assign(g.vertex_count(), 1.0);
                applied.d.server_read_amp[v] *= amp;
            }
    }
    return route(spec, g, req, required, &applied.d);
}
} // namespace

std::vector<ScenarioResult> analyse_scenarios(const spec::Spec& spec, const model::SystemGraph& g,
                                              const std::vector<BandwidthResult>& healthy) {
    std::vector<spec::Scenario> all = spec.default_scenarios ? default_scenarios(spec) : std::vector<spec::Scenario>{};
    all.insert(all.end(), spec.scenarios.begin(), spec.scenarios.end());
    std::vector<ScenarioResult> out;
    for (const auto& sc : all) {
        auto applied = apply(spec, g, sc);
        ScenarioResult res;
        res.scenario = sc;
        res.parts = applied.parts;
        res.facts = applied.facts;
        for (const auto& b : healthy) {
            const auto& req = spec.bandwidth[b.requirement];
            ScenarioRow row;
            row.requirement = req.id;
            bool unreadable =
                std::find(applied.unavailable.begin(), applied.unavailable.end(), req.to) != applied.unavailable.end();
            if (unreadable && req.direction == spec::Direction::read) {
                row.note = ScenarioRow::Note::unavailable;
                res.rows.push_back(row);
                continue;
            }
            auto r = route_applied(spec, g, req, b.required, applied);
            // Uniform striping can suffer an imbalance a failure happens to remove; no failure is credited with that.
            row.achievable = BytesPerSecond(std::min(r.achievable.value(), b.routed.achievable.value()));
            row.met = meets(row.achievable.value(), b.required.value());
            if (!r.classes.empty()) row.bottleneck = g.classes()[r.classes.front().cls].name;
            if (r.achievable.value() > b.routed.achievable.value() * (1 + k_met_tol))
                row.note = ScenarioRow::Note::capped_at_healthy;
            if (!r.routed_all) row.note = ScenarioRow::Note::no_path;
            // Nodes with every port on a failed leaf reach no storage: judged on what they need (their share, and
            // they get none), the requirement is not met, however fast the others go.
            if (r.cut_off > 0 && r.routed_all) {
                row.cut_off = r.cut_off;
                row.met = false;
                row.note = ScenarioRow::Note::cut_off;
            }
            res.rows.push_back(row);
        }
        out.push_back(res);
    }
    return out;
}

RoutedView route_view(const spec::Spec& spec, const model::SystemGraph& g, const BandwidthResult& healthy,
                      const spec::Scenario* scenario) {
    RoutedView v;
    const auto& req = spec.bandwidth[healthy.requirement];
    if (!scenario) {
        v.routed = route(spec, g, req, healthy.required);
        v.dead.assign(g.vertex_count(), 0);
        for (const auto& e : g.edges()) v.capacity.push_back(e.capacity);
        return v;
    }
    auto applied = apply(spec, g, *scenario);
    v.unavailable = req.direction == spec::Direction::read &&
                    std::find(applied.unavailable.begin(), applied.unavailable.end(), req.to) != applied.unavailable.end();
    v.routed = route_applied(spec, g, req, healthy.required, applied);
    v.dead = applied.d.dead;
    v.capacity = applied.d.capacity;
    return v;
}

} // namespace archplan::analysis
