// The parts catalog: parsing, the shipped copy, lookups and a spec's references to parts.
#include "archplan/spec/catalog.hpp"

#include "loader.hpp"

#include <cstdio>
#include <stdexcept>

namespace archplan::spec {

extern const char* const k_shipped_catalog_text; // generated from data/catalog.yaml (CMakeLists.txt)

namespace detail {
namespace {

// The provenance a part's figures inherit.
struct Provenance {
    std::string source, as_of;
    bool illustrative = false;
};

bool valid_date(const std::string& d) { return day_number(d).has_value(); }

// `17 W`, or `{value: 17 W, source: ..., as_of: ..., illustrative: true}`.
std::optional<PartFigure> figure(Loader& L, const YAML::Node& n, const std::string& path, units::Kind kind,
                                 const Provenance& from) {
    PartFigure f;
    f.source = from.source;
    f.as_of = from.as_of;
    f.illustrative = from.illustrative;
    const YAML::Node* value = &n;
    std::map<std::string, YAML::Node> e;
    if (n.IsMap()) {
        e = L.entries(n, path, {"value", "source", "as_of", "illustrative"}, {"value"});
        if (!e.count("value")) return std::nullopt;
        value = &e["value"];
        if (e.count("source")) {
            auto s = L.scalar(e["source"], path + ".source", "an address");
            if (!s) return std::nullopt;
            f.source = *s;
            f.illustrative = false;
        }
        if (e.count("as_of")) {
            auto s = L.scalar(e["as_of"], path + ".as_of", "a date");
            if (!s || !valid_date(*s)) {
                if (s) L.error(e["as_of"], path + ".as_of", fmt::format("expected a date YYYY-MM or YYYY-MM-DD, got '{}'", *s));
                return std::nullopt;
            }
            f.as_of = *s;
        }
        if (e.count("illustrative")) {
            auto w = L.one_of(e["illustrative"], path + ".illustrative", {"true", "false"});
            if (!w) return std::nullopt;
            f.illustrative = *w == "true";
        }
    }
    std::optional<double> v;
    if (kind == units::Kind::ratio) { // rack units and ports: plain numbers
        auto i = L.integer(*value, path, 0, 100000);
        if (i) v = *i;
    } else {
        v = L.quantity(*value, path, kind, false);
    }
    if (!v) return std::nullopt;
    f.value = *v;
    f.given = true;
    if (f.source.empty() && !f.illustrative) {
        L.error(n, path, "has no source: give 'source' (a public address) or mark it 'illustrative: true'");
        return std::nullopt;
    }
    return f;
}

// `power: 17 W` (all four figures) or `power: {nameplate: ..., peak: ..., nominal: ..., idle: ...}`.
bool power(Loader& L, const YAML::Node& n, const std::string& path, const Provenance& from, PartPower& out) {
    if (!n.IsMap() || n["value"]) {
        auto f = figure(L, n, path, units::Kind::power, from);
        if (!f) return false;
        out.nameplate = out.peak = out.nominal = out.idle = *f;
        return true;
    }
    auto e = L.entries(n, path, {"nameplate", "peak", "nominal", "idle"}, {"nameplate", "peak", "nominal", "idle"});
    bool ok = e.size() == 4;
    for (auto [key, field] : {std::pair<const char*, PartFigure*>{"nameplate", &out.nameplate},
                              {"peak", &out.peak},
                              {"nominal", &out.nominal},
                              {"idle", &out.idle}}) {
        if (!e.count(key)) continue;
        auto f = figure(L, e[key], path + "." + key, units::Kind::power, from);
        if (f)
            *field = *f;
        else
            ok = false;
    }
    if (!ok) return false;
    // Idle <= nominal <= peak <= nameplate: anything else is a slip between the columns of a datasheet.
    if (!(out.idle.value <= out.nominal.value && out.nominal.value <= out.peak.value && out.peak.value <= out.nameplate.value)) {
        L.error(n, path,
                fmt::format("expected idle <= nominal <= peak <= nameplate, got {} <= {} <= {} <= {}",
                            units::format_power(out.idle.value), units::format_power(out.nominal.value),
                            units::format_power(out.peak.value), units::format_power(out.nameplate.value)));
        return false;
    }
    return true;
}

const Keys k_part_keys = {"name",         "kind",  "description", "source",     "as_of",
                          "illustrative", "power", "price",       "rack_units", "ports"};
const Keys k_field_keys = {"power", "price", "rack_units", "ports"};

PartKind kind_of(const std::string& w) {
    static const std::vector<std::pair<std::string, PartKind>> kinds = {
        {"node", PartKind::node},      {"nic", PartKind::nic},
        {"switch", PartKind::switch_}, {"transceiver", PartKind::transceiver},
        {"cable", PartKind::cable},    {"drive", PartKind::drive},
        {"server", PartKind::server},  {"enclosure", PartKind::enclosure}};
    for (const auto& [name, k] : kinds)
        if (name == w) return k;
    return PartKind::node;
}

// The fields of a part, set from `e` (a catalog entry, or a spec's overrides).
bool fields(Loader& L, std::map<std::string, YAML::Node>& e, const std::string& path, const Provenance& from, Part& p) {
    bool ok = true;
    if (e.count("power") && !power(L, e["power"], path + ".power", from, p.power)) ok = false;
    auto one = [&](const char* key, units::Kind kind, PartFigure& out) {
        if (!e.count(key)) return;
        auto f = figure(L, e[key], path + "." + key, kind, from);
        if (f)
            out = *f;
        else
            ok = false;
    };
    one("price", units::Kind::money, p.price);
    one("rack_units", units::Kind::ratio, p.rack_units);
    one("ports", units::Kind::ratio, p.ports);
    return ok;
}

// What each kind must give: the figures the facilities report cannot do without.
std::string missing(const Part& p) {
    bool needs_power = p.kind != PartKind::cable && p.kind != PartKind::nic;
    if (needs_power && !p.power.given()) return "power";
    if ((p.kind == PartKind::switch_ || p.kind == PartKind::nic) && !p.ports.given) return "ports";
    if (p.ports.given && p.ports.value < 1) return "ports";
    return {};
}

} // namespace

std::vector<Part> load_parts(Loader& L, const YAML::Node& n, const std::string& path, const std::string& file) {
    std::set<std::string> names;
    return L.list<Part>(n, path, 10000, [&](const YAML::Node& item, const std::string& p) -> std::optional<Part> {
        auto e = L.entries(item, p, k_part_keys, {"name", "kind", "as_of"});
        if (!item.IsMap()) return std::nullopt;
        Part part;
        part.defined = fmt::format("{}:{}", file, loc_of(item).line);
        bool ok = e.count("name") && e.count("kind") && e.count("as_of");
        if (e.count("name")) {
            auto v = L.name(e["name"], p + ".name");
            take(v, part.name, ok);
            if (v && !names.insert(*v).second) {
                L.error(e["name"], p + ".name", fmt::format("part '{}' is defined twice", *v));
                ok = false;
            }
        }
        if (e.count("kind")) {
            auto v = L.one_of(e["kind"], p + ".kind",
                              {"node", "nic", "switch", "transceiver", "cable", "drive", "server", "enclosure"});
            if (v)
                part.kind = kind_of(*v);
            else
                ok = false;
        }
        if (e.count("description")) {
            auto v = L.scalar(e["description"], p + ".description", "a description");
            take(v, part.description, ok);
        }
        Provenance from;
        if (e.count("source")) {
            auto v = L.scalar(e["source"], p + ".source", "an address");
            take(v, from.source, ok);
        }
        if (e.count("as_of")) {
            auto v = L.scalar(e["as_of"], p + ".as_of", "a date");
            if (v && !valid_date(*v)) {
                L.error(e["as_of"], p + ".as_of", fmt::format("expected a date YYYY-MM or YYYY-MM-DD, got '{}'", *v));
                ok = false;
            }
            take(v, from.as_of, ok);
        }
        if (e.count("illustrative")) {
            auto v = L.one_of(e["illustrative"], p + ".illustrative", {"true", "false"});
            if (v)
                from.illustrative = *v == "true";
            else
                ok = false;
        }
        if (!ok) return std::nullopt;
        if (!fields(L, e, p, from, part)) return std::nullopt;
        if (auto what = missing(part); !what.empty()) {
            L.error(item, p, fmt::format("a {} part needs '{}'", part_kind_name(part.kind), what));
            return std::nullopt;
        }
        return part;
    });
}

std::optional<Part> part_ref(Loader& L, const YAML::Node& n, const std::string& path, const Catalog& catalog, PartKind kind,
                             const std::string& file) {
    const YAML::Node* name_node = &n;
    std::map<std::string, YAML::Node> e;
    if (n.IsMap()) {
        Keys allowed = k_field_keys;
        allowed.insert(allowed.begin(), "name");
        e = L.entries(n, path, allowed, {"name"});
        if (!e.count("name")) return std::nullopt;
        name_node = &e["name"];
    }
    auto name_path = n.IsMap() ? path + ".name" : path;
    auto name = L.name(*name_node, name_path);
    if (!name) return std::nullopt;
    const Part* found = catalog.find(*name);
    if (!found) {
        std::vector<std::string> same_kind;
        for (const auto& p : catalog.parts)
            if (p.kind == kind) same_kind.push_back(p.name);
        auto near = nearest(*name, same_kind);
        L.error(*name_node, name_path, fmt::format("unknown part '{}' in {}", *name, catalog.name),
                near.empty() ? fmt::format("{} parts there: {}", part_kind_name(kind),
                                           same_kind.empty() ? std::string("none") : Loader::list(same_kind))
                             : fmt::format("did you mean '{}'?", near));
        return std::nullopt;
    }
    if (found->kind != kind) {
        L.error(*name_node, name_path,
                fmt::format("part '{}' is a {}, expected a {}", *name, part_kind_name(found->kind), part_kind_name(kind)));
        return std::nullopt;
    }
    Part part = *found;
    if (!n.IsMap()) return part;
    // An override is the spec's own figure: its source is the spec line that gives it, as of today's review.
    Provenance from{fmt::format("{}:{}", file, loc_of(n).line), "", false};
    Part over = part;
    if (!fields(L, e, path, from, over)) return std::nullopt;
    return over;
}

} // namespace detail

const char* part_kind_name(PartKind k) {
    switch (k) {
    case PartKind::node: return "node";
    case PartKind::nic: return "nic";
    case PartKind::switch_: return "switch";
    case PartKind::transceiver: return "transceiver";
    case PartKind::cable: return "cable";
    case PartKind::drive: return "drive";
    case PartKind::server: return "server";
    case PartKind::enclosure: return "enclosure";
    }
    return "part";
}

const Part* Catalog::find(const std::string& part) const {
    for (const auto& p : parts)
        if (p.name == part) return &p;
    return nullptr;
}

std::optional<long> day_number(const std::string& date) {
    int y = 0, m = 0, d = 1;
    char tail = 0;
    int n = std::sscanf(date.c_str(), "%4d-%2d-%2d%c", &y, &m, &d, &tail);
    bool month_only = date.size() == 7 && n == 2;
    bool full = date.size() == 10 && n == 3;
    if ((!month_only && !full) || y < 1970 || y > 2200 || m < 1 || m > 12 || d < 1 || d > 31) return std::nullopt;
    // Days from civil (Howard Hinnant's algorithm).
    y -= m <= 2;
    long era = y / 400;
    long yoe = y - era * 400;
    long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

CatalogResult load_catalog(const std::string& text, const std::string& file) {
    CatalogResult result{std::nullopt, Diagnostics(file)};
    auto root = detail::read_document(text, result.diagnostics);
    if (!root) return result;
    detail::Loader L(result.diagnostics);
    auto e = L.entries(*root, "", {"archplan-catalog", "parts"}, {"archplan-catalog", "parts"});
    if (e.count("archplan-catalog")) L.integer(e["archplan-catalog"], "archplan-catalog", 1, 1);
    Catalog c;
    c.name = file;
    if (e.count("parts")) c.parts = detail::load_parts(L, e["parts"], "parts", file);
    if (result.diagnostics.empty()) result.catalog = std::move(c);
    return result;
}

const Catalog& shipped_catalog() {
    static const Catalog c = [] {
        auto r = load_catalog(k_shipped_catalog_text, "data/catalog.yaml");
        // The shipped catalog is checked by a test; a broken one is a build defect, not bad input.
        if (!r.catalog)
            throw std::logic_error("the shipped catalog does not load: " + format_diagnostic(r.diagnostics.items().front()));
        r.catalog->name = "the shipped catalog (data/catalog.yaml)";
        return *r.catalog;
    }();
    return c;
}

Catalog extend_catalog(const Catalog& base, const Catalog& more) {
    Catalog out = base;
    out.name = base.name + " and " + more.name;
    for (const auto& p : more.parts) {
        auto it = std::find_if(out.parts.begin(), out.parts.end(), [&](const Part& q) { return q.name == p.name; });
        if (it != out.parts.end())
            *it = p;
        else
            out.parts.push_back(p);
    }
    return out;
}

} // namespace archplan::spec
