// Leaf-to-leaf traffic over a fat tree: shortest paths toward each destination class's parents, split at
// every hop over the live next hops by link count (per-link ECMP), delivered to the class's members in
// proportion to what each receives. See docs/models.md, "Routed flow", and docs/performance.md.
#include "analysis/propagate.hpp"

#include <algorithm>
#include <cassert>
#include <map>

namespace archplan::analysis::detail {

using model::SystemGraph;
using model::VertexKind;

namespace {

// Hop distances to `targets` through transit vertices: a breadth-first search over in-edges into `dist` (all -1 on
// entry), listing the vertices it sets in `touched` so the caller resets only those.
void hops_into(const SystemGraph& g, const std::vector<std::uint32_t>& targets, const std::vector<char>& transit,
               std::vector<int>& dist, std::vector<std::uint32_t>& touched) {
    const auto& edges = g.edges();
    for (auto t : targets)
        if (dist[t] < 0) {
            dist[t] = 0;
            touched.push_back(t);
        }
    for (std::size_t head = 0; head < touched.size(); ++head) { // `touched` is the queue, in visiting order
        auto x = touched[head];
        if (!transit[x] && dist[x] != 0) continue; // only targets and transit vertices pass traffic on
        for (auto e : g.in_edges(x)) {
            auto y = edges[e].source;
            if (dist[y] >= 0) continue;
            dist[y] = dist[x] + 1;
            touched.push_back(y);
        }
    }
}

using Parents = std::vector<std::pair<std::uint32_t, std::uint32_t>>; // (live switch, links), sorted

// Per-vertex arrays shared by the classes of one call; each class leaves them as it found them.
struct Workspace {
    const SystemGraph& g;
    std::vector<char> transit; // a live fabric switch: passes traffic on
    std::vector<double> amount;
    std::vector<int> member_pos;
    std::vector<int> src_pos; // index into the sources, or -1
    std::vector<int> dist;
    std::vector<std::uint32_t> touched;
    std::vector<std::vector<std::uint32_t>> bucket;

