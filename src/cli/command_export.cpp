// archplan export simgrid SPEC -o DIR: a requirement's question as a SimGrid platform and traffic (docs/validation.md).
#include "commands.hpp"
#include "pipeline.hpp"

#include "archplan/sim/simgrid.hpp"

#include <fmt/format.h>
#include <iostream>

namespace archplan::cli {

int command_export(const ExportOptions& o) {
    int code = 0;
    auto evaluated = evaluate_routed(o.spec, std::cerr, code); // the routed figure is the one replayed
    if (!evaluated) return code;
    auto x = sim::export_simgrid(*evaluated, o.requirement);
    if (!x.error.empty()) {
        std::cerr << fmt::format("archplan export: error: {}\n", x.error);
        return bad_input;
    }
    if (auto error = write_reports(
            o.output_dir,
            {{"platform.xml", x.platform}, {"flows.csv", x.ecmp}, {"flows-dmodk.csv", x.dmodk}, {"summary.json", x.summary}});
        !error.empty()) {
        std::cerr << fmt::format("archplan: error: {}\n", error);
        return internal_error;
    }
    std::cout << fmt::format("wrote {}/platform.xml: {} ECMP sub-flows, {} d-mod-k flows, {} in all; archplan's routed "
                             "figure {}\n",
                             o.output_dir, x.subflows, x.pairs, units::format_size(units::Bytes(x.bytes)),
                             units::format_rate(units::BytesPerSecond(x.routed)));
    return all_met;
}

} // namespace archplan::cli
