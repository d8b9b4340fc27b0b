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

} // namespace archplan::analysis
