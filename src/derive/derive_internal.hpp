// Pieces of the derive module shared between its source files.
#pragma once

#include "archplan/derive/derive.hpp"

namespace archplan::derive {

// A dimensionless input (efficiency, amplification, bytes per parameter), echoed with up to 6 digits
// and no trailing zeros.
std::string exact(double v);
// "1 link", "16 links"
std::string count_of(double n, const char* one, const char* many);

// Adds the workload sections, the concurrency rows and the team lines workloads imply.
void derive_workloads(const spec::Spec& spec, const analysis::Analysis& a, Report& rep, Team& compute, Team& storage);

// Adds the capacity-plan and durability sections, their requirement rows and the storage team's lines.
void derive_storage(const spec::Spec& spec, const analysis::Analysis& a, Report& rep, Team& storage);

// Report-neutral figure text, for derivations.
std::string figure_text(const Figure& f);

// For a requirement derived from a workload: how its figure was found; empty otherwise.
std::string origin_derivation(const analysis::Analysis& a, const spec::BandwidthRequirement& req);

} // namespace archplan::derive
