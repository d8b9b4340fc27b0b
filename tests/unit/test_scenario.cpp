// Failure scenarios on the two-tier fixture (hand-computed) and the monotonicity property on every shipped spec.
#include "catch.hpp"
#include "spec_fixtures.hpp"

#include "archplan/analysis/scenario.hpp"
#include "archplan/plan/evaluate.hpp"

#include <filesystem>
#include <fstream>
#include <sstream>

using namespace archplan;
using Catch::Detail::Approx;

namespace {
const analysis::ScenarioResult& named(const std::vector<analysis::ScenarioResult>& all, const std::string& id) {
    for (const auto& s : all)
        if (s.scenario.id == id) return s;
    FAIL("no scenario " << id);
    throw std::logic_error("unreachable");
}
} // namespace

TEST_CASE("scenario: the default set on the two-tier fixture", "[scenario]") {
    std::string y = fixtures::two_tier;
    y.replace(y.find("requirements:"), 13,
              "requirements:\n  - {id: r, bandwidth: 1 GB/s, direction: read, from: c, to: s, access: random}");
    auto b = fixtures::build(y);
    auto a = analysis::analyse(b.spec, b.graph);
    // Default set: s server down, s drive per group down, n spine down, c leaf down, s leaf down.
    REQUIRE(a.scenarios.size() == 5);
    {
        // One of two servers down: the survivor takes all writes. Its drives write 2 x 3 GB/s = 6 GB/s of
        // device bytes = 4 GB/s of client bytes with 4+2 (healthy: 8 GB/s over two servers).
        const auto& s = named(a.scenarios, "s-server-down");
        CHECK(s.rows[1].requirement == "w");
        CHECK(s.rows[1].achievable.value() == Approx(4e9));
        CHECK_FALSE(s.rows[1].met);
        // Protection inside each server: the failed server's data cannot be read.
        CHECK(s.rows[0].requirement == "r");
        CHECK(s.rows[0].note == analysis::ScenarioRow::Note::unavailable);
        CHECK_FALSE(s.rows[0].met);
    }
    {
        // One drive per 4+2 group down: 5/6 of the drives left, and rebuild takes half of them (default share):
        // 6 GB/s x 5/6 x 0.5 = 2.5 GB/s of device writes per server = 1.67 GB/s of client bytes; 2 servers: 3.33 GB/s.
        const auto& s = named(a.scenarios, "s-drive-per-group-down");
        CHECK(s.rows[1].achievable.value() == Approx(2 * 6e9 * 5 / 6 * 0.5 / 1.5));
        // Reads: 2 drives x 5 GB/s x 5/6 x 0.5 = 4.17 GB/s of device reads per server, at 1 + 1/6 x 3 = 1.5 device
        // reads per byte: 2.78 GB/s per server, 5.56 GB/s for both (the 10 GB/s leaf uplink is not the limit).
        CHECK(s.rows[0].achievable.value() == Approx(2 * 2 * 5e9 * 5 / 6 * 0.5 / 1.5));
    }
    {
        // The same read as full stripes in order (the default access) reads any 4 of the 6 chunks: no extra
        // device reads, 2 x 2 x 5 GB/s x 5/6 x 0.5 = 8.33 GB/s (the 10 GB/s leaf uplink is still not the limit).
        auto bs = fixtures::build(fixtures::edit(y, ", access: random}", "}"));
        auto as = analysis::analyse(bs.spec, bs.graph);
        CHECK(named(as.scenarios, "s-drive-per-group-down").rows[0].achievable.value() == Approx(2 * 2 * 5e9 * 5 / 6 * 0.5));
    }
    {
        // The only spine down: no path between the leaves.
        const auto& s = named(a.scenarios, "n-spine-down");
        CHECK(s.rows[1].achievable.value() == 0.0);
        CHECK_FALSE(s.rows[1].met);
        CHECK(s.rows[1].note == analysis::ScenarioRow::Note::no_path);
    }
    {
        // One of two compute leaves down: its two nodes are out, the other two carry the write, each through
        // its own 10 GB/s port, and their leaf's single uplink caps it at 10 GB/s: the drives still bind at 8 GB/s.
        const auto& s = named(a.scenarios, "c-leaf-down");
        CHECK(s.rows[1].achievable.value() == Approx(8e9));
    }
}

TEST_CASE("scenario: rebuild takes its share of the controllers too", "[scenario]") {
    // The two-tier fixture with fast drives (50 GB/s read, 30 GB/s write) and one drive per group down: each
    // server's drives keep 2 x 30 x 5/6 x 50% = 25 GB/s of writes (16.7 GB/s of client bytes), but the rebuild
    // takes half of the controller too, 8 x 50% = 4 GB/s of writes and 9 x 50% = 4.5 GB/s of reads per server:
    // 8 GB/s of writes and 9 GB/s of reads, both below the 10 GB/s the storage leaf's one uplink carries
    // (healthy: 10 GB/s, bound by that uplink).
    std::string y = fixtures::edit(fixtures::two_tier, "read: 5 GB/s, write: 3 GB/s", "read: 50 GB/s, write: 30 GB/s");
    y = fixtures::edit(y, "requirements:",
                       "scenarios:\n  - {id: group-drive, drives_down: {s: 1}}\ndefault_scenarios: false\nrequirements:\n"
                       "  - {id: r, bandwidth: 1 GB/s, direction: read, from: c, to: s}");
    auto b = fixtures::build(y);
    auto a = analysis::analyse(b.spec, b.graph);
    REQUIRE(a.scenarios.size() == 1);
    CHECK(a.bandwidth[1].routed.achievable.value() == Approx(10e9));
    const auto& s = named(a.scenarios, "group-drive");
    CHECK(s.rows[1].requirement == "w");
    CHECK(s.rows[1].achievable.value() == Approx(2 * 8e9 * 0.5));
    CHECK(s.rows[1].bottleneck == "s controller (write)");
    CHECK(s.rows[0].achievable.value() == Approx(2 * 9e9 * 0.5));
    CHECK(s.rows[0].bottleneck == "s controller (read)");
}

TEST_CASE("scenario: a failure never raises an achievable figure (every shipped spec)", "[scenario][property]") {
    namespace fs = std::filesystem;
    std::vector<fs::path> specs{fs::path(ARCHPLAN_SOURCE_DIR) / "specs" / "customer.yaml"};
    for (const auto& e : fs::directory_iterator(fs::path(ARCHPLAN_SOURCE_DIR) / "examples"))
        if (e.path().extension() == ".yaml") specs.push_back(e.path());
    std::sort(specs.begin(), specs.end());
    for (const auto& path : specs) {
        INFO(path.string());
        std::ifstream in(path);
        std::stringstream text;
        text << in.rdbuf();
        auto loaded = spec::load_string(text.str(), path.string());
        REQUIRE(loaded.spec);
        auto evaluated = plan::evaluate(*loaded.spec);
        REQUIRE(evaluated.value);
        const auto& a = evaluated.value->analysis;
        for (const auto& sc : a.scenarios)
            for (std::size_t i = 0; i < sc.rows.size(); ++i) {
                INFO(sc.scenario.id << " / " << sc.rows[i].requirement);
                CHECK(sc.rows[i].achievable.value() <= a.bandwidth[i].routed.achievable.value() * (1 + 1e-12));
            }
    }
}
