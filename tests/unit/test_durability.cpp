// Durability and capacity planning against the worked examples of topics §4.5-4.7, §5.1 and §6.4 of docs/references.md
// (docs/models.md, durability, capacity, capacity plan; [39], [40], [43] in docs/references.md).
#include "catch.hpp"
#include "spec_fixtures.hpp"

#include "archplan/analysis/analysis.hpp"
#include "archplan/analysis/durability.hpp"

#include <cmath>
#include <filesystem>
#include <fstream>
#include <sstream>

using namespace archplan;
using Catch::Detail::Approx;

TEST_CASE("durability: 8+2 at 1.5% AFR over 5,000 groups (docs/references.md, topic 4.6)", "[durability]") {
    // The exact formula: MTTF = 8760 h / AFR = 584,000 h; group MTTDL = MTTF^3 / (10 x 9 x 8 x MTTR^2);
    // P(loss in a year) = 1 - exp(-8760 h x 5,000 / MTTDL); nines = -log10(P).
    double mttf = 8760.0 / 0.015;
    CHECK(mttf == Approx(584000));
    double mttdl24 = analysis::group_mttdl_hours(10, 2, mttf, 24);
    CHECK(mttdl24 == Approx(584000.0 * 584000 * 584000 / (720 * 576))); // 4.8e11 h
    CHECK(mttdl24 == Approx(4.80e11).epsilon(0.005));
    double p24 = analysis::annual_loss_probability(mttdl24, 5000);
    CHECK(p24 == Approx(9.1e-5).epsilon(0.01));
    CHECK(analysis::nines_of(p24) == Approx(4.04).margin(0.01)); // "about four nines"
    CHECK(analysis::nines_of(analysis::annual_loss_probability(analysis::group_mttdl_hours(10, 2, mttf, 72), 5000)) ==
          Approx(3.1).margin(0.05));
    CHECK(analysis::nines_of(analysis::annual_loss_probability(analysis::group_mttdl_hours(10, 2, mttf, 168), 5000)) ==
          Approx(2.35).margin(0.01)); // "drops to about 2.35 nines"
}

TEST_CASE("durability: rebuild time on one spare and declustered (docs/references.md, topic 4.5)", "[durability]") {
    spec::StorageSystem s;
    s.name = "hdd";
    s.servers = 10;
    s.drives.count = 100;
    s.drives.capacity = units::Bytes(24e12);
    s.drives.read = units::BytesPerSecond(285e6);
    s.drives.write = units::BytesPerSecond(285e6);
    s.drives.afr = 0.015;
    s.fill_limit = 1.0;
    s.protection.k = 8;
    s.protection.m = 2;
    s.protection.where = spec::ProtectionWhere::server;
    s.rebuild.mode = spec::Rebuild::Mode::spare;
    s.rebuild.share = 1.0;
    // One spare at full speed: 24 TB / 285 MB/s = 23.4 h.
    CHECK(analysis::analyse_durability(s).rebuild_hours == Approx(24e12 / 285e6 / 3600));
    CHECK(analysis::analyse_durability(s).rebuild_hours == Approx(23.4).margin(0.05));
    // Throttled to 50 MB/s of 285: 133 h.
    s.rebuild.share = 50.0 / 285;
    CHECK(analysis::analyse_durability(s).rebuild_hours == Approx(133).margin(0.5));
    // Declustered over 100 drives at 50 MB/s each. Topic 4.5's k C / (D b) = 8 x 24 TB / (100 x 50 MB/s) = 10.7 h
    // counts the reads; archplan also charges the writes of the rebuilt data to the same drives:
    // (24 TB / 100) x (8 / 285 MB/s + 1 / 285 MB/s) / (50/285) = 12.0 h.
    s.rebuild.mode = spec::Rebuild::Mode::declustered;
    s.rebuild.width = 100;
    auto r = analysis::analyse_durability(s);
    CHECK(r.rebuild_drives == 99); // a server holds 100 drives; the failed one does not take part
    CHECK(r.rebuild_hours == Approx(24e12 / 99 * (9 / 285e6) / (50.0 / 285) / 3600));
    // Protection inside each server: the server's 100 drives are one pool, 10 pools in all.
    CHECK(r.pool_drives == Approx(100.0));
    CHECK(r.pools == Approx(10.0));
    CHECK(r.scatter == Approx(99.0));
}

