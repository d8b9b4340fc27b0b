// Builds the explicit system graph from a validated spec: endpoints, leaves packed in order,
// spines (two tiers) or pods and core planes (three tiers), and the storage-server stages.
#include "archplan/model/system_graph.hpp"

#include "graph_impl.hpp"

#include <algorithm>
#include <fmt/format.h>
#include <map>
#include <numeric>
#include <set>

namespace archplan::model {

DeliveredRates delivered_drive_rates(const spec::StorageSystem& s) {
    const auto& d = s.drives;
    DeliveredRates r{d.read.value(), d.write.value(), 0, 0};
    if (d.kind == spec::Drives::Kind::hdd) {
        int k = s.protection.data_chunks();
        r.chunk = s.io_size.value() / k;
        r.positioning = d.seek.value() + 0.5 * 60.0 / d.rpm;
        constexpr double zone = 0.75; // average-zone transfer rate against the outer-track datasheet figure
        r.read = r.chunk / (r.chunk / (zone * d.read.value()) + r.positioning);
        r.write = r.chunk / (r.chunk / (zone * d.write.value()) + r.positioning);
    } else if (d.kind == spec::Drives::Kind::flash && d.steady_write.value() > 0) {
        r.write = d.steady_write.value();
    }
    return r;
}

SystemGraph::SystemGraph() : m_impl(std::make_unique<Impl>()) {}
SystemGraph::~SystemGraph() = default;
SystemGraph::SystemGraph(SystemGraph&&) noexcept = default;
SystemGraph& SystemGraph::operator=(SystemGraph&&) noexcept = default;

const SystemGraph::Impl& SystemGraph::impl() const {
    std::call_once(m_impl->built, [&] {
        auto& bg = m_impl->graph;
        bg = BoostGraph(m_vertices.size());
        for (std::size_t e = 0; e < m_edges.size(); ++e)
            boost::add_edge(m_edges[e].source, m_edges[e].target, static_cast<std::uint32_t>(e), bg);
    });
    return *m_impl;
}

const EndpointGroup* SystemGraph::find_group(const std::string& name) const {
    for (const auto& g : m_groups)
        if (g.name == name) return &g;
    return nullptr;
}

namespace {
std::uint32_t u32(std::size_t v) { return static_cast<std::uint32_t>(v); }
int ceil_div(long a, long b) { return static_cast<int>((a + b - 1) / b); }
} // namespace

class GraphBuilder {
public:
    GraphBuilder(const spec::Spec& spec, spec::Diagnostics& diags) : m_spec(spec), m_diags(diags) {}

    std::optional<SystemGraph> run() {
        // Refuse before allocating: the explicit graph holds a link per endpoint port and a stage per server.
        long ports = 0;
        for (const auto& c : m_spec.compute) ports += static_cast<long>(c.count) * c.storage_nic.ports;
        for (const auto& s : m_spec.storage) ports += static_cast<long>(s.servers) * s.nic.ports;
        if (ports > max_endpoint_ports) {
            m_diags.error({}, fmt::format("the design has {} endpoint NIC ports; archplan builds an explicit graph of at most {} "
                                          "(about 1,000,000 nodes with 4 ports each)",
                                          ports, max_endpoint_ports));
            return std::nullopt;
        }
        for (std::size_t i = 0; i < m_spec.compute.size(); ++i) add_compute(i);
        for (std::size_t i = 0; i < m_spec.storage.size(); ++i) add_storage(i);
        for (std::size_t i = 0; i < m_spec.routers.size(); ++i) add_router(i);
        check_attachments();
        if (!m_diags.empty()) return std::nullopt;
        for (std::size_t n = 0; n < m_spec.networks.size(); ++n) add_network(n);
        if (!m_diags.empty()) return std::nullopt;
        finish();
        m_g.fit_drives(m_spec);
        return std::move(m_g);
    }

private:
    std::uint32_t add_vertex(VertexKind kind, std::size_t owner, std::size_t index) {
        m_g.m_vertices.push_back(Vertex{kind, u32(owner), u32(index)});
        return u32(m_g.m_vertices.size() - 1);
    }

    std::uint32_t add_class(EdgeClass c) {
        auto it = m_class_index.find(c.name);
        if (it != m_class_index.end()) return it->second;
        m_g.m_classes.push_back(std::move(c));
        auto id = u32(m_g.m_classes.size() - 1);
        m_class_index[m_g.m_classes.back().name] = id;
        return id;
    }

    void add_edge(std::uint32_t s, std::uint32_t t, std::uint32_t cls, std::uint32_t links, double capacity) {
        m_g.m_edges.push_back(Edge{s, t, cls, links, capacity});
    }

