// A SimGrid platform and traffic for one bandwidth requirement, so a flow-level simulator can replay the question
// archplan answers (docs/validation.md, SimGrid). Every source sends its share to every server it stripes over, all
// at once; ECMP is one sub-flow per equal-cost path, and a second traffic set routes each pair over one path chosen
// d-mod-k.
#pragma once

#include "archplan/plan/evaluate.hpp"

#include <string>

namespace archplan::sim {

struct SimgridExport {
    std::string platform; // platform.xml for SimGrid 3.32 (version 4.1, one Full zone, explicit routes)
    std::string ecmp;     // flows.csv: source host, destination host, bytes (one row per equal-cost path)
    std::string dmodk;    // flows-dmodk.csv: one row per source-server pair, over the path d-mod-k picks
    std::string summary;  // summary.json: the requirement, archplan's routed figure, bytes, flow counts
    std::string error;    // why it cannot be exported (an unknown requirement, a route the export cannot replay)
    double routed = 0;    // archplan's routed achievable, bytes/s
    double bytes = 0;     // client bytes moved in all
    std::size_t subflows = 0, pairs = 0;
};

// SimGrid's Full routing keeps hosts x hosts routes (8 bytes each): 20,000 hosts is 3.2 GB.
inline constexpr std::size_t k_max_hosts = 20000;
inline constexpr std::size_t k_max_subflows = 1000000;

// The requirement `id` (empty: the first bandwidth requirement) of the evaluated design.
SimgridExport export_simgrid(const plan::Evaluation& ev, const std::string& id);

} // namespace archplan::sim
