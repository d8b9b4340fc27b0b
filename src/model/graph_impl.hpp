// The Boost.Graph representation behind SystemGraph (private to the model module).
#pragma once

#include "archplan/model/system_graph.hpp"

#include <boost/graph/adjacency_list.hpp>

namespace archplan::model {

using BoostGraph = boost::adjacency_list<boost::vecS, boost::vecS, boost::bidirectionalS, boost::no_property,
                                         boost::property<boost::edge_index_t, std::uint32_t>>;

struct SystemGraph::Impl {
    BoostGraph graph;
};

} // namespace archplan::model
