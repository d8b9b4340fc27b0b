// Routed flow: the requirement spread uniformly over the source nodes, striped uniformly over the
// servers, and split evenly over equal-cost paths (ECMP, per link) between leaves.
#include "archplan/analysis/analysis.hpp"

#include "analysis/propagate.hpp"

#include <algorithm>
#include <cassert>
#include <cmath>
#include <limits>

namespace archplan::analysis {

using model::SystemGraph;
using model::VertexKind;

namespace {

using detail::is_fabric_switch;

// Leaf-to-leaf traffic as a dragonfly sees it, by group: what source i sends to group g, what destination j receives
// from group g, group to group, and the traffic inside each group. Two forms: a matrix T[i][j], summed once into
// arrays of sources x groups; separable traffic a[i]·q[j], whose sums are products of per-group totals.
struct MatrixGroups {
    std::size_t nd;
    const std::vector<double>& T;
    int G;
    std::vector<double> to, from, gg;
    template <class GroupS, class GroupD>
    MatrixGroups(std::size_t ns, std::size_t ndst, const std::vector<double>& matrix, int groups, GroupS group_of_src,
                 GroupD group_of_dst)
        : nd(ndst), T(matrix), G(groups), to(ns * static_cast<std::size_t>(groups), 0.0),
          from(static_cast<std::size_t>(groups) * ndst, 0.0), gg(static_cast<std::size_t>(groups) * groups, 0.0) {
        for (std::size_t i = 0; i < ns; ++i)
            for (std::size_t j = 0; j < nd; ++j) {
                double t = T[i * nd + j];
                int g1 = group_of_src(i), g2 = group_of_dst(j);
                if (t <= 0 || g1 == g2) continue;
                to[i * static_cast<std::size_t>(G) + static_cast<std::size_t>(g2)] += t;
                from[static_cast<std::size_t>(g1) * nd + j] += t;
                gg[static_cast<std::size_t>(g1) * static_cast<std::size_t>(G) + static_cast<std::size_t>(g2)] += t;
            }
    }
    double to_group(std::size_t i, int g2) const { return to[i * static_cast<std::size_t>(G) + static_cast<std::size_t>(g2)]; }
    double from_group(int g1, std::size_t j) const { return from[static_cast<std::size_t>(g1) * nd + j]; }
    double between(int g1, int g2) const {
        return gg[static_cast<std::size_t>(g1) * static_cast<std::size_t>(G) + static_cast<std::size_t>(g2)];
    }
    double pair(std::size_t i, std::size_t j) const { return T[i * nd + j]; }
};

struct SeparableGroups {
    const std::vector<double>& a;
    const std::vector<double>& q;
    std::vector<double> sent, received; // per group: Σ a over its sources, Σ q over its destinations
    template <class GroupS, class GroupD>
    SeparableGroups(const std::vector<double>& a_, const std::vector<double>& q_, int groups, GroupS group_of_src,
                    GroupD group_of_dst)
        : a(a_), q(q_), sent(static_cast<std::size_t>(groups), 0.0), received(static_cast<std::size_t>(groups), 0.0) {
        for (std::size_t i = 0; i < a.size(); ++i) sent[static_cast<std::size_t>(group_of_src(i))] += a[i];
        for (std::size_t j = 0; j < q.size(); ++j) received[static_cast<std::size_t>(group_of_dst(j))] += q[j];
    }
    double to_group(std::size_t i, int g2) const { return a[i] * received[static_cast<std::size_t>(g2)]; }
    double from_group(int g1, std::size_t j) const { return sent[static_cast<std::size_t>(g1)] * q[j]; }
    double between(int g1, int g2) const { return sent[static_cast<std::size_t>(g1)] * received[static_cast<std::size_t>(g2)]; }
    double pair(std::size_t i, std::size_t j) const { return a[i] * q[j]; }
};

// The switches of a dragonfly network: each one's group, and its local and global edges.
struct DragonflyWiring {
    int G, a;
    std::vector<int> pos;             // per vertex: index among the network's switches, or -1
    std::vector<std::uint32_t> local; // by (group, i, j): the live local edge, or UINT32_MAX
    struct Global {
        std::uint32_t edge, from, to;
        double links;
    };
    std::vector<std::vector<Global>> global; // by group pair: the live global edges

