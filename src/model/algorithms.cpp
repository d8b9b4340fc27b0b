// Hop distances (Boost BFS on the reversed graph) and max-flow/min-cut (Boost Boykov-Kolmogorov).
#include "archplan/model/algorithms.hpp"

#include "graph_impl.hpp"

#include <boost/graph/boykov_kolmogorov_max_flow.hpp>
#include <boost/graph/breadth_first_search.hpp>
#include <boost/graph/filtered_graph.hpp>
#include <boost/graph/reverse_graph.hpp>

namespace archplan::model {

namespace {
using Reversed = boost::reverse_graph<BoostGraph, const BoostGraph&>;

// In the reversed graph an edge x -> y is the original y -> x; x may pass traffic on only if it is
// a transit vertex or a target.
struct TransitEdges {
    const Reversed* g = nullptr;
    const std::vector<char>* expand = nullptr;
    template <class E>
    bool operator()(const E& e) const {
        return (*expand)[boost::source(e, *g)] != 0;
    }
};

struct DistanceRecorder : boost::default_bfs_visitor {
    std::vector<int>* dist;
    explicit DistanceRecorder(std::vector<int>* d) : dist(d) {}
    template <class E, class G>
    void tree_edge(const E& e, const G& g) const {
        (*dist)[boost::target(e, g)] = (*dist)[boost::source(e, g)] + 1;
    }
};
} // namespace

std::vector<int> hops_to(const SystemGraph& g, const std::vector<std::uint32_t>& targets, std::vector<char> expand) {
    const auto& bg = g.impl().graph;
    auto n = boost::num_vertices(bg);
    for (auto t : targets) expand[t] = 1;
    Reversed rev(bg);
    TransitEdges pred{&rev, &expand};
    boost::filtered_graph<Reversed, TransitEdges> fg(rev, pred);
    std::vector<int> dist(n, -1);
    for (auto t : targets) dist[t] = 0;
    std::vector<boost::default_color_type> color(n, boost::white_color);
    boost::queue<std::size_t> buffer;
    boost::breadth_first_search(fg, targets.begin(), targets.end(), buffer, DistanceRecorder(&dist),
                                boost::make_iterator_property_map(color.begin(), boost::get(boost::vertex_index, fg)));
    return dist;
}

namespace {
using Traits = boost::adjacency_list_traits<boost::vecS, boost::vecS, boost::directedS>;
using FlowGraph = boost::adjacency_list<
    boost::vecS, boost::vecS, boost::directedS,
    boost::property<boost::vertex_index_t, long,
                    boost::property<boost::vertex_color_t, boost::default_color_type,
                                    boost::property<boost::vertex_distance_t, long,
                                                    boost::property<boost::vertex_predecessor_t, Traits::edge_descriptor>>>>,
    boost::property<boost::edge_capacity_t, double,
                    boost::property<boost::edge_residual_capacity_t, double,
                                    boost::property<boost::edge_reverse_t, Traits::edge_descriptor>>>>;
} // namespace

struct FlowNetwork::Impl {
    FlowGraph fg;
    std::size_t n = 0;
    std::vector<std::pair<std::uint32_t, Traits::edge_descriptor>> edge_arcs; // graph edge -> forward arc
    std::vector<Traits::edge_descriptor> supply_arcs, demand_arcs;
};

FlowNetwork::FlowNetwork(const SystemGraph& g, const std::vector<char>& use_edge, std::vector<std::uint32_t> supply,
                         std::vector<std::uint32_t> demand)
    : m_impl(std::make_unique<Impl>()) {
    auto& im = *m_impl;
    im.n = g.vertex_count();
    im.fg = FlowGraph(im.n + 2);
    auto source = im.n, sink = im.n + 1;
    auto rev = boost::get(boost::edge_reverse, im.fg);
    auto arc = [&](std::size_t a, std::size_t b) {
        auto e1 = boost::add_edge(a, b, im.fg).first;
        auto e2 = boost::add_edge(b, a, im.fg).first;
        rev[e1] = e2;
        rev[e2] = e1;
        return e1;
    };
    const auto& edges = g.edges();
    for (std::size_t e = 0; e < edges.size(); ++e)
        if (use_edge[e]) im.edge_arcs.emplace_back(static_cast<std::uint32_t>(e), arc(edges[e].source, edges[e].target));
    for (auto v : supply) im.supply_arcs.push_back(arc(source, v));
    for (auto v : demand) im.demand_arcs.push_back(arc(v, sink));
}

FlowNetwork::~FlowNetwork() = default;

FlowResult FlowNetwork::solve(const std::vector<double>& edge_capacity, const std::vector<double>& supply_capacity,
                              const std::vector<double>& demand_capacity) {
    auto& im = *m_impl;
    auto cap = boost::get(boost::edge_capacity, im.fg);
    auto rev = boost::get(boost::edge_reverse, im.fg);
    auto set = [&](Traits::edge_descriptor e, double c) {
        cap[e] = c;
        cap[rev[e]] = 0.0;
    };
    for (auto [e, a] : im.edge_arcs) set(a, edge_capacity[e]);
    for (std::size_t i = 0; i < im.supply_arcs.size(); ++i) set(im.supply_arcs[i], supply_capacity[i]);
    for (std::size_t i = 0; i < im.demand_arcs.size(); ++i) set(im.demand_arcs[i], demand_capacity[i]);
    FlowResult r;
    r.value = boost::boykov_kolmogorov_max_flow(im.fg, im.n, im.n + 1);
    // BK colours the vertices it reaches from the source in the residual graph black: the source side of a min cut.
    auto color = boost::get(boost::vertex_color, im.fg);
    r.source_side.assign(im.n, 0);
    for (std::size_t v = 0; v < im.n; ++v) r.source_side[v] = color[v] == boost::black_color ? 1 : 0;
    return r;
}

} // namespace archplan::model