    Workspace(const SystemGraph& graph, const std::vector<std::uint32_t>& srcs, const std::vector<char>* dead)
        : g(graph), transit(graph.vertex_count()), amount(graph.vertex_count(), 0.0), member_pos(graph.vertex_count(), -1),
          src_pos(graph.vertex_count(), -1), dist(graph.vertex_count(), -1) {
        const auto& verts = g.vertices();
        for (std::uint32_t v = 0; v < g.vertex_count(); ++v)
            transit[v] = is_fabric_switch(verts[v].kind) && (!dead || !(*dead)[v]) ? 1 : 0;
        for (std::size_t i = 0; i < srcs.size(); ++i) src_pos[srcs[i]] = static_cast<int>(i);
    }
    void mark(const std::vector<std::uint32_t>& dsts, const std::vector<std::size_t>& members, bool on) {
        for (std::size_t m = 0; m < members.size(); ++m) member_pos[dsts[members[m]]] = on ? static_cast<int>(m) : -1;
    }
};

// Destination leaves with the same live parents (and links to each) form one class.
std::map<Parents, std::vector<std::size_t>> destination_classes(const Workspace& ws, const std::vector<std::uint32_t>& dsts) {
    const auto& edges = ws.g.edges();
    std::map<Parents, std::vector<std::size_t>> classes;
    for (std::size_t j = 0; j < dsts.size(); ++j) {
        Parents parents;
        for (auto e : ws.g.in_edges(dsts[j]))
            if (ws.transit[edges[e].source]) parents.emplace_back(edges[e].source, edges[e].links);
        std::sort(parents.begin(), parents.end());
        classes[parents].push_back(j);
    }
    return classes;
}

std::uint32_t links_of(const Parents& parents) {
    std::uint32_t n = 0;
    for (const auto& p : parents) n += p.second;
    return n;
}

// A class no live switch reaches: routed only if nothing but its own members' traffic to themselves is asked of it.
template <class Traffic>
bool reachable(const std::vector<std::uint32_t>& srcs, const std::vector<std::uint32_t>& dsts,
               const std::vector<std::size_t>& members, Traffic t) {
    for (std::size_t i = 0; i < srcs.size(); ++i)
        for (auto m : members)
            if (t(i, m) > 0 && srcs[i] != dsts[m]) return false;
    return true;
}

// The class's members' traffic to each other: up to the shared parents, straight down. `down` is per-vertex scratch,
// UINT32_MAX on entry and on return: per parent, its edge down to the member at hand.
template <class Traffic>
void siblings(Workspace& ws, const std::vector<std::uint32_t>& dsts, std::uint32_t parent_links,
              const std::vector<std::size_t>& members, Traffic t, std::vector<double>& load, std::vector<std::uint32_t>& down) {
    const auto& g = ws.g;
    const auto& edges = g.edges();
    for (auto m : members) {
        auto D = dsts[m];
        for (auto d : g.in_edges(D)) down[edges[d].source] = d;
        for (auto from : members) {
            auto L = dsts[from];
            int i = ws.src_pos[L];
            if (i < 0 || L == D) continue;
            for (auto e : g.out_edges(L)) {
                auto p = edges[e].target;
                if (!ws.transit[p]) continue;
                double x = t(static_cast<std::size_t>(i), m) * edges[e].links / parent_links;
                if (x <= 0) continue;
                load[e] += x;
                if (down[p] != UINT32_MAX) load[down[p]] += x;
            }
        }
        for (auto d : g.in_edges(D)) down[edges[d].source] = UINT32_MAX;
    }
}

// The same for separable traffic, in one pass over the members' edges instead of one per pair of members: a member
// sends a·(Q - its own q) to the parents by link share, and a parent passes down to member D what the other members
// sent it, q_D·(S_p - D's own part). `sent` and `own` are per-vertex scratch, zero on entry and on return.
void siblings_separable(Workspace& ws, const std::vector<double>& a, const std::vector<std::uint32_t>& dsts,
                        const std::vector<double>& q, std::uint32_t parent_links, const std::vector<std::size_t>& members,
                        double Q, std::vector<double>& load, std::vector<double>& sent, std::vector<double>& own) {
    const auto& g = ws.g;
    const auto& edges = g.edges();
    auto share = [&](std::uint32_t e, std::size_t i) { return a[i] * edges[e].links / parent_links; };
    bool any = false;
    for (auto j : members) {
        int i = ws.src_pos[dsts[j]];
        if (i < 0 || a[static_cast<std::size_t>(i)] <= 0) continue;
        any = true;
        for (auto e : g.out_edges(dsts[j]))
            if (ws.transit[edges[e].target]) {
                double s = share(e, static_cast<std::size_t>(i));
                load[e] += s * (Q - q[j]);
                sent[edges[e].target] += s;
            }
    }
    if (!any) return;
    for (auto j : members) {
        auto D = dsts[j];
        int i = ws.src_pos[D];
        bool source = i >= 0 && a[static_cast<std::size_t>(i)] > 0;
        if (source)
            for (auto e : g.out_edges(D))
                if (ws.transit[edges[e].target]) own[edges[e].target] = share(e, static_cast<std::size_t>(i));
        for (auto e : g.in_edges(D)) {
            auto p = edges[e].source;
            if (!ws.transit[p]) continue;
            double x = sent[p] - own[p];
            if (x > 0) load[e] += q[j] * x;
        }
        if (source)
            for (auto e : g.out_edges(D)) own[edges[e].target] = 0.0;
    }
    for (auto j : members)
        for (auto e : g.in_edges(dsts[j])) sent[edges[e].source] = 0.0;
}

// The traffic from sources outside the class to its members: a breadth-first search toward the parents, then the
// amounts pushed down the hop levels, split over the next hops by link count. At a parent the traffic is split
// over the members in proportion to what they receive, which is exact when the traffic is separable.
// Returns false when some of it has no path (a failure cut the fabric).
template <class Traffic>
bool search_class(Workspace& ws, const std::vector<std::uint32_t>& srcs, const Parents& parents,
                  const std::vector<std::size_t>& members, Traffic t, std::vector<double>& load) {
    const auto& g = ws.g;
    const auto& edges = g.edges();
    auto& amount = ws.amount;
    auto& dist = ws.dist;
    std::vector<double> received(members.size(), 0.0);
    double received_total = 0.0;
    for (std::size_t i = 0; i < srcs.size(); ++i) {
        auto L = srcs[i];
        if (ws.member_pos[L] >= 0) continue;
        double total = 0.0;
        for (std::size_t m = 0; m < members.size(); ++m) {
            double x = t(i, members[m]);
            received[m] += x;
            total += x;
        }
        if (total <= 0) continue;
        amount[L] += total;
        received_total += total;
    }
    if (received_total <= 0) {
        for (auto L : srcs) amount[L] = 0.0;
        return true;
    }
    std::vector<std::uint32_t> targets;
    for (const auto& p : parents) targets.push_back(p.first);
    for (auto v : ws.touched) dist[v] = -1;
    ws.touched.clear();
    hops_into(g, targets, ws.transit, dist, ws.touched);
    bool all_routed = true;
    int max_d = 0;
    for (auto L : srcs)
        if (amount[L] > 0) {
            if (dist[L] <= 0)
                all_routed = false; // cut off by a failure
            else
                max_d = std::max(max_d, dist[L]);
        }
    auto& bucket = ws.bucket;
    bucket.assign(static_cast<std::size_t>(max_d) + 1, {});
    for (auto L : srcs)
        if (amount[L] > 0 && dist[L] > 0) bucket[static_cast<std::size_t>(dist[L])].push_back(L);
    for (int d = max_d; d >= 1; --d) {
        for (auto v : bucket[static_cast<std::size_t>(d)]) {
            double a = amount[v];
            amount[v] = 0.0;
            std::uint32_t links = 0;
            for (auto e : g.out_edges(v))
                if (ws.transit[edges[e].target] && dist[edges[e].target] == d - 1) links += edges[e].links;
            assert(links > 0);
            for (auto e : g.out_edges(v)) {
                auto w = edges[e].target;
                if (!ws.transit[w] || dist[w] != d - 1) continue;
                double x = a * edges[e].links / links;
                load[e] += x;
                if (amount[w] == 0.0) bucket[static_cast<std::size_t>(d - 1)].push_back(w);
                amount[w] += x;
            }
        }
    }
    for (auto p : bucket[0]) {
        double a = amount[p];
        amount[p] = 0.0;
        for (auto e : g.out_edges(p)) {
            int m = ws.member_pos[edges[e].target];
            if (m >= 0) load[e] += a * received[static_cast<std::size_t>(m)] / received_total;
        }
    }
    for (auto L : srcs) amount[L] = 0.0;
    return all_routed;
}

// The healthy three-tier pattern, independent of the destination: every source with traffic splits it over its
// live aggregation switches, and each of those over its live cores, by link count. `in` is what each switch
// receives on the way up (per unit of destination share), `paths` how many source-to-switch edges feed it, so a
// class can tell exactly when nothing but its own neighbours feed a core.
struct Upward {
    bool holds = true;                    // every source reaches only aggregation switches, every fed one only cores
    std::vector<std::uint32_t> src_links; // per source: links to live switches
    std::vector<std::uint32_t> agg_links; // per aggregation switch: links to live cores
    std::vector<std::uint32_t> fed_aggs;  // the aggregation switches that receive
    std::vector<double> in;               // per switch
    std::vector<std::uint64_t> paths;     // per switch
    std::vector<char> fed_core;           // per core: fed by some aggregation switch
    std::uint32_t fed_cores = 0;
};

Upward upward(const Workspace& ws, const std::vector<std::uint32_t>& srcs, const std::vector<double>& a) {
    const auto& g = ws.g;
    const auto& edges = g.edges();
    const auto& verts = g.vertices();
    Upward up;
    up.src_links.assign(srcs.size(), 0);
    up.agg_links.assign(g.vertex_count(), 0);
    up.in.assign(g.vertex_count(), 0.0);
    up.paths.assign(g.vertex_count(), 0);
    up.fed_core.assign(g.vertex_count(), 0);
    std::vector<char> fed(g.vertex_count(), 0);
    for (std::size_t i = 0; i < srcs.size(); ++i) {
        if (a[i] <= 0) continue;
        for (auto e : g.out_edges(srcs[i])) {
            auto x = edges[e].target;
            if (!ws.transit[x]) continue;
            if (verts[x].kind != VertexKind::aggregation) up.holds = false;
            up.src_links[i] += edges[e].links;
        }
        if (up.src_links[i] == 0) up.holds = false;
        if (!up.holds) return up;
        for (auto e : g.out_edges(srcs[i])) {
            auto x = edges[e].target;
            if (!ws.transit[x]) continue;
            up.in[x] += a[i] * edges[e].links / up.src_links[i];
            up.paths[x] += 1;
            if (!fed[x]) {
                fed[x] = 1;
                up.fed_aggs.push_back(x);
            }
        }
    }
    for (auto x : up.fed_aggs) {
        for (auto e : g.out_edges(x)) {
            auto c = edges[e].target;
            if (!ws.transit[c]) continue;
            if (verts[c].kind != VertexKind::core) up.holds = false;
            up.agg_links[x] += edges[e].links;
        }
        if (up.agg_links[x] == 0) up.holds = false;
        if (!up.holds) return up;
        for (auto e : g.out_edges(x)) {
            auto c = edges[e].target;
            if (!ws.transit[c]) continue;
            up.in[c] += up.in[x] * edges[e].links / up.agg_links[x];
            up.paths[c] += up.paths[x];
            if (!up.fed_core[c]) {
                up.fed_core[c] = 1;
                ++up.fed_cores;
            }
        }
    }
    return up;
}

// One destination class on the healthy pattern. The traffic of sources outside the class's reach goes up the shared
// pattern (the caller adds it, weighted, once for all classes); here: the sources wired to a parent send to it
// directly, each core passes what it receives from the other sources down into the parents, and the parents deliver.
// Returns false, having changed nothing, when the pattern does not hold for this class (then the search routes it).
class PodRouter {
public:
    PodRouter(Workspace& ws, const Upward& up, const std::vector<std::uint32_t>& srcs, const std::vector<double>& a,
              const std::vector<double>& q)
        : ws_(ws), up_(up), srcs_(srcs), a_(a), q_(q), core_links_(ws.g.vertex_count(), 0), sub_(ws.g.vertex_count(), 0.0),
          sub_paths_(ws.g.vertex_count(), 0), seen_(srcs.size(), 0), cut_weight_(srcs.size(), 0.0), cut_count_(srcs.size(), 0) {}

