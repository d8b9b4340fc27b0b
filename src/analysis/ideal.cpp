// Ideal flow: the largest uniform scaling of the per-node demands that any routing can carry.
// Parametric max-flow by Dinkelbach's method over Boost's max-flow; the binding minimum cut names
// the bottleneck edges.
#include "archplan/analysis/analysis.hpp"

#include "archplan/analysis/tolerance.hpp"
#include "archplan/model/algorithms.hpp"

#include <algorithm>
#include <limits>
#include <map>
#include <optional>

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
    auto client_of = [&](std::uint32_t v) { return C.has_client && v >= C.first_client && v < C.first_client + C.count; };
    auto server_of = [&](std::uint32_t v) {
        return (v >= S.first_vertex && v < S.first_vertex + S.count) || (v >= S.first_ctrl && v < S.first_ctrl + S.count) ||
               (v >= S.first_drives && v < S.first_drives + S.count);
    };
    EdgeTerms t{std::vector<double>(edges.size(), 0.0), routed.east_west_load};
    for (std::size_t e = 0; e < edges.size(); ++e) {
        auto sk = verts[edges[e].source].kind, tk = verts[edges[e].target].kind;
        auto s = edges[e].source, d = edges[e].target;
        double amp = 0.0;
        // Routers forward what crosses between networks as the fabric carries it.
        bool router_edge = (sk == VertexKind::router && (is_network(tk) || tk == VertexKind::router)) ||
                           (tk == VertexKind::router && is_network(sk));
        if ((is_network(sk) && is_network(tk)) || router_edge)
            amp = a.network;
        else if (write) {
            if (sk == VertexKind::compute && is_network(tk) && owner_is(s, C))
                amp = a.network;
            else if (sk == VertexKind::client && client_of(s)) // client bytes, before the parity it adds
                amp = 1.0;
            else if (is_network(sk) && tk == VertexKind::server_nic && server_of(d))
                amp = a.network;
            else if (sk == VertexKind::server_nic && tk == VertexKind::server_ctrl && server_of(s))
                amp = a.network;
            else if (sk == VertexKind::server_ctrl && tk == VertexKind::server_drives && server_of(s))
                amp = a.own_drives;
        } else {
            if (tk == VertexKind::compute && is_network(sk) && owner_is(d, C))
                amp = 1.0;
            else if (tk == VertexKind::client && client_of(d))
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

// The edge of node i's client stage that carries this direction's flow, if it has one.
std::optional<std::uint32_t> client_edge(const model::SystemGraph& g, const model::EndpointGroup& C, std::uint32_t i,
                                         bool write) {
    if (!C.has_client) return std::nullopt;
    auto nic = C.first_vertex + i, client = C.endpoint(i);
    for (auto e : g.out_edges(write ? client : nic))
        if (g.edges()[e].target == (write ? nic : client)) return e;
    return std::nullopt;
}

// Dinkelbach's search starts from above: no node moves more than its NIC and its client allow, no
// edge carries more background than it has.
double upper_bound(const model::SystemGraph& g, const model::EndpointGroup& C, bool write, const EdgeTerms& terms, double d) {
    const auto& edges = g.edges();
    double lambda = std::numeric_limits<double>::infinity();
    for (std::uint32_t i = 0; i < C.count; ++i) {
        double nic = 0.0;
        auto v = C.first_vertex + i;
        for (auto e : write ? g.out_edges(v) : g.in_edges(v))
            if (terms.amp[e] > 0) nic += edges[e].capacity / terms.amp[e];
        if (auto ce = client_edge(g, C, i, write)) nic = std::min(nic, edges[*ce].capacity);
        lambda = std::min(lambda, nic / d);
    }
    for (std::size_t e = 0; e < edges.size(); ++e)
        if (terms.amp[e] > 0 && terms.background[e] > 0) lambda = std::min(lambda, edges[e].capacity / terms.background[e]);
    return lambda;
}

// Edges that carry east-west copies but no client flow in this direction (a forwarding server's
// controller towards its NIC, its NIC towards the leaf): they bound the scale directly, lambda <= c / background,
// whatever the routing. Returns that bound and the edges that set it (within k_met_tol).
double background_only_bound(const model::SystemGraph& g, const EdgeTerms& terms, std::vector<std::uint32_t>& binding) {
    const auto& edges = g.edges();
    double lambda = std::numeric_limits<double>::infinity();
    for (std::size_t e = 0; e < edges.size(); ++e)
        if (terms.amp[e] == 0 && terms.background[e] > 0) lambda = std::min(lambda, edges[e].capacity / terms.background[e]);
    for (std::size_t e = 0; e < edges.size(); ++e)
        if (terms.amp[e] == 0 && terms.background[e] > 0 && edges[e].capacity / terms.background[e] <= lambda * (1 + k_met_tol))
            binding.push_back(static_cast<std::uint32_t>(e));
    return lambda;
}

// A compute node folded into its leaf's demand arc.
struct Folded {
    std::uint32_t node;
    std::uint32_t nic_edge; // the edge of the chain that limits it: its NIC, or its client stage when lower
    double nic;             // client bytes/s the node can move: min(NIC / amplification, client ceiling)
};

// The compute side of the max-flow: the nodes kept as they are, then one arc per leaf for the folded ones.
struct Folding {
    std::vector<Folded> folded;
    std::map<std::uint32_t, std::vector<std::size_t>> by_leaf; // leaf vertex -> indices into folded
    std::vector<std::uint32_t> nodes;                          // not folded
    std::vector<std::uint32_t> leaves;                         // the keys of by_leaf, in order

    std::vector<std::uint32_t> endpoints() const {
        auto all = nodes;
        all.insert(all.end(), leaves.begin(), leaves.end());
        return all;
    }
};

// A node whose NIC ports all reach one leaf is a chain source -> [client ->] node -> leaf (writes) or
// leaf -> node [-> client] -> sink (reads); it is folded into one arc of capacity min(demand, NIC,
// client) at its leaf, which leaves the flow value unchanged and takes most vertices and arcs out of
// the max-flow. Its side of the cut is restored afterwards (ParametricFlow::cut_of): the cheapest of
// its demand, its client stage and its NIC is the one cut. Clears `use` on the folded edges.
// A node that is not folded keeps its demand at its endpoint: its client stage, else its NIC.
Folding fold_single_leaf_nodes(const model::SystemGraph& g, const model::EndpointGroup& C, bool write, const EdgeTerms& terms,
                               std::vector<char>& use) {
    const auto& edges = g.edges();
    Folding fold;
    for (std::uint32_t i = 0; i < C.count; ++i) {
        auto v = C.first_vertex + i;
        std::uint32_t nic_edge = 0, count = 0;
        for (auto e : write ? g.out_edges(v) : g.in_edges(v))
            if (use[e]) {
                nic_edge = e;
                ++count;
            }
        if (count != 1) {
            fold.nodes.push_back(C.endpoint(i));
            continue;
        }
        use[nic_edge] = 0;
        fold.by_leaf[write ? edges[nic_edge].target : edges[nic_edge].source].push_back(fold.folded.size());
        Folded f{v, nic_edge, edges[nic_edge].capacity / terms.amp[nic_edge]};
        if (auto ce = client_edge(g, C, i, write)) {
            use[*ce] = 0;
            if (edges[*ce].capacity / terms.amp[*ce] < f.nic) f = {v, *ce, edges[*ce].capacity / terms.amp[*ce]};
        }
        fold.folded.push_back(f);
    }
    for (const auto& [leaf, members] : fold.by_leaf) fold.leaves.push_back(leaf);
    return fold;
}

// The flow problem at a given scale lambda, built once and re-solved for every scale the search tries.
// Writes flow from the compute side to the servers' drive stages; reads from the drive stages back.
class ParametricFlow {
public:
    ParametricFlow(const model::SystemGraph& g, const model::EndpointGroup& S, const EdgeTerms& terms, std::vector<char> use,
                   Folding fold, bool write, double d)
        : m_edges(g.edges()), m_terms(terms), m_use(std::move(use)), m_fold(std::move(fold)), m_write(write), m_d(d),
          m_servers(drive_stages(S)),
          m_network(g, m_use, write ? m_fold.endpoints() : m_servers, write ? m_servers : m_fold.endpoints()),
          m_capacity(m_edges.size(), 0.0), m_unlimited(m_servers.size(), 2 * total_capacity(m_edges)),
          m_demand(m_fold.nodes.size() + m_fold.leaves.size(), 0.0) {}

    model::FlowResult solve(double lam) {
        const auto& nodes = m_fold.nodes;
        for (std::size_t e = 0; e < m_edges.size(); ++e)
            m_capacity[e] = m_use[e] ? std::max(0.0, m_edges[e].capacity - lam * m_terms.background[e]) / m_terms.amp[e] : 0.0;
        std::fill(m_demand.begin(), m_demand.begin() + static_cast<std::ptrdiff_t>(nodes.size()), lam * m_d);
        for (std::size_t l = 0; l < m_fold.leaves.size(); ++l) {
            double sum = 0;
            for (auto i : m_fold.by_leaf.at(m_fold.leaves[l])) sum += std::min(lam * m_d, m_fold.folded[i].nic);
            m_demand[nodes.size() + l] = sum;
        }
        return m_write ? m_network.solve(m_capacity, m_demand, m_unlimited) : m_network.solve(m_capacity, m_unlimited, m_demand);
    }

    // The internal edges of a minimum cut, and the two terms of its capacity: feasibility at scale
    // lambda needs fixed >= lambda * per_lambda (demand left uncut plus background on the cut).
    std::vector<std::uint32_t> cut_of(const model::FlowResult& f, double lam, double& fixed, double& per_lambda) const {
        const auto& edges = m_edges;
        std::vector<std::uint32_t> cut;
        fixed = 0.0;
        per_lambda = 0.0;
        for (std::size_t e = 0; e < edges.size(); ++e) {
            if (!m_use[e] || !(f.source_side[edges[e].source] && !f.source_side[edges[e].target])) continue;
            fixed += edges[e].capacity / m_terms.amp[e];
            per_lambda += m_terms.background[e] / m_terms.amp[e];
            cut.push_back(static_cast<std::uint32_t>(e));
        }
        std::uint32_t n = 0; // nodes whose demand the cut leaves uncut
        for (auto v : m_fold.nodes) {
            bool src_side = f.source_side[v] != 0;
            if (m_write ? src_side : !src_side) ++n;
        }
        for (const auto& [leaf, members] : m_fold.by_leaf) {
            // Writes: a leaf on the source side keeps its nodes' demand uncut. Reads: a leaf on the sink side does.
            bool leaf_keeps = m_write ? f.source_side[leaf] != 0 : f.source_side[leaf] == 0;
            for (auto i : members) {
                const auto& node = m_fold.folded[i];
                if (leaf_keeps || lam * m_d <= node.nic) {
                    if (leaf_keeps) ++n; // otherwise the demand arc is the one cut
                    continue;
                }
                ++n; // the NIC is cut and the demand is not
                fixed += node.nic;
                cut.push_back(node.nic_edge);
            }
        }
        per_lambda += m_d * n;
        return cut;
    }

private:
    static std::vector<std::uint32_t> drive_stages(const model::EndpointGroup& S) {
        std::vector<std::uint32_t> servers;
        for (std::uint32_t t = 0; t < S.count; ++t) servers.push_back(S.first_drives + t);
        return servers;
    }
    // More than any flow can use, whatever the requirement's size.
    static double total_capacity(const std::vector<model::Edge>& edges) {
        double total = 0;
        for (const auto& e : edges) total += e.capacity;
        return total;
    }

    const std::vector<model::Edge>& m_edges;
    const EdgeTerms& m_terms;
    std::vector<char> m_use; // per edge: in the network
    Folding m_fold;
    bool m_write;
    double m_d;                           // client bytes per node at scale 1
    std::vector<std::uint32_t> m_servers; // drive stage vertices
    model::FlowNetwork m_network;
    std::vector<double> m_capacity;  // per edge, in client bytes/s at the scale being solved
    std::vector<double> m_unlimited; // per server
    std::vector<double> m_demand;    // per compute endpoint (nodes, then folded leaves)
};

// Rounding stalled the parametric search: bisect between the routed figure, which is a feasible
// uniform flow, and the infeasible scale `hi`. `binding` becomes the cut of the last infeasible scale tried.
double bisect_after_stall(ParametricFlow& flow, double R, double lo, double hi, std::vector<std::uint32_t>& binding) {
    constexpr double k_width_tol = 1e-9; // relative width at which the bisection stops
    double fixed = 0.0, per = 0.0;
    for (int k = 0; k < 40 && hi - lo > k_width_tol * hi; ++k) {
        double mid = 0.5 * (lo + hi);
        auto m = flow.solve(mid);
        if (m.value >= mid * R * (1.0 - k_met_tol))
            lo = mid;
        else {
            hi = mid;
            binding = flow.cut_of(m, mid, fixed, per);
        }
    }
    return lo;
}

struct Scale {
    double lambda = 0.0;
    std::vector<std::uint32_t> binding; // the cut that binds at lambda
    int iterations = 0;
};

// Dinkelbach's method: from the upper bound, each infeasible scale's minimum cut gives the next,
// smaller scale, until the flow carries the demand.
Scale search_scale(ParametricFlow& flow, double lambda, double R, const RoutedResult& routed) {
    constexpr double k_stall_tol = 1e-12; // relative: a smaller step than this is rounding, not progress
    constexpr double k_above = 1e-6;      // relative step above a feasible bound, to find the cut that binds there
    Scale s;
    const int max_rounds = 60;
    for (int iter = 1; iter <= max_rounds; ++iter) {
        s.iterations = iter;
        auto f = flow.solve(lambda);
        double fixed = 0.0, per = 0.0;
        if (f.value >= lambda * R * (1.0 - k_met_tol)) {
            // Feasible. If it was feasible at the upper bound, the binding cut is the one just above it.
            if (s.binding.empty())
                s.binding = flow.cut_of(flow.solve(lambda * (1.0 + k_above)), lambda * (1.0 + k_above), fixed, per);
            break;
        }
        s.binding = flow.cut_of(f, lambda, fixed, per);
        double next = per > 0 ? fixed / per : 0.0;
        if (!(next < lambda * (1.0 - k_stall_tol)) || iter == max_rounds) {
            lambda = bisect_after_stall(flow, R, routed.achievable.value() / R, lambda, s.binding);
            break;
        }
        lambda = next;
    }
    s.lambda = lambda;
    return s;
}

// The reports name the bottleneck by class: the binding cut's edges grouped by class, most edges first.
// A background-only edge carries no client bytes; it counts in client bytes as its share of the figure it
// allows, lambda x R over the background-only edges that bind.
std::vector<CutClass> summarise_cut(const model::SystemGraph& g, const EdgeTerms& terms,
                                    const std::vector<std::uint32_t>& binding, double lambda, double R) {
    const auto& edges = g.edges();
    std::map<std::uint32_t, CutClass> by_class;
    std::size_t background_only = 0;
    for (auto e : binding)
        if (terms.amp[e] == 0) ++background_only;
    for (auto e : binding) {
        auto& c = by_class[edges[e].cls];
        c.cls = edges[e].cls;
        ++c.edges;
        c.capacity += edges[e].capacity;
        c.client_capacity += terms.amp[e] > 0 ? std::max(0.0, edges[e].capacity - lambda * terms.background[e]) / terms.amp[e]
                                              : lambda * R / static_cast<double>(background_only);
    }
    std::vector<CutClass> cut;
    for (auto& [k, c] : by_class) cut.push_back(c);
    std::stable_sort(cut.begin(), cut.end(), [](const CutClass& x, const CutClass& y) { return x.edges > y.edges; });
    return cut;
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

    std::vector<std::uint32_t> background_binding;
    double background_lambda = background_only_bound(g, terms, background_binding);
    double lambda = std::min(upper_bound(g, C, write, terms, d), background_lambda);
    std::vector<char> use(edges.size(), 0);
    for (std::size_t e = 0; e < edges.size(); ++e) use[e] = terms.amp[e] > 0 ? 1 : 0;
    auto fold = fold_single_leaf_nodes(g, C, write, terms, use);
    ParametricFlow flow(g, S, terms, std::move(use), std::move(fold), write, d);
    auto s = search_scale(flow, lambda, R, routed);
    // The flow carries the demand at the background-only bound: those edges are what binds.
    if (s.lambda >= background_lambda * (1 - k_met_tol)) s.binding = background_binding;

    IdealResult r;
    r.iterations = s.iterations;
    r.achievable = BytesPerSecond(s.lambda * R);
    r.cut = summarise_cut(g, terms, s.binding, s.lambda, R);
    return r;
}

} // namespace archplan::analysis
