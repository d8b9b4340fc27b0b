// Routed flow: the requirement spread uniformly over the source nodes, striped uniformly over the
// servers, and split evenly over equal-cost paths (ECMP, per link) between leaves.
#include "archplan/analysis/analysis.hpp"

#include "archplan/model/algorithms.hpp"

#include <algorithm>
#include <cassert>
#include <limits>
#include <map>

namespace archplan::analysis {

using model::SystemGraph;
using model::VertexKind;

namespace {

bool is_fabric_switch(VertexKind k) { return k == VertexKind::spine || k == VertexKind::aggregation || k == VertexKind::core; }

// Spreads leaf-to-leaf traffic T[src][dst] (bytes/s) over the fabric with per-hop ECMP, adding to `load`.
// Destination leaves with the same upper neighbours form one class and share one breadth-first search;
// within a class the traffic arriving at a shared parent is split over the members in proportion to
// what they receive, which is exact when T is a product of a source and a destination term.
// Returns false when some traffic has no path (a failure cut the fabric).
bool propagate(const SystemGraph& g, const std::vector<std::uint32_t>& srcs, const std::vector<std::uint32_t>& dsts,
               const std::vector<double>& T, std::vector<double>& load, const std::vector<char>* dead) {
    bool all_routed = true;
    auto alive = [&](std::uint32_t v) { return !dead || !(*dead)[v]; };
    const auto& edges = g.edges();
    const auto& verts = g.vertices();
    std::map<std::vector<std::pair<std::uint32_t, std::uint32_t>>, std::vector<std::size_t>> classes;
    for (std::size_t j = 0; j < dsts.size(); ++j) {
        std::vector<std::pair<std::uint32_t, std::uint32_t>> parents;
        for (auto e : g.in_edges(dsts[j]))
            if (is_fabric_switch(verts[edges[e].source].kind) && alive(edges[e].source))
                parents.emplace_back(edges[e].source, edges[e].links);
        std::sort(parents.begin(), parents.end());
        classes[parents].push_back(j);
    }
    std::vector<double> amount(g.vertex_count(), 0.0);
    std::vector<int> member_pos(g.vertex_count(), -1);
    auto transit = [&](std::uint32_t v) { return is_fabric_switch(verts[v].kind) && alive(v); };
    std::vector<char> transit_mask(g.vertex_count());
    for (std::uint32_t v = 0; v < g.vertex_count(); ++v) transit_mask[v] = transit(v) ? 1 : 0;
    const auto nd = dsts.size();

    for (const auto& [parents, members] : classes) {
        if (parents.empty()) {
            for (std::size_t i = 0; i < srcs.size(); ++i)
                for (auto m : members)
                    if (T[i * nd + m] > 0 && srcs[i] != dsts[m]) all_routed = false;
            continue;
        }
        std::vector<std::uint32_t> targets;
        std::uint32_t parent_links = 0;
        for (auto [p, l] : parents) {
            targets.push_back(p);
            parent_links += l;
        }
        for (std::size_t m = 0; m < members.size(); ++m) member_pos[dsts[members[m]]] = static_cast<int>(m);
        std::vector<double> received(members.size(), 0.0); // from sources outside the class
        double received_total = 0.0;
        std::vector<std::vector<std::uint32_t>> bucket(1);
        for (std::size_t i = 0; i < srcs.size(); ++i) {
            auto L = srcs[i];
            if (member_pos[L] >= 0) {
                // A member sends to its siblings up through the shared parents and straight down.
                for (auto e : g.out_edges(L)) {
                    if (!transit(edges[e].target)) continue;
                    double share = static_cast<double>(edges[e].links) / parent_links;
                    for (std::size_t m = 0; m < members.size(); ++m) {
                        auto D = dsts[members[m]];
                        if (D == L) continue;
                        double t = T[i * nd + members[m]] * share;
                        if (t <= 0) continue;
                        load[e] += t;
                        for (auto d : g.out_edges(edges[e].target))
                            if (edges[d].target == D) load[d] += t;
                    }
                }
                continue;
            }
            double total = 0.0;
            for (std::size_t m = 0; m < members.size(); ++m) {
                double t = T[i * nd + members[m]];
                received[m] += t;
                total += t;
            }
            if (total <= 0) continue;
            amount[L] += total;
            received_total += total;
        }
        if (received_total <= 0) {
            for (auto L : srcs) amount[L] = 0.0;
            for (auto j : members) member_pos[dsts[j]] = -1;
            continue;
        }
        auto dist = model::hops_to(g, targets, transit_mask);
        int max_d = 0;
        for (auto L : srcs)
            if (amount[L] > 0) {
                if (dist[L] <= 0)
                    all_routed = false; // cut off by a failure
                else
                    max_d = std::max(max_d, dist[L]);
            }
        bucket.assign(static_cast<std::size_t>(max_d) + 1, {});
        for (auto L : srcs)
            if (amount[L] > 0 && dist[L] > 0) bucket[static_cast<std::size_t>(dist[L])].push_back(L);
        for (int d = max_d; d >= 1; --d) {
            for (auto v : bucket[static_cast<std::size_t>(d)]) {
                double a = amount[v];
                amount[v] = 0.0;
                std::uint32_t links = 0;
                for (auto e : g.out_edges(v))
                    if (transit(edges[e].target) && dist[edges[e].target] == d - 1) links += edges[e].links;
                assert(links > 0);
                for (auto e : g.out_edges(v)) {
                    auto w = edges[e].target;
                    if (!transit(w) || dist[w] != d - 1) continue;
                    double t = a * edges[e].links / links;
                    load[e] += t;
                    if (amount[w] == 0.0) bucket[static_cast<std::size_t>(d - 1)].push_back(w);
                    amount[w] += t;
                }
            }
        }
        for (auto p : bucket[0]) {
            double a = amount[p];
            amount[p] = 0.0;
            for (auto e : g.out_edges(p)) {
                auto D = edges[e].target;
                if (member_pos[D] < 0) continue;
                load[e] += a * received[static_cast<std::size_t>(member_pos[D])] / received_total;
            }
        }
        for (auto L : srcs) amount[L] = 0.0;
        for (auto j : members) member_pos[dsts[j]] = -1;
    }
    return all_routed;
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

} // namespace

RoutedResult route(const spec::Spec& spec, const SystemGraph& g, const spec::BandwidthRequirement& req, BytesPerSecond required,
                   const Degradation* degraded) {
    const std::vector<char>* dead = degraded ? &degraded->dead : nullptr;
    auto alive = [&](std::uint32_t v) { return !dead || !(*dead)[v]; };
    const auto& edges = g.edges();
    const auto& verts = g.vertices();
    const auto& C = *g.find_group(req.from);
    const auto& S = *g.find_group(req.to);
    const auto& storage = *spec.find_storage(req.to);
    bool write = req.direction == spec::Direction::write;
    Amplification amp = write ? write_amplification(storage.protection) : Amplification{};
    double R = required.value();
    // An endpoint whose ports all lead to failed leaves is out, like a failed one; the others share its load.
    auto alive_links = [&](std::uint32_t v, bool out) {
        std::uint32_t links = 0;
        if (!alive(v)) return links;
        for (auto e : out ? g.out_edges(v) : g.in_edges(v)) {
            auto other = out ? edges[e].target : edges[e].source;
            if (verts[other].kind == VertexKind::leaf && alive(other)) links += edges[e].links;
        }
        return links;
    };
    std::vector<std::uint32_t> node_links(C.count), server_links(S.count);
    double N = 0, M = 0;
    for (std::uint32_t i = 0; i < C.count; ++i) N += (node_links[i] = alive_links(C.first_vertex + i, write)) > 0 ? 1 : 0;
    for (std::uint32_t t = 0; t < S.count; ++t) M += (server_links[t] = alive_links(S.first_vertex + t, !write)) > 0 ? 1 : 0;
    double read_amp = degraded ? degraded->drive_read_amp : 1.0;
    // Degraded reads: the extra chunks are read from the drives; with client-side protection the client
    // decodes, so they also cross the server NICs and the fabric.
    if (!write && storage.protection.where == spec::ProtectionWhere::client) amp.network = read_amp;

    RoutedResult r;
    r.edge_load.assign(edges.size(), 0.0);
    r.east_west_load.assign(edges.size(), 0.0);
    auto& load = r.edge_load;
    auto& ew = r.east_west_load;

    LeafTraffic node_side(g.vertex_count()),
        server_side(g.vertex_count()); // per leaf: client bytes/s to or from the endpoints on it
    double node_rate = R * amp.network / N;
    for (std::uint32_t i = 0; i < C.count && N > 0; ++i) {
        auto v = C.first_vertex + i;
        if (node_links[i] == 0) continue;
        const auto& list = write ? g.out_edges(v) : g.in_edges(v);
        for (auto e : list) {
            if (!alive(write ? edges[e].target : edges[e].source)) continue;
            double t = node_rate * edges[e].links / node_links[i];
            load[e] += t;
            node_side.add(write ? edges[e].target : edges[e].source, t);
        }
    }
    double server_rate = R * amp.network / M;
    double ew_rate = R * amp.east_west / M; // each server sends, and on average receives, this much
    for (std::uint32_t t = 0; t < S.count && M > 0; ++t) {
        auto nic = S.first_vertex + t, ctrl = S.first_ctrl + t, drives = S.first_drives + t;
        if (server_links[t] == 0) continue;
        for (auto e : g.in_edges(nic))
            if (verts[edges[e].source].kind == VertexKind::leaf && alive(edges[e].source)) {
                double share = static_cast<double>(edges[e].links) / server_links[t];
                if (write) {
                    load[e] += server_rate * share;
                    ew[e] += ew_rate * share;
                    server_side.add(edges[e].source, server_rate * share);
                }
            }
        for (auto e : g.out_edges(nic)) {
            if (verts[edges[e].target].kind == VertexKind::leaf) {
                if (!alive(edges[e].target)) continue;
                double share = static_cast<double>(edges[e].links) / server_links[t];
                if (write) {
                    ew[e] += ew_rate * share;
                } else {
                    load[e] += server_rate * share;
                    server_side.add(edges[e].target, server_rate * share);
                }
            } else if (write) {
                load[e] += R * amp.network / M; // nic -> controller: client bytes ...
                ew[e] += ew_rate;               // ... and copies from other servers
            }
        }
        for (auto e : g.out_edges(ctrl)) {
            if (write && edges[e].target == drives) load[e] += R * amp.own_drives / M, ew[e] += ew_rate;
            if (!write && edges[e].target == nic) load[e] += server_rate;
        }
        if (!write) // degraded reads fetch more from the drives than they deliver
            for (auto e : g.out_edges(drives)) load[e] += R * read_amp / M;
    }

    // Leaf-to-leaf traffic: uniform over sources and destinations, hence separable.
    const auto& src = write ? node_side : server_side;
    const auto& dst = write ? server_side : node_side;
    double dst_total = 0.0;
    for (double a : dst.amount) dst_total += a;
    std::vector<double> T(src.leaves.size() * dst.leaves.size());
    for (std::size_t i = 0; i < src.leaves.size(); ++i)
        for (std::size_t j = 0; j < dst.leaves.size(); ++j)
            T[i * dst.leaves.size() + j] = src.amount[i] * dst.amount[j] / dst_total;
    bool routed_all = propagate(g, src.leaves, dst.leaves, T, load, dead);

    // East-west copies: server s sends ew_rate spread evenly over the other M-1 servers.
    if (write && ew_rate > 0 && M > 1) {
        const auto& leaves = server_side.leaves;
        auto nl = leaves.size();
        std::vector<double> pf(static_cast<std::size_t>(S.count) * nl, 0.0); // port fraction of server s on leaf l
        std::vector<double> P(nl, 0.0);
        for (std::uint32_t s = 0; s < S.count; ++s)
            for (auto e : g.out_edges(S.first_vertex + s)) {
                int pos = server_side.position[edges[e].target];
                if (pos < 0 || server_links[s] == 0 || !alive(edges[e].target)) continue;
                auto l = static_cast<std::size_t>(pos);
                pf[s * nl + l] += static_cast<double>(edges[e].links) / server_links[s];
                P[l] += static_cast<double>(edges[e].links) / server_links[s];
            }
        std::vector<double> Tew(nl * nl, 0.0);
        for (std::uint32_t s = 0; s < S.count; ++s)
            for (std::size_t L = 0; L < nl; ++L) {
                double from = pf[s * nl + L];
                if (from == 0) continue;
                for (std::size_t D = 0; D < nl; ++D) Tew[L * nl + D] += from * ew_rate * (P[D] - pf[s * nl + D]) / (M - 1);
            }
        // Copies between servers on the same leaf turn around at that leaf.
        for (std::size_t L = 0; L < nl; ++L) Tew[L * nl + L] = 0.0;
        routed_all = propagate(g, leaves, leaves, Tew, ew, dead) && routed_all;
    }
    for (std::size_t e = 0; e < edges.size(); ++e) load[e] += ew[e];

    // Per class: the busiest edge.
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
    for (const auto& c : cls)
        if (c.edges > 0) r.classes.push_back(c);
    std::stable_sort(r.classes.begin(), r.classes.end(),
                     [](const ClassLoad& a, const ClassLoad& b) { return a.utilisation > b.utilisation; });
    r.max_utilisation = r.classes.empty() ? 0.0 : r.classes.front().utilisation;
    r.routed_all = routed_all && N > 0 && M > 0;
    r.achievable = BytesPerSecond(r.max_utilisation > 0 && r.routed_all ? R / r.max_utilisation : 0.0);
    return r;
}

} // namespace archplan::analysis
