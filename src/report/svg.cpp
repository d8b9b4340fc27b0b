// Charts as standalone SVG, written by archplan itself (no plotting library): utilisation per element class, the
// failure scenarios as a heat map, durability against drive AFR, a comparison's main rows as grouped bars, and a
// sweep's two objectives as a scatter with its Pareto front. Every text is escaped; nothing refers outside the file.
#include "archplan/report/report.hpp"
#include "archplan/units/units.hpp"

#include <algorithm>
#include <cmath>
#include <fmt/format.h>
#include <map>

namespace archplan::report {

using document::Figure;
using document::format_figure;
using document::Unit;

std::string xml_escape(const std::string& s) {
    std::string out;
    for (char c : s) {
        switch (c) {
        case '&': out += "&amp;"; break;
        case '<': out += "&lt;"; break;
        case '>': out += "&gt;"; break;
        case '"': out += "&quot;"; break;
        case '\'': out += "&#39;"; break;
        default: out += c;
        }
    }
    return out;
}

namespace {

constexpr const char* k_font = "font-family=\"Helvetica, Arial, sans-serif\"";

std::string open_svg(double w, double h, const std::string& title) {
    w = std::max(w, 20 + 7.5 * static_cast<double>(title.size())); // room for the title
    return fmt::format(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{:.0f}\" height=\"{:.0f}\" viewBox=\"0 0 {:.0f} {:.0f}\" "
        "role=\"img\" {}>\n<title>{}</title>\n<rect width=\"100%\" height=\"100%\" fill=\"#ffffff\"/>\n"
        "<text x=\"10\" y=\"20\" font-size=\"14\" font-weight=\"bold\">{}</text>\n",
        w, h, w, h, k_font, xml_escape(title), xml_escape(title));
}

std::string text(double x, double y, const std::string& s, const char* anchor = "start", int size = 11,
                 const char* fill = "#000000") {
    return fmt::format("<text x=\"{:.1f}\" y=\"{:.1f}\" font-size=\"{}\" text-anchor=\"{}\" fill=\"{}\">{}</text>\n", x, y, size,
                       anchor, fill, xml_escape(s));
}

std::string named(double v, const std::string& unit) { return document::format_named(v, unit); }

} // namespace

std::string svg_utilisation(const document::Report& r) {
    constexpr std::size_t most = 10; // classes per requirement
    std::size_t rows = 0;
    for (const auto& b : r.bottlenecks) rows += 1 + std::min(most, b.classes.size());
    if (rows == 0) return {};
    const double left = 330, width = 420, row_h = 18, top = 40;
    double h = top + static_cast<double>(rows) * row_h + 40;
    std::string s = open_svg(left + width + 90, h, "Utilisation of each element class at the required figure (busiest link)");
    double max_u = 1.2;
    for (const auto& b : r.bottlenecks)
        for (const auto& c : b.classes) max_u = std::max(max_u, std::min(c.utilisation, 3.0));
    auto x_of = [&](double u) { return left + width * std::min(u, max_u) / max_u; };
    double y = top;
    for (const auto& b : r.bottlenecks) {
        s += text(10, y + 13, "requirement " + b.requirement, "start", 12);
        y += row_h;
        for (std::size_t i = 0; i < std::min(most, b.classes.size()); ++i) {
            const auto& c = b.classes[i];
            const auto& band = document::band_of(c.utilisation);
            s += text(left - 6, y + 13, c.class_name, "end", 10);
            s += fmt::format("<rect x=\"{:.1f}\" y=\"{:.1f}\" width=\"{:.1f}\" height=\"{:.1f}\" fill=\"{}\" stroke=\"#555555\" "
                             "stroke-width=\"0.5\"><title>{}: {}</title></rect>\n",
                             left, y + 3, std::max(0.5, x_of(c.utilisation) - left), row_h - 6, band.colour,
                             xml_escape(c.class_name), units::format_percent(c.utilisation));
            s += text(x_of(c.utilisation) + 4, y + 13, units::format_percent(c.utilisation), "start", 10);
            y += row_h;
        }
    }
    s += fmt::format(
        "<line x1=\"{0:.1f}\" y1=\"{1:.1f}\" x2=\"{0:.1f}\" y2=\"{2:.1f}\" stroke=\"#000000\" stroke-dasharray=\"4 3\"/>\n",
        x_of(1.0), top, y);
    s += text(x_of(1.0), y + 14, "100%", "middle", 10);
    s += "</svg>\n";
    return s;
}

std::string svg_scenarios(const document::Report& r) {
    if (r.scenarios.empty() || r.scenario_requirements.empty()) return {};
    std::map<std::string, double> required;
    for (const auto& q : r.requirements) required[q.id] = q.required.value;
    const double left = 230, cell_w = 150, cell_h = 26, top = 60;
    double w = std::max(left + cell_w * static_cast<double>(r.scenario_requirements.size()) + 20, 620.0);
    double h = top + cell_h * static_cast<double>(r.scenarios.size()) + 50;
    std::string s = open_svg(w, h, "Failure scenarios: what each requirement achieves (share of the required figure)");
    for (std::size_t c = 0; c < r.scenario_requirements.size(); ++c)
        s += text(left + cell_w * (static_cast<double>(c) + 0.5), top - 8, r.scenario_requirements[c], "middle", 11);
    for (std::size_t i = 0; i < r.scenarios.size(); ++i) {
        const auto& sc = r.scenarios[i];
        double y = top + cell_h * static_cast<double>(i);
        s += text(left - 8, y + cell_h / 2 + 4, sc.id, "end", 11);
        for (std::size_t c = 0; c < sc.cells.size(); ++c) {
            const auto& cell = sc.cells[c];
            double need = required.count(r.scenario_requirements[c]) ? required[r.scenario_requirements[c]] : 0;
            double share = need > 0 ? cell.achievable.value / need : 1;
            std::string fill, label;
            if (cell.unavailable) {
                fill = "#555555", label = "unavailable";
            } else if (cell.cut_off) {
                fill = "#555555", label = fmt::format("{} cut off", cell.cut_off);
            } else {
                fill = cell.met ? "#4caf50" : share >= 0.9 ? "#ffb74d" : "#e53935";
                label = fmt::format("{} ({})", format_figure(cell.achievable), units::format_percent(share));
            }
            double x = left + cell_w * static_cast<double>(c);
            s += fmt::format("<rect x=\"{:.1f}\" y=\"{:.1f}\" width=\"{:.1f}\" height=\"{:.1f}\" fill=\"{}\" stroke=\"#ffffff\">"
                             "<title>{} under {}: {}</title></rect>\n",
                             x, y, cell_w, cell_h, fill, xml_escape(r.scenario_requirements[c]), xml_escape(sc.id),
                             xml_escape(label));
            s += text(x + cell_w / 2, y + cell_h / 2 + 4, label, "middle", 10, fill == "#ffb74d" ? "#000000" : "#ffffff");
        }
    }
    double ly = top + cell_h * static_cast<double>(r.scenarios.size()) + 24;
    s += fmt::format("<rect x=\"10\" y=\"{0:.1f}\" width=\"12\" height=\"12\" fill=\"#4caf50\"/><rect x=\"90\" y=\"{0:.1f}\" "
                     "width=\"12\" height=\"12\" fill=\"#ffb74d\"/><rect x=\"240\" y=\"{0:.1f}\" width=\"12\" height=\"12\" "
                     "fill=\"#e53935\"/><rect x=\"350\" y=\"{0:.1f}\" width=\"12\" height=\"12\" fill=\"#555555\"/>\n",
                     ly - 10);
    s += text(26, ly, "met", "start", 10) + text(106, ly, "not met, 90% or more", "start", 10) +
         text(256, ly, "below 90%", "start", 10) + text(366, ly, "data unavailable or nodes cut off", "start", 10);
    s += "</svg>\n";
    return s;
}

std::string svg_curve(const document::Curve& c) {
    if (c.points.size() < 2) return {};
    const double left = 70, top = 40, w = 480, h = 260;
    std::string s = open_svg(left + w + 40, top + h + 60, c.title);
    // x: logarithmic in AFR; y: linear in nines, from below the lowest to above the highest (and the target).
    double x0 = std::log10(c.points.front().first), x1 = std::log10(c.points.back().first);
    double y0 = 1e9, y1 = -1e9;
    for (const auto& [x, y] : c.points) y0 = std::min(y0, y), y1 = std::max(y1, y);
    if (c.target) y0 = std::min(y0, *c.target), y1 = std::max(y1, *c.target);
    if (c.marked) y0 = std::min(y0, c.marked->second), y1 = std::max(y1, c.marked->second);
    y0 = std::floor(y0) - 0.5, y1 = std::ceil(y1) + 0.5;
    auto px = [&](double x) { return left + w * (std::log10(x) - x0) / (x1 - x0); };
    auto py = [&](double y) { return top + h - h * (y - y0) / (y1 - y0); };
    s += fmt::format("<rect x=\"{:.1f}\" y=\"{:.1f}\" width=\"{:.1f}\" height=\"{:.1f}\" fill=\"none\" stroke=\"#999999\"/>\n",
                     left, top, w, h);
    for (const auto& [x, y] : c.points) s += text(px(x), top + h + 16, units::format_percent(x), "middle", 10);
    for (double y = std::ceil(y0); y <= y1; y += 1) {
        s += fmt::format("<line x1=\"{:.1f}\" y1=\"{:.1f}\" x2=\"{:.1f}\" y2=\"{:.1f}\" stroke=\"#eeeeee\"/>\n", left, py(y),
                         left + w, py(y));
        s += text(left - 6, py(y) + 4, units::format_sig(y, 3), "end", 10);
    }
    s += text(left + w / 2, top + h + 34, c.x_label + " (logarithmic)", "middle", 11);
    s += text(14, top + h / 2, c.y_label, "start", 11);
    std::string poly;
    for (const auto& [x, y] : c.points) poly += fmt::format("{:.1f},{:.1f} ", px(x), py(y));
    s += fmt::format("<polyline points=\"{}\" fill=\"none\" stroke=\"#1f77b4\" stroke-width=\"2\"/>\n", poly);
    for (const auto& [x, y] : c.points)
        s +=
            fmt::format("<circle cx=\"{:.1f}\" cy=\"{:.1f}\" r=\"3\" fill=\"#1f77b4\"><title>AFR {}: {} nines</title></circle>\n",
                        px(x), py(y), units::format_percent(x), units::format_sig(y, 3));
    if (c.target) {
        s += fmt::format(
            "<line x1=\"{:.1f}\" y1=\"{:.1f}\" x2=\"{:.1f}\" y2=\"{:.1f}\" stroke=\"#e53935\" stroke-dasharray=\"5 4\"/>\n", left,
            py(*c.target), left + w, py(*c.target));
        s += text(left + w - 4, py(*c.target) - 4, fmt::format("target {} nines", units::format_sig(*c.target, 3)), "end", 10,
                  "#e53935");
    }
    if (c.marked && c.marked->first > 0) {
        double mx = std::clamp(px(c.marked->first), left, left + w);
        s += fmt::format("<circle cx=\"{:.1f}\" cy=\"{:.1f}\" r=\"6\" fill=\"none\" stroke=\"#000000\" stroke-width=\"2\"/>\n",
                         mx, py(c.marked->second));
        s += text(
            mx + 9, py(c.marked->second) + 4,
            fmt::format("this design: {} at {}", units::format_sig(c.marked->second, 3), units::format_percent(c.marked->first)),
            "start", 10);
    }
    s += "</svg>\n";
    return s;
}

std::string svg_compare(const document::Comparison& c) {
    // The main rows with a direction and a value in the reference column: each column's value as a share of the
    // reference's (100% = the reference).
    std::vector<const document::CompareRow*> rows;
    for (const auto& row : c.rows) {
        if (row.better == document::Better::neither || row.cells.size() <= c.reference) continue;
        const auto& ref = row.cells[c.reference];
        if (!ref.value || ref.value->value == 0 || ref.value->unit == Unit::share) continue;
        bool main = row.key.rfind("requirement/", 0) == 0
                        ? row.key.find("/achievable") != std::string::npos
                        : row.section == "finance" || row.key == "inventory/switches" ||
                              row.key.find("peak-power") != std::string::npos || row.key.find("plannable") != std::string::npos;
        if (main) rows.push_back(&row);
    }
    if (rows.empty() || c.columns.size() < 2) return {};
    static const char* colours[] = {"#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f"};
    const double left = 280, width = 380, bar_h = 11, top = 50;
    double group_h = bar_h * static_cast<double>(c.columns.size()) + 10;
    double h = top + group_h * static_cast<double>(rows.size()) + 30;
    std::string s =
        open_svg(left + width + 170, h, fmt::format("Main rows against '{}' (100% = its value)", c.columns[c.reference].name));
    double max_share = 1.2;
    for (const auto* row : rows)
        for (const auto& cell : row->cells)
            if (cell.value)
                max_share = std::max(max_share, std::min(cell.value->value / row->cells[c.reference].value->value, 3.0));
    auto x_of = [&](double share) { return left + width * std::min(share, max_share) / max_share; };
    for (std::size_t col = 0; col < c.columns.size(); ++col) {
        double lx = left + width + 20, ly = top + 14 * static_cast<double>(col);
        s += fmt::format("<rect x=\"{:.1f}\" y=\"{:.1f}\" width=\"10\" height=\"10\" fill=\"{}\"/>\n", lx, ly - 9,
                         colours[col % 8]);
        s += text(lx + 14, ly, c.columns[col].name, "start", 10);
    }
    double y = top;
    for (const auto* row : rows) {
        s += text(left - 6, y + group_h / 2 + 2, row->label, "end", 10);
        s += text(left - 6, y + group_h / 2 + 13,
                  row->better == document::Better::higher ? "(higher is better)" : "(lower is better)", "end", 8, "#666666");
        const double ref = row->cells[c.reference].value->value;
        for (std::size_t col = 0; col < row->cells.size(); ++col) {
            const auto& cell = row->cells[col];
            double by = y + 4 + bar_h * static_cast<double>(col);
            if (!cell.value) continue;
            double share = cell.value->value / ref;
            s += fmt::format(
                "<rect x=\"{:.1f}\" y=\"{:.1f}\" width=\"{:.1f}\" height=\"{:.1f}\" fill=\"{}\"><title>{}: {}</title></rect>\n",
                left, by, std::max(0.5, x_of(share) - left), bar_h - 2, colours[col % 8], xml_escape(c.columns[col].name),
                xml_escape(format_figure(*cell.value)));
            s += text(x_of(share) + 3, by + bar_h - 3, format_figure(*cell.value), "start", 8);
        }
        y += group_h;
    }
    s += fmt::format(
        "<line x1=\"{0:.1f}\" y1=\"{1:.1f}\" x2=\"{0:.1f}\" y2=\"{2:.1f}\" stroke=\"#000000\" stroke-dasharray=\"4 3\"/>\n",
        x_of(1.0), top, y);
    s += "</svg>\n";
    return s;
}

std::string svg_scatter(const document::Scatter& sc) {
    if (sc.points.empty()) return {};
    const double left = 90, top = 40, w = 520, h = 340;
    std::string s = open_svg(left + w + 40, top + h + 70, sc.title);
    double x0 = 1e300, x1 = -1e300, y0 = 1e300, y1 = -1e300;
    auto take = [&](const document::ScatterPoint& p) {
        x0 = std::min(x0, p.x), x1 = std::max(x1, p.x), y0 = std::min(y0, p.y), y1 = std::max(y1, p.y);
    };
    for (const auto& p : sc.points) take(p);
    if (sc.baseline) take(*sc.baseline);
    double dx = x1 > x0 ? (x1 - x0) * 0.05 : std::max(std::fabs(x0) * 0.05, 1.0);
    double dy = y1 > y0 ? (y1 - y0) * 0.05 : std::max(std::fabs(y0) * 0.05, 1.0);
    x0 -= dx, x1 += dx, y0 -= dy, y1 += dy;
    auto px = [&](double x) { return left + w * (x - x0) / (x1 - x0); };
    auto py = [&](double y) { return top + h - h * (y - y0) / (y1 - y0); };
    s += fmt::format("<rect x=\"{:.1f}\" y=\"{:.1f}\" width=\"{:.1f}\" height=\"{:.1f}\" fill=\"none\" stroke=\"#999999\"/>\n",
                     left, top, w, h);
    for (int i = 0; i <= 4; ++i) {
        double x = x0 + (x1 - x0) * i / 4, y = y0 + (y1 - y0) * i / 4;
        s += text(px(x), top + h + 16, named(x, sc.x_unit), "middle", 9);
        s += text(left - 6, py(y) + 3, named(y, sc.y_unit), "end", 9);
    }
    s += text(left + w / 2, top + h + 36, sc.x_label, "middle", 11);
    s += text(10, top - 8, sc.y_label, "start", 11);
    for (const auto& p : sc.points)
        if (!p.front)
            s += fmt::format("<circle cx=\"{:.1f}\" cy=\"{:.1f}\" r=\"3\" fill=\"#9e9e9e\"><title>{}</title></circle>\n", px(p.x),
                             py(p.y), xml_escape(p.label));
    std::vector<document::ScatterPoint> front;
    for (const auto& p : sc.points)
        if (p.front) front.push_back(p);
    std::sort(front.begin(), front.end(), [](const auto& a, const auto& b) { return a.x < b.x; });
    std::string poly;
    for (const auto& p : front) poly += fmt::format("{:.1f},{:.1f} ", px(p.x), py(p.y));
    if (front.size() > 1)
        s += fmt::format("<polyline points=\"{}\" fill=\"none\" stroke=\"#d62728\" stroke-width=\"1.5\"/>\n", poly);
    for (const auto& p : front)
        s += fmt::format(
            "<circle cx=\"{:.1f}\" cy=\"{:.1f}\" r=\"4.5\" fill=\"#d62728\"><title>Pareto front: {}</title></circle>\n", px(p.x),
            py(p.y), xml_escape(p.label));
    if (sc.baseline) {
        double bx = px(sc.baseline->x), by = py(sc.baseline->y);
        s += fmt::format(
            "<path d=\"M {:.1f} {:.1f} l 7 7 l -7 7 l -7 -7 z\" fill=\"#000000\"><title>baseline: {}</title></path>\n", bx,
            by - 7, xml_escape(sc.baseline->label));
        s += text(bx + 9, by + 4, "baseline", "start", 10);
    }
    double ly = top + h + 56;
    s += fmt::format("<circle cx=\"{:.1f}\" cy=\"{:.1f}\" r=\"4.5\" fill=\"#d62728\"/>", left, ly - 4);
    s += text(left + 8, ly, "on the Pareto front", "start", 10);
    s += fmt::format("<circle cx=\"{:.1f}\" cy=\"{:.1f}\" r=\"3\" fill=\"#9e9e9e\"/>", left + 140, ly - 4);
    s += text(left + 148, ly, "dominated", "start", 10);
    s += "</svg>\n";
    return s;
}

} // namespace archplan::report
