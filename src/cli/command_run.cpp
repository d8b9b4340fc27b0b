// archplan SPEC: analyse, print the summary (or JSON), and write the reports with -o.
#include "commands.hpp"
#include "pipeline.hpp"

#include "archplan/plan/evaluate.hpp"
#include "archplan/report/report.hpp"

#include <chrono>
#include <filesystem>
#include <fmt/format.h>
#include <fstream>
#include <iostream>

namespace archplan::cli {

namespace {
bool write_file(const std::filesystem::path& p, const std::function<void(std::ostream&)>& render) {
    std::ofstream out(p, std::ios::binary);
    if (!out) return false;
    render(out);
    out.flush();
    return static_cast<bool>(out);
}
} // namespace

int command_run(const RunOptions& o) {
    int code = 0;
    auto t0 = std::chrono::steady_clock::now();
    auto spec = read_spec_file(o.spec, std::cerr, code);
    if (!spec) return code;
    double load_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    auto evaluated = plan::evaluate(std::move(*spec));
    if (!evaluated.value) {
        if (!evaluated.sizing_problem.empty())
            std::cerr << fmt::format("{}: error: cannot size the auto counts: {}\n", o.spec, evaluated.sizing_problem);
        print_diagnostics(evaluated.diagnostics, std::cerr);
        return bad_input;
    }
    const auto& ev = *evaluated.value;
    if (o.timings) {
        // The first phase (size and build) is reported together with loading, as one front half.
        std::cerr << fmt::format("timing: load, size and build the graph ({} vertices, {} edges): {:.3f} s\n",
                                 ev.graph.vertex_count(), ev.graph.edges().size(), load_seconds + ev.seconds.front().second);
        for (std::size_t i = 1; i < ev.seconds.size(); ++i)
            std::cerr << fmt::format("timing: {}: {:.3f} s\n", ev.seconds[i].first, ev.seconds[i].second);
    }
    const auto& rep = ev.report;
    if (o.format == "json")
        report::render_json(rep, std::cout);
    else
        report::render_text(rep, std::cout);
    if (!o.output_dir.empty()) {
        namespace fs = std::filesystem;
        std::error_code ec;
        fs::create_directories(o.output_dir, ec);
        if (ec) {
            std::cerr << fmt::format("archplan: error: cannot create '{}': {}\n", o.output_dir, ec.message());
            return internal_error;
        }
        fs::path dir(o.output_dir);
        bool ok = write_file(dir / "summary.md", [&](std::ostream& s) { report::render_summary_markdown(rep, s); });
        for (const auto& team : rep.teams)
            ok = ok && write_file(dir / (std::string(document::team_name(team.team)) + ".md"),
                                  [&](std::ostream& s) { report::render_team_markdown(rep, team.team, s); });
        ok = ok && write_file(dir / "results.json", [&](std::ostream& s) { report::render_json(rep, s); });
        if (!ok) {
            std::cerr << fmt::format("archplan: error: cannot write the reports to '{}'\n", o.output_dir);
            return internal_error;
        }
    }
    return ev.all_met() ? all_met : not_met;
}

} // namespace archplan::cli
