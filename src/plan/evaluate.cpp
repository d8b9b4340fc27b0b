// The pipeline (see evaluate.hpp).
#include "archplan/plan/evaluate.hpp"

#include <chrono>
#include <utility>

namespace archplan::plan {

bool Evaluation::all_met() const { return analysis::unmet(analysis).empty() && sizing.problem.empty(); }

bool Evaluation::scenarios_met() const {
    for (const auto& sc : analysis.scenarios)
        for (const auto& row : sc.rows)
            if (!row.met) return false;
    // Tenants' floors are guarantees: one a failure breaks is a scenario not met.
    for (const auto& t : analysis.tenants.scenarios)
        if (!t.fits) return false;
    return true;
}

Built size_and_build(spec::Spec spec) {
    auto sizing = analysis::size_autos(spec);
    auto built = model::build(spec);
    return Built{std::move(spec), std::move(built.graph), std::move(sizing), std::move(built.diagnostics)};
}

namespace {

// The values of the knobs that change what is wired. Variants of one base differ only in knob values, so two with the
// same key differ only in knobs that set capacities.
std::vector<double> wiring_key(const spec::Spec& spec) {
    std::vector<double> key;
    for (const auto& k : spec::knobs(spec))
        if (!model::sets_only_capacities(k.kind)) key.push_back(k.get(spec));
    return key;
}

Evaluated evaluate_built(Built built, const Options& options, std::chrono::steady_clock::time_point t0);

} // namespace

Evaluated evaluate(spec::Spec input, const Options& options) {
    auto t0 = std::chrono::steady_clock::now();
    return evaluate_built(size_and_build(std::move(input)), options, t0);
}

void GraphCache::keep(Evaluation&& done) { m_graph = std::move(done.graph); }

Evaluated evaluate(spec::Spec input, const Options& options, GraphCache& cache) {
    auto t0 = std::chrono::steady_clock::now();
    spec::Diagnostics diagnostics(input.file);
    auto sizing = analysis::size_autos(input);
    auto key = wiring_key(input);
    std::optional<model::SystemGraph> graph;
    if (cache.m_graph && key == cache.m_key) {
        // A design rule the variant breaks (protection wider than its drives) leaves the kept graph as it was.
        if (model::refit(*cache.m_graph, input, diagnostics)) graph = std::exchange(cache.m_graph, std::nullopt);
        ++cache.m_reuses;
    } else {
        cache.m_graph.reset();
        cache.m_key = std::move(key);
        auto b = model::build(input);
        graph = std::move(b.graph);
        diagnostics = std::move(b.diagnostics);
        ++cache.m_builds;
    }
    return evaluate_built(Built{std::move(input), std::move(graph), std::move(sizing), std::move(diagnostics)}, options, t0);
}

namespace {

Evaluated evaluate_built(Built built, const Options& options, std::chrono::steady_clock::time_point t0) {
    Evaluated out;
    auto [spec, graph, sizing, diagnostics] = std::move(built);
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

} // namespace

} // namespace archplan::plan