    DragonflyWiring(const SystemGraph& g, const model::FabricSummary& fab, const std::vector<char>* dead)
        : G(fab.groups), a(fab.switches_per_group), pos(g.vertex_count(), -1),
          local(static_cast<std::size_t>(G) * a * a, UINT32_MAX), global(static_cast<std::size_t>(G) * G) {
        const auto& edges = g.edges();
        auto alive = [&](std::uint32_t v) { return !dead || !(*dead)[v]; };
        for (std::size_t i = 0; i < fab.switches.size(); ++i) pos[fab.switches[i]] = static_cast<int>(i);
        for (auto v : fab.switches) {
            if (!alive(v)) continue;
            for (auto e : g.out_edges(v)) {
                auto w = edges[e].target;
                if (pos[w] < 0 || !alive(w)) continue;
                int gv = group(v), gw = group(w);
                if (gv == gw)
                    local[(static_cast<std::size_t>(gv) * a + pos[v] % a) * a + pos[w] % a] = static_cast<std::uint32_t>(e);
                else
                    global[static_cast<std::size_t>(gv) * G + gw].push_back(
                        {static_cast<std::uint32_t>(e), v, w, double(edges[e].links)});
            }
        }
    }
    int group(std::uint32_t v) const { return pos[v] / a; }
    const std::vector<Global>& between(int g1, int g2) const { return global[static_cast<std::size_t>(g1) * G + g2]; }
    double links(int g1, int g2) const {
        double n = 0;
        for (const auto& l : between(g1, g2)) n += l.links;
        return n;
    }
};

// A dragonfly network's traffic between its endpoint switches: minimal paths (a local hop to the switch holding a
// global link to the destination group, the global link, a local hop to the destination switch), ECMP over the live
// global links between the two groups by link count; with Valiant routing, via every other group as an intermediate,
// equally. Inside a group, the direct local link. Returns false when some traffic has no path.
template <class Traffic>
bool dragonfly_spread(const DragonflyWiring& w, bool valiant, const std::vector<std::uint32_t>& srcs,
                      const std::vector<std::uint32_t>& dsts, const Traffic& T, std::vector<double>& load) {
    const int G = w.G;
    bool all = true;
    auto hop = [&](std::uint32_t from, std::uint32_t to, double t) {
        if (from == to || t <= 0) return;
        auto e = w.local[(static_cast<std::size_t>(w.group(from)) * w.a + w.pos[from] % w.a) * w.a + w.pos[to] % w.a];
        if (e == UINT32_MAX)
            all = false;
        else
            load[e] += t;
    };
    // Sources and destinations by group, so each leg visits only its own.
    std::vector<std::vector<std::size_t>> src_in(static_cast<std::size_t>(G)), dst_in(static_cast<std::size_t>(G));
    for (std::size_t i = 0; i < srcs.size(); ++i) src_in[static_cast<std::size_t>(w.group(srcs[i]))].push_back(i);
    for (std::size_t j = 0; j < dsts.size(); ++j) dst_in[static_cast<std::size_t>(w.group(dsts[j]))].push_back(j);
    for (int g = 0; g < G; ++g)
        for (auto i : src_in[static_cast<std::size_t>(g)])
            for (auto j : dst_in[static_cast<std::size_t>(g)]) hop(srcs[i], dsts[j], T.pair(i, j));
    // One global leg g1 -> g2 carrying `t`, weighted per link; `enter(o1, share)` and `leave(o2, share)` add the
    // local hops on each side.
    auto leg = [&](int g1, int g2, double t, auto&& enter, auto&& leave) {
        double n = w.links(g1, g2);
        if (n <= 0) {
            all = false;
            return;
        }
        for (const auto& l : w.between(g1, g2)) {
            double share = l.links / n;
            load[l.edge] += t * share;
            enter(l.from, share);
            leave(l.to, share);
        }
    };
    for (int g1 = 0; g1 < G; ++g1) {
        if (src_in[static_cast<std::size_t>(g1)].empty()) continue;
        for (int g2 = 0; g2 < G; ++g2) {
            if (g1 == g2 || dst_in[static_cast<std::size_t>(g2)].empty()) continue;
            double t = T.between(g1, g2);
            if (t <= 0) continue;
            auto from_sources = [&](std::uint32_t o1, double share, double wt) {
                for (auto i : src_in[static_cast<std::size_t>(g1)]) hop(srcs[i], o1, T.to_group(i, g2) * share * wt);
            };
            auto to_destinations = [&](std::uint32_t o2, double share, double wt) {
                for (auto j : dst_in[static_cast<std::size_t>(g2)]) hop(o2, dsts[j], T.from_group(g1, j) * share * wt);
            };
            if (!valiant || G < 3) {
                leg(
                    g1, g2, t, [&](std::uint32_t o1, double sh) { from_sources(o1, sh, 1.0); },
                    [&](std::uint32_t o2, double sh) { to_destinations(o2, sh, 1.0); });
                continue;
            }
            double wt = 1.0 / (G - 2);
            for (int gi = 0; gi < G; ++gi) {
                if (gi == g1 || gi == g2) continue;
                double n2 = w.links(gi, g2);
                if (n2 <= 0) {
                    all = false;
                    continue;
                }
                leg(
                    g1, gi, t * wt, [&](std::uint32_t o1, double sh) { from_sources(o1, sh, wt); },
                    [&](std::uint32_t o2, double sh1) {
                        // Through the intermediate group: to the switch holding each link on to g2.
                        for (const auto& l : w.between(gi, g2)) hop(o2, l.from, t * wt * sh1 * l.links / n2);
                    });
                leg(
                    gi, g2, t * wt, [](std::uint32_t, double) {},
                    [&](std::uint32_t o2, double sh) { to_destinations(o2, sh, wt); });
            }
        }
    }
    return all;
}

struct LeafTraffic {
    std::vector<std::uint32_t> leaves;
    std::vector<double> amount; // per leaf: traffic injected (sources) or share received (destinations)
    std::vector<int> position;  // per graph vertex: index into leaves, or -1
    explicit LeafTraffic(std::size_t vertices) : position(vertices, -1) {}
    void add(std::uint32_t leaf, double a) {
        auto& p = position[leaf];
        if (p < 0) {
            p = static_cast<int>(leaves.size());
            leaves.push_back(leaf);
            amount.push_back(a);
        } else
            amount[static_cast<std::size_t>(p)] += a;
    }
};

// The requirement as the phases of route() see it. The single capitals are the symbols of
// docs/models.md, "Routed flow": C the compute group, S the storage group, R the required client
// bytes/s, N and M the nodes and servers that still reach a live leaf.
struct Flow {
    const model::EndpointGroup& C;
    const model::EndpointGroup& S;
    const std::vector<char>* dead; // per vertex, or null when nothing failed
    bool write;
    Amplification amp;
    double R;
    double read_amp;                                     // device bytes read per byte delivered (degraded reads)
    const std::vector<double>* server_read_amp;          // per drive-stage vertex: the same on top, for one server, or null
    const std::vector<double>* share;                    // per server NIC vertex: striping shares, or null for 1 each
    std::vector<std::uint32_t> node_links, server_links; // per endpoint: NIC links to live leaves
    double N = 0, M = 0;
    double ew_rate = 0; // east-west bytes/s each server sends, and on average receives
    // Across two networks: the router group between them, its sides on the compute and the storage network, and
    // per router whether it forwards (both sides reach a live leaf); NR routers do.
    const model::EndpointGroup* Rt = nullptr;
    std::uint32_t router_c = 0, router_s = 0; // first vertex of each side
    std::vector<std::uint32_t> router_links_c{}, router_links_s{};
    double NR = 0;
    // The NIC vertices that carry copies between servers: the cluster NICs when the system has a cluster network,
    // else the servers' NICs; and each one's links to live leaves.
    std::uint32_t ew_first = 0;
    std::vector<std::uint32_t> ew_links{};
    [[nodiscard]] bool cluster() const { return ew_first != S.first_vertex; }

