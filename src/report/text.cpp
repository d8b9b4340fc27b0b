// The terminal summary.
#include "archplan/report/report.hpp"

#include "archplan/units/units.hpp"

#include <algorithm>
#include <cmath>
#include <fmt/format.h>

namespace archplan::report {

using units::format_percent;

using document::format_figure;
using document::headroom_text;

namespace {
// "leaf[s] -> spine", or "leaf[s] -> spine (tied with s NIC port)".
std::string bottleneck_text(const document::RequirementRow& q) {
    std::string tied;
    for (const auto& t : q.tied) tied += (tied.empty() ? " (tied with " : ", ") + t;
    return q.bottleneck + (tied.empty() ? "" : tied + ")");
}

void sized_block(const document::Report& r, std::ostream& out) {
    if (r.sized.empty()) {
        return;
    }
    out << "Sized by archplan (auto)\n";
    for (const auto& z : r.sized) {
        std::string why = !z.met                ? fmt::format(" (the best that can be built; {} is still not met)", z.forced_by)
                          : z.forced_by.empty() ? std::string()
                                                : fmt::format(" (one less fails {})", z.forced_by);
        out << fmt::format("  {} = {}{}\n", z.knob, z.value, why);
    }
    if (!r.sizing_problem.empty()) {
        out << fmt::format("  {}\n", r.sizing_problem);
    }
    out << "\n";
}

// The status line, the figures in the words that fit the kind, and for bandwidth the bottleneck.
void requirement_lines(const document::RequirementRow& q, std::ostream& out) {
    out << fmt::format("  {:<7} {} ({}, {})\n", q.met ? "MET" : "NOT MET", q.id, document::requirement_kind_label(q.kind),
                       q.path);
    bool bandwidth = q.is_bandwidth();
    if (!q.asked_as_written.empty())
        out << fmt::format("          asked {} = {} (written in bits)\n", q.asked_as_written, format_figure(q.asked));
    auto [required, achieved] = document::distinct_figures(q.required, q.achievable);
    if (q.kind == document::RequirementKind::usable_capacity || q.kind == document::RequirementKind::capacity_plan) {
        out << fmt::format("          required {}, plannable {}\n", required, achieved);
    } else if (!bandwidth) {
        out << fmt::format("          required {}, this design {}\n", required, achieved);
    } else {
        out << fmt::format("          required {}, achievable {} (routed), {} (ideal)\n", required, achieved,
                           format_figure(q.ideal));
    }
    if (bandwidth) {
        out << fmt::format("          bottleneck: {} at {} utilisation ({})\n", bottleneck_text(q), format_percent(q.utilisation),
                           headroom_text(q.headroom));
        if (!q.confidence.empty()) out << fmt::format("          confidence: {}\n", q.confidence);
    }
}

// The concurrent groups are listed under the requirements, as rows of the same block.
void concurrent_lines(const document::Report& r, std::ostream& out) {
    for (const auto& c : r.concurrent) {
        out << fmt::format("  {:<7} {} (run at once: ", c.met ? "MET" : "NOT MET", c.id);
        for (std::size_t i = 0; i < c.members.size(); ++i) {
            out << (i ? ", " : "") << c.members[i];
        }
        out << fmt::format(")\n          {} of every member's required figure fits; binding: {} at {}\n", format_percent(c.scale),
                           c.binding, format_percent(c.utilisation));
    }
}

void requirements_block(const document::Report& r, std::ostream& out) {
    out << "Requirements\n";
    for (const auto& q : r.requirements) {
        requirement_lines(q, out);
    }
    concurrent_lines(r, out);
}

void workloads_block(const document::Report& r, std::ostream& out) {
    if (!r.workloads.empty()) {
        out << "\nWorkloads\n";
    }
    for (const auto& w : r.workloads) {
        out << fmt::format("  {} ({}, {})\n", w.id, document::section_kind_label(w.kind), w.path);
        for (const auto& f : w.figures) {
            if (f.headline) {
                out << fmt::format("          {}: {}\n", f.name, format_figure(f.value));
            }
        }
        for (const auto& f : w.findings) {
            out << fmt::format("          {}\n", f.text);
        }
    }
}

// A section shows only when it has a headline figure; the block title comes with the first one.
void headline_block(const char* title, const std::vector<document::Section>& sections, std::ostream& out) {
    bool titled = false;
    for (const auto& sec : sections) {
        bool first = true;
        for (const auto& f : sec.figures) {
            if (f.headline) {
                if (first) {
                    out << fmt::format("{}  {} {} ({})\n", titled ? "" : fmt::format("\n{}\n", title), sec.id,
                                       document::section_kind_label(sec.kind), sec.path);
                    titled = true;
                }
                first = false;
                out << fmt::format("          {}: {}\n", f.name, format_figure(f.value));
            }
        }
        if (!first) {
            for (const auto& f : sec.findings) { // the summary leaves the caveats to the reports
                if (f.kind != document::Finding::Kind::caveat) {
                    out << fmt::format("          {}\n", f.text);
                }
            }
        }
    }
}

// Every tenant's floor at once, per operating state; the knobs are in storage.md.
void tenants_block(const document::Report& r, std::ostream& out) {
    if (r.tenants.empty()) return;
    out << "\nTenants (every floor at once: floor kept of floor; * = not kept)\n";
    for (const auto& row : r.tenants) {
        std::string cells;
        for (std::size_t i = 0; i < row.cells.size(); ++i) {
            const auto& c = row.cells[i];
            if (!c.floor) continue;
            cells += fmt::format("{}{} {} of {}{}", cells.empty() ? "" : ", ", r.tenant_flows[i], format_figure(c.kept),
                                 format_figure(*c.floor), c.holds ? "" : "*");
        }
        std::string first;
        for (const auto& s : row.squeezed) first += (first.empty() ? "" : ", ") + s;
        if (std::isinf(row.scale))
            out << fmt::format("  {:<22} no floors\n", row.state);
        else
            out << fmt::format("  {:<22} fit {:.3g}x{}: {}{}\n", row.state, row.scale, row.fits ? "" : "*", cells,
                               first.empty() ? "" : "; squeezed first: " + first);
    }
    for (const auto& p : r.tenant_problems) out << "  NOT MET " << p << "\n";
    const auto& normal = r.tenants.front();
    for (std::size_t i = 0; i < normal.cells.size(); ++i)
        if (!normal.cells[i].protects)
            out << fmt::format("  ceilings alone leave {} {} of its {} floor (no reservation)\n", r.tenant_flows[i],
                               format_figure(normal.cells[i].left), format_figure(*normal.cells[i].floor));
}

void scenarios_block(const document::Report& r, std::ostream& out) {
    if (r.scenarios.empty()) {
        return;
    }
    out << "\nFailure scenarios (routed achievable; * = not met)\n";
    std::size_t w = 10;
    for (const auto& sc : r.scenarios) {
        w = std::max(w, sc.id.size());
    }
    // Each column as wide as its heading (never cut, so two long ids cannot collide) and its widest cell.
    auto value = [](const document::ScenarioCell& c) {
        auto v = c.unavailable ? std::string("unavailable")
                 : c.cut_off   ? fmt::format("{} cut off", units::format_count(c.cut_off))
                               : format_figure(c.achievable);
        return v + (c.met ? " " : "*");
    };
    std::vector<std::size_t> widths;
    for (const auto& id : r.scenario_requirements) widths.push_back(std::max<std::size_t>(16, id.size()));
    for (const auto& sc : r.scenarios)
        for (std::size_t i = 0; i < sc.cells.size() && i < widths.size(); ++i)
            widths[i] = std::max(widths[i], value(sc.cells[i]).size());
    out << fmt::format("  {:<{}}", "", w);
    for (std::size_t i = 0; i < r.scenario_requirements.size(); ++i)
        out << fmt::format("  {:>{}}", r.scenario_requirements[i], widths[i]);
    out << "\n";
    for (const auto& sc : r.scenarios) {
        out << fmt::format("  {:<{}}", sc.id, w);
        for (std::size_t i = 0; i < sc.cells.size(); ++i) out << fmt::format("  {:>{}}", value(sc.cells[i]), widths[i]);
        out << "\n";
    }
}

void teams_block(const document::Report& r, std::ostream& out) {
    out << "\nTeams\n";
    for (const auto& t : r.teams) {
        if (t.tightest) {
            out << fmt::format("  {:<8} {}\n", document::team_name(t.team), document::tightest_text(t));
        }
    }
}

// The value changes first; advice only alongside them, or every option's note when no value change meets it.
void fix_block(const document::Fix& f, std::ostream& out) {
    out << fmt::format("\nTo meet {}, change one of:\n", f.requirement);
    int shown = 0;
    for (const auto& o : f.options) {
        if (!o.to) {
            continue;
        }
        out << fmt::format("  {} {} -> {}\n", o.knob, format_figure(*o.from), format_figure(*o.to));
        ++shown;
    }
    for (const auto& o : f.options) { // advice that is not a value, e.g. a rebuild mode
        if (shown > 0 && o.kind == document::Fix::Option::Kind::advice) {
            out << fmt::format("  {}: {}\n", o.knob, o.note);
        }
    }
    if (shown == 0) {
        out << "  (no single change meets it)\n";
        for (const auto& o : f.options) {
            out << fmt::format("  {}: {}\n", o.knob, o.note);
        }
    }
}
} // namespace

void render_text(const document::Report& r, std::ostream& out) {
    out << fmt::format("archplan: {}\n", r.title.empty() ? r.spec_file : r.title);
    out << document::verdict_text(r) << "\n\n";
    sized_block(r, out);
    requirements_block(r, out);
    workloads_block(r, out);
    headline_block("Storage", r.storage_sections, out);
    tenants_block(r, out);
    headline_block("Facilities", r.facilities, out);
    headline_block("Finance", r.finance, out);
    scenarios_block(r, out);
    teams_block(r, out);
    for (const auto& f : r.fixes) {
        fix_block(f, out);
    }
    out << "\nRun with -o DIR for the team reports, every figure's derivation and results.json.\n";
}

} // namespace archplan::report
