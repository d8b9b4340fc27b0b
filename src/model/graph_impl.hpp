// The Boost.Graph representation behind SystemGraph (private to the model module).
#pragma once

#include "archplan/model/system_graph.hpp"

#include <boost/graph/adjacency_list.hpp>
#include <mutex>

namespace archplan::model {

using BoostGraph = boost::adjacency_list<boost::vecS, boost::vecS, boost::bidirectionalS, boost::no_property,
                                         boost::property<boost::edge_index_t, std::uint32_t>>;

// Built on first use (SystemGraph::impl()): most runs never need it, and a sweep builds thousands of graphs.
struct SystemGraph::Impl {
    std::once_flag built;
    BoostGraph graph;
};

} // namespace archplan::model
