// Tenants (issue 14): floors as an admission check in normal operation and under each failure scenario, ceilings as
// each tenant's own edge, the tenant squeezed first, and the spec's checks. Expected figures by hand.
#include "catch.hpp"
#include "spec_fixtures.hpp"

#include "archplan/plan/evaluate.hpp"

#include <algorithm>
#include <cmath>
#include <filesystem>

using namespace archplan;

namespace {

std::string two_teams() {
    return fixtures::read_text(std::filesystem::path(ARCHPLAN_SOURCE_DIR) / "examples" / "tenants-two-teams.yaml");
}

const analysis::TenantScenario& state(const analysis::TenantAnalysis& t, const std::string& id) {
    for (const auto& s : t.scenarios)
        if (s.scenario == id) return s;
    FAIL("no operating state " << id);
    return t.scenarios.front();
}

std::string tenants_block(const std::string& block) {
    auto yaml = two_teams();
    return yaml.substr(0, yaml.find("tenants:\n")) + block;
}

std::string first_error(const std::string& yaml) {
    auto r = spec::load_string(yaml, "fixture.yaml");
    REQUIRE_FALSE(r.spec);
    const auto& d = r.diagnostics.items().front();
    return d.message + (d.note.empty() ? "" : " | " + d.note);
}

} // namespace

TEST_CASE("tenants: two tenants whose floors fit in normal operation and not with a server down", "[tenants]") {
    auto ev = plan::evaluate(fixtures::load(two_teams()));
    REQUIRE(ev.value);
    const auto& t = ev.value->analysis.tenants;
    REQUIRE(t.flows.size() == 2);
    CHECK(t.flows[0].label == "climate");
    CHECK(t.flows[1].label == "genomics");
    // Writes with 8+2 inside each server: one controller byte per client byte. Controllers 6 x 50 = 300 GB/s; the
    // genomics NICs 4 x 200 Gb/s x 0.95 / 8 = 95 GB/s. Floors 170 + 85 = 255 GB/s.
    const auto& normal = t.scenarios.front();
    CHECK(normal.scenario.empty());
    CHECK(normal.floors == Approx(255e9));
    CHECK(normal.checks[0].room == Approx(300.0 / 255)); // climate: the controllers, shared
    CHECK(normal.checks[0].sharers == 1);
    CHECK(normal.checks[0].binding == "flash controller (reads + writes)");
    CHECK(normal.checks[1].room == Approx(95.0 / 85)); // genomics: its own NICs
    CHECK(normal.checks[1].sharers == 0);
    CHECK(normal.fits);
    CHECK(normal.scale == Approx(95.0 / 85));
    CHECK(normal.squeezed == std::vector<std::size_t>{1}); // genomics is squeezed first
    // Alone: climate to its 250 GB/s ceiling (below the 300 GB/s of controllers); genomics to its NICs' 95 GB/s.
    CHECK(normal.checks[0].alone == Approx(250e9));
    CHECK(normal.checks[0].alone_binding == "ceiling");
    CHECK(normal.checks[1].alone == Approx(95e9));
    // Ceilings only: climate keeps 300 - 95 = 205 GB/s >= 170; genomics 300 - 250 = 50 GB/s < 85.
    CHECK(normal.checks[0].left == Approx(205e9));
    CHECK(normal.checks[0].protects);
    CHECK(normal.checks[1].left == Approx(50e9));
    CHECK_FALSE(normal.checks[1].protects);

    // One server down: 5 x 50 = 250 GB/s for 255 GB/s of floors, 0.980 each; both squeezed together.
    const auto& down = state(t, "flash-server-down");
    CHECK_FALSE(down.fits);
    CHECK(down.scale == Approx(250.0 / 255));
    CHECK(down.checks[0].room == Approx(250.0 / 255));
    CHECK(down.checks[1].room == Approx(250.0 / 255));
    CHECK(down.squeezed.size() == 2);
    // A drive down: the rebuild takes 10% of each controller, 6 x 45 = 270 GB/s: 270 / 255 = 1.059, the floors fit.
    const auto& drive = state(t, "flash-drive-down");
    CHECK(drive.fits);
    CHECK(drive.scale == Approx(270.0 / 255));
    // The one switch down: no path.
    const auto& sw = state(t, "fabric-switch-down");
    CHECK_FALSE(sw.fits);
    CHECK(sw.checks[0].no_path);
    CHECK(sw.scale == 0);

    // The verdict: met in normal operation (no tenant id in unmet), the broken floors said in the headline.
    CHECK(analysis::unmet(ev.value->analysis).empty());
    CHECK(document::verdict_text(ev.value->report) ==
          "All requirements are met in normal operation; the tenants' floors do not fit under 2 of 4 failure scenarios; 1 of 4 "
          "failure scenarios leave a requirement unmet.");
    const auto& row = ev.value->report.tenants.at(1);
    CHECK(row.key == "tenants/flash-server-down");
    CHECK(row.cells[0].kept.value == Approx(170e9 * 250 / 255)); // 166.7 GB/s of 170
}