    void add_compute(std::size_t i) {
        const auto& c = m_spec.compute[i];
        EndpointGroup g;
        g.name = c.name;
        g.count = u32(c.count);
        g.ports = u32(c.storage_nic.ports);
        g.first_vertex = u32(m_g.m_vertices.size());
        auto owner = m_g.m_groups.size();
        for (int n = 0; n < c.count; ++n) add_vertex(VertexKind::compute, owner, u32(n));
        if (c.client) {
            // The client stage sits in front of the NIC as a server's controller does: client bytes only.
            g.has_client = true;
            g.first_client = u32(m_g.m_vertices.size());
            for (int n = 0; n < c.count; ++n) add_vertex(VertexKind::client, owner, u32(n));
            auto cw = add_class({c.name + " client (write)", "file-system client", Team::compute, "", c.name, true});
            auto cr = add_class({c.name + " client (read)", "file-system client", Team::compute, "", c.name, false});
            for (std::uint32_t n = 0; n < g.count; ++n) {
                add_edge(g.first_client + n, g.first_vertex + n, cw, 1, c.client->write.value());
                add_edge(g.first_vertex + n, g.first_client + n, cr, 1, c.client->read.value());
            }
        }
        m_g.m_groups.push_back(g);
    }

    void add_storage(std::size_t i) {
        const auto& s = m_spec.storage[i];
        check_storage(s, m_diags);
        EndpointGroup g;
        g.name = s.name;
        g.is_storage = true;
        g.count = u32(s.servers);
        g.ports = u32(s.nic.ports);
        auto owner = m_g.m_groups.size();
        g.first_vertex = u32(m_g.m_vertices.size());
        for (int n = 0; n < s.servers; ++n) add_vertex(VertexKind::server_nic, owner, u32(n));
        g.first_ctrl = u32(m_g.m_vertices.size());
        for (int n = 0; n < s.servers; ++n) add_vertex(VertexKind::server_ctrl, owner, u32(n));
        g.first_drives = u32(m_g.m_vertices.size());
        for (int n = 0; n < s.servers; ++n) add_vertex(VertexKind::server_drives, owner, u32(n));
        auto cw = add_class({s.name + " controller (write)", "server controller", Team::storage, "", s.name, true});
        auto dw = add_class({s.name + " drives (write)", "drives", Team::storage, "", s.name, true});
        auto dr = add_class({s.name + " drives (read)", "drives", Team::storage, "", s.name, false});
        auto cr = add_class({s.name + " controller (read)", "server controller", Team::storage, "", s.name, false});
        // Drive edges get their capacities from fit_drives(), which refit() shares.
        for (std::uint32_t n = 0; n < g.count; ++n) {
            add_edge(g.first_vertex + n, g.first_ctrl + n, cw, 1, s.limit_write.value());
            add_edge(g.first_ctrl + n, g.first_drives + n, dw, 0, 0);
            add_edge(g.first_drives + n, g.first_ctrl + n, dr, 0, 0);
            add_edge(g.first_ctrl + n, g.first_vertex + n, cr, 1, s.limit_read.value());
        }
        if (s.cluster) {
            g.cluster_network = s.cluster->network;
            g.cluster_ports = u32(s.cluster->nic.ports);
            g.first_cluster = u32(m_g.m_vertices.size());
            for (int n = 0; n < s.servers; ++n) add_vertex(VertexKind::server_nic, owner, u32(n));
        }
        m_g.m_groups.push_back(g);
    }

    // A router: a vertex on each network it joins, and its forwarding ceiling between them, each way.
    void add_router(std::size_t i) {
        const auto& r = m_spec.routers[i];
        EndpointGroup g;
        g.name = r.name;
        g.is_router = true;
        g.count = u32(r.count);
        g.network_a = r.nics[0].first;
        g.network_b = r.nics[1].first;
        g.ports = u32(r.nics[0].second.ports);
        g.ports_b = u32(r.nics[1].second.ports);
        auto owner = m_g.m_groups.size();
        g.first_vertex = u32(m_g.m_vertices.size());
        for (int n = 0; n < r.count; ++n) add_vertex(VertexKind::router, owner, u32(n));
        g.first_side_b = u32(m_g.m_vertices.size());
        for (int n = 0; n < r.count; ++n) add_vertex(VertexKind::router, owner, u32(n));
        auto ab = add_class({fmt::format("{} forwarding ({} -> {})", r.name, g.network_a, g.network_b), "router forwarding",
                             Team::network, "", r.name, true});
        auto ba = add_class({fmt::format("{} forwarding ({} -> {})", r.name, g.network_b, g.network_a), "router forwarding",
                             Team::network, "", r.name, false});
        for (std::uint32_t n = 0; n < g.count; ++n) {
            add_edge(g.first_vertex + n, g.first_side_b + n, ab, 1, r.limit.value());
            add_edge(g.first_side_b + n, g.first_vertex + n, ba, 1, r.limit.value());
        }
        m_g.m_groups.push_back(g);
    }

    // The router group that joins networks a and b, if exactly one does; `several` when more than one.
    const spec::RouterGroup* router_between(const std::string& a, const std::string& b, bool& several) const {
        const spec::RouterGroup* found = nullptr;
        several = false;
        for (const auto& r : m_spec.routers)
            if (r.nic_on(a) && r.nic_on(b)) {
                if (found) several = true;
                found = &r;
            }
        return found;
    }

