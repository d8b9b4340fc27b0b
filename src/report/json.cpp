// results.json: every figure in SI base units, with its derivation; key order is fixed.
#include "archplan/report/report.hpp"

#include <cmath>
#include <nlohmann/json.hpp>

namespace archplan::report {

namespace {
using json = nlohmann::ordered_json;

using document::unit_name;

json figure(const document::Figure& f) { return json{{"value", f.value}, {"unit", unit_name(f.unit)}}; }
json figure(const std::optional<document::Figure>& f) { return f ? figure(*f) : json(nullptr); }

// A section of figures with derivations (a workload, a capacity plan, a durability model).
json section(const document::Section& w, const char* id_key) {
    json x{{"key", w.key},
           {id_key, w.id},
           {"kind", document::section_kind_label(w.kind)},
           {"path", w.path},
           {"figures", json::array()},
           {"findings", json::array()}};
    for (const auto& f : w.figures)
        x["figures"].push_back(json{{"key", f.key},
                                    {"name", f.name},
                                    {"value", figure(f.value)},
                                    {"derivation", f.derivation},
                                    {"headline", f.headline}});
    for (const auto& f : w.findings)
        x["findings"].push_back(
            json{{"kind", f.kind == document::Finding::Kind::caveat ? "caveat" : "result"}, {"text", f.text}});
    return x;
}

json requirements_json(const document::Report& r) {
    json a = json::array();
    for (const auto& q : r.requirements) {
        a.push_back(json{{"key", q.key},
                         {"id", q.id},
                         {"kind", document::requirement_kind_label(q.kind)},
                         {"origin", document::origin_name(q.origin)},
                         {"path", q.path},
                         {"asked", figure(q.asked)},
                         {"asked_as_written", q.asked_as_written.empty() ? json(nullptr) : json(q.asked_as_written)},
                         {"required", figure(q.required)},
                         {"achievable", figure(q.achievable)},
                         {"ideal", q.ideal.value > 0 ? figure(q.ideal) : json(nullptr)},
                         {"met", q.met},
                         {"bottleneck", q.bottleneck},
                         {"tied_with", q.tied},
                         {"utilisation", q.utilisation},
                         {"derivation", q.derivation},
                         {"confidence", q.confidence}});
    }
    return a;
}

json team_line_json(const document::Line& l) {
    return json{{"key", l.key},
                {"kind", document::line_kind_name(l.kind)},
                {"element", l.element},
                {"applies_to", l.applies_to},
                {"requirement", l.requirement},
                {"class", l.class_name},
                {"needed", figure(l.needed)},
                {"provisioned", figure(l.provisioned)},
                {"headroom", l.headroom},
                {"status", document::status_name(l.status)},
                {"derivation", l.derivation}};
}

json teams_json(const document::Report& r) {
    json a = json::array();
    for (const auto& t : r.teams) {
        json team{{"name", document::team_name(t.team)},
                  {"headline", document::tightest_text(t)},
                  {"tightest", t.tightest ? json(t.lines[*t.tightest].key) : json(nullptr)},
                  {"lines", json::array()}};
        for (const auto& l : t.lines) {
            team["lines"].push_back(team_line_json(l));
        }
        a.push_back(team);
    }
    return a;
}

json bottleneck_json(const document::Bottleneck& b) {
    json x{{"requirement", b.requirement}, {"classes", json::array()}, {"ideal_cut", json::array()}};
    for (const auto& c : b.ideal_cut) {
        x["ideal_cut"].push_back(json{{"key", c.key},
                                      {"class", c.class_name},
                                      {"edges", c.edges},
                                      {"capacity", figure(c.capacity)},
                                      {"client_capacity", figure(c.client_capacity)},
                                      {"text", c.text}});
    }
    for (const auto& c : b.classes) {
        x["classes"].push_back(json{{"key", c.key},
                                    {"class", c.class_name},
                                    {"team", document::team_name(c.team)},
                                    {"element", c.element},
                                    {"utilisation", c.utilisation},
                                    {"headroom", c.headroom},
                                    {"load", figure(c.load)},
                                    {"capacity", figure(c.capacity)},
                                    {"links", c.links}});
    }
    return x;
}

json bottlenecks_json(const document::Report& r) {
    json a = json::array();
    for (const auto& b : r.bottlenecks) {
        a.push_back(bottleneck_json(b));
    }
    return a;
}

json fixes_json(const document::Report& r) {
    json a = json::array();
    for (const auto& f : r.fixes) {
        json x{{"requirement", f.requirement}, {"options", json::array()}};
        for (const auto& o : f.options) {
            x["options"].push_back(json{{"key", o.key},
                                        {"knob", o.knob},
                                        {"what", o.what},
                                        {"kind", o.kind == document::Fix::Option::Kind::advice ? "advice" : "count"},
                                        {"from", figure(o.from)},
                                        {"to", figure(o.to)},
                                        {"note", o.note},
                                        {"achievable", figure(o.achievable)}});
        }
        a.push_back(x);
    }
    return a;
}

// The workloads and storage members: the same section shape, told apart by the name of the id member.
json sections_json(const std::vector<document::Section>& sections, const char* id_key) {
    json a = json::array();
    for (const auto& w : sections) {
        a.push_back(section(w, id_key));
    }
    return a;
}

// A scenario's cells, each labelled with the requirement of its column.
json scenario_json(const document::ScenarioRow& sc, const std::vector<std::string>& columns) {
    json x{{"key", sc.key},
           {"id", sc.id},
           {"description", sc.description},
           {"facts", sc.facts},
           {"rebuild", figure(sc.figures.rebuild)},
           {"read_amplification", figure(sc.figures.read_amplification)},
           {"unavailable", sc.figures.unavailable},
           {"teams", json::array()},
           {"results", json::array()}};
    for (auto t : sc.teams) x["teams"].push_back(document::team_name(t));
    for (std::size_t i = 0; i < sc.cells.size(); ++i) {
        const auto& c = sc.cells[i];
        x["results"].push_back(json{{"key", c.key},
                                    {"requirement", columns[i]},
                                    {"met", c.met},
                                    {"unavailable", c.unavailable},
                                    {"cut_off", c.cut_off},
                                    {"achievable", figure(c.achievable)},
                                    {"bottleneck", c.bottleneck},
                                    {"note", c.note}});
    }
    return x;
}

json scenarios_json(const document::Report& r) {
    json a = json::array();
    for (const auto& sc : r.scenarios) {
        a.push_back(scenario_json(sc, r.scenario_requirements));
    }
    return a;
}

json concurrent_json(const document::Report& r) {
    json a = json::array();
    for (const auto& c : r.concurrent) {
        json x{{"key", c.key}, {"id", c.id},           {"members", c.members},         {"scale", c.scale},
               {"met", c.met}, {"binding", c.binding}, {"utilisation", c.utilisation}, {"achievable", json::array()}};
        for (const auto& [id, f] : c.achievable) {
            x["achievable"].push_back(json{{"requirement", id}, {"value", figure(f)}});
        }
        a.push_back(x);
    }
    return a;
}

// Every tenant's floor at once per operating state, and each tenant's section.
json tenants_json(const document::Report& r) {
    json states = json::array();
    for (const auto& row : r.tenants) {
        json cells = json::array();
        for (std::size_t i = 0; i < row.cells.size(); ++i) {
            const auto& c = row.cells[i];
            json x{{"key", c.key},           {"flow", r.tenant_flows[i]}, {"kept", figure(c.kept)},
                   {"holds", c.holds},       {"binding", c.binding},      {"sharers", c.sharers},
                   {"left", figure(c.left)}, {"protects", c.protects},    {"note", c.note}};
            x["floor"] = c.floor ? figure(*c.floor) : json(nullptr);
            x["room"] = std::isinf(c.room) ? json(nullptr) : json(c.room);
            cells.push_back(x);
        }
        states.push_back(json{{"key", row.key},
                              {"state", row.state},
                              {"floors", figure(row.floors)},
                              {"scale", std::isinf(row.scale) ? json(nullptr) : json(row.scale)},
                              {"fits", row.fits},
                              {"squeezed", row.squeezed},
                              {"cells", cells}});
    }
    return json{{"flows", r.tenant_flows}, {"states", states}, {"sections", sections_json(r.tenant_sections, "tenant")}};
}

// Single-server failures that leave reads unserved (the headline's second half).
json outages_json(const document::Report& r) {
    json out = json::array();
    for (const auto& o : r.outages)
        out.push_back(json{{"key", o.key}, {"scenario", o.scenario}, {"storage", o.storage}, {"unavailable", o.requirements}});
    return out;
}

json sized_json(const document::Report& r) {
    json a = json::array();
    for (const auto& z : r.sized) {
        a.push_back(json{
            {"key", z.key}, {"knob", z.knob}, {"value", z.value}, {"forced_by", z.forced_by}, {"line", z.line}, {"met", z.met}});
    }
    return a;
}

json inventory_json(const document::Report& r) {
    json a = json::array();
    for (const auto& item : r.inventory) {
        json i{{"key", item.key},     {"team", document::team_name(item.team)},
               {"owner", item.owner}, {"item", item.item},
               {"kind", item.kind},   {"count", item.count}};
        if (item.ports) i["ports"] = *item.ports;
        if (item.ports_used) i["ports_used"] = *item.ports_used;
        i["how"] = item.how;
        a.push_back(i);
    }
    return a;
}
} // namespace

void render_json(const document::Report& r, std::ostream& out) {
    json j;
    j["archplan_results"] = 3;
    j["title"] = r.title;
    j["spec"] = r.spec_file;
    j["margin"] = r.margin;
    j["all_met"] = r.all_met;
    j["verdict"] = document::verdict_text(r);
    j["requirements"] = requirements_json(r);
    j["teams"] = teams_json(r);
    j["bottlenecks"] = bottlenecks_json(r);
    j["fixes"] = fixes_json(r);
    j["workloads"] = sections_json(r.workloads, "id");
    j["storage"] = sections_json(r.storage_sections, "system");
    j["scenarios"] = scenarios_json(r);
    j["outages"] = outages_json(r);
    j["concurrent"] = concurrent_json(r);
    j["tenants"] = tenants_json(r);
    j["sized"] = sized_json(r);
    j["sizing_problem"] = r.sizing_problem;
    j["inventory"] = inventory_json(r);
    j["power"] = json::array();
    for (const auto& p : r.power)
        j["power"].push_back(json{{"key", p.key},
                                  {"element", p.element},
                                  {"domain", p.domain},
                                  {"count", p.count},
                                  {"nameplate", figure(p.nameplate)},
                                  {"peak", figure(p.peak)},
                                  {"nominal", figure(p.nominal)},
                                  {"idle", figure(p.idle)},
                                  {"derivation", p.derivation}});
    j["unpowered"] = r.unpowered;
    j["facilities"] = sections_json(r.facilities, "id");
    j["racks_over_budget"] = r.racks_over_budget;
    j["finance"] = sections_json(r.finance, "id");
    j["curves"] = json::array();
    for (const auto& c : r.curves) {
        json x{{"key", c.key}, {"title", c.title}, {"x", c.x_label}, {"y", c.y_label}, {"points", json::array()}};
        for (const auto& [px, py] : c.points) x["points"].push_back(json::array({px, py}));
        x["marked"] = c.marked ? json::array({c.marked->first, c.marked->second}) : json(nullptr);
        x["target"] = c.target ? json(*c.target) : json(nullptr);
        j["curves"].push_back(x);
    }
    out << j.dump(2) << "\n";
}

void render_compare_json(const document::Comparison& c, std::ostream& out) {
    json j{
        {"archplan_compare", 1}, {"reference", c.columns[c.reference].name}, {"columns", json::array()}, {"rows", json::array()}};
    for (const auto& col : c.columns)
        j["columns"].push_back(json{{"name", col.name}, {"source", col.source}, {"all_met", col.all_met}});
    for (const auto& row : c.rows) {
        json cells = json::array();
        for (std::size_t ci = 0; ci < row.cells.size(); ++ci) {
            const auto& x = row.cells[ci];
            cells.push_back(json{{"column", c.columns[ci].name},
                                 {"value", figure(x.value)},
                                 {"text", x.text},
                                 {"met", x.met ? json(*x.met) : json(nullptr)},
                                 {"delta", x.delta ? json(*x.delta) : json(nullptr)},
                                 {"relative", x.relative ? json(*x.relative) : json(nullptr)},
                                 {"same", x.same},
                                 {"best", x.best}});
        }
        j["rows"].push_back(json{{"key", row.key},
                                 {"section", row.section},
                                 {"label", row.label},
                                 {"better", document::better_name(row.better)},
                                 {"verdict_changed", row.verdict_changed},
                                 {"cells", cells}});
    }
    out << j.dump(2) << "\n";
}

} // namespace archplan::report
