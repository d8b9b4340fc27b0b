// Ideal flow: the largest uniform scaling of the per-node demands that any routing can carry.
// Parametric max-flow by Dinkelbach's method over Boost's max-flow; the binding minimum cut names
// the bottleneck edges.
#include "archplan/analysis/analysis.hpp"

#include "archplan/model/algorithms.hpp"

#include <algorithm>
#include <limits>
#include <map>

namespace archplan::analysis {

using model::VertexKind;

namespace {

bool is_network(VertexKind k) {
    return k == VertexKind::leaf || k == VertexKind::spine || k == VertexKind::aggregation || k == VertexKind::core;
}

// Per edge: bytes carried per client byte of flow (amp) and background load per unit scale
// (east-west copies, routed as in the routed model). amp 0: not usable in this direction.
struct EdgeTerms {
    std::vector<double> amp;
    std::vector<double> background;
};

EdgeTerms edge_terms(const model::SystemGraph& g, const spec::BandwidthRequirement& req, const Amplification& a,
                     const RoutedResult& routed) {
    const auto& edges = g.edges();
    const auto& verts = g.vertices();
    bool write = req.direction == spec::Direction::write;
    const auto& C = *g.find_group(req.from);
    const auto& S = *g.find_group(req.to);
    auto owner_is = [&](std::uint32_t v, const model::EndpointGroup& grp) {
        return v >= grp.first_vertex && v < grp.first_vertex + grp.count;
    };
    auto server_of = [&](std::uint32_t v) {
        return (v >= S.first_vertex && v < S.first_vertex + S.count) || (v >= S.first_ctrl && v < S.first_ctrl + S.count) ||
               (v >= S.first_drives && v < S.first_drives + S.count);
    };
    EdgeTerms t{std::vector<double>(edges.size(), 0.0), routed.east_west_load};
    for (std::size_t e = 0; e < edges.size(); ++e) {
        auto sk = verts[edges[e].source].kind, tk = verts[edges[e].target].kind;
        auto s = edges[e].source, d = edges[e].target;
        double amp = 0.0;
        if (is_network(sk) && is_network(tk))
            amp = a.network;
        else if (write) {
            if (sk == VertexKind::compute && owner_is(s, C))
                amp = a.network;
            else if (is_network(sk) && tk == VertexKind::server_nic && server_of(d))
                amp = a.network;
            else if (sk == VertexKind::server_nic && tk == VertexKind::server_ctrl && server_of(s))
                amp = a.network;
            else if (sk == VertexKind::server_ctrl && tk == VertexKind::server_drives && server_of(s))
                amp = a.own_drives;
        } else {
            if (tk == VertexKind::compute && owner_is(d, C))
                amp = 1.0;
            else if (sk == VertexKind::server_nic && is_network(tk) && server_of(s))
                amp = 1.0;
            else if (sk == VertexKind::server_ctrl && tk == VertexKind::server_nic && server_of(s))
                amp = 1.0;
            else if (sk == VertexKind::server_drives && tk == VertexKind::server_ctrl && server_of(s))
                amp = 1.0;
        }
        t.amp[e] = amp;
    }
    return t;
}

} // namespace

IdealResult ideal(const spec::Spec& spec, const model::SystemGraph& g, const spec::BandwidthRequirement& req,
                  BytesPerSecond required, const RoutedResult& routed) {
    const auto& edges = g.edges();
    const auto& storage = *spec.find_storage(req.to);
    bool write = req.direction == spec::Direction::write;
    Amplification a = write ? write_amplification(storage.protection) : Amplification{};
    const auto& C = *g.find_group(req.from);
    const auto& S = *g.find_group(req.to);
    double R = required.value();
    double d = R / C.count; // client bytes per node at scale 1
    auto terms = edge_terms(g, req, a, routed);

    // Upper bound: no node moves more than its NIC allows, no edge carries more background than it has.
    double lambda = std::numeric_limits<double>::infinity();
    for (std::uint32_t i = 0; i < C.count; ++i) {
        double nic = 0.0;
        auto v = C.first_vertex + i;
        for (auto e : write ? g.out_edges(v) : g.in_edges(v))
            if (terms.amp[e] > 0) nic += edges[e].capacity / terms.amp[e];
        lambda = std::min(lambda, nic / d);
    }
    for (std::size_t e = 0; e < edges.size(); ++e)
        if (terms.amp[e] > 0 && terms.background[e] > 0) lambda = std::min(lambda, edges[e].capacity / terms.background[e]);

    std::vector<char> use(edges.size(), 0);
    for (std::size_t e = 0; e < edges.size(); ++e) use[e] = terms.amp[e] > 0 ? 1 : 0;

    // A node whose NIC ports all reach one leaf is a chain source -> node -> leaf (writes) or leaf -> node
    // -> sink (reads); it is folded into one arc of capacity min(demand, NIC) at its leaf, which leaves
    // the flow value unchanged and takes most vertices and arcs out of the max-flow. Its side of the cut
    // is restored afterwards: the cheaper of its demand and its NIC is the one cut.
    struct Folded {
        std::uint32_t node, nic_edge;
        double nic; // client bytes/s its NIC carries
    };
    std::vector<Folded> folded;
    std::map<std::uint32_t, std::vector<std::size_t>> by_leaf; // leaf vertex -> indices into folded
    std::vector<std::uint32_t> nodes;                          // not folded
    for (std::uint32_t i = 0; i < C.count; ++i) {
        auto v = C.first_vertex + i;
        std::uint32_t nic_edge = 0, count = 0;
        for (auto e : write ? g.out_edges(v) : g.in_edges(v))
            if (use[e]) nic_edge = e, ++count;
        if (count != 1) {
            nodes.push_back(v);
            continue;
        }
        use[nic_edge] = 0;
        by_leaf[write ? edges[nic_edge].target : edges[nic_edge].source].push_back(folded.size());
        folded.push_back({v, nic_edge, edges[nic_edge].capacity / terms.amp[nic_edge]});
    }
    std::vector<std::uint32_t> endpoints = nodes, leaves;
    for (const auto& [leaf, members] : by_leaf) {
        leaves.push_back(leaf);
        endpoints.push_back(leaf);
    }
    std::vector<std::uint32_t> servers;
    for (std::uint32_t t = 0; t < S.count; ++t) servers.push_back(S.first_drives + t);
    // Writes flow from the nodes to the drive stages; reads from the drive stages to the nodes.
    model::FlowNetwork network(g, use, write ? endpoints : servers, write ? servers : endpoints);
    std::vector<double> capacity(edges.size(), 0.0);
    double total_capacity = 0; // more than any flow can use, whatever the requirement's size
    for (const auto& e : edges) total_capacity += e.capacity;
    const std::vector<double> unlimited(servers.size(), 2 * total_capacity);
    std::vector<double> node_demand(endpoints.size(), 0.0);

    auto solve = [&](double lam) {
        for (std::size_t e = 0; e < edges.size(); ++e)
            capacity[e] = use[e] ? std::max(0.0, edges[e].capacity - lam * terms.background[e]) / terms.amp[e] : 0.0;
        std::fill(node_demand.begin(), node_demand.begin() + static_cast<std::ptrdiff_t>(nodes.size()), lam * d);
        for (std::size_t l = 0; l < leaves.size(); ++l) {
            double sum = 0;
            for (auto i : by_leaf[leaves[l]]) sum += std::min(lam * d, folded[i].nic);
            node_demand[nodes.size() + l] = sum;
        }
        return write ? network.solve(capacity, node_demand, unlimited) : network.solve(capacity, unlimited, node_demand);
    };
    // The internal edges of a minimum cut, and the two terms of its capacity: feasibility at scale
    // lambda needs fixed >= lambda * per_lambda (demand left uncut plus background on the cut).
    auto cut_of = [&](const model::FlowResult& f, double lam, double& fixed, double& per_lambda) {
        std::vector<std::uint32_t> cut;
        fixed = 0.0;
        per_lambda = 0.0;
        for (std::size_t e = 0; e < edges.size(); ++e) {
            if (!use[e] || !(f.source_side[edges[e].source] && !f.source_side[edges[e].target])) continue;
            fixed += edges[e].capacity / terms.amp[e];
            per_lambda += terms.background[e] / terms.amp[e];
            cut.push_back(static_cast<std::uint32_t>(e));
        }
        std::uint32_t n = 0; // nodes whose demand the cut leaves uncut
        for (auto v : nodes) {
            bool src_side = f.source_side[v] != 0;
            if (write ? src_side : !src_side) ++n;
        }
        for (const auto& [leaf, members] : by_leaf) {
            // Writes: a leaf on the source side keeps its nodes' demand uncut. Reads: a leaf on the sink side does.
            bool leaf_keeps = write ? f.source_side[leaf] != 0 : f.source_side[leaf] == 0;
            for (auto i : members) {
                if (leaf_keeps || lam * d <= folded[i].nic) {
                    if (leaf_keeps) ++n; // otherwise the demand arc is the one cut
                    continue;
                }
                ++n; // the NIC is cut and the demand is not
                fixed += folded[i].nic;
                cut.push_back(folded[i].nic_edge);
            }
        }
        per_lambda += d * n;
        return cut;
    };

    IdealResult r;
    std::vector<std::uint32_t> binding;
    const int max_rounds = 60;
    for (int iter = 1; iter <= max_rounds; ++iter) {
        r.iterations = iter;
        auto f = solve(lambda);
        double fixed = 0.0, per = 0.0;
        if (f.value >= lambda * R * (1.0 - 1e-9)) {
            // Feasible. If it was feasible at the upper bound, the binding cut is the one just above it.
            if (binding.empty()) binding = cut_of(solve(lambda * (1.0 + 1e-6)), lambda * (1.0 + 1e-6), fixed, per);
            break;
        }
        binding = cut_of(f, lambda, fixed, per);
        double next = per > 0 ? fixed / per : 0.0;
        if (!(next < lambda * (1.0 - 1e-12)) || iter == max_rounds) {
            // Rounding stalled the parametric search: bisect between the routed figure, which is a
            // feasible uniform flow, and this infeasible scale.
            double lo = routed.achievable.value() / R, hi = lambda;
            for (int k = 0; k < 40 && hi - lo > 1e-9 * hi; ++k) {
                double mid = 0.5 * (lo + hi);
                auto m = solve(mid);
                if (m.value >= mid * R * (1.0 - 1e-9))
                    lo = mid;
                else {
                    hi = mid;
                    binding = cut_of(m, mid, fixed, per);
                }
            }
            lambda = lo;
            break;
        }
        lambda = next;
    }
    r.achievable = BytesPerSecond(lambda * R);
    std::map<std::uint32_t, CutClass> by_class;
    for (auto e : binding) {
        auto& c = by_class[edges[e].cls];
        c.cls = edges[e].cls;
        ++c.edges;
        c.capacity += edges[e].capacity;
        c.client_capacity += std::max(0.0, edges[e].capacity - lambda * terms.background[e]) / terms.amp[e];
    }
    for (auto& [k, c] : by_class) r.cut.push_back(c);
    std::stable_sort(r.cut.begin(), r.cut.end(), [](const CutClass& x, const CutClass& y) { return x.edges > y.edges; });
    return r;
}

} // namespace archplan::analysis
