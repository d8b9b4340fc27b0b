// Sweeps (issue 11): parameters, the Pareto front against a brute-force check, and shards that merge into what one
// process writes.
#include "catch.hpp"
#include "spec_fixtures.hpp"

#include "archplan/sweep/sweep.hpp"

#include <limits>
#include <random>

using namespace archplan;

TEST_CASE("sweep: the Pareto front has no dominated point and misses no non-dominated one (random point sets)",
          "[sweep][pareto]") {
    std::mt19937_64 rng(11);
    for (int trial = 0; trial < 300; ++trial) {
        std::size_t n = std::uniform_int_distribution<std::size_t>(1, 60)(rng),
                    k = std::uniform_int_distribution<std::size_t>(1, 4)(rng);
        // Few distinct values, so ties and equal points are common.
        std::uniform_int_distribution<int> v(0, 5);
        std::vector<std::vector<double>> pts(n, std::vector<double>(k));
        for (auto& p : pts)
            for (auto& x : p) x = v(rng);
        auto front = sweep::pareto_front(pts);
        // By the definition, point by point: a dominates b when a >= b everywhere and a > b somewhere.
        auto dominates = [&](std::size_t a, std::size_t b) {
            bool ge = true, gt = false;
            for (std::size_t d = 0; d < k; ++d) {
                ge = ge && pts[a][d] >= pts[b][d];
                gt = gt || pts[a][d] > pts[b][d];
            }
            return ge && gt;
        };
        std::vector<char> in(n, 0);
        for (auto i : front) in[i] = 1;
        for (std::size_t i = 0; i < n; ++i) {
            bool dominated = false;
            for (std::size_t j = 0; j < n; ++j) dominated = dominated || dominates(j, i);
            INFO("trial " << trial << ", point " << i);
            CHECK(static_cast<bool>(in[i]) == !dominated);
        }
        CHECK(std::is_sorted(front.begin(), front.end()));
    }
}

TEST_CASE("sweep: axes from ranges and lists, checked against the knob table", "[sweep]") {
    auto spec = fixtures::load(fixtures::two_tier);
    std::string error;
    auto a = sweep::parse_axis(spec, "storage.s.servers=2..10:4", error);
    REQUIRE(a);
    CHECK(a->values == std::vector<double>{2, 6, 10});
    auto b = sweep::parse_axis(spec, "storage.s.rebuild.share=10%..50%:20%", error);
    REQUIRE(b);
    REQUIRE(b->values.size() == 3); // 0.1, 0.3, 0.5 (the last reached despite rounding)
    CHECK(b->values[2] == Approx(0.5));
    auto c = sweep::parse_axis(spec, "storage.s.servers=3,5,8", error);
    REQUIRE(c);
    CHECK(c->values == std::vector<double>{3, 5, 8});
    CHECK_FALSE(sweep::parse_axis(spec, "storage.s.server=2..4", error));
    CHECK(error.find("did you mean 'storage.s.servers'") != std::string::npos);
    CHECK_FALSE(sweep::parse_axis(spec, "storage.s.servers=10..2", error));
    CHECK(error.find("the range is empty") != std::string::npos);
    CHECK_FALSE(sweep::parse_axis(spec, "storage.s.servers=0,2", error));
    CHECK(error.find("outside its bounds") != std::string::npos);
    CHECK_FALSE(sweep::parse_axis(spec, "storage.s.servers", error));
    CHECK_FALSE(sweep::parse_axis(spec, "storage.s.rebuild.share=10%..50%", error));
    CHECK(error.find("a share needs one") != std::string::npos);
    // A count steps in whole numbers; a share's bare step is a fraction (':10' would be 1,000%).
    CHECK_FALSE(sweep::parse_axis(spec, "storage.s.servers=1..3:0.5", error));
    CHECK(error.find("a positive whole number") != std::string::npos);
    CHECK_FALSE(sweep::parse_axis(spec, "storage.s.rebuild.share=10%..50%:10", error));
    CHECK(sweep::parse_axis(spec, "storage.s.rebuild.share=10%..50%:0.2", error)->values.size() == 3);
    // A product too large for size_t saturates (and is refused by the command) instead of wrapping to 0.
    sweep::Parameters huge;
    for (int i = 0; i < 4; ++i) huge.axes.push_back({"storage.s.servers", std::vector<double>(65536, 2.0), "", false});
    CHECK(sweep::variant_count(huge) == std::numeric_limits<std::size_t>::max());
    // The product: the last axis varies fastest; in lockstep the axes move together.
    sweep::Parameters p;
    p.axes = {*a, *c};
    CHECK(sweep::variant_count(p) == 9);
    CHECK(sweep::values_of(p, 4) == std::vector<double>{6, 5});
    p.lockstep = true;
    CHECK(sweep::variant_count(p) == 3);
    CHECK(sweep::values_of(p, 2) == std::vector<double>{10, 8});
}

