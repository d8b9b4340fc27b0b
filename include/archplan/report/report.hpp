// Renderers: the report document to terminal text, Markdown and JSON. They format; they never compute,
// and they read nothing but the document.
#pragma once

#include "archplan/document/document.hpp"

#include <ostream>

namespace archplan::report {

// The terminal summary: each requirement met or not, the bottleneck, each team's headline.
void render_text(const document::Report& r, std::ostream& out);

// summary.md
void render_summary_markdown(const document::Report& r, std::ostream& out);
// compute.md, network.md, storage.md
void render_team_markdown(const document::Report& r, document::Team team, std::ostream& out);

// results.json (schema documented in docs/json.md); schema version in "archplan_results".
void render_json(const document::Report& r, std::ostream& out);

} // namespace archplan::report