    bool route(const Parents& parents, const std::vector<std::size_t>& members, double Q, std::vector<double>& load) {
        const auto& g = ws_.g;
        const auto& edges = g.edges();
        const auto& verts = g.vertices();
        // The pattern holds when the parents are aggregation switches fed only by cores, and every core the sources'
        // traffic reaches on the way up is one of them (a failure in this pod breaks it: the search takes over).
        std::vector<std::uint32_t> cores;
        bool holds = up_.holds;
        for (const auto& [p, links] : parents) {
            if (verts[p].kind != VertexKind::aggregation) holds = false;
            for (auto e : g.in_edges(p)) {
                auto c = edges[e].source;
                if (!ws_.transit[c]) continue;
                if (verts[c].kind != VertexKind::core) holds = false;
                if (core_links_[c] == 0) cores.push_back(c);
                core_links_[c] += edges[e].links;
            }
        }
        std::uint32_t fed = 0;
        for (auto c : cores) fed += up_.fed_core[c] ? 1 : 0;
        if (!holds || fed != up_.fed_cores) {
            for (auto c : cores) core_links_[c] = 0;
            return false;
        }
        ++stamp_;
        ++classes_;
        q_total_ += Q;
        // Sources wired to a parent: they send straight to it, not up the pattern.
        std::vector<std::uint32_t> fed_aggs;
        for (const auto& pl : parents) {
            auto p = pl.first;
            for (auto e : g.in_edges(p)) {
                int i = ws_.src_pos[edges[e].source];
                if (i < 0 || seen_[static_cast<std::size_t>(i)] == stamp_) continue;
                auto si = static_cast<std::size_t>(i);
                seen_[si] = stamp_;
                cut_weight_[si] += Q;
                ++cut_count_[si];
                if (a_[si] <= 0) continue;
                auto L = srcs_[si];
                std::uint32_t direct = 0;
                for (auto o : g.out_edges(L)) {
                    auto x = edges[o].target;
                    if (!ws_.transit[x]) continue;
                    if (sub_paths_[x] == 0) fed_aggs.push_back(x);
                    sub_[x] += a_[si] * edges[o].links / up_.src_links[si];
                    sub_paths_[x] += 1;
                    if (is_parent(parents, x)) direct += edges[o].links;
                }
                if (ws_.member_pos[L] >= 0) continue; // a member: siblings() carried its traffic
                for (auto o : g.out_edges(L)) {
                    auto x = edges[o].target;
                    if (!ws_.transit[x] || !is_parent(parents, x)) continue;
                    double t = a_[si] * Q * edges[o].links / direct;
                    load[o] += t;
                    ws_.amount[x] += t;
                }
            }
        }
        // What those sources' upward share would have put on each core, taken off what the cores pass down.
        std::vector<std::uint32_t> fed_cores;
        for (auto x : fed_aggs) {
            for (auto e : g.out_edges(x)) {
                auto c = edges[e].target;
                if (!ws_.transit[c]) continue;
                if (sub_paths_[c] == 0) fed_cores.push_back(c);
                sub_[c] += sub_[x] * edges[e].links / up_.agg_links[x];
                sub_paths_[c] += sub_paths_[x];
            }
        }
        for (auto c : cores) {
            // Exactly nothing when only the class's neighbours feed the core (their sums cancel only to rounding).
            double rest = up_.paths[c] == sub_paths_[c] ? 0.0 : std::max(0.0, up_.in[c] - sub_[c]);
            sub_[c] = Q * rest; // from here on: what the core passes down
        }
        for (const auto& pl : parents) {
            auto p = pl.first;
            for (auto e : g.in_edges(p)) {
                auto c = edges[e].source;
                if (!ws_.transit[c] || core_links_[c] == 0) continue;
                double t = sub_[c] * edges[e].links / core_links_[c];
                load[e] += t;
                ws_.amount[p] += t;
            }
        }
        for (const auto& pl : parents) {
            auto p = pl.first;
            for (auto e : g.out_edges(p)) {
                int m = ws_.member_pos[edges[e].target];
                if (m >= 0) load[e] += ws_.amount[p] * q_[members[static_cast<std::size_t>(m)]] / Q;
            }
            ws_.amount[p] = 0.0;
        }
        for (auto v : fed_aggs) sub_[v] = 0.0, sub_paths_[v] = 0;
        for (auto v : fed_cores) sub_[v] = 0.0, sub_paths_[v] = 0;
        for (auto c : cores) core_links_[c] = 0, sub_[c] = 0.0;
        return true;
    }

