// Facilities and finance (issue 12): the formulas by hand, the parts catalog's checks, the units they are written
// in, and the reports' figures on the shipped example redone from its inputs.
#include "catch.hpp"
#include "spec_fixtures.hpp"

#include "archplan/analysis/facilities.hpp"
#include "archplan/plan/evaluate.hpp"
#include "archplan/telemetry/telemetry.hpp"
#include "archplan/units/units.hpp"

#include <cmath>
#include <filesystem>

using namespace archplan;
namespace fac = archplan::analysis::facilities;
using Catch::Matchers::Contains;

namespace {

spec::Pdu pdu(double volts, double amps, int phases, double pf = 1.0) {
    spec::Pdu p;
    p.voltage = volts;
    p.current = amps;
    p.phases = phases;
    p.power_factor = pf;
    return p;
}

const document::SectionFigure* figure(const std::vector<document::Section>& list, const std::string& key) {
    for (const auto& s : list)
        for (const auto& f : s.figures)
            if (f.key == key) return &f;
    return nullptr;
}

std::string first_error(const std::string& yaml) {
    auto r = spec::load_string(yaml, "fixture.yaml");
    if (r.spec || r.diagnostics.items().empty()) return "(loaded)";
    const auto& d = r.diagnostics.items().front();
    return d.message + (d.note.empty() ? "" : " | " + d.note);
}

std::string example() {
    return fixtures::read_text(std::filesystem::path(ARCHPLAN_SOURCE_DIR) / "examples" / "facilities-finance.yaml");
}

} // namespace

TEST_CASE("facilities: a PDU's continuous watts", "[facilities]") {
    // 415 V x 32 A three-phase: sqrt(3) x 415 x 32 = 23,001.6 VA; x 0.8 continuous = 18,401.3 W (the 18.4 kW of §6.2).
    CHECK(fac::pdu_watts(pdu(415, 32, 3)) == Approx(18401.3).epsilon(1e-6));
    // 208 V x 30 A three-phase: sqrt(3) x 6,240 = 10,808.0 VA x 0.8 = 8,646.4 W (less than one 10.2 kW node).
    CHECK(fac::pdu_watts(pdu(208, 30, 3)) == Approx(8646.4).epsilon(1e-5));
    // 230 V x 16 A single phase at power factor 0.95: 3,680 VA x 0.8 x 0.95 = 2,796.8 W.
    CHECK(fac::pdu_watts(pdu(230, 16, 1, 0.95)) == Approx(2796.8).epsilon(1e-9));
}

TEST_CASE("facilities: how many elements a rack budget holds", "[facilities]") {
    // 18,401 W / (10,250 W x 0.85 = 8,712.5 W) = 2.11: two; at factor 1, 18,401 / 10,250 = 1.80: one.
    CHECK(fac::fits_per_rack(18401.3, 10250, 0.85) == 2);
    CHECK(fac::fits_per_rack(18401.3, 10250, 1.0) == 1);
    // Exactly at the budget fits: 4 x 5 kW = 20 kW.
    CHECK(fac::fits_per_rack(20000, 5000, 1.0) == 4);
    CHECK(fac::fits_per_rack(1000, 5000, 1.0) == 0);
}

TEST_CASE("finance: HPL run time, energy and node time", "[finance]") {
    // The seed case: N = 11,796,480, Rmax = 561,200 TFlop/s. N^3 = 1.64154e21; 2/3 of it = 1.09436e21;
    // 2 N^2 = 2.78e14 (negligible); / 5.612e17 = 1,950.06 s.
    double t = fac::hpl_seconds(11796480, 561200e12);
    CHECK(t == Approx(1950.062).epsilon(1e-6));
    // 1,800 nodes x 60 USD/h = 30 USD/s for the whole cluster; x 1,950.06 s = 58,501.9 USD.
    CHECK(fac::node_time_cost(1800, t, 60.0 / 3600) == Approx(58501.87).epsilon(1e-6));
    // 1 MW all year: 8,760,000 kWh x PUE 1.3 x 0.10 USD/kWh = 1,138,800 USD.
    CHECK(fac::energy_cost_per_year(1e6, 1.3, 0.10 / 3.6e6) == Approx(1138800).epsilon(1e-9));
}

