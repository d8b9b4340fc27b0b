// archplan compare (issue 11): rows the same for every column, deltas against the reference, the best marked,
// verdict changes first. Checked on the customer spec's own variants, by hand.
#include "catch.hpp"
#include "spec_fixtures.hpp"

#include "archplan/compare/compare.hpp"
#include "archplan/plan/evaluate.hpp"
#include "archplan/spec/knobs.hpp"

#include <memory>

using namespace archplan;
using Catch::Detail::Approx;

namespace {

struct Evaluated {
    std::vector<std::unique_ptr<plan::Evaluation>> evaluations;
    std::vector<compare::Column> columns;
};

// The customer spec as written and each of its variants.
Evaluated customer_columns() {
    auto base = fixtures::load(fixtures::read_text(std::string(ARCHPLAN_SOURCE_DIR) + "/specs/customer.yaml"));
    REQUIRE(base.variants.size() == 3);
    std::vector<std::pair<std::string, spec::Spec>> designs{{"base", base}};
    for (const auto& v : base.variants) designs.emplace_back(v.name, spec::with_variant(base, v));
    Evaluated out;
    plan::Options options;
    options.analyse.fixes = false;
    for (auto& [name, s] : designs) {
        auto ev = plan::evaluate(s, options);
        REQUIRE(ev.value);
        out.evaluations.push_back(std::make_unique<plan::Evaluation>(std::move(*ev.value)));
        out.columns.push_back({name, "test", &out.evaluations.back()->report});
    }
    return out;
}

const document::CompareRow& row(const document::Comparison& c, const std::string& key) {
    for (const auto& r : c.rows)
        if (r.key == key) return r;
    FAIL("no row " << key);
    throw std::logic_error("unreachable");
}

} // namespace

TEST_CASE("compare: the customer spec's variants, deltas checked by hand", "[compare]") {
    auto e = customer_columns();
    auto cmp = compare::compare(e.columns, 0);
    REQUIRE(cmp.columns.size() == 4); // base, taper-2to1, ec-16+2, rebuild-50
    // 8+2 -> 16+2 keeps 16/18 of raw instead of 8/10: usable x (16/18) / (8/10) = 1.1111, +11.1%.
    const auto& usable = row(cmp, "storage/scratch/capacity-plan/usable-after-the-file-system-reserve");
    CHECK(usable.better == document::Better::higher);
    CHECK(usable.cells[2].relative.value() == Approx(16.0 / 18 / 0.8 - 1));
    CHECK(usable.cells[2].delta.value() == Approx(usable.cells[0].value->value * (16.0 / 18 / 0.8 - 1)));
    CHECK(usable.cells[2].best);
    CHECK_FALSE(usable.cells[0].best);
    CHECK(usable.cells[1].same); // the taper does not touch capacity
    // Halving the gpu leaves' 16 uplinks on 128 leaves takes out 128 x 8 = 1,024 leaf uplinks (and the aggregation
    // and core ports they used): fewer switches, the fewest marked best; the other variants are unchanged.
    const auto& switches = row(cmp, "inventory/switches");
    CHECK(switches.better == document::Better::lower);
    CHECK(switches.cells[1].delta.value() < 0);
    CHECK(switches.cells[1].best);
    CHECK(switches.cells[2].same);
    CHECK(switches.cells[3].same);
    // 16+2 misses the eight nines that 8+2 meets: the only verdict change, so the first row.
    REQUIRE_FALSE(cmp.rows.empty());
    CHECK(cmp.rows[0].key == "requirement/durability/status");
    CHECK(cmp.rows[0].verdict_changed);
    CHECK(cmp.rows[0].cells[2].met == false);
    CHECK(cmp.rows[0].cells[3].met == true);
    CHECK_FALSE(cmp.rows[1].verdict_changed);
    // A faster rebuild buys nines and costs degraded writes: both rows move, in opposite directions.
    CHECK(row(cmp, "storage/scratch/durability/durability").cells[3].delta.value() > 0);
    CHECK(row(cmp, "scenarios/ckpt-write/lowest-share").cells[3].delta.value() < 0);
    // Another reference: the deltas are against it, and its own cells carry none.
    auto against_taper = compare::compare(e.columns, 1);
    const auto& sw = row(against_taper, "inventory/switches");
    CHECK_FALSE(sw.cells[1].delta);
    CHECK(sw.cells[0].delta.value() == Approx(-switches.cells[1].delta.value()));
}