    // The traffic of every source up the pattern, once, weighted by the classes it is not wired to.
    void push_up(std::vector<double>& load) const {
        if (classes_ == 0) return;
        const auto& g = ws_.g;
        const auto& edges = g.edges();
        std::vector<double> in(g.vertex_count(), 0.0);
        for (std::size_t i = 0; i < srcs_.size(); ++i) {
            if (a_[i] <= 0 || cut_count_[i] == classes_) continue;
            double x = a_[i] * std::max(0.0, q_total_ - cut_weight_[i]);
            for (auto e : g.out_edges(srcs_[i])) {
                auto agg = edges[e].target;
                if (!ws_.transit[agg]) continue;
                double t = x * edges[e].links / up_.src_links[i];
                load[e] += t;
                in[agg] += t;
            }
        }
        for (auto agg : up_.fed_aggs) {
            if (in[agg] <= 0) continue;
            for (auto e : g.out_edges(agg))
                if (ws_.transit[edges[e].target]) load[e] += in[agg] * edges[e].links / up_.agg_links[agg];
        }
    }

private:
    static bool is_parent(const Parents& parents, std::uint32_t v) {
        auto it = std::lower_bound(parents.begin(), parents.end(), std::make_pair(v, std::uint32_t{0}));
        return it != parents.end() && it->first == v;
    }

