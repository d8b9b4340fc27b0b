// archplan check SPEC: validate only (load, size the `auto` counts and build the graph; analyse nothing else).
#include "commands.hpp"
#include "pipeline.hpp"

#include <fmt/format.h>
#include <iostream>

namespace archplan::cli {

int command_check(const std::string& path) {
    int code = 0;
    auto spec = read_spec_file(path, std::cerr, code);
    if (!spec) return code;
    auto built = plan::size_and_build(std::move(*spec));
    if (!built.graph) {
        if (!built.sizing.problem.empty())
            std::cerr << fmt::format("{}: error: cannot size the auto counts: {}\n", path, built.sizing.problem);
        print_diagnostics(built.diagnostics, std::cerr);
        return bad_input;
    }
    std::cout << fmt::format("{}: ok ({} requirements, {} vertices, {} edges)\n", path,
                             built.spec.bandwidth.size() + built.spec.capacity.size() + built.spec.durability.size(),
                             built.graph->vertex_count(), built.graph->edges().size());
    return all_met;
}

} // namespace archplan::cli