TEST_CASE("tenants: the knobs, TBF RPC rates per OSS and per-mount limits", "[tenants]") {
    auto ev = plan::evaluate(fixtures::load(two_teams()));
    REQUIRE(ev.value);
    const auto& sections = ev.value->report.tenant_sections;
    REQUIRE(sections.size() == 2);
    auto figure = [&](std::size_t s, const std::string& key) {
        for (const auto& f : sections[s].figures)
            if (f.key == key) return f.value.value;
        FAIL("no figure " << key);
        return 0.0;
    };
    const double mib4 = 4.0 * 1024 * 1024;
    // 250 GB/s / 6 OSS / 4 MiB = 9,934 RPC/s; floor 170 / 6 / 4 MiB = 6,755; with one OSS down 170 / 5 / 4 MiB = 8,106.
    CHECK(figure(0, "tenants/climate/write-ceiling-tbf-rate-per-oss-flash") == Approx(250e9 / 6 / mib4));
    CHECK(figure(0, "tenants/climate/write-floor-tbf-rate-per-oss-flash") == Approx(170e9 / 6 / mib4));
    CHECK(figure(0, "tenants/climate/write-floor-tbf-rate-per-oss-one-server-down-flash") == Approx(170e9 / 5 / mib4));
    // Per mount: 250 GB/s over 16 climate nodes = 15.6 GB/s; genomics' 85 GB/s floor over 4 nodes = 21.25 GB/s.
    CHECK(figure(0, "tenants/climate/write-ceiling-per-mount") == Approx(250e9 / 16));
    CHECK(figure(1, "tenants/genomics/write-floor-per-mount") == Approx(85e9 / 4));
    CHECK(figure(1, "tenants/genomics/write-floor-headroom") == Approx(95.0 / 85 - 1));
}

TEST_CASE("tenants: a floor that does not fit, and a ceiling below the tenant's own requirement, are unmet", "[tenants]") {
    // Genomics' floor 96 GB/s is above the 95 GB/s its NICs carry.
    auto over = fixtures::load(fixtures::edit(fixtures::edit(two_teams(), "    floor: 85 GB/s\n", "    floor: 96 GB/s\n"),
                                              "    ceiling: 95 GB/s\n", "    ceiling: 100 GB/s\n"));
    auto ev = plan::evaluate(over);
    REQUIRE(ev.value);
    CHECK(analysis::unmet(ev.value->analysis) == std::vector<std::string>{"tenant-genomics"});
    CHECK_FALSE(ev.value->report.all_met);
    // A ceiling of 170 GB/s leaves its 150 GB/s requirement room; 140 GB/s does not.
    auto capped = fixtures::load(fixtures::edit(two_teams(), "    ceiling: 250 GB/s\n", "    ceiling: 170 GB/s\n"));
    CHECK(analysis::unmet(plan::evaluate(capped).value->analysis).empty()); // 170 >= 150: fine
    capped = fixtures::load(fixtures::edit(fixtures::edit(two_teams(), "    ceiling: 250 GB/s\n", "    ceiling: 140 GB/s\n"),
                                           "    floor: 170 GB/s\n", "    floor: 100 GB/s\n"));
    CHECK(analysis::unmet(plan::evaluate(capped).value->analysis) == std::vector<std::string>{"tenant-climate"});
}