    Workspace& ws_;
    const Upward& up_;
    const std::vector<std::uint32_t>& srcs_;
    const std::vector<double>& a_;
    const std::vector<double>& q_;
    std::vector<std::uint32_t> core_links_; // per core: links down into the class's parents
    std::vector<double> sub_;
    std::vector<std::uint64_t> sub_paths_;
    std::vector<std::uint32_t> seen_; // per source: the stamp of the last class it was found wired to
    std::vector<double> cut_weight_;  // per source: the destination share of the classes it is wired to
    std::vector<std::uint32_t> cut_count_;
    std::uint32_t stamp_ = 0, classes_ = 0;
    double q_total_ = 0.0; // the destination share of the classes routed here
};

} // namespace

bool propagate_matrix(const SystemGraph& g, const std::vector<std::uint32_t>& srcs, const std::vector<std::uint32_t>& dsts,
                      const std::vector<double>& T, std::vector<double>& load, const std::vector<char>* dead) {
    Workspace ws(g, srcs, dead);
    const auto nd = dsts.size();
    std::vector<std::uint32_t> down(g.vertex_count(), UINT32_MAX);
    auto t = [&](std::size_t i, std::size_t j) { return T[i * nd + j]; };
    bool all_routed = true;
    for (const auto& [parents, members] : destination_classes(ws, dsts)) {
        if (parents.empty()) {
            all_routed = reachable(srcs, dsts, members, t) && all_routed;
            continue;
        }
        ws.mark(dsts, members, true);
        siblings(ws, dsts, links_of(parents), members, t, load, down);
        all_routed = search_class(ws, srcs, parents, members, t, load) && all_routed;
        ws.mark(dsts, members, false);
    }
    return all_routed;
}

bool propagate_separable(const SystemGraph& g, const std::vector<std::uint32_t>& srcs, const std::vector<double>& a,
                         const std::vector<std::uint32_t>& dsts, const std::vector<double>& q, std::vector<double>& load,
                         const std::vector<char>* dead, PropagateStats* stats) {
    Workspace ws(g, srcs, dead);
    auto t = [&](std::size_t i, std::size_t j) { return a[i] * q[j]; };
    const auto up = upward(ws, srcs, a);
    std::vector<double> sent(g.vertex_count(), 0.0), own(g.vertex_count(), 0.0);
    PodRouter pods(ws, up, srcs, a, q);
    bool all_routed = true;
    for (const auto& [parents, members] : destination_classes(ws, dsts)) {
        if (parents.empty()) {
            all_routed = reachable(srcs, dsts, members, t) && all_routed;
            continue;
        }
        double Q = 0.0;
        for (auto j : members) Q += q[j];
        if (Q <= 0) continue;
        ws.mark(dsts, members, true);
        siblings_separable(ws, a, dsts, q, links_of(parents), members, Q, load, sent, own);
        bool pattern = pods.route(parents, members, Q, load);
        if (!pattern) all_routed = search_class(ws, srcs, parents, members, t, load) && all_routed;
        if (stats) ++(pattern ? stats->pattern : stats->searched);
        ws.mark(dsts, members, false);
    }
    pods.push_up(load);
    return all_routed;
}

} // namespace archplan::analysis::detail