    bool alive(std::uint32_t v) const { return !dead || !(*dead)[v]; }
    // The striping share of server t, 0 when it is out.
    double w(std::uint32_t t) const { return server_links[t] == 0 ? 0.0 : (share ? (*share)[S.first_vertex + t] : 1.0); }
};

// Works out the amplification and which endpoints are still in, once, for every phase to share.
Flow describe_flow(const spec::Spec& spec, const SystemGraph& g, const spec::BandwidthRequirement& req, BytesPerSecond required,
                   const Degradation* degraded) {
    const auto& storage = *spec.find_storage(req.to);
    bool write = req.direction == spec::Direction::write;
    Flow f{*g.find_group(req.from),
           *g.find_group(req.to),
           degraded ? &degraded->dead : nullptr,
           write,
           write ? write_amplification(storage.protection) : Amplification{},
           required.value(),
           degraded ? degraded->drive_read_amp : 1.0,
           degraded && !degraded->server_read_amp.empty() ? &degraded->server_read_amp : nullptr,
           nullptr,
           {},
           {}};
    if (degraded) {
        const auto& sh = write ? degraded->write_share : degraded->read_share;
        if (!sh.empty()) f.share = &sh;
    }
    const auto& edges = g.edges();
    const auto& verts = g.vertices();
    // An endpoint whose ports all lead to failed leaves is out, like a failed one; the others share its load.
    auto alive_links = [&](std::uint32_t v, bool out) {
        std::uint32_t links = 0;
        if (!f.alive(v)) return links;
        for (auto e : out ? g.out_edges(v) : g.in_edges(v)) {
            auto other = out ? edges[e].target : edges[e].source;
            if (verts[other].kind == VertexKind::leaf && f.alive(other)) links += edges[e].links;
        }
        return links;
    };
    f.node_links.resize(f.C.count);
    f.server_links.resize(f.S.count);
    for (std::uint32_t i = 0; i < f.C.count; ++i) f.N += (f.node_links[i] = alive_links(f.C.first_vertex + i, write)) > 0 ? 1 : 0;
    for (std::uint32_t t = 0; t < f.S.count; ++t) {
        f.server_links[t] = alive_links(f.S.first_vertex + t, !write);
        f.M += f.w(t);
    }
    f.ew_first = f.S.cluster_network.empty() ? f.S.first_vertex : f.S.first_cluster;
    f.ew_links.resize(f.S.count);
    for (std::uint32_t t = 0; t < f.S.count; ++t)
        f.ew_links[t] = f.cluster() ? alive_links(f.ew_first + t, true) : f.server_links[t];
    // Ends on two networks: route through the router group that joins them (the model checked there is one).
    std::string net_c, net_s;
    for (const auto& net : spec.networks)
        for (const auto& l : net.leaves) {
            if (l.hosts(req.from)) net_c = net.name;
            // The network clients reach the servers on, not their cluster network.
            if (l.hosts(req.to) && !(storage.cluster && storage.cluster->network == net.name)) net_s = net.name;
        }
    if (net_c != net_s)
        for (const auto& grp : g.groups())
            if (grp.is_router &&
                ((grp.network_a == net_c && grp.network_b == net_s) || (grp.network_a == net_s && grp.network_b == net_c))) {
                f.Rt = &grp;
                f.router_c = grp.first_on(net_c);
                f.router_s = grp.first_on(net_s);
                f.router_links_c.resize(grp.count);
                f.router_links_s.resize(grp.count);
                for (std::uint32_t r = 0; r < grp.count; ++r) {
                    // Writes enter a router from the compute network and leave it into the storage network.
                    f.router_links_c[r] = alive_links(f.router_c + r, !write);
                    f.router_links_s[r] = alive_links(f.router_s + r, write);
                    if (f.router_links_c[r] > 0 && f.router_links_s[r] > 0) f.NR += 1;
                }
            }
    // Degraded reads: the extra chunks are read from the drives; with client-side protection the client
    // decodes, so they also cross the server NICs and the fabric.
    if (!write && storage.protection.where == spec::ProtectionWhere::client) f.amp.network = f.read_amp;
    f.ew_rate = f.R * f.amp.east_west / f.M;
    return f;
}

// Demand is uniform over the live nodes: each puts R·a/N on its NIC edges by link share, and its
// leaves inject (writes) or deliver (reads) that traffic. A node's client stage, when it has one,
// carries the client bytes R/N: parity the client adds, or extra chunks it fetches to decode, are
// NIC bytes, not application bytes.
void inject_endpoints(const SystemGraph& g, const Flow& f, std::vector<double>& load, LeafTraffic& node_side) {
    const auto& edges = g.edges();
    const auto& verts = g.vertices();
    double node_rate = f.R * f.amp.network / f.N;
    for (std::uint32_t i = 0; i < f.C.count && f.N > 0; ++i) {
        auto v = f.C.first_vertex + i;
        if (f.node_links[i] == 0) continue;
        const auto& list = f.write ? g.out_edges(v) : g.in_edges(v);
        if (f.C.has_client) {
            auto client = f.C.endpoint(i);
            for (auto e : g.out_edges(f.write ? client : v))
                if (edges[e].target == (f.write ? v : client)) load[e] += f.R / f.N;
        }
        for (auto e : list) {
            auto other = f.write ? edges[e].target : edges[e].source;
            if (verts[other].kind != VertexKind::leaf || !f.alive(other)) continue;
            double t = node_rate * edges[e].links / f.node_links[i];
            load[e] += t;
            node_side.add(other, t);
        }
    }
}

// Striping is uniform over the live servers: each carries R/M through its NIC, controller and drive
// stages (amplified, plus east-west copies for writes), and its leaves inject or deliver the client part.
void server_stages(const SystemGraph& g, const Flow& f, std::vector<double>& load, std::vector<double>& ew,
                   LeafTraffic& server_side) {
    const auto& edges = g.edges();
    const auto& verts = g.vertices();
    const auto write = f.write;
    const auto R = f.R, M = f.M;
    const auto& amp = f.amp;
    for (std::uint32_t t = 0; t < f.S.count && M > 0; ++t) {
        auto nic = f.S.first_vertex + t, ctrl = f.S.first_ctrl + t, drives = f.S.first_drives + t;
        double w = f.w(t);
        if (w == 0) continue;
        double server_rate = w * R * amp.network / M, ew_rate = w * f.ew_rate;
        for (auto e : g.in_edges(nic))
            if (verts[edges[e].source].kind == VertexKind::leaf && f.alive(edges[e].source)) {
                double share = static_cast<double>(edges[e].links) / f.server_links[t];
                if (write) {
                    load[e] += server_rate * share;
                    if (!f.cluster()) ew[e] += ew_rate * share;
                    server_side.add(edges[e].source, server_rate * share);
                }
            }
        // Copies on the cluster network: received and sent through the cluster NIC's ports, by port share.
        if (write && f.cluster() && f.ew_links[t] > 0) {
            for (auto e : g.in_edges(f.ew_first + t))
                if (verts[edges[e].source].kind == VertexKind::leaf && f.alive(edges[e].source))
                    ew[e] += ew_rate * edges[e].links / f.ew_links[t];
            for (auto e : g.out_edges(f.ew_first + t))
                if (verts[edges[e].target].kind == VertexKind::leaf && f.alive(edges[e].target))
                    ew[e] += ew_rate * edges[e].links / f.ew_links[t];
        }
        for (auto e : g.out_edges(nic)) {
            if (verts[edges[e].target].kind == VertexKind::leaf) {
                if (!f.alive(edges[e].target)) continue;
                double share = static_cast<double>(edges[e].links) / f.server_links[t];
                if (write) {
                    if (!f.cluster()) ew[e] += ew_rate * share;
                } else {
                    load[e] += server_rate * share;
                    server_side.add(edges[e].target, server_rate * share);
                }
            } else if (write) {
                load[e] += server_rate; // nic -> controller: client bytes ...
                ew[e] += ew_rate;       // ... and copies from other servers
            }
        }
        for (auto e : g.out_edges(ctrl)) {
            if (write && edges[e].target == drives) {
                load[e] += w * R * amp.own_drives / M;
                ew[e] += ew_rate;
            }
            // The copies a primary forwards leave through its controller, in the direction it sends (limit.read).
            if (write && edges[e].target == nic) ew[e] += ew_rate;
            if (!write && edges[e].target == nic) load[e] += server_rate;
        }
        if (!write) { // degraded reads fetch more from the drives than they deliver
            double extra = f.server_read_amp ? (*f.server_read_amp)[drives] : 1.0;
            for (auto e : g.out_edges(drives)) load[e] += w * R * f.read_amp * extra / M;
        }
    }
}

// Routers between the two networks: each forwarding one carries R·a/NR through its forwarding stage, taking it in
// from the leaves of one network and handing it to the leaves of the other, by link share; those leaves are the
// destinations of the first leg and the sources of the second.
void router_stages(const SystemGraph& g, const Flow& f, std::vector<double>& load, LeafTraffic& c_side, LeafTraffic& s_side) {
    if (!f.Rt || f.NR <= 0) return;
    const auto& edges = g.edges();
    const auto& verts = g.vertices();
    double rate = f.R * f.amp.network / f.NR;
    for (std::uint32_t r = 0; r < f.Rt->count; ++r) {
        if (f.router_links_c[r] == 0 || f.router_links_s[r] == 0) continue;
        auto vc = f.router_c + r, vs = f.router_s + r;
        // The compute-network side: leaf -> router on writes, router -> leaf on reads.
        for (auto e : f.write ? g.in_edges(vc) : g.out_edges(vc)) {
            auto leaf = f.write ? edges[e].source : edges[e].target;
            if (verts[leaf].kind != VertexKind::leaf || !f.alive(leaf)) continue;
            double t = rate * edges[e].links / f.router_links_c[r];
            load[e] += t;
            c_side.add(leaf, t);
        }
        for (auto e : g.out_edges(f.write ? vc : vs))
            if (edges[e].target == (f.write ? vs : vc)) load[e] += rate; // forwarding
        for (auto e : f.write ? g.out_edges(vs) : g.in_edges(vs)) {
            auto leaf = f.write ? edges[e].target : edges[e].source;
            if (verts[leaf].kind != VertexKind::leaf || !f.alive(leaf)) continue;
            double t = rate * edges[e].links / f.router_links_s[r];
            load[e] += t;
            s_side.add(leaf, t);
        }
    }
}

// The dragonfly network `leaf` is on, or null when it is a fat tree.
const model::FabricSummary* dragonfly_of(const spec::Spec& spec, const SystemGraph& g, std::uint32_t leaf) {
    for (const auto& l : g.leaves())
        if (l.vertex == leaf) {
            const auto& net = spec.networks[l.network];
            if (!net.dragonfly) return nullptr;
            for (const auto& fab : g.fabrics())
                if (fab.name == net.name) return &fab;
        }
    return nullptr;
}

bool valiant(const spec::Spec& spec, const model::FabricSummary& fab) {
    for (const auto& net : spec.networks)
        if (net.name == fab.name) return net.dragonfly && net.dragonfly->paths == spec::Dragonfly::Paths::valiant;
    return false;
}

// Spreads leaf-to-leaf traffic T[i][j] = a[i]·q[j] over the network the leaves belong to: the fat tree's ECMP
// propagation, or the dragonfly's minimal or Valiant paths. Returns false when some of it has no path.
bool spread(const spec::Spec& spec, const SystemGraph& g, const std::vector<std::uint32_t>& srcs, const std::vector<double>& a,
            const std::vector<std::uint32_t>& dsts, const std::vector<double>& q, std::vector<double>& load,
            const std::vector<char>* dead) {
    const auto* fab = srcs.empty() ? nullptr : dragonfly_of(spec, g, srcs.front());
    if (!fab) return detail::propagate_separable(g, srcs, a, dsts, q, load, dead);
    DragonflyWiring w(g, *fab, dead);
    auto src_group = [&](std::size_t i) { return w.group(srcs[i]); };
    auto dst_group = [&](std::size_t j) { return w.group(dsts[j]); };
    return dragonfly_spread(w, valiant(spec, *fab), srcs, dsts, SeparableGroups(a, q, w.G, src_group, dst_group), load);
}

// The same for traffic that is not separable (a matrix T[i·|dsts| + j]).
bool spread_matrix(const spec::Spec& spec, const SystemGraph& g, const std::vector<std::uint32_t>& srcs,
                   const std::vector<std::uint32_t>& dsts, const std::vector<double>& T, std::vector<double>& load,
                   const std::vector<char>* dead) {
    const auto* fab = srcs.empty() ? nullptr : dragonfly_of(spec, g, srcs.front());
    if (!fab) return detail::propagate_matrix(g, srcs, dsts, T, load, dead);
    DragonflyWiring w(g, *fab, dead);
    auto src_group = [&](std::size_t i) { return w.group(srcs[i]); };
    auto dst_group = [&](std::size_t j) { return w.group(dsts[j]); };
    return dragonfly_spread(w, valiant(spec, *fab), srcs, dsts,
                            MatrixGroups(srcs.size(), dsts.size(), T, w.G, src_group, dst_group), load);
}

// Leaf-to-leaf traffic is uniform over sources and destinations, hence separable: T[i][j] = src_i · dst_j / Σ dst.
// Returns false when some of it has no path.
bool leaf_to_leaf(const spec::Spec& spec, const SystemGraph& g, const LeafTraffic& src, const LeafTraffic& dst,
                  std::vector<double>& load, const std::vector<char>* dead) {
    double dst_total = 0.0;
    for (double x : dst.amount) dst_total += x;
    std::vector<double> q(dst.amount.size());
    for (std::size_t j = 0; j < q.size(); ++j) q[j] = dst.amount[j] / dst_total;
    return spread(spec, g, src.leaves, src.amount, dst.leaves, q, load, dead);
}

// East-west copies (writes with primary-forwarded protection): server s sends its share w_s of ew_rate spread
// over the other servers in proportion to their shares (evenly over the other M-1 when every share is 1).
// Over the servers' leaves that is T[L][D] = Σ_s pf_s(L)·ew_rate·(P(D) - pf_s(D)) / (M - w_s), with pf_s(L) the
// share-weighted fraction of server s's ports on leaf L and P(D) = Σ_s pf_s(D). When no server has ports on two
// leaves, pf_s(D) is zero off s's own leaf and T is separable: a[L] = ew_rate·Σ_s pf_s(L)/(M - w_s), q[D] = P(D).
// Returns false when some copies have no path.
bool spread_east_west(const spec::Spec& spec, const SystemGraph& g, const Flow& f, const LeafTraffic& server_side,
                      std::vector<double>& ew) {
    if (!(f.write && f.ew_rate > 0 && f.M > 0)) return true;
    const auto& edges = g.edges();
    const auto& verts = g.vertices();
    const auto& S = f.S;
    // The leaves the copies leave from and arrive at: the servers' own, or their cluster network's.
    LeafTraffic ew_side(g.vertex_count());
    if (f.cluster()) {
        for (std::uint32_t s = 0; s < S.count; ++s)
            for (auto e : g.out_edges(f.ew_first + s))
                if (verts[edges[e].target].kind == VertexKind::leaf && f.alive(edges[e].target))
                    ew_side.add(edges[e].target, 0.0);
    }
    // A server that takes copies but has no live cluster port: they have no path.
    if (f.cluster())
        for (std::uint32_t s = 0; s < S.count; ++s)
            if (f.w(s) > 0 && f.ew_links[s] == 0) return false;
    const auto& side = f.cluster() ? ew_side : server_side;
    const auto& leaves = side.leaves;
    auto nl = leaves.size();
    struct Port {
        std::size_t leaf;
        double fraction;
    };
    std::vector<std::vector<Port>> pf(S.count); // per server: its share-weighted port fraction per leaf
    std::vector<double> P(nl, 0.0), a(nl, 0.0);
    bool separable = true;
    for (std::uint32_t s = 0; s < S.count; ++s) {
        if (f.w(s) == 0 || f.ew_links[s] == 0) continue;
        for (auto e : g.out_edges(f.ew_first + s)) {
            int pos = side.position[edges[e].target];
            if (pos < 0 || !f.alive(edges[e].target)) continue;
            auto l = static_cast<std::size_t>(pos);
            double x = f.w(s) * edges[e].links / f.ew_links[s];
            auto it = std::find_if(pf[s].begin(), pf[s].end(), [&](const Port& p) { return p.leaf == l; });
            if (it == pf[s].end())
                pf[s].push_back({l, x});
            else
                it->fraction += x;
            P[l] += x;
        }
        separable = separable && pf[s].size() <= 1;
    }
    for (std::uint32_t s = 0; s < S.count; ++s) {
        double others = f.M - f.w(s);
        if (others > 0)
            for (const auto& p : pf[s]) a[p.leaf] += f.ew_rate * p.fraction / others;
    }
    // Copies between servers on the same leaf turn around at that leaf (the fabric never sees T[L][L]).
    if (separable) return spread(spec, g, leaves, a, leaves, P, ew, f.dead);
    std::vector<double> Tew(nl * nl, 0.0);
    for (std::size_t L = 0; L < nl; ++L)
        for (std::size_t D = 0; D < nl; ++D) Tew[L * nl + D] = a[L] * P[D];
    for (std::uint32_t s = 0; s < S.count; ++s) {
        double others = f.M - f.w(s);
        if (others <= 0) continue;
        for (const auto& from : pf[s])
            for (const auto& to : pf[s]) Tew[from.leaf * nl + to.leaf] -= from.fraction * f.ew_rate * to.fraction / others;
    }
    for (std::size_t L = 0; L < nl; ++L) Tew[L * nl + L] = 0.0;
    return spread_matrix(spec, g, leaves, leaves, Tew, ew, f.dead);
}

// Busiest class first. Classes within the "met" tolerance of each other are tied and come in class order, so
// rounding noise (1e-16, which the order of summation decides) never decides which one is named first.
void busiest_first(std::vector<ClassLoad>& classes) {
    std::stable_sort(classes.begin(), classes.end(),
                     [](const ClassLoad& a, const ClassLoad& b) { return a.utilisation > b.utilisation; });
    for (auto run = classes.begin(); run != classes.end();) {
        double head = run->utilisation;
        auto end = std::find_if(run, classes.end(), [&](const ClassLoad& c) { return c.utilisation < head * (1.0 - k_met_tol); });
        std::stable_sort(run, end, [](const ClassLoad& a, const ClassLoad& b) { return a.cls < b.cls; });
        run = end;
    }
}

// The reports speak per class of element: each loaded class's busiest edge, with what its two ends
// carry over all their edges of that class, busiest class first.
std::vector<ClassLoad> summarise_classes(const SystemGraph& g, const std::vector<double>& load, const Degradation* degraded) {
    const auto& edges = g.edges();
    std::vector<ClassLoad> cls(g.classes().size());
    for (std::size_t c = 0; c < cls.size(); ++c) cls[c].cls = static_cast<std::uint32_t>(c);
    for (std::size_t e = 0; e < edges.size(); ++e) {
        if (load[e] <= 0) continue;
        auto& c = cls[edges[e].cls];
        double capacity = degraded ? degraded->capacity[e] : edges[e].capacity;
        double u = capacity > 0 ? load[e] / capacity : std::numeric_limits<double>::infinity();
        ++c.edges;
        if (u > c.utilisation) {
            c.utilisation = u;
            c.load = load[e];
            c.capacity = capacity;
            c.links = edges[e].links;
            c.busiest_edge = static_cast<std::uint32_t>(e);
        }
    }
    for (auto& c : cls) {
        if (c.edges == 0) continue;
        for (auto e : g.out_edges(edges[c.busiest_edge].source))
            if (edges[e].cls == c.cls) {
                c.source_total += load[e];
                c.source_links += edges[e].links;
            }
        for (auto e : g.in_edges(edges[c.busiest_edge].target))
            if (edges[e].cls == c.cls) {
                c.target_total += load[e];
                c.target_links += edges[e].links;
            }
    }
    std::vector<ClassLoad> loaded;
    for (const auto& c : cls)
        if (c.edges > 0) loaded.push_back(c);
    busiest_first(loaded);
    return loaded;
}

// Which side of a switch interface a class's busiest edge crosses, for counting the flows hashed there.
enum class Interface { none, leaf_up, leaf_down, agg_up, core_down };

Interface interface_of(const SystemGraph& g, const model::Edge& e) {
    auto s = g.vertices()[e.source].kind, t = g.vertices()[e.target].kind;
    if (s == VertexKind::leaf && is_fabric_switch(t)) return Interface::leaf_up;
    if (is_fabric_switch(s) && t == VertexKind::leaf) return Interface::leaf_down;
    if (s == VertexKind::aggregation && t == VertexKind::core) return Interface::agg_up;
    if (s == VertexKind::core && t == VertexKind::aggregation) return Interface::core_down;
    return Interface::none;
}

// Static ECMP: at the busiest edge of every fabric class, the flows hashed over that switch's equal-cost links
// (flows per endpoint pair x source endpoints behind it x destinations beyond it, or the reverse going down),
// and the class's utilisation raised by the expected busiest link over the mean (docs/models.md, static
// routing). Endpoints count by the share of their live ports on a leaf; destinations by their striping share.
void static_ecmp(const spec::Spec& spec, const SystemGraph& g, const Flow& f, std::vector<ClassLoad>& classes) {
    const auto& edges = g.edges();
    const auto& verts = g.vertices();
    bool any_static = false;
    for (const auto& net : spec.networks) any_static = any_static || net.routing.mode == spec::Routing::Mode::static_hash;
    if (!any_static) return;
    std::vector<double> src_on(g.vertex_count(), 0.0), dst_on(g.vertex_count(), 0.0);
    double src_total = 0, dst_total = 0;
    // Compute nodes send on writes; servers send on reads.
    auto count = [&](std::uint32_t v, std::uint32_t live_links, double weight, std::vector<double>& on, double& total) {
        if (live_links == 0 || weight == 0) return;
        total += weight;
        for (auto e : g.out_edges(v))
            if (verts[edges[e].target].kind == VertexKind::leaf && f.alive(edges[e].target))
                on[edges[e].target] += weight * edges[e].links / live_links;
    };
    for (std::uint32_t i = 0; i < f.C.count; ++i)
        count(f.C.first_vertex + i, f.node_links[i], 1.0, f.write ? src_on : dst_on, f.write ? src_total : dst_total);
    for (std::uint32_t t = 0; t < f.S.count; ++t)
        count(f.S.first_vertex + t, f.server_links[t], f.w(t), f.write ? dst_on : src_on, f.write ? dst_total : src_total);
    auto links_to = [&](std::uint32_t v, auto&& pick) {
        std::uint32_t n = 0;
        for (auto e : g.out_edges(v))
            if (pick(verts[edges[e].target].kind) && f.alive(edges[e].target)) n += edges[e].links;
        return n;
    };
    // A pod's endpoints: the leaves below an aggregation switch.
    auto pod_sum = [&](std::uint32_t agg, const std::vector<double>& on) {
        double sum = 0;
        for (auto e : g.in_edges(agg))
            if (verts[edges[e].source].kind == VertexKind::leaf) sum += on[edges[e].source];
        return sum;
    };
    for (auto& c : classes) {
        const auto& e = edges[c.busiest_edge];
        // The hashing happens on the class's own network, at its routing.
        const auto* net = spec.find_network(g.classes()[c.cls].network);
        if (!net || net->routing.mode != spec::Routing::Mode::static_hash) continue;
        double per_pair = net->routing.flows;
        double flows = 0;
        std::uint32_t paths = 0;
        switch (interface_of(g, e)) {
        case Interface::none: continue;
        case Interface::leaf_up:
            flows = src_on[e.source] * (dst_total - dst_on[e.source]) * per_pair;
            paths = links_to(e.source, is_fabric_switch);
            break;
        case Interface::leaf_down:
            flows = (src_total - src_on[e.target]) * dst_on[e.target] * per_pair;
            paths = links_to(e.target, is_fabric_switch);
            break;
        case Interface::agg_up:
        case Interface::core_down: {
            bool up = interface_of(g, e) == Interface::agg_up;
            auto agg = up ? e.source : e.target;
            // Each pod-crossing flow took one of the pod's aggregation switches (one per plane) at its leaf: as many
            // as a leaf below this one links to.
            std::uint32_t pod_aggs = 0;
            for (auto x : g.in_edges(agg))
                if (verts[edges[x].source].kind == VertexKind::leaf) {
                    for (auto y : g.out_edges(edges[x].source))
                        if (verts[edges[y].target].kind == VertexKind::aggregation) ++pod_aggs;
                    break;
                }
            double src_pod = pod_sum(agg, src_on), dst_pod = pod_sum(agg, dst_on);
            flows = (up ? src_pod * (dst_total - dst_pod) : (src_total - src_pod) * dst_pod) * per_pair / std::max(1u, pod_aggs);
            paths = links_to(agg, [](VertexKind k) { return k == VertexKind::core; });
            break;
        }
        }
        c.flows = flows;
        c.paths = paths;
        c.derate = ecmp_derate(flows, paths);
        c.utilisation *= c.derate;
    }
    busiest_first(classes);
}

} // namespace

double ecmp_derate(double flows, std::uint32_t paths) {
    if (paths <= 1 || flows <= 0) return 1.0;
    double mu = flows / paths;
    if (mu > 1000) {
        // Many flows a link: each count is nearly normal, and the largest of L normals lies about
        // sqrt(2 ln L) - (ln ln L + ln 4 pi) / (2 sqrt(2 ln L)) standard deviations above the mean.
        double L = paths, s = std::sqrt(2 * std::log(L));
        double z = L > 2 ? s - (std::log(std::log(L)) + std::log(4 * M_PI)) / (2 * s) : 0.5642;
        return std::max(1.0, 1.0 + z / std::sqrt(mu));
    }
    // E[max] = sum_{k >= 0} (1 - P(X <= k)^L), X ~ Poisson(mu); each term from its logarithm, so early terms
    // underflow to 0 harmlessly instead of stalling the sum.
    double log_term = -mu, cdf = 0, expected = 0;
    for (int k = 0; k < 1'000'000; ++k) {
        cdf = std::min(1.0, cdf + std::exp(log_term));
        double tail = 1.0 - std::pow(cdf, paths);
        if (tail < 1e-12 && k > mu) break;
        expected += tail;
        log_term += std::log(mu) - std::log(k + 1.0);
    }
    return std::max(1.0, expected / mu);
}

std::size_t tied_at_top(const std::vector<ClassLoad>& classes) {
    double top = 0;
    for (const auto& c : classes) top = std::max(top, c.utilisation);
    std::size_t n = 0;
    for (const auto& c : classes)
        if (c.utilisation >= top * (1.0 - k_met_tol)) ++n;
    return classes.empty() ? 0 : n;
}

RoutedResult route(const spec::Spec& spec, const SystemGraph& g, const spec::BandwidthRequirement& req, BytesPerSecond required,
                   const Degradation* degraded) {
    const auto f = describe_flow(spec, g, req, required, degraded);
    const auto edge_count = g.edges().size();
    RoutedResult r;
    r.edge_load.assign(edge_count, 0.0);
    r.east_west_load.assign(edge_count, 0.0);
    auto& load = r.edge_load;
    auto& ew = r.east_west_load;

    // Per leaf: client bytes/s to or from the endpoints on it.
    LeafTraffic node_side(g.vertex_count()), server_side(g.vertex_count());
    inject_endpoints(g, f, load, node_side);
    server_stages(g, f, load, ew, server_side);
    bool routed_all = true;
    if (f.Rt) {
        // Two legs, one on each network, joined at the routers.
        LeafTraffic router_c(g.vertex_count()), router_s(g.vertex_count());
        router_stages(g, f, load, router_c, router_s);
        routed_all = f.NR > 0;
        if (routed_all)
            routed_all = f.write ? leaf_to_leaf(spec, g, node_side, router_c, load, f.dead) &&
                                       leaf_to_leaf(spec, g, router_s, server_side, load, f.dead)
                                 : leaf_to_leaf(spec, g, server_side, router_s, load, f.dead) &&
                                       leaf_to_leaf(spec, g, router_c, node_side, load, f.dead);
    } else {
        routed_all = f.write ? leaf_to_leaf(spec, g, node_side, server_side, load, f.dead)
                             : leaf_to_leaf(spec, g, server_side, node_side, load, f.dead);
    }
    routed_all = spread_east_west(spec, g, f, server_side, ew) && routed_all;
    for (std::size_t e = 0; e < edge_count; ++e) load[e] += ew[e];

    r.classes = summarise_classes(g, load, degraded);
    static_ecmp(spec, g, f, r.classes);
    r.tied = tied_at_top(r.classes);
    for (const auto& c : r.classes) r.max_utilisation = std::max(r.max_utilisation, c.utilisation);
    r.routed_all = routed_all && f.N > 0 && f.M > 0;
    r.cut_off = f.C.count - static_cast<std::uint32_t>(f.N);
    r.achievable = BytesPerSecond(r.max_utilisation > 0 && r.routed_all ? f.R / r.max_utilisation : 0.0);
    return r;
}

} // namespace archplan::analysis
