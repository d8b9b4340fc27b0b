// The loader's YAML walker, shared by the spec loader and the parts catalog (private to the spec module; the only
// place besides them that knows yaml-cpp).
#pragma once

#include "archplan/spec/diagnostics.hpp"
#include "archplan/spec/spec.hpp"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <fmt/format.h>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace archplan::spec::detail {

using Keys = std::vector<std::string>;

inline SourceLoc loc_of(const YAML::Node& n) {
    auto m = n.Mark();
    if (m.is_null()) return {};
    return {m.line + 1, m.column + 1};
}

inline const char* type_name(const YAML::Node& n) {
    switch (n.Type()) {
    case YAML::NodeType::Map: return n.size() == 0 ? "an empty map" : "a map";
    case YAML::NodeType::Sequence: return n.size() == 0 ? "an empty list" : "a list";
    case YAML::NodeType::Scalar: return "a scalar";
    case YAML::NodeType::Null: return "nothing";
    default: return "nothing";
    }
}

// Stores a parsed value, or records that the section failed.
template <class T, class U>
void take(const std::optional<T>& v, U& out, bool& ok) {
    if (v)
        out = U(*v); // U(...) turns a parsed double into its quantity type (Seconds, Bytes, ...)
    else
        ok = false;
}

// Walks one YAML document against the schema; the only place that knows yaml-cpp.
class Loader {
public:
    Loader(Diagnostics& diags) : m_diags(diags) {}

    const Catalog* catalog = nullptr; // where a spec's parts are looked up (the shipped one, extended by its own)
    std::string file;                 // the spec file, for an override's source

    // A map's entries by key, after checking every key is known and none repeats.
    std::map<std::string, YAML::Node> entries(const YAML::Node& map, const std::string& path, const Keys& allowed,
                                              const Keys& required) {
        std::map<std::string, YAML::Node> out;
        std::map<std::string, SourceLoc> key_locs;
        std::set<std::string> suggested; // a typo already reported with "did you mean"
        if (!map.IsMap()) {
            error(map, path, fmt::format("expected a map with keys {}, got {}", list(allowed), type_name(map)));
            return out;
        }
        for (auto it = map.begin(); it != map.end(); ++it) {
            if (!it->first.IsScalar()) {
                error(it->first, path, "keys must be plain names");
                continue;
            }
            const auto& key = it->first.Scalar();
            if (std::find(allowed.begin(), allowed.end(), key) == allowed.end()) {
                auto near = nearest(key, allowed);
                suggested.insert(near);
                m_diags.error(loc_of(it->first), fmt::format("{}: unknown key '{}'", join(path, key), key),
                              near.empty() ? fmt::format("valid keys here: {}", list(allowed))
                                           : fmt::format("did you mean '{}'?", near));
                continue;
            }
            if (out.count(key) != 0) {
                m_diags.error(loc_of(it->first), fmt::format("{}: duplicate key '{}'", join(path, key), key),
                              fmt::format("first given at line {}", key_locs[key].line));
                continue;
            }
            out[key] = it->second;
            key_locs[key] = loc_of(it->first);
            note_value_site(it->first, it->second, join(path, key));
        }
        // A required key misspelt ("servrs") is one mistake, already reported with the suggestion.
        for (const auto& r : required)
            if (out.count(r) == 0 && suggested.count(r) == 0) error(map, path, fmt::format("missing key '{}'", r));
        return out;
    }

    std::optional<std::string> scalar(const YAML::Node& n, const std::string& path, const char* what) {
        if (!n.IsScalar()) {
            error(n, path, fmt::format("expected {}, got {}", what, type_name(n)));
            return std::nullopt;
        }
        return n.Scalar();
    }

    std::optional<std::string> name(const YAML::Node& n, const std::string& path) {
        auto s = scalar(n, path, "a name");
        if (!s) return s;
        if (s->empty() || s->find_first_of(" \t\n/.[]") != std::string::npos) {
            error(n, path, fmt::format("'{}' is not a valid name (use letters, digits, '-' and '_')", *s));
            return std::nullopt;
        }
        return s;
    }

