// The shared front half of every command: read the spec file, load it, build the graph.
#pragma once

#include "archplan/analysis/analysis.hpp"
#include "archplan/model/system_graph.hpp"
#include "archplan/spec/spec.hpp"

#include <optional>
#include <ostream>
#include <string>

namespace archplan::cli {

enum Exit { all_met = 0, not_met = 1, bad_input = 2, internal_error = 3 };

struct Loaded {
    spec::Spec spec; // with every `auto` count sized
    model::SystemGraph graph;
    std::vector<analysis::SizedCount> sized;
    std::string sizing_problem;
};

// Prints diagnostics to `err`; on failure returns nullopt and sets `code`.
std::optional<Loaded> load_spec_file(const std::string& path, std::ostream& err, int& code);

} // namespace archplan::cli