TEST_CASE("units: power, money, prices and floating-point rates", "[units][facilities]") {
    using units::Kind;
    CHECK(*units::parse(Kind::power, "10.2 kW").value == 10200);
    CHECK(*units::parse(Kind::power, "17 W").value == 17);
    CHECK(*units::parse(Kind::money, "350000 USD").value == 350000);
    CHECK(*units::parse(Kind::money, "1.2 MUSD").value == 1.2e6);
    CHECK(*units::parse(Kind::energy_price, "0.12 USD/kWh").value == Approx(0.12 / 3.6e6).epsilon(1e-12));
    CHECK(*units::parse(Kind::money_rate, "60 USD/h").value == Approx(60.0 / 3600).epsilon(1e-12));
    CHECK(*units::parse(Kind::flops, "561200 TFlop/s").value == 561200e12);
    CHECK(*units::parse(Kind::flops, "1.742 Eflop/s").value == 1.742e18);
    CHECK(*units::parse(Kind::voltage, "415 V").value == 415);
    CHECK(*units::parse(Kind::current, "32 A").value == 32);
    CHECK(units::parse(Kind::power, "10.2").error == "a power needs a unit, e.g. '700 W' or '10.2 kW'");
    CHECK(units::parse(Kind::power, "-5 W").error == "negative value '-5 W' is not allowed");
    CHECK_THAT(units::parse(Kind::power, "5 kw").error, Contains("did you mean 'kW'"));
    CHECK(units::parse(Kind::money, "20 kW").error == "expected a price, got a power");
    CHECK(units::format_power(18401.3) == "18.4 kW");
    CHECK(units::format_money(58501.87) == "$58,502");
    CHECK(units::format_money(665108400) == "$665 M");
}

TEST_CASE("catalog: the shipped catalog loads, and every part says where its figures come from", "[catalog]") {
    const auto& c = spec::shipped_catalog();
    REQUIRE(c.parts.size() >= 12);
    for (const auto& p : c.parts) {
        INFO(p.name);
        CHECK(spec::day_number(p.power.peak.given ? p.power.peak.as_of : p.price.as_of).has_value());
        for (const auto* f : {&p.power.nameplate, &p.power.peak, &p.power.nominal, &p.power.idle, &p.price, &p.rack_units})
            if (f->given) CHECK((!f->source.empty() || f->illustrative));
    }
    // The DGX H100's 10.2 kW maximum is sourced; its price is not.
    const auto* dgx = c.find("dgx-h100");
    REQUIRE(dgx);
    CHECK(dgx->power.peak.value == 10200);
    CHECK_FALSE(dgx->power.peak.illustrative);
    CHECK(dgx->price.illustrative);
    CHECK(spec::day_number("2026-12-01").value() - spec::day_number("2025-12-01").value() == 365);
    CHECK_FALSE(spec::day_number("2026-13"));
}

TEST_CASE("catalog: bad parts are errors with their file and line", "[catalog]") {
    auto load = [](const std::string& text) {
        auto r = spec::load_catalog(text, "cat.yaml");
        REQUIRE_FALSE(r.catalog);
        const auto& d = r.diagnostics.items().front();
        return std::to_string(d.loc.line) + ": " + d.message;
    };
    const std::string head = "archplan-catalog: 1\nparts:\n";
    CHECK(load(head + "  - {name: x, kind: transceiver, as_of: 2024-01, power: 5 W}\n") ==
          "3: parts[0].power: has no source: give 'source' (a public address) or mark it 'illustrative: true'");
    CHECK(load(head + "  - {name: x, kind: transceiver, as_of: 2024-01, source: s, power: -5 W}\n") ==
          "3: parts[0].power: negative value '-5 W' is not allowed");
    CHECK(load(head + "  - {name: x, kind: cable, as_of: 2024-01, source: s, price: -1 USD}\n") ==
          "3: parts[0].price: negative value '-1 USD' is not allowed");
    CHECK(load(head + "  - {name: x, kind: node, as_of: 2024-01, source: s, rack_units: 2}\n") ==
          "3: parts[0]: a node part needs 'power'");
    CHECK(load(head + "  - {name: x, kind: switch, as_of: 2024-01, source: s, power: 500 W}\n") ==
          "3: parts[0]: a switch part needs 'ports'");
    CHECK(load(head + "  - name: x\n    kind: node\n    as_of: 2024-01\n    source: s\n"
                      "    power: {nameplate: 1 kW, peak: 2 kW, nominal: 1 kW, idle: 0.5 kW}\n") ==
          "7: parts[0].power: expected idle <= nominal <= peak <= nameplate, got 500 W <= 1.00 kW <= 2.00 kW <= 1.00 kW");
    CHECK(load(head + "  - {name: x, kind: cable, as_of: 2024-13, source: s}\n") ==
          "3: parts[0].as_of: expected a date YYYY-MM or YYYY-MM-DD, got '2024-13'");
    CHECK(load(head + "  - {name: x, kind: cable, as_of: 2024-01, source: s, watts: 3 W}\n") ==
          "3: parts[0].watts: unknown key 'watts'");
    CHECK(load(head + "  - {name: x, kind: cable, as_of: 2024-01, source: s}\n  - {name: x, kind: cable, as_of: 2024-01, "
                      "source: s}\n") == "4: parts[1].name: part 'x' is defined twice");
}

