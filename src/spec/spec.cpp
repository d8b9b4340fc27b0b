// Lookups and names for the spec structs.
#include "archplan/spec/spec.hpp"

#include <algorithm>

namespace archplan::spec {

const char* direction_name(Direction d) { return d == Direction::read ? "read" : "write"; }

const char* where_name(ProtectionWhere w) {
    switch (w) {
    case ProtectionWhere::server: return "server";
    case ProtectionWhere::client: return "client";
    case ProtectionWhere::primary: return "primary";
    }
    return "server";
}

namespace {
template <class T>
const T* find_named(const std::vector<T>& items, const std::string& name) {
    auto it = std::find_if(items.begin(), items.end(), [&](const T& t) { return t.name == name; });
    return it == items.end() ? nullptr : &*it;
}
} // namespace

const ComputeGroup* Spec::find_compute(const std::string& n) const { return find_named(compute, n); }
const StorageSystem* Spec::find_storage(const std::string& n) const { return find_named(storage, n); }
const Network* Spec::find_network(const std::string& n) const { return find_named(networks, n); }
const RouterGroup* Spec::find_router(const std::string& n) const { return find_named(routers, n); }

const Nic* Spec::nic_on(const std::string& group, const std::string& network) const {
    if (const auto* c = find_compute(group)) return &c->storage_nic;
    if (const auto* s = find_storage(group)) return s->cluster && s->cluster->network == network ? &s->cluster->nic : &s->nic;
    if (const auto* r = find_router(group)) return r->nic_on(network);
    return nullptr;
}

int Spec::endpoints_of(const std::string& group) const {
    if (const auto* c = find_compute(group)) return c->count;
    if (const auto* s = find_storage(group)) return s->servers;
    if (const auto* r = find_router(group)) return r->count;
    return 0;
}

} // namespace archplan::spec
