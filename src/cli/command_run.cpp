// archplan SPEC: analyse, print the summary (or JSON), and write the reports with -o.
#include "commands.hpp"
#include "pipeline.hpp"

#include "archplan/draw/dot.hpp"
#include "archplan/plan/evaluate.hpp"
#include "archplan/report/report.hpp"

#include <cerrno>
#include <chrono>
#include <cstring>
#include <fcntl.h>
#include <filesystem>
#include <fmt/format.h>
#include <iostream>
#include <sstream>
#include <unistd.h>
#include <vector>

namespace archplan::cli {

std::vector<std::pair<std::string, std::string>> picture_files(const plan::Evaluation& ev, const document::Report& rep) {
    std::vector<std::pair<std::string, std::string>> files;
    auto topology = draw::dot(ev, {});
    files.emplace_back("topology.dot", topology.dot);
    std::string why;
    auto svg = graphviz_svg(topology.dot, why);
    if (!svg.empty()) files.emplace_back("topology.svg", svg);
    auto chart = [&](const std::string& name, std::string text) {
        if (!text.empty()) files.emplace_back(name, std::move(text));
    };
    chart("utilisation.svg", report::svg_utilisation(rep));
    chart("scenarios.svg", report::svg_scenarios(rep));
    for (const auto& c : rep.curves)
        chart(fmt::format("durability-{}.svg", c.key.substr(6, c.key.find('/', 6) - 6)), report::svg_curve(c));
    files.emplace_back("report.html",
                       rendered([&](std::ostream& s) { report::render_html(rep, svg, "No topology picture: " + why + ".", s); }));
    return files;
}

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
        std::vector<std::pair<std::string, std::string>> files;
        files.emplace_back("summary.md", rendered([&](std::ostream& s) { report::render_summary_markdown(rep, s); }));
        for (const auto& team : rep.teams)
            files.emplace_back(std::string(document::team_name(team.team)) + ".md",
                               rendered([&](std::ostream& s) { report::render_team_markdown(rep, team.team, s); }));
        files.emplace_back("facilities.md", rendered([&](std::ostream& s) { report::render_facilities_markdown(rep, s); }));
        files.emplace_back("finance.md", rendered([&](std::ostream& s) { report::render_finance_markdown(rep, s); }));
        files.emplace_back("results.json", rendered([&](std::ostream& s) { report::render_json(rep, s); }));
        // Pictures: the topology (DOT, and SVG when Graphviz is installed), archplan's own charts, report.html.
        auto pictures = picture_files(ev, rep);
        files.insert(files.end(), pictures.begin(), pictures.end());
        if (auto error = write_reports(o.output_dir, files); !error.empty()) {
            std::cerr << fmt::format("archplan: error: {}\n", error);
            return internal_error;
        }
    }
    if (!ev.all_met()) return not_met;
    return o.strict && !ev.scenarios_met() ? not_met : all_met;
}

} // namespace archplan::cli
