// Renderers: a derived report to terminal text, Markdown and JSON. They format; they never compute.
#pragma once

#include "archplan/derive/derive.hpp"

#include <ostream>
#include <string>

namespace archplan::report {

// Figure formatting shared by the renderers.
std::string format_figure(const derive::Figure& f);
// "9.09% headroom", or "short by 7.88%" when negative.
std::string headroom_text(double headroom);

// The terminal summary: each requirement met or not, the bottleneck, each team's headline.
void render_text(const derive::Report& r, std::ostream& out);

// summary.md
void render_summary_markdown(const derive::Report& r, std::ostream& out);
// compute.md, network.md, storage.md: `team` is "compute", "network" or "storage".
void render_team_markdown(const derive::Report& r, const std::string& team, std::ostream& out);

// results.json (schema documented in docs/json.md); schema version in "archplan_results".
void render_json(const derive::Report& r, std::ostream& out);

} // namespace archplan::report
