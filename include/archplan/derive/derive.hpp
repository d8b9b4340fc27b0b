// Derived requirements: analysis results turned into the report document, each team's figures with
// their derivation (formula and inputs, back to the customer requirement each serves).
#pragma once

#include "archplan/analysis/analysis.hpp"
#include "archplan/document/document.hpp"

namespace archplan::derive {

// `spec` is the sized spec that `a` analysed; `sizing` says how its `auto` counts were sized.
document::Report derive(const spec::Spec& spec, const model::SystemGraph& g, const analysis::Analysis& a,
                        const analysis::Sizing& sizing);

} // namespace archplan::derive
