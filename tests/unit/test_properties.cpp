// Properties of whole runs on many random designs (issue 10): whatever the design, no output contains inf, NaN
// or a negative count, routed never exceeds ideal, and the exit code agrees with the headline.
#include "catch.hpp"
#include "random_specs.hpp"
#include "spec_fixtures.hpp"

#include "archplan/plan/evaluate.hpp"
#include "archplan/report/report.hpp"

#include <cmath>
#include <nlohmann/json.hpp>
#include <random>
#include <regex>
#include <sstream>

using namespace archplan;

namespace {

// Every figure object ({"value", "unit"}) in the JSON: a finite number, and not negative when it counts things.
void check_figures(const nlohmann::json& j, const std::string& path, std::size_t& figures) {
    if (j.is_object()) {
        if (j.contains("value") && j.contains("unit") && j["unit"].is_string()) {
            ++figures;
            INFO(path);
            REQUIRE(j["value"].is_number()); // null is how nlohmann writes inf and NaN
            double v = j["value"].get<double>();
            CHECK(std::isfinite(v));
            if (j["unit"] == "count") CHECK(v >= 0);
        }
        for (const auto& [k, v] : j.items()) check_figures(v, path + "." + k, figures);
    } else if (j.is_array()) {
        for (std::size_t i = 0; i < j.size(); ++i) check_figures(j[i], path + "[" + std::to_string(i) + "]", figures);
    }
}

} // namespace

TEST_CASE("properties: random designs never print inf, NaN or a negative count; routed <= ideal; the exit agrees with "
          "the headline",
          "[property][random]") {
    std::mt19937_64 rng(101);
    std::size_t evaluated = 0, figures = 0, not_met = 0;
    // A bad number in a sentence: inf, nan, or a minus sign before a count of things.
    static const std::regex bad_text(R"re(\binf\b|\bnan\b|\bNaN\b|-[0-9][0-9,]* (servers|drives|nodes|switches|ports|links))re");
    for (int n = 0; n < 1500 && evaluated < 150; ++n) {
        auto yaml = fixtures::random_design(rng, {0, true, true});
        auto loaded = spec::load_string(yaml, "random.yaml");
        REQUIRE(loaded.spec); // the generator writes only valid specs; some cannot be wired
        auto ev = plan::evaluate(*loaded.spec);
        if (!ev.value) continue;
        ++evaluated;
        INFO(yaml);
        const auto& e = *ev.value;
        std::ostringstream text, md, js;
        report::render_text(e.report, text);
        report::render_summary_markdown(e.report, md);
        for (const auto& t : e.report.teams) report::render_team_markdown(e.report, t.team, md);
        report::render_json(e.report, js);
        CHECK_FALSE(std::regex_search(text.str(), bad_text));
        CHECK_FALSE(std::regex_search(md.str(), bad_text));
        auto j = nlohmann::json::parse(js.str());
        check_figures(j, "", figures);
        for (const auto& b : e.analysis.bandwidth) CHECK(b.routed.achievable.value() <= b.ideal.achievable.value() * (1 + 1e-9));
        // The exit code's question and the headline say the same.
        bool met = e.all_met();
        not_met += met ? 0 : 1;
        CHECK(met == (document::verdict_text(e.report).rfind("All requirements are met", 0) == 0));
        CHECK(met == j["all_met"].get<bool>());
    }
    CHECK(evaluated >= 100);
    CHECK(figures > 1000);
    // Both outcomes are exercised.
    CHECK(not_met > 10);
    CHECK(not_met < evaluated);
}
