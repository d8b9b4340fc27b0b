// Renderers: the report document to terminal text, Markdown and JSON. They format; they never compute,
// and they read nothing but the document.
#pragma once

#include "archplan/document/comparison.hpp"
#include "archplan/document/document.hpp"
#include "archplan/telemetry/telemetry.hpp"

#include <ostream>

namespace archplan::report {

// The terminal summary: each requirement met or not, the bottleneck, each team's headline.
void render_text(const document::Report& r, std::ostream& out);

// summary.md
void render_summary_markdown(const document::Report& r, std::ostream& out);
// compute.md, network.md, storage.md
void render_team_markdown(const document::Report& r, document::Team team, std::ostream& out);
// facilities.md (power per element class, racks against their feed, power swings) and finance.md (capital,
// running and opportunity cost).
void render_facilities_markdown(const document::Report& r, std::ostream& out);
void render_finance_markdown(const document::Report& r, std::ostream& out);

// Charts as standalone SVG (empty when there is nothing to draw): each requirement's element classes against
// 100%, the failure scenarios as a heat map, a curve (durability against drive AFR), a comparison's main rows as
// grouped bars, a sweep's scatter with its Pareto front.
std::string svg_utilisation(const document::Report& r);
std::string svg_scenarios(const document::Report& r);
std::string svg_curve(const document::Curve& c);
std::string svg_compare(const document::Comparison& c);
std::string svg_scatter(const document::Scatter& s);
std::string xml_escape(const std::string& s);

// Self-contained HTML (inline CSS and SVG, no script, no external reference): the whole report with its charts and,
// when given, the topology (Graphviz's SVG; else `topology_note` says why there is none); a comparison; a sweep.
void render_html(const document::Report& r, const std::string& topology_svg, const std::string& topology_note, std::ostream& out);
void render_compare_html(const document::Comparison& c, std::ostream& out);
void render_sweep_html(const std::string& summary, const document::Scatter* scatter, std::ostream& out);

// archplan power-telemetry's report (telemetry.txt, telemetry.json).
void render_telemetry_text(const telemetry::Trace& t, const telemetry::Analysis& a, std::ostream& out);
void render_telemetry_json(const telemetry::Trace& t, const telemetry::Analysis& a, std::ostream& out);

// results.json (schema documented in docs/json.md); schema version in "archplan_results".
void render_json(const document::Report& r, std::ostream& out);

// archplan compare: the terminal table, compare.md, compare.csv (one row per figure, a value column per design,
// then a delta and a relative column per design but the reference) and compare.json (docs/json.md, "Compare").
void render_compare_text(const document::Comparison& c, std::ostream& out);
void render_compare_markdown(const document::Comparison& c, std::ostream& out);
void render_compare_csv(const document::Comparison& c, std::ostream& out);
void render_compare_json(const document::Comparison& c, std::ostream& out);

} // namespace archplan::report