    // One word of a fixed set, with "did you mean" for a near miss. The error lists the words
    // ("expected 'read' or 'write'"), or, given a noun, names the set ("unknown kind 'x' (valid: ...)").
    std::optional<std::string> one_of(const YAML::Node& n, const std::string& path, const Keys& words,
                                      const char* noun = nullptr) {
        auto v = scalar(n, path, noun ? fmt::format("a {}", noun).c_str() : alternatives(words, false).c_str());
        if (!v || std::find(words.begin(), words.end(), *v) != words.end()) return v;
        auto near = nearest(*v, words);
        auto suggestion = near.empty() ? std::string() : fmt::format("; did you mean '{}'?", near);
        error(n, path,
              noun ? fmt::format("unknown {} '{}' (valid: {}){}", noun, *v, list(words), suggestion)
                   : fmt::format("expected {}, got '{}'{}", alternatives(words, true), *v, suggestion));
        return std::nullopt;
    }

    // A list of at least `min` distinct ids ("requirements: [a, b]"); nullopt (with the errors) otherwise.
    // `too_few` is the error for a list that is not one or is too short, `twice` what is added to "'x' is listed twice".
    std::optional<std::vector<std::string>> id_list(const YAML::Node& n, const std::string& path, std::size_t min,
                                                    const std::string& too_few, const std::string& twice) {
        if (!n.IsSequence() || n.size() < min) {
            error(n, path, too_few);
            return std::nullopt;
        }
        std::vector<std::string> ids;
        bool ok = true;
        std::size_t i = 0;
        for (const auto& item : n) {
            auto at = fmt::format("{}[{}]", path, i++);
            auto v = scalar(item, at, "a requirement id");
            if (!v) {
                ok = false;
            } else if (std::find(ids.begin(), ids.end(), *v) != ids.end()) {
                error(item, at, fmt::format("'{}' is listed twice{}", *v, twice));
                ok = false;
            } else {
                ids.push_back(*v);
            }
        }
        if (!ok) return std::nullopt;
        return ids;
    }

    // A whole number in [lo, hi].
    std::optional<int> integer(const YAML::Node& n, const std::string& path, int lo, int hi = 10'000'000) {
        auto s = scalar(n, path, "a whole number");
        if (!s) return std::nullopt;
        errno = 0;
        char* end = nullptr;
        long v = std::strtol(s->c_str(), &end, 10);
        if (s->empty() || *end != '\0' || errno == ERANGE) {
            error(n, path, fmt::format("expected a whole number, got '{}'", *s));
            return std::nullopt;
        }
        if (v < lo || v > hi) {
            error(n, path, fmt::format("expected a whole number from {} to {}, got {}", lo, hi, v));
            return std::nullopt;
        }
        return static_cast<int>(v);
    }

    std::optional<double> quantity(const YAML::Node& n, const std::string& path, units::Kind kind, bool positive) {
        auto s = scalar(n, path, fmt::format("a {}", units::kind_name(kind)).c_str());
        if (!s) return std::nullopt;
        auto p = units::parse(kind, *s);
        if (!p.value) {
            error(n, path, p.error);
            return std::nullopt;
        }
        if (positive && !(*p.value > 0)) {
            error(n, path, fmt::format("must be greater than zero, got '{}'", *s));
            return std::nullopt;
        }
        auto range = units::physical_range(kind);
        if (*p.value != 0 && (std::abs(*p.value) < range.lo || std::abs(*p.value) > range.hi)) {
            error(n, path, fmt::format("expected a {} from {}, got '{}'", units::kind_name(kind), range.text, *s));
            return std::nullopt;
        }
        return p.value;
    }

    std::optional<double> ratio(const YAML::Node& n, const std::string& path, double lo, double hi, bool lo_open) {
        auto v = quantity(n, path, units::Kind::ratio, false);
        if (!v) return v;
        // 'margin: 10' means 1000% to the parser but almost surely 10% to the writer: a bare number is a fraction.
        if (*v > 1.0 && n.Scalar().find('%') == std::string::npos) {
            error(n, path,
                  fmt::format("a bare number is a fraction, so '{}' would be {}; write '{}%' or {}", n.Scalar(),
                              units::format_percent(*v), n.Scalar(), units::format_sig(*v / 100.0)));
            return std::nullopt;
        }
        if (*v > hi || *v < lo || (lo_open && *v == lo)) {
            error(n, path,
                  fmt::format("expected a ratio {} {} and at most {} (e.g. '95%' or 0.95), got '{}'", lo_open ? "above" : "from",
                              units::format_percent(lo), units::format_percent(hi), n.Scalar()));
            return std::nullopt;
        }
        return v;
    }

