// Graph algorithms over the system graph (Boost.Graph underneath): hop distances and max-flow/min-cut.
#pragma once

#include "archplan/model/system_graph.hpp"

#include <functional>

namespace archplan::model {

// Hops from every vertex to the nearest vertex in `targets`, following edge direction and passing
// only through vertices for which `transit` is true (targets themselves always count).
// Unreachable: -1.
// `transit` holds one flag per vertex; it is taken by value because the targets are set in it.
std::vector<int> hops_to(const SystemGraph& g, const std::vector<std::uint32_t>& targets, std::vector<char> transit);

struct FlowResult {
    double value = 0.0;
    std::vector<char> source_side; // per graph vertex: 1 if on the source side of a minimum cut
};

// A single-commodity flow network over a subset of the graph's edges, with a virtual source feeding
// `supply` vertices and a virtual sink draining `demand` vertices. Built once; solved for as many
// capacity settings as a parametric search needs.
class FlowNetwork {
public:
    FlowNetwork(const SystemGraph& g, const std::vector<char>& use_edge, std::vector<std::uint32_t> supply,
                std::vector<std::uint32_t> demand);
    ~FlowNetwork();
    FlowNetwork(const FlowNetwork&) = delete;
    FlowNetwork& operator=(const FlowNetwork&) = delete;

    // Capacities per graph edge (used edges only) and per supply / demand vertex, in their order.
    FlowResult solve(const std::vector<double>& edge_capacity, const std::vector<double>& supply_capacity,
                     const std::vector<double>& demand_capacity);

private:
    struct Impl;
    std::unique_ptr<Impl> m_impl;
};

} // namespace archplan::model