TEST_CASE("catalog: a spec names parts, overrides a field, and adds its own", "[catalog]") {
    auto yaml = example();
    auto s = fixtures::load(yaml);
    const auto& gpu = s.compute.front();
    REQUIRE(gpu.part);
    CHECK(gpu.part->name == "hgx-h100-8gpu-server");
    // The override is the spec's own figure, sourced to its line; the rest stays the catalog's.
    CHECK(gpu.part->price.value == 240000);
    CHECK_FALSE(gpu.part->price.illustrative);
    CHECK_THAT(gpu.part->price.source, Contains("fixture.yaml:"));
    CHECK(gpu.part->power.peak.value == 10200);
    REQUIRE(s.storage.front().enclosure_part);
    CHECK(s.storage.front().enclosure_part->name == "nvme-jbof-2u48");
    // The switch part's 64 ports become the network's radix.
    CHECK(s.networks.front().radix == 64);

    CHECK(first_error(fixtures::edit(yaml, "node: {name: hgx-h100-8gpu-server,", "node: {name: hgx-h100-8gpu-srv,")) ==
          "compute[0].parts.node.name: unknown part 'hgx-h100-8gpu-srv' in the shipped catalog (data/catalog.yaml) and "
          "fixture.yaml | did you mean 'hgx-h100-8gpu-server'?");
    CHECK(first_error(fixtures::edit(yaml, "switch: qm9700", "switch: micron-9550-30t")) ==
          "network[0].parts.switch: part 'micron-9550-30t' is a drive, expected a switch");
    CHECK(first_error(fixtures::edit(yaml, "price: 240000 USD}", "price: -240000 USD}")) ==
          "compute[0].parts.node.price: negative value '-240000 USD' is not allowed");
    CHECK(first_error(fixtures::edit(yaml, "    core: {ports: 64}\n", "    core: {ports: 64}\n    radix: 48\n")) ==
          "network[0].parts.switch: part 'qm9700' has 64 ports, but 'radix' says 48");
    CHECK(first_error(fixtures::edit(yaml, "  oversubscription: {gpu: 85%}\n", "  oversubscription: {gpus: 85%}\n")) ==
          "facilities.oversubscription: 'gpus' is not a PDU domain: 'gpu', 'ckptfs', 'network'; did you mean 'gpu'?");
    CHECK(first_error(fixtures::edit(yaml, "pue: 1.2", "pue: 0.9")) ==
          "facilities.pue: power usage effectiveness is total facility power over IT power: from 1 to 5, got 0.9");
    CHECK(first_error(fixtures::edit(yaml, "node_hour: 60 USD/h", "node_hour: 60")) ==
          "finance.node_hour: a price per hour needs a unit, e.g. '60 USD/h'");
    CHECK(first_error(fixtures::edit(yaml, "time: 8 h, per_year: 4}", "per_year: 4}")) ==
          "finance.jobs[1]: give the job's 'time', or 'hpl: {n: ..., rmax: ...}' to find it from the problem size (one of "
          "them)");
}

