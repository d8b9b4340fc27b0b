// SimGrid export: hosts, one link per graph edge and direction (parallel cables merged, as ECMP splits evenly over
// them), server controller and drive limits as links behind the server's NIC, and the requirement's traffic.
#include "archplan/sim/simgrid.hpp"

#include "archplan/analysis/analysis.hpp"
#include "archplan/spec/diagnostics.hpp"

#include <algorithm>
#include <deque>
#include <fmt/format.h>
#include <limits>
#include <set>
#include <sstream>

namespace archplan::sim {

namespace {

using model::VertexKind;

bool is_switch(VertexKind k) {
    return k == VertexKind::leaf || k == VertexKind::spine || k == VertexKind::aggregation || k == VertexKind::core;
}

// The edge from a to b, if there is one.
std::optional<std::uint32_t> edge_between(const model::SystemGraph& g, std::uint32_t a, std::uint32_t b) {
    for (auto e : g.out_edges(a))
        if (g.edges()[e].target == b) return e;
    return std::nullopt;
}

// The equal-cost paths from `from` to `to` through switches only (shortest in hops), each with the share of the
// bytes hop-by-hop ECMP gives it: at every hop the bytes split over the next hops in proportion to their links (the
// routed model's split), so a path's share is the product of its hops' shares. Next hops in vertex order.
struct Paths {
    std::vector<std::vector<std::uint32_t>> paths;
    std::vector<double> share;
    std::vector<std::uint32_t> dmodk; // the one path d-mod-k picks: at each hop, port (destination mod ports)
};

Paths equal_cost_paths(const model::SystemGraph& g, std::uint32_t from, std::uint32_t to, std::uint32_t destination) {
    const auto& edges = g.edges();
    const auto& verts = g.vertices();
    constexpr int unreached = std::numeric_limits<int>::max();
    std::vector<int> dist(g.vertex_count(), unreached); // hops to `to`, backwards over in-edges
    std::deque<std::uint32_t> queue{to};
    dist[to] = 0;
    while (!queue.empty()) {
        auto v = queue.front();
        queue.pop_front();
        for (auto e : g.in_edges(v)) {
            auto u = edges[e].source;
            if (dist[u] != unreached || !(u == from || is_switch(verts[u].kind))) continue;
            dist[u] = dist[v] + 1;
            queue.push_back(u);
        }
    }
    Paths out;
    if (dist[from] == unreached) return out;
    auto next_hops = [&](std::uint32_t v) {
        std::vector<std::uint32_t> next;
        for (auto e : g.out_edges(v))
            if (dist[edges[e].target] == dist[v] - 1) next.push_back(e);
        std::sort(next.begin(), next.end(), [&](auto x, auto y) { return edges[x].target < edges[y].target; });
        return next;
    };
    std::vector<std::uint32_t> path;
    auto walk = [&](auto&& self, std::uint32_t v, double share) -> void {
        if (v == to) {
            out.paths.push_back(path);
            out.share.push_back(share);
            return;
        }
        auto next = next_hops(v);
        double links = 0;
        for (auto e : next) links += edges[e].links;
        for (auto e : next) {
            path.push_back(e);
            self(self, edges[e].target, share * edges[e].links / links);
            path.pop_back();
        }
    };
    walk(walk, from, 1.0);
    // d-mod-k: the ports of the next hops in order, parallel cables one port each; the destination's index picks one.
    for (auto v = from; v != to;) {
        auto next = next_hops(v);
        std::uint32_t ports = 0;
        for (auto e : next) ports += edges[e].links;
        auto port = destination % ports;
        for (auto e : next) {
            if (port < edges[e].links) {
                out.dmodk.push_back(e);
                v = edges[e].target;
                break;
            }
            port -= edges[e].links;
        }
    }
    return out;
}

// A dragonfly's minimal paths, as archplan's routed model takes them: inside a group the direct local link; between
// groups every global link between the two groups, by cables, with a local hop to the switch holding it and from
// the switch it lands on.
class DragonflyPaths {
public:
    DragonflyPaths(const model::SystemGraph& g, const model::FabricSummary& fab)
        : m_g(g), m_a(fab.switches_per_group), m_pos(g.vertex_count(), -1),
          m_global(static_cast<std::size_t>(fab.groups) * static_cast<std::size_t>(fab.groups)), m_groups(fab.groups) {
        for (std::size_t i = 0; i < fab.switches.size(); ++i) m_pos[fab.switches[i]] = static_cast<int>(i);
        for (auto v : fab.switches)
            for (auto e : g.out_edges(v)) {
                auto w = g.edges()[e].target;
                if (m_pos[w] >= 0 && group(v) != group(w)) m_global[pair(group(v), group(w))].push_back(e);
            }
    }
    [[nodiscard]] bool is_switch(std::uint32_t v) const { return m_pos[v] >= 0; }

