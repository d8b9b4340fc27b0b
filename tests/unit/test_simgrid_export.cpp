// The SimGrid export (issue 15): links carry the edges' capacities over the client bytes each carries per client byte,
// one sub-flow per equal-cost path with equal bytes, and d-mod-k's one path per pair. By hand, on small designs.
#include "catch.hpp"
#include "spec_fixtures.hpp"

#include "archplan/sim/simgrid.hpp"

#include <filesystem>

using namespace archplan;

namespace {
plan::Evaluation evaluated(const std::filesystem::path& relative) {
    auto ev = plan::evaluate(fixtures::load(fixtures::read_text(std::filesystem::path(ARCHPLAN_SOURCE_DIR) / relative)));
    REQUIRE(ev.value);
    return std::move(*ev.value);
}
std::size_t count(const std::string& text, const std::string& what) {
    std::size_t n = 0;
    for (auto at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
    return n;
}
} // namespace

TEST_CASE("simgrid export: one switch, 16 nodes, 4 servers, 8+2 inside each server", "[simgrid]") {
    auto ev = evaluated("examples/appliance-single-switch.yaml");
    auto x = sim::export_simgrid(ev, "");
    REQUIRE(x.error.empty());
    // One path per pair through the one switch: 16 x 4 = 64 sub-flows, each 220 GB / 64 = 3.4375 GB.
    CHECK(x.subflows == 64);
    CHECK(x.pairs == 64);
    CHECK(x.bytes == Approx(220e9));
    CHECK(x.ecmp.find("n0p0,server-0,3437500000") != std::string::npos);
    // The controller's 60 GB/s write limit carries client bytes one for one; the drives' 24 x 4.0 = 96 GB/s carry
    // 10 device bytes per 8 client bytes: 76.8 GB/s of client bytes.
    CHECK(x.platform.find("bandwidth=\"60000000000Bps\" latency=\"0s\"/><!-- flash controller (write) -->") != std::string::npos);
    CHECK(x.platform.find("bandwidth=\"76800000000Bps\" latency=\"0s\"/><!-- flash drives (write) -->") != std::string::npos);
    // Hosts: 4 servers, one per node and path and one per node for d-mod-k; a route per sub-flow and per d-mod-k pair.
    CHECK(count(x.platform, "<host ") == 4 + 16 + 16);
    CHECK(count(x.platform, "<route ") == 64 + 64);
    CHECK(x.routed == Approx(240e9));
}

TEST_CASE("simgrid export: d-mod-k puts each pair on one spine, ECMP on all three", "[simgrid]") {
    auto ev = evaluated("tests/data/simgrid/dmodk-uneven.yaml");
    auto x = sim::export_simgrid(ev, "write");
    REQUIRE(x.error.empty());
    // 32 nodes x 4 servers x 3 spines = 384 sub-flows of 40 GB / 128 / 3; 128 d-mod-k flows of 40 GB / 128.
    CHECK(x.subflows == 384);
    CHECK(x.pairs == 128);
    // d-mod-k flows start on their own host per node, each pair over the spine its server's index picks (3 mod 3 = 0).
    CHECK(x.dmodk.find("n0d,server-3,312500000\n") != std::string::npos);
    CHECK(x.platform.find("<route src=\"n0d\" dst=\"server-3\"") != std::string::npos);
    CHECK(count(x.ecmp, "\n") == 1 + 384);
}

TEST_CASE("simgrid export: with uneven cabling each path gets its hops' cable shares", "[simgrid]") {
    auto ev = evaluated("tests/data/simgrid/uneven-spines.yaml");
    auto x = sim::export_simgrid(ev, "");
    REQUIRE(x.error.empty());
    // Per pair 40 GB / (32 x 4) = 312.5 MB: 2/3 through spine 0 (two of the gpu leaf's three cables), 1/3 through
    // spine 1.
    CHECK(x.subflows == 32 * 4 * 2);
    CHECK(x.ecmp.find("n0p0,server-0,208333333.33333") != std::string::npos);
    CHECK(x.ecmp.find("n0p1,server-0,104166666.66666") != std::string::npos);
}

TEST_CASE("simgrid export: a dragonfly's minimal paths, over every global link between two groups", "[simgrid]") {
    auto ev = evaluated("tests/data/simgrid/dragonfly-small.yaml");
    auto x = sim::export_simgrid(ev, "write");
    REQUIRE(x.error.empty());
    // 48 nodes x 4 servers = 192 pairs. The nodes' 12 switches are groups 0-2, the servers' switch is in group 3:
    // every pair crosses groups, and each group has 4 x 3 = 12 global links, 4 to each other group: 4 paths a pair.
    CHECK(x.pairs == 192);
    CHECK(x.subflows == 768);
    CHECK(x.routed == Approx(90e9));
}

TEST_CASE("simgrid export: what it cannot replay is refused with the reason", "[simgrid]") {
    auto routers = evaluated("examples/lnet-routers.yaml");
    CHECK(sim::export_simgrid(routers, "").error.find("routes through routers are not exported") != std::string::npos);
    auto primary = evaluated("examples/object-store-replicated.yaml");
    CHECK(sim::export_simgrid(primary, "").error.find("primary-forwarded protection") != std::string::npos);
    auto valiant = plan::evaluate(fixtures::load(fixtures::edit(
        fixtures::read_text(std::filesystem::path(ARCHPLAN_SOURCE_DIR) / "tests/data/simgrid/dragonfly-small.yaml"),
        "paths: minimal", "paths: valiant")));
    REQUIRE(valiant.value);
    CHECK(sim::export_simgrid(*valiant.value, "").error == "network 'df' routes Valiant: the export replays minimal paths only");
    auto small = evaluated("examples/appliance-single-switch.yaml");
    CHECK(sim::export_simgrid(small, "ckpt-wrte").error == "no bandwidth requirement 'ckpt-wrte'; did you mean 'ckpt-write'?");
}