TEST_CASE("facilities and finance: the example's figures, redone by hand", "[facilities][finance]") {
    auto ev = plan::evaluate(fixtures::load(example()));
    REQUIRE(ev.value);
    const auto& rep = ev.value->report;
    // A node: 10,200 W peak + 2 ConnectX-7 cards x 25 W = 10,250 W; two per rack at oversubscription 0.85:
    // 2 x 10,250 x 0.85 = 17,425 W, under the 18,401 W feed: headroom 18,401.3 / 17,425 - 1 = 5.60%.
    auto load = figure(rep.facilities, "facilities/racks/gpu/rack-load-at-peak");
    REQUIRE(load);
    CHECK(load->value.value == Approx(17425));
    CHECK(figure(rep.facilities, "facilities/racks/gpu/rack-headroom")->value.value ==
          Approx(std::sqrt(3.0) * 415 * 32 * 0.8 / 17425 - 1).epsilon(1e-9));
    CHECK(figure(rep.facilities, "facilities/racks/gpu/racks")->value.value == 900); // 1,800 / 2
    CHECK(figure(rep.facilities, "facilities/racks/gpu/pdus")->value.value == 1800); // 900 racks x 2 feeds
    CHECK(rep.racks_over_budget.empty());
    // Storage racks: 8 servers x (1,100 W + half a shared enclosure: (400 W + 48 drives x 18 W) / 2 = 632 W) = 13,856 W.
    CHECK(figure(rep.facilities, "facilities/racks/ckptfs/rack-load-at-peak")->value.value == Approx(13856));
    // The checkpoint's power drop: 1,800 nodes x (8,000 - 2,400) W = 10.08 MW.
    CHECK(figure(rep.facilities, "facilities/power-swing/llama-ckpt/power-drop")->value.value == Approx(10.08e6));
    // Switches bottom-up: the 117 leaves of 'frontend' draw 117 x 750 W base + 1,936 uplinks x 17 W per optic =
    // 87,750 + 32,912 = 120,662 W at peak; the 80 aggregation switches 80 x 750 + (1,936 + 2,560) x 17 = 136,432 W.
    auto row = [&](const std::string& element) -> const document::PowerRow* {
        for (const auto& r : rep.power)
            if (r.element == element) return &r;
        return nullptr;
    };
    REQUIRE(row("leaf switches of 'frontend' (qm9700)"));
    CHECK(row("leaf switches of 'frontend' (qm9700)")->peak.value == Approx(120662));
    CHECK(row("aggregation switches of 'frontend' (qm9700)")->peak.value == Approx(136432));
    // NIC cards: 1,800 nodes x ceil(2 ports / 1 per card) = 3,600 cards x 25 W = 90 kW.
    CHECK(row("'gpu' storage NIC cards (connectx-7-400g)")->peak.value == Approx(90000));
    // Shared enclosures: 32 pairs x (400 W + 48 drives x 18 W) = 32 x 1,264 = 40,448 W; nominal 32 x (300 + 48 x 15).
    CHECK(row("'ckptfs' enclosures (nvme-jbof-2u48 + 48 drives)")->peak.value == Approx(40448));
    CHECK(row("'ckptfs' enclosures (nvme-jbof-2u48 + 48 drives)")->nominal.value == Approx(32 * (300 + 48 * 15.0)));
    // Compute capital: 1,800 x 240,000 + 3,600 cards x 2,500 = 441,000,000 USD.
    CHECK(figure(rep.finance, "finance/capital/compute-capital")->value.value == Approx(441e6));
    // Storage capital: 64 x 45,000 + 1,536 drives x 4,000 + 32 enclosures x 30,000 = 2.88 M + 6.144 M + 0.96 M.
    CHECK(figure(rep.finance, "finance/capital/storage-capital")->value.value == Approx(9.984e6));
    // HPL once a year: 1,800 nodes x 60 USD/h x 1,950.06 s = 58,501.9 USD; maintenance 1,800 x 60 x 8 h x 4 = 3,456,000.
    CHECK(figure(rep.finance, "finance/opportunity/hpl-per-year")->value.value == Approx(58501.87).epsilon(1e-6));
    CHECK(figure(rep.finance, "finance/opportunity/maintenance-per-year")->value.value == Approx(3456000));
    // Energy: the nominal total x 8,760 h x PUE 1.2 x 0.08 USD/kWh.
    double nominal = figure(rep.facilities, "facilities/power/nominal-power")->value.value;
    CHECK(figure(rep.finance, "finance/running/energy-cost-per-year")->value.value ==
          Approx(nominal / 1000 * 8760 * 1.2 * 0.08).epsilon(1e-9));
    // Checkpoint stalls: 1,800 nodes x 60 USD/h x the blocking time x 8,760 checkpoints (1 h interval).
    const auto& cr = ev.value->analysis.workloads.checkpoints.front();
    double blocking = cr.dump_time.value() - cr.dump_stall.value();
    CHECK(figure(rep.finance, "finance/opportunity/llama-ckpt-checkpoint-stalls-per-year")->value.value ==
          Approx(1800 * 60.0 / 3600 * blocking * 8760).epsilon(1e-9));
}

