// Durability and capacity planning against the worked examples of topics §4.5-4.7, §5.1 and §6.4 of docs/references.md
// (docs/models.md, durability, capacity, capacity plan; [39], [40], [43] in docs/references.md).
#include "catch.hpp"
#include "spec_fixtures.hpp"

#include "archplan/analysis/analysis.hpp"
#include "archplan/analysis/durability.hpp"

#include <cmath>

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
    CHECK(r.groups == Approx(100.0)); // 1,000 drives / 10
}

TEST_CASE("durability: a missed target says which change meets it", "[durability]") {
    auto yaml = std::string(fixtures::two_tier);
    yaml.replace(yaml.find("read: 5 GB/s, write: 3 GB/s}"), 28, "read: 5 GB/s, write: 3 GB/s, afr: 5%}");
    yaml.replace(yaml.find("  - {id: cap, usable: 600 TB, on: s}"), 36, "  - {id: dur, nines: 9, on: s}");
    auto spec = fixtures::load(yaml);
    auto c = analysis::check_durability(spec, 0);
    CHECK_FALSE(c.met);
    REQUIRE(c.parity_needed);
    CHECK(*c.parity_needed > 2);
    REQUIRE(c.rebuild_hours_needed);
    // The needed MTTR puts the system exactly at the target.
    double mttdl = analysis::group_mttdl_hours(c.result.n, c.result.m, c.result.mttf_hours, *c.rebuild_hours_needed);
    CHECK(analysis::nines_of(analysis::annual_loss_probability(mttdl, c.result.groups)) == Approx(9.0).margin(1e-6));
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
