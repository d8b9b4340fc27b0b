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
    // What the spec writes: requirements of every kind (bandwidth, capacity, durability) and workloads, whose own
    // requirements are derived only by an analysis, which check does not run.
    const auto& s = built.spec;
    auto n = s.bandwidth.size() + s.capacity.size() + s.durability.size();
    auto plural = [](std::size_t k, const char* one, const char* many) { return fmt::format("{} {}", k, k == 1 ? one : many); };
    std::cout << fmt::format("{}: ok ({} as written, {}; {} vertices, {} edges)\n", path,
                             plural(n, "requirement", "requirements"), plural(s.workloads.size(), "workload", "workloads"),
                             built.graph->vertex_count(), built.graph->edges().size());
    return all_met;
}

} // namespace archplan::cli