TEST_CASE("facilities: racks over their feed are flagged with what to move, in the verdict too", "[facilities]") {
    auto yaml = fixtures::edit(example(), "  oversubscription: {gpu: 85%}\n", "  oversubscription: {gpu: 100%}\n");
    auto ev = plan::evaluate(fixtures::load(yaml));
    REQUIRE(ev.value);
    const auto& rep = ev.value->report;
    CHECK(rep.racks_over_budget == std::vector<std::string>{"gpu"});
    CHECK_THAT(document::verdict_text(rep), Contains("'gpu' racks draw more than their power feed"));
    // 2 x 10,250 W = 20.5 kW > 18.4 kW; one fits (18,401 / 10,250 = 1.8): move 1 per rack, 1,800 racks, 900 more.
    bool found = false;
    for (const auto& s : rep.facilities)
        for (const auto& f : s.findings)
            if (f.text == "OVER BUDGET: 2 per rack draw 20.5 kW against 18.4 kW; at most 1 fit, so move 1 per rack: "
                          "ceil(1,800 / 1) = 1,800 racks (900 more)")
                found = true;
    CHECK(found);
}

TEST_CASE("finance: a design with no parts says what is missing rather than print zeros", "[finance]") {
    auto yaml =
        fixtures::edit(example(), "    parts: {switch: qm9700, optic: osfp-400g-sr4, dac: dac-400g, aoc: aoc-400g}\n", "");
    auto ev = plan::evaluate(fixtures::load(yaml));
    REQUIRE(ev.value);
    const auto& rep = ev.value->report;
    CHECK(rep.unpowered == std::vector<std::string>{"switches of 'frontend' (no switch part)"});
    const document::Section* capital = nullptr;
    for (const auto& s : rep.finance)
        if (s.kind == document::SectionKind::capital) capital = &s;
    REQUIRE(capital);
    bool said = false;
    for (const auto& f : capital->findings)
        if (f.text.find("not priced, so not in these figures: 'frontend' switches (no part)") != std::string::npos) said = true;
    CHECK(said);
}

TEST_CASE("power telemetry: percentiles, diversity and a safe factor, by hand", "[telemetry]") {
    auto text = fixtures::read_text(std::filesystem::path(ARCHPLAN_SOURCE_DIR) / "tests/data/telemetry/two-domains.csv");
    auto r = telemetry::read_csv(text, "two-domains.csv");
    REQUIRE(r.trace);
    auto a = telemetry::analyse(*r.trace, 0.99);
    REQUIRE(a.domains.size() == 2);
    // a: 100, 150, 170, 120 W -> sorted 100, 120, 150, 170. Type 7: p50 at rank 1.5 = 120 + 0.5 x 30 = 135;
    // p95 at 2.85 = 150 + 0.85 x 20 = 167; p99 at 2.97 = 169.4; max 170. Above 80% of 200 W = 160 W: one sample, 10 s.
    const auto& da = a.domains[0];
    CHECK(da.p50 == Approx(135));
    CHECK(da.p95 == Approx(167));
    CHECK(da.p99 == Approx(169.4));
    CHECK(da.max == 170);
    CHECK(da.interval == 10);
    CHECK(da.above == 1);
    CHECK(da.above_seconds == 10);
    // b: 80, 60, 40, 100 -> p50 = 60 + 0.5 x 20 = 70; its 'min' row is not a peak and is left out.
    CHECK(a.domains[1].p50 == Approx(70));
    CHECK(a.domains[1].samples == 4);
    CHECK(r.trace->series[1].ignored == 1);
    // The aggregate: 180, 210, 210, 220 W. Diversity (170 + 100) / 220 = 1.2273; p99 = 210 + 0.97 x 10 = 219.7;
    // safe factor 219.7 / 270 = 0.81370.
    REQUIRE(a.aggregate);
    CHECK(a.aggregate->max == 220);
    CHECK(a.aggregate->capacity == 400);
    CHECK(a.diversity == Approx(270.0 / 220));
    CHECK(a.safe_factor == Approx(219.7 / 270));
    CHECK(telemetry::quantile({1, 2, 3, 4, 5}, 0.25) == 2);
}