    // Every endpoint group reaches at most one network (a router group exactly the two it joins); a requirement's
    // ends share a network or are joined by one router group.
    void check_attachments() {
        std::map<std::string, std::string> attached;
        std::map<std::string, std::set<std::string>> router_on;
        for (const auto& net : m_spec.networks)
            for (const auto& l : net.leaves)
                for (const auto& m : l.members) {
                    if (const auto* r = m_spec.find_router(m.group)) {
                        if (!r->nic_on(net.name))
                            m_diags.error(l.loc, fmt::format("router group '{}' is in the leaves of network '{}' but has no NIC "
                                                             "there (its 'nics' name '{}' and '{}')",
                                                             r->name, net.name, r->nics[0].first, r->nics[1].first));
                        router_on[r->name].insert(net.name);
                        continue;
                    }
                    if (const auto* st = m_spec.find_storage(m.group); st && st->cluster && st->cluster->network == net.name) {
                        router_on[m.group].insert(net.name); // its cluster network: checked below
                        continue;
                    }
                    auto [it, fresh] = attached.emplace(m.group, net.name);
                    if (!fresh && it->second != net.name)
                        m_diags.error(l.loc,
                                      fmt::format("'{}' is attached to networks '{}' and '{}'; its NIC ports reach one network",
                                                  m.group, it->second, net.name));
                }
        for (const auto& s : m_spec.storage)
            if (s.cluster && !router_on[s.name].count(s.cluster->network))
                m_diags.error(s.cluster->loc,
                              fmt::format("storage '{}': its cluster network '{}' does not list it in 'leaves'; add "
                                          "'{}' there",
                                          s.name, s.cluster->network, s.name));
        for (const auto& r : m_spec.routers)
            for (const auto& [net, nic] : r.nics)
                if (!router_on[r.name].count(net))
                    m_diags.error(r.loc,
                                  fmt::format("router group '{}' has NIC ports on network '{}' but is not in its leaves; add "
                                              "'{}' to that network's 'leaves'",
                                              r.name, net, r.name));
        std::vector<spec::BandwidthRequirement> paths = m_spec.bandwidth;
        for (auto& r : paths) r.id = "requirement '" + r.id + "'"; // the label the messages use
        for (const auto& w : m_spec.workloads) {                   // a workload's endpoints must share a network too
            spec::BandwidthRequirement r;
            r.id = "workload '" + w.id + "'";
            r.from = w.from;
            r.to = w.to;
            r.loc = w.loc;
            paths.push_back(r);
        }
        for (const auto& r : paths) {
            auto a = attached.find(r.from), b = attached.find(r.to);
            if (a == attached.end() || b == attached.end()) {
                m_diags.error(r.loc, fmt::format("{}: '{}' is not attached to any network (add it to a network's 'leaves')", r.id,
                                                 a == attached.end() ? r.from : r.to));
            } else if (a->second != b->second) {
                bool several = false;
                if (!router_between(a->second, b->second, several))
                    m_diags.error(
                        r.loc,
                        fmt::format("{}: '{}' is on network '{}' but '{}' is on network '{}'; no path joins them (a router "
                                    "group with NICs on both would)",
                                    r.id, r.from, a->second, r.to, b->second));
                else if (several)
                    m_diags.error(r.loc,
                                  fmt::format("{}: more than one router group joins networks '{}' and '{}'; archplan routes "
                                              "a requirement through one",
                                              r.id, a->second, b->second));
            } else if (!r.via.empty() && r.via != a->second) {
                m_diags.error(r.loc,
                              fmt::format("{}: via '{}', but both ends are attached to network '{}'", r.id, r.via, a->second));
            }
        }
    }

    struct ShapeLeaves {
        std::uint32_t first_leaf = 0; // index into m_g.m_leaves
        int count = 0;
    };

    void add_network(std::size_t ni) {
        const auto& net = m_spec.networks[ni];
        FabricSummary fab;
        fab.name = net.name;
        fab.tiers = net.tiers;
        std::vector<ShapeLeaves> shapes;
        bool ok = true;
        for (std::size_t si = 0; si < net.leaves.size(); ++si) {
            const auto& shape = net.leaves[si];
            if (net.radix > 0 && shape.down + shape.up > net.radix) {
                m_diags.error(shape.loc,
                              fmt::format("network '{}': leaves of '{}' use {} + {} = {} ports but a switch has {} (radix)",
                                          net.name, shape.group, shape.down, shape.up, shape.down + shape.up, net.radix));
                ok = false;
                continue;
            }
            if (!check_homing(net, shape)) {
                ok = false;
                continue;
            }
            shapes.push_back(add_leaves(ni, si));
            fab.leaves_per_shape.push_back(shapes.back().count);
            fab.leaf_ports_used_up.push_back(shape.up);
            long hosts = 0;
            for (const auto& m : shape.members) {
                const auto* group = m_g.find_group(m.group);
                hosts += static_cast<long>(group->count) * group->ports_on(net.name);
            }
            fab.host_links.push_back(hosts);
            // The fullest leaf's host ports; a breakout cable takes a switch port for every `breakout` of them.
            long on_fullest = 0;
            for (int l = 0; l < shapes.back().count; ++l)
                on_fullest = std::max<long>(on_fullest, m_g.m_leaves[shapes.back().first_leaf + u32(l)].ports_used_down);
            fab.leaf_down_used.push_back(static_cast<int>((on_fullest + shape.breakout - 1) / shape.breakout));
            fab.leaf_up_links += static_cast<long>(shapes.back().count) * shape.up;
        }
        if (!ok) return;
        if (net.single_switch()) {
            if (shapes.size() == 1 && shapes[0].count > 1) {
                const auto& shape = net.leaves[0];
                m_diags.error(shape.loc,
                              fmt::format("network '{}' is a single switch (tiers: 1), but its {} host ports need {} switches of "
                                          "{} down ports; use a larger switch or tiers: 2",
                                          net.name, fab.host_links[0], shapes[0].count, shape.down));
                return;
            }
        } else if (net.dragonfly) {
            if (!wire_dragonfly(ni, shapes, fab)) return;
        } else if (net.tiers == 2)
            wire_two_tier(ni, shapes, fab);
        else
            wire_three_tier(ni, shapes, fab);
        m_g.m_fabrics.push_back(fab);
    }

