// The power-telemetry report: per domain and in aggregate the percentiles, the time above the derated budget, the
// diversity ratio and the safe oversubscription factor, in text and JSON.
#include "archplan/report/report.hpp"
#include "archplan/units/units.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

namespace archplan::report {

namespace {

std::string value(const telemetry::Trace& t, double v) {
    return t.normalised ? units::format_percent(v) : units::format_power(v);
}

std::string above_text(const telemetry::Trace& t, const telemetry::Stats& s) {
    if (s.capacity <= 0) return "no capacity given";
    return fmt::format("{} {} ({}) above 80% of {}", units::format_count(static_cast<double>(s.above)),
                       s.above == 1 ? "sample" : "samples", units::format_duration(units::Seconds(s.above_seconds)),
                       t.normalised ? fmt::format("{} of capacity", units::format_percent(s.capacity))
                                    : units::format_power(s.capacity));
}

} // namespace

void render_telemetry_text(const telemetry::Trace& t, const telemetry::Analysis& a, std::ostream& out) {
    out << fmt::format("archplan power-telemetry: {} ({} format, {} of capacity)\n\n", t.file,
                       t.normalised ? "normalised" : "long", t.normalised ? "values are shares" : "watts, not shares");
    out << fmt::format("{:<16} {:>8} {:>9} {:>10} {:>10} {:>10} {:>10} {:>10}  {}\n", "domain", "samples", "interval", "p50",
                       "p95", "p99", "p99.9", "max", "above the derated budget (80%)");
    auto row = [&](const telemetry::Stats& s) {
        out << fmt::format("{:<16} {:>8} {:>9} {:>10} {:>10} {:>10} {:>10} {:>10}  {}\n", s.domain,
                           units::format_count(static_cast<double>(s.samples)),
                           units::format_duration(units::Seconds(s.interval)), value(t, s.p50), value(t, s.p95), value(t, s.p99),
                           value(t, s.p999), value(t, s.max), above_text(t, s));
    };
    for (const auto& s : a.domains) row(s);
    if (a.aggregate) row(*a.aggregate);
    double sum_max = 0;
    for (const auto& s : a.domains) sum_max += s.max;
    out << "\n";
    if (a.domains.size() > 1 && !a.aggregate) {
        out << "diversity ratio and safe factor: not computed: no timestamp is reported by every domain\n";
        for (const auto& w : a.warnings) out << "warning: " << w << "\n";
        return;
    }
    if (a.aggregate)
        out << fmt::format("diversity ratio: {} (sum of the domains' maxima {} / maximum of their sum {})\n",
                           units::format_sig(a.diversity, 4), value(t, sum_max), value(t, a.aggregate->max));
    double qv = a.safe_factor * sum_max;
    out << fmt::format("safe oversubscription factor at p{:g}: {} ({} / {} {})\n", a.quantile * 100,
                       units::format_sig(a.safe_factor, 4), value(t, qv), value(t, sum_max),
                       a.aggregate ? "sum of the domains' maxima" : "maximum");
    out << "  use it as 'facilities.oversubscription' only for domains like these, and keep power capping as the safety net\n";
    for (const auto& w : a.warnings) out << "warning: " << w << "\n";
}

void render_telemetry_json(const telemetry::Trace& t, const telemetry::Analysis& a, std::ostream& out) {
    using nlohmann::json;
    auto stats = [](const telemetry::Stats& s) {
        return json{{"domain", s.domain},
                    {"samples", s.samples},
                    {"interval_s", s.interval},
                    {"p50", s.p50},
                    {"p95", s.p95},
                    {"p99", s.p99},
                    {"p999", s.p999},
                    {"max", s.max},
                    {"capacity", s.capacity},
                    {"above", s.above},
                    {"above_s", s.above_seconds}};
    };
    json j{{"archplan_telemetry", 1},
           {"file", t.file},
           {"unit", t.normalised ? "share" : "W"},
           {"domains", json::array()},
           {"aggregate", a.aggregate ? stats(*a.aggregate) : json(nullptr)},
           {"dropped", a.dropped},
           {"diversity", a.diversity},
           {"quantile", a.quantile},
           {"safe_factor", a.safe_factor},
           {"warnings", a.warnings}};
    for (const auto& s : a.domains) j["domains"].push_back(stats(s));
    // Domain names come from the file as they are: invalid UTF-8 is replaced, not fatal.
    out << j.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
}

} // namespace archplan::report
