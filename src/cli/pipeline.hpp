// The shared front half of every command: read the spec file, load it, evaluate it.
#pragma once

#include "archplan/plan/evaluate.hpp"
#include "archplan/spec/spec.hpp"

#include <filesystem>
#include <optional>
#include <ostream>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

namespace archplan::cli {

enum Exit { all_met = 0, not_met = 1, bad_input = 2, internal_error = 3 };

// Every diagnostic on `err`, the first 50 of them.
void print_diagnostics(const spec::Diagnostics& d, std::ostream& err);

// Reads and loads a spec file. Prints diagnostics to `err`; on failure returns nullopt and sets `code`.
std::optional<spec::Spec> read_spec_file(const std::string& path, std::ostream& err, int& code);

// Reads the spec and evaluates its routed figures only (no ideal flow, no scenarios, no search): what a picture or an
// export needs. Prints what is wrong to `err`; on failure returns nullopt and sets `code`.
std::optional<plan::Evaluation> evaluate_routed(const std::string& path, std::ostream& err, int& code);

// A regular file, whole, at most `max_bytes` (what: "spec file", "telemetry file" in the messages); nullopt with the
// reason on `err`.
std::optional<std::string> read_regular_file(const std::string& path, std::ostream& err, const char* what, std::size_t max_bytes);

// `--catalog FILE` (with `--catalog-replace`): the catalog every spec of this run is read against, the shipped one
// extended by FILE's parts, or FILE's alone. False, with the reason on `err`, when FILE does not load.
// The pictures of `-o DIR`: topology.dot (and topology.svg with Graphviz), utilisation.svg, scenarios.svg,
// durability-<system>.svg and report.html.
std::vector<std::pair<std::string, std::string>> picture_files(const plan::Evaluation& ev, const document::Report& rep);

// Graphviz's SVG of a DOT text (`dot -Tsvg`); empty with `why` set when Graphviz is not installed or fails.
std::string graphviz_svg(const std::string& dot, std::string& why);

struct CatalogChoice {
    std::string file;
    bool replace = false;
};
bool choose_catalog(const CatalogChoice& choice, std::ostream& err);

// Creates `dir` if need be, then writes the files (name, contents) into it, all or nothing: each whole to a hidden temporary
// name, then all renamed into place. Returns "" or the error, naming the file and the cause; on error `dir` is as it was.
std::string write_reports(const std::filesystem::path& dir, const std::vector<std::pair<std::string, std::string>>& files);

// What a renderer writes to a stream, as a string.
template <class Render>
std::string rendered(Render render) {
    std::ostringstream s;
    render(s);
    return s.str();
}

} // namespace archplan::cli
