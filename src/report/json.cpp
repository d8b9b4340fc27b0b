// results.json: every figure in SI base units, with its derivation; key order is fixed.
#include "archplan/report/report.hpp"

#include <nlohmann/json.hpp>

namespace archplan::report {

namespace {
using json = nlohmann::ordered_json;

const char* unit_name(derive::Unit u) {
    switch (u) {
    case derive::Unit::bytes: return "B";
    case derive::Unit::rate: return "B/s";
    case derive::Unit::count: return "count";
    case derive::Unit::ratio: return "ratio";
    case derive::Unit::seconds: return "s";
    case derive::Unit::share: return "share";
    case derive::Unit::per_second: return "1/s";
    case derive::Unit::nines: return "nines";
    case derive::Unit::hours: return "h";
    case derive::Unit::probability: return "probability";
    }
    return "";
}

json figure(const derive::Figure& f) { return json{{"value", f.value}, {"unit", unit_name(f.unit)}}; }

// A section of figures with derivations (a workload, a capacity plan, a durability model).
json section(const derive::WorkloadSection& w, const char* id_key) {
    json x{{id_key, w.id}, {"kind", w.kind}, {"path", w.path}, {"figures", json::array()}, {"findings", w.findings}};
    for (const auto& f : w.figures)
        x["figures"].push_back(
            json{{"name", f.name}, {"value", figure(f.value)}, {"derivation", f.derivation}, {"headline", f.headline}});
    return x;
}
} // namespace

void render_json(const derive::Report& r, std::ostream& out) {
    json j;
    j["archplan_results"] = 1;
    j["title"] = r.title;
    j["spec"] = r.spec_file;
    j["margin"] = r.margin;
    j["all_met"] = r.all_met;
    j["requirements"] = json::array();
    for (const auto& q : r.requirements)
        j["requirements"].push_back(json{{"id", q.id},
                                         {"kind", q.kind},
                                         {"path", q.path},
                                         {"asked", figure(q.asked)},
                                         {"required", figure(q.required)},
                                         {"achievable", figure(q.achievable)},
                                         {"ideal", q.ideal.value > 0 ? figure(q.ideal) : json(nullptr)},
                                         {"met", q.met},
                                         {"bottleneck", q.bottleneck},
                                         {"utilisation", q.utilisation},
                                         {"derivation", q.derivation}});
    j["teams"] = json::array();
    for (const auto& t : r.teams) {
        json team{{"name", t.name}, {"headline", t.headline}, {"lines", json::array()}};
        for (const auto& l : t.lines)
            team["lines"].push_back(json{{"element", l.element},
                                         {"applies_to", l.applies_to},
                                         {"requirement", l.requirement},
                                         {"class", l.class_name},
                                         {"needed", figure(l.needed)},
                                         {"provisioned", figure(l.provisioned)},
                                         {"headroom", l.headroom},
                                         {"status", derive::status_name(l.status)},
                                         {"derivation", l.derivation}});
        j["teams"].push_back(team);
    }
    j["bottlenecks"] = json::array();
    for (const auto& b : r.bottlenecks) {
        json x{{"requirement", b.requirement}, {"classes", json::array()}, {"ideal_cut", json::array()}};
        for (const auto& c : b.ideal_cut)
            x["ideal_cut"].push_back(json{{"class", c.class_name},
                                          {"edges", c.edges},
                                          {"capacity", figure(c.capacity)},
                                          {"client_capacity", figure(c.client_capacity)},
                                          {"text", c.text}});
        for (const auto& c : b.classes)
            x["classes"].push_back(json{{"class", c.class_name},
                                        {"team", c.team},
                                        {"element", c.element},
                                        {"utilisation", c.utilisation},
                                        {"headroom", c.headroom},
                                        {"load", figure(c.load)},
                                        {"capacity", figure(c.capacity)},
                                        {"links", c.links}});
        j["bottlenecks"].push_back(x);
    }
    j["fixes"] = json::array();
    for (const auto& f : r.fixes) {
        json x{{"requirement", f.requirement}, {"options", json::array()}};
        for (const auto& o : f.options)
            x["options"].push_back(
                json{{"knob", o.knob},
                     {"what", o.what},
                     {"from", o.from},
                     {"to", o.to == 0 ? json(nullptr) : json(o.to)},
                     {"note", o.note},
                     {"achievable", o.to == 0 || o.achievable.value <= 0 ? json(nullptr) : figure(o.achievable)}});
        j["fixes"].push_back(x);
    }
    j["workloads"] = json::array();
    for (const auto& w : r.workloads) j["workloads"].push_back(section(w, "id"));
    j["storage"] = json::array();
    for (const auto& w : r.storage_sections) j["storage"].push_back(section(w, "system"));
    j["scenarios"] = json::array();
    for (const auto& sc : r.scenarios) {
        json x{{"id", sc.id}, {"description", sc.description}, {"facts", sc.facts}, {"results", json::array()}};
        for (std::size_t i = 0; i < sc.cells.size(); ++i) {
            const auto& c = sc.cells[i];
            x["results"].push_back(json{{"requirement", r.scenario_requirements[i]},
                                        {"met", c.met},
                                        {"achievable", figure(c.achievable)},
                                        {"bottleneck", c.bottleneck},
                                        {"note", c.note}});
        }
        j["scenarios"].push_back(x);
    }
    j["concurrent"] = json::array();
    for (const auto& c : r.concurrent) {
        json x{{"id", c.id},           {"members", c.members},         {"scale", c.scale},           {"met", c.met},
               {"binding", c.binding}, {"utilisation", c.utilisation}, {"achievable", json::array()}};
        for (const auto& [id, f] : c.achievable) x["achievable"].push_back(json{{"requirement", id}, {"value", figure(f)}});
        j["concurrent"].push_back(x);
    }
    j["sized"] = json::array();
    for (const auto& z : r.sized)
        j["sized"].push_back(json{{"knob", z.knob}, {"value", z.value}, {"forced_by", z.forced_by}, {"line", z.line}});
    j["sizing_problem"] = r.sizing_problem;
    j["inventory"] = json::array();
    for (const auto& [what, count] : r.inventory.items) j["inventory"].push_back(json{{"what", what}, {"description", count}});
    out << j.dump(2) << "\n";
}

} // namespace archplan::report
