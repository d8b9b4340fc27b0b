// report.html, compare.html and sweep.html: one self-contained file each (inline CSS and SVG, no script, no
// external reference), well-formed XML so it can be checked like the SVGs, readable when printed.
#include "archplan/report/report.hpp"
#include "archplan/units/units.hpp"

#include <fmt/format.h>

namespace archplan::report {

using document::format_figure;

namespace {

const char* k_style = R"css(
body { font-family: Helvetica, Arial, sans-serif; margin: 2em auto; max-width: 1200px; color: #222; line-height: 1.4; }
h1 { font-size: 1.6em; margin-bottom: 0.2em; }
h2 { font-size: 1.25em; border-bottom: 2px solid #ccc; padding-bottom: 0.2em; margin-top: 2em; }
h3 { font-size: 1.05em; margin-top: 1.4em; }
.verdict { font-size: 1.1em; padding: 0.6em 0.9em; border-radius: 4px; }
.met { background: #e8f5e9; border-left: 6px solid #4caf50; }
.notmet { background: #ffebee; border-left: 6px solid #e53935; }
table { border-collapse: collapse; margin: 0.6em 0; font-size: 0.85em; width: 100%; }
th, td { border: 1px solid #ccc; padding: 3px 6px; text-align: left; vertical-align: top; }
th { background: #f3f3f3; }
td.num { text-align: right; white-space: nowrap; }
.short { color: #b71c1c; font-weight: bold; }
.ok { color: #1b5e20; }
.chart { margin: 1em 0; overflow-x: auto; }
.chart svg { max-width: 100%; height: auto; }
.note { color: #555; font-size: 0.9em; }
ol.derivations { font-size: 0.85em; }
@media print {
  body { margin: 0; max-width: none; font-size: 10pt; }
  h2 { page-break-before: always; }
  h2.first { page-break-before: avoid; }
  table, .chart { page-break-inside: avoid; }
  .chart svg { max-width: 100%; }
}
)css";

std::string esc(const std::string& s) { return xml_escape(s); }

void head(const std::string& title, std::ostream& out) {
    out << "<!DOCTYPE html>\n<html xmlns=\"http://www.w3.org/1999/xhtml\" lang=\"en\">\n<head>\n<meta charset=\"utf-8\"/>\n"
        << "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>\n<title>" << esc(title)
        << "</title>\n<style>" << k_style << "</style>\n</head>\n<body>\n";
}

void chart(const std::string& svg, std::ostream& out) {
    if (!svg.empty()) out << "<div class=\"chart\">\n" << svg << "</div>\n";
}

void section_table(const document::Section& w, std::ostream& out) {
    out << fmt::format("<h3>{} ({}, {})</h3>\n<table>\n<tr><th>figure</th><th>value</th><th>how</th></tr>\n", esc(w.id),
                       esc(document::section_kind_label(w.kind)), esc(w.path));
    for (const auto& f : w.figures)
        out << fmt::format("<tr><td>{}</td><td class=\"num\">{}</td><td>{}</td></tr>\n", esc(f.name), esc(format_figure(f.value)),
                           esc(f.derivation));
    out << "</table>\n";
    if (w.findings.empty()) return;
    out << "<ul>\n";
    for (const auto& f : w.findings)
        out << fmt::format("<li{}>{}</li>\n", f.kind == document::Finding::Kind::caveat ? " class=\"note\"" : "", esc(f.text));
    out << "</ul>\n";
}

} // namespace

void render_html(const document::Report& r, const std::string& topology_svg, const std::string& topology_note,
                 std::ostream& out) {
    auto title = r.title.empty() ? r.spec_file : r.title;
    head(title, out);
    out << fmt::format("<h1>{}</h1>\n<p class=\"note\">Spec <code>{}</code>; design margin {} (in every required figure). "
                       "Written by archplan; every figure's derivation is below.</p>\n",
                       esc(title), esc(r.spec_file), units::format_percent(r.margin));
    bool fine = r.all_met && r.outages.empty() && r.racks_over_budget.empty();
    out << fmt::format("<p class=\"verdict {}\">{}</p>\n", fine ? "met" : "notmet", esc(document::verdict_text(r)));

    out << "<h2 class=\"first\">Requirements</h2>\n<table>\n<tr><th>requirement</th><th>kind</th><th>path</th><th>required</th>"
           "<th>achievable</th><th>status</th><th>bottleneck</th><th>headroom</th></tr>\n";
    for (const auto& q : r.requirements)
        out << fmt::format("<tr><td>{}</td><td>{}</td><td>{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td>"
                           "<td class=\"{}\">{}</td><td>{}</td><td class=\"num\">{}</td></tr>\n",
                           esc(q.id), esc(document::requirement_kind_label(q.kind)), esc(q.path), esc(format_figure(q.required)),
                           esc(format_figure(q.achievable)), q.met ? "ok" : "short", q.met ? "met" : "NOT met", esc(q.bottleneck),
                           q.is_bandwidth() ? esc(document::format_headroom(q.headroom)) : "-");
    out << "</table>\n";
    std::string confidence;
    for (const auto& q : r.requirements)
        if (!q.confidence.empty()) confidence += fmt::format("<li><b>{}</b>: {}</li>\n", esc(q.id), esc(q.confidence));
    if (!confidence.empty())
        out << "<p>How far to trust each (measured / predicted on published systems, docs/validation.md):</p>\n<ul>\n"
            << confidence << "</ul>\n";
    if (!r.sizing_problem.empty()) out << fmt::format("<p class=\"short\">Sizing: {}</p>\n", esc(r.sizing_problem));

    out << "<h2>Bottleneck</h2>\n<p>Each requirement's element classes at the required figure, busiest first, coloured in "
           "the network-weathermap bands of the topology below.</p>\n";
    chart(svg_utilisation(r), out);
    for (const auto& b : r.bottlenecks) {
        out << fmt::format("<h3>{}</h3>\n<table>\n<tr><th>element class</th><th>element</th><th>utilisation</th><th>headroom</th>"
                           "<th>busiest link: load / capacity</th></tr>\n",
                           esc(b.requirement));
        for (std::size_t i = 0; i < b.classes.size() && i < 12; ++i) {
            const auto& c = b.classes[i];
            out << fmt::format(
                "<tr><td>{}</td><td>{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{} / "
                "{}</td></tr>\n",
                esc(c.class_name), esc(c.element), units::format_percent(c.utilisation),
                esc(document::format_headroom(c.headroom)), esc(format_figure(c.load)), esc(format_figure(c.capacity)));
        }
        out << "</table>\n";
    }

    out << "<h2>Topology</h2>\n";
    if (!topology_svg.empty())
        chart(topology_svg, out);
    else
        out << fmt::format("<p class=\"note\">{}</p>\n", esc(topology_note));

    if (!r.scenarios.empty()) {
        out << "<h2>Failure scenarios</h2>\n";
        chart(svg_scenarios(r), out);
        out << "<ul>\n";
        for (const auto& sc : r.scenarios) {
            std::string facts;
            for (const auto& f : sc.facts) facts += " " + f;
            out << fmt::format("<li><b>{}</b>: {}.{}</li>\n", esc(sc.id), esc(sc.description), esc(facts));
        }
        out << "</ul>\n";
    }

    for (const auto& t : r.teams) {
        out << fmt::format("<h2>{} team</h2>\n", esc(document::team_name(t.team)));
        if (t.lines.empty()) {
            out << "<p>No requirement places a figure on this team.</p>\n";
            continue;
        }
        out << fmt::format("<p><b>Headline:</b> {}</p>\n", esc(document::tightest_text(t)));
        out << "<table>\n<tr><th>element</th><th>applies to</th><th>requirement</th><th>needed</th><th>provisioned</th>"
               "<th>headroom</th><th>status</th></tr>\n";
        for (const auto& l : t.lines)
            out << fmt::format("<tr><td>{}</td><td>{}</td><td>{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td>"
                               "<td class=\"num\">{}</td><td class=\"{}\">{}</td></tr>\n",
                               esc(l.element), esc(l.applies_to), esc(l.requirement), esc(format_figure(l.needed)),
                               esc(format_figure(l.provisioned)), esc(document::format_headroom(l.headroom)),
                               l.status == document::Status::short_of ? "short" : "ok", esc(document::status_name(l.status)));
        out << "</table>\n<ol class=\"derivations\">\n";
        for (const auto& l : t.lines)
            out << fmt::format("<li><b>{}</b> ({}; {}): {}</li>\n", esc(l.element),
                               esc(l.class_name.empty() ? l.applies_to : l.class_name), esc(l.requirement), esc(l.derivation));
        out << "</ol>\n";
    }

    if (!r.workloads.empty() || !r.storage_sections.empty() || !r.curves.empty()) {
        out << "<h2>Workloads, capacity and durability</h2>\n";
        for (const auto& w : r.workloads) section_table(w, out);
        for (const auto& w : r.storage_sections) section_table(w, out);
        for (const auto& c : r.curves) chart(svg_curve(c), out);
    }

    if (!r.power.empty() || !r.facilities.empty() || !r.finance.empty()) {
        out << "<h2>Facilities and finance</h2>\n";
        if (!r.power.empty()) {
            out << "<table>\n<tr><th>element</th><th>count</th><th>nameplate</th><th>peak</th><th>nominal</th><th>idle</th>"
                   "<th>how</th></tr>\n";
            for (const auto& p : r.power)
                out << fmt::format("<tr><td>{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td>"
                                   "<td class=\"num\">{}</td><td class=\"num\">{}</td><td>{}</td></tr>\n",
                                   esc(p.element), units::format_count(p.count), esc(format_figure(p.nameplate)),
                                   esc(format_figure(p.peak)), esc(format_figure(p.nominal)), esc(format_figure(p.idle)),
                                   esc(p.derivation));
            out << "</table>\n";
        }
        for (const auto& w : r.facilities) section_table(w, out);
        for (const auto& w : r.finance) section_table(w, out);
    }

    if (!r.inventory.empty()) {
        out << "<h2>Bill of materials</h2>\n<table>\n<tr><th>team</th><th>of</th><th>item</th><th>kind</th><th>count</th>"
               "<th>how</th></tr>\n";
        for (const auto& i : r.inventory)
            out << fmt::format("<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td class=\"num\">{}</td><td>{}</td></tr>\n",
                               esc(document::team_name(i.team)), esc(i.owner), esc(i.item), esc(i.kind),
                               units::format_count(i.count), esc(i.how));
        out << "</table>\n";
    }
    out << "</body>\n</html>\n";
}

void render_compare_html(const document::Comparison& c, std::ostream& out) {
    head("archplan compare", out);
    out << "<h1>Design comparison</h1>\n<p class=\"note\">Every column against <b>" << esc(c.columns[c.reference].name)
        << "</b>: a cell gives the value and its change; the best value of a row is in bold.</p>\n<ul>\n";
    for (const auto& col : c.columns)
        out << fmt::format("<li><b>{}</b>: {} ({})</li>\n", esc(col.name), esc(col.source),
                           col.all_met ? "every requirement met" : "some requirement NOT met");
    out << "</ul>\n";
    chart(svg_compare(c), out);
    std::string section;
    for (const auto& row : c.rows) {
        if (row.section != section) {
            if (!section.empty()) out << "</table>\n";
            section = row.section;
            out << fmt::format("<h2>{}</h2>\n<table>\n<tr><th>figure</th><th>better</th>", esc(section));
            for (const auto& col : c.columns) out << "<th>" << esc(col.name) << "</th>";
            out << "</tr>\n";
        }
        out << fmt::format("<tr><td>{}</td><td>{}</td>", esc(row.label), esc(document::better_name(row.better)));
        for (std::size_t i = 0; i < row.cells.size(); ++i) {
            const auto& x = row.cells[i];
            std::string v = x.value ? format_figure(*x.value) : x.met ? (*x.met ? "met" : "NOT met") : x.text;
            if (x.value && !x.text.empty()) v += " (" + x.text + ")";
            if (i != c.reference && x.same)
                v = "=";
            else if (x.delta && x.relative)
                v += fmt::format(" [{:+.3g}%]", *x.relative * 100);
            out << fmt::format("<td{}>{}</td>", x.best ? " style=\"font-weight:bold\"" : "", esc(v));
        }
        out << "</tr>\n";
    }
    if (!section.empty()) out << "</table>\n";
    out << "</body>\n</html>\n";
}

void render_sweep_html(const std::string& summary, const document::Scatter* scatter, std::ostream& out) {
    head("archplan sweep", out);
    out << "<h1>Sweep</h1>\n<pre>" << esc(summary) << "</pre>\n";
    if (scatter)
        chart(svg_scatter(*scatter), out);
    else
        out << "<p class=\"note\">Give two objectives (--objective) for a scatter of the variants and their Pareto front.</p>\n";
    out << "</body>\n</html>\n";
}

} // namespace archplan::report