TEST_CASE("durability: a missed target says which change meets it", "[durability]") {
    // 12 drives per server hold a 4+2 stripe; 2% AFR with rebuild at 5% of the drives misses seven nines (6.24).
    auto yaml = std::string(fixtures::two_tier);
    yaml =
        fixtures::edit(yaml, "drives: {count: 6, capacity: 33.333333333333333 TB, read: 1.6666666666666667 GB/s, write: 1 GB/s}",
                       "drives: {count: 12, capacity: 100 TB, read: 5 GB/s, write: 3 GB/s, afr: 2%}");
    yaml = fixtures::edit(yaml, "  - {id: cap, usable: 600 TB, on: s}", "  - {id: dur, nines: 7, on: s}");
    yaml = fixtures::edit(yaml, "    fill_limit: 80%", "    fill_limit: 80%\n    rebuild: {share: 5%}");
    auto spec = fixtures::load(yaml);
    auto c = analysis::check_durability(spec, 0);
    CHECK_FALSE(c.met);
    REQUIRE(c.parity_needed);
    CHECK(*c.parity_needed > 2);
    CHECK(analysis::check_durability(spec, 0).result.nines < 7);
    // Each change, applied to the spec, puts the model at or past the target.
    auto with = [&](auto change) {
        auto s = spec;
        change(s.storage[0]);
        return analysis::check_durability(s, 0).result.nines;
    };
    CHECK(with([&](spec::StorageSystem& s) { s.protection.m = *c.parity_needed; }) >= 7);
    CHECK(with([&](spec::StorageSystem& s) { s.protection.m = *c.parity_needed - 1; }) < 7);
    REQUIRE(c.rebuild_hours_needed);
    REQUIRE(c.share_needed);
    // Rebuild time falls as 1 / share: the share needed puts the system exactly at the target.
    CHECK(with([&](spec::StorageSystem& s) { s.rebuild.share = *c.share_needed; }) == Approx(7.0).margin(1e-6));
    REQUIRE(c.critical_first_nines);
    CHECK(*c.critical_first_nines > c.result.nines);
}

TEST_CASE("durability: declustered pools of the default spec, without and with critical-first rebuild", "[durability]") {
    // specs/customer.yaml: 200 servers x 24 drives, 8+2 inside each server, declustered, AFR 0.44%:
    // MTTF = 8,760 h / 0.0044 = 1.99e6 h; the rebuild T1 = 2.12 h. One pool per server (D = 24, S = 23):
    // rate = (24 / MTTF) x (23 T1 / MTTF) x (22 T2 / MTTF); x 200 pools x 8,760 h.
    // No priority, T2 = T1: 12,144 x 2.117^2 / (1.99e6)^3 = 6.9e-15 /h -> 1.21e-8 a year -> 7.92 nines.
    // Critical-first, T2 = T1 x 9 / (2 x 22) = 0.205 T1 -> 8.61 nines.
    std::ifstream in(std::string(ARCHPLAN_SOURCE_DIR) + "/specs/customer.yaml");
    std::stringstream text;
    text << in.rdbuf();
    auto spec = fixtures::load(text.str());
    auto& s = spec.storage[0];
    s.rebuild.priority = spec::Rebuild::Priority::none;
    auto r = analysis::analyse_durability(spec, s);
    CHECK(r.pool_drives == Approx(24));
    CHECK(r.pools == Approx(200));
    CHECK(r.scatter == Approx(23));
    CHECK(r.rebuild_hours == Approx(2.117).margin(0.005));
    CHECK(r.nines == Approx(7.92).margin(0.02));
    // A loss event (3 failed drives of a 24-drive pool) touches C(21,7) / C(24,10) = 10 x 9 x 8 / (24 x 23 x 22)
    // = 5.93% of the pool's stripes.
    CHECK(r.share_lost_per_event == Approx(720.0 / 12144));
    // At twice the AFR, three failures: the nines fall by 3 x log10(2) = 0.903.
    CHECK(r.nines - r.nines_twice_afr == Approx(3 * std::log10(2.0)).margin(1e-6));
    s.rebuild.priority = spec::Rebuild::Priority::critical_first;
    auto cf = analysis::analyse_durability(spec, s);
    REQUIRE(cf.window_hours.size() == 2);
    CHECK(cf.window_hours[1] == Approx(cf.window_hours[0] * 9 / 44));
    CHECK(cf.nines == Approx(8.61).margin(0.02));
    // A detection delay widens both windows: 10 minutes before a 2.12 h rebuild.
    s.rebuild.priority = spec::Rebuild::Priority::none;
    s.rebuild.delay = units::Seconds(600);
    auto delayed = analysis::analyse_durability(spec, s);
    CHECK(delayed.window_hours[0] == Approx(r.rebuild_hours + 600.0 / 3600));
    CHECK(delayed.nines == Approx(r.nines - 2 * std::log10(delayed.window_hours[0] / r.rebuild_hours)).margin(1e-6));
}