TEST_CASE("tenants: shares of one compute group split its requirements", "[tenants]") {
    auto yaml = tenants_block("tenants:\n"
                              "  - {name: a, share: {group: climate, fraction: 75%}, floor: 200 GB/s}\n"
                              "  - {name: b, share: {group: climate, fraction: 25%}, floor: 80 GB/s, ceiling: 100 GB/s}\n");
    auto ev = plan::evaluate(fixtures::load(yaml));
    REQUIRE(ev.value);
    const auto& t = ev.value->analysis.tenants;
    REQUIRE(t.flows.size() == 2);
    // a owns 75% of climate-write (150 GB/s): 112.5 GB/s; b 37.5 GB/s.
    CHECK(t.flows[0].demand == Approx(112.5e9));
    CHECK(t.flows[1].demand == Approx(37.5e9));
    // Floors 200 + 80 = 280 GB/s on 300 GB/s of controllers: room 300 / 280 = 1.071 for both (the climate NICs,
    // 16 x 2 x 47.5 = 1.52 TB/s, are far from it).
    CHECK(t.scenarios.front().checks[0].room == Approx(300.0 / 280));
    CHECK(t.scenarios.front().checks[1].room == Approx(300.0 / 280));
    // Server down: 250 / 280 = 0.893.
    CHECK(state(t, "flash-server-down").scale == Approx(250.0 / 280));
    // b's floor per mount: 80 GB/s over its 25% of 16 nodes = 4 nodes: 20 GB/s.
    bool found = false;
    for (const auto& f : ev.value->report.tenant_sections[1].figures)
        if (f.key == "tenants/b/write-floor-per-mount") {
            found = true;
            CHECK(f.value.value == Approx(20e9));
        }
    CHECK(found);
}

TEST_CASE("tenants: spec errors name the tenant and what is wrong", "[tenants]") {
    CHECK(first_error(tenants_block("tenants:\n  - {name: a, requirements: [climate-writ], floor: 10 GB/s}\n")) ==
          "tenants[0]: requirement 'climate-writ' is not defined | did you mean 'climate-write'?");
    CHECK(first_error(tenants_block("tenants:\n  - {name: a, requirements: [climate-write], floor: 10 GB/s}\n"
                                    "  - {name: b, requirements: [climate-write], floor: 10 GB/s}\n")) ==
          "tenants[1]: requirement 'climate-write' is already owned by tenant 'a'; a requirement has one owner (split a "
          "group between tenants with 'share')");
    CHECK(first_error(tenants_block("tenants:\n  - {name: a, share: {group: climate, fraction: 75%}, floor: 10 GB/s}\n"
                                    "  - {name: b, share: {group: climate, fraction: 50%}, floor: 10 GB/s}\n")) ==
          "tenants: the shares of compute group 'climate' add up to 125%, more than its nodes");
    CHECK(first_error(
              tenants_block("tenants:\n  - {name: a, requirements: [climate-write], floor: 20 GB/s, ceiling: 10 GB/s}\n")) ==
          "tenants[0]: tenant 'a': its write floor 20.0 GB/s is above its ceiling 10.0 GB/s");
    CHECK(first_error(tenants_block("tenants:\n  - {name: a, requirements: [climate-write], floor: 20}\n")) ==
          "tenants[0].floor: a rate needs a unit, e.g. '400 Gb/s' or '10 TB/s'");
    CHECK(first_error(tenants_block("tenants:\n  - {name: a, requirements: [climate-write]}\n")) ==
          "tenants[0]: give a 'floor' (guaranteed bandwidth), a 'ceiling' (the most it may take), or both");
    CHECK(first_error(tenants_block("tenants:\n  - {name: a, requirements: [climate-write], share: {group: climate, "
                                    "fraction: 50%}, floor: 1 GB/s}\n"))
              .rfind("tenants[0]: give exactly one of 'requirements: [ids]'", 0) == 0);
    CHECK(first_error(tenants_block("tenants:\n  - {name: a, requirements: [climate-write], floor: {read: 1 GB/s}}\n")) ==
          "tenants[0]: tenant 'a' has a read floor but owns no read traffic");
    CHECK(first_error(tenants_block("tenants:\n  - {name: a, requirements: [climate-write], flor: 1 GB/s}\n")) ==
          "tenants[0].flor: unknown key 'flor' | did you mean 'floor'?");
}

