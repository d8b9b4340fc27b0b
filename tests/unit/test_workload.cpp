// Workload translation, concurrency and auto sizing on the two-tier fixture, with hand-computed values.
#include "catch.hpp"
#include "spec_fixtures.hpp"

#include "archplan/analysis/analysis.hpp"
#include "archplan/analysis/checkpoint.hpp"

#include <cmath>

using namespace archplan;
using Catch::Detail::Approx;
namespace ck = analysis::checkpoint;

namespace {

// The fixture's write path achieves 8 GB/s (drives: 2 x 3 GB/s per server / 1.5 for 4+2, 2 servers);
// its read path 10 GB/s (the storage leaf's single 10 GB/s uplink carries every read).
std::string with_workloads(const std::string& workloads, const std::string& extra_storage = "") {
    std::string y = fixtures::two_tier;
    y.insert(y.find("compute:"), workloads);
    if (!extra_storage.empty()) y += extra_storage;
    return y;
}

const char* checkpoint = R"(workloads:
  - id: ck
    checkpoint:
      from: c
      to: s
      parameters: 1e9
      ranks_per_node: 2
      failures: {interruptions: 10, over: 100 h, nodes: 8}
      restart: 1 min
)";

const char* metadata = "    metadata: {servers: 1, creates: 9/s, opens: 1000/s}\n";

} // namespace

TEST_CASE("workload: checkpoint figures at the fixture's bandwidth", "[workload]") {
    auto b = fixtures::build(with_workloads(checkpoint, metadata));
    auto wa = analysis::analyse_workloads(b.spec, b.graph);
    REQUIRE(wa.checkpoints.size() == 1);
    const auto& r = wa.checkpoints[0];
    CHECK(r.size.value() == Approx(14e9));            // 1e9 parameters x 14 bytes (default)
    CHECK(r.files == 9);                              // 4 nodes x 2 ranks x 1 file + 1 index file
    CHECK(r.metadata_time.value() == Approx(1.0));    // 9 files / (1 server x 9/s)
    CHECK(r.job_mtbf.value() == Approx(20 * 3600.0)); // 100 h / 10 on 8 nodes, x 8 / 4 nodes = 20 h
    CHECK(r.write_achievable.value() == Approx(8e9));
    CHECK(r.read_achievable.value() == Approx(10e9));
    CHECK(r.dump_time.value() == Approx(2.75));     // 14 GB / 8 GB/s + 1 s of creates
    CHECK(r.restart_total.value() == Approx(61.4)); // 60 s + 14 GB / 10 GB/s
    CHECK(r.interval.value() == Approx(ck::daly_interval(units::Seconds(2.75), units::Seconds(72000)).value()));
    CHECK(r.goodput == Approx(ck::daly_goodput(r.interval, units::Seconds(2.75), units::Seconds(61.4), units::Seconds(72000))));
    CHECK(r.waste_restart == Approx(61.4 / 72000));
    CHECK(wa.bandwidth.empty()); // no goodput target, no derived requirement
}

TEST_CASE("workload: one directory is served by one metadata server unless it is striped", "[workload]") {
    const char* three = "    metadata: {servers: 3, creates: 9/s, opens: 1000/s}\n";
    auto shared = fixtures::build(with_workloads(checkpoint, three));
    auto shared_wa = analysis::analyse_workloads(shared.spec, shared.graph);
    const auto& r = shared_wa.checkpoints.at(0);
    CHECK(r.metadata_servers == 1);
    CHECK(r.metadata_time.value() == Approx(1.0)); // 9 files / (1 of the 3 servers x 9/s)
    auto striped = fixtures::build(with_workloads(
        fixtures::edit(checkpoint, "      ranks_per_node: 2\n", "      ranks_per_node: 2\n      directory: striped\n"), three));
    auto striped_wa = analysis::analyse_workloads(striped.spec, striped.graph);
    const auto& s = striped_wa.checkpoints.at(0);
    CHECK(s.metadata_servers == 3);
    CHECK(s.metadata_time.value() == Approx(1.0 / 3)); // 9 files / (3 servers x 9/s)
}

TEST_CASE("workload: a goodput target becomes a write requirement that gives the target back", "[workload]") {
    std::string ck_target = std::string(checkpoint) + "      goodput: 99%\n";
    auto b = fixtures::build(with_workloads(ck_target, metadata));
    auto wa = analysis::analyse_workloads(b.spec, b.graph);
    const auto& r = wa.checkpoints[0];
    REQUIRE(r.bandwidth_needed);
    REQUIRE(wa.bandwidth.size() == 1);
    CHECK(wa.bandwidth[0].id == "ck.write");
    CHECK(wa.bandwidth[0].bandwidth.value() == Approx(r.bandwidth_needed->value()));
    // Feed it back: at that bandwidth the dump takes S / B + creates, and Daly's optimum gives 99%.
    units::Seconds delta(14e9 / r.bandwidth_needed->value() + 1.0);
    auto tau = ck::daly_interval(delta, units::Seconds(72000));
    CHECK(ck::daly_goodput(tau, delta, units::Seconds(61.4), units::Seconds(72000)) == Approx(0.99).epsilon(1e-9));
}

