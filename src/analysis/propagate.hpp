// Leaf-to-leaf traffic spread over a fat tree with per-hop ECMP (the routed model's fabric stage).
// Internal to the analysis module; the tests call both forms to check they agree.
#pragma once

#include "archplan/model/system_graph.hpp"

#include <cstdint>
#include <vector>

namespace archplan::analysis::detail {

inline bool is_fabric_switch(model::VertexKind k) {
    return k == model::VertexKind::spine || k == model::VertexKind::aggregation || k == model::VertexKind::core;
}

// Traffic T[i·|dsts| + j] bytes/s from leaf srcs[i] to leaf dsts[j], added to `load` per edge. Destination
// leaves with the same parents form a class; each class has one breadth-first search toward its parents,
// so the cost is the classes times the switch edges. Returns false when some traffic has no path.
bool propagate_matrix(const model::SystemGraph& g, const std::vector<std::uint32_t>& srcs, const std::vector<std::uint32_t>& dsts,
                      const std::vector<double>& T, std::vector<double>& load, const std::vector<char>* dead);

// The same for separable traffic, T[i][j] = a[i]·q[j], with the same result (to rounding). On a three-tier fat
// tree the classes whose paths follow the healthy pattern (up to the source's aggregation switches, up to every
// core, down into the class's pod) share one upward pass, and each costs only the edges around its own parents;
// the others (a failure that breaks the pattern near them) take the search. Linear in the graph.
struct PropagateStats {
    std::size_t pattern = 0;  // destination classes routed on the shared upward pass
    std::size_t searched = 0; // destination classes that took a breadth-first search
};
bool propagate_separable(const model::SystemGraph& g, const std::vector<std::uint32_t>& srcs, const std::vector<double>& a,
                         const std::vector<std::uint32_t>& dsts, const std::vector<double>& q, std::vector<double>& load,
                         const std::vector<char>* dead, PropagateStats* stats = nullptr);

} // namespace archplan::analysis::detail