    // From an endpoint (its edges to switches) to another (switches' edges to it): every minimal path with its share.
    Paths between(std::uint32_t from, std::uint32_t to, std::uint32_t destination) const {
        const auto& edges = m_g.edges();
        std::vector<std::uint32_t> first, last;
        for (auto e : m_g.out_edges(from))
            if (is_switch(edges[e].target)) first.push_back(e);
        for (auto e : m_g.in_edges(to))
            if (is_switch(edges[e].source)) last.push_back(e);
        Paths out;
        double first_links = links(first), last_links = links(last);
        for (auto a : first)
            for (auto b : last) {
                double share = edges[a].links / first_links * edges[b].links / last_links;
                for (const auto& [middle, s] : middles(edges[a].target, edges[b].source)) {
                    std::vector<std::uint32_t> path{a};
                    path.insert(path.end(), middle.begin(), middle.end());
                    path.push_back(b);
                    out.paths.push_back(path);
                    out.share.push_back(share * s);
                }
            }
        // d-mod-k: the destination's index picks the port out, the global cable and the port in.
        if (!first.empty() && !last.empty()) {
            auto a = pick(first, destination), b = pick(last, destination);
            auto options = middles(edges[a].target, edges[b].source);
            if (!options.empty()) {
                std::size_t k = destination % options.size(); // the global links between the groups, in order
                out.dmodk = {a};
                out.dmodk.insert(out.dmodk.end(), options[k].first.begin(), options[k].first.end());
                out.dmodk.push_back(b);
            }
        }
        return out;
    }

private:
    int group(std::uint32_t v) const { return m_pos[v] / m_a; }
    std::size_t pair(int g1, int g2) const {
        return static_cast<std::size_t>(g1) * static_cast<std::size_t>(m_groups) + static_cast<std::size_t>(g2);
    }
    double links(const std::vector<std::uint32_t>& es) const {
        double n = 0;
        for (auto e : es) n += m_g.edges()[e].links;
        return n;
    }
    std::uint32_t pick(const std::vector<std::uint32_t>& es, std::uint32_t destination) const {
        auto port = static_cast<long>(destination % static_cast<std::uint32_t>(links(es)));
        for (auto e : es) {
            if (port < static_cast<long>(m_g.edges()[e].links)) return e;
            port -= m_g.edges()[e].links;
        }
        return es.back();
    }
    // The switch-to-switch legs from s to d, each with its share.
    std::vector<std::pair<std::vector<std::uint32_t>, double>> middles(std::uint32_t s, std::uint32_t d) const {
        std::vector<std::pair<std::vector<std::uint32_t>, double>> out;
        auto local = [&](std::uint32_t x, std::uint32_t y, std::vector<std::uint32_t>& into) {
            if (x == y) return true;
            auto e = edge_between(m_g, x, y);
            if (e) into.push_back(*e);
            return e.has_value();
        };
        if (group(s) == group(d)) {
            std::vector<std::uint32_t> leg;
            if (local(s, d, leg)) out.emplace_back(leg, 1.0);
            return out;
        }
        const auto& globals = m_global[pair(group(s), group(d))];
        double n = links(globals);
        for (auto e : globals) {
            const auto& l = m_g.edges()[e];
            std::vector<std::uint32_t> leg;
            if (!local(s, l.source, leg)) continue;
            leg.push_back(e);
            if (!local(l.target, d, leg)) continue;
            out.emplace_back(leg, l.links / n);
        }
        return out;
    }
    const model::SystemGraph& m_g;
    int m_a;
    std::vector<int> m_pos;
    std::vector<std::vector<std::uint32_t>> m_global; // by group pair: the global edges
    int m_groups;
};

// Text for an XML comment: "--" may not appear in one.
std::string comment_text(std::string s) {
    for (auto at = s.find("--"); at != std::string::npos; at = s.find("--", at)) s.replace(at, 2, "- -");
    return s;
}

// A JSON string's inside: quotes, backslashes and control characters escaped.
std::string json_text(const std::string& s) {
    std::string out;
    for (char c : s) {
        if (c == '"' || c == '\\')
            out += std::string("\\") + c;
        else if (static_cast<unsigned char>(c) < 0x20)
            out += fmt::format("\\u{:04x}", static_cast<int>(c));
        else
            out += c;
    }
    return out;
}

std::string bandwidth(double bytes_per_second) { return fmt::format("{:.17g}Bps", bytes_per_second); }

} // namespace

SimgridExport export_simgrid(const plan::Evaluation& ev, const std::string& id) {
    SimgridExport x;
    const auto& a = ev.analysis;
    const auto& spec = a.effective;
    const auto& g = ev.graph;
    const analysis::BandwidthResult* b = nullptr;
    std::vector<std::string> ids;
    for (const auto& r : a.bandwidth) {
        ids.push_back(spec.bandwidth[r.requirement].id);
        if (!b && (id.empty() || ids.back() == id)) b = &r;
    }
    if (!b) {
        auto near = spec::nearest(id, ids);
        x.error = ids.empty() ? "the spec has no bandwidth requirement to export"
                              : fmt::format("no bandwidth requirement '{}'{}", id,
                                            near.empty() ? "" : fmt::format("; did you mean '{}'?", near));
        return x;
    }
    const auto& req = spec.bandwidth[b->requirement];
    const auto& st = *spec.find_storage(req.to);
    bool write = req.direction == spec::Direction::write;
    auto amp = write ? analysis::write_amplification(st.protection) : analysis::Amplification{};
    if (amp.east_west > 0) {
        x.error =
            fmt::format("'{}' writes with primary-forwarded protection: its server-to-server copies are not replayed", req.id);
        return x;
    }
    std::optional<DragonflyPaths> dragonfly; // set: the requirement crosses a dragonfly (minimal paths)
    // What the export's sub-flows cannot stand for: static hashing's expected busiest link (routing: static), and
    // dual-homed endpoints, whose bytes the routed model spreads over both leaves' ports toward the other side.
    for (const auto& net : spec.networks) {
        bool carries = false;
        for (const auto& l : net.leaves)
            if (l.hosts(req.from) || l.hosts(req.to)) {
                carries = true;
                if (l.dual) {
                    x.error = fmt::format("'{}' on network '{}' is dual-homed: the export does not replay how the routed "
                                          "model spreads its bytes over both leaves",
                                          l.hosts(req.from) ? req.from : req.to, net.name);
                    return x;
                }
            }
        if (carries && net.dragonfly) {
            if (net.dragonfly->paths == spec::Dragonfly::Paths::valiant) {
                x.error = fmt::format("network '{}' routes Valiant: the export replays minimal paths only", net.name);
                return x;
            }
            for (const auto& fab : g.fabrics())
                if (fab.name == net.name && fab.dragonfly) dragonfly.emplace(g, fab);
        }
        if (carries && net.routing.mode == spec::Routing::Mode::static_hash) {
            x.error = fmt::format("network '{}' has 'routing: static': the routed figure includes the hashing's expected "
                                  "busiest link, which equal sub-flows do not replay",
                                  net.name);
            return x;
        }
    }
    const auto& C = *g.find_group(req.from);
    const auto& S = *g.find_group(req.to);
    const auto& edges = g.edges();
    const auto& verts = g.vertices();
    // Client bytes per byte on each edge: the capacity SimGrid sees is the edge's capacity over it.
    auto amp_of = [&](std::uint32_t e) {
        if (!write) return 1.0;
        auto sk = verts[edges[e].source].kind, tk = verts[edges[e].target].kind;
        if (sk == VertexKind::client) return 1.0;
        if (sk == VertexKind::server_ctrl && tk == VertexKind::server_drives) return amp.own_drives;
        return amp.network;
    };
    std::vector<char> used(edges.size(), 0);
    std::ostringstream routes, ecmp, dmodk;
    ecmp << "source,destination,bytes\n";
    dmodk << "source,destination,bytes\n";
    x.routed = b->routed.achievable.value();
    x.bytes = b->required.value(); // one second of the requirement
    double per_pair = x.bytes / (static_cast<double>(C.count) * S.count);
    auto route = [&](const std::string& src, const std::string& dst, const std::vector<std::uint32_t>& path) {
        routes << fmt::format("    <route src=\"{}\" dst=\"{}\" symmetrical=\"NO\">", src, dst);
        for (auto e : path) {
            used[e] = 1;
            routes << fmt::format("<link_ctn id=\"e{}\"/>", e);
        }
        routes << "</route>\n";
    };
    // Hosts: the destinations, and per source one virtual host per path index, so that each sub-flow is its own host
    // pair with its own explicit route (a route is per host pair). SimGrid's Full routing keeps a hosts x hosts table.
    std::vector<std::string> hosts;
    std::set<std::string> seen;
    auto host = [&](const std::string& h) {
        if (seen.insert(h).second) hosts.push_back(h);
    };
    auto too_large = [&] {
        if (hosts.size() <= k_max_hosts && x.subflows <= k_max_subflows) return false;
        x.error = fmt::format("too large to replay: over {} hosts or {} sub-flows (SimGrid's Full routing keeps hosts x "
                              "hosts routes, 8 bytes each, and every sub-flow is a transfer); export a smaller design",
                              k_max_hosts, k_max_subflows);
        return true;
    };
    for (std::uint32_t i = 0; i < C.count; ++i) {
        auto node = C.first_vertex + i;
        for (std::uint32_t j = 0; j < S.count; ++j) {
            auto nic = S.first_vertex + j, ctrl = S.first_ctrl + j, drives = S.first_drives + j;
            auto found = dragonfly ? (write ? dragonfly->between(node, nic, j) : dragonfly->between(nic, node, i))
                                   : (write ? equal_cost_paths(g, node, nic, j) : equal_cost_paths(g, nic, node, i));
            const auto& paths = found.paths;
            if (paths.empty()) {
                x.error = fmt::format("no path through the switches between '{}' node {} and '{}' server {} (routes "
                                      "through routers are not exported)",
                                      req.from, i, req.to, j);
                return x;
            }
            // The stages before and after the network: the client, the server's NIC, controller and drives.
            std::vector<std::uint32_t> head, tail;
            auto stage = [&](std::vector<std::uint32_t>& into, std::uint32_t u, std::uint32_t v) {
                if (auto e = edge_between(g, u, v)) into.push_back(*e);
            };
            if (write) {
                if (C.has_client) stage(head, C.first_client + i, node);
                stage(tail, nic, ctrl);
                stage(tail, ctrl, drives);
            } else {
                stage(head, drives, ctrl);
                stage(head, ctrl, nic);
                if (C.has_client) stage(tail, node, C.first_client + i);
            }
            auto full = [&](const std::vector<std::uint32_t>& p) {
                auto all = head;
                all.insert(all.end(), p.begin(), p.end());
                all.insert(all.end(), tail.begin(), tail.end());
                return all;
            };
            auto dst = write ? fmt::format("server-{}", j) : fmt::format("node-{}", i);
            host(dst);
            auto src_of = [&](std::size_t k) { return write ? fmt::format("n{}p{}", i, k) : fmt::format("s{}p{}", j, k); };
            for (std::size_t k = 0; k < paths.size(); ++k) {
                host(src_of(k));
                route(src_of(k), dst, full(paths[k]));
                ecmp << fmt::format("{},{},{:.17g}\n", src_of(k), dst, per_pair * found.share[k]);
                ++x.subflows;
            }
            if (too_large()) return x;
            // d-mod-k: each pair over the one path its destination's index picks, level by level, from its own host.
            auto src = write ? fmt::format("n{}d", i) : fmt::format("s{}d", j);
            host(src);
            route(src, dst, full(found.dmodk));
            dmodk << fmt::format("{},{},{:.17g}\n", src, dst, per_pair);
            ++x.pairs;
        }
    }
    std::ostringstream p;
    p << "<?xml version='1.0'?>\n<!DOCTYPE platform SYSTEM \"https://simgrid.org/simgrid.dtd\">\n"
      << fmt::format("<!-- archplan export simgrid: '{}' ({}), {} -> {}. Link bandwidths are payload bytes/s over the "
                     "client bytes each carries per client byte; latency 0. -->\n",
                     comment_text(req.id), spec::direction_name(req.direction), comment_text(req.from), comment_text(req.to))
      << "<platform version=\"4.1\">\n  <zone id=\"archplan\" routing=\"Full\">\n";
    for (const auto& h : hosts) p << fmt::format("    <host id=\"{}\" speed=\"1Gf\"/>\n", h);
    for (std::size_t e = 0; e < edges.size(); ++e)
        if (used[e])
            p << fmt::format("    <link id=\"e{}\" bandwidth=\"{}\" latency=\"0s\"/><!-- {} -->\n", e,
                             bandwidth(edges[e].capacity / amp_of(static_cast<std::uint32_t>(e))),
                             comment_text(g.classes()[edges[e].cls].name));
    p << routes.str() << "  </zone>\n</platform>\n";
    x.platform = p.str();
    x.ecmp = ecmp.str();
    x.dmodk = dmodk.str();
    x.summary = fmt::format("{{\n  \"requirement\": \"{}\",\n  \"direction\": \"{}\",\n  \"routed_bytes_per_second\": {:.17g},\n"
                            "  \"bytes\": {:.17g},\n  \"sources\": {},\n  \"servers\": {},\n  \"ecmp_subflows\": {},\n"
                            "  \"dmodk_flows\": {}\n}}\n",
                            json_text(req.id), spec::direction_name(req.direction), x.routed, x.bytes, C.count, S.count,
                            x.subflows, x.pairs);
    return x;
}

} // namespace archplan::sim