    // A plain positive number (a count of parameters, bytes per parameter): no unit.
    std::optional<double> real(const YAML::Node& n, const std::string& path, double lo_exclusive = 0.0) {
        auto s = scalar(n, path, "a number");
        if (!s) return std::nullopt;
        errno = 0;
        char* end = nullptr;
        double v = std::strtod(s->c_str(), &end);
        bool digits_only = !s->empty() && s->find_first_not_of("0123456789.eE+-") == std::string::npos;
        if (!digits_only || *end != '\0' || errno == ERANGE || !std::isfinite(v)) {
            error(n, path, fmt::format("expected a plain number (e.g. 405e9), got '{}'", *s));
            return std::nullopt;
        }
        if (!(v > lo_exclusive)) {
            error(n, path, fmt::format("must be greater than {}, got '{}'", lo_exclusive, *s));
            return std::nullopt;
        }
        return v;
    }

    // A count that may be `auto`: archplan sizes it later; the placeholder 1 is never analysed.
    std::optional<int> count_or_auto(const YAML::Node& n, const std::string& path, int lo, int hi, const std::string& knob) {
        if (n.IsScalar() && n.Scalar() == "auto") {
            if (knob.empty()) { // not a knob archplan sizes
                error(n, path, fmt::format("expected a whole number from {} to {}; 'auto' is not sized here", lo, hi));
                return std::nullopt;
            }
            m_autos.push_back(AutoCount{knob, loc_of(n)});
            return 1;
        }
        return integer(n, path, lo, hi);
    }
    std::vector<AutoCount> take_autos() { return std::move(m_autos); }

    template <class T, class F>
    std::vector<T> list(const YAML::Node& n, const std::string& path, std::size_t max, F&& each) {
        std::vector<T> out;
        if (!n.IsSequence()) {
            error(n, path, fmt::format("expected a list, got {}", type_name(n)));
            return out;
        }
        if (!within_limit(n, path, max)) return out;
        std::size_t i = 0;
        for (const auto& item : n) {
            auto v = each(item, fmt::format("{}[{}]", path, i++));
            if (v) out.push_back(std::move(*v));
        }
        return out;
    }

    // The documented limits on a spec's lists (docs/spec.md, "Limits"): each item costs an analysis of the whole
    // graph, so a list beyond them is an accident (a generator gone wrong), not a design.
    bool within_limit(const YAML::Node& n, const std::string& path, std::size_t max) {
        if (n.size() <= max) return true;
        error(n, path, fmt::format("at most {} items, got {}; archplan's limits are in docs/spec.md (Limits)", max, n.size()));
        return false;
    }

    // "2 x 400 Gb/s" or {ports: 2, rate: 400 Gb/s}.
    std::optional<Nic> nic(const YAML::Node& n, const std::string& path, const std::string& knob) {
        Nic nic;
        nic.loc = loc_of(n);
        if (n.IsMap()) {
            auto e = entries(n, path, {"ports", "rate"}, {"ports", "rate"});
            auto ports = e.count("ports") ? count_or_auto(e["ports"], path + ".ports", 1, 64, knob) : std::nullopt;
            auto rate = e.count("rate") ? quantity(e["rate"], path + ".rate", units::Kind::rate, true) : std::nullopt;
            if (!ports || !rate) return std::nullopt;
            nic.ports = *ports;
            nic.rate = BytesPerSecond(*rate);
            return nic;
        }
        auto s = scalar(n, path, "NIC ports and rate, e.g. '2 x 400 Gb/s'");
        if (!s) return std::nullopt;
        auto x = s->find(" x ");
        if (x == std::string::npos) {
            error(n, path, fmt::format("expected NIC ports and rate, e.g. '2 x 400 Gb/s', got '{}'", *s));
            return std::nullopt;
        }
        auto count = s->substr(0, x);
        if (count == "auto") {
            if (knob.empty()) {
                error(n, path, "expected a port count from 1 to 64 before ' x '; 'auto' is not sized here");
                return std::nullopt;
            }
            m_autos.push_back(AutoCount{knob, loc_of(n)});
            count = "1";
        }
        char* end = nullptr;
        long ports = std::strtol(count.c_str(), &end, 10);
        if (count.empty() || *end != '\0' || ports < 1 || ports > 64) {
            error(n, path, fmt::format("expected a port count from 1 to 64 before ' x ', got '{}'", count));
            return std::nullopt;
        }
        auto rate = units::parse_rate(s->substr(x + 3));
        if (!rate.value || !(*rate.value > 0)) {
            error(n, path, rate.value ? "the port rate must be greater than zero" : rate.error);
            return std::nullopt;
        }
        nic.ports = static_cast<int>(ports);
        nic.rate = BytesPerSecond(*rate.value);
        return nic;
    }