    // A dragonfly: groups x switches, the endpoint-hosting leaves first, then switches that only carry traffic.
    // Inside a group every pair of switches has one local link. Between groups, global port p of group g (switch
    // p / global) goes to the (p mod (G - 1))-th other group as the (p div (G - 1))-th link of that pair, so every
    // pair of groups has switches x global / (G - 1) links, spread over the switches in order.
    bool wire_dragonfly(std::size_t ni, const std::vector<ShapeLeaves>& shapes, FabricSummary& fab) {
        const auto& net = m_spec.networks[ni];
        const auto& d = *net.dragonfly;
        const int G = d.groups, a = d.switches, h = d.global;
        long hosting = 0;
        int max_down = 0;
        for (std::size_t si = 0; si < shapes.size(); ++si) {
            hosting += shapes[si].count;
            max_down = std::max(max_down, net.leaves[si].down);
        }
        if (hosting > static_cast<long>(G) * a) {
            m_diags.error(d.loc,
                          fmt::format("network '{}': the endpoints need {} switches but the dragonfly has {} groups x {} = {}",
                                      net.name, hosting, G, a, G * a),
                          "add groups or switches per group, or give each switch more down ports");
            return false;
        }
        // The explicit graph holds every local link: refuse before allocating them.
        if (static_cast<long>(G) * a * (a - 1) / 2 > 4'000'000) {
            m_diags.error(d.loc, fmt::format("network '{}': {} groups x C({}, 2) = {} local links; archplan builds an explicit "
                                             "graph of at most 4,000,000",
                                             net.name, G, a, static_cast<long>(G) * a * (a - 1) / 2));
            return false;
        }
        if ((a * h) % (G - 1) != 0) {
            m_diags.error(d.loc,
                          fmt::format("network '{}': a group's {} x {} = {} global ports do not divide evenly over the {} other "
                                      "groups; give switches x global a multiple of groups - 1",
                                      net.name, a, h, a * h, G - 1));
            return false;
        }
        int used = max_down + (a - 1) + h;
        if (net.radix > 0 && used > net.radix) {
            m_diags.error(d.loc,
                          fmt::format("network '{}': a dragonfly switch uses {} down + {} local + {} global = {} ports but "
                                      "has {} (radix)",
                                      net.name, max_down, a - 1, h, used, net.radix));
            return false;
        }
        // Switches: the leaves already made (in shape order), then the rest.
        for (const auto& s : shapes)
            for (int l = 0; l < s.count; ++l) fab.switches.push_back(m_g.m_leaves[s.first_leaf + u32(l)].vertex);
        while (fab.switches.size() < static_cast<std::size_t>(G) * a)
            fab.switches.push_back(add_vertex(VertexKind::leaf, net.leaves.size(), fab.switches.size()));
        double payload = net.link.value() * net.efficiency;
        auto local =
            add_class({fmt::format("{} local link", net.name), "dragonfly local link", Team::network, net.name, "", true});
        auto global =
            add_class({fmt::format("{} global link", net.name), "dragonfly global link", Team::network, net.name, "", true});
        auto sw = [&](int g, int i) { return fab.switches[static_cast<std::size_t>(g * a + i)]; };
        for (int g = 0; g < G; ++g)
            for (int i = 0; i < a; ++i)
                for (int j = i + 1; j < a; ++j) {
                    add_edge(sw(g, i), sw(g, j), local, 1, payload);
                    add_edge(sw(g, j), sw(g, i), local, 1, payload);
                    ++fab.local_links;
                }
        int n = a * h / (G - 1);
        auto other_index = [](int g, int peer) { return peer < g ? peer : peer - 1; }; // peer among g's others
        std::map<std::pair<std::uint32_t, std::uint32_t>, std::uint32_t> bundle;       // parallel global links
        for (int g = 0; g < G; ++g)
            for (int peer = g + 1; peer < G; ++peer)
                for (int k = 0; k < n; ++k) {
                    int p = k * (G - 1) + other_index(g, peer), q = k * (G - 1) + other_index(peer, g);
                    ++bundle[{sw(g, p / h), sw(peer, q / h)}];
                    ++fab.global_links;
                }
        for (auto [ends, links] : bundle) {
            add_edge(ends.first, ends.second, global, links, links * payload);
            add_edge(ends.second, ends.first, global, links, links * payload);
        }
        fab.dragonfly = true;
        fab.groups = G;
        fab.switches_per_group = a;
        fab.global_per_switch = h;
        fab.links_per_group_pair = n;
        fab.max_switch_ports_used = used;
        return true;
    }

