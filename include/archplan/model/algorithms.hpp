// Graph algorithms over the system graph (Boost.Graph underneath): hop distances and max-flow/min-cut.
#pragma once

#include "archplan/model/system_graph.hpp"

#include <functional>

namespace archplan::model {

// Hops from every vertex to the nearest vertex in `targets`, following edge direction and passing
// only through vertices for which `transit` is true (targets themselves always count).
// Unreachable: -1.
std::vector<int> hops_to(const SystemGraph& g, const std::vector<std::uint32_t>& targets,
                         const std::function<bool(std::uint32_t)>& transit);

// A single-commodity flow problem on a subset of the graph's edges.
struct FlowProblem {
    std::vector<double> capacity;  // per graph edge; <= 0 means the edge is absent
    std::vector<std::pair<std::uint32_t, double>> supplies;  // vertex, supply from a virtual source
    std::vector<std::pair<std::uint32_t, double>> demands;   // vertex, demand to a virtual sink
};

struct FlowResult {
    double value = 0.0;
    std::vector<char> source_side;  // per graph vertex: 1 if on the source side of a minimum cut
};

FlowResult max_flow(const SystemGraph& g, const FlowProblem& problem);

} // namespace archplan::model
