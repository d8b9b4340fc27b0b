// Pieces of the derive module shared between its source files.
#pragma once

#include "archplan/derive/derive.hpp"

namespace archplan::derive {

// Adds the workload sections, the concurrency rows and the team lines workloads imply.
void derive_workloads(const spec::Spec& spec, const analysis::Analysis& a, Report& rep, Team& compute, Team& storage);

// For a requirement derived from a workload: how its figure was found; empty otherwise.
std::string origin_derivation(const analysis::Analysis& a, const spec::BandwidthRequirement& req);

} // namespace archplan::derive