    // Leaves of one shape: as many as its fullest member needs (in pairs when dual-homed). Each member group
    // packs its endpoints' ports in order into its own slice of every leaf: port j of endpoint i takes slice
    // position i*ports + j; dual-homed, ports alternate over the two leaves of a pair, each taking half.
    ShapeLeaves add_leaves(std::size_t ni, std::size_t si) {
        const auto& net = m_spec.networks[ni];
        const auto& shape = net.leaves[si];
        int leaves = 0;
        for (const auto& m : shape.members) {
            const auto* group = m_g.find_group(m.group);
            long ports = static_cast<long>(group->count) * group->ports_on(net.name);
            long slice = static_cast<long>(m.down) * shape.breakout; // host ports of this member on one leaf
            int need = shape.dual ? 2 * ceil_div(ports / 2, slice) : ceil_div(ports, slice);
            leaves = std::max(leaves, need);
        }
        ShapeLeaves sl{u32(m_g.m_leaves.size()), leaves};
        std::vector<long> used(static_cast<std::size_t>(leaves), 0);
        for (int l = 0; l < leaves; ++l) {
            auto v = add_vertex(VertexKind::leaf, si, u32(l));
            m_g.m_leaves.push_back(LeafInfo{v, u32(ni), u32(si), 0});
        }
        for (const auto& m : shape.members) add_member_links(net, shape, m, sl, used);
        for (int l = 0; l < leaves; ++l)
            m_g.m_leaves[sl.first_leaf + u32(l)].ports_used_down = u32(used[static_cast<std::size_t>(l)]);
        return sl;
    }

    void add_member_links(const spec::Network& net, const spec::LeafShape& shape, const spec::LeafShape::Member& m,
                          const ShapeLeaves& sl, std::vector<long>& used) {
        const auto* group = m_g.find_group(m.group);
        const auto* compute = m_spec.find_compute(m.group);
        const auto* router = m_spec.find_router(m.group);
        auto nic_rate = m_spec.nic_on(m.group, net.name)->rate;
        const std::uint32_t first = group->first_on(net.name), ports = group->ports_on(net.name);
        // A NIC port and its switch port (or its share of one, on a breakout cable) run at the lower of the two rates.
        double port_payload = std::min(nic_rate.value(), net.link.value() / shape.breakout) * net.efficiency;
        const long slice = static_cast<long>(m.down) * shape.breakout;
        std::uint32_t up, down;
        bool sends_up = compute || router; // the endpoint -> leaf edge first
        if (router) {
            up = add_class({fmt::format("{} NIC -> {} leaf", m.group, net.name), "router NIC port, send", Team::network, net.name,
                            m.group, true});
            down = add_class({fmt::format("{} leaf -> {} NIC", net.name, m.group), "router NIC port, receive", Team::network,
                              net.name, m.group, false});
        } else if (compute) {
            up = add_class({fmt::format("{} NIC -> {} leaf", m.group, net.name), "storage NIC port, send", Team::compute,
                            net.name, m.group, true});
            down = add_class({fmt::format("{} leaf -> {} NIC", net.name, m.group), "storage NIC port, receive", Team::compute,
                              net.name, m.group, false});
        } else {
            down = add_class({fmt::format("{} leaf -> {} server NIC", net.name, m.group), "server NIC port, receive",
                              Team::storage, net.name, m.group, true});
            up = add_class({fmt::format("{} server NIC -> {} leaf", m.group, net.name), "server NIC port, send", Team::storage,
                            net.name, m.group, false});
        }
        auto link = [&](std::uint32_t endpoint, long leaf, std::uint32_t links) {
            auto lv = m_g.m_leaves[sl.first_leaf + static_cast<std::size_t>(leaf)].vertex;
            used[static_cast<std::size_t>(leaf)] += links;
            if (sends_up) {
                add_edge(endpoint, lv, up, links, links * port_payload);
                add_edge(lv, endpoint, down, links, links * port_payload);
            } else {
                add_edge(lv, endpoint, down, links, links * port_payload);
                add_edge(endpoint, lv, up, links, links * port_payload);
            }
        };
        for (std::uint32_t e = 0; e < group->count; ++e) {
            std::uint32_t endpoint = first + e;
            if (shape.dual) {
                // Half the ports on each leaf of a pair: half-port h of the group sits on pair h / slice.
                long half = ports / 2;
                long h0 = static_cast<long>(e) * half;
                for (long h = h0; h < h0 + half;) {
                    long pair = h / slice;
                    long end = std::min<long>(h0 + half, (pair + 1) * slice);
                    link(endpoint, 2 * pair, u32(end - h));
                    link(endpoint, 2 * pair + 1, u32(end - h));
                    h = end;
                }
                continue;
            }
            long q0 = static_cast<long>(e) * ports;
            for (long q = q0; q < q0 + ports;) {
                long leaf = q / slice;
                long end = std::min<long>(q0 + ports, (leaf + 1) * slice);
                link(endpoint, leaf, u32(end - q));
                q = end;
            }
        }
    }

