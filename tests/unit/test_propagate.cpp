// The routed model's fabric stage has two forms: one breadth-first search per destination class (the
// reference), and the linear one for separable traffic that shares one upward pass between the classes of
// a three-tier fat tree. They must put the same load on every edge, healthy or failed.
#include "analysis/propagate.hpp"
#include "random_specs.hpp"
#include "spec_fixtures.hpp"

#include <algorithm>
#include <fstream>
#include <random>
#include <sstream>

using namespace archplan;
using analysis::detail::propagate_matrix;
using analysis::detail::propagate_separable;
using analysis::detail::PropagateStats;

namespace {

struct Case {
    std::vector<std::uint32_t> srcs, dsts;
    std::vector<double> a, q;
};

// Both forms on one case; returns the stats of the separable one. Loads agree to 1e-9 of the largest.
PropagateStats agree(const model::SystemGraph& g, const Case& c, const std::vector<char>* dead) {
    std::vector<double> T(c.srcs.size() * c.dsts.size());
    for (std::size_t i = 0; i < c.srcs.size(); ++i)
        for (std::size_t j = 0; j < c.dsts.size(); ++j) T[i * c.dsts.size() + j] = c.a[i] * c.q[j];
    std::vector<double> ref(g.edges().size(), 0.0), fast(g.edges().size(), 0.0);
    bool ref_routed = propagate_matrix(g, c.srcs, c.dsts, T, ref, dead);
    PropagateStats stats;
    bool fast_routed = propagate_separable(g, c.srcs, c.a, c.dsts, c.q, fast, dead, &stats);
    CHECK(ref_routed == fast_routed);
    double top = *std::max_element(ref.begin(), ref.end());
    std::size_t wrong = 0;
    for (std::size_t e = 0; e < ref.size(); ++e) {
        // A zero stays exactly zero: the reports count an edge as loaded when its load is positive.
        if ((ref[e] > 0) != (fast[e] > 0) || std::abs(ref[e] - fast[e]) > 1e-9 * top) {
            if (wrong++ < 3) UNSCOPED_INFO("edge " << e << ": search " << ref[e] << ", pattern " << fast[e]);
        }
    }
    CHECK(wrong == 0);
    return stats;
}

// Random subsets of the leaves as sources and destinations (they may overlap), random amounts, some zero.
Case random_case(const model::SystemGraph& g, std::mt19937_64& rng, std::uint32_t network) {
    Case c;
    std::uniform_real_distribution<double> amount(0.0, 1.0);
    std::bernoulli_distribution pick(0.6), zero(0.1);
    for (const auto& l : g.leaves()) {
        if (l.network != network) continue;
        if (pick(rng)) {
            c.srcs.push_back(l.vertex);
            c.a.push_back(zero(rng) ? 0.0 : amount(rng));
        }
        if (pick(rng)) {
            c.dsts.push_back(l.vertex);
            c.q.push_back(zero(rng) ? 0.0 : amount(rng));
        }
    }
    return c;
}

// The fabric switches of one network, for failing some.
std::vector<std::uint32_t> switches(const model::SystemGraph& g) {
    std::vector<std::uint32_t> v;
    for (std::uint32_t x = 0; x < g.vertex_count(); ++x)
        if (analysis::detail::is_fabric_switch(g.vertices()[x].kind) || g.vertices()[x].kind == model::VertexKind::leaf)
            v.push_back(x);
    return v;
}

// Healthy, each switch failed alone (up to 40 of them), and a few random sets of three.
void compare_all(const model::SystemGraph& g, std::mt19937_64& rng, std::size_t& pattern, std::size_t& searched) {
    for (std::uint32_t net = 0; net < 4; ++net) {
        bool any = false;
        for (const auto& l : g.leaves()) any = any || l.network == net;
        if (!any) continue;
        auto c = random_case(g, rng, net);
        if (c.srcs.empty() || c.dsts.empty()) continue;
        auto s = agree(g, c, nullptr);
        pattern += s.pattern;
        searched += s.searched;
        auto sw = switches(g);
        std::shuffle(sw.begin(), sw.end(), rng);
        std::vector<char> dead(g.vertex_count(), 0);
        for (std::size_t k = 0; k < std::min<std::size_t>(sw.size(), 40); ++k) {
            dead[sw[k]] = 1;
            s = agree(g, c, &dead);
            pattern += s.pattern;
            searched += s.searched;
            dead[sw[k]] = 0;
        }
        for (int k = 0; k < 5 && sw.size() >= 3; ++k) {
            std::shuffle(sw.begin(), sw.end(), rng);
            for (int j = 0; j < 3; ++j) dead[sw[static_cast<std::size_t>(j)]] = 1;
            agree(g, c, &dead);
            for (int j = 0; j < 3; ++j) dead[sw[static_cast<std::size_t>(j)]] = 0;
        }
    }
}

} // namespace