TEST_CASE("sweep: shards merge into exactly what one process writes", "[sweep][shard]") {
    auto spec = fixtures::load(fixtures::two_tier);
    std::string error;
    sweep::Parameters p;
    p.spec = "two-tier";
    p.axes.push_back(*sweep::parse_axis(spec, "storage.s.servers=2..6:1", error));
    p.axes.push_back(*sweep::parse_axis(spec, "storage.s.rebuild.share=20%,50%", error));
    p.objectives.push_back(*sweep::parse_objective("max:requirement/w/achievable", error));
    p.objectives.push_back(*sweep::parse_objective("min:inventory/servers", error));
    auto one = sweep::run(spec, p, 2, 0, 1, nullptr, nullptr);
    REQUIRE(sweep::finish(one).empty());
    REQUIRE(one.points.size() == 10);
    CHECK(one.complete);
    // More servers never lower the write figure here, and cost more: the front trades them off.
    CHECK_FALSE(one.front.empty());
    std::vector<sweep::Result> shards;
    for (std::size_t k = 0; k < 3; ++k) {
        auto s = sweep::run(spec, p, 1, k, 3, nullptr, nullptr);
        REQUIRE(sweep::finish(s).empty());
        // Through JSON, as the job array's shards are.
        auto back = sweep::from_json(sweep::to_json(s), error);
        INFO(error);
        REQUIRE(back);
        shards.push_back(std::move(*back));
    }
    sweep::Result merged;
    REQUIRE(sweep::merge(shards, merged).empty());
    REQUIRE(sweep::finish(merged).empty());
    CHECK(sweep::to_json(merged) == sweep::to_json(one));
    CHECK(sweep::to_csv(merged) == sweep::to_csv(one));
    // A shard missing, or given twice, is an error; so is an objective on no figure.
    std::vector<sweep::Result> missing(shards.begin(), shards.begin() + 2);
    CHECK(sweep::merge(missing, merged).find("shard 2/3 is missing") != std::string::npos);
    std::vector<sweep::Result> twice{shards[0], shards[0], shards[1]};
    CHECK(sweep::merge(twice, merged).find("given twice") != std::string::npos);
    auto bad = one;
    bad.parameters.objectives.push_back(*sweep::parse_objective("max:requirement/w/achievabel", error));
    CHECK(sweep::finish(bad).find("did you mean 'requirement/w/achievable'") != std::string::npos);
}

TEST_CASE("sensitivity: each knob moved 10% down and up, ranked by how far it moves each figure (hand-checked)",
          "[sweep][sensitivity]") {
    auto spec = fixtures::load(fixtures::read_text(std::string(ARCHPLAN_SOURCE_DIR) + "/specs/customer.yaml"));
    std::string error;
    auto s = sweep::sensitivity(spec, "customer", {"storage.scratch.servers", "storage.scratch.server.nic"}, 0.10, 2, error);
    INFO(error);
    REQUIRE(s);
    REQUIRE(s->knobs.size() == 2);
    // 200 servers -> 180 and 220; 2 NIC ports -> 1 and 3 (at least one step).
    CHECK(s->knobs[0].low == 180);
    CHECK(s->knobs[0].high == 220);
    CHECK(s->knobs[1].low == 1);
    CHECK(s->knobs[1].high == 3);
    const sweep::SensitivityFigure* write = nullptr;
    for (const auto& f : s->figures)
        if (f.key == "requirement/ckpt-write/achievable") write = &f;
    REQUIRE(write);
    CHECK(write->base == Approx(12e12));
    REQUIRE(write->ranking.size() == 2);
    // One NIC port: 200 servers x 400 Gb/s x 0.95 = 9.5 TB/s; three leave the controllers binding at 12 TB/s: 2.5 TB/s.
    // Servers: the controllers scale, 12 x 0.9 = 10.8 and 12 x 1.1 = 13.2 TB/s: 2.4 TB/s, second.
    CHECK(s->knobs[write->ranking[0].knob].path == "storage.scratch.server.nic");
    CHECK(write->ranking[0].at_low.value() == Approx(9.5e12));
    CHECK(write->ranking[0].swing == Approx(2.5e12));
    CHECK(write->ranking[1].at_low.value() == Approx(10.8e12));
    CHECK(write->ranking[1].at_high.value() == Approx(13.2e12));
    CHECK_FALSE(sweep::sensitivity(spec, "customer", {"storage.scratch.server"}, 0.1, 1, error));
    CHECK(error.find("did you mean 'storage.scratch.servers'") != std::string::npos);
}
