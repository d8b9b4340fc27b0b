// The report document's formatting and names (see document.hpp).
#include "archplan/document/document.hpp"
#include "archplan/document/comparison.hpp"

#include "archplan/units/units.hpp"

#include <algorithm>
#include <cctype>
#include <fmt/format.h>
#include <limits>

namespace archplan::document {

std::string format_figure(const Figure& f) {
    switch (f.unit) {
    case Unit::bytes: return units::format_size(units::Bytes(f.value));
    case Unit::rate: return units::format_rate(units::BytesPerSecond(f.value));
    case Unit::count: return units::format_count(f.value);
    case Unit::ratio: return units::format_sig(f.value) + ":1";
    case Unit::seconds: return units::format_duration(units::Seconds(f.value));
    case Unit::share: return units::format_percent(f.value);
    case Unit::per_second: return units::format_per_second(f.value);
    case Unit::nines: return units::format_sig(f.value) + " nines";
    case Unit::hours: return units::format_duration(units::Seconds(f.value * 3600));
    case Unit::probability: return fmt::format("{:.3g}", f.value);
    case Unit::watts: return units::format_power(f.value);
    case Unit::usd: return units::format_money(f.value);
    case Unit::usd_per_byte: return units::format_money(f.value * 1e15) + " per PB";
    case Unit::usd_per_rate: return units::format_money(f.value * 1e9) + " per GB/s";
    }
    return units::format_sig(f.value);
}

std::string format_headroom(double headroom) {
    // Beyond 10x what is needed, the exact percentage says nothing a reviewer can use.
    return headroom > 9.0 ? "> 10x" : units::format_percent(headroom);
}

std::string headroom_text(double headroom) {
    return headroom >= 0 ? format_headroom(headroom) + " headroom" : "short by " + units::format_percent(-headroom);
}

std::pair<std::string, std::string> distinct_figures(const Figure& a, const Figure& b) {
    auto with = [](const Figure& f, int digits) {
        switch (f.unit) {
        case Unit::rate: return units::format_rate(units::BytesPerSecond(f.value), digits);
        case Unit::bytes: return units::format_size(units::Bytes(f.value), digits);
        case Unit::nines: return units::format_sig(f.value, digits) + " nines";
        default: return format_figure(f);
        }
    };
    auto x = format_figure(a), y = format_figure(b);
    // More digits until the texts differ, when the values do (a shortfall of 0.1% must show); six at most.
    for (int digits = 4; x == y && a.value != b.value && a.unit == b.unit && digits <= 6; ++digits) {
        x = with(a, digits);
        y = with(b, digits);
    }
    return {x, y};
}

std::string key_part(const std::string& text) {
    std::string out;
    for (char ch : text) {
        auto c = static_cast<unsigned char>(ch);
        if (std::isalnum(c) || ch == '.' || ch == '_')
            out += static_cast<char>(std::tolower(c));
        else if (!out.empty() && out.back() != '-')
            out += '-';
    }
    while (!out.empty() && out.back() == '-') out.pop_back();
    return out;
}

const char* unit_name(Unit u) {
    switch (u) {
    case Unit::bytes: return "B";
    case Unit::rate: return "B/s";
    case Unit::count: return "count";
    case Unit::ratio: return "ratio";
    case Unit::seconds: return "s";
    case Unit::share: return "share";
    case Unit::per_second: return "1/s";
    case Unit::nines: return "nines";
    case Unit::hours: return "h";
    case Unit::probability: return "probability";
    case Unit::watts: return "W";
    case Unit::usd: return "USD";
    case Unit::usd_per_byte: return "USD/B";
    case Unit::usd_per_rate: return "USD/(B/s)";
    }
    return "";
}

std::string format_named(double value, std::string_view unit) {
    if (unit == "met") return value > 0 ? "met" : "NOT met";
    for (auto u : {Unit::bytes, Unit::rate, Unit::count, Unit::ratio, Unit::seconds, Unit::share, Unit::per_second, Unit::nines,
                   Unit::hours, Unit::probability, Unit::watts, Unit::usd, Unit::usd_per_byte, Unit::usd_per_rate})
        if (unit == unit_name(u)) return format_figure(Figure{value, u});
    return units::format_sig(value);
}

std::string csv_field(const std::string& s) {
    if (s.find_first_of(",\"\n") == std::string::npos) return s;
    std::string out = "\"";
    for (char ch : s) out += ch == '"' ? std::string("\"\"") : std::string(1, ch);
    return out + "\"";
}

const char* better_name(Better b) {
    switch (b) {
    case Better::higher: return "higher";
    case Better::lower: return "lower";
    case Better::neither: return "-";
    }
    return "-";
}

const std::vector<Band>& utilisation_bands() {
    static const std::vector<Band> bands = {{0.01, "#ffffff", "0-1%"},
                                            {0.10, "#8c00ff", "1-10%"},
                                            {0.25, "#2020ff", "10-25%"},
                                            {0.40, "#00c0ff", "25-40%"},
                                            {0.55, "#00d000", "40-55%"},
                                            {0.70, "#f0f000", "55-70%"},
                                            {0.85, "#ffc000", "70-85%"},
                                            {1.0 + 1e-9, "#ff0000", "85-100%"},
                                            {std::numeric_limits<double>::infinity(), "#7f0000", "over 100%"}};
    return bands;
}

const Band& band_of(double utilisation) {
    for (const auto& b : utilisation_bands())
        if (utilisation < b.below) return b;
    return utilisation_bands().back();
}

const char* team_name(Team t) {
    switch (t) {
    case Team::compute: return "compute";
    case Team::network: return "network";
    case Team::storage: return "storage";
    }
    return "network";
}

const char* status_name(Status s) {
    switch (s) {
    case Status::ok: return "ok";
    case Status::short_of: return "SHORT";
    case Status::info: return "info";
    }
    return "ok";
}

const char* line_kind_name(LineKind k) {
    switch (k) {
    case LineKind::injection: return "injection";
    case LineKind::port: return "port";
    case LineKind::controller: return "controller";
    case LineKind::drives: return "drives";
    case LineKind::link: return "link";
    case LineKind::router: return "router";
    case LineKind::taper: return "taper";
    case LineKind::capacity: return "capacity";
    case LineKind::servers: return "servers";
    case LineKind::metadata: return "metadata";
    case LineKind::local_tier: return "local-tier";
    case LineKind::accelerator: return "accelerator";
    case LineKind::client: return "client";
    case LineKind::crypto: return "crypto";
    }
    return "link";
}

const char* requirement_kind_label(RequirementKind k) {
    switch (k) {
    case RequirementKind::write_bandwidth: return "write bandwidth";
    case RequirementKind::read_bandwidth: return "read bandwidth";
    case RequirementKind::usable_capacity: return "usable capacity";
    case RequirementKind::capacity_plan: return "capacity plan";
    case RequirementKind::durability: return "durability";
    }
    return "";
}

const char* origin_name(Origin o) {
    switch (o) {
    case Origin::spec: return "spec";
    case Origin::workload_write: return "workload_write";
    case Origin::workload_drain: return "workload_drain";
    case Origin::workload_read: return "workload_read";
    case Origin::dataset: return "dataset";
    case Origin::retention: return "retention";
    }
    return "spec";
}

const char* section_kind_label(SectionKind k) {
    switch (k) {
    case SectionKind::checkpoint: return "checkpoint";
    case SectionKind::two_level_checkpoint: return "two-level checkpoint";
    case SectionKind::data_loading: return "data loading";
    case SectionKind::capacity_plan: return "capacity plan";
    case SectionKind::durability: return "durability";
    case SectionKind::power: return "power";
    case SectionKind::racks: return "racks";
    case SectionKind::power_swing: return "power swing";
    case SectionKind::capital: return "capital cost";
    case SectionKind::running: return "running cost";
    case SectionKind::opportunity: return "opportunity cost";
    case SectionKind::tenant: return "tenant";
    }
    return "";
}

std::string tightest_text(const TeamLines& t) {
    if (!t.tightest) return {};
    const auto& w = t.lines[*t.tightest];
    auto needed = w.needed.unit == Unit::ratio ? format_figure(w.needed) + " taper at most" : format_figure(w.needed);
    return fmt::format("tightest: {} ({}) needs {}, has {} ({}, {})", w.element,
                       w.class_name.empty() ? w.applies_to : w.class_name, needed, format_figure(w.provisioned),
                       headroom_text(w.headroom), w.requirement);
}

std::string outage_text(const Outage& o) {
    std::string reqs;
    for (std::size_t i = 0; i < o.requirements.size(); ++i)
        reqs += (i == 0 ? "" : i + 1 == o.requirements.size() ? " and " : ", ") + o.requirements[i];
    return fmt::format("one {} server down makes {} unavailable", o.storage, reqs);
}

std::string verdict_text(const Report& r) {
    std::string outages;
    for (const auto& o : r.outages) outages += "; " + outage_text(o);
    // Racks that draw more than their feed are a design problem too, said beside the requirements.
    for (const auto& d : r.racks_over_budget) outages += fmt::format("; '{}' racks draw more than their power feed", d);
    // Tenants' floors that a failure breaks are a broken guarantee, said as plainly.
    std::size_t broken = 0;
    for (std::size_t i = 1; i < r.tenants.size(); ++i)
        if (!r.tenants[i].fits) ++broken;
    if (!r.tenants.empty() && !r.tenants.front().fits)
        outages += "; the tenants' floors do not fit in normal operation";
    else if (broken > 0)
        outages += fmt::format("; the tenants' floors do not fit under {} of {} failure scenarios", broken, r.tenants.size() - 1);
    std::size_t missed = 0; // failure scenarios that leave some requirement unmet
    for (const auto& sc : r.scenarios)
        if (std::any_of(sc.cells.begin(), sc.cells.end(), [](const ScenarioCell& c) { return !c.met; })) ++missed;
    if (r.all_met) {
        if (outages.empty() && missed == 0) return "All requirements are met.";
        return "All requirements are met in normal operation" + outages +
               (missed == 0 ? std::string()
                            : fmt::format("; {} of {} failure scenarios leave a requirement unmet", missed, r.scenarios.size())) +
               ".";
    }
    return "Some requirements are NOT met" + (outages.empty() ? std::string() : "; in addition" + outages.substr(1)) + ".";
}

const TeamLines* Report::team(Team t) const {
    for (const auto& x : teams)
        if (x.team == t) return &x;
    return nullptr;
}

} // namespace archplan::document