TEST_CASE("tenants: what is not met says why, and failures that break floors fail --strict", "[tenants]") {
    // A tenant owning a checkpoint's derived write whose goodput target cannot be met: the requirement is not derived,
    // so the tenant's guarantee cannot be checked: not met, with the reason.
    auto ck =
        fixtures::edit(tenants_block("tenants:\n  - {name: ckpt, requirements: [ck.write], floor: 100 GB/s}\n"), "compute:\n",
                       "workloads:\n  - id: ck\n    checkpoint:\n      from: climate\n      to: flash\n"
                       "      parameters: 405e9\n      ranks_per_node: 8\n"
                       "      failures: {interruptions: 419, over: 54 d}\n      restart: 5 min\n"
                       "      goodput: 99.9%\ncompute:\n");
    auto ev = plan::evaluate(fixtures::load(ck));
    REQUIRE(ev.value);
    auto unmet = analysis::unmet(ev.value->analysis);
    CHECK(std::find(unmet.begin(), unmet.end(), "tenant-ckpt") != unmet.end());
    REQUIRE(ev.value->report.tenant_problems.size() == 1);
    CHECK(ev.value->report.tenant_problems[0].find("it owns 'ck.write', which the analysis did not derive") != std::string::npos);

    // A floor above what the tenant moves even alone (genomics' NICs carry 95 GB/s): not met, and not blamed on the
    // others' ceilings.
    auto high = plan::evaluate(fixtures::load(fixtures::edit(
        fixtures::edit(two_teams(), "    floor: 85 GB/s\n", "    floor: 100 GB/s\n"), "    ceiling: 95 GB/s\n", "")));
    REQUIRE(high.value);
    const auto& g = high.value->analysis.tenants.scenarios.front().checks[1];
    CHECK_FALSE(g.reachable);
    CHECK(g.protects);
    CHECK(high.value->report.tenant_problems.back() ==
          "tenant 'genomics': its write floor 100 GB/s does not fit in normal operation (room 0.95x, bound by genomics NIC "
          "-> fabric leaf); it moves at most 95.0 GB/s even alone");
    CHECK(document::verdict_text(high.value->report) ==
          "Some requirements are NOT met; in addition the tenants' floors do not fit in normal operation.");

    // The example: met in normal operation, but a server down breaks the floors, so --strict's check fails.
    auto two = plan::evaluate(fixtures::load(two_teams()));
    REQUIRE(two.value);
    CHECK(two.value->all_met());
    CHECK_FALSE(two.value->scenarios_met());

    // Ceilings only: no floors to check.
    auto ceilings =
        plan::evaluate(fixtures::load(tenants_block("tenants:\n  - {name: a, requirements: [climate-write], ceiling: 200 GB/s}\n"
                                                    "  - {name: b, requirements: [genomics-write], ceiling: 90 GB/s}\n")));
    REQUIRE(ceilings.value);
    CHECK(std::isinf(ceilings.value->analysis.tenants.scenarios.front().scale));
    CHECK(ceilings.value->analysis.tenants.scenarios.front().fits);
    CHECK(ceilings.value->analysis.tenants.scenarios.front().checks[0].alone == Approx(200e9));
}

TEST_CASE("tenants: a share of a group has that share of its nodes, and their NICs to itself", "[tenants]") {
    // Genomics' 4 nodes (95 GB/s of NICs) split in halves: each tenant's 2 nodes carry 2 x 23.75 = 47.5 GB/s.
    // x's floor 40 GB/s: room 47.5 / 40 = 1.1875 on its own NICs (the controllers, 300 / 70, are far); y's 30 GB/s:
    // 47.5 / 30 = 1.583. Spread over all 4 nodes, both would have shown 95 / 70 = 1.357.
    auto yaml = tenants_block("tenants:\n"
                              "  - {name: x, share: {group: genomics, fraction: 50%}, floor: 40 GB/s}\n"
                              "  - {name: y, share: {group: genomics, fraction: 50%}, floor: 30 GB/s}\n");
    auto ev = plan::evaluate(fixtures::load(yaml));
    REQUIRE(ev.value);
    const auto& normal = ev.value->analysis.tenants.scenarios.front();
    CHECK(normal.checks[0].room == Approx(47.5 / 40));
    CHECK(normal.checks[0].binding == "genomics NIC -> fabric leaf ('x' nodes)");
    CHECK(normal.checks[0].sharers == 0);
    CHECK(normal.checks[1].room == Approx(47.5 / 30));
    // Alone, x moves what its 2 nodes carry: 47.5 GB/s.
    CHECK(normal.checks[0].alone == Approx(47.5e9));
}