    // Default upper-switch count: the largest that every leaf shape's uplinks divide evenly, so every
    // leaf has the same number of links to each upper switch and ECMP stays balanced.
    static int even_spread(const spec::Network& net) {
        int g = 0;
        for (const auto& s : net.leaves) g = std::gcd(g, s.up);
        return g;
    }

    // Two tiers: the even spread if its spines have the ports for every leaf, else one spine per uplink
    // of the narrowest leaf shape (more spines, fewer ports each; ECMP then splits unevenly).
    static int default_spines(const spec::Network& net, const std::vector<ShapeLeaves>& shapes) {
        int even = even_spread(net);
        long links = 0;
        for (std::size_t i = 0; i < shapes.size(); ++i) links += static_cast<long>(shapes[i].count) * net.leaves[i].up;
        if (ceil_div(links, even) <= net.spine_ports) return even;
        int narrowest = net.leaves.front().up;
        for (const auto& s : net.leaves) narrowest = std::min(narrowest, s.up);
        return narrowest;
    }

    // A shape of storage systems only: its uplinks carry reads up and writes down.
    bool is_storage_shape(const spec::Network& net, std::size_t si) const {
        for (const auto& m : net.leaves[si].members)
            if (m_spec.find_storage(m.group) == nullptr) return false;
        return true;
    }

    // Dual homing splits every endpoint's ports evenly over a leaf pair.
    bool check_homing(const spec::Network& net, const spec::LeafShape& shape) {
        if (!shape.dual) return true;
        for (const auto& m : shape.members) {
            const auto* group = m_g.find_group(m.group);
            if (group->ports_on(net.name) % 2 != 0) {
                m_diags.error(shape.loc,
                              fmt::format("network '{}': '{}' is dual-homed ('homing: dual'), which splits each endpoint's ports "
                                          "evenly over a leaf pair, but its endpoints have {} port{}",
                                          net.name, m.group, group->ports_on(net.name),
                                          group->ports_on(net.name) == 1 ? "" : "s"),
                              "give an even number of NIC ports, or 'homing: single'");
                return false;
            }
        }
        return true;
    }

    // Links from one lower switch to upper switches: uplink j goes to upper (offset + j) mod count.
    void spread(std::uint32_t lower, int uplinks, long offset, const std::vector<std::uint32_t>& uppers,
                std::vector<int>& ports_used, std::uint32_t cls_up, std::uint32_t cls_down, double link_payload) {
        std::map<std::uint32_t, std::uint32_t> links;
        auto n = static_cast<long>(uppers.size());
        for (int j = 0; j < uplinks; ++j) {
            auto k = static_cast<std::size_t>((offset + j) % n);
            ++links[u32(k)];
            ++ports_used[k];
        }
        for (auto [k, count] : links) {
            add_edge(lower, uppers[k], cls_up, count, count * link_payload);
            add_edge(uppers[k], lower, cls_down, count, count * link_payload);
        }
    }

    void wire_two_tier(std::size_t ni, const std::vector<ShapeLeaves>& shapes, FabricSummary& fab) {
        const auto& net = m_spec.networks[ni];
        int spines = net.spine_count > 0 ? net.spine_count : default_spines(net, shapes);
        for (const auto& s : net.leaves)
            if (s.up < spines) {
                m_diags.error(s.loc,
                              fmt::format("network '{}': leaves of '{}' have {} uplinks but there are {} spines; in a two-tier "
                                          "fabric every leaf reaches every spine (set spine.count to at most {})",
                                          net.name, s.group, s.up, spines, s.up));
                return;
            }
        if (net.radix > 0 && net.spine_ports > net.radix) {
            m_diags.error(net.loc, fmt::format("network '{}': spine.ports {} exceeds the switch radix {}", net.name,
                                               net.spine_ports, net.radix));
            return;
        }
        std::vector<std::uint32_t> spine_v;
        for (int s = 0; s < spines; ++s) spine_v.push_back(add_vertex(VertexKind::spine, ni, u32(s)));
        fab.top_switches = spine_v;
        std::vector<int> used(static_cast<std::size_t>(spines), 0);
        double payload = net.link.value() * net.efficiency;
        long offset = 0;
        for (std::size_t si = 0; si < shapes.size(); ++si) {
            const auto& shape = net.leaves[si];
            auto up = add_class({fmt::format("{} leaf[{}] -> spine", net.name, shape.group), "leaf uplink", Team::network,
                                 net.name, shape.group, !is_storage_shape(net, si)});
            auto down = add_class({fmt::format("{} spine -> leaf[{}]", net.name, shape.group), "spine port", Team::network,
                                   net.name, shape.group, is_storage_shape(net, si)});
            for (int l = 0; l < shapes[si].count; ++l) {
                spread(m_g.m_leaves[shapes[si].first_leaf + u32(l)].vertex, shape.up, offset, spine_v, used, up, down, payload);
                offset += shape.up;
            }
        }
        fab.spines = spines;
        fab.max_spine_ports_used = *std::max_element(used.begin(), used.end());
        if (fab.max_spine_ports_used > net.spine_ports) {
            long leaves = 0;
            for (const auto& s : shapes) leaves += s.count;
            m_diags.error(
                net.loc, fmt::format("network '{}': a spine needs {} ports ({} leaves, each linked to all {} spines) but has {}; "
                                     "set spine.count, use larger spines or tiers: 3",
                                     net.name, fab.max_spine_ports_used, leaves, spines, net.spine_ports));
        }
    }

