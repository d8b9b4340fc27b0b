// Failure scenarios: a failure applied to the explicit graph, rebuild traffic taking its share of the
// survivors, degraded reads costing extra reads, and every bandwidth requirement re-analysed.
#pragma once

#include "archplan/analysis/analysis.hpp"

namespace archplan::analysis {

// The default set for this spec: per storage system one server, one drive of one pool (<S>-drive-down) and,
// when the protection tolerates m > 1 failures, m drives of one pool (<S>-m-drives-down); one spine or core
// of each network, one leaf of each attached shape.
std::vector<spec::Scenario> default_scenarios(const spec::Spec& spec);

std::vector<ScenarioResult> analyse_scenarios(const spec::Spec& spec, const model::SystemGraph& g,
                                              const std::vector<BandwidthResult>& healthy);

// One bandwidth requirement routed healthy (`scenario` null) or under a scenario, with its per-edge loads, the
// scenario's dead vertices and the capacities it leaves: what a picture of the system colours.
struct RoutedView {
    RoutedResult routed;          // with edge_load
    std::vector<char> dead;       // per vertex
    std::vector<double> capacity; // per edge, after failures and rebuild
    bool unavailable = false;     // a read of data the scenario makes unreadable
};
RoutedView route_view(const spec::Spec& spec, const model::SystemGraph& g, const BandwidthResult& healthy,
                      const spec::Scenario* scenario);

} // namespace archplan::analysis
