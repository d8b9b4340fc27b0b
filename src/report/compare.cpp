// The comparison of designs (document::Comparison) as terminal text, compare.md and compare.csv; its JSON is in
// json.cpp with the other JSON. Formatting only: every delta and mark was decided by archplan::compare.
#include "archplan/report/report.hpp"

#include "archplan/units/units.hpp"

#include <algorithm>
#include <fmt/format.h>

namespace archplan::report {

using document::CompareCell;
using document::CompareRow;
using document::Unit;

namespace {

std::string value_text(const CompareRow& row, const CompareCell& c) {
    if (!c.value) return c.text.empty() ? "-" : c.text;
    bool headroom = row.key.size() >= 9 && row.key.compare(row.key.size() - 9, 9, "/headroom") == 0;
    auto v = headroom ? document::format_headroom(c.value->value) : document::format_figure(*c.value);
    return c.text.empty() ? v : v + " (" + c.text + ")";
}

// "+1.00 TB/s, +9.09%", "-80, -25.0%", "+30.0 pp" (a share moves in percentage points), or "=".
std::string delta_text(const CompareCell& c) {
    if (c.same) return "=";
    if (!c.delta || !c.value) return "";
    const char* sign = *c.delta < 0 ? "-" : "+";
    auto size = std::fabs(*c.delta);
    if (c.value->unit == Unit::share) return fmt::format("{}{} pp", sign, units::format_sig(size * 100));
    auto abs = c.value->unit == Unit::count ? units::format_count(size) : document::format_figure({size, c.value->unit});
    if (!c.relative) return sign + abs;
    return fmt::format("{}{}, {}{}", sign, abs, *c.relative < 0 ? "-" : "+", units::format_percent(std::fabs(*c.relative)));
}

std::string cell_text(const document::Comparison& cmp, const CompareRow& row, std::size_t ci) {
    const auto& c = row.cells[ci];
    if (!c.value && c.text.empty() && !c.met) return "-";
    if (ci != cmp.reference && c.same) return "="; // unchanged: the reference's value says it
    auto t = value_text(row, c);
    if (ci != cmp.reference) {
        auto d = delta_text(c);
        if (!d.empty()) t += " [" + d + "]";
    }
    return t;
}

const char* section_title(const std::string& s) {
    if (s == "requirements") return "Requirements";
    if (s == "workloads") return "Workloads";
    if (s == "storage") return "Storage";
    if (s == "scenarios") return "Failure scenarios";
    if (s == "inventory") return "Bill of materials";
    if (s == "facilities") return "Facilities";
    if (s == "finance") return "Finance";
    return "Other";
}

// Rows in print order with the heading each starts, if any: verdict changes first, then by section.
template <class Emit>
void walk(const document::Comparison& cmp, Emit&& emit) {
    std::string last;
    for (const auto& row : cmp.rows) {
        std::string heading =
            row.verdict_changed ? "Verdict changes (met in one column, not in another)" : section_title(row.section);
        emit(row, heading != last ? heading : std::string());
        last = heading;
    }
}

} // namespace

void render_compare_text(const document::Comparison& cmp, std::ostream& out) {
    const auto& ref = cmp.columns[cmp.reference];
    out << fmt::format("archplan compare: {} design{} against '{}'\n", cmp.columns.size(), cmp.columns.size() == 1 ? "" : "s",
                       ref.name);
    for (const auto& c : cmp.columns) out << fmt::format("  {:<16} {}{}\n", c.name, c.source, c.all_met ? "" : " (NOT all met)");
    std::vector<std::size_t> widths(cmp.columns.size());
    std::size_t label_w = 10;
    for (std::size_t ci = 0; ci < cmp.columns.size(); ++ci) widths[ci] = cmp.columns[ci].name.size();
    for (const auto& row : cmp.rows) {
        label_w = std::max(label_w, row.label.size());
        for (std::size_t ci = 0; ci < row.cells.size(); ++ci)
            widths[ci] = std::max(widths[ci], cell_text(cmp, row, ci).size() + (row.cells[ci].best ? 2 : 0));
    }
    walk(cmp, [&](const CompareRow& row, const std::string& heading) {
        if (!heading.empty()) {
            auto line = fmt::format("\n{}\n  {:<{}}", heading, "", label_w);
            for (std::size_t ci = 0; ci < cmp.columns.size(); ++ci)
                line += fmt::format("  {:<{}}", cmp.columns[ci].name, widths[ci]);
            out << line.substr(0, line.find_last_not_of(' ') + 1) << "\n";
        }
        auto line = fmt::format("  {:<{}}", row.label, label_w);
        for (std::size_t ci = 0; ci < row.cells.size(); ++ci)
            line += fmt::format("  {:<{}}", cell_text(cmp, row, ci) + (row.cells[ci].best ? " <" : ""), widths[ci]);
        out << line.substr(0, line.find_last_not_of(' ') + 1) << "\n";
    });
    out << "\n[change against '" << ref.name << "']  = unchanged  < best of the row\n";
}

void render_compare_markdown(const document::Comparison& cmp, std::ostream& out) {
    out << "# Design comparison\n\n";
    out << fmt::format("Every column against **{}** (the reference). A cell gives the value and, in brackets, its change "
                       "against the reference (absolute, relative); `=` is unchanged. The best value of a row that has a "
                       "direction is in bold. Rows whose verdict changes come first.\n\n",
                       cmp.columns[cmp.reference].name);
    out << "| column | design | all met |\n|---|---|---|\n";
    for (const auto& c : cmp.columns) out << fmt::format("| {} | {} | {} |\n", c.name, c.source, c.all_met ? "yes" : "**no**");
    walk(cmp, [&](const CompareRow& row, const std::string& heading) {
        if (!heading.empty()) {
            out << fmt::format("\n## {}\n\n| figure | better |", heading);
            for (const auto& c : cmp.columns) out << " " << c.name << " |";
            out << "\n|---|---|";
            for (std::size_t i = 0; i < cmp.columns.size(); ++i) out << "---|";
            out << "\n";
        }
        out << fmt::format("| {} | {} |", row.label, document::better_name(row.better));
        for (std::size_t ci = 0; ci < row.cells.size(); ++ci) {
            auto t = cell_text(cmp, row, ci);
            std::replace(t.begin(), t.end(), '|', '/');
            out << " " << (row.cells[ci].best ? "**" + t + "**" : t) << " |";
        }
        out << "\n";
    });
}

void render_compare_csv(const document::Comparison& cmp, std::ostream& out) {
    out << "key,section,label,better,unit";
    for (const auto& c : cmp.columns) out << "," << document::csv_field(c.name);
    for (std::size_t ci = 0; ci < cmp.columns.size(); ++ci)
        if (ci != cmp.reference)
            out << "," << document::csv_field(cmp.columns[ci].name + " delta") << ","
                << document::csv_field(cmp.columns[ci].name + " relative");
    out << "\n";
    for (const auto& row : cmp.rows) {
        const document::Figure* any = nullptr;
        for (const auto& c : row.cells)
            if (c.value) any = &*c.value;
        out << fmt::format("{},{},{},{},{}", document::csv_field(row.key), row.section, document::csv_field(row.label),
                           document::better_name(row.better), any ? document::unit_name(any->unit) : "text");
        for (const auto& c : row.cells) out << "," << document::csv_field(c.value ? fmt::format("{}", c.value->value) : c.text);
        for (std::size_t ci = 0; ci < row.cells.size(); ++ci) {
            if (ci == cmp.reference) continue;
            const auto& c = row.cells[ci];
            out << "," << (c.delta ? fmt::format("{}", *c.delta) : "") << ","
                << (c.relative ? fmt::format("{}", *c.relative) : "");
        }
        out << "\n";
    }
}

} // namespace archplan::report
