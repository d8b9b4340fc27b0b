// archplan power-telemetry FILE.csv: what measured power says about oversubscribing PDU domains.
#include "commands.hpp"
#include "pipeline.hpp"

#include "archplan/report/report.hpp"
#include "archplan/telemetry/telemetry.hpp"
#include "archplan/units/units.hpp"

#include <fmt/format.h>
#include <iostream>

namespace archplan::cli {

namespace {
constexpr std::size_t max_telemetry_bytes = 1u << 30; // a year of 1 s samples on a few hundred PDUs
} // namespace

int command_power_telemetry(const TelemetryOptions& o) {
    auto q = units::parse_ratio(o.quantile);
    if (!q.value || *q.value <= 0 || *q.value > 1) {
        std::cerr << fmt::format("archplan power-telemetry: error: --quantile '{}': expected a share above 0% and at most "
                                 "100%, e.g. 99% or 0.999\n",
                                 o.quantile);
        return bad_input;
    }
    auto text = read_regular_file(o.file, std::cerr, "telemetry file", max_telemetry_bytes);
    if (!text) return bad_input;
    auto trace = telemetry::read_csv(*text, o.file);
    if (!trace.trace) {
        print_diagnostics(trace.diagnostics, std::cerr);
        return bad_input;
    }
    auto a = telemetry::analyse(*trace.trace, *q.value);
    auto txt = rendered([&](std::ostream& s) { report::render_telemetry_text(*trace.trace, a, s); });
    auto js = rendered([&](std::ostream& s) { report::render_telemetry_json(*trace.trace, a, s); });
    std::cout << (o.format == "json" ? js : txt);
    if (!o.output_dir.empty())
        if (auto error = write_reports(o.output_dir, {{"telemetry.txt", txt}, {"telemetry.json", js}}); !error.empty()) {
            std::cerr << fmt::format("archplan: error: {}\n", error);
            return internal_error;
        }
    return all_met;
}

} // namespace archplan::cli
