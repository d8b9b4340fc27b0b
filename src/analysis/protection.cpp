// Protection amplification: which stage carries how many bytes per client byte (docs/models.md, protection amplification; [35],
// [36], [37], [38] in docs/references.md).
#include "archplan/analysis/analysis.hpp"

#include <fmt/format.h>

namespace archplan::analysis {

Amplification write_amplification(const spec::Protection& p) {
    Amplification a;
    double stored = p.is_replication() ? p.replicas : static_cast<double>(p.k + p.m) / p.k;
    a.capacity = stored;
    a.drives = stored;
    switch (p.where) {
    case spec::ProtectionWhere::client: // the client sends every chunk or copy itself
        a.network = stored;
        a.east_west = 0.0;
        break;
    case spec::ProtectionWhere::server: // RAID or erasure coding inside the server
        a.network = 1.0;
        a.east_west = 0.0;
        break;
    case spec::ProtectionWhere::primary: // the receiving server keeps its share and forwards the rest
        a.network = 1.0;
        a.east_west = p.is_replication() ? p.replicas - 1.0 : static_cast<double>(p.k + p.m - 1) / p.k;
        break;
    }
    a.controller = a.network + a.east_west;
    a.own_drives = a.drives - a.east_west;
    return a;
}

std::string protection_label(const spec::Protection& p) {
    auto where = p.where == spec::ProtectionWhere::client   ? "client-side"
                 : p.where == spec::ProtectionWhere::server ? "server-side"
                                                            : "forwarded by the primary";
    if (p.is_replication()) return fmt::format("{} replicas, {}", p.replicas, where);
    return fmt::format("{}+{} erasure coding, {}", p.k, p.m, where);
}

} // namespace archplan::analysis