TEST_CASE("durability: a clustered group with its own spare keeps the group formula", "[durability]") {
    std::ifstream in(std::string(ARCHPLAN_SOURCE_DIR) + "/examples/durability-hdd.yaml");
    std::stringstream text;
    text << in.rdbuf();
    auto spec = fixtures::load(text.str());
    const auto& s = spec.storage[0];
    REQUIRE(s.rebuild.mode == spec::Rebuild::Mode::spare);
    auto r = analysis::analyse_durability(spec, s);
    CHECK(r.pool_drives == r.n);
    CHECK(r.scatter == r.n - 1);
    double groups = r.drives / r.n;
    double p = analysis::annual_loss_probability(analysis::group_mttdl_hours(r.n, r.m, r.mttf_hours, r.rebuild_hours), groups);
    CHECK(r.nines == Approx(analysis::nines_of(p)));
    CHECK(r.nines == Approx(4.43).margin(0.005));
}

TEST_CASE("durability: with protection across servers, adding servers never raises the nines (every shipped spec)",
          "[durability][property]") {
    namespace fs = std::filesystem;
    std::vector<fs::path> specs{fs::path(ARCHPLAN_SOURCE_DIR) / "specs" / "customer.yaml"};
    for (const auto& e : fs::directory_iterator(fs::path(ARCHPLAN_SOURCE_DIR) / "examples"))
        if (e.path().extension() == ".yaml") specs.push_back(e.path());
    int checked = 0;
    for (const auto& path : specs) {
        std::ifstream in(path);
        std::stringstream text;
        text << in.rdbuf();
        auto spec = fixtures::load(text.str());
        for (auto& s : spec.storage) {
            if (s.protection.where == spec::ProtectionWhere::server) continue;
            if (!s.drives.reliability_given()) s.drives.afr = 0.015;
            for (auto mode : {spec::Rebuild::Mode::declustered, spec::Rebuild::Mode::spare})
                for (double outages : {0.0, 2.0}) {
                    s.rebuild.mode = mode;
                    // Server outages as their own failure class: twice a year, 30 min reboots, 10% replaced in 48 h.
                    s.server_failures = {outages, units::Seconds(1800), units::Seconds(48 * 3600), 0.1, {}};
                    INFO(path.string() << " / " << s.name << (mode == spec::Rebuild::Mode::spare ? " spare" : " declustered")
                                       << (outages > 0 ? ", server outages" : ""));
                    double before = analysis::analyse_durability(spec, s).nines;
                    for (int more : {1, 7, 50, 400}) {
                        auto bigger = s;
                        bigger.servers += more;
                        INFO("+" << more << " servers");
                        CHECK(analysis::analyse_durability(spec, bigger).nines <= before + 1e-9);
                    }
                    ++checked;
                }
        }
    }
    CHECK(checked >= 2);
}

TEST_CASE("capacity: raw to plannable through protection, spares, reserve and fill (docs/references.md, topic 5.1)",
          "[capacity]") {
    // 100 PB raw, 8+2 -> 80 PB; 2% spares -> 78.4 PB; 5% reserve -> 74.5 PB; 80% fill -> 59.6 PB.
    spec::StorageSystem s;
    s.servers = 100;
    s.drives.count = 100;
    s.drives.capacity = units::Bytes(10e12);
    s.protection.k = 8;
    s.protection.m = 2;
    s.spares = 0.02;
    s.reserve = 0.05;
    s.fill_limit = 0.8;
    auto c = analysis::capacity_stages(s, s.servers);
    CHECK(c.raw.value() == Approx(100e15));
    CHECK(c.after_protection.value() == Approx(80e15));
    CHECK(c.after_spares.value() == Approx(78.4e15));
    CHECK(c.usable.value() == Approx(74.48e15));
    CHECK(c.plannable.value() == Approx(59.584e15));
}