    void wire_three_tier(std::size_t ni, const std::vector<ShapeLeaves>& shapes, FabricSummary& fab) {
        const auto& net = m_spec.networks[ni];
        if (net.radix > 0 && (net.agg_down + net.agg_up > net.radix || net.core_ports > net.radix)) {
            m_diags.error(net.loc,
                          fmt::format("network '{}': aggregation {} + {} ports or core {} ports exceed the switch radix {}",
                                      net.name, net.agg_down, net.agg_up, net.core_ports, net.radix));
            return;
        }
        double payload = net.link.value() * net.efficiency;
        // Every pod has the same aggregation switches, one per plane; a leaf spreads its uplinks over
        // all of them. Pods hold leaves of one shape, as many as the aggregation down ports take.
        int planes = net.agg_per_pod > 0 ? net.agg_per_pod : even_spread(net);
        struct Pod {
            std::size_t shape;
            std::vector<std::uint32_t> aggs;
        };
        std::vector<Pod> pods;
        for (std::size_t si = 0; si < shapes.size(); ++si) {
            const auto& shape = net.leaves[si];
            if (shape.up < planes) {
                m_diags.error(
                    shape.loc,
                    fmt::format("network '{}': leaves of '{}' have {} uplinks but a pod has {} aggregation switches; "
                                "every leaf reaches every aggregation switch of its pod (set aggregation.per_pod to at most {})",
                                net.name, shape.group, shape.up, planes, shape.up));
                return;
            }
            int per_agg = ceil_div(shape.up, planes);
            int per_pod = net.agg_down / per_agg;
            if (per_pod < 1) {
                m_diags.error(
                    shape.loc,
                    fmt::format("network '{}': a leaf of '{}' needs {} ports on each aggregation switch but it has {} down ports",
                                net.name, shape.group, per_agg, net.agg_down));
                return;
            }
            auto up = add_class({fmt::format("{} leaf[{}] -> aggregation", net.name, shape.group), "leaf uplink", Team::network,
                                 net.name, shape.group, !is_storage_shape(net, si)});
            auto down = add_class({fmt::format("{} aggregation -> leaf[{}]", net.name, shape.group), "aggregation down port",
                                   Team::network, net.name, shape.group, is_storage_shape(net, si)});
            for (int first = 0; first < shapes[si].count; first += per_pod) {
                Pod pod{si, {}};
                for (int a = 0; a < planes; ++a) pod.aggs.push_back(add_vertex(VertexKind::aggregation, pods.size(), u32(a)));
                std::vector<int> used(pod.aggs.size(), 0);
                int leaves = std::min(per_pod, shapes[si].count - first);
                for (int l = 0; l < leaves; ++l)
                    spread(m_g.m_leaves[shapes[si].first_leaf + u32(first + l)].vertex, shape.up, static_cast<long>(l) * shape.up,
                           pod.aggs, used, up, down, payload);
                fab.max_agg_down_used = std::max(fab.max_agg_down_used, *std::max_element(used.begin(), used.end()));
                pods.push_back(std::move(pod));
            }
        }
        // Plane i: aggregation switch i of every pod that has one, and its own core switches.
        for (std::size_t plane = 0; plane < static_cast<std::size_t>(planes); ++plane) {
            std::vector<std::size_t> members;
            for (std::size_t p = 0; p < pods.size(); ++p) members.push_back(p);
            int cores = ceil_div(static_cast<long>(members.size()) * net.agg_up, net.core_ports);
            if (cores > net.agg_up) {
                m_diags.error(net.loc,
                              fmt::format("network '{}': core plane {} joins {} pods, which needs {} core switches of {} ports, "
                                          "but an aggregation switch has only {} uplinks to reach them all; use larger core "
                                          "switches, more aggregation uplinks, or fewer pods",
                                          net.name, plane, members.size(), cores, net.core_ports, net.agg_up));
                return;
            }
            std::vector<std::uint32_t> core_v;
            for (int c = 0; c < cores; ++c) core_v.push_back(add_vertex(VertexKind::core, plane, u32(c)));
            fab.top_switches.insert(fab.top_switches.end(), core_v.begin(), core_v.end());
            std::vector<int> used(core_v.size(), 0);
            for (std::size_t rank = 0; rank < members.size(); ++rank) {
                const auto& pod = pods[members[rank]];
                const auto& group = net.leaves[pod.shape].group;
                auto up = add_class({fmt::format("{} aggregation[{}] -> core", net.name, group), "aggregation uplink",
                                     Team::network, net.name, group, !is_storage_shape(net, pod.shape)});
                auto down = add_class({fmt::format("{} core -> aggregation[{}]", net.name, group), "core port", Team::network,
                                       net.name, group, is_storage_shape(net, pod.shape)});
                spread(pod.aggs[plane], net.agg_up, static_cast<long>(rank) * net.agg_up, core_v, used, up, down, payload);
            }
            fab.cores += cores;
            fab.max_spine_ports_used = std::max(fab.max_spine_ports_used, *std::max_element(used.begin(), used.end()));
        }
        fab.pods = static_cast<int>(pods.size());
        for (const auto& p : pods) fab.aggregations += static_cast<int>(p.aggs.size());
        fab.agg_up_links = static_cast<long>(fab.aggregations) * net.agg_up;
    }

