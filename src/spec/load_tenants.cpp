// The `tenants:` section: who owns which traffic, with its floor and ceiling (docs/spec.md, tenants).
#include "loader.hpp"

#include <fmt/format.h>

namespace archplan::spec::detail {

namespace {

// `floor: 40 GB/s` (the direction of the tenant's traffic) or `floor: {write: 40 GB/s, read: 20 GB/s}`.
bool load_per_direction(Loader& L, const YAML::Node& n, const std::string& path, Tenant::PerDirection& out) {
    out.loc = loc_of(n);
    if (n.IsScalar()) {
        auto v = L.quantity(n, path, units::Kind::rate, true);
        if (!v) return false;
        out.any = BytesPerSecond(*v);
        return true;
    }
    auto e = L.entries(n, path, {"read", "write"}, {});
    if (!n.IsMap()) return false;
    if (e.empty()) {
        L.error(n, path, "expected a rate, or a map with 'read' and/or 'write' rates");
        return false;
    }
    bool ok = true;
    for (const char* key : {"read", "write"}) {
        if (!e.count(key)) continue;
        auto v = L.quantity(e[key], path + "." + key, units::Kind::rate, true);
        if (!v) {
            ok = false;
            continue;
        }
        (std::string(key) == "read" ? out.read : out.write) = BytesPerSecond(*v);
    }
    return ok;
}

std::optional<Tenant> load_tenant(Loader& L, const YAML::Node& n, const std::string& path) {
    auto e = L.entries(n, path, {"name", "requirements", "share", "floor", "ceiling"}, {"name"});
    if (!n.IsMap()) return std::nullopt;
    Tenant t;
    t.loc = loc_of(n);
    bool ok = e.count("name") > 0;
    if (e.count("name")) take(L.name(e["name"], path + ".name"), t.name, ok);
    if (e.count("requirements") == e.count("share")) {
        L.error(n, path,
                "give exactly one of 'requirements: [ids]' (the bandwidth requirements the tenant owns) or 'share: {group: "
                "<compute group>, fraction: 25%}' (a share of a group's nodes)");
        ok = false;
    }
    if (e.count("requirements")) {
        const auto& rn = e["requirements"];
        auto ids = L.id_list(rn, path + ".requirements", 1,
                             fmt::format("expected a non-empty list of requirement ids, got {}", type_name(rn)), "");
        if (ids)
            t.requirements = std::move(*ids);
        else
            ok = false;
    }
    if (e.count("share")) {
        auto sp = path + ".share";
        auto se = L.entries(e["share"], sp, {"group", "fraction"}, {"group", "fraction"});
        if (se.count("group")) take(L.name(se["group"], sp + ".group"), t.group, ok);
        if (se.count("fraction")) take(L.ratio(se["fraction"], sp + ".fraction", 0.0, 1.0, true), t.fraction, ok);
        if (!se.count("group") || !se.count("fraction")) ok = false;
    }
    if (!e.count("floor") && !e.count("ceiling")) {
        L.error(n, path, "give a 'floor' (guaranteed bandwidth), a 'ceiling' (the most it may take), or both");
        ok = false;
    }
    if (e.count("floor") && !load_per_direction(L, e["floor"], path + ".floor", t.floor)) ok = false;
    if (e.count("ceiling") && !load_per_direction(L, e["ceiling"], path + ".ceiling", t.ceiling)) ok = false;
    if (!ok) return std::nullopt;
    return t;
}

} // namespace

void load_tenants(Loader& L, const YAML::Node& n, Spec& spec) {
    spec.tenants = L.list<Tenant>(n, "tenants", limits::tenants,
                                  [&](const YAML::Node& item, const std::string& p) { return load_tenant(L, item, p); });
}

void check_tenants(Loader& L, const YAML::Node& n, Spec& spec) {
    // Every bandwidth requirement a tenant may own, with its direction and compute group.
    const auto all = nameable_requirements(spec);
    Keys ids, groups;
    for (const auto& o : all) ids.push_back(o.id);
    for (const auto& g : spec.compute) groups.push_back(g.name);
    std::map<std::string, std::string> owner; // requirement id -> tenant owning it whole
    std::map<std::string, double> shared;     // compute group -> shares given out
    std::set<std::string> names;
    std::size_t i = 0;
    for (auto& t : spec.tenants) {
        auto path = fmt::format("tenants[{}]", i);
        const auto& node = n[i++];
        auto fail = [&](const std::string& message, const std::string& note = {}) { L.error(node, path, message, note); };
        if (!names.insert(t.name).second) fail(fmt::format("tenant name '{}' is used twice", t.name), "");
        bool dirs[2] = {false, false}; // read, write
        for (const auto& id : t.requirements) {
            auto it = std::find_if(all.begin(), all.end(), [&](const NameableRequirement& o) { return o.id == id; });
            if (it == all.end()) {
                auto near = nearest(id, ids);
                fail(fmt::format("requirement '{}' is not defined", id),
                     near.empty() ? fmt::format("bandwidth requirements: {}", Loader::list(ids))
                                  : fmt::format("did you mean '{}'?", near));
                continue;
            }
            if (auto [o, fresh] = owner.emplace(id, t.name); !fresh)
                fail(fmt::format("requirement '{}' is already owned by tenant '{}'; a requirement has one owner (split a group "
                                 "between tenants with 'share')",
                                 id, o->second));
            dirs[it->direction == Direction::write] = true;
        }
        if (!t.group.empty()) {
            if (std::find(groups.begin(), groups.end(), t.group) == groups.end()) {
                auto near = nearest(t.group, groups);
                fail(fmt::format("share.group: compute group '{}' is not defined", t.group),
                     near.empty() ? fmt::format("compute groups: {}", Loader::list(groups))
                                  : fmt::format("did you mean '{}'?", near));
                continue;
            }
            shared[t.group] += t.fraction;
            for (const auto& o : all)
                if (o.from == t.group) dirs[o.direction == Direction::write] = true;
            if (!dirs[0] && !dirs[1])
                fail(fmt::format("compute group '{}' has no bandwidth requirement, so a share of it owns no traffic", t.group));
        }
        // A single figure is for the one direction the tenant's traffic has.
        for (auto* pd : {&t.floor, &t.ceiling}) {
            if (!pd->any) continue;
            if (dirs[0] && dirs[1])
                fail(fmt::format("tenant '{}' owns reads and writes: give its {} per direction, e.g. '{{write: 40 GB/s, read: "
                                 "20 GB/s}}'",
                                 t.name, pd == &t.floor ? "floor" : "ceiling"));
            else
                (dirs[0] ? pd->read : pd->write) = pd->any;
        }
        for (auto d : {Direction::read, Direction::write}) {
            bool has = dirs[d == Direction::write];
            for (auto* pd : {&t.floor, &t.ceiling})
                if (pd->of(d) && !has)
                    fail(fmt::format("tenant '{}' has a {} {} but owns no {} traffic", t.name, direction_name(d),
                                     pd == &t.floor ? "floor" : "ceiling", direction_name(d)));
            if (t.floor.of(d) && t.ceiling.of(d) && t.floor.of(d)->value() > t.ceiling.of(d)->value())
                fail(fmt::format("tenant '{}': its {} floor {} is above its ceiling {}", t.name, direction_name(d),
                                 units::format_rate(*t.floor.of(d)), units::format_rate(*t.ceiling.of(d))));
        }
    }
    for (const auto& [group, total] : shared)
        if (total > 1.0 + 1e-9)
            L.error(n, "tenants",
                    fmt::format("the shares of compute group '{}' add up to {}, more than its nodes", group,
                                units::format_percent(total)));
    for (const auto& [id, tenant] : owner) {
        auto it = std::find_if(all.begin(), all.end(), [&](const NameableRequirement& o) { return o.id == id; });
        if (shared.count(it->from))
            L.error(n, "tenants",
                    fmt::format("requirement '{}' is owned by tenant '{}', and its compute group '{}' is also shared out; own "
                                "requirements or share groups, not both for one group",
                                id, tenant, it->from));
    }
}

} // namespace archplan::spec::detail
