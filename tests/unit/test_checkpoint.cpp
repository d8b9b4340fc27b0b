// Checkpoint/restart formulas against the worked examples of topics §1.2-§1.6 of docs/references.md (docs/models.md,
// interval, goodput at the design, goodput target inverted into a write requirement; [1], [2], [4] in docs/references.md).
#include "catch.hpp"

#include "archplan/analysis/checkpoint.hpp"

using namespace archplan::analysis::checkpoint;
using archplan::units::Seconds;
using Catch::Detail::Approx;

namespace {
Seconds minutes(double m) { return Seconds(m * 60); }
Seconds hours(double h) { return Seconds(h * 3600); }
} // namespace

TEST_CASE("checkpoint: Young's interval (docs/references.md, topic 1.2)", "[checkpoint]") {
    // delta = 5 min, M = 24 h = 1,440 min: sqrt(2 x 5 x 1440) = 120 min.
    CHECK(young_interval(minutes(5), hours(24)).value() == Approx(minutes(120).value()));
}

TEST_CASE("checkpoint: Daly's interval reproduces his figures (docs/references.md, topic 1.3)", "[checkpoint]") {
    // delta = 5 min: M = 24 h -> 116.7 min; M = 6 h -> 56.7 min; M = 15 min -> 9.14 min.
    CHECK(daly_interval(minutes(5), hours(24)).value() / 60 == Approx(116.7).margin(0.05));
    CHECK(daly_interval(minutes(5), hours(6)).value() / 60 == Approx(56.7).margin(0.05));
    CHECK(daly_interval(minutes(5), minutes(15)).value() / 60 == Approx(9.14).margin(0.01));
    // delta >= 2M: checkpoint once per MTBF.
    CHECK(daly_interval(minutes(40), minutes(15)).value() == minutes(15).value());
}

TEST_CASE("checkpoint: Daly's goodput (docs/references.md, topic 1.4)", "[checkpoint]") {
    // tau = 117 min, delta = 5 min, R = 10 min, M = 24 h -> E = 0.913.
    CHECK(daly_goodput(minutes(117), minutes(5), minutes(10), hours(24)) == Approx(0.913).margin(0.0005));
}

TEST_CASE("checkpoint: goodput against write bandwidth (docs/references.md, topic 1.6 table)", "[checkpoint]") {
    // S = 5.67 TB, M = 3 h, R = 300 s; delta = S / B; tau at Daly's optimum.
    struct Row {
        double bandwidth, tau, goodput;
    };
    for (auto row : {Row{0.5e12, 487, 0.929}, Row{1e12, 346, 0.941}, Row{2e12, 246, 0.950}, Row{10e12, 110, 0.963}}) {
        Seconds delta(5.67e12 / row.bandwidth);
        auto tau = daly_interval(delta, hours(3));
        CHECK(tau.value() == Approx(row.tau).margin(1.0));
        CHECK(daly_goodput(tau, delta, Seconds(300), hours(3)) == Approx(row.goodput).margin(0.0005));
    }
}

TEST_CASE("checkpoint: a goodput target inverted into a dump time, and fed back", "[checkpoint]") {
    // First order (docs/models.md, goodput target inverted into a write requirement; [1], [4] in docs/references.md):
    // C_max = (M/2)(w - R/M)^2 = 5400 x (0.05 - 300/10800)^2 = 2.67 s.
    auto first = max_dump_time_first_order(0.95, Seconds(300), hours(3));
    REQUIRE(first);
    CHECK(first->value() == Approx(2.67).margin(0.005));
    // Full model: the dump time whose Daly optimum gives exactly 95%; feeding it back gives 95%.
    auto full = max_dump_time(0.95, Seconds(300), hours(3));
    REQUIRE(full);
    CHECK(daly_goodput(daly_interval(*full, hours(3)), *full, Seconds(300), hours(3)) == Approx(0.95).epsilon(1e-9));
    // 2 TB/s (2.84 s) gave 95.0% in the table, so the full-model limit lies just above 2.84 s:
    // 2.963 s, i.e. 5.67 TB / 2.963 s = 1.91 TB/s, against 2.13 TB/s from the first-order formula.
    CHECK(full->value() == Approx(2.963).margin(0.001));
    CHECK(full->value() > first->value());
}

TEST_CASE("checkpoint: a target the restart time alone rules out has no answer", "[checkpoint]") {
    // R/M = 600 s / 3 h = 5.6% of the time is lost to restarts alone; 95% goodput is out of reach.
    CHECK(goodput_ceiling(Seconds(600), hours(3)) == Approx(std::exp(-600.0 / 10800)));
    CHECK_FALSE(max_dump_time(0.95, Seconds(600), hours(3)));
    CHECK_FALSE(max_dump_time_first_order(0.95, Seconds(600), hours(3)));
}