TEST_CASE("workload: targets that no bandwidth reaches are explained, not answered", "[workload]") {
    SECTION("restart time alone exceeds the budget") {
        // R / M = (2 h + 1.4 s) / 20 h > 5%: the ceiling e^(-0.1) = 90.5% is below 95%.
        std::string y = std::string(checkpoint) + "      goodput: 95%\n";
        y.replace(y.find("restart: 1 min"), 14, "restart: 2 h");
        auto b = fixtures::build(with_workloads(y));
        auto wa = analysis::analyse_workloads(b.spec, b.graph);
        CHECK_FALSE(wa.checkpoints[0].bandwidth_needed);
        CHECK(wa.checkpoints[0].infeasible.find("restart and rework alone") != std::string::npos);
        CHECK(wa.bandwidth.empty());
    }
    SECTION("creating the files alone takes longer than the window") {
        // 4 nodes x 2 ranks x 10,000 files = 80,001 files at 9/s = 2.5 h, far past any window.
        std::string y = std::string(checkpoint) + "      files_per_rank: 10000\n      goodput: 95%\n";
        auto b = fixtures::build(with_workloads(y, metadata));
        auto wa = analysis::analyse_workloads(b.spec, b.graph);
        CHECK(wa.checkpoints[0].infeasible.find("creating the checkpoint's files") != std::string::npos);
        CHECK(wa.bandwidth.empty());
    }
}

TEST_CASE("workload: two-level checkpointing", "[workload]") {
    SECTION("the drain replaces the burst") {
        std::string y = std::string(checkpoint) + "      local: {rate: 1 GB/s, capacity: 10 GB}\n";
        auto b = fixtures::build(with_workloads(y));
        auto wa = analysis::analyse_workloads(b.spec, b.graph);
        const auto& r = wa.checkpoints[0];
        CHECK(r.two_level);
        CHECK(r.blocking.value() == Approx(3.5));     // 14 GB / 4 nodes = 3.5 GB per node at 1 GB/s
        CHECK(r.local_needed.value() == Approx(7e9)); // two shards of 3.5 GB
        CHECK(r.local_problem.empty());
        auto tau = ck::daly_interval(units::Seconds(3.5), units::Seconds(72000));
        CHECK(r.drain_needed.value() == Approx(14e9 / tau.value())); // size / interval
        CHECK(r.drain_time.value() == Approx(14e9 / 8e9));
        // 1 - 3.5 / tau - (tau / 2 + 1.75 s drain + 61.4 s restart) / 20 h
        CHECK(r.two_level_goodput == Approx(1 - 3.5 / tau.value() - (tau.value() / 2 + 1.75 + 61.4) / 72000));
        REQUIRE(wa.bandwidth.size() == 1);
        CHECK(wa.bandwidth[0].id == "ck.drain");
    }
    SECTION("a local tier smaller than two shards is refused") {
        std::string y = std::string(checkpoint) + "      local: {rate: 1 GB/s, capacity: 5 GB}\n";
        auto b = fixtures::build(with_workloads(y));
        auto wa = analysis::analyse_workloads(b.spec, b.graph);
        CHECK(wa.checkpoints[0].local_problem.find("less than two checkpoint shards") != std::string::npos);
        CHECK(wa.bandwidth.empty());
    }
}

TEST_CASE("workload: data loading from samples, with opens and a dataset", "[workload]") {
    const char* data = R"(workloads:
  - id: img
    data_loading:
      from: c
      to: s
      accelerators_per_node: 2
      samples: 100/s
      sample_size: 1 MB
      samples_per_file: 4
      dataset: 50 TB
)";
    auto b = fixtures::build(with_workloads(data, metadata));
    auto wa = analysis::analyse_workloads(b.spec, b.graph);
    REQUIRE(wa.data_loading.size() == 1);
    const auto& r = wa.data_loading[0];
    CHECK(r.per_accelerator.value() == Approx(100e6)); // 100/s x 1 MB
    CHECK(r.accelerators == 8);                        // 4 nodes x 2
    CHECK(r.total.value() == Approx(800e6));
    CHECK(r.opens_per_second == Approx(200)); // 100/s x 8 / 4 samples per file
    REQUIRE(wa.bandwidth.size() == 1);
    CHECK(wa.bandwidth[0].id == "img.read");
    CHECK(wa.bandwidth[0].direction == spec::Direction::read);
    REQUIRE(wa.capacity.size() == 1);
    CHECK(wa.capacity[0].usable.value() == Approx(50e12));
}