TEST_CASE("power telemetry: a Google-style normalised trace, and averages over a minute warn", "[telemetry]") {
    auto text = fixtures::read_text(std::filesystem::path(ARCHPLAN_SOURCE_DIR) / "tests/data/telemetry/google-style.csv");
    auto r = telemetry::read_csv(text, "google.csv");
    REQUIRE(r.trace);
    CHECK(r.trace->normalised);
    auto a = telemetry::analyse(*r.trace, 0.5);
    // Time is in microseconds: 300,000,000 us = 300 s between samples.
    CHECK(a.domains[0].interval == 300);
    // Shares above 0.8 of capacity: pdu1 0.90, pdu2 0.85 (one each).
    CHECK(a.domains[0].above == 1);
    CHECK(a.domains[1].above == 1);
    // Sums 1.10, 1.30, 1.55; maxima 0.90 + 0.85 = 1.75; diversity 1.75 / 1.55; p50 of the sums 1.30 / 1.75.
    CHECK(a.diversity == Approx(1.75 / 1.55));
    CHECK(a.safe_factor == Approx(1.30 / 1.75));
    auto avg = telemetry::read_csv("timestamp,domain,watts,stat\n0,a,10,avg\n60,a,12,avg\n120,a,11,avg\n", "avg.csv");
    REQUIRE(avg.trace);
    auto w = telemetry::analyse(*avg.trace, 0.99).warnings;
    REQUIRE(w.size() == 1);
    CHECK_THAT(w.front(), Contains("only averages over 60.0 s"));
}

TEST_CASE("power telemetry: malformed rows are errors with their line", "[telemetry]") {
    auto error = [](const std::string& text) {
        auto r = telemetry::read_csv(text, "p.csv");
        REQUIRE_FALSE(r.trace);
        const auto& d = r.diagnostics.items().front();
        return std::to_string(d.loc.line) + ": " + d.message;
    };
    CHECK(error("timestamp,domain,watts\n0,a,10\n10,a,x\n") == "3: 'x' is not a power in watts (a number from 0)");
    CHECK(error("timestamp,domain,watts\n0,a,10\n10,a\n") == "3: expected 3 fields like the header, got 2");
    CHECK(error("timestamp,domain,watts\n10,a,10\n0,a,12\n") ==
          "3: domain 'a' (sample) goes back in time or repeats a timestamp");
    CHECK(error("timestamp,domain,watts,stat\n0,a,10,peak\n") == "2: unknown stat 'peak'");
    CHECK(error("when,domain,watts\n0,a,10\n") ==
          "1: the header 'when,domain,watts' is neither 'timestamp,domain,watts[,stat][,capacity]' nor "
          "'time,pdu,measured_power_util'");
    CHECK(error("timestamp,domain,watts\n2026-13-01T00:00:00Z,a,10\n") ==
          "2: '2026-13-01T00:00:00Z' is not a time: seconds, or ISO 8601 like 2026-11-30T12:00:00Z");
    CHECK(error("timestamp,domain,watts\n") == "1: no rows after the header");
    // ISO 8601 times are read as seconds.
    auto ok = telemetry::read_csv("timestamp,domain,watts\n2026-11-30T12:00:00Z,a,10\n2026-11-30T12:00:30Z,a,12\n", "p.csv");
    REQUIRE(ok.trace);
    CHECK(telemetry::analyse(*ok.trace, 0.99).domains[0].interval == 30);
}

TEST_CASE("facilities: a domain smaller than one rack fills only what it has", "[facilities]") {
    // 64 'ckptfs' servers with per_rack 100: one rack holding 64, each 1,100 W + half an enclosure (400 + 48 x 18) / 2
    // = 1,732 W at peak: 64 x 1,732 = 110,848 W (not 100 x 1,732).
    auto yaml = fixtures::edit(example(), "    per_rack: 8\n", "    per_rack: 100\n");
    auto ev = plan::evaluate(fixtures::load(yaml));
    REQUIRE(ev.value);
    CHECK(figure(ev.value->report.facilities, "facilities/racks/ckptfs/racks")->value.value == 1);
    CHECK(figure(ev.value->report.facilities, "facilities/racks/ckptfs/rack-load-at-peak")->value.value == Approx(110848));
}

TEST_CASE("power telemetry: domains with no common timestamp give no aggregate, and say so", "[telemetry]") {
    auto r = telemetry::read_csv("timestamp,domain,watts\n0,a,10\n10,a,12\n5,b,7\n15,b,9\n", "p.csv");
    REQUIRE(r.trace);
    auto a = telemetry::analyse(*r.trace, 0.99);
    CHECK_FALSE(a.aggregate);
    CHECK(a.safe_factor == 0);
    REQUIRE_FALSE(a.warnings.empty());
    CHECK(a.warnings.back().find("no timestamp is reported by every domain") == 0);
}
