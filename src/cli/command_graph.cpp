// archplan graph SPEC: the system as Graphviz DOT, coloured by one requirement's load, healthy or under a scenario.
#include "commands.hpp"
#include "pipeline.hpp"

#include "archplan/draw/dot.hpp"

#include <fmt/format.h>
#include <iostream>

namespace archplan::cli {

int command_graph(const GraphOptions& o) {
    int code = 0;
    auto evaluated = evaluate_routed(o.spec, std::cerr, code); // the routed figures are all a picture needs
    if (!evaluated) return code;
    auto d = draw::dot(*evaluated, {o.requirement, o.scenario});
    if (!d.error.empty()) {
        std::cerr << fmt::format("archplan graph: error: {}\n", d.error);
        return bad_input;
    }
    if (o.output_dir.empty()) {
        std::cout << d.dot;
        return all_met;
    }
    std::vector<std::pair<std::string, std::string>> files{{"topology.dot", d.dot}};
    std::string why;
    auto svg = graphviz_svg(d.dot, why);
    if (!svg.empty())
        files.emplace_back("topology.svg", svg);
    else
        std::cerr << fmt::format("archplan graph: warning: {}\n", why);
    if (auto error = write_reports(o.output_dir, files); !error.empty()) {
        std::cerr << fmt::format("archplan: error: {}\n", error);
        return internal_error;
    }
    return all_met;
}

} // namespace archplan::cli