TEST_CASE("workload: concurrent reads and writes share controllers and drives", "[workload]") {
    std::string y = fixtures::two_tier;
    y.replace(y.find("requirements:"), 13,
              "concurrent:\n  - {id: both, requirements: [w, r]}\nrequirements:\n  - {id: r, bandwidth: 4 GB/s, direction: read, "
              "from: c, to: s}");
    auto b = fixtures::build(y);
    auto a = analysis::analyse(b.spec, b.graph);
    REQUIRE(a.concurrent.size() == 1);
    // Per server: writes 10 / 2 = 5 GB/s against 8 (controller) and 7.5 against 6 (drives);
    // reads 2 GB/s against 9 and 10. Drives: 7.5/6 + 2/10 = 1.45; controller 5/8 + 2/9 = 0.847.
    CHECK(a.concurrent[0].max_utilisation == Approx(1.45));
    CHECK(a.concurrent[0].binding == "s drives (reads + writes)");
    CHECK_FALSE(a.concurrent[0].met);
    CHECK(a.concurrent[0].achievable[0].second.value() == Approx(10e9 / 1.45));
}

TEST_CASE("workload: auto counts are sized to the smallest value that meets every requirement", "[workload][auto]") {
    std::string y = fixtures::two_tier;
    y.replace(y.find("servers: 2"), 10, "servers: auto");
    auto spec = fixtures::load(y);
    REQUIRE(spec.autos.size() == 1);
    auto sized = analysis::size_autos(spec);
    REQUIRE(sized.sized.size() == 1);
    // Bandwidth alone needs 3 servers (10 GB/s x 1.5 / 6 GB/s of drive writes = 2.5); capacity needs
    // 600 TB / (200 TB x 4/6 x 0.8) = 5.6 -> 6, so capacity forces 6.
    CHECK(sized.sized[0].value == 6);
    CHECK(sized.sized[0].forced_by == "cap");
    CHECK(spec.storage[0].servers == 6);
    CHECK(sized.problem.empty());
}

TEST_CASE("workload: a failover pair's stall is charged to the checkpoint and restart in flight", "[workload]") {
    // The fixture's two servers as one failover pair with a 10 min failover, each down 876 times a year (exaggerated
    // to make the stall visible): lambda = 2 x 876 / 8,760 h = 0.2 per hour = 5.56e-5 per second.
    std::string y =
        fixtures::edit(with_workloads(checkpoint), "servers: 2", "servers: 2\n    ha: {mode: pair, failover: 10 min}");
    y = fixtures::edit(y, "write: 1 GB/s}",
                       "write: 1 GB/s}\n      failures: {per_year: 876, reboot: 10 min, replace: 1 d, "
                       "replaced: 0%}");
    auto b = fixtures::build(y);
    auto wa = analysis::analyse_workloads(b.spec, b.graph);
    const auto& r = wa.checkpoints[0];
    double lambda = 0.2 / 3600;
    CHECK(r.server_outage_rate == Approx(lambda));
    // Dump: 14 GB / 8 GB/s = 1.75 s; stall lambda x (1.75 + 600) x 600 = 20.06 s.
    CHECK(r.dump_stall.value() == Approx(lambda * (1.75 + 600) * 600));
    CHECK(r.dump_time.value() == Approx(1.75 + lambda * 601.75 * 600));
    // Restart: 60 s + 14 GB / 10 GB/s = 61.4 s, and the read-back's stall lambda x (1.4 + 600) x 600 = 20.05 s.
    CHECK(r.restart_total.value() == Approx(61.4 + lambda * 601.4 * 600));
    CHECK_FALSE(r.failover_uncharged);
    // A goodput target: the bandwidth it asks for gives, with its stall, the longest dump time Daly's model allows.
    auto bg = fixtures::build(fixtures::edit(y, "restart: 1 min", "restart: 1 min\n      goodput: 95%"));
    auto wg = analysis::analyse_workloads(bg.spec, bg.graph);
    const auto& g = wg.checkpoints[0];
    REQUIRE(g.bandwidth_needed);
    double d0 = 14e9 / g.bandwidth_needed->value();
    auto dmax = ck::max_dump_time(0.95, g.restart_total, g.job_mtbf);
    REQUIRE(dmax);
    CHECK(d0 + lambda * (d0 + 600) * 600 == Approx(dmax->value()));
    // Without an outage rate the stall is not charged, and the report says so.
    auto bu = fixtures::build(
        fixtures::edit(with_workloads(checkpoint), "servers: 2", "servers: 2\n    ha: {mode: pair, failover: 10 min}"));
    auto wu = analysis::analyse_workloads(bu.spec, bu.graph);
    CHECK(wu.checkpoints[0].failover_uncharged);
    CHECK(wu.checkpoints[0].dump_time.value() == Approx(1.75));
}
