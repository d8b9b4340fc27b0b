// The comparison's rows come from the report documents through a few extractors (requirements, workloads, storage,
// scenarios, inventory); a new section of the report adds an extractor here and nothing else changes.
#include "archplan/compare/compare.hpp"

#include <algorithm>
#include <cmath>
#include <fmt/format.h>
#include <map>

namespace archplan::compare {

using document::Better;
using document::CompareCell;
using document::CompareRow;
using document::Figure;
using document::Unit;

namespace {

CompareCell figure(double value, Unit unit, std::string text = {}) {
    CompareCell c;
    c.value = Figure{value, unit};
    c.text = std::move(text);
    return c;
}

CompareCell words(std::string text) {
    CompareCell c;
    c.text = std::move(text);
    return c;
}

void requirements(const document::Report& r, std::vector<Row>& out) {
    for (const auto& q : r.requirements) {
        auto base = q.key;
        CompareCell status = words(q.met ? "met" : "NOT met");
        status.met = q.met;
        out.push_back({base + "/status", "requirements", q.id + ": status", Better::neither, status});
        const char* what = q.is_bandwidth()                                  ? "achievable (routed)"
                           : q.kind == document::RequirementKind::durability ? "this design's nines"
                                                                             : "plannable";
        out.push_back({base + "/achievable", "requirements", fmt::format("{}: {}", q.id, what), Better::higher,
                       figure(q.achievable.value, q.achievable.unit)});
        if (q.is_bandwidth()) {
            out.push_back(
                {base + "/headroom", "requirements", q.id + ": headroom", Better::higher, figure(q.headroom, Unit::share)});
            out.push_back({base + "/bottleneck", "requirements", q.id + ": bottleneck", Better::neither, words(q.bottleneck)});
        }
    }
}

// Section figures a review argues about, by the figure's name in its key, and which way is better.
void sections(const std::vector<document::Section>& list, const char* section, std::vector<Row>& out) {
    static const std::vector<std::pair<std::string, Better>> wanted = {
        {"dump-time-the-job-blocks", Better::lower},
        {"goodput", Better::higher},
        {"two-level-goodput", Better::higher},
        {"usable-after-the-file-system-reserve", Better::higher},
        {"plannable-at-the-fill-limit", Better::higher},
        {"durability", Better::higher},
        {"rebuild-time", Better::lower},
        {"annual-probability-of-a-loss-event", Better::lower},
        {"annual-probability-that-some-data-is-unreadable-for-a-while", Better::lower},
        {"peak-power", Better::lower},
        {"nominal-power", Better::lower},
        {"racks", Better::lower},
        {"rack-headroom", Better::higher},
        {"capital-cost", Better::lower},
        {"capital-per-usable-pb", Better::lower},
        {"energy-cost-per-year", Better::lower},
        {"opportunity-cost-per-year", Better::lower},
        {"write-floor-headroom", Better::higher},
        {"read-floor-headroom", Better::higher},
        {"write-floor-kept-worst", Better::higher},
        {"read-floor-kept-worst", Better::higher},
        {"write-left-by-ceilings-only", Better::higher},
        {"read-left-by-ceilings-only", Better::higher},
    };
    for (const auto& s : list)
        for (const auto& f : s.figures) {
            auto name = f.key.substr(f.key.rfind('/') + 1);
            for (const auto& [w, better] : wanted)
                if (name == w)
                    out.push_back(
                        {f.key, section, fmt::format("{}: {}", s.id, f.name), better, figure(f.value.value, f.value.unit)});
        }
}

// How many scenarios leave a requirement unmet, and the worst one: the lowest achieved share of a required figure.
void scenarios(const document::Report& r, std::vector<Row>& out) {
    if (r.scenarios.empty()) return;
    std::map<std::string, double> required;
    for (const auto& q : r.requirements) required[q.id] = q.required.value;
    int unmet = 0;
    double worst = 2.0;
    std::string worst_text;
    std::vector<double> lowest(r.scenario_requirements.size(), 1.0); // per requirement: its lowest share under a failure
    std::vector<std::string> lowest_text(lowest.size());             // and where, so a reviewer can redo the share
    for (const auto& sc : r.scenarios) {
        bool any = false;
        for (std::size_t i = 0; i < sc.cells.size(); ++i) {
            const auto& c = sc.cells[i];
            any = any || !c.met;
            const auto& id = r.scenario_requirements[i];
            double need = required.count(id) ? required[id] : 0.0;
            double share = c.unavailable || c.cut_off ? 0.0 : need > 0 ? c.achievable.value / need : 1.0;
            auto degraded = fmt::format("{}: {} of {}", sc.id, document::format_figure(c.achievable),
                                        document::format_figure(Figure{need, Unit::rate}));
            if (!c.unavailable && !c.cut_off && share < lowest[i]) { // degraded, not gone
                lowest[i] = share;
                lowest_text[i] = degraded;
            }
            if (share < worst) {
                worst = share;
                worst_text = c.unavailable ? fmt::format("{}: {} unavailable", sc.id, id)
                             : c.cut_off   ? fmt::format("{}: {} with {} nodes cut off", sc.id, id, c.cut_off)
                                           : fmt::format("{} ({})", degraded, id);
            }
        }
        unmet += any ? 1 : 0;
    }
    out.push_back({"scenarios/unmet", "scenarios", "failure scenarios that leave a requirement unmet", Better::lower,
                   figure(unmet, Unit::count, fmt::format("of {}", r.scenarios.size()))});
    out.push_back({"scenarios/worst", "scenarios", "worst failure scenario", Better::neither, words(worst_text)});
    out.push_back({"scenarios/worst-share", "scenarios", "worst failure scenario: share of the required figure", Better::higher,
                   figure(std::min(worst, 1.0), Unit::share)});
    // Per requirement, its worst degraded figure (writes during a rebuild, say: the tradeoff a rebuild share decides);
    // unreadable data and cut-off nodes are in the two rows above.
    for (std::size_t i = 0; i < lowest.size(); ++i)
        out.push_back({"scenarios/" + r.scenario_requirements[i] + "/lowest-share", "scenarios",
                       r.scenario_requirements[i] + ": degraded, lowest share of the required figure", Better::higher,
                       figure(lowest[i], Unit::share, lowest_text[i])});
}

// Bill-of-materials totals: switches, cables, optics, servers, drives.
void inventory(const document::Report& r, std::vector<Row>& out) {
    struct Total {
        const char* key;
        const char* label;
        double count = 0;
        bool seen = false;
    };
    std::vector<Total> totals = {{"inventory/switches", "switches"},
                                 {"inventory/cables", "cables (endpoint and switch-to-switch)"},
                                 {"inventory/optics", "optical transceivers"},
                                 {"inventory/servers", "storage servers"},
                                 {"inventory/drives", "drives"}};
    auto ends_with = [](const std::string& s, const std::string& tail) {
        return s.size() >= tail.size() && s.compare(s.size() - tail.size(), tail.size(), tail) == 0;
    };
    for (const auto& i : r.inventory) {
        int t = ends_with(i.item, "switch")                                       ? 0
                : i.item == "endpoint cable" || i.item == "switch-to-switch link" ? 1
                : i.item == "transceiver"                                         ? 2
                : i.item == "server"                                              ? 3
                : i.item == "drive"                                               ? 4
                                                                                  : -1;
        if (t < 0) continue;
        totals[static_cast<std::size_t>(t)].count += i.count;
        totals[static_cast<std::size_t>(t)].seen = true;
    }
    for (const auto& t : totals)
        if (t.seen) out.push_back({t.key, "inventory", t.label, Better::lower, figure(t.count, Unit::count)});
}

} // namespace

std::vector<Row> rows_of(const document::Report& r) {
    std::vector<Row> out;
    requirements(r, out);
    sections(r.workloads, "workloads", out);
    sections(r.storage_sections, "storage", out);
    sections(r.tenant_sections, "tenants", out);
    scenarios(r, out);
    inventory(r, out);
    sections(r.facilities, "facilities", out);
    sections(r.finance, "finance", out);
    return out;
}

namespace {

bool close(double a, double b) { return std::fabs(a - b) <= 1e-9 * std::max({std::fabs(a), std::fabs(b), 1e-300}); }

} // namespace

document::Comparison compare(const std::vector<Column>& columns, std::size_t reference) {
    document::Comparison cmp;
    cmp.reference = reference;
    for (const auto& c : columns) cmp.columns.push_back({c.name, c.source, c.report->all_met});
    // The union of the rows, the reference's first, in the order each document gives them.
    std::vector<CompareRow> rows;
    std::map<std::string, std::size_t> at;
    std::vector<std::size_t> order(columns.size());
    for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
    std::stable_partition(order.begin(), order.end(), [&](std::size_t i) { return i == reference; });
    for (auto ci : order)
        for (auto& x : rows_of(*columns[ci].report)) {
            auto found = at.find(x.key);
            if (found == at.end()) {
                found = at.emplace(x.key, rows.size()).first;
                rows.push_back({x.key, x.section, x.label, x.better, std::vector<CompareCell>(columns.size()), false});
            }
            rows[found->second].cells[ci] = std::move(x.cell);
        }
    for (auto& row : rows) {
        const auto& ref = row.cells[reference];
        for (std::size_t ci = 0; ci < row.cells.size(); ++ci) {
            auto& c = row.cells[ci];
            if (ci == reference) continue;
            if (c.value && ref.value && c.value->unit == ref.value->unit) {
                c.delta = c.value->value - ref.value->value;
                if (ref.value->value != 0) c.relative = *c.delta / std::fabs(ref.value->value);
                c.same = close(c.value->value, ref.value->value) && c.text == ref.text;
            } else if (!c.value && !ref.value) {
                c.same = c.text == ref.text && c.met == ref.met;
            }
            if (c.met && ref.met && *c.met != *ref.met) row.verdict_changed = true;
        }
        // The best value, when the row has a direction and its values differ.
        if (row.better == Better::neither) continue;
        std::optional<double> best;
        bool differ = false;
        for (const auto& c : row.cells) {
            if (!c.value) continue;
            if (best && !close(*best, c.value->value)) differ = true;
            if (!best || (row.better == Better::higher ? c.value->value > *best : c.value->value < *best)) best = c.value->value;
        }
        if (!differ) continue;
        for (auto& c : row.cells) c.best = c.value && close(c.value->value, *best);
    }
    // By section, in the order the documents give them (a row only another column has joins its section), then the
    // verdict changes first.
    auto rank = [](const std::string& s) {
        static const std::vector<std::string> sections{"requirements", "workloads",  "storage", "scenarios",
                                                       "inventory",    "facilities", "finance"};
        return std::find(sections.begin(), sections.end(), s) - sections.begin();
    };
    std::stable_sort(rows.begin(), rows.end(),
                     [&](const CompareRow& a, const CompareRow& b) { return rank(a.section) < rank(b.section); });
    std::stable_partition(rows.begin(), rows.end(), [](const CompareRow& r) { return r.verdict_changed; });
    cmp.rows = std::move(rows);
    return cmp;
}

} // namespace archplan::compare
