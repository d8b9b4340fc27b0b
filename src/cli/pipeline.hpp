// The shared front half of every command: read the spec file, load it, evaluate it.
#pragma once

#include "archplan/plan/evaluate.hpp"
#include "archplan/spec/spec.hpp"

#include <optional>
#include <ostream>
#include <string>

namespace archplan::cli {

enum Exit { all_met = 0, not_met = 1, bad_input = 2, internal_error = 3 };

// Every diagnostic on `err`, the first 50 of them.
void print_diagnostics(const spec::Diagnostics& d, std::ostream& err);

// Reads and loads a spec file. Prints diagnostics to `err`; on failure returns nullopt and sets `code`.
std::optional<spec::Spec> read_spec_file(const std::string& path, std::ostream& err, int& code);

} // namespace archplan::cli
