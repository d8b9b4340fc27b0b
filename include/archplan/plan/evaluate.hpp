// The pipeline as a value: a loaded spec in, everything archplan finds out about it back. The one
// place that runs size -> build -> analyse -> derive; the CLI, tests, and (later) compare and sweep call it.
#pragma once

#include "archplan/analysis/analysis.hpp"
#include "archplan/derive/derive.hpp"
#include "archplan/model/system_graph.hpp"
#include "archplan/spec/spec.hpp"

#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace archplan::plan {

struct Options {
    analysis::AnalyseOptions analyse; // what to analyse beyond the routed figures
};

// One evaluated design. Owns everything it refers to, shares nothing: evaluations of different specs
// may run on different threads at once.
struct Evaluation {
    spec::Spec spec; // as loaded, with every `auto` count replaced by its sized value
    model::SystemGraph graph;
    analysis::Sizing sizing;
    analysis::Analysis analysis; // owns the effective spec (spec + workload-derived requirements)
    document::Report report;
    std::vector<std::pair<std::string, double>> seconds; // wall time per phase, for --timings only

    // Everything met: every requirement, workload target, group, plan and durability target, and sizing.
    [[nodiscard]] bool all_met() const;
    // Every failure scenario meets every requirement (for --strict; all_met() is normal operation only).
    [[nodiscard]] bool scenarios_met() const;
};

// The front half: every `auto` count sized, then the graph built.
struct Built {
    spec::Spec spec; // sized
    std::optional<model::SystemGraph> graph;
    analysis::Sizing sizing;
    spec::Diagnostics diagnostics; // why the graph cannot be built
};
Built size_and_build(spec::Spec spec);

struct Evaluated {
    std::optional<Evaluation> value; // empty when the sized design cannot be built
    spec::Diagnostics diagnostics;   // why it cannot be built
    std::string sizing_problem;      // when sizing did not meet everything, also when it cannot be built
};

Evaluated evaluate(spec::Spec spec, const Options& options = {});

// The last graph built, kept for the next variant of the same base spec (spec::with_variant): one that differs
// from it only in knobs that set capacities (model::sets_only_capacities), after sizing, refits it instead of
// building anew. One per thread; every spec evaluated through one cache is a variant of one base.
class GraphCache {
public:
    // Gives the graph of an evaluation made through this cache back, once the caller is done with the evaluation.
    void keep(Evaluation&& done);
    [[nodiscard]] std::size_t builds() const { return m_builds; }
    [[nodiscard]] std::size_t reuses() const { return m_reuses; }

private:
    friend Evaluated evaluate(spec::Spec spec, const Options& options, GraphCache& cache);
    std::vector<double> m_key; // what the kept graph was built for: the values of the knobs that change the wiring
    std::optional<model::SystemGraph> m_graph;
    std::size_t m_builds = 0, m_reuses = 0;
};

// evaluate(), reusing the cache's graph where the wiring is the same. Gives the same figures as evaluate().
Evaluated evaluate(spec::Spec spec, const Options& options, GraphCache& cache);

} // namespace archplan::plan
