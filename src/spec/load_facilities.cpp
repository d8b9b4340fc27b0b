// The loader's `facilities:` and `finance:` sections (docs/spec.md): rack power feeds, oversubscription, PUE and
// the price of energy; the price of a node-hour and the jobs that hold nodes away from production.
#include "loader.hpp"

#include <ctime>

namespace archplan::spec::detail {

void load_facilities(Loader& L, const YAML::Node& n, Spec& spec) {
    const std::string path = "facilities";
    auto e = L.entries(n, path, {"pdu", "switches_per_rack", "oversubscription", "pue", "electricity"}, {});
    auto& f = spec.facilities;
    f.loc = loc_of(n);
    if (e.count("pdu")) {
        auto p = path + ".pdu";
        auto pe = L.entries(e["pdu"], p, {"voltage", "current", "phases", "power_factor", "feeds"}, {"voltage", "current"});
        Pdu pdu;
        pdu.loc = loc_of(e["pdu"]);
        bool ok = pe.count("voltage") && pe.count("current");
        if (pe.count("voltage")) take(L.quantity(pe["voltage"], p + ".voltage", units::Kind::voltage, true), pdu.voltage, ok);
        if (pe.count("current")) take(L.quantity(pe["current"], p + ".current", units::Kind::current, true), pdu.current, ok);
        if (pe.count("phases")) {
            auto v = L.one_of(pe["phases"], p + ".phases", {"1", "3"});
            if (v)
                pdu.phases = *v == "3" ? 3 : 1;
            else
                ok = false;
        }
        if (pe.count("power_factor")) {
            take(L.ratio(pe["power_factor"], p + ".power_factor", 0.0, 1.0, true), pdu.power_factor, ok);
            pdu.power_factor_given = true;
        }
        if (pe.count("feeds")) take(L.integer(pe["feeds"], p + ".feeds", 1, 2), pdu.feeds, ok);
        if (ok) f.pdu = pdu;
    }
    if (e.count("switches_per_rack")) {
        auto v = L.integer(e["switches_per_rack"], path + ".switches_per_rack", 1, 100);
        if (v) f.switches_per_rack = *v;
    }
    if (e.count("oversubscription")) {
        auto p = path + ".oversubscription";
        const auto& m = e["oversubscription"];
        if (!m.IsMap()) {
            L.error(m, p, fmt::format("expected a map of PDU domain to factor (e.g. {{gpu: 1.0}}), got {}", type_name(m)));
        } else {
            for (auto it = m.begin(); it != m.end(); ++it) {
                auto domain = it->first.Scalar();
                auto v = L.ratio(it->second, p + "." + domain, 0.0, 1.0, true);
                if (v) f.oversubscription.emplace_back(domain, *v);
            }
        }
    }
    if (e.count("pue")) {
        auto v = L.real(e["pue"], path + ".pue", 0.0);
        if (v && (*v < 1.0 || *v > 5.0))
            L.error(e["pue"], path + ".pue",
                    fmt::format("power usage effectiveness is total facility power over IT power: from 1 to 5, got {}", *v));
        else if (v)
            f.pue = *v;
    }
    if (e.count("electricity")) {
        auto v = L.quantity(e["electricity"], path + ".electricity", units::Kind::energy_price, true);
        if (v) f.electricity = *v;
    }
}

// The domains an oversubscription factor may name: compute groups, storage systems, and "network".
void check_facilities(Loader& L, const YAML::Node& n, const Spec& spec) {
    if (!n.IsMap() || !n["oversubscription"] || !n["oversubscription"].IsMap()) return;
    Keys domains;
    for (const auto& c : spec.compute) domains.push_back(c.name);
    for (const auto& s : spec.storage) domains.push_back(s.name);
    domains.emplace_back("network");
    const auto& m = n["oversubscription"];
    for (auto it = m.begin(); it != m.end(); ++it) {
        auto domain = it->first.Scalar();
        if (std::find(domains.begin(), domains.end(), domain) != domains.end()) continue;
        auto near = nearest(domain, domains);
        L.error(it->first, "facilities.oversubscription",
                fmt::format("'{}' is not a PDU domain: {}{}", domain, Loader::list(domains),
                            near.empty() ? std::string() : fmt::format("; did you mean '{}'?", near)));
    }
}

void load_finance(Loader& L, const YAML::Node& n, Spec& spec) {
    const std::string path = "finance";
    auto e = L.entries(n, path, {"node_hour", "as_of", "jobs"}, {});
    auto& f = spec.finance;
    f.loc = loc_of(n);
    if (e.count("node_hour")) {
        auto v = L.quantity(e["node_hour"], path + ".node_hour", units::Kind::money_rate, true);
        if (v) f.node_hour = *v;
    }
    if (e.count("as_of")) {
        auto v = L.scalar(e["as_of"], path + ".as_of", "a date");
        if (v && !day_number(*v))
            L.error(e["as_of"], path + ".as_of", fmt::format("expected a date YYYY-MM-DD, got '{}'", *v));
        else if (v) {
            f.as_of = *v;
            f.as_of_given = true;
        }
    }
    if (e.count("jobs")) {
        std::set<std::string> names;
        f.jobs =
            L.list<Job>(e["jobs"], path + ".jobs", 256, [&](const YAML::Node& item, const std::string& p) -> std::optional<Job> {
                auto je = L.entries(item, p, {"name", "nodes", "time", "hpl", "setup", "per_year"}, {"name", "nodes"});
                if (!item.IsMap()) return std::nullopt;
                Job j;
                j.loc = loc_of(item);
                bool ok = je.count("name") && je.count("nodes");
                if (je.count("name")) {
                    auto v = L.name(je["name"], p + ".name");
                    if (v && !names.insert(*v).second) {
                        L.error(je["name"], p + ".name", fmt::format("job '{}' is listed twice", *v));
                        ok = false;
                    }
                    take(v, j.name, ok);
                }
                if (je.count("nodes")) take(L.integer(je["nodes"], p + ".nodes", 1, 10'000'000), j.nodes, ok);
                if (je.count("time") == je.count("hpl")) {
                    L.error(
                        item, p,
                        "give the job's 'time', or 'hpl: {n: ..., rmax: ...}' to find it from the problem size (one of them)");
                    ok = false;
                }
                if (je.count("time")) take(L.quantity(je["time"], p + ".time", units::Kind::duration, true), j.time, ok);
                if (je.count("hpl")) {
                    auto hp = p + ".hpl";
                    auto he = L.entries(je["hpl"], hp, {"n", "rmax"}, {"n", "rmax"});
                    if (he.count("n")) take(L.real(he["n"], hp + ".n", 0.0), j.hpl_n, ok);
                    if (he.count("rmax")) take(L.quantity(he["rmax"], hp + ".rmax", units::Kind::flops, true), j.rmax, ok);
                    ok = ok && he.count("n") && he.count("rmax");
                }
                if (je.count("setup")) take(L.quantity(je["setup"], p + ".setup", units::Kind::duration, false), j.setup, ok);
                if (je.count("per_year")) take(L.real(je["per_year"], p + ".per_year", 0.0), j.per_year, ok);
                if (!ok) return std::nullopt;
                return j;
            });
    }
}

std::string today_utc() {
    std::time_t now = std::time(nullptr);
    std::tm tm{};
    gmtime_r(&now, &tm);
    return fmt::format("{:04}-{:02}-{:02}", tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
}

} // namespace archplan::spec::detail
