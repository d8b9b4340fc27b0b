// Pictures of a design: Graphviz DOT of the system graph, coloured by the load one requirement puts on it
// (healthy, or under one failure scenario), in the network-weathermap bands (docs/reports.md, pictures).
#pragma once

#include "archplan/plan/evaluate.hpp"

#include <cstddef>
#include <string>

namespace archplan::draw {

// Up to this many vertices every element is drawn; above it, one node per element class ("leaf[gpu] x128").
inline constexpr std::size_t k_element_threshold = 64;

struct DotOptions {
    std::string requirement; // a bandwidth requirement id; empty: the first
    std::string scenario;    // a failure scenario id; empty: healthy
    std::size_t element_threshold = k_element_threshold;
};

struct DotResult {
    std::string dot;
    std::string error; // an unknown requirement or scenario, with the nearest valid one
};

DotResult dot(const plan::Evaluation& ev, const DotOptions& options);

} // namespace archplan::draw
