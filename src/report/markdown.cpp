// Markdown reports: the summary and one report per team.
#include "archplan/report/report.hpp"

#include "archplan/units/units.hpp"

#include <algorithm>
#include <cmath>
#include <fmt/format.h>

namespace archplan::report {

using document::format_figure;
using units::format_percent;

namespace {
// Keeps a table cell on one line.
std::string cell(std::string s) {
    for (auto& ch : s)
        if (ch == '|') ch = '/';
    return s;
}

// The bottleneck, and the classes tied with it.
std::string bottleneck_cell(const document::RequirementRow& q) {
    std::string out = q.bottleneck;
    for (std::size_t i = 0; i < q.tied.size(); ++i) out += (i ? ", " : " (tied with ") + q.tied[i];
    return q.tied.empty() ? out : out + ")";
}

void requirements_table(const document::Report& r, std::ostream& out) {
    out << "| requirement | kind | path | required | achievable (routed) | ideal (max-flow) | status | bottleneck | utilisation "
           "|\n";
    out << "|---|---|---|---|---|---|---|---|---|\n";
    for (const auto& q : r.requirements) {
        auto [required, achieved] = document::distinct_figures(q.required, q.achievable);
        out << fmt::format("| {} | {} | {} | {} | {} | {} | {} | {} | {} |\n", q.id, document::requirement_kind_label(q.kind),
                           cell(q.path), required, achieved, q.ideal.value > 0 ? format_figure(q.ideal) : std::string("-"),
                           q.met ? "met" : "**NOT met**", cell(bottleneck_cell(q)), format_percent(q.utilisation));
    }
}
void section_tables(const std::vector<document::Section>& sections, std::ostream& out) {
    for (const auto& w : sections) {
        out << fmt::format("### {} ({}, {})\n\n| figure | value | how |\n|---|---|---|\n", w.id,
                           document::section_kind_label(w.kind), cell(w.path));
        for (const auto& f : w.figures)
            out << fmt::format("| {} | {} | {} |\n", f.name, format_figure(f.value), cell(f.derivation));
        if (!w.findings.empty()) out << "\n";
        for (const auto& f : w.findings) out << fmt::format("- {}\n", f.text);
        out << "\n";
    }
}

void sized_section(const document::Report& r, std::ostream& out) {
    if (r.sized.empty()) {
        return;
    }
    out << "## Sized by archplan\n\nThe spec left these counts to archplan (`auto`). Each is the smallest value that meets "
           "every requirement, sized in the order servers, drives per server, server NIC ports, leaf uplinks, compute NIC "
           "ports.\n\n";
    out << "| knob | spec line | sized | one less fails |\n|---|---|---|---|\n";
    for (const auto& z : r.sized) {
        auto why = !z.met ? fmt::format("none: {} is still not met at the largest value that can be built", z.forced_by)
                   : z.forced_by.empty() ? std::string("-")
                                         : z.forced_by;
        out << fmt::format("| `{}` | {} | {} | {} |\n", z.knob, z.line, z.value, why);
    }
    if (!r.sizing_problem.empty()) {
        out << fmt::format("\n**{}**\n", r.sizing_problem);
    }
    out << "\n";
}

void requirements_section(const document::Report& r, std::ostream& out) {
    out << "## Requirements\n\n";
    requirements_table(r, out);
    out << "\nHow each achievable figure was found:\n\n";
    for (const auto& q : r.requirements) {
        if (q.asked_as_written.empty())
            out << fmt::format("- **{}**: {}\n", q.id, q.derivation);
        else
            out << fmt::format("- **{}**: asked {} = {} (written in bits); {}\n", q.id, q.asked_as_written,
                               format_figure(q.asked), q.derivation);
    }
    bool any = false;
    for (const auto& q : r.requirements) any = any || !q.confidence.empty();
    if (!any) return;
    out << "\nHow far to trust each (measured / predicted on published systems, docs/validation.md):\n\n";
    for (const auto& q : r.requirements)
        if (!q.confidence.empty()) out << fmt::format("- **{}**: {}\n", q.id, q.confidence);
}

void workload_and_storage_sections(const document::Report& r, std::ostream& out) {
    if (!r.workloads.empty()) {
        out << "\n## Workloads\n\n";
        section_tables(r.workloads, out);
    }
    if (!r.storage_sections.empty()) {
        out << "\n## Storage: capacity plan and durability\n\n";
        section_tables(r.storage_sections, out);
    }
}

// One row per scenario, one column per bandwidth requirement.
void scenario_table(const document::Report& r, std::ostream& out) {
    out << "| scenario |";
    for (const auto& id : r.scenario_requirements) {
        out << " " << id << " |";
    }
    out << "\n|---|";
    for (std::size_t i = 0; i < r.scenario_requirements.size(); ++i) {
        out << "---|";
    }
    out << "\n";
    for (const auto& sc : r.scenarios) {
        out << fmt::format("| {} |", sc.id);
        for (const auto& c : sc.cells) {
            if (c.unavailable || c.cut_off) {
                out << fmt::format(" **NOT met**: {} |", c.note);
            } else {
                out << fmt::format(" {} {} ({}) |", c.met ? "met" : "**NOT met**", format_figure(c.achievable),
                                   cell(c.bottleneck));
            }
        }
        out << "\n";
    }
}

void scenarios_section(const document::Report& r, std::ostream& out) {
    if (r.scenarios.empty()) {
        return;
    }
    out << "## Failure scenarios\n\nEach scenario is applied to the explicit graph and every bandwidth requirement "
           "re-analysed "
           "(routed): rebuild traffic takes its share of the surviving drives (and NICs, where protection spans servers), "
           "degraded "
           "reads cost extra device reads. A failure is never credited with raising a figure.\n\n";
    scenario_table(r, out);
    out << "\n";
    for (const auto& sc : r.scenarios) {
        out << fmt::format("- **{}**: {}.", sc.id, sc.description);
        for (const auto& f : sc.facts) {
            out << " " << f << ".";
        }
        out << "\n";
    }
    out << "\n";
}

void concurrent_section(const document::Report& r, std::ostream& out) {
    if (r.concurrent.empty()) {
        return;
    }
    out << "## Requirements that run at once\n\n";
    out << "Each edge carries the sum of the members' routed loads; controllers and drives serve reads and writes from one "
           "budget.\n\n";
    out << "| group | members | common scale | status | binding | achievable in the mix |\n|---|---|---|---|---|---|\n";
    for (const auto& c : r.concurrent) {
        std::string members;
        std::string ach;
        for (const auto& m : c.members) {
            members += (members.empty() ? "" : ", ") + m;
        }
        for (const auto& [id, f] : c.achievable) {
            ach += fmt::format("{}{}: {}", ach.empty() ? "" : "; ", id, format_figure(f));
        }
        out << fmt::format("| {} | {} | {} | {} | {} at {} | {} |\n", c.id, members, format_percent(c.scale),
                           c.met ? "met" : "**NOT met**", cell(c.binding), format_percent(c.utilisation), ach);
    }
    out << "\n";
}

// Every tenant's floor at once, in normal operation and under each failure scenario.
void tenants_section(const document::Report& r, std::ostream& out) {
    if (r.tenants.empty()) return;
    out << "## Tenants: floors with every floor at once\n\n";
    out << "Each cell: the floor kept (min(room, 1) x floor), the room (how many times over every floor crossing the "
           "tenant's busiest element fits) and that element, with the other flows (tenants, or a tenant's other direction) "
           "whose floors share it. \"left by "
           "ceilings\" is what the tenant keeps with no reservation while every other tenant runs at its ceiling (token-"
           "bucket rates, per-mount limits).\n\n";
    for (const auto& p : r.tenant_problems) out << "- **NOT met**: " << p << "\n";
    if (!r.tenant_problems.empty()) out << "\n";
    out << "| operating state | floors | fit | squeezed first |";
    for (const auto& f : r.tenant_flows) out << " " << cell(f) << " |";
    out << "\n|---|---|---|---|";
    for (std::size_t i = 0; i < r.tenant_flows.size(); ++i) out << "---|";
    out << "\n";
    for (const auto& row : r.tenants) {
        std::string squeezed;
        for (const auto& s : row.squeezed) squeezed += (squeezed.empty() ? "" : ", ") + s;
        out << fmt::format("| {} | {} | {} | {} |", row.state, format_figure(row.floors),
                           std::isinf(row.scale) ? std::string("no floors")
                           : row.fits            ? fmt::format("yes, {:.3g}x", row.scale)
                                                 : fmt::format("**NO**, {:.3g}x", row.scale),
                           squeezed.empty() ? "-" : squeezed);
        for (const auto& c : row.cells) {
            std::string text;
            if (!c.floor)
                text = "best effort";
            else {
                auto kept = fmt::format("{} of {}", format_figure(c.kept), format_figure(*c.floor));
                text = fmt::format(
                    "{}{}{}, room {:.3g}x ({}{})", c.holds ? "" : "**", kept, c.holds ? "" : "**", c.room, c.binding,
                    c.sharers > 0 ? fmt::format(", shared with {} other flow{}", c.sharers, c.sharers > 1 ? "s" : "") : "");
            }
            text += fmt::format("; left by ceilings {}{}", format_figure(c.left), c.protects ? "" : " (**below its floor**)");
            if (!c.note.empty()) text += "; " + c.note;
            out << " " << cell(text) << " |";
        }
        out << "\n";
    }
    out << "\n";
}

void team_headlines(const document::Report& r, std::ostream& out) {
    out << "\n## Team headlines\n\n";
    for (const auto& t : r.teams) {
        if (t.tightest) {
            const char* name = document::team_name(t.team);
            out << fmt::format("- **{}**: {} (details: [{}.md]({}.md))\n", name, document::tightest_text(t), name, name);
        }
    }
}

void bottlenecks_section(const document::Report& r, std::ostream& out) {
    out << "\n## Bottlenecks\n\n";
    for (const auto& b : r.bottlenecks) {
        out << fmt::format("### {}\n\n", b.requirement);
        out << "| element class | team | busiest edge load | capacity | utilisation | headroom |\n|---|---|---|---|---|---|\n";
        for (const auto& c : b.classes) {
            out << fmt::format("| {} | {} | {} | {} ({} link{}) | {} | {} |\n", cell(c.class_name), document::team_name(c.team),
                               format_figure(c.load), format_figure(c.capacity), c.links, c.links == 1 ? "" : "s",
                               format_percent(c.utilisation), document::format_headroom(c.headroom));
        }
        out << "\nMinimum cut of the ideal flow (the edges that bound any routing):\n\n";
        for (const auto& c : b.ideal_cut) {
            out << fmt::format("- {}\n", c.text);
        }
        out << "\n";
    }
}

void fix_table(const document::Fix& f, std::ostream& out) {
    out << fmt::format("### {}\n\n| knob | what | now | needed | achievable then |\n|---|---|---|---|---|\n", f.requirement);
    for (const auto& o : f.options) {
        auto from = o.from ? format_figure(*o.from) : std::string("-"); // advice (a rebuild mode) has no "now"
        if (o.to) {
            out << fmt::format("| `{}` | {} | {} | {} | {} |\n", o.knob, o.what, from, format_figure(*o.to),
                               o.achievable ? format_figure(*o.achievable) : "-");
        } else {
            out << fmt::format("| `{}` | {} | {} | - | {} |\n", o.knob, o.what, from, o.note);
        }
    }
    out << "\n";
}

void fixes_section(const document::Report& r, std::ostream& out) {
    if (r.fixes.empty()) {
        return;
    }
    out << "## Smallest changes\n\nEach knob was raised alone until the requirement was met on the model.\n\n";
    for (const auto& f : r.fixes) {
        fix_table(f, out);
    }
}

// The bill of materials of one team, or of all of them (with a team column).
void inventory_table(const document::Report& r, std::optional<document::Team> team, std::ostream& out) {
    out << (team ? "| of | item | kind | count | ports used / per switch | how |\n|---|---|---|---|---|---|\n"
                 : "| team | of | item | kind | count | ports used / per switch | how |\n|---|---|---|---|---|---|---|\n");
    for (const auto& i : r.inventory) {
        if (team && i.team != *team) continue;
        std::string ports = i.ports ? fmt::format("{} / {}", i.ports_used.value_or(0), *i.ports) : "-";
        if (!team) out << fmt::format("| {} ", document::team_name(i.team));
        out << fmt::format("| {} | {} | {} | {} | {} | {} |\n", i.owner, i.item, cell(i.kind), units::format_count(i.count),
                           ports, cell(i.how));
    }
}

void inventory_section(const document::Report& r, std::ostream& out) {
    out << "## Inventory\n\nWhat each team orders, as built (after sizing); the team reports repeat their own rows.\n\n";
    inventory_table(r, std::nullopt, out);
}
} // namespace

// The headline figures and the results of the facilities and finance sections; the derivations are in
// facilities.md and finance.md.
void facilities_and_finance_headlines(const document::Report& r, std::ostream& out) {
    if (r.facilities.empty() && r.finance.empty()) return;
    out << "\n## Facilities and finance\n\nThe derivations are in facilities.md and finance.md.\n\n";
    for (const auto* list : {&r.facilities, &r.finance})
        for (const auto& sec : *list) {
            for (const auto& f : sec.figures)
                if (f.headline)
                    out << fmt::format("- {} {} ({}): {}: {}\n", sec.id, document::section_kind_label(sec.kind), sec.path, f.name,
                                       format_figure(f.value));
            for (const auto& f : sec.findings)
                if (f.kind == document::Finding::Kind::result) out << fmt::format("- {}\n", f.text);
        }
}

void render_summary_markdown(const document::Report& r, std::ostream& out) {
    out << fmt::format("# {}\n\n", r.title.empty() ? r.spec_file : r.title);
    out << fmt::format("Spec: `{}`. Design margin: {}. {}\n\n", r.spec_file, format_percent(r.margin),
                       "**" + document::verdict_text(r) + "**");
    sized_section(r, out);
    requirements_section(r, out);
    workload_and_storage_sections(r, out);
    scenarios_section(r, out);
    concurrent_section(r, out);
    tenants_section(r, out);
    team_headlines(r, out);
    bottlenecks_section(r, out);
    fixes_section(r, out);
    inventory_section(r, out);
    facilities_and_finance_headlines(r, out);
}

// The failure scenarios that fail this team's elements or leave a requirement unmet at one of them.
void team_scenarios(const document::Report& r, document::Team team, std::ostream& out) {
    std::vector<const document::ScenarioRow*> hit;
    for (const auto& sc : r.scenarios)
        if (std::find(sc.teams.begin(), sc.teams.end(), team) != sc.teams.end()) hit.push_back(&sc);
    if (hit.empty()) return;
    out << "\n## Failure scenarios that hit this team\n\nEach scenario below fails elements of this team or leaves a "
           "requirement unmet at one of them (the whole table is in summary.md).\n\n";
    out << "| scenario | what fails | what it does | requirements not met |\n|---|---|---|---|\n";
    for (const auto* sc : hit) {
        std::string effects, unmet;
        for (const auto& f : sc->facts) effects += (effects.empty() ? "" : "; ") + f;
        for (std::size_t i = 0; i < sc->cells.size(); ++i) {
            const auto& c = sc->cells[i];
            if (c.met) continue;
            auto what = !c.note.empty() && (c.unavailable || c.cut_off)
                            ? c.note
                            : fmt::format("{} ({})", format_figure(c.achievable), c.bottleneck);
            unmet += fmt::format("{}{}: {}", unmet.empty() ? "" : "; ", r.scenario_requirements[i], what);
        }
        out << fmt::format("| {} | {} | {} | {} |\n", sc->id, cell(sc->description), cell(effects.empty() ? "-" : effects),
                           cell(unmet.empty() ? "none" : unmet));
    }
}

void render_team_markdown(const document::Report& r, document::Team team, std::ostream& out) {
    const auto* t = r.team(team);
    out << fmt::format("# {} team: derived requirements\n\n", document::team_name(team));
    out << fmt::format("From `{}`{}. Design margin: {} (included in every needed figure).\n\n", r.spec_file,
                       r.title.empty() ? "" : fmt::format(" ({})", r.title), format_percent(r.margin));
    if (!t || t->lines.empty()) {
        out << "No requirement places a figure on this team.\n\n## Inventory\n\n";
        inventory_table(r, team, out);
        team_scenarios(r, team, out);
        return;
    }
    out << fmt::format("**Headline:** {}\n\n", document::tightest_text(*t));
    out << "| element | applies to | requirement | needed | provisioned | headroom | status |\n|---|---|---|---|---|---|---|\n";
    for (const auto& l : t->lines)
        out << fmt::format("| {} | {} | {} | {} | {} | {} | {} |\n", l.element, cell(l.applies_to), l.requirement,
                           format_figure(l.needed), format_figure(l.provisioned), document::format_headroom(l.headroom),
                           l.status == document::Status::short_of ? "**SHORT**" : document::status_name(l.status));
    out << "\n## Derivations\n\n";
    int i = 1;
    for (const auto& l : t->lines)
        out << fmt::format("{}. **{}** ({}; {}): {}\n", i++, l.element, l.class_name.empty() ? l.applies_to : l.class_name,
                           l.requirement, l.derivation);
    out << "\n## Inventory\n\n";
    inventory_table(r, team, out);
    team_scenarios(r, team, out);
    if (team == document::Team::storage && !r.storage_sections.empty()) {
        out << "\n## Capacity plan and durability\n\n";
        section_tables(r.storage_sections, out);
    }
    if (team == document::Team::storage && !r.tenants.empty()) {
        out << "\n";
        tenants_section(r, out);
        out << "## Tenants: floors, ceilings and the knobs that enforce them\n\n";
        section_tables(r.tenant_sections, out);
    }
    if (!r.workloads.empty()) {
        out << "\n## Workloads behind these figures\n\nThe requirements with a dot in their id (e.g. `ckpt.write`) were "
               "derived from these workloads.\n\n";
        section_tables(r.workloads, out);
    }
}

void render_facilities_markdown(const document::Report& r, std::ostream& out) {
    out << "# facilities team: power and racks\n\n";
    out << fmt::format("From `{}`{}. Parts and their figures: the catalog (docs/catalog.md).\n\n", r.spec_file,
                       r.title.empty() ? "" : fmt::format(" ({})", r.title));
    if (r.power.empty()) {
        out << "No element of this design names a part, so there is no power to count: name parts (`parts:` on each "
               "compute group, network and storage system) to get power, racks and cost.\n";
        return;
    }
    out << "## Power per element class\n\n| element | count | nameplate | peak | nominal | idle | how |\n"
           "|---|---|---|---|---|---|---|\n";
    for (const auto& p : r.power)
        out << fmt::format("| {} | {} | {} | {} | {} | {} | {} |\n", cell(p.element), units::format_count(p.count),
                           format_figure(p.nameplate), format_figure(p.peak), format_figure(p.nominal), format_figure(p.idle),
                           cell(p.derivation));
    out << "\n## Totals, racks and power swings\n\n";
    section_tables(r.facilities, out);
}

void render_finance_markdown(const document::Report& r, std::ostream& out) {
    out << "# finance team: capital, running and opportunity cost\n\n";
    out << fmt::format("From `{}`{}. Prices: the catalog (docs/catalog.md), or the spec's own.\n\n", r.spec_file,
                       r.title.empty() ? "" : fmt::format(" ({})", r.title));
    if (r.finance.empty()) {
        out << "Nothing to price: name parts with prices, give `facilities.pue` and `facilities.electricity` for the "
               "running cost, and `finance.node_hour` for the cost of node time not computing.\n";
        return;
    }
    section_tables(r.finance, out);
}

} // namespace archplan::report