TEST_CASE("propagate: the shared upward pass equals the per-class search on random three-tier fat trees",
          "[routed][propagate][property]") {
    std::mt19937_64 rng(20261202);
    std::size_t built = 0, pattern = 0, searched = 0;
    for (int n = 0; n < 600 && built < 120; ++n) {
        auto yaml = fixtures::random_design(rng, {3, false});
        auto r = spec::load_string(yaml, "random.yaml");
        if (!r.spec) continue;
        auto b = model::build(*r.spec);
        if (!b.graph) continue; // more ports than the switches have: the model refuses it, rightly
        ++built;
        INFO(yaml);
        compare_all(*b.graph, rng, pattern, searched);
    }
    WARN("random designs: " << built << " built, " << pattern << " classes on the shared pass, " << searched << " searched");
    CHECK(built >= 100);
    // Most classes take the shared pass (a failure sends only its own pod's class to the search).
    CHECK(pattern > 4 * searched);
}

TEST_CASE("propagate: the shared upward pass equals the per-class search on the shipped specs", "[routed][propagate][property]") {
    std::mt19937_64 rng(7);
    std::size_t pattern = 0, searched = 0;
    for (const char* file :
         // Every shipped spec that builds as written (auto-sizing's counts are sized first, by the plan).
         {"specs/customer.yaml", "examples/allflash-client-ec.yaml", "examples/appliance-single-switch.yaml",
          "examples/ddn-ai400x2-mlperf.yaml", "examples/durability-hdd.yaml", "examples/hpc-lustre-hdd.yaml",
          "examples/llama3-405b-goodput.yaml", "examples/llama3-405b-two-level.yaml", "examples/lnet-routers.yaml",
          "examples/mlperf-unet3d-data-loading.yaml", "examples/object-store-replicated.yaml", "examples/unmet-taper.yaml"}) {
        INFO(file);
        auto b = fixtures::build(fixtures::read_text(std::string(ARCHPLAN_SOURCE_DIR) + "/" + file));
        compare_all(b.graph, rng, pattern, searched);
    }
    CHECK(pattern > 0);
}

TEST_CASE("propagate: a healthy three-tier fat tree takes no search; a failed aggregation switch sends one class to it",
          "[routed][propagate]") {
    // The three-tier fixture of test_analysis.cpp: 8 nodes on 4 leaves (2 pods), 2 servers on 2 leaves (1 pod),
    // 2 aggregation switches per pod, 4 cores. Writes: 4 compute leaves -> 2 storage leaves (one class).
    auto b = fixtures::build(R"(
archplan: 1
requirements:
  - {id: w, bandwidth: 10 GB/s, direction: write, from: c, to: s}
compute:
  - {name: c, count: 8, storage_nic: 1 x 100 Gb/s}
network:
  - name: n
    link: 100 Gb/s
    efficiency: 1.0
    tiers: 3
    leaves:
      c: {down: 2, up: 2}
      s: {down: 2, up: 2}
    aggregation: {down: 2, up: 2}
    core: {ports: 4}
storage:
  - name: s
    servers: 2
    server:
      nic: 2 x 100 Gb/s
      limit: {read: 100 GB/s, write: 100 GB/s}
      drives: {count: 10, capacity: 10 TB, read: 10 GB/s, write: 10 GB/s}
    protection: {replicas: 1, where: server}
)");
    const auto& g = b.graph;
    Case c;
    for (const auto& l : g.leaves()) {
        bool compute = l.shape == 0; // the shapes in the spec's order: c, s
        (compute ? c.srcs : c.dsts).push_back(l.vertex);
        (compute ? c.a : c.q).push_back(compute ? 2.5 : 0.5); // 10 bytes/s from 4 leaves, half to each storage leaf
    }
    REQUIRE(c.srcs.size() == 4);
    REQUIRE(c.dsts.size() == 2);
    auto healthy = agree(g, c, nullptr);
    CHECK(healthy.pattern == 1);
    CHECK(healthy.searched == 0);
    std::vector<double> load(g.edges().size(), 0.0);
    REQUIRE(propagate_separable(g, c.srcs, c.a, c.dsts, c.q, load, nullptr));
    // Every core carries 10/4 = 2.5 and sends it over its one link into the storage pod.
    std::size_t into_storage = 0;
    for (std::size_t e = 0; e < g.edges().size(); ++e) {
        const auto& ed = g.edges()[e];
        if (g.vertices()[ed.source].kind != model::VertexKind::core || load[e] == 0) continue;
        CHECK(load[e] == Approx(2.5));
        ++into_storage;
    }
    CHECK(into_storage == 4);
    // Fail one aggregation switch of the storage pod: the storage class's parents change, and the cores of its
    // plane no longer reach them, so that class takes the search.
    std::vector<char> dead(g.vertex_count(), 0);
    for (std::uint32_t v = 0; v < g.vertex_count(); ++v)
        if (g.vertices()[v].kind == model::VertexKind::aggregation) {
            bool storage_pod = false;
            for (auto e : g.out_edges(v))
                for (auto d : c.dsts) storage_pod = storage_pod || g.edges()[e].target == d;
            if (storage_pod) {
                dead[v] = 1;
                break;
            }
        }
    auto failed = agree(g, c, &dead);
    CHECK(failed.pattern == 0);
    CHECK(failed.searched == 1);
}