    // An error with a note on the next line ("did you mean ...?").
    void error(const YAML::Node& n, const std::string& path, const std::string& message, const std::string& note) {
        m_diags.error(loc_of(n), path.empty() ? message : fmt::format("{}: {}", path, message), note);
    }

    void error(const YAML::Node& n, const std::string& path, const std::string& message) {
        auto loc = loc_of(n);
        if (auto key = m_value_at_key.find(path); key != m_value_at_key.end()) loc = key->second;
        m_diags.error(loc, path.empty() ? message : fmt::format("{}: {}", path, message));
    }

    void note_value_site(const YAML::Node& key, const YAML::Node& value, const std::string& value_path) {
        auto k = loc_of(key), v = loc_of(value);
        bool before_key = v.line < k.line || (v.line == k.line && v.column < k.column); // only an alias can be
        if (value.IsNull() || before_key) m_value_at_key[value_path] = k;
    }

    static std::string join(const std::string& path, const std::string& key) { return path.empty() ? key : path + "." + key; }
    // "a, b or c", each word quoted when `quoted`.
    static std::string alternatives(const Keys& words, bool quoted) {
        std::string out;
        for (std::size_t i = 0; i < words.size(); ++i) {
            if (i > 0) out += i + 1 == words.size() ? " or " : ", ";
            out += quoted ? "'" + words[i] + "'" : words[i];
        }
        return out;
    }
    static std::string list(const Keys& keys) {
        std::string out;
        for (const auto& k : keys) out += (out.empty() ? "'" : ", '") + k + "'";
        return out;
    }

private:
    Diagnostics& m_diags;
    std::vector<AutoCount> m_autos;
    // Values whose own mark would mislead, so errors about them point at their key, by path (e.g.
    // "network[0].link"): "key:" with no value (yaml-cpp marks the null at the next token, often on the
    // next line) and an alias "key: *a" (marked where the anchor was defined, anywhere in the file).
    std::map<std::string, SourceLoc> m_value_at_key;
};

// The one YAML document of `text`, or nullopt with the reason in `diags` (NUL bytes, a syntax error, no document).
std::optional<YAML::Node> read_document(const std::string& text, Diagnostics& diags);

// A part a spec names, `name` or `{name: ..., <field>: <override>, ...}`, looked up in `catalog`; an override's
// source is the spec line. nullopt (with the error) for an unknown name (with the nearest) or a part of another kind.
std::optional<Part> part_ref(Loader& L, const YAML::Node& n, const std::string& path, const Catalog& catalog, PartKind kind,
                             const std::string& file);

// The parts of a `parts:` list (a catalog's, or a spec's own), each defined at `file`.
std::vector<Part> load_parts(Loader& L, const YAML::Node& n, const std::string& path, const std::string& file);

// The `facilities:` and `finance:` sections (load_facilities.cpp); check_facilities runs once the design is read.
void load_facilities(Loader& L, const YAML::Node& n, Spec& spec);
void check_facilities(Loader& L, const YAML::Node& n, const Spec& spec);
void load_finance(Loader& L, const YAML::Node& n, Spec& spec);
std::string today_utc(); // "2026-12-02"

// A bandwidth requirement a concurrent group or a tenant may name: the spec's own, and those its workloads derive
// (`<id>.read` for data loading, `<id>.drain` with a local tier, `<id>.write` with a goodput target).
struct NameableRequirement {
    std::string id;
    Direction direction = Direction::write;
    std::string from; // compute group
};
inline std::vector<NameableRequirement> nameable_requirements(const Spec& spec) {
    std::vector<NameableRequirement> all;
    for (const auto& r : spec.bandwidth) all.push_back({r.id, r.direction, r.from});
    for (const auto& w : spec.workloads) {
        if (w.kind == Workload::Kind::data_loading)
            all.push_back({w.id + ".read", Direction::read, w.from});
        else if (w.checkpoint.local)
            all.push_back({w.id + ".drain", Direction::write, w.from});
        else if (w.checkpoint.goodput)
            all.push_back({w.id + ".write", Direction::write, w.from});
    }
    return all;
}

// The `tenants:` section (load_tenants.cpp); check_tenants runs once the requirements are known to be whole, and sets
// a figure given for both directions at once on the direction the tenant's traffic has.
void load_tenants(Loader& L, const YAML::Node& n, Spec& spec);
void check_tenants(Loader& L, const YAML::Node& n, Spec& spec);

} // namespace archplan::spec::detail