    void finish() {
        auto n = m_g.m_vertices.size();
        const auto& edges = m_g.m_edges;
        // Counting sort of the edges by source and by target: offsets, then the edge indices in edge order.
        auto compress = [&](std::vector<std::uint32_t>& at, std::vector<std::uint32_t>& list, bool by_source) {
            at.assign(n + 1, 0);
            for (const auto& e : edges) ++at[(by_source ? e.source : e.target) + 1];
            for (std::size_t v = 0; v < n; ++v) at[v + 1] += at[v];
            list.assign(edges.size(), 0);
            std::vector<std::uint32_t> next(at.begin(), at.end() - 1);
            for (std::size_t e = 0; e < edges.size(); ++e) list[next[by_source ? edges[e].source : edges[e].target]++] = u32(e);
        };
        compress(m_g.m_out_at, m_g.m_out, true);
        compress(m_g.m_in_at, m_g.m_in, false);
    }

    static constexpr long max_endpoint_ports = 4'000'000;
    const spec::Spec& m_spec;
    spec::Diagnostics& m_diags;
    SystemGraph m_g;
    std::map<std::string, std::uint32_t> m_class_index;
};

BuildResult build(const spec::Spec& spec) {
    BuildResult r{std::nullopt, spec::Diagnostics(spec.file)};
    GraphBuilder b(spec, r.diagnostics);
    r.graph = b.run();
    if (!r.diagnostics.empty()) r.graph.reset();
    return r;
}

bool sets_only_capacities(spec::KnobKind kind) {
    switch (kind) {
    case spec::KnobKind::drives_per_server: // the drive edges' capacity and drive count
    case spec::KnobKind::protection_parity: // an HDD's delivered rate (chunk = io_size / k); the analysis's amplification
    case spec::KnobKind::protection_data:
    case spec::KnobKind::rebuild_share: // the analysis's rebuild traffic only
        return true;
    default: return false;
    }
}

void check_storage(const spec::StorageSystem& s, spec::Diagnostics& diags) {
    const auto& p = s.protection;
    int width = p.width();
    if (p.where != spec::ProtectionWhere::server && s.servers < width)
        diags.error(p.loc, fmt::format("storage '{}': {} protection places {} chunks or copies on distinct servers, but there "
                                       "are only {} servers",
                                       s.name, spec::where_name(p.where), width, s.servers));
    // Protection inside each server puts every chunk or copy of a stripe on its own drive of that server.
    if (p.where == spec::ProtectionWhere::server && s.drives.count < width)
        diags.error(p.loc,
                    fmt::format("storage '{}': {} inside each server needs at least {} drives per server (a drive per "
                                "chunk or copy), but a server has {}",
                                s.name,
                                p.is_replication() ? fmt::format("{} replicas", p.replicas)
                                                   : fmt::format("{}+{} erasure coding", p.k, p.m),
                                width, s.drives.count),
                    fmt::format("give 'count: {}' or more drives per server, or protect across servers ('where: client' "
                                "or 'where: primary')",
                                width));
}

void SystemGraph::fit_drives(const spec::Spec& spec) {
    for (const auto& s : spec.storage) {
        const auto* g = find_group(s.name);
        auto rates = delivered_drive_rates(s);
        auto count = static_cast<std::uint32_t>(s.drives.count);
        // Server n's drive stage has one edge in (writes from its controller) and one out (reads).
        for (std::uint32_t n = 0; n < g->count; ++n) {
            for (auto e : in_edges(g->first_drives + n)) {
                m_edges[e].capacity = s.drives.count * rates.write;
                m_edges[e].links = count;
            }
            for (auto e : out_edges(g->first_drives + n)) {
                m_edges[e].capacity = s.drives.count * rates.read;
                m_edges[e].links = count;
            }
        }
    }
}

bool refit(SystemGraph& g, const spec::Spec& spec, spec::Diagnostics& diags) {
    auto before = diags.items().size();
    for (const auto& s : spec.storage) check_storage(s, diags);
    if (diags.items().size() != before) return false;
    g.fit_drives(spec);
    return true;
}

} // namespace archplan::model
