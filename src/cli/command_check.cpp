// archplan check SPEC: validate only.
#include "commands.hpp"
#include "pipeline.hpp"

#include <fmt/format.h>
#include <iostream>

namespace archplan::cli {

int command_check(const std::string& path) {
    int code = 0;
    auto loaded = load_spec_file(path, std::cerr, code);
    if (!loaded) return code;
    std::cout << fmt::format("{}: ok ({} requirements, {} vertices, {} edges)\n", path,
                             loaded->spec.bandwidth.size() + loaded->spec.capacity.size() + loaded->spec.durability.size(),
                             loaded->graph.vertex_count(), loaded->graph.edges().size());
    return all_met;
}

} // namespace archplan::cli