TEST_CASE("capacity: what sets the server count, and the capacity-tier alternative", "[capacity]") {
    // The fixture's write needs ceil(2 servers x 125% drive utilisation) = 3 servers for bandwidth;
    // 600 TB needs ceil(600 / (200 TB x 4/6 x 0.8 = 106.7 TB)) = 6 for capacity: capacity-bound, 2x.
    auto b = fixtures::build(fixtures::two_tier);
    auto a = analysis::analyse(b.spec, b.graph);
    REQUIRE(a.capacity_plans.size() == 1);
    const auto& p = a.capacity_plans[0];
    CHECK(p.servers_for_bandwidth == 3);
    CHECK(p.bandwidth_class == "s drives (write)");
    CHECK(p.servers_for_capacity == 6);
    CHECK(p.capacity_bound);
    CHECK_FALSE(p.met);
    // Tier: 3 fast servers hold 3 x 106.7 = 320 TB; the other 280 TB go on 84 x 24 TB 8+2 servers at
    // 80% fill: 84 x 24 TB x 0.8 x 0.8 = 1.29 PB each -> 1 server.
    CHECK(p.tier_plannable_per_server.value() == Approx(84 * 24e12 * 0.8 * 0.8));
    CHECK(p.tier_servers == 1);
}

TEST_CASE("durability: server outages are a failure class of their own across servers", "[durability]") {
    // 10 servers x 10 drives of 10 TB (80% full, 1 GB/s each way), two replicas across servers, declustered at a
    // 50% share, MTTF 1e6 h; servers go down twice a year, 90% reboots of 30 min, 10% replacements of 48 h.
    spec::StorageSystem s;
    s.name = "obj";
    s.servers = 10;
    s.nic = {1, units::BytesPerSecond(12.5e9), {}};
    s.drives.count = 10;
    s.drives.capacity = units::Bytes(10e12);
    s.drives.read = s.drives.write = units::BytesPerSecond(1e9);
    s.drives.mttf = units::Seconds(1e6 * 3600);
    s.protection.replicas = 2;
    s.protection.where = spec::ProtectionWhere::primary;
    s.server_failures = {2, units::Seconds(1800), units::Seconds(48 * 3600), 0.1, {}};
    auto r = analysis::analyse_durability(s);
    REQUIRE(r.server_class);
    // A drive: 8 TB declustered over the 99 others, (8 TB / 99) x (1 / 1 GB/s + 1 / 1 GB/s) / 50% = 323 s.
    double T1 = 8e12 / 99 * 2e-9 / 0.5 / 3600;
    CHECK(r.rebuild_hours == Approx(T1));
    // A server: 80 TB over the 9 others' 90 drives, (80 TB / 90) x 2e-9 / 50% = 3,556 s; its NIC share takes
    // 80 TB / (50% x 12.5 GB/s x 9) = 1,422 s, so the drives bind.
    double Rs = 80e12 / 90 * 2e-9 / 0.5 / 3600;
    CHECK(r.server_rebuild_hours == Approx(Rs));
    // Loss class: replacements, 2 x 10% = 0.2 a server-year, each exposing its chunks for min(48 h, 0 delay + 0.988 h).
    CHECK(r.server_window_hours == Approx(Rs));
    // One pool of 100 drives (S = 99) on N_p = 10 servers: rate = (100 / MTTF) x next x T1 + 10 lambda x next x U1,
    // next = 99 / MTTF + 9 lambda.
    double mttf = 1e6, lambda = 0.2 / 8760;
    double next = 99 / mttf + 9 * lambda;
    double rate = 100 / mttf * next * T1 + 10 * lambda * next * Rs;
    CHECK(r.nines == Approx(-std::log10(-std::expm1(-8760 * rate))));
    CHECK(r.nines == Approx(3.20).margin(0.01)); // 8,760 x 7.14e-8 /h = 6.25e-4 a year
    // Drives alone: (100 / MTTF) x (99 / MTTF) x T1 -> 5.11 nines.
    CHECK(r.nines_drives_only == Approx(-std::log10(-std::expm1(-8760 * 100 / mttf * 99 / mttf * T1))));
    CHECK(r.nines_drives_only == Approx(5.11).margin(0.01));
    // Unavailability: every outage, 2 a server-year, over the mean window 90% x min(0.5 h, 0.988 h) + 10% x 0.988 h
    // = 0.549 h.
    double all = 2.0 / 8760, W = 0.9 * 0.5 + 0.1 * Rs;
    CHECK(r.outage_window_hours == Approx(W));
    double next_all = 99 / mttf + 9 * all;
    CHECK(r.unavailable_per_year == Approx(-std::expm1(-8760 * (100 / mttf * next_all * T1 + 10 * all * next_all * W))));
    // Inside each server, an outage takes no chunk of another server's stripes: no server class.
    s.protection.where = spec::ProtectionWhere::server;
    s.protection.replicas = 0;
    s.protection.k = 8;
    s.protection.m = 2;
    CHECK_FALSE(analysis::analyse_durability(s).server_class);
}
