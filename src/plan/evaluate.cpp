// The pipeline (see evaluate.hpp).
#include "archplan/plan/evaluate.hpp"

#include <chrono>

namespace archplan::plan {

bool Evaluation::all_met() const { return analysis::unmet(analysis).empty() && sizing.problem.empty(); }

bool Evaluation::scenarios_met() const {
    for (const auto& sc : analysis.scenarios)
        for (const auto& row : sc.rows)
            if (!row.met) return false;
    return true;
}

Built size_and_build(spec::Spec spec) {
    auto sizing = analysis::size_autos(spec);
    auto built = model::build(spec);
    return Built{std::move(spec), std::move(built.graph), std::move(sizing), std::move(built.diagnostics)};
}

Evaluated evaluate(spec::Spec input, const Options& options) {
    Evaluated out;
    auto t0 = std::chrono::steady_clock::now();
    auto [spec, graph, sizing, diagnostics] = size_and_build(std::move(input));
    if (!graph) {
        out.diagnostics = std::move(diagnostics);
        out.sizing_problem = std::move(sizing.problem);
        return out;
    }
    double build_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    auto a = analysis::analyse(spec, *graph, options.analyse);
    auto t1 = std::chrono::steady_clock::now();
    auto report = derive::derive(spec, *graph, a, sizing);
    double derive_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t1).count();
    out.sizing_problem = sizing.problem;
    auto seconds = a.seconds;
    seconds.insert(seconds.begin(), {"size and build the graph", build_seconds});
    seconds.emplace_back("derive", derive_seconds);
    out.value =
        Evaluation{std::move(spec), std::move(*graph), std::move(sizing), std::move(a), std::move(report), std::move(seconds)};
    return out;
}

} // namespace archplan::plan
